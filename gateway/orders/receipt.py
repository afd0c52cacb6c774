"""OrderRequest receipt: the /cxml handler that takes a purchase order exactly once.

Strategy: one savepoint inside the request's transaction holds the receipt claim (a row unique
per partner and payloadID), the order and its lines, the outbox item for the back office and
the answer. A repeat of a payloadID cannot insert its claim: the database refuses it (also when
the first is still in flight: PostgreSQL makes the second insert wait for the first to commit),
and the stored first answer is sent again. A refusal rolls the savepoint back, so nothing but
the logged document remains. The endpoint commits before it answers (formats.md 1.8: 200 only
after the order is durably stored).
"""

import dataclasses

from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cxml.document import build_cxml
from cxml.document import new_response
from cxml.envelope import CXml
from cxml.envelope import Status
from cxml.errors import CXmlError
from cxml.errors import LocalError
from cxml.order import OrderRequest
from cxml.validation import validate_tree
from cxml.xmlparse import Limits
from cxml.xmlparse import parse_xml
from gateway.cxml_service import Answer
from gateway.cxml_service import Context
from gateway.documents import log_document
from gateway.errors import ConfigError
from gateway.models import BillingEntity
from gateway.models import Document
from gateway.models import Order
from gateway.models import OrderAttachment
from gateway.models import OrderLine
from gateway.models import OutboxItem
from gateway.models import TradingPartner
from gateway.models.base import MAX_INTEGER
from gateway.models.base import column_length
from gateway.models.base import numeric_problem
from gateway.models.exchange import OrderEvent
from gateway.models.exchange import OrderReceipt
from gateway.orders.errors import OrderRefused
from gateway.orders.errors import UnknownOrder
from gateway.orders.errors import VersionConflict
from gateway.orders.outbox import enqueue_back_office
from gateway.orders.policy import read_order_policy
from gateway.orders.related import Attachment
from gateway.orders.validation import CheckedOrder
from gateway.orders.validation import validate_order
from gateway.profiles import profile_for
from gateway.punchout import ship_to_of

__all__ = ["Inbound", "receive_order"]

# CheckedLine fields stored as they are on order_lines.
LINE_FIELDS = (
    "line_number",
    "sku",
    "product_id",
    "quantity",
    "unit",
    "unit_price",
    "description",
    "requested_delivery",
    "session_id",
    "auxiliary_id",
    "accounting",
)
# Order states: received orders are accepted at once; the back office and staff move them on.
CLOSED_STATES = ("cancelled", "shipped", "invoiced", "rejected")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Inbound:
    """What the endpoint hands over besides the parsed document."""

    raw: bytes  # the cXML part as received, for the partner's schema mode
    attachments: tuple[Attachment, ...] = ()


def receive_order(
    session: Session,
    context: Context,
    document: CXml,
    partner: TradingPartner,
    inbound_id: int,
    *,
    books,
    inbound: Inbound,
) -> Answer:
    """Store an OrderRequest (new, update or delete) once and answer it; see the module text."""
    _check_storable(document, partner, inbound.attachments)
    savepoint = session.begin_nested()
    receipt = OrderReceipt(partner_id=partner.id, payload_id=document.payload_id)
    try:
        session.add(receipt)
        session.flush()
    except IntegrityError:
        savepoint.rollback()
        return _replay(session, partner.id, document.payload_id)
    try:
        _check_schema(partner, inbound.raw, context)
        order = _apply(session, context, document, partner, books, inbound)
        session.flush()
    except IntegrityError as exc:  # the same orderID arrived at once under another payloadID
        savepoint.rollback()
        raise VersionConflict("was received concurrently", field="orderID") from exc
    except CXmlError:
        savepoint.rollback()
        raise
    session.get(Document, inbound_id).order_id = order.id
    answer = _ok(session, context, partner, order.id)
    receipt.order_id, receipt.status_code, receipt.answer = order.id, 200, answer.body
    savepoint.commit()
    return answer


def _replay(session: Session, partner_id: int, payload_id: str) -> Answer:
    receipt = session.scalar(
        select(OrderReceipt).where(
            OrderReceipt.partner_id == partner_id, OrderReceipt.payload_id == payload_id
        )
    )
    return Answer(http_status=receipt.status_code, body=receipt.answer)


def _check_schema(partner: TradingPartner, raw: bytes, context: Context) -> None:
    """The endpoint parsed leniently; a strict partner's order must also pass the DTD's rules."""
    if profile_for(partner).schema_mode == "strict":
        limits = Limits(max_bytes=context.settings.xml_max_bytes)
        validate_tree(parse_xml(raw, limits).root, mode="strict")


