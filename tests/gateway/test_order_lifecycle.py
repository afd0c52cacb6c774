"""The order's life back to the buyer through the JSON API and the CLI: confirmation, ship
notice and invoice as cXML posted to a buyer receiver on 127.0.0.1, state moves, the view.
Every answer of the API is checked against openapi.json."""

import dataclasses
import datetime
import json
import re
from decimal import Decimal

import pytest
from sqlalchemy import func
from sqlalchemy import select

from cxml.document import build_cxml
from cxml.document import new_response
from cxml.document import parse_cxml
from cxml.envelope import Status
from cxml.ids import PayloadIdFactory
from gateway.app import settings_of
from gateway.models import Document
from gateway.models import Order
from gateway.models import OutboxItem
from gateway.models import TradingPartner
from gateway.orders import OutboxConfig
from gateway.orders import run_outbox
from gateway.orders.views import ORDER_STATES
from gateway.sealing import seal

from .catalog_data import add_cxml_partner
from .catalog_data import build
from .conftest import SECRET_KEY
from .test_api_openapi import DOCUMENT
from .test_api_openapi import conforms
from .test_order_receipt import LYON
from .test_order_receipt import SHIP_TO
from .test_order_receipt import post
from .test_order_support import Receiver
from .test_order_support import fixture
from .test_punchout_setup import every_stored_value

TOKEN = "orders-api-token-for-tests-0123456789"
BUYER_IDS = PayloadIdFactory(host="buyer.example.com")


def buyer_answer(code: int, text: str = "OK") -> bytes:
    return build_cxml(new_response(Status(code=code, text=text), ids=BUYER_IDS))


@pytest.fixture
def buyer():
    receiver = Receiver(answer_body=buyer_answer(200))
    yield receiver
    receiver.close()


@pytest.fixture
def order_id(app, db, buyer):
    app.extensions["gateway.settings"] = dataclasses.replace(
        settings_of(app), orders_api_token=TOKEN
    )
    with db.transaction() as session:
        fr, _uk = build(session)
        partner = add_cxml_partner(session, fr)
        partner.outbound_url = buyer.url
        # sealed, as `gateway partner configure` saves it
        partner.settings = {"orders": {"outbound_shared_secret": seal(SECRET_KEY, OUR_SECRET)}}
    assert post(app, fixture("ariba_new.xml", "life-1@buyer"))[0] == 200
    with db.transaction() as session:
        return session.scalars(select(Order.id)).one()


def test_a_line_confirmed_in_part_is_invoiced_for_its_accepted_part(app, db, buyer, order_id):
    """Line 2 (3 screens): 1 accepted, 2 rejected, in either order of the statuses. The line
    is confirmed, not rejected, and the invoice bills 1, not 3 nor 0."""
    confirmation = {
        "type": "detail",
        "lines": [
            {"line": 1, "status": "accept", "quantity": "2"},
            {"line": 2, "status": "accept", "quantity": "1"},
            {"line": 2, "status": "reject", "quantity": "2"},
        ],
    }
    assert api(app, "post", f"/{order_id}/confirmations", confirmation).status_code == 201
    view = api(app, "get", f"/{order_id}").json
    assert [line["state"] for line in view["lines"]] == ["confirmed", "confirmed"]
    invoice = {"invoice_id": "INV-PART", "tax_percent": "20", "tax_description": "TVA 20 %"}
    assert api(app, "post", f"/{order_id}/invoices", invoice).status_code == 201
    deliver(db)
    # one ConfirmationItem a line, its statuses sharing out its quantity: line 2 was sent as two
    # items, each of the whole 3 screens, which a buyer reads as the line confirmed twice
    confirm = parse_cxml(buyer.received[0][1], mode="strict").body.content
    assert [
        (i.line_number, i.quantity, [(s.type, s.quantity) for s in i.statuses])
        for i in confirm.items
    ] == [
        (1, Decimal(2), [("accept", Decimal(2))]),
        (2, Decimal(3), [("accept", Decimal(1)), ("reject", Decimal(2))]),
    ]
    bill = parse_cxml(buyer.received[-1][1], mode="strict").body.content
    assert [(i.reference_line_number, i.quantity) for i in bill.orders[0].items] == [
        (1, Decimal(2)),
        (2, Decimal(1)),
    ]
    assert bill.summary.subtotal.amount == Decimal("2094.91")  # 2 x 899.00 + 1 x 296.91


