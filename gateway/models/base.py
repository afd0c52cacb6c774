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


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON}
