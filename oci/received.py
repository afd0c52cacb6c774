"""Reading a cart form back: the ``NEW_ITEM-*`` fields as a buyer system receives them.

Strategy: the inverse of ``build_new_item_fields``, for simulators and for tests that check
every received field. Names are ``NEW_ITEM-<FIELD>[n]``; long texts come as
``NEW_ITEM-LONGTEXT_n:132[]`` and, in payloads seen in the wild, also as
``NEW_ITEM-LONGTEXT_n:132[][k]`` or ``NEW_ITEM-LONGTEXT[n]`` (formats.md 2.3); several long-text
values of one line are its lines, joined by newlines. Values stay text: a receiver decides how to
read them (``oci.numbers.parse_number`` reads the numbers).
"""

import re
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["ReceivedCart", "ReceivedItem", "parse_new_item_fields"]

_FIELD = re.compile(r"NEW_ITEM-([A-Z0-9_]+)\[([0-9]+)\]", re.IGNORECASE)
_LONGTEXT = re.compile(r"NEW_ITEM-LONGTEXT_([0-9]+):132\[\](?:\[[0-9]*\])?", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReceivedItem:
    """One received line: its index and its fields by OCI name (LONGTEXT included)."""

    index: int
    fields: Mapping[str, str]

    def __post_init__(self) -> None:
        if self.index < 1:
            raise ValueError("OCI line indexes start at 1")
        object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))


@dataclass(frozen=True, slots=True, kw_only=True)
class ReceivedCart:
    """A received form: its lines by index and every other field, in order."""

    items: tuple[ReceivedItem, ...]
    other_fields: tuple[tuple[str, str], ...]


def parse_new_item_fields(pairs: Iterable[tuple[str, str]]) -> ReceivedCart:
    """Group the NEW_ITEM fields of a posted cart form by line index."""
    lines: dict[int, dict[str, str]] = {}
    longtexts: dict[int, list[str]] = {}
    other: list[tuple[str, str]] = []
    for name, value in pairs:
        if match := _LONGTEXT.fullmatch(name):
            longtexts.setdefault(int(match[1]), []).append(value)
        elif match := _FIELD.fullmatch(name):
            field, index = match[1].upper(), int(match[2])
            if field == "LONGTEXT":
                longtexts.setdefault(index, []).append(value)
            else:
                lines.setdefault(index, {})[field] = value
        else:
            other.append((name, value))
    for index, parts in longtexts.items():
        lines.setdefault(index, {})["LONGTEXT"] = "\n".join(parts)
    items = tuple(
        ReceivedItem(index=index, fields=fields) for index, fields in sorted(lines.items())
    )
    return ReceivedCart(items=items, other_fields=tuple(other))
