"""Vietnamese text helpers: NFC normalisation for storage, folding for matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
_LONE_ROMAN = re.compile(r"[IVX]{1,5}\.?")


def roman_value(part: str) -> int | None:
    """Value of a small Roman numeral ("iv" → 4), or None."""
    if not part or len(part) > 5 or any(ch not in _ROMAN_VALUES for ch in part):
        return None
    values = [_ROMAN_VALUES[ch] for ch in part]
    return sum(-v if i + 1 < len(values) and values[i + 1] > v else v for i, v in enumerate(values))


def _parts(ref: str, folded: bool) -> tuple[tuple[str, ...], bool]:
    """The parts of a ref and whether its first part was a Roman numeral read as a number."""
    text = fold(ref) if folded else nfc(ref).lower()
    parts = [p.lstrip("0") or "0" if p.isdigit() else p for p in _REF_PART.findall(text)]
    if len(parts) > 1 and (value := roman_value(parts[0])) is not None:
        parts[0] = str(value)
        return tuple(parts), True
    return tuple(parts), False


def ref_parts(ref: str, *, folded: bool = True) -> tuple[str, ...]:
    """A task reference cut into comparable parts, the way officers shorten it: "II.2.a" →
    (2, 2, a), "2a" → (2, a), "A1.1" → (a, 1, 1); a leading Roman numeral counts as its number.
    Unfolded, "đ" stays apart from "d" (plans letter their tasks a, b, c, d, đ, e)."""
    return _parts(ref, folded)[0]


@dataclass(frozen=True)
class RefKey:
    """One way of writing a task's ref: its parts as written and folded."""

    ref: str
    exact: tuple[str, ...]
    folded: tuple[str, ...]
    roman: bool  # its first part is a Roman numeral read as a number ("I.2", "IV" as 4)


class RefIndex:
    """A plan's task refs, ready to match a ref as someone typed it (one home for matching:
    commands, requests and the reply parser all use it).

    A typed ref names the refs with the same parts ("ii 2 a" names "II.2.a"), else the refs it
    ends or that end it ("2a" → "II.2.a"); "đ" and "d" apart first, then folded. Arabic numbers
    stand for a Roman part ("1.2" → "I.2", "4" → a lone "IV"), but then a longer ref ending the
    same way ("II.1.2") fits too, and the caller asks."""

    def __init__(self, refs: Iterable[str]) -> None:
        self.refs: list[str] = []
        self._exact: dict[str, list[RefKey]] = {}
        self._folded: dict[str, list[RefKey]] = {}
        for ref in refs:
            if not isinstance(ref, str):
                continue
            self.refs.append(ref)
            exact, roman = _parts(ref, folded=False)
            folded = tuple(strip_diacritics(p) for p in exact)
            keys = [RefKey(ref, exact, folded, roman)] if exact else []
            if _LONE_ROMAN.fullmatch(ref.strip()) and (value := roman_value(exact[0])):
                keys.append(RefKey(ref, (str(value),), (str(value),), True))
            for key in keys:
                self._exact.setdefault(key.exact[-1], []).append(key)
                self._folded.setdefault(key.folded[-1], []).append(key)
        self._known = frozenset(self.refs)

    def __len__(self) -> int:
        return len(self.refs)

    def __contains__(self, ref: object) -> bool:
        return ref in self._known

    def find(
        self, exact: tuple[str, ...], folded: tuple[str, ...] | None = None, *, arabic: bool = True
    ) -> list[str]:
        """The refs the typed parts name, best first; `arabic`: the first part was typed as a
        number (it may stand for a Roman one). More than one means the caller must ask."""
        for typed, table, pick in (
            (exact, self._exact, _exact_parts),
            (folded if folded is not None else exact, self._folded, _folded_parts),
        ):
            if not typed:
                return []
            pool = table.get(typed[-1], [])
            same = [k for k in pool if pick(k) == typed]
            if same:
                if arabic and any(k.roman for k in same):
                    n = len(typed)
                    same += [k for k in pool if len(pick(k)) > n and pick(k)[-n:] == typed]
                return list(dict.fromkeys(k.ref for k in same))
            ends = [k.ref for k in pool if _suffix_eq(pick(k), typed)]
            if ends:
                return list(dict.fromkeys(ends))
        return []


def _exact_parts(key: RefKey) -> tuple[str, ...]:
    return key.exact


def _folded_parts(key: RefKey) -> tuple[str, ...]:
    return key.folded


def _suffix_eq(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when the shorter tuple ends the longer one."""
    n = min(len(a), len(b))
    return n > 0 and a[-n:] == b[-n:]


def match_refs(typed: str, refs: Sequence[str]) -> list[str]:
    """The references a typed one names, best matches only (see RefIndex). More than one means
    the typed reference is ambiguous."""
    exact, roman = _parts(typed, folded=False)
    return RefIndex(refs).find(exact, ref_parts(typed), arabic=not roman)


def split_refs(text: str) -> list[str]:
    """Task references as a list was typed: "II.1.a,II.2.b", "2a, 2b" or "2a 2b"."""
    return [r for r in _REF_SEPARATORS.split(text) if r.strip(".")]
