"""constructor(cls) builds the same frozen, checked values as calling the dataclass itself."""

from dataclasses import FrozenInstanceError
from dataclasses import dataclass
from decimal import Decimal

import pytest

from cxml import Credential
from cxml import ItemID
from cxml import Money
from cxml._construct import constructor


def test_the_object_is_equal_frozen_and_of_the_same_class():
    made = constructor(Money)(amount=Decimal("12.50"), currency="EUR")
    plain = Money(amount=Decimal("12.50"), currency="EUR")
    assert made == plain and type(made) is Money and hash(made) == hash(plain)
    with pytest.raises(FrozenInstanceError):
        made.currency = "USD"


def test_defaults_apply_and_arguments_stay_keyword_only():
    assert constructor(ItemID)(supplier_part_id="A") == ItemID(supplier_part_id="A")
    assert repr(constructor(Credential)(domain="d", identity="i", shared_secret="s")) == repr(
        Credential(domain="d", identity="i", shared_secret="s")
    )
    with pytest.raises(TypeError):
        constructor(ItemID)("A")
    with pytest.raises(TypeError):
        constructor(ItemID)()


def test_post_init_checks_still_run():
    with pytest.raises(ValueError, match="ISO 4217"):
        constructor(Money)(amount=Decimal(1), currency="eur")
    with pytest.raises(ValueError, match="SupplierPartID"):
        constructor(ItemID)(supplier_part_id="")


def test_only_frozen_slotted_dataclasses_are_accepted():
    @dataclass(frozen=True)
    class Unslotted:
        a: int

    @dataclass(slots=True)
    class Mutable:
        a: int

    for cls in (Unslotted, Mutable, int):
        with pytest.raises(TypeError):
            constructor(cls)
