"""The outbox delivers to a real receiver on 127.0.0.1: signed JSON with an idempotency key,
retries with exponential backoff, dead letters, timeouts, and a flaky receiver."""

import dataclasses
import datetime
import hashlib
import hmac
import json
import socket
import threading
import time

import pytest
from sqlalchemy import select

from gateway.app import settings_of
from gateway.db import Database
from gateway.models import Order
from gateway.models import OutboxItem
from gateway.orders import OutboxConfig
from gateway.orders import RequestsSender
from gateway.orders import deliver_due
from gateway.orders import run_outbox
from gateway.orders.lifecycle import check_reply

from .catalog_data import add_cxml_partner
from .catalog_data import build
from .test_order_receipt import post
from .test_order_support import Receiver
from .test_order_support import line
from .test_order_support import order_bytes

KEY = "back-office-signing-key-0123456789"


@pytest.fixture
def orders(app, db):
    """Three accepted orders, each with its back-office item pending."""
    with db.transaction() as session:
        fr, _uk = build(session)
        add_cxml_partner(session, fr)
    for n in range(3):
        body = order_bytes(f"ob-{n}", [line(1, "CAB-300", str(n + 1))], order_id=f"PO-{n}")
        assert post(app, body)[0] == 200
    return [f"ariba-fr:ob-{n}" for n in range(3)]


@pytest.fixture
def receiver():
    receivers = []

    def make(script=None):
        receivers.append(Receiver(script))
        return receivers[-1]

    yield make
    for one in receivers:
        one.close()


class Clock:
    def __init__(self):
        self.now = datetime.datetime.now(datetime.UTC)

    def __call__(self):
        return self.now


def aware(moment):
    """SQLite gives back naive UTC datetimes; PostgreSQL aware ones."""
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def items(db):
    with db.transaction() as session:
        return session.scalars(select(OutboxItem).order_by(OutboxItem.id)).all()


