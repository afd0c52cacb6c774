"""The `gateway` console script: Flask's click group around create_app, so every command is also
reachable as `flask --app gateway ...`. Gateway errors end the command with one clear line."""

import sys

import click
from flask.cli import FlaskGroup

from gateway.app import create_app
from gateway.errors import GatewayError


def _create_app():
    return create_app()


cli = FlaskGroup(
    name="gateway",
    create_app=_create_app,
    load_dotenv=False,
    set_debug_flag=False,
    help="B2B e-procurement gateway: punch-out, orders and static catalogs.",
)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    try:
        cli.main(args=argv, prog_name="gateway", standalone_mode=True)
    except GatewayError as exc:
        click.secho(f"error: {exc}", err=True, fg="red")
        sys.exit(exc.exit_code)
