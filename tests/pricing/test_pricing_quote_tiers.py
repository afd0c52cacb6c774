"""Property: a quote asked without its tier table is the full quote with an empty table."""

import dataclasses

from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings

from pricing import BillingEntity
from pricing import PriceBook

from .test_pricing_oracle import QUANTITIES
from .test_pricing_oracle import worlds


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds())
def test_a_quote_without_tiers_differs_only_in_its_tier_table(world):
    currency, contract_list, policy, on, product_list = world
    entity = BillingEntity(code="E1", currency=currency)
    book = PriceBook.compile(entity=entity, contracts=contract_list, policy=policy, on=on)
    for product in product_list:
        for quantity in QUANTITIES:
            full = book.quote(product, quantity)
            short = book.quote(product, quantity, tiers=False)
            if full.offered:
                assert short == dataclasses.replace(full, tiers=())
            else:
                assert short == full
