"""Escaping for the XML writers (BMEcat, cXML Index), which template text instead of lxml.

lxml.etree.xmlfile measured about 15,000 items/s here for a 15-element product; templating
the same elements into strings with the escapes below runs several times faster and keeps
memory flat just the same. What lxml would refuse (characters XML 1.0 does not allow, lone
surrogates) is found before writing, so the item can be skipped with a reason.
"""

import re

__all__ = ["escape_attribute", "escape_text", "find_non_xml_character"]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT_SPECIALS = re.compile("[&<>\r]")
_ATTRIBUTE_SPECIALS = re.compile('[&<>"\r\n\t]')
_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "\r": "&#13;",
    "\n": "&#10;",
    "\t": "&#9;",
}


def _replace(match: re.Match) -> str:
    return _ESCAPES[match.group()]


def escape_text(value: str) -> str:
    """Element content: &, <, > escaped; CR kept as a character reference."""
    return _TEXT_SPECIALS.sub(_replace, value)


def escape_attribute(value: str) -> str:
    """A double-quoted attribute value: also quotes and whitespace that parsers normalise."""
    return _ATTRIBUTE_SPECIALS.sub(_replace, value)


def find_non_xml_character(*values: str) -> str | None:
    """A description of the first character XML 1.0 cannot carry, or None."""
    for value in values:
        found = _NOT_XML.search(value)
        if found:
            return f"character U+{ord(found.group()):04X} is not allowed in XML 1.0"
    return None
