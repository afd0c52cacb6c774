"""The JSON API over HTTP: starting a session with its start token, the session, search and the
product detail, and the errors every call shares (no token, unknown token, closed session).
Figures are those worked out by hand in test_storefront_data; every answer is also checked
against openapi.json."""

import dataclasses
import datetime

import pytest
from sqlalchemy import select

from gateway.models import PunchOutSession
from gateway.models import TradingPartner
from gateway.sessions import token_hash

from .test_api_openapi import conforms
from .test_storefront_data import punch_out


@dataclasses.dataclass
class Api:
    """A web shop's calls for one session token, each answer checked against openapi.json."""

    client: object
    token: str

    def call(self, method: str, url: str, documented: str = "", **options):
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        response = self.client.open(f"/api/v1{url}", method=method, headers=headers, **options)
        body = conforms(response, "/api/v1" + (documented or url.partition("?")[0]), method)
        return response.status_code, body

    def get(self, url, documented=""):
        return self.call("GET", url, documented)


def start_api(app, client, catalog, entity="uk", **options) -> Api:
    """Open a session as a setup would, then exchange its start token through the API."""
    entity_id, partner_id = (
        (catalog.uk_id, catalog.uk_partner_id)
        if entity == "uk"
        else (catalog.fr_id, catalog.fr_partner_id)
    )
    start_token = punch_out(app, entity_id, partner_id, **options)
    response = client.post("/api/v1/session/start", json={"start_token": start_token})
    body = conforms(response, "/api/v1/session/start", "POST")
    assert response.status_code == 201, body
    return Api(client=client, token=body["session_token"])


@pytest.fixture
def uk(app, client, catalog):
    return start_api(app, client, catalog)


def error_of(body):
    return body["error"]["code"], body["error"]["field"]


@pytest.mark.parametrize("depth", [100_000, 600])
def test_a_body_nested_deeper_than_can_be_read_is_a_400(app, client, catalog, caplog, depth):
    """The JSON decoder's RecursionError (100,000 deep), and the walk that looks for NUL
    characters in a value it did read (600 deep), were a 500 with an HTML page and a
    traceback in the log."""
    punch_out(app, catalog.uk_id, catalog.uk_partner_id)
    nested = "[" * depth + "]" * depth
    for body, field in ((nested, "body"), (f'{{"start_token": {nested}}}', "start_token")):
        if field == "start_token" and depth > 1000:
            field = "body"  # the decoder cannot read it whole either
        response = client.post("/api/v1/session/start", data=body, content_type="application/json")
        assert response.status_code == 400
        assert error_of(conforms(response, "/api/v1/session/start", "POST")) == (
            "invalid_field",
            field,
        )
    assert [record for record in caplog.records if record.levelname == "ERROR"] == []


def test_start_token_works_once_and_names_the_operation(app, client, catalog):
    start_token = punch_out(app, catalog.uk_id, catalog.uk_partner_id, operation="edit")
    first = client.post("/api/v1/session/start", json={"start_token": start_token})
    assert first.status_code == 201 and first.get_json()["operation"] == "edit"
    assert len(first.get_json()["session_token"]) == 43  # 256 random bits, URL-safe Base64
    again = client.post("/api/v1/session/start", json={"start_token": start_token})
    assert again.status_code == 404
    assert error_of(conforms(again, "/api/v1/session/start", "POST")) == (
        "unknown_start_token",
        "start_token",
    )
    missing = client.post("/api/v1/session/start", json={})
    assert missing.status_code == 400
    assert error_of(missing.get_json()) == ("invalid_field", "start_token")
    not_json = client.post("/api/v1/session/start", data="start_token=x")
    assert not_json.status_code == 400 and error_of(not_json.get_json()) == (
        "invalid_field",
        "body",
    )


