"""Plain data that every export takes as input; the caller fills it from SQL.

The exports (``reports.xlsx``, ``reports.docx``, ``reports.chart``) are pure
functions of these frozen dataclasses: data in, bytes out.
"""

from __future__ import annotations

import re
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


_SYLLABLES_TEXT = (
    "da dang chua hoan thanh thuc hien vuong mac kho khan kien nghi de xuat von nguon "
    "xong trinh du thao ke hoach bao cao nhiem vu tien do phoi hop chu tri quy uy ban "
    "nhan dan tinh so xay dung tai chinh duoc can phai cho viec trong nam thang ngay "
    "voi cac mot khong co va cua"
)
_VIET_SYLLABLES = frozenset(_SYLLABLES_TEXT.split())
_WORD = re.compile(r"[^\W\d_]+")


def typed_without_diacritics(text: str) -> bool:
    """True for Vietnamese typed without its accents ("da trinh du thao, vuong mac von"):
    several words, none with a diacritic, most of them common Vietnamese syllables."""
    words = _WORD.findall(text or "")
    if len(words) < 3 or any(not w.isascii() for w in words):
        return False
    known = sum(1 for w in words if w.lower() in _VIET_SYLLABLES)
    return known >= 2 and known * 2 >= len(words)


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


# Sub-counts coordinators escalate, kept visible inside the Government Office's classes.
BLOCKED = "blocked"
NOT_STARTED = "not_started"
TaskFlag = Literal["blocked", "not_started"]


@dataclass(frozen=True, slots=True)
class AgencyReport:
    """What one agency said about one task this period (status None: nothing yet)."""

    agency: str
    status: ReportStatus | None = None
    percent: int | None = None
    note: str = ""
    done_late: bool = False


def task_status(
    leads: tuple[AgencyReport, ...] | list[AgencyReport], due: date | None, today: date
) -> tuple[Outcome, TaskFlag | None]:
    """One status per task per period, from its LEAD agencies' reports (supporting agencies
    never decide it):

    - not reported: no lead agency answered this period (also a task with no lead);
    - done: every lead reported done — "done late" if any of them finished late, else "done
      on time";
    - overdue: the task's due date has passed and it is not done;
    - in progress, within the deadline: otherwise.

    Inside the last two classes two sub-counts stay visible: "blocked" when any lead reports
    an obstacle (Có vướng mắc), else "not started" when every lead that answered says not
    started (Chưa thực hiện)."""
    answered = [r for r in leads if r.status is not None]
    if not answered:
        return Outcome.NOT_REPORTED, None
    if len(answered) == len(leads) and all(r.status is ReportStatus.DONE for r in answered):
        late = any(r.done_late for r in answered)
        return (Outcome.DONE_LATE if late else Outcome.DONE_ON_TIME), None
    flag: TaskFlag | None = None
    if any(r.status is ReportStatus.BLOCKED for r in answered):
        flag = "blocked"
    elif all(r.status is ReportStatus.NOT_STARTED for r in answered):
        flag = "not_started"
    if due is not None and due < today:
        return Outcome.OVERDUE, flag
    return Outcome.IN_PROGRESS_ON_TIME, flag


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """An earlier report on the task within the span of a half-year or year period (what a
    year report recounts: what was done over the year, from the task's history)."""

    period_label: str
    agency: str
    status: ReportStatus
    percent: int | None
    note: str
    reported_at: datetime


