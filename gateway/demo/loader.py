"""Loading the demo data set: all of it in one transaction, or nothing.

Strategy: entities, contracts, favourites and partners are few and go through the ORM; products
may be millions, so they stream from the generator through bulk Core inserts in chunks
(executemany with the ids given), and memory stays flat whatever the count. The
first products of each category are remembered to give the contracts and favourites real SKUs.
"""

import dataclasses
import datetime
import itertools
import time
from collections.abc import Callable
from collections.abc import Iterable

from sqlalchemy import Connection
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.orm import Session

from gateway.catalog import catalog_changed
from gateway.db import Database
from gateway.demo.catalog import DemoProduct
from gateway.demo.catalog import generate_products
from gateway.demo.categories import write_category_names
from gateway.demo.contracts import SampledProduct
from gateway.demo.contracts import plan_contracts
from gateway.demo.contracts import write_contracts
from gateway.demo.entities import DEMO_ENTITIES
from gateway.demo.entities import write_entities
from gateway.demo.errors import DatabaseNotEmpty
from gateway.demo.favourites import write_favourites
from gateway.demo.partners import DEMO_PARTNERS
from gateway.demo.partners import write_partners
from gateway.models import BillingEntity
from gateway.models import Product
from gateway.models import ProductPrice
from gateway.models import ProductText

DEFAULT_PRODUCTS = 5000
CHUNK = 2000
SAMPLE_PER_CATEGORY = 4
FOCUS_ENTITY = "DEMO-FR"  # the entity that --contracts fills up


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class DemoSummary:
    """What a demo load wrote."""

    products: int
    texts: int
    prices: int
    entities: int
    contracts: int
    partners: int
    favourites: int
    seconds: float

    def line(self) -> str:
        return (
            f"demo data loaded: {self.products:,} products ({self.texts:,} texts, "
            f"{self.prices:,} prices), {self.entities} billing entities, {self.contracts:,} "
            f"contracts, {self.partners} trading partners, {self.favourites} favourites lists "
            f"in {self.seconds:.1f} s"
        )


def holdings(connection: Connection) -> tuple[int, int]:
    """(products, billing entities) already in the database."""
    products = connection.scalar(select(func.count()).select_from(Product))
    entities = connection.scalar(select(func.count()).select_from(BillingEntity))
    return products or 0, entities or 0


def contracts_to_add(at_least: int) -> int:
    """How many extra contracts DEMO-FR needs to hold at least `at_least` in all."""
    base = plan_contracts(datetime.date(2000, 1, 1), {}, 0)
    held = sum(FOCUS_ENTITY in c.entity_codes for c in base)
    return max(0, at_least - held)


def load_demo(
    database: Database,
    *,
    products: int = DEFAULT_PRODUCTS,
    contracts_for_focus: int = 0,
    today: datetime.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> DemoSummary:
    """Load the demo data set into an empty database; raises DatabaseNotEmpty otherwise.
    Contract windows are around `today`: the commands pass the business day of
    GATEWAY_TIMEZONE, the day prices are resolved in (default: the machine's local day)."""
    if products < 1:
        raise ValueError("products: at least one")
    started = time.perf_counter()
    today = today or datetime.date.today()
    with database.engine.begin() as connection:
        found_products, found_entities = holdings(connection)
        if found_products or found_entities:
            raise DatabaseNotEmpty(
                f"the database already holds {found_products:,} products and {found_entities} "
                "billing entities; the demo data set loads only into an empty database"
            )
        session = Session(bind=connection)  # joins this connection's transaction
        entities = write_entities(session)
        sample, texts, prices = stream_products(connection, products, progress)
        write_category_names(session)
        planned = plan_contracts(today, sample, contracts_to_add(contracts_for_focus))
        write_contracts(session, planned, entities)
        favourites = write_favourites(session, entities, sample)
        write_partners(session)
        session.close()
    catalog_changed()
    return DemoSummary(
        products=products,
        texts=texts,
        prices=prices,
        entities=len(DEMO_ENTITIES),
        contracts=len(planned),
        partners=len(DEMO_PARTNERS),
        favourites=favourites,
        seconds=time.perf_counter() - started,
    )


def stream_products(
    connection: Connection, count: int, progress: Callable[[int], None] | None = None
) -> tuple[dict[str, list[SampledProduct]], int, int]:
    """Insert `count` generated products in chunks; returns (sample, texts, prices) written.

    Product ids are given here rather than returned by the database: a plain executemany is
    several times faster than RETURNING row by row, and the transaction holds the only writer
    of products (the database had none when it began). PostgreSQL's sequence is moved past
    them at the end."""
    products = Product.__table__
    next_id = (connection.scalar(select(func.max(products.c.id))) or 0) + 1
    sample: dict[str, list[SampledProduct]] = {}
    texts = prices = 0
    for chunk in _chunks(generate_products(count), CHUNK):
        ids = range(next_id, next_id + len(chunk))
        next_id += len(chunk)
        connection.execute(
            insert(products), [_product_row(i, p) for i, p in zip(ids, chunk, strict=True)]
        )
        text_rows = [
            {
                "product_id": i,
                "language": t.language,
                "description": t.description,
                "long_description": t.long_description,
            }
            for i, p in zip(ids, chunk, strict=True)
            for t in p.texts
        ]
        price_rows = [
            {"product_id": i, "currency": m.currency, "list_price": m.list_price, "cost": m.cost}
            for i, p in zip(ids, chunk, strict=True)
            for m in p.prices
        ]
        connection.execute(insert(ProductText.__table__), text_rows)
        connection.execute(insert(ProductPrice.__table__), price_rows)
        texts += len(text_rows)
        prices += len(price_rows)
        _remember(sample, ids, chunk)
        if progress is not None:
            progress(len(chunk))
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT setval(pg_get_serial_sequence('products', 'id'), :last)"),
            {"last": next_id - 1},
        )
    return sample, texts, prices


def _product_row(product_id: int, product: DemoProduct) -> dict:
    return {
        "id": product_id,
        "sku": product.sku,
        "manufacturer": product.manufacturer,
        "manufacturer_part_id": product.manufacturer_part_id,
        "publisher": product.publisher,
        "category": product.category,
        "unspsc": product.unspsc,
        "unit": product.unit,
        "language": product.language,
        "lead_time_days": product.lead_time_days,
        "active": product.active,
    }


def _remember(sample: dict, ids: range, chunk: list[DemoProduct]) -> None:
    for product_id, product in zip(ids, chunk, strict=True):
        kept = sample.setdefault(product.category, [])
        if len(kept) < SAMPLE_PER_CATEGORY and product.active:
            prices = tuple((p.currency, p.list_price) for p in product.prices)
            kept.append(
                SampledProduct(
                    sku=product.sku,
                    product_id=product_id,
                    category=product.category,
                    list_prices=prices,
                )
            )


def _chunks(items: Iterable[DemoProduct], size: int):
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