def test_session_shows_entity_currency_language_user_and_return_host(app, client, catalog):
    api = start_api(app, client, catalog, entity="fr", language="fr", email="marie@nw.example")
    status, body = api.get("/session")
    assert status == 200
    assert body["entity"] == {"code": "NORTHWIND-FR", "name": "Northwind France SAS"}
    assert (body["currency"], body["language"], body["operation"]) == ("EUR", "fr", "create")
    assert (body["protocol"], body["read_only"], body["changes"]) == ("cxml", False, [])
    assert body["user"] == {"name": "Jane Buyer", "email": "marie@nw.example"}
    assert body["return_url_host"] == "buyer.example.com"
    assert "punchout/return" not in str(body)
    expires = datetime.datetime.fromisoformat(body["expires_at"].removesuffix("Z"))
    in_an_hour = datetime.datetime.now(datetime.UTC).replace(tzinfo=None).timestamp() + 3600
    assert body["expires_at"].endswith("Z") and abs(expires.timestamp() - in_an_hour) < 120


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "Authorization: send the punch-out session token"),
        ("Basic dXNlcjpwYXNz", "Authorization: send the punch-out session token"),
        ("Bearer ", "Authorization: send the punch-out session token"),
        ("Bearer not-a-session-token", "Unknown punch-out session."),
    ],
)
def test_missing_or_unknown_token_is_401(client, catalog, uk, header, message):
    headers = {"Authorization": header} if header else {}
    for method, url, documented, body in [
        ("GET", "/api/v1/session", "/api/v1/session", None),
        ("GET", "/api/v1/products/LAP-100", "/api/v1/products/{sku}", None),
        ("POST", "/api/v1/transfer", "/api/v1/transfer", None),
        # the token is checked first: a bad request from no session says only that
        ("GET", "/api/v1/products?page=0", "/api/v1/products", None),
        ("POST", "/api/v1/cart/lines", "/api/v1/cart/lines", {"sku": "", "quantity": "x"}),
        ("PATCH", "/api/v1/cart/lines/1", "/api/v1/cart/lines/{line}", {"quantity": "0"}),
    ]:
        response = client.open(url, method=method, headers=headers, json=body)
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="punch-out session"'
        body = conforms(response, documented, method)
        assert error_of(body) == ("unauthorized", "Authorization")
        assert body["error"]["message"].startswith(message)
    assert uk.get("/cart")[0] == 200  # the real token still works


def test_expired_and_closed_sessions_are_410(client, catalog, uk, db):
    with db.transaction() as session:
        row = session.scalar(
            select(PunchOutSession).where(PunchOutSession.token_hash == token_hash(uk.token))
        )
        row.expires_at = row.created_at  # long past
    status, body = uk.get("/cart")
    assert (status, *error_of(body)) == (410, "session_closed", "Authorization")
    assert "expired" in body["error"]["message"]
    with db.transaction() as session:
        row = session.get(PunchOutSession, row.id)
        row.expires_at, row.state = row.expires_at.replace(year=2100), "transferred"
    status, body = uk.get("/session")
    assert (status, body["error"]["code"]) == (410, "session_closed")
    assert "closed (transferred)" in body["error"]["message"]


def summary(body):
    return [(p["sku"], p["unit_price"], p["currency"], p["price_kind"]) for p in body["products"]]


def test_search_lists_only_what_the_policy_allows_at_contract_prices(uk):
    status, body = uk.get("/products")
    assert status == 200 and (body["page"], body["page_size"], body["has_next"]) == (1, 20, False)
    # ACR-1: Acer excluded by policy; EUR-7: no GBP price; OLD-1: inactive.
    assert summary(body) == [
        ("LAP-100", "1234.50", "GBP", "contract"),
        ("TON-305", "170.99", "GBP", "contract"),
        ("CAB-6", "4.20", "GBP", "list"),  # UK-2019's 1.00 expired in 2019
        ("PAP-A4", "3.95", "GBP", "list"),
    ]
    first = body["products"][0]
    assert first == {
        "sku": "LAP-100",
        "description": "ThinkPad T14 Gen 4 notebook, 14 inch",
        "manufacturer": "Lenovo",
        "manufacturer_part_id": "21HD-0042UK",
        "category": "notebooks",
        "category_name": "Notebooks",
        "unspsc": "43211503",
        "unit": "C62",
        "unit_price": "1234.50",
        "currency": "GBP",
        "price_quantity": "1",
        "price_kind": "contract",
    }


@pytest.mark.parametrize(
    ("query", "skus"),
    [
        ("q=thinkpad", ["LAP-100"]),  # OLD-1 matches too, but is inactive
        ("q=CF410X", ["TON-305"]),  # manufacturer part id
        ("q=belkin%20blue", ["CAB-6"]),  # every term must match
        ("q=acer", []),  # excluded by policy
        ("category=toner", ["TON-305"]),
        ("manufacturer=Navigator", ["PAP-A4"]),
        ("q=cartridge&manufacturer=Lenovo", []),
        ("page_size=3", ["LAP-100", "TON-305", "CAB-6"]),
        ("page_size=3&page=2", ["PAP-A4"]),
        ("page=2", []),
    ],
)
def test_search_by_terms_category_manufacturer_and_page(uk, query, skus):
    status, body = uk.get(f"/products?{query}")
    assert status == 200
    assert [p["sku"] for p in body["products"]] == skus
    assert body["has_next"] == (query == "page_size=3")


