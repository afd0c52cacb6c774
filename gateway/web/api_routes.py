"""The API's routes: the session, search, a product, the cart and its lines, and the two ways
out (transfer, cancel). Each view reads the request, calls the same services as the storefront,
answers JSON; see api_base for the session behind the token and the errors."""

import json
from importlib import resources

from flask import Response
from flask import current_app
from flask import jsonify
from sqlalchemy.orm import Session

import pricing
from gateway.app import database_of
from gateway.catalog import category_names
from gateway.catalog import product_by_sku
from gateway.catalog import search_conditions
from gateway.catalog import stream_products
from gateway.errors import CartError
from gateway.errors import CartNotTransferable
from gateway.errors import SessionError
from gateway.models import Product
from gateway.sessions import start_session
from gateway.web.api_base import MAX_PAGE
from gateway.web.api_base import MAX_PAGE_SIZE
from gateway.web.api_base import ApiError
from gateway.web.api_base import ApiSession
from gateway.web.api_base import blueprint
from gateway.web.api_base import body_quantity
from gateway.web.api_base import body_text
from gateway.web.api_base import json_body
from gateway.web.api_base import open_api_session
from gateway.web.api_base import query_number
from gateway.web.api_base import query_text
from gateway.web.api_values import cart_json
from gateway.web.api_values import form_json
from gateway.web.api_values import product_json
from gateway.web.api_values import results_json
from gateway.web.api_values import session_json
from gateway.web.storefront_catalog import Listing
from gateway.web.storefront_catalog import ResultPage
from gateway.web.storefront_catalog import find_listing
from gateway.web.storefront_catalog import offered_quote
from gateway.web.transfer import transfer_form

DEFAULT_PAGE_SIZE = 20


@blueprint.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of this API."""
    text = resources.files("gateway.web").joinpath("openapi.json").read_text("utf-8")
    return Response(text, content_type="application/json")


@blueprint.post("/session/start")
def start():
    """Exchange the single-use start token of the StartPage URL for the session token."""
    start_token = body_text(json_body(), "start_token")
    with database_of(current_app).transaction() as db:
        try:
            row, token = start_session(db, start_token)
        except SessionError as error:
            status, code = (404, "unknown_start_token") if error.status == 404 else (410, "expired")
            raise ApiError(str(error), status=status, code=code, field="start_token") from None
        return jsonify(session_token=token, operation=row.operation), 201


@blueprint.get("/session")
def session():
    """The session: entity, currency, language, operation, user, return URL host."""
    with open_api_session() as api:
        return jsonify(session_json(api))


@blueprint.get("/products")
def search():
    """Products the entity may buy that match q, category and manufacturer, a page at a time."""
    with open_api_session() as api:
        where = search_conditions(query_text("q"))
        if category := query_text("category"):
            where.append(Product.category == category)
        if manufacturer := query_text("manufacturer"):
            where.append(Product.manufacturer == manufacturer)
        page = query_number("page", 1, MAX_PAGE)
        size = query_number("page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        found = find_products(api.db, api.cart.book, api.language, where, page, size)
        keys = [listing.product.category for listing in found.listings]
        return jsonify(results_json(found, size, category_names(api.db, api.language, keys)))


def find_products(
    db: Session, book: pricing.PriceBook, language: str, where: list, page: int, size: int
) -> ResultPage:
    """Page `page` of `size` listings: storefront_catalog.find_page with a page size."""
    skip, wanted = (page - 1) * size, []
    for product in stream_products(db, language, where=where, chunk_size=200):
        quote = offered_quote(book, product)
        if quote is None:
            continue
        if skip:
            skip -= 1
            continue
        wanted.append(Listing(product=product, quote=quote))
        if len(wanted) > size:
            break
    return ResultPage(listings=tuple(wanted[:size]), page=page, has_next=len(wanted) > size)


@blueprint.get("/products/<path:sku>")
def product(sku: str):
    """One product: detail, tier table, contract name, level and validity."""
    with open_api_session() as api:
        listing = _listing(api, sku, field="sku")
        keys = [listing.product.category]
        return jsonify(product_json(listing, category_names(api.db, api.language, keys)))


def _listing(api: ApiSession, sku: str, *, field: str) -> Listing:
    """The listing of `sku`: 404 when the catalog has no such product, 422 when the entity's
    contracts and policy do not offer it."""
    listing = find_listing(api.db, api.cart.book, api.language, sku)
    if listing is not None:
        return listing
    if product_by_sku(api.db, sku, api.language) is None:
        raise ApiError(
            f"{field}: no product {sku!r} in this catalog",
            status=404,
            code="unknown_product",
            field=field,
        )
    raise ApiError(
        f"{field}: product {sku} is not offered to your organisation",
        status=422,
        code="not_offered",
        field=field,
    )


@blueprint.get("/cart")
def cart():
    """The cart: lines, quantities, unit prices, line totals and total."""
    with open_api_session() as api:
        return jsonify(cart_json(api))


@blueprint.post("/cart/lines")
def add_line():
    """Add a quantity of a product (to its line when the cart has one); answers the cart."""
    with open_api_session(for_update=True) as api:
        body = json_body()
        sku, quantity = body_text(body, "sku"), body_quantity(body)
        _writable(api)
        _listing(api, sku, field="sku")
        try:
            line = api.cart.add(sku, quantity)
        except CartNotTransferable:
            raise  # answered as not_transferable, naming the field
        except CartError as error:
            status, code = 422, "not_offered"
            if error.key == "line_quantity_too_large":  # it conflicts with what the line holds
                status, code = 409, "line_full"
            raise ApiError(str(error), status=status, code=code, field="quantity") from None
        return jsonify(line=line.line_number, cart=cart_json(api)), 201


@blueprint.patch("/cart/lines/<int:line>")
def update_line(line: int):
    """Set a line's quantity (repriced at the tier of the new quantity); answers the cart."""
    with open_api_session(for_update=True) as api:
        quantity = body_quantity(json_body())
        _writable(api)
        _known_line(api, line)
        try:
            api.cart.update(line, quantity)
        except CartError as error:
            raise ApiError(str(error), status=422, code="not_offered", field="quantity") from None
        return jsonify(cart_json(api))


