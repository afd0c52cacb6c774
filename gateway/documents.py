"""The document log: every message in and out, secrets redacted before anything is stored.

Rows are written at once on the session's connection (`RowInsert`): the log needs no unit of
work (nothing else points at a document before it exists), and the id comes back without a
flush. Inside a savepoint they are rolled back with it, like any other row. A request that
writes nothing else queues them in `Rows` for the group commit instead.
"""

import hashlib
import re

from sqlalchemy import bindparam
from sqlalchemy import update
from sqlalchemy.orm import Session

from gateway.models import Document
from gateway.rows import RowInsert
from gateway.rows import Rows
from gateway.rows import insert

_DOCUMENTS = Document.__table__
_INSERT = RowInsert(_DOCUMENTS)
_SET_STATUS = (
    update(_DOCUMENTS)
    .where(_DOCUMENTS.c.id == bindparam("document_id"))
    .values(status_code=bindparam("status_code"), status_text=bindparam("status_text"))
)
_SHARED_SECRET = re.compile(rb"(<SharedSecret\b[^>]*>).*?(</SharedSecret\s*>)", re.DOTALL)
_CREDENTIAL_MAC = re.compile(rb"(<CredentialMac\b[^>]*>).*?(</CredentialMac\s*>)", re.DOTALL)
_FORM_SECRETS = re.compile(rb"(?i)((?:^|&)(?:password|sharedsecret)=)[^&]*")
_FORM_SECRET_NAMES = (b"password=", b"sharedsecret=")
# A setup's answer carries the start link, which opens the buyer's session until it is used: kept
# as the access log shows it (`urls.redact_url`), with the token's first four characters.
_START_TOKEN = re.compile(rb"(/punchout/start/[\w-]{4})[\w-]+")
REDACTED = b"[redacted]"
# A refused document from anyone (unreadable, unknown sender, too large) is kept by its start:
# enough to tell what came, not a way for anyone on the network to fill the database.
EXCERPT_BYTES = 64 * 1024


def redact(body: bytes) -> bytes:
    """The body with shared secrets, credential MACs, form passwords and start tokens replaced."""
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = body.decode("utf-16", errors="replace").encode("utf-8")
        return b"[converted from UTF-16] " + redact(text)
    if b"SharedSecret" in body:  # each pattern is looked for only where its name occurs
        body = _SHARED_SECRET.sub(rb"\1" + REDACTED + rb"\2", body)
    if b"CredentialMac" in body:
        body = _CREDENTIAL_MAC.sub(rb"\1" + REDACTED + rb"\2", body)
    if b"=" in body and _names_a_form_secret(body.lower()):
        body = _FORM_SECRETS.sub(rb"\1" + REDACTED, body)
    if b"/punchout/start/" in body:
        body = _START_TOKEN.sub(rb"\1***", body)
    return body


def _names_a_form_secret(lowered: bytes) -> bool:
    return any(name in lowered for name in _FORM_SECRET_NAMES)


def log_document(
    into: Session | Rows,
    *,
    direction: str,
    doc_type: str,
    body: bytes,
    partner_id: int | None = None,
    payload_id: str = "",
    status_code: int | None = None,
    status_text: str = "",
    session_id: int | None = None,
    order_id: int | None = None,
    excerpt: bool = False,
) -> int:
    """Record one message (redacted) with its status: written at once in a session's
    transaction (returns its id), or queued in `Rows` (returns its Ref). With `excerpt`, only
    its first EXCERPT_BYTES are kept (the SHA-256 is still of the whole body)."""
    kept = redact(body)
    if excerpt and len(kept) > EXCERPT_BYTES:
        kept = kept[:EXCERPT_BYTES] + f"[{len(body):,} bytes in all; the rest is not kept]".encode()
    values = {
        "direction": direction,
        "doc_type": doc_type,
        "partner_id": partner_id,
        "payload_id": payload_id[:250],
        "status_code": status_code,
        "status_text": status_text,
        "session_id": session_id,
        "order_id": order_id,
        "sha256": hashlib.sha256(body).hexdigest(),
        "body": kept,
    }
    return insert(into, _INSERT, values)


def set_document_status(
    session: Session, document_id: int, status_code: int, status_text: str = ""
) -> None:
    """Record the status a logged document was answered with."""
    session.connection().execute(
        _SET_STATUS,
        {"document_id": document_id, "status_code": status_code, "status_text": status_text},
    )
