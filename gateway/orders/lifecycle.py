"""The order's life back to the buyer: confirmation, ship notice and invoice.

Strategy: staff or the back office report a step (JSON API, CLI); we check it against the
order's current lines and state, build the cXML request (Fulfill.dtd ConfirmationRequest,
ShipNoticeRequest; InvoiceDetail.dtd InvoiceDetailRequest, formats.md 1.9-1.11), log it, record
an OrderEvent, move the order's state, and leave the document in the outbox for the partner's
outbound URL. The buyer's synchronous Response is checked when it is delivered (check_reply).
"""

import dataclasses
import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from cxml.document import build_cxml
from cxml.document import parse_cxml
from cxml.envelope import Credential
from cxml.envelope import CXml
from cxml.envelope import Request
from cxml.envelope import Response
from cxml.envelope import Sender
from cxml.errors import CXmlError
from cxml.fulfill import ConfirmationItem
from cxml.fulfill import ConfirmationRequest
from cxml.fulfill import ConfirmationStatus
from cxml.fulfill import OrderReference
from cxml.fulfill import ShipControl
from cxml.fulfill import ShipNoticeItem
from cxml.fulfill import ShipNoticePortion
from cxml.fulfill import ShipNoticeRequest
from cxml.ids import PayloadIdFactory
from cxml.invoice import InvoiceDetailItem
from cxml.invoice import InvoiceDetailOrder
from cxml.invoice import InvoiceDetailRequest
from cxml.invoice import InvoiceDetailSummary
from cxml.items import Tax
from cxml.values import Comments
from cxml.values import Description
from cxml.values import Money
from gateway.cxml_service import message_header
from gateway.documents import log_document
from gateway.models import Order
from gateway.models import OutboxItem
from gateway.models import TradingPartner
from gateway.models.exchange import OrderEvent
from gateway.orders.backoffice import current_lines
from gateway.orders.backoffice import exact_text
from gateway.orders.errors import InvalidLifeCycle
from gateway.orders.errors import InvalidReport
from gateway.orders.outbox import OUTBOUND_SECRET
from gateway.orders.outbox import DeliveryFailed
from gateway.orders.outbox import Reply
from gateway.orders.outbox import enqueue
from gateway.orders.outbox import stored_outbound_secret
from gateway.orders.reports import Confirmation
from gateway.orders.reports import Invoice
from gateway.orders.reports import Shipment
from gateway.orders.shipping import line_balances
from gateway.orders.shipping import line_state
from gateway.orders.shipping import statuses_by_line
from gateway.orders.views import find_order
from gateway.profiles import profile_for
from gateway.settings import Settings
from pricing import round_amount

__all__ = ["Sending", "check_reply", "confirm_order", "invoice_order", "ship_order"]

USER_AGENT = "procurement-gateway order life cycle"
# The states each step may start from, and the state it leaves the order in.
STEPS = {
    "confirm": ("accepted", "forwarded", "confirmed"),
    "ship": ("accepted", "forwarded", "confirmed", "shipped"),
    "invoice": ("accepted", "forwarded", "confirmed", "shipped"),
}


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Sending:
    """What building an outbound document needs: our settings (identity) and the id factory."""

    settings: Settings
    ids: PayloadIdFactory


def confirm_order(
    session: Session, sending: Sending, order_id: int, confirmation: Confirmation
) -> Order:
    """Send a ConfirmationRequest (formats.md 1.9) and move the order to confirmed/rejected."""
    order, partner = _order_for(session, order_id, "confirm")
    lines = {line.line_number: line for line in current_lines(order)}
    by_line = statuses_by_line(confirmation.lines)
    for number in by_line:
        if number not in lines:
            raise InvalidReport(f"line {number}: the order has no such line", field="lines")
    # one ConfirmationItem a line, its statuses sharing out its quantity (Fulfill.dtd): a line
    # accepted in part was two items of the line's whole quantity, one for each status
    items = [_confirmation_item(lines[number], statuses) for number, statuses in by_line.items()]
    for number, statuses in by_line.items():
        lines[number].state = line_state(lines[number], statuses)
    comments = (Comments(text=confirmation.comment),) if confirmation.comment else ()
    content = ConfirmationRequest(
        type=confirmation.type,
        notice_date=sending.ids.now(),
        confirm_id=f"{order.order_id}-C{len(order.lines)}-{sending.ids.random_hex(4)}",
        order_reference=_reference(order),
        comments=comments,
        items=tuple(items),
    )
    order.state = "rejected" if confirmation.type == "reject" else "confirmed"
    data = {
        "type": confirmation.type,
        "comment": confirmation.comment,
        "lines": [
            {
                "line": s.line_number,
                "status": s.type,
                "quantity": str(s.quantity),
                "delivery_date": s.delivery_date.isoformat() if s.delivery_date else None,
            }
            for s in confirmation.lines
        ],
    }
    _send(session, sending, order, partner, content, "ConfirmationRequest", "confirmed", data)
    return order


