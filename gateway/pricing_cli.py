"""`gateway price explain`: the quote of one product for one entity, and why."""

import datetime
from decimal import Decimal

import click
from flask import current_app
from flask.cli import AppGroup

from gateway.app import database_of
from gateway.app import settings_of
from gateway.catalog import entity_by_code
from gateway.catalog import load_price_book
from gateway.catalog import product_by_sku
from gateway.errors import NotFoundError
from gateway.imports.cells import parse_decimal
from pricing.explain import explain
from pricing.explain import render_explanation

price_group = AppGroup("price", help="Contract pricing.")


def _quantity(_ctx, _param, value: str) -> Decimal:
    """Digits with an optional decimal point, as the imports read quantities: `1e3` was taken
    and printed back as 1E+3."""
    quantity = parse_decimal(value.strip())
    if quantity is None:
        raise click.BadParameter(
            f"{value!r} is not a plain decimal number (digits and a decimal point; no exponent)"
        )
    if quantity <= 0:
        raise click.BadParameter(f"must be more than zero, got {value!r}")
    return quantity


@price_group.command("explain")
@click.option("--entity", "entity_code", required=True, help="Billing entity code.")
@click.option("--sku", required=True, help="Supplier part id.")
@click.option("--quantity", default="1", show_default=True, callback=_quantity)
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Day to price on (default: today in GATEWAY_TIMEZONE).",
)
def explain_command(entity_code: str, sku: str, quantity: Decimal, day) -> None:
    """Print the quote and every rule considered, with the one that won."""
    on: datetime.date = day.date() if day else settings_of(current_app).today()
    with database_of(current_app).transaction() as session:
        entity = entity_by_code(session, entity_code)
        product = product_by_sku(session, sku, language=(entity.languages or ["en"])[0])
        if product is None:
            raise NotFoundError(f"sku: no active product {sku!r}")
        book = load_price_book(session, entity, on)
        click.echo(render_explanation(explain(book, product.value, quantity)), nl=False)
