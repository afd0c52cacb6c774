"""What the catalog holds that a partner's OCI settings must fit: units and contract codes are
problems that block the partner, identifiers too long for their field are warnings about those
products only; the per-call check reads the catalog facts once per process (until the catalog
changes here, or their time runs out); and the `gateway partner check NAME` command."""

import pytest
from sqlalchemy import event
from sqlalchemy import select

from gateway.catalog import catalog_changed
from gateway.models import BillingEntity
from gateway.models import Contract
from gateway.models import Product
from gateway.models import TradingPartner
from gateway.oci_catalog import CatalogFacts
from gateway.oci_catalog import find_catalog_problems
from gateway.oci_catalog import find_catalog_warnings
from gateway.oci_catalog import load_partner_oci
from gateway.oci_settings import read_partner_oci
from oci import ConfigurationError

from .test_oci_fixtures import SETTINGS
from .test_oci_fixtures import login_pairs
from .test_oci_fixtures import oci_client
from .test_oci_settings import partner_with

LONG_SKU = "DOC-400-USB-C-DUAL-4K-100W-" + "X" * 14  # 41 characters
LONG_MPN = "CONTOSO-27-QHD-" + "X" * 30  # 45 characters
TAIL = "left out of BACKGROUND_SEARCH, refused by VALIDATE and at transfer"


@pytest.fixture
def catalog(app, db):
    oci_client(app, db)
    return db


def _findings(db, **changes):
    """(problems, warnings) of the test partner's settings with `changes`, read now."""
    with db.transaction() as session:
        partner = session.scalars(select(TradingPartner)).one()
        config = read_partner_oci(partner_with({**SETTINGS, **changes}))
        entity = session.get(BillingEntity, partner.entity_id)
        return find_catalog_problems(session, config, entity), find_catalog_warnings(
            session, config
        )


def _change(db, which, **values):
    with db.transaction() as session:
        row = session.scalars(select(Product).where(Product.sku == which)).one()
        for name, value in values.items():
            setattr(row, name, value)


def test_the_catalog_fits_the_test_partner(catalog):
    assert _findings(catalog) == ([], [])


def test_units_and_contract_codes_that_cannot_be_sent_are_problems(catalog):
    _change(catalog, "CAB-300", unit="MTR")
    with catalog.transaction() as session:
        session.scalars(select(Contract)).one().code = "FRAMEWORK-2026"
    assert _findings(catalog) == (
        [
            "settings.oci.units: no partner code for MTR",
            "NEW_ITEM-CONTRACT holds 10 characters; too long: 'FRAMEWORK-2026'",
        ],
        [],
    )
    assert _findings(catalog, contract=False, units={"C62": "ST", "MTR": "M"}) == ([], [])


def test_identifiers_too_long_for_their_field_are_warnings_naming_the_products(catalog):
    _change(catalog, "DOC-400", sku=LONG_SKU)
    _change(catalog, "MON-200", manufacturer_part_id=LONG_MPN)
    _change(catalog, "LAP-100", manufacturer_part_id="L" * 41)
    problems, warnings = _findings(catalog)
    assert problems == []
    assert warnings == [
        f"1 product has a sku longer than the 40 characters of NEW_ITEM-VENDORMAT and"
        f" NEW_ITEM-EXT_PRODUCT_ID ({LONG_SKU}): {TAIL}",
        "2 products have a manufacturer_part_id longer than the 40 characters of"
        f" NEW_ITEM-MANUFACTMAT (LAP-100, MON-200): {TAIL}",
    ]
    _change(catalog, "SCR-500", manufacturer_part_id="S" * 50)
    _change(catalog, "CAB-300", manufacturer_part_id="C" * 50)
    _change(catalog, "LAP-100", active=False)  # a withdrawn product is sent to nobody
    _problems, warnings = _findings(catalog, vendormat="manufacturer_part_id")
    assert warnings == [
        "3 products have a manufacturer_part_id longer than the 40 characters of"
        f" NEW_ITEM-VENDORMAT and NEW_ITEM-MANUFACTMAT (CAB-300, MON-200, SCR-500): {TAIL}",
        f"1 product has a sku longer than the 40 characters of NEW_ITEM-EXT_PRODUCT_ID"
        f" ({LONG_SKU}): {TAIL}",
    ]
    _change(catalog, "LAP-100", active=True)
    assert _findings(catalog)[1][1].startswith(
        "4 products have a manufacturer_part_id longer than the 40 characters of"
        " NEW_ITEM-MANUFACTMAT (CAB-300, LAP-100, MON-200 ...)"
    )


