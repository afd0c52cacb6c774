"""Line items: ItemID, ItemDetail, Tax, Shipping, Distribution, ItemIn (carts) and ItemOut (orders).

Child order follows the DTD sequences (formats.md 1.6, 1.8), because order matters for validity:
ItemDetail (UnitPrice, Description+, UnitOfMeasure, Classification+, ManufacturerPartID?,
ManufacturerName?, URL?, LeadTime?, Extrinsic*); ItemIn (ItemID, ItemDetail, ShipTo?, Shipping?,
Tax?, Distribution*, Comments?, Extrinsic*); ItemOut (ItemID, ItemDetail?, ShipTo?, Shipping?, Tax?,
Distribution*, Contact*, Comments*). Shipping and Tax each require a Description.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from decimal import Decimal
from typing import TypeVar

from lxml import etree

from cxml._construct import constructor
from cxml._write import attr
from cxml._write import escape
from cxml._write import lang
from cxml._write import leaf
from cxml._xml import XML_LANG
from cxml._xml import fmt_decimal
from cxml._xml import group
from cxml._xml import missing
from cxml._xml import need
from cxml._xml import need_attr
from cxml._xml import required
from cxml._xml import text
from cxml._xml import to_decimal
from cxml._xml import to_int
from cxml.address import Address
from cxml.address import read_wrapped_address
from cxml.address import write_wrapped_address
from cxml.ids import format_date
from cxml.ids import parse_date_or_timestamp
from cxml.values import Classification
from cxml.values import Comments
from cxml.values import Description
from cxml.values import Extrinsic
from cxml.values import Money
from cxml.values import read_classification
from cxml.values import read_comment_list
from cxml.values import read_description
from cxml.values import read_extrinsic_list
from cxml.values import read_money_in
from cxml.values import write_classification
from cxml.values import write_comments
from cxml.values import write_description
from cxml.values import write_extrinsics
from cxml.values import write_money
from cxml.values import write_money_in

__all__ = [
    "Accounting",
    "AccountingSegment",
    "Distribution",
    "ItemDetail",
    "ItemID",
    "ItemIn",
    "ItemOut",
    "Shipping",
    "Tax",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemID:
    """ItemID: SupplierPartID, SupplierPartAuxiliaryID (the supplier cookie), BuyerPartID."""

    supplier_part_id: str
    supplier_part_auxiliary_id: str | None = None
    buyer_part_id: str | None = None

    def __post_init__(self) -> None:
        if not self.supplier_part_id:
            raise ValueError("ItemID needs a SupplierPartID")


_item_id = constructor(ItemID)


@dataclass(frozen=True, slots=True, kw_only=True)
class Tax:
    """Tax (Money, Description)."""

    money: Money
    description: Description


@dataclass(frozen=True, slots=True, kw_only=True)
class Shipping:
    """Shipping (Money, Description)."""

    money: Money
    description: Description


_charges = {Tax: constructor(Tax), Shipping: constructor(Shipping)}


@dataclass(frozen=True, slots=True, kw_only=True)
class AccountingSegment:
    """AccountingSegment@id with its Name and Description (e.g. a cost centre)."""

    id: str
    name: str
    description: str
    lang: str = "en"


_segment = constructor(AccountingSegment)


@dataclass(frozen=True, slots=True, kw_only=True)
class Accounting:
    """Accounting@name with its segments."""

    name: str
    segments: tuple[AccountingSegment, ...]

    def __post_init__(self) -> None:
        if not self.segments:
            raise ValueError("Accounting needs at least one AccountingSegment")


_accounting = constructor(Accounting)


@dataclass(frozen=True, slots=True, kw_only=True)
class Distribution:
    """Distribution (Accounting, Charge): how a line's cost is booked."""

    accounting: Accounting
    charge: Money


_distribution = constructor(Distribution)


@dataclass(frozen=True, slots=True, kw_only=True)
class PriceBasisQuantity:
    """PriceBasisQuantity (formats.md 1.6): the unit price is for `quantity` of
    `unit_of_measure` (a price per 10 pieces: quantity 10), with `conversion_factor` between
    that unit and the line's."""

    quantity: Decimal
    conversion_factor: Decimal
    unit_of_measure: str

    def __post_init__(self) -> None:
        for name in ("quantity", "conversion_factor"):
            value = getattr(self, name)
            if not isinstance(value, Decimal) or not value.is_finite() or value <= 0:
                raise ValueError(f"PriceBasisQuantity {name} must be a Decimal > 0, not {value!r}")


