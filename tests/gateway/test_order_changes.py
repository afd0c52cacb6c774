"""Exactly once, updates, cancellations, punch-out links and attachments."""

import base64
import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from cxml.document import parse_cxml
from gateway.models import CartLine
from gateway.models import Document
from gateway.models import Order
from gateway.models import OutboxItem
from gateway.models import Product
from gateway.models import PunchOutSession
from gateway.models import TradingPartner
from gateway.models.exchange import OrderReceipt

from .catalog_data import add_cxml_partner
from .catalog_data import build
from .test_order_receipt import count
from .test_order_receipt import post
from .test_order_support import fixture
from .test_order_support import line
from .test_order_support import order_bytes


@pytest.fixture
def partner(db):
    with db.transaction() as session:
        fr, _uk = build(session)
        return add_cxml_partner(session, fr).id


def test_repeated_payload_id_gets_the_first_answer_and_stores_nothing(app, db, partner):
    body = order_bytes("dup-1", [line(1, "LAP-100", "1")])
    first = app.test_client().post("/cxml", data=body, content_type="text/xml")
    again = app.test_client().post("/cxml", data=body, content_type="text/xml")
    assert first.status_code == again.status_code == 200
    assert again.data == first.data  # the same Response, payloadID and all
    assert count(db, Order) == 1
    assert count(db, OutboxItem) == 1
    assert count(db, OrderReceipt) == 1
    with db.transaction() as session:
        inbound = session.scalars(select(Document).where(Document.direction == "in")).all()
        assert len(inbound) == 2  # the repeat is logged, and nothing else


def test_same_order_id_under_a_new_payload_id_is_a_conflict(app, db, partner):
    assert post(app, order_bytes("a-1", [line(1, "LAP-100", "1")]))[0] == 200
    status, answer = post(app, order_bytes("a-2", [line(1, "LAP-100", "1")]))
    assert (status, answer.code) == (409, 409)
    assert answer.message.startswith("OrderRequestHeader@orderID: 'PO-1' was already received")


def test_update_replaces_lines_and_keeps_history(app, db, partner):
    assert (
        post(app, order_bytes("v1", [line(1, "LAP-100", "1"), line(2, "CAB-300", "4")]))[0] == 200
    )
    update = order_bytes("v2", [line(1, "LAP-100", "3")], type="update", version=2, reference="v1")
    assert post(app, update)[0] == 200
    with db.transaction() as session:
        order = session.scalars(select(Order)).one()
        assert (order.version, order.type, order.payload_id, order.total) == (
            2,
            "update",
            "v2",
            Decimal("2697.00"),
        )
        history = [(ln.version, ln.line_number, ln.quantity, ln.state) for ln in order.lines]
        assert history == [
            (1, 1, Decimal("1"), "replaced"),
            (1, 2, Decimal("4"), "replaced"),
            (2, 1, Decimal("3"), "open"),
        ]
        events = [item.idempotency_key for item in session.scalars(select(OutboxItem))]
        assert events == ["ariba-fr:v1", "ariba-fr:v2"]


@pytest.mark.parametrize(
    ("type_", "version", "code", "reason"),
    [
        ("update", 1, 409, "OrderRequestHeader@orderVersion: 1 is not newer than version 1"),
        ("delete", 1, 409, "OrderRequestHeader@orderVersion: 1 is not newer than version 1"),
    ],
)
def test_old_version_is_refused(app, db, partner, type_, version, code, reason):
    assert post(app, order_bytes("o1", [line(1, "LAP-100", "1")], version=1))[0] == 200
    body = order_bytes("o2", [line(1, "LAP-100", "2")], type=type_, version=version)
    status, answer = post(app, body)
    assert (status, answer.code) == (code, code)
    assert answer.message == reason + " we hold"


@pytest.mark.parametrize("type_", ["update", "delete"])
def test_change_naming_a_document_we_never_received_is_refused(app, db, partner, type_):
    assert post(app, order_bytes("r1", [line(1, "LAP-100", "1")]))[0] == 200
    body = order_bytes(
        "r2", [line(1, "LAP-100", "2")], type=type_, version=2, reference="someone-else@x"
    )
    status, answer = post(app, body)
    assert (status, answer.code) == (409, 409)
    assert answer.message == (
        "OrderRequestHeader/DocumentReference@payloadID: names payloadID 'someone-else@x',"
        " which is no version of order 'PO-1' that we received"
    )
    with db.transaction() as session:
        order = session.scalars(select(Order)).one()
        assert (order.version, order.payload_id, order.state) == (1, "r1", "accepted")
    # naming the first version after a second one is still a version of ours
    assert (
        post(
            app,
            order_bytes("r3", [line(1, "LAP-100", "2")], type="update", version=2, reference="r1"),
        )[0]
        == 200
    )
    later = order_bytes("r4", [line(1, "LAP-100", "3")], type=type_, version=3, reference="r1")
    assert post(app, later)[0] == 200


