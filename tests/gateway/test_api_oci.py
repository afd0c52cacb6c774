"""An OCI session run through the JSON API: opened by a real /oci login, filled through the
API, transferred through the API; the form it answers is, field for field, the one the
storefront's OCI transfer page posts (NEW_ITEM fields, pass-through fields, HOOK_URL, frame,
charset), and the session is closed as the page closes it."""

import pytest
from sqlalchemy import select

from gateway.models import Document
from gateway.models import PunchOutSession
from gateway.sessions import token_hash
from oci import parse_new_item_fields

from .test_api import Api
from .test_api import error_of
from .test_oci_fixtures import DOCK_TEXT
from .test_oci_fixtures import HOOK_URL
from .test_oci_fixtures import add_euro_product
from .test_oci_fixtures import login_pairs
from .test_oci_fixtures import oci_client
from .test_oci_fixtures import posted_form
from .test_oci_fixtures import token_of
from .test_oci_transfer import CART
from .test_oci_transfer import ECHOED
from .test_oci_transfer import EXPECTED
from .test_oci_transfer import _withdraw_and_exclude
from .test_oci_transfer import gain_a_dash


@pytest.fixture
def client(app, db):
    return oci_client(app, db)


def api_session(client, cart=CART, **call) -> Api:
    """Log in through /oci with `call`, then fill the cart through the API."""
    api = Api(client=client, token=token_of(client.post("/oci", data=login_pairs(**call))))
    for sku, quantity in cart:
        status, body = api.call("POST", "/cart/lines", json={"sku": sku, "quantity": quantity})
        assert status == 201, body
    return api


def page_form(client, cart=CART, **call):
    """The same cart put in through the storefront: the transfer page's (attributes, fields)."""
    token = token_of(client.post("/oci", data=login_pairs(**call)))
    for sku, quantity in cart:
        added = client.post(f"/shop/{token}/cart/add", data={"sku": sku, "quantity": quantity})
        assert added.status_code == 303
    page = client.post(f"/shop/{token}/transfer")
    assert page.status_code == 200
    charset = page.headers["Content-Type"].rpartition("charset=")[2]
    return posted_form(page, charset)


def state(db, token) -> str:
    with db.transaction() as session:
        return session.scalar(
            select(PunchOutSession.state).where(PunchOutSession.token_hash == token_hash(token))
        )


@pytest.mark.parametrize(
    ("label", "charset"), [("utf-8", "UTF-8"), ("ISO-8859-1", "ISO-8859-1"), (None, "UTF-8")]
)
def test_transfer_answers_the_fields_the_page_posts(client, db, label, charset):
    api = api_session(client, http_content_charset=label)
    status, form = api.call("POST", "/transfer")
    assert status == 200
    attributes, page_fields = page_form(client, http_content_charset=label)
    assert (form["action"], form["method"], form["target"], form["charset"]) == (
        HOOK_URL,
        "POST",
        "_top",  # ~target wins over returntarget
        charset,
    )
    assert (attributes["action"], attributes["target"], attributes["accept-charset"]) == (
        form["action"],
        form["target"],
        form["charset"],
    )
    fields = [tuple(pair) for pair in form["fields"]]
    every = sum(len(line) for line in EXPECTED.values()) + len(ECHOED)
    assert len(fields) == len(page_fields) == every
    for number, (ours, theirs) in enumerate(zip(fields, page_fields, strict=True)):
        assert ours == theirs, f"field {number}"
    cart = parse_new_item_fields(fields)
    assert {item.index: dict(item.fields) for item in cart.items} == EXPECTED
    assert list(cart.other_fields) == ECHOED


def test_transfer_closes_the_session_and_logs_the_form(client, db):
    api = api_session(client, cart=CART[:1])
    assert api.call("POST", "/transfer")[0] == 200
    assert state(db, api.token) == "transferred"
    with db.transaction() as session:
        sent = session.scalars(select(Document).where(Document.direction == "out")).one()
        assert (sent.doc_type, sent.status_code) == ("OciNewItemForm", 200)
        assert b'name="NEW_ITEM-DESCRIPTION[1]"' in sent.body
    for status, body in [api.call("POST", "/transfer"), api.get("/cart")]:
        assert (status, *error_of(body)) == (410, "session_closed", "Authorization")


