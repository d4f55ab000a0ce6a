"""Saving plans: preview a draft against the agency directory, then create or update it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from access import audit
from domain.status import AssignmentRole
from domain.text import fold, squash
from plans.active import active_plans
from plans.model import PlanDraft, TaskDraft
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
    Member,
    Plan,
    Task,
    TaskGroupAssignment,
)


def plan_key(number: str) -> str:
    return squash(number)


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


async def preview_plan(
    session: AsyncSession, draft: PlanDraft, *, directory: Directory | None = None
) -> PlanPreview:
    directory = directory or await load_directory(session)
    lookups: dict[str, AgencyLookup] = {}
    unmatched: list[Unmatched] = []
    for name, refs in names_in(draft).items():
        lookup = directory.lookup(name)
        lookups[name] = lookup
        if not lookup.found:
            unmatched.append(Unmatched(name, lookup.suggestions, refs))
    preview = PlanPreview(draft, lookups, unmatched)
    preview.review = review_import(
        draft,
        lookups,
        directory,
        province_view(await deployment_province(session), date.today()),
    )
    plan = await existing_plan(session, draft.plan.number)
    if plan is not None:
        preview.existing_plan_id = plan.id
        preview.diff = await plan_changes(session, plan, draft, lookups)
    return preview


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
        "reporting": draft.reporting.model_dump(mode="json"),
    }
    then = {
        "title": plan.title,
        "issuer": plan.issuer,
        "issued_on": plan.issued_on,
        "coordinator": plan.coordinator.name if plan.coordinator else None,
        "reporting": stored.reporting.model_dump(mode="json"),
    }
    changes.plan = [name for name in now if now[name] != then[name]]
    return changes


async def plan_as_draft(session: AsyncSession, plan: Plan) -> PlanDraft:
    """The stored plan in the shape of a draft (to diff against a re-import)."""
    from plans.model import PlanInfo, ReportingSchedule

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


async def save_plan(
    session: AsyncSession,
    draft: PlanDraft,
    *,
    fixes: Mapping[str, str] | None = None,
    create_missing: bool = False,
    actor: Member | None = None,
    choice: ImportChoice | None = None,
) -> SaveResult:
    """Create or update the plan from the draft in the caller's transaction. `fixes` maps a name
    as written to a directory name; with `create_missing`, other unknown names become agencies.
    Over a stored plan, `choice` says which changes to take (see ImportChoice); the counts
    returned are those `PlanChanges.counts(choice)` showed in the preview."""
    fixes = dict(fixes or {})
    directory = await load_directory(session)
    resolved: dict[str, AgencyLookup] = {}
    missing: list[Unmatched] = []
    new_agencies: list[str] = []
    province = await deployment_province(session)
    view = province_view(province, date.today()) if province else None
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
    changes = await plan_changes(session, plan, draft, resolved) if plan is not None else None
    if plan is None:
        plan = Plan(number=draft.plan.number, number_key=plan_key(draft.plan.number))
        session.add(plan)
    if changes is None or changes.plan_taken(choice):
        info = draft.plan
        plan.title, plan.issuer, plan.issued_on = info.title, info.issuer, info.issued_on
        coordinator = resolved[info.coordinator].agency if info.coordinator else None
        plan.coordinator_agency_id = coordinator.id if coordinator else None
        plan.schedule = draft.reporting.model_dump(mode="json")
        plan.kind = info.kind
        plan.issuing_act = info.issuing_act.model_dump(mode="json") if info.issuing_act else None
        plan.text_quality = draft.quality
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
    added, updated, removed = len(take_added), len(take_changed), len(take_removed)
    audit.record(
        session,
        actor,
        "plan.create" if created else "plan.update",
        plan_id=plan.id,
        number=plan.number,
        added=added,
        updated=updated,
        removed=removed,
        kept=sorted(set(changes.removed) - take_removed) if changes else None,
        new_agencies=new_agencies or None,
    )
    return SaveResult(plan, created, added, updated, removed, new_agencies)


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
