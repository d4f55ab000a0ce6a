"""Old plans, today's agencies: what an import will actually chase, and what it must show.

A plan from 2022 names the agencies of 2022. `review_import` takes the names as written in a
draft and how the directory resolved them, and returns, for the admin to confirm:
- each addressee that no longer exists, with its successor, the date, the decision it comes
  from and whether that was checked ("Sở Kế hoạch và Đầu tư → Sở Tài chính (từ 01/3/2025)");
- the abolished addressees whose tasks go to a group (the district committees → the
  communes) or to nobody;
- the tasks whose leads a succession merges into one agency (shown, never silently collapsed);
- the groups with no members (a warning: nobody would be chased);
- the names of another province (refused, with the province);
- the addressees whose name today is not checked (Sở Ngoại vụ, Thuế tỉnh, ...);
- old communes and the agencies of a merged province, read through the converter;
- for every task, the agencies that will actually be chased as lead and as support.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from plans.model import PlanDraft
from plans.registry import AgencyLookup, Directory
from plans.starter import ProvinceView


@dataclass(frozen=True)
class SuccessorNote:
    """An addressee as written that no longer exists, and what takes its work today."""

    written: str
    successor: str | None  # an agency or a group; None: dropped, nobody is chased
    is_group: bool
    since: date | None
    source: str
    verified: bool
    refs: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "written": self.written,
            "successor": self.successor,
            "successor_is_group": self.is_group,
            "since": self.since.isoformat() if self.since else None,
            "source": self.source,
            "verified": self.verified,
            "tasks": list(self.refs),
        }


@dataclass(frozen=True)
class MergedLeads:
    """Two or more leads of one task, as written, that pass to the same agency today."""

    ref: str
    agency: str
    written: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"task": self.ref, "agency": self.agency, "written": list(self.written)}


@dataclass(frozen=True)
class EmptyGroup:
    """A group a task is assigned to that has no members: nobody would be chased."""

    group: str
    refs: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"group": self.group, "tasks": list(self.refs)}


@dataclass(frozen=True)
class ForeignName:
    """A name that belongs to another province's directory: refused."""

    written: str
    provinces: tuple[str, ...]
    refs: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"name": self.written, "provinces": list(self.provinces), "tasks": list(self.refs)}


@dataclass(frozen=True)
class Doubt:
    """An addressee whose name or existence today is not checked ("chưa kiểm chứng")."""

    name: str
    doubt: str
    refs: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"agency": self.name, "doubt": self.doubt, "tasks": list(self.refs)}


@dataclass
class ImportReview:
    """Everything an admin confirms before an old plan is assigned to today's agencies."""

    successors: list[SuccessorNote] = field(default_factory=list)
    merged_leads: list[MergedLeads] = field(default_factory=list)
    empty_groups: list[EmptyGroup] = field(default_factory=list)
    foreign: list[ForeignName] = field(default_factory=list)
    chased: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    doubts: list[Doubt] = field(default_factory=list)

    def chased_agencies(self) -> list[str]:
        """Every agency chased by the plan (lead or support), by name, once."""
        names = {n for roles in self.chased.values() for role in roles.values() for n in role}
        return sorted(names)

    def to_json(self) -> dict[str, Any]:
        return {
            "chased": self.chased,
            "chased_agencies": self.chased_agencies(),
            "successors": [s.to_json() for s in self.successors],
            "merged_leads": [m.to_json() for m in self.merged_leads],
            "empty_groups": [g.to_json() for g in self.empty_groups],
            "foreign": [f.to_json() for f in self.foreign],
            "doubts": [d.to_json() for d in self.doubts],
        }


def _since(facts: Mapping[str, Any]) -> date | None:
    value = facts.get("until")
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _note(written: str, lookup: AgencyLookup, refs: list[str]) -> SuccessorNote | None:
    """How the name passed to today's agency, if it did."""
    facts = lookup.succession
    if facts is None:
        return None
    if lookup.dropped:
        successor, is_group = None, False
    elif lookup.group is not None:
        successor, is_group = lookup.group.name, True
    elif lookup.agency is not None:
        successor, is_group = lookup.agency.name, False
    else:
        return None
    return SuccessorNote(
        written=written,
        successor=successor,
        is_group=is_group,
        since=_since(facts),
        source=str(facts.get("succession_source") or ""),
        verified=bool(facts.get("succession_verified")),
        refs=tuple(refs),
    )


def _agencies_of(lookup: AgencyLookup, directory: Directory) -> list[str]:
    """The agencies a resolved name stands for today."""
    if lookup.dropped:
        return []
    if lookup.group is not None:
        return [a.name for a in directory.member_agencies(lookup.group)]
    if lookup.agency is not None:
        return [lookup.agency.name]
    return []


def _agencies_of_lookup(lookup: AgencyLookup, directory: Directory) -> list[Any]:
    """The agency a name resolves to, or a group's members (for their doubted facts)."""
    if lookup.group is not None:
        return directory.member_agencies(lookup.group)
    return [lookup.agency] if lookup.agency is not None else []


def review_import(
    draft: PlanDraft,
    lookups: Mapping[str, AgencyLookup],
    directory: Directory,
    province: ProvinceView | None = None,
) -> ImportReview:
    """What importing `draft` will assign (see the module docstring). `lookups` maps each name
    as written to its resolution (the import preview's); names not in it are left out."""
    review = ImportReview()
    uses: dict[str, list[str]] = {}
    for task in draft.tasks:
        for name in [*task.lead, *task.support]:
            refs = uses.setdefault(name, [])
            if task.ref not in refs:
                refs.append(task.ref)
    for name, refs in uses.items():
        lookup = lookups.get(name)
        if lookup is None:
            continue
        note = _note(name, lookup, refs)
        if note is not None:
            review.successors.append(note)
        group = lookup.group
        if (
            group is not None
            and not directory.member_agencies(group)
            and not any(g.group == group.name for g in review.empty_groups)
        ):
            review.empty_groups.append(EmptyGroup(group.name, tuple(refs)))
        for agency in _agencies_of_lookup(lookup, directory):
            doubt = str((agency.facts or {}).get("doubt") or "")
            if doubt and not any(d.name == agency.name for d in review.doubts):
                review.doubts.append(Doubt(agency.name, doubt, tuple(refs)))
        if province is not None and not lookup.found:
            others = province.foreign(name)
            if others:
                review.foreign.append(ForeignName(name, tuple(others), tuple(refs)))
    for task in draft.tasks:
        lead: list[str] = []
        support: list[str] = []
        by_agency: dict[str, list[str]] = {}
        for name in task.lead:
            lookup = lookups.get(name)
            if lookup is None:
                continue
            for agency in _agencies_of(lookup, directory):
                if lookup.agency is not None:  # a direct lead, not a group's member
                    by_agency.setdefault(agency, []).append(name)
                if agency not in lead:
                    lead.append(agency)
        for name in task.support:
            lookup = lookups.get(name)
            if lookup is None:
                continue
            for agency in _agencies_of(lookup, directory):
                if agency not in lead and agency not in support:
                    support.append(agency)
        for agency, written in by_agency.items():
            if len(written) > 1:
                review.merged_leads.append(MergedLeads(task.ref, agency, tuple(written)))
        review.chased[task.ref] = {"lead": lead, "support": support}
    return review
