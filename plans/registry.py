"""The agency directory in the database: lookup with suggestions, additions, groups, successions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from access import audit
from plans.directory import AgencyMatcher, DirectoryEntry, folded_key
from plans.starter import StarterDirectory, Succession
from storage.models import (
    Agency,
    AgencyAlias,
    AgencyGroup,
    AgencyGroupMember,
    Assignment,
    Member,
    TaskGroupAssignment,
)


class AgencyConflict(Exception):
    """The name (or an alias) is already used by another agency or group."""

    def __init__(self, name: str, existing: str) -> None:
        super().__init__(name)
        self.name = name
        self.existing = existing


@dataclass
class AgencyLookup:
    """What a name refers to: an agency (after successions), a group, or suggestions."""

    agency: Agency | None = None
    group: AgencyGroup | None = None
    suggestions: list[str] = field(default_factory=list)
    original: Agency | None = None

    @property
    def found(self) -> bool:
        return self.agency is not None or self.group is not None


@dataclass
class Directory:
    """A snapshot of agencies and groups with a matcher over every name they are known by."""

    agencies: dict[int, Agency]
    groups: dict[int, AgencyGroup]
    matcher: AgencyMatcher

    def successor_of(self, agency: Agency) -> Agency:
        """The agency that carries this one's work today (itself if never merged)."""
        seen: set[int] = set()
        while agency.successor_id is not None and agency.id not in seen:
            seen.add(agency.id)
            agency = self.agencies[agency.successor_id]
        return agency

    def lookup(self, text: str) -> AgencyLookup:
        match = self.matcher.match(text)
        suggestions = [entry.name for entry in match.suggestions]
        if match.entry is None:
            return AgencyLookup(suggestions=suggestions)
        kind, ident = match.entry.key[0], int(match.entry.key[1:])
        if kind == "g":
            return AgencyLookup(group=self.groups[ident])
        original = self.agencies[ident]
        return AgencyLookup(agency=self.successor_of(original), original=original)


async def load_directory(session: AsyncSession) -> Directory:
    agencies = {a.id: a for a in (await session.scalars(select(Agency))).all()}
    groups = {g.id: g for g in (await session.scalars(select(AgencyGroup))).all()}
    entries = [
        DirectoryEntry(
            key=f"a{a.id}",
            name=a.name,
            short_name=a.short_name,
            aliases=tuple(alias.alias for alias in a.aliases),
            kind=a.kind,
        )
        for a in agencies.values()
    ]
    entries += [
        DirectoryEntry(key=f"g{g.id}", name=g.name, aliases=tuple(g.aliases), is_group=True)
        for g in groups.values()
    ]
    return Directory(agencies, groups, AgencyMatcher(entries))


async def find_agency(session: AsyncSession, text: str) -> AgencyLookup:
    return (await load_directory(session)).lookup(text)


async def _check_free(session: AsyncSession, names: Iterable[str], *, own_id: int | None) -> None:
    directory = await load_directory(session)
    for name in names:
        match = directory.matcher.match(name)
        if match.entry is not None and match.entry.key != f"a{own_id}":
            raise AgencyConflict(name, match.entry.name)


async def add_agency(
    session: AsyncSession,
    name: str,
    *,
    short_name: str | None = None,
    aliases: Sequence[str] = (),
    kind: str = "other",
    actor: Member | None = None,
) -> Agency:
    """A new agency; refuses a name or alias another agency or group already answers to."""
    name = " ".join(name.split())
    await _check_free(session, [name, *([short_name] if short_name else []), *aliases], own_id=None)
    return await _insert_agency(session, name, short_name, aliases, kind, actor)


async def _insert_agency(
    session: AsyncSession,
    name: str,
    short_name: str | None,
    aliases: Sequence[str],
    kind: str,
    actor: Member | None,
) -> Agency:
    agency = Agency(name=name, name_key=folded_key(name), short_name=short_name, kind=kind)
    agency.aliases = _aliases(name, short_name, aliases)
    session.add(agency)
    await session.flush()
    audit.record(session, actor, "agency.add", agency_id=agency.id, name=name)
    return agency


