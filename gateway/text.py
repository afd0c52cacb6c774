"""Text as buyers search and read it (`fold` sets letter case and accents aside), and whole
numbers as they type them in URLs and forms (`whole_number`)."""

import re
import unicodedata

# What NFKD splits off a Latin letter's accents (é -> e + U+0301): the Combining Diacritical Marks
_MARKS = re.compile("[\u0300-\u036f]+")


def fold(text: str) -> str:
    """`text` with letter case and accents set aside ("Écran" -> "ecran", "Mäuse" -> "mause",
    "Straße" -> "strasse"): what searches compare, and the key names are sorted by. The same
    on every database (SQLite's lower() leaves every non-ASCII letter as it is). About 0.2 µs
    for ASCII text, a few µs otherwise."""
    if text.isascii():
        return text.lower()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def whole_number(text: str, low: int, high: int) -> int | None:
    """`text` as a whole number from `low` to `high` (0 <= low), or None: not ASCII digits
    ("²" is a digit to `str.isdigit`, not to `int`), or out of range, decided on the count of
    digits first (Python refuses to read more than 4,300 of them, with a ValueError)."""
    if not (text.isascii() and text.isdigit()):
        return None
    digits = text.lstrip("0") or "0"
    if len(digits) > len(str(high)):
        return None
    number = int(digits)
    return number if low <= number <= high else None
