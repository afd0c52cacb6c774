"""The protocol and pricing packages stay free of the web, database and HTTP layers."""

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
FORBIDDEN = {"flask", "sqlalchemy", "requests", "alembic", "werkzeug", "gateway"}
RULES = {
    "cxml": FORBIDDEN | {"oci", "pricing", "catalog_export"},
    "oci": FORBIDDEN | {"cxml", "pricing", "catalog_export"},
    "pricing": FORBIDDEN | {"cxml", "oci", "catalog_export"},
    "catalog_export": FORBIDDEN | {"cxml", "oci"},
}


def imported_roots(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(RULES))
def test_package_imports_stay_in_their_layer(package):
    offending = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & RULES[package])
        for path in (ROOT / package).rglob("*.py")
    }
    assert {path: names for path, names in offending.items() if names} == {}


def test_rule_scanner_sees_a_forbidden_import(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("import flask\nfrom sqlalchemy.orm import Session\nfrom . import y\n")
    assert imported_roots(sample) == {"flask", "sqlalchemy"}
