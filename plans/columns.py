"""What a task table's header cells mean, in Vietnamese with or without diacritics."""

from __future__ import annotations

import re

from domain.text import fold

# Order matters: "Cơ quan phối hợp" is support before it could be read as "cơ quan … thực hiện".
COLUMNS: list[tuple[str, re.Pattern[str]]] = [
    # a tracking sheet's counts and status columns, never the task or its timeframe
    ("count", re.compile(r"^(?:tong so|so luong|so nhiem vu|tong cong|ty le)\b")),
    ("status", re.compile(r"^(?:tinh trang|trang thai|muc do hoan thanh|danh gia)\b")),
    ("support", re.compile(r"phoi hop")),
    (
        "lead",
        re.compile(
            r"chu tri|(?:co quan|don vi)[ ,/]*(?:don vi |co quan )?(?:thuc hien|chiu trach nhiem)"
            r"|trach nhiem|don vi thuc hien|co quan thuc hien|^(?:co quan|don vi)$|phu trach"
        ),
    ),
    ("time", re.compile(r"thoi gian|thoi han|tien do|han hoan thanh|thoi diem|^han$|lo trinh")),
    ("product", re.compile(r"san pham|ket qua|hinh thuc van ban")),
    ("budget", re.compile(r"kinh phi|nguon von|du toan")),
    ("note", re.compile(r"ghi chu")),
    ("stt", re.compile(r"^(?:stt|tt|so tt|so thu tu|s tt|thu tu|so)$")),
    (
        "task",
        re.compile(
            r"nhiem vu|noi dung|cong viec|ten de an|de an|giai phap|hoat dong|ten nhiem vu"
            r"|dau viec|chuong trinh|du an"
        ),
    ),
]


def header_map(cells: list[str]) -> dict[str, int] | None:
    """Column name → index when `cells` look like a task table's header, else None."""
    mapping = raw_map(cells)
    if "task" in mapping and ({"lead", "time", "support"} & mapping.keys()):
        return mapping
    return None


def raw_map(cells: list[str]) -> dict[str, int]:
    """Every recognised column in a row of header cells."""
    mapping: dict[str, int] = {}
    for index, cell in enumerate(cells):
        folded = fold(cell.replace("<br>", " ")).strip(" .:*")
        if not folded or len(folded) > 80:
            continue
        for name, pattern in COLUMNS:
            if name not in mapping and pattern.search(folded):
                mapping[name] = index
                break
    return mapping
