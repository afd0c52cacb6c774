"""Reading typed values out of one row's cells, collecting a (column, reason) problem for each bad
cell instead of stopping at the first, so that one pass reports everything wrong with a file.

Every cell arrives as text (XLSX numbers and dates are turned into text by the reader first), so
one set of rules serves both formats. Money and quantities become Decimal straight from that text.
"""

import dataclasses
import datetime
import decimal
import re
from collections.abc import Mapping

from catalog_export.xmltext import find_non_xml_character
from gateway.imports.codes import CURRENCIES
from gateway.text import whole_number

TRUE = frozenset({"true", "yes", "1", "y"})
FALSE = frozenset({"false", "no", "0", "n"})
LANGUAGE = re.compile(r"^[a-z]{2}(-[A-Z]{2})?$")  # ISO 639-1, optional ISO 3166 region
UNIT = re.compile(r"^[A-Z0-9]{2,3}$")  # UN/CEFACT Recommendation 20 common code
COUNTRY = re.compile(r"^[A-Z]{2}$")  # ISO 3166-1 alpha-2
# Digits are ASCII digits: `\d` and str.isdigit also take "²", "５" or Arabic-Indic digits,
# which int() refuses or Decimal() reads, and no catalog format carries.
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # ISO 8601 calendar date, extended format
_DECIMAL = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
LIST_SEPARATOR = "|"
_LIMITS = {n: decimal.Decimal(10) ** n for n in range(1, 19)}


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class RowProblem:
    """Why one row of one file cannot be imported: the row (header is row 1) and the column."""

    file: str
    row: int
    column: str
    reason: str

    def __post_init__(self) -> None:
        if self.row < 1:
            raise ValueError("row numbers start at 1 (the header)")

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.column}: {self.reason}"


class Cells:
    """One data row: typed readers over its cells that note a problem per bad cell."""

    __slots__ = ("_values", "decimal_comma", "problems", "row")

    def __init__(self, row: int, values: Mapping[str, str], *, decimal_comma: bool) -> None:
        self.row = row
        self._values = values
        self.decimal_comma = decimal_comma
        self.problems: list[tuple[str, str]] = []

    def has(self, column: str) -> bool:
        return column in self._values

    def fail(self, column: str, reason: str) -> None:
        """Note a problem; a cell read twice (a partner's entity) reports each fault once."""
        if (column, reason) not in self.problems:
            self.problems.append((column, reason))

    def text(self, column: str, *, required: bool = False, max_length: int = 200) -> str:
        value = self._values.get(column, "")
        if not value:
            if required:
                self.fail(column, "is required")
            return ""
        if len(value) > max_length:
            self.fail(column, f"is {len(value)} characters long, at most {max_length} allowed")
        self._check_characters(column, value)
        return value

    def _check_characters(self, column: str, value: str) -> None:
        """Catalogs, carts and orders are XML 1.0 documents: a text holding a character XML
        cannot carry (a control character such as U+000B) would be skipped or mangled by every
        writer later, so it is refused here, where the file can still be corrected."""
        found = find_non_xml_character(value)
        if found is not None:
            self.fail(column, f"{found}: catalogs and cXML documents cannot carry it")

    def pattern(self, column: str, pattern: re.Pattern, what: str, *, required=False) -> str:
        value = self.text(column, required=required, max_length=64)
        if value and not pattern.match(value):
            self.fail(column, f"{value!r} is not {what}")
        return value

    def choice(self, column: str, allowed: tuple[str, ...], *, default: str = "") -> str:
        value = self._values.get(column, "") or default
        if value not in allowed:
            shown = f"{value!r} is not" if value else "is required:"
            self.fail(column, f"{shown} one of {', '.join(allowed)}")
        return value

    def currency(self, column: str, *, required: bool = True) -> str:
        value = self.text(column, required=required, max_length=40)
        if value and value not in CURRENCIES:
            self.fail(column, f"{value!r} is not an ISO 4217 currency code")
        return value

    def decimal(
        self, column: str, *, places: int, digits: int = 18, required: bool = False
    ) -> decimal.Decimal | None:
        """A non-negative Decimal with at most `places` decimals and `digits` digits in all."""
        value = self.text(column, required=required, max_length=40)
        if not value:
            return None
        amount = parse_decimal(value, decimal_comma=self.decimal_comma)
        if amount is None:
            self.fail(column, f"{value!r} is not a decimal number{self._separator_hint(value)}")
        elif amount < 0:
            self.fail(column, f"{value} is negative")
        elif amount.as_tuple().exponent < -places:
            self.fail(column, f"{value} has more than {places} decimals")
        elif amount >= _LIMITS[digits - places]:
            self.fail(column, f"{value} is too large")
        else:
            return amount
        return None

    def _separator_hint(self, value: str) -> str:
        """Why a number with separators is refused: a `;` file takes a decimal comma, so
        `1.234,5` fails for its thousands separator; a `,` file takes no comma at all."""
        if self.decimal_comma:
            marks = sum(value.count(mark) for mark in ".,") > 1
            spaced = any(mark in value for mark in " '\u00a0\u202f")
            return " (write it without thousands separators)" if marks or spaced else ""
        return " (decimal comma only in ';' files)" if "," in value else ""

    def integer(self, column: str, *, maximum: int) -> int | None:
        value = self.text(column, max_length=20)
        if not value:
            return None
        number = whole_number(value, 0, maximum)
        if number is None:
            self.fail(column, f"{value!r} is not a whole number from 0 to {maximum}")
        return number

    def boolean(self, column: str, *, default: bool) -> bool:
        value = self._values.get(column, "").lower()
        if not value:
            return default
        if value in TRUE or value in FALSE:
            return value in TRUE
        self.fail(column, f"{value!r} is not true or false (also yes/no, 1/0)")
        return default

    def date(self, column: str) -> datetime.date | None:
        value = self.text(column, required=True, max_length=10)
        if not value:
            return None
        try:
            if not _DATE.match(value):
                raise ValueError(value)
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.fail(column, f"{value!r} is not an ISO 8601 date (YYYY-MM-DD)")
            return None

    def items(self, column: str, *, pattern: re.Pattern | None = None, what: str = "") -> list:
        """A `|`-separated list; empty items are dropped, order is kept, repeats are refused."""
        value = self._values.get(column, "")
        self._check_characters(column, value)
        items = [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]
        for item in items:
            if pattern is not None and not pattern.match(item):
                self.fail(column, f"{item!r} is not {what}")
        if len(set(items)) != len(items):
            self.fail(column, "names an item twice")
        return items


def parse_decimal(text: str, *, decimal_comma: bool = False) -> decimal.Decimal | None:
    """Decimal from `12.50` (or `12,50` when decimal_comma); None when it is not such a number.
    No thousands separators, no exponent, no currency sign: a price is never guessed."""
    if decimal_comma and "," in text and "." not in text:
        text = text.replace(",", ".", 1)
    if not _DECIMAL.match(text):
        return None
    return decimal.Decimal(text)