_price_basis = constructor(PriceBasisQuantity)


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemDetail:
    """ItemDetail: price, descriptions, unit, classifications and manufacturer data."""

    unit_price: Money
    descriptions: tuple[Description, ...]
    unit_of_measure: str
    price_basis: PriceBasisQuantity | None = None
    classifications: tuple[Classification, ...] = ()
    manufacturer_part_id: str | None = None
    manufacturer_name: str | None = None
    url: str | None = None
    lead_time: int | None = None
    extrinsics: tuple[Extrinsic, ...] = ()

    def __post_init__(self) -> None:
        if not self.descriptions:
            raise ValueError("ItemDetail needs a Description (DTD: Description+)")
        if not self.unit_of_measure:
            raise ValueError("ItemDetail needs a UnitOfMeasure")

    @property
    def description(self) -> str:
        """The first description's text."""
        return self.descriptions[0].text


_item_detail = constructor(ItemDetail)


def _quantity(value: Decimal) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        raise ValueError(f"quantity must be a non-negative Decimal, not {value!r}")
    return value


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemIn:
    """ItemIn: a cart line returned in a PunchOutOrderMessage."""

    quantity: Decimal
    item_id: ItemID
    item_detail: ItemDetail
    line_number: int | None = None
    ship_to: Address | None = None
    shipping: Shipping | None = None
    tax: Tax | None = None
    extrinsics: tuple[Extrinsic, ...] = ()

    def __post_init__(self) -> None:
        _quantity(self.quantity)


_item_in = constructor(ItemIn)


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemOut:
    """ItemOut: an order line (OrderRequest) or a cart line sent back for edit/inspect."""

    quantity: Decimal
    item_id: ItemID
    item_detail: ItemDetail | None = None
    line_number: int | None = None
    requested_delivery_date: date | datetime | None = None
    ship_to: Address | None = None
    shipping: Shipping | None = None
    tax: Tax | None = None
    distributions: tuple[Distribution, ...] = ()
    comments: tuple[Comments, ...] = ()

    def __post_init__(self) -> None:
        _quantity(self.quantity)


_item_out = constructor(ItemOut)


_ITEM_IN_LISTS = frozenset(("Extrinsic",))
_ITEM_OUT_LISTS = frozenset(("Distribution", "Comments"))
_NOTHING: tuple[dict[str, etree._Element], dict[str, list[etree._Element]]] = ({}, {})
T = TypeVar("T")


def read_item_id(el: etree._Element) -> ItemID:
    part = auxiliary = buyer = None
    for child in el[:]:
        tag = child.tag
        if tag == "SupplierPartID":
            part = child if part is None else part
        elif tag == "SupplierPartAuxiliaryID":
            auxiliary = child if auxiliary is None else auxiliary
        elif tag == "BuyerPartID" and buyer is None:
            buyer = child
    if part is None:
        raise missing(el, "SupplierPartID")
    # text() inlined for the leaves an order line always has (its hottest path).
    return _item_id(
        supplier_part_id=text(part) if len(part) else (part.text or "").strip(),
        supplier_part_auxiliary_id=(
            None
            if auxiliary is None
            else text(auxiliary)
            if len(auxiliary)
            else (auxiliary.text or "").strip()
        ),
        buyer_part_id=None if buyer is None else text(buyer),
    )


def write_item_id(out: list[str], value: ItemID) -> None:
    out.append(f"<ItemID><SupplierPartID>{escape(value.supplier_part_id)}</SupplierPartID>")
    if value.supplier_part_auxiliary_id is not None:
        leaf(out, "SupplierPartAuxiliaryID", value.supplier_part_auxiliary_id)
    if value.buyer_part_id is not None:
        leaf(out, "BuyerPartID", value.buyer_part_id)
    out.append("</ItemID>")


