"""Reading XLSX workbooks we are given (import files, catalogs to validate), safely.

openpyxl parses a workbook's XML parts with the standard library's parser, which expands the
entities a DOCTYPE declares (a cell's text could be an entity's, or a billion laughs), unless
defusedxml is installed. It is a dependency, so openpyxl uses it (``openpyxl.xml.DEFUSEDXML``):
an entity declaration is refused, never expanded. What is refused, and XML that does not parse,
come out as one line saying why the workbook cannot be read (``workbook_problem``), whether
openpyxl failed opening the workbook or, in read-only mode, on a row read later.
"""

import zipfile
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml import EntitiesForbidden
from openpyxl.utils.exceptions import InvalidFileException

__all__ = ["OPEN_ERRORS", "XML_ERRORS", "workbook_problem"]

# What a sheet's XML raises while its rows are read (read-only mode parses as it goes).
XML_ERRORS = (ParseError, DefusedXmlException)
# What load_workbook raises for a file that is no workbook or has a broken part: openpyxl wraps
# most of them in a ValueError ("Unable to read workbook"), the XML error as its cause.
OPEN_ERRORS = (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, *XML_ERRORS)


def workbook_problem(exc: BaseException) -> str:
    """Why a workbook cannot be read, in one line: the XML error behind openpyxl's, if any."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, EntitiesForbidden):
            return f"its XML declares the entity {cause.name!r}; entities are never expanded"
        if isinstance(cause, DefusedXmlException):
            return f"its XML has a DOCTYPE or an outside reference, never read ({cause!r})"
        if isinstance(cause, ParseError):
            return f"its XML is malformed: {cause}"
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, KeyError) and exc.args:  # a part missing from the ZIP: its own words
        return str(exc.args[0])
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
