"""Saving plans: preview a draft against the agency directory, then create or update it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from access import audit
from domain.status import AssignmentRole
from domain.text import fold, squash
from periods.calendar import WorkingCalendar
from periods.rules import Period
from periods.schedule import owed_from_when_added
from plans.active import active_plans
from plans.amending import AmendmentEffect, apply_amendment
from plans.calendar_choice import CalendarView, calendar_view, plan_calendar, start_of
from plans.indicators import IndicatorPreview, TargetChanges, preview_indicators, save_targets
from plans.model import Amendment, IssuingAct, PlanDraft, PlanInfo, ReportingSchedule, TaskDraft
from plans.quality import clearly_worse, document_quality
from plans.registry import (
    AgencyLookup,
    Directory,
    add_agency,
    deployment_province,
    expand_group_assignments,
    load_directory,
)
from plans.starter import province_view
from plans.successors import ImportReview, review_import
from storage.models import (
    Agency,
    AgencyGroup,
    Assignment,
    AuditEntry,
    Member,
    Plan,
    Task,
    TaskGroupAssignment,
    utcnow,
)


def plan_key(number: str) -> str:
    return squash(number)


@dataclass(frozen=True)
class ImportClock:
    """When an import is previewed or saved, on which working calendar: the first period a new
    plan owes and the day an added assignment is owed from count from here (the service clock,
    so the demo's clock and the tests' are obeyed, never the machine's)."""

    now: datetime
    calendar: WorkingCalendar

    @property
    def today(self) -> date:
        return self.calendar.local_date(self.now)


@dataclass(frozen=True)
class SeenVersion:
    """The version of the saved plan a preview was built on (None: there was no such plan)."""

    version: int | None


class PlanChangedMeanwhile(Exception):
    """The plan was saved by someone else since the preview was built: nothing was saved."""

    def __init__(self, number: str) -> None:
        super().__init__(number)
        self.number = number


class AmendedPlanMissing(Exception):
    """An amending document names a plan that is not loaded: nothing was saved."""

    def __init__(self, number: str) -> None:
        super().__init__(number)
        self.number = number


@dataclass
class AmendmentPreview:
    """An amending document against the plan it amends (`plan` None: that plan is not loaded)."""

    amendment: Amendment
    plan: Plan | None = None
    effect: AmendmentEffect | None = None
    applied_before: dict[str, Any] | None = None  # the record, when applied already

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.amendment.target_number,
            "target_loaded": self.plan is not None,
            "target_number": self.plan.number if self.plan is not None else None,
            "applied_before": self.applied_before,
            "effect": self.effect.to_json() if self.effect is not None else None,
        }


@dataclass
class Unmatched:
    """A name in the document that is not in the directory, with the tasks that use it."""

    name: str
    suggestions: list[str]
    refs: list[str] = field(default_factory=list)


@dataclass
class PlanPreview:
    """What the bot understood from a document, before anything is saved."""

    draft: PlanDraft
    lookups: dict[str, AgencyLookup]
    unmatched: list[Unmatched]
    existing_plan_id: int | None = None
    diff: PlanChanges | None = None  # against the saved plan of the same number
    review: ImportReview | None = None  # successors, what is chased (plans/successors.py)
    version: int | None = None  # the saved plan's version the diff was made against
    calendar: CalendarView | None = None  # reporting calendar and first period (with a clock)
    amendment: AmendmentPreview | None = None  # set for an amending document
    applied: PlanDraft | None = None  # an amendment: the amended plan as it will read
    # the plan's targets by indicator, each with who will be asked for its figures
    indicators: list[IndicatorPreview] = field(default_factory=list)
    target_changes: TargetChanges | None = None  # against the saved plan's targets

    @property
    def seen(self) -> SeenVersion:
        return SeenVersion(self.version)

    @property
    def new_agencies(self) -> list[str]:
        """Names saving will add to the directory as new agencies (in the chat, Save does)."""
        foreign = {f.written for f in self.review.foreign} if self.review is not None else set()
        return [u.name for u in self.unmatched if u.name not in foreign]

    def canonical(self, name: str) -> str:
        lookup = self.lookups.get(name)
        if lookup is None:
            return name
        if lookup.agency is not None:
            return lookup.agency.name
        if lookup.group is not None:
            return lookup.group.name
        return name

    def to_json(self) -> dict[str, Any]:
        """The machine-readable preview of `dondoc import --dry-run --json`."""
        plan = self.draft.plan.model_dump(mode="json")
        tasks = []
        for task in self.draft.tasks:
            item = task.model_dump(mode="json", exclude={"reporting"})
            item["lead"] = [self.canonical(n) for n in task.lead]
            item["support"] = [self.canonical(n) for n in task.support]
            if self.review is not None:
                item["chased"] = self.review.chased.get(task.ref, {"lead": [], "support": []})
            tasks.append(item)
        return {
            "plan": plan,
            "tasks": tasks,
            "unmatched": [
                {"name": u.name, "suggestions": u.suggestions, "tasks": u.refs}
                for u in self.unmatched
            ],
            "warnings": [w.model_dump(mode="json") for w in self.draft.warnings],
            "existing": self.existing_plan_id is not None,
            "review": self.review.to_json() if self.review is not None else None,
            "changes": self.diff.to_json() if self.diff is not None else None,
            "calendar": _calendar_json(self.calendar),
            "amendment": self.amendment.to_json() if self.amendment is not None else None,
            "indicators": [
                {
                    "number": item.number,
                    "indicator": item.draft.name,
                    "unit": item.draft.unit,
                    "owner": item.owner,
                    "owner_source": item.source,
                    "status": item.status,
                    "targets": [
                        t.model_dump(mode="json", exclude={"indicator"}) for t in item.draft.targets
                    ],
                }
                for item in self.indicators
            ],
        }


