"""The buyer simulator (demo mode): plays a procurement system against this gateway over real
HTTP, so a new user sees the whole punch-out loop in a minute and browser tests have a harness.

/simulator lists the demo cXML partners; "Punch out" posts a real PunchOutSetupRequest to
/cxml with `requests` and sends the browser to the StartPage; the cart comes back to
/simulator/receive, which decodes it, validates it strictly and offers edit and inspect
sessions of the same cart, and to order it: "Place the order" turns the cart into an
OrderRequest and posts it to /cxml, as the procurement system does once the buyer's
requisition is approved.

Both posts wait for this same server while holding one of its threads. Under `gateway serve`
(gateway.app.limit_self_calls), each worker lets at most all but one of its threads wait so, and
answers a further simulated post with a page that tries again a moment later; otherwise
simultaneous punch-outs could hold every thread of a worker, leaving none to answer the setups
they wait for.
"""

import base64
import binascii
import contextlib
import datetime
from collections.abc import Iterator
from decimal import Decimal

import requests
from flask import Blueprint
from flask import abort
from flask import current_app
from flask import redirect
from flask import render_template
from flask import request
from sqlalchemy import select

from cxml.address import Address
from cxml.address import PostalAddress
from cxml.document import build_cxml
from cxml.document import parse_cxml
from cxml.envelope import Credential
from cxml.envelope import CXml
from cxml.envelope import Header
from cxml.envelope import Party
from cxml.envelope import Request
from cxml.envelope import Sender
from cxml.errors import CXmlError
from cxml.items import ItemOut
from cxml.order import OrderRequest
from cxml.punchout import PunchOutSetupRequest
from cxml.values import Extrinsic
from cxml.values import Money
from gateway.app import base_url
from gateway.app import database_of
from gateway.app import ids_of
from gateway.app import own_url
from gateway.app import self_calls_of
from gateway.app import settings_of
from gateway.models import Address as EntityAddress
from gateway.models import TradingPartner

blueprint = Blueprint("simulator", __name__, url_prefix="/simulator")


@blueprint.before_request
def demo_only():
    if not settings_of(current_app).demo:
        abort(404)


def demo_credentials() -> dict[str, dict[str, str]]:
    """Clear-text demo credentials by partner name (demo data only)."""
    from gateway.demo import DEMO_PARTNERS

    return {
        spec.name: {"domain": spec.domain, "identity": spec.identity, "secret": spec.secret}
        for spec in DEMO_PARTNERS
        if spec.protocol == "cxml"
    }


@blueprint.get("/")
def index():
    """Pick a demo partner and punch out."""
    with database_of(current_app).transaction() as session:
        partners = session.scalars(
            select(TradingPartner)
            .where(TradingPartner.protocol == "cxml")
            .order_by(TradingPartner.name)
        ).all()
        names = [(p.name, p.flavour) for p in partners if p.name in demo_credentials()]
    return render_template("simulator/index.html", partners=names)


class BadForm(Exception):
    """A simulator form that names no demo partner or carries an unreadable cart (400)."""


@blueprint.errorhandler(BadForm)
def bad_form(error: BadForm):
    return render_template("simulator/error.html", message=str(error)), 400


class Busy(Exception):
    """No thread of this worker may wait on the server now (503); `retry`: in a moment."""

    def __init__(self, message: str, *, retry: bool) -> None:
        super().__init__(message)
        self.retry = retry


@blueprint.errorhandler(Busy)
def busy(error: Busy):
    page = render_template(
        "simulator/busy.html",
        message=str(error),
        retry=error.retry,
        action=request.path,
        fields=list(request.form.items(multi=True)),
    )
    return page, 503, ({"Retry-After": "2"} if error.retry else {})


