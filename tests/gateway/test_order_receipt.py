"""POST /cxml with OrderRequests: what is stored, what is answered, what is refused and why."""

import json
from decimal import Decimal

import pytest
from sqlalchemy import func
from sqlalchemy import select

from cxml.document import parse_cxml
from gateway.models import Document
from gateway.models import Order
from gateway.models import OrderLine
from gateway.models import OutboxItem
from gateway.models import Product
from gateway.models.exchange import OrderReceipt

from .catalog_data import add_cxml_partner
from .catalog_data import build
from .test_order_support import NOON
from .test_order_support import fixture
from .test_order_support import line
from .test_order_support import order_bytes


@pytest.fixture
def entities(db):
    with db.transaction() as session:
        return build(session)


def add_partner(db, entities, settings=None, flavour="ariba", uk=False):
    with db.transaction() as session:
        partner = add_cxml_partner(session, entities[1] if uk else entities[0], flavour=flavour)
        partner.settings = settings or {}
        return partner.id


def post(app, body):
    response = app.test_client().post("/cxml", data=body, content_type="text/xml")
    return response.status_code, parse_cxml(response.data, mode=None).body.status


def count(db, model):
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_ariba_order_is_stored_whole_and_answered_200(app, db, entities):
    add_partner(db, entities)
    status, answer = post(app, fixture("ariba_new.xml", "po-1@buyer.example.com"))
    assert (status, answer.code) == (200, 200)
    with db.transaction() as session:
        order = session.scalars(select(Order)).one()
        assert (order.order_id, order.version, order.type, order.state) == (
            "PO-FR-4500012345",
            1,
            "new",
            "accepted",
        )
        assert (order.currency, order.total, order.flags) == ("EUR", Decimal("2688.73"), [])
        assert order.ship_to == SHIP_TO
        assert order.bill_to["city"] == "Courbevoie"
        assert order.comments == "Livraison à l'accueil, merci de prévenir la veille."
        assert order.deployment_mode == "production"
        assert order.charges == {
            "shipping": {"amount": "25.00", "currency": "EUR", "description": "Livraison standard"},
            "tax": {"amount": "537.75", "currency": "EUR", "description": "TVA 20 %"},
        }
        lines = [(ln.line_number, ln.sku, ln.quantity, ln.unit_price) for ln in order.lines]
        assert lines == [
            (1, "LAP-100", Decimal("2"), Decimal("899.00")),
            (2, "MON-200", Decimal("3"), Decimal("296.91")),
        ]
        first = order.lines[0]
        assert first.description == "Ordinateur portable ThinkPad T14"
        assert first.requested_delivery is not None
        segments = first.accounting["distributions"][0]["segments"]
        assert [s["id"] for s in segments] == ["4711", "681500"]
        assert segments[0]["description"] == "Informatique — postes de travail"
        assert first.accounting["distributions"][0]["charge"] == "1798.00"
        documents = session.scalars(select(Document).order_by(Document.id)).all()
        assert [(d.direction, d.doc_type, d.status_code, d.order_id) for d in documents] == [
            ("in", "OrderRequest", 200, order.id),
            ("out", "Response", 200, order.id),
        ]
        assert b"welcome-to-the-gateway" not in documents[0].body
        assert "Hélène Dupré".encode() in documents[0].body
        item = session.scalars(select(OutboxItem)).one()
        assert (item.kind, item.state, item.order_id) == ("back_office", "pending", order.id)
        sent = json.loads(item.payload)
        assert sent["event"] == "order.created"
        assert sent["order"]["total"] == "2688.73"
        assert [ln["unit_price"] for ln in sent["order"]["lines"]] == ["899", "296.91"]
        # what a carrier needs reaches the back office: the person, the region, how to call
        assert sent["order"]["ship_to"] == SHIP_TO
        assert sent["order"]["comments"] == order.comments
        assert sent["order"]["deployment_mode"] == "production"
        assert sent["order"]["charges"] == order.charges
        line_tax = {"tax": {"amount": "178.15", "currency": "EUR", "description": "TVA 20 %"}}
        assert [ln["charges"] for ln in sent["order"]["lines"]] == [{}, line_tax]
        assert [(ln["ship_to"], ln["comments"]) for ln in sent["order"]["lines"]] == [
            ({}, ""),
            (LYON, "Écrans pour la salle de formation."),
        ]
        assert [(ln.ship_to, ln.comments) for ln in order.lines][1] == (
            LYON,
            "Écrans pour la salle de formation.",
        )


