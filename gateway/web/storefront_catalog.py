"""What a buyer may see of the catalog: search, browse by category or manufacturer, one product,
each filtered through the entity's price book.

Strategy: the database narrows by text (every search term must match a description in any
language, the SKU, the manufacturer part id or the manufacturer), then the price book decides,
product by product, whether the entity may buy it: a product is listed when it is offered at
quantity 1, or at the first quantity its contract prices start from. Pages are counted in listed
products, so the policy never leaves a page short.
"""

import dataclasses
from decimal import Decimal

from sqlalchemy import ColumnElement
from sqlalchemy import and_
from sqlalchemy import select
from sqlalchemy.orm import Session

import pricing
from gateway.catalog import ProductRecord
from gateway.catalog import category_names
from gateway.catalog import orderable_quote
from gateway.catalog import product_by_sku
from gateway.catalog import stream_products
from gateway.models import Product
from gateway.text import fold

__all__ = [
    "PAGE_SIZE",
    "Listing",
    "ResultPage",
    "browse_facets",
    "find_listing",
    "find_page",
    "offered_quote",
]

PAGE_SIZE = 20


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Listing:
    """A product the entity may buy, with its price at the first quantity it can be ordered."""

    product: ProductRecord
    quote: pricing.PriceQuote

    @property
    def minimum(self) -> Decimal:
        return self.quote.quantity


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ResultPage:
    """One page of listings; `page` counts from 1."""

    listings: tuple[Listing, ...]
    page: int
    has_next: bool

    def __post_init__(self) -> None:
        if self.page < 1:
            raise ValueError(f"page: counts from 1, got {self.page}")


def offered_quote(book: pricing.PriceBook, product: ProductRecord) -> pricing.PriceQuote | None:
    """The quote at quantity 1, or at the first contract floor; None when not offered at all."""
    quote = orderable_quote(book, product)
    return quote if quote.offered else None


def find_page(
    db: Session,
    book: pricing.PriceBook,
    language: str,
    where: list[ColumnElement[bool]],
    page: int,
) -> ResultPage:
    """Page `page` of the products matching `where` that the entity may buy."""
    skip, wanted = (page - 1) * PAGE_SIZE, []
    for product in stream_products(db, language, where=where, chunk_size=200):
        quote = offered_quote(book, product)
        if quote is None:
            continue
        if skip:
            skip -= 1
            continue
        wanted.append(Listing(product=product, quote=quote))
        if len(wanted) > PAGE_SIZE:
            break
    return ResultPage(
        listings=tuple(wanted[:PAGE_SIZE]), page=page, has_next=len(wanted) > PAGE_SIZE
    )


def find_listing(db: Session, book: pricing.PriceBook, language: str, sku: str) -> Listing | None:
    """The product `sku` if the entity may buy it."""
    product = product_by_sku(db, sku, language)
    quote = offered_quote(book, product) if product is not None else None
    return Listing(product=product, quote=quote) if quote is not None else None


def browse_facets(
    db: Session, policy: pricing.CatalogPolicy, language: str
) -> tuple[list[tuple[str, str]], list[str]]:
    """The categories (key and name in `language`) and the manufacturers of active products
    that the policy lists let in, each in reading order: letter case and accents set aside
    ("Écrans" among the E, "iiyama" among the I), on every database alike (the database's own
    ORDER BY would follow its collation, which differs between SQLite and PostgreSQL)."""
    keys = _distinct(db, Product.category, policy.include_categories, policy.exclude_categories)
    names = category_names(db, language, keys)
    categories = sorted(
        ((key, names.get(key, key)) for key in keys),
        key=lambda category: (fold(category[1]), category[0]),
    )
    makers = _distinct(
        db, Product.manufacturer, policy.include_manufacturers, policy.exclude_manufacturers
    )
    return categories, sorted(makers, key=lambda maker: (fold(maker), maker))


def _distinct(db: Session, column, include: frozenset[str], exclude: frozenset[str]) -> list[str]:
    conditions = [Product.active, column != ""]
    if include:
        conditions.append(column.in_(sorted(include)))
    if exclude:
        conditions.append(column.not_in(sorted(exclude)))
    statement = select(column).where(and_(*conditions)).distinct()
    return list(db.scalars(statement))