@pytest.mark.parametrize(
    ("statuses", "total"),
    [
        ([("accept", "2"), ("backordered", "2")], "4"),
        # a reject of 1 of 3 would leave 2 neither rejected nor confirmed, yet shipped
        ([("reject", "1")], "1"),
    ],
)
def test_statuses_that_do_not_share_out_the_whole_line_are_refused(
    app, db, buyer, order_id, statuses, total
):
    """Each status says how much of the line is in that state: together the whole line."""
    confirmation = {
        "type": "detail",
        "lines": [{"line": 2, "status": kind, "quantity": n} for kind, n in statuses],
    }
    response = api(app, "post", f"/{order_id}/confirmations", confirmation)
    message = (
        f"line 2: its statuses add up to {total}, not the 3 ordered; they share out the whole line"
    )
    assert (response.status_code, response.json) == (422, error("invalid_report", message, "lines"))
    huge = {"type": "accept", "lines": [{"line": 1, "status": "accept", "quantity": "1E+100000"}]}
    assert api(app, "post", f"/{order_id}/confirmations", huge).status_code == 422
    assert api(app, "get", f"/{order_id}").json["state"] == "accepted"
    assert buyer_documents(db) == 0


def test_the_order_view_shows_where_and_how_to_deliver(app, order_id):
    """Addresses whole (DeliverTo, region, e-mail, phone), each line's own ShipTo, comments."""
    view = api(app, "get", f"/{order_id}").json
    assert (view["ship_to"], view["comments"]) == (
        SHIP_TO,
        "Livraison à l'accueil, merci de prévenir la veille.",
    )
    assert view["deployment_mode"] == "production"
    assert [(line["ship_to"], line["comments"]) for line in view["lines"]] == [
        ({}, ""),
        (LYON, "Écrans pour la salle de formation."),
    ]


def api(app, method, path, body=None, token=TOKEN):
    """The answer to one call, once its JSON has the shape openapi.json gives its status."""
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    response = getattr(client, method)(f"/api/v1/orders{path}", json=body, headers=headers)
    documented = re.sub(r"^/\d+", "/{order_id}", path.partition("?")[0])
    conforms(response, f"/api/v1/orders{documented}", method)
    return response


def error(code: str, message: str, field: str | None = None) -> dict:
    return {"error": {"code": code, "message": message, "field": field}}


OUR_SECRET = "our-secret-at-the-buyer"


def deliver(db, secret_key=SECRET_KEY):
    config = OutboxConfig(base_delay_seconds=0, max_attempts=2, secret_key=secret_key)
    run_outbox(db, config, until_empty=True)


