"""How trustworthy a plan's text is: the share of its syllables that are well-formed Vietnamese
with their diacritics (OCR garbage such as "Vé tiép tuc trién khai" scores low), lowered for a
news write-up, which paraphrases the document it reports on."""

from __future__ import annotations

import re
import unicodedata

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_ONSET = re.compile(r"^(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?(.*)$")
_RHYMES = set(
    [
        "a",
        "ai",
        "ao",
        "au",
        "ay",
        "ac",
        "ach",
        "am",
        "an",
        "ang",
        "anh",
        "ap",
        "at",
        "ă",
        "ăc",
        "ăm",
        "ăn",
        "ăng",
        "ăp",
        "ăt",
        "â",
        "âc",
        "âm",
        "ân",
        "âng",
        "âp",
        "ât",
        "âu",
        "ây",
        "e",
        "ec",
        "em",
        "en",
        "eng",
        "eo",
        "ep",
        "et",
        "ê",
        "êch",
        "ênh",
        "êm",
        "ên",
        "êp",
        "êt",
        "êu",
        "i",
        "ia",
        "ich",
        "im",
        "in",
        "inh",
        "ip",
        "it",
        "iu",
        "iêc",
        "iêm",
        "iên",
        "iêng",
        "iêp",
        "iêt",
        "iêu",
        "o",
        "oc",
        "oi",
        "om",
        "on",
        "ong",
        "op",
        "ot",
        "oa",
        "oac",
        "oach",
        "oai",
        "oam",
        "oan",
        "oang",
        "oanh",
        "oao",
        "oap",
        "oat",
        "oay",
        "oăc",
        "oăm",
        "oăn",
        "oăng",
        "oăt",
        "oe",
        "oen",
        "oet",
        "oeo",
        "oong",
        "ooc",
        "ô",
        "ôc",
        "ôi",
        "ôm",
        "ôn",
        "ông",
        "ôp",
        "ôt",
        "ơ",
        "ơi",
        "ơm",
        "ơn",
        "ơp",
        "ơt",
        "u",
        "uc",
        "ui",
        "um",
        "un",
        "ung",
        "up",
        "ut",
        "ua",
        "uân",
        "uât",
        "uây",
        "uâng",
        "uê",
        "uênh",
        "uêch",
        "uy",
        "uya",
        "uych",
        "uyên",
        "uyêt",
        "uynh",
        "uyt",
        "uyu",
        "uôc",
        "uôi",
        "uôm",
        "uôn",
        "uông",
        "uôt",
        "ư",
        "ưc",
        "ưi",
        "ưm",
        "ưn",
        "ưng",
        "ưt",
        "ưu",
        "ưa",
        "ươc",
        "ươi",
        "ươm",
        "ươn",
        "ương",
        "ươp",
        "ươt",
        "ươu",
        "uơ",
        "y",
        "yêm",
        "yên",
        "yêt",
        "yêu",
        "uyn",
        "uyp",
        "uơn",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")


def _parts(syllable: str) -> tuple[str, int, bool]:
    """(base without tone, number of tone marks, whether it carries any Vietnamese mark)."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = sum(1 for ch in decomposed if ch in _TONES)
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    marked = tones > 0 or any(ch in "ăâêôơưđ" for ch in base)
    return base, tones, marked


def well_formed(syllable: str) -> bool:
    """True for a syllable Vietnamese spelling allows ("tiếp", "khai"; not "tiép", "trién")."""
    base, tones, _ = _parts(syllable.lower())
    if tones > 1 or not base:
        return False
    onset, rhyme = _ONSET.match(base).groups()
    if rhyme in _RHYMES:
        return True
    if onset == "gi" and ("i" + rhyme in _RHYMES or not rhyme):
        return True
    return onset == "qu" and "u" + rhyme in _RHYMES


def text_quality(text: str) -> float | None:
    """Share of syllables that are well-formed and carry their marks (≈0.7 for clean text,
    well under 0.4 for text that lost its diacritics); None for too little text."""
    words = [w for w in _WORD.findall(text) if not (w.isupper() and len(w) > 1)]
    if len(words) < 30:
        return None
    good = 0
    for word in words:
        lowered = word.lower()
        if well_formed(lowered) and _parts(lowered)[2]:
            good += 1
    return round(good / len(words), 3)


def document_quality(text: str, *, news: bool = False) -> float | None:
    """Quality of a plan's task text; a news write-up counts for less than the document."""
    score = text_quality(text)
    if score is None:
        return None
    return round(score * (0.75 if news else 1.0), 3)


def clearly_worse(new: float | None, old: float | None) -> bool:
    """True when a new version's text is clearly worse than the stored one's."""
    if new is None or old is None:
        return False
    return new < old - 0.1


_ASCII_MARKERS = re.compile(r"\b(?:cua|va|cac|duoc|nhung|thuc hien|nam|tinh|trien khai|viec)\b")


def lost_diacritics(text: str) -> bool:
    """True when most Vietnamese words in `text` have lost their diacritics (OCR, phone typing)."""
    words = re.findall(r"[^\W\d_]+", text)
    if len(words) < 20:
        return False
    plain = sum(1 for w in words if w.isascii())
    hits = len(_ASCII_MARKERS.findall(text.lower()))
    return plain / len(words) > 0.8 or hits / len(words) > 0.04
