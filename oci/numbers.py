"""OCI number formats: written and read as plain ASCII with a '.' decimal point.

Strategy: OCI numeric fields (QUANTITY, PRICE, PRICEUNIT, LEADTIME...) carry at most
``integer_digits`` digits before and exactly ``decimals`` digits after a '.' (SAP help, inbound
section: decimal point only, no thousands separators, no leading spaces). Values are ``Decimal``
or ``int`` and are never rounded here: a value that does not fit is refused with ``ValueError``,
which the caller turns into a typed error that names the field. Zero padding to the field width
(as some SAP installations expect, e.g. ``00000000002.000``) is an option.
"""

import re
from decimal import Decimal

from oci.fields import FieldKind
from oci.fields import FieldSpec

__all__ = ["format_number", "parse_number"]


def format_number(spec: FieldSpec, value: Decimal | int, *, pad: bool = False) -> str:
    """Write ``value`` in the number format of ``spec``; ValueError if it does not fit."""
    if spec.integer_digits is None:
        raise ValueError(f"{spec.name} is not a numeric field")
    number = _as_decimal(value)
    if spec.kind is FieldKind.INTEGER and number != number.to_integral_value():
        raise ValueError(f"{value} is not a whole number")
    if number.adjusted() >= spec.integer_digits:
        raise ValueError(f"{value} has more than {spec.integer_digits} integer digits")
    fixed = number.quantize(Decimal(1).scaleb(-spec.decimals))
    if fixed != number:
        raise ValueError(f"{value} has more than {spec.decimals} decimals")
    text = format(fixed, "f")
    return text.zfill(spec.width) if pad else text


def parse_number(spec: FieldSpec, text: str) -> Decimal:
    """Read an OCI number for ``spec`` (surrounding blanks tolerated); ValueError if not one."""
    if spec.integer_digits is None:
        raise ValueError(f"{spec.name} is not a numeric field")
    fraction = rf"(?:\.[0-9]{{1,{spec.decimals}}})?" if spec.decimals else ""
    pattern = rf"[0-9]{{1,{spec.integer_digits}}}{fraction}"
    stripped = text.strip(" ")
    if re.fullmatch(pattern, stripped) is None:
        raise ValueError(
            f"{text!r} is not a number with at most {spec.integer_digits} digits"
            f" and {spec.decimals} decimals after a '.'"
        )
    return Decimal(stripped)


def _as_decimal(value: Decimal | int) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise ValueError(f"{value!r} is not a Decimal or an int")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"{value} is not a finite number")
    if number < 0 or number.is_signed():
        raise ValueError(f"{value} is negative")
    return number
