"""Vietnam's administrative units, from the `vietnamadminunits` package (MIT, pinned in
pyproject.toml): the 34 provinces and their 3,321 communes, wards and special zones after
1/7/2025, the 63 provinces before it with their districts and communes, and the mapping of each
old commune to the new unit(s) that its converter (`convert_address`) uses.

The package's data comes from the General Statistics Office's catalogue of administrative units
(danhmuchanhchinh.gso.gov.vn) and the merger map (sapnhap.bando.com.vn), cleaned by its author.
Importing the package itself costs most of a second (it loads its parsers and a geocoder), so this
module reads the same data files (`data/dataset.db`, `data/converter_2025.json`) directly, once
per process; tests check that it agrees with the package's own `convert_address`.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from importlib import metadata, util
from pathlib import Path

from rapidfuzz import fuzz, process

from domain.text import fold, nfc

__all__ = [
    "MERGER_DATE",
    "OldDistrict",
    "OldWard",
    "ProvinceChoice",
    "ProvinceUnits",
    "Unit",
    "data_source",
    "data_version",
    "find_old_units",
    "province_names",
    "province_units",
    "resolve_province",
]

PACKAGE = "vietnamadminunits"
# Provinces merged and the district level ended on 1/7/2025 (Nghị quyết 202/2025/QH15;
# Luật Tổ chức chính quyền địa phương 2025).
MERGER_DATE = date(2025, 7, 1)

# Levels of a commune-level unit and of a district, as written in plans (folded).
_WARD_LEVELS = {"xa": "xã", "phuong": "phường", "thi tran": "thị trấn", "dac khu": "đặc khu"}
_DISTRICT_LEVELS = {
    "huyen": "huyện",
    "quan": "quận",
    "thi xa": "thị xã",
    "thanh pho": "thành phố",
    "tp": "thành phố",
    "tx": "thị xã",
}
_PROVINCE_WORDS = ("tinh ", "thanh pho ", "tp ")


def data_version() -> str:
    """The installed version of the package whose data this module reads."""
    return metadata.version(PACKAGE)


def data_source() -> str:
    """Where the units come from, as shown with every agency made from them."""
    return (
        f"{PACKAGE} {data_version()} (MIT): danh mục đơn vị hành chính của Tổng cục Thống kê "
        "(danhmuchanhchinh.gso.gov.vn) và bản đồ sắp xếp (sapnhap.bando.com.vn), "
        "sau 01/7/2025"
    )


def _data_dir() -> Path:
    """The package's data folder, found without running the package's __init__."""
    spec = util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {PACKAGE} package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@dataclass(frozen=True)
class Unit:
    """A commune, ward or special zone since 1/7/2025."""

    key: str
    name: str  # "Phường Cẩm Thành"
    short: str  # "Cẩm Thành"
    level: str  # "xã" | "phường" | "đặc khu"
    code: str
    twin: bool = False  # another unit of the province differs only by diacritics

    @property
    def agency_name(self) -> str:
        """The People's Committee as plans name it: "UBND phường Cẩm Thành"."""
        return f"UBND {self.level} {self.short}"


@dataclass(frozen=True)
class OldDistrict:
    """A district-level unit before 1/7/2025 and the new units covering its territory."""

    province: str  # old province, short: "Kon Tum"
    name: str  # "Huyện Đăk Hà"
    short: str
    level: str  # "huyện" | "quận" | "thị xã" | "thành phố"
    successors: tuple[str, ...]  # new unit keys

    @property
    def agency_name(self) -> str:
        return f"UBND {self.level} {self.short}"


@dataclass(frozen=True)
class OldWard:
    """A commune-level unit before 1/7/2025 and the new unit(s) it went into."""

    province: str
    district: str  # "Thành phố Quảng Ngãi"
    district_short: str
    name: str  # "Xã Tịnh Khê"
    short: str
    level: str
    successors: tuple[str, ...]  # new unit keys; the library's default first

    @property
    def written(self) -> str:
        return f"{self.name}, {self.district}, tỉnh {self.province}"


@dataclass(frozen=True)
class ProvinceUnits:
    """One of the 34 provinces: its units today, and the old provinces it was made of."""

    name: str  # "Quảng Ngãi"
    full_name: str  # "Tỉnh Quảng Ngãi"
    code: str
    halves: tuple[str, ...]  # old provinces merged into it (itself included when kept)
    units: tuple[Unit, ...]
    districts: tuple[OldDistrict, ...]
    wards: tuple[OldWard, ...] = field(repr=False)

    @property
    def merged(self) -> bool:
        return len(self.halves) > 1

    @property
    def former_names(self) -> tuple[str, ...]:
        """Old provinces merged into this one under another name ("Kon Tum")."""
        return tuple(h for h in self.halves if fold(h) != fold(self.name))

    def unit(self, key: str) -> Unit:
        return self._by_key[key]

    @cached_property
    def _by_key(self) -> dict[str, Unit]:
        return {u.key: u for u in self.units}


