"""Price book tables: (contract, quantity, date) -> expected quote, field by field."""

from datetime import date
from decimal import Decimal

import pytest

from pricing import BillingEntity
from pricing import CatalogPolicy
from pricing import Contract
from pricing import InvalidContract
from pricing import InvalidQuantity
from pricing import NotOfferedReason
from pricing import OffContract
from pricing import PriceBook
from pricing import PriceRule
from pricing import Product
from pricing import RuleKind
from pricing import SetAsideReason
from pricing import Tier

D = Decimal
FIXED, OFF, MARKUP = RuleKind.FIXED_PRICE, RuleKind.PERCENT_OFF_LIST, RuleKind.MARKUP_ON_COST
DAY = date(2025, 6, 1)


def rule(rule_id, kind, scope, value, *tiers):
    pairs = tiers if isinstance(tiers[0], tuple) else (("1", tiers[0]),)
    return PriceRule(
        rule_id=rule_id,
        kind=kind,
        scope=scope,
        scope_value=value,
        tiers=tuple(Tier(floor=D(floor), value=D(amount)) for floor, amount in pairs),
    )


def contract(code, *rules, currency="EUR", first=date(2025, 1, 1), last=date(2025, 12, 31)):
    return Contract(
        code=code,
        name=f"{code} agreement",
        currency=currency,
        valid_from=first,
        valid_to=last,
        level="Gold",
        rules=rules,
    )


def product(
    sku,
    manufacturer,
    category,
    publisher="",
    language="",
    list_price=None,
    cost=None,
    currency="EUR",
):
    return Product(
        sku=sku,
        manufacturer=manufacturer,
        category=category,
        publisher=publisher,
        language=language,
        list_prices={} if list_price is None else {currency: D(list_price)},
        costs={} if cost is None else {currency: D(cost)},
    )


def book(*contracts, currency="EUR", on=DAY, **policy):
    return PriceBook.compile(
        entity=BillingEntity(code="E1", currency=currency),
        contracts=contracts,
        policy=CatalogPolicy(**policy),
        on=on,
    )


LAPTOP = product("LAP1", "HP", "laptop", list_price="1000", cost="700")
SOFTWARE = product("SW1", "MSFT", "software", "Microsoft", "de", list_price="200", cost="150")
MONITOR = product("MON1", "Dell", "monitor", list_price="300", cost="210")
DOCK = product("DOCK1", "Dell", "dock", list_price="150", cost="100")
CABLE = product("CAB1", "Generic", "cable", list_price="12.345", cost="3")

FRAME = contract(
    "FRAME",
    rule("p1", FIXED, "product", "LAP1", ("1", "950"), ("10", "900"), ("50", "850.004")),
    rule("c1", OFF, "category", "monitor", "10"),
    rule("m1", MARKUP, "manufacturer", "Dell", "20"),
    rule("s1", OFF, "publisher", "Microsoft", ("1", "5"), ("100", "15")),
    rule("a1", OFF, "all", "", "2"),
)

TABLE = [
    # product, quantity, day, price, contract, rule, tier floor
    (LAPTOP, "1", DAY, "950.00", "FRAME", "p1", "1"),
    (LAPTOP, "9.999", DAY, "950.00", "FRAME", "p1", "1"),
    (LAPTOP, "10", DAY, "900.00", "FRAME", "p1", "10"),
    (LAPTOP, "10.5", DAY, "900.00", "FRAME", "p1", "10"),
    (LAPTOP, "49", DAY, "900.00", "FRAME", "p1", "10"),
    (LAPTOP, "50", DAY, "850.00", "FRAME", "p1", "50"),
    (LAPTOP, "5000", DAY, "850.00", "FRAME", "p1", "50"),
    (MONITOR, "1", DAY, "270.00", "FRAME", "c1", "1"),  # category beats a cheaper manufacturer
    (DOCK, "3", DAY, "120.00", "FRAME", "m1", "1"),  # manufacturer beats all
    (SOFTWARE, "1", DAY, "190.00", "FRAME", "s1", "1"),
    (SOFTWARE, "99", DAY, "190.00", "FRAME", "s1", "1"),
    (SOFTWARE, "100", DAY, "170.00", "FRAME", "s1", "100"),
    (CABLE, "1", DAY, "12.10", "FRAME", "a1", "1"),  # 12.345 * 0.98 = 12.0981
    (LAPTOP, "1", date(2025, 1, 1), "950.00", "FRAME", "p1", "1"),  # first day
    (LAPTOP, "1", date(2025, 12, 31), "950.00", "FRAME", "p1", "1"),  # last day
    (LAPTOP, "1", date(2024, 12, 31), "1000.00", "", "", None),  # a day before: list price
    (LAPTOP, "1", date(2026, 1, 1), "1000.00", "", "", None),  # a day after: list price
]


