"""What a request that is too large, or refused before anyone is known, leaves behind: the
body is not read past its endpoint's limit, and the document log keeps only the start of a
refused body (with the SHA-256 of all of it), so that anyone on the network cannot fill the
database with 64 MiB rows."""

import dataclasses
import hashlib

from sqlalchemy import func
from sqlalchemy import select

from gateway.app import settings_of
from gateway.documents import EXCERPT_BYTES
from gateway.models import Document


def logged(db):
    with db.transaction() as session:
        return session.execute(
            select(Document.doc_type, Document.status_code, Document.sha256, Document.body)
        ).all()


def with_limit(app, limit):
    app.extensions["gateway.settings"] = dataclasses.replace(settings_of(app), xml_max_bytes=limit)


def test_a_cxml_body_over_the_limit_is_refused_unread(app, client, db):
    with_limit(app, 64 * 1024)
    answer = client.post("/cxml", data=b"<" * (200 * 1024), content_type="text/xml")
    assert answer.status_code == 400
    assert b"larger than 65536 bytes" in answer.data
    [(doc_type, status, _sha, body), (out_type, *_rest)] = logged(db)
    assert (doc_type, status, body, out_type) == ("unreadable", 400, b"", "Response")


def test_a_form_post_may_be_four_times_the_limit_at_most(app, client, db):
    with_limit(app, 64 * 1024)
    answer = client.post("/cxml", data={"cxml-base64": "A" * (300 * 1024)})
    assert answer.status_code == 400 and b"larger than 262144 bytes" in answer.data


def test_a_refused_body_is_logged_by_its_start_and_its_hash(client, db):
    junk = b"<junk>" + b"x" * (1024 * 1024) + b"</junk>"
    answer = client.post("/cxml", data=junk, content_type="text/xml")
    assert answer.status_code == 400
    [(doc_type, _status, sha, body), _answer] = logged(db)
    assert doc_type == "unreadable" and sha == hashlib.sha256(junk).hexdigest()
    assert body.startswith(junk[:1000]) and len(body) < EXCERPT_BYTES + 100
    assert body.endswith(b"[1,048,589 bytes in all; the rest is not kept]")


def test_a_multipart_body_of_many_parts_is_refused_before_it_is_parsed(client, db):
    part = b"--b\r\nContent-Type: text/plain\r\nContent-ID: <p>\r\n\r\nx\r\n"
    answer = client.post(
        "/cxml", data=part * 5000 + b"--b--\r\n", content_type="multipart/related; boundary=b"
    )
    assert answer.status_code == 400
    assert b"more than 50 parts" in answer.data


def test_an_oci_call_over_the_limit_is_refused_and_not_stored(app, client, db):
    with_limit(app, 64 * 1024)
    answer = client.post("/oci", data={"USERNAME": "x", "JUNK": "B" * (200 * 1024)})
    assert answer.status_code == 400
    assert "larger than 65536 bytes" in answer.get_data(as_text=True)
    with db.transaction() as session:
        assert session.scalar(select(func.max(func.length(Document.body)))) in (None, 0)


def test_an_api_body_over_four_times_the_limit_is_413_unread(app, client):
    with_limit(app, 16 * 1024)
    answer = client.post(
        "/api/v1/session/start",
        data=b'{"start_token": "' + b"x" * 70000 + b'"}',
        content_type="application/json",
    )
    assert answer.status_code == 413
    assert answer.get_json()["error"] == {
        "code": "too_large",
        "message": "the request body is larger than 65536 bytes",
        "field": "body",
    }


def test_a_refused_oci_call_is_logged_by_its_start(client, db):
    answer = client.post("/oci", data={"USERNAME": "x", "JUNK": "B" * (1024 * 1024)})
    assert answer.status_code == 400
    [(doc_type, status, _sha, body)] = logged(db)
    assert (doc_type, status) == ("OciCall", 400)
    assert body.startswith(b"USERNAME=x&JUNK=BBBB") and len(body) < EXCERPT_BYTES + 100
