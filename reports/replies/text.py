"""Reply text as typed on a phone, turned into one folded form the patterns can read.

`fold_map` returns the folded text (lower case, no diacritics, đ→d) and, for each folded
character, the index of the source character it came from, so a match can be cut out of the
officer's own text for the note. On the way it reads what phones leave behind:

- Telex/VNI leftovers of a phone without a Vietnamese keyboard ("ddang trieern khai",
  "hoanf thanhf roofi", "hoàn thànhf", "hoa2n tha2nh") are folded to the plain word, but only
  when the result is a word the parser knows and the token itself is not one: "vs", "ubnd",
  "2a" or "dot2" stay as they are.
- Numbers in words before "phần trăm"/"%" ("sáu mươi lăm phần trăm", "tam muoi phan tram",
  "bảy lăm %", "hai mốt", "ba tư", "mười lăm", "một trăm") become digits, and so do a share
  of the work ("hoàn thành 1/2 khối lượng", "được một nửa") — as a percentage.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from domain.text import nfc, strip_diacritics

MAX_CHARS = 8000  # Telegram caps a message at 4096 characters; anything beyond is ignored.


def clean(text: object) -> str:
    """Text as NFC with control characters turned into spaces, cut to MAX_CHARS."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    chars = []
    for ch in text[: MAX_CHARS * 2]:
        cat = unicodedata.category(ch)
        if cat == "Cs" or cat == "Cf":
            continue
        chars.append(" " if cat == "Cc" and ch not in "\n\t" else ch)
    return nfc("".join(chars))[:MAX_CHARS]


# --- typing leftovers -------------------------------------------------------------------------

# Folded words the patterns rely on: a Telex/VNI token is folded only onto one of these.
_VOCAB_TEXT = """
    xong hoan thanh tat dang chua trien khai thuc hien lam roi rui da duoc khong co gi gap bi
    phat sinh tiep tuc con lai du kien nghi de xuat thieu von kinh phi cho doi tam dung ngung
    dat phan tram mot hai ba bon tu nam sau bay chin muoi nham tram nua ruoi vuong mac kho khan
    tro ngai ach tac trinh gui bao cao cong van ban so buoc giai doan khao sat tham dinh lap xay
    soan thao ke hoach nhiem vu hang muc chuan bi sap gan se het ca ho duyet phe cap tien hanh
    khoi bat dau viec nay nhe nha vi do nen van dot khau xu ly hop y tong chi dao nguon mat
    bang dieu chinh han xin voi cung nhung the dung tren hon khoang uoc chang hong hok ko kg
    khg ch chx duoc dc chuc
"""
VOCAB = frozenset(_VOCAB_TEXT.split())
_VOWELS = frozenset("aeiouy")
_TONE_MARKS = re.compile(r"[sfrxjzw]")
_VNI_MARKS = re.compile(r"[1-9]")
# Words that a single VNI digit may follow at the end of the token ("thanh2" → "thanh").
_VNI_TAIL_TEXT = "xong hoan thanh dang chua trien khai thuc hien lam roi da duoc vuong mac kho khan"
_VNI_TAIL_OK = frozenset(_VNI_TAIL_TEXT.split())


@lru_cache(maxsize=8192)
def untype(token: str) -> str:
    """A folded token with Telex/VNI marks removed, when that gives a known word."""
    if token in VOCAB or len(token) > 12 or not any(c.isalpha() for c in token):
        return token
    t = token
    if t.startswith(("dd", "d9")):
        t = "d" + t[2:]
    # "w" standing for "ư" ("chwa", "tw"): a w not after a vowel.
    t = re.sub(r"(?<![aeiouy])w", "u", t)
    i = 0
    while i < len(t) and t[i] not in _VOWELS:
        i += 1
    head, rest = t[:i], t[i:]
    if not rest or any(c.isdigit() for c in head):
        return token
    tail = re.search(r"[1-9]$", rest)
    body = rest[:-1] if tail else rest
    body = _VNI_MARKS.sub("", body) if re.search(r"[a-z][1-9]+[a-z]", body) else body
    if any(c.isdigit() for c in body):
        return token
    body = _TONE_MARKS.sub("", body)
    body = re.sub(r"([aeo])\1", r"\1", body)
    word = head + body
    if tail and not (word in _VNI_TAIL_OK or (word != token[:-1] and word in VOCAB)):
        return token
    if word != token and word in VOCAB:
        return word
    return token


# --- numbers in words -------------------------------------------------------------------------

