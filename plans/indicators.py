"""A plan's targets in the database: the draft's targets grouped by indicator, what saving them
would do (shown in the import preview), and saving them. Each indicator keeps the agency that
provides its figures: chosen in the preview (or with /target), else kept from the saved plan,
else the one the document names, else the directory's suggestion (`plans/target_owners.py`).
A re-import updates the indicators in place by name, so their owners and figures stay."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.model import TargetDraft
from plans.registry import Directory
from plans.target_owners import owner_for, suggested_owners
from plans.targets import indicator_key
from storage.models import Agency, Indicator, Plan, Target

OwnerSource = Literal["chosen", "kept", "document", "suggested", "none"]
KEY_LENGTH = 300


@dataclass
class IndicatorDraft:
    """The targets of one indicator, in the order the document gives them."""

    key: str
    name: str
    targets: list[TargetDraft] = field(default_factory=list)

    @property
    def quantitative(self) -> bool:
        return any(t.quantitative for t in self.targets)

    @property
    def unit(self) -> str | None:
        return next((t.unit for t in self.targets if t.quantitative and t.unit), None)

    @property
    def written_owner(self) -> str | None:
        return next((t.owner for t in self.targets if t.owner), None)


def group_targets(targets: list[TargetDraft]) -> list[IndicatorDraft]:
    """The draft's targets by indicator ("đến năm 2025 … đến năm 2030": one indicator)."""
    groups: dict[str, IndicatorDraft] = {}
    for target in targets:
        key = indicator_key(target.indicator)[:KEY_LENGTH]
        group = groups.setdefault(key, IndicatorDraft(key, target.indicator))
        if all(t.horizon != target.horizon for t in group.targets):
            group.targets.append(target)
    return list(groups.values())


@dataclass
class IndicatorPreview:
    """One indicator as the preview shows it: its targets and who will be asked for it."""

    number: int
    draft: IndicatorDraft
    owner: str | None
    source: OwnerSource
    candidates: list[str]  # what the owner button goes through (then nobody)
    status: Literal["new", "changed", "same"] = "new"


@dataclass
class TargetChanges:
    """What saving the draft's targets does to the saved plan's (by indicator name)."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # saved, not in the new version
    saved: int = 0  # once saved: the plan's indicators, and those someone provides
    owned: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.changed or self.missing)


async def saved_indicators(session: AsyncSession, plan_id: int | None) -> dict[str, Indicator]:
    if plan_id is None:
        return {}
    rows = await session.scalars(select(Indicator).where(Indicator.plan_id == plan_id))
    return {row.name_key: row for row in rows.all()}


async def saved_targets(session: AsyncSession, ids: list[int]) -> dict[int, list[Target]]:
    if not ids:
        return {}
    rows = await session.scalars(
        select(Target).where(Target.indicator_id.in_(ids)).order_by(Target.id)
    )
    found: dict[int, list[Target]] = {}
    for row in rows.all():
        found.setdefault(row.indicator_id, []).append(row)
    return found


def _target_values(target: TargetDraft | Target) -> tuple[object, ...]:
    return (
        target.horizon,
        target.comparison,
        target.value,
        target.value_max,
        target.unit,
    )


def _owner(
    group: IndicatorDraft,
    saved: Indicator | None,
    owners: Mapping[str, str],
    directory: Directory,
) -> tuple[str | None, OwnerSource]:
    if group.key in owners:
        chosen = owners[group.key]
        lookup = directory.lookup(chosen) if chosen else None
        if lookup is not None and lookup.agency is not None:
            return lookup.agency.name, "chosen"
        return None, "chosen" if not chosen else "none"
    if saved is not None and saved.owner_agency_id is not None:
        agency = directory.agencies.get(saved.owner_agency_id)
        if agency is not None:
            return agency.name, "kept"
    if not group.quantitative:
        return None, "none"
    written = group.written_owner
    if written:
        lookup = directory.lookup(written)
        if lookup.agency is not None:
            return lookup.agency.name, "document"
    suggested = owner_for(None, group.name, directory)
    return suggested, "suggested" if suggested else "none"


def owner_candidates(
    group: IndicatorDraft, directory: Directory, coordinator: str | None
) -> list[str]:
    """The agencies the preview's owner button goes through: the document's, the suggested
    ones and the plan's coordinator (then nobody)."""
    names: list[str] = []
    written = group.written_owner
    if written:
        lookup = directory.lookup(written)
        if lookup.agency is not None:
            names.append(lookup.agency.name)
    names += suggested_owners(group.name, directory)
    if coordinator:
        lookup = directory.lookup(coordinator)
        if lookup.agency is not None:
            names.append(lookup.agency.name)
    return list(dict.fromkeys(names))[:4]