@dataclass(frozen=True)
class ProvinceChoice:
    """What a typed province name is: one of the 34, a former one (merged), or unknown."""

    province: str | None  # the current province's short name
    former: str | None = None  # the old name typed, when it was merged into `province`
    suggestions: tuple[str, ...] = ()


def _query(sql: str, params: Iterable[object] = ()) -> list[sqlite3.Row]:
    path = _data_dir() / "dataset.db"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return list(conn.execute(sql, tuple(params)).fetchall())


@cache
def _converter() -> dict[str, dict[str, object]]:
    return json.loads((_data_dir() / "converter_2025.json").read_text(encoding="utf-8"))


def _level(name: str) -> str:
    """ "Thị trấn" → "thị trấn"."""
    return nfc(name).strip().lower()


@cache
def _provinces() -> dict[str, tuple[str, str, str]]:
    """Province key → (short name, full name, code), the 34 of today."""
    rows = _query(
        "SELECT DISTINCT provinceKey, provinceShort, province, provinceCode FROM admin_units "
        "ORDER BY provinceCode"
    )
    return {r["provinceKey"]: (r["provinceShort"], r["province"], r["provinceCode"]) for r in rows}


@cache
def _legacy_provinces() -> dict[str, str]:
    """Old province key → short name, the 63 before 1/7/2025."""
    rows = _query("SELECT DISTINCT provinceKey, provinceShort FROM admin_units_legacy")
    return {r["provinceKey"]: r["provinceShort"] for r in rows}


def province_names() -> list[str]:
    """The 34 provinces' short names, by code."""
    return [short for short, _full, _code in _provinces().values()]


@cache
def _old_to_new() -> dict[str, str]:
    """Old province short name → the current province's short name."""
    legacy = _legacy_provinces()
    current = _provinces()
    table = _converter()["DICT_PROVINCE"]
    assert isinstance(table, dict)
    return {legacy[old]: current[new][0] for new, olds in table.items() for old in olds}


def _province_key(name: str) -> str | None:
    wanted = fold(name)
    for prefix in _PROVINCE_WORDS:
        if wanted.startswith(prefix):
            wanted = wanted[len(prefix) :]
    wanted = wanted.replace(" ", "")
    for key, (short, _full, _code) in _provinces().items():
        if fold(short).replace(" ", "") == wanted:
            return key
    aliases = {
        "hcm": "Hồ Chí Minh",
        "tphcm": "Hồ Chí Minh",
        "saigon": "Hồ Chí Minh",
        "thuathienhue": "Huế",
    }
    if wanted in aliases:
        return _province_key(aliases[wanted])
    return None


def resolve_province(text: str) -> ProvinceChoice:
    """A typed province name: today's province, a former one with its successor, or close
    matches among the 34 (and the former names)."""
    key = _province_key(text)
    if key is not None:
        return ProvinceChoice(_provinces()[key][0])
    wanted = fold(text)
    for prefix in _PROVINCE_WORDS:
        if wanted.startswith(prefix):
            wanted = wanted[len(prefix) :]
    for old, new in _old_to_new().items():
        if fold(old).replace(" ", "") == wanted.replace(" ", ""):
            return ProvinceChoice(new, former=old)
    names = {fold(n): n for n in [*province_names(), *_old_to_new()]}
    found = process.extract(wanted, list(names), scorer=fuzz.WRatio, limit=3, score_cutoff=60)
    suggestions: list[str] = []
    for folded, _score, _i in found:
        name = names[folded]
        current = _old_to_new().get(name, name)
        shown = name if current == name else f"{current} ({name} cũ)"
        if shown not in suggestions:
            suggestions.append(shown)
    return ProvinceChoice(None, suggestions=tuple(suggestions))


