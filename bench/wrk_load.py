"""What the HTTP benchmarks share: a free port on 127.0.0.1, waiting for a server to answer, one
wrk run read into figures (requests, requests/s, p50, p99, non-2xx answers), how its kept-alive
connections are spread over a server's processes, and the CPU time a server's processes have
used, with a wait until they are idle."""

import os
import re
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from collections.abc import Iterable
from pathlib import Path

import requests

__all__ = [
    "EvenSpread",
    "connection_split",
    "cpu_seconds",
    "free_port",
    "run_wrk",
    "settle",
    "wait_ready",
]

# Starts of a load whose connections are not spread evenly over the server's workers.
SPREAD_TRIES = 20

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


def run_wrk(
    url: str,
    script: Path,
    seconds: int,
    connections: int,
    *,
    accept: Callable[[], bool] | None = None,
) -> dict | None:
    """wrk's figures for `seconds` of load with the Lua `script` (two wrk threads). With
    `accept`, it is asked half a second in whether the load is as wanted; if not, wrk is stopped
    and None returned."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script)]
    wrk = subprocess.Popen([*command, url], stdout=subprocess.PIPE, text=True)
    if accept is not None:
        time.sleep(0.5)
        if not accept():
            wrk.kill()
            wrk.communicate()
            return None
    out = wrk.communicate()[0]
    if wrk.returncode:
        raise subprocess.CalledProcessError(wrk.returncode, command, out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": re.search(r"\s50%\s+(\S+)", out).group(1),
        "p99": re.search(r"\s99%\s+(\S+)", out).group(1),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def connection_split(port: int, processes: int) -> list[int]:
    """How many established connections to 127.0.0.1:`port` each of a server's `processes`
    holds (from `ss`), most first; a process holding none counts 0."""
    out = subprocess.run(
        ["ss", "-Htnp", "state", "established", f"( sport = :{port} )"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    held = Counter(re.findall(r"pid=(\d+)", out))
    counts = sorted(held.values(), reverse=True)
    return (counts + [0] * processes)[: max(processes, len(counts))]


class EvenSpread:
    """run_wrk's `accept`: wrk's connections are all up and spread over the server's `workers`
    at most one apart. A gunicorn worker keeps each kept-alive connection it accepted, and one
    idle worker sometimes takes all of them (8/0): the server then runs as one worker, the bare
    endpoint at about a third of its rate, and a ratio taken then says nothing. `str()` is the
    split last seen, e.g. "4/4"."""

    def __init__(self, port: int, workers: int, connections: int) -> None:
        self.port, self.workers, self.connections = port, workers, connections
        self.split: list[int] = []

    def __call__(self) -> bool:
        self.split = connection_split(self.port, self.workers)
        return sum(self.split) == self.connections and self.split[0] - self.split[-1] <= 1

    def __str__(self) -> str:
        return "/".join(map(str, self.split))


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