async def preview_indicators(
    session: AsyncSession,
    plan: Plan | None,
    targets: list[TargetDraft],
    directory: Directory,
    owners: Mapping[str, str] | None = None,
    coordinator: str | None = None,
) -> tuple[list[IndicatorPreview], TargetChanges]:
    """Each indicator of the draft with who will be asked for its figures, and what saving
    changes in the saved plan's targets."""
    owners = owners or {}
    saved = await saved_indicators(session, plan.id if plan is not None else None)
    stored = await saved_targets(session, [i.id for i in saved.values() if i.active])
    changes = TargetChanges()
    shown: list[IndicatorPreview] = []
    groups = group_targets(targets)
    for number, group in enumerate(groups, start=1):
        row = saved.get(group.key)
        owner, source = _owner(group, row, owners, directory)
        status: Literal["new", "changed", "same"] = "new"
        if row is not None and row.active:
            before = sorted((_target_values(t) for t in stored.get(row.id, [])), key=repr)
            after = sorted((_target_values(t) for t in group.targets), key=repr)
            status = "same" if before == after else "changed"
        if plan is not None and status == "new":
            changes.added.append(group.name)
        elif status == "changed":
            changes.changed.append(group.name)
        candidates = owner_candidates(group, directory, coordinator)
        shown.append(IndicatorPreview(number, group, owner, source, candidates, status))
    listed = {g.key for g in groups}
    changes.missing = [i.name for k, i in saved.items() if i.active and k not in listed]
    return shown, changes


async def save_targets(
    session: AsyncSession,
    plan: Plan,
    targets: list[TargetDraft],
    directory: Directory,
    *,
    owners: Mapping[str, str] | None = None,
    remove_missing: bool = False,
) -> TargetChanges:
    """Make the plan's indicators and targets what the draft says, in place by indicator name
    (owners and figures stay); indicators the new version no longer lists are kept unless
    `remove_missing` (then deactivated, their figures kept)."""
    coordinator = plan.coordinator.name if plan.coordinator is not None else None
    shown, changes = await preview_indicators(
        session, plan, targets, directory, owners, coordinator
    )
    saved = await saved_indicators(session, plan.id)
    stored = await saved_targets(session, [i.id for i in saved.values()])
    names = {a.name: a.id for a in directory.agencies.values()}
    for item in shown:
        group = item.draft
        row = saved.get(group.key)
        if row is None:
            row = Indicator(plan_id=plan.id, name_key=group.key)
            session.add(row)
        row.position, row.name, row.unit = item.number, group.name, group.unit
        row.qualitative = not group.quantitative
        row.text = " ".join(dict.fromkeys(t.text for t in group.targets if t.text))
        row.owner_written = (group.written_owner or "")[:300] or None
        row.owner_agency_id = names.get(item.owner) if item.owner else None
        row.active = True
        await session.flush()
        existing = {t.horizon: t for t in stored.get(row.id, [])}
        for target in group.targets:
            kept = existing.pop(target.horizon, None)
            if kept is None:
                kept = Target(indicator_id=row.id, horizon=target.horizon)
                session.add(kept)
            kept.comparison = target.comparison if target.quantitative else None
            kept.value, kept.value_max = target.value, target.value_max
            kept.unit, kept.text = target.unit, target.text
        for gone in existing.values():
            await session.delete(gone)
    listed = {item.draft.key for item in shown}
    for key, row in saved.items():
        if key not in listed and remove_missing:
            row.active = False
        elif key not in listed and row.active:
            row.position = len(listed) + row.position  # kept: after the new version's
    await session.flush()
    rows = await plan_indicators(session, plan.id)
    changes.saved = len(rows)
    changes.owned = sum(1 for r in rows if r.owner_agency_id is not None)
    return changes


async def set_owner(session: AsyncSession, indicator: Indicator, agency: Agency | None) -> bool:
    """Give an indicator the agency asked for its figures; False when it already had it."""
    new = agency.id if agency is not None else None
    if indicator.owner_agency_id == new:
        return False
    indicator.owner_agency_id = new
    await session.flush()
    return True


async def plan_indicators(
    session: AsyncSession, plan_id: int, *, quantitative_only: bool = False
) -> list[Indicator]:
    """The plan's active indicators in the document's order."""
    query = select(Indicator).where(Indicator.plan_id == plan_id, Indicator.active)
    if quantitative_only:
        query = query.where(~Indicator.qualitative)
    return list((await session.scalars(query.order_by(Indicator.position, Indicator.id))).all())
