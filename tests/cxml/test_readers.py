"""The one-pass readers of the hottest elements read what group() and text() would read.

read_item_out, read_item_detail, read_item_id and read_description walk their children
themselves (no dicts, text() inlined for leaves); these cases hold the rules they share with
group() and text(): the first of each single tag wins, repeated tags keep their order, comments
are skipped, mixed content is read whole and surrounding whitespace is stripped.
"""

from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from cxml import Classification
from cxml import Description
from cxml import Extrinsic
from cxml import InvalidContent
from cxml import ItemID
from cxml.items import PriceBasisQuantity
from cxml.items import read_item_detail
from cxml.items import read_item_id
from cxml.items import read_item_out
from cxml.items import write_item_detail
from cxml.values import read_description

DETAIL = (
    "<ItemDetail><!-- note --><UnitPrice><Money currency='EUR'> 1.50 </Money></UnitPrice>"
    "<Description xml:lang='de'> Erste <ShortName> Kurz </ShortName></Description>"
    "<Description>Second</Description><UnitOfMeasure> EA </UnitOfMeasure>"
    "<UnitOfMeasure>BOX</UnitOfMeasure>"
    "<Classification domain='UNSPSC'>1</Classification>"
    "<Classification domain='eCl@ss'>2</Classification>"
    "<ManufacturerPartID> M<b>P</b>N </ManufacturerPartID>"
    "<ManufacturerName>Maker</ManufacturerName>"
    "<URL>https://x.example/</URL><LeadTime> 3 </LeadTime>"
    "<Extrinsic name='a'>1</Extrinsic><Extrinsic name='b'>2</Extrinsic></ItemDetail>"
)


def test_item_detail_reads_every_part_in_order():
    detail = read_item_detail(etree.fromstring(DETAIL))
    assert detail.unit_price.amount == Decimal("1.50")
    assert detail.descriptions == (
        Description(text="Erste", lang="de", short_name="Kurz"),
        Description(text="Second"),
    )
    assert detail.unit_of_measure == "EA"
    assert detail.classifications == (
        Classification(domain="UNSPSC", code="1"),
        Classification(domain="eCl@ss", code="2"),
    )
    assert (detail.manufacturer_part_id, detail.manufacturer_name) == ("MPN", "Maker")
    assert (detail.url, detail.lead_time) == ("https://x.example/", 3)
    assert detail.extrinsics == (Extrinsic(name="a", value="1"), Extrinsic(name="b", value="2"))


def test_a_price_basis_quantity_is_read_and_written_back():
    """A price per 10 pieces (formats.md 1.6): read whole, and written where the DTD puts it,
    after UnitOfMeasure."""
    xml = DETAIL.replace(
        "<UnitOfMeasure>BOX</UnitOfMeasure>",
        "<PriceBasisQuantity quantity='10' conversionFactor='1'>"
        "<UnitOfMeasure>EA</UnitOfMeasure></PriceBasisQuantity>",
    )
    detail = read_item_detail(etree.fromstring(xml))
    assert detail.price_basis == PriceBasisQuantity(
        quantity=Decimal(10), conversion_factor=Decimal(1), unit_of_measure="EA"
    )
    out: list[str] = []
    write_item_detail(out, detail)
    written = "".join(out)
    assert (
        '<UnitOfMeasure>EA</UnitOfMeasure><PriceBasisQuantity quantity="10" conversionFactor="1">'
        "<UnitOfMeasure>EA</UnitOfMeasure></PriceBasisQuantity><Classification"
    ) in written
    assert read_item_detail(etree.fromstring(written)) == detail
    for broken in ("quantity='0'", "conversionFactor='x'"):
        bad = xml.replace(
            "quantity='10'" if "quantity" in broken else "conversionFactor='1'", broken
        )
        with pytest.raises((ValueError, InvalidContent), match="PriceBasisQuantity"):
            read_item_detail(etree.fromstring(bad))


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ("<ItemID><SupplierPartID> A </SupplierPartID></ItemID>", ItemID(supplier_part_id="A")),
        (
            "<ItemID><SupplierPartID>A<x>B</x> </SupplierPartID><SupplierPartID>C</SupplierPartID>"
            "<SupplierPartAuxiliaryID> <y>c</y>1 </SupplierPartAuxiliaryID>"
            "<SupplierPartAuxiliaryID>2</SupplierPartAuxiliaryID><BuyerPartID/></ItemID>",
            ItemID(supplier_part_id="AB", supplier_part_auxiliary_id="c1", buyer_part_id=""),
        ),
        (
            "<ItemID><SupplierPartID/><SupplierPartAuxiliaryID/></ItemID>",
            None,
        ),
    ],
)
def test_item_id_reads_leaves_and_mixed_content_alike(xml, expected):
    if expected is None:
        with pytest.raises(ValueError, match="SupplierPartID"):
            read_item_id(etree.fromstring(xml))
    else:
        assert read_item_id(etree.fromstring(xml)) == expected


def test_description_without_children_is_its_stripped_text():
    assert read_description(etree.fromstring("<Description> x </Description>")) == Description(
        text="x"
    )
    assert read_description(etree.fromstring("<Description/>")) == Description(text="")


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        (
            "<Description xml:lang='en'><ShortName>Mini PC</ShortName>HP Pro Mini 400 G9"
            " desktop</Description>",
            Description(text="HP Pro Mini 400 G9 desktop", short_name="Mini PC"),
        ),
        (
            "<Description> Toner, <ShortName>Toner</ShortName>black <!-- c --></Description>",
            Description(text="Toner, black", short_name="Toner"),
        ),
        (
            "<Description><ShortName>A</ShortName><ShortName>B</ShortName> text </Description>",
            Description(text="text", short_name="A"),
        ),
    ],
)
def test_description_text_is_all_its_text_outside_short_name(xml, expected):
    """Description is (#PCDATA | ShortName)* (formats.md 1.6): text after a ShortName is the
    description's text as much as text before it."""
    assert read_description(etree.fromstring(xml)) == expected


def test_item_out_with_only_id_and_detail_equals_one_with_other_children():
    plain = (
        "<ItemOut quantity='2' lineNumber='7' requestedDeliveryDate='2024-05-10'>"
        "<ItemID><SupplierPartID>A</SupplierPartID></ItemID>" + DETAIL + "</ItemOut>"
    )
    busy = plain.replace("</ItemOut>", "<Comments>c1</Comments><Comments>c2</Comments></ItemOut>")
    first, second = read_item_out(etree.fromstring(plain)), read_item_out(etree.fromstring(busy))
    assert first.requested_delivery_date == date(2024, 5, 10)
    assert (first.line_number, first.quantity, first.comments) == (7, Decimal(2), ())
    assert [c.text for c in second.comments] == ["c1", "c2"]
    assert (second.item_id, second.item_detail) == (first.item_id, first.item_detail)


def test_item_out_checks_its_parts_in_the_same_order():
    with pytest.raises(InvalidContent, match="quantity"):
        read_item_out(etree.fromstring("<ItemOut lineNumber='x'/>"))
    with pytest.raises(InvalidContent, match="lineNumber"):
        read_item_out(etree.fromstring("<ItemOut quantity='1' lineNumber='x'/>"))
    with pytest.raises(InvalidContent, match="required element ItemID is missing"):
        read_item_out(etree.fromstring("<ItemOut quantity='1'><Comments/></ItemOut>"))