_UNITS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9}
# After a tens word: "mốt" (1), "tư" (4), "lăm"/"nhăm" (5) besides the plain units.
_AFTER_TENS = {**_UNITS, "tu": 4, "lam": 5, "nham": 5}
_NUM_WORD = r"(?:mot|hai|ba|bon|tu|nam|lam|nham|sau|bay|tam|chin|muoi|chuc|tram)"
_NUMBER_WORDS = re.compile(
    rf"(?<![a-z0-9])(?P<words>{_NUM_WORD}(?:\s+{_NUM_WORD})*)\s*(?=%|phan\s*tram|ptram)"
)
_UNIT = (
    r"(?:xa|phuong|thi\s*tran|huyen|don\s*vi|co\s*quan|so|nganh|dia\s*phuong|cong\s*trinh|du\s*an"
    r"|hang\s*muc|noi\s*dung|nhiem\s*vu|khoi\s*luong|cong\s*viec|chi\s*tieu|ke\s*hoach|ho|km"
    r"|tuyen|diem|truong|tram|co\s*so|doanh\s*nghiep|thon|lang|to\s*dan\s*pho|tong)"
)
# After a done word any noun may follow ("hoàn thành 12/15 xã"), but not a date's words.
_SHARE_NOUN = r"(?=\s*(?!(?:nam|thang|ngay|vua|nay|toi|qua)(?![a-z]))[a-z])"
_SHARE = re.compile(
    r"(?P<lead>(?<![a-z])(?:hoan\s*thanh|xong|dat|duoc|dc|lam\s*duoc|thuc\s*hien\s*duoc|co)\s+"
    r"|(?<![0-9/])(?<!ngay )(?=[0-9]{1,2}\s*/\s*[0-9]{1,3}\s*" + _UNIT + r"(?![a-z])))"
    r"(?:(?P<a>[0-9]{1,2})\s*/\s*(?P<b>[0-9]{1,3})" + _SHARE_NOUN + r"(?![0-9/])"
    r"|(?P<a3>[0-9])\s*/\s*(?P<b3>[2-4])(?![0-9/])"
    r"|(?P<a2>[0-9]{1,2})\s*(?:tren|trong)\s*(?:tong\s*so\s*)?(?P<b2>[0-9]{1,3})"
    r"|(?P<half>(?:mot|1)\s*nua))"
    r"(?![a-z0-9])"
)


def words_value(words: list[str]) -> int | None:
    """Value of a whole number written in words (0 < n ≤ 100), or None."""
    words = ["muoi" if w == "chuc" else w for w in words]  # "bảy chục" is seventy
    n = len(words)
    if words == ["mot", "tram"]:
        return 100
    if words == ["muoi"]:
        return 10
    if n == 1:
        return _UNITS.get(words[0])
    if n == 2 and words[0] == "muoi":  # mười lăm, mười một
        unit = _AFTER_TENS.get(words[1])
        return None if unit is None or words[1] == "tu" else 10 + unit
    tens = _UNITS.get(words[0])
    if tens is None or tens < 2:
        return None
    if n == 2 and words[1] == "muoi":
        return tens * 10
    if n == 2 and words[1] in ("mot", "tu", "lam", "nham"):  # bảy lăm, hai mốt, ba tư
        return tens * 10 + _AFTER_TENS[words[1]]
    if n == 3 and words[1] == "muoi" and words[2] in _AFTER_TENS:
        return tens * 10 + _AFTER_TENS[words[2]]
    return None


def _number_of(words: list[str]) -> tuple[int, int] | None:
    """The longest tail of the words that reads as a number: (count of words, value)."""
    for start in range(max(0, len(words) - 3), len(words)):
        value = words_value(words[start:])
        if value is not None:
            return len(words) - start, value
    return None


# --- the folded text with its source positions ------------------------------------------------


def _replace(out: list[str], pos: list[int], start: int, end: int, new: str) -> None:
    """Replace out[start:end] with new, mapping the new characters onto the old span."""
    span = pos[start:end]
    mapped = [span[min(k, len(span) - 1)] for k in range(len(new))]
    if mapped:
        mapped[-1] = span[-1]
    out[start:end] = list(new)
    pos[start:end] = mapped


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character folded: lower case, no diacritics, đ→d, any space a plain space."""
    if ch.isspace():
        return " "
    if ch.isascii():
        return ch.lower()
    if ch in "％﹪":
        return "%"
    return strip_diacritics(ch).lower()


_TOKEN = re.compile(r"[a-z0-9]*[a-z][a-z0-9]*")


def fold_map(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, the index of its source character.

    The result is cached: callers must not change the returned list.
    """
    if len(text) > 400:
        return _fold_map(text)
    return _fold_map_cached(text)


@lru_cache(maxsize=2048)
def _fold_map_cached(text: str) -> tuple[str, list[int]]:
    return _fold_map(text)


def _fold_map(text: str) -> tuple[str, list[int]]:
    """fold_map without the cache."""
    out: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(text):
        f = _fold_char(ch)
        if len(f) == 1:
            out.append(f)
            pos.append(i)
            continue
        for c in f:
            out.append(c)
            pos.append(i)
    folded = "".join(out)
    for m in reversed(list(_TOKEN.finditer(folded))):
        token = m.group()
        if len(token) < 2 or token in VOCAB:
            continue
        word = untype(token)
        if word != token:
            _replace(out, pos, m.start(), m.end(), word)
    folded = "".join(out)
    for m in reversed(list(_NUMBER_WORDS.finditer(folded))):
        words = m.group("words").split()
        found = _number_of(words)
        if found is None:
            continue
        count, value = found
        starts = [w.start() for w in re.finditer(r"\S+", m.group("words"))]
        start = m.start("words") + starts[len(words) - count]
        _replace(out, pos, start, m.end("words"), f"{value:02d}")
    folded = "".join(out)
    for m in reversed(list(_SHARE.finditer(folded))):
        if m.group("half"):
            value = 50
        else:
            keys = next(k for k in (("a", "b"), ("a2", "b2"), ("a3", "b3")) if m.group(k[0]))
            a, b = (int(m.group(k)) for k in keys)
            if not 0 < a < b:
                continue
            value = round(100 * a / b)
        start = m.end("lead") if m.group("lead") else m.start()
        _replace(out, pos, start, m.end(), f"{value}%")
    return "".join(out), pos
