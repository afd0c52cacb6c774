"""Hardened XML parsing: bytes in, an lxml element tree out, or a typed 4xx error.

Strategy, cheapest check first so that hostile input costs little:
1. size bound on the raw bytes, before anything is decoded;
2. encoding: a BOM or the XML declaration decides; only UTF-8 (and its ASCII subset),
   ISO-8859-1 and UTF-16 with a BOM are read, and the bytes must decode strictly as declared;
3. the prolog is read as text: a DOCTYPE must name a cXML DTD and have no internal subset, so
   entity declarations never reach the XML parser (versions.parse_doctype);
4. lxml parses with entities unresolved, no DTD loading, no network and libxml2's own limits
   kept (huge_tree off); then the depth bound and, behind a DOCTYPE, a last look at the text
   for entity references, in element content and attribute values alike (libxml2 keeps an
   undeclared one in content as an Entity node but drops it from an attribute without a word).
   Step 3 is what keeps an internal subset out: the parsed tree is not searched for one again.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass

from lxml import etree

from cxml._construct import constructor
from cxml.errors import CXmlError
from cxml.errors import EncodingMismatch
from cxml.errors import ForbiddenConstruct
from cxml.errors import LimitExceeded
from cxml.errors import MalformedDocument
from cxml.versions import Doctype
from cxml.versions import parse_doctype

__all__ = ["DEFAULT_LIMITS", "Limits", "ParsedXml", "parse_xml"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """Bounds on what the parser accepts: body size in bytes and element nesting depth."""

    max_bytes: int = 4 * 1024 * 1024
    max_depth: int = 48

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise ValueError("max_bytes must be positive")
        if not 1 <= self.max_depth <= 200:
            raise ValueError("max_depth must be between 1 and 200 (libxml2 stops at 256)")


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedXml:
    """A parsed document: its root element and the DOCTYPE it declared, if any."""

    root: etree._Element
    doctype: Doctype | None


_parsed = constructor(ParsedXml)
_ENCODINGS = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "us-ascii": "ascii",
    "ascii": "ascii",
    "iso-8859-1": "latin-1",
    "iso8859-1": "latin-1",
    "iso_8859-1": "latin-1",
    "latin1": "latin-1",
    "latin-1": "latin-1",
    "utf-16": "utf-16",
}
_DECLARATION = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_PROLOG = re.compile(r"\A\ufeff?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
_local = threading.local()
_depth_checks: dict[int, etree.XPath] = {}
_doctypes: dict[str, Doctype] = {}
_declarations: dict[bytes, str | None] = {}
_UNSEEN = object()
_BYTES = (bytes, bytearray, memoryview)
_MAX_DOCTYPES = 64
# In a well-formed document "&" starts a reference (XML 1.0 [67]) everywhere but in CDATA
# sections [18], comments [15], processing instructions [16] and the DOCTYPE [28]: those are
# matched whole and passed over; what is left is a reference to an entity other than the five
# predefined ones [4.6] (a character reference, "&#", is no entity).
_ENTITY_AMPERSAND = r"&(?!(?:lt|gt|amp|quot|apos);|#)"
_MAY_REFER = re.compile(_ENTITY_AMPERSAND)
_ENTITY_REFERENCE = re.compile(
    r"<!\[CDATA\[.*?\]\]>|<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^>]*>|" + _ENTITY_AMPERSAND, re.DOTALL
)
_COUNTED_BYTES = 4096


def parse_xml(data: bytes, limits: Limits = DEFAULT_LIMITS) -> ParsedXml:
    """Parse untrusted bytes into an element tree under the hardening rules above."""
    if not isinstance(data, _BYTES):
        raise TypeError("parse_xml takes bytes")
    data = bytes(data)
    if len(data) > limits.max_bytes:
        raise LimitExceeded(f"document is {len(data)} bytes; the limit is {limits.max_bytes} bytes")
    if not data or data.isspace():
        raise MalformedDocument("the body is empty; a cXML document was expected")
    text = _decode(data)
    doctype = _read_doctype(text)
    root = _parse_bytes(data)
    # Without a DOCTYPE there is no subset and no entity to declare (XML 1.0 [28], [68]): the
    # parser refuses any reference. Behind a cXML DOCTYPE (never an internal subset,
    # parse_doctype) an undeclared reference is no error to libxml2, so it is refused here.
    if doctype is not None and _refers_to_entity(text):
        raise ForbiddenConstruct("entity references are never expanded; send the text itself")
    if _may_be_deep(data, limits.max_depth) and _too_deep(root, limits.max_depth):
        raise LimitExceeded(f"elements are nested deeper than {limits.max_depth} levels")
    return _parsed(root=root, doctype=doctype)


def _refers_to_entity(text: str) -> bool:
    """Whether the well-formed `text` refers to an entity other than the predefined ones, in
    element content or in an attribute value."""
    if _MAY_REFER.search(text) is None:  # the common case, found at C speed
        return False
    return any(found[0] == "&" for found in _ENTITY_REFERENCE.finditer(text))


def _decode(data: bytes) -> str:
    """Decode strictly in the encoding the BOM or the XML declaration names."""
    # A document that starts with "<" and no NUL has no byte order mark and is not UTF-16.
    implied = None if data[:1] == b"<" and data[1:2] != b"\x00" else _implied_encoding(data)
    declared = _declared_encoding(data, implied)
    codec = implied or declared or "utf-8"
    if implied == "utf-16" and declared not in (None, "utf-16"):
        raise EncodingMismatch(f"the bytes are UTF-16 (BOM) but the declaration says {declared}")
    if implied is None and declared == "utf-16":
        raise EncodingMismatch("the declaration says UTF-16 but there is no byte order mark")
    try:
        if codec == "utf-8":
            # What the "utf-8-sig" codec does (positions count after the BOM), at C speed.
            return data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        hint = " (was it sent as ISO-8859-1 or Windows-1252?)" if codec == "utf-8" else ""
        raise EncodingMismatch(
            f"byte {exc.start} is not valid {codec.upper()}, the encoding the document"
            f" declares or implies{hint}"
        ) from exc


def _implied_encoding(data: bytes) -> str | None:
    """The encoding a byte order mark implies; UTF-32 and BOM-less UTF-16 are refused."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise EncodingMismatch("UTF-32 is not supported; send UTF-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if data.startswith((b"\x00<", b"<\x00")):
        raise EncodingMismatch("UTF-16 needs a byte order mark; send UTF-8 or UTF-16 with a BOM")
    return None


