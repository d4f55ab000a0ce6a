"""Agency directory matching: one folded key per way of writing a name, suggestions when unsure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from domain.confusables import unconfuse
from domain.text import fold, nfc

__all__ = ["AgencyMatcher", "DirectoryEntry", "Match", "folded_key", "folded_words"]


@dataclass(frozen=True)
class DirectoryEntry:
    """An agency or a group as the matcher sees it; `key` is the caller's opaque id."""

    key: str
    name: str
    short_name: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str = "other"
    is_group: bool = False


@dataclass(frozen=True)
class Match:
    """Result of a lookup: `entry` only when the folded forms are equal, else suggestions."""

    entry: DirectoryEntry | None
    suggestions: tuple[DirectoryEntry, ...]
    exact: bool


# A separator inside an abbreviation: "KH&ĐT", "KH-ĐT", "KH và ĐT", "KH/ĐT", "KHĐT".
_SEP = r"(?:\s*[&/+.,\-–]\s*|\s+va\s+|\s+)?"


def _abbreviation(parts: tuple[str, ...], expansion: str) -> tuple[re.Pattern[str], str]:
    """Compile a pattern matching the parts of an abbreviation joined by any separator."""
    return re.compile(r"\b" + _SEP.join(parts) + r"\b"), f" {expansion} "


# Order matters: longer abbreviations first, context-bound ("Sở TP") before generic ("TP").
_ABBREVIATIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    _abbreviation(parts, expansion)
    for parts, expansion in (
        (("so", "tc"), "so tai chinh"),
        (("so", "tp"), "so tu phap"),
        (("so", "yt"), "so y te"),
        (("so", "nv"), "so noi vu"),
        (("so", "ct"), "so cong thuong"),
        (("so", "ngv"), "so ngoai vu"),
        (("ld", "tb", "xh"), "lao dong thuong binh va xa hoi"),
        (("vh", "tt", "dl"), "van hoa the thao va du lich"),
        (("nn", "pt", "nt"), "nong nghiep va phat trien nong thon"),
        (("kh", "dt"), "ke hoach va dau tu"),
        (("tn", "mt"), "tai nguyen va moi truong"),
        (("tt", "tt"), "thong tin va truyen thong"),
        (("kh", "cn"), "khoa hoc va cong nghe"),
        (("gd", "dt"), "giao duc va dao tao"),
        (("nn", "mt"), "nong nghiep va moi truong"),
        (("gt", "vt"), "giao thong van tai"),
        (("vh", "tt"), "van hoa va the thao"),
        (("ct", "xh"), "chinh tri xa hoi"),
        (("dt", "tg"), "dan toc va ton giao"),
        (("ubnd",), "uy ban nhan dan"),
        (("hdnd",), "hoi dong nhan dan"),
        (("mttq",), "mat tran to quoc"),
        (("ubmttq",), "uy ban mat tran to quoc"),
        (("ubkt",), "uy ban kiem tra"),
        (("bcs",), "ban can su"),
        (("btv",), "ban thuong vu"),
        (("btg",), "ban tuyen giao"),
        (("bql",), "ban quan ly"),
        (("kkt",), "khu kinh te"),
        (("kcn",), "khu cong nghiep"),
        (("xd",), "xay dung"),
        (("vn",), "viet nam"),
        (("vp",), "van phong"),
        (("tp",), "thanh pho"),
        (("tx",), "thi xa"),
    )
)

_NON_WORD = re.compile(r"[^0-9a-z]+")

# Words that often precede an assignee in a sentence ("phối hợp với Sở Tài chính").
_LEADING_NOISE: tuple[tuple[str, ...], ...] = (
    ("phoi", "hop", "voi"),
    ("phoi", "hop"),
    ("de", "nghi"),
    ("voi",),
    ("va",),
    ("cac",),
)

# "tỉnh" is implied in a provincial directory, except in "Tỉnh ủy", "Tỉnh đoàn", "Tỉnh hội".
_TINH_KEEP_BEFORE = frozenset({"uy", "doan", "hoi", "doi"})

# Old and new spellings of i/y syllables ("quản lí" / "quản lý").
_I_TO_Y = {"li": "ly", "ki": "ky", "mi": "my", "si": "sy"}


# Look-alike letters from old encodings and PDF extraction: "ð" for "đ", "ƣ" for "ư".
_LOOKALIKES = str.maketrans({"ð": "đ", "Ð": "Đ", "ƣ": "ư", "Ƣ": "Ư"})


def folded_words(name: str) -> list[str]:
    """Words of the canonical form of an agency name (see `folded_key`)."""
    text = fold(unconfuse(name.translate(_LOOKALIKES)))
    for pattern, expansion in _ABBREVIATIONS:
        text = pattern.sub(expansion, text)
    words = [_I_TO_Y.get(word, word) for word in _NON_WORD.sub(" ", text).split()]
    words = [word for word in words if word != "va"]
    words = _drop_leading_noise(words)
    words = [
        word
        for i, word in enumerate(words)
        if word != "tinh" or (i + 1 < len(words) and words[i + 1] in _TINH_KEEP_BEFORE)
    ]
    return _drop_viet_nam(words)


def _drop_leading_noise(words: list[str]) -> list[str]:
    """Strip list numbers and linking words before a name, keeping at least one word."""
    changed = True
    while changed and len(words) > 1:
        changed = False
        if words[0].isdigit():
            words = words[1:]
            changed = True
            continue
        for noise in _LEADING_NOISE:
            if len(words) > len(noise) and tuple(words[: len(noise)]) == noise:
                words = words[len(noise) :]
                changed = True
                break
    return words


