"""Properties of receipt over generated orders: priced as the contract says and adding up, an
order is stored line for line; one line off the contract price and it is refused, naming it."""

import itertools
from decimal import Decimal

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from sqlalchemy import select

from gateway.models import Order

from .catalog_data import add_cxml_partner
from .catalog_data import build
from .test_order_receipt import post
from .test_order_support import line
from .test_order_support import order_bytes


def contract_price(sku: str, quantity: int) -> str:
    """C-FR in catalog_data: laptops 899.00, 849.00 from 10; Contoso 10 % off list."""
    if sku == "LAP-100":
        return "849.00" if quantity >= 10 else "899.00"
    return {"MON-200": "296.91", "CAB-300": "17.99"}[sku]


lines = st.lists(
    st.tuples(st.sampled_from(["LAP-100", "MON-200", "CAB-300"]), st.integers(1, 40)),
    min_size=1,
    max_size=12,
)
counter = itertools.count()


@pytest.fixture
def partner(db):
    with db.transaction() as session:
        fr, _uk = build(session)
        add_cxml_partner(session, fr)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=lines)
def test_a_correctly_priced_order_is_stored_line_for_line(app, db, partner, rows):
    n = next(counter)
    items = [line(k, sku, str(q), contract_price(sku, q)) for k, (sku, q) in enumerate(rows, 1)]
    assert post(app, order_bytes(f"prop-{n}", items, order_id=f"PO-P{n}"))[0] == 200
    with db.transaction() as session:
        order = session.scalars(select(Order).where(Order.order_id == f"PO-P{n}")).one()
        stored = [(ln.sku, int(ln.quantity), ln.unit_price) for ln in order.lines]
        assert stored == [(sku, q, Decimal(contract_price(sku, q))) for sku, q in rows]
        assert order.total == sum(Decimal(contract_price(s, q)) * q for s, q in rows)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=lines, data=st.data())
def test_one_line_off_its_price_is_refused_by_number(app, db, partner, rows, data):
    n = next(counter)
    wrong = data.draw(st.integers(1, len(rows)), label="wrong line")
    cents = data.draw(st.sampled_from([-100, -1, 1, 250]), label="cents off")
    items = []
    for k, (sku, q) in enumerate(rows, 1):
        price = Decimal(contract_price(sku, q))
        if k == wrong:
            price += Decimal(cents) / 100
        items.append(line(k, sku, str(q), str(price)))
    status, answer = post(app, order_bytes(f"prop-x{n}", items, order_id=f"PO-X{n}"))
    assert status == 400
    assert answer.message.startswith(f"line {wrong}, ItemDetail/UnitPrice: ")
    with db.transaction() as session:
        assert session.scalars(select(Order).where(Order.order_id == f"PO-X{n}")).first() is None
