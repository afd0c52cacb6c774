"""build_cxml writes exactly the bytes it wrote when lxml serialised the documents.

tests/cxml/built/ holds, for every sample document and for documents whose text and attributes
carry characters that need escaping (& < > quotes, CR, LF, TAB, non-ASCII), the bytes that the
lxml-based writer produced (commit f681a58). Whatever writes documents now must match them byte for
byte, and must refuse what lxml refused (control characters, U+FFFE, U+FFFF, lone surrogates).
"""

import pathlib
from dataclasses import replace
from datetime import UTC
from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from lxml import etree

from cxml import Address
from cxml import Comments
from cxml import Contact
from cxml import Credential
from cxml import CXml
from cxml import Description
from cxml import Extrinsic
from cxml import Header
from cxml import Message
from cxml import Party
from cxml import PostalAddress
from cxml import Request
from cxml import Response
from cxml import Sender
from cxml import Status
from cxml import build_cxml
from tests.cxml import conftest as tests_conftest
from tests.cxml.conftest import ALL_DOCUMENTS

BUILT = pathlib.Path(__file__).parent / "built"
TRICKY = "A & B <c> \"d\" 'e' ]]> \r\n\tx \u00e9\u20ac\U0001f600 \x7f\x85"


def _tricky_header() -> Header:
    credential = Credential(domain=TRICKY, identity=TRICKY, shared_secret=TRICKY)
    return Header(
        from_=Party(credentials=(credential,)),
        to=Party(credentials=(credential,)),
        sender=Sender(credentials=(credential,), user_agent=TRICKY),
    )


def _tricky_address() -> Address:
    postal = PostalAddress(
        name=TRICKY,
        deliver_to=(TRICKY, ""),
        street=(TRICKY,),
        city=TRICKY,
        state="",
        postal_code=TRICKY,
        country=TRICKY,
        iso_country_code=TRICKY,
    )
    return Address(
        name=TRICKY,
        lang=TRICKY,
        postal_address=postal,
        email="",
        url=TRICKY,
        address_id=TRICKY,
        address_id_domain=TRICKY,
        iso_country_code=TRICKY,
    )


def tricky_documents(samples) -> dict[str, CXml]:
    """Documents with characters that need escaping, and empty strings, in every kind of place."""
    texts = (Extrinsic(name=TRICKY, value=TRICKY), Extrinsic(name="Empty", value=""))
    comments = (Comments(text=TRICKY, lang=TRICKY, type=TRICKY), Comments(text=""))
    contact = Contact(name=TRICKY, role=TRICKY, emails=(TRICKY,), extrinsics=texts)
    setup = replace(
        samples.setup_request("edit"),
        buyer_cookie=TRICKY,
        extrinsics=texts,
        browser_form_post=TRICKY,
        contacts=(contact,),
        supplier_setup=TRICKY,
        ship_to=_tricky_address(),
    )
    detail = replace(
        samples.item_detail(),
        descriptions=(Description(text=TRICKY, lang=TRICKY, short_name=TRICKY),),
        unit_of_measure=TRICKY,
        manufacturer_name=TRICKY,
        extrinsics=texts,
    )
    order = replace(
        samples.order_request(1),
        order_id=TRICKY,
        comments=comments,
        extrinsics=texts,
        bill_to=_tricky_address(),
        items=(replace(samples.item_out(1), item_detail=detail, comments=comments),),
    )
    when = datetime(2024, 5, 1, 10, 30, tzinfo=UTC)
    status = Status(code=406, text=TRICKY, message=TRICKY, lang=TRICKY)
    return {
        "tricky-setup": CXml(
            payload_id=TRICKY,
            timestamp=when,
            lang=TRICKY,
            header=_tricky_header(),
            body=Request(content=setup, deployment_mode="test"),
        ),
        "tricky-order": samples.request(order),
        "tricky-status": CXml(
            payload_id=TRICKY, timestamp=when, lang=None, body=Response(status=status)
        ),
        "tricky-message": CXml(
            payload_id=TRICKY,
            timestamp=when,
            header=_tricky_header(),
            body=Message(
                content=samples.order_message(),
                in_reply_to=TRICKY,
                status=Status(code=200, text="", message=""),
            ),
        ),
    }