@contextlib.contextmanager
def _thread_to_wait_on_ourselves() -> Iterator[None]:
    """Hold one of the worker's slots for waiting on this server (see the module), or raise Busy.
    Without `limit_self_calls` (a server with a thread per request) there is no limit."""
    limit = self_calls_of(current_app)
    if limit is None:
        yield
        return
    threads, slots = limit
    if threads < 2:
        raise Busy(
            "The simulator waits for this same server to answer, which takes a second thread: "
            "start it with `gateway serve --demo --threads 2` or more.",
            retry=False,
        )
    if not slots.acquire(blocking=False):
        raise Busy(
            f"{threads - 1} simulated punch-outs or orders are already waiting for this server "
            "process, which keeps its last thread free to answer them; trying again shortly.",
            retry=True,
        )
    try:
        yield
    finally:
        slots.release()


def _posted_partner_and_cart() -> tuple[str, dict[str, str], tuple[ItemOut, ...]]:
    """The demo partner the form names, its credentials, and the cart it carries (if any)."""
    name = request.form.get("partner", "")
    credentials = demo_credentials().get(name)
    if credentials is None:
        raise BadForm(f"No demo partner {name!r}.")
    try:
        items = _items_of(request.form.get("cart", ""))
    except (binascii.Error, ValueError, CXmlError) as exc:
        raise BadForm(f"Unreadable cart: {exc}") from exc
    return name, credentials, items


@blueprint.post("/punchout")
def punchout():
    """Post a PunchOutSetupRequest to our own /cxml and follow its StartPage."""
    _name, credentials, items = _posted_partner_and_cart()
    operation = request.form.get("operation", "create")
    body = setup_request(credentials, operation, request.form.get("lang", "en"), items)
    try:
        document = post_to_gateway(body)
    except (requests.RequestException, CXmlError) as exc:
        return render_template("simulator/error.html", message=f"Setup failed: {exc}"), 502
    status = document.body.status
    if status.code != 200:
        message = f"The gateway answered {status.code} {status.text}: {status.message}"
        return render_template("simulator/error.html", message=message), 502
    return redirect(document.body.content.start_page, code=303)


def post_to_gateway(body: bytes) -> CXml:
    """Post a cXML document to this gateway's /cxml over HTTP, as a procurement system does;
    the answer parsed. It goes to this server's own address (own_url), never to the one the
    Host header names, which would take the demo partner's shared secret anywhere; the Host
    goes along only as the name of the URLs the answer hands the browser (its StartPage)."""
    with _thread_to_wait_on_ourselves():
        answer = requests.post(
            f"{own_url(current_app, request)}/cxml",
            data=body,
            headers={"Content-Type": "text/xml; charset=UTF-8", "Host": request.host},
            timeout=30,
        )
    return parse_cxml(answer.content, mode=None)


def setup_request(credentials: dict[str, str], operation: str, lang: str, items) -> bytes:
    ids = ids_of(current_app)
    content = PunchOutSetupRequest(
        operation=operation,
        buyer_cookie=f"sim-{ids.random_hex(8)}",
        browser_form_post=f"{base_url(current_app, request)}/simulator/receive",
        extrinsics=(
            Extrinsic(name="UserEmail", value="buyer@demo.example"),
            Extrinsic(name="UserFullName", value="Demo Buyer"),
        ),
        items=items,
    )
    return _request_document(credentials, content, lang)


def _request_document(credentials: dict[str, str], content, lang: str = "en") -> bytes:
    """A cXML Request from the demo partner, with its shared secret."""
    ids = ids_of(current_app)
    moment = ids.now()
    own = Credential(domain=credentials["domain"], identity=credentials["identity"])
    header = Header(
        from_=Party(credentials=(own,)),
        to=Party(credentials=(Credential(domain="NetworkID", identity="GATEWAY"),)),
        sender=Sender(
            credentials=(
                Credential(
                    domain=credentials["domain"],
                    identity=credentials["identity"],
                    shared_secret=credentials["secret"],
                ),
            ),
            user_agent="Gateway buyer simulator",
        ),
    )
    document = CXml(
        payload_id=ids.payload_id(moment),
        timestamp=moment,
        lang=lang,
        header=header,
        body=Request(content=content),
    )
    return build_cxml(document)