def test_delivers_signed_json_with_its_idempotency_key(db, orders, receiver):
    target = receiver()
    config = OutboxConfig(back_office_url=target.url, back_office_secret=KEY)
    assert deliver_due(db, RequestsSender(), config) == 3
    assert [item.state for item in items(db)] == ["delivered"] * 3
    assert [d["idempotency_key"] for d in target.documents()] == orders
    for headers, body in target.received:
        stamp = headers["X-Gateway-Timestamp"]
        mac = hmac.new(KEY.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        assert headers["X-Gateway-Signature"] == "sha256=" + mac
        assert headers["Idempotency-Key"] == json.loads(body)["idempotency_key"]
        assert headers["Content-Type"] == "application/json"
    first = target.documents()[0]["order"]
    assert (first["order_id"], first["total"], first["lines"][0]["sku"]) == (
        "PO-0",
        "17.99",
        "CAB-300",
    )
    with db.transaction() as session:
        assert {o.state for o in session.scalars(select(Order))} == {"forwarded"}
    assert deliver_due(db, RequestsSender(), config) == 0


def test_failure_backs_off_exponentially_then_dies(db, orders, receiver):
    target = receiver(lambda n: (503, b"busy", 0))
    clock = Clock()
    config = OutboxConfig(
        back_office_url=target.url, back_office_secret=KEY, max_attempts=3, base_delay_seconds=10
    )
    waits = []
    for _ in range(3):
        assert deliver_due(db, RequestsSender(), config, clock=clock) == 3
        item = items(db)[0]
        if item.state == "pending":
            due = aware(item.next_attempt_at)
            waits.append((due - clock.now).total_seconds())
            assert deliver_due(db, RequestsSender(), config, clock=clock) == 0  # not due yet
            clock.now = due
    assert waits == [10, 20]
    assert [(i.state, i.attempts) for i in items(db)] == [("dead", 3)] * 3
    assert items(db)[0].last_error == "HTTP 503: b'busy'"


def test_without_a_configured_url_items_wait_without_using_attempts(db, orders):
    clock = Clock()
    config = OutboxConfig(back_office_secret=KEY, max_attempts=1)
    for _ in range(3):
        assert deliver_due(db, RequestsSender(), config, clock=clock) == 3
        clock.now += datetime.timedelta(minutes=1)
    for item in items(db):
        assert (item.state, item.attempts) == ("pending", 0)
        assert item.last_error == "no back-office URL configured (GATEWAY_BACK_OFFICE_URL)"
        assert aware(item.next_attempt_at) == clock.now


def test_a_hanging_receiver_times_out_and_is_retried(db, orders, receiver):
    target = receiver(lambda n: (200, b"{}", 2.0 if n == 0 else 0))
    config = OutboxConfig(
        back_office_url=target.url,
        back_office_secret=KEY,
        timeout_seconds=0.3,
        base_delay_seconds=0,
    )
    deliver_due(db, RequestsSender(), config, batch=1)
    first = items(db)[0]
    assert (first.state, first.attempts) == ("pending", 1)
    assert "ReadTimeout" in first.last_error
    run_outbox(db, config, until_empty=True)
    assert [i.state for i in items(db)] == ["delivered"] * 3


def test_a_slow_receiver_holds_up_no_other_request(app, db, orders, receiver):
    """While the worker waits for a receiver, orders still arrive: no transaction (on SQLite,
    the database's one write lock) is held during a post. Before, an order waited for the
    back office's answer, and one hanging for 30 s failed."""
    target = receiver(lambda n: (200, b"{}", 1.5))
    config = OutboxConfig(back_office_url=target.url, back_office_secret=KEY, timeout_seconds=5)
    worker = threading.Thread(target=deliver_due, args=(db, RequestsSender(), config))
    worker.start()
    while not target.calls:  # the first post is on its way
        threading.Event().wait(0.01)
    started = time.monotonic()
    body = order_bytes("ob-9", [line(1, "CAB-300", "1")], order_id="PO-9")
    assert post(app, body)[0] == 200
    took = time.monotonic() - started
    worker.join()
    assert took < 1.0, f"the order waited {took:.1f} s for the back office"
    assert [i.state for i in items(db)] == ["delivered"] * 3 + ["pending"]


def test_flaky_receiver_still_gets_every_order_once_by_key(db, orders, receiver):
    # Fails every other call; every third call hangs past the timeout (and is then
    # processed by the receiver anyway: the repeat that the idempotency key is for).
    def script(n):
        if n % 3 == 2:
            return 200, b"{}", 0.6
        return (500, b"oops", 0) if n % 2 else (200, b"{}", 0)

    target = receiver(script)
    config = OutboxConfig(
        back_office_url=target.url,
        back_office_secret=KEY,
        timeout_seconds=0.2,
        base_delay_seconds=0,
        max_attempts=20,
    )
    run_outbox(db, config, until_empty=True)
    assert [i.state for i in items(db)] == ["delivered"] * 3
    assert {d["idempotency_key"] for d in target.documents()} == set(orders)


def test_backoff_is_capped():
    config = OutboxConfig(base_delay_seconds=2, max_delay_seconds=60)
    assert [config.delay(n).total_seconds() for n in (1, 2, 3, 5, 6, 20)] == [2, 4, 8, 32, 60, 60]


def test_check_reply_passes_back_office_answers():
    item = OutboxItem(kind="back_office")
    assert check_reply(None, item, None) == "delivered"


def test_gateway_outbox_run_delivers_until_empty(app, db, cli, orders, receiver):
    target = receiver()
    app.extensions["gateway.settings"] = dataclasses.replace(
        settings_of(app), back_office_url=target.url, back_office_secret=KEY
    )
    result = cli("outbox", "run", "--until-empty")
    assert result.output == "outbox: 3 delivery attempt(s)\n"
    assert sorted(d["idempotency_key"] for d in target.documents()) == orders


def test_the_worker_outlives_a_database_that_is_down(caplog):
    with socket.socket() as sock:  # a port where nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    down = Database(f"postgresql+psycopg://nobody@127.0.0.1:{port}/none?connect_timeout=1")
    stop = threading.Event()
    threading.Timer(1.5, stop.set).start()
    try:
        attempts = run_outbox(down, OutboxConfig(), poll_seconds=0.1, stop=stop)
    finally:
        down.dispose()
    assert attempts == 0  # returned when stopped, not with the first failure
    failures = [r.message for r in caplog.records if r.name == "gateway.outbox"]
    assert failures[0] == "outbox: cannot reach the database (OperationalError); retrying"
    assert len(failures) >= 2


def test_one_orders_events_reach_the_back_office_in_the_order_they_happened(app, db, cli, receiver):
    """An order.created that failed once is retried before its order.updated goes: out of
    turn, a back office that keeps the latest document would end on the older lines. A dead
    item holds the later ones back until `gateway outbox retry` revives it."""
    with db.transaction() as session:
        add_cxml_partner(session, build(session)[0])
    assert post(app, order_bytes("v1", [line(1, "CAB-300", "1")], order_id="PO-7"))[0] == 200
    update = order_bytes("v2", [line(1, "CAB-300", "5")], order_id="PO-7", type="update")
    assert post(app, update)[0] == 200
    other = order_bytes("x1", [line(1, "CAB-300", "2")], order_id="PO-8")  # another order
    assert post(app, other)[0] == 200
    target = receiver(lambda n: (503, b"busy", 0) if n == 0 else (200, b"{}", 0))
    clock = Clock()
    config = OutboxConfig(back_office_url=target.url, back_office_secret=KEY, max_attempts=1)
    assert deliver_due(db, RequestsSender(), config, clock=clock) == 2  # PO-7 v1 and PO-8
    assert [i.state for i in items(db)] == ["dead", "pending", "delivered"]
    listed = cli("outbox", "list", "--order", str(items(db)[0].order_id)).output.splitlines()
    assert listed[0].split("\t")[3:] == [
        "pending",
        "0 attempt(s)",
        "waits for item 1 (sent in order)",
    ]
    assert listed[1].split("\t")[3:] == ["dead", "1 attempt(s)", "HTTP 503: b'busy'"]
    clock.now += datetime.timedelta(hours=2)
    assert deliver_due(db, RequestsSender(), config, clock=clock) == 0  # v2 still waits
    assert cli("outbox", "retry", "1").output == "outbox item 1: due again\n"
    clock.now = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=1)
    assert deliver_due(db, RequestsSender(), config, clock=clock) == 1  # v1, and only v1
    assert deliver_due(db, RequestsSender(), config, clock=clock) == 1  # then v2
    sent = [(d["event"], d["order"]["order_id"], d["order"]["version"]) for d in target.documents()]
    assert sent == [
        ("order.created", "PO-8", 1),
        ("order.created", "PO-7", 1),
        ("order.updated", "PO-7", 2),
    ]