def _calendar_json(view: CalendarView | None) -> dict[str, Any] | None:
    if view is None:
        return None
    return {
        "frequencies": list(view.schedule.frequencies),
        "clause": view.schedule.clause,
        "deadlines": [
            {
                "kind": k.kind,
                "rule": k.rule.model_dump(mode="json") if k.rule is not None else None,
                "working_days": None if k.rule is not None else k.working_days,
                "first": k.example.key,
                "due": k.due.isoformat(),
            }
            for k in view.kinds
        ],
        "starts_from": view.start.key if view.start is not None else None,
        "starts_due": view.start_due.isoformat() if view.start_due is not None else None,
        "start_choices": [p.key for p in view.choices],
        "start_kept": view.kept,
    }


def names_in(draft: PlanDraft) -> dict[str, list[str]]:
    """Every agency name the draft uses → the refs of the tasks that use it."""
    names: dict[str, list[str]] = {}
    if draft.plan.coordinator:
        names.setdefault(draft.plan.coordinator, [])
    for task in draft.tasks:
        for name in [*task.lead, *task.support]:
            refs = names.setdefault(name, [])
            if task.ref not in refs:
                refs.append(task.ref)
    return names


async def existing_plan(session: AsyncSession, number: str) -> Plan | None:
    return await session.scalar(select(Plan).where(Plan.number_key == plan_key(number)))


async def amended_plan(session: AsyncSession, amendment: Amendment) -> Plan | None:
    """The saved plan an amending document names: the same number ("151/KH-UBND"), else the
    only active plan that number names ("151" → "151/KH-UBND")."""
    plan = await existing_plan(session, amendment.target_number)
    if plan is not None:
        return plan
    found = await find_plans(session, amendment.target_number)
    return found[0] if len(found) == 1 else None


async def _amended_draft(
    session: AsyncSession, plan: Plan, amendment: Amendment
) -> tuple[PlanDraft, AmendmentEffect]:
    """The plan as it reads once the amendment applies, and what changes."""
    stored = await plan_as_draft(session, plan)
    inactive = set(
        await session.scalars(select(Task.ref).where(Task.plan_id == plan.id, ~Task.active))
    )
    return apply_amendment(stored, amendment, inactive)


def _applied_record(plan: Plan, number: str) -> dict[str, Any] | None:
    for record in plan.amendments or []:
        if plan_key(str(record.get("number", ""))) == plan_key(number):
            return dict(record)
    return None


