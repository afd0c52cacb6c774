"""The least CPU storing a punch-out setup can take on SQLite, for bench_punchout.py's figures:
the three rows a setup stores (its request's log row, the session, its answer's log row), written
with the standard library's sqlite3 alone (no SQLAlchemy, no threads, values made up front but
for the tokens' hashes) into the gateway's own schema, by `--processes` processes taking turns on
a file lock as the gateway's workers do, `--batch` setups a transaction, `synchronous=NORMAL` and
foreign keys on, as the group commit writes.

    python bench/setup_write_floor.py [--setups 20000] [--batch 1] [--processes 2]

Prints each process's CPU (user and system) per setup.
"""

import argparse
import datetime
import fcntl
import hashlib
import os
import pathlib
import secrets
import sqlite3
import subprocess
import sys
import tempfile

BIN = pathlib.Path(sys.executable).parent
REQUEST = b"<cXML><!-- a setup request's size -->" + b" " * 800 + b"</cXML>"
ANSWER = b"<cXML><!-- a setup answer's size -->" + b" " * 430 + b"</cXML>"
LOG = (
    "INSERT INTO documents (direction, doc_type, partner_id, payload_id, session_id, status_code,"
    " status_text, sha256, body, created_at) VALUES (?, ?, ?, ?, ?, 200, '', ?, ?, ?)"
)
SESSION = (
    "INSERT INTO punchout_sessions (token_hash, start_token_hash, partner_id, entity_id,"
    " protocol, operation, buyer_cookie, return_url, user_name, user_email, language, ship_to,"
    " extra, state, created_at, expires_at) VALUES (?, ?, ?, ?, 'cxml', 'create', 'cookie',"
    " 'https://buyer.example/return', '', 'buyer@example.com', 'de', '{}',"
    ' \'{"extrinsics": {"UserEmail": "buyer@example.com"}}\', \'open\', ?, ?)'
)


def write(database: pathlib.Path, setups: int, batch: int) -> float:
    """Store `setups` setups; returns this process's CPU seconds."""
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA synchronous=NORMAL")
    partner, entity = connection.execute("SELECT id, entity_id FROM trading_partners").fetchone()
    lock = open(database.with_suffix(".lock"), "a+b")
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None).isoformat(" ")
    request_sum, answer_sum = (
        hashlib.sha256(REQUEST).hexdigest(),
        hashlib.sha256(ANSWER).hexdigest(),
    )
    started = os.times()
    for _ in range(setups // batch):
        fcntl.flock(lock, fcntl.LOCK_EX)
        connection.execute("BEGIN IMMEDIATE")
        for _ in range(batch):
            connection.execute(
                LOG,
                ("in", "PunchOutSetupRequest", partner, "1@buyer", None, request_sum, REQUEST, now),
            )
            tokens = (hashlib.sha256(secrets.token_bytes(32)).hexdigest() for _ in range(2))
            session = connection.execute(SESSION, (*tokens, partner, entity, now, now)).lastrowid
            connection.execute(
                LOG,
                ("out", "PunchOutSetupResponse", partner, "2@us", session, answer_sum, ANSWER, now),
            )
        connection.execute("COMMIT")
        fcntl.flock(lock, fcntl.LOCK_UN)
    ended = os.times()
    return (ended.user - started.user) + (ended.system - started.system)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setups", type=int, default=20000, help="Setups each process stores.")
    parser.add_argument("--batch", type=int, default=1, help="Setups a transaction.")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    work = pathlib.Path(tempfile.mkdtemp(prefix="bench-write-floor-"))
    env = dict(os.environ, GATEWAY_INSTANCE_PATH=str(work))
    env.pop("GATEWAY_DATABASE_URL", None)
    subprocess.run([BIN / "gateway", "demo"], env=env, check=True, capture_output=True)
    database = work / "gateway.sqlite3"
    children = []
    for _ in range(args.processes):
        reading, writing = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(reading)
            os.write(writing, repr(write(database, args.setups, args.batch)).encode())
            os._exit(0)
        os.close(writing)
        children.append((pid, reading))
    for number, (pid, reading) in enumerate(children, 1):
        cpu = float(os.read(reading, 100))
        os.waitpid(pid, 0)
        print(
            f"process {number}: {cpu / args.setups * 1e6:.0f} us CPU per setup"
            f" ({args.setups:,} setups, {args.batch} a transaction, {args.processes} processes)"
        )
    subprocess.run(["rm", "-rf", str(work)], check=True)


if __name__ == "__main__":
    main()
