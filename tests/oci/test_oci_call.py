"""Inbound catalog calls: GET queries and POST forms, pass-through fields, each error case."""

from decimal import Decimal
from urllib.parse import parse_qsl

import pytest

from oci import Charset
from oci import DuplicateParameter
from oci import HookUrlNotAllowed
from oci import HookUrlNotHttps
from oci import HookUrlPolicy
from oci import HookUrlRejected
from oci import InvalidQuantity
from oci import MissingParameter
from oci import OciFunction
from oci import OciVersion
from oci import UnencodableParameter
from oci import UnknownFunction
from oci import UnsupportedCharset
from oci import UnsupportedVersion
from oci import parse_oci_call
from oci import validate_hook_url

GET_QUERY = (
    "USERNAME=buyer-demo&PASSWORD=s3cret&HOOK_URL=https%3A%2F%2Fsrm.buyer.example%2Fsap%2Fbc"
    "%2Fgui%3Fsap-client%3D100&OCI_VERSION=4.0&OPI_VERSION=1.0&http_content_charset=iso-8859-1"
    "&returntarget=_parent&%7Ecaller=CTLG&%7EOkCode=ADDI&%7Etarget=_top&sap-language=DE"
    "&custom=a&custom=b"
)

# A POST form from an SAP system that writes names in its own case.
POST_FORM = (
    ("username", "buyer-demo"),
    ("Password", "s3cret"),
    ("hook_url", "https://srm.buyer.example/sap/bc/gui"),
    ("oci_version", "5.0"),
    ("HTTP_CONTENT_CHARSET", "UTF-8"),
    ("~CALLER", "CTLG"),
    ("~OKCODE", "ADDI"),
    ("~TARGET", "_self"),
    ("FUNCTION", "validate"),
    ("PRODUCTID", "SKU-200871"),
    ("QUANTITY", "12.500"),
    ("VENDOR", "100234"),
    ("NEW_ITEM-QUANTITY[1]", "12.500"),
    ("x-trace", "7"),
)


def test_get_query_with_every_login_parameter():
    call = parse_oci_call(parse_qsl(GET_QUERY, keep_blank_values=True))
    assert call.username == "buyer-demo"
    assert call.password == "s3cret"
    assert call.hook_url == "https://srm.buyer.example/sap/bc/gui?sap-client=100"
    assert call.oci_version is OciVersion.V4_0
    assert call.opi_version == "1.0"
    assert call.charset is Charset.ISO_8859_1
    assert (call.returntarget, call.target, call.return_target) == ("_parent", "_top", "_top")
    assert (call.caller, call.ok_code) == ("CTLG", "ADDI")
    assert call.function is None
    assert call.echo_fields == (
        ("~caller", "CTLG"),
        ("~OkCode", "ADDI"),
        ("~target", "_top"),
        ("sap-language", "DE"),
        ("custom", "a"),
        ("custom", "b"),
    )
    assert call.item_fields == ()
    assert "s3cret" not in repr(call)


def test_post_form_names_match_in_any_case():
    call = parse_oci_call(POST_FORM)
    assert (call.username, call.password) == ("buyer-demo", "s3cret")
    assert call.oci_version is OciVersion.V5_0
    assert call.charset is Charset.UTF_8
    assert call.function is OciFunction.VALIDATE
    assert call.product_id == "SKU-200871"
    assert (call.quantity, call.vendor) == (Decimal("12.5"), "100234")
    assert call.echo_fields == (
        ("~CALLER", "CTLG"),
        ("~OKCODE", "ADDI"),
        ("~TARGET", "_self"),
        ("x-trace", "7"),
    )
    assert call.item_fields == (("NEW_ITEM-QUANTITY[1]", "12.500"),)


def test_defaults_when_only_hook_url_is_sent():
    call = parse_oci_call([("HOOK_URL", "http://srm.example/r"), ("OCI_VERSION", "")])
    assert call.oci_version is OciVersion.V4_0
    assert call.charset is Charset.UTF_8
    assert call.return_target is None
    assert (call.username, call.password, call.echo_fields) == (None, None, ())


