"""`gateway partner show` and `gateway partner configure`: a partner's settings changed from the
command line, checked as a whole, every problem named, nothing saved when one is found."""

import json

import pytest
from sqlalchemy import select

from gateway import app as gateway_app
from gateway.models import Product
from gateway.models import TradingPartner
from gateway.orders.policy import read_order_policy
from gateway.profiles import profile_for
from gateway.sealing import Unsealable
from gateway.sealing import seal
from gateway.sealing import unseal

from .catalog_data import add_cxml_partner
from .catalog_data import build
from .test_oci_fixtures import login_pairs
from .test_oci_fixtures import oci_client
from .test_oci_fixtures import received


@pytest.fixture
def partner(db):
    with db.transaction() as session:
        fr, _uk = build(session)
        add_cxml_partner(session, fr, flavour="coupa")


def settings_of(db, name="ariba-fr"):
    with db.transaction() as session:
        row = session.scalars(select(TradingPartner).where(TradingPartner.name == name)).one()
        return row.settings, profile_for(row), read_order_policy(row.name, row.settings)


def test_set_values_reach_the_profile_and_the_order_policy(app, db, cli, partner):
    result = cli(
        "partner", "configure", "ariba-fr",
        "--set", "orders.price_policy=flag",
        "--set", "orders.price_tolerance_percent=1.50",
        "--set", "orders.outbound_shared_secret=s3cret at the buyer",
        "--set", "profile.cart_field=cxml-urlencoded",
        "--set", 'frame_ancestors=["https://buyer.example.net"]',
    )  # fmt: skip
    assert (result.exit_code, result.output) == (0, "partner ariba-fr: settings saved\n")
    settings, profile, policy = settings_of(db)
    sealed = settings["orders"].pop("outbound_shared_secret")
    assert settings == {
        "orders": {"price_policy": "flag", "price_tolerance_percent": "1.50"},
        "profile": {"cart_field": "cxml-urlencoded"},
        "frame_ancestors": ["https://buyer.example.net"],
    }
    # our secret at the buyer is stored sealed: only this instance's secret key opens it
    assert sealed.startswith("sealed:v1:") and "s3cret" not in sealed
    assert unseal(gateway_app.settings_of(app).secret_key, sealed) == "s3cret at the buyer"
    with pytest.raises(Unsealable, match="another secret key"):
        unseal("some other instance's secret key", sealed)
    assert (profile.name, profile.cart_field) == ("coupa", "cxml-urlencoded")
    assert (policy.price_policy, str(policy.price_tolerance_percent)) == ("flag", "1.50")

    shown = json.loads(cli("partner", "show", "ariba-fr").output)
    assert shown["entity"] == "ACME-FR" and shown["flavour"] == "coupa"
    assert shown["settings"]["orders"]["outbound_shared_secret"] == "(set)"  # never printed

    assert cli("partner", "configure", "ariba-fr", "--unset", "profile.cart_field").exit_code == 0
    assert settings_of(db)[0]["profile"] == {}
    assert settings_of(db)[0]["orders"]["outbound_shared_secret"] == sealed  # not sealed twice


def test_a_secret_saved_in_clear_before_sealing_is_sealed_by_the_next_save(app, db, cli, partner):
    with db.transaction() as session:
        row = session.scalars(select(TradingPartner)).one()
        row.settings = {"orders": {"outbound_shared_secret": "saved long ago"}}
    shown = json.loads(cli("partner", "show", "ariba-fr").output)["settings"]
    assert shown == {"orders": {"outbound_shared_secret": "(set, unsealed until the next save)"}}

    assert (
        cli("partner", "configure", "ariba-fr", "--set", "orders.price_policy=flag").exit_code == 0
    )
    stored = settings_of(db)[0]["orders"]["outbound_shared_secret"]
    assert unseal(gateway_app.settings_of(app).secret_key, stored) == "saved long ago"
    assert "saved long ago" not in stored
    shown = json.loads(cli("partner", "show", "ariba-fr").output)["settings"]
    assert shown["orders"] == {"outbound_shared_secret": "(set)", "price_policy": "flag"}