SHIP_TO = {
    "address_id": "FR-PAR-01",
    "name": "Acme France SA — Siège",
    "deliver_to": ["Hélène Dupré", "Bâtiment B, 3e étage"],
    "street": ["12 rue de l'Église"],
    "postal_code": "75015",
    "city": "Paris",
    "state": "Île-de-France",
    "country": "FR",
    "email": "accueil@acme-france.example",
    "phone": "+33 1 45 67 89 00 x12",
}
LYON = {
    "address_id": "FR-LYS-02",
    "name": "Acme France SA — Agence de Lyon",
    "deliver_to": ["Marc Lefèvre"],
    "street": ["8 quai Perrache"],
    "postal_code": "69002",
    "city": "Lyon",
    "state": "",
    "country": "FR",
    "email": "",
    "phone": "",
}


def test_a_buyers_test_order_is_marked_as_such_for_the_back_office(app, db, cli, entities):
    """Request@deploymentMode="test" is the buyer's test traffic (formats.md 4.3): stored and
    forwarded like any order, but marked, so that the back office never ships it."""
    add_partner(db, entities)
    body = fixture("ariba_new.xml", "po-test@buyer.example.com")
    body = body.replace(b'deploymentMode="production"', b'deploymentMode="test"')
    status, _ = post(app, body)
    assert status == 200
    with db.transaction() as session:
        order = session.scalars(select(Order)).one()
        assert order.deployment_mode == "test"
        sent = json.loads(session.scalars(select(OutboxItem)).one().payload)
        assert sent["order"]["deployment_mode"] == "test"
    listed = cli("order", "list").output.splitlines()
    assert listed[0].split("\t")[2:5] == ["PO-FR-4500012345", "v1", "accepted (test)"]


def test_coupa_order_with_non_ascii_text(app, db, entities):
    add_partner(db, entities, flavour="coupa")
    status, _ = post(app, fixture("coupa_new.xml", "coupa-1@coupahost.com"))
    assert status == 200
    with db.transaction() as session:
        order = session.scalars(select(Order)).one()
        assert order.lines[0].description == "Câble USB-C 2 m"
        assert order.ship_to["name"] == "Acme France Lyon"
        assert (order.order_id, order.version, order.total) == ("4711", 1, Decimal("179.90"))


def test_a_500_line_order(app, db, entities):
    add_partner(db, entities)
    skus = ["LAP-100", "MON-200", "CAB-300"]
    items = [line(n, skus[n % 3], str(1 + n % 7)) for n in range(1, 501)]
    status, _ = post(app, order_bytes("big@buyer", items))
    assert status == 200
    with db.transaction() as session:
        order = session.scalars(select(Order)).one()
        assert len(order.lines) == 500
        assert order.total == sum(ln.unit_price * ln.quantity for ln in order.lines)


def refused(app, db, body, code):
    """Post `body`, expect `code`; nothing stored, the document logged with that status."""
    status, answer = post(app, body)
    assert (status, answer.code) == (code, code)
    assert count(db, Order) == 0
    assert count(db, OrderLine) == 0
    assert count(db, OutboxItem) == 0
    assert count(db, OrderReceipt) == 0
    with db.transaction() as session:
        inbound = session.scalars(select(Document).where(Document.direction == "in")).one()
        assert (inbound.doc_type, inbound.status_code) == ("OrderRequest", code)
        assert inbound.status_text == answer.message
    return answer.message


def test_unknown_sku_is_refused_naming_line_and_field(app, db, entities):
    add_partner(db, entities)
    items = [line(1, "LAP-100", "1"), line(2, "NOPE-1", "1", price="10.00")]
    reason = refused(app, db, order_bytes("u1", items), 400)
    assert reason == "line 2, SupplierPartID: 'NOPE-1' is not a product we sell"


def test_sku_hidden_by_the_entity_policy_is_refused(app, db, entities):
    add_partner(db, entities, uk=True)
    body = order_bytes("uk1", [line(1, "CAB-300", "1", "17.99", "GBP")], currency="GBP")
    reason = refused(app, db, body, 400)
    assert reason.startswith("line 1, SupplierPartID: CAB-300 is not offered to ACME-UK")


