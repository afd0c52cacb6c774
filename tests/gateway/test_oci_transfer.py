"""The storefront's transfer of an OCI session: the NEW_ITEM form posted to HOOK_URL, field by
field, in UTF-8 and ISO-8859-1, into the frame the call named, with its pass-through fields; the
partner's mapping (MATGROUP, VENDOR, identifiers, CONTRACT, PRICEUNIT or per unit); cancel."""

import html

import lxml.html
import pytest
from sqlalchemy import select

from gateway.app import price_books_of
from gateway.models import BillingEntity
from gateway.models import CatalogPolicy
from gateway.models import Document
from gateway.models import Product
from gateway.models import PunchOutSession
from gateway.models import TradingPartner

from .test_oci_fixtures import DOCK_TEXT
from .test_oci_fixtures import HOOK_URL
from .test_oci_fixtures import SCREW_TEXT
from .test_oci_fixtures import SETTINGS
from .test_oci_fixtures import add_euro_product
from .test_oci_fixtures import login_pairs
from .test_oci_fixtures import oci_client
from .test_oci_fixtures import posted_form
from .test_oci_fixtures import received
from .test_oci_fixtures import token_of

CART = (("LAP-100", "12"), ("MON-200", "1"), ("DOC-400", "2"), ("SCR-500", "2000"))


def _line(description, quantity, price, sku, unspsc, longtext, **more):
    fields = {
        "DESCRIPTION": description,
        "QUANTITY": quantity,
        "UNIT": "ST",
        "PRICE": price,
        "CURRENCY": "EUR",
        "LEADTIME": "3",
        "VENDOR": "100234",
        "VENDORMAT": sku,
        "MANUFACTMAT": f"MPN-{sku}",
        "EXT_PRODUCT_ID": sku,
        "EXT_SCHEMA_TYPE": "UNSPSC",
        "EXT_CATEGORY_ID": unspsc,
        "LONGTEXT": longtext,
    }
    fields.update(more)
    return {name: value for name, value in fields.items() if value is not None}


# Worked out by hand from catalog_data and test_oci_fixtures: laptops fixed 849.00 from 10
# (contract C-FR, rule R1); Contoso 10 % off 329.90 = 296.91 (R2); the dock at list price
# 189.00, its French text cut to 40 characters and whole in LONGTEXT before the long text; the
# screw 0.0125 rounded to 0.01 a piece, sent as 10.000 per PRICEUNIT 1000 (price_units).
EXPECTED = {
    1: _line(
        "Ordinateur portable ThinkPad T14",
        "12.000",
        "849.000",
        "LAP-100",
        "43211503",
        "Ordinateur portable ThinkPad T14 (long)",
        MATGROUP="IT-LAPTOP",
        CONTRACT="C-FR",
        CONTRACT_ITEM="R1",
    ),
    2: _line(
        'Écran Contoso 27"',
        "1.000",
        "296.910",
        "MON-200",
        "43211902",
        'Écran Contoso 27" (long)',
        MATGROUP="IT-MON",
        CONTRACT="C-FR",
        CONTRACT_ITEM="R2",
    ),
    3: _line(
        "Station d'accueil USB-C universelle à do",
        "2.000",
        "189.000",
        "DOC-400",
        "43211602",
        f"{DOCK_TEXT}\n{DOCK_TEXT} (long)",
        MATGROUP="IT-DOCK",
    ),
    4: _line(
        "Sechskantschraube DIN 933 M6 × 20 verzin",
        "2000.000",
        "10.000",
        "SCR-500",
        "31161500",
        f"{SCREW_TEXT}\n{SCREW_TEXT} (long)",
        PRICEUNIT="1000",
    ),
}
ECHOED = [("~caller", "CTLG"), ("~OkCode", "ADDI"), ("~target", "_top"), ("sap-client", "100")]


@pytest.fixture
def client(app, db):
    return oci_client(app, db)


def shop(client, cart=CART, **call):
    """Log in with `call`, add `cart`; returns the session token."""
    token = token_of(client.post("/oci", data=login_pairs(**call)))
    for sku, quantity in cart:
        added = client.post(f"/shop/{token}/cart/add", data={"sku": sku, "quantity": quantity})
        assert added.status_code == 303, added.get_data(as_text=True)
    return token


