"""Punch-out: PunchOutSetupRequest, PunchOutSetupResponse, PunchOutOrderMessage (formats.md 1.5-6).

PunchOutSetupRequest (BuyerCookie, Extrinsic*, BrowserFormPost?, Contact*, SupplierSetup?,
ShipTo?, SelectedItem?, ItemOut*) @operation create|inspect|edit|source; edit and inspect carry
the cart back as ItemOut. The BuyerCookie is opaque and echoed unchanged in the
PunchOutOrderMessage (BuyerCookie, PunchOutOrderMessageHeader, ItemIn*), whose header names the
highest operation the buyer may request later (operationAllowed) and the cart Total.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from cxml._construct import constructor
from cxml._write import attr
from cxml._write import escape
from cxml._write import leaf
from cxml._xml import firsts
from cxml._xml import group
from cxml._xml import need
from cxml._xml import need_attr
from cxml._xml import required
from cxml._xml import text
from cxml._xml import text_or_none
from cxml.address import Address
from cxml.address import Contact
from cxml.address import read_contact
from cxml.address import read_wrapped_address
from cxml.address import write_contacts
from cxml.address import write_wrapped_address
from cxml.items import ItemID
from cxml.items import ItemIn
from cxml.items import ItemOut
from cxml.items import Shipping
from cxml.items import Tax
from cxml.items import read_charge
from cxml.items import read_item_id
from cxml.items import read_item_in
from cxml.items import read_item_out
from cxml.items import write_charge
from cxml.items import write_item_id
from cxml.items import write_item_in
from cxml.items import write_item_out
from cxml.values import Extrinsic
from cxml.values import Money
from cxml.values import read_extrinsic_list
from cxml.values import read_money_in
from cxml.values import write_extrinsics
from cxml.values import write_money_in

__all__ = ["PunchOutOrderMessage", "PunchOutSetupRequest", "PunchOutSetupResponse"]

SETUP_OPERATIONS = ("create", "inspect", "edit", "source")
ALLOWED_OPERATIONS = ("create", "inspect", "edit")


@dataclass(frozen=True, slots=True, kw_only=True)
class PunchOutSetupRequest:
    """A buyer opens (create) or reopens (edit, inspect) a punch-out session."""

    operation: str
    buyer_cookie: str
    extrinsics: tuple[Extrinsic, ...] = ()
    browser_form_post: str | None = None
    contacts: tuple[Contact, ...] = ()
    supplier_setup: str | None = None
    ship_to: Address | None = None
    selected_item: ItemID | None = None
    items: tuple[ItemOut, ...] = ()

    def __post_init__(self) -> None:
        if self.operation not in SETUP_OPERATIONS:
            raise ValueError(f"operation must be one of {SETUP_OPERATIONS}, not {self.operation!r}")
        if not self.buyer_cookie:
            raise ValueError("a PunchOutSetupRequest needs a BuyerCookie")


_setup_request = constructor(PunchOutSetupRequest)


@dataclass(frozen=True, slots=True, kw_only=True)
class PunchOutSetupResponse:
    """The answer to a setup request: the StartPage URL the buyer's browser opens."""

    start_page: str

    def __post_init__(self) -> None:
        if not self.start_page:
            raise ValueError("PunchOutSetupResponse needs a StartPage URL")


@dataclass(frozen=True, slots=True, kw_only=True)
class PunchOutOrderMessage:
    """The cart returned to the buyer through the browser, correlated by BuyerCookie."""

    buyer_cookie: str
    operation_allowed: str
    total: Money
    items: tuple[ItemIn, ...] = ()
    ship_to: Address | None = None
    shipping: Shipping | None = None
    tax: Tax | None = None
    quote_status: str | None = None

    def __post_init__(self) -> None:
        if self.operation_allowed not in ALLOWED_OPERATIONS:
            raise ValueError(f"operationAllowed must be one of {ALLOWED_OPERATIONS}")
        if not self.buyer_cookie:
            raise ValueError("a PunchOutOrderMessage echoes the BuyerCookie; it is empty")
        currencies = {item.item_detail.unit_price.currency for item in self.items}
        if currencies - {self.total.currency}:
            raise ValueError(f"cart mixes currencies {sorted(currencies)}; Total is one Money")


_order_message = constructor(PunchOutOrderMessage)


