"""Why a price book quotes what it quotes: every rule considered, which won, and why not others.

Strategy: ``explain`` asks the book for its quote, then walks every in-force rule whose scope
covers the product (most specific first, then tie-break order) and labels each with an
``Outcome`` at the quantity asked. It never computes a price the book would not: the winner is
the book's own. ``render_explanation`` turns the result into the text the
``gateway price explain`` command prints.
"""

import enum
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pricing.book import PriceBook
from pricing.book import SetAside
from pricing.book import check_quantity
from pricing.compiled import CompiledRule
from pricing.model import Product
from pricing.model import RuleKind
from pricing.model import Scope
from pricing.money import Money
from pricing.money import round_amount
from pricing.quote import NotOffered
from pricing.quote import PriceQuote

__all__ = ["Consideration", "Explanation", "Outcome", "explain", "render_explanation"]


class Outcome(enum.StrEnum):
    """What became of one rule at the quantity asked."""

    WON = "won"
    LESS_SPECIFIC = "less specific"  # a rule of a more specific scope applied
    HIGHER_PRICE = "higher price"  # same scope, a lower exact price won
    LOST_TIE = "lost tie"  # same scope and price, earlier contract code / rule id won
    BELOW_FIRST_FLOOR = "below first floor"  # the quantity is below the rule's first tier
    NO_LIST_PRICE = "no list price"  # percent off list, but no list price in the currency
    NO_COST = "no cost"  # markup on cost, but no cost in the currency


@dataclass(frozen=True, slots=True, kw_only=True)
class Consideration:
    """One rule that covers the product, and its outcome."""

    contract_code: str
    rule_id: str
    kind: RuleKind
    scope: Scope
    scope_value: str
    outcome: Outcome
    tier_floor: Decimal | None = None  # the tier reached at the quantity, if any
    unit_price: Money | None = None  # what the rule would charge, rounded, if it applies


@dataclass(frozen=True, slots=True, kw_only=True)
class Explanation:
    """A quote with its reasons, ready for ``render_explanation`` or a JSON answer."""

    entity_code: str
    on: date
    sku: str
    quantity: Decimal
    list_price: Money | None
    cost: Money | None
    set_aside: tuple[SetAside, ...]
    considered: tuple[Consideration, ...]
    result: PriceQuote | NotOffered


def explain(book: PriceBook, product: Product, quantity: Decimal) -> Explanation:
    """Quote ``product`` at ``quantity`` from ``book`` and say why, rule by rule."""
    check_quantity(quantity)
    result = book.quote(product, quantity)
    currency = book.currency
    list_price = product.list_prices.get(currency)
    cost = product.costs.get(currency)
    considered: tuple[Consideration, ...] = ()
    if result.offered or result.reason != "excluded_by_policy":
        rules = book.matching_rules(product)
        winner = next((rule for rule in rules if _won(rule, result)), None)
        considered = tuple(
            _consider(rule, winner, quantity, list_price, cost, currency) for rule in rules
        )
    return Explanation(
        entity_code=book.entity.code,
        on=book.on,
        sku=product.sku,
        quantity=quantity,
        list_price=None if list_price is None else Money(amount=list_price, currency=currency),
        cost=None if cost is None else Money(amount=cost, currency=currency),
        set_aside=book.set_aside,
        considered=considered,
        result=result,
    )


def _won(rule: CompiledRule, result: PriceQuote | NotOffered) -> bool:
    return bool(result.offered and rule.order == (result.contract_code, result.rule_id))


def _consider(
    rule: CompiledRule,
    winner: CompiledRule | None,
    quantity: Decimal,
    list_price: Decimal | None,
    cost: Decimal | None,
    currency: str,
) -> Consideration:
    described = {
        "contract_code": rule.contract.code,
        "rule_id": rule.rule.rule_id,
        "kind": rule.rule.kind,
        "scope": rule.rule.scope,
        "scope_value": rule.rule.scope_value,
    }
    if rule.base == "list" and list_price is None:
        return Consideration(outcome=Outcome.NO_LIST_PRICE, **described)
    if rule.base == "cost" and cost is None:
        return Consideration(outcome=Outcome.NO_COST, **described)
    index = rule.tier_index(quantity)
    if index < 0:
        return Consideration(outcome=Outcome.BELOW_FIRST_FLOOR, **described)
    exact = rule.exact_price(index, list_price, cost)
    price = Money(amount=round_amount(exact, currency), currency=currency)
    if winner is None or rule is winner:
        outcome = Outcome.WON
    elif rule.rule.scope.specificity < winner.rule.scope.specificity:
        outcome = Outcome.LESS_SPECIFIC
    else:
        best = winner.exact_price(winner.tier_index(quantity), list_price, cost)
        outcome = Outcome.HIGHER_PRICE if exact > best else Outcome.LOST_TIE
    return Consideration(
        outcome=outcome, tier_floor=rule.floors[index], unit_price=price, **described
    )


def render_explanation(explanation: Explanation) -> str:
    """The explanation as plain text, one fact per line."""
    e = explanation
    lines = [
        f"SKU {e.sku} for entity {e.entity_code} on {e.on}, quantity {e.quantity}",
        f"list price: {_shown(e.list_price)}; cost: {_shown(e.cost)}",
    ]
    for aside in e.set_aside:
        lines.append(f"contract {aside.contract.code} set aside: {aside.reason.value}")
    if e.considered:
        lines.append("rules considered, most specific first:")
    for item in e.considered:
        scope = item.scope.value + (f"={item.scope_value}" if item.scope_value else "")
        where = f" from {item.tier_floor}: {item.unit_price}" if item.unit_price else ""
        mark = "*" if item.outcome is Outcome.WON else " "
        lines.append(
            f" {mark} {item.contract_code}/{item.rule_id} {item.kind.value} {scope}"
            f"{where} -> {item.outcome.value}"
        )
    lines.extend(_render_result(e.result))
    return "\n".join(lines) + "\n"


def _shown(money: Money | None) -> str:
    """An amount in the currency's minor unit (EUR 320.00, not the stored EUR 320.0000),
    unless that would hide digits (EUR 0.1234 stays)."""
    if money is None:
        return "none"
    rounded = money.rounded()
    return str(rounded if rounded.amount == money.amount else money)


def _render_result(result: PriceQuote | NotOffered) -> list[str]:
    if not result.offered:
        return [f"not offered: {result.reason.value} ({result.detail})"]
    if result.off_contract:
        head = f"price: {result.unit_price} per unit, off-contract list price"
    else:
        level = f", level {result.contract_level}" if result.contract_level else ""
        head = (
            f"price: {result.unit_price} per unit, contract {result.contract_code} "
            f"'{result.contract_name}'{level}, valid {result.valid_from} to {result.valid_to}, "
            f"rule {result.rule_id}"
        )
    rows = [
        f"  from {row.floor}: {row.unit_price}"
        + (f" ({row.contract_code}/{row.rule_id})" if row.contract_code else " (list price)")
        for row in result.tiers
    ]
    return [head, "tiers:", *rows]