@pytest.mark.parametrize(
    ("label", "charset", "codec"),
    [
        ("utf-8", "UTF-8", "utf-8"),
        ("ISO-8859-1", "ISO-8859-1", "latin-1"),
        (None, "UTF-8", "utf-8"),
    ],
    ids=["utf-8", "iso-8859-1", "default"],
)
def test_transfer_posts_every_field_in_the_charset_asked_for(client, db, label, charset, codec):
    token = shop(client, http_content_charset=label)
    response = client.post(f"/shop/{token}/transfer")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == f"text/html; charset={charset}"
    assert (
        "frame-ancestors 'self' https://srm.acme.example"
        in (response.headers["Content-Security-Policy"])
    )
    body = response.get_data()
    assert "Écran Contoso 27&quot;".encode(codec) in body
    attributes, fields = posted_form(response, codec)
    assert attributes["action"] == HOOK_URL
    assert attributes["target"] == "_top"  # ~target wins over returntarget
    assert attributes["accept-charset"] == charset
    assert f'<meta charset="{charset}">'.encode() in body
    cart = received(response, codec)
    assert {item.index: dict(item.fields) for item in cart.items} == EXPECTED
    assert list(cart.other_fields) == ECHOED
    assert [name for name, _ in fields][:2] == ["NEW_ITEM-DESCRIPTION[1]", "NEW_ITEM-QUANTITY[1]"]
    with db.transaction() as session:
        row = session.scalars(select(PunchOutSession)).one()
        assert row.state == "transferred"
        sent = session.scalars(select(Document).where(Document.direction == "out")).one()
        assert (sent.doc_type, sent.status_code, sent.session_id) == ("OciNewItemForm", 200, row.id)
        assert sent.body == body
    again = client.post(f"/shop/{token}/transfer")
    assert again.status_code == 410  # the session is closed


def test_returntarget_is_the_frame_when_there_is_no_target(client):
    token = shop(client, cart=CART[:1], **{"~target": None, "OCI_VERSION": "5.0"})
    response = client.post(f"/shop/{token}/transfer")
    attributes, _fields = posted_form(response)
    assert attributes["target"] == "_parent"
    assert received(response).items[0].fields == EXPECTED[1]


def _settings(db, **changes):
    with db.transaction() as session:
        partner = session.scalars(select(TradingPartner)).one()
        partner.settings = {"oci": {**SETTINGS, **changes}}


def test_per_unit_partner_gets_the_price_of_one_piece_and_no_priceunit(client, db):
    _settings(db, price_mode="per unit")
    token = shop(client, cart=[("SCR-500", "2000")])
    fields = received(client.post(f"/shop/{token}/transfer")).items[0].fields
    assert fields["PRICE"] == "0.010" and "PRICEUNIT" not in fields


def test_partner_chooses_identifiers_and_leaves_contract_out(client, db):
    _settings(
        db,
        vendormat="manufacturer_part_id",
        ext_product_id="manufacturer_part_id",
        contract=False,
        vendor=None,
        matgroups={},
    )
    token = shop(client, cart=CART[:1])
    fields = received(client.post(f"/shop/{token}/transfer")).items[0].fields
    assert fields["VENDORMAT"] == fields["EXT_PRODUCT_ID"] == "MPN-LAP-100"
    assert not {"CONTRACT", "CONTRACT_ITEM", "VENDOR", "MATGROUP"} & set(fields)


def test_cancel_sends_the_form_with_no_items(client, db):
    token = shop(client)
    response = client.post(f"/shop/{token}/cancel")
    cart = received(response)
    assert cart.items == () and list(cart.other_fields) == ECHOED
    with db.transaction() as session:
        assert session.scalars(select(PunchOutSession)).one().state == "cancelled"
        sent = session.scalars(select(Document).where(Document.direction == "out")).one()
        assert sent.status_code == 204


def gain_a_dash(db, sku: str, language: str = "fr") -> None:
    """The product's text gains "–", which ISO-8859-1 lacks (after it went into a cart)."""
    with db.transaction() as session:
        product = session.scalars(select(Product).where(Product.sku == sku)).one()
        text = next(text for text in product.texts if text.language == language)
        text.description = "Bloc secteur 65 W – 10 € de remise"