@cache
def province_units(name: str) -> ProvinceUnits | None:
    """The province's units today and before 1/7/2025 (None: not one of the 34)."""
    key = _province_key(name)
    if key is None:
        return None
    short, full, code = _provinces()[key]
    rows = _query(
        "SELECT wardKey, ward, wardShort, wardType, wardCode FROM admin_units "
        "WHERE provinceKey = ? ORDER BY wardCode",
        (key,),
    )
    folded_count: dict[str, int] = {}
    for r in rows:
        folded_count[fold(r["wardShort"])] = folded_count.get(fold(r["wardShort"]), 0) + 1
    units = tuple(
        Unit(
            key=r["wardKey"],
            name=r["ward"],
            short=r["wardShort"],
            level=_level(r["wardType"]),
            code=r["wardCode"],
            twin=folded_count[fold(r["wardShort"])] > 1,
        )
        for r in rows
    )
    converter = _converter()
    halves_keys = converter["DICT_PROVINCE"][key]  # type: ignore[index]
    legacy = _legacy_provinces()
    successors = _successors(key)
    districts: dict[tuple[str, str], OldDistrict] = {}
    wards: list[OldWard] = []
    for half in halves_keys:
        for r in _query(
            "SELECT districtKey, district, districtShort, districtType, wardKey, ward, wardShort,"
            " wardType FROM admin_units_legacy WHERE provinceKey = ? ORDER BY districtCode,"
            " wardCode",
            (half,),
        ):
            old = f"{half}_{r['districtKey']}_{r['wardKey'] or ''}"
            new = successors.get(old, ())
            district_id = (half, r["districtKey"])
            known = districts.get(district_id)
            merged = tuple(dict.fromkeys([*(known.successors if known else ()), *new]))
            districts[district_id] = OldDistrict(
                province=legacy[half],
                name=r["district"],
                short=r["districtShort"],
                level=_level(r["districtType"]),
                successors=merged,
            )
            if r["wardKey"]:
                wards.append(
                    OldWard(
                        province=legacy[half],
                        district=r["district"],
                        district_short=r["districtShort"],
                        name=r["ward"],
                        short=r["wardShort"],
                        level=_level(r["wardType"]),
                        successors=new,
                    )
                )
    return ProvinceUnits(
        name=short,
        full_name=full,
        code=code,
        halves=tuple(legacy[h] for h in halves_keys),
        units=units,
        districts=tuple(districts.values()),
        wards=tuple(wards),
    )


def _successors(province_key: str) -> dict[str, tuple[str, ...]]:
    """Old "province_district_ward" key → new unit keys (the converter's default first)."""
    converter = _converter()
    whole = converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(province_key, {})  # type: ignore[attr-defined]
    divided = converter["DICT_PROVINCE_WARD_DIVIDED"].get(province_key, {})  # type: ignore[attr-defined]
    result: dict[str, tuple[str, ...]] = {}
    for new, olds in whole.items():
        for old in olds:
            result[old] = (*result.get(old, ()), new)
    for old, choices in divided.items():
        ordered = sorted(choices, key=lambda c: not c["isDefaultNewWard"])
        result[old] = tuple(dict.fromkeys(c["newWardKey"] for c in ordered))
    return result


# -- reading an old unit's name as a plan writes it ---------------------------------------------

_UBND = re.compile(r"^(?:ubnd|uy ban nhan dan)\s+")


def _split_level(part: str, levels: dict[str, str]) -> tuple[str, str] | None:
    """ "thanh pho quang ngai" → ("thành phố", "quang ngai")."""
    part = part.strip(" .")
    for written, level in sorted(levels.items(), key=lambda item: -len(item[0])):
        if part.startswith(written + " ") or part.startswith(written + "."):
            return level, part[len(written) :].strip(" .")
    return None


def _folded_parts(text: str) -> list[str]:
    text = fold(unicodedata.normalize("NFC", text))
    text = _UBND.sub("", text)
    return [p.strip() for p in re.split(r"[,;(]|\s-\s", text.replace(")", "")) if p.strip()]


def find_old_units(units: ProvinceUnits, text: str) -> list[OldWard] | list[OldDistrict]:
    """The old communes (or, failing that, districts) a name like "xã Tịnh Khê, thành phố
    Quảng Ngãi" or "UBND huyện Đăk Hà" stands for in this province's former halves; several
    when the name is ambiguous, none when it names no old unit."""
    parts = _folded_parts(text)
    if not parts:
        return []
    ward = _split_level(parts[0], _WARD_LEVELS)
    district = next(
        (d for p in parts[1 if ward else 0 :] if (d := _split_level(p, _DISTRICT_LEVELS))), None
    )
    province = next(
        (
            p.split(" ", 1)[1]
            for p in parts[1:]
            if p.startswith("tinh ") and len(p.split(" ", 1)) == 2
        ),
        None,
    )

    def same(a: str, b: str) -> bool:
        return a.replace(" ", "") == fold(b).replace(" ", "")

    if ward is not None:
        level, name = ward
        found = [
            w
            for w in units.wards
            if same(name, w.short)
            and (w.level == level or {w.level, level} <= {"xã", "thị trấn"})
            and (district is None or (same(district[1], w.district_short)))
            and (province is None or same(province, w.province))
        ]
        return found
    if district is not None:
        level, name = district
        return [
            d
            for d in units.districts
            if same(name, d.short)
            and (d.level == level)
            and (province is None or same(province, d.province))
        ]
    return []
