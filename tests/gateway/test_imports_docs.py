"""docs/imports.md documents every column each import reads, required ones as required, and each
kind's example file under docs/examples/ uses every one of them (a column of each pattern)."""

import csv
import pathlib
import re

import pytest

from gateway.imports import categories
from gateway.imports import contracts
from gateway.imports import entities
from gateway.imports import partners
from gateway.imports import products

DOCS = pathlib.Path(__file__).parents[2] / "docs"
LAYOUTS = {
    "products": products.LAYOUT,
    "categories": categories.LAYOUT,
    "entities": entities.LAYOUT,
    "contracts": contracts.LAYOUT,
    "partners": partners.LAYOUT,
}
# Columns named by pattern: one column per language or currency.
PATTERNS = {
    "products": ("description_<lang>", "long_description_<lang>", "list_price_<CUR>", "cost_<CUR>"),
    "categories": ("name_<lang>",),
}


def documented(kind: str) -> dict[str, str]:
    """column -> its "required" cell, from the table of the `## kind` section."""
    text = (DOCS / "imports.md").read_text(encoding="utf-8")
    section = text.split(f"\n## {kind}\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        if line.startswith("| `") and len(cells) >= 2:
            for name in re.findall(r"`([^`]+)`", cells[0]):
                rows[name] = cells[1]
    return rows


@pytest.mark.parametrize("kind", sorted(LAYOUTS))
def test_every_column_is_documented_and_required_ones_say_so(kind):
    layout, rows = LAYOUTS[kind], documented(kind)
    expected = set(layout.required) | set(layout.optional)
    expected |= set(PATTERNS.get(kind, ()))
    for pattern in PATTERNS.get(kind, ()):  # each pattern is a column the layout reads
        example = pattern.replace("<lang>", "fr").replace("<CUR>", "GBP")
        assert layout.dynamic(example) == example
    assert set(rows) == expected
    assert {name for name in layout.required if rows[name] != "yes"} == set()
    assert {name for name in layout.optional if rows[name] == "yes"} == set()


@pytest.mark.parametrize("kind", sorted(LAYOUTS))
def test_the_example_file_uses_every_column(kind):
    layout = LAYOUTS[kind]
    with (DOCS / "examples" / f"{kind}.csv").open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert set(layout.required) | set(layout.optional) <= set(header)
    for pattern in PATTERNS.get(kind, ()):
        prefix = pattern.split("<")[0]
        assert any(name.startswith(prefix) for name in header), prefix
