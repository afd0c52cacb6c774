"""Incremental catalogs: a stable digest per item, and the changes between two snapshots.

Strategy: an export stores, per supplier part id, the digest of the row it wrote. The next
incremental export (CIF LOADMODE I, cXML Index loadmode Incremental) streams the current rows
past that mapping: a row whose key is new is added, one whose digest differs is changed, and
keys of the earlier export that never came by are deleted, yielded last in key order. Memory is
the earlier mapping plus the set of keys seen, never the rows themselves.

The digest is SHA-256 over a versioned canonical JSON of every field, with Decimals written in
plain normalised notation, so 12.5 and 12.50 are the same price and the digest is the same in
every process and on every platform.
"""

import dataclasses
import enum
import hashlib
import json
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from decimal import Decimal

from catalog_export.errors import InvalidCatalogValue
from catalog_export.items import CatalogItem
from catalog_export.items import DeletedItem

__all__ = ["ChangeKind", "ItemChange", "compare_snapshots", "item_digest"]

_DIGEST_VERSION = "catalog-item-v1"


class ChangeKind(enum.Enum):
    """How an item differs from the earlier export."""

    ADDED = "added"
    CHANGED = "changed"
    DELETED = "deleted"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ItemChange:
    """One line of an incremental export: its kind and the row to write."""

    kind: ChangeKind
    row: CatalogItem | DeletedItem
    digest: str = ""

    def __post_init__(self) -> None:
        is_deletion = isinstance(self.row, DeletedItem)
        if is_deletion != (self.kind is ChangeKind.DELETED):
            raise ValueError(f"a {self.kind.value} change cannot carry {type(self.row).__name__}")


def _decimal(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


_ITEM_FIELDS = tuple(field.name for field in dataclasses.fields(CatalogItem))


def _plain_item(item: CatalogItem) -> dict[str, object]:
    """The item as plain JSON values, field by field (no generic recursion: this runs once per
    exported item)."""
    plain: dict[str, object] = {}
    for name in _ITEM_FIELDS:
        value = getattr(item, name)
        if type(value) is Decimal:
            value = _decimal(value)
        elif name == "tier_prices":
            value = [
                {
                    "min_quantity": _decimal(tier.min_quantity),
                    "unit_price": _decimal(tier.unit_price),
                }
                for tier in value
            ]
        plain[name] = value
    return plain


def item_digest(item: CatalogItem) -> str:
    """A stable hex SHA-256 of everything an export writes for this item."""
    canonical = json.dumps(
        [_DIGEST_VERSION, _plain_item(item)],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def compare_snapshots(
    previous: Mapping[str, str], current: Iterable[CatalogItem]
) -> Iterator[ItemChange]:
    """Yield added and changed items of current, then the keys of previous no longer present.

    previous maps supplier part id to the item_digest stored with the earlier export.
    """
    seen: set[str] = set()
    for item in current:
        key = item.supplier_part_id
        if key in seen:
            raise InvalidCatalogValue(f"supplier part id {key!r} appears twice in the rows")
        seen.add(key)
        digest = item_digest(item)
        earlier = previous.get(key)
        if earlier is None:
            yield ItemChange(kind=ChangeKind.ADDED, row=item, digest=digest)
        elif earlier != digest:
            yield ItemChange(kind=ChangeKind.CHANGED, row=item, digest=digest)
    for key in sorted(previous.keys() - seen):
        yield ItemChange(kind=ChangeKind.DELETED, row=DeletedItem(supplier_part_id=key))
