"""POST /cxml with a PunchOutSetupRequest: authentication, return URL check, session and answer,
each refusal with its status and nothing created."""

import base64
import datetime
import json
import re

import lxml.html
import pytest
from sqlalchemy import func
from sqlalchemy import select

from cxml.document import build_cxml
from cxml.document import parse_cxml
from cxml.envelope import Credential
from cxml.envelope import CXml
from cxml.envelope import Header
from cxml.envelope import Party
from cxml.envelope import Request
from cxml.envelope import Sender
from cxml.items import ItemID
from cxml.punchout import PunchOutSetupRequest
from cxml.values import Extrinsic
from gateway.models import Base
from gateway.models import Document
from gateway.models import PunchOutSession

from .catalog_data import SECRET
from .catalog_data import add_cxml_partner
from .catalog_data import build
from .catalog_data import product

RETURN = "https://buyer.example.com/punchout/return?session=42"


def setup_request(
    identity="AN0100000001",
    secret=SECRET,
    url=RETURN,
    operation="create",
    lang="fr-FR",
    items=(),
    selected=None,
):
    header = Header(
        from_=Party(credentials=(Credential(domain="NetworkID", identity=identity),)),
        to=Party(credentials=(Credential(domain="DUNS", identity="123456789"),)),
        sender=Sender(
            credentials=(Credential(domain="NetworkID", identity=identity, shared_secret=secret),),
            user_agent="Buyer 1.0",
        ),
    )
    content = PunchOutSetupRequest(
        operation=operation,
        buyer_cookie="cookie-1234",
        browser_form_post=url,
        extrinsics=(
            Extrinsic(name="UserEmail", value="marie.curie@acme.example"),
            Extrinsic(name="UserFullName", value="Marie Curie"),
        ),
        items=items,
        selected_item=ItemID(supplier_part_id=selected) if selected else None,
    )
    return build_cxml(
        CXml(
            payload_id="1700000000.1234@buyer.example.com",
            timestamp=datetime.datetime(2026, 11, 26, 10, 0, tzinfo=datetime.UTC),
            lang=lang,
            header=header,
            body=Request(content=content),
        )
    )


@pytest.fixture
def partner(db):
    with db.transaction() as session:
        fr, _uk = build(session)
        return add_cxml_partner(session, fr)


def post(app, body, content_type="text/xml"):
    return app.test_client().post("/cxml", data=body, content_type=content_type)


def count(db, model):
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_setup_answers_a_start_page_and_opens_a_session(app, db, partner):
    response = post(app, setup_request())
    assert response.status_code == 200, response.data
    answer = parse_cxml(response.data, mode="strict")
    assert answer.body.status.code == 200
    start_page = answer.body.content.start_page
    assert start_page.startswith("http://localhost/punchout/start/")
    token = start_page.rsplit("/", 1)[1]
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    with db.transaction() as session:
        row = session.scalars(select(PunchOutSession)).one()
        assert (row.buyer_cookie, row.return_url, row.operation) == (
            "cookie-1234",
            RETURN,
            "create",
        )
        assert (row.user_email, row.user_name, row.language) == (
            "marie.curie@acme.example",
            "Marie Curie",
            "fr",
        )
        assert token not in (row.token_hash, row.start_token_hash)
        documents = session.scalars(select(Document).order_by(Document.id)).all()
        assert [(d.direction, d.doc_type, d.status_code) for d in documents] == [
            ("in", "PunchOutSetupRequest", 200),
            ("out", "PunchOutSetupResponse", 200),
        ]
        assert SECRET.encode() not in documents[0].body
        assert b"<SharedSecret>[redacted]</SharedSecret>" in documents[0].body


def every_stored_value(db) -> str:
    """Every value of every row of every table, as text, one after the other."""
    held = []
    with db.transaction() as session:
        for table in Base.metadata.sorted_tables:
            for row in session.execute(select(table)):
                for value in row:
                    if isinstance(value, bytes):
                        held.append(value.decode("utf-8", errors="replace"))
                    elif isinstance(value, dict | list):
                        held.append(json.dumps(value))
                    else:
                        held.append(str(value))
    return "\n".join(held)


