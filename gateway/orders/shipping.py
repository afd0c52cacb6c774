"""What is left to ship of each line of an order: ordered, less rejected, less shipped; and
how a confirmation's statuses share out a line and decide its state.

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
from gateway.orders.errors import InvalidReport

__all__ = ["LineBalance", "line_balances", "line_state", "statuses_by_line"]

# A line's state after a confirmation, by the kind of its statuses other than reject.
LINE_STATES = {"accept": "confirmed", "detail": "confirmed"}

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


def statuses_by_line(statuses) -> dict[int, list]:
    """A confirmation's statuses grouped by the line they are about, in their order."""
    grouped: dict[int, list] = {}
    for status in statuses:
        grouped.setdefault(status.line_number, []).append(status)
    return grouped


def line_state(line, statuses) -> str:
    """The line's state after a confirmation. Its statuses share out its quantity (Fulfill.dtd:
    ConfirmationItem@quantity is the line's, each ConfirmationStatus says how much of it is in
    that state), so they add up to it exactly, else InvalidReport: a reject of 1 of 3 that said
    nothing of the other 2 would leave them neither rejected nor confirmed. The line is
    rejected when every status rejects it; accepted in part, it takes its first other status
    (what is rejected of it is counted by line_balances)."""
    total = sum((status.quantity for status in statuses), Decimal(0))
    if total != line.quantity:
        raise InvalidReport(
            f"line {line.line_number}: its statuses add up to {exact_text(total)}, not the"
            f" {exact_text(line.quantity)} ordered; they share out the whole line",
            field="lines",
        )
    kept = [status.type for status in statuses if status.type != "reject"]
    return LINE_STATES.get(kept[0], kept[0]) if kept else "rejected"
