"""Vietnamese text helpers: NFC normalisation for storage, folding for matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Compose text to Unicode NFC (phones and documents send both forms)."""
    return unicodedata.normalize("NFC", text)


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics, mapping đ/Đ to d/D; keeps case."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def fold(text: str) -> str:
    """Key for matching: lower case, no diacritics, đ→d, single spaces, trimmed."""
    return _SPACES.sub(" ", strip_diacritics(nfc(text)).lower()).strip()


def ref_key(ref: str) -> str:
    """A task reference as typed, for comparison: "II 2 đ." and "ii.2.đ" are the same."""
    return fold(ref).replace(" ", "").strip(".")


def squash(text: str) -> str:
    """Like fold, keeping only letters and digits ("Sở KH&ĐT" → "sokhdt")."""
    return re.sub(r"[^0-9a-z]", "", fold(text))


_REF_PART = re.compile(r"[0-9]+|[^\W\d_]+")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
_REF_SEPARATORS = re.compile(r"[\s,;]+")


def _roman(part: str) -> int | None:
    if not part or len(part) > 5 or any(ch not in _ROMAN_VALUES for ch in part):
        return None
    values = [_ROMAN_VALUES[ch] for ch in part]
    return sum(-v if i + 1 < len(values) and values[i + 1] > v else v for i, v in enumerate(values))


def ref_parts(ref: str, *, folded: bool = True) -> tuple[str, ...]:
    """A task reference cut into comparable parts, the way officers shorten it: "II.2.a" →
    (2, 2, a), "2a" → (2, a), "A1.1" → (a, 1, 1); a leading Roman numeral counts as its number.
    Unfolded, "đ" stays apart from "d" (plans letter their tasks a, b, c, d, đ, e)."""
    text = fold(ref) if folded else nfc(ref).lower()
    parts = [p.lstrip("0") or "0" if p.isdigit() else p for p in _REF_PART.findall(text)]
    if len(parts) > 1 and (value := _roman(parts[0])) is not None:
        parts[0] = str(value)
    return tuple(parts)


def match_refs(typed: str, refs: Sequence[str]) -> list[str]:
    """The references a typed one names, best matches only: the same parts ("ii 2 a" names
    "II.2.a"), else the refs it ends ("2a" → "II.2.a"); "đ" and "d" apart first, then folded.
    More than one means the typed reference is ambiguous."""
    for folded in (False, True):
        wanted = ref_parts(typed, folded=folded)
        if not wanted:
            return []
        parts = {r: ref_parts(r, folded=folded) for r in refs}
        same = [r for r in refs if parts[r] == wanted]
        if same:
            return same
        ending = [r for r in refs if parts[r][-len(wanted) :] == wanted]
        if ending:
            return ending
    return []


def split_refs(text: str) -> list[str]:
    """Task references as a list was typed: "II.1.a,II.2.b", "2a, 2b" or "2a 2b"."""
    return [r for r in _REF_SEPARATORS.split(text) if r.strip(".")]
