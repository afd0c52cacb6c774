"""Benchmark: `gateway import products` of a generated 1,000,000-row CSV file.

Prints rows per second (of wall time and of CPU time, the steadier figure on a busy machine) and
peak memory (ru_maxrss) of each phase next to a bare baseline measured
in the same run: reading the same file with the csv module and turning its prices into Decimal,
without touching a database. Every phase runs in a child process of its own so that each peak
memory figure is that phase's alone.

    .venv/bin/python bench/bench_import.py [--rows 1000000]
    GATEWAY_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/bench_import.py     # adds the PostgreSQL phases
"""

import argparse
import csv
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from decimal import Decimal

HEADER = (
    "sku,manufacturer,manufacturer_part_id,category,unspsc,unit,lead_time_days,active,"
    "description_en,description_fr,description_de,list_price_EUR,cost_EUR,list_price_GBP\n"
)
UNITS = ("C62", "EA", "H87", "KGM", "MTR", "LTR", "HUR", "MON", "ANN")


def generate(path: pathlib.Path, rows: int) -> None:
    """A deterministic product file: realistic widths, three languages, two currencies."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        for n in range(rows):
            euros, cents = 5 + n % 2000, n % 100
            out.write(
                f"SKU-{n:08d},Maker {n % 211},MPN-{n * 7919 % 10**9:09d},category-{n % 173},"
                f"{43211500 + n % 99},{UNITS[n % len(UNITS)]},{n % 30},{bool(n % 13)},"
                f"Product {n} in English,Produit {n} en français,Produkt {n} auf Deutsch,"
                f"{euros}.{cents:02d},{euros * 3 // 4}.{cents:02d},{euros * 7 // 8}.99\n"
            )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """User and system CPU time of this process: steadier than wall time on a busy machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def phase_modules() -> dict:
    """The fixed cost of the code the import phases load, before any row is read."""
    import gateway.imports  # noqa: F401

    return {"rows": 0, "seconds": 0.0, "cpu": 0.0, "peak_mb": peak_mb()}


def phase_baseline(path: str) -> dict:
    start, cpu = time.perf_counter(), cpu_seconds()
    rows = 0
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for record in reader:
            Decimal(record[11]), Decimal(record[12]), Decimal(record[13])
            rows += 1
    seconds = time.perf_counter() - start
    return {"rows": rows, "seconds": seconds, "cpu": cpu_seconds() - cpu, "peak_mb": peak_mb()}


def phase_import(path: str, url: str, upgrade: bool) -> dict:
    from gateway.db import Database
    from gateway.imports import import_file

    database = Database(url)
    if upgrade:
        database.upgrade()
    start, cpu = time.perf_counter(), cpu_seconds()
    report = import_file(database, "products", path)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    database.dispose()
    return {
        "rows": report.rows,
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": peak_mb(),
        "summary": report.summary(),
    }


def run_phase(*args: str) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--phase", *args], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.splitlines()[-1])


def show(name: str, result: dict, baseline: dict) -> None:
    if not result["rows"]:
        print(f"{name:<30} {'':>52} peak {result['peak_mb']:7.1f} MB")
        return
    rate, cpu_rate = result["rows"] / result["seconds"], result["rows"] / result["cpu"]
    print(
        f"{name:<30} {result['rows']:>9} rows {result['seconds']:7.1f} s {rate:>9,.0f} rows/s "
        f"{cpu_rate:>9,.0f} rows/cpu-s peak {result['peak_mb']:7.1f} MB "
        f"x{result['seconds'] / baseline['seconds']:.1f} wall "
        f"x{result['cpu'] / baseline['cpu']:.1f} cpu"
    )
    if "summary" in result:
        print(f"{'':<30} {result['summary']}")


def postgres_database(server_url: str):
    from sqlalchemy import create_engine
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    server = make_url(server_url)
    if server.drivername in ("postgresql", "postgres"):
        server = server.set(drivername="postgresql+psycopg")
    name = f"gw_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        kind, *rest = args.phase
        if kind == "modules":
            result = phase_modules()
        elif kind == "baseline":
            result = phase_baseline(*rest)
        else:
            result = phase_import(rest[0], rest[1], upgrade=kind == "fresh")
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "products.csv"
        start = time.perf_counter()
        generate(path, args.rows)
        size = path.stat().st_size / 2**20
        print(
            f"generated {args.rows:,} rows, {size:.0f} MiB in {time.perf_counter() - start:.1f} s"
        )
        baseline = run_phase("baseline", str(path))
        show("baseline: csv + Decimal", baseline, baseline)
        show("modules loaded, no rows", run_phase("modules"), baseline)
        sqlite = f"sqlite:///{folder}/bench.sqlite3"
        show("sqlite: import (insert)", run_phase("fresh", str(path), sqlite), baseline)
        show("sqlite: again (unchanged)", run_phase("again", str(path), sqlite), baseline)
        server = os.environ.get("GATEWAY_TEST_DATABASE_URL")
        if server:
            url, drop = postgres_database(server)
            try:
                show("postgresql: import (insert)", run_phase("fresh", str(path), url), baseline)
                show("postgresql: again (unchanged)", run_phase("again", str(path), url), baseline)
            finally:
                drop()


if __name__ == "__main__":
    main()
