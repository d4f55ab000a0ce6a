"""Quantities in words: whole numbers, ordinals, fractions and shares of the work (pure).

Each reader takes the folded text (lower case, no diacritics, đ→d) and its source, and returns
the spans to rewrite, in order: "sáu mươi lăm phần trăm" → "65 phần trăm", "hai phần ba" →
"67%", "hoàn thành 1/2 khối lượng" → "hoàn thành 50% khối lượng", "được một nửa" → "được 50%".
`text.fold_map` applies them, so every later pattern reads digits. The words are data below;
a new phrasing is a new word or row, not a new branch.
"""

from __future__ import annotations

import re

Rewrite = tuple[int, int, str]

# --- whole numbers ----------------------------------------------------------------------------

UNITS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9}
# After a tens word: "mốt" (1), "tư" (4), "lăm"/"nhăm" (5) besides the plain units.
AFTER_TENS = {**UNITS, "tu": 4, "lam": 5, "nham": 5}
# Ordinals that are not the plain number: "thứ nhất", "thứ tư", "đầu tiên".
ORDINAL_WORDS = {"nhat": 1, "tu": 4}
# How each number word is spelled with its marks: a word spelled otherwise ("tạm", "làm",
# "nhằm", "từ", "sau") is not that number. A plain spelling is checked by the caller.
SPELLED = {
    "mot": {"một", "mốt"},
    "hai": {"hai"},
    "ba": {"ba"},
    "bon": {"bốn"},
    "tu": {"tư"},
    "nam": {"năm"},
    "lam": {"lăm"},
    "nham": {"nhăm"},
    "sau": {"sáu"},
    "bay": {"bảy", "bẩy"},
    "tam": {"tám"},
    "chin": {"chín"},
    "muoi": {"mười", "mươi"},
    "chuc": {"chục"},
    "tram": {"trăm"},
    "nhat": {"nhất"},
}
# Plain words that are numbers far more often than anything else.
PLAIN_NUMBERS = frozenset({"mot", "hai", "ba", "bon", "chin", "muoi", "nhat"})
NUM_WORD = r"(?:mot|hai|ba|bon|tu|nam|lam|nham|sau|bay|tam|chin|muoi|chuc|tram)"


def words_value(words: list[str]) -> int | None:
    """Value of a whole number written in words (0 < n ≤ 100), or None."""
    words = ["muoi" if w == "chuc" else w for w in words]  # "bảy chục" is seventy
    n = len(words)
    if words == ["mot", "tram"]:
        return 100
    if words == ["muoi"]:
        return 10
    if n == 1:
        return UNITS.get(words[0])
    if n == 2 and words[0] == "muoi":  # mười lăm, mười một
        unit = AFTER_TENS.get(words[1])
        return None if unit is None or words[1] == "tu" else 10 + unit
    tens = UNITS.get(words[0])
    if tens is None or tens < 2:
        return None
    if n == 2 and words[1] == "muoi":
        return tens * 10
    if n == 2 and words[1] in ("mot", "tu", "lam", "nham"):  # bảy lăm, hai mốt, ba tư
        return tens * 10 + AFTER_TENS[words[1]]
    if n == 3 and words[1] == "muoi" and words[2] in AFTER_TENS:
        return tens * 10 + AFTER_TENS[words[2]]
    return None


def number_of(words: list[str]) -> tuple[int, int] | None:
    """The longest tail of the words that reads as a number: (count of words, value)."""
    for start in range(max(0, len(words) - 3), len(words)):
        value = words_value(words[start:])
        if value is not None:
            return len(words) - start, value
    return None


def spelled_as_number(word: str, source: str, *, plain: bool = True) -> bool:
    """Whether the officer's spelling of a folded number word is that number: "năm" is five,
    "nằm" is not; a plain spelling counts when `plain` and the word is not often another."""
    source = source.lower()
    if source in SPELLED.get(word, ()):
        return True
    return plain and source == word and word in PLAIN_NUMBERS


def value_of(token: str) -> int | None:
    """A number written in digits or as one word ("3", "ba", "tư" → 4 as an ordinal)."""
    if token.isdigit():
        return int(token)
    return UNITS.get(token) or ORDINAL_WORDS.get(token) or (10 if token == "muoi" else None)


# --- percentages ------------------------------------------------------------------------------

# A percentage in digits, with the words that may come before it ("đạt", "khoảng", "còn").
PERCENT = re.compile(
    r"(?P<rest>(?<![a-z])(?:con\s*lai|con|thieu)\s*)?"
    r"(?:(?<![a-z])(?:dat|duoc|dc|khoang|tam|gan|tren|hon|uoc\s*dat|uoc)\s*|[~≈]\s*)*"
    r"(?<![0-9.,/])(?P<n>[0-9]{1,4}(?:[.,][0-9]{1,2})?)\s*(?:%|phan\s*tram|ptram)"
)
_NUMBER_WORDS = re.compile(
    rf"(?<![a-z0-9])(?P<words>{NUM_WORD}(?:\s+{NUM_WORD})*)\s*(?=%|phan\s*tram|ptram)"
)


