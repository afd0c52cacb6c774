"""cXML versions and the DOCTYPE line: read any 1.1.x or 1.2.0xx, write one chosen version.

The DOCTYPE is only ever read as text: its SYSTEM identifier must name a cXML DTD
(`http://xml.cxml.org/schemas/cXML/<version>/<file>.dtd`, host case-insensitive, formats.md 1.2)
and the DTD itself is never loaded. Documents are built with the DOCTYPE of one version
(default DEFAULT_VERSION, the newest we support) and the DTD file that declares the message:
cXML.dtd, Fulfill.dtd (ConfirmationRequest, ShipNoticeRequest) or InvoiceDetail.dtd.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cxml.errors import ForbiddenConstruct
from cxml.errors import UnsupportedVersion

__all__ = [
    "DEFAULT_VERSION",
    "DTD_FILES",
    "Doctype",
    "build_doctype",
    "parse_doctype",
    "parse_version",
]

DEFAULT_VERSION = "1.2.063"
DTD_FILES = ("cXML.dtd", "Fulfill.dtd", "InvoiceDetail.dtd")

# cXML@version: "1.1", "1.1.010", "1.2", "1.2.014" ... "1.2.063" (formats.md 1.1).
_VERSION = re.compile(r"1\.1(\.\d{3})?|1\.2(\.0\d\d)?")
_SYSTEM_ID = re.compile(
    r"https?://xml\.cxml\.org/schemas/cxml/(?P<version>[0-9.]+)/(?P<file>\w+\.dtd)",
    re.IGNORECASE,
)
_DOCTYPE = re.compile(
    r"<!DOCTYPE\s+(?P<root>[\w:.-]+)"
    r"(?:\s+SYSTEM\s+(?P<q>[\"'])(?P<system>[^\"']*)(?P=q)"
    r"|\s+PUBLIC\s+(?P<pq>[\"'])[^\"']*(?P=pq)\s+(?P<q2>[\"'])(?P<system2>[^\"']*)(?P=q2))?"
    r"\s*(?P<end>[\[>])",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Doctype:
    """The DOCTYPE declaration of a cXML document: root name, version and DTD file."""

    root: str
    version: str
    dtd_file: str

    def __post_init__(self) -> None:
        parse_version(self.version)
        if self.dtd_file not in DTD_FILES:
            raise ForbiddenConstruct(f"DOCTYPE names {self.dtd_file!r}, not a cXML DTD")


def parse_version(text: str) -> str:
    """Check a cXML version string (1.1, 1.1.0xx, 1.2, 1.2.0xx) and return it unchanged."""
    if not _VERSION.fullmatch(text):
        raise UnsupportedVersion(
            f"cXML version {text!r} is not supported;"
            f" send 1.1.x or 1.2.0xx (e.g. {DEFAULT_VERSION})"
        )
    return text


def parse_doctype(text: str) -> Doctype:
    """Read a DOCTYPE declaration; reject internal subsets and DTDs other than cXML's.

    `text` starts at `<!DOCTYPE`. An internal subset `[...]` can declare entities (billion
    laughs, external entities), so it is refused outright rather than parsed.
    """
    match = _DOCTYPE.match(text)
    if match is None:
        raise ForbiddenConstruct(
            "DOCTYPE declaration is not of the form <!DOCTYPE cXML SYSTEM ...>"
        )
    if match["end"] == "[":
        raise ForbiddenConstruct("DOCTYPE with an internal subset (entity declarations) is refused")
    system = match["system"] or match["system2"]
    if system is None:
        raise ForbiddenConstruct("DOCTYPE without a SYSTEM identifier is refused")
    found = _SYSTEM_ID.fullmatch(system.strip())
    if found is None:
        raise ForbiddenConstruct(
            f"DOCTYPE names the DTD {system!r}; only the cXML DTDs at"
            " http://xml.cxml.org/schemas/cXML/<version>/ are accepted (they are never loaded)"
        )
    dtd_file = next(
        (name for name in DTD_FILES if name.lower() == found["file"].lower()), found["file"]
    )
    return Doctype(root=match["root"], version=found["version"], dtd_file=dtd_file)


def build_doctype(doctype: Doctype) -> str:
    """Render the DOCTYPE line for a document of the given version and DTD file."""
    return (
        f'<!DOCTYPE {doctype.root} SYSTEM "http://xml.cxml.org/schemas/cXML/'
        f'{doctype.version}/{doctype.dtd_file}">'
    )
