"""cXML punch-out: the PunchOutSetupRequest handler and the PunchOutOrderMessage that carries
the cart back (formats.md 1.5-1.7)."""

import base64
from decimal import Decimal

from sqlalchemy.orm import Session

from cxml.address import Address
from cxml.envelope import CXml
from cxml.errors import InvalidContent
from cxml.errors import PeerError
from cxml.items import ItemDetail
from cxml.items import ItemID
from cxml.items import ItemIn
from cxml.punchout import PunchOutOrderMessage
from cxml.punchout import PunchOutSetupRequest
from cxml.punchout import PunchOutSetupResponse
from cxml.values import Classification
from cxml.values import Description
from cxml.values import Money
from cxml.values import extrinsic_value
from gateway.catalog import PriceBooks
from gateway.cxml_service import Answer
from gateway.cxml_service import Context
from gateway.cxml_service import respond
from gateway.db import commit_lazily
from gateway.errors import CartError
from gateway.errors import CartNotTransferable
from gateway.models import BillingEntity
from gateway.models import PunchOutSession
from gateway.models import TradingPartner
from gateway.models.base import column_length
from gateway.profiles import BuyerProfile
from gateway.profiles import profile_for
from gateway.rows import Rows
from gateway.sessions import Cart
from gateway.sessions import SessionRequest
from gateway.sessions import insert_session
from gateway.sessions import plain_quantity
from gateway.sessions import return_url_allowed
from oci import UNSAFE_CHARACTERS
from oci import url_has_unsafe_characters

LANGUAGES = ("en", "fr", "de")


class ReturnUrlRefused(PeerError):
    """BrowserFormPost is missing or outside the partner's allowed prefixes."""

    code = 403
    text = "Forbidden"


def setup(
    session: Session,
    context: Context,
    document: CXml,
    partner: TradingPartner,
    books: PriceBooks,
    rows: Rows,
) -> Answer:
    """Open a punch-out session for a PunchOutSetupRequest and answer its StartPage.

    Without items it only adds rows to `rows` (the session, the answer's log). With items
    (edit, inspect) the cart is written through the session, and the rows with it."""
    request: PunchOutSetupRequest = document.body.content
    check_setup(request, partner)
    if request.items and not rows.bound:
        commit_lazily(session)
        rows.bind(session)
    session_id, start_token = insert_session(
        rows,
        session_request(session, document, partner),
        partner_id=partner.id,
        entity_id=partner.entity_id,
        ttl_seconds=context.settings.session_ttl_seconds,
        start_ttl_seconds=context.settings.start_token_ttl_seconds,
    )
    if request.items:
        row = session.get(PunchOutSession, session_id)
        reopen_cart(session, row, request, books, context.settings.today())
    start_page = f"{context.base_url}/punchout/start/{start_token}"
    return respond(
        rows,
        context,
        partner,
        PunchOutSetupResponse(start_page=start_page),
        document_type="PunchOutSetupResponse",
        session_id=session_id,
    )


def check_setup(request: PunchOutSetupRequest, partner: TradingPartner) -> None:
    """Refuse an operation we do not offer and a BrowserFormPost outside the partner's
    allowed return URLs (403), before anything is created."""
    if request.operation not in ("create", "edit", "inspect"):
        raise InvalidContent(f"PunchOutSetupRequest@operation {request.operation!r} is not offered")
    if not request.browser_form_post:
        raise InvalidContent("PunchOutSetupRequest/BrowserFormPost/URL is missing")
    if url_has_unsafe_characters(request.browser_form_post):
        raise ReturnUrlRefused(f"BrowserFormPost URL {UNSAFE_CHARACTERS}")
    if not return_url_allowed(request.browser_form_post, partner.return_url_prefixes):
        raise ReturnUrlRefused(
            "BrowserFormPost URL is not among the return URLs allowed for this partner"
        )


def session_request(session: Session, document: CXml, partner: TradingPartner) -> SessionRequest:
    """What the setup asks of the session: return URL, buyer cookie, user, language, ship-to.
    The entity is read only when xml:lang names no language we have texts for."""
    request: PunchOutSetupRequest = document.body.content
    profile = profile_for(partner)
    email, name = user_of(request, profile)
    _check_user(email, name, profile)
    language = requested_language(document.lang) or language_of(
        None, session.get(BillingEntity, partner.entity_id)
    )
    return SessionRequest(
        protocol="cxml",
        operation=request.operation,
        return_url=request.browser_form_post,
        buyer_cookie=request.buyer_cookie,
        user_name=name,
        user_email=email,
        language=language,
        ship_to=ship_to_of(request.ship_to) if profile.keep_ship_to else {},
        extra={
            "extrinsics": {e.name: e.value for e in request.extrinsics},
            **_selected_item(request),
        },
    )


def _selected_item(request: PunchOutSetupRequest) -> dict:
    """SelectedItem: the catalog item the buyer clicked (a level-2 punch-out item of our
    catalogs, formats.md 1.5), where the storefront opens; none means the whole store."""
    item = request.selected_item
    return {"selected_item": item.supplier_part_id} if item and item.supplier_part_id else {}


