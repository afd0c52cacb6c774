"""What the HTTP benchmarks share: a free port on 127.0.0.1, waiting for a server to answer, and
one wrk run read into figures (requests/s, p50, p99, non-2xx answers)."""

import re
import socket
import subprocess
import time
from pathlib import Path

import requests

__all__ = ["free_port", "run_wrk", "wait_ready"]


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
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": re.search(r"\s50%\s+(\S+)", out).group(1),
        "p99": re.search(r"\s99%\s+(\S+)", out).group(1),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }
