"""Schema validation against the project's XSDs (schemas/cxml/), strict or lenient.

Strategy: libxml2 (lxml.etree.XMLSchema) answers "valid or not" for every document, because it
is cheap next to parsing (bench/bench_cxml.py measures both). Only when it says "invalid" do we
ask xmlschema, which is far slower but lists every problem with a readable path; the request is
failing anyway, and a buyer's integrator gets all problems at once. "strict" follows the cXML
DTD; "lenient" also accepts the real-world deviations in docs/cxml-deviations.md.
"""

from __future__ import annotations

import functools
import importlib.resources
import os
import threading

import xmlschema
from lxml import etree

from cxml.errors import Problem
from cxml.errors import SchemaUnavailable
from cxml.errors import SchemaViolation
from cxml.xmlparse import DEFAULT_LIMITS
from cxml.xmlparse import Limits
from cxml.xmlparse import parse_xml

__all__ = ["MODES", "validate_cxml", "validate_tree"]

MODES = ("strict", "lenient")
MAX_PROBLEMS = 50
_local = threading.local()
# libxml2 (2.14.6, as lxml 6.1 bundles it) is not safe to compile schemas in two threads at
# once: its first compiles in a new process race on shared state, and one of them fails
# ("Document is not valid XML Schema", "the given type is not a built-in type") or the
# process dies of a segmentation fault. A server worker's threads all compile at its first
# requests, so compiles take turns; each thread compiles once per mode, so nothing waits later.
_compile_lock = threading.Lock()


def _schema_path(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"validation mode must be one of {MODES}, not {mode!r}")
    resource = importlib.resources.files("schemas") / "cxml" / f"{mode}.xsd"
    return str(resource)


def _lxml_schema(mode: str) -> etree.XMLSchema:
    """One compiled libxml2 schema per mode and thread (its error log is per object)."""
    schemas = getattr(_local, "schemas", None)
    if schemas is None:
        schemas = _local.schemas = {}
    if mode not in schemas:
        parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
        try:
            with _compile_lock:
                schemas[mode] = etree.XMLSchema(etree.parse(_schema_path(mode), parser))
        except (OSError, etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
            raise SchemaUnavailable(f"cannot load the {mode} cXML schema: {exc}") from exc
    return schemas[mode]


@functools.cache
def _explainer(mode: str) -> xmlschema.XMLSchema10:
    """xmlschema's view of the same XSD, used only to describe failures."""
    try:
        return xmlschema.XMLSchema10(_schema_path(mode), allow="sandbox", defuse="always")
    except (OSError, xmlschema.XMLSchemaException) as exc:
        raise SchemaUnavailable(f"cannot load the {mode} cXML schema: {exc}") from exc


def _explain(root: etree._Element, mode: str, schema: etree.XMLSchema) -> tuple[Problem, ...]:
    problems = []
    # A document parsed from bytes has no URL; the sandbox wants a base to confine it to.
    base = os.path.dirname(_schema_path(mode))
    source = xmlschema.XMLResource(root, base_url=base, allow="sandbox", defuse="always")
    for error in _explainer(mode).iter_errors(source):
        problems.append(
            Problem(
                path=error.path or "/",
                message=error.reason or str(error.message),
                line=error.sourceline,
            )
        )
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        return tuple(problems)
    # xmlschema found nothing libxml2 objected to: report libxml2's own findings.
    return tuple(
        Problem(path=entry.path or "/", message=entry.message, line=entry.line)
        for entry in schema.error_log
    )


def validate_tree(root: etree._Element, *, mode: str = "strict") -> None:
    """Validate a parsed cXML element; raise SchemaViolation listing every problem found."""
    schema = _lxml_schema(mode)
    if not schema.validate(root):
        raise SchemaViolation(_explain(root, mode, schema))


def validate_cxml(data: bytes, *, mode: str = "strict", limits: Limits = DEFAULT_LIMITS) -> None:
    """Parse untrusted bytes with the hardened parser and validate them against the schema."""
    validate_tree(parse_xml(data, limits).root, mode=mode)
