"""GET|POST /oci login: the partner is found by USERNAME/PASSWORD, HOOK_URL checked against its
policy, a session opened and the browser sent into the storefront; every refusal is a clear
page with the right status and leaves no session behind (the call itself is still logged)."""

import pytest
from sqlalchemy import select

from gateway.models import Document
from gateway.models import Product
from gateway.models import PunchOutSession
from gateway.models import TradingPartner

from .test_oci_fixtures import HOOK_URL
from .test_oci_fixtures import PASSWORD
from .test_oci_fixtures import counts
from .test_oci_fixtures import login_pairs
from .test_oci_fixtures import oci_client
from .test_oci_fixtures import token_of
from .test_punchout_setup import every_stored_value


@pytest.fixture
def client(app, db):
    return oci_client(app, db)


def test_post_login_opens_a_session_and_redirects_into_the_storefront(client, db):
    response = client.post("/oci", data=login_pairs())
    assert response.status_code == 303
    assert "Set-Cookie" not in response.headers
    token = token_of(response)
    assert response.headers["Location"] == f"/shop/{token}/"
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert "Acme France SA" in page.get_data(as_text=True)
    with db.transaction() as session:
        row = session.scalars(select(PunchOutSession)).one()
        assert (row.protocol, row.operation, row.return_url) == ("oci", "create", HOOK_URL)
        assert row.language == "fr" and row.started_at is not None
        assert row.extra["oci"] == {
            "version": "4.0",
            "charset": "UTF-8",
            "target": "_top",
            "returntarget": "_parent",
            "function": None,
            "echo": [
                ["~caller", "CTLG"],
                ["~OkCode", "ADDI"],
                ["~target", "_top"],
                ["sap-client", "100"],
            ],
        }
        logged = session.scalars(select(Document)).one()
        assert (logged.direction, logged.doc_type, logged.status_code) == ("in", "OciCall", 303)
        assert logged.session_id == row.id
        assert PASSWORD.encode() not in logged.body
        assert b"PASSWORD=[redacted]" in logged.body
    held = every_stored_value(db)
    assert token not in held and PASSWORD not in held


@pytest.mark.parametrize("name", ["password", "PASSWORD ", " Password"])
def test_a_password_under_any_name_the_login_reads_is_never_logged(client, db, name):
    """The parser reads a name in any case with spaces around: so does the log's redaction."""
    pairs = login_pairs(PASSWORD=None)
    pairs[name] = PASSWORD
    response = client.post("/oci", data=pairs)
    assert response.status_code == 303
    with db.transaction() as session:
        logged = session.scalars(select(Document)).one()
    assert PASSWORD.encode() not in logged.body
    assert PASSWORD not in every_stored_value(db)


def test_get_login_works_the_same(client):
    response = client.get("/oci", query_string=login_pairs(OCI_VERSION="5.0"))
    assert response.status_code == 303
    assert client.get(response.headers["Location"]).status_code == 200


@pytest.mark.parametrize(
    "change",
    [
        {"PASSWORD": "wrong-password"},
        {"USERNAME": "SOMEONE_ELSE"},
        {"PASSWORD": None},
        {"USERNAME": None, "PASSWORD": None},
    ],
    ids=["wrong password", "unknown user", "no password", "no login"],
)
def test_a_bad_login_gets_one_401_page_that_does_not_say_which_was_wrong(client, db, change):
    response = client.post("/oci", data=login_pairs(**change))
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "Catalog login refused" in page
    assert "USERNAME/PASSWORD: the catalog login was not accepted" in page
    assert counts(db) == (0, 1)  # no session; the refused call is logged


def _refused(client, db, status, **change):
    response = client.post("/oci", data=login_pairs(**change))
    assert response.status_code == status, response.get_data(as_text=True)
    assert counts(db)[0] == 0
    return response.get_data(as_text=True)


def test_missing_hook_url_is_a_clear_400(client, db):
    page = _refused(client, db, 400, HOOK_URL=None)
    assert "HOOK_URL: is required" in page and "The catalog call cannot be used" in page


def test_unknown_oci_version_is_a_clear_400(client, db):
    page = _refused(client, db, 400, OCI_VERSION="3.5")
    assert "OCI_VERSION: &#39;3.5&#39; is not supported (known: 4.0, 5.0)" in page


def test_a_pass_through_field_the_charset_lacks_is_a_clear_400(client, db):
    """A field echoed back in the cart form must be writable in the charset the call asks
    for: accepted, it would fail every transfer of the session and even its cancel."""
    page = _refused(client, db, 400, http_content_charset="ISO-8859-1", FIRSTNAME="Łukasz")
    assert (
        "FIRSTNAME: &#39;Ł&#39; (U+0141) is not in ISO-8859-1, the charset the call asks the cart"
        " back in (http_content_charset): it could not be echoed back" in page
    )
    assert "The catalog call cannot be used" in page
    with db.transaction() as session:
        logged = session.scalars(select(Document)).one()
        assert (logged.doc_type, logged.status_code) == ("OciCall", 400)