def test_confirm_ship_invoice_reach_the_buyer_as_valid_cxml(app, db, buyer, order_id):
    confirmation = {
        "type": "detail",
        "comment": "Écran en rupture, livraison partielle",
        "lines": [
            {"line": 1, "status": "accept", "quantity": "2"},
            {"line": 2, "status": "backordered", "quantity": "3", "delivery_date": "2026-12-24"},
        ],
    }
    response = api(app, "post", f"/{order_id}/confirmations", confirmation)
    assert response.status_code == 201, response.json
    assert response.json["state"] == "confirmed"
    shipment = {"carrier": "DHL", "tracking_number": "JD014600006281230704", "lines": []}
    assert api(app, "post", f"/{order_id}/shipments", shipment).json["state"] == "shipped"
    invoice = {"invoice_id": "INV-2026-0042", "tax_percent": "20", "tax_description": "TVA 20 %"}
    assert api(app, "post", f"/{order_id}/invoices", invoice).json["state"] == "invoiced"
    deliver(db)

    documents = [parse_cxml(body, mode="strict") for _headers, body in buyer.received]
    kinds = [type(d.body.content).__name__ for d in documents]
    assert kinds == ["ConfirmationRequest", "ShipNoticeRequest", "InvoiceDetailRequest"]
    confirm, notice, bill = (d.body.content for d in documents)
    assert (confirm.type, confirm.order_reference.order_id) == ("detail", "PO-FR-4500012345")
    assert confirm.order_reference.payload_id == "life-1@buyer"
    assert [(i.line_number, i.statuses[0].type) for i in confirm.items] == [
        (1, "accept"),
        (2, "backordered"),
    ]
    assert confirm.items[1].statuses[0].delivery_date.date().isoformat() == "2026-12-24"
    assert notice.controls[0].shipment_identifiers == ("JD014600006281230704",)
    assert notice.controls[0].carrier_identifiers == (("companyName", "DHL"),)
    assert [(i.line_number, i.quantity) for i in notice.portions[0].items] == [
        (1, Decimal(2)),
        (2, Decimal(3)),
    ]
    summary = bill.summary
    assert (summary.subtotal.amount, summary.tax.money.amount, summary.net_amount.amount) == (
        Decimal("2688.73"),
        Decimal("537.75"),
        Decimal("3226.48"),
    )
    for document in documents:
        sender = document.header.sender.credentials[0]
        assert (sender.identity, sender.shared_secret) == (
            "procurement-gateway",
            OUR_SECRET,
        )

    view = api(app, "get", f"/{order_id}").json
    assert view["state"] == "invoiced"
    assert view["shipments"][0]["tracking_number"] == "JD014600006281230704"
    assert view["invoices"][0] == {
        "invoice_id": "INV-2026-0042",
        "subtotal": "2688.73",
        "tax": "537.75",
        "net": "3226.48",
        "currency": "EUR",
    }
    assert [line["state"] for line in view["lines"]] == ["confirmed", "backordered"]
    exchanged = [(d["direction"], d["type"], d["status"]) for d in view["documents"]]
    assert exchanged == [
        ("in", "OrderRequest", 200),
        ("out", "Response", 200),
        ("out", "ConfirmationRequest", None),
        ("out", "ShipNoticeRequest", None),
        ("out", "InvoiceDetailRequest", None),
        ("in", "Response", 200),
        ("in", "Response", 200),
        ("in", "Response", 200),
    ]
    with db.transaction() as session:
        answers = session.scalars(select(Document).where(Document.doc_type == "Response")).all()
        assert {d.partner_id for d in answers} == {session.get(Order, order_id).partner_id}
        logged = session.scalars(select(Document).where(Document.doc_type.like("%Request"))).all()
        assert all(OUR_SECRET.encode() not in d.body for d in logged)
        queued = session.scalars(select(OutboxItem.payload).where(OutboxItem.kind == "buyer"))
        assert [SECRET_SLOT in payload for payload in queued] == [True, True, True]
    assert OUR_SECRET not in every_stored_value(db)  # sealed in the settings, a slot in the queue


SECRET_SLOT = b"<SharedSecret>[outbound_shared_secret]</SharedSecret>"


def set_our_secret(db, value):
    with db.transaction() as session:
        partner = session.scalars(select(TradingPartner)).one()
        partner.settings = {"orders": {"outbound_shared_secret": value}} if value else {}


def received_secrets(buyer):
    return [
        parse_cxml(body).header.sender.credentials[0].shared_secret
        for _headers, body in buyer.received
    ]


def test_our_secret_goes_out_as_it_is_set_when_posted_and_escaped(app, db, buyer, order_id):
    api(app, "post", f"/{order_id}/confirmations", {"type": "accept"})
    tricky = "s&c<r>e]]>t \"q\" 'ü' €\r\n\tend"  # CR must stay CR (&#13;), not become LF
    set_our_secret(db, seal(SECRET_KEY, tricky))  # changed after the document was queued
    deliver(db)
    assert received_secrets(buyer) == [tricky]
    assert b"s&amp;c&lt;r&gt;e]]&gt;t" in buyer.received[0][1]


