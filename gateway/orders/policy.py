"""Per-partner order settings, read from `partner.settings["orders"]`:

    {"price_policy": "accept" | "flag" | "reject",   # default "reject"
     "price_tolerance_percent": "1.5"}                 # default "0"

accept: take the buyer's unit price whatever it is. flag: take it, and record a flag on the
order when it is off the reference price by more than the tolerance. reject: refuse the order
then. A difference below half the currency's minor unit is never a deviation.
"""

import dataclasses
from collections.abc import Mapping
from decimal import Decimal
from decimal import InvalidOperation
from typing import Any

from gateway.errors import ConfigError

__all__ = ["PRICE_POLICIES", "OrderPolicy", "order_policy_problems", "read_order_policy"]

PRICE_POLICIES = ("accept", "flag", "reject")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class OrderPolicy:
    """How strictly a partner's order prices are held to the contract."""

    price_policy: str = "reject"
    price_tolerance_percent: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        if self.price_policy not in PRICE_POLICIES:
            raise ValueError(f"price_policy must be one of {PRICE_POLICIES}")
        if not self.price_tolerance_percent.is_finite() or self.price_tolerance_percent < 0:
            raise ValueError("price_tolerance_percent must be a non-negative number")

    def deviation_allowed(self, given: Decimal, reference: Decimal) -> bool:
        """Whether `given` is within the tolerance around `reference`."""
        if reference == 0:
            return given == 0
        percent = abs(given - reference) * 100 / reference
        return percent <= self.price_tolerance_percent


def order_policy_problems(raw: Mapping[str, Any]) -> list[str]:
    """Every problem of an `orders` settings object, each "KEY: reason"; [] when it reads."""
    problems = []
    policy = raw.get("price_policy", "reject")
    if policy not in PRICE_POLICIES:
        problems.append(f"price_policy: {policy!r} is not one of {', '.join(PRICE_POLICIES)}")
    given = raw.get("price_tolerance_percent", "0")
    tolerance = _number(given)
    if tolerance is None:
        problems.append(f"price_tolerance_percent: {given!r} is not a number")
    elif tolerance < 0:
        problems.append(f"price_tolerance_percent: {given!r} is negative; a tolerance is 0 or more")
    return problems


def _number(value: Any) -> Decimal | None:
    """A finite Decimal from a number or its text (a JSON setting); None for anything else."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def read_order_policy(partner_name: str, settings: dict | None) -> OrderPolicy:
    """The partner's OrderPolicy; a malformed setting is our configuration's fault."""
    raw = (settings or {}).get("orders", {})
    if not isinstance(raw, Mapping):
        raise ConfigError(f"partner {partner_name}: settings.orders: must be an object")
    problems = order_policy_problems(raw)
    if problems:
        named = "; ".join(f"settings.orders.{problem}" for problem in problems)
        raise ConfigError(f"partner {partner_name}: {named}")
    return OrderPolicy(
        price_policy=raw.get("price_policy", "reject"),
        price_tolerance_percent=_number(raw.get("price_tolerance_percent", "0")),
    )
