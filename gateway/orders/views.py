"""Orders as plain data for staff and scripts: the JSON API and `gateway order list|show`."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.models import BillingEntity
from gateway.models import Document
from gateway.models import Order
from gateway.models import OutboxItem
from gateway.models import TradingPartner
from gateway.models.base import could_be_id
from gateway.models.exchange import OrderEvent
from gateway.orders.backoffice import current_lines
from gateway.orders.backoffice import exact_text
from gateway.orders.backoffice import iso_time
from gateway.orders.errors import OrderNotFound

__all__ = ["ORDER_STATES", "list_orders", "order_view"]

ORDER_STATES = (
    "accepted",
    "forwarded",
    "confirmed",
    "rejected",
    "shipped",
    "invoiced",
    "cancelled",
)


def _summary(order: Order, partner: str, entity: str) -> dict:
    return {
        "id": order.id,
        "partner": partner,
        "entity": entity,
        "order_id": order.order_id,
        "version": order.version,
        "type": order.type,
        "state": order.state,
        "order_date": iso_time(order.order_date),
        "currency": order.currency,
        "total": exact_text(order.total),
        "flags": list(order.flags),
        "deployment_mode": order.deployment_mode,
    }


def list_orders(
    session: Session, *, partner: str | None = None, state: str | None = None, limit: int = 100
) -> list[dict]:
    """Order summaries, newest first, optionally of one partner (by name) and in one state."""
    statement = (
        select(Order, TradingPartner.name, BillingEntity.code)
        .join(TradingPartner, TradingPartner.id == Order.partner_id)
        .join(BillingEntity, BillingEntity.id == Order.entity_id)
        .order_by(Order.id.desc())
        .limit(limit)
    )
    if partner:
        statement = statement.where(TradingPartner.name == partner)
    if state:
        statement = statement.where(Order.state == state)
    return [_summary(order, name, code) for order, name, code in session.execute(statement)]


def find_order(session: Session, order_id: int, *, for_update: bool = False) -> Order:
    """The order with that id (its row locked with `for_update`); OrderNotFound (404) when
    there is none."""
    order = (
        session.get(Order, order_id, with_for_update=for_update) if could_be_id(order_id) else None
    )
    if order is None:
        raise OrderNotFound(f"no order with id {order_id}")
    return order


def order_view(session: Session, order_id: int) -> dict:
    """One order whole: lines, shipments with tracking, invoices, every document, deliveries."""
    order = find_order(session, order_id)
    partner = session.get(TradingPartner, order.partner_id)
    entity = session.get(BillingEntity, order.entity_id)
    events = session.scalars(
        select(OrderEvent).where(OrderEvent.order_id == order.id).order_by(OrderEvent.id)
    ).all()
    view = _summary(order, partner.name, entity.code)
    view.update(
        payload_id=order.payload_id,
        ship_to=order.ship_to,
        bill_to=order.bill_to,
        comments=order.comments,
        charges=order.charges,
        lines=[_line(line) for line in current_lines(order)],
        history=[
            _line(line) | {"version": line.version}
            for line in order.lines
            if line.version != order.version
        ],
        attachments=[
            {
                "content_id": a.content_id,
                "content_type": a.content_type,
                "filename": a.filename,
                "size": len(a.data),
            }
            for a in order.attachments
        ],
        events=[
            {"kind": e.kind, "at": iso_time(e.created_at), "payload_id": e.payload_id, **e.data}
            for e in events
        ],
        shipments=[e.data for e in events if e.kind == "shipped"],
        invoices=[e.data for e in events if e.kind == "invoiced"],
        documents=_documents(session, order.id),
        deliveries=_deliveries(session, order.id),
    )
    return view


def _line(line) -> dict:
    return {
        "line_number": line.line_number,
        "sku": line.sku,
        "description": line.description,
        "quantity": exact_text(line.quantity),
        "unit": line.unit,
        "unit_price": exact_text(line.unit_price),
        "state": line.state,
        "punchout_session": line.session_id,
        "accounting": line.accounting,
        "ship_to": line.ship_to,
        "comments": line.comments,
        "charges": line.charges,
    }


def _documents(session: Session, order_id: int) -> list[dict]:
    rows = session.execute(
        select(
            Document.id,
            Document.direction,
            Document.doc_type,
            Document.payload_id,
            Document.status_code,
            Document.status_text,
            Document.created_at,
        )
        .where(Document.order_id == order_id)
        .order_by(Document.id)
    )
    return [
        {
            "id": row.id,
            "direction": row.direction,
            "type": row.doc_type,
            "payload_id": row.payload_id,
            "status": row.status_code,
            "status_text": row.status_text,
            "at": iso_time(row.created_at),
        }
        for row in rows
    ]


def _deliveries(session: Session, order_id: int) -> list[dict]:
    items = session.scalars(
        select(OutboxItem).where(OutboxItem.order_id == order_id).order_by(OutboxItem.id)
    )
    return [
        {
            "kind": item.kind,
            "idempotency_key": item.idempotency_key,
            "state": item.state,
            "attempts": item.attempts,
            "last_error": item.last_error,
        }
        for item in items
    ]
