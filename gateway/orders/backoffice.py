"""The JSON document the back office receives for each accepted order, update and cancellation.

One object per event: {"event": "order.created" | "order.updated" | "order.cancelled",
"idempotency_key": ..., "order": {...}}. Amounts and quantities are strings holding the exact
Decimal (never JSON numbers, which readers turn into floats); times are ISO 8601 with offset.
"""

import datetime
import json
from decimal import Decimal

from gateway.models import Order
from gateway.models import TradingPartner

__all__ = ["EVENTS", "build_back_office_document", "current_lines", "exact_text", "iso_time"]

EVENTS = {"new": "order.created", "update": "order.updated", "delete": "order.cancelled"}


def iso_time(moment: datetime.datetime | None) -> str | None:
    """ISO 8601 with its UTC offset; SQLite hands stored times back naive (they are UTC)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.isoformat()


def current_lines(order: Order) -> list:
    """The lines of the order's current version (earlier versions are history)."""
    return [line for line in order.lines if line.version == order.version]


def build_back_office_document(
    order: Order, partner: TradingPartner, entity_code: str, idempotency_key: str
) -> bytes:
    """The event document for the order as it now stands, as UTF-8 JSON bytes."""
    document = {
        "event": EVENTS[order.type],
        "idempotency_key": idempotency_key,
        "order": {
            "id": order.id,
            "partner": partner.name,
            "entity": entity_code,
            "order_id": order.order_id,
            "version": order.version,
            "payload_id": order.payload_id,
            "order_date": iso_time(order.order_date),
            "state": order.state,
            "currency": order.currency,
            "total": exact_text(order.total),
            "deployment_mode": order.deployment_mode,
            "ship_to": order.ship_to,
            "bill_to": order.bill_to,
            "comments": order.comments,
            "charges": order.charges,
            "flags": list(order.flags),
            "lines": [_line(line) for line in current_lines(order)],
        },
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _line(line) -> dict:
    return {
        "line_number": line.line_number,
        "sku": line.sku,
        "quantity": exact_text(line.quantity),
        "unit": line.unit,
        "unit_price": exact_text(line.unit_price),
        "description": line.description,
        "requested_delivery": iso_time(line.requested_delivery),
        "punchout_session": line.session_id,
        "auxiliary_id": line.auxiliary_id,
        "accounting": line.accounting,
        "ship_to": line.ship_to,
        "comments": line.comments,
        "charges": line.charges,
        "state": line.state,
    }


def exact_text(value: Decimal) -> str:
    """The exact number without the database's padding zeros: 899.0000 -> "899"."""
    return format(value.normalize(), "f")
