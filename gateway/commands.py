"""CLI commands, registered on the app's click group (see gateway.cli)."""

import click
from flask import Flask
from flask import current_app
from flask.cli import AppGroup

from gateway import partners
from gateway.app import database_of
from gateway.app import settings_of
from gateway.cli import one_line_errors
from gateway.cli import read_secret
from gateway.errors import GatewayError


def register(app: Flask) -> None:
    import gateway.partner_settings  # noqa: F401 (adds `partner show` and `partner configure`)
    from gateway.catalog_cli import catalog_group
    from gateway.demo import demo_command
    from gateway.imports.cli import import_group
    from gateway.orders.cli import order_group
    from gateway.orders.cli import outbox_group
    from gateway.pricing_cli import price_group
    from gateway.serve import serve_command

    app.cli.add_command(catalog_group)
    app.cli.add_command(db_group)
    app.cli.add_command(import_group)
    app.cli.add_command(order_group)
    app.cli.add_command(outbox_group)
    app.cli.add_command(partner_group)
    app.cli.add_command(price_group)
    app.cli.add_command(serve_command)
    app.cli.add_command(demo_command)
    one_line_errors(app.cli)


db_group = AppGroup("db", help="Database schema.")


@db_group.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration."""
    database_of(current_app).upgrade()
    click.echo(f"database is up to date: {_masked(settings_of(current_app).database_url)}")


partner_group = AppGroup("partner", help="Trading partners (buyer system connections).")


@partner_group.command("add")
@click.option("--name", required=True)
@click.option("--protocol", type=click.Choice(partners.PROTOCOLS), required=True)
@click.option("--flavour", type=click.Choice(partners.FLAVOURS), default="generic")
@click.option("--entity", "entity_code", required=True, help="Billing entity code.")
@click.option("--identity", help="cXML credential identity.")
@click.option("--domain", default="NetworkID", show_default=True, help="cXML credential domain.")
@click.option(
    "--secret",
    help="cXML shared secret (stored hashed). Left out, it is read from standard input (asked"
    " for on a terminal), which keeps it out of shell history.",
)
@click.option("--username", help="OCI USERNAME.")
@click.option(
    "--password",
    help="OCI PASSWORD (stored hashed). Left out, it is read from standard input (asked for"
    " on a terminal), which keeps it out of shell history.",
)
@click.option("--return-url-prefix", "prefixes", multiple=True, required=True)
@click.option("--outbound-url", default="", help="Where order documents for the buyer go.")
def partner_add(
    name,
    protocol,
    flavour,
    entity_code,
    identity,
    domain,
    secret,
    username,
    password,
    prefixes,
    outbound_url,
) -> None:
    """Add or update a trading partner."""
    cxml = protocol == "cxml"
    login, login_option = (identity, "--identity") if cxml else (username, "--username")
    if not login:
        raise click.UsageError(f"{login_option} is required for a {protocol} partner")
    if cxml:
        secret = secret or read_secret("cXML shared secret", "--secret")
    else:
        password = password or read_secret("OCI password", "--password")
    spec = partners.PartnerSpec(
        name=name,
        protocol=protocol,
        flavour=flavour,
        entity_code=entity_code,
        identity=login,
        secret=secret if cxml else password,
        domain=domain if cxml else "",
        return_url_prefixes=tuple(prefixes),
        outbound_url=outbound_url,
    )
    with database_of(current_app).transaction() as session:
        outcome = partners.save_partner(session, spec)
    click.echo(f"partner {name}: {outcome}")
    if not cxml:
        _warn_unless_oci_ready(name)


def _warn_unless_oci_ready(name: str) -> None:
    """An OCI partner is usable once its settings fit the catalog (a code for every unit in
    use...): say what is missing now, at configuration time, not at the buyer's first call."""
    import oci
    from gateway.oci_catalog import load_partner_oci

    with database_of(current_app).transaction() as session:
        try:
            load_partner_oci(session, partners.find_partner(session, name))
        except oci.ConfigurationError as exc:
            click.echo(
                f"warning: {exc.message}; its OCI calls are refused until"
                f" `gateway partner configure {name}` fixes this (docs/oci.md)",
                err=True,
            )


@partner_group.command("list")
def partner_list() -> None:
    """List trading partners (secrets are never shown)."""
    with database_of(current_app).transaction() as session:
        rows = partners.list_partners(session)
        for partner in rows:
            logins = ", ".join(
                f"{c.domain}:{c.identity}" if c.domain else c.identity for c in partner.credentials
            )
            prefixes = " ".join(partner.return_url_prefixes)
            click.echo(
                f"{partner.name}\t{partner.protocol}\t{partner.flavour}\t{logins}\t{prefixes}"
            )
    if not rows:
        click.echo("no trading partners")


@partner_group.command("remove")
@click.argument("name")
def partner_remove(name: str) -> None:
    """Remove a trading partner that has no sessions or orders."""
    from sqlalchemy.exc import IntegrityError

    try:
        with database_of(current_app).transaction() as session:
            partners.remove_partner(session, name)
    except IntegrityError as exc:
        raise GatewayError(
            f"partner {name!r} has punch-out sessions, orders or documents; it cannot be removed"
        ) from exc
    click.echo(f"partner {name}: removed")


def _masked(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
