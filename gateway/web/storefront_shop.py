"""What every storefront page shares: the blueprint, the open session behind a token, rendering
in the session's language, and the headers that let the pages live inside the procurement
system's iframe and nowhere else.

Strategy: the session token travels in the URL path and in form actions only (no cookie), so a
page works inside a third-party iframe with cookies blocked, and two punch-outs in one browser
never share a cart. Each request opens one transaction, finds the session, builds its `Cart` and
hands views a `Shop`; a `CartError` raised inside rolls the whole change back. Pages answer with
`Content-Security-Policy: frame-ancestors 'self' <origins>` where the origins are those of the
partner's return-URL prefixes and its `frame_ancestors` setting (CSP Level 2, frame-ancestors),
and with `Referrer-Policy: same-origin` so the token in the URL never leaks to another site.
"""

import contextlib
import dataclasses
import re
from collections.abc import Iterator
from decimal import Decimal

from flask import Blueprint
from flask import Response
from flask import current_app
from flask import g
from flask import render_template
from flask import request
from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.app import database_of
from gateway.errors import BuyerError
from gateway.errors import GatewayError
from gateway.errors import NotFoundError
from gateway.errors import NotInShop
from gateway.errors import SessionError
from gateway.models import BillingEntity
from gateway.models import PunchOutSession
from gateway.models import TradingPartner
from gateway.sessions import Cart
from gateway.sessions import find_session
from gateway.sessions import form_quantity
from gateway.sessions import token_hash
from gateway.urls import web_url
from gateway.web.i18n import LANGUAGES
from gateway.web.i18n import Texts
from gateway.web.i18n import texts_for
from gateway.web.transfer import shopping_cart
from pricing import round_amount

blueprint = Blueprint("storefront", __name__)

# Our own pages need nothing from elsewhere; the transfer page (inline script, form posting to
# the procurement system) only gets frame-ancestors.
PAGE_POLICY = "default-src 'self'; img-src 'self' data:; base-uri 'none'; object-src 'none'"
_SOURCE = re.compile(r"^(https?://)?[A-Za-z0-9*.\-\[\]:]+(/[^\s;,'\"]*)?$")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Shop:
    """One request's view of an open punch-out session."""

    token: str
    db: Session
    row: PunchOutSession
    partner: TradingPartner
    entity: BillingEntity
    cart: Cart
    texts: Texts

    @property
    def read_only(self) -> bool:
        """Inspect sessions show the cart but change nothing (cXML operation="inspect")."""
        return self.row.operation == "inspect"

    @property
    def returns(self) -> bool:
        """Whether a cart goes back at all: an OCI DETAIL call opens a window without HOOK_URL,
        to show a product, where transfer and cancel are refused."""
        return bool(self.row.return_url)

    @property
    def language(self) -> str:
        """The session's language as the storefront uses it: en, fr or de."""
        return self.texts.language

    @property
    def owner(self) -> str:
        """Whose favourites lists this buyer sees: the session's user email."""
        return self.row.user_email or ""


def frame_ancestors(partner: TradingPartner | None) -> str:
    """The CSP frame-ancestors directive for pages of `partner`'s sessions."""
    if partner is None:
        return "frame-ancestors 'self'"
    sources = ["'self'"]
    for prefix in partner.return_url_prefixes or []:
        origin = _origin(prefix)  # SAPEVENT:POST (SAP GUI) has none and adds nothing
        if origin and origin not in sources:
            sources.append(origin)
    for source in (partner.settings or {}).get("frame_ancestors", []):
        text = str(source).strip()
        if _SOURCE.match(text) and text not in sources:
            sources.append(text)
    return "frame-ancestors " + " ".join(sources)


def _origin(url: str) -> str:
    """The CSP source of a return-URL prefix's origin. A prefix without a port admits every
    port of its host (oci.url_has_prefix), and a CSP source without one matches only the
    scheme's default port (CSP 3, "port-part matches"): it gets `:*`."""
    parts = web_url(str(url).strip())
    if parts is None:
        return ""
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    port = "*" if parts.port is None else parts.port
    return f"{parts.scheme.lower()}://{host}:{port}"


