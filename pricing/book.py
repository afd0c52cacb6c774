"""The price book: every contract rule of one entity on one day, compiled for fast quotes.

Strategy: ``PriceBook.compile`` does the choosing once. It sets aside contracts that are not
valid on the day or are in another currency than the entity's (never converted), rounds fixed
prices to the currency's minor unit, turns percentages into multipliers, and files each rule
under its scope key (SKU, category, publisher, manufacturer, or everything), each list sorted by
the tie-break order (contract code, then rule id). ``quote`` then does five dictionary look-ups,
walks the levels from most to least specific, and stops at the first level where a rule applies
at the quantity; within it the lowest rounded unit price wins, the earliest in tie-break order
on equal prices. The precedence is written out in docs/pricing.md.
"""

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from decimal import Decimal

from pricing.compiled import CompiledRule
from pricing.compiled import Level
from pricing.compiled import compile_rule
from pricing.compiled import round_price
from pricing.errors import InvalidContract
from pricing.errors import InvalidQuantity
from pricing.model import ONE
from pricing.model import BillingEntity
from pricing.model import Contract
from pricing.model import Product
from pricing.model import Scope
from pricing.money import Money
from pricing.money import quantum
from pricing.policy import CatalogPolicy
from pricing.policy import OffContract
from pricing.policy import first_exclusion
from pricing.quote import NotOffered
from pricing.quote import NotOfferedReason
from pricing.quote import PriceQuote
from pricing.quote import TierPrice

__all__ = ["PriceBook", "SetAside", "SetAsideReason", "check_quantity"]


class SetAsideReason(enum.StrEnum):
    """Why a contract handed to ``PriceBook.compile`` takes no part in its prices."""

    CURRENCY_MISMATCH = "currency_mismatch"  # contract currency is not the entity's
    NOT_YET_VALID = "not_yet_valid"  # the day is before valid_from
    EXPIRED = "expired"  # the day is after valid_to


@dataclass(frozen=True, slots=True, kw_only=True)
class SetAside:
    """A contract the book ignores, and why: shown in explanations and compile reports."""

    contract: Contract
    reason: SetAsideReason


def check_quantity(quantity: object) -> Decimal:
    """Return ``quantity`` if it is a finite, positive Decimal; raise InvalidQuantity if not."""
    if type(quantity) is not Decimal or not quantity.is_finite() or quantity <= 0:
        raise InvalidQuantity(f"a quantity must be a positive Decimal, not {quantity!r}")
    return quantity


