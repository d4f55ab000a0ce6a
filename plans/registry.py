"""The agency directory in the database: lookup with suggestions, additions, groups, successions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from access import audit
from plans.directory import AgencyMatcher, DirectoryEntry, accented_key, folded_key, folded_words
from plans.starter import StarterDirectory, Succession, province_view
from storage.models import (
    Agency,
    AgencyAlias,
    AgencyGroup,
    AgencyGroupMember,
    Assignment,
    BotState,
    Member,
    TaskGroupAssignment,
)

# What an admin writes (`--fix "UBND huyện Ba Tơ=(bỏ)"`, a button) to drop an addressee that no
# longer exists instead of passing its tasks on.
DROPPED = "(bỏ)"
PROVINCE_KEY = "province"


class AgencyConflict(Exception):
    """The name (or an alias) is already used by another agency or group."""

    def __init__(self, name: str, existing: str) -> None:
        super().__init__(name)
        self.name = name
        self.existing = existing


@dataclass
class AgencyLookup:
    """What a name refers to: an agency (after successions), a group, or suggestions.

    `original` is the agency the name was written for when it passed to another (or was
    abolished); `former_group` the same for a group. `dropped`: the addressee no longer exists
    and its tasks go to nobody (never chased)."""

    agency: Agency | None = None
    group: AgencyGroup | None = None
    suggestions: list[str] = field(default_factory=list)
    original: Agency | None = None
    former_group: AgencyGroup | None = None
    dropped: bool = False
    # A name of an old unit read through the administrative-unit converter ("xã Tịnh Khê,
    # thành phố Quảng Ngãi"), or of a merged province's agency: how it maps, for the review.
    converted: dict[str, Any] | None = None

    @property
    def found(self) -> bool:
        return self.agency is not None or self.group is not None or self.dropped

    @property
    def succession(self) -> dict[str, Any] | None:
        """The stored facts of the succession the name went through (None: current name)."""
        if self.converted is not None:
            return dict(self.converted)
        if self.former_group is not None:
            return dict(self.former_group.facts or {})
        if self.original is not None and (
            self.original is not self.agency or not self.original.active
        ):
            facts = dict(self.original.facts or {})
            if self.original.successor_id is not None and "until" not in facts:
                facts["until"] = None
            return facts
        return None


@dataclass
class Directory:
    """A snapshot of agencies and groups with a matcher over every name they are known by."""

    agencies: dict[int, Agency]
    groups: dict[int, AgencyGroup]
    matcher: AgencyMatcher
    members: dict[int, list[int]] = field(default_factory=dict)
    province: str | None = None  # the deployment's: its former halves and old units map too

    def group_named(self, name: str | None) -> AgencyGroup | None:
        """A group by its exact name."""
        return next((g for g in self.groups.values() if g.name == name), None) if name else None

    def member_agencies(self, group: AgencyGroup) -> list[Agency]:
        """The group's members that are active today, by name."""
        found = [self.agencies[i] for i in self.members.get(group.id, []) if i in self.agencies]
        return sorted((a for a in found if a.active), key=lambda a: a.name)

    def successor_of(self, agency: Agency) -> Agency:
        """The agency that carries this one's work today (itself if never merged)."""
        seen: set[int] = set()
        while agency.successor_id is not None and agency.id not in seen:
            seen.add(agency.id)
            agency = self.agencies[agency.successor_id]
        return agency

    def lookup(self, text: str) -> AgencyLookup:
        """What the name means today: a former agency gives its successor (or the group that
        took its work, or nothing when abolished), a former group its successor group."""
        if text.strip() == DROPPED:
            return AgencyLookup(dropped=True)
        match = self.matcher.match(text)
        suggestions = [entry.name for entry in match.suggestions]
        if match.entry is None:
            return self._lookup_units(text, suggestions)
        return self.resolved(match.entry)

    def resolved(self, entry: DirectoryEntry) -> AgencyLookup:
        """What a directory entry means today (see `lookup`)."""
        kind, ident = entry.key[0], int(entry.key[1:])
        if kind == "g":
            group = self.groups[ident]
            facts = group.facts or {}
            if facts.get("until"):
                successor = self.group_named(facts.get("successor_group"))
                if successor is None:
                    return AgencyLookup(former_group=group, dropped=True)
                return AgencyLookup(group=successor, former_group=group)
            return AgencyLookup(group=group)
        original = self.agencies[ident]
        current = self.successor_of(original)
        if not current.active:
            successor = self.group_named((current.facts or {}).get("successor_group"))
            if successor is not None:
                return AgencyLookup(group=successor, original=original)
            return AgencyLookup(original=original, dropped=True)
        return AgencyLookup(agency=current, original=original)

    def _lookup_units(self, text: str, suggestions: list[str]) -> AgencyLookup:
        """A name the directory does not hold as written: an agency of a province merged into
        this one ("Sở Xây dựng tỉnh Kon Tum"), a commune named without its level ("UBND Nghĩa
        Lộ"), or an old commune read through the converter ("xã Tịnh Khê, thành phố Quảng
        Ngãi"); else the suggestions."""
        from plans import admin_units
        from plans.communes import level_variants

        units = admin_units.province_units(self.province) if self.province else None
        if units is not None:
            for former in units.former_names:
                stripped = strip_province(text, former)
                if stripped is None:
                    continue
                match = self.matcher.match(stripped)
                if match.entry is not None:
                    found = self.resolved(match.entry)
                    if found.converted is None and found.succession is None:
                        found.converted = merged_province_facts(former, units.name)
                    return found
        found_units: list[DirectoryEntry] = []
        for variant in level_variants(text):
            match = self.matcher.match(variant)
            if match.entry is not None and match.entry not in found_units:
                found_units.append(match.entry)
        if len(found_units) == 1:
            return self.resolved(found_units[0])
        if found_units:
            return AgencyLookup(suggestions=[e.name for e in found_units])
        if units is None:
            return AgencyLookup(suggestions=suggestions)
        old = admin_units.find_old_units(units, text)
        if not old:
            return AgencyLookup(suggestions=suggestions)
        new_keys = list(dict.fromkeys(k for unit in old for k in unit.successors))
        names = [units.unit(k).agency_name for k in new_keys]
        lookups = [self.matcher.match(name) for name in names]
        entries = [m.entry for m in lookups if m.entry is not None]
        if len(old) == 1 and len(entries) == 1 and len(names) == 1:
            found = self.resolved(entries[0])
            if found.agency is not None:
                found.converted = converted_facts(old[0])
                return found
        # divided between several new units, or ambiguous: the admin chooses
        return AgencyLookup(suggestions=[e.name for e in entries] or suggestions)


