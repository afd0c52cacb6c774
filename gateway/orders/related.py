"""OrderRequest with attachments: a multipart/related body (RFC 2387) whose root part is the
cXML document and whose other parts are referenced from it as `cid:` URLs (cXML attachments,
formats.md 1.8 Comments/Attachment). Parts come base64, quoted-printable, 8bit or binary.

Sans I/O: bytes and the Content-Type header in, the document and the attachments out. MIME is
read with the standard library's email parser, which never fetches anything.
"""

import dataclasses
import email.parser
import email.policy
import email.utils

from cxml.errors import MalformedDocument

__all__ = ["Attachment", "Related", "parse_related"]

MAX_PARTS = 50


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Attachment:
    """One attached file, by the Content-ID the document refers to it with (without <>)."""

    content_id: str
    content_type: str
    filename: str
    data: bytes


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Related:
    document: bytes
    attachments: tuple[Attachment, ...] = ()


def parse_related(content_type: str, body: bytes) -> Related:
    """Split a multipart/related body into its root cXML part and its attachments.

    The root is the part the `start` parameter names, else the first part (RFC 2387 3.2)."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    boundary = email.parser.BytesHeaderParser().parsebytes(head).get_boundary()
    # counted before parsing: the parser would hold every part (a million of them is a body
    # of tens of MB and a gigabyte of memory) before their number could be refused
    if boundary and body.count(b"--" + boundary.encode("latin-1")) > MAX_PARTS + 1:
        raise MalformedDocument(f"multipart/related body has more than {MAX_PARTS} parts")
    message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(head + body)
    if not message.is_multipart():
        raise MalformedDocument("multipart/related body has no parts (check the boundary)")
    parts = message.get_payload()
    if len(parts) > MAX_PARTS:
        raise MalformedDocument(f"multipart/related body has more than {MAX_PARTS} parts")
    # an RFC 2231 parameter (start*=UTF-8''...) comes as a tuple: collapse it to its text
    start = email.utils.collapse_rfc2231_value(message.get_param("start") or "").strip("<>")
    root = next((p for p in parts if _content_id(p) == start), parts[0]) if start else parts[0]
    attachments = tuple(
        Attachment(
            content_id=_content_id(part),
            content_type=part.get_content_type(),
            filename=part.get_filename() or "",
            data=part.get_payload(decode=True) or b"",
        )
        for part in parts
        if part is not root
    )
    if any(not attachment.content_id for attachment in attachments):
        raise MalformedDocument("an attachment part has no Content-ID to refer to it by")
    return Related(document=root.get_payload(decode=True) or b"", attachments=attachments)


def _content_id(part) -> str:
    # a header holding bytes that are not ASCII comes as an email.header.Header: str() reads it
    return str(part.get("Content-ID") or "").strip().strip("<>")