def test_no_table_holds_a_start_or_session_token_in_clear(app, db, partner):
    start_page = parse_cxml(post(app, setup_request()).data).body.content.start_page
    start_token = start_page.rsplit("/", 1)[1]
    client = app.test_client()
    opened = client.get(f"/punchout/start/{start_token}")
    assert opened.status_code == 303
    session_token = re.fullmatch(r"/shop/([\w-]{43})/", opened.location).group(1)
    assert client.get(f"/shop/{session_token}/").status_code == 200
    assert client.post(f"/shop/{session_token}/cancel").status_code == 200

    held = every_stored_value(db)
    assert "PunchOutOrderMessage" in held  # the dump reads the log
    # the start link opened the session until it was used; the session token opens it still
    assert start_token not in held
    assert session_token not in held
    # the logged answer keeps as much of the link as the access log: enough to follow it
    with db.transaction() as session:
        logged = session.scalars(
            select(Document.body).where(Document.doc_type == "PunchOutSetupResponse")
        ).one()
    assert f"<URL>http://localhost/punchout/start/{start_token[:4]}***</URL>".encode() in logged


@pytest.mark.parametrize(
    ("selected", "opens"),
    [("LAP-100", "/product/LAP-100"), ("NO-SUCH-SKU", "/"), ("GBP-ONLY", "/"), (None, "/")],
)
def test_a_level_2_punch_out_opens_on_the_item_the_buyer_clicked(app, db, partner, selected, opens):
    """SelectedItem names a punch-out item of our catalogs (formats.md 1.5): the storefront
    opens on its product page; an item we do not have, or do not offer the partner's entity
    (GBP-ONLY: no euro price, no contract of ACME-FR), or none, opens the whole store."""
    with db.transaction() as session:
        session.add(
            product("GBP-ONLY", "Fabrikam", "desks", "56101703", {"fr": "Bureau"}, gbp=("1", "1"))
        )
    start_page = parse_cxml(
        post(app, setup_request(selected=selected)).data
    ).body.content.start_page
    client = app.test_client()
    opened = client.get(start_page.removeprefix("http://localhost"))
    assert opened.status_code == 303
    token, path = re.fullmatch(r"/shop/([\w-]{43})(/.*)", opened.location).groups()
    assert path == opens
    page = client.get(opened.location)
    assert page.status_code == 200
    if selected == "LAP-100":
        assert "LAP-100" in page.get_data(as_text=True)
    api = client.get("/api/v1/session", headers={"Authorization": f"Bearer {token}"})
    assert api.json["selected_item"] == selected


@pytest.mark.parametrize(("lang", "language"), [("de-CH", "de"), ("es-ES", "fr"), ("", "fr")])
def test_the_session_language_is_xml_lang_else_the_entitys(app, db, partner, lang, language):
    assert post(app, setup_request(lang=lang)).status_code == 200
    with db.transaction() as session:
        assert session.scalars(select(PunchOutSession.language)).one() == language


def test_setup_posted_as_a_form_field(app, partner):
    response = app.test_client().post("/cxml", data={"cXML-urlencoded": setup_request().decode()})
    assert response.status_code == 200
    assert parse_cxml(response.data).body.status.code == 200


