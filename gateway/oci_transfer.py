"""The cart of an OCI session as the NEW_ITEM form posted to its HOOK_URL: each line mapped by
the partner's settings (oci_settings), the form in the charset, version and frames the catalog
call asked for, with its pass-through fields. A line the form cannot carry (a value too long
for its field, a character the charset lacks) is the buyer's refusal naming it, at add time
(`sendable_check`) or at transfer, never the OCI error page meant for the supplier.
"""

import re
from decimal import Decimal
from typing import Any

import oci
from gateway.catalog import ProductRecord
from gateway.documents import log_document
from gateway.errors import CartNotTransferable
from gateway.errors import SessionError
from gateway.models import PunchOutSession
from gateway.models import TradingPartner
from gateway.oci_settings import PartnerOci
from gateway.oci_settings import read_partner_oci
from gateway.sessions import Cart

__all__ = [
    "kept_call",
    "log_oci_document",
    "oci_cart_line",
    "sendable_check",
    "transfer",
    "transfer_form",
]


def oci_cart_line(product: ProductRecord, quantity: Decimal, quote, config: PartnerOci):
    """One OCI cart line for a priced product, mapped by the partner's settings: MATGROUP from
    our category, VENDOR, the chosen identifiers, CONTRACT/CONTRACT_ITEM from the contract
    and rule that priced it, PRICE per the category's PRICEUNIT."""
    per = config.price_units.get(product.category, 1)
    contract = config.send_contract and quote.contract is not None
    return oci.CartLine(
        description=product.description or product.sku,
        longtext=product.long_description or None,
        quantity=quantity,
        unit=product.unit,
        price=quote.unit_price.amount * per,
        currency=quote.unit_price.currency,
        priceunit=per,
        leadtime=product.lead_time_days,
        vendor=config.vendor,
        vendormat=getattr(product, config.vendormat.value) or None,
        manufactmat=product.manufacturer_part_id or None,
        matgroup=config.matgroups.get(product.category),
        contract=quote.contract_code if contract else None,
        contract_item=quote.rule.rule_id if contract else None,
        ext_product_id=getattr(product, config.ext_product_id.value) or None,
        ext_schema_type="UNSPSC" if product.unspsc else None,
        ext_category_id=product.unspsc or None,
    )


def sendable_check(partner: TradingPartner, row: PunchOutSession):
    """A cart's line check (`Cart(line_check=...)`) refusing a product whose line the session's
    return form cannot carry (an identifier longer than its field, a character the call's
    charset lacks) when it is added, rather than at transfer."""
    config = read_partner_oci(partner)
    call = _restored(row)

    def check(product: ProductRecord, quantity: Decimal, quote) -> None:
        line = oci_cart_line(product, quantity, quote, config)
        try:
            oci.build_return_form(call, [line], config.outbound)
        except oci.FieldTooLong as error:
            raise _not_receivable(product.sku, error, key="sku_field_too_long") from None
        except oci.UnencodableText as error:
            raise _not_receivable(product.sku, error, key="sku_not_sendable") from None
        except oci.CartError as error:
            raise _not_receivable(product.sku, error, key="sku_not_receivable") from None

    return check


_LINE_INDEX = re.compile(r"\[\d+\]$")


def _not_receivable(
    sku: str, error: oci.CartError | oci.UnencodableText, *, key: str, line: int | None = None
) -> CartNotTransferable:
    """The buyer's refusal of a product whose line the NEW_ITEM form cannot carry (a value too
    long for its field, a character the call's charset lacks): named by SKU, and by cart line
    at transfer, so that the buyer can remove it, in the words of `key` (web/i18n.py
    REFUSALS), rather than the OCI error page meant for the supplier."""
    if isinstance(error, oci.CartError):
        reason = error.message.removeprefix(f"line {error.line}, ")
        field = f"NEW_ITEM-{error.field}"
    else:
        reason, field = error.message, error.name
        if line is None:  # a product, not yet a cart line: its field's name has no line number
            field = _LINE_INDEX.sub("", field)
            reason = reason.replace(error.name, field)
    values: dict[str, object] = {"sku": sku, "reason": reason}
    if isinstance(error, oci.FieldTooLong):
        values.update(length=error.length, maximum=error.max_length)
    elif isinstance(error, oci.UnencodableText):
        code = f"U+{ord(error.character):04X}"
        values.update(character=error.character, code=code, charset=error.charset)
    if line is None:
        where, remedy = f"sku {sku}", "ask the supplier to correct it"
    else:
        where, remedy = f"line {line} ({sku})", "remove the line or ask the supplier to correct it"
        values["line"] = line
    return CartNotTransferable(
        f"{where}: your procurement system cannot receive this product ({reason}); {remedy}",
        field=field,
        key=key,
        **values,
    )