def test_a_character_outside_iso_8859_1_is_refused_when_added(client, db):
    """Adding it is refused at once, naming the product and the character: the buyer never
    fills a cart that cannot go back."""
    add_euro_product(db)
    token = shop(client, cart=[], http_content_charset="latin1")
    added = client.post(f"/shop/{token}/cart/add", data={"sku": "PSU-600", "quantity": "1"})
    assert added.status_code == 422
    assert (
        "référence PSU-600 : votre système d'achat ne peut pas recevoir ce produit"
        " (NEW_ITEM-DESCRIPTION : le caractère « – » (U+2013) n'existe pas en ISO-8859-1) ;"
        " demandez au fournisseur de le corriger"
    ) in html.unescape(added.get_data(as_text=True))
    with db.transaction() as session:
        assert session.scalars(select(PunchOutSession)).one().lines == []


def test_a_character_outside_iso_8859_1_is_refused_and_the_session_stays_open(client, db):
    token = shop(client, cart=[("LAP-100", "1")], http_content_charset="latin1")
    gain_a_dash(db, "LAP-100")
    errors, skus = _refusal_page(client.post(f"/shop/{token}/transfer"))
    assert errors == [  # the cart page, in French, naming the line, the SKU and the character
        "ligne 1 (LAP-100) : votre système d'achat ne peut pas recevoir ce produit"
        " (NEW_ITEM-DESCRIPTION[1] : le caractère « – » (U+2013) n'existe pas en ISO-8859-1) ;"
        " retirez la ligne ou demandez au fournisseur de le corriger"
    ]
    assert skus == ["LAP-100"]
    with db.transaction() as session:
        assert session.scalars(select(PunchOutSession)).one().state == "open"
        assert session.scalars(select(Document).where(Document.direction == "out")).all() == []


def test_sap_gui_gets_the_form_posted_to_sapevent(client, db):
    with db.transaction() as session:
        partner = session.scalars(select(TradingPartner)).one()
        partner.return_url_prefixes = ["SAPEVENT:POST"]
    token = shop(client, cart=CART[:1], HOOK_URL="SAPEVENT:POST")
    response = client.post(f"/shop/{token}/transfer")
    attributes, _fields = posted_form(response)
    assert attributes["action"] == "SAPEVENT:POST"
    assert received(response).items[0].fields == EXPECTED[1]


def test_a_product_whose_value_does_not_fit_is_refused_when_added(client, db):
    """A product the NEW_ITEM fields cannot carry (a 45-character manufacturer part number for
    MANUFACTMAT, which holds 40) is refused on the product page at once, naming the field,
    instead of in the cart at transfer; the cart is unchanged."""
    with db.transaction() as session:
        monitor = session.scalars(select(Product).where(Product.sku == "MON-200")).one()
        monitor.manufacturer_part_id = "CONTOSO-27-QHD-" + "X" * 30
    token = shop(client, cart=CART[:1])
    refused = client.post(f"/shop/{token}/cart/add", data={"sku": "MON-200", "quantity": "1"})
    assert refused.status_code == 422
    assert (  # in the session's language, French here
        "référence MON-200 : votre système d'achat ne peut pas recevoir ce produit"
        " (NEW_ITEM-MANUFACTMAT : 45 caractères, le champ en contient 40) ; demandez au"
        " fournisseur de le corriger" in html.unescape(refused.get_data(as_text=True))
    )
    page = client.get(f"/shop/{token}/cart").get_data(as_text=True)
    assert 'data-sku="MON-200"' not in page and f'data-sku="{CART[0][0]}"' in page


