"""payloadIDs and timestamps: made from an injected clock and randomness, read strictly.

cXML@payloadID must be unique per document; the recommended form is
`<time>.<random>@<host>` (formats.md 1.2). cXML@timestamp and the other datetime.tz attributes
carry a time zone (DTD comment on datetime.tz); Oracle sends timestamps without one, which only
the lenient reader accepts, reading them as UTC (docs/cxml-deviations.md).
"""

from __future__ import annotations

import re
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from datetime import UTC
from datetime import date
from datetime import datetime

from cxml._xml import remember
from cxml.errors import InvalidContent

__all__ = [
    "PayloadIdFactory",
    "format_date",
    "format_timestamp",
    "parse_date",
    "parse_date_or_timestamp",
    "parse_timestamp",
]

_HOST = re.compile(r"[A-Za-z0-9.-]+")
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_dates: dict[tuple[str, bool], date | datetime] = {}


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True, kw_only=True)
class PayloadIdFactory:
    """Makes payloadIDs `<epoch millis>.<random hex>@<host>` and the matching timestamps."""

    host: str = field(default_factory=socket.getfqdn)
    clock: Callable[[], datetime] = _now
    random_hex: Callable[[int], str] = secrets.token_hex

    def __post_init__(self) -> None:
        if not _HOST.fullmatch(self.host):
            raise ValueError(f"host {self.host!r} is not a plain host name")

    def now(self) -> datetime:
        """The current time from the injected clock; it must be timezone-aware."""
        moment = self.clock()
        if moment.tzinfo is None:
            raise ValueError("the clock must return timezone-aware datetimes")
        return moment

    def payload_id(self, moment: datetime | None = None) -> str:
        """A new payloadID: time, 16 random hex digits, host."""
        moment = moment or self.now()
        return f"{int(moment.timestamp() * 1000)}.{self.random_hex(8)}@{self.host}"


def format_timestamp(moment: datetime) -> str:
    """ISO 8601 with seconds and offset, as datetime.tz wants: 2024-05-01T10:00:00+02:00."""
    if moment.tzinfo is None:
        raise ValueError("cXML timestamps need a time zone")
    return moment.isoformat(timespec="seconds")


def parse_timestamp(text: str, *, lenient: bool = False) -> datetime:
    """Read a datetime.tz value; the zone is required unless `lenient` (then UTC is assumed)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise InvalidContent(f"{text!r} is not an ISO 8601 date and time") from exc
    if moment.tzinfo is None:
        if not lenient:
            raise InvalidContent(f"timestamp {text!r} has no time zone; cXML requires one")
        moment = moment.replace(tzinfo=UTC)
    return moment


def format_date(value: date | datetime) -> str:
    """A date attribute: `2024-05-01`, or a full timestamp when given a datetime."""
    if isinstance(value, datetime):
        return format_timestamp(value)
    return value.isoformat()


def parse_date(text: str) -> date:
    """Read a date-only value such as `2015-04-14`."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InvalidContent(f"{text!r} is not an ISO 8601 date") from exc


def parse_date_or_timestamp(text: str, *, lenient: bool = False) -> date | datetime:
    """Attributes typed `date` carry either form in practice (cxml-php readme): read both."""
    found = _dates.get((text, lenient))
    if found is not None:
        return found
    if _DATE_ONLY.fullmatch(text.strip()):
        value = parse_date(text)
    else:
        value = parse_timestamp(text, lenient=lenient)
    remember(_dates, (text, lenient), value, text)
    return value