def read_item_detail(el: etree._Element) -> ItemDetail:
    # One pass over the children, as group() reads them (first of each tag, all of the
    # repeated ones), without its dicts: this runs once per order line.
    price = unit = basis = part = maker = url = lead_time = None
    descriptions: list[etree._Element] = []
    classifications: list[etree._Element] = []
    extrinsics: list[etree._Element] = []
    for child in el[:]:
        tag = child.tag
        if tag == "Description":
            descriptions.append(child)
        elif tag == "Classification":
            classifications.append(child)
        elif tag == "UnitPrice":
            price = child if price is None else price
        elif tag == "UnitOfMeasure":
            unit = child if unit is None else unit
        elif tag == "PriceBasisQuantity":
            basis = child if basis is None else basis
        elif tag == "ManufacturerPartID":
            part = child if part is None else part
        elif tag == "ManufacturerName":
            maker = child if maker is None else maker
        elif tag == "Extrinsic":
            extrinsics.append(child)
        elif tag == "URL":
            url = child if url is None else url
        elif tag == "LeadTime" and lead_time is None:
            lead_time = child
    return _item_detail(
        unit_price=read_money_in(required(price, el, "UnitPrice")),
        descriptions=_one_or_many(read_description, descriptions),
        unit_of_measure=text(required(unit, el, "UnitOfMeasure")),
        price_basis=None if basis is None else read_price_basis(basis),
        classifications=_one_or_many(read_classification, classifications),
        manufacturer_part_id=None if part is None else text(part),
        manufacturer_name=None if maker is None else text(maker),
        url=None if url is None else text(url),
        lead_time=None if lead_time is None else to_int(text(lead_time), lead_time, "LeadTime"),
        extrinsics=read_extrinsic_list(extrinsics) if extrinsics else (),
    )


def read_price_basis(el: etree._Element) -> PriceBasisQuantity:
    return _price_basis(
        quantity=to_decimal(need_attr(el, "quantity"), el, "quantity"),
        conversion_factor=to_decimal(need_attr(el, "conversionFactor"), el, "conversionFactor"),
        unit_of_measure=text(need(el, "UnitOfMeasure")),
    )


def _one_or_many(
    read: Callable[[etree._Element], T], elements: list[etree._Element]
) -> tuple[T, ...]:
    """tuple(map(read, elements)) without the map for the usual single element."""
    if len(elements) == 1:
        return (read(elements[0]),)
    return tuple(map(read, elements))


def write_item_detail(out: list[str], value: ItemDetail) -> None:
    out.append("<ItemDetail>")
    write_money_in(out, "UnitPrice", value.unit_price)
    for description in value.descriptions:
        write_description(out, description)
    out.append(f"<UnitOfMeasure>{escape(value.unit_of_measure)}</UnitOfMeasure>")
    basis = value.price_basis
    if basis is not None:
        out.append(
            f'<PriceBasisQuantity quantity="{fmt_decimal(basis.quantity)}"'
            f' conversionFactor="{fmt_decimal(basis.conversion_factor)}">'
            f"<UnitOfMeasure>{escape(basis.unit_of_measure)}</UnitOfMeasure>"
            "</PriceBasisQuantity>"
        )
    for classification in value.classifications:
        write_classification(out, classification)
    for tag, content in (
        ("ManufacturerPartID", value.manufacturer_part_id),
        ("ManufacturerName", value.manufacturer_name),
        ("URL", value.url),
        ("LeadTime", None if value.lead_time is None else str(value.lead_time)),
    ):
        if content is not None:
            out.append(f"<{tag}>{escape(content)}</{tag}>")
    write_extrinsics(out, value.extrinsics)
    out.append("</ItemDetail>")


def read_charge(
    el: etree._Element | None, kind: type[Tax] | type[Shipping]
) -> Tax | Shipping | None:
    """Tax or Shipping: Money plus the Description the DTD requires."""
    if el is None:
        return None
    return _charges[kind](
        money=read_money_in(el), description=read_description(need(el, "Description"))
    )


def write_charge(out: list[str], tag: str, value: Tax | Shipping | None) -> None:
    if value is not None:
        out.append(f"<{tag}>")
        write_money(out, value.money)
        write_description(out, value.description)
        out.append(f"</{tag}>")


def read_distributions(elements: Iterable[etree._Element]) -> tuple[Distribution, ...]:
    result = []
    for distribution in elements:
        accounting = need(distribution, "Accounting")
        segments = []
        for seg in accounting.iterchildren("AccountingSegment"):
            segment_id = need_attr(seg, "id")
            name = need(seg, "Name")
            segments.append(
                _segment(
                    id=segment_id,
                    name=text(name),
                    lang=name.get(XML_LANG) or "en",
                    description=text(need(seg, "Description")),
                )
            )
        result.append(
            _distribution(
                accounting=_accounting(
                    name=need_attr(accounting, "name"), segments=tuple(segments)
                ),
                charge=read_money_in(need(distribution, "Charge")),
            )
        )
    return tuple(result)


