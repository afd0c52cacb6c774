"""Value invariants, digests and snapshot comparison, and a property: whatever valid items
come in, every writer's file passes the validator with the same item count."""

import dataclasses
import datetime
import hashlib
import io
from decimal import Decimal

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from catalog_export import TIERED_FORMATS
from catalog_export import WRITERS
from catalog_export import CatalogItem
from catalog_export import ChangeKind
from catalog_export import ContractInfo
from catalog_export import InvalidCatalogValue
from catalog_export import TierPrice
from catalog_export import UnsupportedCharset
from catalog_export import compare_snapshots
from catalog_export import incremental
from catalog_export import item_digest
from catalog_export import validate_file

BASE = {
    "supplier_part_id": "P-1",
    "description": "Pen",
    "unspsc": "44121704",
    "unit_of_measure": "EA",
    "unit_price": Decimal("1.00"),
    "currency": "EUR",
}


def item(**changes) -> CatalogItem:
    return CatalogItem(**{**BASE, **changes})


@pytest.mark.parametrize(
    "changes",
    [
        {"supplier_part_id": " "},
        {"description": ""},
        {"unspsc": "4412-1704"},
        {"unit_of_measure": "piece"},
        {"unit_price": 1.0},
        {"unit_price": Decimal("-1")},
        {"unit_price": Decimal("NaN")},
        {"unit_price": Decimal("1.00001")},
        {"currency": "eur"},
        {"lead_time_days": -1},
        {"lead_time_days": 1.5},
        {"punchout_level2": True},
        {"tier_prices": (TierPrice(min_quantity=Decimal(10), unit_price=Decimal(1)),) * 2},
        {"tier_prices": [TierPrice(min_quantity=Decimal(10), unit_price=Decimal(1))]},
    ],
)
def test_invalid_items_are_refused(changes):
    with pytest.raises(InvalidCatalogValue):
        item(**changes)


def test_tier_and_contract_invariants(header_with):
    with pytest.raises(InvalidCatalogValue):
        TierPrice(min_quantity=Decimal(1), unit_price=Decimal(1))
    with pytest.raises(InvalidCatalogValue):
        ContractInfo(
            code="C",
            name="N",
            level="",
            valid_from=datetime.date(2024, 2, 1),
            valid_to=datetime.date(2024, 1, 1),
        )
    with pytest.raises(InvalidCatalogValue):
        header_with(generated_at=datetime.datetime(2024, 5, 1, 10))  # no time zone
    with pytest.raises(InvalidCatalogValue):
        header_with(language="German")
    with pytest.raises(UnsupportedCharset):
        header_with(charset="EBCDIC")


def test_digest_is_stable_and_ignores_trailing_zeros():
    assert item_digest(item()) == item_digest(item(unit_price=Decimal("1")))
    assert item_digest(item()) != item_digest(item(unit_price=Decimal("1.01")))
    # The digest is stored with exports: it must never change for the same item.
    assert item_digest(item()) == (
        "baf6f798e60d7d8e650159e643fccd0bb1b0d4375b1f400c6ad8e4a3dbd377db"
    )
    # texts in another language than the export's are another item: a translation is a change
    assert item_digest(item(language="en")) not in (
        item_digest(item()),
        item_digest(item(language="de")),
    )


def test_compare_snapshots_yields_added_changed_then_deleted_in_key_order():
    old = [item(supplier_part_id=key) for key in ("A", "B", "Z", "Y")]
    previous = {entry.supplier_part_id: item_digest(entry) for entry in old}
    current = [item(supplier_part_id="A"), item(supplier_part_id="B", description="Pen, red")]
    current.append(item(supplier_part_id="C"))
    changes = [(c.kind, c.row.supplier_part_id) for c in compare_snapshots(previous, current)]
    assert changes == [
        (ChangeKind.CHANGED, "B"),
        (ChangeKind.ADDED, "C"),
        (ChangeKind.DELETED, "Y"),
        (ChangeKind.DELETED, "Z"),
    ]
    with pytest.raises(InvalidCatalogValue):
        list(compare_snapshots({}, [item(), item()]))


texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(str.strip)
items_strategy = st.builds(
    CatalogItem,
    supplier_part_id=st.from_regex(r"[A-Z0-9-]{1,20}", fullmatch=True),
    description=texts,
    long_description=st.one_of(st.just(""), texts),
    unspsc=st.from_regex(r"[0-9]{8}", fullmatch=True),
    unit_of_measure=st.sampled_from(["EA", "C62", "BX", "KGM"]),
    unit_price=st.decimals(min_value=0, max_value=10**6, places=4),
    currency=st.just("EUR"),
    manufacturer_name=st.one_of(st.just(""), texts),
    lead_time_days=st.one_of(st.none(), st.integers(0, 365)),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(items_strategy, max_size=6, unique_by=lambda i: i.supplier_part_id))