@pytest.mark.parametrize(("item", "quantity", "day", "price", "code", "rule_id", "floor"), TABLE)
def test_contract_quotes(item, quantity, day, price, code, rule_id, floor):
    quote = book(FRAME, on=day).quote(item, D(quantity))
    assert quote.offered
    assert str(quote.unit_price.amount) == price
    assert quote.unit_price.currency == "EUR"
    assert (quote.contract_code, quote.rule_id) == (code, rule_id)
    assert quote.off_contract is (code == "")
    assert (quote.tier.floor if quote.tier else None) == (D(floor) if floor else None)
    assert quote.quantity == D(quantity)


def test_quote_carries_the_contract_and_its_tier_table():
    quote = book(FRAME).quote(LAPTOP, D(12))
    assert (quote.contract_name, quote.contract_level) == ("FRAME agreement", "Gold")
    assert (quote.valid_from, quote.valid_to) == (date(2025, 1, 1), date(2025, 12, 31))
    assert quote.rule.kind is FIXED
    rows = [(r.floor, str(r.unit_price.amount), r.contract_code, r.rule_id) for r in quote.tiers]
    assert rows == [
        (D(1), "950.00", "FRAME", "p1"),
        (D(10), "900.00", "FRAME", "p1"),
        (D(50), "850.00", "FRAME", "p1"),
    ]


def test_tier_table_shows_list_price_below_the_first_floor():
    late = contract("LATE", rule("p9", FIXED, "product", "LAP1", ("10", "800")))
    quote = book(late).quote(LAPTOP, D(3))
    assert quote.off_contract and str(quote.unit_price.amount) == "1000.00"
    rows = [(r.floor, str(r.unit_price.amount), r.off_contract) for r in quote.tiers]
    assert rows == [(D(1), "1000.00", True), (D(10), "800.00", False)]


@pytest.mark.parametrize(
    ("contracts", "price", "code", "rule_id"),
    [
        # equal specificity: the lowest price wins, whatever the order
        (
            [
                contract(
                    "A",
                    rule("r1", OFF, "category", "laptop", "10"),
                    rule("r2", OFF, "category", "laptop", "12"),
                )
            ],
            "880.00",
            "A",
            "r2",
        ),
        (
            [
                contract("B", rule("r1", FIXED, "category", "laptop", "870")),
                contract("A", rule("r1", OFF, "category", "laptop", "12")),
            ],
            "870.00",
            "B",
            "r1",
        ),
        # equal prices: contract code, then rule id
        (
            [
                contract("B", rule("r1", FIXED, "product", "LAP1", "500")),
                contract("A", rule("r9", FIXED, "product", "LAP1", "500.00")),
            ],
            "500.00",
            "A",
            "r9",
        ),
        (
            [
                contract(
                    "A",
                    rule("r2", FIXED, "product", "LAP1", "500"),
                    rule("r1", OFF, "product", "LAP1", "50"),
                )
            ],
            "500.00",
            "A",
            "r1",
        ),
        # prices are compared before rounding: 888.885 < 888.886, both round to 888.89
        (
            [
                contract("A", rule("r1", FIXED, "all", "", "888.886")),
                contract("B", rule("r1", OFF, "all", "", "11.1115")),
            ],
            "888.89",
            "B",
            "r1",
        ),
        # more specific wins even when dearer
        (
            [
                contract("A", rule("r1", FIXED, "manufacturer", "HP", "10")),
                contract("B", rule("r1", FIXED, "category", "laptop", "990")),
            ],
            "990.00",
            "B",
            "r1",
        ),
        (
            [
                contract("A", rule("r1", FIXED, "all", "", "10")),
                contract("B", rule("r1", FIXED, "manufacturer", "HP", "995")),
            ],
            "995.00",
            "B",
            "r1",
        ),
        # a more specific rule that starts at a larger quantity does not apply yet
        (
            [
                contract(
                    "A",
                    rule("r1", FIXED, "product", "LAP1", ("5", "700")),
                    rule("r2", FIXED, "all", "", "990"),
                )
            ],
            "990.00",
            "A",
            "r2",
        ),
    ],
)
def test_precedence_and_ties(contracts, price, code, rule_id):
    quote = book(*contracts).quote(LAPTOP, D(1))
    assert (str(quote.unit_price.amount), quote.contract_code, quote.rule_id) == (
        price,
        code,
        rule_id,
    )


