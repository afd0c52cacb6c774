"""The field table against the spec (formats.md 2.2-2.4, field-notes 3.3), and number formats.

SPEC below is typed in by hand from formats.md, not derived from oci.fields.
"""

import pathlib
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oci import FIELDS
from oci import FIELDS_BY_NAME
from oci import PARAMETERS
from oci import OciVersion
from oci import fields_for
from oci.fields import FieldKind
from oci.fields import FieldSpec
from oci.fields import Overflow
from oci.fields import Requirement
from oci.numbers import format_number
from oci.numbers import parse_number

V4 = OciVersion.V4_0
V5 = OciVersion.V5_0
T, C, D, INT, F, U, L = (
    FieldKind.TEXT,
    FieldKind.CODE,
    FieldKind.DECIMAL,
    FieldKind.INTEGER,
    FieldKind.FLAG,
    FieldKind.URL,
    FieldKind.LONGTEXT,
)

# name: (max length, kind, integer digits, decimals, OCI 5.0 only)
SPEC = {
    "DESCRIPTION": (40, T, None, 0, False),
    "MATNR": (18, T, None, 0, False),  # 40 in SRM, 18 in SAP help: "emit <= 18"
    "QUANTITY": (15, D, 11, 3, False),
    "UNIT": (3, C, None, 0, False),
    "PRICE": (15, D, 11, 3, False),
    "CURRENCY": (5, C, None, 0, False),
    "PRICEUNIT": (5, INT, 5, 0, False),
    "LEADTIME": (5, INT, 5, 0, False),
    "LONGTEXT": (None, L, None, 0, False),
    "VENDOR": (10, T, None, 0, False),
    "VENDORMAT": (40, T, None, 0, False),
    "MANUFACTCODE": (10, T, None, 0, False),
    "MANUFACTMAT": (40, T, None, 0, False),
    "MATGROUP": (10, T, None, 0, False),
    "SERVICE": (1, F, None, 0, False),
    "CONTRACT": (10, T, None, 0, False),
    "CONTRACT_ITEM": (5, T, None, 0, False),
    "EXT_QUOTE_ID": (35, T, None, 0, False),
    "EXT_QUOTE_ITEM": (10, T, None, 0, False),
    "EXT_PRODUCT_ID": (40, T, None, 0, False),
    "ATTACHMENT": (255, U, None, 0, False),
    "ATTACHMENT_TITLE": (255, T, None, 0, False),
    "ATTACHMENT_PURPOSE": (1, C, None, 0, False),
    "EXT_SCHEMA_TYPE": (10, T, None, 0, False),
    "EXT_CATEGORY_ID": (60, T, None, 0, False),
    "EXT_CATEGORY": (40, T, None, 0, False),
    "SLD_SYS_NAME": (60, T, None, 0, False),
    "CUST_FIELD1": (10, T, None, 0, False),
    "CUST_FIELD2": (10, T, None, 0, False),
    "CUST_FIELD3": (10, T, None, 0, False),
    "CUST_FIELD4": (20, T, None, 0, False),
    "CUST_FIELD5": (50, T, None, 0, False),
    "ITEM_TYPE": (1, T, None, 0, True),
    "PARENT_ID": (10, INT, 10, 0, True),
    "TAX": (5, T, None, 0, True),
}


def test_table_has_exactly_the_spec_fields():
    assert sorted(FIELDS_BY_NAME) == sorted(SPEC)
    assert len(FIELDS) == len(SPEC)


@pytest.mark.parametrize("name", sorted(SPEC))
def test_field_row_matches_the_spec(name):
    length, kind, digits, decimals, only_5 = SPEC[name]
    spec = FIELDS_BY_NAME[name]
    assert (spec.max_length, spec.kind, spec.integer_digits, spec.decimals) == (
        length,
        kind,
        digits,
        decimals,
    )
    assert spec.versions == ({V5} if only_5 else {V4, V5})


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("DESCRIPTION", "NEW_ITEM-DESCRIPTION[1]"),
        ("CONTRACT_ITEM", "NEW_ITEM-CONTRACT_ITEM[12]"),
        ("LONGTEXT", "NEW_ITEM-LONGTEXT_7:132[]"),
    ],
)
def test_form_names(name, expected):
    index = int(re.findall(r"\d+", expected.replace(":132", ""))[0])
    assert FIELDS_BY_NAME[name].form_name(index) == expected


def test_line_indexes_start_at_one():
    with pytest.raises(ValueError):
        FIELDS_BY_NAME["PRICE"].form_name(0)


def test_only_the_description_spills_into_the_long_text():
    cut = {spec.name: spec.overflow for spec in FIELDS if spec.overflow is not Overflow.REFUSE}
    assert cut == {
        "DESCRIPTION": Overflow.TRUNCATE_TO_LONGTEXT,
        "ATTACHMENT_TITLE": Overflow.TRUNCATE,
    }


