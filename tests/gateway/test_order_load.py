"""Orders under load through a real server process on 127.0.0.1: concurrent duplicates
(PostgreSQL), and a SIGKILL in the middle of a load followed by a restart."""

import concurrent.futures
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests
from sqlalchemy import func
from sqlalchemy import select

from gateway.models import Order
from gateway.models import OutboxItem
from gateway.orders import OutboxConfig
from gateway.orders import run_outbox

from .catalog_data import add_cxml_partner
from .catalog_data import build
from .conftest import SERVER_URL
from .test_order_support import Receiver
from .test_order_support import line
from .test_order_support import order_bytes

SECRET_KEY = "test-secret-key-" + "x" * 32
GATEWAY = os.path.join(os.path.dirname(sys.executable), "gateway")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`gateway serve` in its own process group, so that a SIGKILL takes all its workers."""

    def __init__(
        self,
        database_url: str,
        instance,
        workers: int = 2,
        threads: int = 4,
        back_office: str | None = None,
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/cxml"
        env = {
            **os.environ,
            "GATEWAY_DATABASE_URL": database_url,
            "GATEWAY_INSTANCE_PATH": str(instance),
            "GATEWAY_SECRET_KEY": SECRET_KEY,
            "GATEWAY_LOG_LEVEL": "WARNING",
        }
        command = [GATEWAY, "serve", "--port", str(self.port)]
        command += ["--workers", str(workers), "--threads", str(threads)]
        if back_office:  # serve's own outbox process delivers there
            env["GATEWAY_BACK_OFFICE_URL"] = back_office
            env["GATEWAY_BACK_OFFICE_SECRET"] = "k" * 32
        else:  # the test runs the outbox itself
            command.append("--no-outbox")
        self.process = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{self.port}/healthz", timeout=5).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.kill()
        raise RuntimeError("gateway serve did not come up")

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        """Ctrl-C's way: SIGTERM to gunicorn's master, which stops its outbox process."""
        self.process.terminate()
        self.process.wait(timeout=30)


def documents(count: int) -> list[tuple[str, bytes]]:
    skus = ["LAP-100", "MON-200", "CAB-300"]
    return [
        (
            f"load-{n}@buyer",
            order_bytes(
                f"load-{n}@buyer",
                [line(k, skus[(n + k) % 3], str(1 + k)) for k in range(1, 4)],
                order_id=f"PO-LOAD-{n}",
            ),
        )
        for n in range(count)
    ]


@pytest.fixture
def partner(db):
    with db.transaction() as session:
        fr, _uk = build(session)
        add_cxml_partner(session, fr)


def flaky(n: int):
    """Fails every other call; every seventh hangs past the sender's timeout."""
    if n % 7 == 3:
        return 200, b"{}", 0.5
    return (503, b"busy", 0) if n % 2 else (200, b"{}", 0)


def forward_all(db, workers: int, script=None) -> Receiver:
    """Run the outbox until nothing is due, into a back-office receiver; return it."""
    receiver = Receiver(script)
    config = OutboxConfig(
        back_office_url=receiver.url,
        back_office_secret="k" * 32,
        base_delay_seconds=0,
        timeout_seconds=0.25,
        max_attempts=50,
    )
    run_outbox(db, config, workers=workers, until_empty=True)
    return receiver


def stored(db) -> tuple[int, set[str]]:
    with db.transaction() as session:
        payloads = set(session.scalars(select(Order.payload_id)))
        pending = session.scalar(
            select(func.count()).select_from(OutboxItem).where(OutboxItem.state != "delivered")
        )
    return pending, payloads


