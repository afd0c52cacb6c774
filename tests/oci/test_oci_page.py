"""The return page: golden bytes, what a browser would post back, charsets and escaping.

The golden files under tests/fixtures/oci/ were written once from these cases and then checked
by hand against formats.md 2.2-2.3 (field names with [n] from 1, LONGTEXT_n:132[], lengths,
'.' decimals with 3 places, PRICEUNIT, echoed ~ fields, accept-charset, target frame).
"""

import dataclasses
import html.parser
import pathlib
from decimal import Decimal
from urllib.parse import parse_qsl
from urllib.parse import urlencode

import pytest

from oci import SAPEVENT_HOOK_URL
from oci import Charset
from oci import FormPurpose
from oci import OciError
from oci import ReturnForm
from oci import UnencodableText
from oci import build_new_item_fields
from oci import build_return_form
from oci import parse_new_item_fields
from oci import parse_oci_call
from oci import render_form
from oci import render_form_page
from oci import render_return_page

_HOOK = "https://srm.buyer.example/sap/return"
GOLDEN = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "oci"


def _with(pairs, **changes):
    """CALL_PAIRS with some values replaced (or added), names matched exactly."""
    out = [(name, changes.pop(name, value)) for name, value in pairs]
    return tuple(out) + tuple(changes.items())


def _cart_utf8(s):
    return render_return_page(parse_oci_call(s.call_pairs), s.cart, s.options)


def _cart_latin1(s):
    call = parse_oci_call(_with(s.call_pairs, http_content_charset="ISO-8859-1"))
    return render_return_page(call, s.cart, s.options)


def _validate(s):
    call = parse_oci_call(
        [
            ("HOOK_URL", s.hook_url),
            ("FUNCTION", "VALIDATE"),
            ("PRODUCTID", "SKU-200871"),
            ("QUANTITY", "12.5"),
        ]
    )
    line = dataclasses.replace(s.cart[1], quantity=call.quantity)
    return render_return_page(call, [line], s.options)


def _background_search(s):
    call = parse_oci_call(
        [
            ("HOOK_URL", s.hook_url),
            ("OCI_VERSION", "5.0"),
            ("FUNCTION", "BACKGROUND_SEARCH"),
            ("SEARCHSTRING", "Schraube"),
        ]
    )
    hits = [dataclasses.replace(s.cart[0], quantity=Decimal(1)), s.cart[3]]
    return render_return_page(call, hits, s.options)


