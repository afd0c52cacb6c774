"""Returning the cart to the procurement system: the page whose form the browser posts to the
BrowserFormPost URL (cXML) or the HOOK_URL (OCI), auto-submitting, with a visible button for
browsers without JavaScript. The session is closed once the page is built.

`transfer_form` computes the form of a session (action, fields, target, charset) for the JSON
API; `transfer_response` renders the same form as the page. Both protocols build the form once:
cXML here, OCI in oci_transfer (`transfer_form`, which the OCI page renders)."""

import dataclasses

from flask import Response
from flask import current_app
from flask import render_template
from sqlalchemy.orm import Session

from cxml.document import build_cxml
from cxml.envelope import CXml
from cxml.envelope import Message
from cxml.envelope import Status
from gateway import oci_transfer
from gateway.app import ids_of
from gateway.app import price_books_of
from gateway.app import settings_of
from gateway.cxml_service import message_header
from gateway.documents import log_document
from gateway.models import PunchOutSession
from gateway.models import TradingPartner
from gateway.profiles import profile_for
from gateway.punchout import cart_form_fields
from gateway.punchout import order_message
from gateway.punchout import required_fields_check
from gateway.sessions import Cart
from gateway.sessions import LineCheck
from gateway.web.oci_endpoint import oci_transfer_response

TEXTS = {
    "en": ("Returning your cart to your procurement system…", "Return the cart"),
    "fr": ("Retour du panier vers votre système d'achat…", "Renvoyer le panier"),
    "de": ("Der Warenkorb wird an Ihr Beschaffungssystem übertragen…", "Warenkorb übertragen"),
}
NOSCRIPT = {
    "en": "JavaScript is off: press the button to return the cart.",
    "fr": "JavaScript est désactivé : cliquez sur le bouton pour renvoyer le panier.",
    "de": "JavaScript ist aus: Klicken Sie auf die Schaltfläche, um den Warenkorb zu übertragen.",
}


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class TransferForm:
    """The form the buyer's browser posts back to the procurement system (method POST)."""

    action: str
    fields: tuple[tuple[str, str], ...]
    target: str
    charset: str


def shopping_cart(session: Session, row: PunchOutSession) -> Cart:
    """The session's cart as the storefront and the JSON API use it: priced by the entity's
    price book of today, each line added checked as the transfer would (`line_check`)."""
    books, today = price_books_of(current_app), settings_of(current_app).today()
    return Cart(session, row, books, today, line_check=line_check(session, row))


def line_check(session: Session, row: PunchOutSession) -> LineCheck:
    """For `Cart(line_check=...)`: what the transfer would refuse of a line, asked when the
    buyer adds it, so that the buyer hears it on the product or cart page at once rather than
    when returning the cart: an OCI line the NEW_ITEM fields cannot carry, a cXML line lacking
    a field the partner's profile requires. The transfer still checks every line."""

    def check(product, quantity, quote) -> None:
        partner = session.get(TradingPartner, row.partner_id)
        if row.protocol == "oci":
            oci_transfer.sendable_check(partner, row)(product, quantity, quote)
        else:
            required_fields_check(profile_for(partner))(product, quantity, quote)

    return check


def transfer_response(cart: Cart, *, cancel: bool) -> Response:
    """The auto-submitting return page for the cart; closes the session."""
    row = cart.row
    if row.protocol == "oci":
        partner = cart.session.get(TradingPartner, row.partner_id)
        page = oci_transfer_response(cart, partner, cancel=cancel)
        _close(cart, cancel=cancel)
        return page
    form = transfer_form(cart, cancel=cancel)
    return _form_page(
        action=form.action,
        fields=form.fields,
        target=form.target,
        charset=form.charset,
        lang=row.language,
    )


def transfer_form(cart: Cart, *, cancel: bool) -> TransferForm:
    """The form returning the session's cart, cXML (formats.md 1.7) or OCI (formats.md 2.3);
    closes the session."""
    partner = cart.session.get(TradingPartner, cart.row.partner_id)
    if cart.row.protocol == "oci":
        form = _oci_form(cart, partner, cancel=cancel)
    else:
        form = _cxml_form(cart, partner, cancel=cancel)
    _close(cart, cancel=cancel)
    return form


def _close(cart: Cart, *, cancel: bool) -> None:
    cart.row.state = "cancelled" if cancel else "transferred"
    cart.session.flush()


def _cxml_form(cart: Cart, partner: TradingPartner, *, cancel: bool) -> TransferForm:
    profile = profile_for(partner)
    ids = ids_of(current_app)
    moment = ids.now()
    document = CXml(
        payload_id=ids.payload_id(moment),
        timestamp=moment,
        version=profile.version_for("PunchOutOrderMessage"),
        lang=cart.row.language,
        header=message_header(settings_of(current_app), partner, "Gateway punch-out"),
        body=Message(
            content=order_message(cart, profile, cancel=cancel),
            status=Status(code=204, text="No Content") if cancel else None,
        ),
    )
    body = build_cxml(document)
    log_document(
        cart.session,
        direction="out",
        doc_type="PunchOutOrderMessage",
        body=body,
        partner_id=partner.id,
        payload_id=document.payload_id,
        status_code=204 if cancel else 200,
        session_id=cart.row.id,
    )
    return TransferForm(
        action=cart.row.return_url,
        fields=tuple(cart_form_fields(body, profile.cart_field)),
        target=cart.row.extra.get("target", ""),
        charset="UTF-8",
    )


def _oci_form(cart: Cart, partner: TradingPartner, *, cancel: bool) -> TransferForm:
    """The NEW_ITEM fields with the call's pass-through fields, as the OCI page posts them."""
    form = oci_transfer.transfer_form(cart, partner, cancel=cancel)
    return TransferForm(
        action=form.hook_url,
        fields=form.fields,
        target=form.target or "",
        charset=form.charset.value,
    )


def _form_page(*, action, fields, target, charset, lang) -> Response:
    message, button = TEXTS.get(lang, TEXTS["en"])
    html = render_template(
        "transfer.html",
        action=action,
        fields=fields,
        target=target,
        charset=charset,
        lang=lang,
        title=button,
        message=message,
        button=button,
        noscript=NOSCRIPT.get(lang, NOSCRIPT["en"]),
    )
    response = Response(html.encode(charset), content_type=f"text/html; charset={charset}")
    response.headers["Cache-Control"] = "no-store"
    return response
