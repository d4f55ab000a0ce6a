"""processed_updates.payload: an update written down before it is confirmed to Telegram (the
polling inbox, so one user's backlog never hides later updates); send_budget: the bot's send
rate shared by every instance on one database

Revision ID: faults_inbox_send_budget
Revises: imports_plan_version
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "faults_inbox_send_budget"
down_revision: str | None = "imports_plan_version"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("processed_updates") as batch_op:
        batch_op.add_column(sa.Column("payload", sa.JSON(), nullable=True))
    op.create_table(
        "send_budget",
        sa.Column("key", sa.String(length=40), primary_key=True),
        sa.Column("next_at", sa.Float(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_table("send_budget")
    with op.batch_alter_table("processed_updates") as batch_op:
        batch_op.drop_column("payload")
