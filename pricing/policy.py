"""Catalog policy: what a billing entity may buy at all, before any price is looked at.

Strategy: eight sets (include and exclude, for manufacturers, publishers, categories and
languages) and one switch for products no contract prices. An empty include set means "no
restriction". An empty publisher or language on a product is never matched by a list on that
attribute: hardware has no publisher, and a language-neutral product is for everyone. Values are
compared exactly as given; the gateway normalises codes when it imports them. The lists are
checked in the order of ``POLICY_LISTS`` and the first one that rejects a product is reported.
"""

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from pricing.errors import InvalidPolicy
from pricing.model import Product

__all__ = [
    "POLICY_LISTS",
    "CatalogPolicy",
    "OffContract",
    "PolicyExclusion",
    "first_exclusion",
]


class OffContract(enum.StrEnum):
    """What happens to a product (or a quantity) that no valid contract rule prices."""

    LIST_PRICE = "list_price"  # offered at the list price in the entity's currency
    HIDDEN = "hidden"  # not offered


# (list name, product attribute, is an include list), in the order they are checked.
POLICY_LISTS: tuple[tuple[str, str, bool], ...] = (
    ("exclude_manufacturers", "manufacturer", False),
    ("include_manufacturers", "manufacturer", True),
    ("exclude_publishers", "publisher", False),
    ("include_publishers", "publisher", True),
    ("exclude_categories", "category", False),
    ("include_categories", "category", True),
    ("exclude_languages", "language", False),
    ("include_languages", "language", True),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicyExclusion:
    """Which policy list kept a product out, and the product's value it judged."""

    policy_list: str
    value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogPolicy:
    """Include and exclude lists, and the treatment of off-contract products."""

    include_manufacturers: frozenset[str] = frozenset()
    exclude_manufacturers: frozenset[str] = frozenset()
    include_publishers: frozenset[str] = frozenset()
    exclude_publishers: frozenset[str] = frozenset()
    include_categories: frozenset[str] = frozenset()
    exclude_categories: frozenset[str] = frozenset()
    include_languages: frozenset[str] = frozenset()
    exclude_languages: frozenset[str] = frozenset()
    off_contract: OffContract = OffContract.LIST_PRICE

    def __post_init__(self) -> None:
        for name, _attribute, _include in POLICY_LISTS:
            values: Iterable[str] = getattr(self, name)
            if isinstance(values, str):
                raise InvalidPolicy(f"{name} must be a set of strings, not the string {values!r}")
            object.__setattr__(self, name, frozenset(values))
        object.__setattr__(self, "off_contract", OffContract(self.off_contract))
        for attribute in ("manufacturers", "publishers", "categories", "languages"):
            both = getattr(self, f"include_{attribute}") & getattr(self, f"exclude_{attribute}")
            if both:
                raise InvalidPolicy(f"{attribute} both included and excluded: {sorted(both)}")

    def active_lists(self) -> tuple[tuple[str, str, bool, frozenset[str]], ...]:
        """The non-empty lists as (name, attribute, is include, values), in checking order."""
        return tuple(
            (name, attribute, include, getattr(self, name))
            for name, attribute, include in POLICY_LISTS
            if getattr(self, name)
        )

    def exclusion(self, product: Product) -> PolicyExclusion | None:
        """The first list that keeps ``product`` out, or None if the entity may buy it."""
        return first_exclusion(self.active_lists(), product)


def first_exclusion(
    lists: tuple[tuple[str, str, bool, frozenset[str]], ...], product: Product
) -> PolicyExclusion | None:
    """Apply pre-selected ``active_lists`` to ``product``; the price book's fast path."""
    for name, attribute, include, values in lists:
        value = getattr(product, attribute)
        if value and (value in values) is not include:
            return PolicyExclusion(policy_list=name, value=value)
    return None
