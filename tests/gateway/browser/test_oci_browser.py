"""The whole OCI loop in headless Chromium: the buyer's SAP page posts the login call to /oci
with a HOOK_URL on a small receiving server of the test (another port of 127.0.0.1); the buyer
searches, adds four products, transfers; the receiving server records the raw form post and
every received field is compared with the figures worked out by hand in test_oci_transfer. The
same in ISO-8859-1, where the raw bytes must carry é as %E9. Then the same loop for the demo SAP
partner on the demo data set, and its DETAIL, VALIDATE and BACKGROUND_SEARCH over real HTTP."""

import html
import re
import threading
from urllib.parse import parse_qsl

import pytest
import requests
from sqlalchemy import select

from gateway.demo import load_demo
from gateway.models import PunchOutSession
from gateway.models import TradingPartner
from oci import parse_new_item_fields

from ..test_oci_fixtures import login_pairs
from ..test_oci_fixtures import oci_client
from ..test_oci_transfer import ECHOED
from ..test_oci_transfer import EXPECTED
from .conftest import Served

pytestmark = pytest.mark.browser


class BuyerSystem:
    """The buyer's SAP as a browser sees it: /launch posts the catalog call to the gateway,
    /sap/return is the HOOK_URL and records every form posted to it (raw body, content type)."""

    def __init__(self) -> None:
        self.call: dict[str, str] = {}
        self.gateway = ""
        self.posts: list[tuple[bytes, str]] = []
        self.got_post = threading.Event()
        self.served = Served(self.wsgi)

    def wsgi(self, environ, start_response):
        if environ["PATH_INFO"] == "/launch":
            inputs = "".join(
                f'<input type="hidden" name="{html.escape(n)}" value="{html.escape(v)}">'
                for n, v in self.call.items()
            )
            body = (
                "<!doctype html><html><head><meta charset='utf-8'><title>SRM</title></head><body>"
                f"<form id='f' method='post' action='{self.gateway}/oci'>{inputs}</form>"
                "<script>document.getElementById('f').submit()</script></body></html>"
            )
        elif environ["REQUEST_METHOD"] == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            self.posts.append((environ["wsgi.input"].read(length), environ.get("CONTENT_TYPE")))
            self.got_post.set()
            body = "<!doctype html><title>SRM</title><p id='done'>Shopping cart received</p>"
        else:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [body.encode()]


@pytest.fixture
def buyer():
    system = BuyerSystem()
    yield system
    system.served.stop()


def _catalog(app, db, buyer, live):
    oci_client(app, db)
    with db.transaction() as session:
        partner = session.scalars(select(TradingPartner)).one()
        partner.return_url_prefixes = [f"{buyer.served.url}/sap/"]
    buyer.gateway = live.url


def _search_and_add(page, query, sku, quantity):
    page.locator("form[role=search] input[name=q]").first.fill(query)
    page.locator("form[role=search] button").first.click()
    row = page.locator(f"li[data-sku='{sku}']")
    row.locator("input[name=quantity]").fill(quantity)
    row.locator("form.add button").click()
    page.locator(f"tr[data-sku='{sku}']").wait_for()


@pytest.mark.parametrize(("label", "codec"), [("utf-8", "utf-8"), ("ISO-8859-1", "latin-1")])
def test_login_search_add_transfer_and_every_field_received(
    app, db, live, buyer, browser_page, label, codec
):
    _catalog(app, db, buyer, live)
    hook_url = f"{buyer.served.url}/sap/return?sap-client=100"
    buyer.call = login_pairs(HOOK_URL=hook_url, http_content_charset=label)
    page = browser_page
    page.goto(f"{buyer.served.url}/launch")
    page.wait_for_url(f"{live.url}/shop/*/")

    _search_and_add(page, "thinkpad", "LAP-100", "12")
    _search_and_add(page, "contoso 27", "MON-200", "1")
    _search_and_add(page, "station accueil", "DOC-400", "2")
    _search_and_add(page, "sechskantschraube", "SCR-500", "2000")
    page.locator("form[action$='/transfer'] button").click()
    page.wait_for_url(f"{buyer.served.url}/sap/return*")
    assert page.locator("#done").inner_text() == "Shopping cart received"

    assert buyer.got_post.wait(10) and len(buyer.posts) == 1
    raw, content_type = buyer.posts[0]
    assert content_type == "application/x-www-form-urlencoded"
    assert (b"%E9" if codec == "latin-1" else b"%C3%A9") in raw  # é of "écran"
    pairs = parse_qsl(raw.decode("ascii"), keep_blank_values=True, encoding=codec, errors="strict")
    cart = parse_new_item_fields(pairs)
    # A browser sends every line break of a form value as CR LF (HTML form submission), so
    # SAP receives the long text's line breaks as CR LF.
    expected = {
        index: {**fields, "LONGTEXT": fields["LONGTEXT"].replace("\n", "\r\n")}
        for index, fields in EXPECTED.items()
    }
    assert {item.index: dict(item.fields) for item in cart.items} == expected
    assert list(cart.other_fields) == ECHOED
    with db.transaction() as session:
        assert session.scalars(select(PunchOutSession.state)).one() == "transferred"


