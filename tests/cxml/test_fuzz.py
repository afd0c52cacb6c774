"""Random and mutated documents: the parser raises only the library's own errors."""

from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from cxml import PeerError
from cxml import build_cxml
from cxml import parse_cxml
from tests.cxml.conftest import ALL_DOCUMENTS

SEEDS = [build_cxml(document) for document in ALL_DOCUMENTS.values()]
SNIPPETS = [
    b"<!DOCTYPE cXML [<!ENTITY a 'b'>]>",
    b"&a;",
    b"&#0;",
    b"<![CDATA[",
    b"]]>",
    b"<Extrinsic>",
    b'currency="EU"',
    b'quantity="-1"',
    b'quantity="1e9"',
    b"\xff\xfe",
    b"\x00",
    b'timestamp="yesterday"',
    b'<?xml version="1.0" encoding="UTF-16"?>',
    b"<ItemOut/>",
    b"</cXML>",
]


def _parse_both_modes(data: bytes) -> None:
    for mode in ("strict", "lenient", None):
        try:
            parse_cxml(data, mode=mode)
        except PeerError:
            pass


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_raise_only_library_errors(data):
    _parse_both_modes(data)


@st.composite
def mutated(draw):
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        if action == "flip" and position < len(data):
            data[position] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[position:]
        elif action == "insert":
            data[position:position] = draw(st.sampled_from(SNIPPETS))
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 40))]
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_documents_raise_only_library_errors(data):
    _parse_both_modes(data)
