"""What the HTTP benchmarks share: a free port on 127.0.0.1, waiting for a server to answer, one
wrk run read into figures (requests, requests/s, p50, p99, non-2xx answers), and the CPU time a
server's processes have used, with a wait until they are idle."""

import os
import re
import socket
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path

import requests

__all__ = ["cpu_seconds", "free_port", "run_wrk", "settle", "wait_ready"]

_TICK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_ready(url: str, seconds: float = 60) -> None:
    """Return once `url` answers at all; exit the benchmark if it does not within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=1)
            return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not start")


def run_wrk(url: str, script: Path, seconds: int, connections: int) -> dict:
    """wrk's figures for `seconds` of load with the Lua `script` (two wrk threads)."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": re.search(r"\s50%\s+(\S+)", out).group(1),
        "p99": re.search(r"\s99%\s+(\S+)", out).group(1),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def cpu_seconds(pid: int) -> float:
    """User and system CPU used so far by the process `pid` and its descendants that are
    running (a gunicorn master and its workers), from /proc."""
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:  # ended while we looked
                continue
            stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    tree, ticks = {pid}, 0
    for _ in range(4):  # master, workers, and whatever they start: a few levels at most
        tree |= {child for child, (parent, _t) in stats.items() if parent in tree}
    for member in tree:
        ticks += stats.get(member, (0, 0))[1]
    return ticks / _TICK


def settle(pids: Iterable[int], *, window: float = 0.25, timeout: float = 60) -> float:
    """Wait until the servers `pids` (with their workers) use under 2% of a core over `window`
    seconds: a server still finishing work of an earlier load (rows written behind, say) must
    not take CPU from the next one's. Returns the seconds waited; exits past `timeout`."""
    pids = list(pids)
    started = time.monotonic()
    before = sum(cpu_seconds(pid) for pid in pids)
    while True:
        time.sleep(window)
        after = sum(cpu_seconds(pid) for pid in pids)
        if after - before < 0.02 * window:
            return time.monotonic() - started - window
        if time.monotonic() - started > timeout:
            raise SystemExit(f"the servers did not go idle within {timeout:.0f} s")
        before = after