async def preview_plan(
    session: AsyncSession,
    draft: PlanDraft,
    *,
    directory: Directory | None = None,
    at: ImportClock | None = None,
    target_owners: Mapping[str, str] | None = None,
) -> PlanPreview:
    """What saving `draft` would do, against the directory and the saved plans. With `at`, the
    preview also says when reporting starts and on which days it is due. `target_owners`:
    the agency chosen for an indicator's figures (by indicator key; "" for nobody)."""
    directory = directory or await load_directory(session)
    amendment: AmendmentPreview | None = None
    applied: PlanDraft | None = None
    target: Plan | None = None
    if draft.amends is not None:
        amendment = AmendmentPreview(draft.amends)
        target = await amended_plan(session, draft.amends)
        if target is not None:
            applied, amendment.effect = await _amended_draft(session, target, draft.amends)
            amendment.plan = target
            amendment.applied_before = _applied_record(target, draft.plan.number)
    content = applied if applied is not None else draft
    lookups: dict[str, AgencyLookup] = {}
    unmatched: list[Unmatched] = []
    for name, refs in names_in(content).items():
        lookup = directory.lookup(name)
        lookups[name] = lookup
        if not lookup.found:
            unmatched.append(Unmatched(name, lookup.suggestions, refs))
    preview = PlanPreview(draft, lookups, unmatched, amendment=amendment, applied=applied)
    today = at.today if at is not None else date.today()
    preview.review = review_import(
        content, lookups, directory, province_view(await deployment_province(session), today)
    )
    _count_new_agencies(preview)
    plan = target if draft.amends is not None else await existing_plan(session, draft.plan.number)
    if plan is not None:
        preview.existing_plan_id = plan.id
        preview.version = plan.version
        preview.diff = await plan_changes(session, plan, content, lookups)
    if draft.amends is None:
        coordinator = draft.plan.coordinator
        preview.indicators, changes = await preview_indicators(
            session, plan, draft.targets, directory, target_owners, coordinator
        )
        preview.target_changes = changes if plan is not None else None
    if at is not None and draft.amends is None:
        saved = ReportingSchedule.model_validate(plan.schedule or {}) if plan else None
        preview.calendar = calendar_view(
            draft.reporting,
            at.calendar,
            at.today,
            task_kinds=[t.reporting for t in draft.tasks],
            saved_start=saved.starts_from if saved is not None else None,
            saved=plan is not None,
        )
    return preview


def _count_new_agencies(preview: PlanPreview) -> None:
    """A name saving will add as a new agency is chased like any other: counted in what the
    preview says will be chased (as `/plans` counts it once saved)."""
    review = preview.review
    if review is None:
        return
    new = set(preview.new_agencies)
    content = preview.applied or preview.draft
    for task in content.tasks:
        chased = review.chased.setdefault(task.ref, {"lead": [], "support": []})
        for name in task.lead:
            if name in new and name not in chased["lead"]:
                chased["lead"].append(name)
        for name in task.support:
            if name in new and name not in chased["lead"] + chased["support"]:
                chased["support"].append(name)


TASK_FIELDS = (
    "title",
    "text",
    "lead",
    "support",
    "timeframe",
    "due",
    "group",
    "products",
    "budget",
    "reporting",
)


@dataclass(frozen=True)
class ImportChoice:
    """What the admin chose for a re-import. By default every change is taken, except from a
    version whose text is clearly worse (then only the refs in `take`, or all with `take_all`);
    tasks missing from the new version are removed only with `remove`."""

    take: frozenset[str] = frozenset()
    take_all: bool = False
    remove: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"take": sorted(self.take), "take_all": self.take_all, "remove": self.remove}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> ImportChoice:
        data = data or {}
        return cls(
            frozenset(str(r) for r in data.get("take", [])),
            bool(data.get("take_all")),
            bool(data.get("remove")),
        )


@dataclass
class PlanChanges:
    """What saving a draft over the stored plan of the same number would change, task by task."""

    added: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # ref → changed fields
    removed: list[str] = field(default_factory=list)
    plan: list[str] = field(default_factory=list)  # changed plan details
    old_quality: float | None = None
    new_quality: float | None = None

    @property
    def worse(self) -> bool:
        """The new version's text is clearly less trustworthy (OCR, a news paraphrase)."""
        return clearly_worse(self.new_quality, self.old_quality)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.changed or self.removed or self.plan)

    def selected(self, choice: ImportChoice | None = None) -> tuple[set[str], set[str], set[str]]:
        """(added, changed, removed) refs that saving with `choice` applies."""
        choice = choice or ImportChoice()
        if self.worse and not choice.take_all:
            added = {r for r in self.added if r in choice.take}
            changed = {r for r in self.changed if r in choice.take}
        else:
            added, changed = set(self.added), set(self.changed)
        return added, changed, set(self.removed) if choice.remove else set()

    def counts(self, choice: ImportChoice | None = None) -> tuple[int, int, int]:
        """(added, updated, removed) that saving with `choice` reports."""
        added, changed, removed = self.selected(choice)
        return len(added), len(changed), len(removed)

    def plan_taken(self, choice: ImportChoice | None = None) -> bool:
        """Whether the plan's own details (title, issuer…) are taken from the new version."""
        return not self.worse or bool(choice and choice.take_all)

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "plan": self.plan,
            "worse": self.worse,
            "quality": {"saved": self.old_quality, "new": self.new_quality},
        }


