"""The group commit: rows of concurrent requests in one transaction, each request with its own
ids; a bad row fails alone; the sessions of setups, and what a request that never touches its
session costs. On SQLite the test holds the leaders' real file lock to make requests queue."""

import fcntl
import threading
import time
from decimal import Decimal

import pytest
from sqlalchemy import event
from sqlalchemy import select

from cxml.document import parse_cxml
from cxml.items import ItemDetail
from cxml.items import ItemID
from cxml.items import ItemOut
from cxml.values import Classification
from cxml.values import Description
from cxml.values import Money
from gateway.documents import log_document
from gateway.models import CartLine
from gateway.models import Document
from gateway.models import Product
from gateway.models import PunchOutSession
from gateway.rows import Ref
from gateway.rows import Rows
from gateway.sessions import SessionRequest
from gateway.sessions import insert_session
from gateway.sessions import token_hash

from .test_punchout_setup import partner  # noqa: F401 - fixture
from .test_punchout_setup import post
from .test_punchout_setup import setup_request


def request_rows(partner_id: int, entity_id: int, number: int) -> tuple[Rows, str]:
    """What a setup writes: its document in, its session, its answer naming the session."""
    rows = Rows()
    inbound = log_document(
        rows, direction="in", doc_type="Setup", body=b"<in/>", payload_id=f"{number}"
    )
    session_ref, start = insert_session(
        rows,
        SessionRequest(
            protocol="cxml", return_url="https://buyer.example/r", buyer_cookie=f"c{number}"
        ),
        partner_id=partner_id,
        entity_id=entity_id,
        ttl_seconds=3600,
        start_ttl_seconds=300,
    )
    log_document(rows, direction="out", doc_type="Answer", body=b"<out/>", session_id=session_ref)
    rows.change(inbound, status_code=201)
    return rows, start


@pytest.fixture
def entity_and_partner(db, partner):  # noqa: F811 - the fixture imported above
    return partner.entity_id, partner.id


def hold_the_writers_lock(db):
    """The leaders' file lock, taken as another process would (SQLite only)."""
    handle = open(db.group_commit._lock_path, "a+b")
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def write_in_threads(db, all_rows: list[Rows]) -> list[BaseException | None]:
    errors: list[BaseException | None] = [None] * len(all_rows)

    def write(index: int) -> None:
        try:
            db.group_commit.write(all_rows[index])
        except Exception as error:  # each thread's outcome is checked by the test
            errors[index] = error

    threads = [threading.Thread(target=write, args=(i,)) for i in range(len(all_rows))]
    for thread in threads:
        thread.start()
    return threads, errors


