"""The whole OCI loop in headless Chromium: the buyer's SAP page posts the login call to /oci
with a HOOK_URL on a small receiving server of the test (another port of 127.0.0.1); the buyer
searches, adds four products, transfers; the receiving server records the raw form post and
every received field is compared with the figures worked out by hand in test_oci_transfer. The
same in ISO-8859-1, where the raw bytes must carry é as %E9."""

import html
import threading
from urllib.parse import parse_qsl

import pytest
from sqlalchemy import select

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
