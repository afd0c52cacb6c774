"""Reading a refused command's answer, as its user sees it: a non-zero exit status and one line
`error: ...` on standard error."""


def error_of(result) -> str:
    """The message of the one error line a refused command printed (click Result)."""
    assert result.exit_code != 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1, result.output
    return lines[0].removeprefix("error: ")
