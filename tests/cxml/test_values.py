"""Message values check their invariants when built."""

from dataclasses import FrozenInstanceError
from dataclasses import replace
from decimal import Decimal

import pytest

from cxml import ConfirmationRequest
from cxml import Contact
from cxml import Extrinsic
from cxml import Money
from cxml import PunchOutOrderMessage
from cxml import read_buyer_user


def test_money_refuses_floats_bad_currencies_and_mixing():
    with pytest.raises(ValueError, match="finite Decimal"):
        Money(amount=12.5, currency="EUR")
    with pytest.raises(ValueError, match="finite Decimal"):
        Money(amount=Decimal("NaN"), currency="EUR")
    with pytest.raises(ValueError, match="ISO 4217"):
        Money(amount=Decimal(1), currency="eur")
    with pytest.raises(ValueError, match="cannot add USD to EUR"):
        Money(amount=Decimal(1), currency="EUR") + Money(amount=Decimal(1), currency="USD")
    total = Money(amount=Decimal("1.10"), currency="EUR") + Money(
        amount=Decimal("2.20"), currency="EUR"
    )
    assert total == Money(amount=Decimal("3.30"), currency="EUR")


def test_values_are_frozen(samples):
    with pytest.raises(FrozenInstanceError):
        samples.order_request().order_id = "other"


def test_cart_refuses_mixed_currencies(samples):
    message = samples.order_message()
    with pytest.raises(ValueError, match="mixes currencies"):
        replace(message, total=Money(amount=Decimal("25.00"), currency="USD"))
    with pytest.raises(ValueError, match="operationAllowed"):
        replace(message, operation_allowed="source")
    assert isinstance(message, PunchOutOrderMessage)


def test_order_refuses_repeated_line_numbers(samples):
    order = samples.order_request(2)
    with pytest.raises(ValueError, match="lineNumbers repeat"):
        replace(order, items=(order.items[0], order.items[0]))


@pytest.mark.parametrize(
    ("kind", "with_items", "error"),
    [
        ("reject", True, "carries no ConfirmationItem"),
        ("detail", False, "must list its items"),
        ("except", False, "must list its items"),
        ("accept", True, "lists only accept statuses"),
    ],
)
def test_confirmation_types_follow_the_fulfill_dtd_rules(samples, kind, with_items, error):
    confirmation = samples.confirmation()
    items = confirmation.items if with_items else ()
    with pytest.raises(ValueError, match=error):
        replace(confirmation, type=kind, items=items)
    assert isinstance(replace(confirmation, type="reject", items=()), ConfirmationRequest)


def test_invoice_arithmetic_is_checked(samples):
    invoice = samples.invoice()
    item = invoice.orders[0].items[0]
    with pytest.raises(ValueError, match="quantity x unit price"):
        replace(item, quantity=Decimal(3))
    summary = invoice.summary
    with pytest.raises(ValueError, match="NetAmount"):
        replace(
            summary, net_amount=Money(amount=Decimal("30.00"), currency="EUR"), gross_amount=None
        )
    with pytest.raises(ValueError, match="TaxDetail"):
        replace(summary, tax_details=summary.tax_details * 2)
    with pytest.raises(ValueError, match="sum of the line subtotals"):
        replace(invoice, orders=invoice.orders * 2)


def test_buyer_user_prefers_the_end_user_contact_then_extrinsics():
    extrinsics = (
        Extrinsic(name="UserEmail", value=""),
        Extrinsic(name="email", value="x@buyer.example"),
        Extrinsic(name="FirstName", value="Ada"),
        Extrinsic(name="LastName", value="Lovelace"),
        Extrinsic(name="CostCentre", value="77"),
    )
    user = read_buyer_user(extrinsics)
    assert (user.email, user.name, user.cost_centre) == ("x@buyer.example", "Ada Lovelace", "77")
    contacts = (
        Contact(name="Approver", role="approver", emails=("a@buyer.example",)),
        Contact(name="End User", role="endUser", emails=("e@buyer.example",)),
    )
    user = read_buyer_user(extrinsics, contacts)
    assert (user.email, user.name) == ("e@buyer.example", "End User")