def test_base64_wrapped_in_lines_or_with_plus_signs_left_unescaped_is_read(app, partner):
    """Base64 wrapped at 76 characters, and a form value whose `+` signs were not escaped (they
    arrive as spaces), carry the document all the same."""
    encoded = base64.b64encode(setup_request()).decode()
    assert "+" in encoded
    wrapped = "\r\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))
    unescaped = "cxml-base64=" + encoded.replace("/", "%2F").replace("=", "%3D")
    for form in ({"cxml-base64": wrapped}, unescaped):
        response = app.test_client().post(
            "/cxml", data=form, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 200, response.data
        assert parse_cxml(response.data).body.status.code == 200


def test_a_form_post_without_the_document_field_says_which_fields_are_read(app, db, partner):
    """curl's default Content-Type is a form: a document sent with `curl -d @order.xml` was
    answered "the body is empty; a cXML document was expected"."""
    client = app.test_client()
    forms = {
        "no field": (
            {"order": setup_request().decode()},
            "a form post needs a cxml-urlencoded or cxml-base64 field; or send the document as"
            " text/xml",
        ),
        "not base64": ({"cxml-base64": "abc"}, "the cxml-base64 field is not Base64: "),
        # the document as it is: its letters were decoded into bytes, "not well-formed"
        "the document itself": (
            {"cxml-base64": setup_request().decode()},
            "the cxml-base64 field is not Base64: '<' at character 1 (the document itself? send"
            " it in cxml-urlencoded)",
        ),
        # nothing but characters outside Base64 was "the body is empty"
        "other characters": (
            {"cxml-base64": "QUJD*RA=="},
            "the cxml-base64 field is not Base64: '*' at character 5",
        ),
    }
    for what, (form, message) in forms.items():
        response = client.post("/cxml", data=form)
        assert response.status_code == 400, what
        status = parse_cxml(response.data).body.status
        assert status.code == 400 and status.message.startswith(message), status.message
    with db.transaction() as session:
        logged = session.scalars(select(Document).where(Document.direction == "in")).all()
        assert [(d.doc_type, d.status_code) for d in logged] == [("unreadable", 400)] * 4
    assert count(db, PunchOutSession) == 0


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"secret": "wrong-secret"}, 401),
        ({"identity": "AN0999999999"}, 401),
        ({"url": "https://evil.example.com/punchout/"}, 403),
        ({"url": "https://buyer.example.com.evil.example/punchout/"}, 403),
        ({"url": "https://buyer.example.com/other/"}, 403),
        ({"url": "https://[::1/punchout/"}, 403),  # no URL at all: used to be a 500
        ({"url": "https://buyer.example.com/punchout/%2e%2e/evil"}, 403),  # the browser: /evil
    ],
)
def test_refusals_create_nothing_and_say_why(app, db, partner, kwargs, status):
    response = post(app, setup_request(**kwargs))
    assert response.status_code == status
    answer = parse_cxml(response.data)
    assert answer.body.status.code == status
    if status == 401:
        # the same words whichever part was wrong
        assert answer.body.status.message == (
            "the From/Sender credentials or the shared secret are not recognised"
        )
    else:
        assert "BrowserFormPost URL is not among the return URLs" in answer.body.status.message
    assert count(db, PunchOutSession) == 0
    with db.transaction() as session:
        logged = session.scalars(select(Document).where(Document.direction == "in")).one()
        assert logged.status_code == status


@pytest.mark.parametrize(
    "url",
    [
        # a browser reads the backslash as a slash and posts the cart to evil.example:8622;
        # urlsplit sees the user "evil.example:8622\\" at buyer.example.com
        "https://evil.example:8622\\@buyer.example.com/punchout/return",
        "https://buyer.example.com/punchout\\return",
        'https://buyer.example.com/punchout/"return',
        "https://buyer.example.com/punchout/re turn",
    ],
)
def test_a_return_url_a_browser_reads_otherwise_is_refused(app, db, partner, url):
    response = post(app, setup_request(url=url))
    assert response.status_code == 403
    status = parse_cxml(response.data).body.status
    assert (status.code, status.message) == (
        403,
        "BrowserFormPost URL contains a blank, control character, quote or backslash",
    )
    assert count(db, PunchOutSession) == 0


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b'name="UserEmail"', b'name="User&x;Email"'),  # was read as "UserEmail", answered 200
        (b"Marie Curie", b"Marie &x;Curie"),
    ],
)
def test_an_entity_reference_is_refused_in_an_attribute_as_in_text(app, db, partner, old, new):
    body = setup_request()
    assert b"<!DOCTYPE cXML" in body and old in body
    response = post(app, body.replace(old, new))
    assert response.status_code == 400
    status = parse_cxml(response.data).body.status
    assert (status.code, status.message) == (
        400,
        "entity references are never expanded; send the text itself",
    )
    assert count(db, PunchOutSession) == 0


