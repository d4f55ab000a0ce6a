"""Look-alike characters (Unicode TR39 confusables): a Cyrillic "Т", a Greek "ο", a fullwidth
"１" or a mathematical "𝐒" print like the Latin letter or digit they imitate, and an invisible
zero-width space prints as nothing. Names are compared after folding them, so a look-alike
cannot pass for a second agency that prints like an existing one. Pure."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from disarm import skeleton_key

# the marks Vietnamese letters carry (grave, acute, tilde, hook, dot below, circumflex, breve,
# horn): a Latin letter with only these is written as meant
_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")


def skeleton(text: str) -> str:
    """The TR39 skeleton of `text` (disarm's key: NFKC, the confusables table, case folded,
    digits kept apart from the letters they resemble). Two strings that print alike have
    the same skeleton."""
    return skeleton_key(text)


@lru_cache(maxsize=4096)
def _as_written(char: str) -> str:
    """One character as the Latin text it imitates: itself when it is ASCII, a space, a mark,
    "đ" or a Latin letter with Vietnamese marks only; its skeleton otherwise (nothing for an
    invisible one)."""
    if char.isascii() or char.isspace() or char in "đĐ":
        return char
    category = unicodedata.category(char)
    if category == "Mn":
        return char
    base, *marks = unicodedata.normalize("NFD", char)
    if base.isascii() and base.isalpha() and all(mark in _VIETNAMESE_MARKS for mark in marks):
        return char
    if category == "Cf":  # zero-width and other format characters print as nothing
        return ""
    return skeleton(char) or char


def unconfuse(text: str) -> str:
    """`text` with every look-alike replaced by the Latin letter or digit it imitates (lower
    case: callers fold anyway). Vietnamese and ASCII stay as written: the whole skeleton would
    also map Latin to Latin ("m" → "rn", "I" → "l"), which the matching keys must not do."""
    if text.isascii():
        return text
    return "".join(_as_written(char) for char in unicodedata.normalize("NFC", text))