def _declared_encoding(data: bytes, implied: str | None) -> str | None:
    # The declaration ends at the first ">", and documents repeat the same one: remember what
    # each declaration read as (its match cannot reach past that ">").
    end = -1 if implied else data.find(b">", 0, 200)
    if end > 0:
        found = _declarations.get(data[: end + 1], _UNSEEN)
        if found is not _UNSEEN:
            return found
    codec = _read_declaration(data, implied)
    if end > 0:
        if len(_declarations) >= _MAX_DOCTYPES:
            _declarations.clear()
        _declarations[data[: end + 1]] = codec
    return codec


def _read_declaration(data: bytes, implied: str | None) -> str | None:
    if implied:
        head = data[:400].decode("utf-16", "replace").encode("ascii", "replace")
    else:
        head = data[:200].removeprefix(codecs.BOM_UTF8)
    found = _DECLARATION.match(head)
    if found is None:
        return None
    name = found[1].decode("ascii").lower()
    if name not in _ENCODINGS:
        raise EncodingMismatch(
            f"encoding {name!r} is not supported; send UTF-8, ISO-8859-1 or UTF-16 with a BOM"
        )
    return _ENCODINGS[name]


def _read_doctype(text: str) -> Doctype | None:
    prolog_end = _PROLOG.match(text).end()
    if not text.startswith("<!DOCTYPE", prolog_end):
        return None
    # Partners send the same few declarations again and again: remember the ones that read
    # alone, up to their first ">", exactly as they read with the document after them.
    declaration = text[prolog_end : text.find(">", prolog_end) + 1]
    doctype = _doctypes.get(declaration)
    if doctype is None:
        doctype = parse_doctype(text[prolog_end : prolog_end + 4096])
        if len(_doctypes) >= _MAX_DOCTYPES:
            _doctypes.clear()
        if _alone(declaration) == doctype:
            _doctypes[declaration] = doctype
    return doctype


def _alone(declaration: str) -> Doctype | None:
    try:
        return parse_doctype(declaration)
    except CXmlError:
        return None


def _parser() -> etree.XMLParser:
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_pis=True,
        )
        _local.parser = parser
    return parser


def _parse_bytes(data: bytes) -> etree._Element:
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        if "depth" in str(exc).lower():
            raise LimitExceeded(f"elements are nested too deeply: {exc}") from exc
        raise MalformedDocument(f"not well-formed XML: {exc}") from exc
    return root


def _may_be_deep(data: bytes, max_depth: int) -> bool:
    """False when the bytes are too few "<" for max_depth + 1 nested elements.

    Each of those elements needs a start tag and all but the innermost an end tag: 2 * depth
    + 1 characters "<". Byte 0x3C is "<" in every encoding read here and is never part of a
    multi-byte UTF-8 character, so the byte count is at least the character count. Counting
    is only cheaper than the tree walk for short documents such as a PunchOutSetupRequest.
    """
    return len(data) > _COUNTED_BYTES or data.count(b"<") > 2 * max_depth


def _too_deep(root: etree._Element, max_depth: int) -> bool:
    check = _depth_checks.get(max_depth)
    if check is None:
        # Children step by step from the root: "//*/*/..." would revisit every subtree.
        check = etree.XPath("boolean(" + "/*" * (max_depth + 1) + ")")
        _depth_checks[max_depth] = check
    return bool(check(root))
