"""a plan's targets: indicators (with the agency that provides their figures), their targets
by horizon, and the figures reported with their revisions

Revision ID: targets_indicators
Revises: faults_inbox_send_budget
Create Date: 2026-12-12
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "targets_indicators"
down_revision: str | None = "faults_inbox_send_budget"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("unit", sa.String(length=100), nullable=True),
        sa.Column("qualitative", sa.Boolean(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner_agency_id", sa.Integer(), nullable=True),
        sa.Column("owner_written", sa.String(length=300), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("updated_at", storage.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_agency_id"],
            ["agencies.id"],
            name=op.f("fk_indicators_owner_agency_id_agencies"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_indicators_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
        sa.UniqueConstraint("plan_id", "name_key", name=op.f("uq_indicators_plan_id_name_key")),
    )
    with op.batch_alter_table("indicators") as batch_op:
        batch_op.create_index(batch_op.f("ix_indicators_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_indicators_owner_agency_id"), ["owner_agency_id"], unique=False
        )

    op.create_table(
        "targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("horizon", sa.Integer(), nullable=True),
        sa.Column("comparison", sa.String(length=10), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("value_max", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=100), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_targets_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_targets")),
        sa.UniqueConstraint(
            "indicator_id", "horizon", name=op.f("uq_targets_indicator_id_horizon")
        ),
    )
    with op.batch_alter_table("targets") as batch_op:
        batch_op.create_index(batch_op.f("ix_targets_indicator_id"), ["indicator_id"], unique=False)

    op.create_table(
        "indicator_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("value_max", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=100), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("as_of_text", sa.String(length=100), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=True),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("reported_at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_indicator_figures_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_indicator_figures_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_indicator_figures_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["reporting_periods.id"],
            name=op.f("fk_indicator_figures_period_id_reporting_periods"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_figures")),
        sa.UniqueConstraint(
            "indicator_id", "as_of", name=op.f("uq_indicator_figures_indicator_id_as_of")
        ),
    )
    with op.batch_alter_table("indicator_figures") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_figures_indicator_id"), ["indicator_id"], unique=False
        )

    op.create_table(
        "indicator_figure_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("figure_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("value_max", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=100), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("source_update_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", storage.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["figure_id"],
            ["indicator_figures.id"],
            name=op.f("fk_indicator_figure_revisions_figure_id_indicator_figures"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_indicator_figure_revisions_member_id_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_figure_revisions")),
        sa.UniqueConstraint(
            "figure_id", "revision", name=op.f("uq_indicator_figure_revisions_figure_id_revision")
        ),
    )
    with op.batch_alter_table("indicator_figure_revisions") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_figure_revisions_figure_id"), ["figure_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("indicator_figure_revisions")
    op.drop_table("indicator_figures")
    op.drop_table("targets")
    op.drop_table("indicators")
