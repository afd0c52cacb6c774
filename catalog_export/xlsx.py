"""Excel (.xlsx) catalog writer: a workbook an e-services colleague can send a customer.

Strategy: openpyxl in write-only mode streams each row into the sheet's XML as it is appended,
so memory stays flat whatever the catalog size. Column widths, the frozen header row and the
header styles are fixed before the first row (the sheet XML puts them first); the autofilter
range is set after the last row (the XML puts it after the data). Column names are the CIF 3.0
field names where one exists (formats.md 3.6), so the validator checks both with one table.
Prices are numbers (written from Decimal, never float) in the currency's number format; tier
prices follow as (minimum quantity, unit price) column pairs. A second sheet describes the
export and the contracts behind its prices; it is written last, when the item count is known.
Both sheets print (or turn into PDF) on A4 landscape, one page wide, header row repeated.
"""

import datetime
from collections.abc import Iterable
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment
from openpyxl.styles import Border
from openpyxl.styles import Font
from openpyxl.styles import PatternFill
from openpyxl.styles import Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from catalog_export.items import CatalogItem
from catalog_export.items import ExportHeader
from catalog_export.results import SkippedItem
from catalog_export.results import WriteResult
from catalog_export.results import check_row
from catalog_export.results import row_key
from catalog_export.texts import cif_texts
from catalog_export.xmltext import find_non_xml_character

__all__ = [
    "CATALOG_SHEET",
    "EXPORT_SHEET",
    "XLSX_COLUMNS",
    "currency_number_format",
    "tier_columns",
    "write_xlsx",
]

CATALOG_SHEET = "Catalog"
EXPORT_SHEET = "Export"
DEFAULT_TIER_COLUMNS = 4

# (column name, width in characters)
XLSX_COLUMNS = (
    ("Supplier Part ID", 18),
    ("Supplier Part Auxiliary ID", 14),
    ("Manufacturer Name", 20),
    ("Manufacturer Part ID", 20),
    ("Short Name", 40),
    ("Item Description", 60),
    ("SPSC Code", 11),
    ("Unit of Measure", 9),
    ("Unit Price", 15),
    ("Currency", 9),
    ("Lead Time", 9),
    ("Contract", 14),
    ("Supplier URL", 30),
    ("Image", 30),
    ("PunchOut Enabled", 10),
    ("Minimum Quantity", 11),  # empty: from 1
)

