"""Favourites lists, kept per billing entity and buyer email: save the cart as a list, put a
list's items in the cart, make a list the landing page, delete a list.

A list without an owner ("") is the entity's shared list (the demo's standard workstation):
every buyer of the entity sees it and may order from it, and none may change or delete it. A
buyer's own landing list wins over a shared one. A buyer without an e-mail address has no own
lists: what they saved would be shared with the whole entity."""

import dataclasses
from decimal import Decimal

from flask import redirect
from flask import request
from flask import url_for
from sqlalchemy import select

import pricing
from gateway.catalog import ProductRecord
from gateway.catalog import products_by_id
from gateway.errors import CartError
from gateway.errors import NotInShop
from gateway.models import FavouriteItem
from gateway.models import FavouritesList
from gateway.models.base import could_be_id
from gateway.web.storefront_shop import Shop
from gateway.web.storefront_shop import blueprint
from gateway.web.storefront_shop import open_shop
from gateway.web.storefront_shop import render

MAX_NAME = 100  # FavouritesList.name


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class FavouriteLine:
    """An item of a list with today's quote at its quantity (NotOffered when it is not)."""

    product: ProductRecord
    quantity: Decimal
    quote: pricing.PriceQuote | pricing.NotOffered


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class FavouritesView:
    id: int
    name: str
    is_landing: bool
    shared: bool  # the entity's list: ordered from, never changed
    lines: tuple[FavouriteLine, ...]


def lists_of(shop: Shop) -> list[FavouritesList]:
    """The buyer's own lists, then the entity's shared ones, each by name."""
    found = shop.db.scalars(
        select(FavouritesList)
        .where(
            FavouritesList.entity_id == shop.entity.id,
            FavouritesList.owner.in_({shop.owner, ""}),
        )
        .order_by(FavouritesList.name)
    )
    return sorted(found, key=lambda favourites: not favourites.owner)


def landing_list(shop: Shop) -> FavouritesList | None:
    """The buyer's own landing list, else the entity's shared one."""
    return next((found for found in lists_of(shop) if found.is_landing), None)


def list_view(shop: Shop, favourites: FavouritesList) -> FavouritesView:
    """A list with each item priced as of today."""
    products = products_by_id(
        shop.db, [item.product_id for item in favourites.items], shop.language
    )
    lines = [
        FavouriteLine(
            product=products[item.product_id],
            quantity=item.quantity,
            quote=shop.cart.book.quote(products[item.product_id].value, item.quantity),
        )
        for item in favourites.items
        if item.product_id in products
    ]
    lines.sort(key=lambda line: line.product.description.casefold())
    return FavouritesView(
        id=favourites.id,
        name=favourites.name,
        is_landing=favourites.is_landing,
        shared=not favourites.owner,
        lines=tuple(lines),
    )


def _visible_list(shop: Shop, list_id: int) -> FavouritesList:
    """One of the buyer's own lists or of the entity's shared ones, else NotInShop (404)."""
    found = shop.db.get(FavouritesList, list_id) if could_be_id(list_id) else None
    if found is None or found.entity_id != shop.entity.id or found.owner not in (shop.owner, ""):
        message = f"Favourites list {list_id} does not exist."
        raise NotInShop(message, key="list_unknown", list=list_id)
    return found


def _own_list(shop: Shop, list_id: int) -> FavouritesList:
    """One of the buyer's own lists, the only ones a buyer changes; CartError for a shared
    one."""
    found = _visible_list(shop, list_id)
    if not found.owner:
        raise CartError(
            f"list {found.name!r}: it is shared by your organisation; add it to the cart, but it"
            " cannot be changed or deleted here",
            key="list_shared",
            name=found.name,
        )
    return found


def favourites_page(shop: Shop, *, error: str = "", name: str = "", status: int = 200):
    views = [list_view(shop, found) for found in lists_of(shop)]
    return render(
        shop, "storefront/favourites.html", status=status, lists=views, error=error, name=name
    )


def _back(token: str):
    return redirect(url_for("storefront.favourites", token=token), code=303)


@blueprint.get("/shop/<token>/favourites")
def favourites(token: str):
    """The buyer's favourites lists."""
    with open_shop(token) as shop:
        return favourites_page(shop)


@blueprint.post("/shop/<token>/favourites")
def save_cart(token: str):
    """Save the cart's products and quantities as a new list named by the buyer."""
    name = request.form.get("name", "").strip()
    try:
        with open_shop(token) as shop:
            if not shop.owner:
                raise CartError(
                    "list name: your procurement system sent no e-mail address for you, and lists"
                    " are kept per buyer; this one would be shared with your whole organisation",
                    key="list_needs_email",
                )
            _check_name(shop, name)
            lines = shop.row.lines
            if not lines:
                raise CartError(
                    "cart: is empty; add products before saving it as a list",
                    key="list_of_empty_cart",
                )
            items = [FavouriteItem(product_id=ln.product_id, quantity=ln.quantity) for ln in lines]
            shop.db.add(
                FavouritesList(entity_id=shop.entity.id, owner=shop.owner, name=name, items=items)
            )
    except CartError as error:
        with open_shop(token) as shop:
            return favourites_page(shop, error=shop.texts.refusal(error), name=name, status=422)
    return _back(token)


def _check_name(shop: Shop, name: str) -> None:
    if not name:
        raise CartError("list name: must not be empty", key="list_name_empty")
    if len(name) > MAX_NAME:
        raise CartError(
            f"list name: at most {MAX_NAME} characters, got {len(name)}",
            key="list_name_too_long",
            maximum=MAX_NAME,
            length=len(name),
        )
    if any(found.name == name for found in lists_of(shop)):
        raise CartError(
            f"list name: you already have a list named {name!r}", key="list_name_taken", name=name
        )


@blueprint.post("/shop/<token>/favourites/<int:list_id>/add")
def add_list(token: str, list_id: int):
    """Put every item of a list in the cart, or none of them."""
    try:
        with open_shop(token) as shop:
            found = _visible_list(shop, list_id)
            skus = products_by_id(shop.db, [item.product_id for item in found.items], "en")
            for item in found.items:
                if item.product_id not in skus:
                    raise CartError(
                        f"list {found.name!r}: a product is no longer in the catalog",
                        key="list_product_gone",
                        name=found.name,
                    )
                shop.cart.add(skus[item.product_id].sku, item.quantity)
    except CartError as error:
        with open_shop(token) as shop:
            return favourites_page(shop, error=shop.texts.refusal(error), status=422)
    return redirect(url_for("storefront.cart", token=token), code=303)


@blueprint.post("/shop/<token>/favourites/<int:list_id>/landing")
def set_landing(token: str, list_id: int):
    """Make a list the landing page (on=1), or stop using it (on=0); one landing list at most."""
    wanted = request.form.get("on", "1") == "1"
    try:
        with open_shop(token) as shop:
            chosen = _own_list(shop, list_id)
            for found in lists_of(shop):
                if found.owner:  # a shared landing list stays the others' landing page
                    found.is_landing = wanted and found.id == chosen.id
    except CartError as error:
        return _refused(token, error)
    return _back(token)


@blueprint.post("/shop/<token>/favourites/<int:list_id>/delete")
def delete_list(token: str, list_id: int):
    try:
        with open_shop(token) as shop:
            shop.db.delete(_own_list(shop, list_id))
    except CartError as error:
        return _refused(token, error)
    return _back(token)


def _refused(token: str, error: CartError):
    """The favourites page again, saying why a shared list was not changed (403)."""
    with open_shop(token) as shop:
        return favourites_page(shop, error=shop.texts.refusal(error), status=403)
