"""BMEcat 2005 and cXML Index writers: golden files compared after canonicalisation, schema
validity, incremental Index with deletions, items the formats cannot carry."""

import io
from decimal import Decimal

import pytest
from lxml import etree

from catalog_export import CatalogItem
from catalog_export import DeletedItem
from catalog_export import validate_file
from catalog_export import write_bmecat
from catalog_export import write_cxml_index
from catalog_export.texts import shorten
from catalog_export.validate_xml import load_catalog_schema

BME = "{http://www.bmecat.org/bmecat/2005}"
SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def written(writer, header, rows) -> tuple[bytes, object]:
    out = io.BytesIO()
    result = writer(header, iter(rows), out)
    return out.getvalue(), result


def canonical(data: bytes) -> str:
    return etree.canonicalize(data.decode("utf-8"))


@pytest.mark.parametrize(
    ("writer", "golden", "xsd"),
    [
        (write_bmecat, "catalog.bmecat.xml", "bmecat_2005.xsd"),
        (write_cxml_index, "catalog.index.xml", "cxml_index.xsd"),
    ],
)
def test_matches_golden_file_and_schema(writer, golden, xsd, header, items, fixtures_dir):
    content, result = written(writer, header, items)
    assert canonical(content) == canonical((fixtures_dir / golden).read_bytes())
    assert result.item_count == 4
    schema = load_catalog_schema(xsd)
    assert schema.validate(etree.fromstring(content, SAFE)), schema.error_log
    report = validate_file(io.BytesIO(content))
    assert report.ok and report.item_count == 4, [str(p) for p in report.problems]


def test_bmecat_fields_and_tiers(header, items):
    content, _ = written(write_bmecat, header, items)
    root = etree.fromstring(content, SAFE)
    products = root.findall(f"{BME}T_NEW_CATALOG/{BME}PRODUCT")
    first = products[0]
    assert first.findtext(f"{BME}SUPPLIER_PID") == "P-1001"
    details = first.find(f"{BME}PRODUCT_DETAILS")
    assert details.findtext(f"{BME}DESCRIPTION_LONG") == (
        'Kugelschreiber mit "Soft-Grip"\nPackung à 10 Stück'
    )
    prices = [
        (p.findtext(f"{BME}LOWER_BOUND"), p.findtext(f"{BME}PRICE_AMOUNT"))
        for p in first.iter(f"{BME}PRODUCT_PRICE")
    ]
    assert prices == [("1", "4.95"), ("10", "4.50"), ("50", "3.99")]
    assert root.findtext(f"{BME}HEADER/{BME}CATALOG/{BME}LANGUAGE") == "deu"
    agreements = root.findall(f"{BME}HEADER/{BME}AGREEMENT/{BME}AGREEMENT_ID")
    assert [a.text for a in agreements] == ["RV-2024", "IT-ZUB"]
    assert products[3].findtext(f"{BME}PRODUCT_DETAILS/{BME}MANUFACTURER_NAME") == "Ståhl & Søn"


def test_cxml_index_punchout_item_and_escaping(header, items):
    content, _ = written(write_cxml_index, header, items)
    root = etree.fromstring(content, SAFE)
    assert root.get("loadmode") == "Full"
    groups = root.findall("IndexItem")
    assert [len(group) for group in groups] == [3, 1]
    punchout = groups[1].find("IndexItemPunchout/PunchoutDetail")
    assert punchout.get("punchoutLevel") == "product"
    assert punchout.findtext("URL") == "https://shop.example.com/punchout?item=P-2001&lang=de"
    assert punchout.findtext("ManufacturerPartID") == "DS-<C>"
    description = groups[0].find("IndexItemAdd/ItemDetail/Description")
    assert description.get("{http://www.w3.org/XML/1998/namespace}lang") == "de-DE"
    assert description.findtext("ShortName") == "Kugelschreiber, blau"


def test_incremental_index_groups_deletions(header_with, items):
    header = header_with(load_mode="I")
    rows = [items[0], DeletedItem(supplier_part_id="P-0999"), DeletedItem(supplier_part_id="X")]
    content, result = written(write_cxml_index, header, rows)
    root = etree.fromstring(content, SAFE)
    assert root.get("loadmode") == "Incremental"
    assert [child.tag for group in root.findall("IndexItem") for child in group] == [
        "IndexItemAdd",
        "IndexItemDelete",
        "IndexItemDelete",
    ]
    assert len(root.findall("IndexItem")) == 2
    assert result.item_count == 3
    assert validate_file(io.BytesIO(content)).ok


def test_items_the_formats_cannot_carry_are_skipped_with_reasons(header, items):
    long_id = CatalogItem(
        supplier_part_id="P-" + "9" * 40,
        description="Bell\x07",
        unspsc="44121704",
        unit_of_measure="EA",
        unit_price=Decimal("1.00"),
        currency="EUR",
    )
    _, bme = written(write_bmecat, header, [*items, long_id])
    assert bme.skipped[0].reason == "supplier_part_id is longer than BMEcat's 32 characters"
    _, index = written(write_cxml_index, header, [*items, long_id])
    assert index.skipped[0].reason == "character U+0007 is not allowed in XML 1.0"
    _, deleted = written(write_bmecat, header, [DeletedItem(supplier_part_id="P-1")])
    assert deleted.item_count == 0 and len(deleted.skipped) == 1


