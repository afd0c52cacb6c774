"""Whole documents: parse_cxml (bytes -> CXml) and build_cxml (CXml -> bytes).

Strategy: hardened parse (xmlparse), then schema validation in the chosen mode (validation),
then decode the envelope and dispatch the body's one content element through the tables
below. A value that breaks an invariant while decoding becomes InvalidContent (400); a kind of
content not in the tables becomes UnsupportedMessage (450). Building writes the DOCTYPE of the
document's version and of the DTD file that declares its content (versions.DTD_FILES), then
each writer appends its elements as escaped text to one list: no tree is built, and the bytes
are those lxml wrote (tests/cxml/test_build_bytes.py holds them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from typing import NamedTuple

from lxml import etree

from cxml import fulfill
from cxml import invoice
from cxml import order
from cxml import profile
from cxml import punchout
from cxml._construct import constructor
from cxml._write import attr
from cxml._write import end
from cxml._write import lang
from cxml._write import start
from cxml._xml import XML_LANG
from cxml._xml import firsts
from cxml._xml import missing
from cxml._xml import need_attr
from cxml.envelope import CXml
from cxml.envelope import Message
from cxml.envelope import Request
from cxml.envelope import Response
from cxml.envelope import Status
from cxml.envelope import read_header
from cxml.envelope import read_status
from cxml.envelope import write_header
from cxml.envelope import write_status
from cxml.errors import BuildError
from cxml.errors import CXmlError
from cxml.errors import InvalidContent
from cxml.errors import MalformedDocument
from cxml.errors import UnsupportedMessage
from cxml.ids import PayloadIdFactory
from cxml.ids import format_timestamp
from cxml.ids import parse_timestamp
from cxml.validation import validate_tree
from cxml.versions import DEFAULT_VERSION
from cxml.versions import Doctype
from cxml.versions import build_doctype
from cxml.versions import parse_version
from cxml.xmlparse import DEFAULT_LIMITS
from cxml.xmlparse import Limits
from cxml.xmlparse import parse_xml

__all__ = ["build_cxml", "error_response", "new_response", "parse_cxml"]


class _Kind(NamedTuple):
    cls: type
    read: Callable[..., Any]
    write: Callable[[list[str], Any], None]
    dtd_file: str


_KINDS = {
    "PunchOutSetupRequest": _Kind(
        punchout.PunchOutSetupRequest,
        punchout.read_setup_request,
        punchout.write_setup_request,
        "cXML.dtd",
    ),
    "PunchOutSetupResponse": _Kind(
        punchout.PunchOutSetupResponse,
        punchout.read_setup_response,
        punchout.write_setup_response,
        "cXML.dtd",
    ),
    "PunchOutOrderMessage": _Kind(
        punchout.PunchOutOrderMessage,
        punchout.read_order_message,
        punchout.write_order_message,
        "cXML.dtd",
    ),
    "OrderRequest": _Kind(
        order.OrderRequest, order.read_order_request, order.write_order_request, "cXML.dtd"
    ),
    "ConfirmationRequest": _Kind(
        fulfill.ConfirmationRequest,
        fulfill.read_confirmation_request,
        fulfill.write_confirmation_request,
        "Fulfill.dtd",
    ),
    "ShipNoticeRequest": _Kind(
        fulfill.ShipNoticeRequest,
        fulfill.read_ship_notice_request,
        fulfill.write_ship_notice_request,
        "Fulfill.dtd",
    ),
    "InvoiceDetailRequest": _Kind(
        invoice.InvoiceDetailRequest,
        invoice.read_invoice_detail_request,
        invoice.write_invoice_detail_request,
        "InvoiceDetail.dtd",
    ),
    "ProfileRequest": _Kind(
        profile.ProfileRequest,
        profile.read_profile_request,
        profile.write_profile_request,
        "cXML.dtd",
    ),
    "ProfileResponse": _Kind(
        profile.ProfileResponse,
        profile.read_profile_response,
        profile.write_profile_response,
        "cXML.dtd",
    ),
}
_BY_CLASS = {kind.cls: kind for kind in _KINDS.values()}
_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"


_cxml = constructor(CXml)
_request = constructor(Request)
_response = constructor(Response)
_message = constructor(Message)
_BODIES = ("Request", "Response", "Message")


def parse_cxml(
    data: bytes, *, limits: Limits = DEFAULT_LIMITS, mode: str | None = "strict"
) -> CXml:
    """Parse and validate a cXML document; raise a CXmlError subclass carrying its status.

    `mode` is "strict" (the DTD's rules), "lenient" (also the documented real-world
    deviations, docs/cxml-deviations.md) or None (no schema validation; decoding still checks
    required parts and values).
    """
    parsed = parse_xml(data, limits)
    root = parsed.root
    if root.tag != "cXML":
        raise MalformedDocument(f"the root element is {root.tag!r}; a cXML document was expected")
    if mode is not None:
        validate_tree(root, mode=mode)
    version = root.get("version") or (parsed.doctype.version if parsed.doctype else None)
    found = firsts(root)
    header = found.get("Header")
    try:
        return _cxml(
            payload_id=need_attr(root, "payloadID"),
            timestamp=parse_timestamp(need_attr(root, "timestamp"), lenient=mode != "strict"),
            version=parse_version(version or DEFAULT_VERSION),
            lang=root.get(XML_LANG),
            header=None if header is None else read_header(header),
            body=_read_body(found, lenient=mode != "strict"),
        )
    except ValueError as exc:
        raise InvalidContent(str(exc)) from exc


def _read_body(found: dict[str, etree._Element], *, lenient: bool) -> Request | Response | Message:
    """The first Request, else Response, else Message among the root's children."""
    for tag in _BODIES:
        el = found.get(tag)
        if el is not None:
            break
    else:
        raise InvalidContent("/cXML: no Request, Response or Message")
    status = content = None
    for child in el[:]:
        if child.tag == "Status":
            status = child if status is None else status
        elif content is None and isinstance(child.tag, str):
            content = child
    content = _content(content, lenient)
    if tag == "Response":
        if status is None:
            raise missing(el, "Status")
        return _response(status=read_status(status), content=content)
    if content is None:
        raise InvalidContent(f"/cXML/{tag} is empty")
    mode = el.get("deploymentMode", "production")
    if tag == "Request":
        return _request(content=content, deployment_mode=mode)
    return _message(
        content=content,
        deployment_mode=mode,
        in_reply_to=el.get("inReplyTo"),
        status=None if status is None else read_status(status),
    )


