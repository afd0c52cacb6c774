"""The document log written at once (RowInsert): ids at once, secrets redacted, status set
afterwards, rolled back with the savepoint it was written in; and the lazy commit of setups."""

import datetime
import hashlib

import pytest
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import text

from gateway.db import commit_lazily
from gateway.documents import log_document
from gateway.documents import set_document_status
from gateway.models import Document
from gateway.models import OutboxItem
from gateway.rows import RowInsert

BODY = (
    b'<cXML><Header><Sender><Credential domain="NetworkID"><Identity>AN1</Identity>'
    b"<SharedSecret>s3cret</SharedSecret></Credential></Sender></Header></cXML>"
)


def test_a_logged_document_has_its_id_at_once_and_no_secret(db):
    with db.transaction() as session:
        first = log_document(session, direction="in", doc_type="ProfileRequest", body=BODY)
        second = log_document(
            session, direction="out", doc_type="Response", body=b"<cXML/>", status_code=200
        )
        set_document_status(session, first, 401, "not recognised")
    assert second > first
    with db.transaction() as session:
        inbound, outbound = session.scalars(select(Document).order_by(Document.id)).all()
    assert (inbound.id, inbound.direction, inbound.doc_type) == (first, "in", "ProfileRequest")
    assert (inbound.status_code, inbound.status_text) == (401, "not recognised")
    assert b"s3cret" not in inbound.body
    assert b"<SharedSecret>[redacted]</SharedSecret>" in inbound.body
    assert inbound.sha256 == hashlib.sha256(BODY).hexdigest()  # of what was received
    assert (outbound.status_code, outbound.body, outbound.created_at is not None) == (
        200,
        b"<cXML/>",
        True,
    )


def test_a_document_logged_in_a_rolled_back_savepoint_is_gone(db):
    with db.transaction() as session:
        kept = log_document(session, direction="in", doc_type="A", body=b"<a/>")
        savepoint = session.begin_nested()
        log_document(session, direction="in", doc_type="B", body=b"<b/>")
        savepoint.rollback()
    with db.transaction() as session:
        assert session.scalars(select(Document.id)).all() == [kept]


def test_a_lazy_commit_relaxes_only_its_own_transaction(db):
    postgres = db.engine.dialect.name == "postgresql"
    with db.transaction() as session:
        commit_lazily(session)
        log_document(session, direction="in", doc_type="A", body=b"<a/>")
        if postgres:
            assert session.scalar(text("SHOW synchronous_commit")) == "off"
        else:  # 1 = NORMAL: the WAL is written, not waited for
            assert session.scalar(text("PRAGMA synchronous")) == 1
    with db.transaction() as session:
        if postgres:
            assert session.scalar(text("SHOW synchronous_commit")) == "on"
        else:  # 2 = FULL: every SQLite commit, an order's included, waits for the disk
            assert session.scalar(text("PRAGMA synchronous")) == 2
        assert session.scalar(select(Document.doc_type)) == "A"


def test_a_lazy_commit_asked_for_after_a_write_leaves_the_transaction_durable(db):
    with db.transaction() as session:
        log_document(session, direction="in", doc_type="A", body=b"<a/>")
        commit_lazily(session)
        if db.engine.dialect.name == "sqlite":  # SQLite cannot change it inside a transaction
            assert session.scalar(text("PRAGMA synchronous")) == 2
    with db.transaction() as session:
        assert session.scalar(select(Document.doc_type)) == "A"


def test_row_insert_writes_what_a_core_insert_writes(db):
    """Values through the columns' types, left-out columns with their Python defaults."""
    table = OutboxItem.__table__
    given = {
        "kind": "buyer",
        "target_url": "https://buyer.example/cxml",
        "content_type": "text/xml; charset=UTF-8",
        "payload": b"<cXML>\xc3\xa9</cXML>",
    }
    before = datetime.datetime.now(datetime.UTC)
    with db.transaction() as session:
        fast = RowInsert(table)(session, {**given, "idempotency_key": "fast"})
        core = session.execute(insert(table), {**given, "idempotency_key": "core"})
        core = core.inserted_primary_key[0]
        with pytest.raises(KeyError, match="no column 'colour'"):
            RowInsert(table)(session, {**given, "colour": "red"})
    with db.transaction() as session:
        rows = {row.id: row for row in session.scalars(select(OutboxItem))}
    skip = {"id", "idempotency_key", "created_at", "next_attempt_at"}
    columns = [c.key for c in table.columns if c.key not in skip]
    assert [getattr(rows[fast], c) for c in columns] == [getattr(rows[core], c) for c in columns]
    assert (rows[fast].state, rows[fast].attempts, rows[fast].last_error) == ("pending", 0, "")
    created = rows[fast].created_at.replace(tzinfo=rows[fast].created_at.tzinfo or datetime.UTC)
    assert before - datetime.timedelta(seconds=1) <= created <= datetime.datetime.now(datetime.UTC)