def _written_names(names: list[str], lookups: Mapping[str, AgencyLookup]) -> list[str]:
    """Names as the directory will store them: the agency (after successions) or the group;
    an addressee dropped on purpose is no one."""
    out: list[str] = []
    for name in names:
        lookup = lookups.get(name)
        if lookup is not None and lookup.group is not None:
            canonical = lookup.group.name
        elif lookup is not None and lookup.agency is not None:
            canonical = lookup.agency.name
        elif lookup is not None and lookup.dropped:
            continue
        else:
            canonical = name
        if canonical not in out:
            out.append(canonical)
    return sorted(out)


def _task_values(task: TaskDraft, lookups: Mapping[str, AgencyLookup] | None) -> dict[str, Any]:
    values = {name: getattr(task, name) for name in TASK_FIELDS}
    if lookups is not None:
        values["lead"] = _written_names(task.lead, lookups)
        values["support"] = _written_names(task.support, lookups)
    else:
        values["lead"], values["support"] = sorted(task.lead), sorted(task.support)
    # As saving does: an agency both leading and supporting (two names that now mean one
    # successor) is assigned once, as lead.
    values["support"] = [n for n in values["support"] if n not in values["lead"]]
    values["products"] = list(task.products)
    return values


async def plan_changes(
    session: AsyncSession, plan: Plan, draft: PlanDraft, lookups: Mapping[str, AgencyLookup]
) -> PlanChanges:
    """Compare a draft with the stored plan: the one comparison that both the preview and
    saving use, so the counts a preview shows are the counts saving reports."""
    stored = await plan_as_draft(session, plan)
    old = {t.ref: t for t in stored.tasks}
    new = {t.ref: t for t in draft.tasks}
    changes = PlanChanges(
        added=[ref for ref in new if ref not in old],
        removed=[ref for ref in old if ref not in new],
        # plans saved before the quality was kept: measured from their stored task texts
        old_quality=plan.text_quality
        if plan.text_quality is not None
        else document_quality(" ".join(t.text for t in stored.tasks)),
        new_quality=draft.quality,
    )
    for ref, task in new.items():
        if ref in old:
            before, after = _task_values(old[ref], None), _task_values(task, lookups)
            fields = [name for name in TASK_FIELDS if before[name] != after[name]]
            if fields:
                changes.changed[ref] = fields
    info = draft.plan
    coordinator = _written_names([info.coordinator], lookups) if info.coordinator else []
    now = {
        "title": info.title,
        "issuer": info.issuer,
        "issued_on": info.issued_on,
        "coordinator": coordinator[0] if coordinator else None,
        # a saved plan keeps its first period: not a change a new version makes
        "reporting": draft.reporting.model_dump(mode="json", exclude={"starts_from"}),
    }
    then = {
        "title": plan.title,
        "issuer": plan.issuer,
        "issued_on": plan.issued_on,
        "coordinator": plan.coordinator.name if plan.coordinator else None,
        "reporting": stored.reporting.model_dump(mode="json", exclude={"starts_from"}),
    }
    changes.plan = [name for name in now if now[name] != then[name]]
    return changes


