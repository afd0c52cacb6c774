"""The cart goes back as a PunchOutOrderMessage: contract prices of the entity, every field a
buyer system needs, strictly valid, posted by an auto-submitting form; cancel sends no items."""

import base64
import datetime
import html
import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from cxml.document import parse_cxml
from gateway.app import price_books_of
from gateway.models import Document
from gateway.models import PunchOutSession
from gateway.sessions import Cart
from gateway.sessions import SessionRequest
from gateway.sessions import open_session
from gateway.sessions import start_session
from gateway.web.transfer import transfer_response

from .catalog_data import add_cxml_partner
from .catalog_data import build

RETURN = "https://buyer.example.com/punchout/return"


@pytest.fixture
def shop(app, db):
    """A started cXML session of ACME-FR; yields a function running code with its cart."""
    with db.transaction() as session:
        fr, _uk = build(session)
        partner = add_cxml_partner(session, fr)
        row, start = open_session(
            session,
            partner,
            fr,
            SessionRequest(protocol="cxml", return_url=RETURN, buyer_cookie="BC-7", language="fr"),
            ttl_seconds=600,
            start_ttl_seconds=60,
        )
        start_session(session, start)
        session_id = row.id

    def with_cart(work):
        with app.test_request_context("/"), db.transaction() as session:
            row = session.get(PunchOutSession, session_id)
            cart = Cart(session, row, price_books_of(app), datetime.date.today())
            return work(cart)

    return with_cart


def form_of(response):
    page = response.get_data(as_text=True)
    action = html.unescape(re.search(r'action="([^"]*)"', page).group(1))
    fields = dict(
        (html.unescape(name), html.unescape(value))
        for name, value in re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)"', page)
    )
    return page, action, fields


def test_transfer_carries_contract_prices_and_validates_strictly(shop, db):
    def work(cart):
        cart.add("LAP-100", Decimal(12))  # laptops: fixed 849.00 from 10
        cart.add("MON-200", Decimal(1))  # Contoso: 10 % off 329.90 = 296.91
        return transfer_response(cart, cancel=False)

    response = shop(work)
    page, action, fields = form_of(response)
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert action == RETURN
    assert 'accept-charset="UTF-8"' in page and "submit()" in page and "<button" in page
    assert list(fields) == ["cxml-base64"]
    document = parse_cxml(base64.b64decode(fields["cxml-base64"]), mode="strict")
    message = document.body.content
    assert document.header.sender.credentials[0].shared_secret is None
    assert document.header.to.credentials[0].identity == "AN0100000001"
    assert (message.buyer_cookie, message.operation_allowed) == ("BC-7", "edit")
    assert message.total.amount == Decimal("849.00") * 12 + Decimal("296.91")
    assert message.total.currency == "EUR"
    lines = [
        (
            item.item_id.supplier_part_id,
            item.quantity,
            item.item_detail.unit_price.amount,
            item.item_detail.unit_price.currency,
            item.item_detail.unit_of_measure,
            item.item_detail.classifications[0].domain,
            item.item_detail.classifications[0].code,
            item.item_detail.manufacturer_name,
            item.item_detail.manufacturer_part_id,
            item.item_detail.lead_time,
            item.item_detail.descriptions[0].text,
            item.item_detail.descriptions[0].lang,
        )
        for item in message.items
    ]
    assert lines == [
        (
            "LAP-100",
            Decimal(12),
            Decimal("849.00"),
            "EUR",
            "C62",
            "UNSPSC",
            "43211503",
            "Lenovo",
            "MPN-LAP-100",
            3,
            "Ordinateur portable ThinkPad T14",
            "fr",
        ),
        (
            "MON-200",
            Decimal(1),
            Decimal("296.91"),
            "EUR",
            "C62",
            "UNSPSC",
            "43211902",
            "Contoso",
            "MPN-MON-200",
            3,
            'Écran Contoso 27"',
            "fr",
        ),
    ]
    aux = [item.item_id.supplier_part_auxiliary_id for item in message.items]
    assert re.fullmatch(r"S\d+-L1-CC-FR", aux[0]) and re.fullmatch(r"S\d+-L2-CC-FR", aux[1])
    with db.transaction() as session:
        assert session.scalars(select(PunchOutSession.state)).one() == "transferred"
        out = session.scalars(select(Document).where(Document.doc_type == "PunchOutOrderMessage"))
        assert out.one().body == base64.b64decode(fields["cxml-base64"])


def test_cancel_returns_an_empty_cart_with_status_204(shop, db):
    def work(cart):
        cart.add("LAP-100", Decimal(1))
        return transfer_response(cart, cancel=True)

    _page, _action, fields = form_of(shop(work))
    document = parse_cxml(base64.b64decode(fields["cxml-base64"]), mode="strict")
    assert document.body.status.code == 204
    assert document.body.content.items == ()
    assert document.body.content.total.amount == 0
    with db.transaction() as session:
        assert session.scalars(select(PunchOutSession.state)).one() == "cancelled"


def test_urlencoded_field_keeps_accents_intact(shop, db):
    with db.transaction() as session:
        from gateway.models import TradingPartner

        partner = session.scalars(select(TradingPartner)).one()
        partner.settings = {"profile": {"cart_field": "cxml-urlencoded"}}

    def work(cart):
        cart.add("MON-200", Decimal(2))
        return transfer_response(cart, cancel=False)

    page, _action, fields = form_of(shop(work))
    assert list(fields) == ["cxml-urlencoded"]
    assert "Écran Contoso 27&#34;" in page  # escaped once for the attribute, not transliterated
    message = parse_cxml(fields["cxml-urlencoded"].encode("utf-8"), mode="strict").body.content
    assert message.items[0].item_detail.descriptions[0].text == 'Écran Contoso 27"'