def strip_province(text: str, province: str) -> str | None:
    """The name without a trailing province name ("Sở Xây dựng tỉnh Kon Tum" → "Sở Xây
    dựng"), None when it does not end with it (or names a city: "thành phố Kon Tum")."""
    words = folded_words(text)
    tail = folded_words(province)
    size = len(tail)
    if len(words) <= size or words[-size:] != tail:
        return None
    if words[-size - 1] in {"pho", "xa", "huyen", "tran", "thi"}:
        return None
    return " ".join(words[:-size])


def merged_province_facts(former: str, province: str) -> dict[str, Any]:
    """How an agency of a province merged into this one maps to today's."""
    return {
        "until": "2025-07-01",
        "succession_source": (
            f"Nghị quyết 202/2025/QH15: tỉnh {former} hợp nhất vào tỉnh {province} từ 01/7/2025"
        ),
        "succession_verified": False,
    }


def converted_facts(old: Any) -> dict[str, Any]:
    """How an old commune maps to its new one, through the converter's data."""
    from plans import admin_units

    return {
        "until": "2025-07-01",
        "succession_source": (
            f"{old.written} → theo bảng chuyển đổi của {admin_units.PACKAGE} "
            f"{admin_units.data_version()}"
        ),
        "succession_verified": False,
    }


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
    members: dict[int, list[int]] = {}
    for group_id, agency_id in (
        await session.execute(select(AgencyGroupMember.group_id, AgencyGroupMember.agency_id))
    ).all():
        members.setdefault(group_id, []).append(agency_id)
    province = await deployment_province(session)
    return Directory(
        agencies, groups, AgencyMatcher(entries, province=province), members, province=province
    )


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
    *,
    name_key: str | None = None,
    batch: list[Agency] | None = None,
) -> Agency:
    """Add an agency; with `batch`, the flush and the audit entry wait for `_flush_batch`."""
    agency = Agency(
        name=name, name_key=name_key or folded_key(name), short_name=short_name, kind=kind
    )
    agency.aliases = _aliases(name, short_name, aliases)
    session.add(agency)
    if batch is not None:
        batch.append(agency)
        return agency
    await session.flush()
    audit.record(session, actor, "agency.add", agency_id=agency.id, name=name)
    return agency


