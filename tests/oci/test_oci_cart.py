"""Outbound fields from cart lines: lengths, cuts, refusals, prices, units, versions."""

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oci import CartLine
from oci import ConfigurationError
from oci import FieldNotInVersion
from oci import FieldTooLong
from oci import InvalidFieldValue
from oci import OciVersion
from oci import OutboundOptions
from oci import PriceMode
from oci import UnitMap
from oci import UnmappedUnits
from oci import build_new_item_fields
from oci import find_unmapped_units
from oci import parse_new_item_fields
from oci import validate_unit_map

UNITS = UnitMap(codes={"C62": "ST", "KGM": "KG", "MTR": "M"})
OPTIONS = OutboundOptions(unit_map=UNITS)


def line(**values):
    base = {"description": "Schraube", "quantity": Decimal(1), "unit": "C62"}
    return CartLine(**(base | values))


def fields_of(*lines, options=OPTIONS):
    return dict(build_new_item_fields(lines, options))


def test_minimal_line():
    assert build_new_item_fields([line()], OPTIONS) == (
        ("NEW_ITEM-DESCRIPTION[1]", "Schraube"),
        ("NEW_ITEM-QUANTITY[1]", "1.000"),
        ("NEW_ITEM-UNIT[1]", "ST"),
    )


def test_several_lines_are_indexed_from_one():
    names = [name for name, _ in build_new_item_fields([line(), line(), line()], OPTIONS)]
    assert [n for n in names if n.startswith("NEW_ITEM-QUANTITY")] == [
        "NEW_ITEM-QUANTITY[1]",
        "NEW_ITEM-QUANTITY[2]",
        "NEW_ITEM-QUANTITY[3]",
    ]


def test_long_description_is_cut_and_goes_whole_into_the_long_text():
    text = "Winkelschleifer GWS 18V-10, 125 mm, bürstenlos, ohne Akku, im Karton"
    out = fields_of(line(description=text))
    assert out["NEW_ITEM-DESCRIPTION[1]"] == text[:40]
    assert len(out["NEW_ITEM-DESCRIPTION[1]"]) == 40
    assert out["NEW_ITEM-LONGTEXT_1:132[]"] == text


def test_cut_description_leads_the_lines_own_long_text():
    text = "x" * 41
    out = fields_of(line(), line(description=text, longtext="Zweite Zeile"))
    assert out["NEW_ITEM-LONGTEXT_2:132[]"] == f"{text}\nZweite Zeile"
    assert "NEW_ITEM-LONGTEXT_1:132[]" not in out


def test_forty_characters_are_not_cut():
    text = "é" * 40
    out = fields_of(line(description=text))
    assert out["NEW_ITEM-DESCRIPTION[1]"] == text
    assert "NEW_ITEM-LONGTEXT_1:132[]" not in out


def test_lengths_count_characters_after_nfc():
    decomposed = "e\u0301" * 40  # 80 code points, 40 characters once composed
    assert fields_of(line(description=decomposed))["NEW_ITEM-DESCRIPTION[1]"] == "é" * 40


def test_attachment_title_is_cut_without_long_text():
    out = fields_of(line(attachment="https://s.example/a.pdf", attachment_title="t" * 300))
    assert out["NEW_ITEM-ATTACHMENT_TITLE[1]"] == "t" * 255
    assert "NEW_ITEM-LONGTEXT_1:132[]" not in out


@pytest.mark.parametrize(
    ("attribute", "value", "field", "max_length"),
    [
        ("vendormat", "V" * 41, "VENDORMAT", 40),
        ("vendor", "10023400001", "VENDOR", 10),  # a partner's vendor number one digit too long
        ("matgroup", "43211503-01", "MATGROUP", 10),
        ("contract", "46000001234", "CONTRACT", 10),
        ("contract_item", "000010", "CONTRACT_ITEM", 5),
        ("manufactmat", "M" * 41, "MANUFACTMAT", 40),
        ("ext_product_id", "P" * 41, "EXT_PRODUCT_ID", 40),
        ("cust_field1", "c" * 11, "CUST_FIELD1", 10),
        ("cust_field5", "c" * 51, "CUST_FIELD5", 50),
        ("matnr", "1" * 19, "MATNR", 18),
        ("currency", "EURO12", "CURRENCY", 5),
    ],
)
def test_overflow_where_a_cut_changes_meaning_is_refused(attribute, value, field, max_length):
    extra = {"price": Decimal(1), "currency": "EUR"}
    lines = [line(), line(**(extra | {attribute: value}))]
    with pytest.raises(FieldTooLong) as caught:
        build_new_item_fields(lines, OPTIONS)
    error = caught.value
    assert (error.line, error.field, error.max_length) == (2, field, max_length)
    assert (error.status, error.fault) == (422, "supplier")
    expected = f"{len(value)} characters, the field holds {max_length}"
    assert str(error) == f"line 2, NEW_ITEM-{field}: {expected}"


