"""gateway.text.whole_number: whole numbers as typed in URLs and forms, never an exception."""

import pytest

from gateway.text import whole_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1),
        ("10000", 10_000),
        ("007", 7),
        ("0" * 5000 + "42", 42),  # leading zeros do not count towards the digits Python reads
        ("0", None),  # below low
        ("10001", None),  # above high
        ("9" * 5000, None),  # more digits than int() reads (it raises ValueError)
        ("", None),
        (" 5", None),  # callers strip what they allow
        ("-5", None),
        ("+5", None),
        ("5.0", None),
        ("1e3", None),
        ("²", None),  # a digit to str.isdigit, an error to int()
        ("١٢", None),  # Arabic-Indic digits: int() reads them, a URL of ours never has them
    ],
)
def test_whole_number_from_1_to_10000(text, expected):
    assert whole_number(text, 1, 10_000) == expected


def test_whole_number_up_to_the_largest_id():
    largest = 2**63 - 1
    assert whole_number(str(largest), 0, largest) == largest
    assert whole_number(str(largest + 1), 0, largest) is None
    assert whole_number("0", 0, largest) == 0