async def _flush_batch(session: AsyncSession, batch: list[Agency], actor: Member | None) -> None:
    """One flush for many new agencies, then their audit entries."""
    await session.flush()
    for agency in batch:
        audit.record(session, actor, "agency.add", agency_id=agency.id, name=agency.name)
    batch.clear()


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
    owed_from: date | None = None,
) -> None:
    """Replace the group's members and re-expand every task assigned to the group (a member
    added is owed from `owed_from` on: docs/counting.md, section 3)."""
    await session.execute(delete(AgencyGroupMember).where(AgencyGroupMember.group_id == group.id))
    for agency in {a.id: a for a in members}.values():
        session.add(AgencyGroupMember(group_id=group.id, agency_id=agency.id))
    await session.flush()
    await expand_group_assignments(session, group.id, owed_from=owed_from)
    audit.record(
        session, actor, "group.members", group_id=group.id, members=[a.name for a in members]
    )


async def group_member_ids(session: AsyncSession, group_id: int) -> list[int]:
    rows = await session.scalars(
        select(AgencyGroupMember.agency_id).where(AgencyGroupMember.group_id == group_id)
    )
    return list(rows)


async def expand_group_assignments(
    session: AsyncSession, group_id: int, *, owed_from: date | None = None
) -> None:
    """Make the Assignment rows of tasks assigned to a group match its current members; the
    ones made here are owed from `owed_from` (None: from the plan's first period)."""
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
                    task_id=link.task_id,
                    agency_id=agency_id,
                    role=link.role,
                    via_group_id=group_id,
                    owed_from=owed_from,
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
    former_added: int = 0


async def deployment_province(session: AsyncSession) -> str | None:
    """The province this deployment serves (set by `dondoc setup --province` or the first
    admin), or None when not chosen yet."""
    state = await session.get(BotState, PROVINCE_KEY)
    return str(state.value.get("name")) if state is not None and state.value.get("name") else None


async def set_deployment_province(
    session: AsyncSession, province: str, *, actor: Member | None = None
) -> None:
    """Record the deployment's province (audited)."""
    state = await session.get(BotState, PROVINCE_KEY)
    if state is None:
        session.add(BotState(key=PROVINCE_KEY, value={"name": province}))
    else:
        state.value = {"name": province}
    audit.record(session, actor, "directory.province", province=province)
    await session.flush()