def test_malformed_and_hostile_bodies_get_4xx(app, db, partner):
    for body in (b"not xml at all", b"<cXML/>", setup_request().replace(b"cookie-1234", b"&x;")):
        response = post(app, body)
        assert 400 <= response.status_code < 500
        assert parse_cxml(response.data).body.status.code == response.status_code
    assert count(db, PunchOutSession) == 0


NBSP, NNBSP = "\u00a0", "\u202f"
CHANGES = {
    "en": [
        "MON-200: unit price €310.00 is now €296.91",
        "GONE-1: no longer offered (sku: no product 'GONE-1' in this catalog)",
        "CAB-300: no longer offered (quantity: at most 1000000 with three decimals, got '2000000')",
        "GBP-ONLY: no longer offered (sku GBP-ONLY: not offered (no list price in EUR))",
    ],
    "fr": [
        f"MON-200 : le prix unitaire 310,00{NBSP}€ est maintenant de 296,91{NBSP}€",
        "GONE-1 : n'est plus proposé (référence : aucun produit « GONE-1 » dans ce catalogue)",
        f"CAB-300 : n'est plus proposé (quantité : au plus 1{NNBSP}000{NNBSP}000, avec trois"
        " décimales au plus (saisi : « 2000000 »))",
        "GBP-ONLY : n'est plus proposé (référence GBP-ONLY : non proposé (aucun prix dans votre"
        " devise))",
    ],
    "de": [
        f"MON-200: Stückpreis 310,00{NBSP}€ beträgt jetzt 296,91{NBSP}€",
        "GONE-1: wird nicht mehr angeboten (Artikelnummer: kein Produkt „GONE-1“ in diesem"
        " Katalog)",
        "CAB-300: wird nicht mehr angeboten (Menge: höchstens 1.000.000, mit höchstens drei"
        " Nachkommastellen (eingegeben: „2000000“))",
        "GBP-ONLY: wird nicht mehr angeboten (Artikelnummer GBP-ONLY: nicht angeboten (kein"
        " Preis in Ihrer Währung))",
    ],
}


