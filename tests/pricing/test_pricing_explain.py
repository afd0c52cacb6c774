"""explain: every rule considered, which won and why; render_explanation's text."""

from datetime import date
from decimal import Decimal

from pricing import BillingEntity
from pricing import CatalogPolicy
from pricing import Contract
from pricing import Outcome
from pricing import PriceBook
from pricing import PriceRule
from pricing import Product
from pricing import Tier
from pricing import explain
from pricing import render_explanation

D = Decimal


def rule(rule_id, kind, scope, value, *pairs):
    tiers = tuple(Tier(floor=D(floor), value=D(amount)) for floor, amount in pairs)
    return PriceRule(rule_id=rule_id, kind=kind, scope=scope, scope_value=value, tiers=tiers)


MONITOR = Product(
    sku="MON1",
    manufacturer="Dell",
    category="monitor",
    list_prices={"EUR": D("300")},
    costs={"EUR": D("210")},
)
FRAME = Contract(
    code="FRAME",
    name="Frame agreement",
    currency="EUR",
    level="Gold",
    valid_from=date(2025, 1, 1),
    valid_to=date(2025, 12, 31),
    rules=(
        rule("c1", "percent_off_list", "category", "monitor", ("1", "10")),
        rule("c2", "fixed_price", "category", "monitor", ("1", "280"), ("5", "270")),
        rule("c3", "percent_off_list", "category", "monitor", ("1", "10.0")),
        rule("m1", "markup_on_cost", "manufacturer", "Dell", ("1", "20")),
        rule("p1", "fixed_price", "product", "MON1", ("20", "200")),
    ),
)
OLD = Contract(
    code="OLD", name="Old", currency="EUR", valid_from=date(2024, 1, 1), valid_to=date(2024, 12, 31)
)


def book():
    return PriceBook.compile(
        entity=BillingEntity(code="E1", currency="EUR"),
        contracts=[FRAME, OLD],
        policy=CatalogPolicy(),
        on=date(2025, 6, 1),
    )


def test_every_covering_rule_is_labelled():
    explanation = explain(book(), MONITOR, D(5))
    outcomes = [
        (c.contract_code, c.rule_id, c.outcome, c.unit_price and str(c.unit_price))
        for c in explanation.considered
    ]
    assert outcomes == [
        ("FRAME", "p1", Outcome.BELOW_FIRST_FLOOR, None),
        ("FRAME", "c1", Outcome.WON, "EUR 270.00"),  # 300 less 10 % = 270.0 exactly
        ("FRAME", "c2", Outcome.LOST_TIE, "EUR 270.00"),  # 270 exactly: tie, rule id decides
        ("FRAME", "c3", Outcome.LOST_TIE, "EUR 270.00"),
        ("FRAME", "m1", Outcome.LESS_SPECIFIC, "EUR 252.00"),
    ]
    assert explanation.result.rule_id == "c1"


def test_equal_exact_prices_are_ties():
    explanation = explain(book(), MONITOR, D(1))
    outcomes = {c.rule_id: c.outcome for c in explanation.considered}
    assert outcomes == {
        "p1": Outcome.BELOW_FIRST_FLOOR,
        "c1": Outcome.WON,
        "c2": Outcome.HIGHER_PRICE,
        "c3": Outcome.LOST_TIE,
        "m1": Outcome.LESS_SPECIFIC,
    }


def test_missing_bases_are_named():
    bare = Product(sku="MON1", manufacturer="Dell", category="monitor")
    outcomes = {c.rule_id: c.outcome for c in explain(book(), bare, D(1)).considered}
    assert outcomes["c1"] is Outcome.NO_LIST_PRICE
    assert outcomes["m1"] is Outcome.NO_COST
    assert outcomes["c2"] is Outcome.WON


GOLDEN = """\
SKU MON1 for entity E1 on 2025-06-01, quantity 20
list price: EUR 300.00; cost: EUR 210.00
contract OLD set aside: expired
rules considered, most specific first:
 * FRAME/p1 fixed_price product=MON1 from 20: EUR 200.00 -> won
   FRAME/c1 percent_off_list category=monitor from 1: EUR 270.00 -> less specific
   FRAME/c2 fixed_price category=monitor from 5: EUR 270.00 -> less specific
   FRAME/c3 percent_off_list category=monitor from 1: EUR 270.00 -> less specific
   FRAME/m1 markup_on_cost manufacturer=Dell from 1: EUR 252.00 -> less specific
price: EUR 200.00 per unit, contract FRAME 'Frame agreement', level Gold, \
valid 2025-01-01 to 2025-12-31, rule p1
tiers:
  from 1: EUR 270.00 (FRAME/c1)
  from 20: EUR 200.00 (FRAME/p1)
"""


def test_rendered_text():
    assert render_explanation(explain(book(), MONITOR, D(20))) == GOLDEN


def test_rendered_not_offered():
    policy = CatalogPolicy(exclude_manufacturers={"Dell"})
    hidden = PriceBook.compile(
        entity=BillingEntity(code="E1", currency="EUR"),
        contracts=[FRAME],
        policy=policy,
        on=date(2025, 6, 1),
    )
    explanation = explain(hidden, MONITOR, D(1))
    assert explanation.considered == ()
    assert render_explanation(explanation).splitlines()[-1] == (
        "not offered: excluded_by_policy (exclude_manufacturers rules out 'Dell')"
    )


def test_list_price_and_cost_are_shown_in_cents_unless_that_hides_digits():
    cable = Product(
        sku="CAB1",
        manufacturer="Dell",
        category="cable",
        list_prices={"EUR": D("0.1234")},
        costs={"EUR": D("0.0800")},
    )
    lines = render_explanation(explain(book(), cable, D(1))).splitlines()
    assert lines[1] == "list price: EUR 0.1234; cost: EUR 0.08"