async def load_starter(
    session: AsyncSession,
    starter: StarterDirectory,
    *,
    province: str | None = None,
    on: date | None = None,
    successions: Sequence[Succession] | None = None,
    actor: Member | None = None,
    owed_from: date | None = None,
) -> StarterResult:
    """Add the province's agencies and groups as they are on `on` (today by default) that are
    not there yet (idempotent). Current ones are active; former ones (named by old plans) are
    kept inactive, pointing at their successor, so an old plan's names map to today's
    agencies. Each carries where its facts come from. `province` defaults to the deployment's.
    An alias another entry already answers to is left out rather than shared."""
    from plans.starter import load_reorganisation

    province = province or await deployment_province(session)
    view = province_view(
        province,
        on or date.today(),
        directory=starter,
        successions=list(successions)
        if successions is not None
        else load_reorganisation(directory=starter),
    )
    added = groups = former = 0
    before = await load_directory(session)
    existing = before.matcher
    taken: set[str] = {a.name_key for a in before.agencies.values()}
    spelt = {accented_key(a.name) for a in before.agencies.values()}

    def known(name: str) -> bool:
        return folded_key(name) in taken or existing.match(name).entry is not None

    inserted: dict[str, Agency] = {}
    batch: list[Agency] = []
    specs = [(spec, None) for spec in view.current_agencies()] + list(view.former_agencies())
    for spec, succession in specs:
        if spec.twin:  # "xã Ba Tô" beside "xã Ba Tơ": told apart by diacritics only
            if accented_key(spec.name) in spelt:
                continue
        elif known(spec.name):
            continue
        free = [a for a in (spec.short_name, *spec.aliases) if a and not known(a)]
        short = spec.short_name if spec.short_name in free else None
        aliases = [a for a in free if a != short]
        key = folded_key(spec.name)
        agency = await _insert_agency(
            session,
            spec.name,
            short,
            aliases,
            spec.kind,
            actor,
            name_key=f"{key}:{accented_key(spec.name)}" if key in taken else key,
            batch=batch,
        )
        spelt.add(accented_key(spec.name))
        agency.facts = spec.facts() | (succession.facts() if succession else {})
        agency.active = succession is None
        inserted[spec.name] = agency
        taken.update(folded_key(n) for n in (spec.name, *free))
        if succession is None:
            added += 1
        else:
            former += 1
    await _flush_batch(session, batch, actor)
    directory = await load_directory(session)
    for spec, succession in view.former_agencies():
        agency = inserted.get(spec.name)
        if agency is not None and succession.to:
            target = directory.lookup(succession.to)
            if target.agency is not None and target.agency.id != agency.id:
                agency.successor_id = target.agency.id
    await session.flush()
    group_specs = [(g, None) for g in view.current_groups()] + list(view.former_groups())
    named: set[str] = set()  # forms of the groups added here (the snapshot is not reloaded)

    def free(name: str) -> bool:
        return folded_key(name) not in named and directory.matcher.match(name).entry is None

    for group_spec, succession in group_specs:
        match = directory.matcher.match(group_spec.name)
        present = directory.resolved(match.entry) if match.entry else AgencyLookup()
        if present.found or folded_key(group_spec.name) in named:
            # a group left empty (the communes before they were known) is filled now
            if (
                succession is None
                and present.group is not None
                and present.group.name == group_spec.name
                and not directory.members.get(present.group.id)
            ):
                members = [
                    lookup.agency
                    for m in view.members(group_spec.name)
                    if (lookup := directory.lookup(m.name)).agency is not None
                ]
                if members:
                    await set_group_members(
                        session, present.group, members, actor=actor, owed_from=owed_from
                    )
            continue
        members = []
        if succession is None:
            for member_spec in view.members(group_spec.name):
                lookup = directory.lookup(member_spec.name)
                if lookup.agency is not None:
                    members.append(lookup.agency)
        aliases = [a for a in group_spec.aliases if free(a)]
        group = await add_group(
            session, group_spec.name, aliases=aliases, members=members, actor=actor
        )
        group.facts = group_spec.facts() | (succession.facts() if succession else {})
        named.update(folded_key(n) for n in (group_spec.name, *aliases))
        groups += 1
    await session.flush()
    audit.record(
        session,
        actor,
        "directory.load_starter",
        province=province,
        agencies=added,
        former=former,
        groups=groups,
    )
    return StarterResult(added, groups, former)


