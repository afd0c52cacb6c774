"""Profile transaction: ProfileRequest (empty; also a ping) and ProfileResponse (formats.md 1.12).

ProfileResponse (Option*, Transaction+) @effectiveDate REQUIRED @lastRefresh; each Transaction
(URL, Option*) @requestName names a request the endpoint accepts. The DTD says effectiveDate
must not lie in the future; the caller's clock decides that, so it is not checked here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from cxml._write import attr
from cxml._write import end
from cxml._write import leaf
from cxml._write import start
from cxml._xml import need
from cxml._xml import need_attr
from cxml._xml import text
from cxml.ids import format_timestamp
from cxml.ids import parse_timestamp

__all__ = ["Option", "ProfileRequest", "ProfileResponse", "Transaction"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfileRequest:
    """Asks which transactions the endpoint supports; has no content."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Option:
    """Option@name with its value."""

    name: str
    value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Transaction:
    """Transaction@requestName: one supported request and the URL to post it to."""

    request_name: str
    url: str
    options: tuple[Option, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfileResponse:
    """The endpoint's profile: its transactions and options."""

    effective_date: datetime
    transactions: tuple[Transaction, ...]
    options: tuple[Option, ...] = ()
    last_refresh: datetime | None = None

    def __post_init__(self) -> None:
        if not self.transactions:
            raise ValueError("ProfileResponse lists at least one Transaction (DTD: Transaction+)")


def read_profile_request(el: etree._Element, *, lenient: bool = False) -> ProfileRequest:
    """Read a ProfileRequest element (it has no content)."""
    return ProfileRequest()


def write_profile_request(out: list[str], value: ProfileRequest) -> None:
    out.append("<ProfileRequest/>")


def _options(el: etree._Element) -> tuple[Option, ...]:
    return tuple(
        Option(name=need_attr(c, "name"), value=text(c)) for c in el.iterchildren("Option")
    )


def read_profile_response(el: etree._Element, *, lenient: bool = False) -> ProfileResponse:
    """Read a ProfileResponse element."""
    refresh = el.get("lastRefresh")
    return ProfileResponse(
        effective_date=parse_timestamp(need_attr(el, "effectiveDate"), lenient=lenient),
        last_refresh=None if refresh is None else parse_timestamp(refresh, lenient=lenient),
        options=_options(el),
        transactions=tuple(
            Transaction(
                request_name=need_attr(t, "requestName"),
                url=text(need(t, "URL")),
                options=_options(t),
            )
            for t in el.iterchildren("Transaction")
        ),
    )


def _write_options(out: list[str], options: tuple[Option, ...]) -> None:
    for option in options:
        leaf(out, "Option", option.value, attr("name", option.name))


def write_profile_response(out: list[str], value: ProfileResponse) -> None:
    refresh = None if value.last_refresh is None else format_timestamp(value.last_refresh)
    attrs = attr("effectiveDate", format_timestamp(value.effective_date))
    mark = start(out, "ProfileResponse", attrs + attr("lastRefresh", refresh))
    _write_options(out, value.options)
    for transaction in value.transactions:
        out.append(f"<Transaction{attr('requestName', transaction.request_name)}>")
        leaf(out, "URL", transaction.url)
        _write_options(out, transaction.options)
        out.append("</Transaction>")
    end(out, "ProfileResponse", mark)
