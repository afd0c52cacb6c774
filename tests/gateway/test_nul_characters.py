"""A NUL character (U+0000) in any field of a web request is a 400 naming the field, before any
view reads it. PostgreSQL refuses to compare a text holding one (psycopg.DataError), so each of
these was a server error there, found by a fuzzer against a PostgreSQL-backed demo; SQLite
answered them as ordinary misses."""

import lxml.html
import pytest

from gateway.models import PunchOutSession

from .test_api import start_api
from .test_api_openapi import conforms
from .test_oci_fixtures import login_pairs
from .test_oci_fixtures import oci_client
from .test_order_receipt import count
from .test_storefront_data import punch_out
from .test_storefront_data import start

MESSAGE = ": contains a NUL character (U+0000)"


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("product/LAP%00-100", "URL path"),
        ("category/%00", "URL path"),
        ("manufacturer/Le%00novo", "URL path"),
        ("search?q=lap%00", "q"),
        ("search?q=lap&page=1%00", "page"),
    ],
)
def test_storefront_pages(app, client, catalog, path, field):
    token = start(client, punch_out(app, catalog.uk_id, catalog.uk_partner_id))
    response = client.get(f"/shop/{token}/{path}")
    assert response.status_code == 400
    assert field + MESSAGE in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"


def test_storefront_forms(app, client, catalog):
    token = start(client, punch_out(app, catalog.uk_id, catalog.uk_partner_id))
    response = client.post(f"/shop/{token}/cart/add", data={"sku": "LAP-100\0", "quantity": "1"})
    assert response.status_code == 400
    page = lxml.html.fromstring(response.get_data(as_text=True))
    assert page.xpath("string(//h1)") == "Request not understood"
    assert page.xpath("string(//*[@data-message])") == "sku" + MESSAGE
    assert page.xpath("//a/@href") == [f"/shop/{token}/"]  # back to the catalog


def test_the_page_speaks_the_buyers_language(app, client, catalog):
    token = start(client, punch_out(app, catalog.fr_id, catalog.fr_partner_id, language="fr"))
    response = client.get(f"/shop/{token}/search?q=%00", headers={"Accept-Language": "fr"})
    page = lxml.html.fromstring(response.get_data(as_text=True))
    assert page.xpath("string(//h1)") == "Demande incomprise"
    assert page.xpath("string(//*[@data-message])") == "q : contient un caractère NUL (U+0000)"


@pytest.mark.parametrize("method", ["get", "post"])
def test_oci_login(app, db, method):
    client = oci_client(app, db)
    fields = login_pairs(USERNAME="SRM\0", SEARCHSTRING="lap")
    options = {"query_string": fields} if method == "get" else {"data": fields}
    response = getattr(client, method)("/oci", **options)
    assert response.status_code == 400
    page = lxml.html.fromstring(response.get_data(as_text=True))  # the OCI call's error page
    assert page.xpath("string(//*[@data-message])") == "USERNAME" + MESSAGE
    assert page.xpath("string(//*[@data-parameter])") == "USERNAME"
    assert count(db, PunchOutSession) == 0


@pytest.mark.parametrize(
    ("method", "url", "documented", "options", "field"),
    [
        ("GET", "/products?q=a%00b", "/products", {}, "q"),
        ("GET", "/products?category=%00", "/products", {}, "category"),
        ("GET", "/products/LAP%00", "/products/{sku}", {}, "URL path"),
        ("POST", "/cart/lines", "", {"json": {"sku": "LAP\u0000", "quantity": "1"}}, "body.sku"),
        ("POST", "/cart/lines", "", {"json": {"sku\u0000": "LAP-100"}}, "body"),
    ],
)
def test_session_api(app, client, catalog, method, url, documented, options, field):
    api = start_api(app, client, catalog)
    status, body = api.call(method, url, documented, **options)
    assert status == 400
    assert body["error"] == {"code": "invalid_field", "message": field + MESSAGE, "field": field}


def test_orders_api(app, client):
    response = client.get("/api/v1/orders?partner=ariba%00", headers={"Authorization": "Bearer x"})
    body = conforms(response, "/api/v1/orders", "get")
    assert (response.status_code, body["error"]["field"]) == (400, "partner")
    report = {"carrier": "DHL", "tracking_number": "1Z\u0000", "lines": []}
    response = client.post("/api/v1/orders/1/shipments", json=report)
    body = conforms(response, "/api/v1/orders/{order_id}/shipments", "post")
    assert (response.status_code, body["error"]["field"]) == (400, "body.tracking_number")


def test_a_nul_free_request_is_untouched(app, client, catalog):
    token = start(client, punch_out(app, catalog.uk_id, catalog.uk_partner_id))
    assert client.get(f"/shop/{token}/search?q=lap").status_code == 200
