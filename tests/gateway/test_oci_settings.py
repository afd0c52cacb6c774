"""A partner's OCI settings read into OutboundOptions and checked against the catalog: every
wrong key named at once; units, identifiers, contract codes that cannot be sent; and the
`gateway partner check NAME` command."""

import pytest
from sqlalchemy import select

from gateway.models import BillingEntity
from gateway.models import Contract
from gateway.models import Product
from gateway.models import TradingPartner
from gateway.oci_settings import Identifier
from gateway.oci_settings import find_catalog_problems
from gateway.oci_settings import load_partner_oci
from gateway.oci_settings import read_partner_oci
from oci import ConfigurationError
from oci import PriceMode

from .test_oci_fixtures import SETTINGS
from .test_oci_fixtures import oci_client


def partner_with(settings, prefixes=("https://srm.example/sap/",)):
    return TradingPartner(
        name="p",
        protocol="oci",
        flavour="sap",
        settings={"oci": settings},
        return_url_prefixes=list(prefixes),
    )


def test_settings_are_read_into_outbound_options_and_a_hook_policy():
    config = read_partner_oci(
        partner_with(
            {
                **SETTINGS,
                "price_mode": "per unit",
                "require_https": True,
                "pad_numbers": True,
                "required_fields": ["LEADTIME"],
                "ext_product_id": "manufacturer_part_id",
            },
            prefixes=("https://srm.example/sap/", "SAPEVENT:POST"),
        )
    )
    assert dict(config.outbound.unit_map.codes) == {"C62": "ST"}
    assert config.outbound.price_mode is PriceMode.PER_UNIT
    assert config.outbound.pad_numbers and not config.outbound.send_empty_fields
    assert config.outbound.required_fields == frozenset({"LEADTIME"})
    assert config.hook_policy.require_https
    assert config.hook_policy.allowed_prefixes == ("https://srm.example/sap/", "SAPEVENT:POST")
    assert (config.vendor, config.send_contract) == ("100234", True)
    assert (config.vendormat, config.ext_product_id) == (
        Identifier.SKU,
        Identifier.MANUFACTURER_PART_ID,
    )
    assert dict(config.price_units) == {"screws": 1000}


def test_every_wrong_key_is_named_in_one_error():
    settings = {
        "units": {"C62": "STUECK", "pieces": "ST"},
        "vendor": ["100234"],
        "matgroups": {"laptops": "IT-LAPTOP-HW"},
        "price_units": {"screws": 1000000},
        "vendormat": "ean",
        "contract": "yes",
        "required_fields": ["COLOUR"],
        "search_limit": 0,
    }
    with pytest.raises(ConfigurationError) as caught:
        read_partner_oci(partner_with(settings))
    problems = caught.value.message.split("; ")
    assert problems == [
        "settings.oci.vendor: must be text",
        "settings.oci.vendormat: must be one of 'sku', 'manufacturer_part_id'",
        "settings.oci.contract: must be true or false",
        "settings.oci.search_limit: must be a whole number from 1 to 500",
        "settings.oci.required_fields: must list OCI field names (unknown: ['COLOUR'])",
        "settings.oci.matgroups.laptops: 'IT-LAPTOP-HW' is 12 characters,"
        " NEW_ITEM-MATGROUP holds 10",
        "settings.oci.price_units.screws: 1000000 does not fit NEW_ITEM-PRICEUNIT (2 to 5 digits)",
        "settings.oci.units: unit map: C62 -> 'STUECK' does not fit NEW_ITEM-UNIT"
        " (3 letters or digits)",
    ]


def test_sap_numbers_given_as_json_numbers_are_read_as_their_digits():
    config = read_partner_oci(
        partner_with({**SETTINGS, "vendor": 100234, "matgroups": {"x": 1000}})
    )
    assert (config.vendor, dict(config.matgroups)) == ("100234", {"x": "1000"})
    for wrong in (True, -5, 1.5):
        with pytest.raises(ConfigurationError, match=r"settings\.oci\.vendor: must be text"):
            read_partner_oci(partner_with({**SETTINGS, "vendor": wrong}))


def test_a_prefix_the_oci_library_refuses_is_a_configuration_error():
    with pytest.raises(ConfigurationError, match="return URL prefixes: allowed HOOK_URL prefix"):
        read_partner_oci(partner_with(SETTINGS, prefixes=("ftp://srm.example/",)))


@pytest.fixture
def catalog(app, db):
    oci_client(app, db)
    return db


def _problems(db, **changes):
    with db.transaction() as session:
        partner = session.scalars(select(TradingPartner)).one()
        config = read_partner_oci(partner_with({**SETTINGS, **changes}))
        return find_catalog_problems(session, config, session.get(BillingEntity, partner.entity_id))


def test_the_catalog_fits_the_test_partner(catalog):
    assert _problems(catalog) == []


def test_catalog_values_that_cannot_be_sent_are_listed(catalog):
    with catalog.transaction() as session:
        session.scalars(select(Product).where(Product.sku == "CAB-300")).one().unit = "MTR"
        session.scalars(select(Product).where(Product.sku == "DOC-400")).one().sku = "D" * 41
        session.scalars(select(Contract)).one().code = "FRAMEWORK-2026"
    assert _problems(catalog) == [
        "settings.oci.units: no partner code for MTR",
        f"NEW_ITEM-VENDORMAT holds 40 characters; too long: {'D' * 41!r}",
        f"NEW_ITEM-EXT_PRODUCT_ID holds 40 characters; too long: {'D' * 41!r}",
        "NEW_ITEM-CONTRACT holds 10 characters; too long: 'FRAMEWORK-2026'",
    ]
    assert (
        _problems(
            catalog,
            contract=False,
            units={"C62": "ST", "MTR": "M"},
            vendormat="manufacturer_part_id",
            ext_product_id="manufacturer_part_id",
        )
        == []
    )


def test_partner_check_command(catalog, cli):
    result = cli("partner", "check", "sap-fr")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "partner sap-fr: OCI settings fit the catalog (1 units mapped, 3 material groups,"
        " buys for ACME-FR)\n"
    )
    with catalog.transaction() as session:
        session.scalars(select(TradingPartner)).one().settings = {"oci": {"units": {}}}
    result = cli("partner", "check", "sap-fr")
    assert result.exit_code == 1
    assert "Error: partner sap-fr: settings.oci.units: no partner code for C62" in result.output
    with catalog.transaction() as session:
        partner = session.scalars(select(TradingPartner)).one()
        with pytest.raises(ConfigurationError, match="no partner code for C62"):
            load_partner_oci(session, partner)
