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
import operator
import re
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


# An item's language and minimum quantity count only when it has one (texts not in the
# export's language; contract prices from more than 1): the digests stored before items had
# them stay those of the same items.
_WHEN_SET = ("language", "minimum_quantity")
_ITEM_FIELDS = tuple(f.name for f in dataclasses.fields(CatalogItem) if f.name not in _WHEN_SET)
_ITEM_VALUES = operator.attrgetter(*_ITEM_FIELDS)
# One encoder for every digest: json.dumps with options would build a new one per call.
_CANONICAL_JSON = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _plain_item(item: CatalogItem) -> dict[str, object]:
    """The item as plain JSON values: texts, numbers and flags as they are, Decimals as plain
    normalised strings (unit_price is the item's one Decimal field besides the tiers)."""
    plain = dict(zip(_ITEM_FIELDS, _ITEM_VALUES(item), strict=True))
    plain["unit_price"] = _decimal(item.unit_price)
    plain["tier_prices"] = [
        {"min_quantity": _decimal(tier.min_quantity), "unit_price": _decimal(tier.unit_price)}
        for tier in item.tier_prices
    ]
    if item.language:
        plain["language"] = item.language
    if item.minimum_quantity is not None:
        plain["minimum_quantity"] = _decimal(item.minimum_quantity)
    return plain


def _encoded_canonical(item: CatalogItem) -> str:
    """The canonical JSON of the item, from the JSON encoder: the definition."""
    return _CANONICAL_JSON.encode([_DIGEST_VERSION, _plain_item(item)])


# The same JSON from a template, for items whose texts the encoder would copy unchanged (no
# quote, backslash or control character: nearly every item), in about half the encoder's time,
# which counts at a million items per export. The tests hold it to the definition above.
_SORTED_FIELDS = tuple(sorted(_ITEM_FIELDS))
_SORTED_VALUES = operator.attrgetter(*_SORTED_FIELDS)
_NON_TEXT_FIELDS = ("lead_time_days", "punchout_level2", "tier_prices", "unit_price")
_LEAD_TIME, _PUNCHOUT, _TIERS, _PRICE = (_SORTED_FIELDS.index(name) for name in _NON_TEXT_FIELDS)
_TEXT_VALUES = operator.attrgetter(*(n for n in _SORTED_FIELDS if n not in _NON_TEXT_FIELDS))
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f]')
_TEMPLATE = (
    f'["{_DIGEST_VERSION}",{{'
    + ",".join(
        f'"{name}":%s' if name in _NON_TEXT_FIELDS else f'"{name}":"%s"' for name in _SORTED_FIELDS
    )
    + "}]"
)
_TIER_TEMPLATE = '{"min_quantity":"%s","unit_price":"%s"}'


def _needs_escape(text: str) -> bool:
    # isprintable() is false for every control character and fast; the regex decides only
    # for texts that also hold other unprintable characters (no-break spaces, say).
    if '"' in text or "\\" in text:
        return True
    return not text.isprintable() and _NEEDS_ESCAPE.search(text) is not None


def _templated_canonical(item: CatalogItem) -> str | None:
    """The canonical JSON of the item, or None if one of its texts needs escaping (or it has a
    language or a minimum quantity of its own, which the template has no place for)."""
    if (
        item.language
        or item.minimum_quantity is not None
        or _needs_escape("".join(_TEXT_VALUES(item)))
    ):
        return None
    values = list(_SORTED_VALUES(item))
    lead_time = values[_LEAD_TIME]
    values[_LEAD_TIME] = "null" if lead_time is None else str(lead_time)
    values[_PUNCHOUT] = "true" if values[_PUNCHOUT] else "false"
    values[_PRICE] = f'"{_decimal(values[_PRICE])}"'
    tiers = (
        _TIER_TEMPLATE % (_decimal(tier.min_quantity), _decimal(tier.unit_price))
        for tier in values[_TIERS]
    )
    values[_TIERS] = "[" + ",".join(tiers) + "]"
    return _TEMPLATE % tuple(values)


def item_digest(item: CatalogItem) -> str:
    """A stable hex SHA-256 of everything an export writes for this item."""
    canonical = _templated_canonical(item) or _encoded_canonical(item)
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
