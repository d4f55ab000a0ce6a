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
from plans.planfile import PlanDiff, diff_plans
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
    diff: PlanDiff | None = None
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
        preview.diff = diff_plans(await plan_as_draft(session, plan), draft)
    return preview


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
    by_task: dict[int, dict[str, list[str]]] = {}
    for task_id, role, agency_name, group_name in rows:
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
) -> SaveResult:
    """Create or update the plan from the draft in the caller's transaction. `fixes` maps a name
    as written to a directory name; with `create_missing`, other unknown names become agencies."""
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
    if plan is None:
        plan = Plan(number=draft.plan.number, number_key=plan_key(draft.plan.number))
        session.add(plan)
    info = draft.plan
    plan.title, plan.issuer, plan.issued_on = info.title, info.issuer, info.issued_on
    coordinator = resolved[info.coordinator].agency if info.coordinator else None
    plan.coordinator_agency_id = coordinator.id if coordinator else None
    plan.schedule = draft.reporting.model_dump(mode="json")
    plan.active = True
    await session.flush()

    old_tasks = {
        t.ref: t for t in (await session.scalars(select(Task).where(Task.plan_id == plan.id))).all()
    }
    added = updated = 0
    groups_touched: set[int] = set()
    for position, task_draft in enumerate(draft.tasks):
        task = old_tasks.pop(task_draft.ref, None)
        if task is None:
            task = Task(plan_id=plan.id, ref=task_draft.ref)
            session.add(task)
            added += 1
        elif _task_changed(task, task_draft, position):
            updated += 1
        task.position = position
        task.title, task.text = task_draft.title, task_draft.text
        task.group_title, task.timeframe = task_draft.group, task_draft.timeframe
        task.due_on, task.reporting, task.active = task_draft.due, task_draft.reporting, True
        await session.flush()
        groups_touched |= await _assign(session, task, task_draft, resolved)
    for group_id in groups_touched:
        await expand_group_assignments(session, group_id)
    for task in old_tasks.values():
        task.active = False
    audit.record(
        session,
        actor,
        "plan.create" if created else "plan.update",
        plan_id=plan.id,
        number=plan.number,
        added=added,
        updated=updated,
        removed=len(old_tasks),
        new_agencies=new_agencies or None,
    )
    return SaveResult(plan, created, added, updated, len(old_tasks), new_agencies)


def _task_changed(task: Task, draft: TaskDraft, position: int) -> bool:
    return (task.title, task.text, task.timeframe, task.due_on, task.active) != (
        draft.title,
        draft.text,
        draft.timeframe,
        draft.due,
        True,
    )


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