def test_partner_check_command(catalog, cli):
    fits = (
        "partner sap-fr: OCI settings fit the catalog (1 units mapped, 3 material groups,"
        " buys for ACME-FR)\n"
    )
    result = cli("partner", "check", "sap-fr")
    assert (result.exit_code, result.output) == (0, fits)
    _change(catalog, "MON-200", manufacturer_part_id=LONG_MPN)
    result = cli("partner", "check", "sap-fr")
    assert result.exit_code == 0
    assert result.stdout == fits
    assert result.stderr == (
        "warning: partner sap-fr: 1 product has a manufacturer_part_id longer than the 40"
        f" characters of NEW_ITEM-MANUFACTMAT (MON-200): {TAIL}\n"
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


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_facts_are_read_once_until_the_catalog_changes_here_or_their_time_runs_out(catalog):
    clock = Clock()
    facts = CatalogFacts(ttl_seconds=30, clock=clock)
    entity_id = 1

    def read():
        with catalog.transaction() as session:
            return facts.units(session), facts.contract_overflows(session, entity_id)

    assert read() == (frozenset({"C62"}), ())
    _change(catalog, "CAB-300", unit="MTR")  # as another process would: this one is not told
    with catalog.transaction() as session:
        session.scalars(select(Contract)).one().code = "FRAMEWORK-2026"
    clock.now += 29
    assert read() == (frozenset({"C62"}), ())
    clock.now += 1
    changed = (
        frozenset({"C62", "MTR"}),
        ("NEW_ITEM-CONTRACT holds 10 characters; too long: 'FRAMEWORK-2026'",),
    )
    assert read() == changed
    _change(catalog, "CAB-300", unit="C62")
    assert read() == changed
    catalog_changed()  # an import or the demo load in this process
    assert read()[0] == frozenset({"C62"})


def _statements(db):
    seen = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: seen.append(args[2].lower()))
    return seen


def test_a_call_reads_no_product_or_contract_once_the_facts_are_known(catalog, app):
    client = app.test_client(use_cookies=False)
    assert client.post("/oci", data=login_pairs()).status_code == 303
    seen = _statements(catalog)
    assert client.post("/oci", data=login_pairs()).status_code == 303
    assert seen and not [s for s in seen if " products" in s or " contracts" in s]
    with catalog.transaction() as session:  # the partner's settings are still read every call
        session.scalars(select(TradingPartner)).one().settings = {"oci": {"units": {}}}
    refused = client.post("/oci", data=login_pairs())
    assert refused.status_code == 500
    assert "settings.oci.units: no partner code for C62" in refused.get_data(as_text=True)


def test_a_unit_imported_here_is_checked_at_the_next_call_and_elsewhere_after_the_ttl(
    catalog, app, cli, tmp_path
):
    client = app.test_client(use_cookies=False)
    facts = app.extensions["gateway.catalog_facts"]
    assert client.post("/oci", data=login_pairs()).status_code == 303
    _change(catalog, "SCR-500", unit="KGM")  # another process: seen when the facts time out
    assert client.post("/oci", data=login_pairs()).status_code == 303
    facts.ttl_seconds = 0
    assert "no partner code for KGM" in client.post("/oci", data=login_pairs()).get_data(
        as_text=True
    )
    facts.ttl_seconds = 3600
    _change(catalog, "SCR-500", unit="C62")  # mended elsewhere: a 500 is confirmed first
    assert client.post("/oci", data=login_pairs()).status_code == 303
    products = tmp_path / "products.csv"
    products.write_text(
        "sku,manufacturer,category,unit,description_en\nCBL-900,Acme,cables,MTR,Cable\n",
        encoding="utf-8",
    )
    imported = cli("import", "products", str(products))
    assert imported.exit_code == 0
    assert imported.stderr == (
        "warning: partner sap-fr: settings.oci.units: no partner code for MTR; its OCI calls"
        " are refused until `gateway partner configure` fixes this (docs/oci.md)\n"
    )
    refused = client.post("/oci", data=login_pairs())
    assert refused.status_code == 500
    assert "settings.oci.units: no partner code for MTR" in refused.get_data(as_text=True)
