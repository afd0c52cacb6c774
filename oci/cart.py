"""Outbound: cart lines to the ordered ``NEW_ITEM-*`` field list posted to the HOOK_URL.

Strategy: a ``CartLine`` holds one line in our terms (attributes named after the OCI fields, in
snake_case). ``build_new_item_fields`` walks the field table of ``oci.fields`` for each line,
index from 1 (SAP help: line indexes start at 1; ``[0]`` is dropped by some SAP ITS versions),
and writes every value as its row says: numbers in the OCI number format, units through the
partner's ``UnitMap``, text checked against its length. Only DESCRIPTION is cut (to 40, the whole
text then leads the ``NEW_ITEM-LONGTEXT_n:132[]`` field) and ATTACHMENT_TITLE (a title); any
other overflow is refused with an error naming the line and the field, because a cut vendor
material, contract or material group would point at something else. PRICE is per PRICEUNIT
units; a partner whose SAP ignores PRICEUNIT gets prices divided down to one unit instead.
"""

import enum
import unicodedata
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import fields
from decimal import ROUND_HALF_UP
from decimal import Decimal
from urllib.parse import urlsplit

from oci.errors import FieldNotInVersion
from oci.errors import FieldTooLong
from oci.errors import InvalidFieldValue
from oci.fields import FIELDS
from oci.fields import FIELDS_BY_NAME
from oci.fields import FieldKind
from oci.fields import FieldSpec
from oci.fields import OciVersion
from oci.fields import Overflow
from oci.fields import Requirement
from oci.numbers import format_number
from oci.units import UnitMap

__all__ = ["CartLine", "OutboundOptions", "PriceMode", "build_new_item_fields"]

FormFields = tuple[tuple[str, str], ...]

_ALLOWED_CONTROLS = {FieldKind.LONGTEXT: "\n\r\t"}
_DERIVED = frozenset({"UNIT", "PRICE", "PRICEUNIT"})  # written from the partner's settings


@dataclass(frozen=True, slots=True, kw_only=True)
class CartLine:
    """One cart line in our terms; ``unit`` is our UN/CEFACT code, ``price`` is per
    ``priceunit`` units. Empty strings count as absent."""

    quantity: Decimal
    description: str | None = None
    matnr: str | None = None
    unit: str | None = None
    price: Decimal | None = None
    currency: str | None = None
    priceunit: int = 1
    leadtime: int | None = None
    vendor: str | None = None
    vendormat: str | None = None
    manufactcode: str | None = None
    manufactmat: str | None = None
    matgroup: str | None = None
    service: bool = False
    contract: str | None = None
    contract_item: str | None = None
    ext_quote_id: str | None = None
    ext_quote_item: str | None = None
    ext_product_id: str | None = None
    attachment: str | None = None
    attachment_title: str | None = None
    attachment_purpose: str | None = None
    ext_schema_type: str | None = None
    ext_category_id: str | None = None
    ext_category: str | None = None
    sld_sys_name: str | None = None
    cust_field1: str | None = None
    cust_field2: str | None = None
    cust_field3: str | None = None
    cust_field4: str | None = None
    cust_field5: str | None = None
    item_type: str | None = None
    parent_id: int | None = None
    tax: str | None = None
    longtext: str | None = None

    def __post_init__(self) -> None:
        for item in fields(self):
            if getattr(self, item.name) == "":
                object.__setattr__(self, item.name, None)
        _check_decimal("quantity", self.quantity)
        if self.quantity <= 0:
            raise ValueError("quantity must be greater than zero")
        if self.price is not None:
            _check_decimal("price", self.price)
            if self.currency is None:
                raise ValueError("a price needs a currency")
        if not _is_int(self.priceunit) or self.priceunit < 1:
            raise ValueError("priceunit is a whole number of units, at least 1")
        for name in ("leadtime", "parent_id"):
            value = getattr(self, name)
            if value is not None and (not _is_int(value) or value < 0):
                raise ValueError(f"{name} is a whole number, not negative")
        if self.matnr is None and (self.description is None or self.unit is None):
            raise ValueError("a line without matnr needs a description and a unit")


class PriceMode(enum.Enum):
    """How a price for more than one unit is sent."""

    PRICEUNIT = "priceunit"  # PRICE as is, NEW_ITEM-PRICEUNIT = the number of units
    PER_UNIT = "per unit"  # PRICE divided down to one unit, rounded half up to 3 decimals


@dataclass(frozen=True, slots=True, kw_only=True)
class OutboundOptions:
    """A partner's settings for the cart form."""

    unit_map: UnitMap
    version: OciVersion = OciVersion.V4_0
    price_mode: PriceMode = PriceMode.PRICEUNIT
    required_fields: frozenset[str] = frozenset()
    send_empty_fields: bool = False
    pad_numbers: bool = False

    def __post_init__(self) -> None:
        unknown = sorted(set(self.required_fields) - set(FIELDS_BY_NAME))
        if unknown:
            raise ValueError(f"required_fields: no OCI field named {', '.join(unknown)}")
        object.__setattr__(self, "required_fields", frozenset(self.required_fields))


