"""Values read from the same short text are reused; the caches stay small whatever is sent."""

from decimal import Decimal

from lxml import etree

from cxml import _xml
from cxml import ids
from cxml import values
from cxml._xml import to_decimal
from cxml.ids import parse_date_or_timestamp
from cxml.values import read_money


def test_the_same_text_reads_as_an_equal_value_each_time():
    el = etree.fromstring(b'<Money currency="EUR">12.50</Money>')
    assert read_money(el) == read_money(el)
    assert read_money(el).amount == Decimal("12.50") and str(read_money(el).amount) == "12.50"
    assert to_decimal(" 3 ", el, "quantity") == Decimal(3)
    assert str(parse_date_or_timestamp("2024-05-10")) == "2024-05-10"


def test_long_texts_are_read_but_not_kept():
    el = etree.fromstring(b"<q/>")
    digits = "9" * 5000
    assert to_decimal(digits, el, "quantity") == Decimal(digits)
    money = etree.fromstring(f'<Money currency="   EUR   ">{digits}</Money>'.encode())
    assert read_money(money).amount == Decimal(digits)
    assert all(len(key) <= 40 for key in _xml._decimals)
    assert all(len(currency + text) <= 40 for currency, text in values._monies)


def test_the_caches_are_bounded():
    el = etree.fromstring(b"<q/>")
    for n in range(3 * _xml._CACHE_SIZE):
        to_decimal(str(n), el, "quantity")
        parse_date_or_timestamp(f"{2000 + n % 1000}-01-{1 + n % 28:02d}")
    assert len(_xml._decimals) <= _xml._CACHE_SIZE
    assert len(ids._dates) <= _xml._CACHE_SIZE
