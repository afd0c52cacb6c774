"""The cart through the JSON API: adding at tier quantities, changing and removing lines, field
errors with their statuses and no change, inspect sessions refusing changes, and the two ways
out: the transfer form equals, field for field, what the storefront's transfer page posts.

Hand-worked figures (Northwind UK, GBP; test_storefront_data): LAP-100 from 10 at 1199.00, from
50 at 1150.00; TON-305 from 20 at 15 % off 189.99 = 161.4915 -> 161.49. So 12 x LAP-100 =
14388.00, 25 x TON-305 = 4037.25, total 18425.25."""

import base64
import concurrent.futures
import datetime
import html
import logging
import re
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from cxml.document import parse_cxml
from cxml.ids import PayloadIdFactory
from gateway.models import Document
from gateway.models import Product
from gateway.models import PunchOutSession
from gateway.models import TradingPartner
from gateway.sessions import token_hash

from .test_api import Api
from .test_api import error_of
from .test_api import start_api
from .test_api import uk  # noqa: F401 (fixture)
from .test_api_openapi import QUANTITY
from .test_storefront_data import RETURN_URL

LINE = "/cart/lines/{line}"


def add(api, sku, quantity):
    return api.call("POST", "/cart/lines", json={"sku": sku, "quantity": quantity})


def lines(body):
    cart = body.get("cart", body)
    rows = [(ln["sku"], ln["quantity"], ln["unit_price"], ln["line_total"]) for ln in cart["lines"]]
    return rows, cart["total"]


def session_row(db, token):
    with db.transaction() as session:
        row = session.scalar(
            select(PunchOutSession).where(PunchOutSession.token_hash == token_hash(token))
        )
        session.expunge(row)
        return row


def test_add_update_remove_at_tier_prices(uk):  # noqa: F811
    status, body = add(uk, "LAP-100", "12")
    assert (status, body["line"]) == (201, 1)
    assert lines(body) == ([("LAP-100", "12", "1199.00", "14388.00")], "14388.00")
    status, body = add(uk, "TON-305", "25")
    assert (status, body["line"]) == (201, 2)
    assert lines(body)[1] == "18425.25"
    line = body["cart"]["lines"][1]
    assert (line["contract_code"], line["offered"], line["auxiliary_id"]) == (
        "UK-2026",
        True,
        line["auxiliary_id"],
    )
    assert re.fullmatch(r"S\d+-L2-CUK-2026", line["auxiliary_id"])
    status, body = add(uk, "LAP-100", 3)  # an integer is exact; it joins line 1
    assert (status, body["line"]) == (201, 1)
    assert lines(body)[0][0] == ("LAP-100", "15", "1199.00", "17985.00")
    status, body = uk.call("PATCH", "/cart/lines/1", LINE, json={"quantity": "50"})
    assert status == 200
    assert lines(body) == (
        [("LAP-100", "50", "1150.00", "57500.00"), ("TON-305", "25", "161.49", "4037.25")],
        "61537.25",
    )
    status, body = uk.call("DELETE", "/cart/lines/2", LINE)
    assert (status, lines(body)) == (200, ([("LAP-100", "50", "1150.00", "57500.00")], "57500.00"))
    assert lines(uk.get("/cart")[1]) == lines(body)


