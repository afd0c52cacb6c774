"""Pricing benchmark (issue 3): products quoted per second while streaming them from the database
through one entity's price book, next to a bare streaming read of the same rows in the same run;
the time to compile the price book; single-quote latency (median and p99 over 10,000 quotes).

    python bench/bench_pricing.py [--products 1000000] [--contracts 60] [--database-url URL]

The database is filled with the demo generator (`gateway demo --products N --contracts M`) the
first time; later runs on the same URL reuse it. Default: a SQLite file under bench/out/.
"""

import argparse
import pathlib
import random
import statistics
import sys
import time
from decimal import Decimal

from sqlalchemy import func
from sqlalchemy import select

from gateway import create_app
from gateway.app import database_of
from gateway.app import settings_of
from gateway.catalog import entity_by_code
from gateway.catalog import load_price_book
from gateway.catalog import stream_products
from gateway.models import ContractEntity
from gateway.models import Product

ENTITY = "DEMO-FR"
QUANTITIES = [Decimal(q) for q in (1, 2, 5, 10, 25, 50, 100, 250)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=1_000_000)
    parser.add_argument("--contracts", type=int, default=60)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    out = pathlib.Path(__file__).with_name("out")
    url = args.database_url or f"sqlite:///{out / f'pricing-{args.products}.sqlite3'}"
    app = create_app({"database_url": url, "instance_path": str(out / "instance")})
    database = database_of(app)
    database.upgrade()
    fill(app, args.products, args.contracts)
    with database.transaction() as session:
        entity = entity_by_code(session, ENTITY)
        contracts = session.scalar(
            select(func.count())
            .select_from(ContractEntity)
            .where(ContractEntity.entity_id == entity.id)
        )
        rows = session.scalar(select(func.count()).select_from(Product))
        print(
            f"database: {url.split('://')[0]}, {rows:,} products, {contracts} contracts "
            f"for {ENTITY}"
        )
        day = settings_of(app).today()
        started = time.perf_counter()
        book = load_price_book(session, entity, day)
        compile_seconds = time.perf_counter() - started
        print(
            f"price book: loaded and compiled in {compile_seconds * 1000:.1f} ms "
            f"({len(book.contracts)} contracts in force, {len(book.set_aside)} set aside)"
        )
        bare, sample = stream(session, book, quote=False)
        priced, _ = stream(session, book, quote=True)
        print(f"bare streaming read : {rows / bare:>10,.0f} products/s ({bare:.1f} s)")
        print(f"streamed and priced : {rows / priced:>10,.0f} products/s ({priced:.1f} s)")
        print(f"ratio priced / bare : {priced / bare:.2f}x (goal: at most 2x)")
        latency(book, sample)


def fill(app, products: int, contracts: int) -> None:
    with database_of(app).transaction() as session:
        present = session.scalar(select(func.count()).select_from(Product))
    if present:
        return
    print(f"filling the database: gateway demo --products {products} --contracts {contracts}")
    result = app.test_cli_runner().invoke(
        args=["demo", "--products", str(products), "--contracts", str(contracts)]
    )
    print(result.output.splitlines()[0] if result.output else result)
    if result.exit_code:
        sys.exit(result.exit_code)


def stream(session, book, *, quote: bool):
    """Time one pass over every product; keep a sample for the latency run."""
    sample = []
    rng = random.Random(7)
    started = time.perf_counter()
    for record in stream_products(session, "fr", chunk_size=5000):
        if quote:
            book.quote(record.value, Decimal(1))
        elif len(sample) < 10_000 or rng.random() < 0.001:
            sample.append(record.value)
    return time.perf_counter() - started, sample[-10_000:]


def latency(book, products) -> None:
    rng = random.Random(11)
    timings = []
    for product in products[:10_000]:
        quantity = rng.choice(QUANTITIES)
        started = time.perf_counter_ns()
        book.quote(product, quantity)
        timings.append(time.perf_counter_ns() - started)
    timings.sort()
    median = statistics.median(timings) / 1000
    p99 = timings[int(len(timings) * 0.99)] / 1000
    print(
        f"single quote latency: median {median:.1f} us, p99 {p99:.1f} us over {len(timings):,} "
        f"quotes (goal: p99 under 100 us)"
    )


if __name__ == "__main__":
    main()
