"""InvoiceDetailRequest for goods: header, order reference, lines, tax, summary (formats.md 1.11).

Shape, as far as public sources show it [P in formats.md; InvoiceDetail.dtd was not available]:
InvoiceDetailRequest (InvoiceDetailRequestHeader, InvoiceDetailOrder+, InvoiceDetailSummary);
the header starts with the InvoiceDetailHeaderIndicator and InvoiceDetailLineIndicator flags;
each InvoiceDetailOrder is (InvoiceDetailOrderInfo (OrderReference), InvoiceDetailItem+); an
item is (UnitOfMeasure, UnitPrice, InvoiceDetailItemReference@lineNumber, SubtotalAmount?).
The summary is (SubtotalAmount, Tax, ShippingAmount?, GrossAmount?, NetAmount, DueAmount?).
The values check the arithmetic: line subtotal = quantity x unit price, summary subtotal = sum
of lines, gross = subtotal + tax + shipping, net = gross (no discounts modelled), one currency.
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
from cxml.fulfill import OrderReference
from cxml.fulfill import read_order_reference
from cxml.fulfill import write_order_reference
from cxml.ids import format_timestamp
from cxml.ids import parse_timestamp
from cxml.items import Tax
from cxml.values import Comments
from cxml.values import Description
from cxml.values import Extrinsic
from cxml.values import Money
from cxml.values import read_comments
from cxml.values import read_description
from cxml.values import read_extrinsics
from cxml.values import read_money_in
from cxml.values import write_comments
from cxml.values import write_description
from cxml.values import write_extrinsics
from cxml.values import write_money
from cxml.values import write_money_in

__all__ = [
    "InvoiceDetailItem",
    "InvoiceDetailOrder",
    "InvoiceDetailRequest",
    "InvoiceDetailSummary",
    "TaxDetail",
]

PURPOSES = ("standard", "creditMemo", "debitMemo", "lineLevelCreditMemo", "lineLevelDebitMemo")


@dataclass(frozen=True, slots=True, kw_only=True)
class InvoiceDetailItem:
    """One invoiced line, pointing at the order line it bills (InvoiceDetailItemReference)."""

    invoice_line_number: int
    quantity: Decimal
    unit_of_measure: str
    unit_price: Money
    reference_line_number: int
    subtotal: Money
    description: Description | None = None

    def __post_init__(self) -> None:
        if self.subtotal != self.unit_price.times(self.quantity):
            raise ValueError(
                f"invoice line {self.invoice_line_number}: SubtotalAmount {self.subtotal.amount}"
                f" is not quantity x unit price"
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class InvoiceDetailOrder:
    """The invoiced lines of one order."""

    order_reference: OrderReference
    items: tuple[InvoiceDetailItem, ...]

    def __post_init__(self) -> None:
        if not self.items:
            raise ValueError("InvoiceDetailOrder needs an InvoiceDetailItem")


@dataclass(frozen=True, slots=True, kw_only=True)
class TaxDetail:
    """TaxDetail@category/@percentageRate with its taxable and tax amounts."""

    category: str
    tax_amount: Money
    taxable_amount: Money | None = None
    percentage_rate: Decimal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class InvoiceDetailSummary:
    """Totals of the invoice; all amounts in one currency and adding up."""

    subtotal: Money
    tax: Tax
    net_amount: Money
    shipping: Money | None = None
    gross_amount: Money | None = None
    due_amount: Money | None = None
    tax_details: tuple[TaxDetail, ...] = ()

    def __post_init__(self) -> None:
        expected = self.subtotal + self.tax.money
        if self.shipping is not None:
            expected = expected + self.shipping
        if self.gross_amount is not None and self.gross_amount != expected:
            raise ValueError("GrossAmount is not SubtotalAmount + Tax + ShippingAmount")
        if self.net_amount != expected:
            raise ValueError("NetAmount is not SubtotalAmount + Tax + ShippingAmount")
        if self.tax_details:
            detail_sum = sum((d.tax_amount.amount for d in self.tax_details), Decimal(0))
            if detail_sum != self.tax.money.amount:
                raise ValueError("the TaxDetail amounts do not add up to the Tax")


@dataclass(frozen=True, slots=True, kw_only=True)
class InvoiceDetailRequest:
    """A supplier's invoice for goods against one or more orders."""

    invoice_id: str
    invoice_date: datetime
    orders: tuple[InvoiceDetailOrder, ...]
    summary: InvoiceDetailSummary
    purpose: str = "standard"
    operation: str = "new"
    comments: Comments | None = None
    extrinsics: tuple[Extrinsic, ...] = ()

    def __post_init__(self) -> None:
        if self.purpose not in PURPOSES:
            raise ValueError(f"invoice purpose must be one of {PURPOSES}")
        if self.operation not in ("new", "delete"):
            raise ValueError("invoice operation must be new or delete")
        if not self.orders:
            raise ValueError("an invoice needs an InvoiceDetailOrder")
        lines = [item.subtotal for order in self.orders for item in order.items]
        total = sum((line.amount for line in lines), Decimal(0))
        if {line.currency for line in lines} - {self.summary.subtotal.currency}:
            raise ValueError("invoice lines and summary are in different currencies")
        if total != self.summary.subtotal.amount:
            raise ValueError("SubtotalAmount is not the sum of the line subtotals")


def _read_item(el: etree._Element) -> InvoiceDetailItem:
    reference = need(el, "InvoiceDetailItemReference")
    description = reference.find("Description")
    return InvoiceDetailItem(
        invoice_line_number=to_int(need_attr(el, "invoiceLineNumber"), el, "invoiceLineNumber"),
        quantity=to_decimal(need_attr(el, "quantity"), el, "quantity"),
        unit_of_measure=text(need(el, "UnitOfMeasure")),
        unit_price=read_money_in(need(el, "UnitPrice")),
        reference_line_number=to_int(need_attr(reference, "lineNumber"), reference, "lineNumber"),
        subtotal=read_money_in(need(el, "SubtotalAmount")),
        description=None if description is None else read_description(description),
    )