def _apply(session, context, document: CXml, partner, books, inbound: Inbound) -> Order:
    request: OrderRequest = document.body.content
    existing = session.scalar(
        select(Order).where(Order.partner_id == partner.id, Order.order_id == request.order_id)
    )
    if request.type == "new":
        if existing is not None:
            raise VersionConflict(
                f'{request.order_id!r} was already received; send type="update" with a'
                " higher orderVersion to change it",
                field="OrderRequestHeader@orderID",
            )
        order = None
    else:
        order = _for_change(existing, request)
        _check_reference(session, order, request)
    checked = (
        None if request.type == "delete" else _check(session, context, request, partner, books)
    )
    if order is None:
        order = Order(partner_id=partner.id, order_id=request.order_id, version=0)
        session.add(order)
    order.payload_id, order.type = document.payload_id, request.type
    order.deployment_mode = document.body.deployment_mode
    order.version = request.order_version or (order.version + 1)
    if checked is None:
        _cancel(order)
    else:
        _store(session, order, partner.entity_id, request, checked, inbound.attachments)
    session.flush()
    session.add(
        OrderEvent(order_id=order.id, kind=EVENT_KINDS[request.type], payload_id=order.payload_id)
    )
    entity = session.get(BillingEntity, order.entity_id)
    enqueue_back_office(
        session, order, partner, entity.code, f"{partner.name}:{document.payload_id}"
    )
    return order


EVENT_KINDS = {"new": "received", "update": "updated", "delete": "cancelled"}


def charges_of(part) -> dict:
    """The Shipping and Tax an order or a line states, as sent: amount (exact text), currency
    and description. Nothing is recomputed from them (the Total check allows for them)."""
    return {
        name: {
            "amount": format(charge.money.amount, "f"),
            "currency": charge.money.currency,
            "description": charge.description.text,
        }
        for name, charge in (("shipping", part.shipping), ("tax", part.tax))
        if charge is not None
    }


def comments_text(comments) -> str:
    """The buyer's Comments (delivery instructions, say) as one text, a blank line between."""
    return "\n\n".join(comment.text for comment in comments if comment.text)


def _check_storable(document: CXml, partner: TradingPartner, attachments) -> None:
    """Refuse, naming it, a value the database cannot store: a number past its integers, a text
    longer than its column (PostgreSQL enforces the length). Both were server errors."""
    request: OrderRequest = document.body.content
    past = f"is past the largest we store ({MAX_INTEGER})"
    if (request.order_version or 0) > MAX_INTEGER:
        version = request.order_version
        raise OrderRefused(f"{version} {past}", field="OrderRequestHeader@orderVersion")
    # (field, text, its column); the back office's idempotency key is "<partner>:<payloadID>"
    key_room = column_length(OutboxItem.idempotency_key) - len(partner.name) - 1
    texts = [("OrderRequestHeader@orderID", request.order_id, Order.order_id)]
    for position, item in enumerate(request.items, start=1):
        if (item.line_number or 0) > MAX_INTEGER:
            field = f"ItemOut[{position}]@lineNumber"
            raise OrderRefused(f"{item.line_number} {past}", field=field)
        ids, where = item.item_id, f"ItemOut[{position}]/ItemID"
        texts.append((f"{where}/SupplierPartID", ids.supplier_part_id, OrderLine.sku))
        auxiliary = ids.supplier_part_auxiliary_id or ""
        texts.append((f"{where}/SupplierPartAuxiliaryID", auxiliary, OrderLine.auxiliary_id))
        if item.item_detail is not None:
            unit = item.item_detail.unit_of_measure
            texts.append((f"ItemOut[{position}]/ItemDetail/UnitOfMeasure", unit, OrderLine.unit))
    for attachment in attachments:
        where = f"attachment {attachment.content_id[:60]!r}"
        texts += [
            (f"{where} Content-ID", attachment.content_id, OrderAttachment.content_id),
            (f"{where} Content-Type", attachment.content_type, OrderAttachment.content_type),
            (f"{where} filename", attachment.filename, OrderAttachment.filename),
        ]
    limits = [("cXML@payloadID", document.payload_id, key_room)]
    limits += [(field, text, column_length(column)) for field, text, column in texts]
    for field, text, most in limits:
        if len(text) > most:
            raise OrderRefused(f"{len(text):,} characters; at most {most} are stored", field=field)
    _check_numbers(request)


def _check_numbers(request: OrderRequest) -> None:
    """Refuse a quantity, unit price or total its NUMERIC column cannot hold exactly: one too
    large was a server error on PostgreSQL (the document not even logged), extra decimals were
    rounded away. The bound is ours, so it holds on SQLite too. The lines come first: a line's
    number out of range also puts the Total out of range."""
    numbers = []
    for position, item in enumerate(request.items, start=1):
        numbers.append((f"ItemOut[{position}]@quantity", item.quantity, OrderLine.quantity))
        if item.item_detail is not None:
            price = item.item_detail.unit_price.amount
            field = f"ItemOut[{position}]/ItemDetail/UnitPrice/Money"
            numbers.append((field, price, OrderLine.unit_price))
    numbers.append(("OrderRequestHeader/Total/Money", request.total.amount, Order.total))
    for field, value, column in numbers:
        problem = numeric_problem(column, value)
        if problem:
            raise OrderRefused(problem, field=field)


