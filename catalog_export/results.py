"""What a writer hands back: how many rows it wrote, and which items it skipped and why."""

import dataclasses

from catalog_export.items import CatalogItem
from catalog_export.items import DeletedItem
from catalog_export.items import ExportHeader

__all__ = ["SkippedItem", "WriteResult", "check_row"]

_value = dataclasses.dataclass(frozen=True, slots=True, kw_only=True)


@_value
class SkippedItem:
    """An item left out of the file, with the reason the job prints in its summary."""

    supplier_part_id: str
    reason: str


@_value
class WriteResult:
    """The outcome of one writer run: rows in the file and the items left out."""

    item_count: int
    skipped: tuple[SkippedItem, ...] = ()

    def __post_init__(self) -> None:
        if self.item_count < 0:
            raise ValueError(f"item_count must be >= 0: {self.item_count}")


def check_row(header: ExportHeader, row: object) -> str | None:
    """Why this row cannot go into an export with this header, or None if it can."""
    if isinstance(row, DeletedItem):
        if not header.incremental:
            return "a deleted item in a full (LOADMODE F) export"
        return None
    if not isinstance(row, CatalogItem):
        return f"not a CatalogItem: {type(row).__name__}"
    if row.currency != header.currency:
        return f"price in {row.currency}, the export is in {header.currency}"
    return None


def row_key(row: object) -> str:
    """The supplier part id of a row, for skip reports."""
    return getattr(row, "supplier_part_id", repr(row))


# The formats without a field for a minimum quantity, as their skip reasons name them.
_NO_MINIMUM = {"cif": "CIF", "cxml": "a cXML Index"}


def minimum_not_carried(row: object, fmt: str) -> str | None:
    """Why a format (WRITERS key) without a minimum quantity field skips this row: offered from
    1, the buyer's order of 1 would be refused (the contract prices start higher). The writers
    ask it of each row; an export job asks it first, so that such an item is left out of the
    catalog it records, and an incremental CIF deletes it from the buyer's catalog."""
    minimum = getattr(row, "minimum_quantity", None)
    if fmt not in _NO_MINIMUM or minimum is None or minimum <= 1:
        return None
    return (
        f"orderable from {format(minimum.normalize(), 'f')} only, and {_NO_MINIMUM[fmt]} has no"
        " field for a minimum quantity (BMEcat and the workbook have)"
    )