def starter_snapshot(
    starter: StarterDirectory, province: str | None = None, on: date | None = None
) -> Directory:
    """An in-memory directory from the starter data as `load_starter` would save it (nothing
    saved), for previews on an empty database."""
    view = province_view(province, on or date.today(), directory=starter)
    specs = [(spec, None) for spec in view.current_agencies()] + list(view.former_agencies())
    agencies: dict[int, Agency] = {}
    by_name: dict[str, int] = {}
    for i, (spec, succession) in enumerate(specs, 1):
        agencies[i] = Agency(
            id=i,
            name=spec.name,
            short_name=spec.short_name,
            kind=spec.kind,
            active=succession is None,
            facts=spec.facts() | (succession.facts() if succession else {}),
        )
        by_name[spec.name] = i
    for spec, succession in view.former_agencies():
        if succession.to and succession.to in by_name:
            agencies[by_name[spec.name]].successor_id = by_name[succession.to]
    group_specs = [(g, None) for g in view.current_groups()] + list(view.former_groups())
    groups: dict[int, AgencyGroup] = {}
    members: dict[int, list[int]] = {}
    for i, (spec, succession) in enumerate(group_specs, 1):
        groups[i] = AgencyGroup(
            id=i,
            name=spec.name,
            aliases=list(spec.aliases),
            facts=spec.facts() | (succession.facts() if succession else {}),
        )
        if succession is None:
            members[i] = [by_name[m.name] for m in view.members(spec.name) if m.name in by_name]
    entries = [
        DirectoryEntry(
            key=f"a{i}",
            name=spec.name,
            short_name=spec.short_name,
            aliases=tuple(spec.aliases),
            kind=spec.kind,
        )
        for i, (spec, _) in enumerate(specs, 1)
    ]
    entries += [
        DirectoryEntry(key=f"g{i}", name=g.name, aliases=tuple(g.aliases or ()), is_group=True)
        for i, g in groups.items()
    ]
    return Directory(
        agencies, groups, AgencyMatcher(entries, province=province), members, province=province
    )


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


async def change_group_member(
    session: AsyncSession,
    group: AgencyGroup,
    agency: Agency,
    *,
    add: bool,
    actor: Member | None = None,
    owed_from: date | None = None,
) -> bool:
    """Add an agency to a group or take it out (audited, the group's tasks re-expanded; the
    agency added owed from `owed_from`); False when nothing changed."""
    current = await group_member_ids(session, group.id)
    if (agency.id in current) == add:
        return False
    agencies = (await session.scalars(select(Agency).where(Agency.id.in_(current)))).all()
    members = [a for a in agencies if a.id != agency.id] + ([agency] if add else [])
    await set_group_members(session, group, members, actor=actor, owed_from=owed_from)
    audit.record(
        session,
        actor,
        "group.member_add" if add else "group.member_remove",
        group_id=group.id,
        group=group.name,
        agency=agency.name,
    )
    return True


@dataclass(frozen=True)
class CommuneImport:
    """What an import of a commune list did."""

    group: str
    added: list[str]
    already: list[str]
    skipped: list[str]


