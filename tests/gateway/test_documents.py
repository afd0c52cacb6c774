"""The document log written with Core statements: ids at once, secrets redacted, status set
afterwards, rolled back with the savepoint it was written in; and the lazy commit of setups."""

import hashlib

from sqlalchemy import select
from sqlalchemy import text

from gateway.db import commit_lazily
from gateway.documents import log_document
from gateway.documents import set_document_status
from gateway.models import Document

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
