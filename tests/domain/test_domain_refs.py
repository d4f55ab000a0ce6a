"""Task references as officers and coordinators type them, matched against a plan's refs."""

from __future__ import annotations

import pytest

from domain.text import match_refs, split_refs
from plans.store import number_words

REFS = ["II.1.a", "II.1.c", "II.2.a", "II.2.d", "II.2.đ", "A1.1", "B1.1", "III.10", "IV"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("II.2.a", ["II.2.a"]),
        ("ii 2 a", ["II.2.a"]),
        ("2.2.a", ["II.2.a"]),
        ("2a", ["II.2.a"]),
        ("1c", ["II.1.c"]),
        ("1.c", ["II.1.c"]),
        ("2đ", ["II.2.đ"]),
        ("2d", ["II.2.d"]),
        ("a1.1", ["A1.1"]),
        ("A1.1.", ["A1.1"]),
        ("10", ["III.10"]),
        ("iv", ["IV"]),
        ("1.1", ["A1.1", "B1.1"]),  # ambiguous: the caller asks
        ("a", ["II.1.a", "II.2.a"]),
        ("II.9", []),
        ("3", []),
        ("", []),
        ("...", []),
    ],
)
def test_match_refs(typed: str, expected: list[str]) -> None:
    assert match_refs(typed, REFS) == expected


def test_a_folded_letter_still_matches_when_only_one_spelling_exists() -> None:
    assert match_refs("2d", ["II.2.đ"]) == ["II.2.đ"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("II.1.a,II.2.b", ["II.1.a", "II.2.b"]),
        ("2a, 2b", ["2a", "2b"]),
        ("2a 2b;3", ["2a", "2b", "3"]),
        (" , ", []),
    ],
)
def test_split_refs(text: str, expected: list[str]) -> None:
    assert split_refs(text) == expected


def test_plan_numbers_cut_into_words() -> None:
    assert number_words("15-CTr/TU") == ["15", "ctr", "tu"]
    assert number_words("151/KH-UBND") == ["151", "kh", "ubnd"]
    assert number_words("544 KL/TU") == ["544", "kl", "tu"]
