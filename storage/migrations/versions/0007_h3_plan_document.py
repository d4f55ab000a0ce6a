"""plans keep their kind, the decision that issued them and how trustworthy their text is; tasks
keep their products and budget

Revision ID: h3_plan_document
Revises: 0006_h5
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "h3_plan_document"
down_revision: str | None = "0006_h5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("plans") as batch:
        batch.add_column(sa.Column("kind", sa.String(30), nullable=True))
        batch.add_column(sa.Column("issuing_act", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("text_quality", sa.Float(), nullable=True))
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("products", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("budget", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.drop_column("budget")
        batch.drop_column("products")
    with op.batch_alter_table("plans") as batch:
        batch.drop_column("text_quality")
        batch.drop_column("issuing_act")
        batch.drop_column("kind")
