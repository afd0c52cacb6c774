"""What the validator reports: problems with their place in the file, errors and warnings.

An error is what a procurement system would refuse to load; a warning is a habit real CIF
tools have that buyers' systems load anyway. Problems of one kind are kept up to a limit and
counted beyond it, so validating a million broken rows does not hold a million messages.
"""

import dataclasses
import enum

__all__ = ["Problem", "ProblemCollector", "Severity", "ValidationReport"]

_KEEP_PER_CODE = 100


class Severity(enum.Enum):
    """Whether a buyer's system would refuse the file (ERROR) or load it anyway (WARNING)."""

    ERROR = "error"
    WARNING = "warning"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """One finding: where (line, and field or column when known), what, and how bad."""

    severity: Severity
    code: str
    message: str
    line: int | None = None
    column: str = ""

    def __str__(self) -> str:
        place = f"line {self.line}" if self.line is not None else "file"
        if self.column:
            place += f", {self.column}"
        return f"{place}: {self.severity.value}: {self.message} [{self.code}]"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ValidationReport:
    """Every problem found in one file, and what the file turned out to be."""

    format: str
    problems: tuple[Problem, ...]
    item_count: int = 0

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems a procurement system would refuse the file for."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Tolerated habits worth knowing about."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed): the CLI exits 0."""
        return not self.errors

    def codes(self) -> set[str]:
        """The codes of all problems, for tests and summaries."""
        return {problem.code for problem in self.problems}


class ProblemCollector:
    """Accumulates problems while a file streams past, bounded per problem code."""

    def __init__(self) -> None:
        self._kept: list[Problem] = []
        self._counts: dict[str, int] = {}
        self._severity: dict[str, Severity] = {}

    def add(self, severity: Severity, code: str, message: str, line=None, column="") -> None:
        """Record a problem (kept if fewer than the limit of its code were kept already)."""
        count = self._counts.get(code, 0) + 1
        self._counts[code] = count
        self._severity[code] = severity
        if count <= _KEEP_PER_CODE:
            self._kept.append(
                Problem(severity=severity, code=code, message=message, line=line, column=column)
            )

    def error(self, code: str, message: str, line=None, column="") -> None:
        """Record an error."""
        self.add(Severity.ERROR, code, message, line, column)

    def warning(self, code: str, message: str, line=None, column="") -> None:
        """Record a warning."""
        self.add(Severity.WARNING, code, message, line, column)

    def report(self, file_format: str, item_count: int) -> ValidationReport:
        """The report, with one summary problem per code that went over the limit."""
        problems = list(self._kept)
        for code, count in self._counts.items():
            if count > _KEEP_PER_CODE:
                problems.append(
                    Problem(
                        severity=self._severity[code],
                        code=code,
                        message=f"{count - _KEEP_PER_CODE} more like this not listed",
                    )
                )
        return ValidationReport(format=file_format, problems=tuple(problems), item_count=item_count)
