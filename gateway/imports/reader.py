"""Reading a back-office file row by row, whatever its format, in constant memory.

Strategy: the format is told from the first bytes (an XLSX file is a ZIP archive, `PK\\3\\4`),
never from the file name. CSV is UTF-8 with or without a byte-order mark; its separator, `,` or
`;`, is the one the header line holds more of (header names contain neither). XLSX is read from its
first worksheet with openpyxl in read-only mode, its XML entities refused, never expanded
(catalog_export.workbook). Every cell comes out as stripped text, so one set of value rules
serves both formats (an XLSX number as typed: a percentage as Excel shows it, `10%`, never as
the 0.1 it stores); rows count as a spreadsheet shows them (the header is row 1) and wholly
empty rows are skipped.
"""

import abc
import csv
import datetime
import decimal
import pathlib
import re
from collections.abc import Iterator

from catalog_export.workbook import OPEN_ERRORS
from catalog_export.workbook import XML_ERRORS
from catalog_export.workbook import workbook_problem
from gateway.imports.errors import UnreadableFile

ZIP_MAGIC = b"PK\x03\x04"
UTF8_BOM = b"\xef\xbb\xbf"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an Excel 97-2003 .xls (and .doc...)
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
SEPARATORS = (",", ";")
# In a number format: quoted text, an escaped character, a [colour] or [$currency] block.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_FORMAT_DECIMALS = re.compile(r"\.([0#?]+)")
_ANY_FLOAT_DIGITS = 400  # a float has at most 309 integer digits; a format asks a few places


class Source(abc.ABC):
    """An open import file: its header, its rows, and how far reading has got."""

    def __init__(self, path: str | pathlib.Path) -> None:
        self.path = pathlib.Path(path)
        self.name = self.path.name
        self.separator = ""
        self.header: list[str] = []
        self._close = lambda: None

    @property
    def decimal_comma(self) -> bool:
        """`12,50` reads as 12.50 in `;`-separated files only (the spreadsheet export of locales
        that write a decimal comma); everywhere else the decimal point is `.`."""
        return self.separator == ";"

    def __enter__(self) -> "Source":
        return self

    def __exit__(self, *_exc) -> None:
        self._close()

    @abc.abstractmethod
    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(row number, cells) for every data row, the header being row 1."""

    @abc.abstractmethod
    def done(self) -> int:
        """Progress so far, in units of `total`."""

    total = 0


def open_source(path: str | pathlib.Path) -> Source:
    """Open a CSV or XLSX import file and read its header row."""
    path = pathlib.Path(path)
    try:
        with path.open("rb") as probe:
            magic = probe.read(4)
    except OSError as exc:
        raise UnreadableFile(f"{path.name}: {exc.strerror or exc}") from exc
    source = XlsxSource(path) if magic == ZIP_MAGIC else CsvSource(path)
    if not any(source.header):
        source._close()
        raise UnreadableFile(f"{source.name}: the file has no header row")
    return source


class CsvSource(Source):
    def __init__(self, path: pathlib.Path) -> None:
        super().__init__(path)
        self._binary = path.open("rb")
        self._close = self._binary.close
        self.total = path.stat().st_size
        if problem := _not_utf8_text(self._binary.read(8)):
            self._close()
            raise UnreadableFile(f"{self.name}: {problem}")
        self._binary.seek(0)
        first = self._binary.readline().removeprefix(UTF8_BOM)
        self.separator = max(SEPARATORS, key=lambda sep: first.count(sep.encode()))
        self._binary.seek(0)
        reader = csv.reader(self._lines(), delimiter=self.separator, strict=True)
        self._records = enumerate(reader, 1)
        try:
            self.header = next(self._read(), (1, []))[1]
        except UnreadableFile:
            self._close()
            raise
        while self.header and not self.header[-1]:  # `;;` that Excel writes, as in XLSX
            self.header.pop()

    def _lines(self) -> Iterator[str]:
        """The file's lines decoded one by one, so that a bad byte is named by its line."""
        for number, line in enumerate(self._binary, 1):
            nul = line.find(b"\0")  # PostgreSQL refuses a text holding one; SQLite keeps it
            if nul >= 0:
                raise UnreadableFile(
                    f"{self.name}: line {number} holds a NUL character (U+0000) at byte {nul + 1}"
                )
            try:
                yield line.decode("utf-8").removeprefix("\ufeff" if number == 1 else "")
            except UnicodeDecodeError as exc:
                raise UnreadableFile(
                    f"{self.name}: line {number} is not UTF-8 text (byte {exc.start + 1})"
                ) from exc

    def _read(self) -> Iterator[tuple[int, list[str]]]:
        number = 1
        try:
            for number, record in self._records:
                yield number, [cell.strip() for cell in record]
        except csv.Error as exc:
            raise UnreadableFile(f"{self.name}: row {number + 1}: {exc}") from exc

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        for number, cells in self._read():
            if any(cells):
                yield number, cells

    def done(self) -> int:
        return self._binary.tell() if not self._binary.closed else self.total


