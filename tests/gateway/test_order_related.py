"""multipart/related order bodies (RFC 2387) and the price tolerance, as properties."""

import base64
import string
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxml.errors import MalformedDocument
from gateway.orders import OrderPolicy
from gateway.orders import parse_related

BOUNDARY = "=_order_boundary_7f3a"
ids = st.text(string.ascii_letters + string.digits + ".-_", min_size=1, max_size=30)
attachment = st.tuples(ids, st.binary(max_size=2000), st.sampled_from(["base64", "binary"]))


def body_of(document: bytes, attachments, start: str | None) -> tuple[bytes, str]:
    parts = [
        f"--{BOUNDARY}\r\nContent-Type: text/xml\r\nContent-ID: <root@buyer>\r\n\r\n".encode()
        + document
    ]
    for content_id, data, encoding in attachments:
        payload = base64.encodebytes(data) if encoding == "base64" else data
        parts.append(
            f"\r\n--{BOUNDARY}\r\nContent-Type: application/octet-stream\r\n"
            f"Content-ID: <{content_id}@att>\r\n".encode()
            + f"Content-Transfer-Encoding: {encoding}\r\n\r\n".encode()
            + payload
        )
    start_param = f'; start="<{start}>"' if start else ""
    return b"".join(parts) + f"\r\n--{BOUNDARY}--\r\n".encode(), (
        f'multipart/related; boundary="{BOUNDARY}"; type="text/xml"{start_param}'
    )


@given(
    attachments=st.lists(attachment, max_size=5, unique_by=lambda a: a[0]),
    start=st.sampled_from([None, "root@buyer"]),
)
def test_every_attachment_comes_back_byte_for_byte(attachments, start):
    document = '<?xml version="1.0"?><cXML payloadID="é"/>'.encode()
    body, content_type = body_of(document, attachments, start)
    related = parse_related(content_type, body)
    assert related.document == document
    got = [(a.content_id, a.data) for a in related.attachments]
    assert got == [(f"{cid}@att", data) for cid, data, _encoding in attachments]


def test_the_start_parameter_names_the_root():
    body, content_type = body_of(b"<cXML/>", [("first", b"PDF", "binary")], None)
    content_type = content_type.replace('type="text/xml"', 'type="text/xml"; start="<first@att>"')
    related = parse_related(content_type, body)
    assert related.document == b"PDF"
    assert [a.content_id for a in related.attachments] == ["root@buyer"]


def test_a_body_without_its_boundary_is_refused():
    with pytest.raises(MalformedDocument, match="no parts"):
        parse_related('multipart/related; boundary="other"', b"<cXML/>")


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2)
tolerances = st.decimals(min_value=Decimal(0), max_value=Decimal(50), places=1)


@given(reference=amounts, tolerance=tolerances)
def test_tolerance_is_symmetric_and_includes_its_edge(reference, tolerance):
    policy = OrderPolicy(price_policy="reject", price_tolerance_percent=tolerance)
    edge = reference * tolerance / 100
    assert policy.deviation_allowed(reference, reference)
    assert policy.deviation_allowed(reference + edge, reference)
    assert policy.deviation_allowed(reference - edge, reference)
    beyond = edge + Decimal("0.01")
    assert not policy.deviation_allowed(reference + beyond, reference)
    assert not policy.deviation_allowed(reference - beyond, reference)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"price_policy": "haggle"}, "price_policy: 'haggle' is not one of"),
        ({"price_tolerance_percent": "-1"}, "'-1' is negative"),
        ({"price_tolerance_percent": "lots"}, "price_tolerance_percent: 'lots' is not a number"),
    ],
)
def test_bad_partner_settings_name_the_partner(settings, message):
    from gateway.errors import ConfigError
    from gateway.orders.policy import read_order_policy

    with pytest.raises(ConfigError, match=message) as raised:
        read_order_policy("coupa-uk", {"orders": settings})
    assert str(raised.value).startswith("partner coupa-uk: settings.orders")