def _content(el: etree._Element | None, lenient: bool) -> Any:
    if el is None:
        return None
    kind = _KINDS.get(el.tag)
    if kind is None:
        raise UnsupportedMessage(f"{el.tag} is not supported by this endpoint")
    return kind.read(el, lenient=lenient)


def build_cxml(document: CXml) -> bytes:
    """Serialise a CXml document with its DOCTYPE, as UTF-8 bytes."""
    body = document.body
    kind = None if body.content is None else _BY_CLASS.get(type(body.content))
    if body.content is not None and kind is None:
        raise BuildError(f"{type(body.content).__name__} is not a cXML message object")
    doctype = Doctype(
        root="cXML", version=document.version, dtd_file=kind.dtd_file if kind else "cXML.dtd"
    )
    attrs = (
        attr("payloadID", document.payload_id)
        + f' timestamp="{format_timestamp(document.timestamp)}"'
        + attr("version", document.version)
        + lang(document.lang)
    )
    out = [_DECLARATION, build_doctype(doctype), f"\n<cXML{attrs}>"]
    if document.header is not None:
        write_header(out, document.header)
    tag = type(body).__name__
    if isinstance(body, Response):
        mark = start(out, tag)
        write_status(out, body.status)
    else:
        mode = None if body.deployment_mode == "production" else body.deployment_mode
        attrs = attr("deploymentMode", mode)
        if isinstance(body, Message):
            attrs += attr("inReplyTo", body.in_reply_to)
        mark = start(out, tag, attrs)
        if isinstance(body, Message) and body.status is not None:
            write_status(out, body.status)
    if kind is not None:
        kind.write(out, body.content)
    end(out, tag, mark)
    out.append("</cXML>")
    return "".join(out).encode("utf-8")


def new_response(
    status: Status,
    content: Any = None,
    *,
    ids: PayloadIdFactory,
    version: str = DEFAULT_VERSION,
    lang: str = "en-US",
) -> CXml:
    """A Response document with a fresh payloadID and timestamp from `ids`."""
    moment = ids.now()
    return CXml(
        payload_id=ids.payload_id(moment),
        timestamp=moment,
        version=version,
        lang=lang,
        body=Response(status=status, content=content),
    )


def error_response(error: CXmlError, *, ids: PayloadIdFactory, lang: str = "en-US") -> CXml:
    """The Response that answers a failed request: the error's code, text and reason."""
    status = Status(code=error.code, text=error.text, message=error.reason)
    return new_response(status, ids=ids, lang=lang)