async def plan_as_draft(session: AsyncSession, plan: Plan) -> PlanDraft:
    """The stored plan in the shape of a draft (to diff against a re-import)."""
    tasks = (
        await session.scalars(
            select(Task).where(Task.plan_id == plan.id, Task.active).order_by(Task.position)
        )
    ).all()
    rows = (
        await session.execute(
            select(Assignment.task_id, Assignment.role, Agency.name, AgencyGroup.name)
            .join(Agency, Agency.id == Assignment.agency_id)
            .outerjoin(AgencyGroup, AgencyGroup.id == Assignment.via_group_id)
            .join(Task, Task.id == Assignment.task_id)
            .where(Task.plan_id == plan.id)
        )
    ).all()
    links = (
        await session.execute(
            select(TaskGroupAssignment.task_id, TaskGroupAssignment.role, AgencyGroup.name)
            .join(AgencyGroup, AgencyGroup.id == TaskGroupAssignment.group_id)
            .join(Task, Task.id == TaskGroupAssignment.task_id)
            .where(Task.plan_id == plan.id)
        )
    ).all()
    by_task: dict[int, dict[str, list[str]]] = {}
    for task_id, role, agency_name, group_name in [*rows, *((t, r, g, g) for t, r, g in links)]:
        names = by_task.setdefault(task_id, {"lead": [], "support": []})
        name = group_name or agency_name
        if name not in names[role]:
            names[role].append(name)
    return PlanDraft(
        plan=PlanInfo(
            number=plan.number,
            title=plan.title,
            issuer=plan.issuer,
            issued_on=plan.issued_on,
            coordinator=plan.coordinator.name if plan.coordinator else None,
            kind=plan.kind,
            issuing_act=IssuingAct.model_validate(plan.issuing_act) if plan.issuing_act else None,
        ),
        tasks=[
            TaskDraft(
                ref=t.ref,
                title=t.title,
                text=t.text,
                lead=by_task.get(t.id, {}).get("lead", []),
                support=by_task.get(t.id, {}).get("support", []),
                timeframe=t.timeframe,
                due=t.due_on,
                group=t.group_title,
                reporting=t.reporting,
                products=list(t.products or []),
                budget=t.budget,
            )
            for t in tasks
        ],
        reporting=ReportingSchedule.model_validate(plan.schedule or {}),
        quality=plan.text_quality,
    )


class UnresolvedAgencies(Exception):
    """Some names are neither in the directory nor fixed nor allowed to become new agencies."""

    def __init__(self, unmatched: list[Unmatched]) -> None:
        super().__init__(", ".join(u.name for u in unmatched))
        self.unmatched = unmatched


@dataclass
class SaveResult:
    plan: Plan
    created: bool
    added: int
    updated: int
    removed: int
    new_agencies: list[str]
    start: Period | None = None  # the first period the plan owes (with a clock)
    start_due: date | None = None
    amendment: AmendmentEffect | None = None  # an amending document: what it changed
    amending: str | None = None  # … and its number
    targets: TargetChanges | None = None  # what saving did to the plan's targets


async def save_plan(
    session: AsyncSession,
    draft: PlanDraft,
    *,
    fixes: Mapping[str, str] | None = None,
    create_missing: bool = False,
    actor: Member | None = None,
    choice: ImportChoice | None = None,
    at: ImportClock | None = None,
    seen: SeenVersion | None = None,
    target_owners: Mapping[str, str] | None = None,
) -> SaveResult:
    """Create or update the plan from the draft in the caller's transaction. `fixes` maps a name
    as written to a directory name; with `create_missing`, other unknown names become agencies.
    Over a stored plan, `choice` says which changes to take (see ImportChoice); the counts
    returned are those `PlanChanges.counts(choice)` showed in the preview. A draft that amends
    a plan (`draft.amends`) is applied to that plan instead (plans/amending.py).

    With `at` (the service clock), a new plan owes from its first period — the one the draft
    chose (`reporting.starts_from`) or the default — and each assignment saving adds to a plan
    already saved is owed from `at`'s day (docs/counting.md, section 3). With `seen` (the
    version the preview was built on), a plan saved by someone else since raises
    PlanChangedMeanwhile and nothing is saved. The plan's targets are saved with it (see
    `plans.indicators.save_targets`; `target_owners` as in `preview_plan`)."""
    if draft.amends is not None:
        return await _save_amendment(
            session,
            draft,
            fixes=fixes,
            create_missing=create_missing,
            actor=actor,
            at=at,
            seen=seen,
        )
    return await _save(
        session,
        draft,
        fixes=fixes,
        create_missing=create_missing,
        actor=actor,
        choice=choice,
        at=at,
        seen=seen,
        target_owners=target_owners,
    )