def write_distributions(out: list[str], values: tuple[Distribution, ...]) -> None:
    for value in values:
        out.append(f"<Distribution><Accounting{attr('name', value.accounting.name)}>")
        for segment in value.accounting.segments:
            segment_lang = lang(segment.lang)
            out.append(f"<AccountingSegment{attr('id', segment.id)}>")
            out.append(f"<Name{segment_lang}>{escape(segment.name)}</Name>")
            out.append(f"<Description{segment_lang}>{escape(segment.description)}</Description>")
            out.append("</AccountingSegment>")
        out.append("</Accounting>")
        write_money_in(out, "Charge", value.charge)
        out.append("</Distribution>")


def _line_number(el: etree._Element) -> int | None:
    value = el.get("lineNumber")
    return None if value is None else to_int(value, el, "lineNumber")


def read_item_in(el: etree._Element) -> ItemIn:
    """Read an ItemIn cart line."""
    found, many = group(el, _ITEM_IN_LISTS)
    return _item_in(
        quantity=to_decimal(need_attr(el, "quantity"), el, "quantity"),
        line_number=_line_number(el),
        item_id=read_item_id(required(found.get("ItemID"), el, "ItemID")),
        item_detail=read_item_detail(required(found.get("ItemDetail"), el, "ItemDetail")),
        ship_to=read_wrapped_address(found.get("ShipTo")),
        shipping=read_charge(found.get("Shipping"), Shipping),
        tax=read_charge(found.get("Tax"), Tax),
        extrinsics=read_extrinsic_list(many.get("Extrinsic", ())),
    )


def write_item_in(out: list[str], value: ItemIn) -> None:
    line = None if value.line_number is None else str(value.line_number)
    out.append(f'<ItemIn quantity="{fmt_decimal(value.quantity)}"{attr("lineNumber", line)}>')
    write_item_id(out, value.item_id)
    write_item_detail(out, value.item_detail)
    write_wrapped_address(out, "ShipTo", value.ship_to)
    write_charge(out, "Shipping", value.shipping)
    write_charge(out, "Tax", value.tax)
    write_extrinsics(out, value.extrinsics)
    out.append("</ItemIn>")


def read_item_out(el: etree._Element, *, lenient: bool = False) -> ItemOut:
    """Read an ItemOut order line."""
    # An order line has an ItemID and an ItemDetail; only a line with other children pays for
    # group() (first of each tag, all Distribution and Comments) to find them.
    item_id = detail = None
    others = False
    for child in el[:]:
        tag = child.tag
        if tag == "ItemID":
            if item_id is None:
                item_id = child
        elif tag == "ItemDetail":
            if detail is None:
                detail = child
        else:
            others = True
    found, many = group(el, _ITEM_OUT_LISTS) if others else _NOTHING
    ship_to = found.get("ShipTo")
    shipping = found.get("Shipping")
    tax = found.get("Tax")
    distributions = many.get("Distribution")
    comments = many.get("Comments")
    requested = el.get("requestedDeliveryDate")
    line = el.get("lineNumber")
    return _item_out(
        quantity=to_decimal(need_attr(el, "quantity"), el, "quantity"),
        line_number=None if line is None else to_int(line, el, "lineNumber"),
        requested_delivery_date=(
            None if requested is None else parse_date_or_timestamp(requested, lenient=lenient)
        ),
        item_id=read_item_id(required(item_id, el, "ItemID")),
        item_detail=None if detail is None else read_item_detail(detail),
        ship_to=None if ship_to is None else read_wrapped_address(ship_to),
        shipping=None if shipping is None else read_charge(shipping, Shipping),
        tax=None if tax is None else read_charge(tax, Tax),
        distributions=() if distributions is None else read_distributions(distributions),
        comments=() if comments is None else read_comment_list(comments),
    )


def write_item_out(out: list[str], value: ItemOut) -> None:
    requested = value.requested_delivery_date
    line = "" if value.line_number is None else f' lineNumber="{value.line_number}"'
    date_attr = "" if requested is None else f' requestedDeliveryDate="{format_date(requested)}"'
    out.append(f'<ItemOut quantity="{fmt_decimal(value.quantity)}"{line}{date_attr}>')
    write_item_id(out, value.item_id)
    if value.item_detail is not None:
        write_item_detail(out, value.item_detail)
    write_wrapped_address(out, "ShipTo", value.ship_to)
    write_charge(out, "Shipping", value.shipping)
    write_charge(out, "Tax", value.tax)
    write_distributions(out, value.distributions)
    write_comments(out, value.comments)
    out.append("</ItemOut>")
