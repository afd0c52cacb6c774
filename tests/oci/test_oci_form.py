"""oci.decode_form: the fields of a call in UTF-8 or ISO-8859-1, as each value's bytes tell."""

import pytest

from oci import decode_form
from oci.form import MAX_FIELDS


def test_utf8_and_latin1_values_both_arrive_intact():
    query = b"USERNAME=m%C3%BCller&SEARCHSTRING=M%FCller+%26+S%F6hne"
    body = b"~caller=CTLG&NEW_ITEM-DESCRIPTION%5B1%5D=C%E2ble%20%22USB%22&empty="
    assert decode_form(query, body) == [
        ("USERNAME", "müller"),
        ("SEARCHSTRING", "Müller & Söhne"),
        ("~caller", "CTLG"),
        ("NEW_ITEM-DESCRIPTION[1]", 'Câble "USB"'),
        ("empty", ""),
    ]


def test_repeated_names_keep_their_order():
    assert decode_form(b"a=1&b=2&a=3") == [("a", "1"), ("b", "2"), ("a", "3")]


def test_too_many_fields_is_refused():
    with pytest.raises(ValueError, match="fields"):
        decode_form(b"&".join(b"f%d=1" % n for n in range(MAX_FIELDS + 1)))