def _items_of(encoded: str) -> tuple[ItemOut, ...]:
    """ItemOut lines for an edit or inspect session or an order, from a received cart
    (base64): each line as it came, SupplierPartAuxiliaryID included."""
    if not encoded:
        return ()
    message = parse_cxml(base64.b64decode(encoded), mode=None).body.content
    return tuple(
        ItemOut(
            quantity=item.quantity,
            line_number=index,
            item_id=item.item_id,
            item_detail=item.item_detail,
        )
        for index, item in enumerate(message.items, start=1)
    )


@blueprint.post("/receive")
def receive():
    """Show the cart the gateway returned, decoded and validated."""
    raw, field = _posted_cart()
    problems = []
    message = None
    try:
        document = parse_cxml(raw, mode="strict")
        message = document.body.content
    except CXmlError as exc:
        problems.append(str(exc))
    return render_template(
        "simulator/receive.html",
        field=field,
        message=message,
        problems=problems,
        xml=raw.decode("utf-8", errors="replace"),
        cart=base64.b64encode(raw).decode("ascii"),
        partners=list(demo_credentials()),
        partner=partner_addressed(document) if message else "",
        received_at=datetime.datetime.now(datetime.UTC),
    )


def partner_addressed(document: CXml) -> str:
    """The demo partner a document is for: the one its To names ("" for none)."""
    names = {(c["domain"].lower(), c["identity"]): n for n, c in demo_credentials().items()}
    for credential in document.header.to.credentials if document.header else ():
        name = names.get((credential.domain.lower(), credential.identity))
        if name:
            return name
    return ""


@blueprint.post("/order")
def order():
    """Turn a received cart into an OrderRequest, post it to /cxml and show the answer."""
    name, credentials, items = _posted_partner_and_cart()
    if not items:
        raise BadForm("The cart is empty.")
    purchase_order = order_request(name, items)
    body = _request_document(credentials, purchase_order)
    try:
        status = post_to_gateway(body).body.status
    except (requests.RequestException, CXmlError) as exc:
        return render_template("simulator/error.html", message=f"Order failed: {exc}"), 502
    return render_template(
        "simulator/order.html",
        order=purchase_order,
        partner=name,
        status=status,
        xml=body.decode("utf-8"),
    ), (200 if status.code == 200 else 502)


def order_request(partner_name: str, items: tuple[ItemOut, ...]) -> OrderRequest:
    """A new order of these lines, to the partner's entity's bill-to and first ship-to."""
    ids = ids_of(current_app)
    with database_of(current_app).transaction() as session:
        partner = session.scalars(
            select(TradingPartner).where(TradingPartner.name == partner_name)
        ).one()
        addresses = session.scalars(
            select(EntityAddress)
            .where(EntityAddress.entity_id == partner.entity_id)
            .order_by(EntityAddress.id)
        ).all()
        bill_to = next(_address(a) for a in addresses if a.kind == "bill_to")
        ship_to = next((_address(a) for a in addresses if a.kind == "ship_to"), bill_to)
    currency = items[0].item_detail.unit_price.currency
    total = sum((i.item_detail.unit_price.amount * i.quantity for i in items), Decimal(0))
    return OrderRequest(
        order_id=f"SIM-{ids.random_hex(6).upper()}",
        order_date=ids.now(),
        total=Money(amount=total, currency=currency),
        bill_to=bill_to,
        ship_to=ship_to,
        items=items,
    )


def _address(row: EntityAddress) -> Address:
    return Address(
        name=row.name,
        address_id=row.address_id,
        postal_address=PostalAddress(
            street=(row.street,),
            city=row.city,
            postal_code=row.postal_code,
            country=row.country,
            iso_country_code=row.country,
        ),
    )


def _posted_cart() -> tuple[bytes, str]:
    fields = {name.lower(): value for name, value in request.form.items()}
    if "cxml-base64" in fields:
        try:
            return base64.b64decode(fields["cxml-base64"]), "cxml-base64"
        except (binascii.Error, ValueError):
            return b"", "cxml-base64"
    if "cxml-urlencoded" in fields:
        return fields["cxml-urlencoded"].encode("utf-8"), "cxml-urlencoded"
    return request.get_data(), "body"
