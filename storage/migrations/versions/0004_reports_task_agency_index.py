"""index reports (task_id, agency_id): the "done in an earlier period" check of summaries

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_reports_task_agency", "reports", ["task_id", "agency_id"])


def downgrade() -> None:
    op.drop_index("ix_reports_task_agency", table_name="reports")
