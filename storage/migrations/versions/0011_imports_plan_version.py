"""plans.version: bumped by every save of the plan (a preview saved over a newer version is
refused and shown again); plans.amendments: the amending documents applied to the plan

Revision ID: imports_plan_version
Revises: i20_assignment_owed_from
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "imports_plan_version"
down_revision: str | None = "i20_assignment_owed_from"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("plans") as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("amendments", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("plans") as batch_op:
        batch_op.drop_column("amendments")
        batch_op.drop_column("version")
