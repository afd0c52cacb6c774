"""Errors of the catalog export package.

    CatalogExportError                 root; never raised itself
    ├── InvalidCatalogValue            a CatalogItem, TierPrice, ContractInfo or ExportHeader
    │                                  broke an invariant (our data: the job skips or stops)
    ├── UnsupportedCharset             CHARSET names an encoding we do not write (our setting)
    └── UnreadableCatalog              validate_file was given something that is neither a CIF,
                                       an XLSX nor an XML export, an empty file or a damaged
                                       workbook (the file's fault)

Each leaf says whose fault it is and carries the HTTP status the admin surface answers with
and the exit status the CLI ends with. Items a format cannot carry (text outside the CHARSET,
another currency, too many tiers) are not errors: writers skip them and report why in their
WriteResult, so one bad product never stops a catalog of a million.
"""

__all__ = [
    "CatalogExportError",
    "InvalidCatalogValue",
    "UnreadableCatalog",
    "UnsupportedCharset",
]


class CatalogExportError(Exception):
    """Root of every error raised by catalog_export."""

    fault = "ours"
    http_status = 500
    exit_status = 1


class InvalidCatalogValue(CatalogExportError, ValueError):
    """A value object was built with data that breaks one of its invariants."""

    fault = "ours"
    http_status = 422
    exit_status = 2


class UnsupportedCharset(CatalogExportError, ValueError):
    """The export header names a CIF CHARSET this package cannot write."""

    fault = "ours"
    http_status = 500
    exit_status = 2


class UnreadableCatalog(CatalogExportError):
    """The validator could not recognise the file's format at all, or read its workbook."""

    fault = "peer"
    http_status = 400
    exit_status = 2