@contextlib.contextmanager
def open_shop(token: str) -> Iterator[Shop]:
    """The open session of `token` in one transaction, committed when the block ends. A POST
    (every one changes the session: its cart, its favourites, its state) holds the session's
    row locked until then, so that two at once (a double click) run one after the other."""
    with database_of(current_app).transaction() as db:
        try:
            row = find_session(db, token, for_update=request.method == "POST")
        except SessionError:
            ended = _session_of_token(db, token)
            if ended is not None:  # its error page is in its language, framed by its partner
                g.language = ended.language
                g.frame_ancestors = frame_ancestors(db.get(TradingPartner, ended.partner_id))
            raise
        partner = db.get(TradingPartner, row.partner_id)
        g.frame_ancestors = frame_ancestors(partner)  # kept as text: rows expire on rollback
        g.language, g.token = row.language, token
        cart = shopping_cart(db, row)
        texts = texts_for(row.language, cart.currency)
        yield Shop(
            token=token,
            db=db,
            row=row,
            partner=partner,
            entity=cart.entity,
            cart=cart,
            texts=texts,
        )


def _session_of_token(db: Session, token: str) -> PunchOutSession | None:
    # An expired or closed session still names its partner, whose origins may frame the page.
    return db.scalar(select(PunchOutSession).where(PunchOutSession.token_hash == token_hash(token)))


def render(shop: Shop, template: str, status: int = 200, **context) -> Response:
    """A storefront page in the session's language; `shop` and `t` reach every template."""
    header = CartSummary.of(shop.cart)
    html = render_template(
        template, shop=shop, t=shop.texts, header=header, plain=form_quantity, **context
    )
    return _page(html, status)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class CartSummary:
    """The cart as the page header shows it: line count and total."""

    count: int
    total: Decimal

    @classmethod
    def of(cls, cart: Cart) -> "CartSummary":
        lines = cart.lines()
        totals = (round_amount(line.line_total, cart.currency) for line in lines)
        return cls(count=len(lines), total=sum(totals, Decimal(0)))


def _page(html: str, status: int) -> Response:
    response = Response(html, status=status, content_type="text/html; charset=utf-8")
    response.headers["Content-Security-Policy"] = PAGE_POLICY
    return response


def error_page(
    problem: GatewayError | str, status: int, title: str = "", *, in_session: bool = False
) -> Response:
    """A clear page for a session or lookup error, in the session's language when known (else
    the browser's), as are a BuyerError's words; a way back to the catalog when the session
    itself is fine: the error arose in an open session (`in_session`, such as a product it
    cannot buy), or is a bad request (below 403) to a URL naming a session."""
    title = title or ("bad_request_title" if status == 400 else "error_title")
    language = g.get("language") or request.accept_languages.best_match(LANGUAGES) or "en"
    texts = texts_for(language, "EUR")
    token = g.get("token")
    fine = in_session or status < 403
    back = url_for("storefront.landing", token=token) if token and fine else ""
    html = render_template(
        "storefront/error.html",
        t=texts,
        title=title,
        message=texts.refusal(problem) if isinstance(problem, BuyerError) else str(problem),
        status=status,
        back=back,
    )
    return _page(html, status)


@blueprint.errorhandler(SessionError)
def session_error(error: SessionError) -> Response:
    return error_page(error, error.status)


@blueprint.errorhandler(NotInShop)
@blueprint.errorhandler(NotFoundError)
def not_found(error: NotInShop | NotFoundError) -> Response:
    # raised by views of an open session (g.token is set only once the session is found)
    return error_page(error, 404, title="not_found_title", in_session=True)


@blueprint.after_request
def storefront_headers(response: Response) -> Response:
    """frame-ancestors for the session's partner, no caching, no token in Referer."""
    ancestors = g.get("frame_ancestors")
    if ancestors is None and response.status_code >= 400:
        # An unknown token names no partner; its error page holds no data and no form, and the
        # buyer must be able to read it inside whatever procurement system framed the link.
        ancestors = "frame-ancestors *"
    elif ancestors is None:
        ancestors = "frame-ancestors 'self'"
    policy = response.headers.get("Content-Security-Policy")
    response.headers["Content-Security-Policy"] = f"{policy}; {ancestors}" if policy else ancestors
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
