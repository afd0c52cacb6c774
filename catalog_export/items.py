"""The values every writer reads: one priced catalog row, and the header of one export.

Rows are built by the export job from a product and a price-book quote; writers never look
anything up. Invariants are checked when a value is built, so a writer can trust every field:
required texts are present, prices are Decimal with at most four decimals (CIF 3.0 Unit Price,
formats.md 3.2), tiers ascend, a punch-out level 2 item has the URL it punches out to.
"""

import dataclasses
import datetime
import itertools
import operator
import re
from decimal import Decimal

from catalog_export.charsets import codec_for_charset
from catalog_export.errors import InvalidCatalogValue

__all__ = [
    "CatalogItem",
    "ContractInfo",
    "DeletedItem",
    "ExportHeader",
    "TierPrice",
]

_CURRENCY = re.compile(r"[A-Z]{3}")
_UNIT = re.compile(r"[A-Z0-9]{2,3}")
_UNSPSC = re.compile(r"[0-9]{2,10}")
_LANGUAGE = re.compile(r"[a-z]{2}(-[A-Z]{2})?")
_LOAD_MODES = ("F", "I")
_MAX_PRICE_DECIMALS = 4
_CENT = Decimal("0.01")

_value = dataclasses.dataclass(frozen=True, slots=True, kw_only=True)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise InvalidCatalogValue(message)


# The checks below run for every exported item (a million per large catalog), so they test
# first and build an error message only when a test fails.


def _check_text(name: str, value: object, *, required: bool) -> None:
    if not isinstance(value, str):
        raise InvalidCatalogValue(f"{name} must be a str, not {type(value).__name__}")
    if required and (not value or value.isspace()):
        raise InvalidCatalogValue(f"{name} is required")


def _check_code(pattern: re.Pattern, value: str, message: str) -> None:
    if pattern.fullmatch(value) is None:
        raise InvalidCatalogValue(f"{message}: {value!r}")


def _check_price(name: str, value: object) -> None:
    if not isinstance(value, Decimal):
        raise InvalidCatalogValue(f"{name} must be a Decimal, not {type(value).__name__}")
    if not value.is_finite() or value < 0:
        raise InvalidCatalogValue(f"{name} must be a finite price >= 0: {value}")
    # Most prices are in cents: same_quantum answers those without building a digit tuple.
    if not value.same_quantum(_CENT) and value.as_tuple().exponent < -_MAX_PRICE_DECIMALS:
        raise InvalidCatalogValue(
            f"{name} has more than {_MAX_PRICE_DECIMALS} decimals (CIF 3.0 Unit Price): {value}"
        )


@_value
class TierPrice:
    """A quantity break: from min_quantity units on, each unit costs unit_price."""

    min_quantity: Decimal
    unit_price: Decimal

    def __post_init__(self) -> None:
        quantity = self.min_quantity
        if not isinstance(quantity, Decimal) or not quantity.is_finite():
            raise InvalidCatalogValue(f"min_quantity must be a finite Decimal: {quantity!r}")
        if quantity <= 1:
            raise InvalidCatalogValue(f"a tier starts above quantity 1: {quantity}")
        _check_price("tier unit_price", self.unit_price)


@_value
class CatalogItem:
    """One product as one buyer entity may buy it: texts in the export's language, its price."""

    supplier_part_id: str
    description: str
    unspsc: str
    unit_of_measure: str
    unit_price: Decimal
    currency: str
    supplier_part_auxiliary_id: str = ""
    manufacturer_name: str = ""
    manufacturer_part_id: str = ""
    long_description: str = ""
    tier_prices: tuple[TierPrice, ...] = ()
    lead_time_days: int | None = None
    supplier_url: str = ""
    image_url: str = ""
    punchout_level2: bool = False
    contract_code: str = ""
    # The language of the texts when it is not the export's (a product not yet translated);
    # formats that name a language per item name this one.
    language: str = ""
    # The least quantity the entity may order (its contract prices start there; unit_price is
    # the price at it); None: from 1. BMEcat and the workbook carry it; CIF and cXML Index
    # have no field for it and skip such an item rather than offer it from 1.
    minimum_quantity: Decimal | None = None

    def __post_init__(self) -> None:
        self._check_texts()
        self._check_codes()
        _check_price("unit_price", self.unit_price)
        self._check_tiers()
        lead_time = self.lead_time_days
        if lead_time is not None and (type(lead_time) is not int or lead_time < 0):
            raise InvalidCatalogValue(f"lead time is whole days >= 0: {lead_time!r}")
        if type(self.punchout_level2) is not bool:
            raise InvalidCatalogValue("punchout_level2 is a bool")
        if self.punchout_level2 and not self.supplier_url:
            raise InvalidCatalogValue(
                "a punch-out level 2 item needs the supplier_url it punches out to"
            )
        if self.language and _LANGUAGE.fullmatch(self.language) is None:
            raise InvalidCatalogValue(f"language is like 'de' or 'de-DE': {self.language!r}")
        minimum = self.minimum_quantity
        if minimum is not None and not (
            isinstance(minimum, Decimal) and minimum.is_finite() and minimum > 0
        ):
            raise InvalidCatalogValue(f"minimum_quantity is a Decimal > 0: {minimum!r}")

    def _check_texts(self) -> None:
        # All texts at once (C-level map and all); the field by field pass names the culprit.
        required = _REQUIRED_VALUES(self)
        texts = required + _OPTIONAL_VALUES(self)
        if (
            all(map(isinstance, texts, itertools.repeat(str)))
            and all(required)
            and not any(map(str.isspace, required))
        ):
            return
        for name in _REQUIRED_TEXTS:
            _check_text(name, getattr(self, name), required=True)
        for name in _OPTIONAL_TEXTS:
            _check_text(name, getattr(self, name), required=False)

    def _check_codes(self) -> None:
        # A catalog has few distinct (UNSPSC, unit, currency) triples: each is checked once.
        codes = (self.unspsc, self.unit_of_measure, self.currency)
        if codes in _VALID_CODES:
            return
        _check_code(_UNSPSC, self.unspsc, "UNSPSC is digits")
        _check_code(_UNIT, self.unit_of_measure, "unit of measure is a UN/CEFACT Rec. 20 code")
        _check_code(_CURRENCY, self.currency, "ISO 4217")
        if len(_VALID_CODES) < _VALID_CODES_KEPT:
            _VALID_CODES.add(codes)

    def _check_tiers(self) -> None:
        tiers = self.tier_prices
        if not isinstance(tiers, tuple):
            raise InvalidCatalogValue("tier_prices is a tuple of TierPrice")
        for tier in tiers:
            if not isinstance(tier, TierPrice):
                raise InvalidCatalogValue(f"not a TierPrice: {tier!r}")
        if not all(low.min_quantity < high.min_quantity for low, high in itertools.pairwise(tiers)):
            floors = [tier.min_quantity for tier in tiers]
            raise InvalidCatalogValue(f"tier minimum quantities must ascend strictly: {floors}")


