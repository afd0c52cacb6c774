"""Order receipt benchmark (issue 7): POST /cxml OrderRequests of 20 lines through the real
gateway under gunicorn on 127.0.0.1 (authenticate, validate against the demo catalog and
contracts, store exactly once, queue for the back office, answer after commit), next to a bare
Flask endpoint that only parses the same body with lxml, one after the other in the same run with
the same server settings. Prints orders per second for both, the ratio, and p50/p99 latency.

    python bench/bench_orders.py [--seconds 10] [--connections 8] [--workers 2]
                                 [--database-url postgresql+psycopg://.../empty_db]

The demo data set is loaded first: into a SQLite file in a temporary folder, or into the empty
database --database-url names (PostgreSQL shows what several workers do without SQLite's
single writer).

Load comes from wrk (Debian package `wrk`); its Lua script gives every request a payloadID and
orderID of its own, so each one is a new order and none is answered from the repeat path. A load
counts only with wrk's connections spread evenly over the workers (wrk_load.EvenSpread), and is
started again otherwise; each line shows the split.
"""

import argparse
import datetime
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal

import requests
from wrk_load import SPREAD_TRIES
from wrk_load import EvenSpread
from wrk_load import free_port
from wrk_load import run_wrk
from wrk_load import wait_ready

from cxml.address import Address
from cxml.address import PostalAddress
from cxml.document import build_cxml
from cxml.envelope import Credential
from cxml.envelope import CXml
from cxml.envelope import Header
from cxml.envelope import Party
from cxml.envelope import Request
from cxml.envelope import Sender
from cxml.items import ItemDetail
from cxml.items import ItemID
from cxml.items import ItemOut
from cxml.order import OrderRequest
from cxml.values import Classification
from cxml.values import Description
from cxml.values import Money
from gateway.catalog import entity_by_code
from gateway.catalog import load_price_book
from gateway.catalog import stream_products
from gateway.db import Database

BIN = pathlib.Path(sys.executable).parent
HERE = pathlib.Path(__file__).resolve().parent
IDENTITY, SECRET, ENTITY = "AN01000000042", "demo-ariba-secret", "DEMO-DE"
MARK = "BENCHID"  # replaced per request by the Lua script


def twenty_lines(database_url: str) -> list[ItemOut]:
    """20 products the demo Ariba partner's entity may buy, at its contract prices today."""
    database = Database(database_url)
    with database.transaction() as session:
        entity = entity_by_code(session, ENTITY)
        book = load_price_book(session, entity, datetime.date.today())
        items = []
        for product in stream_products(session, "en"):
            quantity = Decimal(1 + len(items) % 4)
            quote = book.quote(product.value, quantity)
            if quote.offered:
                items.append(_item(len(items) + 1, product, quantity, quote.unit_price))
            if len(items) == 20:
                break
    database.dispose()
    return items


def _item(number, product, quantity, price) -> ItemOut:
    return ItemOut(
        quantity=quantity,
        line_number=number,
        item_id=ItemID(supplier_part_id=product.sku),
        item_detail=ItemDetail(
            unit_price=Money(amount=price.amount, currency=price.currency),
            descriptions=(Description(text=product.description or product.sku, lang="de"),),
            unit_of_measure=product.unit,
            classifications=(Classification(domain="UNSPSC", code=product.unspsc or "0"),),
        ),
    )


def order_body(items: list[ItemOut]) -> bytes:
    address = Address(
        name="Demo GmbH Wareneingang",
        postal_address=PostalAddress(
            street=("Hauptstraße 1",), city="München", country="Deutschland", iso_country_code="DE"
        ),
    )
    currency = items[0].item_detail.unit_price.currency
    total = sum((i.item_detail.unit_price.amount * i.quantity for i in items), Decimal(0))
    moment = datetime.datetime.now(datetime.UTC)
    order = OrderRequest(
        order_id=f"PO-{MARK}",
        order_date=moment,
        total=Money(amount=total, currency=currency),
        ship_to=address,
        bill_to=address,
        items=tuple(items),
    )
    credential = Credential(domain="NetworkID", identity=IDENTITY)
    header = Header(
        from_=Party(credentials=(credential,)),
        to=Party(credentials=(Credential(domain="NetworkID", identity="GATEWAY"),)),
        sender=Sender(
            credentials=(Credential(domain="NetworkID", identity=IDENTITY, shared_secret=SECRET),),
            user_agent="Benchmark",
        ),
    )
    document = CXml(
        payload_id=f"{MARK}@bench", timestamp=moment, header=header, body=Request(content=order)
    )
    return build_cxml(document)


