"""`gateway price explain` prints the quote and why, from the database's contracts."""

import datetime
import zoneinfo

import pytest

from gateway import create_app
from gateway.app import database_of

from .catalog_data import TODAY
from .catalog_data import build
from .cli_support import error_of


@pytest.fixture
def catalog(db):
    with db.transaction() as session:
        build(session)


def test_explain_names_the_winning_rule_and_the_tiers(catalog, cli):
    result = cli("price", "explain", "--entity", "ACME-FR", "--sku", "LAP-100", "--quantity", "10")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"SKU LAP-100 for entity ACME-FR on {TODAY}, quantity 10"
    assert lines[1] == "list price: EUR 1099.00; cost: EUR 800.00"
    assert any(line.startswith(" * C-FR/R1 fixed_price category=laptops") for line in lines)
    price = [line for line in lines if line.startswith("price: ")]
    assert price == [
        f"price: EUR 849.00 per unit, contract C-FR 'Accord cadre 2026', level Gold, valid "
        f"{TODAY - datetime.timedelta(days=30)} to {TODAY + datetime.timedelta(days=30)}, rule R1"
    ]


def test_explain_on_a_day_outside_the_contract_shows_it_set_aside(catalog, cli):
    later = (TODAY + datetime.timedelta(days=31)).isoformat()
    result = cli("price", "explain", "--entity", "ACME-FR", "--sku", "LAP-100", "--date", later)
    assert "contract C-FR set aside: expired" in result.output.splitlines()
    assert "price: EUR 1099.00 per unit, off-contract list price" in result.output


def test_explain_for_an_entity_without_the_currency(catalog, cli):
    result = cli("price", "explain", "--entity", "ACME-UK", "--sku", "CAB-300")
    assert "not offered:" in result.output


def test_explain_refuses_bad_input(catalog, cli):
    bad = cli("price", "explain", "--entity", "ACME-FR", "--sku", "LAP-100", "--quantity", "-2")
    assert bad.exit_code == 2 and "must be more than zero" in bad.output
    unknown_sku = cli("price", "explain", "--entity", "ACME-FR", "--sku", "NOPE")
    assert error_of(unknown_sku) == "sku: no active product 'NOPE'"
    unknown_entity = cli("price", "explain", "--entity", "XX", "--sku", "LAP-100")
    assert error_of(unknown_entity) == "entity: no billing entity with code 'XX'"


@pytest.mark.parametrize("quantity", ["1e3", "1E+3", "Infinity", "1,5", "NaN"])
def test_explain_refuses_a_quantity_the_imports_would_not_read(catalog, cli, quantity):
    """`--quantity 1e3` was taken and printed back as 1E+3."""
    result = cli(
        "price", "explain", "--entity", "ACME-FR", "--sku", "LAP-100", "--quantity", quantity
    )
    assert result.exit_code == 2
    assert (
        f"Invalid value for '--quantity': {quantity!r} is not a plain decimal number"
        " (digits and a decimal point; no exponent)"
    ) in result.output


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Etc/GMT+12"])  # UTC+14 and UTC-12
def test_today_is_the_day_in_the_configured_time_zone(catalog, database_url, tmp_path, zone):
    app = create_app(
        {
            "database_url": database_url,
            "instance_path": str(tmp_path / "instance"),
            "secret_key": "zone-test-" + "z" * 32,
            "timezone": zone,
        }
    )
    try:
        before = datetime.datetime.now(zoneinfo.ZoneInfo(zone)).date()
        result = app.test_cli_runner().invoke(
            args=["price", "explain", "--entity", "ACME-FR", "--sku", "LAP-100"]
        )
        after = datetime.datetime.now(zoneinfo.ZoneInfo(zone)).date()
    finally:
        database_of(app).dispose()
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[0]
    assert header in {
        f"SKU LAP-100 for entity ACME-FR on {day}, quantity 1" for day in (before, after)
    }