def test_a_document_waits_while_our_secret_cannot_be_read_and_says_why(app, db, buyer, order_id):
    api(app, "post", f"/{order_id}/confirmations", {"type": "accept"})
    deliver(db, secret_key="another instance's secret key")
    with db.transaction() as session:
        item = session.scalars(select(OutboxItem).where(OutboxItem.kind == "buyer")).one()
        assert (item.state, item.attempts) == ("pending", 0)  # waiting uses up no attempt
        assert item.last_error == (
            "partner ariba-fr: orders.outbound_shared_secret sealed with another secret key than "
            "this instance's (was GATEWAY_SECRET_KEY or the instance folder's secret_key "
            "changed?); set the secret again"
        )
        item.next_attempt_at = datetime.datetime(2000, 1, 1)  # due again now
    set_our_secret(db, None)
    deliver(db)
    with db.transaction() as session:
        item = session.scalars(select(OutboxItem).where(OutboxItem.kind == "buyer")).one()
        assert (item.state, item.attempts) == ("pending", 0)
        assert item.last_error == (
            "partner ariba-fr: orders.outbound_shared_secret was removed after the document "
            "was queued; set it again to send it"
        )
        item.next_attempt_at = datetime.datetime(2000, 1, 1)
    assert buyer.received == []
    set_our_secret(db, seal(SECRET_KEY, OUR_SECRET))
    deliver(db)
    assert received_secrets(buyer) == [OUR_SECRET]


def test_buyer_refusal_is_recorded_and_not_retried(app, db, buyer, order_id):
    buyer.script = lambda n: (200, buyer_answer(400, "Bad Request"), 0)
    api(app, "post", f"/{order_id}/confirmations", {"type": "accept"})
    deliver(db)
    with db.transaction() as session:
        item = session.scalars(select(OutboxItem).where(OutboxItem.kind == "buyer")).one()
        assert (item.state, item.attempts) == ("dead", 1)
        assert item.last_error.startswith("buyer answered 400 Bad Request")


def set_outbound_url(db, url: str) -> None:
    with db.transaction() as session:
        session.scalars(select(TradingPartner)).one().outbound_url = url


def test_a_retried_document_goes_to_the_outbound_url_the_partner_has_now(
    app, db, cli, buyer, order_id
):
    """Fixing a partner's wrong outbound URL and then retrying is the recovery: the outbox
    posted to the URL stored when the document was queued, the wrong one, for good."""
    buyer.script = lambda n: (404, b"no such endpoint", 0)  # the URL is wrong
    assert cli("order", "confirm", str(order_id)).exit_code == 0
    deliver(db)
    with db.transaction() as session:
        item = session.scalars(select(OutboxItem).where(OutboxItem.kind == "buyer")).one()
        assert (item.state, item.target_url) == ("dead", buyer.url)
    tried = len(buyer.calls)
    fixed = Receiver(answer_body=buyer_answer(200))
    try:
        set_outbound_url(db, fixed.url)
        assert cli("outbox", "retry", str(item.id)).exit_code == 0
        deliver(db)
        assert len(buyer.calls) == tried  # never again to the old URL
        assert [headers["Idempotency-Key"] for headers, _body in fixed.received] == [
            item.idempotency_key
        ]
        with db.transaction() as session:
            assert session.get(OutboxItem, item.id).state == "delivered"
    finally:
        fixed.close()


def test_a_document_waits_while_its_partner_has_no_outbound_url(app, db, buyer, order_id):
    api(app, "post", f"/{order_id}/confirmations", {"type": "accept"})
    set_outbound_url(db, "")  # removed after the document was queued
    deliver(db)
    with db.transaction() as session:
        item = session.scalars(select(OutboxItem).where(OutboxItem.kind == "buyer")).one()
        assert (item.state, item.attempts) == ("pending", 0)
        assert item.last_error == (
            "partner ariba-fr has no outbound URL; set it with"
            " `gateway partner configure ariba-fr --outbound-url URL`"
        )
    assert buyer.calls == []


