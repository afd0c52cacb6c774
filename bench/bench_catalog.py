"""Catalog export benchmark (issue 8): export one entity's catalog in each format from a demo
database, printing items per second and peak memory per format, next to a bare writer that dumps
the same rows from the same query without pricing or formatting, in the same run.

    python bench/bench_catalog.py [--products 1000000] [--formats cif,xlsx,bmecat,cxml]

Each export runs in a child process of its own so that its peak resident memory (ru_maxrss) is
its own. Rates are shown on the wall clock and, steadier on a shared machine, on the child's CPU
time. The database is the one bench_pricing.py fills (bench/out/pricing-N.sqlite3).
"""

import argparse
import csv
import io
import json
import pathlib
import resource
import subprocess
import sys
import time

from gateway import create_app
from gateway.app import database_of
from gateway.app import settings_of
from gateway.catalog import stream_products
from gateway.exports import ExportRequest
from gateway.exports import run_export

OUT = pathlib.Path(__file__).with_name("out")
ENTITY = "DEMO-FR"


def child(url: str, fmt: str) -> None:
    """Run one export (or the bare dump) and print its figures as JSON."""
    app = create_app({"database_url": url, "instance_path": str(OUT / "instance")})
    database = database_of(app)
    target = OUT / f"catalog-{fmt}.out"
    started, cpu = time.perf_counter(), time.process_time()
    if fmt == "bare":
        items = bare_dump(database, target)
    else:
        request = ExportRequest(
            entity_code=ENTITY, format=fmt, output=target, as_of=settings_of(app).today()
        )
        items = run_export(database, settings_of(app), request).written
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    figures = {"items": items, "seconds": seconds, "cpu_seconds": time.process_time() - cpu}
    figures |= {"peak_mb": usage.ru_maxrss // 1024, "bytes": target.stat().st_size}
    print(json.dumps(figures))


def bare_dump(database, target: pathlib.Path) -> int:
    """The same product rows from the same query, written as CSV: no price book, no format."""
    count = 0
    with database.transaction() as session, open(target, "w", encoding="utf-8") as out:
        writer = csv.writer(out)
        for record in stream_products(session, "fr", chunk_size=5000):
            price = record.value.list_prices.get("EUR")
            writer.writerow((record.sku, record.description, price))
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=1_000_000)
    parser.add_argument("--formats", default="cif,xlsx,bmecat,cxml")
    parser.add_argument("--child", nargs=2, metavar=("URL", "FORMAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    database = OUT / f"pricing-{args.products}.sqlite3"
    if not database.exists():
        raise SystemExit(
            f"{database} is missing: run bench/bench_pricing.py --products {args.products} first"
        )
    url = f"sqlite:///{database}"
    results = {}
    for fmt in ["bare", *args.formats.split(",")]:
        run = subprocess.run(
            [sys.executable, __file__, "--child", url, fmt],
            capture_output=True,
            text=True,
            check=True,
        )
        results[fmt] = json.loads(run.stdout.strip().splitlines()[-1])
        figures = results[fmt]
        rate = figures["items"] / figures["seconds"]
        print(
            f"{fmt:7s} {figures['items']:>10,} items {figures['seconds']:>8.1f} s "
            f"{rate:>9,.0f} items/s  cpu {figures['cpu_seconds']:>7.1f} s  "
            f"peak {figures['peak_mb']:>4} MB  file {figures['bytes'] / 1e6:>7.1f} MB",
            flush=True,
        )
    for fmt in args.formats.split(","):
        print(
            f"{fmt} rate / bare rate: {ratio(results, fmt, 'seconds'):.2f}"
            f" (by cpu time: {ratio(results, fmt, 'cpu_seconds'):.2f})"
            + ("  (goal: at least 0.50)" if fmt == "cif" else "")
        )


def ratio(results: dict, fmt: str, clock: str) -> float:
    """Items per second of fmt over those of the bare dump, on the wall or the CPU clock (the
    second is steadier on a machine that other work shares)."""
    bare = results["bare"]
    return (results[fmt]["items"] / results[fmt][clock]) / (bare["items"] / bare[clock])


if __name__ == "__main__":
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, line_buffering=True)
    main()
