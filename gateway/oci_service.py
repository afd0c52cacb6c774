"""SAP OCI punch-out below the web layer: the catalog call (login and the OCI functions); the
cart answered as NEW_ITEM fields to the HOOK_URL is in oci_transfer, the partner's settings in
oci_settings.

Strategy: `handle_call` takes the call's (name, value) pairs and returns an `OciAnswer`; the
view only turns it into a response. The call is parsed (`oci.parse_oci_call`), the partner found
by USERNAME and its PASSWORD checked against the argon2 hash (a dummy hash when the user is
unknown, so timing does not tell which was wrong), its settings read and checked against the
catalog, HOOK_URL checked against its policy, and only then is anything created, inside a
savepoint: any `OciError` leaves no session behind. Every call is logged (PASSWORD redacted)
with the status it got, and every form we answer is logged as sent. Sessions carry the call's
version, charset, frames and pass-through fields in `extra["oci"]`, so the cart transfer of the
storefront can answer in the form the call asked for.
"""

import dataclasses
import logging
from collections.abc import Iterable
from collections.abc import Mapping
from decimal import ROUND_CEILING
from decimal import Decimal
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm import joinedload

import oci
from gateway.catalog import PriceBooks
from gateway.catalog import ProductRecord
from gateway.catalog import orderable_quote
from gateway.catalog import product_by_sku
from gateway.catalog import search_conditions
from gateway.catalog import stream_products
from gateway.hashing import DUMMY_HASH
from gateway.hashing import SecretVerifier
from gateway.models import BillingEntity
from gateway.models import PartnerCredential
from gateway.models import Product
from gateway.models import TradingPartner
from gateway.oci_catalog import CatalogFacts
from gateway.oci_catalog import load_partner_oci
from gateway.oci_settings import Identifier
from gateway.oci_settings import PartnerOci
from gateway.oci_transfer import kept_call
from gateway.oci_transfer import log_oci_document
from gateway.oci_transfer import oci_cart_line
from gateway.oci_transfer import transfer
from gateway.punchout import language_of
from gateway.sessions import MAX_QUANTITY
from gateway.sessions import Cart
from gateway.sessions import SessionRequest
from gateway.sessions import open_session
from gateway.sessions import start_session
from gateway.settings import Settings

__all__ = [
    "LoginRefused",
    "OciAnswer",
    "OciContext",
    "ProductUnavailable",
    "ShopTarget",
    "handle_call",
    "transfer_page",
]

log = logging.getLogger("gateway.oci")

ONE = Decimal(1)
# Units counted in whole pieces (UN/CEFACT Rec. 20): QUANTITY_CHECK rounds these up.
COUNT_UNITS = frozenset({"C62", "EA", "H87", "PCE", "PK", "BX", "SET", "PR", "NAR", "NPR"})


class LoginRefused(oci.CallError):
    """USERNAME and PASSWORD name no OCI partner; which of the two was wrong is not told."""

    status = 401

    def __init__(self) -> None:
        super().__init__("USERNAME/PASSWORD", "the catalog login was not accepted")


class ProductUnavailable(oci.CallError):
    """PRODUCTID names no product this partner's entity may buy (at that quantity)."""

    status = 404


