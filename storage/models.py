"""The database schema (SQLAlchemy 2). Times are stored in UTC and come back timezone-aware."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC (SQLite keeps no offset) and returns them aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class Agency(Base):
    """A department, board, committee or Party body that is assigned tasks."""

    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20), default="other")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    successor_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Where the agency's facts come from: {"source", "verified", "until", "successor_group", ...}
    facts: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")

    aliases: Mapped[list[AgencyAlias]] = relationship(
        back_populates="agency", cascade="all, delete-orphan", lazy="selectin"
    )


class AgencyAlias(Base):
    """Another way the same agency is written ("Sở KH&ĐT"); old names stay after a merger."""

    __tablename__ = "agency_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(300))
    alias_key: Mapped[str] = mapped_column(String(300), unique=True)

    agency: Mapped[Agency] = relationship(back_populates="aliases")


class AgencyGroup(Base):
    """A collective assignee ("các sở, ban ngành") standing for each of its member agencies."""

    __tablename__ = "agency_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), unique=True)
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    # {"source", "verified", "until", "successor_group"}: see plans/data/directory.yaml
    facts: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")


class AgencyGroupMember(Base):
    __tablename__ = "agency_group_members"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("agency_groups.id", ondelete="CASCADE"), primary_key=True
    )
    agency_id: Mapped[int] = mapped_column(
        ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True
    )


class Member(Base):
    """A Telegram user the bot knows: an officer, coordinator or admin of an agency."""

    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    username: Mapped[str | None] = mapped_column(String(100))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    reachable: Mapped[bool] = mapped_column(Boolean, default=True)
    reminders_opt_out: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    agency: Mapped[Agency | None] = relationship(lazy="joined")


class Invite(Base):
    """A one-time invitation; only the SHA-256 of its token is stored."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    role: Mapped[str] = mapped_column(String(20))
    created_by_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by_telegram_id: Mapped[int | None] = mapped_column(BigInteger)

    agency: Mapped[Agency | None] = relationship(lazy="joined")


