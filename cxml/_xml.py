"""Small helpers shared by the readers of every message module: children, text, numbers.

Each element's children are read in one pass (firsts, group) rather than with find(), which
parses a path on every call; the caller then checks what is required (required, need_attr) in
the order the checks always ran, so a broken document gets the same first error.
"""

from __future__ import annotations

import re
from decimal import Decimal
from decimal import InvalidOperation

from lxml import etree

from cxml.errors import InvalidContent

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_CACHE_SIZE = 4096
_CACHED_TEXT = 40
_decimals: dict[str, Decimal] = {}


def where(el: etree._Element) -> str:
    """The element's path in its document, for error messages."""
    return el.getroottree().getpath(el)


def first(el: etree._Element, tag: str) -> etree._Element | None:
    """The first child named `tag`, or None.

    A plain loop: el.find parses a path and el.iterchildren(tag) builds a tag matcher, each
    costing more than walking the few children a cXML element has.
    """
    for found in el:
        if found.tag == tag:
            return found
    return None


def missing(el: etree._Element, tag: str) -> InvalidContent:
    """The error for a required child element that is absent."""
    return InvalidContent(f"{where(el)}: required element {tag} is missing")


def need(el: etree._Element, tag: str) -> etree._Element:
    """The first child named `tag`; a missing one is an InvalidContent naming the path."""
    for found in el:
        if found.tag == tag:
            return found
    raise missing(el, tag)


def firsts(el: etree._Element) -> dict[str, etree._Element]:
    """The first child of each tag, from one pass over the children."""
    found: dict[str, etree._Element] = {}
    for child in el[:]:
        tag = child.tag
        if tag not in found:
            found[tag] = child
    return found


def group(
    el: etree._Element, repeated: frozenset[str]
) -> tuple[dict[str, etree._Element], dict[str, list[etree._Element]]]:
    """The first child of each tag, and all children of the `repeated` tags, in one pass."""
    found: dict[str, etree._Element] = {}
    many: dict[str, list[etree._Element]] = {}
    for child in el[:]:
        tag = child.tag
        if tag in repeated:
            if tag in many:
                many[tag].append(child)
            else:
                many[tag] = [child]
        elif tag not in found:
            found[tag] = child
    return found, many


def required(child: etree._Element | None, el: etree._Element, tag: str) -> etree._Element:
    """`child`, the first `tag` child of `el` found by the caller; None is an InvalidContent."""
    if child is None:
        raise missing(el, tag)
    return child


def need_attr(el: etree._Element, name: str) -> str:
    """A required attribute, stripped."""
    value = el.get(name)
    if value is not None:
        value = value.strip()
        if value:
            return value
    raise InvalidContent(f"{where(el)}: required attribute {name} is missing")


def text(el: etree._Element | None) -> str:
    """All text inside an element (ANY content included), surrounding whitespace removed."""
    if el is None:
        return ""
    if len(el) == 0:
        return (el.text or "").strip()
    return "".join(el.itertext()).strip()


def text_or_none(el: etree._Element | None) -> str | None:
    """text() of an optional element, None when it is absent."""
    return None if el is None else text(el)


def opt_text(el: etree._Element, tag: str) -> str | None:
    """Text of an optional child, None when the child is absent."""
    found = first(el, tag)
    return None if found is None else text(found)


def to_decimal(value: str, el: etree._Element, what: str) -> Decimal:
    """A plain decimal number (`12.50`, `-3`); commas, exponents, NaN and Infinity are refused."""
    found = _decimals.get(value)
    if found is not None:
        return found
    cleaned = value.strip()
    if not _NUMBER.fullmatch(cleaned):
        raise InvalidContent(f"{where(el)}: {what} {value!r} is not a decimal number")
    try:
        number = Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid numbers
        raise InvalidContent(f"{where(el)}: {what} {value!r} is not a decimal number") from exc
    remember(_decimals, value, number, value)
    return number


def remember(cache: dict, key: object, value: object, text: str | None) -> None:
    """Keep a value read from `text` for the next time that text appears (bounded caches).

    Quantities, prices and dates repeat from line to line; Decimal, date and Money are
    immutable, so the same object can be handed out again. Only short texts are kept, so that
    neither a document nor a stream of them can make the caches large.
    """
    if text is None or len(text) > _CACHED_TEXT:
        return
    if len(cache) >= _CACHE_SIZE:
        cache.clear()
    cache[key] = value


def to_int(value: str, el: etree._Element, what: str) -> int:
    """A non-negative integer attribute or text such as lineNumber or LeadTime."""
    cleaned = value.strip()
    if not cleaned.isdigit() or not cleaned.isascii():
        raise InvalidContent(f"{where(el)}: {what} {value!r} is not a whole number")
    try:
        return int(cleaned)
    except ValueError:  # more digits than Python turns into a number (4,300 by default)
        raise InvalidContent(f"{where(el)}: {what} has {len(cleaned):,} digits") from None


def fmt_decimal(value: Decimal) -> str:
    """Decimal as plain digits, never in exponent form."""
    return format(value, "f")
