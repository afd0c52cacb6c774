"""XLSX files given to the gateway (`import ...`, `catalog validate`): the entities a sheet's
XML declares are refused, never expanded, and a workbook that cannot be read ends the command
with one line, not a traceback. openpyxl expanded an internal entity into a product's
description, and an external one or a billion laughs ended in xml.etree's ParseError."""

import pathlib
import zipfile

import pytest

from .test_imports_files import write_xlsx
from .test_imports_products import snapshot

SHEET = "xl/worksheets/sheet1.xml"
HEADER = ["sku", "manufacturer", "category", "unit", "description_en", "list_price_EUR"]
NEVER = "entities are never expanded"


def hostile_xlsx(path: pathlib.Path, doctype: str, text: str, rows: int = 1) -> pathlib.Path:
    """A products workbook whose last description is `text`, the sheet's XML opened by
    `doctype`: the file a buyer or a tampered export could hand over."""
    last = "LAST-DESCRIPTION"
    write_xlsx(
        path,
        [HEADER]
        + [
            [f"X-{n}", "Acme", "laptops", "C62", last if n == rows else "desc", "10.00"]
            for n in range(1, rows + 1)
        ],
    )
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts[SHEET] = doctype.encode() + parts[SHEET].replace(last.encode(), text.encode())
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def laughs() -> str:
    entities = ['<!ENTITY a "aaaaaaaaaa">'] + [
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8)
    ]
    return f"<!DOCTYPE worksheet [{''.join(entities)}]>"


def cases(tmp_path: pathlib.Path) -> dict:
    secret = tmp_path / "secret.txt"
    secret.write_text("a file the workbook must not read")
    return {
        "internal": ('<!DOCTYPE worksheet [<!ENTITY x "injected text">]>', "&x;", 1),
        "external": (f'<!DOCTYPE worksheet [<!ENTITY x SYSTEM "{secret.as_uri()}">]>', "&x;", 1),
        "laughs": (laughs(), "&i;", 1),
        # no DOCTYPE, an entity 3000 rows down: read-only mode meets it while reading rows
        "late": ("", "&x;", 3000),
    }


EXPECTED = {
    "internal": f"its XML declares the entity 'x'; {NEVER}",
    "external": f"its XML declares the entity 'x'; {NEVER}",
    "laughs": f"its XML declares the entity 'a'; {NEVER}",
    "late": "its XML is malformed: undefined entity: line 1, column ",
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_an_import_refuses_a_workbook_with_entities_and_applies_nothing(cli, db, tmp_path, case):
    path = hostile_xlsx(tmp_path / "products.xlsx", *cases(tmp_path)[case])
    result = cli("import", "products", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"error: products.xlsx: not a readable workbook: {EXPECTED[case]}"
    )
    assert len(result.stderr.splitlines()) == 1
    assert snapshot(db) == {}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_catalog_validate_refuses_a_workbook_with_entities(cli, tmp_path, case):
    path = hostile_xlsx(tmp_path / "catalog.xlsx", *cases(tmp_path)[case])
    result = cli("catalog", "validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {path}: not a readable workbook: {EXPECTED[case]}")
    assert len(result.stderr.splitlines()) == 1


def test_the_same_workbook_without_entities_is_read(cli, db, tmp_path):
    path = hostile_xlsx(tmp_path / "products.xlsx", "", "a plain description")
    result = cli("import", "products", str(path))
    assert result.stdout == "products.xlsx: 1 inserted, 0 updated, 0 unchanged, 0 rejected\n"
    assert snapshot(db)["X-1"]["texts"]["en"][0] == "a plain description"


def test_catalog_validate_of_a_file_that_is_no_catalog_is_one_line(cli, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello\n")
    result = cli("catalog", "validate", str(path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: {path}: neither a CIF, an XLSX nor an XML catalog export\n"
