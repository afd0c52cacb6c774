"""The OCI functions over HTTP: DETAIL and DETAILADD open the product page in a new session,
SOURCING a prefilled search; VALIDATE, QUANTITY_CHECK and BACKGROUND_SEARCH answer on the same
URL with the NEW_ITEM form and open no session. None of them needs or sets a cookie."""

import logging
import re
import urllib.parse
from decimal import Decimal

import pytest
from lxml import html
from sqlalchemy import select

from gateway.app import price_books_of
from gateway.models import BillingEntity
from gateway.models import CatalogPolicy
from gateway.models import Contract
from gateway.models import Document
from gateway.models import PriceRule
from gateway.models import PriceTier
from gateway.models import Product
from gateway.models import PunchOutSession

from .test_oci_fixtures import HOOK_URL
from .test_oci_fixtures import counts
from .test_oci_fixtures import login_pairs
from .test_oci_fixtures import oci_client
from .test_oci_fixtures import received
from .test_oci_fixtures import token_of

ECHOED = [("~caller", "CTLG"), ("~OkCode", "ADDI"), ("~target", "_top"), ("sap-client", "100")]


@pytest.fixture
def client(app, db):
    return oci_client(app, db)


def call(client, method="post", **pairs):
    send = client.post if method == "post" else client.get
    key = "data" if method == "post" else "query_string"
    response = send("/oci", **{key: login_pairs(**pairs)})
    assert "Set-Cookie" not in response.headers
    return response


def _session(db):
    with db.transaction() as session:
        row = session.scalars(select(PunchOutSession)).one()
        return row.operation, row.return_url, row.extra["oci"]["function"]


def test_detail_opens_the_product_page_read_only_without_hook_url(client, db):
    response = call(client, method="get", FUNCTION="DETAIL", PRODUCTID="LAP-100", HOOK_URL=None)
    assert response.status_code == 303
    token = token_of(response)
    assert response.headers["Location"] == f"/shop/{token}/product/LAP-100"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Ordinateur portable ThinkPad T14" in page and "899,00" in page
    assert _session(db) == ("inspect", "", "DETAIL")
    assert (
        client.post(f"/shop/{token}/cart/add", data={"sku": "LAP-100", "quantity": "1"}).status_code
        == 403
    )
    refused = client.post(f"/shop/{token}/transfer")
    assert refused.status_code == 409 and "no HOOK_URL" in refused.get_data(as_text=True)
    # the cart page offers no transfer nor cancel that would be refused: it says to close it
    cart = html.fromstring(client.get(f"/shop/{token}/cart").data)
    assert not cart.xpath("//form[contains(@action, '/transfer') or contains(@action, '/cancel')]")
    assert cart.xpath("string(//p[contains(@class, 'no-return')])").startswith(
        "Cette fenêtre du catalogue ne fait que présenter des produits"
    )


def test_detailadd_opens_the_product_page_in_a_shopping_session(client, db):
    response = call(client, FUNCTION="DETAILADD", PRODUCTID="MON-200")
    assert response.headers["Location"].endswith("/product/MON-200")
    assert _session(db)[0] == "create"


def test_detail_of_an_unknown_product_is_404_and_opens_nothing(client, db):
    response = call(client, FUNCTION="DETAIL", PRODUCTID="NOPE-1")
    assert response.status_code == 404
    assert "PRODUCTID: &#39;NOPE-1&#39; is not in this catalog" in response.get_data(as_text=True)
    assert counts(db) == (0, 1)


@pytest.mark.parametrize(
    ("pairs", "query"),
    [
        ({"SEARCHSTRING": "Contoso"}, "Contoso"),
        ({"NEW_ITEM-DESCRIPTION[1]": "Ecran 27", "NEW_ITEM-QUANTITY[1]": "2"}, "Ecran+27"),
        ({}, None),
    ],
    ids=["searchstring", "item description", "nothing"],
)
def test_sourcing_opens_a_prefilled_search(client, db, pairs, query):
    response = call(client, FUNCTION="SOURCING", **pairs)
    token = token_of(response)
    expected = f"/shop/{token}/search?q={query}" if query else f"/shop/{token}/"
    assert response.headers["Location"] == expected
    assert client.get(expected, follow_redirects=True).status_code == 200


