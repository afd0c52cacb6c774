"""Fulfill.dtd documents: ConfirmationRequest and ShipNoticeRequest (formats.md 1.9-1.10).

ConfirmationRequest (ConfirmationHeader, OrderReference, ConfirmationItem*): the Fulfill.dtd
comments fix what each confirmation type may contain: `reject` carries no items; `except`,
`detail`, `allDetail` and `replace` need items; `accept` and `backordered` may list items, but
only with statuses of their own type. ShipNoticeRequest (ShipNoticeHeader, ShipControl*,
ShipNoticePortion*) tells which order lines left in which shipment, with carrier and tracking.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from lxml import etree

from cxml._write import attr
from cxml._write import end
from cxml._write import leaf
from cxml._write import start
from cxml._xml import fmt_decimal
from cxml._xml import need
from cxml._xml import need_attr
from cxml._xml import text
from cxml._xml import to_decimal
from cxml._xml import to_int
from cxml.ids import format_timestamp
from cxml.ids import parse_timestamp
from cxml.items import ItemID
from cxml.items import read_item_id
from cxml.items import write_item_id
from cxml.values import Comments
from cxml.values import Extrinsic
from cxml.values import Money
from cxml.values import read_comments
from cxml.values import read_extrinsics
from cxml.values import read_money_in
from cxml.values import write_comments
from cxml.values import write_extrinsics
from cxml.values import write_money_in

__all__ = [
    "ConfirmationItem",
    "ConfirmationRequest",
    "ConfirmationStatus",
    "OrderReference",
    "ShipControl",
    "ShipNoticeItem",
    "ShipNoticePortion",
    "ShipNoticeRequest",
]

CONFIRMATION_TYPES = ("accept", "allDetail", "detail", "backordered", "except", "reject",
                      "requestToPay", "replace")  # fmt: skip
STATUS_TYPES = ("accept", "allDetail", "detail", "backordered", "reject", "unknown",
                "requestToPay")  # fmt: skip
_ITEMS_REQUIRED = ("except", "detail", "allDetail", "replace")
# Confirmation types whose items carry only statuses of the same type (Fulfill.dtd).
SINGLE_STATUS_TYPES = ("accept", "backordered")


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderReference:
    """OrderReference@orderID/@orderDate with the order's payloadID (DocumentReference)."""

    order_id: str
    payload_id: str
    order_date: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmationStatus:
    """ConfirmationStatus: how much of a line is accepted, rejected, backordered..."""

    type: str
    quantity: Decimal
    unit_of_measure: str
    unit_price: Money | None = None
    shipment_date: datetime | None = None
    delivery_date: datetime | None = None
    comments: tuple[Comments, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in STATUS_TYPES:
            raise ValueError(f"ConfirmationStatus type must be one of {STATUS_TYPES}")


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmationItem:
    """ConfirmationItem@lineNumber: the statuses of one order line."""

    line_number: int
    quantity: Decimal
    unit_of_measure: str
    statuses: tuple[ConfirmationStatus, ...]

    def __post_init__(self) -> None:
        if not self.statuses:
            raise ValueError(
                "ConfirmationItem needs a ConfirmationStatus (DTD: ConfirmationStatus+)"
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmationRequest:
    """The supplier's order confirmation (accept, reject, detail...)."""

    type: str
    notice_date: datetime
    order_reference: OrderReference
    confirm_id: str | None = None
    operation: str = "new"
    total: Money | None = None
    comments: tuple[Comments, ...] = ()
    extrinsics: tuple[Extrinsic, ...] = ()
    items: tuple[ConfirmationItem, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in CONFIRMATION_TYPES:
            raise ValueError(f"confirmation type must be one of {CONFIRMATION_TYPES}")
        if self.type == "reject" and self.items:
            raise ValueError("a reject confirmation carries no ConfirmationItem (Fulfill.dtd)")
        if self.type in _ITEMS_REQUIRED and not self.items:
            raise ValueError(f"a {self.type} confirmation must list its items (Fulfill.dtd)")
        if self.type in SINGLE_STATUS_TYPES:
            kinds = {status.type for item in self.items for status in item.statuses}
            if kinds - {self.type}:
                raise ValueError(f"an {self.type} confirmation lists only {self.type} statuses")


@dataclass(frozen=True, slots=True, kw_only=True)
class ShipControl:
    """ShipControl: carrier (CarrierIdentifier@domain) and tracking (ShipmentIdentifier)."""

    carrier_identifiers: tuple[tuple[str, str], ...]
    shipment_identifiers: tuple[str, ...]
    tracking_url: str | None = None

    def __post_init__(self) -> None:
        if not self.carrier_identifiers or not self.shipment_identifiers:
            raise ValueError("ShipControl needs a CarrierIdentifier and a ShipmentIdentifier")


@dataclass(frozen=True, slots=True, kw_only=True)
class ShipNoticeItem:
    """ShipNoticeItem@lineNumber/@quantity: what of an order line was shipped."""

    line_number: int
    quantity: Decimal
    unit_of_measure: str
    item_id: ItemID | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ShipNoticePortion:
    """ShipNoticePortion: the shipped lines of one order."""

    order_reference: OrderReference
    items: tuple[ShipNoticeItem, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ShipNoticeRequest:
    """The advance ship notice (delivery note) for one shipment."""

    shipment_id: str
    notice_date: datetime
    operation: str = "new"
    shipment_date: datetime | None = None
    delivery_date: datetime | None = None
    comments: tuple[Comments, ...] = ()
    extrinsics: tuple[Extrinsic, ...] = ()
    controls: tuple[ShipControl, ...] = ()
    portions: tuple[ShipNoticePortion, ...] = ()

    def __post_init__(self) -> None:
        if self.operation not in ("new", "update", "delete"):
            raise ValueError("ShipNoticeHeader operation must be new, update or delete")


def read_order_reference(el: etree._Element, *, lenient: bool) -> OrderReference:
    order_date = el.get("orderDate")
    return OrderReference(
        order_id=need_attr(el, "orderID"),
        order_date=None if order_date is None else parse_timestamp(order_date, lenient=lenient),
        payload_id=need_attr(need(el, "DocumentReference"), "payloadID"),
    )


def write_order_reference(out: list[str], value: OrderReference) -> None:
    order_date = None if value.order_date is None else format_timestamp(value.order_date)
    attrs = attr("orderID", value.order_id) + attr("orderDate", order_date)
    out.append(f"<OrderReference{attrs}><DocumentReference{attr('payloadID', value.payload_id)}/>")
    out.append("</OrderReference>")


def _opt_date(el: etree._Element, name: str, lenient: bool) -> datetime | None:
    """shipmentDate, deliveryDate: datetime.tz in Fulfill.dtd."""
    value = el.get(name)
    return None if value is None else parse_timestamp(value, lenient=lenient)


def _fmt_date(value: datetime | None) -> str | None:
    return None if value is None else format_timestamp(value)


def _read_status(el: etree._Element, lenient: bool) -> ConfirmationStatus:
    price = el.find("UnitPrice")
    return ConfirmationStatus(
        type=need_attr(el, "type"),
        quantity=to_decimal(need_attr(el, "quantity"), el, "quantity"),
        unit_of_measure=text(need(el, "UnitOfMeasure")),
        unit_price=None if price is None else read_money_in(price),
        shipment_date=_opt_date(el, "shipmentDate", lenient),
        delivery_date=_opt_date(el, "deliveryDate", lenient),
        comments=read_comments(el),
    )


def _read_confirmation_item(el: etree._Element, lenient: bool) -> ConfirmationItem:
    return ConfirmationItem(
        line_number=to_int(need_attr(el, "lineNumber"), el, "lineNumber"),
        quantity=to_decimal(need_attr(el, "quantity"), el, "quantity"),
        unit_of_measure=text(need(el, "UnitOfMeasure")),
        statuses=tuple(_read_status(c, lenient) for c in el.iterchildren("ConfirmationStatus")),
    )


def read_confirmation_request(el: etree._Element, *, lenient: bool = False) -> ConfirmationRequest:
    """Read a ConfirmationRequest element."""
    header = need(el, "ConfirmationHeader")
    total = header.find("Total")
    return ConfirmationRequest(
        type=need_attr(header, "type"),
        notice_date=parse_timestamp(need_attr(header, "noticeDate"), lenient=lenient),
        confirm_id=header.get("confirmID"),
        operation=header.get("operation", "new"),
        total=None if total is None else read_money_in(total),
        comments=read_comments(header),
        extrinsics=read_extrinsics(header),
        order_reference=read_order_reference(need(el, "OrderReference"), lenient=lenient),
        items=tuple(
            _read_confirmation_item(c, lenient) for c in el.iterchildren("ConfirmationItem")
        ),
    )


def _write_status(out: list[str], status: ConfirmationStatus) -> None:
    attrs = (
        attr("quantity", fmt_decimal(status.quantity))
        + attr("type", status.type)
        + attr("shipmentDate", _fmt_date(status.shipment_date))
        + attr("deliveryDate", _fmt_date(status.delivery_date))
    )
    out.append(f"<ConfirmationStatus{attrs}>")
    leaf(out, "UnitOfMeasure", status.unit_of_measure)
    if status.unit_price is not None:
        write_money_in(out, "UnitPrice", status.unit_price)
    write_comments(out, status.comments)
    out.append("</ConfirmationStatus>")


def write_confirmation_request(out: list[str], value: ConfirmationRequest) -> None:
    attrs = (
        attr("type", value.type)
        + attr("noticeDate", format_timestamp(value.notice_date))
        + attr("confirmID", value.confirm_id)
        + attr("operation", value.operation)
    )
    out.append("<ConfirmationRequest>")
    mark = start(out, "ConfirmationHeader", attrs)
    if value.total is not None:
        write_money_in(out, "Total", value.total)
    write_comments(out, value.comments)
    write_extrinsics(out, value.extrinsics)
    end(out, "ConfirmationHeader", mark)
    write_order_reference(out, value.order_reference)
    for item in value.items:
        quantity = attr("quantity", fmt_decimal(item.quantity))
        out.append(f"<ConfirmationItem{quantity}{attr('lineNumber', str(item.line_number))}>")
        leaf(out, "UnitOfMeasure", item.unit_of_measure)
        for status in item.statuses:
            _write_status(out, status)
        out.append("</ConfirmationItem>")
    out.append("</ConfirmationRequest>")


def _read_control(el: etree._Element) -> ShipControl:
    shipment_ids = list(el.iterchildren("ShipmentIdentifier"))
    return ShipControl(
        carrier_identifiers=tuple(
            (need_attr(c, "domain"), text(c)) for c in el.iterchildren("CarrierIdentifier")
        ),
        shipment_identifiers=tuple(text(c) for c in shipment_ids),
        tracking_url=shipment_ids[0].get("trackingURL") if shipment_ids else None,
    )


def _read_ship_item(el: etree._Element) -> ShipNoticeItem:
    item_id = el.find("ItemID")
    return ShipNoticeItem(
        line_number=to_int(need_attr(el, "lineNumber"), el, "lineNumber"),
        quantity=to_decimal(need_attr(el, "quantity"), el, "quantity"),
        unit_of_measure=text(need(el, "UnitOfMeasure")),
        item_id=None if item_id is None else read_item_id(item_id),
    )


def read_ship_notice_request(el: etree._Element, *, lenient: bool = False) -> ShipNoticeRequest:
    """Read a ShipNoticeRequest element."""
    header = need(el, "ShipNoticeHeader")
    return ShipNoticeRequest(
        shipment_id=need_attr(header, "shipmentID"),
        notice_date=parse_timestamp(need_attr(header, "noticeDate"), lenient=lenient),
        operation=header.get("operation", "new"),
        shipment_date=_opt_date(header, "shipmentDate", lenient),
        delivery_date=_opt_date(header, "deliveryDate", lenient),
        comments=read_comments(header),
        extrinsics=read_extrinsics(header),
        controls=tuple(_read_control(c) for c in el.iterchildren("ShipControl")),
        portions=tuple(
            ShipNoticePortion(
                order_reference=read_order_reference(need(p, "OrderReference"), lenient=lenient),
                items=tuple(_read_ship_item(c) for c in p.iterchildren("ShipNoticeItem")),
            )
            for p in el.iterchildren("ShipNoticePortion")
        ),
    )


def write_ship_notice_request(out: list[str], value: ShipNoticeRequest) -> None:
    attrs = (
        attr("shipmentID", value.shipment_id)
        + attr("noticeDate", format_timestamp(value.notice_date))
        + attr("operation", value.operation)
        + attr("shipmentDate", _fmt_date(value.shipment_date))
        + attr("deliveryDate", _fmt_date(value.delivery_date))
    )
    out.append("<ShipNoticeRequest>")
    mark = start(out, "ShipNoticeHeader", attrs)
    write_comments(out, value.comments)
    write_extrinsics(out, value.extrinsics)
    end(out, "ShipNoticeHeader", mark)
    for control in value.controls:
        _write_control(out, control)
    for portion in value.portions:
        out.append("<ShipNoticePortion>")
        write_order_reference(out, portion.order_reference)
        for item in portion.items:
            quantity = attr("quantity", fmt_decimal(item.quantity))
            out.append(f"<ShipNoticeItem{quantity}{attr('lineNumber', str(item.line_number))}>")
            if item.item_id is not None:
                write_item_id(out, item.item_id)
            leaf(out, "UnitOfMeasure", item.unit_of_measure)
            out.append("</ShipNoticeItem>")
        out.append("</ShipNoticePortion>")
    out.append("</ShipNoticeRequest>")


def _write_control(out: list[str], control: ShipControl) -> None:
    mark = start(out, "ShipControl")
    for domain, carrier in control.carrier_identifiers:
        leaf(out, "CarrierIdentifier", carrier, attr("domain", domain))
    for index, shipment in enumerate(control.shipment_identifiers):
        url = control.tracking_url if index == 0 else None
        leaf(out, "ShipmentIdentifier", shipment, attr("trackingURL", url))
    end(out, "ShipControl", mark)