def test_only_a_dead_item_is_retried_and_a_retry_of_several_is_all_or_nothing(
    db, cli, orders, receiver
):
    target = receiver(lambda n: (503, b"busy", 0))
    config = OutboxConfig(back_office_url=target.url, back_office_secret=KEY, max_attempts=1)
    assert deliver_due(db, RequestsSender(), config, batch=1) == 1
    assert [i.state for i in items(db)] == ["dead", "pending", "pending"]
    for missing in ("99", "9223372036854775808"):  # the second is past any database's ids
        result = cli("outbox", "retry", "1", missing)
        assert result.exit_code == 1 and result.output.endswith(
            f"error: no outbox item {missing}\n"
        )
    assert cli("outbox", "list", "--order", "9223372036854775808").output == "0 item(s)\n"
    result = cli("outbox", "retry", "1", "2")
    assert result.output.endswith("error: outbox item 2 is pending; only a dead item is retried\n")
    assert [(i.state, i.attempts) for i in items(db)] == [
        ("dead", 1),
        ("pending", 0),
        ("pending", 0),
    ]


def test_a_discarded_item_lets_the_rest_of_its_order_go_on(app, db, cli, receiver):
    """A document the receiver will never take is given up, not retried for ever: it stays,
    discarded, and the later items of its order are delivered."""
    with db.transaction() as session:
        add_cxml_partner(session, build(session)[0])
    assert post(app, order_bytes("v1", [line(1, "CAB-300", "1")], order_id="PO-7"))[0] == 200
    update = order_bytes("v2", [line(1, "CAB-300", "5")], order_id="PO-7", type="update")
    assert post(app, update)[0] == 200
    target = receiver(lambda n: (422, b"no", 0) if n == 0 else (200, b"{}", 0))
    config = OutboxConfig(back_office_url=target.url, back_office_secret=KEY, max_attempts=1)
    assert deliver_due(db, RequestsSender(), config) == 1
    assert [i.state for i in items(db)] == ["dead", "pending"]
    assert cli("outbox", "discard", "2").output.endswith(
        "error: outbox item 2 is pending; only a dead item is discarded\n"
    )
    assert cli("outbox", "discard", "1").output == "outbox item 1: discarded\n"
    assert deliver_due(db, RequestsSender(), config) == 1
    assert [i.state for i in items(db)] == ["discarded", "delivered"]
    listed = cli("outbox", "list", "--state", "discarded").output.splitlines()
    assert listed[0].split("\t")[:4] == ["1", "back_office", "order 1", "discarded"]
    metrics = app.test_client().get("/metrics").get_data(as_text=True)
    assert 'gateway_outbox_items{state="discarded"} 1' in metrics
