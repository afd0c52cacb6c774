"""What is left to ship of each line of an order: ordered, less rejected, less shipped.

Strategy: the order's events since its current version was received (an update replaces the
lines, and the confirmations of earlier versions with them) say what the supplier rejected and
what earlier ship notices shipped. Per line the latest confirmation naming it decides how much
is rejected (the sum of its reject statuses, formats.md 1.9: a later ConfirmationRequest
replaces an earlier one), and every ship notice adds what it shipped (formats.md 1.10).
"""

import dataclasses
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.models import Order
from gateway.models.exchange import OrderEvent
from gateway.orders.backoffice import current_lines
from gateway.orders.backoffice import exact_text

__all__ = ["LineBalance", "line_balances"]

# The events that store a version of the order (receipt.EVENT_KINDS without the cancellation).
VERSION_EVENTS = ("received", "updated")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class LineBalance:
    """One order line's quantities: ordered, rejected by confirmations, shipped so far."""

    ordered: Decimal
    rejected: Decimal = Decimal(0)
    shipped: Decimal = Decimal(0)

    @property
    def left(self) -> Decimal:
        """What may still ship (never below 0: a reject of more than ordered rejects it all)."""
        return max(self.ordered - self.rejected - self.shipped, Decimal(0))

    def __str__(self) -> str:
        numbers = (exact_text(n) for n in (self.ordered, self.rejected, self.shipped))
        return "{} ordered, {} rejected, {} shipped".format(*numbers)


def line_balances(session: Session, order: Order) -> dict[int, LineBalance]:
    """Each current line's balance, by line number."""
    rejected: dict[int, Decimal] = {}
    shipped: dict[int, Decimal] = defaultdict(Decimal)
    for event in _events_of_current_version(session, order):
        rows = event.data.get("lines") or []
        if event.kind == "confirmed":
            named: dict[int, Decimal] = defaultdict(Decimal)
            for row in rows:
                named[row["line"]] += Decimal(row["quantity"]) if row["status"] == "reject" else 0
            rejected.update(named)
        elif event.kind == "shipped":
            for row in rows:
                shipped[row["line"]] += Decimal(row["quantity"])
    return {
        line.line_number: LineBalance(
            ordered=line.quantity,
            rejected=rejected.get(line.line_number, Decimal(0)),
            shipped=shipped[line.line_number],
        )
        for line in current_lines(order)
    }


def _events_of_current_version(session: Session, order: Order) -> list[OrderEvent]:
    events = session.scalars(
        select(OrderEvent).where(OrderEvent.order_id == order.id).order_by(OrderEvent.id)
    ).all()
    starts = [i for i, event in enumerate(events) if event.kind in VERSION_EVENTS]
    return list(events[starts[-1] + 1 :] if starts else events)