if SERVER_URL:  # by nature a PostgreSQL test: SQLite takes one writer at a time

    @pytest.mark.parametrize("migrated_database", ["postgresql"], indirect=True)
    def test_eight_clients_post_the_same_200_orders_at_once(db, database_url, partner, tmp_path):
        orders = documents(200)
        server = Server(database_url, tmp_path / "instance", workers=4, threads=8)
        try:

            def client(seed: int) -> list[tuple[str, int, bytes]]:
                session = requests.Session()
                mine = orders[:]
                random.Random(seed).shuffle(mine)
                return [
                    (
                        pid,
                        (r := session.post(server.url, data=body, timeout=60)).status_code,
                        r.content,
                    )
                    for pid, body in mine
                ]

            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                results = [row for rows in pool.map(client, range(8)) for row in rows]
        finally:
            server.kill()
        assert {status for _pid, status, _body in results} == {200}
        answers = {}
        for pid, _status, body in results:
            answers.setdefault(pid, set()).add(body)
        assert all(len(bodies) == 1 for bodies in answers.values())  # the first answer, again
        _pending, payloads = stored(db)
        assert payloads == {pid for pid, _ in orders}
        receiver = forward_all(db, workers=4)
        try:
            keys = [d["idempotency_key"] for d in receiver.documents()]
            assert len(keys) == len(receiver.calls) == 200  # each forwarded exactly once
            assert set(keys) == {f"ariba-fr:{pid}" for pid, _ in orders}
        finally:
            receiver.close()


def test_sigkill_mid_load_loses_no_answered_order(db, database_url, partner, tmp_path):
    orders = documents(120)
    answered: set[str] = set()
    refused: list[str] = []  # what the server said when it did not answer 200
    server = Server(database_url, tmp_path / "instance", workers=2, threads=2)

    def post(item):
        pid, body = item
        try:
            response = requests.post(server.url, data=body, timeout=30)
        except requests.RequestException as exc:
            refused.append(f"{pid}: {type(exc).__name__}")
            return
        if response.status_code == 200:
            answered.add(pid)
        else:
            status = re.search(r"<Status.*?(?:/>|</Status>)", response.text, re.DOTALL)
            shown = status.group(0) if status else response.text[:300]  # its code and reason
            refused.append(f"{pid}: HTTP {response.status_code} {shown}")

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(post, item) for item in orders]
        deadline = time.monotonic() + 120
        while len(answered) < 30 and not refused and time.monotonic() < deadline:
            time.sleep(0.01)
        server.kill()
        concurrent.futures.wait(futures)
    assert len(answered) >= 30, (len(answered), refused[:5])  # refusals before the kill
    assert len(answered) < len(orders)
    _pending, payloads = stored(db)
    assert answered <= payloads  # every order answered 200 survived the kill

    server = Server(database_url, tmp_path / "instance")
    try:
        for pid, body in orders:  # the buyer resends what it has no answer for, and more
            assert requests.post(server.url, data=body, timeout=30).status_code == 200, pid
    finally:
        server.kill()
    _pending, payloads = stored(db)
    assert payloads == {pid for pid, _ in orders}
    receiver = forward_all(db, workers=2, script=flaky)
    try:
        keys = [d["idempotency_key"] for d in receiver.documents()]
        # a hung call was processed by the receiver and retried by us: the key makes it a repeat
        assert set(keys) == {f"ariba-fr:{pid}" for pid, _ in orders}
        assert stored(db)[0] == 0  # every item delivered
    finally:
        receiver.close()


def test_gateway_serve_forwards_orders_from_its_own_outbox_process(
    db, database_url, partner, tmp_path
):
    receiver = Receiver()
    orders = documents(10)
    server = Server(database_url, tmp_path / "instance", back_office=receiver.url)
    try:
        for pid, body in orders:
            assert requests.post(server.url, data=body, timeout=30).status_code == 200, pid
        deadline = time.monotonic() + 60
        while stored(db)[0] and time.monotonic() < deadline:
            time.sleep(0.2)
        keys = sorted(d["idempotency_key"] for d in receiver.documents())
        assert keys == sorted(f"ariba-fr:{pid}" for pid, _ in orders)  # each one once
        outbox = [p for p in _children(server.process.pid) if b"outbox" in _command_line(p)]
        assert len(outbox) == 1
        server.stop()
        assert not os.path.exists(f"/proc/{outbox[0]}")  # stopped with the server
    finally:
        if server.process.poll() is None:
            server.kill()
        receiver.close()


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as handle:
        return [int(child) for child in handle.read().split()]


def _command_line(pid: int) -> bytes:
    with open(f"/proc/{pid}/cmdline", "rb") as handle:
        return handle.read()
