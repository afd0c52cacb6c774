"""Money: Decimal plus ISO 4217 code; floats and cross-currency arithmetic refused; rounding."""

from decimal import ROUND_DOWN
from decimal import Decimal
from decimal import localcontext

import pytest

from pricing import CurrencyMismatch
from pricing import InvalidMoney
from pricing import Money
from pricing import PricingError
from pricing import UnknownCurrency
from pricing import minor_unit
from pricing import round_amount


def eur(text: str) -> Money:
    return Money(amount=Decimal(text), currency="EUR")


@pytest.mark.parametrize(
    ("currency", "digits"),
    [
        ("JPY", 0),
        ("KRW", 0),
        ("EUR", 2),
        ("USD", 2),
        ("GBP", 2),
        ("CHF", 2),
        ("KWD", 3),
        ("BHD", 3),
        ("TND", 3),
        ("CLF", 4),
    ],
)
def test_minor_units_follow_iso_4217(currency, digits):
    assert minor_unit(currency) == digits


@pytest.mark.parametrize(
    ("amount", "currency", "rounded"),
    [
        ("0.5", "JPY", "1"),
        ("2.5", "JPY", "3"),
        ("1234.49", "JPY", "1234"),
        ("1.005", "EUR", "1.01"),
        ("1.004999", "EUR", "1.00"),
        ("2.675", "EUR", "2.68"),
        ("-1.005", "EUR", "-1.01"),
        ("7", "EUR", "7.00"),
        ("1.0005", "KWD", "1.001"),
        ("1.00049", "KWD", "1.000"),
        ("0.0125", "KWD", "0.013"),
    ],
)
def test_rounding_is_half_up_to_the_minor_unit(amount, currency, rounded):
    result = round_amount(Decimal(amount), currency)
    assert str(result) == rounded
    assert Money(amount=Decimal(amount), currency=currency).rounded() == Money(
        amount=Decimal(rounded), currency=currency
    )


def test_rounding_ignores_the_callers_decimal_context():
    with localcontext() as context:
        context.prec = 3
        context.rounding = ROUND_DOWN
        assert str(round_amount(Decimal("12345.675"), "EUR")) == "12345.68"
        assert (eur("12345.675") * Decimal(3)).amount == Decimal("37037.025")


@pytest.mark.parametrize("amount", [1.5, 1, True, "1.50", None])
def test_money_refuses_anything_but_a_decimal(amount):
    with pytest.raises(InvalidMoney):
        Money(amount=amount, currency="EUR")


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "-Infinity"])
def test_money_refuses_non_finite_amounts(amount):
    with pytest.raises(InvalidMoney):
        Money(amount=Decimal(amount), currency="EUR")


@pytest.mark.parametrize("currency", ["eur", "XXX", "EURO", "", None, "XAU"])
def test_money_refuses_unknown_currencies(currency):
    with pytest.raises(UnknownCurrency):
        Money(amount=Decimal(1), currency=currency)


def test_same_currency_arithmetic():
    assert eur("1.10") + eur("2.205") == eur("3.305")
    assert eur("5") - eur("7.5") == eur("-2.5")
    assert eur("2.50") * Decimal("3") == eur("7.50")
    assert 3 * eur("2.50") == eur("7.50")
    assert -eur("1") == eur("-1")
    assert eur("1") < eur("1.01") <= eur("1.01")
    assert eur("2") > eur("1.99") >= eur("1.99")
    assert str(eur("12.50")) == "EUR 12.50"


@pytest.mark.parametrize(
    "operation",
    [
        lambda a, b: a + b,
        lambda a, b: a - b,
        lambda a, b: a < b,
        lambda a, b: a <= b,
        lambda a, b: a > b,
        lambda a, b: a >= b,
    ],
)
def test_cross_currency_arithmetic_is_refused(operation):
    with pytest.raises(CurrencyMismatch) as caught:
        operation(eur("1"), Money(amount=Decimal(1), currency="USD"))
    assert isinstance(caught.value, PricingError)
    assert caught.value.fault == "ours"


def test_cross_currency_amounts_are_simply_unequal():
    assert eur("1") != Money(amount=Decimal(1), currency="USD")


@pytest.mark.parametrize("factor", [1.5, "2", eur("1"), True])
def test_multiplying_by_a_float_or_money_is_refused(factor):
    with pytest.raises(InvalidMoney):
        eur("1") * factor


def test_adding_a_bare_decimal_is_refused():
    with pytest.raises(InvalidMoney):
        eur("1") + Decimal(1)