def wait_until(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_each_request_gets_its_own_ids_and_references(db, entity_and_partner):
    entity_id, partner_id = entity_and_partner
    made = [request_rows(partner_id, entity_id, n) for n in range(12)]
    threads, errors = write_in_threads(db, [rows for rows, _start in made])
    for thread in threads:
        thread.join()
    assert errors == [None] * 12
    with db.transaction() as session:
        for number, (rows, start) in enumerate(made):
            inbound, session_id, outbound = (rows.id_of(Ref(i)) for i in range(3))
            opened = session.scalar(
                select(PunchOutSession).where(PunchOutSession.start_token_hash == token_hash(start))
            )
            answer, received = session.get(Document, outbound), session.get(Document, inbound)
            assert (opened.id, opened.buyer_cookie) == (session_id, f"c{number}")
            assert (answer.session_id, answer.direction) == (session_id, "out")
            assert (received.status_code, received.payload_id) == (201, str(number))


def test_requests_waiting_for_the_lock_share_one_transaction(db, entity_and_partner):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the leaders of several processes queue on a file lock on SQLite only")
    entity_id, partner_id = entity_and_partner
    before = db.group_commit.transactions
    lock = hold_the_writers_lock(db)
    try:
        threads, errors = write_in_threads(
            db, [request_rows(partner_id, entity_id, n)[0] for n in range(8)]
        )
        wait_until(lambda: db.group_commit.waiting == 7)  # one leads, blocked on the lock
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()
    for thread in threads:
        thread.join()
    assert errors == [None] * 8
    assert db.group_commit.transactions - before == 2  # the first leader's, then the other 7
    with db.transaction() as session:
        assert len(session.scalars(select(PunchOutSession)).all()) == 8


def test_a_bad_row_fails_its_own_request_only(db, entity_and_partner):
    entity_id, partner_id = entity_and_partner
    good = [request_rows(partner_id, entity_id, n)[0] for n in range(3)]
    bad = request_rows(partner_id, 987654, 99)[0]  # no such entity: the session row is refused
    sqlite = db.engine.dialect.name == "sqlite"
    lock = hold_the_writers_lock(db) if sqlite else None
    try:
        first, first_errors = write_in_threads(db, [good[0]])
        if sqlite:  # a good request leads; the bad one is in the batch after it
            wait_until(lambda: db.group_commit.leading)
        threads, errors = write_in_threads(db, [bad, good[1], good[2]])
        if sqlite:
            wait_until(lambda: db.group_commit.waiting == 3)
    finally:
        if lock is not None:
            fcntl.flock(lock, fcntl.LOCK_UN)
            lock.close()
    for thread in first + threads:
        thread.join()
    assert first_errors == [None]
    assert [error is None for error in errors] == [False, True, True]
    assert isinstance(errors[0], db.engine.dialect.loaded_dbapi.IntegrityError)  # the driver's
    with db.transaction() as session:
        cookies = session.scalars(select(PunchOutSession.buyer_cookie)).all()
        logged = session.scalars(select(Document.payload_id).where(Document.direction == "in"))
        assert sorted(cookies) == ["c0", "c1", "c2"]
        assert sorted(logged.all()) == ["0", "1", "2"]  # nothing of the bad request's rows
    # and the connection goes on working
    again = request_rows(partner_id, entity_id, 7)[0]
    db.group_commit.write(again)
    assert again.id_of(Ref(1)) > 0


def test_a_transaction_never_used_checks_out_no_connection(db):
    checkouts = []
    event.listen(db.engine, "checkout", lambda *_args: checkouts.append(1))
    with db.transaction():
        pass
    assert checkouts == []
    with db.transaction() as session:
        session.execute(select(1))
    assert checkouts == [1]


def test_a_setup_writes_through_the_group_commit_and_an_edit_in_its_own_transaction(
    app,
    db,
    partner,  # noqa: F811
):
    before = db.group_commit.transactions
    created = post(app, setup_request())
    refused = post(app, setup_request(url="https://elsewhere.example/return"))
    assert (created.status_code, refused.status_code) == (200, 403)
    assert db.group_commit.transactions - before == 2
    start_page = parse_cxml(created.data).body.content.start_page
    with db.transaction() as session:
        opened = session.scalars(select(PunchOutSession)).one()
        answer = session.scalars(
            select(Document).where(Document.doc_type == "PunchOutSetupResponse")
        ).one()
        statuses = session.scalars(
            select(Document.status_code).where(Document.direction == "in").order_by(Document.id)
        ).all()
    assert opened.start_token_hash == token_hash(start_page.rsplit("/", 1)[1])
    assert answer.session_id == opened.id
    assert statuses == [200, 403]

    # an edit writes its cart through the session: its rows go into that same transaction
    item = ItemOut(
        quantity=Decimal(2),
        line_number=1,
        item_id=ItemID(supplier_part_id="LAP-100"),
        item_detail=ItemDetail(
            unit_price=Money(amount=Decimal("899.00"), currency="EUR"),
            descriptions=(Description(text="LAP-100", lang="fr"),),
            unit_of_measure="C62",
            classifications=(Classification(domain="UNSPSC", code="43211503"),),
        ),
    )
    edited = post(app, setup_request(operation="edit", items=(item,)))
    assert edited.status_code == 200
    assert db.group_commit.transactions - before == 2
    with db.transaction() as session:
        reopened = session.scalars(
            select(PunchOutSession).where(PunchOutSession.operation == "edit")
        ).one()
        skus = session.scalars(
            select(Product.sku)
            .join(CartLine, CartLine.product_id == Product.id)
            .where(CartLine.session_id == reopened.id)
        )
        assert skus.all() == ["LAP-100"]
        assert session.scalars(
            select(Document.session_id).where(Document.doc_type == "PunchOutSetupResponse")
        ).all() == [opened.id, reopened.id]


def test_a_connection_closed_under_the_group_commit_is_replaced(db, entity_and_partner):
    entity_id, partner_id = entity_and_partner
    db.group_commit.write(request_rows(partner_id, entity_id, 1)[0])
    db.group_commit._connection.close()  # as a database server restart would
    rows, start = request_rows(partner_id, entity_id, 2)
    db.group_commit.write(rows)
    with db.transaction() as session:
        opened = session.scalar(
            select(PunchOutSession).where(PunchOutSession.start_token_hash == token_hash(start))
        )
        assert opened.id == rows.id_of(Ref(1))


def test_a_request_refused_half_way_writes_only_its_document(db, entity_and_partner):
    entity_id, partner_id = entity_and_partner
    rows, _start = request_rows(partner_id, entity_id, 5)
    rows.discard_after(Ref(0))  # as handle() does when a handler refuses after queuing rows
    rows.change(Ref(0), status_code=403, status_text="refused")
    db.group_commit.write(rows)
    with db.transaction() as session:
        assert session.scalars(select(PunchOutSession)).all() == []
        logged = session.scalars(select(Document)).one()
    assert (logged.id, logged.payload_id, logged.status_code) == (rows.id_of(Ref(0)), "5", 403)
    with pytest.raises(RuntimeError, match="written already"):
        rows.change(Ref(0), status_code=200)
