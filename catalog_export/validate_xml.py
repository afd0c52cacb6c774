"""Validation of the XML exports (BMEcat 2005, cXML Index) against the XSDs in schemas/catalog.

Strategy: the root element picks the schema. The file is parsed incrementally (iterparse with
the schema attached) and each finished item is cleared, so memory stays flat. The parser never
resolves entities, never loads the DTD an Index names and never touches the network.
Streaming validation by libxml2 reports its messages without line numbers, so when a file
fails and is at most 32 MiB it is parsed whole once more to place every problem on its line;
a larger failing file gets the messages unplaced. With a schema attached, libxml2 does not
report a premature end of the data, so a file cut short would pass: the root element's end
must be reached. Beyond the schema, each supplier part id must be unique.
"""

import functools
import importlib.resources
from typing import BinaryIO

from lxml import etree

from catalog_export.report import ProblemCollector
from catalog_export.report import ValidationReport

__all__ = ["XML_SCHEMAS", "load_catalog_schema", "validate_xml"]

BMECAT_NAMESPACE = "http://www.bmecat.org/bmecat/2005"
# root element (Clark notation) -> (format name, XSD file, item element, part id element)
XML_SCHEMAS = {
    f"{{{BMECAT_NAMESPACE}}}BMECAT": (
        "bmecat",
        "bmecat_2005.xsd",
        f"{{{BMECAT_NAMESPACE}}}PRODUCT",
        f"{{{BMECAT_NAMESPACE}}}SUPPLIER_PID",
    ),
    "Index": ("cxml-index", "cxml_index.xsd", None, "SupplierPartID"),
}
_LOCATE_LIMIT = 32 * 1024 * 1024
_ITEM_TAGS = frozenset({"IndexItemAdd", "IndexItemDelete", "IndexItemPunchout"})
_HARDENED = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
}


@functools.cache
def load_catalog_schema(file_name: str) -> etree.XMLSchema:
    """The XMLSchema for one of our catalog XSDs, read from package data, never the network."""
    resource = importlib.resources.files("schemas") / "catalog" / file_name
    with importlib.resources.as_file(resource) as path:
        parser = etree.XMLParser(**_HARDENED)
        return etree.XMLSchema(etree.parse(str(path), parser))


def _root(stream: BinaryIO) -> tuple[str | None, bool]:
    """The root element's tag, and whether the DOCTYPE has an internal subset."""
    try:
        for _, element in etree.iterparse(stream, events=("start",), **_HARDENED):
            dtd = element.getroottree().docinfo.internalDTD
            return element.tag, dtd is not None and any(dtd.iterentities())
    except etree.XMLSyntaxError:
        return None, False
    return None, False


def _stream(stream: BinaryIO, schema: etree.XMLSchema, tags: tuple, found: ProblemCollector,
            counted: list[int]) -> None:  # fmt: skip
    """Validate while parsing; `counted[0]` is the items read so far, when a syntax error
    (XMLSyntaxError) stops the parse too."""
    root, item_tag, key_tag = tags
    seen: dict[str, int] = {}
    element = None
    for _, element in etree.iterparse(stream, events=("end",), schema=schema, **_HARDENED):
        tag = element.tag
        if tag == key_tag:
            first = seen.setdefault(element.text or "", element.sourceline)
            if first != element.sourceline:
                found.error("duplicate-item", f"{element.text!r} already on line {first}",
                            element.sourceline, tag)  # fmt: skip
        elif tag == item_tag or (item_tag is None and tag in _ITEM_TAGS):
            counted[0] += 1
            element.clear(keep_tail=True)
    if element is None or element.getparent() is not None:  # the root's end never came
        closing = f"</{etree.QName(root).localname}>"
        found.error(
            "xml-truncated",
            f"premature end of data: no {closing} (file cut short?)",
            element.sourceline if element is not None else None,  # the last element read
        )


def _report_schema_errors(stream: BinaryIO, schema, exc, found: ProblemCollector) -> None:
    """libxml2's streaming validation gives no line numbers: for files small enough, validate
    a parsed tree again to place every problem; for larger ones report them unplaced."""
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    if size <= _LOCATE_LIMIT:
        data = stream.read()
        try:
            tree = etree.fromstring(data, etree.XMLParser(**_HARDENED)).getroottree()
        except etree.XMLSyntaxError as syntax:
            _syntax_error(syntax, data, found)
            return
        if not schema.validate(tree):
            for entry in schema.error_log:
                found.error("schema", entry.message, entry.line)
            return
    messages = dict.fromkeys(entry.message for entry in exc.error_log) or {str(exc): None}
    for message in messages:
        code = "schema" if message.startswith("Element") else "xml"
        found.error(code, message, exc.lineno or None)


def _syntax_error(syntax: etree.XMLSyntaxError, data: bytes, found: ProblemCollector) -> None:
    """libxml2's first fatal error, on its line with its column (lxml's text repeats the line
    twice over), and a hint when it is on the last line: a file cut short ends so."""
    entry = syntax.error_log.last_error if syntax.error_log else None
    if entry is None:
        found.error("xml", str(syntax), syntax.lineno)
        return
    message = entry.message.strip().removesuffix(f" line {entry.line}")
    last_line = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    cut = "; the file ends there (cut short?)" if entry.line >= last_line else ""
    found.error("xml", f"{message}, column {entry.column}{cut}", entry.line)


def validate_xml(stream: BinaryIO) -> ValidationReport:
    """Check a BMEcat or cXML Index export read from a seekable binary stream."""
    found = ProblemCollector()
    root, internal_subset = _root(stream)
    stream.seek(0)
    if internal_subset:
        found.error("xml-dtd", "the DOCTYPE declares an internal subset (entities): refused")
        return found.report("xml", 0)
    if root not in XML_SCHEMAS:
        found.error("xml-root", f"not a BMEcat 2005 or cXML Index document (root {root!r})")
        return found.report("xml", 0)
    file_format, xsd, *tags = XML_SCHEMAS[root]
    schema = load_catalog_schema(xsd)
    counted = [0]
    try:
        _stream(stream, schema, (root, *tags), found, counted)
    except etree.XMLSyntaxError as exc:
        _report_schema_errors(stream, schema, exc, found)
    return found.report(file_format, counted[0])
