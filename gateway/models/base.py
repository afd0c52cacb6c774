"""Declarative base and column types shared by the models."""

import datetime
import decimal
from typing import Annotated
from typing import Any

from sqlalchemy import JSON
from sqlalchemy import DateTime
from sqlalchemy import MetaData
from sqlalchemy import Numeric
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.orm import mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Money and quantities are Numeric end to end (Decimal in Python, never float).
Amount = Annotated[decimal.Decimal, mapped_column(Numeric(18, 4))]
Quantity = Annotated[decimal.Decimal, mapped_column(Numeric(18, 3))]
Currency = Annotated[str, mapped_column(String(3))]  # ISO 4217
Unit = Annotated[str, mapped_column(String(3))]  # UN/CEFACT Recommendation 20
Timestamp = Annotated[datetime.datetime, mapped_column(DateTime(timezone=True))]


def utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


# The largest value of a whole-number column that is not an id (an order's version, a line
# number): PostgreSQL's INTEGER is 32-bit.
MAX_INTEGER = 2**31 - 1

# The largest id a row can have: SQLite's integers are 64-bit, and the sqlite3 driver refuses to
# send a larger Python int at all (OverflowError), even to compare it. PostgreSQL compares one.
MAX_ID = 2**63 - 1


def column_length(attribute) -> int:
    """The length of a model's String column (`Order.order_id` -> 100): the most characters
    PostgreSQL stores in it (SQLite does not check)."""
    return attribute.property.columns[0].type.length


def numeric_problem(attribute, value: decimal.Decimal) -> str:
    """Why a model's Numeric column cannot hold `value` exactly ("" when it can): more decimal
    places than its scale (PostgreSQL rounds them away: 1.0004 becomes 1.000), or more digits
    before the decimal point than its precision leaves (PostgreSQL refuses the row: numeric
    field overflow). Trailing zeros are no decimal places: 2.5000 fits NUMERIC(18, 3)."""
    kind = attribute.property.columns[0].type
    exact = value.normalize()
    places = max(0, -exact.as_tuple().exponent)
    if places > kind.scale:
        return f"{places:,} decimal places; at most {kind.scale} are stored"
    whole, room = max(0, exact.adjusted() + 1), kind.precision - kind.scale
    if whole > room:
        return f"{whole:,} digits before the decimal point; at most {room} are stored"
    return ""


def could_be_id(number: int) -> bool:
    """Whether a number from outside (a URL, an order's SupplierPartAuxiliaryID, a command
    line) is in range to name a row; a number past it names none, on either database."""
    return 0 < number <= MAX_ID


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON}
