"""The order's life back to the buyer: confirmation, ship notice and invoice.

Strategy: staff or the back office report a step (JSON API, CLI); we check it against the
order's current lines and state, build the cXML request (Fulfill.dtd ConfirmationRequest,
ShipNoticeRequest; InvoiceDetail.dtd InvoiceDetailRequest, formats.md 1.9-1.11), log it, record
an OrderEvent, move the order's state, and leave the document in the outbox for the partner's
outbound URL. The buyer's synchronous Response is checked when it is delivered (check_reply).
"""

from sqlalchemy.orm import Session

from cxml.document import parse_cxml
from cxml.envelope import Response
from cxml.errors import CXmlError
from gateway.documents import log_document
from gateway.models import OutboxItem
from gateway.orders.outbox import DeliveryFailed
from gateway.orders.outbox import Reply

__all__ = ["check_reply"]


def check_reply(session: Session, item: OutboxItem, reply: Reply) -> str:
    """The verdict on a delivery's answer: "delivered", or "dead" when a buyer's cXML Response
    refuses the document for good (4xx); a 5xx status is retried (formats.md 1.4)."""
    if item.kind != "buyer":
        return "delivered"
    try:
        answer = parse_cxml(reply.body, mode=None)
    except CXmlError as exc:
        raise DeliveryFailed(f"the buyer's answer is not a cXML Response: {exc.reason}") from exc
    if not isinstance(answer.body, Response):
        raise DeliveryFailed("the buyer answered with something other than a Response")
    status = answer.body.status
    log_document(
        session,
        direction="in",
        doc_type="Response",
        body=reply.body,
        partner_id=None,
        payload_id=answer.payload_id,
        status_code=status.code,
        status_text=status.message or status.text,
        order_id=item.order_id,
        flush=False,
    )
    if 200 <= status.code < 300:
        return "delivered"
    item.last_error = f"buyer answered {status.code} {status.text}: {status.message}"[:2000]
    if 400 <= status.code < 500:
        return "dead"
    raise DeliveryFailed(item.last_error)
