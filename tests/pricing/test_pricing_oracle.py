"""Property: the compiled price book agrees with a naive oracle on every product and quantity.

The oracle below is deliberately naive: it scans every rule of every contract for each quantity
and states the precedence of docs/pricing.md literally, sharing no code with ``pricing`` beyond
the value classes it reads.
"""

from datetime import date
from datetime import timedelta
from decimal import ROUND_HALF_UP
from decimal import Decimal
from decimal import localcontext

from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from pricing import BillingEntity
from pricing import CatalogPolicy
from pricing import Contract
from pricing import PriceBook
from pricing import PriceRule
from pricing import Product
from pricing import Tier

# --- the oracle ---------------------------------------------------------------------------

DIGITS = {"JPY": 0, "EUR": 2, "KWD": 3}
SPECIFICITY = {"product": 4, "category": 3, "publisher": 2, "manufacturer": 1, "all": 0}
POLICY_ORDER = [
    ("exclude_manufacturers", "manufacturer", False),
    ("include_manufacturers", "manufacturer", True),
    ("exclude_publishers", "publisher", False),
    ("include_publishers", "publisher", True),
    ("exclude_categories", "category", False),
    ("include_categories", "category", True),
    ("exclude_languages", "language", False),
    ("include_languages", "language", True),
]


def round_half_up(amount, currency):
    return amount.quantize(Decimal(10) ** -DIGITS[currency], rounding=ROUND_HALF_UP)


def covers(rule, product):
    scope = str(rule.scope)
    if scope == "all":
        return True
    value = {
        "product": product.sku,
        "category": product.category,
        "publisher": product.publisher,
        "manufacturer": product.manufacturer,
    }[scope]
    return value != "" and value == rule.scope_value


def excluded_by(policy, product):
    for name, attribute, include in POLICY_ORDER:
        values = getattr(policy, name)
        value = getattr(product, attribute)
        if not values or value == "":
            continue
        if include and value not in values:
            return name
        if not include and value in values:
            return name
    return None


def exact_price(rule, tier, list_price, cost):
    with localcontext() as context:
        context.prec = 60
        kind = str(rule.kind)
        if kind == "fixed_price":
            return tier.value
        if kind == "percent_off_list":
            return list_price * (100 - tier.value) / 100
        return cost * (100 + tier.value) / 100


def oracle_quote(currency, contracts, policy, on, product, quantity):
    """The answer as a plain tuple: ("offered", price, contract, rule, tier floor) or
    ("not_offered", reason, policy list or minimum quantity)."""
    name = excluded_by(policy, product)
    if name is not None:
        return ("not_offered", "excluded_by_policy", name)
    list_price = product.list_prices.get(currency)
    cost = product.costs.get(currency)
    candidates, minimums, missing = [], [], set()
    for contract in contracts:
        if contract.currency != currency:
            continue
        if not (contract.valid_from <= on <= contract.valid_to):
            continue
        for rule in contract.rules:
            if not covers(rule, product):
                continue
            kind = str(rule.kind)
            if kind == "percent_off_list" and list_price is None:
                missing.add("list")
                continue
            if kind == "markup_on_cost" and cost is None:
                missing.add("cost")
                continue
            reached = [tier for tier in rule.tiers if tier.floor <= quantity]
            if not reached:
                minimums.append(rule.tiers[0].floor)
                continue
            tier = reached[-1]
            price = exact_price(rule, tier, list_price, cost)
            specificity = SPECIFICITY[str(rule.scope)]
            candidates.append((specificity, price, contract.code, rule.rule_id, tier.floor))
    if candidates:
        top = max(candidate[0] for candidate in candidates)
        best = min(
            (candidate for candidate in candidates if candidate[0] == top),
            key=lambda candidate: (candidate[1], candidate[2], candidate[3]),
        )
        price = round_half_up(best[1], currency)
        return ("offered", price, best[2], best[3], best[4])
    if str(policy.off_contract) == "list_price":
        if list_price is None:
            return ("not_offered", "no_list_price", None)
        return ("offered", round_half_up(list_price, currency), "", "", None)
    if minimums:
        return ("not_offered", "below_contract_minimum", min(minimums))
    if "list" in missing:
        return ("not_offered", "no_list_price", None)
    if "cost" in missing:
        return ("not_offered", "no_cost", None)
    return ("not_offered", "off_contract_hidden", None)