@pytest.mark.parametrize(("lang", "language"), [("en-GB", "en"), ("fr-FR", "fr"), ("de-DE", "de")])
def test_edit_reopens_the_cart_at_todays_prices_and_shows_what_changed(
    app, db, partner, lang, language
):
    """The storefront words each change in the session's language; the API keeps English."""
    from decimal import Decimal

    import lxml.html

    from cxml.items import ItemDetail
    from cxml.items import ItemOut
    from cxml.values import Classification
    from cxml.values import Description
    from cxml.values import Money

    def line(number, sku, quantity, price):
        return ItemOut(
            quantity=Decimal(quantity),
            line_number=number,
            item_id=ItemID(supplier_part_id=sku),
            item_detail=ItemDetail(
                unit_price=Money(amount=Decimal(price), currency="EUR"),
                descriptions=(Description(text=sku, lang="fr"),),
                unit_of_measure="C62",
                classifications=(Classification(domain="UNSPSC", code="43211503"),),
            ),
        )

    with db.transaction() as session:  # a product ACME-FR cannot buy: no euro price
        session.add(
            product("GBP-ONLY", "Fabrikam", "desks", "56101703", {"fr": "Bureau"}, gbp=("1", "1"))
        )
    items = (
        line(1, "LAP-100", "2", "899.00"),
        line(2, "MON-200", "1", "310.00"),
        line(3, "GONE-1", "1", "5.00"),
        line(4, "CAB-300", "2000000", "5.00"),  # more than a line holds: dropped, and said
        line(5, "GBP-ONLY", "1", "1.00"),
    )
    response = post(app, setup_request(operation="edit", items=items, lang=lang))
    assert response.status_code == 200
    start_page = parse_cxml(response.data).body.content.start_page
    client = app.test_client()
    opened = client.get(start_page.replace("http://localhost", ""))
    assert opened.status_code == 303 and "/cart" in opened.headers["Location"]
    tree = lxml.html.fromstring(client.get(opened.headers["Location"]).get_data(as_text=True))
    assert tree.get("lang") == language
    assert tree.xpath("//tr/@data-sku") == ["LAP-100", "MON-200"]
    assert [li.text_content() for li in tree.xpath("//*[@data-changes]//li")] == CHANGES[language]

    token = re.search(r"/shop/([\w-]{43})/", opened.headers["Location"]).group(1)
    api = client.get("/api/v1/session", headers={"Authorization": f"Bearer {token}"})
    assert api.json["changes"] == [
        "MON-200: unit price 310.00 is now 296.91 EUR",
        "GONE-1: no longer offered (sku: no product 'GONE-1' in this catalog)",
        "CAB-300: no longer offered (quantity: at most 1000000 with three decimals, got '2000000')",
        "GBP-ONLY: no longer offered (sku GBP-ONLY: not offered (no list price in EUR))",
    ]


def test_changes_stored_as_words_before_they_were_records_still_show(app, db, partner):
    """A session opened by the release before keeps its English words, page and API alike."""
    start_page = parse_cxml(post(app, setup_request()).data).body.content.start_page
    client = app.test_client()
    opened = client.get(start_page.removeprefix("http://localhost"))
    token = re.fullmatch(r"/shop/([\w-]{43})/", opened.location).group(1)
    words = "MON-200: unit price 310.00 is now 296.91 EUR"
    with db.transaction() as session:
        row = session.scalars(select(PunchOutSession)).one()
        row.extra = {**row.extra, "changes": [words]}
    cart = client.get(f"/shop/{token}/cart").get_data(as_text=True)
    assert f"<li>{words}</li>" in cart
    api = client.get("/api/v1/session", headers={"Authorization": f"Bearer {token}"})
    assert api.json["changes"] == [words]


def test_a_session_token_only_ever_shows_its_own_entity_and_cart(app, db, partner):
    with db.transaction() as session:
        from gateway.models import BillingEntity

        uk = session.scalars(select(BillingEntity).where(BillingEntity.code == "ACME-UK")).one()
        add_cxml_partner(session, uk, name="coupa-uk", identity="AN0200000002", flavour="coupa")
    client = app.test_client()

    def shop_url(identity):
        answer = parse_cxml(post(app, setup_request(identity=identity, lang="en")).data)
        opened = client.get(answer.body.content.start_page.replace("http://localhost", ""))
        return opened.headers["Location"].replace("http://localhost", "")

    france, britain = shop_url("AN0100000001"), shop_url("AN0200000002")
    added = client.post(france + "cart/add", data={"sku": "LAP-100", "quantity": "1"})
    assert added.status_code == 303
    french_cart = client.get(france + "cart").get_data(as_text=True)
    british_cart = client.get(britain + "cart").get_data(as_text=True)
    assert 'data-sku="LAP-100"' in french_cart
    assert 'data-sku="LAP-100"' not in british_cart
    # the British token sees British prices (no contract: hidden off contract), never the French
    british_laptop = client.get(britain + "product/LAP-100")
    assert british_laptop.status_code == 404
    assert "899" not in british_laptop.get_data(as_text=True)
    # a token from one session is no key to another's cart operations
    forged = britain.replace(britain.split("/")[2], france.split("/")[2][:-2] + "xx")
    assert client.get(forged + "cart").status_code == 404