LUA = """
local f = io.open("{body}", "rb")
local template = f:read("*a")
f:close()
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("prefix", "{run}-" .. threads)
end
local counter = 0
function request()
  counter = counter + 1
  local body = template:gsub("{mark}", prefix .. "-" .. counter)
  return wrk.format("POST", nil, {{["Content-Type"] = "text/xml; charset=UTF-8"}}, body)
end
"""


def evenly_spread_load(name: str, url: str, body: pathlib.Path, work, run: int, args) -> dict:
    """wrk's figures, from a load whose connections are spread evenly over the workers
    (wrk_load.EvenSpread); each start has order ids of its own, so none is a repeat."""
    spread = EvenSpread(int(url.rsplit(":", 1)[1].split("/")[0]), args.workers, args.connections)
    for attempt in range(SPREAD_TRIES):
        script = work / f"orders-{run}-{attempt}.lua"
        script.write_text(LUA.format(body=body, run=f"r{run}a{attempt}", mark=MARK))
        figures = run_wrk(url, script, args.seconds, args.connections, accept=spread)
        if figures is not None:
            figures["split"] = str(spread)
            return figures
        print(f"{name:20s} connections spread {spread}: started again")
    raise SystemExit(f"{name}: wrk's connections were not spread evenly in {SPREAD_TRIES} tries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default="", help="An empty database to load the demo in.")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    work = pathlib.Path(tempfile.mkdtemp(prefix="bench-orders-"))
    database_url = args.database_url or f"sqlite:///{work / 'gateway.sqlite3'}"
    env = dict(os.environ, GATEWAY_INSTANCE_PATH=str(work), GATEWAY_DATABASE_URL=database_url)
    subprocess.run([BIN / "gateway", "db", "upgrade"], env=env, check=True, capture_output=True)
    subprocess.run([BIN / "gateway", "demo"], env=env, check=True, capture_output=True)
    body = work / "order.xml"
    body.write_bytes(order_body(twenty_lines(database_url)))
    results = {}
    servers = {
        "bare lxml endpoint": [
            *(BIN / "gunicorn", "--chdir", str(HERE), "-w", str(args.workers)),
            *("-k", "gthread", "--threads", "4", "bare_endpoint:app"),
        ],
        # neither server writes an access log (the bare endpoint has none)
        "gateway orders": [
            *(BIN / "gateway", "serve", "--workers", str(args.workers), "--no-access-log"),
        ],
    }
    for run, (name, command) in enumerate(servers.items()):
        port = free_port()
        bind = (
            ["-b", f"127.0.0.1:{port}"] if "gunicorn" in str(command[0]) else ["--port", str(port)]
        )
        server = subprocess.Popen(
            [*command, *bind], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            url = f"http://127.0.0.1:{port}/cxml"
            wait_ready(f"http://127.0.0.1:{port}/healthz")
            probe = body.read_bytes().replace(MARK.encode(), f"probe-{run}".encode())
            answer = requests.post(
                url, data=probe, headers={"Content-Type": "text/xml"}, timeout=30
            )
            assert b'code="200"' in answer.content, answer.content[:800]
            results[name] = evenly_spread_load(name, url, body, work, run, args)
        finally:
            server.terminate()
            server.wait(timeout=30)
    for name, figures in results.items():
        print(
            f"{name:20s} {figures['rps']:>9,.1f} orders/s  p50 {figures['p50']:>8}  "
            f"p99 {figures['p99']:>8}  non-2xx {figures['errors']}  split {figures['split']}"
        )
    ratio = results["gateway orders"]["rps"] / results["bare lxml endpoint"]["rps"]
    backend = database_url.split(":", 1)[0]
    print(
        f"ratio gateway / bare: {ratio:.3f}"
        f" (20-line OrderRequest, {args.workers} workers, {backend})"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
