"""Reading the catalog for the web, the cart, the order check and the export: product records in
one language with their pricing values, streamed in keyset-ordered chunks, the conditions of a
text search (storefront, API and OCI BACKGROUND_SEARCH alike), and each entity's price book.

Products are read with Core statements (no ORM objects per row): a chunk of product rows, then the
prices and texts of that chunk with one IN query each. A text missing in the asked language falls
back to English, then to any language the product has; category names likewise.
"""

import dataclasses
import datetime
import threading
import time
from collections.abc import Iterable
from collections.abc import Iterator
from decimal import Decimal

from sqlalchemy import ColumnElement
from sqlalchemy import exists
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm import selectinload

import pricing
from gateway.errors import NotFoundError
from gateway.models import BillingEntity
from gateway.models import CatalogPolicy
from gateway.models import CategoryName
from gateway.models import Contract
from gateway.models import ContractEntity
from gateway.models import PriceRule
from gateway.models import Product
from gateway.models import ProductPrice
from gateway.models import ProductText
from gateway.text import fold
from pricing.policy import POLICY_LISTS

# Rule kinds as the back office names them -> the pricing engine's kinds.
RULE_KINDS = {
    "fixed": pricing.RuleKind.FIXED_PRICE,
    "percent_off": pricing.RuleKind.PERCENT_OFF_LIST,
    "markup": pricing.RuleKind.MARKUP_ON_COST,
}
FALLBACK_LANGUAGE = "en"
ONE = Decimal(1)

# Bumped whenever this process changes products or contracts, so that its caches read afresh.
_generation = 0


def catalog_changed() -> None:
    """Tell this process's catalog caches that products or contracts changed (imports, demo
    load); other processes see the change when their caches' time runs out."""
    global _generation
    _generation += 1


def catalog_generation() -> int:
    """How many times this process has changed the catalog (see catalog_changed)."""
    return _generation


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ProductRecord:
    """A product as buyers see it in one language, with what pricing needs of it."""

    id: int
    sku: str
    manufacturer: str
    manufacturer_part_id: str
    publisher: str
    category: str
    unspsc: str
    unit: str
    language: str
    lead_time_days: int | None
    active: bool  # False: withdrawn from the catalog (read only for lines already in a cart)
    description: str
    long_description: str
    text_language: str  # of description: the one asked for, else the fallback's (empty: none)
    value: pricing.Product


PRODUCT_COLUMNS = (
    Product.id,
    Product.sku,
    Product.manufacturer,
    Product.manufacturer_part_id,
    Product.publisher,
    Product.category,
    Product.unspsc,
    Product.unit,
    Product.language,
    Product.lead_time_days,
    Product.active,
)
COLUMN_NAMES = tuple(column.key for column in PRODUCT_COLUMNS)
MAX_TERMS = 8  # search terms of one query that count


def stream_products(
    session: Session,
    language: str,
    where: Iterable[ColumnElement[bool]] = (),
    chunk_size: int = 2000,
) -> Iterator[ProductRecord]:
    """Every active product matching `where`, in id order, a chunk at a time."""
    last_id = 0
    while True:
        statement = (
            select(*PRODUCT_COLUMNS)
            .where(Product.active, Product.id > last_id, *where)
            .order_by(Product.id)
            .limit(chunk_size)
        )
        rows = session.connection().execute(statement).all()
        if not rows:
            return
        yield from _records(session, rows, language)
        last_id = rows[-1].id


def search_conditions(query: str) -> list[ColumnElement[bool]]:
    """Every term of `query` (at most MAX_TERMS) must match a text, a part number or a maker.
    Descriptions and makers are compared folded (`gateway.text.fold`): "ecran" and "écran" find
    "Écran", "telegartner" finds "Telegärtner"."""
    conditions = []
    for term in query.split()[:MAX_TERMS]:
        described = exists().where(
            ProductText.product_id == Product.id,
            ProductText.search_text.contains(fold(term), autoescape=True),
        )
        conditions.append(
            or_(
                described,
                Product.sku.icontains(term, autoescape=True),
                Product.manufacturer_part_id.icontains(term, autoescape=True),
                Product.search_maker.contains(fold(term), autoescape=True),
            )
        )
    return conditions


