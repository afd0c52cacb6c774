"""Strict and lenient validation: every problem with its path; the modes differ only by D1-D6."""

import pytest
from lxml import etree

from cxml import SchemaViolation
from cxml import build_cxml
from cxml import validate_cxml


def broken_order(samples) -> bytes:
    """An order with three independent schema problems in three places."""
    root = etree.fromstring(build_cxml(samples.ALL_DOCUMENTS["order-request"]))
    header = root.find("Request/OrderRequest/OrderRequestHeader")
    header.set("type", "replace")
    for classification in root.iter("Classification"):
        classification.getparent().remove(classification)
    root.find("Request/OrderRequest/ItemOut[2]/ItemDetail/UnitPrice/Money").set("currency", "eur")
    return etree.tostring(root)


def test_every_problem_is_reported_with_its_path(samples):
    with pytest.raises(SchemaViolation) as caught:
        validate_cxml(broken_order(samples))
    paths = [problem.path for problem in caught.value.problems]
    assert "/cXML/Request/OrderRequest/OrderRequestHeader" in paths
    assert "/cXML/Request/OrderRequest/ItemOut[2]/ItemDetail/UnitPrice/Money" in paths
    assert paths.count("/cXML/Request/OrderRequest/ItemOut[1]/ItemDetail") == 1
    assert len(paths) == 5
    assert caught.value.code == 406
    assert all(problem.line for problem in caught.value.problems)


def test_lenient_mode_forgives_only_the_documented_deviations(samples):
    with pytest.raises(SchemaViolation) as caught:
        validate_cxml(broken_order(samples), mode="lenient")
    assert [problem.path for problem in caught.value.problems] == [
        "/cXML/Request/OrderRequest/OrderRequestHeader",
        "/cXML/Request/OrderRequest/ItemOut[2]/ItemDetail/UnitPrice/Money",
    ]


DEVIATIONS = {
    "D1 zone-less timestamp": (
        b'timestamp="2024-05-01T10:30:00+01:00"',
        b'timestamp="2024-05-01T10:30:00"',
    ),
    "D2 date-only orderDate": (b'orderDate="2024-05-01T10:30:00+01:00"', b'orderDate="2024-05-01"'),
    "D3 empty Phone": (
        b'<Phone><TelephoneNumber><CountryCode isoCountryCode="DE">49</CountryCode>'
        b"<AreaOrCityCode>221</AreaOrCityCode><Number>123456</Number></TelephoneNumber></Phone>",
        b"<Phone/>",
    ),
    "D4 no Classification": (b'<Classification domain="UNSPSC">44103103</Classification>', b""),
}


@pytest.mark.parametrize("name", sorted(DEVIATIONS))
def test_each_deviation_fails_strict_and_passes_lenient(samples, name):
    old, new = DEVIATIONS[name]
    data = build_cxml(samples.ALL_DOCUMENTS["order-request"])
    assert old in data
    deviant = data.replace(old, new)
    validate_cxml(deviant, mode="lenient")
    with pytest.raises(SchemaViolation):
        validate_cxml(deviant, mode="strict")


def test_d5_an_order_without_lines_passes_lenient_only(samples):
    root = etree.fromstring(build_cxml(samples.ALL_DOCUMENTS["order-request"]))
    for item in root.findall("Request/OrderRequest/ItemOut"):
        item.getparent().remove(item)
    data = etree.tostring(root)
    validate_cxml(data, mode="lenient")
    with pytest.raises(SchemaViolation, match="ItemOut"):
        validate_cxml(data, mode="strict")


def test_unmodelled_dtd_elements_keep_their_place_in_the_sequence(samples):
    root = etree.fromstring(build_cxml(samples.ALL_DOCUMENTS["order-request"]))
    header = root.find("Request/OrderRequest/OrderRequestHeader")
    payment = etree.Element("Payment")
    etree.SubElement(payment, "PCard", number="4111", expiration="2026-01-01")
    header.insert(list(header).index(header.find("Contact")), payment)
    validate_cxml(etree.tostring(root))
    header.append(etree.Element("Payment"))
    with pytest.raises(SchemaViolation):
        validate_cxml(etree.tostring(root))


def test_unknown_mode_is_a_programming_error(samples):
    with pytest.raises(ValueError, match="validation mode"):
        validate_cxml(build_cxml(samples.ALL_DOCUMENTS["profile-request"]), mode="loose")