def user_of(request: PunchOutSetupRequest, profile: BuyerProfile) -> tuple[str, str]:
    """The buyer user's e-mail and name: from Contact, else the profile's Extrinsics."""
    contact = request.contacts[0] if request.contacts else None
    email = (contact.emails[0] if contact and contact.emails else "") or (
        extrinsic_value(request.extrinsics, *profile.email_extrinsics) or ""
    )
    name = (contact.name if contact else "") or (
        extrinsic_value(request.extrinsics, *profile.name_extrinsics) or ""
    )
    if not name:
        first, last = (
            extrinsic_value(request.extrinsics, n) or "" for n in profile.first_last_extrinsics
        )
        name = f"{first} {last}".strip()
    return email.strip(), name.strip()


def _check_user(email: str, name: str, profile: BuyerProfile) -> None:
    """Refuse a user e-mail address or name longer than the session stores (PostgreSQL
    enforces the length; it was a server error), naming where it came from."""
    for what, value, column, extrinsics in (
        ("e-mail address", email, PunchOutSession.user_email, profile.email_extrinsics),
        ("name", name, PunchOutSession.user_name, names_from(profile)),
    ):
        most = column_length(column)
        if len(value) > most:
            sources = "Contact or Extrinsic " + "/".join(extrinsics)
            raise InvalidContent(
                f"the user's {what} ({sources}) is {len(value):,} characters long;"
                f" at most {most} are stored"
            )


def names_from(profile: BuyerProfile) -> tuple[str, ...]:
    """The Extrinsics a user's name may come from."""
    return (*profile.name_extrinsics, *profile.first_last_extrinsics)


def language_of(lang: str | None, entity: BillingEntity) -> str:
    """The storefront language: the document's xml:lang when we have texts for it, else the
    entity's first language, else English."""
    return requested_language(lang) or next(
        (code for code in entity.languages if code in LANGUAGES), "en"
    )


def requested_language(lang: str | None) -> str | None:
    """The language of an xml:lang ("de-DE" -> "de") when we have texts for it."""
    wanted = (lang or "").split("-")[0].lower()
    return wanted if wanted in LANGUAGES else None


def ship_to_of(address: Address | None) -> dict:
    """A ShipTo or BillTo as stored: everything a carrier or the back office needs, the person
    to deliver to (DeliverTo) and the state or region included."""
    if address is None:
        return {}
    postal = address.postal_address
    phone = address.phone
    return {
        "address_id": address.address_id or "",
        "name": address.name,
        "deliver_to": list(postal.deliver_to) if postal else [],
        "street": list(postal.street) if postal else [],
        "postal_code": (postal.postal_code or "") if postal else "",
        "city": postal.city if postal else "",
        "state": (postal.state or "") if postal else "",
        "country": postal.iso_country_code if postal else (address.iso_country_code or ""),
        "email": address.email or "",
        "phone": _phone_text(phone) if phone else "",
    }


def _phone_text(phone) -> str:
    """+<country> <area> <number>[ x<extension>], as printed on a delivery note."""
    parts = [f"+{phone.country_code}", phone.area_or_city_code, phone.number]
    text = " ".join(part for part in parts if part and part != "+")
    return f"{text} x{phone.extension}" if phone.extension else text


def reopen_cart(session, row: PunchOutSession, request, books, day) -> None:
    """Edit and inspect: rebuild the cart from the buyer's ItemOut lines at today's prices,
    recording every difference so the storefront can show it.

    A change is stored as a record, not as words: `{"change": "price", "sku", "was", "now",
    "currency"}` (and "was_currency" when the ItemOut's price was in another currency) or
    `{"change": "not_offered", "sku", "refusal": BuyerError.record()}`; the storefront words it
    in the session's language, the API in English (`change_message`)."""
    cart = Cart(session, row, books, day)
    found = []  # in ItemOut order: a change, or (sku, its cart line, the ItemOut's price)
    for item in request.items:
        sku = item.item_id.supplier_part_id
        try:
            line = (
                cart.add(sku, item.quantity)
                if row.operation == "edit"
                else _add_readonly(cart, sku, item.quantity)
            )
        except CartError as exc:
            found.append({"change": "not_offered", "sku": sku, "refusal": exc.record()})
            continue
        if item.item_detail:
            found.append((sku, line, item.item_detail.unit_price))
    changes = []
    for change in (_price_change(f, cart.currency) if isinstance(f, tuple) else f for f in found):
        if change is not None and change not in changes:
            changes.append(change)
    row.extra = {**row.extra, "changes": changes}


def _price_change(held, currency: str) -> dict | None:
    """An ItemOut's price against its line's once every ItemOut is in: the line's final price
    (ItemOuts of one SKU share a line, priced at their summed quantity), in the entity's
    currency (a price in another currency is a change, even of the same amount)."""
    sku, line, was = held
    if (was.amount, was.currency) == (line.unit_price, currency):
        return None
    change = {"change": "price", "sku": sku, "was": str(was.amount)}
    if was.currency != currency:
        change["was_currency"] = was.currency
    return change | {"now": str(line.unit_price), "currency": currency}


