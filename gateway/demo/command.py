"""`gateway demo`: load the demo data set, with a progress bar on a terminal and a one-line
summary, then the demo partners' credentials."""

import contextlib
import sys

import click
from flask import Flask
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from gateway.app import database_of
from gateway.app import settings_of
from gateway.demo.errors import DatabaseNotEmpty
from gateway.demo.loader import DEFAULT_PRODUCTS
from gateway.demo.loader import holdings
from gateway.demo.loader import load_demo
from gateway.demo.partners import credential_lines
from gateway.demo.partners import demo_partners_present


@click.command("demo")
@click.option(
    "--products",
    default=DEFAULT_PRODUCTS,
    show_default=True,
    type=click.IntRange(1, 50_000_000),
    help="How many products to generate (streamed; millions are fine).",
)
@click.option(
    "--contracts",
    default=0,
    type=click.IntRange(0, 100_000),
    help="Give DEMO-FR at least this many contracts (for pricing benchmarks).",
)
@with_appcontext
def demo_command(products: int, contracts: int) -> None:
    """Load the demo data set into an empty database."""
    database = database_of(current_app)
    if make_url(database.url).get_backend_name() == "sqlite":
        database.upgrade()  # the embedded database keeps itself up to date, as in serve
    with _progress(products) as advance:
        summary = load_demo(
            database,
            products=products,
            contracts_for_focus=contracts,
            today=settings_of(current_app).today(),
            progress=advance,
        )
    click.echo(summary.line())
    _echo_credentials(click.echo)


def load_demo_if_empty(app: Flask, echo=click.echo) -> bool:
    """Load the demo data set when the database is empty (serve --demo); True if it loaded.
    Prints the demo credentials whenever the demo partners are in the database."""
    database = database_of(app)
    with database.engine.connect() as connection:
        empty = holdings(connection) == (0, 0)
    loaded = False
    if empty:
        try:
            echo(load_demo(database, today=settings_of(app).today()).line())
            loaded = True
        except DatabaseNotEmpty:  # another process filled it in the meantime
            pass
    else:
        echo("demo: the database already holds data; the demo data set was not loaded")
    with database.transaction() as session:
        present = demo_partners_present(session)
    if present:
        _echo_credentials(echo)
    return loaded


def _echo_credentials(echo) -> None:
    echo("demo trading partners (published demo credentials, for the local simulator only):")
    for line in credential_lines():
        echo(line)


@contextlib.contextmanager
def _progress(total: int):
    if not sys.stdout.isatty():
        yield None
        return
    with click.progressbar(length=total, label="generating products") as bar:
        yield bar.update
