"""The cart page and its changes (add, update, remove), and the two ways out: transfer the cart
to the procurement system, or cancel with an empty cart (an inspect session's only way out).

A change that cannot be made (bad quantity, unknown SKU, not offered at that quantity) rolls back
and answers 422 with the page the form came from, its message naming the field."""

import dataclasses
from decimal import Decimal

from flask import redirect
from flask import request
from flask import url_for

from gateway.errors import CartError
from gateway.errors import CartNotTransferable
from gateway.models.base import MAX_ID
from gateway.sessions import PricedLine
from gateway.sessions import parse_quantity
from gateway.text import whole_number
from gateway.web.storefront_catalog import find_listing
from gateway.web.storefront_pages import product_page
from gateway.web.storefront_shop import Shop
from gateway.web.storefront_shop import blueprint
from gateway.web.storefront_shop import open_shop
from gateway.web.storefront_shop import render
from gateway.web.transfer import transfer_response


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class CartView:
    """The cart as shown: each line's total rounded to the currency, and their sum."""

    lines: tuple[PricedLine, ...]
    line_totals: tuple[Decimal, ...]
    total: Decimal


def cart_view(shop: Shop) -> CartView:
    lines = tuple(shop.cart.lines())
    totals = tuple(line.line_total for line in lines)
    return CartView(lines=lines, line_totals=totals, total=sum(totals, Decimal(0)))


def cart_page(shop: Shop, *, error: str = "", failed_line: int = 0, typed: str = "", status=200):
    return render(
        shop,
        "storefront/cart.html",
        status=status,
        view=cart_view(shop),
        error=error,
        failed_line=failed_line,
        typed=typed,
        changes=list((shop.row.extra or {}).get("changes", [])),
    )


def _to_cart(token: str):
    return redirect(url_for("storefront.cart", token=token), code=303)


def _line_number(text: str) -> int:
    number = whole_number(text, 0, MAX_ID)
    if number is None:
        raise CartError(
            f"line: expected a cart line number, got {text!r}", key="line_not_a_number", typed=text
        )
    return number


@blueprint.get("/shop/<token>/cart")
def cart(token: str):
    """The cart: lines, quantities, unit prices, line totals and total."""
    with open_shop(token) as shop:
        return cart_page(shop)


@blueprint.post("/shop/<token>/cart/add")
def add(token: str):
    """Add a quantity of a product; on a bad field show the product page again, with 422."""
    sku = request.form.get("sku", "").strip()
    typed = request.form.get("quantity", "")
    try:
        with open_shop(token) as shop:
            if not sku:
                raise CartError("sku: no product named", key="no_product_named")
            shop.cart.add(sku, parse_quantity(typed))
    except CartError as error:
        with open_shop(token) as shop:
            if sku and find_listing(shop.db, shop.cart.book, shop.language, sku):
                about_quantity = not isinstance(error, CartNotTransferable)  # else the product
                return product_page(
                    shop,
                    sku,
                    error=shop.texts.refusal(error),
                    quantity=typed,
                    quantity_invalid=about_quantity,
                    status=422,
                )
            return cart_page(shop, error=shop.texts.refusal(error), status=422)
    return _to_cart(token)


@blueprint.post("/shop/<token>/cart/update")
def update(token: str):
    """Set a line's quantity (repriced at the tier of the new quantity)."""
    line, typed = request.form.get("line", ""), request.form.get("quantity", "")
    try:
        with open_shop(token) as shop:
            shop.cart.update(_line_number(line), parse_quantity(typed))
    except CartError as error:
        with open_shop(token) as shop:
            failed = whole_number(line, 0, MAX_ID) or 0
            return cart_page(
                shop, error=shop.texts.refusal(error), failed_line=failed, typed=typed, status=422
            )
    return _to_cart(token)


@blueprint.post("/shop/<token>/cart/remove")
def remove(token: str):
    line = request.form.get("line", "")
    try:
        with open_shop(token) as shop:
            shop.cart.remove(_line_number(line))
    except CartError as error:
        with open_shop(token) as shop:
            return cart_page(shop, error=shop.texts.refusal(error), status=422)
    return _to_cart(token)


@blueprint.post("/shop/<token>/transfer")
def transfer(token: str):
    """Return the cart to the procurement system (the page posts it there). An inspect session
    transfers nothing (403, as the API's read_only): its way back is cancel."""
    try:
        with open_shop(token) as shop:
            if shop.read_only and shop.returns:  # a DETAIL window's refusal (409) says more
                return cart_page(shop, error=shop.texts("inspect_not_transferable"), status=403)
            return transfer_response(shop.cart, cancel=False)
    except CartError as error:  # a line the procurement system would refuse: nothing is sent
        with open_shop(token) as shop:
            return cart_page(shop, error=shop.texts.refusal(error), status=422)


@blueprint.post("/shop/<token>/cancel")
def cancel(token: str):
    """Return to the procurement system with an empty cart."""
    with open_shop(token) as shop:
        return transfer_response(shop.cart, cancel=True)