def test_show_tells_a_secret_sealed_with_another_key(app, db, cli, partner):
    with db.transaction() as session:
        row = session.scalars(select(TradingPartner)).one()
        row.settings = {"orders": {"outbound_shared_secret": seal("an old key", "s3cret")}}
    shown = json.loads(cli("partner", "show", "ariba-fr").output)["settings"]
    assert shown["orders"]["outbound_shared_secret"] == (
        "(set, but sealed with another secret key: documents wait until it is set again)"
    )


def test_every_problem_is_named_and_nothing_is_saved(db, cli, partner):
    before = settings_of(db)[0]
    result = cli(
        "partner", "configure", "ariba-fr",
        "--set", "orders.price_policy=maybe",
        "--set", "orders.colour=blue",
        "--set", "profile.cart_feild=cxml-base64",
        "--set", 'frame_ancestors=["javascript:alert(1)"]',
        "--set", "oci.vendor=V1",
        "--set", "favourites=1",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.output == (
        "Error: partner ariba-fr: nothing saved:\n"
        "  favourites: unknown section\n"
        "  profile: unknown profile setting 'cart_feild'\n"
        "  orders.colour: unknown setting\n"
        "  orders.price_policy: 'maybe' is not one of accept, flag, reject\n"
        "  oci: partner ariba-fr is a cxml partner\n"
        "  frame_ancestors[0]: 'javascript:alert(1)' is not an origin such as"
        " https://buyer.example.com\n"
    )
    assert settings_of(db)[0] == before


def stored_partner(db):
    with db.transaction() as session:
        row = session.scalars(select(TradingPartner)).one()
        login = row.credentials[0]
        return (row.outbound_url, row.return_url_prefixes, row.settings, login.secret_hash)


def test_the_outbound_url_is_set_alone_keeping_secret_and_return_urls(db, cli, partner):
    """`order confirm` on a partner without one said to use `partner add`, which asks for the
    secret again (stored hashed: it had to be rotated) and replaces every return URL."""
    with db.transaction() as session:
        session.scalars(select(TradingPartner)).one().settings = {
            "orders": {"price_policy": "flag"}
        }
    _url, prefixes, settings, secret_hash = stored_partner(db)
    url = "https://buyer.example.com/cxml/orders"
    result = cli("partner", "configure", "ariba-fr", "--outbound-url", url)
    assert (result.exit_code, result.output) == (
        0,
        f"partner ariba-fr: outbound URL set to {url}\n",
    )
    assert stored_partner(db) == (url, prefixes, settings, secret_hash)
    assert json.loads(cli("partner", "show", "ariba-fr").output)["outbound_url"] == url
    removed = cli("partner", "configure", "ariba-fr", "--outbound-url", "")
    assert removed.output == (
        "partner ariba-fr: outbound URL removed; documents for the buyer wait until one is set\n"
    )
    assert stored_partner(db) == ("", prefixes, settings, secret_hash)


def test_an_outbound_url_that_is_no_http_url_is_named_with_every_other_problem(db, cli, partner):
    before = stored_partner(db)
    for url in ("ftp://buyer.example.com/orders", "buyer.example.com/orders", "https:///x"):
        result = cli(
            "partner", "configure", "ariba-fr",
            "--outbound-url", url, "--set", "profile.cart_feild=cxml-base64",
        )  # fmt: skip
        assert (result.exit_code, result.output) == (
            1,
            "Error: partner ariba-fr: nothing saved:\n"
            "  profile: unknown profile setting 'cart_feild'\n"
            f"  outbound_url: {url!r} is not an http(s) URL with a host\n",
        )
    assert stored_partner(db) == before


def test_confirming_for_a_partner_without_outbound_url_names_the_command_that_sets_it(
    app, db, cli, partner
):
    from .test_order_receipt import post
    from .test_order_support import fixture

    assert post(app, fixture("ariba_new.xml", "no-url@buyer"))[0] == 200
    refused = cli("order", "confirm", "1")
    assert refused.exit_code == 1
    assert refused.output == (
        "error: partner ariba-fr has no outbound URL for order documents"
        " (gateway partner configure ariba-fr --outbound-url URL)\n"
    )


@pytest.mark.parametrize(
    ("setting", "problem"),
    [
        ("profile.unit_map=xyz",
         "unit_map: 'xyz' is not an object of our unit codes to the buyer's"),
        ("profile.unit_map=" + "9" * 5000,  # more digits than int() reads: it was a traceback
         f"unit_map: '{'9' * 5000}' is not an object of our unit codes to the buyer's"),
        ('profile.unit_map={"C62": 5}',
         "unit_map: {'C62': 5} is not an object of our unit codes to the buyer's"),
        ('profile.versions={"default": "1.3"}',
         "versions: '1.3' is not a cXML version (1.1.0xx or 1.2.0xx)"),
        ("profile.versions=1.2.063",
         "versions: '1.2.063' is not an object of document types to cXML versions"),
        ("profile.cart_field=cxml",
         "cart_field: 'cxml' is not one of cxml-base64, cxml-urlencoded"),
        ("profile.schema_mode=loose", "schema_mode: 'loose' is not one of lenient, strict"),
        ("profile.keep_ship_to=yes", "keep_ship_to: 'yes' is not true or false"),
        ("profile.email_extrinsics=Email", "email_extrinsics: 'Email' is not a list of names"),
        ('profile.first_last_extrinsics=["First"]',
         "first_last_extrinsics: ['First'] is not a list of two names (first name, last name)"),
    ],
)  # fmt: skip
def test_a_profile_value_of_the_wrong_kind_is_refused(db, cli, partner, setting, problem):
    """Saved, each of these failed every later session or order of the partner."""
    before = settings_of(db)[0]
    result = cli("partner", "configure", "ariba-fr", "--set", setting)
    assert (result.exit_code, result.output) == (
        1,
        f"Error: partner ariba-fr: nothing saved:\n  profile: {problem}\n",
    )
    assert settings_of(db)[0] == before


@pytest.mark.parametrize(
    ("secret", "problem"),
    [
        ("ab\x01c", "character U+0001 is not allowed in XML 1.0; it is sent in XML"),
        ("\ufffe", "character U+FFFE is not allowed in XML 1.0; it is sent in XML"),
        (42, "must be a text"),
    ],
)
def test_a_secret_xml_cannot_carry_is_refused(db, cli, partner, secret, problem):
    """Saved, it went out into every document to the buyer as XML the buyer cannot read."""
    before = settings_of(db)[0]
    value = secret if isinstance(secret, str) else str(secret)
    result = cli(
        "partner", "configure", "ariba-fr", "--set", f"orders.outbound_shared_secret={value}"
    )
    assert (result.exit_code, result.output) == (
        1,
        f"Error: partner ariba-fr: nothing saved:\n  orders.outbound_shared_secret: {problem}\n",
    )
    assert settings_of(db)[0] == before


@pytest.mark.parametrize(
    ("value", "shown"), [("abc", "'abc'"), ("[1]", "[1]"), ("1.5.5", "'1.5.5'"), ("NaN", "nan")]
)
def test_a_tolerance_that_is_no_number_is_named_as_such(db, cli, partner, value, shown):
    """It printed `orders: [<class 'decimal.ConversionSyntax'>]`."""
    before = settings_of(db)[0]
    result = cli(
        "partner", "configure", "ariba-fr", "--set", f"orders.price_tolerance_percent={value}"
    )
    assert (result.exit_code, result.output) == (
        1,
        "Error: partner ariba-fr: nothing saved:\n"
        f"  orders.price_tolerance_percent: {shown} is not a number\n",
    )
    assert settings_of(db)[0] == before


def test_every_problem_of_the_order_policy_is_named_at_once(db, cli, partner):
    """The policy stopped at its first problem: the tolerance was named only on the next try."""
    result = cli(
        "partner", "configure", "ariba-fr",
        "--set", "orders.price_policy=maybe", "--set", "orders.price_tolerance_percent=-1",
    )  # fmt: skip
    assert (result.exit_code, result.output) == (
        1,
        "Error: partner ariba-fr: nothing saved:\n"
        "  orders.price_policy: 'maybe' is not one of accept, flag, reject\n"
        "  orders.price_tolerance_percent: -1 is negative; a tolerance is 0 or more\n",
    )


def test_units_without_a_code_are_named_with_the_other_oci_problems(app, db, cli):
    """The catalog check ran only once the other OCI values were valid: the missing unit
    codes showed only on the next try."""
    oci_client(app, db)  # sap-fr, whose catalog sells by C62
    before = settings_of(db, "sap-fr")[0]
    result = cli(
        "partner", "configure", "sap-fr",
        "--set", 'oci.units={"EA": "ST"}', "--set", "oci.search_limit=0",
    )  # fmt: skip
    assert (result.exit_code, result.output) == (
        1,
        "Error: partner sap-fr: nothing saved:\n"
        "  oci: settings.oci.search_limit: must be a whole number from 1 to 500;"
        " settings.oci.units: no partner code for C62\n",
    )
    assert settings_of(db, "sap-fr")[0] == before


def test_profile_values_of_the_right_kind_reach_the_profile(db, cli, partner):
    result = cli(
        "partner", "configure", "ariba-fr",
        "--set", 'profile.unit_map={"C62": "EA"}',
        "--set", 'profile.versions={"PunchOutOrderMessage": "1.2.014"}',
        "--set", 'profile.first_last_extrinsics=["Vorname", "Nachname"]',
        "--set", "profile.keep_ship_to=false",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    profile = settings_of(db)[1]
    assert profile.unit_map == {"C62": "EA"}
    assert profile.version_for("PunchOutOrderMessage") == "1.2.014"
    assert profile.first_last_extrinsics == ("Vorname", "Nachname")
    assert profile.keep_ship_to is False


def test_a_settings_file_replaces_them_all(db, cli, partner, tmp_path):
    path = tmp_path / "ariba.json"
    path.write_text(json.dumps({"orders": {"price_policy": "accept"}}), encoding="utf-8")
    assert cli("partner", "configure", "ariba-fr", "--file", str(path)).exit_code == 0
    assert settings_of(db)[0] == {"orders": {"price_policy": "accept"}}
    for text in ("{not json", '{"orders": {"price_tolerance_percent": ' + "9" * 5000 + "}}"):
        path.write_text(text, encoding="utf-8")  # 5,000 digits: int() refused them, a traceback
        result = cli("partner", "configure", "ariba-fr", "--file", str(path))
        assert result.exit_code == 2 and "not a JSON file" in result.output
    assert settings_of(db)[0] == {"orders": {"price_policy": "accept"}}
    ftp = cli("partner", "configure", "ariba-fr", "--set", "profile.shop_url=ftp://shop")
    assert "profile.shop_url: 'ftp://shop' is not an http(s) URL without fragment" in ftp.output
    missing = cli("partner", "configure", "ariba-fr", "--unset", "orders.nothing")
    assert "--unset orders.nothing: no such setting" in missing.output


def test_oci_settings_are_checked_against_the_catalog(app, db, cli):
    oci_client(app, db)  # the OCI partner sap-fr and its catalog
    result = cli("partner", "configure", "sap-fr", "--set", "oci.units={}")
    assert result.exit_code == 1
    assert "  oci: settings.oci.units: no partner code for C62" in result.output
    assert cli("partner", "configure", "sap-fr", "--set", "oci.vendor=V-100").exit_code == 0
    assert settings_of(db, "sap-fr")[0]["oci"]["vendor"] == "V-100"


def test_products_the_oci_settings_cannot_send_are_warned_about_after_saving(app, db, cli):
    """One product whose identifier is too long for its field does not stop the partner: the
    settings are saved, and the products that cannot be sent are named."""
    oci_client(app, db)
    with db.transaction() as session:
        monitor = session.scalars(select(Product).where(Product.sku == "MON-200")).one()
        monitor.manufacturer_part_id = "M" * 41
    result = cli("partner", "configure", "sap-fr", "--set", "oci.vendor=V-100")
    assert result.exit_code == 0
    assert result.stdout == "partner sap-fr: settings saved\n"
    assert result.stderr.startswith(
        "warning: partner sap-fr: 1 product has a manufacturer_part_id longer than the 40"
        " characters of NEW_ITEM-MANUFACTMAT (MON-200)"
    )
    assert settings_of(db, "sap-fr")[0]["oci"]["vendor"] == "V-100"


def test_oci_numbers_set_as_they_are_typed_reach_the_new_item_fields(app, db, cli):
    client = oci_client(app, db)
    for setting in ("oci.vendor=100234", "oci.matgroups.laptops=1000"):
        result = cli("partner", "configure", "sap-fr", "--set", setting)
        assert result.exit_code == 0, result.output
    too_long = cli("partner", "configure", "sap-fr", "--set", "oci.vendor=12345678901")
    assert too_long.exit_code == 1
    assert "oci.vendor: '12345678901' is 11 characters, NEW_ITEM-VENDOR holds 10" in too_long.output
    assert settings_of(db, "sap-fr")[0]["oci"]["vendor"] == 100234  # nothing saved
    answer = client.post(
        "/oci", data=login_pairs(FUNCTION="VALIDATE", PRODUCTID="LAP-100", QUANTITY="1")
    )
    fields = received(answer).items[0].fields
    assert (fields["VENDOR"], fields["MATGROUP"]) == ("100234", "1000")


def test_a_number_with_an_exponent_is_kept_as_typed(app, db, cli):
    """docs/oci.md: a value typed as digits is read as text. 2E5 and 1e3 are JSON numbers
    that a Decimal would write back as 2E+5 and 1E+3: the text typed is what is stored and
    sent, as 1.50 stays 1.50."""
    client = oci_client(app, db)
    for setting in ("oci.matgroups.laptops=2E5", "oci.vendor=1e3", "oci.matgroups.docks=0.50"):
        result = cli("partner", "configure", "sap-fr", "--set", setting)
        assert result.exit_code == 0, result.output
    oci = settings_of(db, "sap-fr")[0]["oci"]
    assert (oci["vendor"], oci["matgroups"]["laptops"], oci["matgroups"]["docks"]) == (
        "1e3",
        "2E5",
        "0.50",
    )
    answer = client.post(
        "/oci", data=login_pairs(FUNCTION="VALIDATE", PRODUCTID="LAP-100", QUANTITY="1")
    )
    fields = received(answer).items[0].fields
    assert (fields["VENDOR"], fields["MATGROUP"]) == ("1e3", "2E5")


def test_our_secret_at_the_buyer_can_be_set_from_standard_input(app, db, cli, partner):
    """`--set-secret KEY` keeps the secret out of shell history: read from standard input
    (asked for without echo on a terminal), checked and sealed like any other value."""
    result = cli(
        "partner", "configure", "ariba-fr",
        "--set-secret", "orders.outbound_shared_secret",
        "--set", "orders.price_policy=flag",
        input="Geheim & <sicher> \n",
    )  # fmt: skip
    assert (result.exit_code, result.output) == (0, "partner ariba-fr: settings saved\n")
    orders = settings_of(db)[0]["orders"]
    assert orders["price_policy"] == "flag"
    assert unseal(gateway_app.settings_of(app).secret_key, orders["outbound_shared_secret"]) == (
        "Geheim & <sicher> "
    )


@pytest.mark.parametrize(
    ("key", "piped", "message"),
    [
        (
            "orders.price_policy",
            "flag\n",
            "--set-secret orders.price_policy: not a secret setting (those are:"
            " orders.outbound_shared_secret); use --set for it",
        ),
        (
            "orders.outbound_shared_secret",
            "",
            "no orders.outbound_shared_secret given: type it when asked (on a terminal), pipe it"
            " on standard input, or give --set orders.outbound_shared_secret=...",
        ),
    ],
)
def test_a_secret_setting_that_cannot_be_read_saves_nothing(db, cli, partner, key, piped, message):
    before = settings_of(db)[0]
    args = ["partner", "configure", "ariba-fr", "--set", "orders.price_policy=flag"]
    result = cli(*args, "--set-secret", key, input=piped)
    assert result.exit_code == 2 and f"Error: {message}\n" in result.output
    assert settings_of(db)[0] == before


def test_a_unit_code_longer_than_an_order_line_holds_is_refused(db, cli, partner):
    """The buyer sends the code back in its orders, whose lines store 3 characters: EACH
    would come back as EAC in our ship notices."""
    before = settings_of(db)[0]
    result = cli("partner", "configure", "ariba-fr", "--set", 'profile.unit_map={"C62": "EACH"}')
    assert (result.exit_code, result.output) == (
        1,
        "Error: partner ariba-fr: nothing saved:\n"
        "  profile.unit_map.C62: 'EACH' has 4 characters; an order line stores a unit of at"
        " most 3\n",
    )
    assert settings_of(db)[0] == before
