"""Round trip for every message kind: object -> bytes -> equal object; bytes validate strictly."""

from dataclasses import replace

from lxml import etree

from cxml import Description
from cxml import Shipping
from cxml import Tax
from cxml import build_cxml
from cxml import parse_cxml
from cxml import validate_cxml


def test_build_then_parse_gives_an_equal_object(samples, document_name):
    document = samples.ALL_DOCUMENTS[document_name]
    data = build_cxml(document)
    assert parse_cxml(data, mode="strict") == document


def test_built_bytes_validate_strictly(samples, document_name):
    validate_cxml(build_cxml(samples.ALL_DOCUMENTS[document_name]), mode="strict")


def test_building_twice_gives_the_same_canonical_xml(samples, document_name):
    data = build_cxml(samples.ALL_DOCUMENTS[document_name])
    again = build_cxml(parse_cxml(data))
    assert etree.canonicalize(etree.fromstring(data)) == etree.canonicalize(etree.fromstring(again))


def test_order_lines_keep_their_own_parts_with_or_without_item_detail(samples):
    charge = samples.eur("1.00")
    line = replace(
        samples.item_out(1),
        item_detail=None,
        shipping=Shipping(money=charge, description=Description(text="Express")),
        tax=Tax(money=charge, description=Description(text="VAT")),
    )
    order = replace(samples.order_request(1), items=(line, samples.item_out(2)))
    document = samples.request(order)
    assert parse_cxml(build_cxml(document), mode=None) == document
