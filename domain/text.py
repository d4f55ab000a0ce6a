"""Vietnamese text helpers: NFC normalisation for storage, folding for matching."""

from __future__ import annotations

import re
import unicodedata

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
