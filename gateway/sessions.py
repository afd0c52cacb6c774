"""Punch-out sessions, whatever the protocol: opening, the single-use start token, finding an
open session by its token, and the cart priced by the entity's price book.

Tokens: a session has two, each 256 random bits (secrets.token_urlsafe(32)) of which only a
SHA-256 is stored. The start token goes into the StartPage URL handed to the procurement system
and works once, within start_token_ttl_seconds; opening it issues the session token, which then
travels in every storefront URL and form (no cookie needed, so the session survives blocked
third-party cookies and two sessions in one browser never share a cart).
"""

import dataclasses
import datetime
import hashlib
import re
import secrets
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.catalog import PriceBooks
from gateway.catalog import ProductRecord
from gateway.catalog import product_by_sku
from gateway.catalog import products_by_id
from gateway.errors import CartError
from gateway.errors import LinesNotOffered
from gateway.errors import SessionError
from gateway.models import BillingEntity
from gateway.models import CartLine
from gateway.models import PunchOutSession
from gateway.models import TradingPartner
from gateway.rows import Ref
from gateway.rows import RowInsert
from gateway.rows import Rows
from gateway.rows import insert
from gateway.urls import web_url
from oci import url_has_prefix
from pricing import round_amount

Clock = Callable[[], datetime.datetime]
# What the procurement system would refuse of a line, asked when it is added (raises CartError):
# called with the product, the line's quantity and its quote.
LineCheck = Callable[[ProductRecord, Decimal, Any], None]
MAX_QUANTITY = Decimal(1_000_000)
WITHDRAWN = "no longer in the catalog"  # why a line of a deactivated product is not offered
SAPEVENT = "SAPEVENT:POST"
_INSERT_SESSION = RowInsert(PunchOutSession.__table__)


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def return_url_allowed(url: str, prefixes: list[str]) -> bool:
    """Whether `url` is an http(s) URL under one of the partner's allowed prefixes, by the rule
    the OCI library applies to HOOK_URLs (`oci.url_has_prefix`: same scheme and host, the port
    when the prefix names one, the path under the prefix's at a segment boundary, no dot
    segments, no backslash, blank, control character or quote: `oci.url_has_unsafe_characters`).
    `SAPEVENT:POST` matches only itself (SAP GUI)."""
    if url.upper() == SAPEVENT:
        return any(prefix.upper() == SAPEVENT for prefix in prefixes)
    return web_url(url) is not None and any(url_has_prefix(url, prefix) for prefix in prefixes)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class SessionRequest:
    """What a procurement system asked for when it opened a punch-out session."""

    protocol: str  # cxml | oci
    operation: str = "create"  # create | edit | inspect
    return_url: str
    buyer_cookie: str = ""
    user_name: str = ""
    user_email: str = ""
    language: str = "en"
    ship_to: dict[str, Any] = dataclasses.field(default_factory=dict)
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)


def open_session(
    session: Session,
    partner: TradingPartner,
    entity: BillingEntity,
    request: SessionRequest,
    *,
    ttl_seconds: int,
    start_ttl_seconds: int,
    clock: Clock = utc_now,
) -> tuple[PunchOutSession, str]:
    """Create a session; returns it with its start token (shown once, stored hashed)."""
    session_id, start_token = insert_session(
        session,
        request,
        partner_id=partner.id,
        entity_id=entity.id,
        ttl_seconds=ttl_seconds,
        start_ttl_seconds=start_ttl_seconds,
        clock=clock,
    )
    return session.get(PunchOutSession, session_id), start_token


def insert_session(
    into: Session | Rows,
    request: SessionRequest,
    *,
    partner_id: int,
    entity_id: int,
    ttl_seconds: int,
    start_ttl_seconds: int,
    clock: Clock = utc_now,
) -> tuple[int | Ref, str]:
    """Create a session with one INSERT; returns its id (or its Ref when queued in `Rows`)
    and its start token.

    For callers that need no ORM object (a cXML setup without items): the row goes in at once
    on the session's connection, without a unit of work, or with the group commit.
    """
    start_token = new_token()
    now = clock()
    values = {
        "token_hash": token_hash(new_token()),  # replaced when the start token is used
        "start_token_hash": token_hash(start_token),
        "partner_id": partner_id,
        "entity_id": entity_id,
        "protocol": request.protocol,
        "operation": request.operation,
        "buyer_cookie": request.buyer_cookie,
        "return_url": request.return_url,
        "user_name": request.user_name,
        "user_email": request.user_email,
        "language": request.language,
        "ship_to": request.ship_to,
        "extra": {**request.extra, "ttl_seconds": ttl_seconds},
        "state": "open",
        "created_at": now,
        "expires_at": now + datetime.timedelta(seconds=start_ttl_seconds),
    }
    return insert(into, _INSERT_SESSION, values), start_token


