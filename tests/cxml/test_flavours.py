"""Setup requests and orders as Ariba, Coupa, Oracle and SAP send them parse alike."""

import pathlib
from decimal import Decimal

import pytest

from cxml import OrderRequest
from cxml import PunchOutSetupRequest
from cxml import SchemaViolation
from cxml import parse_cxml
from cxml import read_buyer_user

FOLDER = pathlib.Path(__file__).parents[1] / "fixtures" / "cxml" / "flavours"
FILES = sorted(path.name for path in FOLDER.glob("*.xml"))

# file -> (strictly valid?, From credential, buyer cookie, e-mail, name, cost centre)
SETUPS = {
    "ariba-setup-request.xml": (True, ("NetworkID", "AN01000000001-T"), "34234234ADFSDF234234",
                                "john.doe@buyer.example", "John Doe", "CC-4711"),
    "coupa-setup-request.xml": (False, ("DUNS", "COUPA1"), "7f3c1f2a9d0e4b6c8a5d",
                                "john.doe@buyer.example", "John Doe", None),
    "oracle-setup-request.xml": (False, ("NetworkId", "ORACLE-BUYER-01"), "1234567:98765",
                                 "john.doe@buyer.example", "John Doe", None),
    "sap-setup-request.xml": (True, ("NetworkID", "AN02000000002"),
                              "0050568F2A1B1EDF9C8E7A1234567890",
                              "max.mustermann@buyer.example", "Max Mustermann", "0000004711"),
}  # fmt: skip
# file -> (strictly valid?, orderID, type, currency, total, [(line, SKU, quantity, price)], e-mail)
ORDERS = {
    "ariba-order.xml": (True, "PO4500001", "new", "USD", "62.50",
                        [(1, "SKU-1", "3", "12.50"), (2, "SKU-2", "1", "25.00")],
                        "john.doe@buyer.example"),
    "coupa-order.xml": (True, "1001", "new", "USD", "37.50", [(1, "SKU-1", "3", "12.50")],
                        "john.doe@buyer.example"),
    "oracle-order.xml": (False, "4711", "new", "EUR", "25.00", [(1, "SKU-2", "2", "12.50")],
                         "john.doe@buyer.example"),
    "sap-order.xml": (True, "4500000077", "update", "EUR", "37.50",
                      [(10, "SKU-1", "3", "12.50")], "max.mustermann@buyer.example"),
}  # fmt: skip


def test_every_fixture_is_covered():
    assert sorted(SETUPS) + sorted(ORDERS) == sorted(FILES, key=lambda n: "setup" not in n)


@pytest.mark.parametrize("name", FILES)
def test_strict_mode_accepts_exactly_the_dtd_conformant_fixtures(name):
    data = (FOLDER / name).read_bytes()
    conformant = (SETUPS.get(name) or ORDERS[name])[0]
    if conformant:
        parse_cxml(data, mode="strict")
    else:
        with pytest.raises(SchemaViolation) as caught:
            parse_cxml(data, mode="strict")
        assert all(problem.path.startswith("/cXML") for problem in caught.value.problems)


@pytest.mark.parametrize("name", sorted(SETUPS))
def test_setup_requests_read_the_same_way(name):
    _, credential, cookie, email, user_name, cost_centre = SETUPS[name]
    document = parse_cxml((FOLDER / name).read_bytes(), mode="lenient")
    request = document.content
    assert isinstance(request, PunchOutSetupRequest)
    first = document.header.from_.credentials[0]
    assert (first.domain, first.identity) == credential
    assert document.header.sender.credentials[0].shared_secret
    assert request.buyer_cookie == cookie
    assert request.browser_form_post.startswith("https://")
    user = read_buyer_user(request.extrinsics, request.contacts)
    assert (user.email, user.name, user.cost_centre) == (email, user_name, cost_centre)


@pytest.mark.parametrize("name", sorted(ORDERS))
def test_orders_read_the_same_way(name):
    _, order_id, kind, currency, total, lines, email = ORDERS[name]
    order = parse_cxml((FOLDER / name).read_bytes(), mode="lenient").content
    assert isinstance(order, OrderRequest)
    assert (order.order_id, order.type, order.total.currency) == (order_id, kind, currency)
    assert order.total.amount == Decimal(total)
    assert order.order_date.tzinfo is not None
    assert [
        (i.line_number, i.item_id.supplier_part_id, i.quantity, i.item_detail.unit_price.amount)
        for i in order.items
    ] == [(n, sku, Decimal(q), Decimal(p)) for n, sku, q, p in lines]
    assert read_buyer_user(order.extrinsics, order.contacts).email == email


def test_whitespace_around_values_is_not_part_of_them():
    order = parse_cxml((FOLDER / "coupa-order.xml").read_bytes()).content
    assert order.items[0].item_detail.description == "Toner cartridge, black"
    assert order.items[0].item_id.supplier_part_auxiliary_id == ""


def test_sap_edit_session_carries_the_cart_back_with_its_auxiliary_ids():
    request = parse_cxml((FOLDER / "sap-setup-request.xml").read_bytes()).content
    assert request.operation == "edit"
    assert [(i.line_number, i.item_id.supplier_part_auxiliary_id) for i in request.items] == [
        (10, "cart-7:line-1")
    ]
    assert request.ship_to.address_id == "1010"


def test_oracle_zone_less_timestamp_is_read_as_utc_in_lenient_mode():
    document = parse_cxml((FOLDER / "oracle-setup-request.xml").read_bytes(), mode="lenient")
    assert document.timestamp.isoformat() == "2024-05-01T10:30:00+00:00"
    assert document.version == "1.1"
