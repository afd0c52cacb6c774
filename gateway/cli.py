"""The `gateway` console script: Flask's click group around create_app, so every command is also
reachable as `flask --app gateway ...`. Gateway errors end the command with one clear line, and
so does a database that cannot be reached or has not been migrated (never a stack trace), either
way (`one_line_errors`)."""

import functools
import sys

import click
from flask.cli import FlaskGroup
from flask.cli import routes_command
from flask.cli import shell_command
from sqlalchemy.exc import DBAPIError

from gateway.app import create_app
from gateway.errors import GatewayError


def _create_app():
    return create_app()


cli = FlaskGroup(
    name="gateway",
    create_app=_create_app,
    load_dotenv=False,
    set_debug_flag=False,
    # Not Flask's development server (`serve` runs gunicorn), nor Flask's version.
    add_default_commands=False,
    add_version_option=False,
    params=[
        click.Option(
            ["--version"],
            is_flag=True,
            expose_value=False,
            is_eager=True,
            help="Show the gateway's version.",
            callback=lambda ctx, _param, value: _print_version(ctx) if value else None,
        )
    ],
    help="B2B e-procurement gateway: punch-out, orders and static catalogs.",
)
cli.add_command(shell_command)
cli.add_command(routes_command)


def _print_version(ctx: click.Context) -> None:
    from importlib.metadata import version

    click.echo(f"procurement-gateway {version('procurement-gateway')}")
    ctx.exit()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    try:
        cli.main(args=argv, prog_name="gateway", standalone_mode=True)
    except GatewayError as exc:
        click.secho(f"error: {exc}", err=True, fg="red")
        sys.exit(exc.exit_code)
    except DBAPIError as exc:
        click.secho(f"error: {database_problem(exc)}", err=True, fg="red")
        sys.exit(2)


def one_line_errors(group: click.Group) -> None:
    """Make each command of `group` (and of its subgroups) end a gateway error or a database
    problem with one line and the error's exit status, whether it runs as `gateway ...` or as
    `flask --app gateway ...` (where `main` is not around it). Idempotent: the command objects
    are shared by every app made in a process."""
    for command in group.commands.values():
        if isinstance(command, click.Group):
            one_line_errors(command)
        elif command.callback is not None and not hasattr(command.callback, "one_line"):
            command.callback = _one_line(command.callback)


class _OneLine(click.ClickException):
    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None) -> None:
        click.secho(f"error: {self.message}", err=True, fg="red")


def _one_line(callback):
    @functools.wraps(callback)
    def run(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except GatewayError as exc:
            raise _OneLine(str(exc), exc.exit_code) from exc
        except DBAPIError as exc:
            raise _OneLine(database_problem(exc), 2) from exc

    run.one_line = True
    return run


def database_problem(exc: DBAPIError) -> str:
    """One line on what is wrong with the configured database: unreachable, not migrated (or
    migrated by an older gateway), or the driver's own first line."""
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from gateway.db import alembic_config
    from gateway.settings import load_settings

    url = load_settings().database_url
    shown = make_url(url).render_as_string(hide_password=True)
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except DBAPIError:
        return f"database {shown}: cannot connect: {reason}"
    finally:
        engine.dispose()
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    if current is None:
        return f"database {shown} has no gateway tables yet: run `gateway db upgrade` first"
    if current != head:
        return f"database {shown} is not up to date: run `gateway db upgrade` first"
    return f"database {shown}: {reason}"


def read_secret(what: str, option: str) -> str:
    """A secret read from standard input, for a command given it without `option`: asked for
    twice without echo on a terminal, else the first line piped in (without its line ending).

    Why: a secret typed as an option's value stays in the shell's history and shows in `ps`
    while the command runs, for every user of the machine.
    """
    stdin = sys.stdin
    if stdin.isatty():
        return click.prompt(what, hide_input=True, confirmation_prompt=True)
    value = stdin.readline().removesuffix("\n").removesuffix("\r")
    if not value:
        raise click.UsageError(
            f"no {what} given: type it when asked (on a terminal), pipe it on standard input,"
            f" or give {option}"
        )
    return value
