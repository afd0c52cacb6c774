"""Excel writer: the workbook read back with openpyxl, cell by cell, styles included."""

import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from catalog_export import CatalogItem
from catalog_export import TierPrice
from catalog_export import validate_file
from catalog_export import write_xlsx
from catalog_export.xlsx import currency_number_format


def workbook_of(header, rows, **options):
    out = io.BytesIO()
    result = write_xlsx(header, iter(rows), out, **options)
    out.seek(0)
    return load_workbook(out), result, out


def test_catalog_sheet_reads_back_field_by_field(header, items):
    book, result, _ = workbook_of(header, items)
    assert book.sheetnames == ["Catalog", "Export"]
    sheet = book["Catalog"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:9] == (
        "Supplier Part ID",
        "Supplier Part Auxiliary ID",
        "Manufacturer Name",
        "Manufacturer Part ID",
        "Short Name",
        "Item Description",
        "SPSC Code",
        "Unit of Measure",
        "Unit Price",
    )
    assert rows[0][15:18] == ("Minimum Quantity", "Tier 1 Min Quantity", "Tier 1 Unit Price")
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Item Description"] == 'Kugelschreiber mit "Soft-Grip"\nPackung à 10 Stück'
    assert first["Unit Price"] == 4.95
    assert (first["Tier 1 Min Quantity"], first["Tier 1 Unit Price"]) == (10, 4.5)
    assert (first["Tier 2 Min Quantity"], first["Tier 2 Unit Price"]) == (50, 3.99)
    assert first["Tier 3 Min Quantity"] is None
    assert first["Contract"] == "RV-2024"
    assert first["Minimum Quantity"] is None  # from 1
    assert dict(zip(rows[0], rows[2], strict=True))["Unit Price"] == 0.0125
    last = dict(zip(rows[0], rows[4], strict=True))
    assert last["Manufacturer Name"] == "Ståhl & Søn"
    assert last["PunchOut Enabled"] == "TRUE"
    assert len(rows) == 5 and result.item_count == 4


def test_prices_are_numbers_in_the_currency_format_and_the_header_is_styled(header, items):
    book, _, _ = workbook_of(header, items)
    sheet = book["Catalog"]
    price = sheet["I2"]
    assert price.data_type == "n"
    assert price.number_format == '#,##0.00## "EUR"'
    assert sheet["R2"].number_format == '#,##0.00## "EUR"'
    assert sheet["A1"].font.bold and sheet["A1"].fill.fgColor.rgb.endswith("1F4E78")
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:X5"
    assert sheet.column_dimensions["F"].width == 60


def test_export_sheet_describes_entity_and_contracts(header, items):
    book, _, _ = workbook_of(header, items)
    rows = list(book["Export"].iter_rows(values_only=True))
    facts = {row[0]: row[1] for row in rows[:8]}
    assert facts["Billing entity"] == "ACME-DE Acme Beschaffung GmbH"
    assert facts["Prices as of"] == datetime.datetime(2024, 5, 1)
    assert facts["Items"] == 4
    assert facts["Currency"] == "EUR"
    assert rows[9] == ("Contract", "Name", "Level", "Valid from", "Valid to")
    assert rows[10] == (
        "RV-2024",
        "Rahmenvertrag 2024",
        "Gold",
        datetime.datetime(2024, 1, 1),
        datetime.datetime(2024, 12, 31),
    )
    assert rows[11] == ("IT-ZUB", "IT-Zubehör", "Silber", datetime.datetime(2024, 3, 1), None)


def test_currency_formats_follow_minor_units():
    assert currency_number_format("JPY") == '#,##0.#### "JPY"'
    assert currency_number_format("KWD") == '#,##0.000# "KWD"'


def test_item_with_more_tiers_than_columns_is_skipped(header, items):
    many = CatalogItem(
        supplier_part_id="P-MANY",
        description="many tiers",
        unspsc="44121704",
        unit_of_measure="EA",
        unit_price=Decimal("9"),
        currency="EUR",
        tier_prices=tuple(
            TierPrice(min_quantity=Decimal(n), unit_price=Decimal("8")) for n in (2, 3, 4)
        ),
    )
    book, result, out = workbook_of(header, [*items, many], tiers=2)
    assert result.skipped[0].reason == "3 price tiers, the workbook has columns for 2"
    assert book["Catalog"].max_row == 5
    out.seek(0)
    assert validate_file(out).ok


