"""CIF 3.0 validation (formats.md section 3): header, rows, counts, charset, number formats.

Strategy: the file streams past line by line as bytes, so any size validates in flat memory
(plus one short hash per item for the duplicate check). Header lines are ASCII; every line
after CHARSET is decoded strictly in the declared charset, and a byte that does not decode is
an error at its line and byte column. Rows are split as CSV (`,` separator, `"` quotes doubled,
formats.md 3.3); a quoted field that runs over a line break is joined with the next line and
warned about. Errors are what a buyer's loader refuses; warnings are habits of real CIF tools
that loaders take (formats.md 3.1: tab or `:,` after a header key, Java charset names, short
TIMESTAMP forms; LF line ends; spaces after the commas of FIELDNAMES).
"""

import csv
import datetime
import hashlib
import re
from typing import BinaryIO

from catalog_export.charsets import JAVA_CHARSET_NAMES
from catalog_export.charsets import codec_for_charset
from catalog_export.errors import UnsupportedCharset
from catalog_export.report import ProblemCollector
from catalog_export.report import ValidationReport

__all__ = ["CIF_REQUIRED_FIELDS", "validate_cif"]

# Required in every row (formats.md 3.2); deletion rows need only the keys.
CIF_REQUIRED_FIELDS = (
    "Supplier ID",
    "Supplier Part ID",
    "Item Description",
    "SPSC Code",
    "Unit Price",
    "Unit of Measure",
)
_KEY_FIELDS = ("Supplier ID", "Supplier Part ID")
_PRICE_FIELDS = ("Unit Price", "Market Price")
_BOOLEAN_FIELDS = ("PunchOut Enabled", "Delete", "IsPartial", "IsInternalPartId", "InKitOnly")
_KNOWN_FIELDS = (
    *CIF_REQUIRED_FIELDS, "Manufacturer Part ID", "Lead Time", "Manufacturer Name",
    "Supplier URL", "Manufacturer URL", "Market Price", "Currency", "Short Name", "Language",
    "Supplier Part Auxiliary ID", "PunchOut Enabled", "PunchoutLevel", "Expiration Date",
    "Effective Date", "Classification Codes", "Territory Available", "Parametric Name",
    "Parametric Data", "IsPartial", "IsInternalPartId", "Delete", "Image", "Thumbnail",
    "InKitOnly", "DefaultRelevance", "Price Unit Quantity", "Price Unit", "Unit Conversion",
    "Price Unit Quantity Description", "Promotion Rank", "Is Preferred Item", "Tier",
    "hazardousmaterials", "keyword", "green", "Units of Measure",
)  # fmt: skip
_CANONICAL = {name.lower(): name for name in _KNOWN_FIELDS}
_KNOWN_HEADERS = {
    "CHARSET", "LOADMODE", "CODEFORMAT", "CURRENCY", "SUPPLIERID_DOMAIN", "ITEMCOUNT",
    "TIMESTAMP", "UNUOM", "COMMENTS", "FIELDNAMES", "DUNS",
}  # fmt: skip
_HEADER_LINE = re.compile(r"([A-Za-z_]+)[ ]*:([ \t,]*)(.*)")
_PRICE = re.compile(r"[0-9]+(?:\.([0-9]+))?")
_INTEGER = re.compile(r"[0-9]+")
_UNIT = re.compile(r"[A-Z0-9]{2,3}")
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")
_SHORT_TIMESTAMPS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y", "%m/%d/%y %H:%M:%S",
    "%m/%d/%Y %H:%M:%S", "%Y-%m-%d %H:%M",
)  # fmt: skip
_LOAD_MODES = {"F": "F", "I": "I", "FULL": "F", "INCREMENTAL": "I"}
_MAX_PRICE_DECIMALS = 4