def _aliases(name: str, short_name: str | None, aliases: Iterable[str]) -> list[AgencyAlias]:
    keys = {folded_key(name)}
    result = []
    for alias in [*([short_name] if short_name else []), *aliases]:
        key = folded_key(alias)
        if key and key not in keys:
            keys.add(key)
            result.append(AgencyAlias(alias=alias, alias_key=key))
    return result


async def add_group(
    session: AsyncSession,
    name: str,
    *,
    aliases: Sequence[str] = (),
    members: Sequence[Agency] = (),
    actor: Member | None = None,
) -> AgencyGroup:
    group = AgencyGroup(name=name, name_key=folded_key(name), aliases=list(aliases))
    session.add(group)
    await session.flush()
    await set_group_members(session, group, members, actor=actor)
    return group


async def set_group_members(
    session: AsyncSession,
    group: AgencyGroup,
    members: Sequence[Agency],
    *,
    actor: Member | None = None,
) -> None:
    """Replace the group's members and re-expand every task assigned to the group."""
    await session.execute(delete(AgencyGroupMember).where(AgencyGroupMember.group_id == group.id))
    for agency in {a.id: a for a in members}.values():
        session.add(AgencyGroupMember(group_id=group.id, agency_id=agency.id))
    await session.flush()
    await expand_group_assignments(session, group.id)
    audit.record(
        session, actor, "group.members", group_id=group.id, members=[a.name for a in members]
    )


async def group_member_ids(session: AsyncSession, group_id: int) -> list[int]:
    rows = await session.scalars(
        select(AgencyGroupMember.agency_id).where(AgencyGroupMember.group_id == group_id)
    )
    return list(rows)


async def expand_group_assignments(session: AsyncSession, group_id: int) -> None:
    """Make the Assignment rows of tasks assigned to a group match its current members."""
    member_ids = set(await group_member_ids(session, group_id))
    links = (
        await session.scalars(
            select(TaskGroupAssignment).where(TaskGroupAssignment.group_id == group_id)
        )
    ).all()
    for link in links:
        existing = {
            a.agency_id: a
            for a in (
                await session.scalars(select(Assignment).where(Assignment.task_id == link.task_id))
            ).all()
        }
        for agency_id, assignment in existing.items():
            if assignment.via_group_id == group_id and agency_id not in member_ids:
                await session.delete(assignment)
        for agency_id in member_ids - existing.keys():
            session.add(
                Assignment(
                    task_id=link.task_id, agency_id=agency_id, role=link.role, via_group_id=group_id
                )
            )
    await session.flush()


async def merge_agency(
    session: AsyncSession, old: Agency, successor: Agency, *, actor: Member | None = None
) -> int:
    """`old` passes to `successor` (rename or merger): its open assignments, members and group
    places move; its reports stay as history; its names still match. Returns assignments moved."""
    if old.id == successor.id:
        raise AgencyConflict(old.name, successor.name)
    moved = 0
    old_assignments = (
        await session.scalars(select(Assignment).where(Assignment.agency_id == old.id))
    ).all()
    for assignment in old_assignments:
        clash = await session.scalar(
            select(Assignment).where(
                Assignment.task_id == assignment.task_id, Assignment.agency_id == successor.id
            )
        )
        if clash is None:
            assignment.agency_id = successor.id
            moved += 1
        else:
            if assignment.role == "lead":
                clash.role = "lead"
            await session.delete(assignment)
    await session.execute(
        update(Member).where(Member.agency_id == old.id).values(agency_id=successor.id)
    )
    group_ids = await session.scalars(
        select(AgencyGroupMember.group_id).where(AgencyGroupMember.agency_id == old.id)
    )
    for group_id in list(group_ids):
        await session.execute(
            delete(AgencyGroupMember).where(
                AgencyGroupMember.group_id == group_id, AgencyGroupMember.agency_id == old.id
            )
        )
        present = await session.get(AgencyGroupMember, (group_id, successor.id))
        if present is None:
            session.add(AgencyGroupMember(group_id=group_id, agency_id=successor.id))
    old.active = False
    old.successor_id = successor.id
    await session.flush()
    audit.record(
        session,
        actor,
        "agency.merge",
        agency_id=old.id,
        name=old.name,
        successor_id=successor.id,
        successor=successor.name,
        assignments_moved=moved,
    )
    return moved