def products_by_id(
    session: Session, ids: Iterable[int], language: str, *, withdrawn: bool = False
) -> dict[int, ProductRecord]:
    """The active products with these ids (missing ones are left out); with `withdrawn`, the
    inactive ones too, so that a cart can still show (and refuse to send) a line whose product
    was withdrawn since it was added."""
    wanted = sorted(set(ids))
    found: dict[int, ProductRecord] = {}
    for start in range(0, len(wanted), 1000):
        chunk = wanted[start : start + 1000]
        where = [Product.id.in_(chunk)] if withdrawn else [Product.active, Product.id.in_(chunk)]
        rows = session.execute(select(*PRODUCT_COLUMNS).where(*where)).all()
        found.update((record.id, record) for record in _records(session, rows, language))
    return found


def product_by_sku(session: Session, sku: str, language: str) -> ProductRecord | None:
    row = session.execute(
        select(*PRODUCT_COLUMNS).where(Product.active, Product.sku == sku)
    ).first()
    return next(iter(_records(session, [row], language)), None) if row else None


def category_names(session: Session, language: str, keys: Iterable[str]) -> dict[str, str]:
    """What buyers read for each of these category keys that has a name (`gateway import
    categories`): its name in `language`, else in English, else in any language it has. A key
    without a name is absent (see category_name)."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    preference = {language: 0, FALLBACK_LANGUAGE: 1}
    chosen: dict[str, tuple[int, str, str]] = {}
    rows = session.execute(
        select(CategoryName.category, CategoryName.language, CategoryName.name).where(
            CategoryName.category.in_(wanted)
        )
    )
    for category, lang, name in rows:
        rank = (preference.get(lang, 2), lang, name)
        if category not in chosen or rank < chosen[category]:
            chosen[category] = rank
    return {category: name for category, (_rank, _lang, name) in chosen.items()}


def category_name(session: Session, language: str, key: str) -> str:
    """What buyers read for one category: its name (as category_names picks it), else its key."""
    return category_names(session, language, [key]).get(key, key)


def _records(session: Session, rows, language: str) -> list[ProductRecord]:
    ids = [row.id for row in rows]
    list_prices: dict[int, dict[str, Decimal]] = {}
    costs: dict[int, dict[str, Decimal]] = {}
    for product_id, currency, list_price, cost in session.connection().execute(
        select(
            ProductPrice.product_id,
            ProductPrice.currency,
            ProductPrice.list_price,
            ProductPrice.cost,
        ).where(ProductPrice.product_id.in_(ids))
    ):
        if list_price is not None:
            list_prices.setdefault(product_id, {})[currency] = list_price
        if cost is not None:
            costs.setdefault(product_id, {})[currency] = cost
    texts = _texts(session, ids, (language, FALLBACK_LANGUAGE))
    missing = [product_id for product_id in ids if product_id not in texts]
    if missing:
        texts.update(_texts(session, missing, None))
    return [_record(row, language, texts, list_prices, costs) for row in rows]


def _texts(session: Session, ids, languages) -> dict[int, dict[str, tuple[str, str]]]:
    """Descriptions of these products in these languages (None: in any language)."""
    statement = select(
        ProductText.product_id,
        ProductText.language,
        ProductText.description,
        ProductText.long_description,
    ).where(ProductText.product_id.in_(ids))
    if languages is not None:
        statement = statement.where(ProductText.language.in_(languages))
    texts: dict[int, dict[str, tuple[str, str]]] = {}
    for product_id, lang, description, long_description in session.connection().execute(statement):
        texts.setdefault(product_id, {})[lang] = (description, long_description)
    return texts


def _record(row, language, texts, list_prices, costs) -> ProductRecord:
    own = texts.get(row.id, {})
    if language in own:
        text_language = language
    elif FALLBACK_LANGUAGE in own:
        text_language = FALLBACK_LANGUAGE
    else:
        text_language = next(iter(own), "")
    description, long_description = own.get(text_language, ("", ""))
    value = pricing.Product(
        sku=row.sku,
        manufacturer=row.manufacturer,
        category=row.category,
        publisher=row.publisher,
        language=row.language,
        list_prices=list_prices.get(row.id, {}),
        costs=costs.get(row.id, {}),
    )
    return ProductRecord(
        **dict(zip(COLUMN_NAMES, row, strict=True)),
        description=description,
        long_description=long_description,
        text_language=text_language,
        value=value,
    )


def orderable_quote(
    book: pricing.PriceBook, product: ProductRecord, quantity: Decimal = ONE, *, tiers: bool = True
):
    """The quote at `quantity`, or, when the entity's contracts price the product only from a
    larger quantity, at that first orderable quantity (`quote.quantity` says which); the
    NotOffered at `quantity` when the product is not offered at all. How a product is listed
    (storefront, API, catalogs) and answered (OCI functions) when no smaller quantity can be
    ordered. `tiers=False` leaves out the quantity breaks (a catalog format without them)."""
    quote = book.quote(product.value, quantity, tiers=tiers)
    minimum = getattr(quote, "minimum_quantity", None)
    if quote.offered or minimum is None:
        return quote
    return book.quote(product.value, minimum, tiers=tiers)


def entity_by_code(session: Session, code: str) -> BillingEntity:
    entity = session.scalar(select(BillingEntity).where(BillingEntity.code == code))
    if entity is None:
        raise NotFoundError(f"entity: no billing entity with code {code!r}")
    return entity


def load_price_book(session: Session, entity: BillingEntity, day: datetime.date):
    """Compile the entity's price book for `day` from its contracts and policy."""
    contracts = session.scalars(
        select(Contract)
        .join(ContractEntity, ContractEntity.contract_id == Contract.id)
        .where(ContractEntity.entity_id == entity.id)
        .options(selectinload(Contract.rules).selectinload(PriceRule.tiers))
        .order_by(Contract.code)
    )
    policy = session.get(CatalogPolicy, entity.id)
    return pricing.PriceBook.compile(
        entity=pricing.BillingEntity(code=entity.code, currency=entity.currency),
        contracts=[contract_value(contract) for contract in contracts],
        policy=policy_value(policy),
        on=day,
    )


