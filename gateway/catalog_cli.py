"""`gateway catalog export|validate`: static catalogs for e-services staff."""

import os
import pathlib
import sys
import time

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

import catalog_export
from gateway.app import database_of
from gateway.app import settings_of
from gateway.exports import EmptyCatalog
from gateway.exports import ExportError
from gateway.exports import ExportRequest
from gateway.exports import UnsafeFileName
from gateway.exports import count_products
from gateway.exports import run_export
from gateway.models import BillingEntity
from gateway.settings import placeholder_identity

catalog_group = AppGroup("catalog", help="Static catalogs (CIF, Excel, BMEcat, cXML Index).")


@catalog_group.command("export")
@click.option("--entity", "entity_code", help="Billing entity code.")
@click.option("--all-entities", is_flag=True, help="One file per billing entity.")
@click.option("--format", "fmt", type=click.Choice(sorted(catalog_export.WRITERS)), required=True)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Price date (default: today in GATEWAY_TIMEZONE).",
)
@click.option("--language", default=None, help="Text language (default: the entity's first).")
@click.option(
    "--output",
    type=click.Path(dir_okay=True),
    default=None,
    help="Output file, or an existing folder to write CODE-DATE.EXT in (a path ending in /"
    " is a folder; --all-entities takes a folder). Default: the current folder.",
)
@click.option(
    "--since-export",
    type=int,
    default=None,
    help="Write only the changes since this earlier export (CIF LOADMODE I).",
)
def export_command(entity_code, all_entities, fmt, as_of, language, output, since_export):
    """Write the catalog of an entity at its contract prices."""
    if bool(entity_code) == all_entities:
        raise click.UsageError("give either --entity CODE or --all-entities")
    if all_entities and since_export is not None:
        raise click.UsageError("--since-export names one entity's export; use it with --entity")
    database = database_of(current_app)
    settings = settings_of(current_app)
    day = as_of.date() if as_of else settings.today()
    codes = [entity_code] if entity_code else _all_codes(database)
    placeholder = placeholder_identity(settings)
    if placeholder:
        click.echo(f"warning: {placeholder}", err=True)
    output, folder = _output_paths(output, all_entities)
    failed = False
    for code in codes:
        request = ExportRequest(
            entity_code=code,
            format=fmt,
            as_of=day,
            language=language,
            output=output,
            folder=folder,
            since_export=since_export,
        )
        try:
            with _progress(count_products(database), code) as advance:
                summary = run_export(database, settings, request, progress=advance)
        except (EmptyCatalog, UnsafeFileName) as exc:
            if not all_entities:
                raise
            click.secho(f"error: {exc}", err=True, fg="red")  # the other entities still get theirs
            failed = True
            continue
        click.echo(summary.line())
    if failed:
        sys.exit(1)


def _output_paths(output: str | None, all_entities: bool):
    """(file, folder) of ExportRequest for --output: a folder when it ends in a separator
    (pathlib would drop it, and the folder be written as a file) or names an existing one."""
    if output is None:
        return None, pathlib.Path()
    path = pathlib.Path(output)
    if all_entities or output.endswith(("/", os.sep)) or path.is_dir():
        return None, path
    return path, pathlib.Path()


def _all_codes(database) -> list[str]:
    with database.transaction() as session:
        return list(session.scalars(select(BillingEntity.code).order_by(BillingEntity.code)))


class _progress:
    """A progress bar with item count and rate on a terminal; nothing otherwise."""

    def __init__(self, total: int, label: str) -> None:
        self.total, self.label, self.bar = total, label, None
        self.started = time.monotonic()

    def __enter__(self):
        if sys.stderr.isatty():
            self.bar = click.progressbar(
                length=self.total,
                label=self.label,
                file=sys.stderr,
                item_show_func=lambda _=None: self._rate(),
            ).__enter__()
        return self.advance

    def advance(self, count: int) -> None:
        if self.bar is not None:
            self.bar.update(count)

    def _rate(self) -> str:
        seconds = max(time.monotonic() - self.started, 1e-6)
        done = self.bar.pos if self.bar else 0
        return f"{done:,} items, {done / seconds:,.0f}/s"

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False


@catalog_group.command("validate")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path))
def validate_command(file: pathlib.Path) -> None:
    """Check a catalog file; print every problem with its line; exit 1 on errors."""
    try:
        report = catalog_export.validate_file(file)
    except catalog_export.UnreadableCatalog as exc:  # no catalog at all: one line, like errors
        raise ExportError(f"{file}: {exc}") from exc
    for problem in report.problems:
        click.echo(str(problem))
    click.echo(
        f"{file}: {report.format}, {report.item_count:,} items, "
        f"{len(report.errors)} errors, {len(report.warnings)} warnings"
    )
    if not report.ok:
        sys.exit(1)
