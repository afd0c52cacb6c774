"""Validation of the XML exports (BMEcat 2005, cXML Index) against the XSDs in schemas/catalog.

Strategy: the root element picks the schema. The file is parsed incrementally (iterparse with
the schema attached) and each finished item is cleared, so memory stays flat. The parser never
resolves entities, never loads the DTD an Index names and never touches the network. libxml2
stops at the first schema violation; that problem is reported with its line, with any further
messages libxml2 logged. Beyond the schema, each supplier part id must be unique.
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


def _root_tag(stream: BinaryIO) -> str | None:
    try:
        for _, element in etree.iterparse(stream, events=("start",), **_HARDENED):
            return element.tag
    except etree.XMLSyntaxError:
        return None
    return None


def _stream(stream: BinaryIO, schema: etree.XMLSchema, tags: tuple, found: ProblemCollector):
    item_tag, key_tag = tags
    count = 0
    seen: dict[str, int] = {}
    for _, element in etree.iterparse(stream, events=("end",), schema=schema, **_HARDENED):
        tag = element.tag
        if tag == key_tag:
            first = seen.setdefault(element.text or "", element.sourceline)
            if first != element.sourceline:
                found.error("duplicate-item", f"{element.text!r} already on line {first}",
                            element.sourceline, tag)  # fmt: skip
        elif tag == item_tag or (item_tag is None and tag in _ITEM_TAGS):
            count += 1
            element.clear(keep_tail=True)
    return count


def validate_xml(stream: BinaryIO) -> ValidationReport:
    """Check a BMEcat or cXML Index export read from a seekable binary stream."""
    found = ProblemCollector()
    root = _root_tag(stream)
    stream.seek(0)
    if root not in XML_SCHEMAS:
        found.error("xml-root", f"not a BMEcat 2005 or cXML Index document (root {root!r})")
        return found.report("xml", 0)
    file_format, xsd, *tags = XML_SCHEMAS[root]
    count = 0
    try:
        count = _stream(stream, load_catalog_schema(xsd), tuple(tags), found)
    except etree.XMLSyntaxError as exc:
        entries = list(exc.error_log) or [None]
        for entry in entries:
            line = entry.line if entry is not None else exc.lineno
            message = entry.message if entry is not None else str(exc)
            code = "schema" if entry is not None and entry.domain_name == "SCHEMASV" else "xml"
            found.error(code, message, line)
    return found.report(file_format, count)