def test_wrong_currency_is_refused(app, db, entities):
    add_partner(db, entities)
    body = order_bytes("c1", [line(1, "LAP-100", "1", "899.00", "USD")], currency="USD")
    reason = refused(app, db, body, 400)
    assert reason == (
        "OrderRequestHeader/Total/Money@currency: currency USD is not EUR, the currency of"
        " billing entity ACME-FR"
    )


def test_inconsistent_total_is_refused(app, db, entities):
    add_partner(db, entities)
    body = order_bytes("t1", [line(1, "LAP-100", "2")], total="1799.00")
    reason = refused(app, db, body, 400)
    assert reason == "OrderRequestHeader/Total: 1799.00 EUR is not the sum of the lines (1798.00)"


def test_missing_ship_to_is_refused(app, db, entities):
    add_partner(db, entities)
    reason = refused(app, db, order_bytes("s1", [line(1, "LAP-100", "1")], ship_to=False), 400)
    assert reason == "line 1, ShipTo: no ShipTo in the OrderRequestHeader nor on the line"


def test_a_line_in_another_unit_than_the_product_is_sold_in_is_refused(app, db, entities):
    add_partner(db, entities)
    items = [line(1, "LAP-100", "1", unit="C62"), line(2, "LAP-100", "1", unit="BX")]
    reason = refused(app, db, order_bytes("b1", items, total="1798.00"), 400)
    assert reason == (
        "line 2, ItemDetail/UnitOfMeasure: 'BX' is not the unit LAP-100 is sold in:"
        " C62, EA, H87, PCE"
    )


def test_the_partners_code_for_a_unit_names_it(app, db, entities):
    add_partner(db, entities, settings={"profile": {"unit_map": {"MTR": "LM"}}})
    with db.transaction() as session:
        session.scalars(select(Product).where(Product.sku == "CAB-300")).one().unit = "MTR"
    for number, unit in enumerate(["LM", "MTR"], start=1):  # as we sent it, or our own code
        body = order_bytes(
            f"m{number}", [line(1, "CAB-300", "4", unit=unit)], order_id=f"M{number}"
        )
        assert post(app, body)[0] == 200
    status, answer = post(app, order_bytes("m3", [line(1, "CAB-300", "4")], order_id="M3"))
    assert (status, answer.message) == (
        400,
        "line 1, ItemDetail/UnitOfMeasure: 'EA' is not the unit CAB-300 is sold in: LM, MTR",
    )


def test_quantity_tier_decides_the_contract_price(app, db, entities):
    add_partner(db, entities)
    # 10 laptops cost 849.00 each under C-FR; 899.00 is the price for fewer.
    reason = refused(app, db, order_bytes("q1", [line(1, "LAP-100", "10", "899.00")]), 400)
    assert reason == (
        "line 1, ItemDetail/UnitPrice: 899.00 EUR differs from the agreed 849.00 EUR by more"
        " than 0 %"
    )


@pytest.mark.parametrize(
    ("policy", "price", "outcome"),
    [
        # 899.00 agreed; 920.00 is 2.34 % above, 905.00 is 0.67 % above.
        ({"price_policy": "reject", "price_tolerance_percent": "1"}, "905.00", "accepted"),
        ({"price_policy": "reject", "price_tolerance_percent": "1"}, "920.00", "refused"),
        ({"price_policy": "reject", "price_tolerance_percent": "1"}, "880.00", "refused"),
        ({"price_policy": "flag", "price_tolerance_percent": "1"}, "905.00", "accepted"),
        ({"price_policy": "flag", "price_tolerance_percent": "1"}, "920.00", "flagged"),
        ({"price_policy": "accept"}, "1.00", "accepted"),
        ({}, "899.004", "accepted"),  # below half a cent is no deviation
        ({}, "899.01", "refused"),  # default policy: reject, no tolerance
    ],
)
def test_price_policies(app, db, entities, policy, price, outcome):
    add_partner(db, entities, settings={"orders": policy})
    body = order_bytes("p1", [line(1, "LAP-100", "1", price)])
    if outcome == "refused":
        reason = refused(app, db, body, 400)
        assert reason.startswith(f"line 1, ItemDetail/UnitPrice: {price} EUR differs from")
        return
    status, _ = post(app, body)
    assert status == 200
    with db.transaction() as session:
        order = session.scalars(select(Order)).one()
        assert order.lines[0].unit_price == Decimal(price).quantize(Decimal("0.0001"))
        if outcome == "flagged":
            assert order.flags == [
                "line 1: ItemDetail/UnitPrice: 920.00 EUR differs from the agreed 899.00 EUR by"
                " more than 1 %"
            ]
        else:
            assert order.flags == []