def start_session(
    session: Session, start_token: str, clock: Clock = utc_now
) -> tuple[PunchOutSession, str]:
    """Use a start token (once): returns the session and its new session token."""
    row = session.scalar(
        select(PunchOutSession)
        .where(PunchOutSession.start_token_hash == token_hash(start_token))
        .with_for_update()
    )
    now = clock()
    if row is None:
        raise SessionError(
            "This punch-out link is not valid or has already been used. "
            "Start the punch-out again from your procurement system.",
            status=404,
            key="link_not_valid",
        )
    if _aware(row.expires_at) <= now or row.state != "open":
        raise SessionError(
            "This punch-out link has expired. Start the punch-out again from your "
            "procurement system.",
            status=410,
            key="link_expired",
        )
    token = new_token()
    row.start_token_hash = None
    row.token_hash = token_hash(token)
    row.started_at = now
    row.expires_at = now + datetime.timedelta(seconds=int(row.extra.get("ttl_seconds", 3600)))
    session.flush()
    return row, token


def find_session(
    session: Session, token: str, clock: Clock = utc_now, *, for_update: bool = False
) -> PunchOutSession:
    """The open session of this token, or SessionError saying why it cannot be used."""
    statement = select(PunchOutSession).where(PunchOutSession.token_hash == token_hash(token))
    row = session.scalar(statement.with_for_update() if for_update else statement)
    if row is None or row.started_at is None:
        raise SessionError("Unknown punch-out session.", status=404, key="session_unknown")
    if row.state != "open":
        raise SessionError(
            f"This punch-out session is closed ({row.state}). Start a new punch-out from your "
            "procurement system.",
            status=410,
            key="session_closed",
        )
    if _aware(row.expires_at) <= clock():
        raise SessionError(
            "This punch-out session has expired. Start a new punch-out from your procurement "
            "system.",
            status=410,
            key="session_expired",
        )
    return row


def _aware(moment: datetime.datetime) -> datetime.datetime:
    # SQLite hands back naive datetimes; every stored time is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


# Quantities as a buyer types them in the storefront (docs/punchout.md, "Quantities"): ASCII
# digits with at most one decimal separator, "." or "," in every language. A separator followed
# by groups of exactly three digits after one to three digits ("1.000", "12,500", "1.000,5") is
# read as a decimal point in one language and as a thousands separator in another: refused, and
# so is a number grouped with spaces or apostrophes ("1 000", "1'000").
_TYPED = re.compile(r"-?(?=[.,]?[0-9])[0-9]*(?:[.,][0-9]*)?")
_GROUPED = re.compile(
    r"[1-9][0-9]{0,2}(?P<groups>([.,' \u00a0\u202f\u2019])[0-9]{3}(?:\2[0-9]{3})*)"
    r"(?P<rest>(?!\2)[.,][0-9]*)?"
)
# The API's Quantity (openapi.json components.schemas.Quantity): no sign, no space, "." only.
API_QUANTITY = re.compile(r"(?!0+(\.0+)?$)(1000000(\.0{1,3})?|[0-9]{1,6}(\.[0-9]{1,3})?)")


def parse_quantity(text: str) -> Decimal:
    """A cart quantity typed by a buyer in the storefront: ASCII digits with at most one decimal
    separator ("2.5" or "2,5"), spaces around it set aside; a positive number, at most three
    decimals. A number that may hold thousands separators is refused (CartError)."""
    typed = str(text).strip()
    grouped = _GROUPED.fullmatch(typed)
    if grouped:
        raise _grouped(text, typed, grouped)
    if not _TYPED.fullmatch(typed):
        raise CartError(
            f"quantity: {text!r} is not a number", key="quantity_not_a_number", typed=text
        )
    return check_quantity(Decimal(typed.replace(",", ".")), text)


def parse_api_quantity(text: str) -> Decimal:
    """A cart quantity sent to the JSON API, as its Quantity pattern writes it ("12", "2.5");
    CartError saying what is wrong otherwise."""
    if API_QUANTITY.fullmatch(text):
        return plain_quantity(Decimal(text))
    parse_quantity(text)  # its refusal says best what is wrong, if it finds something
    raise CartError(
        f"quantity: {text!r} is not written as the API takes it: ASCII digits and at most one"
        ' "." with up to three decimals, no sign, space or thousands separator ("12", "2.5")'
    )