@pytest.mark.parametrize("charset", ["iso-8859-1", "utf-8"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_call_in_latin1_or_utf8_arrives_intact(client, db, charset, method):
    pairs = login_pairs(FUNCTION="SOURCING", SEARCHSTRING="Écran Ölfilter")
    encoded = urllib.parse.urlencode(pairs, encoding=charset)
    if method == "get":
        response = client.get("/oci?" + encoded)
    else:
        content_type = "application/x-www-form-urlencoded"
        response = client.post("/oci", data=encoded.encode("ascii"), content_type=content_type)
    token = token_of(response)
    assert response.headers["Location"] == f"/shop/{token}/search?q=%C3%89cran+%C3%96lfilter"


def _answer(response, charset="utf-8"):
    """The NEW_ITEM fields of a page answered on the same URL, checked for its shape."""
    assert response.status_code == 200
    page = response.get_data().decode(charset)
    return page, received(response, charset)


def test_validate_returns_the_item_at_todays_contract_price_and_quantity(client, db):
    response = call(client, FUNCTION="VALIDATE", PRODUCTID="LAP-100", QUANTITY="10")
    page, cart = _answer(response)
    assert [item.fields["QUANTITY"] for item in cart.items] == ["10.000"]
    fields = cart.items[0].fields
    assert (fields["PRICE"], fields["CONTRACT"], fields["CONTRACT_ITEM"]) == (
        "849.000",
        "C-FR",
        "R1",
    )
    assert list(cart.other_fields) == ECHOED
    assert '<button type="submit" hidden>' in page
    nonce = re.search(r"<script nonce=\"([^\"]+)\">", page)[1]
    assert f"script-src 'nonce-{nonce}'" in response.headers["Content-Security-Policy"]
    assert counts(db) == (0, 2)  # no session; the call and the answer are logged
    with db.transaction() as session:
        kinds = session.execute(select(Document.direction, Document.doc_type)).all()
        assert sorted(kinds) == [("in", "OciCall"), ("out", "OciNewItemForm")]


def test_validate_without_quantity_prices_one(client):
    _page, cart = _answer(call(client, FUNCTION="VALIDATE", PRODUCTID="LAP-100"))
    assert (cart.items[0].fields["QUANTITY"], cart.items[0].fields["PRICE"]) == ("1.000", "899.000")


def test_validate_of_an_unknown_product_is_404(client):
    assert call(client, FUNCTION="VALIDATE", PRODUCTID="NOPE-1").status_code == 404


@pytest.mark.parametrize(
    ("asked", "adjusted"),
    [("2.5", "3.000"), ("0.001", "1.000"), ("7", "7.000"), ("99999999", "1000000.000")],
)
def test_quantity_check_returns_a_quantity_that_can_be_ordered(client, asked, adjusted):
    response = call(client, FUNCTION="QUANTITY_CHECK", PRODUCTID="MON-200", QUANTITY=asked)
    page, cart = _answer(response)
    assert cart.items[0].fields["QUANTITY"] == adjusted
    assert cart.items[0].fields["PRICE"] == "296.910"
    assert '<button type="submit" hidden>' in page


@pytest.mark.parametrize(("label", "codec"), [("utf-8", "utf-8"), ("iso-8859-1", "latin-1")])
def test_background_search_answers_the_matches_as_fields_without_script(client, db, label, codec):
    response = call(
        client, FUNCTION="BACKGROUND_SEARCH", SEARCHSTRING="contoso", http_content_charset=label
    )
    page, cart = _answer(response, codec)
    assert "<script" not in page and "<button" not in page
    found = {item.fields["VENDORMAT"]: dict(item.fields) for item in cart.items}
    assert sorted(found) == ["CAB-300", "MON-200"]
    assert found["MON-200"]["DESCRIPTION"] == 'Écran Contoso 27"'
    assert (found["CAB-300"]["PRICE"], found["CAB-300"]["QUANTITY"]) == ("17.990", "1.000")
    assert found["CAB-300"]["DESCRIPTION"] == "USB-C cable 2 m"  # no French text: English
    assert [item.index for item in cart.items] == [1, 2]
    assert list(cart.other_fields) == ECHOED
    assert counts(db)[0] == 0


def test_background_search_leaves_out_a_product_it_cannot_send(client, db, caplog):
    """A manufacturer part number of 45 characters does not fit MANUFACTMAT (40): that match
    is left out (and logged), the others are answered; VALIDATE of it is a clear 422."""
    with db.transaction() as session:
        monitor = session.scalars(select(Product).where(Product.sku == "MON-200")).one()
        monitor.manufacturer_part_id = "CONTOSO-27-QHD-" + "X" * 30
    with caplog.at_level(logging.WARNING, logger="gateway.oci"):
        response = call(client, FUNCTION="BACKGROUND_SEARCH", SEARCHSTRING="contoso")
    _page, cart = _answer(response)
    assert [(item.index, item.fields["VENDORMAT"]) for item in cart.items] == [(1, "CAB-300")]
    assert (
        "partner sap-fr: BACKGROUND_SEARCH leaves out MON-200: NEW_ITEM-MANUFACTMAT:"
        " 45 characters, the field holds 40" in caplog.messages
    )
    refused = call(client, FUNCTION="VALIDATE", PRODUCTID="MON-200")
    assert refused.status_code == 422
    assert "line 1, NEW_ITEM-MANUFACTMAT: 45 characters" in refused.get_data(as_text=True)


def test_background_search_leaves_out_a_product_whose_text_the_charset_lacks(client, db, caplog):
    """In ISO-8859-1, a match whose description holds "–" (U+2013, not in Latin-1) is left out
    and logged like any other line that cannot be sent; the other matches are answered. In
    UTF-8 it is answered."""
    with db.transaction() as session:
        cable = session.scalars(select(Product).where(Product.sku == "CAB-300")).one()
        english = next(text for text in cable.texts if text.language == "en")
        english.description = "USB-C cable 2 m – 100 W"  # read for lack of a French text
    with caplog.at_level(logging.WARNING, logger="gateway.oci"):
        response = call(
            client,
            FUNCTION="BACKGROUND_SEARCH",
            SEARCHSTRING="contoso",
            http_content_charset="ISO-8859-1",
        )
    _page, cart = _answer(response, "latin-1")
    assert [(item.index, item.fields["VENDORMAT"]) for item in cart.items] == [(1, "MON-200")]
    assert (
        "partner sap-fr: BACKGROUND_SEARCH leaves out CAB-300: NEW_ITEM-DESCRIPTION[1]:"
        " '–' (U+2013) is not in ISO-8859-1" in caplog.messages
    )
    _page, cart = _answer(call(client, FUNCTION="BACKGROUND_SEARCH", SEARCHSTRING="contoso"))
    assert sorted(item.fields["VENDORMAT"] for item in cart.items) == ["CAB-300", "MON-200"]


def _priced_from_five(app, db):
    """ACME-FR hides off-contract products, and its contract prices DOC-400 from 5 only."""
    with db.transaction() as session:
        entity = session.scalars(select(BillingEntity).where(BillingEntity.code == "ACME-FR"))
        session.add(CatalogPolicy(entity_id=entity.one().id, off_contract="hidden"))
        contract = session.scalars(select(Contract).where(Contract.code == "C-FR")).one()
        tier = PriceTier(min_quantity=Decimal(5), value=Decimal("175.00"))
        contract.rules.append(
            PriceRule(rule_key="R3", kind="fixed", scope="product", scope_value="DOC-400",
                      tiers=[tier])
        )  # fmt: skip
    price_books_of(app).clear()


def test_functions_without_a_quantity_quote_the_first_orderable_one(app, client, db):
    """A product whose contract prices start at 5 is answered at 5 by VALIDATE without
    QUANTITY and opened by DETAIL and DETAILADD, as QUANTITY_CHECK and BACKGROUND_SEARCH
    answer it; a VALIDATE that asks for 2 is still refused, naming the quantity."""
    _priced_from_five(app, db)
    expected = ("5.000", "175.000", "R3")
    for function, pairs in [
        ("VALIDATE", {}),
        ("QUANTITY_CHECK", {"QUANTITY": "1"}),
        ("BACKGROUND_SEARCH", {"SEARCHSTRING": "DOC-400"}),
    ]:
        product = {} if function == "BACKGROUND_SEARCH" else {"PRODUCTID": "DOC-400"}
        _page, cart = _answer(call(client, FUNCTION=function, **product, **pairs))
        fields = cart.items[0].fields
        assert (fields["QUANTITY"], fields["PRICE"], fields["CONTRACT_ITEM"]) == expected, function
    for function, hook_url in [("DETAIL", None), ("DETAILADD", HOOK_URL)]:
        response = call(client, FUNCTION=function, PRODUCTID="DOC-400", HOOK_URL=hook_url)
        assert response.status_code == 303, response.get_data(as_text=True)
        assert response.headers["Location"].endswith("/product/DOC-400")
    refused = call(client, FUNCTION="VALIDATE", PRODUCTID="DOC-400", QUANTITY="2")
    assert refused.status_code == 404
    assert (
        "PRODUCTID: &#39;DOC-400&#39; is not offered at 2: contract prices start at quantity 5"
        in refused.get_data(as_text=True)
    )


def test_background_search_without_matches_is_an_empty_form(client):
    page, cart = _answer(call(client, FUNCTION="BACKGROUND_SEARCH", SEARCHSTRING="xylophone"))
    assert cart.items == () and '<form id="oci-return"' in page


def test_functions_ignore_a_cookie_the_browser_still_has(app, db):
    client = oci_client(app, db)
    client_with_cookie = app.test_client()
    client_with_cookie.set_cookie("session", "left-over-from-an-earlier-punch-out")
    response = client_with_cookie.post(
        "/oci", data=login_pairs(FUNCTION="VALIDATE", PRODUCTID="MON-200")
    )
    assert received(response).items[0].fields["PRICE"] == "296.910"
    assert client.post("/oci", data=login_pairs(FUNCTION="SEARCH")).status_code == 400


FUNCTIONS = {
    "DETAIL": {"PRODUCTID": "LAP-100", "HOOK_URL": None},
    "DETAILADD": {"PRODUCTID": "MON-200"},
    "SOURCING": {"SEARCHSTRING": "Contoso"},
    "VALIDATE": {"PRODUCTID": "LAP-100", "QUANTITY": "10"},
    "QUANTITY_CHECK": {"PRODUCTID": "MON-200", "QUANTITY": "2.5"},
    "BACKGROUND_SEARCH": {"SEARCHSTRING": "contoso"},
}


def _outcome(client, response):
    """What the buyer gets, without the parts that differ per call (token, script nonce)."""
    assert "Set-Cookie" not in response.headers
    if response.status_code == 303:
        token = token_of(response)
        page = client.get(response.headers["Location"], follow_redirects=True)
        assert page.status_code == 200
        return 303, response.headers["Location"].replace(token, "TOKEN")
    items = received(response).items
    return response.status_code, [(item.index, dict(item.fields)) for item in items]


@pytest.mark.parametrize("function", list(FUNCTIONS))
def test_each_function_works_with_and_without_a_session_cookie(app, db, function):
    oci_client(app, db)
    bare = app.test_client(use_cookies=False)
    browser = app.test_client()  # keeps cookies, and has a punch-out open in another tab
    token = token_of(browser.post("/oci", data=login_pairs()))
    added = browser.post(f"/shop/{token}/cart/add", data={"sku": "CAB-300", "quantity": "3"})
    assert added.status_code == 303
    browser.set_cookie("session", "left-over-from-an-earlier-punch-out")
    browser.set_cookie("sap-usercontext", "sap-client=100")
    call = login_pairs(FUNCTION=function, **FUNCTIONS[function])
    without = _outcome(bare, bare.post("/oci", data=call))
    with_cookies = _outcome(browser, browser.post("/oci", data=call))
    assert with_cookies == without
    assert without[0] in (200, 303) and without[1]
    cart = received(browser.post(f"/shop/{token}/transfer"))  # the open session is untouched
    assert [(item.fields["VENDORMAT"], item.fields["QUANTITY"]) for item in cart.items] == [
        ("CAB-300", "3.000")
    ]
