"""Writing cXML as text: escaping exactly as lxml serialises, and elements into a list of str.

The writers of every message module append to one list that build_cxml joins and encodes,
because building an lxml tree only to serialise it cost several times the parse of the same
document. The output is byte for byte what lxml wrote (tests/cxml/test_build_bytes.py), and a
string lxml would refuse is refused with the same exception and message.
"""

from __future__ import annotations

import re

# What lxml writes differently from the character itself, in text and in attribute values,
# and what it refuses outright (XML 1.0 Char: no C0 controls but TAB, LF, CR; no U+FFFE/FFFF;
# lone surrogates fail as UTF-8). Found by serialising every code point with lxml 6.
_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR_SPECIAL = re.compile('[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_REFUSED = (
    "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"
)


def _refuse_non_xml(value: str) -> None:
    """Raise what lxml raises for a string it cannot store: UnicodeEncodeError, then ValueError."""
    value.encode("utf-8")
    if _NOT_XML.search(value):
        raise ValueError(_REFUSED)


def escape(value: str) -> str:
    """Text content as lxml serialises it: &, <, > and CR escaped."""
    if _TEXT_SPECIAL.search(value) is None:
        return value
    _refuse_non_xml(value)
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def attr(name: str, value: str | None) -> str:
    """` name="value"` as lxml serialises it (&, <, >, ", TAB, LF, CR escaped); "" for None."""
    if value is None:
        return ""
    if _ATTR_SPECIAL.search(value) is not None:
        _refuse_non_xml(value)
        value = (
            value.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace('"', "&quot;")
            .replace("\t", "&#9;")
            .replace("\n", "&#10;")
            .replace("\r", "&#13;")
        )
    return f' {name}="{value}"'


def lang(value: str | None) -> str:
    """The xml:lang attribute, or "" for None."""
    return attr("xml:lang", value)


def leaf(out: list[str], tag: str, content: str | None, attrs: str = "") -> None:
    """An element without children: `<tag/>` for None, else `<tag>content</tag>`."""
    if content is None:
        out.append(f"<{tag}{attrs}/>")
    else:
        out.append(f"<{tag}{attrs}>{escape(content)}</{tag}>")


def start(out: list[str], tag: str, attrs: str = "") -> int:
    """Open an element whose children are all optional; end() closes it."""
    out.append(f"<{tag}{attrs}>")
    return len(out)


def end(out: list[str], tag: str, mark: int) -> None:
    """Close what start() opened: `<tag/>` when nothing was written inside it."""
    if len(out) == mark:
        out[-1] = out[-1][:-1] + "/>"
    else:
        out.append(f"</{tag}>")
