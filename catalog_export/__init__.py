"""Static catalog exports: rows of priced items in, a CIF 3.0, Excel, BMEcat 2005 or cXML Index
file out, streamed in constant memory; incremental CIF from snapshot digests; and a validator
for every file we write (and for CIF files others write).

The export job calls a writer with an ExportHeader, an iterable of CatalogItem (and DeletedItem
in incremental exports) and a binary file object; the writer returns a WriteResult with the
row count and the items it skipped, with reasons. validate_file checks any of these files.
"""

from catalog_export.bmecat import write_bmecat
from catalog_export.cif import CIF_FIELDNAMES
from catalog_export.cif import write_cif
from catalog_export.cxml_index import write_cxml_index
from catalog_export.errors import CatalogExportError
from catalog_export.errors import InvalidCatalogValue
from catalog_export.errors import UnreadableCatalog
from catalog_export.errors import UnsupportedCharset
from catalog_export.incremental import ChangeKind
from catalog_export.incremental import ItemChange
from catalog_export.incremental import compare_snapshots
from catalog_export.incremental import item_digest
from catalog_export.items import CatalogItem
from catalog_export.items import ContractInfo
from catalog_export.items import DeletedItem
from catalog_export.items import ExportHeader
from catalog_export.items import TierPrice
from catalog_export.report import Problem
from catalog_export.report import Severity
from catalog_export.report import ValidationReport
from catalog_export.results import SkippedItem
from catalog_export.results import WriteResult
from catalog_export.results import minimum_not_carried
from catalog_export.validate import validate_file
from catalog_export.xlsx import write_xlsx

WRITERS = {
    "cif": write_cif,
    "xlsx": write_xlsx,
    "bmecat": write_bmecat,
    "cxml": write_cxml_index,
}
# The formats whose files carry quantity breaks. CIF 3.0 (as we write it) and cXML ItemDetail
# have no place for them, so an export job need not price tiers for those.
TIERED_FORMATS = frozenset({"xlsx", "bmecat"})

__all__ = [
    "CIF_FIELDNAMES",
    "TIERED_FORMATS",
    "WRITERS",
    "CatalogExportError",
    "CatalogItem",
    "ChangeKind",
    "ContractInfo",
    "DeletedItem",
    "ExportHeader",
    "InvalidCatalogValue",
    "ItemChange",
    "Problem",
    "Severity",
    "SkippedItem",
    "TierPrice",
    "UnreadableCatalog",
    "UnsupportedCharset",
    "ValidationReport",
    "WriteResult",
    "compare_snapshots",
    "item_digest",
    "minimum_not_carried",
    "validate_file",
    "write_bmecat",
    "write_cif",
    "write_cxml_index",
    "write_xlsx",
]