@pytest.mark.parametrize(
    ("payload", "status", "code", "field"),
    [
        ({"sku": "LAP-100", "quantity": "abc"}, 400, "invalid_field", "quantity"),
        ({"sku": "LAP-100", "quantity": 2.5}, 400, "invalid_field", "quantity"),
        ({"sku": "LAP-100", "quantity": "0"}, 400, "invalid_field", "quantity"),
        ({"sku": "LAP-100", "quantity": "1.0005"}, 400, "invalid_field", "quantity"),
        ({"sku": "LAP-100", "quantity": "1000001"}, 400, "invalid_field", "quantity"),
        ({"sku": "LAP-100", "quantity": "1,000"}, 400, "invalid_field", "quantity"),
        ({"sku": "LAP-100", "quantity": "1_000"}, 400, "invalid_field", "quantity"),
        ({"sku": "LAP-100", "quantity": "\u0661\u0662"}, 400, "invalid_field", "quantity"),
        ({"sku": "LAP-100", "quantity": "\uff11\uff12"}, 400, "invalid_field", "quantity"),
        ({"sku": "LAP-100", "quantity": "1E2"}, 400, "invalid_field", "quantity"),
        ({"sku": "LAP-100", "quantity": "+4"}, 400, "invalid_field", "quantity"),
        ({"sku": "LAP-100", "quantity": " 3 "}, 400, "invalid_field", "quantity"),
        ({"sku": "LAP-100", "quantity": "2,5"}, 400, "invalid_field", "quantity"),
        ({"sku": "LAP-100"}, 400, "invalid_field", "quantity"),
        ({"quantity": "1"}, 400, "invalid_field", "sku"),
        ({"sku": "  ", "quantity": "1"}, 400, "invalid_field", "sku"),
        ({"sku": "NOPE-1", "quantity": "1"}, 404, "unknown_product", "sku"),
        ({"sku": "ACR-1", "quantity": "1"}, 422, "not_offered", "sku"),
        ({"sku": "EUR-7", "quantity": "1"}, 422, "not_offered", "sku"),
    ],
)
def test_bad_additions_answer_their_status_and_change_nothing(uk, payload, status, code, field):  # noqa: F811
    add(uk, "TON-305", "3")
    answer, body = uk.call("POST", "/cart/lines", json=payload)
    assert (answer, *error_of(body)) == (status, code, field)
    assert body["error"]["message"].startswith(field)
    assert lines(uk.get("/cart")[1]) == ([("TON-305", "3", "170.99", "512.97")], "512.97")


QUANTITY_TEXTS = [
    "12", "2.5", "0.125", "1.000", "1.125", "000.5", "1000000", "1000000.000", "999999.999",
    "1,000", "1.000,5", "1,000.5", "1_000", "1 000", "\u0661\u0662", "\uff11\uff12", "1E2",
    "1e2", "+4", "-4", " 3 ", "3 ", "3\n", "2,5", ".5", "5.", "0", "0.000", "1.2345",
    "1000001", "1000000.001", "NaN", "Infinity", "", "0x10", "1.0.0",
]  # fmt: skip


@pytest.mark.parametrize("text", QUANTITY_TEXTS)
def test_the_api_takes_exactly_the_quantities_its_document_describes(app, client, catalog, text):
    """openapi.json's Quantity pattern decides, in a German session too: "1.000" is one."""
    german = start_api(app, client, catalog, language="de")
    documented = re.search(QUANTITY.replace("$", r"\Z"), text) is not None  # ECMA-262's $
    status, body = add(german, "CAB-6", text)
    if documented:
        assert status == 201, body
        assert lines(body)[0][0][1] == format(Decimal(text).normalize(), "f")
    else:
        assert (status, *error_of(body)) == (400, "invalid_field", "quantity")
        message = body["error"]["message"]
        assert message.startswith("quantity: ") and repr(text) in message
        assert lines(german.get("/cart")[1]) == ([], "0.00")


def test_adding_to_a_line_never_takes_it_past_the_largest_quantity(uk):  # noqa: F811
    assert add(uk, "TON-305", "999999.5")[0] == 201
    status, body = add(uk, "TON-305", "1")  # each quantity is allowed, their sum is not
    assert (status, *error_of(body)) == (409, "line_full", "quantity")
    assert body["error"]["message"] == (
        "quantity: the cart holds 999999.5 of TON-305 already, and a line holds at most 1000000"
    )
    assert lines(uk.get("/cart")[1])[0] == [("TON-305", "999999.5", "161.49", "161489919.26")]
    status, body = add(uk, "TON-305", "0.5")  # up to the limit itself
    assert lines(body)[0] == [("TON-305", "1000000", "161.49", "161490000.00")]


def test_simultaneous_additions_all_land(app, uk):  # noqa: F811
    """Two browser tabs or a double click: every addition a 201 answered is in the cart. On
    SQLite each request read the line before another's write was committed, and wrote its own
    total over it (or took the same new line number and failed with a 500)."""
    skus = ["LAP-100", "TON-305"] * 12

    def add_one(sku):
        api = Api(client=app.test_client(), token=uk.token)
        return add(api, sku, "1")[0]

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(add_one, skus))
    assert statuses == [201] * len(skus)
    _status, body = uk.get("/cart")
    held = sorted((ln["line"], ln["sku"], ln["quantity"]) for ln in body["lines"])
    assert [(sku, quantity) for _line, sku, quantity in held] in (
        [("LAP-100", "12"), ("TON-305", "12")],
        [("TON-305", "12"), ("LAP-100", "12")],
    )
    assert [line for line, _sku, _quantity in held] == [1, 2]