def build_new_item_fields(
    lines: Sequence[CartLine],
    options: OutboundOptions,
    *,
    echo_fields: Iterable[tuple[str, str]] = (),
) -> FormFields:
    """The ordered form fields for ``lines`` (indexes from 1), then ``echo_fields`` unchanged."""
    out: list[tuple[str, str]] = []
    for index, line in enumerate(lines, start=1):
        out.extend(_line_fields(index, line, options))
    out.extend((name, value) for name, value in echo_fields)
    return tuple(out)


def _line_fields(index: int, line: CartLine, options: OutboundOptions) -> FormFields:
    values = _raw_values(index, line, options)
    out = []
    for spec in FIELDS:
        value = values.get(spec.name)
        if value is None:
            _check_absent(index, spec, line, options)
            if options.send_empty_fields and options.version in spec.versions:
                if spec.kind is not FieldKind.LONGTEXT:
                    out.append((spec.form_name(index), ""))
            continue
        if options.version not in spec.versions:
            version = options.version.value
            raise FieldNotInVersion(index, spec.name, f"is not a field of OCI {version}")
        text, spill = _fit(index, spec, value)
        if spill is not None:
            own = values.get("LONGTEXT")
            values["LONGTEXT"] = spill if own is None else f"{spill}\n{own}"
        out.append((spec.form_name(index), text))
    return tuple(out)


def _raw_values(index: int, line: CartLine, options: OutboundOptions) -> dict[str, str | None]:
    """Every field's value as text before its length is checked."""
    values: dict[str, str | None] = {}
    for spec in FIELDS:
        if spec.name in _DERIVED:
            continue
        value = getattr(line, spec.attribute)
        if spec.integer_digits is not None:
            value = None if value is None else _number(index, spec, value, options)
        elif spec.kind is FieldKind.FLAG:
            value = "X" if value else None
        elif value is not None:
            value = unicodedata.normalize("NFC", value)
        values[spec.name] = value
    values["UNIT"] = None if line.unit is None else options.unit_map.map(line.unit)
    price, priceunit = _price(line, options.price_mode)
    values["PRICE"] = None if price is None else _number(index, _spec("PRICE"), price, options)
    values["PRICEUNIT"] = (
        None if priceunit == 1 else _number(index, _spec("PRICEUNIT"), priceunit, options)
    )
    return values


def _price(line: CartLine, mode: PriceMode) -> tuple[Decimal | None, int]:
    """PRICE and PRICEUNIT as sent: PRICEUNIT only when the price is per more than one unit."""
    if line.price is None or line.priceunit == 1 or mode is PriceMode.PRICEUNIT:
        return line.price, line.priceunit
    exponent = Decimal(1).scaleb(-_spec("PRICE").decimals)
    return (line.price / line.priceunit).quantize(exponent, rounding=ROUND_HALF_UP), 1


def _number(index: int, spec: FieldSpec, value: Decimal | int, options: OutboundOptions) -> str:
    try:
        return format_number(spec, value, pad=options.pad_numbers)
    except ValueError as exc:
        raise InvalidFieldValue(index, spec.name, str(exc)) from exc


def _check_absent(index: int, spec: FieldSpec, line: CartLine, options: OutboundOptions) -> None:
    if spec.name in options.required_fields:
        raise InvalidFieldValue(index, spec.name, "is required by the partner")
    if spec.requirement is Requirement.ALWAYS or (
        spec.requirement is Requirement.UNLESS_MATNR and line.matnr is None
    ):
        raise InvalidFieldValue(index, spec.name, "is required")


def _fit(index: int, spec: FieldSpec, value: str) -> tuple[str, str | None]:
    """The value as sent and, for a cut description, the whole text for LONGTEXT."""
    allowed = _ALLOWED_CONTROLS.get(spec.kind, "")
    bad = [char for char in value if unicodedata.category(char) == "Cc" and char not in allowed]
    if bad:
        raise InvalidFieldValue(index, spec.name, f"holds the control character {bad[0]!r}")
    if spec.kind is FieldKind.CODE and not (value.isascii() and value.isalnum()):
        raise InvalidFieldValue(index, spec.name, f"{value!r} is not a code of letters and digits")
    if spec.kind is FieldKind.URL:
        try:
            parts = urlsplit(value)
            web = parts.scheme in ("http", "https") and bool(parts.hostname)
        except ValueError:  # an unclosed [IPv6 host, say
            web = False
        if not web:
            raise InvalidFieldValue(index, spec.name, f"{value!r} is not an http(s) URL")
    if spec.max_length is None or len(value) <= spec.max_length:
        return value, None
    if spec.overflow is Overflow.REFUSE:
        raise FieldTooLong(index, spec.name, len(value), spec.max_length)
    cut = value[: spec.max_length].rstrip()
    return cut, value if spec.overflow is Overflow.TRUNCATE_TO_LONGTEXT else None


def _spec(name: str) -> FieldSpec:
    return FIELDS_BY_NAME[name]


def _check_decimal(name: str, value: object) -> None:
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        raise ValueError(f"{name} must be a finite, non-negative Decimal, got {value!r}")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