# ISO 4217 minor units where they are not 2.
_MINOR_UNITS = {"JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0, "VND": 0, "XOF": 0, "XAF": 0, "PYG": 0}
_MINOR_UNITS |= {"BHD": 3, "KWD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3}

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill(fill_type="solid", start_color="1F4E78", end_color="1F4E78")
_HEADER_ALIGN = Alignment(vertical="center", wrap_text=True)
_HEADER_BORDER = Border(bottom=Side(style="thin", color="000000"))
_LABEL_FONT = Font(bold=True)
_LINE_HEIGHT = 15
_MAX_ROW_LINES = 8
_WRAPPED = Alignment(vertical="top", wrap_text=True)
_LEFT = Alignment(horizontal="left")
_DATE_FORMAT = "yyyy-mm-dd"
_NARROW_MARGINS = {"left": 0.25, "right": 0.25, "top": 0.75, "bottom": 0.75}
_NARROW_MARGINS |= {"header": 0.3, "footer": 0.3}  # inches


def currency_number_format(currency: str) -> str:
    """Excel number format for prices in currency: its minor units, up to 4 decimals shown."""
    minor = _MINOR_UNITS.get(currency, 2)
    decimals = "0" * minor + "#" * (4 - minor)
    return f'#,##0{"." if decimals else ""}{decimals} "{currency}"'


def tier_columns(count: int) -> tuple[str, ...]:
    """Names of the tier price columns: a (minimum quantity, unit price) pair per tier."""
    names: list[str] = []
    for number in range(1, count + 1):
        names += [f"Tier {number} Min Quantity", f"Tier {number} Unit Price"]
    return tuple(names)


def _header_cells(sheet, names: Iterable[str]) -> list:
    cells = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment, cell.border = _HEADER_ALIGN, _HEADER_BORDER
        cells.append(cell)
    return cells


def _price_cell(sheet, value, number_format: str):
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def _text(sheet, value: str):
    """Text as text: openpyxl would store a string starting with '=' as a formula, which
    would both lose the value and let catalog data run as a formula on the buyer's desk."""
    if value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value or None


def _long_text(sheet, value: str):
    """Text with line breaks wraps, top-aligned, so the row grows instead of spilling over."""
    if "\n" not in value:
        return _text(sheet, value)
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.alignment = _WRAPPED
    return cell


_TEXT_FIELDS = (
    "supplier_part_id",
    "supplier_part_auxiliary_id",
    "manufacturer_name",
    "manufacturer_part_id",
    "description",
    "long_description",
    "contract_code",
    "supplier_url",
    "image_url",
)


def _texts(sheet, item: CatalogItem) -> list:
    """Short Name and Item Description cells, cut as CIF cuts them (the workbook follows CIF's
    rules, formats.md 3.6)."""
    short_name, description = cif_texts(item.description, item.long_description)
    return [_text(sheet, short_name), _long_text(sheet, description)]


def _item_row(sheet, item: CatalogItem, price_format: str, tiers: int) -> list:
    row = [
        _text(sheet, item.supplier_part_id),
        _text(sheet, item.supplier_part_auxiliary_id),
        _text(sheet, item.manufacturer_name),
        _text(sheet, item.manufacturer_part_id),
        *_texts(sheet, item),
        item.unspsc,
        item.unit_of_measure,
        _price_cell(sheet, item.unit_price, price_format),
        item.currency,
        item.lead_time_days,
        _text(sheet, item.contract_code),
        _text(sheet, item.supplier_url),
        _text(sheet, item.image_url),
        "TRUE" if item.punchout_level2 else "FALSE",
        item.minimum_quantity,
    ]
    for tier in item.tier_prices:
        row += [tier.min_quantity, _price_cell(sheet, tier.unit_price, price_format)]
    row += [None] * (2 * (tiers - len(item.tier_prices)))
    return row


def _append_item(sheet, index: int, cells: list) -> None:
    """Append a row; a wrapped multi-line description gets a row tall enough to show it
    (spreadsheet programs do not all grow rows on opening). The height entry is dropped once
    the row is written, so memory stays flat."""
    description = getattr(cells[5], "value", cells[5])
    if not isinstance(description, str) or "\n" not in description:
        sheet.append(cells)
        return
    lines = min(description.count("\n") + 1, _MAX_ROW_LINES)
    sheet.row_dimensions[index].height = _LINE_HEIGHT * lines
    sheet.append(cells)
    del sheet.row_dimensions[index]


def _start_catalog_sheet(workbook: Workbook, header: ExportHeader, tiers: int):
    sheet = workbook.create_sheet(CATALOG_SHEET)
    names = [name for name, _ in XLSX_COLUMNS] + list(tier_columns(tiers))
    widths = [width for _, width in XLSX_COLUMNS] + [11, 15] * tiers
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 32  # two lines of the wrapped, bold header
    _print_setup(sheet, f"{header.entity_code} {header.entity_name}")
    sheet.print_title_rows = "1:1"  # the header row on every printed page
    sheet.append(_header_cells(sheet, names))
    return sheet, len(names)


def _print_setup(sheet, title: str) -> None:
    """What a printout or a PDF of the sheet should look like: A4 landscape with narrow
    margins (Excel's "Narrow" preset), scaled to one page wide and as many pages tall as the
    rows need, the title and "page / pages" in the footer."""
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(**_NARROW_MARGINS)
    sheet.oddFooter.left.text = _footer_text(title)
    sheet.oddFooter.right.text = "&P / &N"


def _footer_text(text: str) -> str:
    """Header and footer text treats & as a code: a literal one is written &&."""
    return text.replace("&", "&&")


def _write_export_sheet(workbook: Workbook, header: ExportHeader, item_count: int) -> None:
    sheet = workbook.create_sheet(EXPORT_SHEET)
    _print_setup(sheet, f"{header.entity_code} {header.entity_name}")
    for letter, width in zip("ABCDE", (18, 48, 20, 12, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    facts = _export_facts(header, item_count)
    for label, value in facts:
        if isinstance(value, str):
            sheet.append([_label(sheet, label), _text(sheet, value)])
        else:
            sheet.append([_label(sheet, label), _dated(sheet, value)])
    sheet.append([])
    contracts_header = len(facts) + 2
    sheet.print_title_rows = f"{contracts_header}:{contracts_header}"  # on every further page
    sheet.append(_header_cells(sheet, ["Contract", "Name", "Level", "Valid from", "Valid to"]))
    for contract in header.contracts:
        sheet.append(
            [
                _text(sheet, contract.code),
                _text(sheet, contract.name),
                _text(sheet, contract.level),
                _dated(sheet, contract.valid_from),
                _dated(sheet, contract.valid_to),
            ]
        )


def _export_facts(header: ExportHeader, item_count: int) -> list[tuple[str, object]]:
    supplier = header.supplier_name or header.supplier_id
    return [
        ("Billing entity", f"{header.entity_code} {header.entity_name}"),
        ("Supplier", f"{supplier} ({header.supplier_domain} {header.supplier_id})"),
        ("Currency", header.currency),
        ("Language", header.language),
        ("Prices as of", header.as_of),
        ("Generated", header.generated_at.strftime("%Y-%m-%d %H:%M:%S %z")),
        ("Items", item_count),
        ("Comments", header.comments or None),
    ]


def _label(sheet, text: str):
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = _LABEL_FONT
    return cell


def _dated(sheet, value):
    if not isinstance(value, datetime.date | int):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.alignment = _LEFT
    if isinstance(value, datetime.date):
        cell.number_format = _DATE_FORMAT
    return cell


def write_xlsx(
    header: ExportHeader,
    rows: Iterable[CatalogItem],
    out: BinaryIO,
    *,
    tiers: int = DEFAULT_TIER_COLUMNS,
) -> WriteResult:
    """Write an Excel catalog of rows to out; items the sheet cannot carry are skipped."""
    workbook = Workbook(write_only=True)
    sheet, width = _start_catalog_sheet(workbook, header, tiers)
    price_format = currency_number_format(header.currency)
    skipped: list[SkippedItem] = []
    count = 0
    for row in rows:
        reason = check_row(header, row)
        if reason is None and not isinstance(row, CatalogItem):
            reason = "a workbook lists items; deletions go in an incremental CIF or cXML Index"
        if reason is None and len(row.tier_prices) > tiers:
            reason = f"{len(row.tier_prices)} price tiers, the workbook has columns for {tiers}"
        if reason is None:  # a workbook is XML inside: openpyxl refuses the rest, mid-sheet
            reason = find_non_xml_character(*(getattr(row, name) for name in _TEXT_FIELDS))
        if reason is not None:
            skipped.append(SkippedItem(supplier_part_id=row_key(row), reason=reason))
            continue
        _append_item(sheet, count + 2, _item_row(sheet, row, price_format, tiers))
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(width)}{count + 1}"
    _write_export_sheet(workbook, header, count)
    workbook.save(out)
    return WriteResult(item_count=count, skipped=tuple(skipped))