def test_body_must_be_a_json_object(uk):  # noqa: F811
    for options in ({"json": ["LAP-100", "1"]}, {"data": "sku=LAP-100&quantity=1"}):
        status, body = uk.call("POST", "/cart/lines", **options)
        assert (status, *error_of(body)) == (400, "invalid_field", "body")


def test_below_the_contract_minimum_is_422_on_the_quantity(app, client, catalog):
    fr = start_api(app, client, catalog, entity="fr", language="fr")
    status, body = add(fr, "PAP-A4", "2")
    assert (status, *error_of(body)) == (422, "not_offered", "quantity")
    status, body = add(fr, "PAP-A4", "5")
    assert (status, lines(body)) == (201, ([("PAP-A4", "5", "3.85", "19.25")], "19.25"))
    status, body = fr.call("PATCH", "/cart/lines/1", LINE, json={"quantity": "4"})
    assert (status, *error_of(body)) == (422, "not_offered", "quantity")
    assert lines(fr.get("/cart")[1])[1] == "19.25"


def test_unknown_lines_are_404_and_bad_quantities_400(uk):  # noqa: F811
    add(uk, "LAP-100", "1")
    status, body = uk.call("PATCH", "/cart/lines/7", LINE, json={"quantity": "2"})
    assert (status, *error_of(body)) == (404, "unknown_line", "line")
    status, body = uk.call("DELETE", "/cart/lines/7", LINE)
    assert (status, *error_of(body)) == (404, "unknown_line", "line")
    status, body = uk.call("PATCH", "/cart/lines/1", LINE, json={"quantity": "-1"})
    assert (status, *error_of(body)) == (400, "invalid_field", "quantity")
    assert lines(uk.get("/cart")[1]) == ([("LAP-100", "1", "1234.50", "1234.50")], "1234.50")


def test_another_sessions_cart_is_not_reachable(app, client, catalog, uk):  # noqa: F811
    other = start_api(app, client, catalog)
    add(uk, "LAP-100", "1")
    assert lines(other.get("/cart")[1]) == ([], "0.00")
    status, _body = other.call("DELETE", "/cart/lines/1", LINE)
    assert status == 404
    assert len(uk.get("/cart")[1]["lines"]) == 1


def test_inspect_session_refuses_changes_and_transfer(uk, db):  # noqa: F811
    add(uk, "TON-305", "3")
    with db.transaction() as session:  # as if the procurement system sent this cart to inspect
        session.get(PunchOutSession, session_row(db, uk.token).id).operation = "inspect"
    assert uk.get("/session")[1]["read_only"] is True
    status, cart = uk.get("/cart")
    assert (status, cart["read_only"], lines(cart)[1]) == (200, True, "512.97")
    refused = [
        add(uk, "LAP-100", "1"),
        uk.call("PATCH", "/cart/lines/1", LINE, json={"quantity": "5"}),
        uk.call("DELETE", "/cart/lines/1", LINE),
        uk.call("POST", "/transfer"),
    ]
    for status, body in refused:
        assert (status, *error_of(body)) == (403, "read_only", None)
    assert refused[-1][1]["error"]["message"] == (
        "This cart is open for inspection only: it cannot be transferred; cancel to return to"
        " the procurement system."
    )
    assert lines(uk.get("/cart")[1]) == ([("TON-305", "3", "170.99", "512.97")], "512.97")
    status, form = uk.call("POST", "/cancel")  # the way back is still open
    message = parse_cxml(base64.b64decode(dict(form["fields"])["cxml-base64"]), mode="strict")
    assert status == 200 and message.body.content.items == ()
    assert message.body.content.operation_allowed == "inspect"


def _fixed_ids(app):
    moment = datetime.datetime(2026, 3, 4, 5, 6, 7, tzinfo=datetime.UTC)
    app.extensions["gateway.ids"] = PayloadIdFactory(
        host="gateway.test", clock=lambda: moment, random_hex=lambda n: "5a" * n
    )


def _reopen(db, token):
    with db.transaction() as session:
        session.get(PunchOutSession, session_row(db, token).id).state = "open"