def test_every_sample_document_is_built_to_the_same_bytes(document_name):
    expected = (BUILT / f"{document_name}.xml").read_bytes()
    assert build_cxml(ALL_DOCUMENTS[document_name]) == expected


@pytest.mark.parametrize(
    "name", ["tricky-setup", "tricky-order", "tricky-status", "tricky-message"]
)
def test_text_that_needs_escaping_is_built_to_the_same_bytes(samples, name):
    expected = (BUILT / f"{name}.xml").read_bytes()
    assert build_cxml(tricky_documents(samples)[name]) == expected


def test_large_amounts_and_quantities_are_written_without_exponents(samples):
    item = replace(samples.item_out(1), quantity=Decimal("1E+3"))
    data = build_cxml(samples.request(replace(samples.order_request(1), items=(item,))))
    assert b'quantity="1000"' in data


REFUSED = (
    "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"
)


@pytest.mark.parametrize(
    "char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff"]
)
def test_characters_xml_cannot_carry_are_refused_in_text_and_attributes(samples, char):
    in_text = replace(samples.setup_request(), buyer_cookie=f"abc{char}")
    in_attribute = replace(samples.setup_request(), extrinsics=(Extrinsic(name=f"a{char}"),))
    for content in (in_text, in_attribute):
        with pytest.raises(ValueError, match=f"^{REFUSED}$"):
            build_cxml(samples.request(content))


def test_lone_surrogates_are_refused(samples):
    content = replace(samples.setup_request(), buyer_cookie="ab\ud800")
    with pytest.raises(UnicodeEncodeError, match="position 2: surrogates not allowed"):
        build_cxml(samples.request(content))


PLACEHOLDER = "\ue000"
AWKWARD = st.sampled_from(
    list("&<>\"'\r\n\t ]\x00\x01\x0b\x1f\x7f\x85\ufffe\uffff\ud800\U0001f600")
)


def _lxml_or_error(tag: str, value: str, *, as_text: bool) -> bytes | tuple[type, str]:
    try:
        el = etree.Element(tag) if as_text else etree.Element(tag, name=value)
        if as_text:
            el.text = value
        return etree.tostring(el, encoding="UTF-8")
    except (ValueError, UnicodeEncodeError) as exc:
        return type(exc), str(exc)


@settings(max_examples=300, deadline=None)
@given(st.text(st.one_of(st.characters(), AWKWARD), max_size=12))
def test_any_text_is_written_as_lxml_writes_it_or_refused_as_lxml_refuses_it(value):
    def setup(text):
        # A BuyerCookie and an Extrinsic name must not be empty: both start with a letter.
        request = tests_conftest.setup_request()
        content = replace(
            request, buyer_cookie=f"c{text}", extrinsics=(Extrinsic(name=f"n{text}"),)
        )
        return tests_conftest.request(content)

    as_text = _lxml_or_error("BuyerCookie", f"c{value}", as_text=True)
    as_attribute = _lxml_or_error("Extrinsic", f"n{value}", as_text=False)
    for expected in (as_text, as_attribute):
        if isinstance(expected, tuple):
            with pytest.raises(expected[0]) as caught:
                build_cxml(setup(value))
            assert str(caught.value) == expected[1]
            return
    reference = build_cxml(setup(PLACEHOLDER))
    mark = PLACEHOLDER.encode()
    expected = reference.replace(b"<BuyerCookie>c" + mark + b"</BuyerCookie>", as_text).replace(
        b'<Extrinsic name="n' + mark + b'"/>', as_attribute
    )
    assert build_cxml(setup(value)) == expected