def test_publisher_is_more_specific_than_manufacturer_and_less_than_category():
    rules = [
        rule("man", FIXED, "manufacturer", "MSFT", "1"),
        rule("pub", FIXED, "publisher", "Microsoft", "2"),
    ]
    assert book(contract("A", *rules)).quote(SOFTWARE, D(1)).rule_id == "pub"
    rules.append(rule("cat", FIXED, "category", "software", "3"))
    assert book(contract("A", *rules)).quote(SOFTWARE, D(1)).rule_id == "cat"


def test_zero_list_price_ties_fall_to_the_contract_order():
    free = product("FREE", "HP", "laptop", list_price="0", cost="0")
    contracts = [
        contract("B", rule("r1", OFF, "all", "", "50")),
        contract("A", rule("r1", OFF, "all", "", "10")),
    ]
    quote = book(*contracts).quote(free, D(1))
    assert (str(quote.unit_price.amount), quote.contract_code) == ("0.00", "A")


@pytest.mark.parametrize(
    ("currency", "rules", "list_price", "cost", "price"),
    [
        ("JPY", [rule("r", FIXED, "all", "", "1234.5")], "2000", None, "1235"),
        ("JPY", [rule("r", OFF, "all", "", "15")], "999", None, "849"),  # 849.15
        ("JPY", [rule("r", MARKUP, "all", "", "33")], None, "150", "200"),  # 199.5
        ("EUR", [rule("r", OFF, "all", "", "33")], "0.15", None, "0.10"),  # 0.1005
        ("KWD", [rule("r", OFF, "all", "", "10")], "1.2345", None, "1.111"),  # 1.11105
        ("KWD", [rule("r", FIXED, "all", "", "7.0005")], "9", None, "7.001"),
        ("KWD", [], "12.3455", None, "12.346"),  # off-contract list price, rounded too
    ],
)
def test_minor_units_of_each_currency(currency, rules, list_price, cost, price):
    item = product("X", "HP", "laptop", list_price=list_price, cost=cost, currency=currency)
    quote = book(contract("A", *rules, currency=currency), currency=currency).quote(item, D(1))
    assert (quote.unit_price.currency, str(quote.unit_price.amount)) == (currency, price)


def test_a_contract_in_another_currency_is_set_aside_never_converted():
    usd = contract("USD1", rule("r1", FIXED, "all", "", "1"), currency="USD")
    priced = book(usd, FRAME)
    assert [(a.contract.code, a.reason) for a in priced.set_aside] == [
        ("USD1", SetAsideReason.CURRENCY_MISMATCH)
    ]
    assert priced.contracts == (FRAME,)
    assert priced.quote(LAPTOP, D(1)).contract_code == "FRAME"


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2024, 12, 31), SetAsideReason.NOT_YET_VALID),
        (date(2026, 1, 1), SetAsideReason.EXPIRED),
    ],
)
def test_contracts_outside_their_window_are_set_aside(day, reason):
    assert [a.reason for a in book(FRAME, on=day).set_aside] == [reason]


def test_duplicate_contract_codes_are_refused():
    with pytest.raises(InvalidContract):
        book(FRAME, FRAME)


@pytest.mark.parametrize("quantity", [D(0), D(-1), D("NaN"), D("Infinity"), 1, 1.0, "1"])
def test_quantities_must_be_positive_decimals(quantity):
    with pytest.raises(InvalidQuantity) as caught:
        book(FRAME).quote(LAPTOP, quantity)
    assert (caught.value.http_status, caught.value.cxml_status, caught.value.fault) == (
        400,
        400,
        "peer",
    )