def test_a_pass_through_field_in_utf_8_is_echoed_back_whole(client, db):
    response = client.post("/oci", data=login_pairs(FIRSTNAME="Łukasz"))
    token = token_of(response)
    cancel = client.post(f"/shop/{token}/cancel")
    assert cancel.status_code == 200
    assert '<input type="hidden" name="FIRSTNAME" value="Łukasz">' in cancel.get_data(as_text=True)


@pytest.mark.parametrize(
    "url",
    [
        "https://srm.acme.example.evil.test/sap/x",
        "https://srm.acme.example/sap/../evil",  # where a browser would post the cart: /evil
    ],
)
def test_hook_url_outside_the_partners_prefixes_is_403(client, db, url):
    page = _refused(client, db, 403, HOOK_URL=url)
    assert "is not an allowed return URL" in page


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://srm.acme.example/sap/x",
        "data:text/html,x",
        "/sap/relative",
        "https://[::1/sap/x",  # no URL at all: urlsplit cannot split it
        "https://srm.acme.example:99999/sap/x",
    ],
)
def test_other_schemes_are_400_whatever_the_prefixes(client, db, url):
    page = _refused(client, db, 400, HOOK_URL=url)
    assert "is not an absolute http, https or SAPEVENT:POST URL" in page


def _set_partner(db, **changes):
    with db.transaction() as session:
        partner = session.scalars(select(TradingPartner)).one()
        for name, value in changes.items():
            setattr(partner, name, value)


def test_sapevent_needs_to_be_listed(client, db):
    _refused(client, db, 403, HOOK_URL="SAPEVENT:POST")
    _set_partner(db, return_url_prefixes=["https://srm.acme.example/sap/", "SAPEVENT:POST"])
    response = client.post("/oci", data=login_pairs(HOOK_URL="SAPEVENT:POST"))
    assert response.status_code == 303


def test_partner_can_require_https(client, db):
    _set_partner(
        db,
        return_url_prefixes=["http://srm.acme.example/sap/", "https://srm.acme.example/sap/"],
        settings={"oci": {"units": {"C62": "ST"}, "require_https": True}},
    )
    page = _refused(client, db, 400, HOOK_URL="http://srm.acme.example/sap/return")
    assert "the partner requires an https URL" in page
    assert client.post("/oci", data=login_pairs()).status_code == 303


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"units": {}}, "settings.oci.units: no partner code for C62"),
        (
            {"units": {"C62": "ST"}, "vendor": "VENDOR-12345"},
            "settings.oci.vendor: &#39;VENDOR-12345&#39; is 12 characters,"
            " NEW_ITEM-VENDOR holds 10",
        ),
        (
            {"units": {"C62": "ST"}, "matgroups": {"laptops": "43211503-IT"}},
            "settings.oci.matgroups.laptops: &#39;43211503-IT&#39; is 11 characters",
        ),
        ({"units": {"C62": "STUECK"}}, "does not fit NEW_ITEM-UNIT"),
        (
            {"units": {"C62": "ST"}, "price_mode": "per piece"},
            "settings.oci.price_mode: must be one of &#39;priceunit&#39;, &#39;per unit&#39;",
        ),
    ],
    ids=["unmapped unit", "vendor too long", "matgroup too long", "unit code too long", "mode"],
)
def test_partner_settings_that_cannot_be_sent_are_a_clear_500(client, db, settings, message):
    _set_partner(db, settings={"oci": settings})
    page = _refused(client, db, 500)
    assert message in page
    assert "The catalog cannot answer this call" in page


@pytest.mark.parametrize(
    "column", ["sku", "manufacturer_part_id"], ids=["VENDORMAT", "MANUFACTMAT"]
)
def test_a_product_too_long_for_its_field_does_not_block_the_login(client, db, column):
    """One bad record among thousands must not stop every buyer: the product fails where it
    is used (test_oci_transfer, test_oci_functions), the login goes on."""
    with db.transaction() as session:
        screw = session.scalars(select(Product).where(Product.sku == "SCR-500")).one()
        setattr(screw, column, "SCR-500-" + "X" * 40)
    assert client.post("/oci", data=login_pairs()).status_code == 303


def test_a_cxml_partner_cannot_log_in_by_oci(client, db):
    _set_partner(db, protocol="cxml")
    _refused(client, db, 401)
