"""Hostile inputs are refused with typed 4xx errors, quickly, in bounded memory, off the network."""

import codecs
import socket
import time
import tracemalloc

import pytest

from cxml import CXmlError
from cxml import EncodingMismatch
from cxml import ForbiddenConstruct
from cxml import LimitExceeded
from cxml import Limits
from cxml import MalformedDocument
from cxml import UnsupportedVersion
from cxml import build_cxml
from cxml import parse_cxml
from cxml import parse_xml

DOCTYPE = '<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">'
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY a "ha">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]><cXML>&j;</cXML>"
)
QUADRATIC = (
    '<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY big "'
    + "x" * 50_000
    + '">]><cXML>'
    + "&big;" * 20_000
    + "</cXML>"
)

HOSTILE = {
    "external entity, file": (
        '<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<cXML>&x;</cXML>",
        ForbiddenConstruct,
    ),
    "external entity, http": (
        '<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY x SYSTEM "http://198.51.100.7/x">]>'
        "<cXML>&x;</cXML>",
        ForbiddenConstruct,
    ),
    "parameter entity": (
        '<!DOCTYPE cXML [<!ENTITY % p SYSTEM "http://198.51.100.7/p.dtd"> %p;]><cXML/>',
        ForbiddenConstruct,
    ),
    "billion laughs": (LAUGHS, ForbiddenConstruct),
    "quadratic blow-up": (QUADRATIC, ForbiddenConstruct),
    "external DTD, http": (
        '<!DOCTYPE cXML SYSTEM "http://198.51.100.7/cXML.dtd"><cXML/>',
        ForbiddenConstruct,
    ),
    "external DTD, file": (
        '<!DOCTYPE cXML SYSTEM "file:///etc/passwd"><cXML/>',
        ForbiddenConstruct,
    ),
    "external DTD, public id": (
        '<!DOCTYPE cXML PUBLIC "-//x//y" "http://198.51.100.7/x.dtd"><cXML/>',
        ForbiddenConstruct,
    ),
    "undeclared entity behind a cXML DOCTYPE": (DOCTYPE + "<cXML>&x;</cXML>", ForbiddenConstruct),
    # libxml2 dropped it from the attribute without a word: name="UserEmail"
    "undeclared entity in an attribute behind a cXML DOCTYPE": (
        DOCTYPE + '<cXML><Extrinsic name="User&x;Email">a</Extrinsic></cXML>',
        ForbiddenConstruct,
    ),
    "10,000-deep nesting": ("<cXML>" + "<a>" * 10_000 + "</a>" * 10_000 + "</cXML>", LimitExceeded),
    "60-deep nesting": ("<cXML>" + "<a>" * 60 + "</a>" * 60 + "</cXML>", LimitExceeded),
    "not XML at all": ("HTTP/1.1 200 OK\r\n\r\n{}", MalformedDocument),
    "empty body": ("", MalformedDocument),
    "truncated": ('<?xml version="1.0"?><cXML payloadID="x"><Header>', MalformedDocument),
    "unsupported DTD version": (
        '<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/2.0.001/cXML.dtd"><cXML/>',
        UnsupportedVersion,
    ),
}