def change_message(change: dict | str) -> str:
    """A reopened cart's change in English, as the JSON API gives it: "PC-1: unit price 900.00
    is now 973.71 EUR", "NOPE-1: no longer offered (sku: no product 'NOPE-1' in this catalog)".
    A session stored before changes were records holds these words already."""
    if isinstance(change, str):
        return change
    if change["change"] == "price":
        was, now, currency = change["was"], change["now"], change["currency"]
        if change.get("was_currency", currency) != currency:
            was = f"{was} {change['was_currency']}"
        return f"{change['sku']}: unit price {was} is now {now} {currency}"
    return f"{change['sku']}: no longer offered ({change['refusal']['message']})"


def _add_readonly(cart: Cart, sku: str, quantity: Decimal):
    operation, cart.row.operation = cart.row.operation, "edit"
    try:
        return cart.add(sku, quantity)
    finally:
        cart.row.operation = operation


def order_message(cart: Cart, profile: BuyerProfile, *, cancel: bool) -> PunchOutOrderMessage:
    """The PunchOutOrderMessage for the cart (no items when the buyer cancelled), units in the
    buyer's codes; LinesNotOffered when a line can no longer be sent, CartNotTransferable when
    a line lacks a field the profile requires."""
    row = cart.row
    lines = [] if cancel else cart.transferable_lines()
    for line in lines:
        _check_required(line, profile.required_cart_fields)
    items = tuple(_item_in(line, row.language, cart.currency, profile.unit_map) for line in lines)
    total = sum((line.line_total for line in lines), Decimal(0))
    allowed = "inspect" if row.operation == "inspect" else "edit"
    return PunchOutOrderMessage(
        buyer_cookie=row.buyer_cookie,
        operation_allowed=allowed,
        total=Money(amount=total, currency=cart.currency),
        items=items,
    )


def _check_required(line, required: tuple[str, ...]) -> None:
    field = missing_field(line.product, required)
    if field is not None:
        raise CartNotTransferable(
            f"line {line.line_number} ({line.product.sku}): {field} is missing, and your"
            " procurement system requires it on every line; remove the line or ask the"
            " supplier to complete the product",
            field=field,
            key="line_field_missing",
            line=line.line_number,
            sku=line.product.sku,
        )


def required_fields_check(profile: BuyerProfile):
    """A cart's line check (`Cart(line_check=...)`) refusing a product that lacks a field the
    profile requires on every line, when it is added rather than at transfer."""

    def check(product, _quantity, _quote) -> None:
        field = missing_field(product, profile.required_cart_fields)
        if field is not None:
            raise CartNotTransferable(
                f"sku {product.sku}: {field} is missing, and your procurement system requires"
                " it on every line; ask the supplier to complete the product",
                field=field,
                key="sku_field_missing",
                sku=product.sku,
            )

    return check


def missing_field(product, required: tuple[str, ...]) -> str | None:
    """The first of the `required` line fields the product has no value for, or None."""
    values = {
        "supplier_part_id": product.sku,
        "description": product.description,
        "unit": product.unit,
        "unspsc": product.unspsc,
        "manufacturer_part_id": product.manufacturer_part_id,
        "manufacturer": product.manufacturer,
        "lead_time": product.lead_time_days,
    }
    return next((field for field in required if values[field] in (None, "")), None)


def _item_in(line, language: str, currency: str, unit_map) -> ItemIn:
    product = line.product
    # ItemDetail needs at least one Classification (formats.md 1.6); UNSPSC is what buyers use.
    classifications = (Classification(domain="UNSPSC", code=product.unspsc or "0"),)
    return ItemIn(
        quantity=plain_quantity(line.quantity),
        line_number=line.line_number,
        item_id=ItemID(
            supplier_part_id=product.sku, supplier_part_auxiliary_id=line.auxiliary_id or None
        ),
        item_detail=ItemDetail(
            unit_price=Money(amount=line.quote.unit_price.amount, currency=currency),
            descriptions=(Description(text=product.description or product.sku, lang=language),),
            unit_of_measure=unit_map.get(product.unit, product.unit),
            classifications=classifications,
            manufacturer_part_id=product.manufacturer_part_id or None,
            manufacturer_name=product.manufacturer or None,
            lead_time=product.lead_time_days,
        ),
    )


def cart_form_fields(message_bytes: bytes, field: str) -> list[tuple[str, str]]:
    """The hidden form field carrying the POOM (formats.md 1.7): Base64 of the bytes, or the
    XML text itself (HTML-escaped once by the template when put in the attribute)."""
    if field.lower() == "cxml-urlencoded":
        return [("cxml-urlencoded", message_bytes.decode("utf-8"))]
    return [("cxml-base64", base64.b64encode(message_bytes).decode("ascii"))]
