"""The commercial data the gateway hands to the engine: products, entities, contracts, rules.

Each value checks its invariants when it is built, so a price book never meets a contract whose
dates are reversed or a rule whose tiers descend. The gateway converts its ORM rows into these at
the edge; nothing here knows about a database.
"""

import enum
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from pricing.errors import InvalidContract
from pricing.errors import InvalidProduct
from pricing.errors import InvalidRule
from pricing.errors import InvalidTiers
from pricing.iso4217 import minor_unit

__all__ = [
    "ONE",
    "BillingEntity",
    "Contract",
    "PriceRule",
    "Product",
    "RuleKind",
    "Scope",
    "Tier",
    "flat_tiers",
]

ONE = Decimal(1)
_HUNDRED = Decimal(100)


class RuleKind(enum.StrEnum):
    """What a rule's tier value means."""

    FIXED_PRICE = "fixed_price"  # the unit price itself, in the contract's currency
    PERCENT_OFF_LIST = "percent_off_list"  # list price less this percentage
    MARKUP_ON_COST = "markup_on_cost"  # cost plus this percentage


class Scope(enum.StrEnum):
    """Which products a rule covers; ``specificity`` orders them for precedence."""

    PRODUCT = "product"  # scope_value is a SKU
    CATEGORY = "category"  # scope_value is a product type
    PUBLISHER = "publisher"  # scope_value is a software publisher
    MANUFACTURER = "manufacturer"  # scope_value is a manufacturer
    ALL = "all"  # no scope_value

    @property
    def specificity(self) -> int:
        """Higher wins: product 4 > category 3 > publisher 2 > manufacturer 1 > all 0."""
        return _SPECIFICITY[self]


_SPECIFICITY = {
    Scope.PRODUCT: 4,
    Scope.CATEGORY: 3,
    Scope.PUBLISHER: 2,
    Scope.MANUFACTURER: 1,
    Scope.ALL: 0,
}


def _check_decimal(value: object, what: str, error: type[Exception]) -> None:
    if type(value) is not Decimal or not value.is_finite():
        raise error(f"{what} must be a finite Decimal, not {value!r}")


def _check_text(value: object, what: str, error: type[Exception]) -> None:
    if not isinstance(value, str) or not value.strip():
        raise error(f"{what} must be a non-empty string, not {value!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Tier:
    """One quantity break: from ``floor`` units on, the rule's value is ``value``."""

    floor: Decimal
    value: Decimal

    def __post_init__(self) -> None:
        _check_decimal(self.floor, "a tier floor", InvalidTiers)
        _check_decimal(self.value, "a tier value", InvalidTiers)
        if self.floor <= 0:
            raise InvalidTiers(f"a tier floor must be positive, not {self.floor}")


def flat_tiers(value: Decimal) -> tuple[Tier]:
    """The tiers of a rule without quantity breaks: one tier from quantity 1."""
    return (Tier(floor=ONE, value=value),)


@dataclass(frozen=True, slots=True, kw_only=True)
class PriceRule:
    """A contract's price rule: a kind, a scope, and ascending quantity tiers."""

    rule_id: str
    kind: RuleKind
    scope: Scope
    tiers: tuple[Tier, ...]
    scope_value: str = ""

    def __post_init__(self) -> None:
        _check_text(self.rule_id, "a rule id", InvalidRule)
        object.__setattr__(self, "kind", RuleKind(self.kind))
        object.__setattr__(self, "scope", Scope(self.scope))
        object.__setattr__(self, "tiers", tuple(self.tiers))
        if self.scope is Scope.ALL and self.scope_value:
            raise InvalidRule(f"rule {self.rule_id}: scope 'all' takes no scope value")
        if self.scope is not Scope.ALL:
            _check_text(self.scope_value, f"rule {self.rule_id}: the scope value", InvalidRule)
        self._check_tiers()

    def _check_tiers(self) -> None:
        if not self.tiers or not all(isinstance(tier, Tier) for tier in self.tiers):
            raise InvalidTiers(f"rule {self.rule_id}: needs at least one Tier")
        floors = [tier.floor for tier in self.tiers]
        if any(low >= high for low, high in itertools.pairwise(floors)):
            raise InvalidTiers(f"rule {self.rule_id}: tier floors must ascend strictly: {floors}")
        for tier in self.tiers:
            if tier.value < 0:
                raise InvalidTiers(f"rule {self.rule_id}: negative tier value {tier.value}")
            if self.kind is RuleKind.PERCENT_OFF_LIST and tier.value > _HUNDRED:
                raise InvalidTiers(f"rule {self.rule_id}: more than 100 percent off")


@dataclass(frozen=True, slots=True, kw_only=True)
class Contract:
    """A contract of one billing entity, valid from ``valid_from`` to ``valid_to`` inclusive."""

    code: str
    name: str
    currency: str
    valid_from: date
    valid_to: date
    rules: tuple[PriceRule, ...] = ()
    level: str = ""

    def __post_init__(self) -> None:
        _check_text(self.code, "a contract code", InvalidContract)
        minor_unit(self.currency)
        object.__setattr__(self, "rules", tuple(self.rules))
        for day in (self.valid_from, self.valid_to):
            if type(day) is not date:
                raise InvalidContract(f"contract {self.code}: validity needs dates, not {day!r}")
        if self.valid_from > self.valid_to:
            raise InvalidContract(
                f"contract {self.code}: valid_from {self.valid_from} is after {self.valid_to}"
            )
        seen: set[str] = set()
        for rule in self.rules:
            if not isinstance(rule, PriceRule):
                raise InvalidContract(f"contract {self.code}: {rule!r} is not a PriceRule")
            if rule.rule_id in seen:
                raise InvalidRule(f"contract {self.code}: rule id {rule.rule_id} used twice")
            seen.add(rule.rule_id)

    def is_valid_on(self, day: date) -> bool:
        """Whether ``day`` falls in the validity window, both ends included."""
        return self.valid_from <= day <= self.valid_to


@dataclass(frozen=True, slots=True, kw_only=True)
class BillingEntity:
    """The buyer's billing entity: it sees one currency, never converted."""

    code: str
    currency: str

    def __post_init__(self) -> None:
        _check_text(self.code, "an entity code", InvalidContract)
        minor_unit(self.currency)


def _frozen_prices(prices: Mapping[str, Decimal], what: str, sku: str) -> Mapping[str, Decimal]:
    for currency, amount in prices.items():
        minor_unit(currency)
        _check_decimal(amount, f"product {sku}: {what} in {currency}", InvalidProduct)
        if amount < 0:
            raise InvalidProduct(f"product {sku}: negative {what} in {currency}")
    return MappingProxyType(dict(prices))


@dataclass(frozen=True, slots=True, kw_only=True)
class Product:
    """What pricing needs of a product; publisher and language may be empty."""

    sku: str
    manufacturer: str
    category: str
    publisher: str = ""
    language: str = ""
    list_prices: Mapping[str, Decimal] = field(default_factory=dict)
    costs: Mapping[str, Decimal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_text(self.sku, "a SKU", InvalidProduct)
        _check_text(self.manufacturer, f"product {self.sku}: the manufacturer", InvalidProduct)
        _check_text(self.category, f"product {self.sku}: the category", InvalidProduct)
        for name in ("publisher", "language"):
            if not isinstance(getattr(self, name), str):
                raise InvalidProduct(f"product {self.sku}: {name} must be a string")
        prices = _frozen_prices(self.list_prices, "list price", self.sku)
        object.__setattr__(self, "list_prices", prices)
        object.__setattr__(self, "costs", _frozen_prices(self.costs, "cost", self.sku))
