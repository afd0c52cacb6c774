"""What staff and the back office report about an order, as checked values: the input of the
life-cycle steps, read from JSON (API) or options (CLI) by `read_*` functions."""

import dataclasses
import datetime
from collections.abc import Mapping
from decimal import Decimal
from decimal import InvalidOperation
from typing import Any

from cxml.fulfill import SINGLE_STATUS_TYPES
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
            raise InvalidReport(
                f"line {self.line_number}: status must be one of {LINE_KINDS}", field="lines"
            )
        if self.quantity <= 0:
            raise InvalidReport(
                f"line {self.line_number}: quantity must be more than 0", field="lines"
            )


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Confirmation:
    type: str
    lines: tuple[LineStatus, ...] = ()
    comment: str = ""

    def __post_init__(self) -> None:
        if self.type not in CONFIRMATION_KINDS:
            raise InvalidReport(f"type must be one of {CONFIRMATION_KINDS}", field="type")
        if self.type == "reject" and self.lines:
            raise InvalidReport("a reject confirmation lists no lines (Fulfill.dtd)", field="lines")
        if self.type in ("detail", "except") and not self.lines:
            raise InvalidReport(
                f"a {self.type} confirmation lists its lines (Fulfill.dtd)", field="lines"
            )
        if self.type in SINGLE_STATUS_TYPES:
            self._check_single_status()

    def _check_single_status(self) -> None:
        """An accept or backordered ConfirmationRequest lists only statuses of its own type
        (Fulfill.dtd; cxml.fulfill.ConfirmationRequest refuses to build anything else)."""
        for position, status in enumerate(self.lines):
            if status.type != self.type:
                article = "an" if self.type[0] in "aeiou" else "a"
                field = f"lines[{position}].status"
                raise InvalidReport(
                    f"{field}: {article} {self.type} confirmation lists only {self.type}"
                    f" statuses (Fulfill.dtd), not {status.type}",
                    field=field,
                )


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
            field = "tracking_number" if self.carrier.strip() else "carrier"
            raise InvalidReport("a shipment needs a carrier and a tracking number", field=field)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Invoice:
    invoice_id: str
    tax_percent: Decimal
    tax_description: str = "VAT"

    def __post_init__(self) -> None:
        if not self.invoice_id.strip():
            raise InvalidReport("an invoice needs an invoice_id", field="invoice_id")
        if not self.tax_percent.is_finite() or self.tax_percent < 0:
            raise InvalidReport("tax_percent must be a non-negative number", field="tax_percent")


def _decimal(value: Any, name: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise InvalidReport(f"{name}: not a number: {value!r}", field=name) from None
    if not number.is_finite():
        raise InvalidReport(f"{name}: not a number: {value!r}", field=name)
    return number


def _date(value: Any, name: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidReport(
            f"{name}: expected a date YYYY-MM-DD, got {value!r}", field=name
        ) from None


def _int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidReport(f"{name}: expected a line number, got {value!r}", field=name)
    try:
        return int(value)
    except ValueError:
        raise InvalidReport(f"{name}: expected a line number, got {value!r}", field=name) from None


def _text(value: Any, name: str, default: str = "") -> str:
    """A text field; a whole number is taken as its digits (a tracking number sent as one)."""
    if value is None:
        return default
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise InvalidReport(f"{name}: expected text, got {value!r}", field=name)
    return value


def _fields(data: Any, name: str, known: tuple[str, ...]) -> Mapping[str, Any]:
    """`data` as an object holding only `known` fields: a misspelt field is named, not
    ignored (a report missing its delivery date would otherwise go to the buyer)."""
    if not isinstance(data, Mapping):
        raise InvalidReport(
            f"{name}: expected an object with {', '.join(known)}, got {data!r}", field=name
        )
    unknown = sorted(set(data) - set(known))
    if unknown:
        where = f"{name}." if name else ""
        raise InvalidReport(
            f"{where}{unknown[0]}: no such field; expected {', '.join(known)}",
            field=f"{where}{unknown[0]}",
        )
    return data


def _lines(data: Mapping[str, Any], known: tuple[str, ...]) -> list[Mapping[str, Any]]:
    rows = data.get("lines")
    if rows is None:
        return []
    if not isinstance(rows, list):
        raise InvalidReport(
            f"lines: expected a list of objects with {', '.join(known)}", field="lines"
        )
    return [_fields(row, f"lines[{i}]", known) for i, row in enumerate(rows)]


def read_confirmation(data: Mapping[str, Any]) -> Confirmation:
    """{"type": "detail", "comment": "...", "lines": [{"line": 1, "status": "backordered",
    "quantity": "2", "delivery_date": "2026-12-10"}]}"""
    data = _fields(data, "", ("type", "comment", "lines"))
    lines = tuple(
        LineStatus(
            line_number=_int(row.get("line"), f"lines[{i}].line"),
            type=_text(row.get("status"), f"lines[{i}].status", "accept"),
            quantity=_decimal(row.get("quantity"), f"lines[{i}].quantity"),
            delivery_date=_date(row.get("delivery_date"), f"lines[{i}].delivery_date"),
        )
        for i, row in enumerate(_lines(data, ("line", "status", "quantity", "delivery_date")))
    )
    return Confirmation(
        type=_text(data.get("type"), "type", "accept"),
        lines=lines,
        comment=_text(data.get("comment"), "comment"),
    )


def read_shipment(data: Mapping[str, Any]) -> Shipment:
    """{"carrier": "DHL", "tracking_number": "...", "tracking_url": "...", "shipment_id": "...",
    "delivery_date": "2026-12-01", "lines": [{"line": 1, "quantity": "2"}]}"""
    known = ("carrier", "tracking_number", "tracking_url", "shipment_id", "delivery_date", "lines")
    data = _fields(data, "", known)
    lines = tuple(
        (
            _int(row.get("line"), f"lines[{i}].line"),
            _decimal(row.get("quantity"), f"lines[{i}].quantity"),
        )
        for i, row in enumerate(_lines(data, ("line", "quantity")))
    )
    return Shipment(
        carrier=_text(data.get("carrier"), "carrier"),
        tracking_number=_text(data.get("tracking_number"), "tracking_number"),
        tracking_url=_text(data.get("tracking_url"), "tracking_url"),
        shipment_id=_text(data.get("shipment_id"), "shipment_id"),
        delivery_date=_date(data.get("delivery_date"), "delivery_date"),
        lines=lines,
    )


def read_invoice(data: Mapping[str, Any]) -> Invoice:
    """{"invoice_id": "INV-1", "tax_percent": "20", "tax_description": "TVA 20 %"}"""
    data = _fields(data, "", ("invoice_id", "tax_percent", "tax_description"))
    return Invoice(
        invoice_id=_text(data.get("invoice_id"), "invoice_id"),
        tax_percent=_decimal(data.get("tax_percent", "0"), "tax_percent"),
        tax_description=_text(data.get("tax_description"), "tax_description", "VAT"),
    )