@dataclass(frozen=True, slots=True)
class TaskLine:
    """One task of the plan for the period: its status and what each agency said."""

    ref: str
    title: str
    group: str | None
    due: date | None
    outcome: Outcome
    flag: TaskFlag | None = None
    leads: tuple[AgencyReport, ...] = ()
    supports: tuple[AgencyReport, ...] = ()
    history: tuple[HistoryEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class AgencyLine:
    """Per-agency reporting figures for the period, in REPORTS (one per task the agency owes
    a report on, as lead and as support; the support_* fields are the supporting part).
    Every expected report is exactly one of: reported on time (`reported - late`), reported
    late (`late`), missing past its deadline (`overdue`), missing and not yet due
    (`not_due`). See docs/counting.md."""

    agency: str
    expected: int
    reported: int
    late: int
    blocked: int
    support_expected: int = 0
    support_reported: int = 0
    overdue: int = 0
    days_overdue: int = 0  # working days since the earliest deadline it missed (0: none)
    group: str | None = None  # the group the plan assigns it through ("UBND các xã, phường")

    @property
    def on_time(self) -> int:
        """Reports received by their deadline."""
        return self.reported - self.late

    @property
    def not_due(self) -> int:
        """Reports still owed whose deadline has not passed."""
        return max(self.missing - self.overdue, 0)

    @property
    def is_overdue(self) -> bool:
        """The agency still owes a report whose deadline has passed."""
        return self.overdue > 0

    @property
    def complete(self) -> bool:
        """The agency sent every report it owes this period."""
        return self.expected > 0 and self.reported >= self.expected

    @property
    def missing(self) -> int:
        """Reports still owed this period."""
        return max(self.expected - self.reported, 0)

    @property
    def report_rate(self) -> float:
        """Share of expected reports received, 0..1 (0 when nothing is expected)."""
        return self.reported / self.expected if self.expected else 0.0


# a group with at least this many agencies is one line in chat and in the draft (its members
# are listed in the Excel workbook): "UBND các xã, phường (96 cơ quan)"; the departments of a
# province (fifteen to twenty) stay named one by one
GROUP_FOLD = 30


@dataclass(frozen=True, slots=True)
class AgencyGroupLine:
    """The agencies a plan assigns through one large group, as one line of figures."""

    name: str
    members: tuple[AgencyLine, ...]

    @property
    def count(self) -> int:
        return len(self.members)

    @property
    def expected(self) -> int:
        return sum(a.expected for a in self.members)

    @property
    def reported(self) -> int:
        return sum(a.reported for a in self.members)

    @property
    def late(self) -> int:
        return sum(a.late for a in self.members)

    @property
    def overdue(self) -> int:
        return sum(a.overdue for a in self.members)

    @property
    def missing(self) -> int:
        return sum(a.missing for a in self.members)

    @property
    def complete(self) -> int:
        """Members that sent every report they owe."""
        return sum(1 for a in self.members if a.complete)

    @property
    def days_overdue(self) -> int:
        return max((a.days_overdue for a in self.members), default=0)


def fold_groups(
    agencies: tuple[AgencyLine, ...] | list[AgencyLine], at_least: int = GROUP_FOLD
) -> list[AgencyLine | AgencyGroupLine]:
    """The agencies with the members of each group of at least `at_least` of them (among
    these) folded into one line, in the place of its first member."""
    sizes: dict[str, int] = {}
    for line in agencies:
        if line.group:
            sizes[line.group] = sizes.get(line.group, 0) + 1
    folded: list[AgencyLine | AgencyGroupLine] = []
    seen: set[str] = set()
    for line in agencies:
        if line.group and sizes[line.group] >= at_least:
            if line.group not in seen:
                seen.add(line.group)
                members = tuple(a for a in agencies if a.group == line.group)
                folded.append(AgencyGroupLine(line.group, members))
            continue
        folded.append(line)
    return folded


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
class FigureValue:
    """A figure reported for an indicator: its value at a date, where it comes from, who sent
    it (docs/counting.md, section 9)."""

    value: float
    value_max: float | None
    unit: str | None
    as_of: date
    as_of_text: str = ""
    source: str = ""
    agency: str | None = None
    reported_by: str | None = None
    reported_at: datetime | None = None
    revision: int = 1


@dataclass(frozen=True, slots=True)
class TargetLine:
    """One target of the plan (an indicator's value for a horizon year) with the figure it is
    judged on and its assessment: "exceeded", "achieved", "not_met", "at_risk", "no_figure"
    or "qualitative" (reports/assessment.py)."""

    number: int  # the indicator's number in the plan (as /target names it)
    indicator: str
    unit: str | None
    owner: str | None
    horizon: int | None
    comparison: str | None
    value: float | None
    value_max: float | None
    text: str = ""  # the target as the document writes it
    figure: FigureValue | None = None
    assessment: str = "no_figure"
    final: bool = False  # the horizon is reached: the assessment no longer changes
    series: tuple[FigureValue, ...] = ()  # every figure of the indicator, oldest first

    @property
    def qualitative(self) -> bool:
        return self.value is None


@dataclass(frozen=True, slots=True)
class PlanSummary:
    """Everything the exports need about one plan in one period.

    Two figures, each in its own unit: `counts` are TASKS (nhiệm vụ) per class, one status per
    task from its lead agencies (see `task_status`), with `blocked` and `not_started` as
    sub-counts of the classes; `agencies` are AGENCIES (cơ quan) and whether they reported."""

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
    tasks: tuple[TaskLine, ...] = ()
    blocked: Mapping[Outcome, int] = field(default_factory=dict)
    not_started: Mapping[Outcome, int] = field(default_factory=dict)
    issuer_kind: Literal["state", "party"] | None = None
    issued_on: date | None = None
    period_kind: str = ""  # with period_key: the label is rendered again in the reader's language
    period_key: str = ""
    period_also: tuple[str, ...] = ()  # the other kinds of the period's reporting moment
    # set when the period is before the plan's first period: that one's label (nothing owed)
    before_start: str = ""
    # What the plan is, as recorded on import (Plan.kind: "plan", "programme", "conclusion",
    # "decision", …): the drafts cite it by it when its number does not say (None: read the
    # number).
    plan_kind: str | None = None
    # the plan's targets with their figures and assessment at the period's cut-off (filled for
    # a half-year or a year, and for the exports; reports/targets.py)
    targets: tuple[TargetLine, ...] = ()

    def __post_init__(self) -> None:
        # Read-only copies with every outcome present, keys coerced to Outcome; with task
        # lines, the counts are theirs.
        if self.tasks:
            counts: dict[Outcome, int] = {o: 0 for o in Outcome}
            blocked: dict[Outcome, int] = {o: 0 for o in Outcome}
            not_started: dict[Outcome, int] = {o: 0 for o in Outcome}
            for task in self.tasks:
                counts[task.outcome] += 1
                if task.flag == BLOCKED:
                    blocked[task.outcome] += 1
                elif task.flag == NOT_STARTED:
                    not_started[task.outcome] += 1
        else:
            counts, blocked, not_started = (
                _all_outcomes(self.counts),
                _all_outcomes(self.blocked),
                _all_outcomes(self.not_started),
            )
        object.__setattr__(self, "counts", MappingProxyType(counts))
        object.__setattr__(self, "blocked", MappingProxyType(blocked))
        object.__setattr__(self, "not_started", MappingProxyType(not_started))
        for name in ("agencies", "rows", "blockers", "tasks", "targets"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))

    @property
    def total(self) -> int:
        """Number of tasks counted in ``counts``."""
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        """Tasks completed, on time or late."""
        return sum(self.counts[o] for o in DONE_OUTCOMES)

    @property
    def blocked_total(self) -> int:
        """Tasks with an obstacle reported by a lead."""
        return sum(self.blocked.values())

    @property
    def not_started_total(self) -> int:
        """Tasks whose leads all say not started."""
        return sum(self.not_started.values())

    @property
    def agency_count(self) -> int:
        """Agencies that owe a report this period."""
        return sum(1 for a in self.agencies if a.expected)

    @property
    def agencies_reported(self) -> int:
        """Agencies that sent every report they owe this period."""
        return sum(1 for a in self.agencies if a.complete)

    @property
    def agencies_missing(self) -> tuple[str, ...]:
        """Agencies that still owe a report, by name, each once."""
        return tuple(a.agency for a in self.agencies if a.expected and not a.complete)

    @property
    def agencies_overdue(self) -> tuple[str, ...]:
        """Agencies that still owe a report whose deadline has passed, by name."""
        return tuple(a.agency for a in self.agencies if a.is_overdue)

    @property
    def agencies_late(self) -> tuple[str, ...]:
        """Agencies that sent at least one report after its deadline, by name."""
        return tuple(a.agency for a in self.agencies if a.late)

    @property
    def completion_rate(self) -> float:
        """Tasks (done on time + done late) / tasks, as a fraction 0..1; 0 when no tasks."""
        total = self.total
        return self.done / total if total else 0.0

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to report for the period."""
        return not self.rows and self.total == 0


def _all_outcomes(values: Mapping[Outcome, int] | Mapping[str, int]) -> dict[Outcome, int]:
    """Every outcome present, keys coerced to Outcome."""
    result = {outcome: 0 for outcome in Outcome}
    for key, value in values.items():
        result[Outcome(key)] += int(value)
    return result
