"""Paragraphs by their markers: "II.", "1.", "1.1.", "a)", "(1)", "- ", table rows, plain text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.text import fold
from plans.normalize import paragraphs


@dataclass
class Para:
    """One paragraph (or line) of the body: its marker's kind and label, and its text."""

    kind: str  # roman, num, sub, letter, paren, bullet, text, row
    label: str
    body: str


_KINDS = [
    ("roman", re.compile(r"^([IVXLC]{1,6})\.\s+(.+)$", re.S)),
    ("sub", re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(.+)$", re.S)),
    ("num", re.compile(r"^(\d{1,2})[.)]\s+(.+)$", re.S)),
    ("num", re.compile(r"^(?:Điều|Dieu|ĐIỀU)\s+(\d{1,2})\s*[.:]\s*(.+)$", re.S)),
    ("letter", re.compile(r"^([a-zđ])\)\s+(.+)$", re.S)),
    ("paren", re.compile(r"^\((\d{1,2})\)\s*(.+)$", re.S)),
    ("bullet", re.compile(r"^[-+•–—*]\s*(.+)$", re.S)),
]
_STOP = re.compile(r"^(?:noi nh\S{0,2}n\s*:?|t/?m\.? (?:uy ban|ubnd|ban|tinh uy|thanh uy)|kt\. )")


def classify(text: str) -> Para:
    if text.startswith("|") or text.count("\t") >= 2:
        return Para("row", "", text)
    for kind, pattern in _KINDS:
        match = pattern.match(text)
        if match:
            if kind == "bullet":
                return Para(kind, "-", match.group(1).strip())
            return Para(kind, match.group(1), match.group(2).strip())
    return Para("text", "", text)


def body_paragraphs(text: str) -> list[Para]:
    """Classified paragraphs up to the recipients list / signature block."""
    out: list[Para] = []
    for para in paragraphs(text):
        if _STOP.match(fold(para)):
            break
        if "\n" in para and not para.startswith("|"):
            out.extend(classify(line) for line in para.split("\n") if line.strip())
        elif para.startswith("|") or para.count("\t") >= 2:
            out.extend(Para("row", "", line) for line in para.split("\n") if line.strip())
        else:
            out.append(classify(para))
    return out
