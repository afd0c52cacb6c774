"""What staff and the back office report about an order, as checked values: the input of the
life-cycle steps, read from JSON (API) or options (CLI) by `read_*` functions."""

import dataclasses
import datetime
from collections.abc import Mapping
from decimal import Decimal
from decimal import InvalidOperation
from typing import Any

from gateway.orders.errors import InvalidReport

__all__ = [
    "CONFIRMATION_KINDS",
    "Confirmation",
    "Invoice",
    "LineStatus",
    "Shipment",
    "read_confirmation",
    "read_invoice",
    "read_shipment",
]

# ConfirmationRequest@type values we offer (Fulfill.dtd; formats.md 1.9).
CONFIRMATION_KINDS = ("accept", "reject", "detail", "backordered", "except")
LINE_KINDS = ("accept", "reject", "backordered", "detail")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class LineStatus:
    """One order line's ConfirmationStatus: how many, of which kind, delivered when."""

    line_number: int
    type: str
    quantity: Decimal
    delivery_date: datetime.date | None = None

    def __post_init__(self) -> None:
        if self.type not in LINE_KINDS:
            raise InvalidReport(f"line {self.line_number}: status must be one of {LINE_KINDS}")
        if self.quantity <= 0:
            raise InvalidReport(f"line {self.line_number}: quantity must be more than 0")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Confirmation:
    type: str
    lines: tuple[LineStatus, ...] = ()
    comment: str = ""

    def __post_init__(self) -> None:
        if self.type not in CONFIRMATION_KINDS:
            raise InvalidReport(f"type must be one of {CONFIRMATION_KINDS}")
        if self.type == "reject" and self.lines:
            raise InvalidReport("a reject confirmation lists no lines (Fulfill.dtd)")
        if self.type in ("detail", "except") and not self.lines:
            raise InvalidReport(f"a {self.type} confirmation lists its lines (Fulfill.dtd)")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Shipment:
    carrier: str
    tracking_number: str
    tracking_url: str = ""
    shipment_id: str = ""
    delivery_date: datetime.date | None = None
    lines: tuple[tuple[int, Decimal], ...] = ()  # (line number, quantity); empty: every line

    def __post_init__(self) -> None:
        if not self.carrier.strip() or not self.tracking_number.strip():
            raise InvalidReport("a shipment needs a carrier and a tracking number")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Invoice:
    invoice_id: str
    tax_percent: Decimal
    tax_description: str = "VAT"

    def __post_init__(self) -> None:
        if not self.invoice_id.strip():
            raise InvalidReport("an invoice needs an invoice_id")
        if not self.tax_percent.is_finite() or self.tax_percent < 0:
            raise InvalidReport("tax_percent must be a non-negative number")


def _decimal(value: Any, name: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise InvalidReport(f"{name}: not a number: {value!r}") from None
    if not number.is_finite():
        raise InvalidReport(f"{name}: not a number: {value!r}")
    return number


def _date(value: Any, name: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidReport(f"{name}: expected a date YYYY-MM-DD, got {value!r}") from None


def _int(value: Any, name: str) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise InvalidReport(f"{name}: expected a line number, got {value!r}") from None


def read_confirmation(data: Mapping[str, Any]) -> Confirmation:
    """{"type": "detail", "comment": "...", "lines": [{"line": 1, "status": "backordered",
    "quantity": "2", "delivery_date": "2026-12-10"}]}"""
    lines = tuple(
        LineStatus(
            line_number=_int(row.get("line"), f"lines[{i}].line"),
            type=str(row.get("status", "accept")),
            quantity=_decimal(row.get("quantity"), f"lines[{i}].quantity"),
            delivery_date=_date(row.get("delivery_date"), f"lines[{i}].delivery_date"),
        )
        for i, row in enumerate(data.get("lines") or ())
    )
    return Confirmation(
        type=str(data.get("type", "accept")), lines=lines, comment=str(data.get("comment", ""))
    )


def read_shipment(data: Mapping[str, Any]) -> Shipment:
    """{"carrier": "DHL", "tracking_number": "...", "tracking_url": "...", "shipment_id": "...",
    "delivery_date": "2026-12-01", "lines": [{"line": 1, "quantity": "2"}]}"""
    lines = tuple(
        (_int(row.get("line"), f"lines[{i}].line"), _decimal(row.get("quantity"), "quantity"))
        for i, row in enumerate(data.get("lines") or ())
    )
    return Shipment(
        carrier=str(data.get("carrier", "")),
        tracking_number=str(data.get("tracking_number", "")),
        tracking_url=str(data.get("tracking_url", "")),
        shipment_id=str(data.get("shipment_id", "")),
        delivery_date=_date(data.get("delivery_date"), "delivery_date"),
        lines=lines,
    )


def read_invoice(data: Mapping[str, Any]) -> Invoice:
    """{"invoice_id": "INV-1", "tax_percent": "20", "tax_description": "TVA 20 %"}"""
    return Invoice(
        invoice_id=str(data.get("invoice_id", "")),
        tax_percent=_decimal(data.get("tax_percent", "0"), "tax_percent"),
        tax_description=str(data.get("tax_description", "VAT")),
    )
