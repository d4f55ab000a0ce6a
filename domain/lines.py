"""Lines as people write them, in plan documents and in chat: the list marker that opens a line
("1.", "2)", "1.2.", "a)", "II.", "(3)", "- ", "•"), and a wrapped line put back on the line it
goes on from. The one home for both readers (plans/normalize.py, reports/replies/segments.py)."""

from __future__ import annotations

import re

BULLETS = "-+•–—*"
NUMBER = r"\d{1,3}"  # an item's number, "1." to "130." and on
_SUB = r"\d{1,2}"  # a sub-item's number after a dot ("1.2"); never "1.500" (a thousands dot)

_BULLET = re.compile(rf"^[{BULLETS}]\s")
_LEADING_BULLET = re.compile(rf"^[{BULLETS}]\s*")
_MARKER = re.compile(
    rf"^(?:[{BULLETS}]\s|[IVXLC]{{1,8}}\.\s|{NUMBER}(?:\.{_SUB}){{0,3}}[.)]\s|{NUMBER}\.{_SUB}\s"
    rf"|[a-zđ]\)\s|\({NUMBER}\)|\([a-zđ]\)\s)"
)
_BARE_NUMBER = re.compile(rf"^\W*{NUMBER}\s*[.)]?\W*$")
# A marker as a scan misreads it: look-alike letters for digits ("l.", "lO.", "S."), a brace for
# a parenthesis ("b}", "{2)"), a space before the closing mark ("c )", "3 ."); an item follows.
_SCANNED_MARKER = re.compile(
    r"^(?:(?:[lI|][lI|0-9O]{0,2}|[0-9][lIO]{1,2}|[SO])\s?[.)}]\s+[A-ZĐ]|[0-9]{1,3}\s[.)]\s"
    r"|[a-zđ]\s?[)}]\s|[({]\s?[0-9lIS]{1,3}\s?[)}]\s)"
)


def starts_with_marker(line: str) -> bool:
    """True when the line opens with a list marker: "1. …", "1.2 …", "a) …", "II. …", "- …"."""
    return _MARKER.match(line) is not None


def starts_with_scanned_marker(line: str) -> bool:
    """True when the line opens with a list marker as a scan misreads it ("l. Mục đích",
    "S. Truy xuất", "b} Cập nhật", "c ) Số hóa")."""
    return _SCANNED_MARKER.match(line) is not None


def starts_with_bullet(line: str) -> bool:
    """True when the line opens with a bullet ("- ", "+ ", "• ") rather than a number."""
    return _BULLET.match(line) is not None


def strip_marker(line: str) -> str:
    """The line without the list marker that opens it: "1. Sở X" → "Sở X"."""
    line = line.strip()
    match = _MARKER.match(line)
    return line[match.end() :].lstrip() if match else line


def strip_bullet(line: str) -> str:
    """The line without the bullet that opens it ("- Rà soát" → "Rà soát"); numbers stay."""
    return _LEADING_BULLET.sub("", line, count=1)


def bare_number(text: str) -> bool:
    """True when the text is only a list number and punctuation ("1.", "2)", " 3 - ")."""
    return _BARE_NUMBER.match(text) is not None


def join_wrapped(previous: str, line: str) -> str:
    """A wrapped line put back on the line it goes on from: with a space, or without one after a
    word broken by a hyphen ("chuyển đổi số giai đoạn 2026-" + "2030")."""
    if previous.endswith("-") and not previous.endswith(" -") and line[:1].isalnum():
        return previous + line
    return previous + " " + line
