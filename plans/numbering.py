"""Paragraphs by their markers: "II.", "1.", "1.1.", "a)", "(1)", "- ", table rows, plain text.

Numbers have any width ("1." to "130."). A scan's misread markers are read back from the
numbering around them: digits read as letters ("l." for "1.", "lO." for "10.", "S." for "5.",
"Il." for "II."), a parenthesis read as a brace ("b}", "{2)") or with a space before it ("c )",
"3 ."); an item run into the line above ("… nông thôn mới. 4. Đảng ủy …") is put back on its
own. `numbering_breaks` says where the numbering jumps or repeats, for the preview."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from domain.text import fold
from plans.normalize import is_caps, paragraphs

ROMAN = r"[IVXLC]{1,8}"
NUMBER = r"\d{1,3}"
LETTERS = "abcdđeghiklmnopqrstuvxy"  # Vietnamese lettering: no f, j, w, z
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass
class Para:
    """One paragraph (or line) of the body: its marker's kind and label, and its text."""

    kind: str  # roman, num, sub, letter, paren, bullet, text, row
    label: str
    body: str


_KINDS = [
    ("roman", re.compile(rf"^({ROMAN})\.\s+(.+)$", re.S)),
    ("sub", re.compile(rf"^({NUMBER}(?:\.{NUMBER}){{1,3}})\.?\s+(.+)$", re.S)),
    ("num", re.compile(rf"^({NUMBER})[.)]\s+(.+)$", re.S)),
    ("num", re.compile(rf"^(?:Điều|Dieu|ĐIỀU)\s+({NUMBER})\s*[.:]\s*(.+)$", re.S)),
    ("letter", re.compile(r"^([a-zđ])\)\s+(.+)$", re.S)),
    ("paren", re.compile(rf"^\(({NUMBER})\)\s*(.+)$", re.S)),
    ("bullet", re.compile(r"^[-+•–—*]\s*(.+)$", re.S)),
]
_STOP = re.compile(r"^(?:noi nh\S{0,2}n\s*:?|t/?m\.? (?:uy ban|ubnd|ban|tinh uy|thanh uy)|kt\. )")

# A marker as a scan may print it: a token of digits or look-alike letters, then a closing mark
# (a space before it, a brace for a parenthesis), or the token in brackets.
_SCANNED = re.compile(
    r"^(?:(?P<open>[({])\s?(?P<inner>[0-9lIiO|S]{1,3})\s?[)}]"
    r"|(?P<token>[0-9lIiO|SVXC]{1,8}|[a-zđ])\s?(?P<close>[.)}]))\s+(?P<body>\S.*)$",
    re.S,
)
_AS_DIGIT = str.maketrans({"l": "1", "I": "1", "i": "1", "|": "1", "O": "0", "S": "5"})
_AS_ROMAN = str.maketrans({"l": "I", "1": "I", "|": "I", "i": "I"})


def roman_value(token: str) -> int | None:
    """The value of a Roman numeral ("XIV" → 14), None when it is not one."""
    if not token or any(ch not in _ROMAN_VALUES for ch in token):
        return None
    values = [_ROMAN_VALUES[ch] for ch in token]
    total = sum(
        -v if i + 1 < len(values) and values[i + 1] > v else v for i, v in enumerate(values)
    )
    return total if total > 0 and to_roman(total) == token else None


def to_roman(value: int) -> str:
    out = ""
    for number, letters in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= number:
            out, value = out + letters, value - number
    return out


def classify(text: str) -> Para:
    """The paragraph's marker as printed (no repair: see `Numbering`)."""
    if text.startswith("|") or text.count("\t") >= 2:
        return Para("row", "", text)
    for kind, pattern in _KINDS:
        match = pattern.match(text)
        if match:
            if kind == "bullet":
                return Para(kind, "-", match.group(1).strip())
            return Para(kind, match.group(1), match.group(2).strip())
    return Para("text", "", text)