def _for_change(existing: Order | None, request: OrderRequest) -> Order:
    """The order an update or delete applies to (formats.md 1.8: same orderID, higher
    orderVersion), or the refusal that says why it cannot apply."""
    field = "OrderRequestHeader@orderID"
    if existing is None:
        raise UnknownOrder(f"no order {request.order_id!r} to {request.type}", field=field)
    version = request.order_version
    if version is not None and version <= existing.version:
        raise VersionConflict(
            f"{version} is not newer than version {existing.version} we hold",
            field="OrderRequestHeader@orderVersion",
        )
    if existing.state in CLOSED_STATES:
        raise VersionConflict(f"order {request.order_id!r} is {existing.state}", field=field)
    return existing


def _check_reference(session: Session, order: Order, request: OrderRequest) -> None:
    """An update or delete may name the document it changes (DocumentReference@payloadID, the
    prior version's payloadID): it must be a version of this order that we received, else the
    buyer changes something other than what we hold."""
    reference = request.document_reference
    if reference is None:
        return
    received = set(
        session.scalars(
            select(OrderEvent.payload_id).where(
                OrderEvent.order_id == order.id,
                OrderEvent.kind.in_(EVENT_KINDS.values()),
            )
        )
    )
    if reference.payload_id not in received | {order.payload_id}:
        raise VersionConflict(
            f"names payloadID {reference.payload_id!r}, which is no version of order"
            f" {order.order_id!r} that we received",
            field="OrderRequestHeader/DocumentReference@payloadID",
        )


def _check(session, context: Context, request: OrderRequest, partner, books) -> CheckedOrder:
    entity = session.get(BillingEntity, partner.entity_id) if partner.entity_id else None
    if entity is None:
        raise LocalError(f"partner {partner.name} has no billing entity configured")
    try:
        policy = read_order_policy(partner.name, partner.settings)
    except ConfigError as exc:
        raise LocalError(str(exc)) from exc
    book = books.get(session, entity, context.settings.today(request.order_date))
    return validate_order(
        session,
        request,
        partner_id=partner.id,
        entity=entity,
        book=book,
        policy=policy,
        unit_map=profile_for(partner).unit_map,
    )


def _store(
    session, order: Order, entity_id: int, request: OrderRequest, checked: CheckedOrder, attachments
):
    """Set the order's header from the request and insert the lines of its new version in one
    statement; the lines of earlier versions stay as history, marked replaced."""
    if order.id is not None:
        session.execute(
            update(OrderLine)
            .where(OrderLine.order_id == order.id, OrderLine.state == "open")
            .values(state="replaced")
        )
    order.entity_id = entity_id
    order.state, order.flags = "accepted", list(checked.flags)
    order.order_date, order.currency = request.order_date, request.total.currency
    order.total = request.total.amount
    order.ship_to, order.bill_to = ship_to_of(request.ship_to), ship_to_of(request.bill_to)
    order.comments = comments_text(request.comments)
    order.charges = charges_of(request)
    session.flush()
    session.execute(
        insert(OrderLine),
        [
            {
                "order_id": order.id,
                "version": order.version,
                "state": "open",
                **{name: getattr(line, name) for name in LINE_FIELDS},
                "ship_to": ship_to_of(item.ship_to),
                "comments": comments_text(item.comments),
                "charges": charges_of(item),
            }
            for line, item in zip(checked.lines, request.items, strict=True)
        ],
    )
    session.expire(order, ["lines"])
    for attachment in attachments:
        order.attachments.append(
            OrderAttachment(
                content_id=attachment.content_id,
                content_type=attachment.content_type,
                filename=attachment.filename,
                data=attachment.data,
            )
        )


def _cancel(order: Order) -> None:
    order.state = "cancelled"
    for line in order.lines:
        if line.state == "open":
            line.state = "cancelled"


def _ok(session: Session, context: Context, partner: TradingPartner, order_id: int) -> Answer:
    """The 200 Response (formats.md 1.8: a plain Response; there is no OrderResponse)."""
    version = profile_for(partner).version_for("Response")
    response = new_response(Status(code=200, text="OK"), ids=context.ids, version=version)
    body = build_cxml(response)
    log_document(
        session,
        direction="out",
        doc_type="Response",
        body=body,
        partner_id=partner.id,
        payload_id=response.payload_id,
        status_code=200,
        order_id=order_id,
    )
    return Answer(http_status=200, body=body)
