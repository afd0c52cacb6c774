"""POST /cxml: every inbound cXML request (setup, profile, order); the profile lists the kinds
that have a handler here."""

import base64
import binascii
import re

from flask import Blueprint
from flask import Response
from flask import current_app
from flask import request
from werkzeug.exceptions import RequestEntityTooLarge

from cxml.errors import CXmlError
from cxml.errors import LimitExceeded
from cxml.errors import MalformedDocument
from cxml.order import OrderRequest
from cxml.profile import ProfileRequest
from cxml.punchout import PunchOutSetupRequest
from gateway import profile_service
from gateway import punchout
from gateway.app import cxml_context
from gateway.app import database_of
from gateway.app import price_books_of
from gateway.cxml_service import handle
from gateway.cxml_service import refuse
from gateway.orders import Inbound
from gateway.orders import parse_related
from gateway.orders import receive_order

blueprint = Blueprint("cxml", __name__)

# What may commit without waiting for the disk, with the group commit: a session lost in a
# crash costs the buyer one more click, an answered profile nothing. Orders always wait.
COMMIT_LAZILY = (PunchOutSetupRequest, ProfileRequest)

_CXML = "text/xml; charset=UTF-8"

# Form fields some systems post the document in, instead of a raw body (matched case-blind).
FORM_FIELDS = ("cxml-urlencoded", "cxml-base64", "cxml")


@blueprint.post("/cxml")
def receive():
    """Answer one cXML document with a cXML Response."""
    media_type = request.environ.get("CONTENT_TYPE", "").partition(";")[0].strip().lower()
    try:  # read no further than site_errors.limit_body allows
        body = inbound_body(media_type)
    except RequestEntityTooLarge:
        error = LimitExceeded(f"the request body is larger than {request.max_content_length} bytes")
        return _refused(error)
    except MalformedDocument as error:  # a form without the document's field
        return _refused(error)
    attachments = ()
    if media_type == "multipart/related":
        try:
            related = parse_related(request.content_type, body)
        except CXmlError as error:
            return _refused(error, body)
        body, attachments = related.document, related.attachments
    books = price_books_of(current_app)
    order_inbound = Inbound(raw=body, attachments=attachments)
    handlers = {
        PunchOutSetupRequest: lambda s, c, d, p, rows, _in: punchout.setup(s, c, d, p, books, rows),
        ProfileRequest: lambda s, c, d, p, rows, _in: profile_service.answer(rows, c, p, handlers),
        OrderRequest: lambda s, c, d, p, _rows, inbound_id: receive_order(
            s, c, d, p, inbound_id, books=books, inbound=order_inbound
        ),
    }
    with database_of(current_app).transaction() as session:
        answer = handle(
            session, cxml_context(current_app, request), body, handlers, lazy=COMMIT_LAZILY
        )
    return Response(answer.body, status=answer.http_status, content_type=_CXML)


def _refused(error: CXmlError, body: bytes = b"") -> Response:
    with database_of(current_app).transaction() as session:
        answer = refuse(session, cxml_context(current_app, request), error, body)
    return Response(answer.body, status=answer.http_status, content_type=_CXML)


def body_limit(media_type: str, xml_max_bytes: int) -> int | None:
    """The most a body may hold, read no further: the document's own limit; four times that
    in a form field (Base64, then percent-encoded); with attachments, the app's limit."""
    if media_type == "multipart/related":
        return None
    if media_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return 4 * xml_max_bytes
    return xml_max_bytes


def inbound_body(media_type: str) -> bytes:
    """The document: the raw body, or the form field that carries it (MalformedDocument when a
    form has none)."""
    if media_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        fields = {name.lower(): value for name, value in request.form.items()}
        for name in FORM_FIELDS:
            if name in fields:
                if name.endswith("base64"):
                    return _from_base64(name, fields[name])
                return fields[name].encode("utf-8")
        # curl's default Content-Type: the document was likely meant as the raw body
        raise MalformedDocument(
            "a form post needs a cxml-urlencoded or cxml-base64 field; or send the document"
            " as text/xml"
        )
    return request.get_data(cache=False)


# Outside Base64's alphabet, but for line breaks (Base64 wrapped at 76 characters) and the
# space an unescaped `+` becomes in a form value
_NOT_BASE64 = re.compile(r"[^A-Za-z0-9+/=\r\n ]")


def _from_base64(name: str, value: str) -> bytes:
    """The field's document. Line breaks are skipped and a space is read as `+`; any other
    character outside Base64 is refused by name and place, never skipped: a document posted
    in this field as it is decoded into bytes that said nothing of what went wrong."""
    stray = _NOT_BASE64.search(value)
    if stray is not None:
        hint = " (the document itself? send it in cxml-urlencoded)" if stray[0] == "<" else ""
        raise MalformedDocument(
            f"the {name} field is not Base64: {stray[0]!r} at character {stray.start() + 1}{hint}"
        )
    text = value.replace("\r", "").replace("\n", "").replace(" ", "+")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise MalformedDocument(f"the {name} field is not Base64: {exc}") from exc