async def _save_amendment(
    session: AsyncSession,
    draft: PlanDraft,
    *,
    fixes: Mapping[str, str] | None,
    create_missing: bool,
    actor: Member | None,
    at: ImportClock | None,
    seen: SeenVersion | None,
) -> SaveResult:
    """Apply an amending document to the plan it amends, through the re-import diff: every
    change it makes is taken, its repealed tasks are deactivated, and the plan records it."""
    assert draft.amends is not None
    target = await amended_plan(session, draft.amends)
    if target is None:
        raise AmendedPlanMissing(draft.amends.target_number)
    applied, effect = await _amended_draft(session, target, draft.amends)
    result = await _save(
        session,
        applied,
        fixes=fixes,
        create_missing=create_missing,
        actor=actor,
        choice=ImportChoice(take_all=True, remove=True),
        at=at,
        seen=seen,
        action="plan.amend",
        amended_by=draft,
    )
    record = {
        "number": draft.plan.number,
        "issued_on": draft.plan.issued_on.isoformat() if draft.plan.issued_on else None,
        "title": draft.plan.title,
        "applied_at": (at.now if at is not None else utcnow()).isoformat(),
        "changes": effect.to_json(),
    }
    kept = [
        r
        for r in target.amendments or []
        if plan_key(str(r.get("number", ""))) != plan_key(draft.plan.number)
    ]
    target.amendments = [*kept, record]
    result.amendment, result.amending = effect, draft.plan.number
    await session.flush()
    return result


async def _claim_version(session: AsyncSession, plan: Plan, seen: SeenVersion | None) -> None:
    """Move the plan to its next version, unless a save by someone else came first (then
    PlanChangedMeanwhile). Taken before any change, so two saves of one plan queue here."""
    if seen is not None and seen.version != plan.version:
        raise PlanChangedMeanwhile(plan.number)
    expected = plan.version
    moved = await session.execute(
        update(Plan)
        .where(Plan.id == plan.id, Plan.version == expected)
        .values(version=expected + 1)
        .execution_options(synchronize_session=False)
    )
    if not moved.rowcount:  # type: ignore[attr-defined]
        raise PlanChangedMeanwhile(plan.number)
    set_committed_value(plan, "version", expected + 1)