def _drop_viet_nam(words: list[str]) -> list[str]:
    """Drop "Việt Nam" after "Mặt trận Tổ quốc" (both forms are used for the same front)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i : i + 2] == ["viet", "nam"] and out[-4:] == ["mat", "tran", "to", "quoc"]:
            i += 2
            continue
        out.append(words[i])
        i += 1
    return out


def accented_key(name: str) -> str:
    """Lower case with diacritics, letters and digits only, "UBND" spelt out."""
    text = nfc(name).lower().replace("uỷ", "ủy")
    text = re.sub(r"\bubnd\b", "ủy ban nhân dân", text)
    return re.sub(r"[\W_]+", "", text)


def folded_key(name: str) -> str:
    """Canonical matching key: no case, diacritics, spacing, punctuation; abbreviations expanded."""
    return "".join(folded_words(name))


def _names_of(entry: DirectoryEntry) -> list[str]:
    """Every written form of an entry: name, short name, aliases."""
    names = [entry.name]
    if entry.short_name:
        names.append(entry.short_name)
    names.extend(entry.aliases)
    return names


class AgencyMatcher:
    """Looks up agency names written any usual way; suggests (never guesses) when unsure."""

    def __init__(
        self,
        entries: Iterable[DirectoryEntry],
        *,
        province: str | None = None,
        suggestion_cutoff: float = 60.0,
    ) -> None:
        self._entries: tuple[DirectoryEntry, ...] = tuple(entries)
        self._province = folded_words(province) if province else []
        self._cutoff = suggestion_cutoff
        self._primary: dict[str, list[DirectoryEntry]] = {}
        self._secondary: dict[str, list[DirectoryEntry]] = {}
        self._choices: list[str] = []
        self._choice_entries: list[DirectoryEntry] = []
        for entry in self._entries:
            for written in _names_of(entry):
                words = folded_words(written)
                if not words:
                    continue
                self._add(self._primary, "".join(words), entry)
                self._choices.append(" ".join(words))
                self._choice_entries.append(entry)
                # "Sở" is optional: "Kế hoạch và Đầu tư" names the department too.
                if not entry.is_group and words[0] == "so" and len(words) > 1:
                    self._add(self._secondary, "".join(words[1:]), entry)

    @staticmethod
    def _add(index: dict[str, list[DirectoryEntry]], key: str, entry: DirectoryEntry) -> None:
        """Add an entry under a key once."""
        bucket = index.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)

    @property
    def entries(self) -> tuple[DirectoryEntry, ...]:
        """All entries, in the order given."""
        return self._entries

    def match(self, text: str) -> Match:
        """Find the entry whose folded form equals the text's, else up to 3 suggestions."""
        words = folded_words(text or "")
        if not words:
            return Match(entry=None, suggestions=(), exact=False)
        for variant in self._variants(words):
            key = "".join(variant)
            for index in (self._primary, self._secondary):
                found = index.get(key)
                if not found:
                    continue
                if len(found) == 1:
                    return Match(entry=found[0], suggestions=(), exact=True)
                # "UBND xã Ba Tô" and "UBND xã Ba Tơ" differ only by diacritics: as written
                accented = [
                    e for e in found if accented_key(text) in map(accented_key, _names_of(e))
                ]
                if len(accented) == 1:
                    return Match(entry=accented[0], suggestions=(), exact=True)
                return Match(entry=None, suggestions=tuple(found[:3]), exact=False)
        return Match(entry=None, suggestions=self._suggest(" ".join(words)), exact=False)

    def resolve_many(self, names: Iterable[str]) -> list[tuple[str, Match]]:
        """Match each name, keeping the name as written next to its result."""
        return [(name, self.match(name)) for name in names]

    def suggest(self, text: str, limit: int = 3) -> tuple[DirectoryEntry, ...]:
        """Entries most similar to the text, best first (for "did you mean")."""
        words = folded_words(text or "")
        return self._suggest(" ".join(words), limit) if words else ()

    def _variants(self, words: list[str]) -> list[list[str]]:
        """The words, then the words without a trailing province name ("Sở Xây dựng Quảng Ngãi")."""
        variants = [words]
        size = len(self._province)
        # "thành phố Quảng Ngãi" is a city, not the province.
        if (
            size
            and len(words) > size
            and words[-size:] == self._province
            and words[-size - 1] not in {"pho", "xa", "huyen", "tran"}
        ):
            variants.append(words[:-size])
        return variants

    def _suggest(self, query: str, limit: int = 3) -> tuple[DirectoryEntry, ...]:
        """Rank entries by their best-scoring written form, dropping far-behind ones."""
        best: dict[int, tuple[float, DirectoryEntry]] = {}
        for choice, entry in zip(self._choices, self._choice_entries, strict=True):
            score = _similarity(query, choice)
            if score >= self._cutoff and score > best.get(id(entry), (-1.0, entry))[0]:
                best[id(entry)] = (score, entry)
        ranked = sorted(best.values(), key=lambda item: (-item[0], item[1].name))
        if not ranked:
            return ()
        floor = ranked[0][0] - _SUGGESTION_SPREAD
        return tuple(entry for score, entry in ranked[:limit] if score >= floor)


# Suggestions scoring this far below the best one are noise.
_SUGGESTION_SPREAD = 25.0


def _similarity(query: str, choice: str) -> float:
    """Character similarity (robust to OCR damage), or a discounted word-subset score."""
    return max(
        fuzz.ratio(query, choice),
        _SUBSET_WEIGHT * fuzz.token_set_ratio(query, choice),
    )


# A query that is a subset of a name ("Sở Giao thông") is a good hint, but a whole-name
# character match ranks higher.
_SUBSET_WEIGHT = 0.85