@dataclass
class Numbering:
    """The numbering read so far, to read the next marker against: which Roman part, number and
    letter came last."""

    roman: int = 0
    number: int = 0
    letter: int = -1
    repaired: list[tuple[str, str]] = field(default_factory=list)  # (as printed, as read)

    def read(self, text: str) -> Para:
        """Classify a paragraph, reading a misprinted marker by the numbering around it."""
        para = classify(text)
        if para.kind == "text" or (para.kind == "letter" and para.label == "l"):
            para = self._scanned(text) or para
        elif (
            para.kind == "num"
            and set(para.label) == {"1"}
            and len(para.label) == self.roman + 1 > 1
            and is_caps(para.body)
        ):
            # "11. NHIỆM VỤ, GIẢI PHÁP" after part I: the scan read "II." as "11."
            para = self._repair(
                text.split(None, 1)[0], Para("roman", "I" * len(para.label), para.body)
            )
        self._advance(para)
        return para

    def _scanned(self, text: str) -> Para | None:
        match = _SCANNED.match(text)
        if match is None:
            return None
        body = match.group("body").strip()
        printed = text[: match.start("body")].strip()
        if match.group("inner"):
            inner = match.group("inner")
            value = _digits(inner)
            if value is None or not (any(c.isdigit() for c in inner) or body[:1].isupper()):
                return None
            return self._repair(printed, Para("paren", str(value), body))
        token, close = match.group("token"), match.group("close")
        value = roman_value(token.translate(_AS_ROMAN)) if close == "." else None
        if (
            value is not None
            and any(ch in "IVXC" for ch in token)
            and self._likely_roman(value, body)
        ):
            return self._repair(printed, Para("roman", to_roman(value), body))
        if len(token) == 1 and token in LETTERS and close in ")}":
            expected = LETTERS[self.letter + 1] if self.letter + 1 < len(LETTERS) else ""
            if token == expected or token != "l" or self.number == 0:
                return self._repair(printed, Para("letter", token, body))
        value = _digits(token)
        if value is not None and self._likely_number(value, body, exact=not token.isdigit()):
            return self._repair(printed, Para("num", str(value), body))
        return None

    def _likely_number(self, value: int, body: str, *, exact: bool) -> bool:
        """A number read from a scan continues the numbering (by one, or a little more when
        the item opens with a capital and its marker has a real digit)."""
        expected = self.number + 1
        if value == expected:
            return True
        return not exact and body[:1].isupper() and 0 < value <= expected + 3

    def _likely_roman(self, value: int, body: str) -> bool:
        return value == self.roman + 1 or (is_caps(body) and 0 < value <= self.roman + 2)

    def _repair(self, printed: str, para: Para) -> Para:
        self.repaired.append((printed, _marker(para)))
        return para

    def _advance(self, para: Para) -> None:
        if para.kind == "roman":
            self.roman = roman_value(para.label) or self.roman
            self.number, self.letter = 0, -1
        elif para.kind == "num":
            self.number, self.letter = int(para.label), -1
        elif para.kind == "letter" and para.label in LETTERS:
            self.letter = LETTERS.index(para.label)

    def split_run_on(self, text: str) -> list[str]:
        """ "… xây dựng nông thôn mới. 4. Đảng ủy …": the next item, run into the line above
        by a scan that lost the line break, put back on a line of its own."""
        if self.number == 0:
            return [text]
        expected = self.number + 1
        match = re.search(rf"(?<=[.;:])\s+{expected}\s?\.\s+(?=[A-ZĐ][^\s]*\s)", text)
        if match is None or match.start() < 20:
            return [text]
        self.repaired.append((f"… {expected}.", f"{expected}."))
        return [text[: match.start()].rstrip(), text[match.start() :].strip()]


def _digits(token: str) -> int | None:
    """ "lO" → 10, "1l" → 11, "S" → 5; None when the token does not read as a number."""
    digits = token.translate(_AS_DIGIT)
    if not digits.isdigit() or len(digits) > 3:
        return None
    return int(digits) or None


def _marker(para: Para) -> str:
    if para.kind == "paren":
        return f"({para.label})"
    return para.label + (")" if para.kind == "letter" else ".")


def body_paragraphs(text: str, numbering: Numbering | None = None) -> list[Para]:
    """Classified paragraphs up to the recipients list / signature block."""
    numbering = numbering if numbering is not None else Numbering()
    out: list[Para] = []
    for para in paragraphs(text):
        if _STOP.match(fold(para)):
            break
        if para.startswith("|") or para.count("\t") >= 2:
            out.extend(Para("row", "", line) for line in para.split("\n") if line.strip())
            continue
        for line in para.split("\n") if "\n" in para else [para]:
            if not line.strip():
                continue
            for piece in numbering.split_run_on(line):
                out.append(numbering.read(piece))
    return out


def numbering_breaks(paras: list[Para]) -> list[tuple[str, str]]:
    """Where the numbering of the body jumps or repeats: (the item after the break, what was
    expected), for the preview's warning. Roman parts, numbers within a part and letters within
    a number are each expected to run on by one."""
    breaks: list[tuple[str, str]] = []
    roman, number, letter = 0, 0, -1
    roman_label = ""
    for para in paras:
        if para.kind == "roman":
            value = roman_value(para.label) or 0
            if roman and value not in (roman + 1, 1):
                breaks.append((para.label, to_roman(roman + 1)))
            roman, roman_label, number, letter = value, para.label, 0, -1
        elif para.kind == "num":
            value = int(para.label)
            if number and value != number + 1 and value != 1:
                prefix = f"{roman_label}." if roman_label else ""
                breaks.append((prefix + para.label, prefix + str(number + 1)))
            number, letter = value, -1
        elif para.kind == "letter" and para.label in LETTERS:
            index = LETTERS.index(para.label)
            if letter >= 0 and index != letter + 1 and index != 0:
                prefix = ".".join(p for p in (roman_label, str(number) if number else "") if p)
                prefix = f"{prefix}." if prefix else ""
                breaks.append((prefix + para.label, prefix + LETTERS[letter + 1]))
            letter = index
    return breaks


def parts(paras: list[Para]) -> list[tuple[str | None, str | None, list[Para]]]:
    """The body cut at its Roman parts: (label, title, paragraphs); the text before the first
    part has no label."""
    out: list[tuple[str | None, str | None, list[Para]]] = []
    label: str | None = None
    title: str | None = None
    current: list[Para] = []
    for para in paras:
        if para.kind == "roman":
            out.append((label, title, current))
            label, title, current = para.label, para.body, []
        else:
            current.append(para)
    out.append((label, title, current))
    return out


def items(block: list[Para]) -> list[tuple[Para, list[Para]]]:
    """A part's numbered items, each with the paragraphs under it."""
    out: list[tuple[Para, list[Para]]] = []
    for para in block:
        if para.kind == "num":
            out.append((para, []))
        elif out:
            out[-1][1].append(para)
    return out