def _grouped(text: str, typed: str, match: re.Match) -> CartError:
    """The refusal of a quantity that may hold thousands separators, with what to type."""
    separator = match[2]
    whole = typed[: match.start("groups")] + match["groups"].replace(separator, "")
    fraction = (match["rest"] or "")[1:].rstrip("0")
    if match["rest"] or separator not in ".," or match["groups"].count(separator) > 1:
        plain = f"{whole}.{fraction}" if fraction else whole  # "1.000,5", "1.000.000", "1 000"
        return CartError(
            f"quantity: {text!r} holds thousands separators; type the number without them,"
            f" as {plain}",
            key="quantity_grouped",
            typed=text,
            plain=plain,
        )
    reading = quantity_text(Decimal(typed.replace(",", ".")))
    decimal = form_quantity(Decimal(reading))
    return CartError(
        f"quantity: {text!r} could be read as {reading} or as {whole}; type {whole} without"
        f" the thousands separator, or {decimal}",
        key="quantity_ambiguous",
        typed=text,
        reading=reading,
        decimal=decimal,
        whole=whole,
    )


def check_quantity(quantity: Decimal, typed: object = None) -> Decimal:
    """`quantity` if a cart line may hold it (more than zero, at most MAX_QUANTITY, at most
    three decimals), without trailing zeros; CartError naming `typed` (else the quantity)."""
    typed = str(quantity) if typed is None else typed
    if not quantity.is_finite() or quantity <= 0:
        raise CartError(
            f"quantity: must be more than zero, got {typed!r}",
            key="quantity_not_positive",
            typed=typed,
        )
    if quantity > MAX_QUANTITY or quantity != quantity.quantize(Decimal("0.001")):
        raise CartError(
            f"quantity: at most {MAX_QUANTITY} with three decimals, got {typed!r}",
            key="quantity_too_large",
            maximum=MAX_QUANTITY,
            typed=typed,
        )
    return plain_quantity(quantity)


def plain_quantity(quantity: Decimal) -> Decimal:
    """A quantity without the database's trailing zeros: 1.000 -> 1, 2.500 -> 2.5."""
    if quantity == quantity.to_integral_value():
        return quantity.quantize(Decimal(1))
    return quantity.normalize()


def quantity_text(quantity: Decimal) -> str:
    """A quantity as the API writes it: "10", "2.5" (parse_api_quantity reads it back)."""
    return format(plain_quantity(quantity), "f")


def form_quantity(quantity: Decimal) -> str:
    """A quantity as storefront form fields write it: "10", "2.5", and 1.125 as "1.1250", since
    "1.125" could be a thousands group (parse_quantity reads each back)."""
    text = quantity_text(quantity)
    return f"{text}0" if _GROUPED.fullmatch(text) else text


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class PricedLine:
    """A cart line with its product and its current quote."""

    line_number: int
    product: ProductRecord
    quantity: Decimal
    quote: Any  # pricing.PriceQuote (offered) or pricing.NotOffered
    auxiliary_id: str = ""

    @property
    def offered(self) -> bool:
        """Whether the line can be sent: its product is still in the catalog and offered to
        the entity at the line's quantity."""
        return self.product.active and self.quote.offered

    @property
    def reason(self) -> str:
        """Why the line is not offered (empty when it is)."""
        if not self.product.active:
            return WITHDRAWN
        return "" if self.quote.offered else self.quote.detail

    @property
    def line_total(self) -> Decimal:
        """Unit price times quantity, rounded to the currency's minor unit (each line is
        rounded, and a cart's total is the sum of its rounded lines)."""
        if not self.offered:
            return Decimal(0)
        price = self.quote.unit_price
        return round_amount(price.amount * self.quantity, price.currency)