def test_strict_partner_gets_schema_refusal(app, db, entities):
    add_partner(db, entities, settings={"profile": {"schema_mode": "strict"}})
    status, answer = post(app, without_classification("strict-1"))
    assert (status, answer.code) == (406, 406)
    assert "Classification" in answer.message
    assert count(db, Order) == 0


def test_lenient_partner_takes_what_strict_refuses(app, db, entities):
    add_partner(db, entities)
    assert post(app, without_classification("lenient-1"))[0] == 200


def without_classification(payload_id):
    """ItemDetail without Classification: deviation D4, lenient only (docs/cxml-deviations.md)."""
    body = fixture("ariba_new.xml", payload_id)
    return body.replace(b'<Classification domain="UNSPSC">43211902</Classification>', b"")


def test_oracle_order_with_zone_less_times_and_no_classification(app, db, entities):
    # Deviations D1 (no time zone: read as UTC) and D4 (no Classification), lenient only.
    add_partner(db, entities, flavour="oracle")
    local = NOON.replace(tzinfo=None).isoformat()
    status, _ = post(app, fixture("oracle_new.xml", "ora-1@fusion", LOCAL_TIME=local))
    assert status == 200
    with db.transaction() as session:
        order = session.scalars(select(Order)).one()
        assert (order.order_id, order.total) == ("US164-1001", Decimal("1195.91"))
        assert order.order_date.replace(tzinfo=None) == NOON.replace(tzinfo=None)
        assert [ln.sku for ln in order.lines] == ["LAP-100", "MON-200"]


def test_sap_update_through_the_network_replaces_the_order(app, db, entities):
    add_partner(db, entities, flavour="sap")
    first = order_bytes("sap-1@s4", [line(10, "CAB-300", "5")], order_id="4500098765", version=1)
    assert post(app, first)[0] == 200
    update = fixture("sap_update.xml", "sap-2@s4", REFERENCE="sap-1@s4")
    assert post(app, update)[0] == 200
    with db.transaction() as session:
        order = session.scalars(select(Order)).one()
        assert (order.version, order.type, order.total) == (2, "update", Decimal("359.80"))
        current = [(ln.line_number, ln.quantity) for ln in order.lines if ln.version == 2]
        assert current == [(10, Decimal("20"))]
        assert order.ship_to["name"] == "Werk Köln"
        assert order.lines[-1].requested_delivery is not None


@pytest.mark.parametrize("auxiliary", ["S99999999999999999999-L1", "S1-L99999999999999999999"])
def test_an_auxiliary_id_with_numbers_past_any_database_id_links_nothing(
    app, db, entities, auxiliary
):
    add_partner(db, entities)
    payload_id = "po-aux@buyer.example.com"
    status, answer = post(app, fixture("ariba_new.xml", payload_id, AUX_1=auxiliary))
    assert (status, answer.code) == (200, 200)
    with db.transaction() as session:
        first = session.scalars(select(OrderLine).where(OrderLine.line_number == 1)).one()
        assert (first.session_id, first.auxiliary_id) == (None, auxiliary)


PAST = "is past the largest we store (2147483647)"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('lineNumber="1"', 'lineNumber="2147483648"', f"ItemOut[1]@lineNumber: 2147483648 {PAST}"),
        (
            "<OrderRequestHeader ",
            '<OrderRequestHeader orderVersion="99999999999999999999" ',
            f"OrderRequestHeader@orderVersion: 99999999999999999999 {PAST}",
        ),
        (
            'lineNumber="1"',
            'lineNumber="' + "9" * 5000 + '"',
            "/cXML/Request/OrderRequest/ItemOut[1]: lineNumber has 5,000 digits",
        ),
        (
            'orderID="',
            'orderID="' + "x" * 95,
            "OrderRequestHeader@orderID: 111 characters; at most 100 are stored",
        ),
        (
            "<SupplierPartID>",
            "<SupplierPartID>" + "X" * 60,
            "ItemOut[1]/ItemID/SupplierPartID: 67 characters; at most 64 are stored",
        ),
        (
            "<SupplierPartAuxiliaryID>",
            "<SupplierPartAuxiliaryID>S1-L1-C" + "x" * 100,
            "ItemOut[1]/ItemID/SupplierPartAuxiliaryID: 107 characters; at most 100 are stored",
        ),
    ],
)
def test_values_the_database_cannot_store_are_refused_naming_them(
    app, db, entities, old, new, message
):
    """They were server errors: numbers past the integers (SQLite's OverflowError, PostgreSQL's
    integer out of range), more digits than int() reads, texts longer than their column
    (PostgreSQL refused the row; SQLite stored it whole)."""
    add_partner(db, entities)
    body = fixture("ariba_new.xml", "po-big@buyer.example.com")
    assert old.encode() in body
    status, answer = post(app, body.replace(old.encode(), new.encode(), 1))
    assert (status, answer.code, answer.message) == (400, 400, message)
    assert count(db, Order) == count(db, OrderReceipt) == 0


