"""Reply text as typed on a phone, turned into one folded form the patterns can read.

`fold_map` returns the folded text (lower case, no diacritics, đ→d) and, for each folded
character, the index of the source character it came from, so a match can be cut out of the
officer's own text for the note. On the way it reads what phones leave behind:

- Telex/VNI leftovers of a phone without a Vietnamese keyboard ("ddang trieern khai",
  "hoanf thanhf roofi", "hoàn thànhf", "hoa2n tha2nh") are folded to the plain word, but only
  when the result is a word the parser knows and the token itself is not one: "vs", "ubnd",
  "2a" or "dot2" stay as they are.
- Quantities in words become digits (`numbers`): "sáu mươi lăm phần trăm", "hai phần ba",
  "hoàn thành 1/2 khối lượng", "được một nửa" — as percentages.
- Refs said in words become digits (`refs.spoken`): "nhiệm vụ ba b", "mục hai", "việc thứ ba
  trong danh sách".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from domain.text import nfc, strip_diacritics
from reports.replies import numbers
from reports.replies.refs import spoken

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
# What is read into digits, in this order (each stage sees the digits of the ones before).
_STAGES = (numbers.percent_words, numbers.fractions, numbers.shares, spoken)


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
    for stage in _STAGES:
        rewrites = stage(folded, text, pos)
        for start, end, new in reversed(rewrites):
            _replace(out, pos, start, end, new)
        if rewrites:
            folded = "".join(out)
    return folded, pos
