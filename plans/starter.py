"""The starter agency directory and the 2025 reorganisation, read from plans/data/*.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from plans.directory import AgencyMatcher, DirectoryEntry, folded_key

__all__ = [
    "AgencyKind",
    "AgencySpec",
    "GroupSpec",
    "ProvinceView",
    "StarterDirectory",
    "Succession",
    "load_directory",
    "load_reorganisation",
    "province_view",
]

DATA_DIR = Path(__file__).parent / "data"
DIRECTORY_PATH = DATA_DIR / "directory.yaml"
REORGANISATION_PATH = DATA_DIR / "reorganisation-2025.yaml"

AgencyKind = Literal["department", "board", "front", "district", "commune", "party", "other"]


def _in_province(provinces: list[str], province: str | None) -> bool:
    """True when an entry limited to `provinces` exists in `province` (None: any)."""
    if province is None or not provinces:
        return True
    return folded_key(province) in {folded_key(p) for p in provinces}


class AgencySpec(BaseModel):
    """One agency of the starter directory."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    short_name: str | None = None
    aliases: tuple[str, ...] = ()
    kind: AgencyKind = "other"
    provinces: list[str] = Field(default_factory=list, description="Empty: every province")
    source: str = ""
    verified: bool = False
    # A fact still doubted ("tên sau sắp xếp 2025 chưa kiểm chứng"): shown in the import review.
    doubt: str = ""
    # Another unit of the province differs only by diacritics ("xã Ba Tô", "xã Ba Tơ").
    twin: bool = False

    def facts(self) -> dict[str, object]:
        """Where the entry comes from, as stored with the agency."""
        facts: dict[str, object] = {"source": self.source, "verified": self.verified}
        if self.doubt:
            facts["doubt"] = self.doubt
        return facts

    def entry(self) -> DirectoryEntry:
        """The matcher's view of this agency, keyed by its canonical name."""
        return DirectoryEntry(
            key=self.name,
            name=self.name,
            short_name=self.short_name,
            aliases=self.aliases,
            kind=self.kind,
        )


class GroupSpec(BaseModel):
    """A collective assignee ("các sở, ban ngành") and the agencies it stands for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    kind: AgencyKind = "other"
    members: list[str] = Field(default_factory=list)
    provinces: list[str] = Field(default_factory=list, description="Empty: every province")
    source: str = ""
    verified: bool = False
    area: bool = False  # the communes covering a former district (not listed with the others)

    def facts(self) -> dict[str, object]:
        """Where the entry comes from, as stored with the group."""
        facts: dict[str, object] = {"source": self.source, "verified": self.verified}
        if self.area:
            facts["area"] = True
        return facts

    def entry(self) -> DirectoryEntry:
        """The matcher's view of this group, keyed by its canonical name."""
        return DirectoryEntry(
            key=self.name, name=self.name, aliases=self.aliases, kind=self.kind, is_group=True
        )


