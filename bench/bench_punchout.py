"""Punch-out setup benchmark (issue 5): POST /cxml PunchOutSetupRequests through the real gateway
under gunicorn on 127.0.0.1, next to a bare Flask endpoint that only parses the same body with
lxml, both with the same workers and threads; prints requests per second for both, the ratio
(goal: the full setup at least half the bare rate), and p50/p99.

    python bench/bench_punchout.py [--seconds 10] [--rounds 1] [--warmup 2] [--connections 8]
                                   [--workers 2] [--threads 4]
                                   [--database-url postgresql+psycopg://.../empty_db]

Both servers run side by side and are loaded in turn (bare, gateway, bare, ...), `--rounds`
times, so that a machine shared with other work affects both alike; each line is one round and
the ratio is that of the medians. Each server first gets `--warmup` seconds of the same load,
not counted: every gunicorn worker verifies the partner's argon2 secret (64 MiB, tens of ms)
and reads the partner once, and a short cold run would measure that instead of setups.
Load comes from wrk (Debian package `wrk`) with a Lua script that posts the body.

Each line also gives the server's CPU per request: the user and system time of its processes
(from /proc) from the start of its load until it is idle again, over the requests answered.
Work a server leaves for after its load (rows written behind) is counted there, and is named
("drained in N s"); no load starts before every server is idle, so such work never slows the
next server's round. CPU per request varies less than the rate between rounds, and its ratio is
printed too.

wrk keeps its connections alive, and each stays with the worker that accepted it; a round runs
only with them spread evenly over the workers (at most one apart, checked with `ss` half a second
in, the round started again otherwise), and each line shows the spread ("split 4/4").

With `--minimal`, three more servers run under the same settings: `minimal_setup.py`, the least
a setup can do written by hand, storing the rows a setup stores through the gateway's own write
path before answering, storing them after answering (written behind), and storing nothing.
Their ratios tell how much of the gap to the bare endpoint is the gateway's layers and how much
is storing the setup.
"""

import argparse
import datetime
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import requests
from wrk_load import SPREAD_TRIES
from wrk_load import EvenSpread
from wrk_load import cpu_seconds
from wrk_load import free_port
from wrk_load import run_wrk
from wrk_load import settle
from wrk_load import wait_ready

from cxml.document import build_cxml
from cxml.envelope import Credential
from cxml.envelope import CXml
from cxml.envelope import Header
from cxml.envelope import Party
from cxml.envelope import Request
from cxml.envelope import Sender
from cxml.punchout import PunchOutSetupRequest
from cxml.values import Extrinsic

BIN = pathlib.Path(sys.executable).parent
HERE = pathlib.Path(__file__).resolve().parent
BARE = "bare lxml endpoint"
GATEWAY = "gateway setup"
MINIMAL = "minimal, commit"
MINIMAL_BEHIND = "minimal, behind"
MINIMAL_NONE = "minimal, no writes"
MINIMAL_WRITES = {MINIMAL: "commit", MINIMAL_BEHIND: "behind", MINIMAL_NONE: "none"}


def setup_body() -> bytes:
    """A PunchOutSetupRequest as the demo Ariba partner sends it."""
    credential = Credential(domain="NetworkID", identity="AN01000000042")
    header = Header(
        from_=Party(credentials=(credential,)),
        to=Party(credentials=(Credential(domain="NetworkID", identity="GATEWAY"),)),
        sender=Sender(
            credentials=(
                Credential(
                    domain="NetworkID", identity="AN01000000042", shared_secret="demo-ariba-secret"
                ),
            ),
            user_agent="Benchmark",
        ),
    )
    content = PunchOutSetupRequest(
        operation="create",
        buyer_cookie="bench-cookie",
        browser_form_post="http://127.0.0.1/return",
        extrinsics=(Extrinsic(name="UserEmail", value="bench@demo.example"),),
    )
    moment = datetime.datetime.now(datetime.UTC)
    return build_cxml(
        CXml(
            payload_id=f"{time.time()}@bench",
            timestamp=moment,
            lang="de-DE",
            header=header,
            body=Request(content=content),
        )
    )


def load(url: str, body_file: pathlib.Path, seconds: int, connections: int, accept=None):
    script = body_file.with_suffix(".lua")
    script.write_text(
        'local f = io.open("' + str(body_file) + '", "rb")\n'
        'wrk.method = "POST"\nwrk.body = f:read("*a")\nf:close()\n'
        'wrk.headers["Content-Type"] = "text/xml; charset=UTF-8"\n'
    )
    return run_wrk(url, script, seconds, connections, accept=accept)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=2, help="Seconds of load not counted.")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--serve-option",
        action="append",
        default=[],
        help="One more option for `gateway serve` (repeatable), e.g. --serve-option=--access-log.",
    )
    parser.add_argument(
        "--minimal",
        action="store_true",
        help="Also load the hand-written minimal setup: writing before answering, after, never.",
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="An empty database to load the demo in (default: SQLite).",
    )
    return parser.parse_args()