HIDDEN = OffContract.HIDDEN
NOT_OFFERED = [
    # product, contracts, policy, quantity, reason, extra
    (
        product("Z", "Nobody", "misc", list_price="5"),
        [],
        {"off_contract": HIDDEN},
        "1",
        NotOfferedReason.OFF_CONTRACT_HIDDEN,
        None,
    ),
    (
        LAPTOP,
        [contract("A", rule("r", FIXED, "product", "LAP1", ("10", "800")))],
        {"off_contract": HIDDEN},
        "9.99",
        NotOfferedReason.BELOW_CONTRACT_MINIMUM,
        D(10),
    ),
    (
        product("Z", "HP", "laptop", cost="5"),
        [contract("A", rule("r", OFF, "all", "", "5"))],
        {"off_contract": HIDDEN},
        "1",
        NotOfferedReason.NO_LIST_PRICE,
        None,
    ),
    (
        product("Z", "HP", "laptop", list_price="5"),
        [contract("A", rule("r", MARKUP, "all", "", "5"))],
        {"off_contract": HIDDEN},
        "1",
        NotOfferedReason.NO_COST,
        None,
    ),
    (product("Z", "HP", "laptop", cost="5"), [], {}, "1", NotOfferedReason.NO_LIST_PRICE, None),
    (
        product("Z", "HP", "laptop", list_price="5", currency="USD"),
        [],
        {},
        "1",
        NotOfferedReason.NO_LIST_PRICE,
        None,
    ),
]


@pytest.mark.parametrize(
    ("item", "contracts", "policy", "quantity", "reason", "minimum"), NOT_OFFERED
)
def test_not_offered_reasons(item, contracts, policy, quantity, reason, minimum):
    answer = book(*contracts, **policy).quote(item, D(quantity))
    assert not answer.offered
    assert (answer.reason, answer.minimum_quantity, answer.sku) == (reason, minimum, item.sku)
    assert answer.detail


def test_off_contract_on_and_off():
    nobody = product("Z", "Nobody", "misc", list_price="5.555")
    shown = book(FRAME, exclude_categories=()).quote(nobody, D(1))
    assert shown.offered  # FRAME's "all" rule
    bare = book(off_contract=OffContract.LIST_PRICE).quote(nobody, D(1))
    assert (bare.off_contract, str(bare.unit_price.amount), bare.contract_code) == (
        True,
        "5.56",
        "",
    )
    assert not book(off_contract=HIDDEN).quote(nobody, D(1)).offered


POLICY_TABLE = [
    # policy, product, excluded by (or "" if offered)
    ({"exclude_manufacturers": {"HP"}}, LAPTOP, "exclude_manufacturers"),
    ({"exclude_manufacturers": {"HP"}}, MONITOR, ""),
    ({"include_manufacturers": {"Dell"}}, LAPTOP, "include_manufacturers"),
    ({"include_manufacturers": {"Dell"}}, MONITOR, ""),
    ({"exclude_publishers": {"Microsoft"}}, SOFTWARE, "exclude_publishers"),
    ({"include_publishers": {"Adobe"}}, SOFTWARE, "include_publishers"),
    ({"include_publishers": {"Adobe"}}, LAPTOP, ""),  # no publisher: not software
    ({"exclude_categories": {"laptop"}}, LAPTOP, "exclude_categories"),
    ({"include_categories": {"monitor"}}, LAPTOP, "include_categories"),
    ({"include_categories": {"monitor"}}, MONITOR, ""),
    ({"exclude_languages": {"de"}}, SOFTWARE, "exclude_languages"),
    ({"include_languages": {"en"}}, SOFTWARE, "include_languages"),
    ({"include_languages": {"en"}}, LAPTOP, ""),  # language-neutral: for everyone
    (
        {"exclude_manufacturers": {"MSFT"}, "exclude_languages": {"de"}},
        SOFTWARE,
        "exclude_manufacturers",
    ),  # the first list in checking order is reported
]


@pytest.mark.parametrize(("policy", "item", "excluded_by"), POLICY_TABLE)
def test_policy_lists(policy, item, excluded_by):
    answer = book(FRAME, **policy).quote(item, D(1))
    if not excluded_by:
        assert answer.offered and answer.contract_code == "FRAME"
        return
    assert (answer.offered, answer.reason, answer.policy_list) == (
        False,
        NotOfferedReason.EXCLUDED_BY_POLICY,
        excluded_by,
    )
    assert answer.value == getattr(
        item, excluded_by.split("_")[1].rstrip("s").replace("categorie", "category")
    )
