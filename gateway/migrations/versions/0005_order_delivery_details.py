"""orders: the buyer's comments and deployment mode; order lines: their own ship-to address and
comments (an order may ship each line elsewhere)

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("comments", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column(
                "deployment_mode", sa.String(length=10), server_default="production", nullable=False
            )
        )
    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("ship_to", sa.JSON(), server_default=sa.text("'{}'"), nullable=False)
        )
        batch_op.add_column(sa.Column("comments", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.drop_column("comments")
        batch_op.drop_column("ship_to")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("deployment_mode")
        batch_op.drop_column("comments")