def test_a_value_too_long_for_its_field_is_refused_and_nothing_is_sent(client, db):
    """Our data that does not fit (a 45-character manufacturer part number for MANUFACTMAT,
    which holds 40), changed after the line was added, is a clear 422 naming line and field at
    transfer: no form sent, the session stays open."""
    token = shop(client, cart=CART[:2])
    with db.transaction() as session:
        monitor = session.scalars(select(Product).where(Product.sku == "MON-200")).one()
        monitor.manufacturer_part_id = "CONTOSO-27-QHD-" + "X" * 30
    errors, _skus = _refusal_page(client.post(f"/shop/{token}/transfer"))
    assert errors == [
        "ligne 2 (MON-200) : votre système d'achat ne peut pas recevoir ce produit"
        " (NEW_ITEM-MANUFACTMAT : 45 caractères, le champ en contient 40) ; retirez la ligne ou"
        " demandez au fournisseur de le corriger"
    ]
    validate = client.post(
        "/oci", data=login_pairs(FUNCTION="VALIDATE", PRODUCTID="MON-200", QUANTITY="1")
    )
    assert validate.status_code == 422
    assert "NEW_ITEM-MANUFACTMAT: 45 characters" in validate.get_data(as_text=True)
    with db.transaction() as session:
        assert session.scalars(select(PunchOutSession)).one().state == "open"
        assert session.scalars(select(Document).where(Document.direction == "out")).all() == []


def test_a_product_too_long_for_its_field_fails_only_where_it_is_used(client, db):
    """A SKU of 41 characters cannot go into VENDORMAT or EXT_PRODUCT_ID (40): the login and
    every other product work; the cart holding it is refused with a 422 naming line and field
    (nothing sent, the session stays open), and goes through once the line is removed."""
    long_sku = "DOC-400-USB-C-DUAL-4K-100W-" + "X" * 14
    token = shop(client, cart=[("LAP-100", "12"), ("DOC-400", "2")])
    with db.transaction() as session:  # renamed in the catalog after it was added
        session.scalars(select(Product).where(Product.sku == "DOC-400")).one().sku = long_sku
    errors, _skus = _refusal_page(client.post(f"/shop/{token}/transfer"))
    assert errors == [
        f"ligne 2 ({long_sku}) : votre système d'achat ne peut pas recevoir ce produit"
        " (NEW_ITEM-VENDORMAT : 41 caractères, le champ en contient 40) ; retirez la ligne ou"
        " demandez au fournisseur de le corriger"
    ]
    with db.transaction() as session:
        assert session.scalars(select(PunchOutSession)).one().state == "open"
    assert client.post(f"/shop/{token}/cart/remove", data={"line": "2"}).status_code == 303
    cart = received(client.post(f"/shop/{token}/transfer"))
    assert {item.index: dict(item.fields) for item in cart.items} == {1: EXPECTED[1]}


def _withdraw_and_exclude(app, db):
    """MON-200 deactivated in the catalog; DOC-400 (Targus) excluded by ACME-FR's policy."""
    with db.transaction() as session:
        session.scalars(select(Product).where(Product.sku == "MON-200")).one().active = False
        entity = session.scalars(select(BillingEntity).where(BillingEntity.code == "ACME-FR"))
        session.add(CatalogPolicy(entity_id=entity.one().id, exclude_manufacturers=["Targus"]))
    price_books_of(app).clear()


def test_lines_that_can_no_longer_be_sent_stop_the_transfer_until_removed(app, client, db):
    """A line whose product was withdrawn (deactivated) or is no longer offered to the entity
    (its policy now excludes the maker) is never dropped silently: the transfer is refused on
    the cart page naming each (SKU and description, in the session's language), nothing is sent
    and the session stays open; the withdrawn line stays in the cart as no longer available,
    and once both are removed the cart goes."""
    token = shop(client, cart=CART[:3])
    _withdraw_and_exclude(app, db)
    response = client.post(f"/shop/{token}/transfer")
    assert response.status_code == 422
    tree = lxml.html.fromstring(response.get_data(as_text=True))
    assert [node.text_content() for node in tree.xpath("//*[@data-error]")] == [
        "panier : il contient des produits qui ne vous sont plus proposés, et ne peut pas être"
        f' envoyé avec eux : MON-200 (Écran Contoso 27"), DOC-400 ({DOCK_TEXT}) ; retirez-les,'
        " puis transférez à nouveau le panier"
    ]
    prices = {
        row.get("data-sku"): row.xpath("string(.//*[@data-unit-price])").strip()
        for row in tree.xpath("//tr[@data-line]")
    }
    assert prices == {
        "LAP-100": "849,00\xa0€",
        "MON-200": "Plus disponible",
        "DOC-400": "Non disponible",
    }
    with db.transaction() as session:
        assert session.scalars(select(PunchOutSession)).one().state == "open"
        assert session.scalars(select(Document).where(Document.direction == "out")).all() == []
    for line in ("3", "2"):
        assert client.post(f"/shop/{token}/cart/remove", data={"line": line}).status_code == 303
    cart = received(client.post(f"/shop/{token}/transfer"))
    assert {item.index: dict(item.fields) for item in cart.items} == {1: EXPECTED[1]}


