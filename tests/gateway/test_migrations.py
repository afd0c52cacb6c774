"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import alembic.command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy import select

from gateway.db import alembic_config
from gateway.models import Base
from gateway.models import Product
from gateway.models import ProductText


def test_migrations_match_the_models(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_migrations_create_every_table(db):
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_0004_folds_the_makers_and_descriptions_already_stored(db):
    """Products and texts stored before 0004 get their folded maker and description."""
    from .test_storefront_data import _product

    with db.transaction() as session:
        session.add(
            _product("SCR-1", "Telegärtner", "", "monitors", "", "C62", 1, {"EUR": "1"},
                     {"fr": ("Écran 24 pouces", ""), "de": ("Bildschirm für Büro", "")})
        )  # fmt: skip
    config = alembic_config(db.url)
    try:
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            alembic.command.downgrade(config, "0003")
        assert "search_maker" not in {c["name"] for c in inspect(db.engine).get_columns("products")}
        assert "search_text" not in {
            c["name"] for c in inspect(db.engine).get_columns("product_texts")
        }
    finally:
        db.upgrade()
    with db.transaction() as session:
        folded = dict(session.execute(select(ProductText.language, ProductText.search_text)).all())
        maker = session.scalar(select(Product.search_maker))
    assert folded == {"fr": "ecran 24 pouces", "de": "bildschirm fur buro"}
    assert maker == "telegartner"


def test_upgrade_twice_changes_nothing(db):
    db.upgrade()
    db.upgrade()
    with db.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() is not None