def contract_value(contract: Contract) -> pricing.Contract:
    return pricing.Contract(
        code=contract.code,
        name=contract.name,
        level=contract.level,
        currency=contract.currency,
        valid_from=contract.valid_from,
        valid_to=contract.valid_to,
        rules=tuple(
            pricing.PriceRule(
                rule_id=rule.rule_key,
                kind=RULE_KINDS[rule.kind],
                scope=pricing.Scope(rule.scope),
                scope_value=rule.scope_value if rule.scope != "all" else "",
                tiers=tuple(
                    pricing.Tier(floor=tier.min_quantity, value=tier.value) for tier in rule.tiers
                ),
            )
            for rule in contract.rules
        ),
    )


def policy_value(policy: CatalogPolicy | None) -> pricing.CatalogPolicy:
    if policy is None:
        return pricing.CatalogPolicy()
    lists = {name: frozenset(getattr(policy, name)) for name, _, _ in POLICY_LISTS}
    return pricing.CatalogPolicy(**lists, off_contract=pricing.OffContract(policy.off_contract))


class PriceBooks:
    """Compiled price books per (entity, day), kept for a short time so that a storefront page
    does not recompile them. A catalog change made in this process (`catalog_changed`: imports,
    the demo load) reaches buyers at once; one made by another process within `ttl` seconds."""

    def __init__(self, ttl: float = 60.0) -> None:
        self.ttl = ttl
        self._books: dict[tuple[int, datetime.date], tuple[float, int, object]] = {}
        self._lock = threading.Lock()

    def get(self, session: Session, entity: BillingEntity, day: datetime.date):
        key = (entity.id, day)
        now = time.monotonic()
        with self._lock:
            cached = self._books.get(key)
        if cached and now - cached[0] < self.ttl and cached[1] == _generation:
            return cached[2]
        generation = _generation  # read first: a change during the load makes this book stale
        book = load_price_book(session, entity, day)
        with self._lock:
            self._books[key] = (now, generation, book)
        return book

    def clear(self) -> None:
        with self._lock:
            self._books.clear()