def test_a_payload_id_is_stored_up_to_what_the_back_office_key_holds(app, db, entities):
    add_partner(db, entities)  # "ariba-fr": its key "ariba-fr:<payloadID>" holds 250
    room = 250 - len("ariba-fr:")
    status, answer = post(app, fixture("ariba_new.xml", "p" * (room + 1)))
    assert (status, answer.code) == (400, 400)
    assert answer.message == f"cXML@payloadID: {room + 1} characters; at most {room} are stored"
    assert count(db, Order) == 0
    status, answer = post(app, fixture("ariba_new.xml", "p" * room))
    assert (status, answer.code) == (200, 200)
    with db.transaction() as session:
        assert session.scalars(select(OutboxItem.idempotency_key)).one() == "ariba-fr:" + "p" * room


def test_a_total_of_rounded_line_amounts_is_the_sum_of_the_lines(app, db, entities):
    """Our cart (sessions.PricedLine.line_total) and buyer systems total 2-decimal line amounts
    (field-notes 3.5): 296.91 x 2.5 = 742.28 and 17.99 x 2.5 = 44.98 make 787.26, where the
    rounded sum of the exact amounts is 787.25. Both totals are the sum of the lines."""
    add_partner(db, entities)
    items = [line(1, "MON-200", "2.5"), line(2, "CAB-300", "2.5")]
    for number, total in enumerate(["787.26", "787.25"], start=1):
        body = order_bytes(f"r{number}", items, order_id=f"R{number}", total=total)
        status, answer = post(app, body)
        assert (status, answer.code) == (200, 200), answer.message
    with db.transaction() as session:
        totals = session.scalars(select(Order.total).order_by(Order.order_id)).all()
        assert totals == [Decimal("787.26"), Decimal("787.25")]
    body = order_bytes("r3", items, order_id="R3", total="787.27")
    status, answer = post(app, body)
    assert (status, answer.message) == (
        400,
        "OrderRequestHeader/Total: 787.27 EUR is not the sum of the lines (787.26 adding"
        " rounded line amounts, 787.25 rounding their exact sum)",
    )


def test_a_description_after_its_short_name_is_stored_with_the_line(app, db, entities):
    add_partner(db, entities)
    body = fixture("ariba_new.xml", "short-1@buyer.example.com")
    old = b'<Description xml:lang="fr">Ordinateur portable ThinkPad T14</Description>'
    new = (
        b'<Description xml:lang="fr"><ShortName>ThinkPad</ShortName>Ordinateur portable'
        b" ThinkPad T14</Description>"
    )
    assert old in body
    status, answer = post(app, body.replace(old, new))
    assert (status, answer.code) == (200, 200)
    with db.transaction() as session:
        first = session.scalars(select(OrderLine).where(OrderLine.line_number == 1)).one()
        assert first.description == "Ordinateur portable ThinkPad T14"


def test_a_unit_longer_than_stored_is_refused_not_cut(app, db, entities):
    """order_lines.unit holds 3 characters: EACH was stored as EAC and went back to the buyer
    so in ship notices. A partner saved with such a unit_map before configure refused it."""
    add_partner(db, entities, settings={"profile": {"unit_map": {"C62": "EACH"}}})
    items = [line(1, "LAP-100", "1"), line(2, "LAP-100", "1", unit="EACH")]
    reason = refused(app, db, order_bytes("unit-1", items), 400)
    assert reason == "ItemOut[2]/ItemDetail/UnitOfMeasure: 4 characters; at most 3 are stored"


