"""Back-office imports: products, category names, billing entities, contracts and trading
partners from CSV or XLSX files, each file applied whole or not at all and upserted by its
natural key.

    report = import_file(database, "products", "products.csv")
    print(report.summary())

The columns of each kind are documented in docs/imports.md.
"""

import pathlib
from collections.abc import Callable

from sqlalchemy.exc import IntegrityError

from gateway.catalog import catalog_changed
from gateway.db import Database
from gateway.imports import categories
from gateway.imports import contracts
from gateway.imports import entities
from gateway.imports import partners
from gateway.imports import products
from gateway.imports.cells import RowProblem
from gateway.imports.errors import ConcurrentChange
from gateway.imports.errors import HeaderError
from gateway.imports.errors import UnreadableFile
from gateway.imports.reader import open_source
from gateway.imports.runner import ImportReport
from gateway.imports.runner import Run

__all__ = [
    "KINDS",
    "ConcurrentChange",
    "HeaderError",
    "ImportReport",
    "RowProblem",
    "UnreadableFile",
    "import_file",
]

_HANDLERS = {
    module.LAYOUT.kind: module for module in (products, categories, entities, contracts, partners)
}
KINDS = tuple(_HANDLERS)


class _RollBack(Exception):
    """Leaves the transaction block so that it rolls back."""


def import_file(
    database: Database,
    kind: str,
    path: str | pathlib.Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    on_problem: Callable[[RowProblem], None] | None = None,
) -> ImportReport:
    """Apply one file of `kind` (one of KINDS) in one transaction, or nothing when a row is bad.

    progress(done, total) is called every thousand rows (bytes of a CSV file, rows of a sheet);
    on_problem sees every row problem as it is found. Raises UnreadableFile or HeaderError when
    the file cannot be read at all, ConcurrentChange when another process wrote the same keys
    meanwhile; nothing is applied then.
    """
    handler = _HANDLERS.get(kind)
    if handler is None:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    with open_source(path) as source:
        columns = handler.LAYOUT.check_header(source.name, source.header)
        run = Run(source, columns, kind=kind, progress=progress, on_problem=on_problem)
        try:
            with database.transaction() as session:
                handler.apply(session, run)
                if run.rejected:
                    raise _RollBack
            catalog_changed()  # this process's caches read products and contracts afresh
        except _RollBack:
            pass
        except IntegrityError as exc:
            raise ConcurrentChange(
                f"{source.name}: the database changed during the import (another import at the "
                "same time?); nothing was applied, run it again"
            ) from exc
    return run.report()
