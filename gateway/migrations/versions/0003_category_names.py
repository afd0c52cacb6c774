"""category names: what buyers read for a category key, per language

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "category_names",
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("category", "language", name=op.f("pk_category_names")),
    )


def downgrade() -> None:
    op.drop_table("category_names")
