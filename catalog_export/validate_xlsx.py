"""Validation of an Excel catalog: the columns and rules of CIF, cell by cell.

Strategy: the workbook is read in openpyxl's read-only mode, row by row. The catalog sheet's
header row names the columns (CIF 3.0 field names, formats.md 3.6); each row is then checked
like a CIF row: required cells filled, prices numbers with at most 4 decimals, lead time whole
days, tier pairs numeric, supplier part ids unique. The Export sheet's item count must match.
A file that is no workbook (cut short, a ZIP of something else, a damaged part) is
UnreadableCatalog, whether openpyxl notices on opening or on reading a row.
"""

import decimal
import re
import zipfile
import zlib
from typing import BinaryIO

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from catalog_export.errors import UnreadableCatalog
from catalog_export.report import ProblemCollector
from catalog_export.report import ValidationReport
from catalog_export.workbook import OPEN_ERRORS
from catalog_export.workbook import workbook_problem
from catalog_export.xlsx import CATALOG_SHEET
from catalog_export.xlsx import EXPORT_SHEET

__all__ = ["XLSX_REQUIRED_COLUMNS", "validate_xlsx"]

XLSX_REQUIRED_COLUMNS = ("Supplier Part ID", "Short Name", "SPSC Code", "Unit of Measure",
                         "Unit Price")  # fmt: skip
_TIER = re.compile(r"Tier [0-9]+ (Min Quantity|Unit Price)")
_NUMBER_TYPES = (int, float, decimal.Decimal)
# what openpyxl raises for a damaged workbook: the ZIP (cut short, no [Content_Types].xml or
# sheet part, a bad CRC), a part's XML (cut short, not XML), a workbook without a sheet
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, LookupError, ValueError, SyntaxError,
            InvalidFileException)  # fmt: skip


def _place(index: int, name: str) -> str:
    return f"{get_column_letter(index + 1)} ({name})"


def _check_number(found, value, name, index, number, *, whole=False) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool) or not isinstance(value, _NUMBER_TYPES):
        found.error("number-format", f"{name} is not a number: {value!r}", number,
                    _place(index, name))  # fmt: skip
        return
    if value < 0 or (whole and value != int(value)):
        kind = "whole days" if whole else "a number >= 0"
        found.error("number-format", f"{name} is not {kind}: {value!r}", number,
                    _place(index, name))  # fmt: skip
        return
    exponent = decimal.Decimal(str(value)).as_tuple().exponent
    if -exponent > 4:
        found.error("number-decimals", f"{name} has over 4 decimals: {value}", number,
                    _place(index, name))  # fmt: skip


def _check_row(found, names, values, number, seen) -> None:
    row = dict(zip(names, values, strict=False))
    for name in XLSX_REQUIRED_COLUMNS:
        if name in names and row.get(name) in (None, ""):
            found.error("required-empty", f"{name} is empty", number,
                        _place(names.index(name), name))  # fmt: skip
    for index, name in enumerate(names):
        if name == "Unit Price" or _TIER.fullmatch(name or ""):
            _check_number(found, row.get(name), name, index, number)
        elif name == "Lead Time":
            _check_number(found, row.get(name), name, index, number, whole=True)
    key = str(row.get("Supplier Part ID")), str(row.get("Supplier Part Auxiliary ID"))
    first = seen.setdefault(key, number)
    if first != number:
        found.error("duplicate-item", f"Supplier Part ID {key[0]!r} already on row {first}",
                    number)  # fmt: skip


def _stated_count(workbook) -> int | None:
    if EXPORT_SHEET not in workbook.sheetnames:
        return None
    for row in workbook[EXPORT_SHEET].iter_rows(values_only=True):
        if row and row[0] == "Items" and isinstance(row[1], int):
            return row[1]
    return None


def validate_xlsx(stream: BinaryIO) -> ValidationReport:
    """Check an Excel catalog read from a binary stream; every problem with its row.
    UnreadableCatalog when it is no workbook, a damaged one, or its XML is refused
    (catalog_export.workbook)."""
    found = ProblemCollector()
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
        try:  # read-only mode parses a sheet as its rows are read
            count = _check_workbook(workbook, found)
        finally:
            workbook.close()
    except (*_DAMAGED, *OPEN_ERRORS) as exc:
        raise _unreadable(exc) from exc
    return found.report("xlsx", count)


def _unreadable(exc: BaseException) -> UnreadableCatalog:
    return UnreadableCatalog(f"not a readable workbook: {workbook_problem(exc)}")


def _check_workbook(workbook, found: ProblemCollector) -> int:
    name = CATALOG_SHEET if CATALOG_SHEET in workbook.sheetnames else workbook.sheetnames[0]
    rows = workbook[name].iter_rows(values_only=True)
    names = [str(value).strip() if value is not None else "" for value in next(rows, ())]
    for required in XLSX_REQUIRED_COLUMNS:
        if required not in names:
            found.error("missing-field", f"no {required!r} column", 1, required)
    count, seen = 0, {}
    for number, values in enumerate(rows, start=2):
        if all(value in (None, "") for value in values):
            continue
        count += 1
        _check_row(found, names, values, number, seen)
    stated = _stated_count(workbook)
    if stated is None:
        found.warning("itemcount-missing", f"no item count on an {EXPORT_SHEET!r} sheet")
    elif stated != count:
        found.error("itemcount-mismatch", f"{EXPORT_SHEET} sheet says {stated} items, "
                    f"the catalog sheet has {count}")  # fmt: skip
    return count
