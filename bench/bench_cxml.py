"""cXML costs next to a bare lxml.etree.fromstring of the same bytes, measured in one run.

Run: .venv/bin/python bench/bench_cxml.py
Prints, for a PunchOutSetupRequest (the Ariba fixture) and a built 100-line OrderRequest:
bare parse, hardened parse, lxml schema validation, parse+validate together, xmlschema
validation of the same tree (kept only to explain failures), the full parse_cxml (parse, strict
validation and decoding into message objects) and build_cxml, each as a ratio to the bare parse,
then one summary line: parse+validate and build against the goal of under 5x the bare parse, and
the whole decode into typed objects (parse_cxml) against the same mark.

Every step is timed once per round, the rounds interleaved so that a busy moment on a shared
machine falls on all steps alike; each step's figure is its best round, on the process's CPU
clock (steadier than the wall clock when other processes compete for the two cores).
"""

from __future__ import annotations

import os
import pathlib
import time
from datetime import UTC
from datetime import date
from datetime import datetime
from decimal import Decimal

import xmlschema
from lxml import etree

from cxml import Address
from cxml import Classification
from cxml import Credential
from cxml import CXml
from cxml import Description
from cxml import Header
from cxml import ItemDetail
from cxml import ItemID
from cxml import ItemOut
from cxml import Money
from cxml import OrderRequest
from cxml import Party
from cxml import Request
from cxml import Sender
from cxml import build_cxml
from cxml import parse_cxml
from cxml import parse_xml
from cxml.validation import _explainer
from cxml.validation import _schema_path
from cxml.validation import validate_tree

ROOT = pathlib.Path(__file__).resolve().parents[1]
SETUP = ROOT / "tests" / "fixtures" / "cxml" / "flavours" / "ariba-setup-request.xml"


def order_document(lines: int) -> CXml:
    """A realistic OrderRequest with `lines` ItemOut lines."""
    address = Address(name="Buyer Inc.", address_id="1010")
    items = tuple(
        ItemOut(
            quantity=Decimal(3),
            line_number=n,
            requested_delivery_date=date(2024, 5, 10),
            item_id=ItemID(supplier_part_id=f"SKU-{n:05d}", supplier_part_auxiliary_id=f"c-{n}"),
            item_detail=ItemDetail(
                unit_price=Money(amount=Decimal("12.50"), currency="EUR"),
                descriptions=(Description(text=f"Article {n}, black, 500 sheets"),),
                unit_of_measure="EA",
                classifications=(Classification(domain="UNSPSC", code="44103103"),),
                manufacturer_part_id=f"MPN-{n}",
                manufacturer_name="Maker",
            ),
        )
        for n in range(1, lines + 1)
    )
    credential = Credential(domain="NetworkID", identity="AN01000000001")
    return CXml(
        payload_id="1714552200000.0123456789abcdef@buyer.example",
        timestamp=datetime(2024, 5, 1, 10, 0, tzinfo=UTC),
        header=Header(
            from_=Party(credentials=(credential,)),
            to=Party(credentials=(credential,)),
            sender=Sender(credentials=(credential,), user_agent="bench"),
        ),
        body=Request(
            content=OrderRequest(
                order_id="PO-1",
                order_date=datetime(2024, 5, 1, 9, 0, tzinfo=UTC),
                total=Money(amount=Decimal("37.50") * lines, currency="EUR"),
                bill_to=address,
                ship_to=address,
                items=items,
            )
        ),
    )


GOAL = 5.0
ROUNDS = 7


def per_call(func, number: int) -> float:
    """CPU microseconds per call over `number` calls."""
    started = time.process_time()
    for _ in range(number):
        func()
    return (time.process_time() - started) / number * 1e6


def measure(label: str, data: bytes, document: CXml, number: int) -> None:
    root = parse_xml(data).root
    explainer = _explainer("strict")
    source = xmlschema.XMLResource(
        root, base_url=os.path.dirname(_schema_path("strict")), allow="sandbox", defuse="always"
    )
    steps = {
        "bare lxml.etree.fromstring": (lambda: etree.fromstring(data), number),
        "hardened parse_xml": (lambda: parse_xml(data), number),
        "lxml XMLSchema validate": (lambda: validate_tree(root), number),
        "parse+validate (parse_xml, validate)": (
            lambda: validate_tree(parse_xml(data).root),
            number,
        ),
        "xmlschema validate": (lambda: explainer.is_valid(source), max(number // 100, 2)),
        "parse_cxml (parse+validate+objects)": (lambda: parse_cxml(data), number),
        "build_cxml": (lambda: build_cxml(document), number),
    }
    best = dict.fromkeys(steps, float("inf"))
    for _ in range(ROUNDS):
        for name, (func, calls) in steps.items():
            best[name] = min(best[name], per_call(func, calls))
    bare = best["bare lxml.etree.fromstring"]
    print(f"\n{label}: {len(data)} bytes")
    print(f"  {'step':38} {'us/call':>10} {'x bare':>8}")
    for name, micros in best.items():
        print(f"  {name:38} {micros:10.1f} {micros / bare:8.2f}")
    checked = best["parse+validate (parse_xml, validate)"] / bare
    build = best["build_cxml"] / bare
    decoded = best["parse_cxml (parse+validate+objects)"] / bare
    print(
        f"  summary: parse+validate {checked:.2f}x, build {build:.2f}x the bare parse:"
        f" {_verdict(max(checked, build))} the {GOAL:g}x goal; with the typed objects"
        f" (parse_cxml) {decoded:.2f}x: {_verdict(decoded)} it"
    )


def _verdict(ratio: float) -> str:
    return "under" if ratio < GOAL else "NOT under"


def main() -> None:
    setup_bytes = SETUP.read_bytes()
    measure("PunchOutSetupRequest", setup_bytes, parse_cxml(setup_bytes), 1000)
    order = order_document(100)
    measure("OrderRequest, 100 lines", build_cxml(order), order, 60)


if __name__ == "__main__":
    main()