@pytest.mark.parametrize("type_", ["update", "delete"])
def test_change_of_an_unknown_order_is_refused(app, db, partner, type_):
    body = order_bytes("x1", [line(1, "LAP-100", "1")], order_id="PO-404", type=type_, version=2)
    status, answer = post(app, body)
    assert (status, answer.code) == (404, 404)
    assert answer.message == f"OrderRequestHeader@orderID: no order 'PO-404' to {type_}"
    assert count(db, Order) == 0


def test_delete_cancels_and_a_later_update_is_refused(app, db, partner):
    assert post(app, order_bytes("d1", [line(1, "LAP-100", "1")]))[0] == 200
    delete = order_bytes("d2", [line(1, "LAP-100", "1")], type="delete", version=2)
    assert post(app, delete)[0] == 200
    with db.transaction() as session:
        order = session.scalars(select(Order)).one()
        assert (order.state, order.type, order.version) == ("cancelled", "delete", 2)
        assert [ln.state for ln in order.lines] == ["cancelled"]
        payloads = [item.payload for item in session.scalars(select(OutboxItem))]
        assert b'"event": "order.cancelled"' in payloads[-1]
    update = order_bytes("d3", [line(1, "LAP-100", "2")], type="update", version=3)
    status, answer = post(app, update)
    assert status == 409
    assert answer.message == "OrderRequestHeader@orderID: order 'PO-1' is cancelled"


def cart(db, partner, unit_price, quantity="1"):
    """A punch-out session of the partner with `quantity` LAP-100 on line 1 at `unit_price`."""
    with db.transaction() as session:
        product = session.scalars(select(Product).where(Product.sku == "LAP-100")).one()
        row = PunchOutSession(
            token_hash="t" * 64,
            partner_id=partner,
            entity_id=session.get(TradingPartner, partner).entity_id,
            protocol="cxml",
            return_url="https://buyer.example.com/punchout/",
            expires_at=datetime.datetime.now(datetime.UTC),
            lines=[
                CartLine(
                    line_number=1,
                    product_id=product.id,
                    quantity=Decimal(quantity),
                    unit_price=Decimal(unit_price),
                    currency="EUR",
                    contract_code="C-FR",
                )
            ],
        )
        session.add(row)
        session.flush()
        return f"S{row.id}-L1-CC-FR"


def test_line_is_linked_to_its_punch_out_session_and_priced_by_it(app, db, partner):
    auxiliary = cart(db, partner, "880.00")  # the session quoted 880.00, the contract 899.00
    body = order_bytes("l1", [line(1, "LAP-100", "1", "880.00", auxiliary=auxiliary)])
    assert post(app, body)[0] == 200
    with db.transaction() as session:
        order_line = session.scalars(select(Order)).one().lines[0]
        assert order_line.session_id is not None
        assert order_line.auxiliary_id == auxiliary


def test_price_is_checked_against_the_linked_session(app, db, partner):
    auxiliary = cart(db, partner, "880.00")
    body = order_bytes("l2", [line(1, "LAP-100", "1", "899.00", auxiliary=auxiliary)])
    status, answer = post(app, body)
    assert status == 400
    assert answer.message == (
        "line 1, ItemDetail/UnitPrice: 899.00 EUR differs from the agreed 880.00 EUR by more"
        " than 0 %"
    )


def test_a_session_price_holds_only_for_the_quantity_it_was_quoted_at(app, db, partner):
    """10 laptops cost 849.00 each under C-FR, 1 costs 899.00: the cart's tier price for 10
    is no price for 1. At another quantity the contract decides; the line stays linked."""
    auxiliary = cart(db, partner, "849.00", quantity="10")
    body = order_bytes("q1", [line(1, "LAP-100", "1", "849.00", auxiliary=auxiliary)])
    status, answer = post(app, body)
    assert (status, answer.message) == (
        400,
        "line 1, ItemDetail/UnitPrice: 849.00 EUR differs from the agreed 899.00 EUR by more"
        " than 0 %",
    )
    for number, quantity, price in [(2, "1", "899.00"), (3, "10", "849.00")]:
        body = order_bytes(
            f"q{number}",
            [line(1, "LAP-100", quantity, price, auxiliary=auxiliary)],
            order_id=f"PO-{number}",
        )
        assert post(app, body)[0] == 200
    with db.transaction() as session:
        orders = session.scalars(select(Order).order_by(Order.order_id)).all()
        assert [(o.order_id, o.flags) for o in orders] == [("PO-2", []), ("PO-3", [])]
        assert all(o.lines[0].session_id is not None for o in orders)


