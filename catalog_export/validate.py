"""validate_file: recognise an export by its first bytes and check it with the right rules.

A ZIP signature means XLSX, `CIF_I_V` (after an optional byte order mark) means CIF, a `<`
after optional whitespace or an XML declaration means BMEcat or cXML Index. Anything else is
UnreadableCatalog: the CLI prints it and exits non-zero, like a file with errors.
"""

import os
import shutil
import tempfile
from typing import BinaryIO

from catalog_export.errors import UnreadableCatalog
from catalog_export.report import ValidationReport
from catalog_export.validate_cif import validate_cif
from catalog_export.validate_xlsx import validate_xlsx
from catalog_export.validate_xml import validate_xml

__all__ = ["sniff_format", "validate_file"]

_SNIFF_BYTES = 512


def sniff_format(head: bytes) -> str:
    """'cif', 'xlsx' or 'xml' for the first bytes of a file, or UnreadableCatalog."""
    if not head:
        raise UnreadableCatalog("the file is empty")
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.upper().startswith(b"CIF_I_V"):
        return "cif"
    if text.startswith(b"<"):
        return "xml"
    raise UnreadableCatalog("neither a CIF, an XLSX nor an XML catalog export")


def _validate_stream(stream: BinaryIO) -> ValidationReport:
    head = stream.read(_SNIFF_BYTES)
    stream.seek(0)
    kind = sniff_format(head)
    if kind == "cif":
        return validate_cif(stream)
    if kind == "xlsx":
        return validate_xlsx(stream)
    return validate_xml(stream)


def validate_file(path_or_fileobj: str | os.PathLike | BinaryIO) -> ValidationReport:
    """Check a catalog export (CIF, XLSX, BMEcat or cXML Index); every problem with its line."""
    if isinstance(path_or_fileobj, str | os.PathLike):
        try:
            with open(path_or_fileobj, "rb") as stream:
                return _validate_stream(stream)
        except OSError as exc:
            raise UnreadableCatalog(f"cannot read the file: {exc.strerror or exc}") from exc
    stream = path_or_fileobj
    if stream.seekable():
        return _validate_stream(stream)
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as copy:
        shutil.copyfileobj(stream, copy)
        copy.seek(0)
        return _validate_stream(copy)