class StarterDirectory(BaseModel):
    """Agencies and groups a new deployment starts with."""

    model_config = ConfigDict(extra="forbid")

    agencies: list[AgencySpec] = Field(default_factory=list)
    groups: list[GroupSpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> StarterDirectory:
        """Names are unique, written forms do not clash within a province, members exist."""
        names: set[str] = set()
        for item in [*self.agencies, *self.groups]:
            if item.name in names:
                raise ValueError(f"duplicate name: {item.name!r}")
            names.add(item.name)
        known = {agency.name for agency in self.agencies}
        for group in self.groups:
            missing = [member for member in group.members if member not in known]
            if missing:
                raise ValueError(f"group {group.name!r} has unknown members: {missing}")
        self._check_clashes()
        return self

    def _check_clashes(self) -> None:
        """Two entries may share a folded form only if no province has both."""
        owners: dict[str, list[AgencySpec | GroupSpec]] = {}
        for item in [*self.agencies, *self.groups]:
            forms = {item.name, *item.aliases}
            if isinstance(item, AgencySpec) and item.short_name:
                forms.add(item.short_name)
            for key in {folded_key(form) for form in forms}:
                owners.setdefault(key, []).append(item)
        for key, items in owners.items():
            for i, first in enumerate(items):
                for second in items[i + 1 :]:
                    if (
                        not first.provinces
                        or not second.provinces
                        or (
                            {folded_key(p) for p in first.provinces}
                            & {folded_key(p) for p in second.provinces}
                        )
                    ):
                        raise ValueError(
                            f"{first.name!r} and {second.name!r} share the form {key!r}"
                        )

    def agencies_in(self, province: str | None = None) -> list[AgencySpec]:
        """Agencies that exist in the province (all when None)."""
        return [a for a in self.agencies if _in_province(a.provinces, province)]

    def groups_in(self, province: str | None = None) -> list[GroupSpec]:
        """Groups that exist in the province (all when None)."""
        return [g for g in self.groups if _in_province(g.provinces, province)]

    def members(self, group_name: str, province: str | None = None) -> list[AgencySpec]:
        """The agencies a group stands for, limited to the province."""
        group = next((g for g in self.groups if g.name == group_name), None)
        if group is None:
            raise KeyError(group_name)
        by_name = {a.name: a for a in self.agencies_in(province)}
        return [by_name[name] for name in group.members if name in by_name]

    def entries(self, province: str | None = None) -> list[DirectoryEntry]:
        """Matcher entries for the province: agencies, then groups."""
        return [a.entry() for a in self.agencies_in(province)] + [
            g.entry() for g in self.groups_in(province)
        ]

    def matcher(self, province: str | None = None) -> AgencyMatcher:
        """An AgencyMatcher over the province's agencies and groups."""
        return AgencyMatcher(self.entries(province), province=province)


class Succession(BaseModel):
    """An agency's work passing to another from a date (`to` None: abolished)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_name: str = Field(alias="from", min_length=1)
    to: str | None
    to_group: str | None = None
    effective: date
    partial: bool = False
    note: str = ""
    provinces: list[str] = Field(default_factory=list, description="Empty: every province")
    # Provinces where it does not hold (the agency was kept there).
    except_provinces: list[str] = Field(default_factory=list, alias="except")
    source: str = ""
    verified: bool = False

    def applies_to(self, province: str | None) -> bool:
        """True when the succession holds in the province (all when None)."""
        if (
            province is not None
            and self.except_provinces
            and _in_province(self.except_provinces, province)
        ):
            return False
        return _in_province(self.provinces, province)

    def facts(self) -> dict[str, object]:
        """The succession as stored with the former agency."""
        return {
            "until": self.effective.isoformat(),
            "successor": self.to,
            "successor_group": self.to_group,
            "succession_source": self.source,
            "succession_verified": self.verified,
        }


class _Reorganisation(BaseModel):
    """The file's top level (other top-level keys hold YAML anchors)."""

    model_config = ConfigDict(extra="ignore")

    successions: list[Succession]


def _read_yaml(path: Path) -> object:
    """Parse a data file."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_directory(path: Path | None = None) -> StarterDirectory:
    """Read and validate the starter directory (plans/data/directory.yaml by default, read
    once per process)."""
    if path is None:
        return _shipped_directory()
    return StarterDirectory.model_validate(_read_yaml(path))


@lru_cache(maxsize=1)
def _shipped_directory() -> StarterDirectory:
    return StarterDirectory.model_validate(_read_yaml(DIRECTORY_PATH))


def load_reorganisation(
    path: Path | None = None, directory: StarterDirectory | None = None
) -> list[Succession]:
    """Read the successions; with a directory, check that every name in them is known."""
    successions = (
        list(_shipped_successions())
        if path is None
        else _Reorganisation.model_validate(_read_yaml(path)).successions
    )
    if directory is not None:
        known = {item.name for item in [*directory.agencies, *directory.groups]}
        named = (
            {s.from_name for s in successions}
            | {s.to for s in successions if s.to}
            | {s.to_group for s in successions if s.to_group}
        )
        unknown = sorted(named - known)
        if unknown:
            raise ValueError(f"unknown agencies in the reorganisation: {unknown}")
    return successions


@lru_cache(maxsize=1)
def _shipped_successions() -> tuple[Succession, ...]:
    return tuple(_Reorganisation.model_validate(_read_yaml(REORGANISATION_PATH)).successions)


def known_provinces(directory: StarterDirectory) -> list[str]:
    """Provinces some entry of the starter data is limited to (the seed provinces)."""
    names: dict[str, str] = {}
    for item in [*directory.agencies, *directory.groups]:
        for province in item.provinces:
            names.setdefault(folded_key(province), province)
    return sorted(names.values())


class ProvinceView:
    """One province as it is on a date: its current agencies and groups, and for every former
    one the succession in effect (to map the names old plans still use)."""

    def __init__(
        self,
        directory: StarterDirectory,
        successions: list[Succession],
        province: str | None,
        on: date,
        units: Units | None = None,
    ) -> None:
        self.directory = directory
        self.province = province
        self.on = on
        self.units = units
        extra = units or Units()
        every = [*successions, *extra.successions]
        self.successions = [s for s in every if s.applies_to(province) and s.effective <= on]
        self._ended = {s.from_name: s for s in self.successions if not s.partial}
        self._agencies = {a.name: a for a in directory.agencies_in(province)}
        self._groups = {g.name: g for g in directory.groups_in(province)}
        for agency in extra.agencies:
            if agency.kind != "commune" or on >= MERGER_DATE:
                self._agencies.setdefault(agency.name, agency)
        for group in extra.groups:
            self._groups.setdefault(group.name, group)
        for name, members in extra.members.items():
            if name in self._groups:
                self._groups[name] = self._groups[name].model_copy(update={"members": members})

    def ended(self, name: str) -> Succession | None:
        """The main succession that ended an agency or group of this province (None: current)."""
        return self._ended.get(name)

    def current_agencies(self) -> list[AgencySpec]:
        """Agencies of the province that exist on the date."""
        return [a for a in self._agencies.values() if a.name not in self._ended]

    def former_agencies(self) -> list[tuple[AgencySpec, Succession]]:
        """Agencies of the province that ended before the date, with how they ended."""
        return [(a, self._ended[a.name]) for a in self._agencies.values() if a.name in self._ended]

    def current_groups(self) -> list[GroupSpec]:
        """Groups that mean something on the date."""
        return [g for g in self._groups.values() if g.name not in self._ended]

    def former_groups(self) -> list[tuple[GroupSpec, Succession]]:
        """Groups of agencies that ended (the district committees), with their successor group."""
        return [(g, self._ended[g.name]) for g in self._groups.values() if g.name in self._ended]

    def successor(self, name: str) -> str | None:
        """The current agency carrying a former agency's work (the name itself if current,
        None when abolished without one)."""
        seen: set[str] = set()
        while name in self._ended and name not in seen:
            seen.add(name)
            following = self._ended[name].to
            if following is None:
                return None
            name = following
        return name

    def members(self, group_name: str) -> list[AgencySpec]:
        """A group's current members: its listed members that exist today, and the successors
        of those that ended (each once)."""
        group = self._groups.get(group_name)
        if group is None:
            raise KeyError(group_name)
        result: dict[str, AgencySpec] = {}
        for member in group.members:
            if member not in self._agencies:
                continue
            current = self.successor(member)
            if current is not None and current in self._agencies:
                result.setdefault(current, self._agencies[current])
        return list(result.values())

    def foreign(self, name: str) -> list[str]:
        """Provinces an agency name belongs to when it is not one of this province's entries
        (empty when it is this province's, common to all, or unknown)."""
        match = self.directory.matcher().match(name)
        candidates = [match.entry] if match.entry else list(match.suggestions)
        if match.entry is None and not match.exact:
            # a name shared by several provinces' entries ("BQL KKT") is not foreign
            candidates = [e for e in match.suggestions if folded_key(e.name) == folded_key(name)]
        provinces: list[str] = []
        for entry in candidates:
            spec = next(
                (
                    i
                    for i in [*self.directory.agencies, *self.directory.groups]
                    if i.name == entry.key
                ),
                None,
            )
            if spec is None or not spec.provinces or _in_province(spec.provinces, self.province):
                return []
            provinces.extend(p for p in spec.provinces if p not in provinces)
        return provinces


def province_view(
    province: str | None,
    on: date,
    *,
    directory: StarterDirectory | None = None,
    successions: list[Succession] | None = None,
) -> ProvinceView:
    """The starter data narrowed to one province as it is on `on`, with its communes and
    wards (and its former districts) when it is one of the 34."""
    directory = directory or load_directory()
    if successions is None:
        successions = load_reorganisation(directory=directory)
    return ProvinceView(directory, successions, province, on, units_of(province))


# -- the province's administrative units, made into agencies ---------------------------------

COMMUNES_GROUP = "UBND các xã, phường"
DISTRICTS_GROUP = "UBND các huyện, thị xã, thành phố"
MERGER_DATE = date(2025, 7, 1)


@dataclass(frozen=True)
class Units:
    """Agencies, groups and successions made from the province's administrative units."""

    agencies: tuple[AgencySpec, ...] = ()
    groups: tuple[GroupSpec, ...] = ()
    successions: tuple[Succession, ...] = ()
    members: dict[str, list[str]] = dataclass_field(default_factory=dict)


def area_group_name(district: str) -> str:
    """The group of the communes and wards covering a former district today."""
    return f"Các xã, phường thuộc {district.removeprefix('UBND ')} cũ"


@lru_cache(maxsize=64)
def units_of(province: str | None) -> Units | None:
    """The province's communes, wards and special zones (current, in the communes' group) and
    its former district committees (ended 1/7/2025; each passes to the group of the new units
    covering its territory, after the library's converter). None: not one of the 34."""
    from plans import admin_units

    if not province:
        return None
    data = admin_units.province_units(province)
    if data is None:
        return None
    source = admin_units.data_source()
    mapping = (
        f"Chuyển đổi đơn vị cũ sang mới của {admin_units.PACKAGE} {admin_units.data_version()}"
        " (theo các nghị quyết của UBTVQH về sắp xếp đơn vị hành chính cấp xã năm 2025)"
    )
    where = [data.name]
    agencies: list[AgencySpec] = []
    for unit in data.units:
        agencies.append(
            AgencySpec(
                name=unit.agency_name,
                aliases=() if unit.twin else (unit.name,),
                kind="commune",
                twin=unit.twin,
                provinces=where,
                source=source,
                verified=True,
            )
        )
    counts: dict[str, int] = {}
    for district in data.districts:
        key = folded_key(district.agency_name)
        counts[key] = counts.get(key, 0) + 1
    groups: list[GroupSpec] = []
    successions: list[Succession] = []
    district_names: list[str] = []
    for district in data.districts:
        shared = counts[folded_key(district.agency_name)] > 1
        name = district.agency_name
        aliases = [district.name, f"{name}, tỉnh {district.province}"]
        if shared:  # "huyện Châu Thành" of two former provinces: named with its province
            name = f"{name} (tỉnh {district.province} cũ)"
            aliases = [f"{district.agency_name}, tỉnh {district.province}"]
        district_names.append(name)
        agencies.append(
            AgencySpec(
                name=name,
                aliases=tuple(aliases),
                kind="district",
                provinces=where,
                source=source,
                verified=True,
            )
        )
        group = area_group_name(name)
        groups.append(
            GroupSpec(
                name=group,
                kind="commune",
                members=[data.unit(k).agency_name for k in district.successors],
                provinces=where,
                source=mapping,
                area=True,
            )
        )
        successions.append(
            Succession.model_validate(
                {
                    "from": name,
                    "to": None,
                    "to_group": group,
                    "effective": MERGER_DATE,
                    "provinces": where,
                    "source": mapping,
                }
            )
        )
    communes = [unit.agency_name for unit in data.units]
    return Units(
        agencies=tuple(agencies),
        groups=tuple(groups),
        successions=tuple(successions),
        members={COMMUNES_GROUP: communes, DISTRICTS_GROUP: district_names},
    )