def test_background_search_and_sap_gui_hook():
    call = parse_oci_call(
        [("HOOK_URL", "SAPEVENT:POST"), ("FUNCTION", "BACKGROUND_SEARCH"), ("SEARCHSTRING", "M6")]
    )
    assert call.function is OciFunction.BACKGROUND_SEARCH
    assert call.search_string == "M6"
    assert call.is_sap_gui


def test_detail_needs_no_hook_url():
    call = parse_oci_call([("FUNCTION", "DETAIL"), ("PRODUCTID", "SKU-1")])
    assert (call.function, call.hook_url) == (OciFunction.DETAIL, None)


@pytest.mark.parametrize("version", ["4.0", "4", "4.00", "5.0", " 5.0 "])
def test_known_versions(version):
    call = parse_oci_call([("HOOK_URL", "https://a.example/"), ("OCI_VERSION", version)])
    assert call.oci_version.value[0] == version.strip()[0]


@pytest.mark.parametrize(
    ("pairs", "error", "parameter"),
    [
        ([("USERNAME", "u")], MissingParameter, "HOOK_URL"),
        ([("HOOK_URL", "")], MissingParameter, "HOOK_URL"),
        ([("HOOK_URL", "https://a.example/"), ("OCI_VERSION", "3.5")], UnsupportedVersion, None),
        ([("HOOK_URL", "https://a.example/"), ("OCI_VERSION", "4.1")], UnsupportedVersion, None),
        ([("HOOK_URL", "https://a.example/"), ("OCI_VERSION", "x")], UnsupportedVersion, None),
        (
            [("HOOK_URL", "https://a.example/"), ("http_content_charset", "koi8-r")],
            UnsupportedCharset,
            "http_content_charset",
        ),
        ([("HOOK_URL", "https://a.example/"), ("FUNCTION", "BUY")], UnknownFunction, "FUNCTION"),
        ([("HOOK_URL", "ftp://a.example/r")], HookUrlRejected, "HOOK_URL"),
        ([("HOOK_URL", "javascript:alert(1)")], HookUrlRejected, "HOOK_URL"),
        ([("HOOK_URL", "/relative/path")], HookUrlRejected, "HOOK_URL"),
        ([("HOOK_URL", "https://a.example/x y")], HookUrlRejected, "HOOK_URL"),
        ([("HOOK_URL", 'https://a.example/"><script>')], HookUrlRejected, "HOOK_URL"),
        ([("HOOK_URL", "SAPEVENT:GET")], HookUrlRejected, "HOOK_URL"),
        (
            [("HOOK_URL", "https://a.example/"), ("FUNCTION", "VALIDATE")],
            MissingParameter,
            "PRODUCTID",
        ),
        (
            [("HOOK_URL", "https://a.example/"), ("FUNCTION", "BACKGROUND_SEARCH")],
            MissingParameter,
            "SEARCHSTRING",
        ),
        (
            [("FUNCTION", "QUANTITY_CHECK"), ("HOOK_URL", "https://a.ex/"), ("PRODUCTID", "1")],
            MissingParameter,
            "QUANTITY",
        ),
        ([("FUNCTION", "VALIDATE"), ("PRODUCTID", "1")], MissingParameter, "HOOK_URL"),
        (
            [("HOOK_URL", "https://a.example/"), ("HOOK_URL", "https://b.example/")],
            DuplicateParameter,
            "HOOK_URL",
        ),
    ],
)
def test_bad_calls_name_the_parameter(pairs, error, parameter):
    with pytest.raises(error) as caught:
        parse_oci_call(pairs)
    assert caught.value.status == 400
    assert caught.value.fault == "peer"
    assert caught.value.parameter == (parameter or "OCI_VERSION")