def html_form(response):
    page = response.get_data(as_text=True)
    form = re.search(r"<form [^>]*>", page).group(0)
    attribute = lambda name: html.unescape(  # noqa: E731
        (re.search(rf'{name}="([^"]*)"', form) or re.match("()", "")).group(1)
    )
    fields = [
        [html.unescape(name), html.unescape(value)]
        for name, value in re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)"', page)
    ]
    return {
        "action": attribute("action"),
        "method": attribute("method").upper(),
        "fields": fields,
        "target": attribute("target"),
        "charset": attribute("accept-charset"),
    }


@pytest.mark.parametrize("cart_field", ["cxml-base64", "cxml-urlencoded"])
def test_transfer_form_is_the_storefront_transfer_form(app, client, catalog, uk, db, cart_field):  # noqa: F811
    with db.transaction() as session:
        partner = session.get(TradingPartner, catalog.uk_partner_id)
        partner.settings = {**partner.settings, "profile": {"cart_field": cart_field}}
        row = session.get(PunchOutSession, session_row(db, uk.token).id)
        row.extra = {**row.extra, "target": "_top"}
    add(uk, "LAP-100", "12")
    add(uk, "TON-305", "25")
    _fixed_ids(app)
    status, form = uk.call("POST", "/transfer")
    assert status == 200
    assert uk.get("/cart")[0] == 410  # closed by the transfer
    _reopen(db, uk.token)
    page = html_form(client.post(f"/shop/{uk.token}/transfer"))
    assert form == page
    assert (form["action"], form["target"], form["charset"]) == (RETURN_URL, "_top", "UTF-8")
    (name, value), = form["fields"]  # fmt: skip
    assert name == cart_field
    body = base64.b64decode(value) if name == "cxml-base64" else value.encode("utf-8")
    message = parse_cxml(body, mode="strict").body.content
    assert message.buyer_cookie == "cookie-en-jane@northwind.example"
    assert (message.total.amount, message.total.currency) == (Decimal("18425.25"), "GBP")
    assert [
        (item.item_id.supplier_part_id, item.quantity, item.item_detail.unit_price.amount)
        for item in message.items
    ] == [("LAP-100", 12, Decimal("1199.00")), ("TON-305", 25, Decimal("161.49"))]
    with db.transaction() as session:
        logged = session.scalars(
            select(Document).where(Document.doc_type == "PunchOutOrderMessage")
        ).all()
        assert [document.body for document in logged] == [body, body]


def test_cancel_returns_an_empty_cart_and_closes_the_session(uk, db):  # noqa: F811
    add(uk, "LAP-100", "2")
    status, form = uk.call("POST", "/cancel")
    assert status == 200 and form["method"] == "POST"
    document = parse_cxml(base64.b64decode(dict(form["fields"])["cxml-base64"]), mode="strict")
    assert document.body.content.items == () and document.body.status.code == 204
    assert session_row(db, uk.token).state == "cancelled"
    for status, body in [uk.call("POST", "/transfer"), uk.call("POST", "/cancel")]:
        assert (status, *error_of(body)) == (410, "session_closed", "Authorization")


def require_a_part_number_that_ton_305_lacks(db, catalog) -> None:
    with db.transaction() as session:
        partner = session.get(TradingPartner, catalog.uk_partner_id)
        partner.settings = {"profile": {"required_cart_fields": ["manufacturer_part_id"]}}
        session.scalars(
            select(Product).where(Product.sku == "TON-305")
        ).one().manufacturer_part_id = ""


def test_a_product_lacking_a_required_field_is_refused_when_added(uk, catalog, db):  # noqa: F811
    require_a_part_number_that_ton_305_lacks(db, catalog)
    status, body = add(uk, "TON-305", "3")
    assert (status, *error_of(body)) == (422, "not_transferable", "manufacturer_part_id")
    assert body["error"]["message"].startswith(
        "sku TON-305: manufacturer_part_id is missing, and your procurement system requires it"
    )
    assert uk.get("/cart")[1]["lines"] == []


def test_a_line_lacking_a_required_field_is_not_transferred(uk, catalog, db):  # noqa: F811
    add(uk, "TON-305", "3")  # complete when added, changed in the catalog since
    require_a_part_number_that_ton_305_lacks(db, catalog)
    status, body = uk.call("POST", "/transfer")
    assert (status, *error_of(body)) == (422, "not_transferable", "manufacturer_part_id")
    assert body["error"]["message"].startswith("line 1 (TON-305): manufacturer_part_id is missing")
    assert uk.get("/cart")[0] == 200
    assert session_row(db, uk.token).state == "open"


