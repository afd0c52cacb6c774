"""Small cXML values used across messages: Money, Extrinsic, Description, Classification, Comments.

Each value has a reader (`read_*`, element -> value) and a writer (`write_*`, appends its
escaped XML to the output list). Money is a Decimal plus an ISO 4217 code (Money@currency,
formats.md 1.6); amounts of different currencies never mix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from lxml import etree

from cxml._construct import constructor
from cxml._write import attr
from cxml._write import escape
from cxml._write import lang
from cxml._write import leaf
from cxml._xml import XML_LANG
from cxml._xml import first
from cxml._xml import fmt_decimal
from cxml._xml import need_attr
from cxml._xml import remember
from cxml._xml import text
from cxml._xml import to_decimal
from cxml._xml import where
from cxml.errors import InvalidContent

__all__ = [
    "Classification",
    "Comments",
    "Description",
    "DocumentReference",
    "Extrinsic",
    "Money",
    "extrinsic_value",
]

_CURRENCY = re.compile(r"[A-Z]{3}")
# Prices and commodity codes repeat from line to line and document to document; Money and
# Classification are immutable, so one read from the same attributes and text is handed out
# again (see _xml.remember).
_monies: dict[tuple[str | None, str | None], Money] = {}
_classifications: dict[tuple[str | None, ...], Classification] = {}


@dataclass(frozen=True, slots=True, kw_only=True)
class Money:
    """An amount in one ISO 4217 currency (cXML Money)."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite():
            raise ValueError(f"amount must be a finite Decimal, not {self.amount!r}")
        if not _CURRENCY.fullmatch(self.currency):
            raise ValueError(f"currency {self.currency!r} is not an ISO 4217 code")

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(amount=self.amount + other.amount, currency=self.currency)

    def times(self, factor: Decimal) -> Money:
        """This amount multiplied by a quantity, unrounded."""
        return Money(amount=self.amount * factor, currency=self.currency)


_money = constructor(Money)


def read_money(el: etree._Element) -> Money:
    """Read a Money element (text amount, @currency)."""
    key = (el.get("currency"), el.text)
    money = _monies.get(key) if len(el) == 0 else None
    if money is not None:
        return money
    currency = need_attr(el, "currency")
    if not _CURRENCY.fullmatch(currency):
        raise InvalidContent(f"{where(el)}: currency {currency!r} is not an ISO 4217 code")
    money = _money(amount=to_decimal(text(el), el, "amount"), currency=currency)
    if len(el) == 0:
        remember(_monies, key, money, key[0] + key[1])
    return money


def write_money(out: list[str], money: Money) -> None:
    # Nothing to escape: Money holds an ISO 4217 code and a finite Decimal.
    out.append(f'<Money currency="{money.currency}">{fmt_decimal(money.amount)}</Money>')


def read_money_in(el: etree._Element) -> Money:
    """Money wrapped in a parent such as Total, Charge or UnitPrice."""
    money = el[0] if len(el) else None
    if money is None or money.tag != "Money":
        money = first(el, "Money")
    if money is None:
        raise InvalidContent(f"{where(el)}: required element Money is missing")
    return read_money(money)