def oracle_tier_table(currency, contracts, policy, on, product):
    """Rows (floor, price, contract, rule) at 1 and every floor of every covering rule in
    force, equal neighbours merged, quantities not offered left out."""
    floors = {Decimal(1)}
    for contract in contracts:
        if contract.currency != currency or not (contract.valid_from <= on <= contract.valid_to):
            continue
        for rule in contract.rules:
            if covers(rule, product):
                floors.update(tier.floor for tier in rule.tiers)
    rows = []
    for floor in sorted(floors):
        answer = oracle_quote(currency, contracts, policy, on, product, floor)
        if answer[0] != "offered":
            continue
        row = (floor, answer[1], answer[2], answer[3])
        if rows and rows[-1][1:] == row[1:]:
            continue
        rows.append(row)
    return rows


# --- the property --------------------------------------------------------------------------

D = Decimal
START = date(2025, 1, 1)
CURRENCIES = ["JPY", "EUR", "KWD"]
SKUS = ["A", "B", "C"]
MANUFACTURERS = ["M1", "M2"]
CATEGORIES = ["K1", "K2"]
PUBLISHERS = ["", "P1", "P2"]
LANGUAGES = ["", "de", "en"]
FLOORS = [D("0.5"), D("1"), D("2"), D("5"), D("10")]
QUANTITIES = sorted(
    {D(text) for text in ["0.5", "0.999", "1", "1.5", "2", "4.99", "5", "9", "10", "11", "250"]}
)

fixed_values = st.one_of(
    st.sampled_from([D("10"), D("10.00"), D("9.995"), D("9.9949"), D("12.5"), D("0")]),
    st.decimals(min_value=0, max_value=500, places=3),
)
percent_values = st.one_of(
    st.sampled_from([D("0"), D("10"), D("10.0"), D("12.5"), D("50"), D("100")]),
    st.decimals(min_value=0, max_value=100, places=2),
)
scopes = st.one_of(
    st.tuples(st.just("product"), st.sampled_from(SKUS)),
    st.tuples(st.just("category"), st.sampled_from(CATEGORIES)),
    st.tuples(st.just("publisher"), st.sampled_from(PUBLISHERS[1:])),
    st.tuples(st.just("manufacturer"), st.sampled_from(MANUFACTURERS)),
    st.tuples(st.just("all"), st.just("")),
)


@st.composite
def rules(draw, rule_id):
    kind = draw(st.sampled_from(["fixed_price", "percent_off_list", "markup_on_cost"]))
    scope, value = draw(scopes)
    floors = sorted(draw(st.sets(st.sampled_from(FLOORS), min_size=1, max_size=3)))
    values = fixed_values if kind == "fixed_price" else percent_values
    tiers = tuple(Tier(floor=floor, value=draw(values)) for floor in floors)
    return PriceRule(rule_id=rule_id, kind=kind, scope=scope, scope_value=value, tiers=tiers)


@st.composite
def contracts(draw, code, currency):
    first = START + timedelta(days=draw(st.integers(0, 4)))
    last = first + timedelta(days=draw(st.integers(0, 10)))
    if draw(st.integers(0, 7)) == 0:
        currency = draw(st.sampled_from(CURRENCIES))
    names = ["r1", "r2", "r3", "r4", "r5", "r6"]
    ids = draw(st.lists(st.sampled_from(names), min_size=1, max_size=6, unique=True))
    return Contract(
        code=code,
        name=f"contract {code}",
        currency=currency,
        valid_from=first,
        valid_to=last,
        level=draw(st.sampled_from(["", "Gold"])),
        rules=tuple(draw(rules(rule_id)) for rule_id in ids),
    )


def prices(currency):
    amounts = st.one_of(st.just(D(0)), st.decimals(min_value=0, max_value=500, places=4))
    other = "JPY" if currency == "EUR" else "EUR"
    return st.one_of(
        st.fixed_dictionaries({currency: amounts}),
        st.fixed_dictionaries({currency: amounts, other: amounts}),
        st.fixed_dictionaries({other: amounts}),
        st.just({}),
    )