def _no_network(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError("network attempt")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_refused_quickly_and_offline(name, monkeypatch):
    text, expected = HOSTILE[name]
    attempts = _no_network(monkeypatch)
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(expected) as caught:
        parse_cxml(text.encode("utf-8"))
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert 400 <= caught.value.code < 500
    assert caught.value.reason
    assert elapsed < 0.5
    assert peak < 8 * len(text) + 1_000_000
    assert attempts == []


@pytest.mark.parametrize(
    "body",
    [
        '<cXML><Extrinsic name="User&x;Email">a</Extrinsic></cXML>',
        "<cXML a='&x;'/>",
        '<cXML a="&amp;&x;"/>',
        "<cXML>&x;</cXML>",
    ],
)
def test_an_entity_reference_is_refused_in_attributes_as_in_content(body):
    with pytest.raises(ForbiddenConstruct, match="entity references are never expanded"):
        parse_xml(f"{DOCTYPE}{body}".encode())


def test_predefined_and_character_references_and_ampersands_outside_markup_are_read():
    body = (
        '<cXML a="&lt;&gt;&amp;&quot;&apos;&#65;&#x42;">'
        "<![CDATA[&x; stays text]]><!-- &y; --><?pi &z;?>&amp;&#67;</cXML>"
    )
    root = parse_xml(f"{DOCTYPE}{body}".encode()).root
    assert (root.get("a"), root.xpath("string()")) == ("<>&\"'AB", "&x; stays text&C")


def test_size_bound_is_checked_before_parsing():
    body = b"<cXML>" + b"<a/>" * 300_000 + b"</cXML>"
    started = time.perf_counter()
    with pytest.raises(LimitExceeded, match="limit is 1000000 bytes"):
        parse_xml(body, Limits(max_bytes=1_000_000))
    assert time.perf_counter() - started < 0.01


def test_default_size_bound_is_a_few_megabytes():
    with pytest.raises(LimitExceeded):
        parse_xml(b" " * (4 * 1024 * 1024 + 1))


def test_depth_bound_is_configurable():
    body = b"<cXML>" + b"<a>" * 10 + b"</a>" * 10 + b"</cXML>"
    assert parse_xml(body, Limits(max_depth=11)).root.tag == "cXML"
    with pytest.raises(LimitExceeded, match="deeper than 10"):
        parse_xml(body, Limits(max_depth=10))


ENCODING_CASES = {
    "invalid UTF-8": (b'<?xml version="1.0"?><cXML>\xff\xfe</cXML>', "not valid UTF-8"),
    "Latin-1 bytes declared UTF-8": (
        '<?xml version="1.0" encoding="UTF-8"?><cXML>Köln</cXML>'.encode("latin-1"),
        "ISO-8859-1",
    ),
    "UTF-16 declared without BOM": (
        '<?xml version="1.0" encoding="UTF-16"?><cXML/>'.encode("utf-16-le"),
        "byte order mark",
    ),
    "UTF-16 BOM declared UTF-8": (
        '<?xml version="1.0" encoding="UTF-8"?><cXML/>'.encode("utf-16"),
        "declaration says utf-8",
    ),
    "unsupported encoding": (
        b'<?xml version="1.0" encoding="EBCDIC-US"?><cXML/>',
        "not supported",
    ),
    "UTF-32": (codecs.BOM_UTF32_LE + "<cXML/>".encode("utf-32-le"), "UTF-32"),
}


@pytest.mark.parametrize("name", sorted(ENCODING_CASES))
def test_wrong_or_unsupported_encodings_get_a_clear_error(name):
    data, fragment = ENCODING_CASES[name]
    with pytest.raises(EncodingMismatch, match=fragment) as caught:
        parse_xml(data)
    assert caught.value.code == 400


@pytest.mark.parametrize(
    ("declaration", "codec"),
    [
        ('<?xml version="1.0" encoding="ISO-8859-1"?>', "latin-1"),
        ('<?xml version="1.0" encoding="UTF-16"?>', "utf-16"),
        ('<?xml version="1.0" encoding="utf-8"?>', "utf-8-sig"),
        ("", "utf-8"),
    ],
)
def test_supported_encodings_read_the_same_text(declaration, codec):
    data = (declaration + "<cXML><City>Köln</City></cXML>").encode(codec)
    assert parse_xml(data).root.findtext("City") == "Köln"


def test_a_valid_document_parses_with_the_network_refused(samples, monkeypatch):
    attempts = _no_network(monkeypatch)
    data = build_cxml(samples.ALL_DOCUMENTS["order-request"])
    assert parse_cxml(data).payload_id == samples.ALL_DOCUMENTS["order-request"].payload_id
    assert attempts == []


def test_every_error_names_its_status_and_reason():
    with pytest.raises(CXmlError) as caught:
        parse_cxml(b"<not-cxml/>")
    assert str(caught.value).startswith("400 Bad Request: the root element is 'not-cxml'")


def test_depth_is_checked_in_every_branch():
    deep = b"<a>" * 10 + b"</a>" * 10
    body = b"<cXML><x/><y/>" + b"<z><w/>" + deep + b"</z></cXML>"
    assert parse_xml(body, Limits(max_depth=12)).root.tag == "cXML"
    with pytest.raises(LimitExceeded, match="deeper than 11"):
        parse_xml(body, Limits(max_depth=11))


def test_a_remembered_doctype_does_not_change_what_a_longer_declaration_reads_as():
    good = f"{DOCTYPE}<cXML/>".encode()
    assert parse_xml(good).doctype == parse_xml(good).doctype
    quoted = DOCTYPE.replace('.dtd">', '.dtd>x">')
    for _ in range(2):
        with pytest.raises(ForbiddenConstruct):
            parse_xml(f"{quoted}<cXML/>".encode())


def test_a_remembered_declaration_still_checks_every_document_and_every_encoding():
    declaration = b'<?xml version="1.0" encoding="UTF-8"?>'
    assert parse_xml(declaration + b"<cXML>K\xc3\xb6ln</cXML>").root.text == "Köln"
    with pytest.raises(EncodingMismatch, match="byte 45 is not valid UTF-8"):
        parse_xml(declaration + b"<cXML>K\xf6ln</cXML>")
    latin = b'<?xml version="1.0" encoding="ISO-8859-1"?>'
    for _ in range(2):
        assert parse_xml(latin + b"<cXML>K\xf6ln</cXML>").root.text == "Köln"
        with pytest.raises(EncodingMismatch, match="not supported"):
            parse_xml(b'<?xml version="1.0" encoding="EBCDIC"?><cXML/>')


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
@pytest.mark.parametrize("padding", [0, 5000])
def test_depth_bound_is_exact_whether_the_tags_are_counted_or_walked(encoding, padding):
    # Short documents are first counted ("<" characters), long ones walked: same answer.
    def nested(depth: int) -> bytes:
        inner = "<a>" * (depth - 1) + " " * padding + "</a>" * (depth - 1)
        return ("<cXML>" + inner + "</cXML>").encode(encoding)

    assert parse_xml(nested(5), Limits(max_depth=5)).root.tag == "cXML"
    with pytest.raises(LimitExceeded):
        parse_xml(nested(6), Limits(max_depth=5))
    with pytest.raises(LimitExceeded):
        parse_xml(nested(6).replace(b"<a></a>", b"<a/>"), Limits(max_depth=5))