def _confirmation_item(line, statuses) -> ConfirmationItem:
    return ConfirmationItem(
        line_number=line.line_number,
        quantity=_plain(line.quantity),
        unit_of_measure=line.unit,
        statuses=tuple(
            ConfirmationStatus(
                type=status.type,
                quantity=status.quantity,
                unit_of_measure=line.unit,
                delivery_date=_midnight(status.delivery_date),
            )
            for status in statuses
        ),
    )


def _midnight(day: datetime.date | None) -> datetime.datetime | None:
    return None if day is None else datetime.datetime.combine(day, datetime.time(), datetime.UTC)


def ship_order(session: Session, sending: Sending, order_id: int, shipment: Shipment) -> Order:
    """Send a ShipNoticeRequest (formats.md 1.10) with carrier and tracking number."""
    order, partner = _order_for(session, order_id, "ship")
    wanted, items = _shipped_items(session, order, shipment)
    now = sending.ids.now()
    shipment_id = shipment.shipment_id or f"{order.order_id}-S{sending.ids.random_hex(4)}"
    delivery = None
    if shipment.delivery_date is not None:
        delivery = datetime.datetime.combine(shipment.delivery_date, datetime.time(), datetime.UTC)
    content = ShipNoticeRequest(
        shipment_id=shipment_id,
        notice_date=now,
        shipment_date=now,
        delivery_date=delivery,
        controls=(
            ShipControl(
                carrier_identifiers=(("companyName", shipment.carrier),),
                shipment_identifiers=(shipment.tracking_number,),
                tracking_url=shipment.tracking_url or None,
            ),
        ),
        portions=(ShipNoticePortion(order_reference=_reference(order), items=items),),
    )
    order.state = "shipped"
    data = {
        "shipment_id": shipment_id,
        "carrier": shipment.carrier,
        "tracking_number": shipment.tracking_number,
        "tracking_url": shipment.tracking_url,
        "delivery_date": shipment.delivery_date.isoformat() if shipment.delivery_date else None,
        "lines": [{"line": n, "quantity": str(q)} for n, q in wanted],
    }
    _send(session, sending, order, partner, content, "ShipNoticeRequest", "shipped", data)
    return order


def _shipped_items(session: Session, order: Order, shipment: Shipment):
    """(line number, quantity) pairs shipped, one per line, and their ShipNoticeItems. A line
    never ships more than is left of it (ordered, less rejected, less shipped before:
    shipping.py); a shipment naming no lines ships what is left of every line, and is refused
    when nothing is."""
    balances = line_balances(session, order)
    wanted = shipment.lines or tuple(
        (number, balance.left) for number, balance in balances.items() if balance.left > 0
    )
    if not wanted:
        raise InvalidLifeCycle(f"order {order.id}: nothing is left to ship")
    totals: dict[int, Decimal] = {}
    for number, quantity in wanted:
        if number not in balances:
            raise InvalidReport(f"line {number}: the order has no such line", field="lines")
        if quantity <= 0:
            raise InvalidReport(f"line {number}: quantity must be more than 0", field="lines")
        totals[number] = totals.get(number, Decimal(0)) + quantity
        balance = balances[number]
        if totals[number] > balance.left:
            raise InvalidReport(
                f"line {number}: {exact_text(totals[number])} is more than the"
                f" {exact_text(balance.left)} left to ship ({balance})",
                field="lines",
            )
    units = {line.line_number: line.unit for line in current_lines(order)}
    items = tuple(
        ShipNoticeItem(line_number=number, quantity=_plain(quantity), unit_of_measure=units[number])
        for number, quantity in totals.items()
    )
    return tuple(totals.items()), items


def invoice_order(session: Session, sending: Sending, order_id: int, invoice: Invoice) -> Order:
    """Send an InvoiceDetailRequest (formats.md 1.11) for the order's current lines."""
    order, partner = _order_for(session, order_id, "invoice")
    currency = order.currency
    items = _invoice_items(order, line_balances(session, order))
    if not items:
        raise InvalidLifeCycle(f"order {order.id}: no line left to invoice")
    subtotal = sum((item.subtotal.amount for item in items), Decimal(0))
    tax = round_amount(subtotal * invoice.tax_percent / 100, currency)
    content = InvoiceDetailRequest(
        invoice_id=invoice.invoice_id,
        invoice_date=sending.ids.now(),
        orders=(InvoiceDetailOrder(order_reference=_reference(order), items=tuple(items)),),
        summary=InvoiceDetailSummary(
            subtotal=Money(amount=subtotal, currency=currency),
            tax=Tax(
                money=Money(amount=tax, currency=currency),
                description=Description(text=invoice.tax_description),
            ),
            net_amount=Money(amount=subtotal + tax, currency=currency),
        ),
    )
    order.state = "invoiced"
    data = {
        "invoice_id": invoice.invoice_id,
        "subtotal": str(subtotal),
        "tax": str(tax),
        "net": str(subtotal + tax),
        "currency": currency,
    }
    _send(session, sending, order, partner, content, "InvoiceDetailRequest", "invoiced", data)
    return order


