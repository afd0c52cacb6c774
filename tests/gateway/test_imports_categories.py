"""`gateway import categories`: the example file, names per language set and removed by the
columns a file has, bad rows and headers, and the warning for a key no product has."""

import pytest
from sqlalchemy import select

from gateway.imports import HeaderError
from gateway.imports import import_file
from gateway.models import CategoryName

from .test_imports_products import EXAMPLES


def names_of(db) -> dict[str, dict[str, str]]:
    with db.transaction() as session:
        rows = session.execute(
            select(CategoryName.category, CategoryName.language, CategoryName.name)
        )
        stored: dict[str, dict[str, str]] = {}
        for category, language, name in rows:
            stored.setdefault(category, {})[language] = name
        return stored


def write(tmp_path, text: str, name: str = "categories.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_categories_example_file(db):
    report = import_file(db, "categories", EXAMPLES / "categories.csv")
    assert report.summary() == "categories.csv: 6 inserted, 0 updated, 0 unchanged, 0 rejected"
    stored = names_of(db)
    assert sorted(stored) == ["cables", "keyboards", "laptops", "monitors", "services", "software"]
    assert stored["laptops"] == {"en": "Laptops", "fr": "Ordinateurs portables", "de": "Notebooks"}
    assert stored["keyboards"]["de"] == "Tastaturen und Mäuse"
    again = import_file(db, "categories", EXAMPLES / "categories.csv")
    assert again.summary() == "categories.csv: 0 inserted, 0 updated, 6 unchanged, 0 rejected"
    assert names_of(db) == stored


def test_a_file_speaks_only_for_its_name_columns(db, tmp_path):
    import_file(db, "categories", EXAMPLES / "categories.csv")
    # French names only: laptops renamed, monitors' French name removed, a new category
    report = import_file(
        db,
        "categories",
        write(tmp_path, "Category;NAME_FR\nlaptops;Portables\nmonitors;\nprinters;Imprimantes\n"),
    )
    assert report.summary() == "categories.csv: 1 inserted, 2 updated, 0 unchanged, 0 rejected"
    stored = names_of(db)
    assert stored["laptops"] == {"en": "Laptops", "fr": "Portables", "de": "Notebooks"}
    assert stored["monitors"] == {"en": "Monitors", "de": "Monitore"}
    assert stored["printers"] == {"fr": "Imprimantes"}
    assert stored["cables"]["fr"] == "Câbles et adaptateurs"  # not in the file: kept
    # every name of a category removed: it has none left
    import_file(db, "categories", write(tmp_path, "category,name_fr\nprinters,\n"))
    assert "printers" not in names_of(db)


def test_bad_rows_are_named_and_nothing_is_applied(db, tmp_path):
    text = (
        "category,name_en,name_fr\n"
        "laptops,Laptops,Ordinateurs portables\n"
        ",Orphans,Orphelins\n"
        f"{'x' * 65},Long,Long\n"
        "monitors,Monitors,É" + "e" * 200 + "\n"
        "laptops,Notebooks,\n"
    )
    report = import_file(db, "categories", write(tmp_path, text))
    assert report.summary() == (
        "categories.csv: 0 inserted, 0 updated, 0 unchanged, 4 rejected"
        " (5 rows read; nothing applied)"
    )
    assert [(p.row, p.column, p.reason) for p in report.problems] == [
        (3, "category", "is required"),
        (4, "category", "is 65 characters long, at most 64 allowed"),
        (5, "name_fr", "is 201 characters long, at most 200 allowed"),
        (6, "category", "'laptops' appears again (first on row 2)"),
    ]
    assert names_of(db) == {}


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        ("category\n", "missing a name_<language> column (one at least)"),
        ("category,title_en\n", "unknown column 'title_en'"),
        ("name_en,name_fr\n", "missing required column 'category'"),
        ("category,name_english\n", "unknown column 'name_english'"),
    ],
)
def test_headers_without_a_key_or_a_name_column_are_refused(db, tmp_path, header, problem):
    with pytest.raises(HeaderError) as refused:
        import_file(db, "categories", write(tmp_path, header + "laptops\n"))
    assert problem in refused.value.problems
    assert names_of(db) == {}


def test_the_command_warns_about_a_category_no_product_has(db, cli, tmp_path):
    assert cli("import", "products", str(EXAMPLES / "products.csv")).exit_code == 0
    file = write(tmp_path, "category,name_en\nlaptops,Laptops\nlaptop,Laptop\nprinters,Printers\n")
    result = cli("import", "categories", str(file))
    assert result.exit_code == 0
    assert result.stdout == "categories.csv: 3 inserted, 0 updated, 0 unchanged, 0 rejected\n"
    assert result.stderr == (
        "warning: no product is in category 'laptop'; its names show once one is\n"
        "warning: no product is in category 'printers'; its names show once one is\n"
    )
    assert sorted(names_of(db)) == ["laptop", "laptops", "printers"]  # kept all the same