_SETUP_LISTS = frozenset(("Extrinsic", "Contact", "ItemOut"))
_MESSAGE_LISTS = frozenset(("ItemIn",))


def _url_in(el: etree._Element | None) -> str | None:
    return None if el is None else text(need(el, "URL"))


def read_setup_request(el: etree._Element, *, lenient: bool = False) -> PunchOutSetupRequest:
    """Read a PunchOutSetupRequest element."""
    found, many = group(el, _SETUP_LISTS)
    selected = found.get("SelectedItem")
    return _setup_request(
        operation=need_attr(el, "operation"),
        buyer_cookie=text(required(found.get("BuyerCookie"), el, "BuyerCookie")),
        extrinsics=read_extrinsic_list(many.get("Extrinsic", ())),
        browser_form_post=_url_in(found.get("BrowserFormPost")),
        contacts=tuple(map(read_contact, many.get("Contact", ()))),
        supplier_setup=_url_in(found.get("SupplierSetup")),
        ship_to=read_wrapped_address(found.get("ShipTo")),
        selected_item=None if selected is None else read_item_id(need(selected, "ItemID")),
        items=tuple([read_item_out(c, lenient=lenient) for c in many.get("ItemOut", ())]),
    )


def write_setup_request(out: list[str], value: PunchOutSetupRequest) -> None:
    out.append(f"<PunchOutSetupRequest{attr('operation', value.operation)}>")
    leaf(out, "BuyerCookie", value.buyer_cookie)
    write_extrinsics(out, value.extrinsics)
    if value.browser_form_post is not None:
        out.append(
            f"<BrowserFormPost><URL>{escape(value.browser_form_post)}</URL></BrowserFormPost>"
        )
    write_contacts(out, value.contacts)
    if value.supplier_setup is not None:
        out.append(f"<SupplierSetup><URL>{escape(value.supplier_setup)}</URL></SupplierSetup>")
    write_wrapped_address(out, "ShipTo", value.ship_to)
    if value.selected_item is not None:
        out.append("<SelectedItem>")
        write_item_id(out, value.selected_item)
        out.append("</SelectedItem>")
    for item in value.items:
        write_item_out(out, item)
    out.append("</PunchOutSetupRequest>")


def read_setup_response(el: etree._Element, *, lenient: bool = False) -> PunchOutSetupResponse:
    """Read a PunchOutSetupResponse element."""
    return PunchOutSetupResponse(start_page=text(need(need(el, "StartPage"), "URL")))


def write_setup_response(out: list[str], value: PunchOutSetupResponse) -> None:
    out.append("<PunchOutSetupResponse><StartPage>")
    leaf(out, "URL", value.start_page)
    out.append("</StartPage></PunchOutSetupResponse>")


def read_order_message(el: etree._Element, *, lenient: bool = False) -> PunchOutOrderMessage:
    """Read a PunchOutOrderMessage element."""
    found, many = group(el, _MESSAGE_LISTS)
    header = required(found.get("PunchOutOrderMessageHeader"), el, "PunchOutOrderMessageHeader")
    head = firsts(header)
    return _order_message(
        buyer_cookie=text_or_none(found.get("BuyerCookie")) or "",
        operation_allowed=need_attr(header, "operationAllowed"),
        quote_status=header.get("quoteStatus"),
        total=read_money_in(required(head.get("Total"), header, "Total")),
        ship_to=read_wrapped_address(head.get("ShipTo")),
        shipping=read_charge(head.get("Shipping"), Shipping),
        tax=read_charge(head.get("Tax"), Tax),
        items=tuple(map(read_item_in, many.get("ItemIn", ()))),
    )


def write_order_message(out: list[str], value: PunchOutOrderMessage) -> None:
    out.append("<PunchOutOrderMessage>")
    leaf(out, "BuyerCookie", value.buyer_cookie)
    attrs = attr("operationAllowed", value.operation_allowed) + attr(
        "quoteStatus", value.quote_status
    )
    out.append(f"<PunchOutOrderMessageHeader{attrs}>")
    write_money_in(out, "Total", value.total)
    write_wrapped_address(out, "ShipTo", value.ship_to)
    write_charge(out, "Shipping", value.shipping)
    write_charge(out, "Tax", value.tax)
    out.append("</PunchOutOrderMessageHeader>")
    for item in value.items:
        write_item_in(out, item)
    out.append("</PunchOutOrderMessage>")
