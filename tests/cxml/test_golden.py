"""Built documents match hand-written golden files after canonicalisation."""

import pathlib

import pytest
from lxml import etree

from cxml import build_cxml
from cxml import parse_cxml

GOLDEN = pathlib.Path(__file__).parents[1] / "fixtures" / "cxml" / "golden"
CASES = {"setup-response.xml": "setup-response", "order-message.xml": "order-message"}


def canonical(data: bytes) -> str:
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
    return etree.canonicalize(etree.fromstring(data, parser))


@pytest.mark.parametrize("name", sorted(CASES))
def test_built_document_matches_the_golden_file(samples, name):
    golden = (GOLDEN / name).read_bytes()
    built = build_cxml(samples.ALL_DOCUMENTS[CASES[name]])
    assert canonical(built) == canonical(golden)
    assert parse_cxml(golden) == samples.ALL_DOCUMENTS[CASES[name]]