def test_steps_out_of_order_and_bad_reports_are_refused(app, db, order_id):
    assert api(app, "post", f"/{order_id}/confirmations", {"type": "reject"}).json["state"] == (
        "rejected"
    )
    response = api(
        app, "post", f"/{order_id}/shipments", {"carrier": "DHL", "tracking_number": "1"}
    )
    assert response.status_code == 409
    assert response.json == error(
        "wrong_state", f"order {order_id} is rejected; it cannot ship now"
    )
    response = api(app, "post", "/999/confirmations", {"type": "accept"})
    assert (response.status_code, response.json) == (
        404,
        error("order_not_found", "no order with id 999"),
    )
    response = api(app, "get", "/999")
    assert (response.status_code, response.json) == (
        404,
        error("order_not_found", "no order with id 999"),
    )


@pytest.mark.parametrize("body", [{"type": "maybe"}, {}, [1], "text"])
def test_a_report_to_a_missing_order_is_not_found_whatever_its_body(app, db, order_id, body):
    """The order is looked up first: a client that got the id wrong is told so, not asked to
    fix a body that could never apply."""
    response = api(app, "post", "/999/confirmations", body)
    assert (response.status_code, response.json) == (
        404,
        error("order_not_found", "no order with id 999"),
    )


@pytest.mark.parametrize("missing", [2**63, 10**30])
def test_an_order_id_past_any_database_id_is_not_found(app, db, cli, order_id, missing):
    """Such a number cannot even be sent to SQLite; it was a 500 (an OverflowError)."""
    expected = (404, error("order_not_found", f"no order with id {missing}"))
    response = api(app, "get", f"/{missing}")
    assert (response.status_code, response.json) == expected
    response = api(app, "post", f"/{missing}/shipments", {"carrier": "DHL", "tracking_number": "1"})
    assert (response.status_code, response.json) == expected
    result = app.test_cli_runner().invoke(args=["order", "show", str(missing)])
    assert (result.exit_code, result.output) == (1, f"error: no order with id {missing}\n")


def test_report_naming_an_unknown_line_is_refused(app, db, order_id):
    body = {"type": "detail", "lines": [{"line": 7, "status": "reject", "quantity": "1"}]}
    response = api(app, "post", f"/{order_id}/confirmations", body)
    assert (response.status_code, response.json) == (
        422,
        error("invalid_report", "line 7: the order has no such line", "lines"),
    )
    with db.transaction() as session:
        assert session.get(Order, order_id).state == "accepted"  # nothing half-applied