async def _save(
    session: AsyncSession,
    draft: PlanDraft,
    *,
    fixes: Mapping[str, str] | None,
    create_missing: bool,
    actor: Member | None,
    choice: ImportChoice | None,
    at: ImportClock | None,
    seen: SeenVersion | None,
    action: str | None = None,
    amended_by: PlanDraft | None = None,
    target_owners: Mapping[str, str] | None = None,
) -> SaveResult:
    fixes = dict(fixes or {})
    directory = await load_directory(session)
    resolved: dict[str, AgencyLookup] = {}
    missing: list[Unmatched] = []
    new_agencies: list[str] = []
    province = await deployment_province(session)
    view = (
        province_view(province, at.today if at is not None else date.today()) if province else None
    )
    for name, refs in names_in(draft).items():
        lookup = directory.lookup(fixes.get(name, name))
        if not lookup.found:
            # an agency of another province is refused, never created here
            if not create_missing or (view is not None and view.foreign(fixes.get(name, name))):
                missing.append(Unmatched(name, lookup.suggestions, refs))
                continue
            agency = await add_agency(session, name, actor=actor)
            new_agencies.append(agency.name)
            directory = await load_directory(session)
            lookup = directory.lookup(name)
        resolved[name] = lookup
    if missing:
        raise UnresolvedAgencies(missing)

    plan = await existing_plan(session, draft.plan.number)
    created = plan is None
    if plan is not None:
        await _claim_version(session, plan, seen)
    elif seen is not None and seen.version is not None:
        raise PlanChangedMeanwhile(draft.plan.number)  # the plan previewed is gone
    changes = await plan_changes(session, plan, draft, resolved) if plan is not None else None
    before: set[int] = set()
    if plan is None:
        plan = Plan(number=draft.plan.number, number_key=plan_key(draft.plan.number), version=1)
        if at is not None:
            plan.created_at = plan.updated_at = at.now
        session.add(plan)
        try:
            await session.flush()
        except IntegrityError as exc:  # another admin created it at the same moment
            raise PlanChangedMeanwhile(draft.plan.number) from exc
    else:
        before = set(
            await session.scalars(
                select(Assignment.id)
                .join(Task, Task.id == Assignment.task_id)
                .where(Task.plan_id == plan.id)
            )
        )
        if at is not None:
            plan.updated_at = at.now
    saved_start = ReportingSchedule.model_validate(plan.schedule or {}).starts_from
    if changes is None or changes.plan_taken(choice):
        info = draft.plan
        plan.title, plan.issuer, plan.issued_on = info.title, info.issuer, info.issued_on
        coordinator = resolved[info.coordinator].agency if info.coordinator else None
        plan.coordinator_agency_id = coordinator.id if coordinator else None
        plan.schedule = draft.reporting.model_dump(mode="json")
        plan.kind = info.kind
        plan.issuing_act = info.issuing_act.model_dump(mode="json") if info.issuing_act else None
        plan.text_quality = draft.quality
    start: Period | None = None
    schedule = ReportingSchedule.model_validate(plan.schedule or {})
    calendar = (
        plan_calendar(schedule, at.calendar, [t.reporting for t in draft.tasks])
        if at is not None
        else None
    )
    if not created:
        schedule.starts_from = saved_start  # a plan keeps the start it was saved with
    elif calendar is not None and at is not None:
        start = start_of(calendar, at.today, schedule.starts_from)
        schedule.starts_from = start.key
    plan.schedule = schedule.model_dump(mode="json")
    plan.active = True
    await session.flush()

    if changes is None:
        take_added, take_changed, take_removed = {t.ref for t in draft.tasks}, set(), set()
    else:
        take_added, take_changed, take_removed = changes.selected(choice)
    old_tasks = {
        t.ref: t for t in (await session.scalars(select(Task).where(Task.plan_id == plan.id))).all()
    }
    groups_touched: set[int] = set()
    position = 0
    for task_draft in draft.tasks:
        task = old_tasks.get(task_draft.ref)
        known = task is not None and task.active
        if not known and task_draft.ref not in take_added:
            continue  # a new task the admin did not take (from a less trustworthy version)
        if task is None:
            task = Task(plan_id=plan.id, ref=task_draft.ref)
            session.add(task)
        task.position = position
        position += 1
        if known and task_draft.ref not in take_changed:
            continue  # unchanged, or a change the admin did not take: the stored task stays
        # Updated in place: reports made against this task stay attached to it.
        task.title, task.text = task_draft.title, task_draft.text
        task.group_title, task.timeframe = task_draft.group, task_draft.timeframe
        task.due_on, task.reporting, task.active = task_draft.due, task_draft.reporting, True
        task.products, task.budget = list(task_draft.products), task_draft.budget
        await session.flush()
        groups_touched |= await _assign(session, task, task_draft, resolved)
    for group_id in groups_touched:
        await expand_group_assignments(session, group_id)
    for ref in take_removed:
        old_tasks[ref].active = False
    listed = {t.ref for t in draft.tasks}
    for task in old_tasks.values():  # kept tasks the new version no longer lists go last
        if task.active and task.ref not in listed:
            task.position = position
            position += 1
    targets: TargetChanges | None = None
    taken = changes is None or changes.plan_taken(choice)
    if amended_by is None and taken and (draft.targets or not created):
        # a version without targets (a news write-up) leaves the saved ones as they are
        targets = await save_targets(
            session,
            plan,
            draft.targets,
            directory,
            owners=target_owners,
            remove_missing=bool(draft.targets) and choice is not None and choice.remove,
        )
    start_due = calendar.deadline(start) if calendar is not None and start is not None else None
    if at is not None:
        # nobody owes a period whose deadline passed before they could have been asked
        owed = start_due if created else owed_from_when_added(at.today, at.calendar)
        await _owed_from(session, plan, before, owed, at.now)
    added, updated, removed = len(take_added), len(take_changed), len(take_removed)
    audit.record(
        session,
        actor,
        action or ("plan.create" if created else "plan.update"),
        plan_id=plan.id,
        number=plan.number,
        added=added,
        updated=updated,
        removed=removed,
        kept=sorted(set(changes.removed) - take_removed) if changes else None,
        new_agencies=new_agencies or None,
        starts_from=start.key if start is not None else None,
        amendment=amended_by.plan.number if amended_by is not None else None,
        indicators=len(draft.targets and {t.indicator for t in draft.targets}) or None,
    )
    result = SaveResult(plan, created, added, updated, removed, new_agencies, start, start_due)
    result.targets = targets
    return result