def test_an_unknown_required_cart_field_is_a_configuration_error(cli, catalog, db):
    with db.transaction() as session:
        name = session.get(TradingPartner, catalog.uk_partner_id).name
    result = cli("partner", "configure", name, "--set", 'profile.required_cart_fields=["unspc"]')
    assert result.exit_code != 0
    assert "required_cart_fields: unknown cart field 'unspc'" in result.output


def test_a_line_no_longer_offered_stops_the_transfer(app, uk, catalog, db):  # noqa: F811
    """cXML: TON-305 withdrawn from the catalog after it was added stays in the cart, not
    offered, and the transfer is refused (422) naming it, rather than sent without it."""
    add(uk, "LAP-100", "12")
    add(uk, "TON-305", "3")
    with db.transaction() as session:
        session.scalars(select(Product).where(Product.sku == "TON-305")).one().active = False
    status, cart = uk.get("/cart")
    assert [(ln["sku"], ln["offered"], ln["line_total"]) for ln in cart["lines"]] == [
        ("LAP-100", True, "14388.00"),
        ("TON-305", False, None),
    ]
    status, body = uk.call("POST", "/transfer")
    assert (status, *error_of(body)) == (422, "lines_not_offered", "lines")
    assert "TON-305 (HP 410X high-yield black toner cartridge)" in body["error"]["message"]
    assert session_row(db, uk.token).state == "open"
    assert uk.call("DELETE", "/cart/lines/2", LINE)[0] == 200
    status, form = uk.call("POST", "/transfer")
    document = parse_cxml(base64.b64decode(dict(form["fields"])["cxml-base64"]), mode="strict")
    assert [item.item_id.supplier_part_id for item in document.body.content.items] == ["LAP-100"]


@pytest.fixture
def refusing_cart_lines(db):
    """A trigger that makes the database refuse every new cart line as a constraint would: an
    IntegrityError no view expects. Dropped again after the test (PostgreSQL's test database
    lives for the whole run)."""
    message = "cart_lines refused by the test trigger"
    if db.engine.dialect.name == "sqlite":
        create = [
            "CREATE TRIGGER refuse_cart_lines BEFORE INSERT ON cart_lines"
            f" BEGIN SELECT RAISE(ABORT, '{message}'); END"
        ]
        drop = ["DROP TRIGGER refuse_cart_lines"]
    else:
        create = [
            "CREATE FUNCTION refuse_cart_lines() RETURNS trigger LANGUAGE plpgsql AS"
            f" $$ BEGIN RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation'; END $$",
            "CREATE TRIGGER refuse_cart_lines BEFORE INSERT ON cart_lines"
            " FOR EACH ROW EXECUTE FUNCTION refuse_cart_lines()",
        ]
        drop = ["DROP TRIGGER refuse_cart_lines ON cart_lines", "DROP FUNCTION refuse_cart_lines()"]
    with db.engine.begin() as connection:
        for statement in create:
            connection.exec_driver_sql(statement)
    yield message
    with db.engine.begin() as connection:
        for statement in drop:
            connection.exec_driver_sql(statement)


def test_an_unexpected_error_answers_the_documented_json_500(uk, refusing_cart_lines, caplog):  # noqa: F811
    """It was Flask's HTML 500 page. The answer names no cause (no SQL, no traceback); the
    log has the exception, its path without a token, and nothing of the cart was kept."""
    with caplog.at_level(logging.ERROR, logger="gateway"):
        status, body = add(uk, "LAP-100", "12")
    assert (status, *error_of(body)) == (500, "internal_error", None)
    assert body["error"]["message"] == (
        "the gateway could not answer this request because of an unexpected error of its own;"
        " its log holds the cause for the supplier's e-services team"
    )
    (logged,) = [record for record in caplog.records if record.exc_info]
    assert logged.getMessage() == "Exception on /api/v1/cart/lines [POST]"
    assert isinstance(logged.exc_info[1], IntegrityError)
    assert refusing_cart_lines in str(logged.exc_info[1])
    assert uk.token not in caplog.text
    assert lines(uk.get("/cart")[1]) == ([], "0.00")  # the session still works, unchanged
