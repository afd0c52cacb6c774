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


def imported_modules(path: pathlib.Path) -> set[str]:
    """Every absolute module a file imports, with the names imported from a package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def test_gateway_services_do_not_import_the_web_layer():
    # app.py is the one place that registers the blueprints.
    below_web = [
        path
        for path in (ROOT / "gateway").rglob("*.py")
        if "web" not in path.relative_to(ROOT / "gateway").parts[:1] and path.name != "app.py"
    ]
    offending = {
        str(path.relative_to(ROOT)): sorted(
            name for name in imported_modules(path) if name.startswith("gateway.web")
        )
        for path in below_web
    }
    assert {path: names for path, names in offending.items() if names} == {}