def percent_words(folded: str, source: str, pos: list[int]) -> list[Rewrite]:
    """Numbers in words before "phần trăm"/"%": "sáu mươi lăm phần trăm" → 65."""
    if "%" not in folded and "tram" not in folded:
        return []
    out = []
    for m in _NUMBER_WORDS.finditer(folded):
        words = m.group("words").split()
        found = number_of(words)
        if found is None:
            continue
        count, value = found
        starts = [w.start() for w in re.finditer(r"\S+", m.group("words"))]
        out.append((m.start("words") + starts[len(words) - count], m.end("words"), f"{value:02d}"))
    return out


# --- fractions and shares ---------------------------------------------------------------------

# "hai phần ba", "2 phần 3", "một phần tư" (not "phần trăm", not "một phần" alone)
_FRACTION = re.compile(
    rf"(?<![a-z0-9/])(?P<a>[0-9]{{1,2}}|{NUM_WORD})\s+phan\s+(?P<b>[0-9]{{1,2}}|{NUM_WORD})"
    r"(?![a-z0-9%])"
)
_UNIT = (
    r"(?:xa|phuong|thi\s*tran|huyen|don\s*vi|co\s*quan|so|nganh|dia\s*phuong|cong\s*trinh|du\s*an"
    r"|hang\s*muc|noi\s*dung|nhiem\s*vu|khoi\s*luong|cong\s*viec|chi\s*tieu|ke\s*hoach|ho|km"
    r"|tuyen|diem|truong|tram|co\s*so|doanh\s*nghiep|thon|lang|to\s*dan\s*pho|tong)"
)
# After a done word any noun may follow ("hoàn thành 12/15 xã"), but not a date's words.
_SHARE_NOUN = r"(?=\s*(?!(?:nam|thang|ngay|vua|nay|toi|qua)(?![a-z]))[a-z])"
_NOT_UP_TO = r"(?<!chua )(?<!khong )(?<!ko )(?<!k )"
_SHARE = re.compile(
    r"(?P<lead>(?<![a-z])" + _NOT_UP_TO + r"(?:hoan\s*thanh|xong|dat|duoc|dc|lam\s*duoc"
    r"|thuc\s*hien\s*duoc|co|khoang|chung)\s+"
    r"|(?<![0-9/])(?<!ngay )(?=[0-9]{1,2}\s*/\s*[0-9]{1,3}\s*" + _UNIT + r"(?![a-z])))"
    r"(?:(?P<a>[0-9]{1,2})\s*/\s*(?P<b>[0-9]{1,3})" + _SHARE_NOUN + r"(?![0-9/])"
    r"|(?P<a3>[0-9])\s*/\s*(?P<b3>[2-4])(?![0-9/])"
    r"|(?P<a2>[0-9]{1,2})\s*(?:tren|trong)\s*(?:tong\s*so\s*)?(?P<b2>[0-9]{1,3})"
    r"|(?P<half>(?:mot|1)\s*nua))"
    r"(?![a-z0-9])"
)
# "một nửa" on its own is half; after "quá", "hơn", "gần", "chưa được" it is only a bound.
_HALF = re.compile(
    r"(?<![a-z0-9])(?<!qua )(?<!hon )(?<!gan )(?<!duoi )(?<!toi )(?<!den )(?<!duoc )(?<!dat )"
    r"(?<!dc )(?:mot|1)\s*nua(?![a-z0-9])"
)


def fractions(folded: str, source: str, pos: list[int]) -> list[Rewrite]:
    """A share of the work in words: "hai phần ba" → 67%."""
    if "phan" not in folded:
        return []
    out = []
    for m in _FRACTION.finditer(folded):
        values = []
        for key in ("a", "b"):
            word = m.group(key)
            text = source[pos[m.start(key)] : pos[m.end(key) - 1] + 1]
            plain_ok = text.isascii() and word in ("tu", "nam", "sau", "bay", "tam")
            if not word.isdigit() and not spelled_as_number(word, text) and not plain_ok:
                break
            values.append(value_of(word))
        if len(values) != 2 or None in values:
            continue
        a, b = values
        assert a is not None and b is not None
        if 0 < a < b <= 10:
            out.append((m.start(), m.end(), f"{round(100 * a / b)}%"))
    return out


def shares(folded: str, source: str, pos: list[int]) -> list[Rewrite]:
    """A share written with a slash or "trên"/"nửa": "hoàn thành 1/2 khối lượng" → 50%."""
    if "/" not in folded and "nua" not in folded and "tr" not in folded:
        return []
    out: list[Rewrite] = []
    for m in _SHARE.finditer(folded):
        if m.group("half"):
            value = 50
        else:
            keys = next(k for k in (("a", "b"), ("a2", "b2"), ("a3", "b3")) if m.group(k[0]))
            a, b = (int(m.group(k)) for k in keys)
            if not 0 < a < b:
                continue
            value = round(100 * a / b)
        start = m.end("lead") if m.group("lead") else m.start()
        out.append((start, m.end(), f"{value}%"))
    taken = [(s, e) for s, e, _ in out]
    for m in _HALF.finditer(folded):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            out.append((m.start(), m.end(), "50%"))
    return sorted(out)
