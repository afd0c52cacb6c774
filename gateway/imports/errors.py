"""Errors of the back-office imports.

    GatewayError                       (gateway.errors)
    └── ImportFileError                the file cannot be read at all (its maker's fault)
        ├── UnreadableFile             not UTF-8 CSV nor XLSX, or no header row    exit status 2
        ├── HeaderError                unknown, missing or repeated columns        exit status 2
        └── ConcurrentChange           the database changed under the import       exit status 3
                                       (another import of the same keys at once)

A bad *row* is not an exception: it is a RowProblem (file, row, column, reason) collected while
every other row is still checked, and the whole file is then rolled back (exit status 1).
"""

from gateway.errors import ImportFileError


class UnreadableFile(ImportFileError):
    """The file is neither UTF-8 CSV nor XLSX, is empty, or breaks off mid-way."""

    exit_code = 2


class HeaderError(ImportFileError):
    """The header row names unknown columns, lacks required ones, or repeats one."""

    exit_code = 2

    def __init__(self, file: str, problems: list[str]) -> None:
        self.file = file
        self.problems = tuple(problems)
        super().__init__(f"{file}: header: " + "; ".join(problems))


class ConcurrentChange(ImportFileError):
    """The database refused a write that the import had checked (a key inserted meanwhile by
    another process); nothing was applied and running the import again is safe."""

    exit_code = 3
