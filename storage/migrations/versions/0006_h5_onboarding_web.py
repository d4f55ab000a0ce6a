"""per-agency join links, agency moves, and the desktop view's sign-in links and sessions

Revision ID: 0006_h5
Revises: h4_agency_facts
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0006_h5"
down_revision: str | None = "h4_agency_facts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "join_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("used", sa.Integer(), nullable=False),
        sa.Column("created_by_member_id", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("expires_at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("revoked_at", storage.models.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_join_links_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_member_id"],
            ["members.id"],
            name=op.f("fk_join_links_created_by_member_id_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_join_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_join_links_token_hash")),
    )
    with op.batch_alter_table("join_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_join_links_agency_id"), ["agency_id"], unique=False)

    op.create_table(
        "web_logins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("created_at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("expires_at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("used_at", storage.models.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_web_logins_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_logins")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_web_logins_token_hash")),
    )
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("created_at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("expires_at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("revoked_at", storage.models.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_web_sessions_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_web_sessions_token_hash")),
    )
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_web_sessions_member_id"), ["member_id"], unique=False)

    op.create_table(
        "agency_moves",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("from_agency_id", sa.Integer(), nullable=True),
        sa.Column("to_agency_id", sa.Integer(), nullable=False),
        sa.Column("join_link_id", sa.Integer(), nullable=True),
        sa.Column("invite_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("decided_by_member_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", storage.models.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["decided_by_member_id"],
            ["members.id"],
            name=op.f("fk_agency_moves_decided_by_member_id_members"),
        ),
        sa.ForeignKeyConstraint(
            ["from_agency_id"],
            ["agencies.id"],
            name=op.f("fk_agency_moves_from_agency_id_agencies"),
        ),
        sa.ForeignKeyConstraint(
            ["invite_id"], ["invites.id"], name=op.f("fk_agency_moves_invite_id_invites")
        ),
        sa.ForeignKeyConstraint(
            ["join_link_id"],
            ["join_links.id"],
            name=op.f("fk_agency_moves_join_link_id_join_links"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_agency_moves_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["to_agency_id"], ["agencies.id"], name=op.f("fk_agency_moves_to_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agency_moves")),
    )
    with op.batch_alter_table("agency_moves", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agency_moves_member_id"), ["member_id"], unique=False)

    op.create_table(
        "join_link_uses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column("joined_at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("declared_name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.String(length=200), nullable=False),
        sa.Column("profile_pending", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["join_links.id"],
            name=op.f("fk_join_link_uses_link_id_join_links"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_join_link_uses_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_join_link_uses")),
        sa.UniqueConstraint(
            "link_id", "telegram_user_id", name=op.f("uq_join_link_uses_link_id_telegram_user_id")
        ),
    )
    with op.batch_alter_table("join_link_uses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_join_link_uses_link_id"), ["link_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_join_link_uses_member_id"), ["member_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_join_link_uses_telegram_user_id"), ["telegram_user_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("join_link_uses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_join_link_uses_telegram_user_id"))
        batch_op.drop_index(batch_op.f("ix_join_link_uses_member_id"))
        batch_op.drop_index(batch_op.f("ix_join_link_uses_link_id"))

    op.drop_table("join_link_uses")
    with op.batch_alter_table("agency_moves", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agency_moves_member_id"))

    op.drop_table("agency_moves")
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_web_sessions_member_id"))

    op.drop_table("web_sessions")
    op.drop_table("web_logins")
    with op.batch_alter_table("join_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_join_links_agency_id"))

    op.drop_table("join_links")