_REQUIRED_TEXTS = ("supplier_part_id", "description", "unspsc", "unit_of_measure")
_OPTIONAL_TEXTS = (
    "supplier_part_auxiliary_id",
    "manufacturer_name",
    "manufacturer_part_id",
    "long_description",
    "supplier_url",
    "image_url",
    "contract_code",
)
_VALID_CODES: set[tuple[str, str, str]] = set()
_VALID_CODES_KEPT = 10_000
_REQUIRED_VALUES = operator.attrgetter(*_REQUIRED_TEXTS)
_OPTIONAL_VALUES = operator.attrgetter(*_OPTIONAL_TEXTS)


@_value
class DeletedItem:
    """An item an incremental export removes (CIF Delete column, cXML IndexItemDelete)."""

    supplier_part_id: str
    supplier_part_auxiliary_id: str = ""

    def __post_init__(self) -> None:
        _check_text("supplier_part_id", self.supplier_part_id, required=True)
        _check_text("supplier_part_auxiliary_id", self.supplier_part_auxiliary_id, required=False)


@_value
class ContractInfo:
    """A contract whose prices the export shows: code, name, level (tier name), validity."""

    code: str
    name: str
    level: str
    valid_from: datetime.date
    valid_to: datetime.date | None = None

    def __post_init__(self) -> None:
        _check_text("contract code", self.code, required=True)
        _check_text("contract name", self.name, required=True)
        _check_text("contract level", self.level, required=False)
        _require(isinstance(self.valid_from, datetime.date), "valid_from is a date")
        _require(
            self.valid_to is None or self.valid_from <= self.valid_to,
            f"contract {self.code}: valid_from {self.valid_from} is after valid_to {self.valid_to}",
        )


@_value
class ExportHeader:
    """What one export is: whose catalog, for which entity, in which currency and language."""

    supplier_id: str
    supplier_domain: str
    entity_code: str
    entity_name: str
    currency: str
    language: str
    as_of: datetime.date
    generated_at: datetime.datetime
    contracts: tuple[ContractInfo, ...] = ()
    comments: str = ""
    supplier_name: str = ""
    load_mode: str = "F"
    charset: str = "UTF-8"

    def __post_init__(self) -> None:
        for name in ("supplier_id", "supplier_domain", "entity_code", "entity_name"):
            _check_text(name, getattr(self, name), required=True)
        _check_text("comments", self.comments, required=False)
        _check_text("supplier_name", self.supplier_name, required=False)
        _require(_CURRENCY.fullmatch(self.currency) is not None, f"ISO 4217: {self.currency!r}")
        _require(
            _LANGUAGE.fullmatch(self.language) is not None,
            f"language is like 'de' or 'de-DE': {self.language!r}",
        )
        _require(isinstance(self.as_of, datetime.date), "as_of is a date")
        _require(
            isinstance(self.generated_at, datetime.datetime)
            and self.generated_at.utcoffset() is not None,
            "generated_at is a datetime with a time zone",
        )
        _require(isinstance(self.contracts, tuple), "contracts is a tuple of ContractInfo")
        _require(
            all(isinstance(contract, ContractInfo) for contract in self.contracts),
            "contracts holds ContractInfo values",
        )
        _require(self.load_mode in _LOAD_MODES, f"LOADMODE is F or I: {self.load_mode!r}")
        codec_for_charset(self.charset)

    @property
    def incremental(self) -> bool:
        """True for LOADMODE I: rows are changes, and DeletedItem rows are allowed."""
        return self.load_mode == "I"
