"""The buyer simulator's inbox (demo mode): where the demo partners' order documents go.

`gateway serve --demo` points each demo cXML partner's outbound URL here (demo.partners
`point_at_simulator`), so that an order placed from the simulator can be confirmed, shipped and
invoiced with `gateway order confirm|ship|invoice`, and what the procurement system receives is
seen at /simulator/documents: each document decoded, validated strictly, and whole.

POST /simulator/documents answers as a procurement system does: a cXML Response, 200 for a
document it kept, 400 naming what it could not read. A kept document is a file in the instance
folder's `simulator-inbox`, so that every worker of the server lists them all; the newest
INBOX_KEPT are kept and the newest INBOX_SHOWN shown.
"""

import datetime
import pathlib
import re

from flask import Response as FlaskResponse
from flask import current_app
from flask import render_template
from flask import request

from cxml.document import build_cxml
from cxml.document import parse_cxml
from cxml.envelope import CXml
from cxml.envelope import Response
from cxml.envelope import Status
from cxml.errors import CXmlError
from cxml.fulfill import ConfirmationRequest
from cxml.fulfill import ShipNoticeRequest
from cxml.invoice import InvoiceDetailRequest
from gateway.app import ids_of
from gateway.sessions import quantity_text
from gateway.web.simulator import blueprint
from gateway.web.simulator import partner_addressed

INBOX_SHOWN = 50
INBOX_KEPT = 200  # the oldest go beyond that: a demo server must not fill its disk
_FILE_NAME = re.compile(r"\d{20}-[0-9a-f]{8}\.xml")


def inbox_folder() -> pathlib.Path:
    return pathlib.Path(current_app.instance_path) / "simulator-inbox"


@blueprint.post("/documents")
def receive_document():
    """Keep an order document the gateway's outbox posts, and answer with a cXML Response."""
    body = request.get_data(cache=False)  # at most the site's limit (site_errors.limit_body)
    try:
        document = parse_cxml(body, mode=None)
    except CXmlError as exc:
        return _answer(400, f"not a cXML document the simulator can read: {exc}")
    if not partner_addressed(document):
        return _answer(400, "the document's To names no demo partner of this simulator")
    folder = inbox_folder()
    folder.mkdir(parents=True, exist_ok=True)
    ids = ids_of(current_app)
    name = f"{ids.now().timestamp() * 1e6:020.0f}-{ids.random_hex(4)}.xml"
    part = folder / f".{name}.part"  # renamed whole: the page never reads half a document
    part.write_bytes(body)
    part.replace(folder / name)
    for old in _kept_files(folder)[INBOX_KEPT:]:
        old.unlink(missing_ok=True)
    return _answer(200, "")


def _kept_files(folder: pathlib.Path) -> list[pathlib.Path]:
    """The documents kept, newest first."""
    if not folder.is_dir():
        return []
    return sorted(
        (path for path in folder.glob("*.xml") if _FILE_NAME.fullmatch(path.name)), reverse=True
    )


def _answer(code: int, message: str) -> FlaskResponse:
    ids = ids_of(current_app)
    moment = ids.now()
    text = {200: "OK", 400: "Bad Request"}[code]
    answer = CXml(
        payload_id=ids.payload_id(moment),
        timestamp=moment,
        body=Response(status=Status(code=code, text=text, message=message)),
    )
    return FlaskResponse(build_cxml(answer), status=code, content_type="text/xml; charset=UTF-8")


@blueprint.get("/documents")
def documents():
    """The order documents received, newest first, each decoded and validated."""
    files = _kept_files(inbox_folder())
    received = [_read(path) for path in files[:INBOX_SHOWN]]
    return render_template(
        "simulator/documents.html", received=received, more=max(len(files) - INBOX_SHOWN, 0)
    )


def _read(path: pathlib.Path) -> dict:
    raw = path.read_bytes()
    at = datetime.datetime.fromtimestamp(int(path.name[:20]) / 1e6, datetime.UTC)
    entry = {"at": at, "xml": raw.decode("utf-8", errors="replace"), "problems": []}
    try:
        document = parse_cxml(raw, mode="strict")
    except CXmlError as exc:
        entry["problems"].append(str(exc))
        try:
            document = parse_cxml(raw, mode=None)
        except CXmlError:
            document = None
    content = document.body.content if document is not None else None
    entry["partner"] = partner_addressed(document) if document is not None else ""
    entry["type"] = type(content).__name__ if content is not None else "unreadable"
    entry["orders"], entry["summary"] = _summary(content)
    return entry


def _summary(content) -> tuple[str, str]:
    """The orders a document is about, and what it says of them, in a line."""
    if isinstance(content, ConfirmationRequest):
        lines = "; ".join(
            f"line {item.line_number}: "
            + ", ".join(f"{s.type} {quantity_text(s.quantity)}" for s in item.statuses)
            for item in content.items
        )
        return content.order_reference.order_id, f"{content.type}" + (
            f" ({lines})" if lines else ""
        )
    if isinstance(content, ShipNoticeRequest):
        orders = ", ".join(p.order_reference.order_id for p in content.portions)
        carriers = ", ".join(
            f"{' '.join(v for _k, v in c.carrier_identifiers)} {' '.join(c.shipment_identifiers)}"
            for c in content.controls
        )
        lines = "; ".join(
            f"line {i.line_number}: {quantity_text(i.quantity)}"
            for p in content.portions
            for i in p.items
        )
        return orders, f"shipment {content.shipment_id}" + (
            f" by {carriers}" if carriers else ""
        ) + (f" ({lines})" if lines else "")
    if isinstance(content, InvoiceDetailRequest):
        orders = ", ".join(o.order_reference.order_id for o in content.orders)
        summary = content.summary
        due = summary.due_amount or summary.gross_amount or summary.net_amount
        return orders, f"invoice {content.invoice_id}, due {due.amount} {due.currency}"
    return "", ""
