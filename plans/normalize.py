"""Document-level cleanup of plan text: NFC, PDF artefacts, broken lines, page furniture."""

from __future__ import annotations

import re
import unicodedata

from domain.lines import NUMBER, join_wrapped, starts_with_marker, starts_with_scanned_marker
from domain.text import nfc

_ARTEFACTS = str.maketrans(
    {
        "ƣ": "ư",
        "Ƣ": "Ư",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": "",
        "\ufeff": "",
        "\u00ad": "",
        "\r": "\n",
        "\f": "\n",
        "\v": "\n",
    }
)
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)([^*\n]*?\S)\1")
_HEADING_HASH = re.compile(r"^#{1,6}\s+", re.M)
_PAGE_NUMBER = re.compile(
    r"^(?:-\s*\d{1,3}\s*-|\d{1,3}|trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3})$"
)
_HARD = "\x00hard"
_RULE = re.compile(r"^[-_=*~.\s]{3,}$|^\*$")
_TERMINATED = re.compile(r"[.;:!?…]$|\./\.$")
_ROLE_LABEL = re.compile(
    r"^(?:(?:co quan|don vi)[, /]*)*(?:chu tri|phoi hop|thuc hien)(?: thuc hien)?\s*:"
    r"|^(?:thoi gian|thoi han|tien do|han hoan thanh)(?: thuc hien| hoan thanh)?\s*:"
    r"|^(?:san pham|kinh phi|nguon kinh phi|phan cong(?: thuc hien)?|ket qua)[^:]{0,20}:"
)
_HEADING_MARKER = re.compile(
    rf"^(?:[IVXLC]{{1,8}}\.|{NUMBER}(?:\.\d{{1,2}}){{0,3}}[.)]|\({NUMBER}\))\s"
)
_NUMBER_LINE = re.compile(r"^s[oố6ô]\s*:?\s*\d+\s*[/-]", re.I)
_DATE_LINE = re.compile(
    r"(?:^|[\s,*)])[^,]{0,40},\s*ng[aà]y\s+\d{1,2}\s+th[aá]ng\s+\d{1,2}\s+n[aăắ]m\s+\d{4}\s*\.?$",
    re.I,
)
_ISSUER_WORDS = re.compile(
    r"^(?:tinh uy|thanh uy|huyen uy|uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|"
    r"ban thuong vu|ban chap hanh|dang bo|bo |so |van phong)"
)
_MOTTO = re.compile(
    r"(?:cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc|cong san viet nam)"
)


def fold_keep(text: str) -> str:
    """Lower-case, diacritic-free copy of `text` with the same length (spans map back)."""
    out = []
    for ch in text:
        if ch in "đĐ":
            out.append("d")
            continue
        base = unicodedata.normalize("NFD", ch)[0].lower()
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


def is_caps(line: str) -> bool:
    """True when the line has at least three letters and all of them are upper case."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def is_header_line(line: str) -> bool:
    """True for the document's header furniture: motto, issuer, number and place-date lines."""
    stripped = line.strip(" *)(")
    if not stripped or len(stripped) > 90:
        return False
    folded = fold_keep(stripped)
    if _MOTTO.search(folded) and is_caps(stripped):
        return True
    if _NUMBER_LINE.match(folded) and len(stripped) < 40:
        return True
    if _DATE_LINE.search(folded) and len(stripped) < 70:
        return True
    return is_caps(stripped) and bool(_ISSUER_WORDS.match(folded)) and len(stripped.split()) <= 8


_WIDE_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")


def _side_by_side(line: str) -> list[str]:
    """A text copy of a document's header keeps its two columns on one line, apart by spaces
    ("ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI …", "Số: 58/KH-UBND     Quảng Ngãi, ngày …"):
    one line per column."""
    if "   " not in line or "\t" in line or line.lstrip().startswith("|"):
        return [line]
    parts = [p for p in _WIDE_GAP.split(line.strip()) if p.strip()]
    if len(parts) < 2 or any(len(p) > 90 for p in parts):
        return [line]
    if any(is_header_line(p) or _MOTTO.search(fold_keep(p)) or is_caps(p) for p in parts):
        return parts
    return [line]


def _clean_line(line: str) -> str:
    """Trim a physical line and remove markdown furniture from it."""
    line = line.replace("\t", " \t ") if "\t" in line else line
    line = _EMPHASIS.sub(r"\2", line)
    line = _EMPHASIS.sub(r"\2", line)
    if "\t" in line:
        return "\t".join(" ".join(cell.split()) for cell in line.split("\t")).strip("\t ")
    return " ".join(line.split())


