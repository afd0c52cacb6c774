"""What a price book answers: a ``PriceQuote``, or a ``NotOffered`` that says why.

A quote records where its price came from (contract, rule, tier) and carries the tier table to
show the buyer: from each quantity floor on, the unit price the same book would quote. "Not
offered" is an ordinary answer, not an exception, so a catalog export can count reasons and a
storefront can show them.
"""

import enum
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pricing.model import Contract
from pricing.model import PriceRule
from pricing.model import Tier
from pricing.money import Money

__all__ = ["NotOffered", "NotOfferedReason", "PriceQuote", "TierPrice"]


class NotOfferedReason(enum.StrEnum):
    """Why a product is not offered to the entity at the quantity asked."""

    EXCLUDED_BY_POLICY = "excluded_by_policy"  # a catalog policy list keeps it out
    OFF_CONTRACT_HIDDEN = "off_contract_hidden"  # no contract rule covers it; policy hides those
    BELOW_CONTRACT_MINIMUM = "below_contract_minimum"  # rules cover it only from a larger quantity
    NO_LIST_PRICE = "no_list_price"  # the price needs a list price the currency lacks
    NO_COST = "no_cost"  # the only rules are markups on a cost the currency lacks


@dataclass(frozen=True, slots=True, kw_only=True)
class TierPrice:
    """One row of a quote's tier table: from ``floor`` units on, ``unit_price`` each."""

    floor: Decimal
    unit_price: Money
    contract_code: str = ""  # empty for an off-contract list price
    rule_id: str = ""

    @property
    def off_contract(self) -> bool:
        """Whether this row is the list price, no contract rule applying."""
        return not self.contract_code


@dataclass(frozen=True, slots=True, kw_only=True)
class PriceQuote:
    """The unit price of one product at one quantity, with its reason."""

    sku: str
    quantity: Decimal
    unit_price: Money
    tiers: tuple[TierPrice, ...]  # empty when quoted with tiers=False
    contract: Contract | None = None  # None: off-contract list price
    rule: PriceRule | None = None
    tier: Tier | None = None  # the rule's tier that applied at ``quantity``

    offered = True

    def __post_init__(self) -> None:
        if (self.contract is None) != (self.rule is None) or (self.rule is None) != (
            self.tier is None
        ):
            raise ValueError("a quote has a contract, a rule and a tier, or none of them")

    @property
    def off_contract(self) -> bool:
        """Whether the price is the list price because no contract rule applies."""
        return self.contract is None

    @property
    def contract_code(self) -> str:
        """The code of the contract that priced the product, empty off contract."""
        return self.contract.code if self.contract else ""

    @property
    def contract_name(self) -> str:
        """The contract's name, empty off contract."""
        return self.contract.name if self.contract else ""

    @property
    def contract_level(self) -> str:
        """The contract's level (e.g. a licence programme level), empty if none."""
        return self.contract.level if self.contract else ""

    @property
    def valid_from(self) -> date | None:
        """First day of the contract's validity, None off contract."""
        return self.contract.valid_from if self.contract else None

    @property
    def valid_to(self) -> date | None:
        """Last day of the contract's validity, None off contract."""
        return self.contract.valid_to if self.contract else None

    @property
    def rule_id(self) -> str:
        """The id of the rule that applied, empty off contract."""
        return self.rule.rule_id if self.rule else ""


@dataclass(frozen=True, slots=True, kw_only=True)
class NotOffered:
    """The entity cannot buy this product at this quantity, and why."""

    sku: str
    quantity: Decimal
    reason: NotOfferedReason
    detail: str
    policy_list: str = ""  # EXCLUDED_BY_POLICY: the list that excluded it
    value: str = ""  # EXCLUDED_BY_POLICY: the product's value that list judged
    minimum_quantity: Decimal | None = None  # BELOW_CONTRACT_MINIMUM: first quantity offered

    offered = False