def transfer_form(cart: Cart, partner: TradingPartner, *, cancel: bool) -> oci.ReturnForm:
    """The NEW_ITEM form of an OCI session's cart, in the charset, version and frame its call
    asked for, with its pass-through fields; a cancel sends the form with no items (OCI has
    no cancel document, formats.md 2.3). Logged as the page that posts it. LinesNotOffered
    when a line can no longer be sent (see Cart.transferable_lines)."""
    return transfer(cart, partner, cancel=cancel)[0]


def transfer(cart: Cart, partner: TradingPartner, *, cancel: bool) -> tuple[oci.ReturnForm, bytes]:
    """The form of `transfer_form` and the page that posts it."""
    row = cart.row
    if not row.return_url:
        raise SessionError(
            "This catalog window was opened to show a product (FUNCTION=DETAIL); it has no "
            "HOOK_URL to return a cart to.",
            status=409,
        )
    config = read_partner_oci(partner)
    priced = [] if cancel else cart.transferable_lines()
    lines = [oci_cart_line(ln.product, ln.quantity, ln.quote, config) for ln in priced]
    try:
        form = oci.build_return_form(_restored(row), lines, config.outbound)
    except (oci.CartError, oci.UnencodableText) as error:
        refusal = _refused_line(priced, error)
        if refusal is None:
            raise
        raise refusal from error
    page = oci.render_form(form)
    log_oci_document(
        cart.session, "out", page, partner.id, 204 if cancel else 200, session_id=row.id
    )
    return form, page


def _refused_line(
    priced: list, error: oci.CartError | oci.UnencodableText
) -> CartNotTransferable | None:
    """The cart line the form could not carry, as the buyer's refusal naming it; None when
    the error names no line (a text of the call, which its login refuses since)."""
    if isinstance(error, oci.CartError):
        index = error.line
    else:  # the field's name tells its line, as the buyer's SAP reads it
        items = oci.parse_new_item_fields([(error.name, "")]).items
        index = items[0].index if items else None
    if index is None or not 1 <= index <= len(priced):
        return None
    sku, number = priced[index - 1].product.sku, priced[index - 1].line_number
    if isinstance(error, oci.FieldTooLong):
        return _not_receivable(sku, error, line=number, key="line_field_too_long")
    if isinstance(error, oci.UnencodableText):
        return _not_receivable(sku, error, line=number, key="line_character_not_sendable")
    return _not_receivable(sku, error, line=number, key="line_not_receivable")


def kept_call(call: oci.OciCall) -> dict[str, Any]:
    """What a session keeps of its call (`extra["oci"]`) to answer the transfer as the call
    asked (read back by `_restored`)."""
    return {
        "version": call.oci_version.value,
        "charset": call.charset.value,
        "target": call.target,
        "returntarget": call.returntarget,
        "function": call.function.value if call.function else None,
        "echo": [list(pair) for pair in call.echo_fields],
    }


def _restored(row: PunchOutSession) -> oci.OciCall:
    saved = row.extra.get("oci", {})
    return oci.OciCall(
        hook_url=row.return_url,
        oci_version=oci.OciVersion(saved.get("version", "4.0")),
        charset=oci.Charset(saved.get("charset", "UTF-8")),
        target=saved.get("target"),
        returntarget=saved.get("returntarget"),
        echo_fields=tuple((name, value) for name, value in saved.get("echo", [])),
    )


def log_oci_document(
    session, direction, body, partner_id, status, *, text="", session_id=None, excerpt=False
):
    """An OCI call as received (in) or a NEW_ITEM form as sent (out), in the document log; a
    refused call by its start (`excerpt`, see log_document)."""
    doc_type = "OciCall" if direction == "in" else "OciNewItemForm"
    return log_document(
        session,
        direction=direction,
        doc_type=doc_type,
        body=body,
        partner_id=partner_id,
        status_code=status,
        status_text=text,
        session_id=session_id,
        excerpt=excerpt,
    )
