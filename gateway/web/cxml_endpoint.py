"""POST /cxml: every inbound cXML request (setup, profile; orders with their own issue)."""

import base64
import binascii

from flask import Blueprint
from flask import Response
from flask import current_app
from flask import request

from cxml.errors import CXmlError
from cxml.order import OrderRequest
from cxml.profile import ProfileRequest
from cxml.punchout import PunchOutSetupRequest
from gateway import profile_service
from gateway import punchout
from gateway.app import cxml_context
from gateway.app import database_of
from gateway.app import price_books_of
from gateway.cxml_service import handle
from gateway.orders import Inbound
from gateway.orders import parse_related
from gateway.orders import receive_order

blueprint = Blueprint("cxml", __name__)

# What may commit without waiting for the disk: a session lost in a crash costs the buyer one
# more click, an answered profile nothing. Orders always wait.
COMMIT_LAZILY = (PunchOutSetupRequest, ProfileRequest)

# Form fields some systems post the document in, instead of a raw body (matched case-blind).
FORM_FIELDS = ("cxml-urlencoded", "cxml-base64", "cxml")


@blueprint.post("/cxml")
def receive():
    """Answer one cXML document with a cXML Response."""
    body = inbound_body()
    attachments = ()
    if request.mimetype == "multipart/related":
        try:
            related = parse_related(request.content_type, body)
            body, attachments = related.document, related.attachments
        except CXmlError:
            pass  # handle() refuses the unreadable body and logs it
    books = price_books_of(current_app)
    order_inbound = Inbound(raw=body, attachments=attachments)
    handlers = {
        PunchOutSetupRequest: lambda s, c, d, p, _id: punchout.setup(s, c, d, p, books),
        ProfileRequest: lambda s, c, d, p, _id: profile_service.answer(s, c, p),
        OrderRequest: lambda s, c, d, p, i: receive_order(
            s, c, d, p, i, books=books, inbound=order_inbound
        ),
    }
    with database_of(current_app).transaction() as session:
        answer = handle(
            session, cxml_context(current_app, request), body, handlers, lazy=COMMIT_LAZILY
        )
    return Response(answer.body, status=answer.http_status, content_type="text/xml; charset=UTF-8")


def inbound_body() -> bytes:
    """The document: the raw body, or the form field that carries it."""
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        fields = {name.lower(): value for name, value in request.form.items()}
        for name in FORM_FIELDS:
            if name in fields:
                if name.endswith("base64"):
                    try:
                        return base64.b64decode(fields[name], validate=False)
                    except (binascii.Error, ValueError):
                        return b""
                return fields[name].encode("utf-8")
        return b""
    return request.get_data(cache=False)
