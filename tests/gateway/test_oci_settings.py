"""A partner's OCI settings read into OutboundOptions and a HookUrlPolicy: every wrong key named
at once (what they must fit in the catalog: test_oci_catalog)."""

import pytest

from gateway.models import TradingPartner
from gateway.oci_settings import Identifier
from gateway.oci_settings import read_partner_oci
from oci import ConfigurationError
from oci import PriceMode

from .test_oci_fixtures import SETTINGS


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
