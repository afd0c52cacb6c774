"""Category names: one row per category key (`category`, as products name it), with what buyers
read for it in each language that a `name_xx` column gives (`name_en`, `name_fr`...).

A name column in the file is the truth for its language: a name sets it, an empty cell removes
it; languages without a column are left as stored. A key no product has yet is accepted (names
may come before the products); `unused_categories` lets the command warn about it, in case it
is a typo.
"""

import re

from sqlalchemy import delete
from sqlalchemy import exists
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.imports.runner import Layout
from gateway.imports.runner import Run
from gateway.models import CategoryName
from gateway.models import Product

_NAME_COLUMN = re.compile(r"^name_([a-z]{2})$", re.IGNORECASE)
_NAMES = CategoryName.__table__


def _dynamic(name: str) -> str | None:
    match = _NAME_COLUMN.match(name)
    return f"name_{match[1].lower()}" if match else None


LAYOUT = Layout(
    kind="categories", required=("category",), dynamic=_dynamic, language_column="name_"
)


def apply(session: Session, run: Run) -> None:
    """Check every row, then write the names of every category whose names change."""
    languages = [column.removeprefix("name_") for column in run.columns if column != "category"]
    wanted: dict[str, dict[str, str]] = {}
    first_row: dict[str, int] = {}
    for row in run.rows():
        category = row.text("category", required=True, max_length=64)
        names = {language: row.text(f"name_{language}") for language in languages}
        if category in first_row:
            row.fail("category", f"{category!r} appears again (first on row {first_row[category]})")
        if row.problems:
            run.reject(row)
            continue
        first_row[category], wanted[category] = row.row, names
    if run.rejected:
        return
    stored: dict[str, dict[str, str]] = {}
    for category, language, name in session.execute(select(_NAMES)):
        stored.setdefault(category, {})[language] = name
    for category, names in wanted.items():
        before = stored.get(category, {})
        after = {**before, **names}
        after = {language: name for language, name in after.items() if name}
        if after == before:
            run.count("unchanged")
            continue
        run.count("updated" if before else "inserted")
        session.execute(delete(_NAMES).where(_NAMES.c.category == category))
        if after:
            session.execute(
                insert(_NAMES),
                [{"category": category, "language": lang, "name": n} for lang, n in after.items()],
            )


def unused_categories(session: Session) -> list[str]:
    """Named categories that no product has."""
    used = exists().where(Product.category == CategoryName.category)
    return list(
        session.scalars(
            select(CategoryName.category).where(~used).distinct().order_by(CategoryName.category)
        )
    )
