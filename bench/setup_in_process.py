"""The CPU of one punch-out setup without a server, for bench_punchout.py's figures: the
gateway's WSGI app and the bare endpoint's (bare_endpoint.py) called in one thread of this
process with the same PunchOutSetupRequest, as gunicorn would call them but with no socket, no
threads and no second process. The difference between these figures and bench_punchout.py's
CPU per request is the server's share, the same for both apps.

    python bench/setup_in_process.py [--setups 3000] [--profile]

The gateway runs on a new SQLite instance with the demo loaded (GATEWAY_INSTANCE_PATH is set
to a temporary folder). With --profile, pyinstrument's tree of the gateway's setups follows.
"""

import argparse
import io
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

from bench_punchout import BIN
from bench_punchout import setup_body


def environ(body: bytes) -> dict:
    return {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/cxml",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "CONTENT_TYPE": "text/xml; charset=UTF-8",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
    }


def caller(app, body: bytes):
    """One request to `app`, its answer checked to be a cXML 200."""

    def call() -> None:
        statuses = []
        answer = b"".join(app(environ(body), lambda status, _headers: statuses.append(status)))
        if not statuses[0].startswith("200") or b'code="200"' not in answer:
            raise SystemExit(f"not answered 200: {statuses[0]} {answer[:300]!r}")

    return call


def cpu_per_call(call, count: int) -> float:
    """Microseconds of this process's CPU per call, after a tenth as many calls not counted."""
    for _ in range(max(count // 10, 10)):
        call()
    started = time.process_time()
    for _ in range(count):
        call()
    return (time.process_time() - started) / count * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setups", type=int, default=3000)
    parser.add_argument("--profile", action="store_true", help="Also print pyinstrument's tree.")
    args = parser.parse_args()
    work = pathlib.Path(tempfile.mkdtemp(prefix="bench-setup-"))
    os.environ["GATEWAY_INSTANCE_PATH"] = str(work)
    try:
        subprocess.run([BIN / "gateway", "demo"], check=True, capture_output=True)
        from bare_endpoint import app as bare

        from gateway import create_app

        body = setup_body()
        gateway = create_app()
        calls = {"bare lxml endpoint": caller(bare, body), "gateway setup": caller(gateway, body)}
        figures = {name: cpu_per_call(call, args.setups) for name, call in calls.items()}
        for name, micros in figures.items():
            print(f"{name:20s} {micros:7,.0f} us CPU per setup ({args.setups:,} setups)")
        bare_us, gateway_us = figures.values()
        own = gateway_us - bare_us
        print(f"bare / gateway: {bare_us / gateway_us:.2f}; the gateway's own work {own:,.0f} us")
        if args.profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0002)
            with profiler:
                for _ in range(args.setups):
                    calls["gateway setup"]()
            print(profiler.output_text(unicode=False, color=False))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
