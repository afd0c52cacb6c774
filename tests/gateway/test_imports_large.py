"""Large product files stream: memory does not grow with the number of rows.

The 1,000,000-row import is measured by bench/bench_import.py (it takes minutes); the suite runs
100,000 rows, and compares the traced peak memory of a small and a four times larger file."""

import resource
import tracemalloc
from decimal import Decimal

import pytest
from sqlalchemy import func
from sqlalchemy import select

from gateway.imports import import_file
from gateway.imports import products
from gateway.models import Product
from gateway.models import ProductPrice
from gateway.models import ProductText

HEADER = (
    "sku,manufacturer,manufacturer_part_id,category,unspsc,unit,lead_time_days,"
    "description_en,description_fr,list_price_EUR,cost_EUR,list_price_GBP\n"
)


def write_products(path, rows: int):
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for n in range(rows):
            out.write(
                f"L-{n:07d},Maker {n % 97},MPN{n},category-{n % 41},43211503,C62,{n % 30},"
                f"Product {n},Produit {n},{n % 1000}.{n % 100:02d},{n % 700}.5,{n % 900}.99\n"
            )
    return path


def count(db, model) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(model))


@pytest.mark.slow
def test_100000_products_stream_into_the_database(db, tmp_path):
    path = write_products(tmp_path / "large.csv", 100_000)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = import_file(db, "products", path)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert report.summary() == "large.csv: 100000 inserted, 0 updated, 0 unchanged, 0 rejected"
    assert (count(db, Product), count(db, ProductText), count(db, ProductPrice)) == (
        100_000,
        200_000,
        200_000,
    )
    assert grown_mb < 100, f"the import grew the process by {grown_mb:.0f} MB"
    with db.transaction() as session:
        last = session.scalars(select(Product).where(Product.sku == "L-0099999")).one()
        assert (last.manufacturer, last.category, last.lead_time_days) == (
            "Maker 89",
            "category-0",
            9,
        )
        assert {(p.currency, p.list_price, p.cost) for p in last.prices} == {
            ("EUR", Decimal("999.99"), Decimal("599.5")),
            ("GBP", Decimal("99.99"), None),
        }


def traced_peak(db, path) -> int:
    tracemalloc.start()
    try:
        report = import_file(db, "products", path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert report.rejected == 0
    return peak


def test_peak_memory_does_not_grow_with_the_file(db, tmp_path, monkeypatch):
    monkeypatch.setattr(products, "CHUNK", 200)
    small = traced_peak(db, write_products(tmp_path / "small.csv", 2_000))
    large = traced_peak(db, write_products(tmp_path / "large.csv", 8_000))
    # Holding the 6,000 extra rows would cost several MB (about 1.5 kB a parsed row).
    assert large - small < 1_500_000, (small, large)