async def _owed_from(
    session: AsyncSession, plan: Plan, before: set[int], owed: date | None, now: datetime
) -> None:
    """Give each assignment this save made (directly or through a group) the first deadline
    it is owed for, and the bot's time it was made; assignments made before keep theirs."""
    if owed is None:
        return
    rows = (
        await session.scalars(
            select(Assignment)
            .join(Task, Task.id == Assignment.task_id)
            .where(Task.plan_id == plan.id, Assignment.owed_from.is_(None))
        )
    ).all()
    for row in rows:
        if row.id not in before:
            row.owed_from, row.created_at = owed, now
    await session.flush()


async def _assign(
    session: AsyncSession, task: Task, draft: TaskDraft, resolved: Mapping[str, AgencyLookup]
) -> set[int]:
    """Make the task's direct assignments and group links what the draft says; returns the
    groups whose expansion the caller must refresh."""
    wanted_agencies: dict[int, str] = {}
    wanted_groups: dict[int, str] = {}
    for role, names in ((AssignmentRole.LEAD, draft.lead), (AssignmentRole.SUPPORT, draft.support)):
        for name in names:
            lookup = resolved[name]
            if lookup.group is not None:
                wanted_groups.setdefault(lookup.group.id, role.value)
            elif lookup.agency is not None:
                wanted_agencies.setdefault(lookup.agency.id, role.value)
    links = (
        await session.scalars(
            select(TaskGroupAssignment).where(TaskGroupAssignment.task_id == task.id)
        )
    ).all()
    for link in links:
        if link.group_id in wanted_groups:
            link.role = wanted_groups[link.group_id]
        else:
            await session.delete(link)
    for group_id in wanted_groups.keys() - {link.group_id for link in links}:
        session.add(
            TaskGroupAssignment(task_id=task.id, group_id=group_id, role=wanted_groups[group_id])
        )
    assignments = (
        await session.scalars(select(Assignment).where(Assignment.task_id == task.id))
    ).all()
    for assignment in assignments:
        if assignment.agency_id in wanted_agencies:
            assignment.role = wanted_agencies.pop(assignment.agency_id)
            assignment.via_group_id = None
        elif assignment.via_group_id not in wanted_groups:
            await session.delete(assignment)
    for agency_id, role in wanted_agencies.items():
        session.add(Assignment(task_id=task.id, agency_id=agency_id, role=role))
    await session.flush()
    return set(wanted_groups) | {link.group_id for link in links}


async def last_saved_by(session: AsyncSession, plan_id: int) -> Member | None:
    """The member whose save of the plan is the latest in the audit log (None: the command
    line, or nobody)."""
    entries = (
        await session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action.in_(("plan.create", "plan.update", "plan.amend")))
            .order_by(AuditEntry.id.desc())
            .limit(50)
        )
    ).all()
    for entry in entries:
        if entry.details.get("plan_id") == plan_id:
            if entry.actor_member_id is None:
                return None
            return await session.get(Member, entry.actor_member_id)
    return None


async def find_plan(session: AsyncSession, text: str | None) -> Plan | None:
    """A plan by its number as typed ("151", "151/KH-UBND", "151 kh ubnd"); with no text, the
    only active plan if there is just one. None when nothing or more than one plan matches."""
    found = await find_plans(session, text)
    return found[0] if len(found) == 1 else None


async def find_plans(session: AsyncSession, text: str | None) -> list[Plan]:
    """The active plans that a number as typed names, best matches only: the same number
    ("151/KH-UBND"), else a number given whole ("15" → "15-CTr/TU", never "151/KH-UBND"),
    else a prefix of the number ("15-C"). With no text, every active plan."""
    plans = list(await active_plans(session))
    if not text:
        return plans
    key = plan_key(text)
    if not key:
        return []
    exact = [p for p in plans if p.number_key == key]
    if exact:
        return exact
    words = number_words(text)
    whole = [p for p in plans if number_words(p.number)[: len(words)] == words]
    if whole:
        return whole
    return [p for p in plans if p.number_key.startswith(key)]


def number_words(number: str) -> list[str]:
    """A plan number cut into its runs of digits and letters: "15-CTr/TU" → 15, ctr, tu."""
    return re.findall(r"[0-9]+|[a-z]+", fold(number))