@dataclass(frozen=True)
class StarterResult:
    agencies_added: int
    groups_added: int


async def load_starter(
    session: AsyncSession,
    starter: StarterDirectory,
    *,
    province: str | None = None,
    actor: Member | None = None,
) -> StarterResult:
    """Add the starter directory's agencies and groups that are not there yet (idempotent);
    an alias another entry already answers to is left out rather than shared."""
    added = groups = 0
    existing = (await load_directory(session)).matcher
    taken: set[str] = set()

    def known(name: str) -> bool:
        return folded_key(name) in taken or existing.match(name).entry is not None

    for spec in starter.agencies_in(province):
        if known(spec.name):
            continue
        free = [a for a in (spec.short_name, *spec.aliases) if a and not known(a)]
        short = spec.short_name if spec.short_name in free else None
        aliases = [a for a in free if a != short]
        await _insert_agency(session, spec.name, short, aliases, spec.kind, actor)
        taken.update(folded_key(n) for n in (spec.name, *free))
        added += 1
    directory = await load_directory(session)
    for group_spec in starter.groups_in(province):
        if directory.lookup(group_spec.name).found:
            continue
        members = []
        for member_spec in starter.members(group_spec.name, province):
            lookup = directory.lookup(member_spec.name)
            if lookup.agency is not None:
                members.append(lookup.agency)
        aliases = [a for a in group_spec.aliases if not directory.lookup(a).found]
        await add_group(session, group_spec.name, aliases=aliases, members=members, actor=actor)
        directory = await load_directory(session)
        groups += 1
    audit.record(
        session, actor, "directory.load_starter", province=province, agencies=added, groups=groups
    )
    return StarterResult(added, groups)


def starter_snapshot(starter: StarterDirectory, province: str | None = None) -> Directory:
    """An in-memory directory from the starter data (nothing saved), for previews on an empty
    database."""
    agencies = {
        i: Agency(id=i, name=spec.name, short_name=spec.short_name, kind=spec.kind, active=True)
        for i, spec in enumerate(starter.agencies_in(province), 1)
    }
    groups = {
        i: AgencyGroup(id=i, name=spec.name, aliases=list(spec.aliases))
        for i, spec in enumerate(starter.groups_in(province), 1)
    }
    specs = starter.agencies_in(province)
    entries = [
        DirectoryEntry(
            key=f"a{i}",
            name=spec.name,
            short_name=spec.short_name,
            aliases=tuple(spec.aliases),
            kind=spec.kind,
        )
        for i, spec in enumerate(specs, 1)
    ]
    entries += [
        DirectoryEntry(key=f"g{i}", name=g.name, aliases=tuple(g.aliases or ()), is_group=True)
        for i, g in groups.items()
    ]
    return Directory(agencies, groups, AgencyMatcher(entries))


async def is_empty(session: AsyncSession) -> bool:
    return await session.scalar(select(Agency.id).limit(1)) is None


@dataclass(frozen=True)
class AppliedSuccession:
    old: str
    new: str
    moved: int


async def apply_successions(
    session: AsyncSession, successions: Sequence[Succession], *, actor: Member | None = None
) -> list[AppliedSuccession]:
    """Merge each old agency into its main successor (partial transfers and abolitions are
    left to the admin); agencies not in the directory, or already merged, are skipped."""
    applied = []
    for succession in successions:
        if succession.to is None or succession.partial:
            continue
        directory = await load_directory(session)
        old, new = directory.lookup(succession.from_name), directory.lookup(succession.to)
        if old.original is None or new.agency is None or not old.original.active:
            continue
        if old.original.id == new.agency.id:
            continue
        moved = await merge_agency(session, old.original, new.agency, actor=actor)
        applied.append(AppliedSuccession(old.original.name, new.agency.name, moved))
    return applied