@pytest.mark.parametrize("codes", [{"C62": "STCK"}, {"C62": "%"}, {"piece": "ST"}, {"C62": ""}])
def test_unit_map_refuses_codes_that_cannot_be_sent(codes):
    with pytest.raises(ConfigurationError):
        UnitMap(codes=codes)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"quantity": Decimal("1.0005")}, "QUANTITY"),
        ({"quantity": Decimal("123456789012")}, "QUANTITY"),
        ({"price": Decimal("0.0125"), "currency": "EUR"}, "PRICE"),
        ({"price": Decimal("1"), "currency": "EUR", "priceunit": 100000}, "PRICEUNIT"),
        ({"leadtime": 100000}, "LEADTIME"),
        ({"price": Decimal("1"), "currency": "€"}, "CURRENCY"),
        ({"description": "tab\tin a short text"}, "DESCRIPTION"),
        ({"vendormat": "A\x00B"}, "VENDORMAT"),
        ({"attachment": "javascript:alert(1)"}, "ATTACHMENT"),
    ],
)
def test_values_oci_cannot_carry_are_refused(values, field):
    with pytest.raises(InvalidFieldValue) as caught:
        build_new_item_fields([line(**values)], OPTIONS)
    assert (caught.value.line, caught.value.field) == (1, field)


def test_long_text_keeps_line_breaks():
    out = fields_of(line(longtext="a\nb\r\nc\td"))
    assert out["NEW_ITEM-LONGTEXT_1:132[]"] == "a\nb\r\nc\td"


def test_priceunit_is_sent_only_for_a_price_per_more_than_one_unit():
    per_one = fields_of(line(price=Decimal("0.045"), currency="EUR"))
    per_thousand = fields_of(line(price=Decimal("12.50"), priceunit=1000, currency="EUR"))
    assert per_one["NEW_ITEM-PRICE[1]"] == "0.045"
    assert "NEW_ITEM-PRICEUNIT[1]" not in per_one
    assert (per_thousand["NEW_ITEM-PRICE[1]"], per_thousand["NEW_ITEM-PRICEUNIT[1]"]) == (
        "12.500",
        "1000",
    )


@pytest.mark.parametrize(
    ("price", "priceunit", "sent"),
    [
        (Decimal("12.50"), 1000, "0.013"),  # 0.0125 rounds half up
        (Decimal("12.40"), 1000, "0.012"),  # 0.0124 rounds down
        (Decimal("10.00"), 3, "3.333"),
        (Decimal("20.00"), 3, "6.667"),
        (Decimal("7.00"), 1, "7.000"),
        (Decimal("12.5005"), 1000, "0.013"),  # more decimals than PRICE has, divided first
    ],
)
def test_per_unit_mode_divides_and_rounds_half_up_to_three_decimals(price, priceunit, sent):
    options = dataclasses.replace(OPTIONS, price_mode=PriceMode.PER_UNIT)
    out = fields_of(line(price=price, priceunit=priceunit, currency="EUR"), options=options)
    assert out["NEW_ITEM-PRICE[1]"] == sent
    assert "NEW_ITEM-PRICEUNIT[1]" not in out


def test_unmapped_unit_is_a_configuration_error_not_a_default():
    with pytest.raises(UnmappedUnits) as caught:
        build_new_item_fields([line(unit="LTR")], OPTIONS)
    assert caught.value.units == ("LTR",)
    assert caught.value.status == 500


def test_unit_map_check_reports_every_unmapped_unit():
    in_use = ["C62", "LTR", "HUR", "KGM", "LTR"]
    assert find_unmapped_units(UNITS, in_use) == ("HUR", "LTR")
    with pytest.raises(UnmappedUnits) as caught:
        validate_unit_map(UNITS, in_use)
    assert str(caught.value) == "no partner unit code for: HUR, LTR"
    validate_unit_map(UNITS, ["C62", "MTR"])


def test_identity_unit_map_for_partners_on_iso_codes():
    out = fields_of(line(unit="PCE"), options=OutboundOptions(unit_map=UnitMap.identity(["PCE"])))
    assert out["NEW_ITEM-UNIT[1]"] == "PCE"