def _read_tax_details(tax: etree._Element) -> tuple[TaxDetail, ...]:
    details = []
    for el in tax.iterchildren("TaxDetail"):
        taxable = el.find("TaxableAmount")
        rate = el.get("percentageRate")
        details.append(
            TaxDetail(
                category=need_attr(el, "category"),
                percentage_rate=None if rate is None else to_decimal(rate, el, "percentageRate"),
                taxable_amount=None if taxable is None else read_money_in(taxable),
                tax_amount=read_money_in(need(el, "TaxAmount")),
            )
        )
    return tuple(details)


def _read_summary(el: etree._Element) -> InvoiceDetailSummary:
    tax = need(el, "Tax")

    def optional(tag: str) -> Money | None:
        found = el.find(tag)
        return None if found is None else read_money_in(found)

    return InvoiceDetailSummary(
        subtotal=read_money_in(need(el, "SubtotalAmount")),
        tax=Tax(money=read_money_in(tax), description=read_description(need(tax, "Description"))),
        tax_details=_read_tax_details(tax),
        shipping=optional("ShippingAmount"),
        gross_amount=optional("GrossAmount"),
        net_amount=read_money_in(need(el, "NetAmount")),
        due_amount=optional("DueAmount"),
    )


def read_invoice_detail_request(
    el: etree._Element, *, lenient: bool = False
) -> InvoiceDetailRequest:
    """Read an InvoiceDetailRequest element."""
    header = need(el, "InvoiceDetailRequestHeader")
    comments = read_comments(header)
    orders = tuple(
        InvoiceDetailOrder(
            order_reference=read_order_reference(
                need(need(order, "InvoiceDetailOrderInfo"), "OrderReference"), lenient=lenient
            ),
            items=tuple(_read_item(c) for c in order.iterchildren("InvoiceDetailItem")),
        )
        for order in el.iterchildren("InvoiceDetailOrder")
    )
    return InvoiceDetailRequest(
        invoice_id=need_attr(header, "invoiceID"),
        invoice_date=parse_timestamp(need_attr(header, "invoiceDate"), lenient=lenient),
        purpose=header.get("purpose", "standard"),
        operation=header.get("operation", "new"),
        comments=comments[0] if comments else None,
        extrinsics=read_extrinsics(header),
        orders=orders,
        summary=_read_summary(need(el, "InvoiceDetailSummary")),
    )


def _write_item(out: list[str], item: InvoiceDetailItem) -> None:
    line = attr("invoiceLineNumber", str(item.invoice_line_number))
    out.append(f"<InvoiceDetailItem{line}{attr('quantity', fmt_decimal(item.quantity))}>")
    leaf(out, "UnitOfMeasure", item.unit_of_measure)
    write_money_in(out, "UnitPrice", item.unit_price)
    reference = attr("lineNumber", str(item.reference_line_number))
    mark = start(out, "InvoiceDetailItemReference", reference)
    if item.description is not None:
        write_description(out, item.description)
    end(out, "InvoiceDetailItemReference", mark)
    write_money_in(out, "SubtotalAmount", item.subtotal)
    out.append("</InvoiceDetailItem>")


def _write_summary(out: list[str], summary: InvoiceDetailSummary) -> None:
    out.append("<InvoiceDetailSummary>")
    write_money_in(out, "SubtotalAmount", summary.subtotal)
    out.append("<Tax>")
    write_money(out, summary.tax.money)
    write_description(out, summary.tax.description)
    for detail in summary.tax_details:
        rate = None if detail.percentage_rate is None else fmt_decimal(detail.percentage_rate)
        attrs = attr("category", detail.category) + attr("percentageRate", rate)
        mark = start(out, "TaxDetail", attrs)
        if detail.taxable_amount is not None:
            write_money_in(out, "TaxableAmount", detail.taxable_amount)
        write_money_in(out, "TaxAmount", detail.tax_amount)
        end(out, "TaxDetail", mark)
    out.append("</Tax>")
    for tag, money in (("ShippingAmount", summary.shipping), ("GrossAmount", summary.gross_amount)):
        if money is not None:
            write_money_in(out, tag, money)
    write_money_in(out, "NetAmount", summary.net_amount)
    if summary.due_amount is not None:
        write_money_in(out, "DueAmount", summary.due_amount)
    out.append("</InvoiceDetailSummary>")


def write_invoice_detail_request(out: list[str], value: InvoiceDetailRequest) -> None:
    attrs = (
        attr("invoiceID", value.invoice_id)
        + attr("purpose", value.purpose)
        + attr("operation", value.operation)
        + attr("invoiceDate", format_timestamp(value.invoice_date))
    )
    out.append(f"<InvoiceDetailRequest><InvoiceDetailRequestHeader{attrs}>")
    out.append("<InvoiceDetailHeaderIndicator/><InvoiceDetailLineIndicator/>")
    if value.comments is not None:
        write_comments(out, (value.comments,))
    write_extrinsics(out, value.extrinsics)
    out.append("</InvoiceDetailRequestHeader>")
    for order in value.orders:
        out.append("<InvoiceDetailOrder><InvoiceDetailOrderInfo>")
        write_order_reference(out, order.order_reference)
        out.append("</InvoiceDetailOrderInfo>")
        for item in order.items:
            _write_item(out, item)
        out.append("</InvoiceDetailOrder>")
    _write_summary(out, value.summary)
    out.append("</InvoiceDetailRequest>")
