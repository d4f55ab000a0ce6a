"""Reading a list of communes and wards (or any group's members) from a spreadsheet.

Admins fill the group "UBND các xã, phường" from the list the province publishes: an .xlsx or
.csv file with one name a row. The column is the one headed like "Tên", "Tên đơn vị",
"Đơn vị", "Xã, phường" (else the first column with text); a column headed "Cấp" / "Loại"
("xã", "phường", "đặc khu") turns a bare name "Nghĩa Lộ" into "UBND phường Nghĩa Lộ".
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import PurePath

from domain.text import fold, nfc

__all__ = ["CommuneFileError", "level_variants", "read_names"]

_NAME_HEADERS = ("ten don vi", "ten xa", "ten", "don vi", "xa, phuong", "xa phuong", "name")
_KIND_HEADERS = ("cap", "loai", "kind")
_LEVELS = ("xa", "phuong", "dac khu", "thi tran")


class CommuneFileError(ValueError):
    """The file cannot be read as a list of names."""


def _rows(data: bytes, filename: str) -> list[list[str]]:
    suffix = PurePath(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # a damaged or foreign file
            raise CommuneFileError(str(exc)) from exc
        sheet = book.worksheets[0]
        return [
            ["" if v is None else str(v).strip() for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    if suffix in (".csv", ".txt"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommuneFileError("not UTF-8") from exc
        dialect = (
            csv.Sniffer().sniff(text[:2000], delimiters=",;\t")
            if "," in text or ";" in text or "\t" in text
            else csv.excel
        )
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    raise CommuneFileError(f"unsupported file type {suffix or '?'} (.xlsx or .csv)")


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    folded = [fold(h).strip() for h in header]
    for wanted in names:
        for i, h in enumerate(folded):
            if h == wanted:
                return i
    return None


def _full_name(name: str, level: str) -> str:
    """ "Nghĩa Lộ" + "phường" → "UBND phường Nghĩa Lộ"; a name already naming its level
    ("UBND xã Ba Tơ", "Phường Nghĩa Lộ", "Đặc khu Lý Sơn") stays as written."""
    folded = fold(name)
    if folded.startswith(("ubnd", "uy ban nhan dan", "dang uy")):
        return name
    if folded.startswith(_LEVELS):
        return f"UBND {name[0].lower()}{name[1:]}"
    if level and fold(level) in _LEVELS:
        return f"UBND {level.strip().lower()} {name}"
    return name


def read_names(data: bytes, filename: str) -> list[str]:
    """The names in the file, in order, without blanks, totals or repeated headers."""
    rows = [r for r in _rows(data, filename) if any(c for c in r)]
    if not rows:
        return []
    header = rows[0]
    name_col = _column(header, _NAME_HEADERS)
    kind_col = _column(header, _KIND_HEADERS)
    body = rows[1:] if name_col is not None or kind_col is not None else rows
    if name_col is None:
        name_col = next(
            (
                i
                for i in range(max(len(r) for r in body) if body else 0)
                if any(i < len(r) and r[i] and not r[i].isdigit() for r in body)
            ),
            0,
        )
    names: list[str] = []
    for row in body:
        if name_col >= len(row):
            continue
        name = " ".join(row[name_col].split())
        if not name or name.isdigit() or fold(name).startswith(("tong", "cong")):
            continue
        level = row[kind_col] if kind_col is not None and kind_col < len(row) else ""
        names.append(_full_name(name, level))
    return names


# "UBND Nghĩa Lộ", "UBND xã, phường Nghĩa Lộ": a commune or ward named without (one) level.
_HEAD = re.compile(r"^(?:ubnd|uy ban nhan dan)\s+")
_LEVEL = r"(?:xa|phuong|dac khu|thi tran)"
_MIXED = re.compile(rf"^{_LEVEL}(?:\s*(?:,|/|va)\s*{_LEVEL})+\s+")
_LEVEL_WORD = re.compile(
    r"^(?:xa|phuong|dac khu|thi tran|huyen|quan|thi xa|thanh pho|tinh|cac|tp|tx)\b"
)


def level_variants(name: str) -> list[str]:
    """The names a commune-level People's Committee written without its level may have:
    "UBND Nghĩa Lộ" (or "UBND xã, phường Nghĩa Lộ") → "UBND xã Nghĩa Lộ", "UBND phường Nghĩa
    Lộ", "UBND đặc khu Nghĩa Lộ" (the directory decides which exists); empty otherwise."""
    text = " ".join(nfc(name).split())
    head = _HEAD.match(fold(text))
    if head is None:
        return []
    rest = text[len(head.group()) :]  # folding keeps the length of composed Vietnamese text
    mixed = _MIXED.match(fold(rest))
    if mixed is not None:
        rest = rest[len(mixed.group()) :]
    elif _LEVEL_WORD.match(fold(rest)):
        return []
    if not rest or not rest[0].isupper():
        return []
    return [f"UBND {level} {rest}" for level in ("xã", "phường", "đặc khu")]
