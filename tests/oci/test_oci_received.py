"""Reading a posted cart form back, including the long-text spellings seen in the wild."""

import pytest

from oci import parse_new_item_fields
from oci.received import ReceivedItem


def test_fields_grouped_by_line_in_index_order():
    cart = parse_new_item_fields(
        [
            ("NEW_ITEM-DESCRIPTION[2]", "Kabel"),
            ("NEW_ITEM-DESCRIPTION[1]", "Schraube"),
            ("NEW_ITEM-QUANTITY[1]", "2.000"),
            ("new_item-price[1]", "1.500"),
            ("~OkCode", "ADDI"),
        ]
    )
    assert [(item.index, dict(item.fields)) for item in cart.items] == [
        (1, {"DESCRIPTION": "Schraube", "QUANTITY": "2.000", "PRICE": "1.500"}),
        (2, {"DESCRIPTION": "Kabel"}),
    ]
    assert cart.other_fields == (("~OkCode", "ADDI"),)


@pytest.mark.parametrize(
    "names",
    [
        ["NEW_ITEM-LONGTEXT_3:132[]", "NEW_ITEM-LONGTEXT_3:132[]"],
        ["NEW_ITEM-LONGTEXT_3:132[][1]", "NEW_ITEM-LONGTEXT_3:132[][2]"],
        ["NEW_ITEM-LONGTEXT[3]", "NEW_ITEM-LONGTEXT[3]"],
    ],
)
def test_long_text_spellings(names):
    cart = parse_new_item_fields(zip(names, ["erste Zeile", "zweite Zeile"], strict=True))
    assert cart.items[0].index == 3
    assert cart.items[0].fields["LONGTEXT"] == "erste Zeile\nzweite Zeile"


def test_received_item_is_frozen_and_indexed_from_one():
    item = ReceivedItem(index=1, fields={"PRICE": "1.000"})
    with pytest.raises(TypeError):
        item.fields["PRICE"] = "2.000"
    with pytest.raises(ValueError):
        ReceivedItem(index=0, fields={})