# -- the catalog call ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class OciContext:
    """What a call needs besides the database session."""

    settings: Settings
    verify: SecretVerifier
    books: PriceBooks
    facts: CatalogFacts  # what the per-call check of the partner's settings needs of the catalog
    script_nonce: str | None = None  # for the inline script of pages we answer directly


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ShopTarget:
    """The storefront page a new session's browser goes to (a Flask endpoint and its values)."""

    token: str
    endpoint: str
    values: Mapping[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class OciAnswer:
    """What to send back: a page (form bytes), a redirect into the storefront, or an error."""

    status: int
    body: bytes = b""
    content_type: str = oci.Charset.UTF_8.content_type
    shop: ShopTarget | None = None
    error: oci.OciError | None = None

    def __post_init__(self) -> None:
        if [bool(self.body), self.shop is not None, self.error is not None].count(True) != 1:
            raise ValueError("an answer is a page, a redirect or an error")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class _Caller:
    call: oci.OciCall
    partner: TradingPartner
    config: PartnerOci
    entity: BillingEntity


def handle_call(
    session: Session, context: OciContext, pairs: Iterable[tuple[str, str]]
) -> OciAnswer:
    """Answer one OCI catalog call (GET query or POST form pairs); logs it either way."""
    pairs = tuple(pairs)
    body = urlencode([(n, "[redacted]" if oci.is_secret_parameter(n) else v) for n, v in pairs])
    body = body.encode("utf-8")
    partner = None
    try:
        call = oci.parse_oci_call(pairs)
        partner = authenticate(session, call, context.verify)
        config, entity = load_partner_oci(session, partner, context.facts)
        if call.hook_url is not None:
            oci.validate_hook_url(call.hook_url, config.hook_policy)
        caller = _Caller(call=call, partner=partner, config=config, entity=entity)
        answer, session_id = _dispatch(session, context, caller)
    except oci.OciError as error:
        partner_id = partner.id if partner else None
        log_oci_document(
            session, "in", body, partner_id, error.status, text=error.message, excerpt=True
        )
        return OciAnswer(status=error.status, error=error)
    log_oci_document(session, "in", body, partner.id, answer.status, session_id=session_id)
    if answer.body:
        log_oci_document(session, "out", answer.body, partner.id, answer.status)
    return answer


def authenticate(session: Session, call: oci.OciCall, verify: SecretVerifier) -> TradingPartner:
    """The OCI partner of USERNAME whose PASSWORD hash matches, or LoginRefused; an unknown
    user is checked against a dummy hash, so timing does not tell it from a wrong password."""
    credential = session.scalar(
        select(PartnerCredential)
        .where(PartnerCredential.kind == "oci", PartnerCredential.identity == (call.username or ""))
        .options(joinedload(PartnerCredential.partner))
    )
    stored = DUMMY_HASH if credential is None else credential.secret_hash
    accepted = verify(call.password or "", stored)
    if credential is None or not accepted or credential.partner.protocol != "oci":
        raise LoginRefused()
    return credential.partner


def _dispatch(
    session: Session, context: OciContext, caller: _Caller
) -> tuple[OciAnswer, int | None]:
    call, function = caller.call, caller.call.function
    lines_of = _FORM_ANSWERS.get(function)
    if lines_of is not None:  # answered on the same URL, no redirect (formats.md 2.2)
        lines = lines_of(session, context, caller)
        page = oci.render_return_page(
            call, lines, caller.config.outbound, script_nonce=context.script_nonce
        )
        return OciAnswer(status=200, body=page, content_type=call.charset.content_type), None
    endpoint, values, operation = _entry(session, context, caller)
    row, start = open_session(
        session,
        caller.partner,
        caller.entity,
        SessionRequest(
            protocol="oci",
            operation=operation,
            return_url=call.hook_url or "",
            user_name=call.username or "",
            language=language_of(None, caller.entity),
            extra={"oci": kept_call(call)},
        ),
        ttl_seconds=context.settings.session_ttl_seconds,
        start_ttl_seconds=context.settings.start_token_ttl_seconds,
    )
    _row, token = start_session(session, start)
    return OciAnswer(
        status=303, shop=ShopTarget(token=token, endpoint=endpoint, values=values)
    ), row.id


def _entry(session: Session, context: OciContext, caller: _Caller):
    """The storefront page and session operation a browser call opens."""
    call, function = caller.call, caller.call.function
    if function in (oci.OciFunction.DETAIL, oci.OciFunction.DETAILADD):
        product = _product(session, caller)
        _quote(context, session, caller, product)  # offered at all, from its first quantity
        # DETAIL shows the product and sends nothing back: the session is read-only.
        operation = "inspect" if function is oci.OciFunction.DETAIL else "create"
        return "storefront.product", {"sku": product.sku}, operation
    if function is oci.OciFunction.SOURCING:
        items = dict(call.item_fields)
        query = call.search_string or items.get("NEW_ITEM-DESCRIPTION[1]") or call.product_id
        if query:
            return "storefront.search", {"q": query}, "create"
    return "storefront.landing", {}, "create"


def _validate_lines(session, context, caller) -> list[oci.CartLine]:
    """VALIDATE: the product at today's price for the asked QUANTITY; without one, at its
    first orderable quantity (1, or where the entity's contract prices start)."""
    product = _product(session, caller)
    asked = caller.call.quantity
    if asked is None:
        quote = _quote(context, session, caller, product)
    else:
        quote = _quote(context, session, caller, product, asked, exact=True)
    return [oci_cart_line(product, quote.quantity, quote, caller.config)]


def _quantity_check_lines(session, context, caller) -> list[oci.CartLine]:
    """QUANTITY_CHECK: the product with QUANTITY raised to what can be ordered: whole pieces
    for counted units, at least the contract's first quantity, at most the cart's maximum."""
    product = _product(session, caller)
    quantity = min(caller.call.quantity, MAX_QUANTITY)
    if product.unit in COUNT_UNITS:
        quantity = quantity.to_integral_value(rounding=ROUND_CEILING)
    quote = _quote(context, session, caller, product, quantity)
    return [oci_cart_line(product, quote.quantity, quote, caller.config)]


def _search_lines(session, context, caller) -> list[oci.CartLine]:
    """BACKGROUND_SEARCH: every product matching SEARCHSTRING (as the storefront search does)
    that the entity may buy, at QUANTITY (1 when absent) or its first orderable quantity.
    A product whose line cannot be sent (an identifier too long for its field, a text the
    call's charset lacks) is left out and logged, so that one bad record does not fail the
    whole answer."""
    book = context.books.get(session, caller.entity, context.settings.today())
    wanted = caller.call.quantity or ONE
    language = language_of(None, caller.entity)
    where = search_conditions(caller.call.search_string)
    lines = []
    for product in stream_products(session, language, where=where, chunk_size=200):
        quote = orderable_quote(book, product, wanted)
        if quote.offered:
            line = oci_cart_line(product, quote.quantity, quote, caller.config)
            if _sendable(caller, line, product.sku):
                lines.append(line)
        if len(lines) >= caller.config.search_limit:
            break
    return lines


def _sendable(caller: _Caller, line: oci.CartLine, sku: str) -> bool:
    """Whether the answer's form can carry `line`: built as the page builds it (the call's
    version and charset), so a value too long for its field and a character the charset lacks
    are found by the same rules that would fail the page."""
    try:
        oci.build_return_form(caller.call, [line], caller.config.outbound)
    except (oci.CartError, oci.UnencodableText) as error:
        reason = error.message.removeprefix("line 1, ")
        name = caller.partner.name
        log.warning("partner %s: BACKGROUND_SEARCH leaves out %s: %s", name, sku, reason)
        return False
    return True


_FORM_ANSWERS = {
    oci.OciFunction.VALIDATE: _validate_lines,
    oci.OciFunction.QUANTITY_CHECK: _quantity_check_lines,
    oci.OciFunction.BACKGROUND_SEARCH: _search_lines,
}


def _product(session: Session, caller: _Caller) -> ProductRecord:
    """The product PRODUCTID names: an EXT_PRODUCT_ID we sent, so the partner's identifier."""
    wanted = caller.call.product_id
    sku = wanted
    if caller.config.ext_product_id is Identifier.MANUFACTURER_PART_ID:
        sku = session.scalar(
            select(Product.sku)
            .where(Product.active, Product.manufacturer_part_id == wanted)
            .order_by(Product.id)
        )
    product = product_by_sku(session, sku, language_of(None, caller.entity)) if sku else None
    if product is None:
        raise ProductUnavailable("PRODUCTID", f"{wanted!r} is not in this catalog")
    return product


def _quote(context, session, caller, product, quantity=ONE, *, exact=False):
    """The product's quote at `quantity`, raised to its first orderable quantity when the
    entity's contracts start higher (as BACKGROUND_SEARCH lists it: `orderable_quote`), or at
    `quantity` only when `exact`; ProductUnavailable naming the quantity when not offered."""
    book = context.books.get(session, caller.entity, context.settings.today())
    if exact:
        quote = book.quote(product.value, quantity)
    else:
        quote = orderable_quote(book, product, quantity)
    if not quote.offered:
        raise ProductUnavailable(
            "PRODUCTID", f"{caller.call.product_id!r} is not offered at {quantity}: {quote.detail}"
        )
    return quote


def transfer_page(cart: Cart, partner: TradingPartner, *, cancel: bool) -> OciAnswer:
    """The page whose form posts the cart to the HOOK_URL (see oci_transfer.transfer_form)."""
    form, page = transfer(cart, partner, cancel=cancel)
    return OciAnswer(status=200, body=page, content_type=form.charset.content_type)
