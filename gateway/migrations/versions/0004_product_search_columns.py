"""products and their texts: manufacturer and description folded for search (case and accents
set aside)

Revision ID: 0004
Revises: 0003
"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BATCH = 2000  # products
MARKS = re.compile("[\u0300-\u036f]+")


def fold(text: str) -> str:
    # gateway.text.fold as of this revision (a migration keeps its own copy)
    if text.isascii():
        return text.lower()
    return MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def upgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_maker", sa.Text(), server_default="", nullable=False))
    with op.batch_alter_table("product_texts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
    connection = op.get_bind()
    products = sa.table(
        "products",
        sa.column("id", sa.Integer()),
        sa.column("manufacturer", sa.String()),
        sa.column("search_maker", sa.Text()),
    )
    makers = connection.execute(sa.select(products.c.manufacturer).distinct()).scalars().all()
    for maker in makers:  # a few hundred makers, not a row at a time
        connection.execute(
            sa.update(products)
            .where(products.c.manufacturer == maker)
            .values(search_maker=fold(maker))
        )
    texts = sa.table(
        "product_texts",
        sa.column("product_id", sa.Integer()),
        sa.column("language", sa.String()),
        sa.column("description", sa.String()),
        sa.column("search_text", sa.Text()),
    )
    update = (
        sa.update(texts)
        .where(
            texts.c.product_id == sa.bindparam("key_id"),
            texts.c.language == sa.bindparam("key_language"),
        )
        .values(search_text=sa.bindparam("folded"))
    )
    last = connection.scalar(sa.select(sa.func.max(texts.c.product_id))) or 0
    for start in range(0, last + 1, BATCH):  # a slice of products at a time: flat memory
        rows = connection.execute(
            sa.select(texts.c.product_id, texts.c.language, texts.c.description).where(
                texts.c.product_id >= start, texts.c.product_id < start + BATCH
            )
        ).all()
        if rows:
            connection.execute(
                update,
                [
                    {"key_id": product_id, "key_language": language, "folded": fold(text)}
                    for product_id, language, text in rows
                ],
            )


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN in place (SQLite 3.35 and newer): rebuilding the products
    # table, as batch mode would, drops the old one, which deletes every product text through
    # its ON DELETE CASCADE on SQLite
    op.drop_column("product_texts", "search_text")
    op.drop_column("products", "search_maker")