LONG_DESCRIPTION = (
    "Ordinateur de bureau HP Pro Mini 400 G9, Intel Core i3-14100T, 32 Go de RAM, SSD 2 To, "
    "Windows 11 Pro, garantie trois ans sur site avec intervention le jour ouvré suivant"
)


def long_text_item(**changes) -> CatalogItem:
    values = {
        "supplier_part_id": "PC-0001",
        "description": LONG_DESCRIPTION,
        "unspsc": "43211507",
        "unit_of_measure": "C62",
        "unit_price": Decimal("1047.00"),
        "currency": "EUR",
        "manufacturer_name": "Hewlett Packard Enterprise Development Company Europe",
        "image_url": "https://cdn.example.com/" + "p" * 240 + ".jpg",
        "supplier_url": "https://shop.example.com/p/PC-0001",
    }
    return CatalogItem(**{**values, **changes})


def bmecat_details(header, item) -> etree._Element:
    content, result = written(write_bmecat, header, [item])
    assert result.skipped == ()
    schema = load_catalog_schema("bmecat_2005.xsd")
    assert schema.validate(etree.fromstring(content, SAFE)), schema.error_log
    assert validate_file(io.BytesIO(content)).ok
    return etree.fromstring(content, SAFE).find(f"{BME}T_NEW_CATALOG/{BME}PRODUCT")


def test_bmecat_cuts_a_long_description_and_keeps_the_whole_text_in_the_long_one(header):
    assert len(LONG_DESCRIPTION) == 170
    product = bmecat_details(header, long_text_item())
    details = product.find(f"{BME}PRODUCT_DETAILS")
    short = details.findtext(f"{BME}DESCRIPTION_SHORT")
    assert short == LONG_DESCRIPTION[:148] + "\u2026"  # cut after "intervention"
    assert len(short) == 149
    assert details.findtext(f"{BME}DESCRIPTION_LONG") == LONG_DESCRIPTION
    assert details.findtext(f"{BME}MANUFACTURER_NAME") == (
        "Hewlett Packard Enterprise Development Company\u2026"
    )
    # the 268-character image URL does not fit MIME_SOURCE: left out, the shop URL stays
    sources = [m.findtext(f"{BME}MIME_SOURCE") for m in product.iter(f"{BME}MIME")]
    assert sources == ["https://shop.example.com/p/PC-0001"]


@pytest.mark.parametrize(
    ("long_description", "expected"),
    [
        ("Garantie 3 ans.", LONG_DESCRIPTION + "\nGarantie 3 ans."),
        ("Fiche : " + LONG_DESCRIPTION + ".", "Fiche : " + LONG_DESCRIPTION + "."),
    ],
)
def test_bmecat_long_description_joins_the_cut_description_unless_it_holds_it(
    header, long_description, expected
):
    product = bmecat_details(header, long_text_item(long_description=long_description))
    assert product.findtext(f"{BME}PRODUCT_DETAILS/{BME}DESCRIPTION_LONG") == expected


def test_bmecat_keeps_texts_that_fit_as_they_are(header):
    fits = "x" * 150
    product = bmecat_details(header, long_text_item(description=fits, manufacturer_name="HP"))
    details = product.find(f"{BME}PRODUCT_DETAILS")
    assert details.findtext(f"{BME}DESCRIPTION_SHORT") == fits
    assert details.find(f"{BME}DESCRIPTION_LONG") is None
    assert details.findtext(f"{BME}MANUFACTURER_NAME") == "HP"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Stift blau", 10, "Stift blau"),
        ("Stift blau, fein", 12, "Stift blau\u2026"),  # at the space, the comma left off
        ("Kugelschreiber", 10, "Kugelschr\u2026"),  # one word: cut where the limit falls
        ("A Kugelschreiberset", 12, "A Kugelschr\u2026"),  # the space would drop over a third
        ("Stift blau fein", 11, "Stift blau\u2026"),  # the cut falls just after a word
        (",,,,,,,,,,,,", 5, ",,,,\u2026"),
    ],
)
def test_shorten(text, limit, expected):
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


def test_validator_reports_schema_violation_with_its_line(fixtures_dir):
    broken = (fixtures_dir / "catalog.index.xml").read_bytes()
    broken = broken.replace(b"<UnitOfMeasure>C62</UnitOfMeasure>", b"")
    report = validate_file(io.BytesIO(broken))
    assert not report.ok
    (problem,) = report.errors
    assert problem.code == "schema" and problem.line == 9  # P-1002, after a two-line text
    assert "UnitOfMeasure" in problem.message


def test_validator_refuses_entities_and_never_loads_them(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("leaked")
    document = (
        f'<?xml version="1.0"?><!DOCTYPE Index [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<Index><SupplierID domain="d">&x;</SupplierID></Index>'
    ).encode()
    report = validate_file(io.BytesIO(document))
    assert [problem.code for problem in report.errors] == ["xml-dtd"]
    assert all("leaked" not in str(problem) for problem in report.problems)


def test_duplicate_part_ids_are_errors(header, items):
    content, _ = written(write_bmecat, header, [*items, items[0]])
    report = validate_file(io.BytesIO(content))
    assert [problem.code for problem in report.errors] == ["duplicate-item"]
