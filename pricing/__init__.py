"""Contract pricing as pure values: money, contracts, catalog policy, and the price book.

Compile a ``PriceBook`` once per billing entity and day, then ``quote`` any product at any
quantity; ``explain`` tells why. Nothing here does I/O. See docs/pricing.md.
"""

from pricing.book import PriceBook
from pricing.book import SetAside
from pricing.book import SetAsideReason
from pricing.errors import CurrencyMismatch
from pricing.errors import InvalidContract
from pricing.errors import InvalidMoney
from pricing.errors import InvalidPolicy
from pricing.errors import InvalidPricingData
from pricing.errors import InvalidProduct
from pricing.errors import InvalidQuantity
from pricing.errors import InvalidRule
from pricing.errors import InvalidTiers
from pricing.errors import PricingError
from pricing.errors import UnknownCurrency
from pricing.explain import Consideration
from pricing.explain import Explanation
from pricing.explain import Outcome
from pricing.explain import explain
from pricing.explain import render_explanation
from pricing.iso4217 import minor_unit
from pricing.model import BillingEntity
from pricing.model import Contract
from pricing.model import PriceRule
from pricing.model import Product
from pricing.model import RuleKind
from pricing.model import Scope
from pricing.model import Tier
from pricing.model import flat_tiers
from pricing.money import Money
from pricing.money import round_amount
from pricing.policy import CatalogPolicy
from pricing.policy import OffContract
from pricing.policy import PolicyExclusion
from pricing.quote import NotOffered
from pricing.quote import NotOfferedReason
from pricing.quote import PriceQuote
from pricing.quote import TierPrice

__all__ = [
    "BillingEntity",
    "CatalogPolicy",
    "Consideration",
    "Contract",
    "CurrencyMismatch",
    "Explanation",
    "InvalidContract",
    "InvalidMoney",
    "InvalidPolicy",
    "InvalidPricingData",
    "InvalidProduct",
    "InvalidQuantity",
    "InvalidRule",
    "InvalidTiers",
    "Money",
    "NotOffered",
    "NotOfferedReason",
    "OffContract",
    "Outcome",
    "PolicyExclusion",
    "PriceBook",
    "PriceQuote",
    "PriceRule",
    "PricingError",
    "Product",
    "RuleKind",
    "Scope",
    "SetAside",
    "SetAsideReason",
    "Tier",
    "TierPrice",
    "UnknownCurrency",
    "explain",
    "flat_tiers",
    "minor_unit",
    "render_explanation",
    "round_amount",
]
