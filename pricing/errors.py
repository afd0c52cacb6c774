"""Every error the pricing engine raises.

    PricingError                      root; catch this at the gateway edge
    ├── InvalidPricingData            (ValueError) values handed to the engine break an invariant:
    │   │                             our imported data is wrong, not the buyer's request
    │   ├── InvalidMoney              float or non-finite amount, amount that is not a Decimal
    │   ├── UnknownCurrency           a code that is not an active ISO 4217 currency
    │   ├── InvalidTiers              tier floors not ascending, values out of range
    │   ├── InvalidRule               scope value missing or superfluous, duplicate rule id
    │   ├── InvalidContract           valid_from after valid_to, duplicate contract code
    │   ├── InvalidProduct            empty SKU, manufacturer or category, non-Decimal price
    │   └── InvalidPolicy             a value both included and excluded
    ├── CurrencyMismatch              (TypeError) arithmetic or comparison across two currencies
    └── InvalidQuantity               (ValueError) a quantity that is not a positive Decimal:
                                      the peer asked for it, so it answers 400

Each leaf says whose fault it is (``fault``: "ours" for misconfiguration, "peer" for a bad
request) and carries the statuses to answer with: ``http_status`` for OCI, the JSON API and
admin pages, ``cxml_status`` for a cXML ``Status@code``. "Not offered" is not an error: a quote
returns a ``NotOffered`` value that says why.
"""

__all__ = [
    "CurrencyMismatch",
    "InvalidContract",
    "InvalidMoney",
    "InvalidPolicy",
    "InvalidPricingData",
    "InvalidProduct",
    "InvalidQuantity",
    "InvalidRule",
    "InvalidTiers",
    "PricingError",
    "UnknownCurrency",
]


class PricingError(Exception):
    """Root of the pricing package's errors."""

    fault = "ours"
    http_status = 500
    cxml_status = 500


class InvalidPricingData(PricingError, ValueError):
    """A value handed to the engine breaks one of its invariants."""


class InvalidMoney(InvalidPricingData, TypeError):
    """An amount that is not a finite Decimal (floats are refused outright)."""


class UnknownCurrency(InvalidPricingData):
    """A currency code that is not an active ISO 4217 alphabetic code."""


class InvalidTiers(InvalidPricingData):
    """Quantity breaks that are empty, not strictly ascending, or carry an out-of-range value."""


class InvalidRule(InvalidPricingData):
    """A price rule whose scope or identity is inconsistent."""


class InvalidContract(InvalidPricingData):
    """A contract, or a set of contracts, that cannot be priced from."""


class InvalidProduct(InvalidPricingData):
    """A product value missing a required attribute or holding a non-Decimal price."""


class InvalidPolicy(InvalidPricingData):
    """A catalog policy that contradicts itself."""


class CurrencyMismatch(PricingError, TypeError):
    """Two amounts in different currencies met in one operation: never converted."""


class InvalidQuantity(PricingError, ValueError):
    """A requested quantity that is not a finite, positive Decimal."""

    fault = "peer"
    http_status = 400
    cxml_status = 400
