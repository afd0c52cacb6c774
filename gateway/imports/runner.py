"""Running one import: check the header, feed every row to the kind's handler inside one
transaction, count outcomes, collect row problems, and roll the whole file back when any row was
rejected. Handlers see rows as Cells; they never open files or transactions themselves."""

import dataclasses
from collections.abc import Callable
from collections.abc import Iterator

from gateway.imports.cells import Cells
from gateway.imports.cells import RowProblem
from gateway.imports.errors import HeaderError
from gateway.imports.reader import Source

OUTCOMES = ("inserted", "updated", "unchanged")
KEPT_PROBLEMS = 1000  # a report keeps this many problems; on_problem sees every one
PROGRESS_EVERY = 1000  # rows


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Layout:
    """The columns of one kind of file. `dynamic` maps a column name outside the fixed ones to its
    canonical spelling (description_EN -> description_en), or None when it is unknown."""

    kind: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    dynamic: Callable[[str], str | None] = lambda _name: None
    # when set, a file needs one column at least whose name starts so, one per language
    # ("description_" of products, "name_" of categories)
    language_column: str = ""

    def __post_init__(self) -> None:
        if set(self.required) & set(self.optional):
            raise ValueError("a column is either required or optional")

    def check_header(self, file: str, header: list[str]) -> list[str]:
        """The canonical column names of the header, or HeaderError naming every fault."""
        fixed = {name.lower(): name for name in self.required + self.optional}
        columns, problems = [], []
        for position, cell in enumerate(header, 1):
            name = fixed.get(cell.lower()) or self.dynamic(cell)
            if not cell:
                problems.append(f"column {position} has no name")
            elif name is None:
                problems.append(f"unknown column {cell!r}")
            elif name in columns:
                problems.append(f"column {name!r} appears twice")
            columns.append(name or cell)
        unknown = sum(problem.startswith("unknown column") for problem in problems)
        if unknown == len(header):
            raise HeaderError(file, [f"no column of a {self.kind} file: is it one?"])
        missing = [name for name in self.required if name not in columns]
        if missing:
            problems.append("missing required column " + ", ".join(repr(m) for m in missing))
        if self.language_column and not any(
            name.startswith(self.language_column) for name in columns
        ):
            problems.append(f"missing a {self.language_column}<language> column (one at least)")
        if problems:
            raise HeaderError(file, problems)
        return columns


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ImportReport:
    """What one import did. When `rejected` is not zero nothing was applied."""

    file: str
    kind: str
    rows: int
    inserted: int
    updated: int
    unchanged: int
    rejected: int
    problems: tuple[RowProblem, ...]

    def __post_init__(self) -> None:
        if self.rejected and (self.inserted or self.updated or self.unchanged):
            raise ValueError("a rejected file applies nothing")

    @property
    def applied(self) -> bool:
        return self.rejected == 0

    def summary(self) -> str:
        """The one-line summary the CLI prints."""
        line = (
            f"{self.file}: {self.inserted} inserted, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.rejected} rejected"
        )
        if self.rejected:
            line += f" ({self.rows} rows read; nothing applied)"
        return line


class Run:
    """One pass over one file: its rows as Cells, its counters and its problems."""

    def __init__(
        self, source: Source, columns: list[str], *, kind: str, progress=None, on_problem=None
    ) -> None:
        self.source = source
        self.kind = kind
        self.columns = columns
        self.counts = dict.fromkeys(OUTCOMES, 0)
        self.rows_read = 0
        self.rejected_rows: set[int] = set()
        self.problems: list[RowProblem] = []
        self._progress = progress or (lambda _done, _total: None)
        self._on_problem = on_problem or (lambda _problem: None)

    @property
    def file(self) -> str:
        return self.source.name

    def rows(self) -> Iterator[Cells]:
        """Every non-empty row; rows with more or fewer cells than the header are rejected here.
        A CSV row cut short would read its missing cells as empty ones, which clear stored
        values (XLSX rows come padded: an XLSX file stores no empty cell)."""
        width = len(self.columns)
        for number, cells in self.source.rows():
            self.rows_read += 1
            if self.rows_read % PROGRESS_EVERY == 0:
                self._progress(self.source.done(), self.source.total)
            row = Cells(
                number,
                dict(zip(self.columns, cells, strict=False)),
                decimal_comma=self.source.decimal_comma,
            )
            if any(cells[width:]):
                row.fail(f"column {width + 1}", f"the row has more cells than the header ({width})")
            elif len(cells) < width:
                row.fail(
                    self.columns[len(cells)],
                    f"the row has {len(cells)} cells, fewer than the header ({width})",
                )
            yield row
        self._progress(self.source.total, self.source.total)

    def count(self, outcome: str, n: int = 1) -> None:
        self.counts[outcome] += n

    @property
    def rejected(self) -> int:
        return len(self.rejected_rows)

    def reject(self, row: Cells) -> None:
        """Record the row's problems; the file will be rolled back."""
        for column, reason in row.problems:
            self.problem(row.row, column, reason)

    def problem(self, row: int, column: str, reason: str) -> None:
        """Record one problem of one row; the row counts as rejected."""
        self.rejected_rows.add(row)
        problem = RowProblem(file=self.file, row=row, column=column, reason=reason)
        if len(self.problems) < KEPT_PROBLEMS:
            self.problems.append(problem)
        self._on_problem(problem)

    def report(self) -> ImportReport:
        counts = dict.fromkeys(OUTCOMES, 0) if self.rejected else self.counts
        return ImportReport(
            file=self.file,
            kind=self.kind,
            rows=self.rows_read,
            rejected=self.rejected,
            problems=tuple(self.problems),
            **counts,
        )
