"""The document log: every message in and out, secrets redacted before anything is stored."""

import hashlib
import re

from sqlalchemy.orm import Session

from gateway.models import Document

_SHARED_SECRET = re.compile(rb"(<SharedSecret\b[^>]*>).*?(</SharedSecret\s*>)", re.DOTALL)
_CREDENTIAL_MAC = re.compile(rb"(<CredentialMac\b[^>]*>).*?(</CredentialMac\s*>)", re.DOTALL)
_FORM_SECRETS = re.compile(rb"(?i)((?:^|&)(?:password|sharedsecret)=)[^&]*")
REDACTED = b"[redacted]"


def redact(body: bytes) -> bytes:
    """The body with shared secrets, credential MACs and form passwords replaced."""
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = body.decode("utf-16", errors="replace").encode("utf-8")
        return b"[converted from UTF-16] " + redact(text)
    body = _SHARED_SECRET.sub(rb"\1" + REDACTED + rb"\2", body)
    body = _CREDENTIAL_MAC.sub(rb"\1" + REDACTED + rb"\2", body)
    return _FORM_SECRETS.sub(rb"\1" + REDACTED, body)


def log_document(
    session: Session,
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
    flush: bool = True,
) -> Document:
    """Record one message (redacted) with its status; `flush` gives it its id at once."""
    stored = redact(body)
    document = Document(
        direction=direction,
        doc_type=doc_type,
        partner_id=partner_id,
        payload_id=payload_id[:250],
        status_code=status_code,
        status_text=status_text,
        session_id=session_id,
        order_id=order_id,
        sha256=hashlib.sha256(body).hexdigest(),
        body=stored,
    )
    session.add(document)
    if flush:
        session.flush()
    return document