class Cart:
    """The cart of one open session, priced by its entity's price book as of `day`."""

    def __init__(
        self,
        session: Session,
        row: PunchOutSession,
        books: PriceBooks,
        day,
        *,
        line_check: LineCheck | None = None,
    ) -> None:
        self.session = session
        self.row = row
        self.entity = session.get(BillingEntity, row.entity_id)
        self.book = books.get(session, self.entity, day)
        self._line_check = line_check

    @property
    def currency(self) -> str:
        return self.entity.currency

    def _writable(self) -> None:
        if self.row.operation == "inspect":
            raise SessionError(
                "This cart is open for inspection only.", status=403, key="inspect_only"
            )

    def lines(self) -> list[PricedLine]:
        """Every line, priced; a line whose product was withdrawn since is kept (not offered)
        so that the buyer sees it and can remove it."""
        products = products_by_id(
            self.session,
            [line.product_id for line in self.row.lines],
            self.row.language,
            withdrawn=True,
        )
        priced = []
        for line in self.row.lines:
            product = products.get(line.product_id)
            if product is not None:
                quote = self.book.quote(product.value, line.quantity)
                priced.append(
                    PricedLine(
                        line_number=line.line_number,
                        product=product,
                        quantity=line.quantity,
                        quote=quote,
                        auxiliary_id=line.auxiliary_id,
                    )
                )
        return priced

    def total(self) -> Decimal:
        return sum((line.line_total for line in self.lines()), Decimal(0))

    def transferable_lines(self) -> list[PricedLine]:
        """The lines to send back to the procurement system: every line, or LinesNotOffered
        naming each one that can no longer be sent. Leaving them out would send a cart other
        than the one the buyer saw."""
        lines = self.lines()
        stopped = [line for line in lines if not line.offered]
        if stopped:
            products = ", ".join(
                f"{line.product.sku} ({line.product.description or line.product.sku})"
                for line in stopped
            )
            raise LinesNotOffered(
                "cart: it holds products no longer offered to your organisation, and cannot be"
                f" sent with them: {products}; remove them, then transfer the cart again",
                lines=tuple(line.line_number for line in stopped),
                products=products,
            )
        return lines

    def quote(self, product: ProductRecord, quantity: Decimal):
        return self.book.quote(product.value, quantity)

    def add(self, sku: str, quantity: Decimal) -> CartLine:
        """Add `quantity` of `sku` (to its existing line if there is one)."""
        self._writable()
        product = product_by_sku(self.session, sku, self.row.language)
        if product is None:
            raise CartError(f"sku: no product {sku!r} in this catalog", key="no_product", sku=sku)
        existing = next((ln for ln in self.row.lines if ln.product_id == product.id), None)
        total = quantity + (existing.quantity if existing else 0)
        if existing is None:  # an edit's ItemOut was never typed: the same rules
            total = check_quantity(total)
        elif total > MAX_QUANTITY:
            held = plain_quantity(existing.quantity)
            raise CartError(
                f"quantity: the cart holds {held} of {sku} already, and a line holds at most"
                f" {MAX_QUANTITY}",
                key="line_quantity_too_large",
                held=held,
                sku=sku,
                maximum=MAX_QUANTITY,
            )
        quote = self.book.quote(product.value, total)
        if not quote.offered:
            raise CartError(
                f"sku {sku}: not offered ({quote.detail})",
                key="sku_not_offered",
                sku=sku,
                reason=quote.reason,
                minimum=quote.minimum_quantity,
            )
        if self._line_check is not None:
            self._line_check(product, total, quote)
        if existing is None:
            number = max((line.line_number for line in self.row.lines), default=0) + 1
            existing = CartLine(
                line_number=number,
                product_id=product.id,
                quantity=total,
                unit_price=quote.unit_price.amount,
                currency=self.currency,
            )
            self.row.lines.append(existing)
        self._price(existing, total, quote)
        self.session.flush()
        return existing

    def update(self, line_number: int, quantity: Decimal) -> None:
        self._writable()
        line = self._line(line_number)
        products = products_by_id(
            self.session, [line.product_id], self.row.language, withdrawn=True
        )
        product = products[line.product_id]
        if not product.active:
            raise CartError(
                f"line {line_number}: {product.sku} is {WITHDRAWN}; remove the line",
                key="line_withdrawn",
                line=line_number,
                sku=product.sku,
            )
        quote = self.book.quote(product.value, quantity)
        if not quote.offered:
            raise CartError(
                f"line {line_number}: not offered at {quantity} ({quote.detail})",
                key="line_not_offered",
                line=line_number,
                quantity=quantity,
                reason=quote.reason,
                minimum=quote.minimum_quantity,
            )
        self._price(line, quantity, quote)
        self.session.flush()

    def remove(self, line_number: int) -> None:
        self._writable()
        self.row.lines.remove(self._line(line_number))
        self.session.flush()

    def clear(self) -> None:
        self._writable()
        self.row.lines.clear()
        self.session.flush()

    def _line(self, line_number: int) -> CartLine:
        for line in self.row.lines:
            if line.line_number == line_number:
                return line
        raise CartError(
            f"line: the cart has no line {line_number}", key="no_line", line=line_number
        )

    def _price(self, line: CartLine, quantity: Decimal, quote) -> None:
        line.quantity = quantity
        line.unit_price = quote.unit_price.amount
        line.currency = self.currency
        line.contract_code = quote.contract_code
        line.auxiliary_id = auxiliary_id(self.row.id, line.line_number, quote.contract_code)


def auxiliary_id(session_id: int, line_number: int, contract_code: str) -> str:
    """SupplierPartAuxiliaryID of a cart line: links a later order line back to this session
    and line, and names the contract that priced it ("S<session>-L<line>[-C<contract>]")."""
    text = f"S{session_id}-L{line_number}"
    return f"{text}-C{contract_code}" if contract_code else text