@pytest.mark.parametrize(
    ("extrinsic", "length", "message"),
    [
        (
            "UserEmail",
            255,
            "the user's e-mail address (Contact or Extrinsic UserEmail/Email) is 255 characters"
            " long; at most 254 are stored",
        ),
        (
            "UserFullName",
            201,
            "the user's name (Contact or Extrinsic UserFullName/User/FirstName/LastName) is 201"
            " characters long; at most 200 are stored",
        ),
    ],
)
def test_a_user_longer_than_stored_is_refused_naming_where_it_came_from(
    app, db, partner, extrinsic, length, message
):
    """PostgreSQL refused the session row (a server error); SQLite stored it whole."""
    value = {"UserEmail": "marie.curie@acme.example", "UserFullName": "Marie Curie"}[extrinsic]
    longer = value + "x" * (length - len(value))
    response = post(app, setup_request().replace(value.encode(), longer.encode()))
    answer = parse_cxml(response.data).body.status
    assert (response.status_code, answer.code, answer.message) == (400, 400, message)
    assert count(db, PunchOutSession) == 0


def item_out(number, sku, quantity, price, currency="EUR"):
    from decimal import Decimal

    from cxml.items import ItemDetail
    from cxml.items import ItemOut
    from cxml.values import Classification
    from cxml.values import Description
    from cxml.values import Money

    return ItemOut(
        quantity=Decimal(quantity),
        line_number=number,
        item_id=ItemID(supplier_part_id=sku),
        item_detail=ItemDetail(
            unit_price=Money(amount=Decimal(price), currency=currency),
            descriptions=(Description(text=sku, lang="fr"),),
            unit_of_measure="C62",
            classifications=(Classification(domain="UNSPSC", code="43211503"),),
        ),
    )


@pytest.mark.parametrize("operation", ["edit", "inspect"])
def test_a_reopened_cart_reports_each_price_against_the_line_it_ended_in(
    app, db, partner, operation
):
    # C-FR: laptops 899.00 from 1, 849.00 from 10; Contoso 10 % off 329.90 = 296.91 EUR.
    items = (
        item_out(1, "LAP-100", "2", "950.00"),  # alone at 899.00, but 2 + 8 + 1 make 11: 849.00
        item_out(2, "LAP-100", "8", "849.00"),  # what the line ends at: no change
        item_out(3, "MON-200", "1", "296.91", currency="GBP"),  # the amount, not the money
        item_out(4, "LAP-100", "1", "950.00"),  # the same change as line 1, said once
    )
    response = post(app, setup_request(operation=operation, items=items))
    start_token = parse_cxml(response.data).body.content.start_page.rsplit("/", 1)[1]
    client = app.test_client()
    token = client.post("/api/v1/session/start", json={"start_token": start_token}).get_json()[
        "session_token"
    ]
    bearer = {"Authorization": f"Bearer {token}"}
    expected = [
        "LAP-100: unit price 950.00 is now 849.00 EUR",
        "MON-200: unit price 296.91 GBP is now 296.91 EUR",
    ]
    assert client.get("/api/v1/session", headers=bearer).get_json()["changes"] == expected
    cart_page = lxml.html.fromstring(client.get(f"/shop/{token}/cart").get_data(as_text=True))
    assert [li.text_content() for li in cart_page.xpath("//*[@data-changes]//li")] == [
        "LAP-100 : le prix unitaire 950,00\u00a0€ est maintenant de 849,00\u00a0€",
        "MON-200 : le prix unitaire 296,91\u00a0£ est maintenant de 296,91\u00a0€",
    ]
    cart = client.get("/api/v1/cart", headers=bearer).get_json()
    assert [(ln["sku"], ln["quantity"], ln["unit_price"]) for ln in cart["lines"]] == [
        ("LAP-100", "11", "849.00"),
        ("MON-200", "1", "296.91"),
    ]