@st.composite
def products(draw, sku, currency):
    return Product(
        sku=sku,
        manufacturer=draw(st.sampled_from(MANUFACTURERS)),
        category=draw(st.sampled_from(CATEGORIES)),
        publisher=draw(st.sampled_from(PUBLISHERS)),
        language=draw(st.sampled_from(LANGUAGES)),
        list_prices=draw(prices(currency)),
        costs=draw(prices(currency)),
    )


@st.composite
def policies(draw):
    lists = {}
    for attribute, universe in (
        ("manufacturers", MANUFACTURERS),
        ("publishers", PUBLISHERS[1:]),
        ("categories", CATEGORIES),
        ("languages", LANGUAGES[1:]),
    ):
        if draw(st.integers(0, 3)):
            continue
        chosen = draw(st.sets(st.sampled_from(universe)))
        split = draw(st.sets(st.sampled_from(sorted(chosen) or [""])))
        lists[f"include_{attribute}"] = frozenset(chosen - split) if draw(st.booleans()) else ()
        lists[f"exclude_{attribute}"] = frozenset(chosen & split)
    off_contract = draw(st.sampled_from(["list_price", "hidden"]))
    return CatalogPolicy(off_contract=off_contract, **lists)


@st.composite
def worlds(draw):
    currency = draw(st.sampled_from(CURRENCIES))
    codes = draw(
        st.lists(st.sampled_from(["C1", "C2", "C3", "C4"]), min_size=1, max_size=4, unique=True)
    )
    return (
        currency,
        [draw(contracts(code, currency)) for code in codes],
        draw(policies()),
        START + timedelta(days=draw(st.sampled_from([-1, 0, 2, 4, 4, 5, 6, 8, 14, 15]))),
        [draw(products(sku, currency)) for sku in SKUS],
    )


def book_answer(answer):
    if answer.offered:
        floor = answer.tier.floor if answer.tier else None
        return ("offered", answer.unit_price.amount, answer.contract_code, answer.rule_id, floor)
    extra = {
        "excluded_by_policy": answer.policy_list,
        "below_contract_minimum": (answer.minimum_quantity),
    }.get(str(answer.reason))
    return ("not_offered", str(answer.reason), extra)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds())
def test_price_book_agrees_with_the_oracle(world):
    currency, contract_list, policy, on, product_list = world
    entity = BillingEntity(code="E1", currency=currency)
    book = PriceBook.compile(entity=entity, contracts=contract_list, policy=policy, on=on)
    for product in product_list:
        table = None
        for quantity in QUANTITIES:
            answer = book.quote(product, quantity)
            expected = oracle_quote(currency, contract_list, policy, on, product, quantity)
            assert book_answer(answer) == expected, (product.sku, quantity)
            if answer.offered:
                assert answer.unit_price.currency == currency
                assert str(answer.unit_price.amount) == str(expected[1])  # same exponent too
                rows = [
                    (row.floor, row.unit_price.amount, row.contract_code, row.rule_id)
                    for row in answer.tiers
                ]
                table = table or rows
                assert rows == table  # one table per product, whatever the quantity
        if table is not None:
            assert table == oracle_tier_table(currency, contract_list, policy, on, product)


@settings(max_examples=80, deadline=None)
@given(worlds())
def test_a_quote_is_the_row_of_its_tier_table(world):
    currency, contract_list, policy, on, product_list = world
    entity = BillingEntity(code="E1", currency=currency)
    book = PriceBook.compile(entity=entity, contracts=contract_list, policy=policy, on=on)
    for product in product_list:
        for quantity in QUANTITIES:
            answer = book.quote(product, quantity)
            if not answer.offered or quantity < answer.tiers[0].floor:
                continue
            row = [row for row in answer.tiers if row.floor <= quantity][-1]
            assert (row.unit_price, row.contract_code, row.rule_id) == (
                answer.unit_price,
                answer.contract_code,
                answer.rule_id,
            )