@pytest.mark.parametrize(
    ("quantity", "price", "total", "message"),
    [
        ("10000000000000000", "17.99", None,
         "ItemOut[2]@quantity: 17 digits before the decimal point; at most 15 are stored"),
        ("1.0004", "17.99", None,
         "ItemOut[2]@quantity: 4 decimal places; at most 3 are stored"),
        ("1", "17.98999", None,
         "ItemOut[2]/ItemDetail/UnitPrice/Money: 5 decimal places; at most 4 are stored"),
        ("1", "100000000000000", None,
         "ItemOut[2]/ItemDetail/UnitPrice/Money: 15 digits before the decimal point; at most"
         " 14 are stored"),
        ("1", "17.99", "100000000000000.00",
         "OrderRequestHeader/Total/Money: 15 digits before the decimal point; at most 14 are"
         " stored"),
    ],
)  # fmt: skip
def test_numbers_past_their_columns_are_refused_not_rounded(
    app, db, entities, quantity, price, total, message
):
    """order_lines.quantity is NUMERIC(18, 3), unit prices and totals NUMERIC(18, 4): on
    PostgreSQL a larger number was a 500 (numeric field overflow, the document not logged) and
    more decimals were rounded away (1.0004 stored as 1.000). The check is ours, on any
    database."""
    add_partner(db, entities, settings={"orders": {"price_policy": "accept"}})
    items = [line(1, "LAP-100", "1"), line(2, "CAB-300", quantity, price)]
    reason = refused(app, db, order_bytes("n1", items, total=total), 400)
    assert reason == message


def test_trailing_zeros_are_no_decimals_past_the_column(app, db, entities):
    add_partner(db, entities)
    items = [line(1, "CAB-300", "2.5000", "17.990000")]
    status, answer = post(app, order_bytes("z1", items, total="44.98"))
    assert (status, answer.code) == (200, 200)
    with db.transaction() as session:
        assert session.scalars(select(OrderLine.quantity)).one() == Decimal("2.5")


def test_a_price_per_ten_pieces_is_checked_and_stored_per_piece(app, db, entities):
    """PriceBasisQuantity quantity="10": 2969.10 for ten screens is 296.91 each, the agreed
    price (it was refused as 2969.10 against 296.91). A basis in another unit is refused
    rather than guessed at."""
    import dataclasses

    from cxml.items import PriceBasisQuantity

    add_partner(db, entities)

    def per(quantity, factor="1", unit="EA", price="2969.10", quantity_ordered="20"):
        item = line(1, "MON-200", quantity_ordered, price=price)
        basis = PriceBasisQuantity(
            quantity=Decimal(quantity), conversion_factor=Decimal(factor), unit_of_measure=unit
        )
        return dataclasses.replace(
            item, item_detail=dataclasses.replace(item.item_detail, price_basis=basis)
        )

    status, _ = post(app, order_bytes("per-10", [per("10")], total="5938.20"))
    assert status == 200
    with db.transaction() as session:
        stored = session.scalars(select(OrderLine)).one()
        assert (stored.quantity, stored.unit_price) == (Decimal(20), Decimal("296.91"))
    # per 7: 2078.38 / 7 has no end; the line stores 296.9114, the Total is the exact sum
    status, _ = post(
        app,
        order_bytes(
            "per-7",
            [per("7", price="2078.38", quantity_ordered="7000")],
            order_id="PO-7",
            total="2078380.00",
        ),
    )
    assert status == 200
    with db.transaction() as session:
        stored = session.scalars(select(OrderLine).where(OrderLine.quantity == 7000)).one()
        assert stored.unit_price == Decimal("296.9114")
    message = refused_again(
        app, db, order_bytes("per-box", [per("1", "12", "BX")], order_id="PO-2", total="1")
    )
    assert message == (
        "line 1, ItemDetail/PriceBasisQuantity: a price per 1 BX (conversionFactor 12) for a line"
        " in EA is not supported: send the price of one unit, or a basis in the line's unit with"
        " conversionFactor 1"
    )


def refused_again(app, db, body):
    """Post `body` after an accepted order: it is refused with 400, and nothing more stored."""
    before = count(db, OrderLine)
    status, answer = post(app, body)
    assert (status, answer.code) == (400, 400)
    assert count(db, OrderLine) == before
    return answer.message