def _set_aside_reason(contract: Contract, currency: str, day: date) -> SetAsideReason | None:
    if contract.currency != currency:
        return SetAsideReason.CURRENCY_MISMATCH
    if day < contract.valid_from:
        return SetAsideReason.NOT_YET_VALID
    if day > contract.valid_to:
        return SetAsideReason.EXPIRED
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class PriceBook:
    """One entity's prices on one day. Build it with ``PriceBook.compile``."""

    entity: BillingEntity
    on: date
    policy: CatalogPolicy
    contracts: tuple[Contract, ...]  # the contracts in force: valid on ``on``, same currency
    set_aside: tuple[SetAside, ...]
    _index: dict[Scope, dict[str, Level]] = field(repr=False)
    _everything: Level | None = field(repr=False)
    _policy_lists: tuple[tuple[str, str, bool, frozenset[str]], ...] = field(repr=False)
    _quantum: Decimal = field(repr=False)

    @classmethod
    def compile(
        cls,
        *,
        entity: BillingEntity,
        contracts: Iterable[Contract],
        policy: CatalogPolicy,
        on: date,
    ) -> "PriceBook":
        """Choose the contracts in force for ``entity`` on day ``on`` and index their rules."""
        if type(on) is not date:
            raise InvalidContract(f"a price book is compiled for a date, not {on!r}")
        contracts = tuple(contracts)
        codes = [contract.code for contract in contracts]
        if len(set(codes)) != len(codes):
            raise InvalidContract(f"contract codes must be unique per entity: {sorted(codes)}")
        in_force, set_aside = [], []
        for contract in contracts:
            reason = _set_aside_reason(contract, entity.currency, on)
            if reason is None:
                in_force.append(contract)
            else:
                set_aside.append(SetAside(contract=contract, reason=reason))
        index = _index_rules(in_force)
        return cls(
            entity=entity,
            on=on,
            policy=policy,
            contracts=tuple(in_force),
            set_aside=tuple(set_aside),
            _index=index,
            _everything=index.pop(Scope.ALL).get(""),
            _policy_lists=policy.active_lists(),
            _quantum=quantum(entity.currency),
        )

    @property
    def currency(self) -> str:
        """The entity's currency: every price this book quotes is in it."""
        return self.entity.currency

    def matching_rules(self, product: Product) -> tuple[CompiledRule, ...]:
        """Every in-force rule whose scope covers ``product``: most specific first, then in
        tie-break order (contract code, rule id)."""
        return tuple(rule for level in self._levels(product) for rule in level.rules)

    def quote(
        self, product: Product, quantity: Decimal, *, tiers: bool = True
    ) -> PriceQuote | NotOffered:
        """The unit price of ``product`` at ``quantity``, or why it is not offered.

        ``tiers=False`` leaves the quote's tier table empty, for callers that need only the
        price at this quantity (a catalog format without quantity breaks): the table is most
        of a quote's work. Everything else in the answer is the same.
        """
        check_quantity(quantity)
        if self._policy_lists:
            exclusion = first_exclusion(self._policy_lists, product)
            if exclusion is not None:
                return NotOffered(
                    sku=product.sku,
                    quantity=quantity,
                    reason=NotOfferedReason.EXCLUDED_BY_POLICY,
                    detail=f"{exclusion.policy_list} rules out {exclusion.value!r}",
                    policy_list=exclusion.policy_list,
                    value=exclusion.value,
                )
        currency = self.entity.currency
        list_price = product.list_prices.get(currency)
        cost = product.costs.get(currency)
        levels = self._levels(product)
        table = self._tier_table(levels, list_price, cost) if tiers else ()
        found = _best(levels, quantity, list_price, cost)
        if found is None:
            return self._off_contract(product, quantity, levels, table)
        rule, index, exact = found
        return PriceQuote(
            sku=product.sku,
            quantity=quantity,
            unit_price=Money(amount=round_price(exact, self._quantum), currency=currency),
            tiers=table,
            contract=rule.contract,
            rule=rule.rule,
            tier=rule.rule.tiers[index],
        )

    def _levels(self, product: Product) -> list[Level]:
        index = self._index
        found = [
            level
            for level in (
                index[Scope.PRODUCT].get(product.sku),
                index[Scope.CATEGORY].get(product.category),
                index[Scope.PUBLISHER].get(product.publisher),
                index[Scope.MANUFACTURER].get(product.manufacturer),
                self._everything,
            )
            if level is not None
        ]
        return found

    def _tier_table(
        self, levels: list[Level], list_price: Decimal | None, cost: Decimal | None
    ) -> tuple[TierPrice, ...]:
        floors = {ONE}
        for level in levels:
            floors.update(level.floors)
        off_contract = self.policy.off_contract is OffContract.LIST_PRICE and list_price is not None
        currency, rows = self.entity.currency, []
        last = None
        for floor in sorted(floors):
            found = _best(levels, floor, list_price, cost)
            if found is not None:
                rule, _index, exact = found
                key = (round_price(exact, self._quantum), rule.order)
            elif off_contract:
                key = (round_price(list_price, self._quantum), ("", ""))
            else:
                continue
            if key != last:
                last = key
                code, rule_id = key[1]
                money = Money(amount=key[0], currency=currency)
                rows.append(
                    TierPrice(floor=floor, unit_price=money, contract_code=code, rule_id=rule_id)
                )
        return tuple(rows)

    def _off_contract(
        self,
        product: Product,
        quantity: Decimal,
        levels: list[Level],
        tiers: tuple[TierPrice, ...],
    ) -> PriceQuote | NotOffered:
        currency = self.entity.currency
        list_price = product.list_prices.get(currency)
        if self.policy.off_contract is OffContract.LIST_PRICE:
            if list_price is None:
                return _not_offered(product, quantity, NotOfferedReason.NO_LIST_PRICE, currency)
            amount = round_price(list_price, self._quantum)
            return PriceQuote(
                sku=product.sku,
                quantity=quantity,
                unit_price=Money(amount=amount, currency=currency),
                tiers=tiers,
            )
        cost = product.costs.get(currency)
        floors = [level.first_floor(list_price, cost) for level in levels]
        minimum = min((floor for floor in floors if floor is not None), default=None)
        if minimum is not None:
            return NotOffered(
                sku=product.sku,
                quantity=quantity,
                reason=NotOfferedReason.BELOW_CONTRACT_MINIMUM,
                detail=f"contract prices start at quantity {minimum}",
                minimum_quantity=minimum,
            )
        if any(level.on_list is not None for level in levels):
            return _not_offered(product, quantity, NotOfferedReason.NO_LIST_PRICE, currency)
        if any(level.on_cost is not None for level in levels):
            return _not_offered(product, quantity, NotOfferedReason.NO_COST, currency)
        return _not_offered(product, quantity, NotOfferedReason.OFF_CONTRACT_HIDDEN, currency)


def _best(
    levels: list[Level], quantity: Decimal, list_price: Decimal | None, cost: Decimal | None
) -> tuple[CompiledRule, int, Decimal] | None:
    for level in levels:
        found = level.best(quantity, list_price, cost)
        if found is not None:
            return found
    return None


_DETAILS = {
    NotOfferedReason.NO_LIST_PRICE: "no list price in {currency}",
    NotOfferedReason.NO_COST: "no cost in {currency} for the markup rules that cover it",
    NotOfferedReason.OFF_CONTRACT_HIDDEN: "no contract rule covers it and off-contract is hidden",
}


def _not_offered(
    product: Product, quantity: Decimal, reason: NotOfferedReason, currency: str
) -> NotOffered:
    detail = _DETAILS[reason].format(currency=currency)
    return NotOffered(sku=product.sku, quantity=quantity, reason=reason, detail=detail)


def _index_rules(contracts: list[Contract]) -> dict[Scope, dict[str, Level]]:
    lists: dict[Scope, dict[str, list[CompiledRule]]] = {scope: {} for scope in Scope}
    for contract in contracts:
        for rule in contract.rules:
            keyed = lists[rule.scope].setdefault(rule.scope_value, [])
            keyed.append(compile_rule(contract, rule))
    return {
        scope: {key: Level.build(rules) for key, rules in keyed.items()}
        for scope, keyed in lists.items()
    }
