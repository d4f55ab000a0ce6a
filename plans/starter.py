"""The starter agency directory and the 2025 reorganisation, read from plans/data/*.yaml."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from plans.directory import AgencyMatcher, DirectoryEntry, folded_key

__all__ = [
    "AgencyKind",
    "AgencySpec",
    "GroupSpec",
    "StarterDirectory",
    "Succession",
    "load_directory",
    "load_reorganisation",
]

DATA_DIR = Path(__file__).parent / "data"
DIRECTORY_PATH = DATA_DIR / "directory.yaml"
REORGANISATION_PATH = DATA_DIR / "reorganisation-2025.yaml"

AgencyKind = Literal["department", "board", "front", "district", "party", "other"]


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
    effective: date
    partial: bool = False
    note: str = ""


class _Reorganisation(BaseModel):
    """The file's top level."""

    model_config = ConfigDict(extra="forbid")

    successions: list[Succession]


def _read_yaml(path: Path) -> object:
    """Parse a data file."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_directory(path: Path | None = None) -> StarterDirectory:
    """Read and validate the starter directory (plans/data/directory.yaml by default)."""
    return StarterDirectory.model_validate(_read_yaml(path or DIRECTORY_PATH))


def load_reorganisation(
    path: Path | None = None, directory: StarterDirectory | None = None
) -> list[Succession]:
    """Read the successions; with a directory, check that every name in them is known."""
    successions = _Reorganisation.model_validate(
        _read_yaml(path or REORGANISATION_PATH)
    ).successions
    if directory is not None:
        known = {item.name for item in [*directory.agencies, *directory.groups]}
        named = {s.from_name for s in successions} | {s.to for s in successions if s.to}
        unknown = sorted(named - known)
        if unknown:
            raise ValueError(f"unknown agencies in the reorganisation: {unknown}")
    return successions