async def import_group_members(
    session: AsyncSession,
    group_name: str,
    names: Sequence[str],
    *,
    kind: str = "commune",
    source: str = "",
    actor: Member | None = None,
    owed_from: date | None = None,
) -> CommuneImport:
    """Fill a group (the communes and wards) from a list of names: each unknown name becomes an
    agency of `kind`, each is made a member (owed from `owed_from` on the group's tasks). Names
    another group answers to are skipped."""
    directory = await load_directory(session)
    group = directory.lookup(group_name).group
    if group is None:
        raise KeyError(group_name)
    current = set(await group_member_ids(session, group.id))
    members = [directory.agencies[i] for i in current if i in directory.agencies]
    added: list[str] = []
    already: list[str] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for raw in names:
        name = " ".join(str(raw).split())
        key = folded_key(name)
        if not name or key in seen:
            continue
        seen.add(key)
        lookup = directory.lookup(name)
        if lookup.group is not None or lookup.dropped or (lookup.found and lookup.agency is None):
            skipped.append(name)
            continue
        agency = lookup.agency
        if agency is None:
            agency = await _insert_agency(session, name, None, (), kind, actor)
            agency.facts = {"source": source, "verified": False}
            directory = await load_directory(session)
        if agency.id in current:
            already.append(agency.name)
            continue
        current.add(agency.id)
        members.append(agency)
        added.append(agency.name)
    if added:
        await set_group_members(session, group, members, actor=actor, owed_from=owed_from)
    audit.record(session, actor, "group.import", group=group.name, added=len(added), source=source)
    return CommuneImport(group.name, added, already, skipped)


class ProvinceAlreadySet(Exception):
    """The deployment already serves another province."""

    def __init__(self, current: str) -> None:
        super().__init__(current)
        self.current = current


class FormerProvince(Exception):
    """A province that no longer exists: merged into another on 1/7/2025."""

    def __init__(self, former: str, successor: str) -> None:
        super().__init__(former)
        self.former = former
        self.successor = successor


class UnknownProvince(Exception):
    """Not one of the 34 provinces; `suggestions` are close names."""

    def __init__(self, name: str, suggestions: Sequence[str]) -> None:
        super().__init__(name)
        self.name = name
        self.suggestions = list(suggestions)


@dataclass(frozen=True)
class ProvinceSetup:
    province: str
    known: bool
    result: StarterResult
    communes: int = 0  # members of the communes' group after the setup


def choose_province(text: str) -> str:
    """One of the 34 provinces by its usual name; a former province is refused with its
    successor, an unknown name with close matches."""
    from plans import admin_units

    choice = admin_units.resolve_province(text)
    if choice.province is None:
        raise UnknownProvince(" ".join(text.split()), choice.suggestions)
    if choice.former is not None:
        raise FormerProvince(choice.former, choice.province)
    return choice.province


async def setup_province(
    session: AsyncSession,
    province: str,
    starter: StarterDirectory,
    *,
    on: date | None = None,
    actor: Member | None = None,
    owed_from: date | None = None,
) -> ProvinceSetup:
    """Name the deployment's province and load its agencies as they are on `on`, with its
    communes and wards (idempotent for the same province; another province is refused). Units
    added to a group that saved plans assign are owed from `owed_from`."""
    from plans.starter import COMMUNES_GROUP

    province = choose_province(province)
    current = await deployment_province(session)
    if current is not None and folded_key(current) != folded_key(province):
        raise ProvinceAlreadySet(current)
    if current is None:
        await set_deployment_province(session, province, actor=actor)
    result = await load_starter(
        session, starter, province=province, on=on, actor=actor, owed_from=owed_from
    )
    directory = await load_directory(session)
    group = directory.group_named(COMMUNES_GROUP)
    communes = len(directory.member_agencies(group)) if group is not None else 0
    return ProvinceSetup(province, True, result, communes)


@dataclass(frozen=True)
class GroupView:
    group: AgencyGroup
    members: list[Agency]


async def groups_with_members(session: AsyncSession, *, areas: bool = False) -> list[GroupView]:
    """Current groups (not the former ones, nor the communes of each former district unless
    `areas`) and their active members, by name."""
    directory = await load_directory(session)
    return [
        GroupView(group, directory.member_agencies(group))
        for group in sorted(directory.groups.values(), key=lambda g: g.name)
        if not (group.facts or {}).get("until") and (areas or not (group.facts or {}).get("area"))
    ]
