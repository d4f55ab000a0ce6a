"""Plain data that every export takes as input; the caller fills it from SQL.

The exports (``reports.xlsx``, ``reports.docx``, ``reports.chart``) are pure
functions of these frozen dataclasses: data in, bytes out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from types import MappingProxyType
from typing import Literal

from domain.status import Outcome, ReportStatus


def _local_tz() -> tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Ho_Chi_Minh")
    except Exception:  # no tz database on the host: Vietnam has no DST since 1975
        return timezone(timedelta(hours=7), "ICT")


LOCAL_TZ: tzinfo = _local_tz()
"""Asia/Ho_Chi_Minh (UTC+7, no daylight saving)."""

DONE_OUTCOMES: frozenset[Outcome] = frozenset({Outcome.DONE_ON_TIME, Outcome.DONE_LATE})

AgencyRole = Literal["lead", "support"]


def to_local(moment: datetime) -> datetime:
    """Convert to Vietnam local time; a naive datetime is taken to be UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_TZ)


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One task × agency line: what the agency reported (if anything) this period."""

    plan_number: str
    task_ref: str
    task_title: str
    task_group: str | None
    agency: str
    role: AgencyRole
    status: ReportStatus | None
    outcome: Outcome
    percent: int | None
    note: str
    reported_at: datetime | None
    reported_by: str | None
    evidence: tuple[str, ...] = ()
    deadline: date | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.evidence, tuple):
            object.__setattr__(self, "evidence", tuple(self.evidence))

    @property
    def is_lead(self) -> bool:
        """True for the lead (chủ trì) agency of the task."""
        return str(self.role) == "lead"


@dataclass(frozen=True, slots=True)
class AgencyLine:
    """Per-agency reporting figures for the period."""

    agency: str
    expected: int
    reported: int
    late: int
    blocked: int

    @property
    def missing(self) -> int:
        """Reports still owed this period."""
        return max(self.expected - self.reported, 0)

    @property
    def report_rate(self) -> float:
        """Share of expected reports received, 0..1 (0 when nothing is expected)."""
        return self.reported / self.expected if self.expected else 0.0


@dataclass(frozen=True, slots=True)
class BlockerLine:
    """An obstacle an agency reported (status "có vướng mắc")."""

    agency: str
    task_ref: str
    task_title: str
    note: str
    reported_at: datetime
    reported_by: str | None


@dataclass(frozen=True, slots=True)
class PlanSummary:
    """Everything the exports need about one plan in one period."""

    plan_number: str
    plan_title: str
    issuer: str
    coordinator: str | None
    period_label: str
    period_deadline: date | None
    counts: Mapping[Outcome, int] = field(default_factory=dict)
    agencies: tuple[AgencyLine, ...] = ()
    rows: tuple[ExportRow, ...] = ()
    blockers: tuple[BlockerLine, ...] = ()

    def __post_init__(self) -> None:
        # Read-only copy with every outcome present, keys coerced to Outcome.
        counts = {outcome: 0 for outcome in Outcome}
        for key, value in self.counts.items():
            counts[Outcome(key)] += int(value)
        object.__setattr__(self, "counts", MappingProxyType(counts))
        for name in ("agencies", "rows", "blockers"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))

    @property
    def total(self) -> int:
        """Number of assignments (task × agency) counted in ``counts``."""
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        """Assignments completed, on time or late."""
        return sum(self.counts[o] for o in DONE_OUTCOMES)

    @property
    def completion_rate(self) -> float:
        """(done on time + done late) / total, as a fraction 0..1; 0 when no tasks."""
        total = self.total
        return self.done / total if total else 0.0

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to report for the period."""
        return not self.rows and self.total == 0
