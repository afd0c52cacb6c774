"""Values check their invariants when built: a price book never meets broken data."""

from datetime import date
from decimal import Decimal

import pytest

from pricing import BillingEntity
from pricing import CatalogPolicy
from pricing import Contract
from pricing import InvalidContract
from pricing import InvalidPolicy
from pricing import InvalidProduct
from pricing import InvalidRule
from pricing import InvalidTiers
from pricing import OffContract
from pricing import PriceRule
from pricing import Product
from pricing import RuleKind
from pricing import Scope
from pricing import Tier
from pricing import UnknownCurrency
from pricing import flat_tiers

D = Decimal


def tiers(*pairs):
    return tuple(Tier(floor=D(floor), value=D(value)) for floor, value in pairs)


def rule(rule_id="r1", kind=RuleKind.FIXED_PRICE, scope=Scope.ALL, value="", tier_pairs=None):
    return PriceRule(
        rule_id=rule_id,
        kind=kind,
        scope=scope,
        scope_value=value,
        tiers=tiers(*(tier_pairs or [("1", "10")])),
    )


def test_flat_tiers_start_at_one():
    assert flat_tiers(D("9.99")) == (Tier(floor=D(1), value=D("9.99")),)


@pytest.mark.parametrize(
    "pairs",
    [
        [],
        [("10", "1"), ("5", "2")],
        [("5", "1"), ("5", "2")],
        [("0", "1")],
        [("-1", "1")],
        [("1", "-0.01")],
    ],
)
def test_tiers_must_be_positive_ascending_and_non_negative(pairs):
    with pytest.raises(InvalidTiers):
        PriceRule(rule_id="r", kind=RuleKind.FIXED_PRICE, scope=Scope.ALL, tiers=tiers(*pairs))


@pytest.mark.parametrize("floor, value", [(1.0, D(1)), (D(1), 1.0), (D("NaN"), D(1))])
def test_tiers_refuse_floats_and_nan(floor, value):
    with pytest.raises(InvalidTiers):
        Tier(floor=floor, value=value)


def test_percent_off_is_at_most_one_hundred():
    assert rule(kind=RuleKind.PERCENT_OFF_LIST, tier_pairs=[("1", "100")])
    with pytest.raises(InvalidTiers):
        rule(kind=RuleKind.PERCENT_OFF_LIST, tier_pairs=[("1", "100.01")])


def test_markup_has_no_upper_bound():
    assert rule(kind=RuleKind.MARKUP_ON_COST, tier_pairs=[("1", "250")]).tiers[0].value == 250


@pytest.mark.parametrize(
    "scope, value",
    [(Scope.ALL, "HP"), (Scope.PRODUCT, ""), (Scope.CATEGORY, " "), (Scope.MANUFACTURER, "")],
)
def test_scope_value_is_required_except_for_all(scope, value):
    with pytest.raises(InvalidRule):
        rule(scope=scope, value=value)


def test_kind_and_scope_are_read_from_their_names():
    built = PriceRule(
        rule_id="r",
        kind="percent_off_list",
        scope="publisher",
        scope_value="MS",
        tiers=tiers(("1", "5")),
    )
    assert (built.kind, built.scope) == (RuleKind.PERCENT_OFF_LIST, Scope.PUBLISHER)


def test_specificity_order():
    ordered = sorted(Scope, key=lambda scope: scope.specificity, reverse=True)
    assert ordered == [
        Scope.PRODUCT,
        Scope.CATEGORY,
        Scope.PUBLISHER,
        Scope.MANUFACTURER,
        Scope.ALL,
    ]


def contract(**overrides):
    values = dict(
        code="C1",
        name="Frame",
        currency="EUR",
        valid_from=date(2025, 1, 1),
        valid_to=date(2025, 12, 31),
        rules=(rule(),),
    )
    values.update(overrides)
    return Contract(**values)


def test_contract_validity_is_inclusive():
    built = contract(valid_from=date(2025, 3, 1), valid_to=date(2025, 3, 1))
    assert built.is_valid_on(date(2025, 3, 1))
    assert not built.is_valid_on(date(2025, 2, 28))
    assert not built.is_valid_on(date(2025, 3, 2))


@pytest.mark.parametrize(
    "overrides, error",
    [
        ({"valid_from": date(2025, 2, 1), "valid_to": date(2025, 1, 31)}, InvalidContract),
        ({"code": ""}, InvalidContract),
        ({"currency": "EURO"}, UnknownCurrency),
        ({"rules": (rule("a"), rule("a"))}, InvalidRule),
        ({"rules": ("not a rule",)}, InvalidContract),
        ({"valid_to": "2025-12-31"}, InvalidContract),
    ],
)
def test_contract_invariants(overrides, error):
    with pytest.raises(error):
        contract(**overrides)


def test_a_datetime_is_not_a_day():
    from datetime import datetime

    with pytest.raises(InvalidContract):
        contract(valid_from=datetime(2025, 1, 1, 12, 0))


@pytest.mark.parametrize(
    "overrides",
    [
        {"sku": ""},
        {"manufacturer": ""},
        {"category": " "},
        {"list_prices": {"EUR": 10.0}},
        {"costs": {"EUR": D("-1")}},
        {"publisher": None},
    ],
)
def test_product_invariants(overrides):
    values = dict(sku="S1", manufacturer="HP", category="laptop")
    values.update(overrides)
    with pytest.raises(InvalidProduct):
        Product(**values)


def test_product_prices_are_copied_read_only():
    prices = {"EUR": D("10")}
    product = Product(sku="S1", manufacturer="HP", category="laptop", list_prices=prices)
    prices["EUR"] = D("1")
    assert product.list_prices["EUR"] == D("10")
    with pytest.raises(TypeError):
        product.list_prices["EUR"] = D("2")


def test_product_price_currency_must_exist():
    with pytest.raises(UnknownCurrency):
        Product(sku="S1", manufacturer="HP", category="x", list_prices={"EUROS": D(1)})


def test_entity_currency_must_exist():
    with pytest.raises(UnknownCurrency):
        BillingEntity(code="E1", currency="XYZ")


def test_policy_refuses_a_value_both_included_and_excluded():
    with pytest.raises(InvalidPolicy):
        CatalogPolicy(include_categories={"laptop"}, exclude_categories={"laptop", "phone"})


def test_policy_refuses_a_bare_string_list():
    with pytest.raises(InvalidPolicy):
        CatalogPolicy(include_languages="de")


def test_policy_reads_lists_and_switch():
    policy = CatalogPolicy(include_languages=["de", "en"], off_contract="hidden")
    assert policy.include_languages == frozenset({"de", "en"})
    assert policy.off_contract is OffContract.HIDDEN
