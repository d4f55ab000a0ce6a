"""period rows keep keys, not labels (rendered at display time); uncertain sends reported once

Revision ID: 0008_h1
Revises: h3_plan_document
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_h1"
down_revision: str | None = "h3_plan_document"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reporting_periods") as batch:
        batch.drop_column("label")
    with op.batch_alter_table("reminder_deliveries") as batch:
        batch.add_column(sa.Column("reported_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reminder_deliveries") as batch:
        batch.drop_column("reported_at")
    with op.batch_alter_table("reporting_periods") as batch:
        batch.add_column(sa.Column("label", sa.String(100), nullable=False, server_default=""))
