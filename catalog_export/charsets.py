"""CIF CHARSET names (formats.md 3.1) and the Python codecs they stand for.

CIF files come from Java tools, so CHARSET often carries Java names (`8859_1`, `Cp1252`).
We write whatever name the header asks for, if we know its codec; the validator accepts the
Java names with a warning and refuses names it cannot map.
"""

from catalog_export.errors import UnsupportedCharset

__all__ = ["JAVA_CHARSET_NAMES", "codec_for_charset"]

_CODECS = {
    "UTF-8": "utf-8",
    "UTF8": "utf-8",
    "ISO-8859-1": "latin-1",
    "ISO8859_1": "latin-1",
    "8859_1": "latin-1",
    "LATIN1": "latin-1",
    "ISO-8859-15": "iso8859-15",
    "8859_15": "iso8859-15",
    "WINDOWS-1252": "cp1252",
    "CP1252": "cp1252",
    "US-ASCII": "ascii",
    "ASCII": "ascii",
}

JAVA_CHARSET_NAMES = frozenset({"UTF8", "ISO8859_1", "8859_1", "8859_15", "CP1252"})


def codec_for_charset(name: str) -> str:
    """The Python codec for a CIF CHARSET value (case-insensitive), or UnsupportedCharset."""
    try:
        return _CODECS[name.strip().upper()]
    except KeyError:
        raise UnsupportedCharset(f"unknown CIF CHARSET {name!r}") from None