# The demo SAP partner (gateway demo: DEMO_SAP buys for DEMO-DE, German, EUR; units C62 -> ST,
# vendor 100042, MATGROUP IT-MON for monitors, no CONTRACT) with 400 demo products. Worked out
# from the demo generator: the HP monitor MO-0000004 lists at 789.00 EUR, contract DE-RAHMEN-IT
# gives HP 7 % off from 1 and 9 % off from 20: 789 x 0.91 = 717.99; the Belkin cable CB-0000087
# lists at 16.20, the contract's 3 % off everything: 15.714 -> 15.71.
DEMO_MONITOR_TEXT = (
    "Monitor HP Z-Series 34 Zoll, gebogen, 4K UHD 3840 × 2160, IPS, HDMI und DisplayPort,"
    " fester Standfuß"
)
DEMO_EXPECTED = {
    1: {
        "DESCRIPTION": "Monitor HP Z-Series 34 Zoll, gebogen, 4K",
        "QUANTITY": "20.000",
        "UNIT": "ST",
        "PRICE": "717.990",
        "CURRENCY": "EUR",
        "LEADTIME": "6",
        "VENDOR": "100042",
        "VENDORMAT": "MO-0000004",
        "MANUFACTMAT": "1V8E0AA",
        "MATGROUP": "IT-MON",
        "EXT_PRODUCT_ID": "MO-0000004",
        "EXT_SCHEMA_TYPE": "UNSPSC",
        "EXT_CATEGORY_ID": "43211902",
        "LONGTEXT": f"{DEMO_MONITOR_TEXT}\r\nBüromonitor mit flimmerfreier Hintergrundbeleuchtung"
        " und Blaulichtfilter. VESA-100-Halterung; Kabel für HDMI und DisplayPort im Lieferumfang.",
    },
    2: {
        "DESCRIPTION": "HDMI-2.1-Kabel Belkin, 3 m, grau",
        "QUANTITY": "3.000",
        "UNIT": "ST",
        "PRICE": "15.710",
        "CURRENCY": "EUR",
        "LEADTIME": "1",
        "VENDOR": "100042",
        "VENDORMAT": "CB-0000087",
        "MANUFACTMAT": "01VD73",
        "EXT_PRODUCT_ID": "CB-0000087",
        "EXT_SCHEMA_TYPE": "UNSPSC",
        "EXT_CATEGORY_ID": "43202222",
        "LONGTEXT": "Geschirmtes Kabel mit umspritzten Steckern und vergoldeten Kontakten.",
    },
}
DEMO_LOGIN = {"USERNAME": "DEMO_SAP", "PASSWORD": "demo-sap-password"}


@pytest.fixture
def demo(db, buyer, live):
    """The demo data set (400 products) served by `live`, the buyer's SAP pointing at it; the
    demo partner's return-URL prefixes (http://127.0.0.1/, no port) allow the buyer's port."""
    load_demo(db, products=400)
    buyer.gateway = live.url
    return db


@pytest.mark.parametrize(("label", "codec"), [("utf-8", "utf-8"), ("ISO-8859-1", "latin-1")])
def test_the_demo_sap_partner_walks_the_whole_loop(demo, live, buyer, browser_page, label, codec):
    hook_url = f"{buyer.served.url}/sap/return?sap-client=100"
    buyer.call = login_pairs(**DEMO_LOGIN, HOOK_URL=hook_url, http_content_charset=label)
    page = browser_page
    page.goto(f"{buyer.served.url}/launch")
    page.wait_for_url(f"{live.url}/shop/*/")
    _search_and_add(page, "Z-Series 34 gebogen", "MO-0000004", "20")
    _search_and_add(page, "Belkin HDMI-2.1", "CB-0000087", "3")
    page.locator("form[action$='/transfer'] button").click()
    page.wait_for_url(f"{buyer.served.url}/sap/return*")
    assert buyer.got_post.wait(10) and len(buyer.posts) == 1
    raw, _content_type = buyer.posts[0]
    assert (b"%FC" if codec == "latin-1" else b"%C3%BC") in raw  # ü of "Büromonitor"
    pairs = parse_qsl(raw.decode("ascii"), keep_blank_values=True, encoding=codec, errors="strict")
    cart = parse_new_item_fields(pairs)
    assert {item.index: dict(item.fields) for item in cart.items} == DEMO_EXPECTED
    assert list(cart.other_fields) == ECHOED


def test_the_demo_sap_partners_functions_over_http(demo, live):
    detail = requests.get(
        f"{live.url}/oci",
        params={**DEMO_LOGIN, "FUNCTION": "DETAIL", "PRODUCTID": "MO-0000004"},
        timeout=30,
    )
    assert detail.status_code == 200 and detail.url.endswith("/product/MO-0000004")
    assert "Monitor HP Z-Series 34 Zoll" in detail.text and "733,77" in detail.text
    validated = _answered(live, FUNCTION="VALIDATE", PRODUCTID="MO-0000004", QUANTITY="20")
    assert [dict(item.fields) for item in validated] == [
        {**DEMO_EXPECTED[1], "LONGTEXT": DEMO_EXPECTED[1]["LONGTEXT"].replace("\r\n", "\n")}
    ]
    found = _answered(live, FUNCTION="BACKGROUND_SEARCH", SEARCHSTRING="Belkin HDMI-2.1")
    assert found and all("Belkin" in item.fields["DESCRIPTION"] for item in found)
    cable = [dict(item.fields) for item in found if item.fields["VENDORMAT"] == "CB-0000087"]
    assert cable == [{**DEMO_EXPECTED[2], "QUANTITY": "1.000"}]


def _answered(live, **function):
    """The NEW_ITEM lines of a function answered on the same URL, posted as SAP's server does."""
    pairs = login_pairs(**DEMO_LOGIN, HOOK_URL="http://127.0.0.1:50123/sap/return", **function)
    answer = requests.post(f"{live.url}/oci", data=pairs, allow_redirects=False, timeout=30)
    assert answer.status_code == 200, answer.text
    assert ("<script" in answer.text) is (function["FUNCTION"] != "BACKGROUND_SEARCH")
    fields = re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', answer.text)
    return parse_new_item_fields([(html.unescape(n), html.unescape(v)) for n, v in fields]).items