def test_oci_5_fields_are_refused_in_4_0_and_sent_in_5_0():
    bundle = [line(item_type="R"), line(parent_id=1, tax="A1")]
    with pytest.raises(FieldNotInVersion) as caught:
        build_new_item_fields(bundle, OPTIONS)
    assert (caught.value.line, caught.value.field) == (1, "ITEM_TYPE")
    v5 = dataclasses.replace(OPTIONS, version=OciVersion.V5_0)
    out = fields_of(*bundle, options=v5)
    assert (out["NEW_ITEM-ITEM_TYPE[1]"], out["NEW_ITEM-PARENT_ID[2]"]) == ("R", "1")
    assert out["NEW_ITEM-TAX[2]"] == "A1"


def test_partner_required_fields():
    options = dataclasses.replace(OPTIONS, required_fields=frozenset({"LEADTIME", "VENDOR"}))
    with pytest.raises(InvalidFieldValue) as caught:
        build_new_item_fields([line(leadtime=2)], options)
    assert (caught.value.field, str(caught.value)) == (
        "VENDOR",
        "line 1, NEW_ITEM-VENDOR: is required by the partner",
    )
    with pytest.raises(ValueError):
        dataclasses.replace(OPTIONS, required_fields=frozenset({"NOPE"}))


def test_matnr_line_needs_no_description_or_unit():
    assert build_new_item_fields([CartLine(matnr="4711", quantity=Decimal(2))], OPTIONS) == (
        ("NEW_ITEM-MATNR[1]", "4711"),
        ("NEW_ITEM-QUANTITY[1]", "2.000"),
    )


def test_send_empty_fields_lists_every_field_of_the_version():
    options = dataclasses.replace(OPTIONS, send_empty_fields=True)
    out = build_new_item_fields([line()], options)
    assert len(out) == 34 - 3  # every field but LONGTEXT and the three OCI 5.0 fields
    assert dict(out)["NEW_ITEM-PRICE[1]"] == ""


def test_pad_numbers():
    options = dataclasses.replace(OPTIONS, pad_numbers=True)
    out = fields_of(line(price=Decimal("5"), currency="EUR", leadtime=7), options=options)
    assert (out["NEW_ITEM-QUANTITY[1]"], out["NEW_ITEM-PRICE[1]"]) == (
        "00000000001.000",
        "00000000005.000",
    )
    assert out["NEW_ITEM-LEADTIME[1]"] == "00007"


def test_echo_fields_come_last_unchanged():
    out = build_new_item_fields([line()], OPTIONS, echo_fields=[("~OkCode", "ADDI"), ("a", "")])
    assert out[-2:] == (("~OkCode", "ADDI"), ("a", ""))


@pytest.mark.parametrize(
    "values",
    [
        {"quantity": Decimal(0)},
        {"quantity": 1.5},
        {"price": Decimal(1)},
        {"price": 1.0, "currency": "EUR"},
        {"priceunit": 0},
        {"leadtime": -1},
        {"description": None},
        {"unit": ""},
    ],
)
def test_cart_line_checks_its_invariants(values):
    with pytest.raises(ValueError):
        line(**values)


text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=60
)


@given(
    description=text,
    quantity=st.decimals(min_value=Decimal("0.001"), max_value=Decimal("99999"), places=3),
    vendormat=st.text("ABCDEF-0123456789", max_size=40),
)
def test_built_fields_read_back_the_same(description, quantity, vendormat):
    cart_line = line(description=description, quantity=quantity, vendormat=vendormat)
    received = parse_new_item_fields(build_new_item_fields([cart_line, cart_line], OPTIONS))
    assert [item.index for item in received.items] == [1, 2]
    fields = received.items[1].fields
    assert Decimal(fields["QUANTITY"]) == quantity
    assert fields.get("VENDORMAT") == (vendormat or None)
    assert len(fields["DESCRIPTION"]) <= 40
    assert fields.get("LONGTEXT", fields["DESCRIPTION"]).startswith(fields["DESCRIPTION"])


@pytest.mark.parametrize("url", ["ftp://files.example/a.pdf", "https://[::1/a.pdf"])
def test_an_attachment_that_is_no_web_url_is_refused(url):
    with pytest.raises(InvalidFieldValue) as caught:
        build_new_item_fields([line(attachment=url)], OPTIONS)
    assert str(caught.value) == f"line 1, NEW_ITEM-ATTACHMENT: {url!r} is not an http(s) URL"
