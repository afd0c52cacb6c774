"""Rules compiled for one price book: per rule, and merged per scope key.

Strategy: everything that does not depend on the product is worked out at compile time. A rule
keeps its tier floors and its exact tier numbers: a fixed price as written, or the multiplier
(100 - p) / 100 off list, or (100 + p) / 100 on cost.
The rules filed under one scope key form a ``Level``. Within a level and a rule kind, the winner
at any quantity is the rule with the smallest number, because the exact price is that number
times the same list price or cost (both positive); so each kind is merged once into a step
function (``Steps``) from quantity floor to winning rule and tier. A quote then needs at most
three bisections per level and compares at most three exact prices. A list price or cost of
zero makes every percentage rule of that kind cost zero; those ties fall to the tie-break order
alone, which has its own step function.
"""

from bisect import bisect_right
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP
from decimal import Decimal

from pricing.model import Contract
from pricing.model import PriceRule
from pricing.model import RuleKind
from pricing.money import ARITHMETIC

__all__ = ["CompiledRule", "Level", "Steps", "compile_rule", "round_price"]

_HUNDRED = Decimal(100)
_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True, kw_only=True)
class CompiledRule:
    """A rule of an in-force contract, with its per-tier numbers worked out."""

    contract: Contract
    rule: PriceRule
    floors: tuple[Decimal, ...]
    exact: tuple[Decimal, ...]  # fixed: the price as written; otherwise the multiplier
    base: str  # "" for a fixed price, "list" or "cost" for a percentage
    order: tuple[str, str]  # the tie-break key: (contract code, rule id)

    @property
    def first_floor(self) -> Decimal:
        """The smallest quantity the rule applies to."""
        return self.floors[0]

    def tier_index(self, quantity: Decimal) -> int:
        """Index of the tier that applies at ``quantity``, -1 below the first floor."""
        return bisect_right(self.floors, quantity) - 1

    def exact_price(self, index: int, list_price: Decimal | None, cost: Decimal | None) -> Decimal:
        """The unrounded unit price of tier ``index``; the base it needs must be present."""
        if not self.base:
            return self.exact[index]
        base = list_price if self.base == "list" else cost
        return ARITHMETIC.multiply(base, self.exact[index])


def compile_rule(contract: Contract, rule: PriceRule) -> CompiledRule:
    """Work out the per-tier numbers of ``rule`` from ``contract``."""
    values = [tier.value for tier in rule.tiers]
    if rule.kind is RuleKind.FIXED_PRICE:
        exact, base = tuple(values), ""
    elif rule.kind is RuleKind.PERCENT_OFF_LIST:
        exact, base = tuple(ARITHMETIC.divide(_HUNDRED - v, _HUNDRED) for v in values), "list"
    else:
        exact, base = tuple(ARITHMETIC.divide(_HUNDRED + v, _HUNDRED) for v in values), "cost"
    return CompiledRule(
        contract=contract,
        rule=rule,
        floors=tuple(tier.floor for tier in rule.tiers),
        exact=exact,
        base=base,
        order=(contract.code, rule.rule_id),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Steps:
    """A step function: from ``floors[i]`` on, ``winners[i]`` (rule, tier index) wins."""

    floors: tuple[Decimal, ...]
    winners: tuple[tuple[CompiledRule, int], ...]

    def at(self, quantity: Decimal) -> tuple[CompiledRule, int] | None:
        """The winning rule and tier at ``quantity``, None below the first floor."""
        index = bisect_right(self.floors, quantity) - 1
        return self.winners[index] if index >= 0 else None


def _merge(
    rules: Sequence[CompiledRule], key: Callable[[CompiledRule, int], tuple]
) -> Steps | None:
    if not rules:
        return None
    floors = sorted({floor for rule in rules for floor in rule.floors})
    winners = []
    for floor in floors:
        candidates = [(rule, rule.tier_index(floor)) for rule in rules]
        winners.append(min((c for c in candidates if c[1] >= 0), key=lambda c: key(*c)))
    return Steps(floors=tuple(floors), winners=tuple(winners))


def _by_number(rule: CompiledRule, index: int) -> tuple:
    return (rule.exact[index], rule.order)


def _by_order(rule: CompiledRule, index: int) -> tuple:
    return rule.order


@dataclass(frozen=True, slots=True, kw_only=True)
class Level:
    """The in-force rules filed under one scope key, in tie-break order, merged per kind."""

    rules: tuple[CompiledRule, ...]
    floors: tuple[Decimal, ...]  # every floor of every rule, ascending
    fixed: Steps | None
    on_list: Steps | None
    on_cost: Steps | None
    on_zero_list: Steps | None
    on_zero_cost: Steps | None

    @classmethod
    def build(cls, rules: Sequence[CompiledRule]) -> "Level":
        """Sort ``rules`` into tie-break order and merge each kind into a step function."""
        rules = sorted(rules, key=lambda rule: rule.order)
        by_base = {base: [r for r in rules if r.base == base] for base in ("", "list", "cost")}
        return cls(
            rules=tuple(rules),
            floors=tuple(sorted({floor for rule in rules for floor in rule.floors})),
            fixed=_merge(by_base[""], _by_number),
            on_list=_merge(by_base["list"], _by_number),
            on_cost=_merge(by_base["cost"], _by_number),
            on_zero_list=_merge(by_base["list"], _by_order),
            on_zero_cost=_merge(by_base["cost"], _by_order),
        )

    def first_floor(self, list_price: Decimal | None, cost: Decimal | None) -> Decimal | None:
        """The smallest quantity any rule of this level applies to, given the bases present."""
        floors = [
            steps.floors[0]
            for steps, present in (
                (self.fixed, True),
                (self.on_list, list_price is not None),
                (self.on_cost, cost is not None),
            )
            if steps is not None and present
        ]
        return min(floors, default=None)

    def best(
        self, quantity: Decimal, list_price: Decimal | None, cost: Decimal | None
    ) -> tuple[CompiledRule, int, Decimal] | None:
        """The winning rule, tier index and exact price at ``quantity``, None if no rule of
        this level applies (below every first floor, or every base missing)."""
        best = None
        if self.fixed is not None and (found := self.fixed.at(quantity)) is not None:
            best = (found[0], found[1], found[0].exact[found[1]])
        for steps, zero_steps, base in (
            (self.on_list, self.on_zero_list, list_price),
            (self.on_cost, self.on_zero_cost, cost),
        ):
            if steps is None or base is None:
                continue
            found = (zero_steps if base == _ZERO else steps).at(quantity)
            if found is None:
                continue
            price = ARITHMETIC.multiply(base, found[0].exact[found[1]])
            if best is None or (price, found[0].order) < (best[2], best[0].order):
                best = (found[0], found[1], price)
        return best


def round_price(exact: Decimal, quantum: Decimal) -> Decimal:
    """Round an exact unit price half-up to the currency's ``quantum`` (its minor unit)."""
    return exact.quantize(quantum, rounding=ROUND_HALF_UP, context=ARITHMETIC)
