"""Units: from our UN/CEFACT Rec. 20 codes to the codes a partner's SAP system knows.

Strategy: OCI's UNIT field holds 3 characters. Some SAP systems take the ISO (Rec. 20) codes
(PCE, KGM, MTR), many want their internal T006 codes (ST, KG, M): field-notes 3.3. Each partner
therefore has its own ``UnitMap``; nothing is defaulted. ``validate_unit_map`` runs at
configuration time against every unit the catalog uses and reports all unmapped units at once;
``UnitMap.map`` refuses an unmapped unit when a cart is built.
"""

import re
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from oci.errors import ConfigurationError
from oci.errors import UnmappedUnits
from oci.fields import FIELDS_BY_NAME

__all__ = ["UnitMap", "find_unmapped_units", "validate_unit_map"]

_OUR_CODE = re.compile(r"[A-Z0-9]{2,3}")  # UN/CEFACT Rec. 20 common codes
_PARTNER_CODE = re.compile(r"[A-Za-z0-9]+")  # NEW_ITEM-UNIT is a code field


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitMap:
    """One partner's table from our UN/CEFACT codes to its SAP unit codes (ISO or T006)."""

    codes: Mapping[str, str]

    def __post_init__(self) -> None:
        max_length = FIELDS_BY_NAME["UNIT"].max_length
        for ours, theirs in self.codes.items():
            if _OUR_CODE.fullmatch(ours) is None:
                raise ConfigurationError(f"unit map: {ours!r} is not a UN/CEFACT common code")
            if _PARTNER_CODE.fullmatch(theirs) is None or len(theirs) > max_length:
                raise ConfigurationError(
                    f"unit map: {ours} -> {theirs!r} does not fit NEW_ITEM-UNIT"
                    f" ({max_length} letters or digits)"
                )
        object.__setattr__(self, "codes", MappingProxyType(dict(self.codes)))

    @classmethod
    def identity(cls, units: Iterable[str]) -> "UnitMap":
        """A map that sends each of ``units`` as itself, for partners that take ISO codes."""
        return cls(codes={unit: unit for unit in units})

    def map(self, unit: str) -> str:
        """The partner's code for our ``unit``; UnmappedUnits if the table has none."""
        try:
            return self.codes[unit]
        except KeyError:
            raise UnmappedUnits((unit,)) from None


def find_unmapped_units(unit_map: UnitMap, units_in_use: Iterable[str]) -> tuple[str, ...]:
    """Every unit in use that ``unit_map`` does not map, sorted, each once."""
    return tuple(sorted({unit for unit in units_in_use if unit not in unit_map.codes}))


def validate_unit_map(unit_map: UnitMap, units_in_use: Iterable[str]) -> None:
    """Raise UnmappedUnits naming every unit in use that the partner's table lacks."""
    missing = find_unmapped_units(unit_map, units_in_use)
    if missing:
        raise UnmappedUnits(missing)