def test_a_cart_with_lines_no_longer_offered_can_still_be_cancelled(app, client, db):
    token = shop(client, cart=CART[:3])
    _withdraw_and_exclude(app, db)
    cart = received(client.post(f"/shop/{token}/cancel"))
    assert cart.items == () and list(cart.other_fields) == ECHOED
    with db.transaction() as session:
        assert session.scalars(select(PunchOutSession)).one().state == "cancelled"


def _german(db):
    with db.transaction() as session:
        entity = session.scalars(select(BillingEntity).where(BillingEntity.code == "ACME-FR"))
        entity.one().languages = ["de"]


def _refusal_page(response):
    """The cart page a refused transfer shows: its message, and the SKUs of its lines."""
    assert response.status_code == 422
    tree = lxml.html.fromstring(response.get_data(as_text=True))
    errors = [node.text_content() for node in tree.xpath("//*[@data-error]")]
    skus = [row.get("data-sku") for row in tree.xpath("//tr[@data-line]")]
    return errors, skus


def test_a_line_the_form_cannot_carry_is_named_on_the_cart_page_in_german(client, db):
    """A German session: MON-200's manufacturer part number grew past MANUFACTMAT's 40 after
    it was added. The transfer shows the cart page (with its lines to remove, and cancel),
    naming the line and the SKU in German, rather than the OCI error page."""
    _german(db)
    token = shop(client, cart=CART[:2])
    with db.transaction() as session:
        monitor = session.scalars(select(Product).where(Product.sku == "MON-200")).one()
        monitor.manufacturer_part_id = "CONTOSO-27-QHD-" + "X" * 30
    errors, skus = _refusal_page(client.post(f"/shop/{token}/transfer"))
    assert errors == [
        "Position 2 (MON-200): Ihr Beschaffungssystem kann dieses Produkt nicht empfangen"
        " (NEW_ITEM-MANUFACTMAT: 45 Zeichen, das Feld fasst 40); entfernen Sie die Position"
        " oder bitten Sie den Lieferanten, es zu korrigieren"
    ]
    assert skus == ["LAP-100", "MON-200"]
    with db.transaction() as session:
        assert session.scalars(select(PunchOutSession)).one().state == "open"
    assert client.post(f"/shop/{token}/cart/remove", data={"line": "2"}).status_code == 303
    assert client.post(f"/shop/{token}/transfer").status_code == 200


def test_a_text_the_charset_lacks_is_named_on_the_cart_page_in_german(client, db):
    """ISO-8859-1: CAB-300's German text gained "–" after it was added; the cart page names
    line 2, CAB-300 and the character, in German."""
    _german(db)
    token = shop(client, cart=[("LAP-100", "1"), ("CAB-300", "2")], http_content_charset="latin1")
    with db.transaction() as session:
        cable = session.scalars(select(Product).where(Product.sku == "CAB-300")).one()
        german = next(text for text in cable.texts if text.language == "de")
        german.description = "USB-C-Kabel 2 m – 100 W"
    errors, skus = _refusal_page(client.post(f"/shop/{token}/transfer"))
    assert errors == [
        "Position 2 (CAB-300): Ihr Beschaffungssystem kann dieses Produkt nicht empfangen"
        " (NEW_ITEM-DESCRIPTION[2]: das Zeichen „–“ (U+2013) gibt es in ISO-8859-1 nicht);"
        " entfernen Sie die Position oder bitten Sie den Lieferanten, es zu korrigieren"
    ]
    assert skus == ["LAP-100", "CAB-300"]
    cancelled = received(client.post(f"/shop/{token}/cancel"), "latin-1")
    assert cancelled.items == ()