@pytest.mark.parametrize(
    ("step", "body", "field", "message"),
    [
        ("confirmations", {"type": "detail", "lines": "1:accept:2"}, "lines",
         "lines: expected a list of objects with line, status, quantity, delivery_date"),
        ("confirmations", {"type": "detail", "lines": [["1", "accept"]]}, "lines[0]",
         "lines[0]: expected an object with line, status, quantity, delivery_date, got"
         " ['1', 'accept']"),
        ("confirmations", {"type": "detail", "lines": [{"line": 1, "quantity": "2",
                                                        "delivery": "2026-12-24"}]},
         "lines[0].delivery",
         "lines[0].delivery: no such field; expected line, status, quantity, delivery_date"),
        ("confirmations", {"type": "detail", "lines": [{"line": True, "quantity": "2"}]},
         "lines[0].line", "lines[0].line: expected a line number, got True"),
        ("confirmations", {"type": "detail", "lines": [{"line": 1, "quantity": "zwei"}]},
         "lines[0].quantity", "lines[0].quantity: not a number: 'zwei'"),
        ("confirmations", {"type": "detail", "lines": [{"line": 1, "quantity": "2",
                                                        "delivery_date": "24.12.2026"}]},
         "lines[0].delivery_date",
         "lines[0].delivery_date: expected a date YYYY-MM-DD, got '24.12.2026'"),
        ("confirmations", {"type": ["accept"]}, "type", "type: expected text, got ['accept']"),
        ("confirmations", {"type": "detail"}, "lines",
         "a detail confirmation lists its lines (Fulfill.dtd)"),
        ("confirmations", {"type": "backordered", "lines": [{"line": 1, "status": "accept",
                                                             "quantity": "2"}]},
         "lines[0].status",
         "lines[0].status: a backordered confirmation lists only backordered statuses"
         " (Fulfill.dtd), not accept"),
        ("confirmations", {"type": "accept", "lines": [
            {"line": 1, "status": "accept", "quantity": "2"},
            {"line": 2, "status": "backordered", "quantity": "3"}]},
         "lines[1].status",
         "lines[1].status: an accept confirmation lists only accept statuses (Fulfill.dtd),"
         " not backordered"),
        ("shipments", {"carrier": {"name": "DHL"}, "tracking_number": "1Z"}, "carrier",
         "carrier: expected text, got {'name': 'DHL'}"),
        ("shipments", {"carrier": "DHL", "tracking_number": "1Z", "lines": 3}, "lines",
         "lines: expected a list of objects with line, quantity"),
        ("shipments", {"carrier": "DHL", "tracking": "1Z"}, "tracking",
         "tracking: no such field; expected carrier, tracking_number, tracking_url,"
         " shipment_id, delivery_date, lines"),
        ("shipments", {"carrier": "DHL", "tracking_number": " "}, "tracking_number",
         "a shipment needs a carrier and a tracking number"),
        ("invoices", {"invoice_id": None, "tax_percent": "20"}, "invoice_id",
         "an invoice needs an invoice_id"),
        ("invoices", {"invoice_id": "INV-1", "tax_percent": "-5"}, "tax_percent",
         "tax_percent must be a non-negative number"),
        ("invoices", {"invoice_id": "INV-1", "tax_percent": "20", "tax": "VAT"}, "tax",
         "tax: no such field; expected invoice_id, tax_percent, tax_description"),
    ],
)  # fmt: skip
def test_a_report_of_the_wrong_shape_is_refused_naming_the_field(
    app, db, order_id, step, body, field, message
):
    response = api(app, "post", f"/{order_id}/{step}", body)
    assert (response.status_code, response.json) == (422, error("invalid_report", message, field))
    with db.transaction() as session:
        assert session.get(Order, order_id).state == "accepted"  # nothing half-applied
        assert session.scalar(select(func.count()).select_from(OutboxItem)) == 1  # the order's


def test_a_report_that_is_not_a_json_object_is_400_naming_the_body(app, db, order_id):
    client = app.test_client()
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    for data in ("[1, 2]", "{not json", ""):
        response = client.post(f"/api/v1/orders/{order_id}/shipments", data=data, headers=headers)
        conforms(response, "/api/v1/orders/{order_id}/shipments", "post")
        assert (response.status_code, response.json) == (
            400,
            error(
                "invalid_field",
                "body: send a JSON object with Content-Type: application/json",
                "body",
            ),
        )
    with db.transaction() as session:
        assert session.get(Order, order_id).state == "accepted"


def test_a_tracking_number_sent_as_a_json_number_is_its_digits(app, db, order_id):
    body = {"carrier": "UPS", "tracking_number": 1234567890}
    response = api(app, "post", f"/{order_id}/shipments", body)
    assert response.status_code == 201
    assert [s["tracking_number"] for s in response.json["shipments"]] == ["1234567890"]


def test_api_needs_the_token(app, order_id):
    for token in ("wrong", "", TOKEN[:-1]):
        refused = api(app, "get", "", token=token)
        assert (refused.status_code, refused.json) == (
            401,
            error("unauthorized", "a valid bearer token is required", "Authorization"),
        )
        assert refused.headers["WWW-Authenticate"] == 'Bearer realm="orders"'
    assert api(app, "get", f"/{order_id}", token="wrong").status_code == 401
    listed = api(app, "get", "?state=accepted").json["orders"]
    assert [(o["order_id"], o["total"], o["partner"]) for o in listed] == [
        ("PO-FR-4500012345", "2688.73", "ariba-fr")
    ]
    assert api(app, "get", "?state=shipped").json["orders"] == []


def test_openapi_lists_the_order_states_there_are():
    documented = DOCUMENT["components"]["schemas"]["OrderSummary"]["properties"]["state"]
    assert documented["enum"] == list(ORDER_STATES)