def test_search_answers_what_the_storefront_lists(app, client, catalog):
    fr = start_api(app, client, catalog, entity="fr", language="fr")
    _status, body = fr.get("/products")
    # FR hides off-contract products; PAP-A4 is listed from its contract minimum of 5.
    assert [(p["sku"], p["unit_price"], p["price_quantity"]) for p in body["products"]] == [
        ("LAP-100", "1399.90", "1"),
        ("PAP-A4", "3.85", "5"),
    ]
    assert body["products"][1]["description"] == "Papier A4, 80 g, boîte de 500 feuilles"
    # category names in the session's language; "paper" has none, its key stands in
    assert [(p["category"], p["category_name"]) for p in body["products"]] == [
        ("notebooks", "Ordinateurs portables"),
        ("paper", "paper"),
    ]
    assert (
        fr.get("/products/LAP-100", "/products/{sku}")[1]["category_name"]
        == "Ordinateurs portables"
    )
    for sku, quantity in (("PAP-A4", "5"), ("LAP-100", "1")):
        assert fr.call("POST", "/cart/lines", json={"sku": sku, "quantity": quantity})[0] == 201
    lines = fr.get("/cart")[1]["lines"]
    assert [line["category_name"] for line in lines] == ["paper", "Ordinateurs portables"]
    page = client.get(f"/shop/{fr.token}/search?q=a").get_data(as_text=True)
    _status, searched = fr.get("/products?q=a")
    listed = [p["sku"] for p in searched["products"]]
    assert listed and all(f'data-sku="{sku}"' in page for sku in listed)
    assert page.count("data-sku=") == len(listed)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=0", "page"),
        ("page=x", "page"),
        ("page=10001", "page"),
        ("page=" + "9" * 5000, "page"),  # more digits than Python reads: was a 500
        ("page=%C2%B2", "page"),  # "²" is a digit to str.isdigit, not to int(): was a 500
        ("page_size=0", "page_size"),
        ("page_size=101", "page_size"),
        ("q=" + "a" * 201, "q"),
    ],
)
def test_bad_search_parameters_are_400_naming_the_field(uk, query, field):
    status, body = uk.get(f"/products?{query}")
    assert (status, *error_of(body)) == (400, "invalid_field", field)
    assert body["error"]["message"].startswith(f"{field}: ")


def test_product_detail_has_tiers_contract_level_and_validity(uk):
    status, body = uk.get("/products/LAP-100", "/products/{sku}")
    assert status == 200
    assert body["tiers"] == [
        {"from_quantity": "1", "unit_price": "1234.50", "contract_code": "UK-2026"},
        {"from_quantity": "10", "unit_price": "1199.00", "contract_code": "UK-2026"},
        {"from_quantity": "50", "unit_price": "1150.00", "contract_code": "UK-2026"},
    ]
    assert body["contract"] == {
        "code": "UK-2026",
        "name": "Northwind UK framework agreement",
        "level": "Gold",
        "valid_from": "2020-01-01",
        "valid_to": "2099-12-31",
    }
    assert (body["unit_price"], body["minimum_quantity"], body["lead_time_days"]) == (
        "1234.50",
        "1",
        5,
    )
    assert body["long_description"] == "Intel Core i7, 32 GB RAM, 1 TB SSD."


def test_off_contract_product_has_list_price_and_no_contract(uk):
    status, body = uk.get("/products/CAB-6", "/products/{sku}")
    assert status == 200 and body["contract"] is None and body["price_kind"] == "list"
    assert body["tiers"] == [{"from_quantity": "1", "unit_price": "4.20", "contract_code": None}]
    assert body["lead_time_days"] is None


def test_unknown_product_is_404_and_one_not_offered_is_422(uk):
    status, body = uk.get("/products/NOPE-1", "/products/{sku}")
    assert (status, *error_of(body)) == (404, "unknown_product", "sku")
    status, body = uk.get("/products/ACR-1", "/products/{sku}")
    assert (status, *error_of(body)) == (422, "not_offered", "sku")
    assert body["error"]["message"] == "sku: product ACR-1 is not offered to your organisation"
    status, body = uk.get("/products/OLD-1", "/products/{sku}")
    assert status == 404  # inactive: not in the catalog at all


def test_a_partner_with_its_own_shop_gets_the_start_token_sent_there(app, client, catalog, db):
    with db.transaction() as session:
        partner = session.get(TradingPartner, catalog.uk_partner_id)
        partner.settings = {"profile": {"shop_url": "https://shop.example.com/po?lang=en"}}
    start_token = punch_out(app, catalog.uk_id, catalog.uk_partner_id)
    response = client.get(f"/punchout/start/{start_token}")
    assert response.status_code == 303
    assert response.location == f"https://shop.example.com/po?lang=en&start_token={start_token}"
    started = client.post("/api/v1/session/start", json={"start_token": start_token})
    assert started.status_code == 201  # the redirect did not use the token up; the shop does
    assert client.get(f"/punchout/start/{start_token}").status_code == 404  # used, once
    other = punch_out(app, catalog.fr_id, catalog.fr_partner_id)  # a partner without shop_url
    assert client.get(f"/punchout/start/{other}").location.startswith("/shop/")
