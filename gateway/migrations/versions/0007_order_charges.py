"""orders and order lines: the Shipping and Tax the buyer states, as sent

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("orders", "order_lines"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("charges", sa.JSON(), server_default=sa.text("'{}'"), nullable=False)
            )


def downgrade() -> None:
    for table in ("order_lines", "orders"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("charges")