def test_order_answers_are_never_cached(app, order_id):
    for response in (api(app, "get", f"/{order_id}"), api(app, "get", "", token="wrong")):
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("?limit=-5", "limit", "limit: expected a whole number from 1 to 1000, got '-5'"),
        ("?limit=0", "limit", "limit: expected a whole number from 1 to 1000, got '0'"),
        ("?limit=ten", "limit", "limit: expected a whole number from 1 to 1000, got 'ten'"),
        ("?limit=1001", "limit", "limit: expected a whole number from 1 to 1000, got '1001'"),
        ("?limit=" + "9" * 5000, "limit",
         f"limit: expected a whole number from 1 to 1000, got '{'9' * 5000}'"),
        ("?state=shiped", "state",
         "state: no order state 'shiped'; one of " + ", ".join(ORDER_STATES)),
    ],
)  # fmt: skip
def test_bad_list_parameters_are_400_naming_the_parameter(app, order_id, query, field, message):
    response = api(app, "get", query)
    assert (response.status_code, response.json) == (400, error("invalid_field", message, field))
    assert api(app, "get", "?limit=1").json["orders"][0]["id"] == order_id


def test_cli_lists_confirms_and_ships(app, db, cli, order_id):
    result = cli("order", "list", "--json")
    assert [row["id"] for row in json.loads(result.output)] == [order_id]
    result = cli("order", "confirm", str(order_id), "--type", "except", "--line", "2:reject:3")
    assert result.output == f"order {order_id} (PO-FR-4500012345): confirmed; document queued\n"
    result = cli("order", "ship", str(order_id), "--carrier", "UPS", "--tracking", "1Z999")
    assert "shipped" in result.output
    result = cli("order", "list", "--partner", "ariba-fr", "--state", "shipped")
    assert result.output.splitlines()[-1] == "1 order(s)"
    shown = json.loads(cli("order", "show", str(order_id)).output)
    assert [s["tracking_number"] for s in shown["shipments"]] == ["1Z999"]
    assert [e["kind"] for e in shown["events"]] == ["received", "confirmed", "shipped"]
    with db.transaction() as session:
        partner = session.scalars(select(TradingPartner)).one()
        assert partner.name == "ariba-fr"
        order = session.get(Order, order_id)
        assert [line.state for line in order.lines] == ["open", "rejected"]


@pytest.mark.parametrize(
    "command", [("order", "list"), ("outbox", "list")], ids=["order", "outbox"]
)
@pytest.mark.parametrize("limit", ["-5", "0", "1001"])
def test_a_list_limit_out_of_range_is_refused_naming_the_option(cli, order_id, command, limit):
    """A negative LIMIT was PostgreSQL's error blamed on the database, and on SQLite listed
    every row; 0 printed "0 order(s)". The API takes 1 to 1000."""
    result = cli(*command, "--limit", limit)
    assert result.exit_code == 2
    assert f"Invalid value for '--limit': {limit} is not in the range 1<=x<=1000." in result.output


def test_confirm_help_shows_the_default_type(cli):
    assert "[default: accept]" in cli("order", "confirm", "--help").output


def shipped_lines(buyer) -> list[list[tuple[int, Decimal]]]:
    """The (line, quantity) pairs of each ShipNoticeRequest the buyer received."""
    notices = [parse_cxml(body, mode="strict").body.content for _headers, body in buyer.received]
    return [
        [(item.line_number, item.quantity) for item in notice.portions[0].items]
        for notice in notices
        if type(notice).__name__ == "ShipNoticeRequest"
    ]


def ship(app, order_id, lines=None):
    body = {"carrier": "DHL", "tracking_number": "JD0146"}
    if lines is not None:
        body["lines"] = [{"line": n, "quantity": q} for n, q in lines]
    return api(app, "post", f"/{order_id}/shipments", body)


def buyer_documents(db) -> int:
    with db.transaction() as session:
        return session.scalar(
            select(func.count()).select_from(OutboxItem).where(OutboxItem.kind == "buyer")
        )