def test_written_workbook_passes_the_validator(header, items):
    _, _, out = workbook_of(header, items)
    report = validate_file(out)
    assert report.ok and report.problems == () and report.item_count == 4


def test_text_that_looks_like_a_formula_stays_text(header):
    risky = CatalogItem(
        supplier_part_id="P-EQ",
        description='=HYPERLINK("http://evil.example","click")',
        unspsc="44121704",
        unit_of_measure="EA",
        unit_price=Decimal("1"),
        currency="EUR",
    )
    book, _, _ = workbook_of(header, [risky])
    cell = book["Catalog"]["E2"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://evil.example","click")'


def test_multi_line_descriptions_wrap_and_the_sheet_prints_one_page_wide(header, items):
    book, _, _ = workbook_of(header, items)
    sheet = book["Catalog"]
    assert sheet["F2"].alignment.wrap_text and sheet["F2"].alignment.vertical == "top"
    assert not sheet["F3"].alignment.wrap_text
    assert sheet.row_dimensions[2].height == 30 and sheet.row_dimensions[3].height is None
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"


def test_both_sheets_print_on_a4_landscape_one_page_wide_with_narrow_margins(header_with, items):
    header = header_with(entity_name="Müller & Söhne")
    book, _, _ = workbook_of(header, items)
    for name, title_rows in (("Catalog", "$1:$1"), ("Export", "$10:$10")):
        sheet = book[name]
        setup = sheet.page_setup
        assert (setup.paperSize, setup.orientation) == (9, "landscape"), name  # 9: A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)  # one page wide, any length
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        margins = sheet.page_margins
        assert (margins.left, margins.right, margins.top, margins.bottom) == (
            0.25,
            0.25,
            0.75,
            0.75,
        )
        assert (margins.header, margins.footer) == (0.3, 0.3)
        # the header row (Export: the contracts' header) repeats on every printed page
        assert sheet.print_title_rows == title_rows
        assert sheet.oddFooter.left.text == "ACME-DE Müller && Söhne"  # && prints one &
        assert sheet.oddFooter.right.text == "&P / &N"
    assert book["Export"]["A10"].value == "Contract"


def test_an_item_with_a_character_a_workbook_cannot_hold_is_skipped_not_fatal(header, items):
    """A workbook is XML inside: a control character stopped the whole export mid-sheet."""
    bad = [
        CatalogItem(
            supplier_part_id=f"P-BAD{n}",
            description=text,
            unspsc="44121704",
            unit_of_measure="EA",
            unit_price=Decimal("1"),
            currency="EUR",
            **extra,
        )
        for n, (text, extra) in enumerate(
            [
                ("Kabel\x0bmit VT", {}),
                ("Kabel", {"manufacturer_name": "Acme\x01"}),
                ("Kabel", {"long_description": "lone \ud800 surrogate"}),
            ]
        )
    ]
    book, result, out = workbook_of(header, [items[0], *bad, *items[1:]])
    assert [(s.supplier_part_id, s.reason) for s in result.skipped] == [
        ("P-BAD0", "character U+000B is not allowed in XML 1.0"),
        ("P-BAD1", "character U+0001 is not allowed in XML 1.0"),
        ("P-BAD2", "character U+D800 is not allowed in XML 1.0"),
    ]
    assert result.item_count == len(items)
    assert [row[0] for row in book["Catalog"].iter_rows(min_row=2, values_only=True)] == [
        item.supplier_part_id for item in items
    ]
    out.seek(0)
    assert validate_file(out).ok


def test_short_name_and_description_are_cut_as_cif_cuts_them(header):
    """The workbook follows CIF's rules (formats.md 3.6): Short Name at most 50 characters,
    and the whole description then opens the Item Description, so nothing is lost."""
    text = "Notebook Lenovo ThinkPad E16 Gen 2, Intel Core i5-1345U, 32 GB RAM, 256 GB SSD"
    item = CatalogItem(
        supplier_part_id="NB-1",
        description=text,
        long_description="Full HD Touch, Windows 11 Pro",
        unspsc="43211503",
        unit_of_measure="C62",
        unit_price=Decimal("931.20"),
        currency="EUR",
    )
    book, _, _ = workbook_of(header, [item])
    rows = list(book["Catalog"].iter_rows(values_only=True))
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["Short Name"] == "Notebook Lenovo ThinkPad E16 Gen 2, Intel Core…"
    assert len(cells["Short Name"]) <= 50
    assert cells["Item Description"] == f"{text}\nFull HD Touch, Windows 11 Pro"