CASES = {
    "cart-utf-8.html": _cart_utf8,
    "cart-iso-8859-1.html": _cart_latin1,
    "validate.html": _validate,
    "background-search.html": _background_search,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_page_matches_its_golden_file(name, samples):
    assert CASES[name](samples) == (GOLDEN / name).read_bytes()


def test_every_golden_file_has_a_case():
    assert sorted(path.name for path in GOLDEN.glob("*.html")) == sorted(CASES)


class _FormReader(html.parser.HTMLParser):
    """Collects what a browser would submit: the form's attributes and its hidden inputs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.form = {}
        self.inputs = []
        self.buttons = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form = attrs
        elif tag == "input":
            self.inputs.append((attrs["name"], attrs["value"]))
        elif tag == "button":
            self.buttons.append(attrs)
        elif tag == "script":
            self.scripts += 1


def _read(page: bytes, charset: Charset) -> _FormReader:
    reader = _FormReader()
    reader.feed(page.decode(charset.value))
    reader.close()
    return reader


@pytest.mark.parametrize("charset", list(Charset))
def test_browser_posts_back_exactly_the_built_fields(charset, samples):
    call = parse_oci_call(_with(samples.call_pairs, http_content_charset=charset.value))
    page = render_return_page(call, samples.cart, samples.options)
    reader = _read(page, charset)
    assert reader.form == {
        "id": "oci-return",
        "method": "post",
        "action": samples.hook_url,
        "target": "_top",
        "accept-charset": charset.value,
        "enctype": "application/x-www-form-urlencoded",
    }
    body = urlencode(reader.inputs, encoding=charset.value)
    posted = parse_qsl(body, encoding=charset.value, keep_blank_values=True)
    built = build_new_item_fields(samples.cart, samples.options, echo_fields=call.echo_fields)
    assert posted == list(built)
    received = parse_new_item_fields(posted)
    assert [item.fields["DESCRIPTION"] for item in received.items] == [
        "Sechskantschraube DIN 933 M6 × 20 verzin",
        "Câble électrique H07V-U 2,5 mm², rouleau",
        "Installation sur site (forfait horaire)",
        'Adapter "USB-C <-> HDMI" & Kabel 1 m',
    ]
    assert received.other_fields == (
        ("~caller", "CTLG"),
        ("~OkCode", "ADDI"),
        ("~target", "_top"),
        ("sap-client", "100"),
        ("ExtraField", "keep me"),
    )


def test_latin1_page_holds_latin1_bytes(samples):
    page = _cart_latin1(samples)
    assert b'<meta charset="ISO-8859-1">' in page
    assert "Câble électrique".encode("iso-8859-1") in page
    assert "Câble".encode() not in page


@pytest.mark.parametrize(
    ("purpose", "scripts", "buttons"),
    [
        (FormPurpose.TRANSFER, 1, [{"type": "submit"}]),
        (FormPurpose.VALIDATE, 1, [{"type": "submit", "hidden": None}]),
        (FormPurpose.BACKGROUND_SEARCH, 0, []),
    ],
)
def test_purpose_decides_script_and_button(purpose, scripts, buttons):
    page = render_form_page([("NEW_ITEM-QUANTITY[1]", "1.000")], hook_url=_HOOK, purpose=purpose)
    reader = _read(page, Charset.UTF_8)
    assert (reader.scripts, reader.buttons) == (scripts, buttons)
    assert "target" not in reader.form


def test_values_and_names_are_html_escaped():
    fields = [("NEW_ITEM-DESCRIPTION[1]", "a<b>&\"c'\nd"), ('x"><script>', "1")]
    page = render_form_page(fields, hook_url=_HOOK, target='_top"x')
    assert b"<b>" not in page and b'x"><script>' not in page
    assert b'value="a&lt;b&gt;&amp;&quot;c&#x27;&#10;d"' in page
    assert _read(page, Charset.UTF_8).inputs == fields


def test_sap_gui_pseudo_url_is_the_action():
    page = render_form_page([], hook_url=SAPEVENT_HOOK_URL)
    assert _read(page, Charset.UTF_8).form["action"] == "SAPEVENT:POST"


def test_character_outside_latin1_is_a_typed_error_naming_the_field():
    fields = [("NEW_ITEM-DESCRIPTION[1]", "Prix 10 €")]
    with pytest.raises(UnencodableText) as caught:
        render_form_page(fields, hook_url=_HOOK, charset=Charset.ISO_8859_1)
    assert (caught.value.name, caught.value.character) == ("NEW_ITEM-DESCRIPTION[1]", "€")
    assert caught.value.status == 422
    assert "U+20AC" in str(caught.value)
    assert "€".encode() in render_form_page(fields, hook_url=_HOOK)


def test_script_nonce_is_set_and_checked():
    page = render_form_page([], hook_url=_HOOK, script_nonce="abc123==")
    assert b'<script nonce="abc123==">' in page
    with pytest.raises(ValueError):
        render_form_page([], hook_url=_HOOK, script_nonce='x" onload="y')


def test_detail_has_no_return_form(samples):
    call = parse_oci_call([("FUNCTION", "DETAIL"), ("PRODUCTID", "SKU-1")])
    with pytest.raises(ValueError):
        render_return_page(call, [], samples.options)


def test_empty_cart_posts_only_the_echo_fields(samples):
    page = render_return_page(parse_oci_call(samples.call_pairs), [], samples.options)
    names = [name for name, _ in _read(page, Charset.UTF_8).inputs]
    assert names == ["~caller", "~OkCode", "~target", "sap-client", "ExtraField"]


def test_errors_share_one_root():
    assert issubclass(UnencodableText, OciError)


@pytest.mark.parametrize("charset", list(Charset))
def test_the_form_value_is_what_the_page_posts(charset, samples):
    call = parse_oci_call(_with(samples.call_pairs, http_content_charset=charset.value))
    form = build_return_form(call, samples.cart, samples.options)
    assert (form.hook_url, form.target, form.charset, form.purpose) == (
        samples.hook_url,
        "_top",
        charset,
        FormPurpose.TRANSFER,
    )
    page = render_return_page(call, samples.cart, samples.options)
    assert render_form(form) == page
    reader = _read(page, charset)
    assert list(form.fields) == reader.inputs
    assert (reader.form["action"], reader.form["accept-charset"]) == (form.hook_url, charset.value)


def test_a_form_value_refuses_text_its_charset_cannot_carry():
    with pytest.raises(UnencodableText) as caught:
        ReturnForm(
            hook_url=_HOOK,
            fields=[("NEW_ITEM-DESCRIPTION[1]", "Prix 10 €")],
            charset=Charset.ISO_8859_1,
        )
    assert caught.value.name == "NEW_ITEM-DESCRIPTION[1]"
    form = ReturnForm(hook_url=_HOOK, fields=[("NEW_ITEM-DESCRIPTION[1]", "Prix 10 €")])
    assert form.fields == (("NEW_ITEM-DESCRIPTION[1]", "Prix 10 €"),)
    assert (form.target, form.charset) == (None, Charset.UTF_8)