def test_a_ship_notice_never_holds_rejected_lines_nor_ships_a_line_twice(app, db, buyer, order_id):
    """Line 1: 2 laptops, line 2: 3 monitors. Rejected lines and what earlier notices shipped
    are not shipped again; a shipment without lines ships what remains."""
    confirmation = {"type": "detail", "lines": [
        {"line": 1, "status": "accept", "quantity": "2"},
        {"line": 2, "status": "reject", "quantity": "3"},
    ]}  # fmt: skip
    assert api(app, "post", f"/{order_id}/confirmations", confirmation).status_code == 201
    assert ship(app, order_id, [(1, "1")]).status_code == 201
    assert ship(app, order_id).status_code == 201  # what remains: 1 laptop
    response = ship(app, order_id)
    assert (response.status_code, response.json) == (
        409,
        error("wrong_state", f"order {order_id}: nothing is left to ship"),
    )
    response = ship(app, order_id, [(2, "1")])
    assert (response.status_code, response.json) == (
        422,
        error(
            "invalid_report",
            "line 2: 1 is more than the 0 left to ship (3 ordered, 3 rejected, 0 shipped)",
            "lines",
        ),
    )
    assert buyer_documents(db) == 3  # the confirmation and two ship notices
    deliver(db)
    assert shipped_lines(buyer) == [[(1, Decimal(1))], [(1, Decimal(1))]]


def test_a_line_ships_at_most_what_was_ordered_less_what_was_rejected(app, db, buyer, order_id):
    confirmation = {"type": "detail", "lines": [
        {"line": 2, "status": "accept", "quantity": "1"},
        {"line": 2, "status": "reject", "quantity": "2"},
    ]}  # fmt: skip
    assert api(app, "post", f"/{order_id}/confirmations", confirmation).status_code == 201
    response = ship(app, order_id, [(1, "1"), (1, "1.5")])  # one line named twice: 2.5 of 2
    assert (response.status_code, response.json) == (
        422,
        error(
            "invalid_report",
            "line 1: 2.5 is more than the 2 left to ship (2 ordered, 0 rejected, 0 shipped)",
            "lines",
        ),
    )
    assert buyer_documents(db) == 1  # nothing half-applied
    assert ship(app, order_id).status_code == 201
    deliver(db)
    assert shipped_lines(buyer) == [[(1, Decimal(2)), (2, Decimal(1))]]


def test_cli_refuses_a_shipment_of_nothing_left(app, db, cli, order_id):
    cli("order", "ship", str(order_id), "--carrier", "UPS", "--tracking", "1Z1")
    runner = app.test_cli_runner()
    again = runner.invoke(
        args=["order", "ship", str(order_id), "--carrier", "UPS", "--tracking", "1Z2"]
    )
    assert (again.exit_code, again.output) == (
        1,
        f"error: order {order_id}: nothing is left to ship\n",
    )
    line = [
        "order",
        "ship",
        str(order_id),
        "--carrier",
        "UPS",
        "--tracking",
        "1Z3",
        "--line",
        "1:1",
    ]
    refused = runner.invoke(args=line)
    assert (refused.exit_code, refused.output) == (
        1,
        "error: line 1: 1 is more than the 0 left to ship (2 ordered, 0 rejected, 2 shipped)\n",
    )


@pytest.mark.parametrize("depth", [100_000, 600])
def test_a_body_nested_deeper_than_can_be_read_is_a_400(app, db, order_id, caplog, depth):
    """The JSON decoder's RecursionError (100,000 deep), and the walk that looks for NUL
    characters in a value it did read (600 deep), were a 500 with an HTML page and a
    traceback in the log."""
    response = app.test_client().post(
        f"/api/v1/orders/{order_id}/confirmations",
        data="[" * depth + "]" * depth,
        content_type="application/json",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    conforms(response, "/api/v1/orders/{order_id}/confirmations", "post")
    assert (response.status_code, response.json) == (
        400,
        error(
            "invalid_field", "body: send a JSON object with Content-Type: application/json", "body"
        ),
    )
    assert [record for record in caplog.records if record.levelname == "ERROR"] == []
