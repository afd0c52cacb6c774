"""OrderRequest: the purchase order a procurement system posts after approval (formats.md 1.8).

OrderRequest (OrderRequestHeader, ItemOut+); the header sequence is (Total, ShipTo?, BillTo,
Shipping?, Tax?, Contact*, Comments*, DocumentReference?, Extrinsic*) for the parts we model.
@type new|update|delete, with update and delete repeating the orderID, raising orderVersion and
pointing at the earlier payloadID through DocumentReference. The synchronous answer is a plain
Response with a Status; there is no OrderResponse element.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from cxml._construct import constructor
from cxml._write import attr
from cxml._xml import group
from cxml._xml import need
from cxml._xml import need_attr
from cxml._xml import required
from cxml._xml import to_int
from cxml.address import Address
from cxml.address import Contact
from cxml.address import read_contact
from cxml.address import read_wrapped_address
from cxml.address import write_contacts
from cxml.address import write_wrapped_address
from cxml.ids import format_timestamp
from cxml.ids import parse_timestamp
from cxml.items import ItemOut
from cxml.items import Shipping
from cxml.items import Tax
from cxml.items import read_charge
from cxml.items import read_item_out
from cxml.items import write_charge
from cxml.items import write_item_out
from cxml.values import Comments
from cxml.values import DocumentReference
from cxml.values import Extrinsic
from cxml.values import Money
from cxml.values import read_comment_list
from cxml.values import read_document_reference
from cxml.values import read_extrinsic_list
from cxml.values import read_money_in
from cxml.values import write_comments
from cxml.values import write_document_reference
from cxml.values import write_extrinsics
from cxml.values import write_money_in

__all__ = ["OrderRequest"]

ORDER_TYPES = ("new", "update", "delete")


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderRequest:
    """A purchase order: header values and its ItemOut lines."""

    order_id: str
    order_date: datetime
    total: Money
    bill_to: Address
    items: tuple[ItemOut, ...]
    type: str = "new"
    order_version: int | None = None
    ship_to: Address | None = None
    shipping: Shipping | None = None
    tax: Tax | None = None
    contacts: tuple[Contact, ...] = ()
    comments: tuple[Comments, ...] = ()
    document_reference: DocumentReference | None = None
    extrinsics: tuple[Extrinsic, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in ORDER_TYPES:
            raise ValueError(f"OrderRequest type must be one of {ORDER_TYPES}, not {self.type!r}")
        if not self.order_id:
            raise ValueError("OrderRequest needs an orderID")
        if self.order_date.tzinfo is None:
            raise ValueError("orderDate needs a time zone")
        numbers = [item.line_number for item in self.items if item.line_number is not None]
        if len(numbers) != len(set(numbers)):
            raise ValueError("ItemOut lineNumbers repeat within the order")
        for item in self.items:
            if item.item_detail and item.item_detail.unit_price.currency != self.total.currency:
                raise ValueError(
                    f"line {item.line_number} is priced in {item.item_detail.unit_price.currency}"
                    f" but the order Total is in {self.total.currency}"
                )


_order_request = constructor(OrderRequest)


_HEADER_LISTS = frozenset(("Contact", "Comments", "Extrinsic"))


def read_order_request(el: etree._Element, *, lenient: bool = False) -> OrderRequest:
    """Read an OrderRequest element."""
    header = need(el, "OrderRequestHeader")
    found, many = group(header, _HEADER_LISTS)
    version = header.get("orderVersion")
    return _order_request(
        order_id=need_attr(header, "orderID"),
        order_date=parse_timestamp(need_attr(header, "orderDate"), lenient=lenient),
        type=header.get("type", "new"),
        order_version=None if version is None else to_int(version, header, "orderVersion"),
        total=read_money_in(required(found.get("Total"), header, "Total")),
        ship_to=read_wrapped_address(found.get("ShipTo")),
        bill_to=read_wrapped_address(required(found.get("BillTo"), header, "BillTo")),
        shipping=read_charge(found.get("Shipping"), Shipping),
        tax=read_charge(found.get("Tax"), Tax),
        contacts=tuple(map(read_contact, many.get("Contact", ()))),
        comments=read_comment_list(many.get("Comments", ())),
        document_reference=read_document_reference(found.get("DocumentReference")),
        extrinsics=read_extrinsic_list(many.get("Extrinsic", ())),
        items=tuple([read_item_out(c, lenient=lenient) for c in el[:] if c.tag == "ItemOut"]),
    )


def write_order_request(out: list[str], value: OrderRequest) -> None:
    version = None if value.order_version is None else str(value.order_version)
    attrs = (
        attr("orderID", value.order_id)
        + f' orderDate="{format_timestamp(value.order_date)}"'
        + attr("type", value.type)
        + attr("orderVersion", version)
    )
    out.append(f"<OrderRequest><OrderRequestHeader{attrs}>")
    write_money_in(out, "Total", value.total)
    write_wrapped_address(out, "ShipTo", value.ship_to)
    write_wrapped_address(out, "BillTo", value.bill_to)
    write_charge(out, "Shipping", value.shipping)
    write_charge(out, "Tax", value.tax)
    write_contacts(out, value.contacts)
    write_comments(out, value.comments)
    write_document_reference(out, value.document_reference)
    write_extrinsics(out, value.extrinsics)
    out.append("</OrderRequestHeader>")
    for item in value.items:
        write_item_out(out, item)
    out.append("</OrderRequest>")
