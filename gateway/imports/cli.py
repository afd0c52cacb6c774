"""`gateway import products|categories|entities|contracts|partners FILE`: one file, all or nothing.

Problems go to stderr as `file:row: column: reason`, the one-line summary to stdout. Exit status:
0 applied, 1 some row rejected, 2 the file cannot be read, 3 another process wrote the same keys
meanwhile; in every case but 0 nothing was applied.
A progress bar is drawn on stderr when it is a terminal.
"""

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from gateway.app import database_of
from gateway.errors import ImportFileError
from gateway.imports import KINDS
from gateway.imports import import_file
from gateway.imports.categories import unused_categories
from gateway.imports.entities import unmatched_policy_values
from gateway.oci_catalog import unfit_partners

import_group = AppGroup("import", help="Back-office imports from CSV or XLSX (docs/imports.md).")


class _ProgressBar:
    """A click progress bar on stderr, opened at the first report (when the total is known)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=max(total, 1), label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(max(0, min(done, total) - self.bar.pos))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def run_import(kind: str, path: str) -> None:
    """Import one file and end the command with the right exit status."""
    bar = _ProgressBar(f"{kind}") if sys.stderr.isatty() else None
    try:
        report = import_file(
            database_of(current_app),
            kind,
            path,
            progress=bar,
            on_problem=lambda problem: click.echo(str(problem), err=True),
        )
    except ImportFileError as exc:
        click.echo(f"error: {exc}", err=True)
        raise click.exceptions.Exit(exc.exit_code) from exc
    finally:
        if bar is not None:
            bar.close()
    click.echo(report.summary())
    if not report.applied:
        raise click.exceptions.Exit(1)
    if kind in ("products", "contracts"):
        _warn_unfit_oci_partners()
    if kind == "categories":
        _warn_unused_categories()
    if kind == "entities":
        _warn_unmatched_policies()


def _warn_unfit_oci_partners() -> None:
    """The catalog changed: say now which OCI partners it no longer fits (a new unit without
    a partner code...), not at their buyers' next call (docs/oci.md)."""
    with database_of(current_app).transaction() as session:
        for message in unfit_partners(session):
            click.echo(
                f"warning: {message}; its OCI calls are refused until"
                " `gateway partner configure` fixes this (docs/oci.md)",
                err=True,
            )


def _warn_unused_categories() -> None:
    """Names of a category no product has are kept, but may be a misspelt key: say so."""
    with database_of(current_app).transaction() as session:
        for category in unused_categories(session):
            click.echo(
                f"warning: no product is in category {category!r}; its names show once one is",
                err=True,
            )


def _warn_unmatched_policies() -> None:
    """A catalog policy value no product has may be misspelt (policies compare exactly)."""
    with database_of(current_app).transaction() as session:
        for message in unmatched_policy_values(session):
            click.echo(f"warning: {message}", err=True)


def _add_command(kind: str) -> None:
    @import_group.command(kind, help=f"Import {kind} from a CSV or XLSX file.")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False))
    def command(file: str) -> None:
        run_import(kind, file)


for _kind in KINDS:
    _add_command(_kind)