def test_the_frame_is_returntarget_when_the_call_has_no_target(client):
    api = api_session(client, cart=CART[:1], **{"~target": None})
    status, form = api.call("POST", "/transfer")
    assert (status, form["target"]) == (200, "_parent")
    assert ["~target", "_top"] not in form["fields"]


def test_cancel_answers_only_the_pass_through_fields(client, db):
    api = api_session(client)
    status, form = api.call("POST", "/cancel")
    assert status == 200
    assert [tuple(pair) for pair in form["fields"]] == ECHOED
    assert state(db, api.token) == "cancelled"


def test_a_detail_session_has_nothing_to_return_to(client, db):
    """Its transfer is refused without pointing at cancel, which is refused too: there is no
    HOOK_URL to return to, and the message says so."""
    call = login_pairs(FUNCTION="DETAIL", PRODUCTID="LAP-100", HOOK_URL=None)
    api = Api(client=client, token=token_of(client.post("/oci", data=call)))
    status, body = api.call("POST", "/transfer")
    assert (status, *error_of(body)) == (403, "read_only", None)
    assert body["error"]["message"] == (
        "This cart is open for inspection only: it cannot be transferred. It was opened to show"
        " one product (FUNCTION=DETAIL) and has no HOOK_URL to return to: close the catalog"
        " window to go back to the procurement system."
    )
    status, body = api.call("POST", "/cancel")
    assert (status, *error_of(body)) == (409, "no_return_url", None)
    assert state(db, api.token) == "open"


def test_a_character_the_charset_lacks_is_refused_and_the_session_stays_open(client, db):
    add_euro_product(db)
    api = api_session(client, cart=[("LAP-100", "1")], http_content_charset="latin1")
    status, body = api.call("POST", "/cart/lines", json={"sku": "PSU-600", "quantity": "1"})
    assert (status, *error_of(body)) == (422, "not_transferable", "NEW_ITEM-DESCRIPTION")
    assert body["error"]["message"] == (
        "sku PSU-600: your procurement system cannot receive this product"
        " (NEW_ITEM-DESCRIPTION: '–' (U+2013) is not in ISO-8859-1); ask the supplier to"
        " correct it"
    )
    gain_a_dash(db, "LAP-100")  # after it went into the cart: the transfer refuses it
    status, body = api.call("POST", "/transfer")
    assert (status, *error_of(body)) == (422, "not_transferable", "NEW_ITEM-DESCRIPTION[1]")
    assert body["error"]["message"] == (
        "line 1 (LAP-100): your procurement system cannot receive this product"
        " (NEW_ITEM-DESCRIPTION[1]: '–' (U+2013) is not in ISO-8859-1); remove the line or ask"
        " the supplier to correct it"
    )
    assert state(db, api.token) == "open"
    with db.transaction() as session:
        assert session.scalars(select(Document).where(Document.direction == "out")).all() == []


def test_lines_no_longer_offered_stop_the_transfer_and_cancel_still_works(app, client, db):
    """The withdrawn MON-200 stays in the cart, not offered, and with the excluded DOC-400 stops
    the transfer (422 naming both); the session stays open and cancel still returns."""
    api = api_session(client, cart=CART[:3])
    _withdraw_and_exclude(app, db)
    status, cart = api.get("/cart")
    assert status == 200
    assert [(ln["sku"], ln["offered"], ln["not_offered_reason"]) for ln in cart["lines"]] == [
        ("LAP-100", True, None),
        ("MON-200", False, "no longer in the catalog"),
        ("DOC-400", False, "exclude_manufacturers rules out 'Targus'"),
    ]
    status, body = api.call("POST", "/transfer")
    assert (status, *error_of(body)) == (422, "lines_not_offered", "lines")
    assert body["error"]["message"] == (
        "cart: it holds products no longer offered to your organisation, and cannot be sent"
        f' with them: MON-200 (Écran Contoso 27"), DOC-400 ({DOCK_TEXT}); remove them, then'
        " transfer the cart again"
    )
    assert state(db, api.token) == "open"
    status, form = api.call("POST", "/cancel")
    assert (status, [tuple(pair) for pair in form["fields"]]) == (200, ECHOED)
    assert state(db, api.token) == "cancelled"