@blueprint.delete("/cart/lines/<int:line>")
def remove_line(line: int):
    """Remove a line; answers the cart."""
    with open_api_session(for_update=True) as api:
        _writable(api)
        _known_line(api, line)
        api.cart.remove(line)
        return jsonify(cart_json(api))


def _writable(api: ApiSession) -> None:
    if api.read_only:
        raise SessionError("This cart is open for inspection only.", status=403)


def _known_line(api: ApiSession, line: int) -> None:
    if all(row.line_number != line for row in api.row.lines):
        message = f"line: the cart has no line {line}"
        raise ApiError(message, status=404, code="unknown_line", field="line")


@blueprint.post("/transfer")
def transfer():
    """Close the session; answer the form that returns the cart to the procurement system."""
    with open_api_session(for_update=True) as api:
        if api.read_only:
            raise SessionError(_not_transferable(api), status=403)
        return jsonify(form_json(transfer_form(api.cart, cancel=False)))


def _not_transferable(api: ApiSession) -> str:
    """Why an inspect session's cart is not transferred, and the way back that works: cancel,
    unless the session has nothing to return to (an OCI FUNCTION=DETAIL call sends no
    HOOK_URL, and its cancel is refused too)."""
    refused = "This cart is open for inspection only: it cannot be transferred"
    if api.row.return_url:
        return f"{refused}; cancel to return to the procurement system."
    return (
        f"{refused}. It was opened to show one product (FUNCTION=DETAIL) and has no HOOK_URL"
        " to return to: close the catalog window to go back to the procurement system."
    )


@blueprint.post("/cancel")
def cancel():
    """Close the session; answer the form that returns an empty cart."""
    with open_api_session(for_update=True) as api:
        return jsonify(form_json(transfer_form(api.cart, cancel=True)))


def openapi_document() -> dict:
    """openapi.json as a mapping (for tests and tools)."""
    return json.loads(resources.files("gateway.web").joinpath("openapi.json").read_text("utf-8"))