@pytest.mark.parametrize("quantity", ["abc", "1,5", "-2", "0", "0.000", "1.0001", "1e3"])
def test_bad_quantity(quantity):
    pairs = [("HOOK_URL", "https://a.example/"), ("FUNCTION", "VALIDATE"), ("PRODUCTID", "1")]
    with pytest.raises(InvalidQuantity) as caught:
        parse_oci_call([*pairs, ("QUANTITY", quantity)])
    assert (caught.value.parameter, caught.value.status) == ("QUANTITY", 400)


@pytest.mark.parametrize(
    ("pair", "parameter", "character"),
    [
        (("FIRSTNAME", "Łukasz"), "FIRSTNAME", "Ł"),
        (("~caller", "CTLG–1"), "~caller", "–"),
        (("Nachname€", "x"), "Nachname€", "€"),
        (("HOOK_URL", "https://a.example/ł"), "HOOK_URL", "ł"),
        (("returntarget", "frame–1"), "returntarget", "–"),
    ],
)
def test_a_text_echoed_back_must_fit_the_charset_of_the_answer(pair, parameter, character):
    """What the return form carries back (pass-through fields, HOOK_URL, the frame) is refused
    when the charset the call asks for cannot write it; UTF-8 writes everything."""
    pairs = list(dict([("HOOK_URL", "https://a.example/"), pair]).items())
    with pytest.raises(UnencodableParameter) as caught:
        parse_oci_call([*pairs, ("http_content_charset", "latin1")])
    assert (caught.value.parameter, caught.value.character) == (parameter, character)
    assert (caught.value.status, caught.value.fault) == (400, "peer")
    assert caught.value.message.startswith(
        f"{parameter}: {character!r} (U+{ord(character):04X}) is not in ISO-8859-1"
    )
    parse_oci_call(pairs)  # UTF-8


def test_same_value_twice_is_no_conflict():
    call = parse_oci_call([("HOOK_URL", "https://a.example/"), ("hook_url", "https://a.example/")])
    assert call.hook_url == "https://a.example/"


# -- the partner's HOOK_URL policy --------------------------------------------------------------

POLICY = HookUrlPolicy(
    allowed_prefixes=("https://srm.buyer.example/sap", "http://qa.buyer.example/")
)


@pytest.mark.parametrize(
    "url",
    [
        "https://srm.buyer.example/sap",
        "https://srm.buyer.example/sap/bc/gui?sap-client=100",
        "HTTPS://SRM.Buyer.Example/sap/x",
        "http://qa.buyer.example/anything",
    ],
)
def test_allowed_hook_urls(url):
    validate_hook_url(url, POLICY)


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("https://srm.buyer.example.evil.test/sap", HookUrlNotAllowed),
        ("https://srm.buyer.example/sapper", HookUrlNotAllowed),
        ("http://srm.buyer.example/sap", HookUrlNotAllowed),
        ("https://other.example/sap", HookUrlNotAllowed),
        ("SAPEVENT:POST", HookUrlNotAllowed),
        ("ftp://srm.buyer.example/sap", HookUrlRejected),
    ],
)
def test_refused_hook_urls(url, error):
    with pytest.raises(error) as caught:
        validate_hook_url(url, POLICY)
    assert caught.value.parameter == "HOOK_URL"
    assert caught.value.status == (403 if error is HookUrlNotAllowed else 400)


def test_https_required():
    policy = HookUrlPolicy(allowed_prefixes=("http://qa.buyer.example/",), require_https=True)
    with pytest.raises(HookUrlNotHttps) as caught:
        validate_hook_url("http://qa.buyer.example/r", policy)
    assert caught.value.status == 400


def test_sap_gui_when_the_partner_lists_it():
    policy = HookUrlPolicy(allowed_prefixes=("SAPEVENT:POST",), require_https=True)
    validate_hook_url("SAPEVENT:POST", policy)
    with pytest.raises(HookUrlNotAllowed):
        validate_hook_url("https://srm.buyer.example/sap", policy)


def test_policy_refuses_a_prefix_of_another_scheme():
    with pytest.raises(HookUrlRejected):
        HookUrlPolicy(allowed_prefixes=("file:///etc/",))
