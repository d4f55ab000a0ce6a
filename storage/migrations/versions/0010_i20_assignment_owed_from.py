"""assignments.owed_from: the first deadline an assignment added after its plan started is owed
for (docs/counting.md, section 3)

Revision ID: i20_assignment_owed_from
Revises: h6a_poison_updates
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i20_assignment_owed_from"
down_revision: str | None = "h6a_poison_updates"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("assignments") as batch_op:
        batch_op.add_column(sa.Column("owed_from", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assignments") as batch_op:
        batch_op.drop_column("owed_from")
