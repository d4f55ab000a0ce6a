"""Which agency provides an indicator's figure: the one the document names, else a suggestion
by the indicator's words, kept as data (`plans/data/target-owners.yaml`: urbanisation and
housing → Sở Xây dựng; digital payments → the State Bank's branch, else Sở Khoa học và Công
nghệ; …). Only agencies that exist in the deployment's directory today are suggested; the
admin confirms or changes it in the import preview or with /target. Pure over a directory."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from domain.text import fold
from plans.registry import Directory

DATA = Path(__file__).parent / "data" / "target-owners.yaml"


@dataclass(frozen=True)
class OwnerRule:
    keywords: tuple[str, ...]
    agencies: tuple[str, ...]


@functools.cache
def owner_rules() -> tuple[OwnerRule, ...]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return tuple(
        OwnerRule(
            tuple(fold(str(k)) for k in rule["keywords"]),
            tuple(str(a) for a in rule["agencies"]),
        )
        for rule in data["rules"]
    )


def _contains(folded: str, keyword: str) -> bool:
    return f" {keyword} " in f" {folded} "


def suggested_owners(indicator: str, directory: Directory, limit: int = 3) -> list[str]:
    """Directory names of the agencies that usually provide the indicator's figure, the most
    likely first (a name not in the directory is passed over, a former one gives its
    successor)."""
    folded = " ".join(fold(indicator).replace("-", " ").split())
    found: list[str] = []
    for rule in owner_rules():
        if not any(_contains(folded, keyword) for keyword in rule.keywords):
            continue
        for name in rule.agencies:
            agency = _current(name, directory)
            if agency is not None and agency not in found:
                found.append(agency)
    return found[:limit]


def _current(name: str, directory: Directory) -> str | None:
    """The directory's agency for a name as written, or one whose name starts with it
    ("Ngân hàng Nhà nước chi nhánh Khu vực" → "… Khu vực 9"), None when there is none."""
    lookup = directory.lookup(name)
    if lookup.agency is not None and lookup.agency.active:
        return lookup.agency.name
    key = fold(name)
    starting = sorted(
        a.name for a in directory.agencies.values() if a.active and fold(a.name).startswith(key)
    )
    return starting[0] if starting else None


def owner_for(written: str | None, indicator: str, directory: Directory) -> str | None:
    """The agency an indicator's figure is asked from: the one the document names when the
    directory knows it, else the first suggestion."""
    if written:
        lookup = directory.lookup(written)
        if lookup.agency is not None:
            return lookup.agency.name
    suggested = suggested_owners(indicator, directory, 1)
    return suggested[0] if suggested else None