def server_commands(args: argparse.Namespace, ports: dict[str, int]) -> dict[str, list]:
    """Every server, with the same gunicorn worker class, workers and threads, and none
    writing an access log (gunicorn's costs a tenth of a setup's CPU; the bare one has none)."""
    workers = ["--workers", str(args.workers), "--threads", str(args.threads)]

    def gunicorn(name: str, app: str) -> list:
        return [
            BIN / "gunicorn",
            *("--chdir", str(HERE), "-k", "gthread", *workers),
            *("-b", f"127.0.0.1:{ports[name]}", app),
        ]

    commands = {
        BARE: gunicorn(BARE, "bare_endpoint:app"),
        GATEWAY: [
            *(BIN / "gateway", "serve", *workers, "--port", str(ports[GATEWAY])),
            *("--no-access-log", "--no-outbox", *args.serve_option),
        ],
    }
    if args.minimal:
        for name, writes in MINIMAL_WRITES.items():
            commands[name] = [
                *("env", f"MINIMAL_SETUP_WRITES={writes}"),
                *gunicorn(name, "minimal_setup:app"),
            ]
    return commands


def check_answer(url: str, body: bytes) -> None:
    answer = requests.post(url, data=body, headers={"Content-Type": "text/xml"}, timeout=30)
    assert b'code="200"' in answer.content, answer.content[:500]


def measured_load(servers: dict, name: str, url: str, body: pathlib.Path, args) -> dict:
    """One round of load on one server, once every server is idle: wrk's figures, with the
    server's CPU per request (microseconds) until it is idle again, how long that took, and how
    wrk's connections were spread over its workers. A round whose connections are not spread
    evenly (wrk_load.EvenSpread) is stopped after half a second and started again."""
    spread = EvenSpread(int(url.rsplit(":", 1)[1]), args.workers, args.connections)
    pid = servers[name].pid
    for _attempt in range(SPREAD_TRIES):
        settle(server.pid for server in servers.values())
        before = cpu_seconds(pid)
        figures = load(f"{url}/cxml", body, args.seconds, args.connections, accept=spread)
        if figures is not None:
            figures["drain"] = settle([pid])
            figures["cpu"] = (cpu_seconds(pid) - before) / max(figures["requests"], 1) * 1e6
            figures["split"] = str(spread)
            return figures
        print(f"{name:20s} connections spread {spread}: started again")
    raise SystemExit(f"{name}: wrk's connections were not spread evenly in {SPREAD_TRIES} tries")


def summary(results: dict[str, list[dict]]) -> None:
    """The medians over the rounds: rates and their ratio to the bare endpoint's (the goal's
    figure), and CPU per request with the bare endpoint's over each server's."""
    rates = {name: statistics.median(f["rps"] for f in rounds) for name, rounds in results.items()}
    cpu = {name: statistics.median(f["cpu"] for f in rounds) for name, rounds in results.items()}
    print(
        f"median: bare {rates[BARE]:,.0f} req/s, gateway {rates[GATEWAY]:,.0f} req/s; "
        f"ratio gateway / bare: {rates[GATEWAY] / rates[BARE]:.2f} (goal: at least 0.50)"
    )
    print(
        f"median CPU per request: bare {cpu[BARE]:,.0f} us, gateway {cpu[GATEWAY]:,.0f} us;"
        f" bare / gateway: {cpu[BARE] / cpu[GATEWAY]:.2f}"
    )
    for name in list(results)[2:]:
        print(
            f"median: {name} {rates[name]:,.0f} req/s, {cpu[name]:,.0f} us CPU per request;"
            f" ratio to bare: {rates[name] / rates[BARE]:.2f} (rate),"
            f" {cpu[BARE] / cpu[name]:.2f} (CPU)"
        )


def main() -> None:
    args = arguments()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    work = pathlib.Path(tempfile.mkdtemp(prefix="bench-punchout-"))
    env = dict(os.environ, GATEWAY_INSTANCE_PATH=str(work))
    if args.database_url:
        env["GATEWAY_DATABASE_URL"] = args.database_url
        subprocess.run([BIN / "gateway", "db", "upgrade"], env=env, check=True, capture_output=True)
    subprocess.run([BIN / "gateway", "demo"], env=env, check=True, capture_output=True)
    print(f"database: {args.database_url.split('://')[0] if args.database_url else 'sqlite'}")
    body = work / "setup.xml"
    body.write_bytes(setup_body())
    names = (BARE, GATEWAY, *MINIMAL_WRITES) if args.minimal else (BARE, GATEWAY)
    ports = {name: free_port() for name in names}
    commands = server_commands(args, ports)
    urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    servers = {
        name: subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for name, command in commands.items()
    }
    results = {name: [] for name in names}
    try:
        for url in urls.values():
            wait_ready(f"{url}/healthz")
            check_answer(f"{url}/cxml", body.read_bytes())
            if args.warmup:
                load(f"{url}/cxml", body, args.warmup, args.connections)
        for _round in range(args.rounds):
            for name, url in urls.items():
                figures = measured_load(servers, name, url, body, args)
                results[name].append(figures)
                drained = f"  drained in {figures['drain']:.1f} s" if figures["drain"] > 0.1 else ""
                print(
                    f"{name:20s} {figures['rps']:>9,.0f} req/s  CPU {figures['cpu']:>6,.0f} us/req"
                    f"  p50 {figures['p50']:>8}  p99 {figures['p99']:>8}"
                    f"  non-2xx {figures['errors']}  split {figures['split']}{drained}",
                    flush=True,
                )
    finally:
        for server in servers.values():
            server.terminate()
            server.wait(timeout=30)
    summary(results)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