class Plan(Base):
    """A plan or programme (Kế hoạch, Chương trình hành động, Kết luận) and its schedule."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(100))
    number_key: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    issuer: Mapped[str] = mapped_column(String(300), default="")
    issued_on: Mapped[date | None] = mapped_column(Date)
    coordinator_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    schedule: Mapped[dict[str, Any]] = mapped_column(default=dict)
    group_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    kind: Mapped[str | None] = mapped_column(String(30))  # "plan", "programme", "conclusion"…
    issuing_act: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # the decision issuing it
    text_quality: Mapped[float | None] = mapped_column(Float)  # plans/quality.py, 0..1
    # bumped by every save (import, re-import, amendment, /assign): a preview records the
    # version it was built on, and saving it over a newer one is refused (plans/store.py)
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # the amending documents applied: [{"number", "issued_on", "title", "applied_at", …}]
    amendments: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")

    coordinator: Mapped[Agency | None] = relationship(lazy="joined")


class Task(Base):
    """One task of a plan, with the document's own reference ("II.2.đ")."""

    __tablename__ = "tasks"
    __table_args__ = (UniqueConstraint("plan_id", "ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    ref: Mapped[str] = mapped_column(String(50))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    group_title: Mapped[str | None] = mapped_column(Text)
    timeframe: Mapped[str | None] = mapped_column(String(300))
    due_on: Mapped[date | None] = mapped_column(Date)
    reporting: Mapped[str | None] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    products: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    budget: Mapped[str | None] = mapped_column(Text)


class TaskGroupAssignment(Base):
    """A task assigned to a group as written in the plan; expanded into Assignment rows."""

    __tablename__ = "task_group_assignments"
    __table_args__ = (UniqueConstraint("task_id", "group_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(ForeignKey("agency_groups.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10))


class Assignment(Base):
    """Task × agency, as lead (chủ trì) or support (phối hợp)."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("task_id", "agency_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    via_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("agency_groups.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # added after its plan's reporting started: owed only for periods due on or after this day
    # (docs/counting.md, section 3); None: from the plan's first period
    owed_from: Mapped[date | None] = mapped_column(Date)


class ReportingPeriod(Base):
    """A period a plan is reported for (periodic or an ad-hoc request), with its deadlines."""

    __tablename__ = "reporting_periods"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(50))  # the label is rendered from it when shown
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date)
    support_deadline: Mapped[date] = mapped_column(Date)
    scope: Mapped[dict[str, Any]] = mapped_column(default=dict)
    requested_by_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    request_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Report(Base):
    """The current report of one agency on one task for one period (history in revisions)."""

    __tablename__ = "reports"
    __table_args__ = (
        UniqueConstraint("period_id", "task_id", "agency_id"),
        Index("ix_reports_agency_period", "agency_id", "period_id"),
        Index("ix_reports_task_agency", "task_id", "agency_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(
        ForeignKey("reporting_periods.id", ondelete="CASCADE"), index=True
    )
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    status: Mapped[str] = mapped_column(String(20))
    percent: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    reported_at: Mapped[datetime] = mapped_column(default=utcnow)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    done_late: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    revision: Mapped[int] = mapped_column(Integer, default=1)


class ReportRevision(Base):
    """Every version of a report, kept for edits and undo."""

    __tablename__ = "report_revisions"
    __table_args__ = (UniqueConstraint("report_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    revision: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))
    status: Mapped[str | None] = mapped_column(String(20))
    percent: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    source_update_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Evidence(Base):
    """A document or photo sent with a report, kept by its Telegram file id."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    kind: Mapped[str] = mapped_column(String(20))
    file_id: Mapped[str] = mapped_column(String(300))
    file_name: Mapped[str] = mapped_column(String(300), default="")
    mime_type: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReminderDelivery(Base):
    """One message the reminder dispatcher must send; `key` makes it happen once."""

    __tablename__ = "reminder_deliveries"
    __table_args__ = (Index("ix_reminder_deliveries_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    period_id: Mapped[int | None] = mapped_column(
        ForeignKey("reporting_periods.id", ondelete="CASCADE")
    )
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    day: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    reported_at: Mapped[datetime | None]  # an uncertain send, once told to the admins


class BotMessage(Base):
    """A message the bot sent that a user may reply to, and what it was about."""

    __tablename__ = "bot_messages"
    __table_args__ = (UniqueConstraint("chat_id", "message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    purpose: Mapped[str] = mapped_column(String(30))
    context: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProcessedUpdate(Base):
    """Telegram update ids already handled, so a redelivered update is handled once."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    done: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # why it could not be handled (unreadable, or its handler failed): confirmed and skipped
    error: Mapped[str | None] = mapped_column(String(300))
    # the raw update, written down before it was confirmed to Telegram and not yet done (the
    # polling inbox: a backlog beyond a few dozen updates is kept here, see bot/runner.py)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)


class SendBudget(Base):
    """The bot's send budget shared by every instance on this database: the next free slot, in
    seconds of the database's clock (see bot/budget.py)."""

    __tablename__ = "send_budget"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    next_at: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")


class AuditEntry(Base):
    """Who changed what, when: every admin change."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(50))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class CalendarDay(Base):
    """An admin-declared day off or make-up working day."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(String(300), default="")


class BotState(Base):
    """Small named values the bot keeps between runs (last digest, bot username)."""

    __tablename__ = "bot_state"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class JoinLink(Base):
    """A per-agency join link that admits up to `capacity` officers; only its token's hash is
    kept. `used` counts the seats taken (raised atomically, never past `capacity`)."""

    __tablename__ = "join_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    capacity: Mapped[int] = mapped_column(Integer, default=2)
    used: Mapped[int] = mapped_column(Integer, default=0)
    created_by_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]

    agency: Mapped[Agency] = relationship(lazy="joined")


class JoinLinkUse(Base):
    """One officer admitted through a join link, with the name and position they gave."""

    __tablename__ = "join_link_uses"
    __table_args__ = (UniqueConstraint("link_id", "telegram_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(
        ForeignKey("join_links.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    declared_name: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[str] = mapped_column(String(200), default="")
    profile_pending: Mapped[bool] = mapped_column(Boolean, default=True)


class AgencyMove(Base):
    """A member who opened an invite of another agency: moved only once they and an admin
    agree (status asking_officer → asking_admin → moved, or declined/refused/full)."""

    __tablename__ = "agency_moves"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    from_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    to_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    join_link_id: Mapped[int | None] = mapped_column(ForeignKey("join_links.id"))
    invite_id: Mapped[int | None] = mapped_column(ForeignKey("invites.id"))
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    decided_at: Mapped[datetime | None]


class WebLogin(Base):
    """A one-time sign-in link for the desktop view (hash only), valid for minutes."""

    __tablename__ = "web_logins"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class WebSession(Base):
    """A signed-in browser of the desktop view; the cookie holds the token, the row its hash."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class Indicator(Base):
    """What one of a plan's targets measures ("Tỷ lệ đô thị hóa"), in which unit, and the agency
    that provides its figures; its targets by horizon are `Target` rows."""

    __tablename__ = "indicators"
    __table_args__ = (UniqueConstraint("plan_id", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str | None] = mapped_column(String(100))
    qualitative: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[str] = mapped_column(Text, default="")
    # the agency asked for the figures (None: nobody yet), and the name the document gave
    owner_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    owner_written: Mapped[str | None] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    owner: Mapped[Agency | None] = relationship(lazy="joined")


class Target(Base):
    """One horizon of an indicator: "trên 40% đến năm 2025" (a qualitative target: no value)."""

    __tablename__ = "targets"
    __table_args__ = (UniqueConstraint("indicator_id", "horizon"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"), index=True
    )
    horizon: Mapped[int | None] = mapped_column(Integer)
    comparison: Mapped[str | None] = mapped_column(String(10))
    value: Mapped[float | None] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text, default="")


class Figure(Base):
    """An indicator's value at a date as its owner reported it, with the source; one row per
    indicator and date (a correction is a new revision of it, kept in `FigureRevision`)."""

    __tablename__ = "indicator_figures"
    __table_args__ = (UniqueConstraint("indicator_id", "as_of"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[float] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(100))
    as_of: Mapped[date] = mapped_column(Date)
    as_of_text: Mapped[str] = mapped_column(String(100), default="")  # "số liệu năm 2025"
    source: Mapped[str] = mapped_column(Text, default="")
    # the reporting moment it was asked for (None: sent unasked)
    period_id: Mapped[int | None] = mapped_column(
        ForeignKey("reporting_periods.id", ondelete="SET NULL")
    )
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    reported_at: Mapped[datetime] = mapped_column(default=utcnow)
    revision: Mapped[int] = mapped_column(Integer, default=1)


class FigureRevision(Base):
    """Every version of a figure, as reports keep theirs."""

    __tablename__ = "indicator_figure_revisions"
    __table_args__ = (UniqueConstraint("figure_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    figure_id: Mapped[int] = mapped_column(
        ForeignKey("indicator_figures.id", ondelete="CASCADE"), index=True
    )
    revision: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))
    value: Mapped[float | None] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(Text, default="")
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    source_update_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