def test_unknown_session_link_is_flagged_and_the_contract_decides(app, db, partner):
    body = order_bytes("l3", [line(1, "LAP-100", "1", auxiliary="S999-L1-CC-FR")])
    assert post(app, body)[0] == 200
    with db.transaction() as session:
        order = session.scalars(select(Order)).one()
        assert order.flags == [
            "line 1: SupplierPartAuxiliaryID S999-L1-CC-FR names no cart line of ours"
        ]
        assert order.lines[0].session_id is None


NOTE = "Livraison à 10 h, quai n°3\r\n".encode()  # sent as 8-bit bytes (binary encoding)


def related(document: bytes, pdf: bytes) -> tuple[bytes, str]:
    boundary = "----=_Part_0_cxml"
    parts = [
        f"--{boundary}\r\nContent-Type: text/xml; charset=UTF-8\r\n".encode()
        + b"Content-ID: <order@buyer>\r\n\r\n"
        + document,
        f"\r\n--{boundary}\r\nContent-Type: application/pdf\r\nContent-ID: <spec@buyer>\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        'Content-Disposition: attachment; filename="Cahier des charges.pdf"\r\n\r\n'.encode()
        + base64.encodebytes(pdf),
        f"\r\n--{boundary}\r\nContent-Type: text/plain\r\nContent-ID: <note@buyer>\r\n"
        "Content-Transfer-Encoding: binary\r\n\r\n".encode()
        + NOTE,
        f"\r\n--{boundary}--\r\n".encode(),
    ]
    content_type = (
        f'multipart/related; boundary="{boundary}"; type="text/xml"; start="<order@buyer>"'
    )
    return b"".join(parts), content_type


def test_multipart_related_order_keeps_its_attachments(app, db, partner):
    pdf = b"%PDF-1.4\n" + bytes(range(256)) * 4
    body, content_type = related(fixture("ariba_new.xml", "mp-1"), pdf)
    response = app.test_client().post("/cxml", data=body, content_type=content_type)
    assert response.status_code == 200, response.data
    with db.transaction() as session:
        order = session.scalars(select(Order)).one()
        stored = {(a.content_id, a.content_type, a.filename): a.data for a in order.attachments}
        assert stored == {
            ("spec@buyer", "application/pdf", "Cahier des charges.pdf"): pdf,
            ("note@buyer", "text/plain", ""): NOTE,
        }


def test_an_attachment_name_longer_than_stored_is_refused_naming_it(app, db, partner):
    """PostgreSQL refused the row (a server error); SQLite stored it whole."""
    body, content_type = related(fixture("ariba_new.xml", "mp-long"), b"%PDF-1.4\n")
    long_name = "Cahier des charges " + "x" * 240 + ".pdf"
    body = body.replace(b"Cahier des charges.pdf", long_name.encode())
    response = app.test_client().post("/cxml", data=body, content_type=content_type)
    answer = parse_cxml(response.data).body.status
    assert (response.status_code, answer.code) == (400, 400)
    assert answer.message == (
        "attachment 'spec@buyer' filename: 263 characters; at most 250 are stored"
    )
    with db.transaction() as session:
        assert session.scalars(select(Order)).all() == []


def test_odd_but_readable_multipart_headers_are_read(app, db, partner):
    """A Content-ID holding a byte that is not ASCII (the email parser hands it back as a Header
    object) and a start parameter in RFC 2231 form (a tuple) were server errors."""
    pdf = b"%PDF-1.4\n"
    body, content_type = related(fixture("ariba_new.xml", "mp-odd"), pdf)
    body = body.replace(b"Content-ID: <spec@buyer>", b"Content-ID: <sp\xe9c@buyer>")
    content_type = content_type.replace(
        'start="<order@buyer>"', "start*=UTF-8''%3Corder%40buyer%3E"
    )
    response = app.test_client().post("/cxml", data=body, content_type=content_type)
    assert response.status_code == 200, response.data
    with db.transaction() as session:
        order = session.scalars(select(Order)).one()
        stored = {(a.content_id, a.data) for a in order.attachments}
        assert stored == {("sp\ufffdc@buyer", pdf), ("note@buyer", NOTE)}  # U+FFFD for the byte