def test_every_writer_output_passes_the_validator(header, rows):
    for name, writer in WRITERS.items():
        out = io.BytesIO()
        result = writer(header, iter(rows), out)
        out.seek(0)
        if name in ("cxml", "bmecat") and not rows:
            continue  # an Index needs an IndexItem, T_NEW_CATALOG a PRODUCT: empty is invalid
        report = validate_file(out)
        assert report.ok, (name, [str(p) for p in report.problems])
        assert report.item_count == result.item_count == len(rows) - len(result.skipped)


awkward_texts = st.text(alphabet=st.sampled_from('aé ,"\\\n\t\x00\x1f\x7f\xa0\u2028€'), max_size=6)


@settings(max_examples=200)
@given(
    item=st.builds(
        CatalogItem,
        supplier_part_id=st.from_regex(r"[A-Z0-9-]{1,8}", fullmatch=True),
        description=awkward_texts.filter(str.strip),
        long_description=awkward_texts,
        manufacturer_name=awkward_texts,
        supplier_url=awkward_texts.map(lambda text: "u" + text),
        unspsc=st.just("44121704"),
        unit_of_measure=st.just("EA"),
        unit_price=st.decimals(min_value=0, max_value=10**6, places=4),
        currency=st.just("EUR"),
        tier_prices=st.lists(st.decimals(min_value=0, max_value=100, places=2), max_size=3).map(
            lambda prices: tuple(
                TierPrice(min_quantity=Decimal(10 * (n + 1)), unit_price=price)
                for n, price in enumerate(prices)
            )
        ),
        lead_time_days=st.one_of(st.none(), st.integers(0, 365)),
        punchout_level2=st.booleans(),
    )
)
def test_the_templated_digest_json_is_the_encoders(item):
    encoded = incremental._encoded_canonical(item)
    assert item_digest(item) == hashlib.sha256(encoded.encode("utf-8")).hexdigest()
    templated = incremental._templated_canonical(item)
    texts = "".join(value for value in dataclasses.astuple(item) if isinstance(value, str))
    escaped = any(mark in '"\\' or mark < " " for mark in texts)
    assert templated == (None if escaped else encoded)


def test_a_minimum_quantity_counts_in_the_digest_only_when_set():
    """Digests stored before items had a minimum stay those of the same items."""
    plain = item()
    assert incremental._templated_canonical(plain) == incremental._encoded_canonical(plain)
    assert "minimum_quantity" not in incremental._encoded_canonical(plain)
    from_five = dataclasses.replace(plain, minimum_quantity=Decimal("5.000"))
    assert '"minimum_quantity":"5"' in incremental._encoded_canonical(from_five)
    assert item_digest(from_five) != item_digest(plain)


def test_item_field_types_are_the_ones_the_digest_template_knows():
    for field in dataclasses.fields(CatalogItem):
        if field.name in incremental._WHEN_SET:  # never templated when set
            continue
        if field.name not in incremental._NON_TEXT_FIELDS:
            assert field.type is str, field.name


@pytest.mark.parametrize(
    "changes",
    [
        {"tier_prices": []},
        {"unit_price": Decimal("1.00000")},
        {"unit_of_measure": "EA", "unspsc": "44 12"},
        {"currency": "EURO"},
        {"minimum_quantity": Decimal(0)},
        {"minimum_quantity": 5},  # an int, not a Decimal
    ],
)
def test_invalid_items_are_refused_after_valid_ones(changes):
    item(unit_price=Decimal("1.0000"))
    item()
    with pytest.raises(InvalidCatalogValue):
        item(**changes)


def test_formats_outside_tiered_formats_write_the_same_bytes_without_tiers(header, items):
    untiered = [dataclasses.replace(entry, tier_prices=()) for entry in items]
    assert untiered != items
    for name, writer in WRITERS.items():
        if name in TIERED_FORMATS:
            continue
        with_tiers, without_tiers = io.BytesIO(), io.BytesIO()
        writer(header, iter(items), with_tiers)
        writer(header, iter(untiered), without_tiers)
        assert with_tiers.getvalue() == without_tiers.getvalue(), name
