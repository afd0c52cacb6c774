"""The storefront's catalog pages: the start link, the landing page, search, browsing by category
and manufacturer, and the product page."""

from decimal import Decimal
from urllib.parse import urlencode
from urllib.parse import urlsplit
from urllib.parse import urlunsplit

from flask import current_app
from flask import redirect
from flask import request
from flask import url_for
from sqlalchemy import select

from gateway.app import database_of
from gateway.catalog import category_name
from gateway.catalog import product_by_sku
from gateway.catalog import search_conditions
from gateway.errors import BadQuery
from gateway.errors import NotInShop
from gateway.models import Product
from gateway.models import PunchOutSession
from gateway.models import TradingPartner
from gateway.profiles import profile_for
from gateway.sessions import form_quantity
from gateway.sessions import start_session
from gateway.sessions import token_hash
from gateway.text import whole_number
from gateway.web.storefront_catalog import browse_facets
from gateway.web.storefront_catalog import find_listing
from gateway.web.storefront_catalog import find_page
from gateway.web.storefront_favourites import landing_list
from gateway.web.storefront_favourites import list_view
from gateway.web.storefront_shop import Shop
from gateway.web.storefront_shop import blueprint
from gateway.web.storefront_shop import error_page
from gateway.web.storefront_shop import open_shop
from gateway.web.storefront_shop import render
from gateway.web.transfer import shopping_cart

MAX_QUERY = 200
MAX_PAGE = 10_000


@blueprint.get("/punchout/start/<start_token>")
def start(start_token: str):
    """Use the single-use StartPage token, then go to the storefront with the session token;
    or, for a partner whose sessions run in the supplier's own web shop (profile `shop_url`),
    go there with the start token, which that shop exchanges through /api/v1/session/start."""
    with database_of(current_app).transaction() as db:
        shop_url = external_shop(db, start_token)
        if shop_url:
            return redirect(_with_query(shop_url, start_token=start_token), code=303)
        row, token = start_session(db, start_token)
        reopened = row.operation in ("edit", "inspect") and bool(row.lines)
        selected = (row.extra or {}).get("selected_item")
        if selected and not reopened and _offered(db, row, selected):
            # a level-2 punch-out: the item the buyer clicked in their catalog
            return redirect(url_for("storefront.product", token=token, sku=selected), code=303)
    # An edit or inspect session opens on the cart it brought back.
    target = "storefront.cart" if reopened else "storefront.landing"
    return redirect(url_for(target, token=token), code=303)


def _offered(db, row: PunchOutSession, sku: str) -> bool:
    """Whether the session's entity may buy `sku`: a level-2 punch-out opens on its page only
    then; an item we do not have, or do not offer the entity, opens the whole store."""
    book = shopping_cart(db, row).book
    return find_listing(db, book, row.language, sku) is not None


def external_shop(db, start_token: str) -> str:
    """The shop URL of the partner whose session this start token opens, or ""."""
    row = db.scalar(
        select(PunchOutSession).where(PunchOutSession.start_token_hash == token_hash(start_token))
    )
    return profile_for(db.get(TradingPartner, row.partner_id)).shop_url if row else ""


def _with_query(url: str, **values: str) -> str:
    parts = urlsplit(url)
    query = "&".join(filter(None, [parts.query, urlencode(values)]))
    return urlunsplit(parts._replace(query=query))


@blueprint.get("/shop/<token>/")
def landing(token: str):
    """The buyer's landing favourites list if one is set, else search and browse."""
    with open_shop(token) as shop:
        favourites = landing_list(shop)
        if favourites is not None:
            return render(shop, "storefront/landing.html", favourites=list_view(shop, favourites))
        categories, makers = browse_facets(shop.db, shop.cart.book.policy, shop.language)
        return render(shop, "storefront/landing.html", categories=categories, manufacturers=makers)


@blueprint.get("/shop/<token>/search")
def search(token: str):
    """Products whose description, part numbers or manufacturer match every term."""
    query = request.args.get("q", "").strip()[:MAX_QUERY]
    with open_shop(token) as shop:
        if not query:
            return redirect(url_for("storefront.landing", token=token), code=303)
        heading = shop.texts("results_for", query=query)
        return _results(shop, heading, search_conditions(query), {"q": query})


@blueprint.get("/shop/<token>/category/<path:name>")
def category(token: str, name: str):
    """Browse one category."""
    with open_shop(token) as shop:
        label = category_name(shop.db, shop.language, name)
        heading = shop.texts("category_heading", name=label)
        return _results(shop, heading, [Product.category == name], {"name": name})


@blueprint.get("/shop/<token>/manufacturer/<path:name>")
def manufacturer(token: str, name: str):
    """Browse one manufacturer."""
    with open_shop(token) as shop:
        heading = shop.texts("manufacturer_heading", name=name)
        return _results(shop, heading, [Product.manufacturer == name], {"name": name})


def _results(shop: Shop, heading: str, where: list, arguments: dict):
    text = request.args.get("page", "1")
    number = whole_number(text, 1, MAX_PAGE)
    if number is None:
        refusal = BadQuery(
            f"page: expected a whole number from 1 to {MAX_PAGE}, got {text!r}",
            key="page_not_a_number",
            maximum=Decimal(MAX_PAGE),
            typed=text,
        )
        return error_page(refusal, refusal.status)
    page = find_page(shop.db, shop.cart.book, shop.language, where, number)
    return render(
        shop,
        "storefront/results.html",
        heading=heading,
        results=page,
        endpoint=request.endpoint,
        arguments=arguments,
        query=arguments.get("q", ""),
    )


@blueprint.get("/shop/<token>/product/<path:sku>")
def product(token: str, sku: str):
    """One product with its contract price, quantity breaks and an add-to-cart form."""
    with open_shop(token) as shop:
        return product_page(shop, sku)


def product_page(
    shop: Shop,
    sku: str,
    *,
    error: str = "",
    quantity: str = "",
    quantity_invalid: bool = False,
    status=200,
):
    """The product page, with a form error and the buyer's typed quantity when there is one
    (the quantity field marked invalid when the error is about it)."""
    listing = find_listing(shop.db, shop.cart.book, shop.language, sku)
    if listing is None and product_by_sku(shop.db, sku, shop.language) is None:
        raise NotInShop(f"Product {sku} is not in this catalog.", key="product_unknown", sku=sku)
    if listing is None:
        raise NotInShop(
            f"Product {sku} is not offered to your organisation.",
            key="product_not_offered",
            sku=sku,
        )
    return render(
        shop,
        "storefront/product.html",
        status=status,
        listing=listing,
        category_name=category_name(shop.db, shop.language, listing.product.category),
        error=error,
        quantity=quantity or form_quantity(listing.minimum),
        quantity_invalid=quantity_invalid,
    )
