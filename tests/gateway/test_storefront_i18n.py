"""The storefront's number, money and date formats per language, and its text table."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gateway.web.i18n import LANGUAGES
from gateway.web.i18n import TEXTS
from gateway.web.i18n import format_date
from gateway.web.i18n import format_money
from gateway.web.i18n import format_quantity
from gateway.web.i18n import texts_for
from gateway.web.i18n import ui_language
from gateway.web.i18n import unit_name

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("amount", "currency", "language", "shown"),
    [
        ("1234.50", "GBP", "en", "£1,234.50"),
        ("1234.50", "EUR", "fr", f"1{NNBSP}234,50{NBSP}€"),
        ("1234.50", "EUR", "de", f"1.234,50{NBSP}€"),
        ("1234567.891", "EUR", "en", "€1,234,567.89"),
        ("0.005", "GBP", "en", "£0.01"),  # half-up to the minor unit
        ("1234.5", "JPY", "de", f"1.235{NBSP}¥"),  # JPY has no minor unit
        ("12.3456", "KWD", "en", f"KWD{NBSP}12.346"),  # three decimals, no symbol known
        ("99", "CHF", "fr", f"99,00{NBSP}CHF"),
        ("-4.2", "GBP", "en", "-£4.20"),
        ("-4.2", "EUR", "de", f"-4,20{NBSP}€"),
    ],
)
def test_money_is_laid_out_per_language(amount, currency, language, shown):
    assert format_money(Decimal(amount), currency, language) == shown


def test_money_refuses_float():
    with pytest.raises(TypeError, match="Decimal, not float"):
        format_money(1.5, "EUR", "en")


@given(
    amount=st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
    language=st.sampled_from(LANGUAGES),
)
def test_money_reads_back_to_the_same_amount(amount, language):
    shown = format_money(amount, "EUR", language)
    digits = shown.replace("€", "").replace(NBSP, "").replace(NNBSP, "")
    if language == "en":
        digits = digits.replace(",", "")
    else:
        digits = digits.replace(".", "").replace(",", ".")
    assert Decimal(digits) == amount


@pytest.mark.parametrize(
    ("quantity", "en", "fr", "de"),
    [
        ("12", "12", "12", "12"),
        ("12.000", "12", "12", "12"),
        ("2.5", "2.5", "2,5", "2,5"),
        ("1250.125", "1,250.125", f"1{NNBSP}250,125", "1.250,125"),
    ],
)
def test_quantities_drop_trailing_zeros(quantity, en, fr, de):
    shown = [format_quantity(Decimal(quantity), language) for language in LANGUAGES]
    assert shown == [en, fr, de]


def test_dates_and_units():
    day = datetime.date(2026, 8, 1)
    assert [format_date(day, language) for language in LANGUAGES] == [
        "1 August 2026",
        "1 août 2026",
        "1. August 2026",
    ]
    assert [unit_name("C62", language) for language in LANGUAGES] == ["piece", "pièce", "Stück"]
    assert unit_name("XYZ", "fr") == "XYZ"


@pytest.mark.parametrize(
    ("given_language", "used"),
    [("fr", "fr"), ("fr-CA", "fr"), ("de_CH", "de"), ("EN-gb", "en"), ("it", "en"), ("", "en")],
)
def test_session_languages_map_to_en_fr_de(given_language, used):
    assert ui_language(given_language) == used
    assert texts_for(given_language, "EUR").language == used


def test_every_text_has_three_languages_with_the_same_placeholders():
    import string

    for key, versions in TEXTS.items():
        assert len(versions) == 3 and all(versions), key
        fields = [
            {name for _, name, _, _ in string.Formatter().parse(text) if name} for text in versions
        ]
        assert fields[0] == fields[1] == fields[2], key
    texts = texts_for("de", "EUR")
    assert texts("from_quantity", quantity="10") == "ab 10"
    assert texts.money(Decimal("3.85")) == f"3,85{NBSP}€"
