"""Envelope rules, versions, ids and timestamps, responses to errors, unsupported content."""

import re
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from datetime import timezone

import pytest
from lxml import etree

from cxml import DEFAULT_VERSION
from cxml import CXml
from cxml import InvalidContent
from cxml import PayloadIdFactory
from cxml import Response
from cxml import SchemaViolation
from cxml import Status
from cxml import UnsupportedMessage
from cxml import UnsupportedVersion
from cxml import build_cxml
from cxml import error_response
from cxml import parse_cxml
from cxml import parse_timestamp
from cxml.versions import parse_doctype

FIXED = datetime(2024, 5, 1, 10, 0, 0, 123000, tzinfo=timezone(timedelta(hours=2)))


def test_payload_ids_are_time_random_and_host():
    factory = PayloadIdFactory(
        host="gw.supplier.example", clock=lambda: FIXED, random_hex=lambda n: "0f" * n
    )
    assert factory.payload_id() == "1714550400123.0f0f0f0f0f0f0f0f@gw.supplier.example"


def test_real_payload_ids_differ():
    factory = PayloadIdFactory(host="gw.supplier.example")
    assert re.fullmatch(r"\d{13}\.[0-9a-f]{16}@gw\.supplier\.example", factory.payload_id())
    assert factory.payload_id() != factory.payload_id()


def test_a_naive_clock_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        PayloadIdFactory(host="h", clock=datetime.now).now()


def test_error_response_carries_the_status_and_a_fresh_envelope():
    factory = PayloadIdFactory(
        host="gw.supplier.example", clock=lambda: FIXED, random_hex=lambda n: "1" * 2 * n
    )
    document = error_response(UnsupportedMessage("QuoteRequest is not supported"), ids=factory)
    data = build_cxml(document)
    root = etree.fromstring(data)
    assert root.get("timestamp") == "2024-05-01T10:00:00+02:00"
    assert root.get("payloadID") == "1714550400123.1111111111111111@gw.supplier.example"
    status = root.find("Response/Status")
    assert (status.get("code"), status.get("text"), status.text) == (
        "450",
        "Not Implemented",
        "QuoteRequest is not supported",
    )
    assert data.startswith(
        b"<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE cXML SYSTEM "
        b'"http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">'
    )


def test_documents_are_built_with_the_chosen_version_and_dtd(samples):
    document = samples.request(samples.ship_notice())
    older = CXml(
        **{**{f: getattr(document, f) for f in CXml.__dataclass_fields__}, "version": "1.2.014"}
    )
    data = build_cxml(older)
    assert b'"http://xml.cxml.org/schemas/cXML/1.2.014/Fulfill.dtd"' in data
    assert b'version="1.2.014"' in data
    assert parse_cxml(data).version == "1.2.014"
    assert DEFAULT_VERSION == "1.2.063"


@pytest.mark.parametrize("version", ["1.1.007", "1.2.008", "1.2.014", "1.2.050", "1.2.063"])
def test_any_11_or_120xx_doctype_is_accepted_without_loading_it(version):
    doctype = parse_doctype(
        f'<!DOCTYPE cXML SYSTEM "http://xml.cXML.org/schemas/cXML/{version}/cXML.dtd">'
    )
    assert (doctype.version, doctype.dtd_file) == (version, "cXML.dtd")


@pytest.mark.parametrize("version", ["1.3.001", "2.0", "1.2.1000", "1.2.63"])
def test_other_versions_are_refused(version):
    with pytest.raises(UnsupportedVersion):
        parse_doctype(
            f'<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/{version}/cXML.dtd">'
        )


def test_unsupported_request_kinds_answer_450():
    data = (
        b'<cXML payloadID="p" timestamp="2024-05-01T10:00:00Z"><Header><From><Credential '
        b'domain="d"><Identity>i</Identity></Credential></From><To><Credential domain="d">'
        b'<Identity>i</Identity></Credential></To><Sender><Credential domain="d"><Identity>i'
        b"</Identity></Credential><UserAgent>u</UserAgent></Sender></Header><Request>"
        b"<QuoteRequest/></Request></cXML>"
    )
    with pytest.raises(SchemaViolation):
        parse_cxml(data)
    with pytest.raises(UnsupportedMessage) as caught:
        parse_cxml(data, mode=None)
    assert caught.value.code == 450


def test_broken_invariants_in_a_document_become_invalid_content(samples):
    data = build_cxml(samples.ALL_DOCUMENTS["order-request"]).replace(
        b'<Total><Money currency="EUR">', b'<Total><Money currency="USD">'
    )
    with pytest.raises(InvalidContent, match="priced in EUR but the order Total is in USD"):
        parse_cxml(data)


def test_timestamps_need_a_zone_unless_lenient():
    with pytest.raises(InvalidContent, match="no time zone"):
        parse_timestamp("2024-05-01T10:00:00")
    assert parse_timestamp("2024-05-01T10:00:00", lenient=True) == datetime(
        2024, 5, 1, 10, tzinfo=UTC
    )


def test_a_response_has_no_header_and_a_request_needs_one(samples):
    with pytest.raises(ValueError, match="Header"):
        CXml(
            payload_id="p",
            timestamp=FIXED,
            header=samples.HEADER,
            body=Response(status=Status(code=200, text="OK")),
        )