def test_required_fields_follow_sap_help():
    required = {spec.name: spec.requirement for spec in FIELDS}
    assert {n: r for n, r in required.items() if r is not Requirement.OPTIONAL} == {
        "DESCRIPTION": Requirement.UNLESS_MATNR,
        "QUANTITY": Requirement.ALWAYS,
        "UNIT": Requirement.UNLESS_MATNR,
    }


def test_oci_5_adds_the_hierarchy_and_tax_fields():
    v4 = {spec.name for spec in fields_for(V4)}
    v5 = {spec.name for spec in fields_for(V5)}
    assert v5 - v4 == {"ITEM_TYPE", "PARENT_ID", "TAX"}
    assert v4 < v5


def test_inbound_parameters_are_those_of_the_spec():
    assert [spec.name for spec in PARAMETERS] == [
        "USERNAME",
        "PASSWORD",
        "HOOK_URL",
        "OCI_VERSION",
        "OPI_VERSION",
        "http_content_charset",
        "returntarget",
        "~caller",
        "~OkCode",
        "~target",
        "FUNCTION",
        "PRODUCTID",
        "SEARCHSTRING",
        "QUANTITY",
        "VENDOR",
    ]


def test_a_row_refuses_inconsistent_facts():
    with pytest.raises(ValueError):
        FieldSpec(name="X", max_length=5, kind=FieldKind.DECIMAL, integer_digits=5, decimals=3)
    with pytest.raises(ValueError):
        FieldSpec(name="X", max_length=5, kind=FieldKind.CODE, overflow=Overflow.TRUNCATE)
    with pytest.raises(ValueError):
        FieldSpec(name="X", max_length=None, kind=FieldKind.TEXT)


# -- number formats -----------------------------------------------------------------------------

QUANTITY = FIELDS_BY_NAME["QUANTITY"]
PRICE = FIELDS_BY_NAME["PRICE"]
LEADTIME = FIELDS_BY_NAME["LEADTIME"]


@pytest.mark.parametrize(
    ("spec", "value", "pad", "expected"),
    [
        (QUANTITY, Decimal("2"), False, "2.000"),
        (QUANTITY, Decimal("2"), True, "00000000002.000"),
        (QUANTITY, Decimal("1234567.5"), False, "1234567.500"),
        (PRICE, Decimal("12.5"), False, "12.500"),
        (PRICE, Decimal("0.045"), False, "0.045"),
        (PRICE, Decimal("99999999999.999"), False, "99999999999.999"),
        (PRICE, Decimal("1E+3"), False, "1000.000"),
        (LEADTIME, 3, True, "00003"),
        (LEADTIME, Decimal("14"), False, "14"),
    ],
)
def test_numbers_are_written_as_oci_requires(spec, value, pad, expected):
    assert format_number(spec, value, pad=pad) == expected


@pytest.mark.parametrize(
    ("spec", "value"),
    [
        (QUANTITY, Decimal("1.0005")),
        (QUANTITY, Decimal("100000000000")),
        (PRICE, Decimal("-1")),
        (PRICE, Decimal("NaN")),
        (PRICE, 1.5),
        (LEADTIME, 100000),
        (LEADTIME, Decimal("1.5")),
        (LEADTIME, True),
    ],
)
def test_numbers_that_do_not_fit_are_refused(spec, value):
    with pytest.raises(ValueError):
        format_number(spec, value)


@given(
    st.decimals(min_value=0, max_value=Decimal("99999999999.999"), places=3, allow_nan=False),
    st.booleans(),
)
def test_any_quantity_round_trips_in_plain_ascii(value, pad):
    text = format_number(QUANTITY, value, pad=pad)
    assert re.fullmatch(r"[0-9]{1,11}\.[0-9]{3}", text)
    assert len(text) <= QUANTITY.max_length
    assert not pad or len(text) == QUANTITY.max_length
    assert parse_number(QUANTITY, text) == value


@pytest.mark.parametrize("text", ["1,5", "1.5e3", "-1", "+1", "1 000", "1.0000", "", "١"])
def test_inbound_numbers_follow_the_same_format(text):
    with pytest.raises(ValueError):
        parse_number(QUANTITY, text)


def test_docs_list_every_field_with_its_length():
    doc = pathlib.Path(__file__).resolve().parents[2] / "docs" / "oci.md"
    row = re.compile(r"^\| `NEW_ITEM-([A-Z0-9_]+)(?:_n:132\[\]|\[n\])` \| (\w+) \|", re.M)
    rows = row.findall(doc.read_text(encoding="utf-8"))
    documented = {name: None if length == "unlimited" else int(length) for name, length in rows}
    assert documented == {spec.name: spec.max_length for spec in FIELDS}