def _last_text_index(lines: list[str | None]) -> int | None:
    """Index of the last real line within the last three entries, if any."""
    for idx in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
        if lines[idx] is not None and lines[idx] is not _HARD:
            return idx
    return None


def _is_table_row(line: str) -> bool:
    return line.startswith("|") or line.count("\t") >= 2


def _starts_lower(line: str) -> bool:
    first = line[:1]
    return first.islower() or first.isdigit() or first in "(,;–"


def _can_join(prev: str, last: str, line: str, *, blank_between: bool, width: int) -> bool:
    """Decide whether `line` continues the paragraph `prev`."""
    if not prev or _is_table_row(prev) or _is_table_row(line):
        return False
    if starts_with_marker(line) or starts_with_scanned_marker(line):
        return False
    if _ROLE_LABEL.match(fold_keep(line)):  # "Cơ quan chủ trì: …" on its own line
        return False
    if is_caps(prev) or is_header_line(prev) or is_header_line(line):
        return False
    if _TERMINATED.search(prev):
        soft = prev.endswith((";", ",")) and not blank_between
        return soft and line[:1].islower()
    if _starts_lower(line):
        return True
    if blank_between and width == 0:
        return False
    if prev == last and _HEADING_MARKER.match(prev):
        return False
    return width > 0 and len(last) >= 0.75 * width and not is_caps(line)


def normalize_text(text: str, *, wrapped: bool | None = None) -> str:
    """Clean a whole document; returns paragraphs separated by blank lines.

    `wrapped` says whether physical lines are wrapped mid-paragraph (PDF/OCR); None detects it.
    Header furniture found mid-text (page headers, the document header block) is moved to the top.
    """
    text = nfc(text).translate(_ARTEFACTS)
    text = _HEADING_HASH.sub("", text)
    raw = [part for line in text.split("\n") for part in _side_by_side(line)]
    lines: list[str | None] = []  # None marks a blank line, _HARD a rule
    headers: list[str] = []
    seen_headers: set[str] = set()
    for raw_line in raw:
        line = _clean_line(raw_line)
        if not line or _RULE.match(line) or _PAGE_NUMBER.match(line.lower()):
            idx = _last_text_index(lines)
            if line in ("2", "3") and idx is not None and str(lines[idx]).endswith("m"):
                lines[idx] = f"{lines[idx]}{'²' if line == '2' else '³'}"
                continue
            lines.append(_HARD if line and _RULE.match(line) else None)
            continue
        if is_header_line(line):
            key = fold_keep(line)
            if key not in seen_headers:
                seen_headers.add(key)
                headers.append(line)
            continue
        lines.append(line)
    content = [ln for ln in lines if ln and ln is not _HARD]
    plain = [ln for ln in content if not _is_table_row(ln)]
    if wrapped is None:
        followed_by_blank = sum(
            1
            for i, ln in enumerate(lines[:-1])
            if ln and ln is not _HARD and not _is_table_row(ln) and lines[i + 1] is None
        )
        double_spaced = bool(plain) and followed_by_blank / len(plain) > 0.6
        lengths = sorted(len(ln) for ln in plain)
        width = lengths[int(len(lengths) * 0.8)] if lengths else 0
        wrapped = bool(lengths) and width <= 130 and len(lengths) >= 8
    else:
        double_spaced = False
        lengths = sorted(len(ln) for ln in plain)
        width = lengths[int(len(lengths) * 0.8)] if (lengths and wrapped) else 0
    if not wrapped:
        width = 0
    paragraphs: list[str] = []
    last_line = ""
    blank = True
    hard = True
    for line in lines:
        if line is None or line is _HARD:
            blank = True
            hard = hard or line is _HARD
            continue
        between = blank and not double_spaced
        if (
            paragraphs
            and not hard
            and _can_join(paragraphs[-1], last_line, line, blank_between=between, width=width)
        ):
            paragraphs[-1] = join_wrapped(paragraphs[-1], line)
        else:
            paragraphs.append(line)
        last_line = line
        blank = hard = False
    paragraphs = [_tidy(p) for p in paragraphs]
    return "\n\n".join([*headers, *[p for p in paragraphs if p]])


def _tidy(paragraph: str) -> str:
    """Fix spacing around punctuation inside one paragraph."""
    if _is_table_row(paragraph):
        return paragraph
    paragraph = re.sub(r"\s+([,;:.!?)])", r"\1", paragraph)
    paragraph = re.sub(r"\(\s+", "(", paragraph)
    return paragraph.strip()


def paragraphs(text: str) -> list[str]:
    """Split normalised text into its paragraphs."""
    return [p for p in text.split("\n\n") if p.strip()]