class _CifCheck:
    """The state of one CIF file as it streams past."""

    def __init__(self) -> None:
        self.found = ProblemCollector()
        self.codec = "utf-8"
        self.headers: dict[str, tuple[int, str]] = {}
        self.fields: list[str] = []
        self.load_mode = "F"
        self.phase = "version"
        self.rows = 0
        self.keys: dict[bytes, int] = {}
        self.line_ends = {"CRLF": 0, "LF": 0}

    # -- lines ---------------------------------------------------------------------------

    def decode(self, raw: bytes, number: int) -> str:
        if raw.endswith(b"\r\n"):
            self.line_ends["CRLF"] += 1
        elif raw.endswith(b"\n"):
            self.line_ends["LF"] += 1
        body = raw.rstrip(b"\r\n")
        try:
            return body.decode(self.codec)
        except UnicodeDecodeError as exc:
            self.found.error(
                "charset-mismatch",
                f"bytes {body[exc.start : exc.start + 4]!r} are not {self.codec} as CHARSET says",
                number,
                f"byte {exc.start + 1}",
            )
            return body.decode(self.codec, "replace")

    def line(self, text: str, number: int) -> None:
        if self.phase == "version":
            self.version(text, number)
        elif self.phase == "header":
            self.header(text, number)
        elif self.phase == "data":
            self.data(text, number)
        elif text.strip():
            self.found.warning("after-endofdata", "text after ENDOFDATA is ignored", number)

    # -- header --------------------------------------------------------------------------

    def version(self, text: str, number: int) -> None:
        if text.startswith("\ufeff"):
            self.found.warning("byte-order-mark", "byte order mark before CIF_I_V3.0", number)
            text = text[1:]
        if text.strip() != "CIF_I_V3.0":
            self.found.error("version-line", f"first line must be CIF_I_V3.0, not {text!r}", 1)
        self.phase = "header"

    def header(self, text: str, number: int) -> None:
        if text.strip() == "DATA":
            self.start_data(number)
            return
        if not text.strip():
            return
        match = _HEADER_LINE.fullmatch(text)
        if match is None:
            self.found.error("header-line", f"not a 'KEY: value' header line: {text!r}", number)
            return
        key, separator, value = match.group(1).upper(), match.group(2), match.group(3).strip()
        if "\t" in separator:
            self.found.warning("header-tab", f"tab after {key}:", number)
        if "," in separator:
            self.found.warning("header-comma", f"'{key}:,' form of a header line", number)
        if key not in _KNOWN_HEADERS:
            self.found.warning("unknown-header", f"unknown header line {key}", number)
        if key in self.headers:
            self.found.error("duplicate-header", f"{key} appears twice", number)
        self.headers[key] = (number, value)
        getattr(self, f"header_{key.lower()}", lambda value, number: None)(value, number)

    def header_charset(self, value: str, number: int) -> None:
        try:
            self.codec = codec_for_charset(value)
        except UnsupportedCharset:
            self.found.error("charset-unknown", f"unknown CHARSET {value!r}", number)
            return
        if value.upper() in JAVA_CHARSET_NAMES:
            self.found.warning("charset-java-name", f"Java charset name {value}", number)

    def header_loadmode(self, value: str, number: int) -> None:
        mode = _LOAD_MODES.get(value.upper())
        if mode is None:
            self.found.error("loadmode", f"LOADMODE is F or I, not {value!r}", number)
        elif value not in ("F", "I"):
            self.found.warning("loadmode-long", f"LOADMODE {value} (F or I is usual)", number)
        self.load_mode = mode or "F"

    def header_itemcount(self, value: str, number: int) -> None:
        if _INTEGER.fullmatch(value) is None:
            self.found.error("itemcount-format", f"ITEMCOUNT is not a count: {value!r}", number)

    def header_timestamp(self, value: str, number: int) -> None:
        if _TIMESTAMP.fullmatch(value) and _parses(value, "%Y-%m-%d %H:%M:%S"):
            return
        if any(_parses(value, form) for form in _SHORT_TIMESTAMPS):
            self.found.warning(
                "timestamp-short", f"TIMESTAMP {value!r} (YYYY-MM-DD HH:MM:SS is usual)", number
            )
        else:
            self.found.error("timestamp-format", f"TIMESTAMP is not a date: {value!r}", number)

    def header_fieldnames(self, value: str, number: int) -> None:
        names = next(csv.reader([value]), [])
        if any(name != name.strip() for name in names):
            self.found.warning("fieldnames-spaces", "spaces around FIELDNAMES commas", number)
        self.fields = [_CANONICAL.get(name.strip().lower(), name.strip()) for name in names]
        for name in self.fields:
            if name not in _KNOWN_FIELDS:
                self.found.warning("unknown-field", f"unknown field {name!r}", number, name)
        duplicates = {name for name in self.fields if self.fields.count(name) > 1}
        for name in sorted(duplicates):
            self.found.error("duplicate-field", f"field {name!r} named twice", number, name)
        for name in CIF_REQUIRED_FIELDS:
            if name not in self.fields:
                self.found.error("missing-field", f"FIELDNAMES lacks {name!r}", number, name)

    def start_data(self, number: int) -> None:
        for key in ("CHARSET", "ITEMCOUNT", "FIELDNAMES"):
            if key not in self.headers:
                severity = self.found.warning if key == "CHARSET" else self.found.error
                severity("missing-header", f"no {key} header line before DATA", number)
        if "LOADMODE" not in self.headers:
            self.found.warning("missing-header", "no LOADMODE: some loaders assume I", number)
        if "CURRENCY" not in self.headers and "Currency" not in self.fields:
            self.found.error("missing-header", "no CURRENCY header and no Currency field", number)
        self.phase = "data"

    # -- rows ----------------------------------------------------------------------------

    def data(self, text: str, number: int) -> None:
        if text.strip() == "ENDOFDATA":
            self.phase = "end"
            return
        if not text.strip():
            self.found.warning("blank-line", "blank line inside DATA is ignored", number)
            return
        self.rows += 1
        try:
            values = next(csv.reader([text], strict=True))
        except csv.Error as exc:
            self.found.error("row-quoting", f"row is not valid CSV: {exc}", number)
            return
        if self.fields and len(values) != len(self.fields):
            self.found.error(
                "field-count",
                f"{len(values)} fields where FIELDNAMES names {len(self.fields)}",
                number,
            )
            return
        self.row(dict(zip(self.fields, values, strict=True)), number)

    def row(self, row: dict[str, str], number: int) -> None:
        deleting = row.get("Delete", "").upper() == "TRUE"
        if deleting and self.load_mode == "F":
            self.found.warning("delete-in-full", "Delete=TRUE in a LOADMODE F file", number)
        for name in _KEY_FIELDS if deleting else CIF_REQUIRED_FIELDS:
            if name in row and not row[name].strip():
                self.found.error("required-empty", f"{name} is empty", number, name)
        self.values(row, number)
        self.duplicate(row, number)

    def values(self, row: dict[str, str], number: int) -> None:
        for name in _PRICE_FIELDS:
            self.price(row.get(name, ""), name, number)
        lead = row.get("Lead Time", "")
        if lead and _INTEGER.fullmatch(lead) is None:
            self.found.error("number-format", f"Lead Time is not whole days: {lead!r}", number,
                             "Lead Time")  # fmt: skip
        for name in _BOOLEAN_FIELDS:
            value = row.get(name, "")
            if value and value.upper() not in ("TRUE", "FALSE"):
                self.found.error("boolean-format", f"{name} is TRUE or FALSE: {value!r}", number,
                                 name)  # fmt: skip
        unit = row.get("Unit of Measure", "")
        if unit and _UNIT.fullmatch(unit) is None:
            self.found.warning("unit-code", f"not a UN/CEFACT unit code: {unit!r}", number,
                               "Unit of Measure")  # fmt: skip
        if len(row.get("Short Name", "")) > 50:
            self.found.warning("short-name-length", "Short Name over 50 characters", number,
                               "Short Name")  # fmt: skip

    def price(self, value: str, name: str, number: int) -> None:
        if not value:
            return
        match = _PRICE.fullmatch(value)
        if match is None:
            self.found.error("number-format", f"{name} is not a number: {value!r}", number, name)
        elif match.group(1) and len(match.group(1)) > _MAX_PRICE_DECIMALS:
            self.found.error("number-decimals", f"{name} has over 4 decimals: {value}", number,
                             name)  # fmt: skip

    def duplicate(self, row: dict[str, str], number: int) -> None:
        key = "\x1f".join(
            (row.get("Supplier Part ID", ""), row.get("Supplier Part Auxiliary ID", ""))
        ).encode("utf-8", "surrogatepass")
        digest = hashlib.blake2b(key, digest_size=12).digest()
        first = self.keys.setdefault(digest, number)
        if first != number:
            self.found.error(
                "duplicate-item",
                f"Supplier Part ID {row.get('Supplier Part ID')!r} already on line {first}",
                number,
                "Supplier Part ID",
            )

    # -- end -----------------------------------------------------------------------------

    def finish(self, last_line: int) -> ValidationReport:
        if self.phase in ("version", "header"):
            self.found.error("missing-data", "no DATA line", last_line)
        elif self.phase == "data":
            self.found.error("missing-endofdata", "no ENDOFDATA: file cut short?", last_line)
        self.check_count()
        if self.line_ends["LF"]:
            message = "lines end in LF only" if not self.line_ends["CRLF"] else "mixed line ends"
            self.found.warning("line-ends", f"{message} (CRLF is the safe choice)")
        return self.found.report("cif", self.rows)

    def check_count(self) -> None:
        number, value = self.headers.get("ITEMCOUNT", (None, ""))
        if number is not None and _INTEGER.fullmatch(value) and int(value) != self.rows:
            self.found.error(
                "itemcount-mismatch", f"ITEMCOUNT says {value}, DATA has {self.rows} rows", number
            )


def _parses(value: str, form: str) -> bool:
    try:
        datetime.datetime.strptime(value, form)
    except ValueError:
        return False
    return True


def validate_cif(stream: BinaryIO) -> ValidationReport:
    """Check a CIF 3.0 file read from a binary stream; every problem with its line."""
    check = _CifCheck()
    number = 0
    pending = ""
    pending_start = 0
    for raw in stream:
        number += 1
        text = check.decode(raw, number)
        if pending:
            text, pending = pending + "\n" + text, ""
        if check.phase == "data" and text.count('"') % 2 == 1:
            pending, pending_start = text, pending_start or number
            continue
        start = number
        if pending_start:
            check.found.warning("line-break-in-field", "quoted field spans lines", pending_start)
            start, pending_start = pending_start, 0
        check.line(text, start)
    if pending:
        check.line(pending, pending_start)
    return check.finish(number)