def _not_utf8_text(head: bytes) -> str | None:
    """What a file that is surely no UTF-8 text is, and how to save it instead: its first NUL
    byte would otherwise be named, which says neither."""
    if head.startswith(OLE2_MAGIC):
        return "an Excel 97-2003 .xls workbook; save it as XLSX"
    alternate = len(head) >= 4 and (
        (head[1] == head[3] == 0 and head[0] and head[2])  # UTF-16LE without a BOM: `s\0k\0`
        or (head[0] == head[2] == 0 and head[1] and head[3])  # UTF-16BE: `\0s\0k`
    )
    if head.startswith(UTF16_BOMS) or alternate:
        return "UTF-16 text; save it as CSV UTF-8 or XLSX"
    return None


class XlsxSource(Source):
    def __init__(self, path: pathlib.Path) -> None:
        import openpyxl

        super().__init__(path)
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except OPEN_ERRORS as exc:
            raise self._unreadable(exc) from exc
        self._close = book.close
        sheet = book.worksheets[0]
        self.total = sheet.max_row or 0
        self._done = 0
        self._records = self._parsed(enumerate(sheet.iter_rows(), 1))
        try:
            header = next(self._records, (1, ()))[1]
        except UnreadableFile:
            self._close()
            raise
        self.header = [cell_text(cell.value) for cell in header]
        while self.header and not self.header[-1]:
            self.header.pop()

    def _unreadable(self, exc: BaseException) -> UnreadableFile:
        return UnreadableFile(f"{self.name}: not a readable workbook: {workbook_problem(exc)}")

    def _parsed(self, records: Iterator) -> Iterator:
        """`records`, a sheet's XML refused or broken off (read-only mode parses the sheet as
        its rows are read) ending them with UnreadableFile."""
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except XML_ERRORS as exc:
                raise self._unreadable(exc) from exc
            yield record

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Rows padded to the header's width: XLSX stores no empty cell, and without a sheet
        dimension openpyxl ends a row at its last value, so its missing cells are empty ones
        (in CSV they are a fault the runner refuses)."""
        width = len(self.header)
        for number, record in self._records:
            self._done = number
            cells = [cell_text(cell.value, cell.number_format) for cell in record]
            if any(cells):
                yield number, cells + [""] * (width - len(cells))

    def done(self) -> int:
        return self._done


def cell_text(value: object, number_format: str | None = None) -> str:
    """An XLSX cell as the text a CSV export would hold. Numbers are stored as binary floats in
    XLSX; the shortest text that reads back as the same float (repr) is what was typed, unless
    a percent format shows it a hundred times larger (`10%` typed is 0.1 stored)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float) and (shown := _percent_text(value, number_format)):
        return shown
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime.datetime):
        midnight = value.time() == datetime.time()
        return value.date().isoformat() if midnight else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _percent_text(value: int | float, number_format: str | None) -> str | None:
    """The text Excel shows for a number under a percent format (0.1 under `0%` is `10%`), or
    None when the format's first section has no `%` outside literal text (`0.0" %"` shows
    12.5 as `12.5 %`: the number is as typed). Rounded half away from zero, as Excel does."""
    if not number_format or "%" not in number_format:
        return None
    section = _FORMAT_LITERALS.sub("", number_format.split(";")[0])
    if "%" not in section:
        return None
    places = len(decimals[1]) if (decimals := _FORMAT_DECIMALS.search(section)) else 0
    with decimal.localcontext(prec=_ANY_FLOAT_DIGITS):
        shown = (decimal.Decimal(repr(value)) * 100).quantize(
            decimal.Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP
        )
    return f"{shown}%"