def _invoice_items(order: Order, balances) -> list[InvoiceDetailItem]:
    """The current lines not rejected or cancelled, for what of each was not rejected (a line
    confirmed in part bills its accepted part), at prices rounded to the currency."""
    currency = order.currency
    items = []
    for number, line in enumerate(current_lines(order), start=1):
        balance = balances[line.line_number]
        billed = balance.ordered - balance.rejected
        if line.state in ("rejected", "cancelled") or billed <= 0:
            continue
        price = Money(amount=round_amount(line.unit_price, currency), currency=currency)
        quantity = _plain(billed)
        items.append(
            InvoiceDetailItem(
                invoice_line_number=number,
                quantity=quantity,
                unit_of_measure=line.unit,
                unit_price=price,
                reference_line_number=line.line_number,
                subtotal=price.times(quantity),
                description=Description(text=line.description or line.sku),
            )
        )
    return items


def _order_for(session: Session, order_id: int, step: str) -> tuple[Order, TradingPartner]:
    order = find_order(session, order_id, for_update=True)
    if order.state not in STEPS[step]:
        raise InvalidLifeCycle(f"order {order_id} is {order.state}; it cannot {step} now")
    partner = session.get(TradingPartner, order.partner_id)
    if not partner.outbound_url:
        raise InvalidLifeCycle(
            f"partner {partner.name} has no outbound URL for order documents"
            f" (gateway partner configure {partner.name} --outbound-url URL)"
        )
    return order, partner


def _reference(order: Order) -> OrderReference:
    moment = order.order_date  # SQLite hands back naive UTC
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return OrderReference(order_id=order.order_id, payload_id=order.payload_id, order_date=moment)


def _plain(quantity: Decimal) -> Decimal:
    return (
        quantity.quantize(Decimal(1))
        if quantity == quantity.to_integral()
        else quantity.normalize()
    )


def _header(settings: Settings, partner: TradingPartner):
    """From and Sender are us, To the partner; documents we post server to server carry our
    SharedSecret at this partner (formats.md 1.3), settings.orders.outbound_shared_secret. It is
    queued as OUTBOUND_SECRET, which the outbox replaces by the secret as it posts."""
    header = message_header(settings, partner, USER_AGENT)
    if stored_outbound_secret(partner) is None:
        return header
    ours = Credential(
        domain=settings.supplier_domain,
        identity=settings.supplier_identity,
        shared_secret=OUTBOUND_SECRET,
    )
    return dataclasses.replace(header, sender=Sender(credentials=(ours,), user_agent=USER_AGENT))


def _send(session, sending: Sending, order, partner, content, doc_type: str, event: str, data):
    """Build, log and queue one document for the buyer, and record the event."""
    header = _header(sending.settings, partner)
    moment = sending.ids.now()
    payload_id = sending.ids.payload_id(moment)
    document = CXml(
        payload_id=payload_id,
        timestamp=moment,
        version=profile_for(partner).version_for(doc_type),
        header=header,
        body=Request(content=content),
    )
    body = build_cxml(document)
    log_document(
        session,
        direction="out",
        doc_type=doc_type,
        body=body,
        partner_id=partner.id,
        payload_id=payload_id,
        order_id=order.id,
    )
    enqueue(
        session,
        kind="buyer",
        key=payload_id,
        url=partner.outbound_url,
        content_type="text/xml; charset=UTF-8",
        payload=body,
        order_id=order.id,
    )
    session.add(OrderEvent(order_id=order.id, kind=event, data=data, payload_id=payload_id))


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
    order = session.get(Order, item.order_id) if item.order_id is not None else None
    log_document(
        session,
        direction="in",
        doc_type="Response",
        body=reply.body,
        partner_id=order.partner_id if order is not None else None,
        payload_id=answer.payload_id,
        status_code=status.code,
        status_text=status.message or status.text,
        order_id=item.order_id,
    )
    if 200 <= status.code < 300:
        return "delivered"
    item.last_error = f"buyer answered {status.code} {status.text}: {status.message}"[:2000]
    if 400 <= status.code < 500:
        return "dead"
    raise DeliveryFailed(item.last_error)
