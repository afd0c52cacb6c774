"""The buyer simulator (demo mode): plays a procurement system against this gateway over real
HTTP, so a new user sees the whole punch-out loop in a minute and browser tests have a harness.

/simulator lists the demo cXML partners; "Punch out" posts a real PunchOutSetupRequest to
/cxml with `requests` and sends the browser to the StartPage; the cart comes back to
/simulator/receive, which decodes it, validates it strictly and offers edit and inspect
sessions of the same cart.
"""

import base64
import binascii
import datetime

import requests
from flask import Blueprint
from flask import abort
from flask import current_app
from flask import redirect
from flask import render_template
from flask import request
from sqlalchemy import select

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
from cxml.punchout import PunchOutSetupRequest
from cxml.values import Extrinsic
from gateway.app import base_url
from gateway.app import database_of
from gateway.app import ids_of
from gateway.app import settings_of
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


@blueprint.post("/punchout")
def punchout():
    """Post a PunchOutSetupRequest to our own /cxml and follow its StartPage."""
    name = request.form.get("partner", "")
    credentials = demo_credentials().get(name)
    if credentials is None:
        return render_template("simulator/error.html", message=f"No demo partner {name!r}."), 400
    operation = request.form.get("operation", "create")
    items = _items_of(request.form.get("cart", ""))
    body = setup_request(credentials, operation, request.form.get("lang", "en"), items)
    try:
        answer = requests.post(
            f"{base_url(current_app, request)}/cxml",
            data=body,
            headers={"Content-Type": "text/xml; charset=UTF-8"},
            timeout=30,
        )
        document = parse_cxml(answer.content, mode=None)
    except (requests.RequestException, CXmlError) as exc:
        return render_template("simulator/error.html", message=f"Setup failed: {exc}"), 502
    status = document.body.status
    if status.code != 200:
        message = f"The gateway answered {status.code} {status.text}: {status.message}"
        return render_template("simulator/error.html", message=message), 502
    return redirect(document.body.content.start_page, code=303)


def setup_request(credentials: dict[str, str], operation: str, lang: str, items) -> bytes:
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
    document = CXml(
        payload_id=ids.payload_id(moment),
        timestamp=moment,
        lang=lang,
        header=header,
        body=Request(content=content),
    )
    return build_cxml(document)


def _items_of(encoded: str) -> tuple[ItemOut, ...]:
    """ItemOut lines for an edit or inspect session, from a received cart (base64)."""
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
        received_at=datetime.datetime.now(datetime.UTC),
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