def write_money_in(out: list[str], tag: str, money: Money) -> None:
    out.append(
        f'<{tag}><Money currency="{money.currency}">{fmt_decimal(money.amount)}</Money></{tag}>'
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Extrinsic:
    """A named extension value (Extrinsic@name); its content is kept as text."""

    name: str
    value: str = ""

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("an Extrinsic needs a name")


_extrinsic = constructor(Extrinsic)


def read_extrinsics(el: etree._Element) -> tuple[Extrinsic, ...]:
    return read_extrinsic_list(el.iterchildren("Extrinsic"))


def read_extrinsic_list(elements: Iterable[etree._Element]) -> tuple[Extrinsic, ...]:
    return tuple(
        [
            _extrinsic(
                name=need_attr(child, "name"),
                value=text(child) if len(child) else (child.text or "").strip(),
            )
            for child in elements
        ]
    )


def write_extrinsics(out: list[str], extrinsics: tuple[Extrinsic, ...]) -> None:
    for extrinsic in extrinsics:
        leaf(out, "Extrinsic", extrinsic.value or None, attr("name", extrinsic.name))


def extrinsic_value(extrinsics: tuple[Extrinsic, ...], *names: str) -> str | None:
    """The first non-empty value among Extrinsics with any of `names` (case-insensitive)."""
    wanted = {name.lower() for name in names}
    for extrinsic in extrinsics:
        if extrinsic.name.lower() in wanted and extrinsic.value:
            return extrinsic.value
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Description:
    """Description: text in a language (xml:lang is required by the DTD), optional ShortName."""

    text: str
    lang: str = "en"
    short_name: str | None = None


_description = constructor(Description)


def read_description(el: etree._Element) -> Description:
    """Description is (#PCDATA | ShortName)* (formats.md 1.6): its text is all the text
    outside ShortName, before or after it; the first ShortName is the short name."""
    if not len(el):
        return _description(text=(el.text or "").strip(), lang=el.get(XML_LANG) or "en")
    short = first(el, "ShortName")
    return _description(
        text=_text_outside(el, "ShortName"),
        lang=el.get(XML_LANG) or "en",
        short_name=None if short is None else text(short),
    )


def _text_outside(el: etree._Element, tag: str) -> str:
    """The element's text but that inside its `tag` children, stripped (as text() reads it,
    comments and processing instructions skipped, their tails kept)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag != tag:
            parts.extend(child.itertext())
        parts.append(child.tail or "")
    return "".join(parts).strip()


def write_description(out: list[str], description: Description) -> None:
    opening = f"<Description{lang(description.lang)}>{escape(description.text)}"
    if description.short_name is None:
        out.append(f"{opening}</Description>")
    else:
        out.append(
            f"{opening}<ShortName>{escape(description.short_name)}</ShortName></Description>"
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Classification:
    """Classification@domain (UNSPSC, eCl@ss, MaterialGroup...) and its code."""

    domain: str
    code: str


_classification = constructor(Classification)


def read_classification(el: etree._Element) -> Classification:
    key = (el.get("domain"), el.text, el.get("code"))
    found = _classifications.get(key) if len(el) == 0 else None
    if found is not None:
        return found
    value = _classification(domain=need_attr(el, "domain"), code=text(el) or el.get("code", ""))
    if len(el) == 0:
        remember(_classifications, key, value, f"{key[0]}{key[1]}{key[2]}")
    return value


def write_classification(out: list[str], value: Classification) -> None:
    leaf(out, "Classification", value.code, attr("domain", value.domain))


@dataclass(frozen=True, slots=True, kw_only=True)
class Comments:
    """Free-text Comments with an optional language and type."""

    text: str
    lang: str | None = None
    type: str | None = None


_comments = constructor(Comments)


def read_comments(el: etree._Element) -> tuple[Comments, ...]:
    return read_comment_list(el.iterchildren("Comments"))


def read_comment_list(elements: Iterable[etree._Element]) -> tuple[Comments, ...]:
    return tuple(
        _comments(text=text(child), lang=child.get(XML_LANG), type=child.get("type"))
        for child in elements
    )


def write_comments(out: list[str], comments: tuple[Comments, ...]) -> None:
    for comment in comments:
        leaf(out, "Comments", comment.text, attr("type", comment.type) + lang(comment.lang))


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentReference:
    """DocumentReference@payloadID: the earlier document this one refers to."""

    payload_id: str


def read_document_reference(el: etree._Element | None) -> DocumentReference | None:
    if el is None:
        return None
    return DocumentReference(payload_id=need_attr(el, "payloadID"))


def write_document_reference(out: list[str], ref: DocumentReference | None) -> None:
    if ref is not None:
        out.append(f"<DocumentReference{attr('payloadID', ref.payload_id)}/>")
