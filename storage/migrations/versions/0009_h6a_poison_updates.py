"""processed_updates.error: why an update could not be handled (a poison update, skipped)

Revision ID: h6a_poison_updates
Revises: 0008_h1
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "h6a_poison_updates"
down_revision: str | None = "0008_h1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("processed_updates") as batch_op:
        batch_op.add_column(sa.Column("error", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("processed_updates") as batch_op:
        batch_op.drop_column("error")
