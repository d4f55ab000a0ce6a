"""Vietnamese quantities as plans and officers write them: numbers with a decimal comma or a
thousands dot ("4,7", "1.500", "2.500,5"; a phone's "41.2" too), ranges ("4,7-5,1%", "từ 40% đến
45%"), units ("%", "m²" and "m2", "km", "ha", "tỷ đồng", a count noun such as "đô thị", with its
class: "đô thị loại II"), the comparison said before or after ("trên", "tối thiểu", "khoảng",
"không quá", "trở lên") and years ("năm 2025", "đến hết năm 2030", "giai đoạn 2021-2025").

Pure: text in, data out. The one home for both readers of quantities: a plan's targets
(`plans/targets.py`) and the figures officers report (`reports/figures.py`). The words are data
(`COMPARISONS`, `UNITS`, `COUNT_NOUNS`); the regexes are built from them and run on the folded
text (`fold_keep`: same length, so every span maps back to the text as written)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from plans.model import Comparison
from plans.normalize import fold_keep

# a comparison as written before the number → what it means
WRITTEN: tuple[tuple[str, Comparison], ...] = (
    ("trên dưới", "about"),
    ("xấp xỉ", "about"),
    ("khoảng", "about"),
    ("gần", "about"),
    ("tối thiểu", "ge"),
    ("ít nhất", "ge"),
    ("không dưới", "ge"),
    ("không thấp hơn", "ge"),
    ("không ít hơn", "ge"),
    ("từ", "ge"),  # "từ 40% trở lên"; "từ 40% đến 45%" is a range
    ("trên", "gt"),
    ("hơn", "gt"),
    ("vượt", "gt"),
    ("lớn hơn", "gt"),
    ("cao hơn", "gt"),
    ("tối đa", "le"),
    ("không quá", "le"),
    ("không vượt quá", "le"),
    ("không vượt", "le"),
    ("không cao hơn", "le"),
    ("còn", "le"),  # "giảm còn 3%"
    ("dưới", "lt"),
    ("thấp hơn", "lt"),
    ("nhỏ hơn", "lt"),
    ("đạt", "eq"),
    ("bằng", "eq"),
    ("là", "eq"),
    ("lên", "eq"),  # "tăng lên 40%"
)
COMPARISONS: tuple[tuple[str, Comparison], ...] = tuple(
    (fold_keep(written), meaning) for written, meaning in WRITTEN
)
_FORMS: dict[str, set[str]] = {}
for _written, _ in WRITTEN:
    _FORMS.setdefault(fold_keep(_written), set()).add(_written)
# said after the number: "40% trở lên", "3% trở xuống"
AFTER: tuple[tuple[str, Comparison], ...] = (("tro len", "ge"), ("tro xuong", "le"))
SIGNS: dict[str, Comparison] = {
    ">=": "ge",
    "≥": "ge",
    "=>": "ge",
    "<=": "le",
    "≤": "le",
    "=<": "le",
    ">": "gt",
    "<": "lt",
    "~": "about",
    "≈": "about",
    "=": "eq",
}

# units written right after a number (folded) → how they are shown
UNITS: tuple[tuple[str, str], ...] = (
    (r"%\s*/\s*nam", "%/năm"),
    (r"%", "%"),
    (r"phan tram", "%"),
    (r"km\s?²|km2|km vuong", "km²"),
    (r"m\s?²|m\s?2(?!\d)|m vuong|met vuong", "m²"),
    (r"m\s?³|m\s?3(?!\d)|m khoi|met khoi", "m³"),
    (r"km", "km"),
    (r"ha|hecta|hec ta", "ha"),
    (r"nghin ty dong|ngan ty dong", "nghìn tỷ đồng"),
    (r"ty dong", "tỷ đồng"),
    (r"trieu dong\s*/\s*nguoi\s*/\s*nam", "triệu đồng/người/năm"),
    (r"trieu dong", "triệu đồng"),
    (r"ty usd|ty do la", "tỷ USD"),
    (r"trieu usd|trieu do la", "triệu USD"),
    (r"usd|do la my|do la", "USD"),
    (r"mw", "MW"),
    (r"kwh", "kWh"),
    (r"m(?![a-z])", "m"),
)
# nouns that count things ("21 đô thị"): the unit is the noun (with its class when written)
COUNT_NOUNS: tuple[str, ...] = (
    "do thi",
    "xa",
    "phuong",
    "huyen",
    "ho gia dinh",
    "ho",
    "nguoi",
    "lao dong",
    "doanh nghiep",
    "hop tac xa",
    "du an",
    "khu cong nghiep",
    "cum cong nghiep",
    "khu do thi",
    "can ho",
    "can",
    "ngoi nha",
    "nha",
    "truong",
    "tram",
    "giuong benh",
    "giuong",
    "bac si",
    "cong trinh",
    "san pham",
    "luot khach",
    "luot",
    "khach",
    "tuoi",
    "nam",
    "gio",
    "ngay",
    "thu tuc",
    "dich vu cong",
    "tieu chi",
    "diem",
    "lan",
    "tan",
    "chiec",
    "dia phuong",
    "co so",
    "thon",
    "khu pho",
    "cho",
    "cong vien",
    "tuyen",
)
CLASS = r"(?:loai|cap|hang)\s+(?:dac biet|[ivx]{1,4}|\d)(?:\s+tro len)?"
# "10-13 km/km²", "30 giường bệnh/vạn dân", "75 triệu đồng/người/năm"
PER = r"(?:\s*/\s*(?:km2|km²|km|m2|m²|ha|nguoi|nam|van dan|nghin dan|ho|thang|1\.?000 dan|dan))+"

NUMBER = r"\d+(?:[.,]\d+)*"
_NUMBER_TOKEN = re.compile(NUMBER)
_UNIT = "|".join(f"(?:{pattern})" for pattern, _ in UNITS)
_NOUN = "|".join(re.escape(n) for n in sorted(COUNT_NOUNS, key=len, reverse=True))
_WORDS = "|".join(re.escape(w) for w, _ in sorted(COMPARISONS, key=lambda c: -len(c[0])))
_SIGN = "|".join(re.escape(s) for s in sorted(SIGNS, key=len, reverse=True))
_RANGE = r"\s*(?:-|–|—|÷|den|toi)\s*"

QUANTITY = re.compile(
    rf"(?:(?P<words>(?:(?<![a-z])(?:{_WORDS}|muc|o muc)\s*)+)|(?P<sign>{_SIGN})\s*)?"
    rf"(?<![\w/.,\-])(?P<a>{NUMBER})"
    rf"(?:\s*(?P<ua>(?:{_UNIT})(?![a-z])(?:{PER})?))?"
    rf"(?:(?P<range>{_RANGE})(?P<b>{NUMBER})(?:\s*(?P<ub>(?:{_UNIT})(?![a-z])(?:{PER})?))?)?"
    rf"(?![\w/]|[.,]\d)"
    rf"(?:\s+(?P<noun>(?:(?:trieu|nghin|ngan|van|ty)\s+)?(?:{_NOUN})(?![a-z])(?:{PER})?)"
    rf"(?:\s+(?P<cls>{CLASS}))?)?"
    rf"(?P<after>\s+(?:tro len|tro xuong))?"
)
_COMPARISON_WORD = re.compile(rf"(?<![a-z])(?:{_WORDS})(?![a-z])")
YEAR = r"(?:19|20)\d{2}"
# a horizon or an as-of year: "đến năm 2025", "vào năm 2030", "năm 2025", "giai đoạn 2021-2025"
HORIZON = re.compile(
    rf"(?P<lead>(?:(?<![a-z])(?:den het|den cuoi|den|toi|vao|trong|cuoi|het|truoc|tu)\s+)*)"
    rf"(?:(?<![a-z])nam\s+|(?<![a-z])giai doan\s+(?:{YEAR})\s*(?:-|–|den)\s*|(?<=den )"
    rf"|(?<=vao ))(?P<year>{YEAR})(?!\d)"
)
_DOCUMENT_NUMBER = re.compile(r"\d+\s*[-/]\s*[a-zđ]", re.I)


@dataclass(frozen=True)
class Quantity:
    """A quantity found in a text: where, its comparison, value(s) and unit."""

    start: int  # where it starts (its comparison word included)
    number_start: int
    end: int
    comparison: Comparison | None  # None: nothing said (neither word nor sign)
    value: float
    value_max: float | None
    unit: str | None  # as shown: "%", "m²", "đô thị", "đô thị loại II"
    noun_class: str | None = None  # "loại II" of "02 đô thị loại II"
    noun: str | None = None  # the count noun as written after the unit ("80% hộ gia đình")


@dataclass(frozen=True)
class Year:
    start: int
    end: int
    year: int
    lead: str  # the words before it, folded ("den", "vao", "")


def read_number(token: str) -> float | None:
    """A number as Vietnamese writes it: decimal comma, thousands dot ("1.500" is 1500,
    "4,7" is 4.7, "2.500,5" is 2500.5); "41.2" (one dot, not three digits after it) is
    41.2 as phones type it. None when it is not one number."""
    token = token.strip()
    if not re.fullmatch(NUMBER, token):
        return None
    dots, commas = token.count("."), token.count(",")
    if dots and commas:
        decimal = "," if token.rfind(",") > token.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        token = token.replace(thousands, "").replace(decimal, ".")
    elif commas:
        if commas > 1:
            if not re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
                return None
            token = token.replace(",", "")
        else:
            token = token.replace(",", ".")
    elif dots > 1 or re.fullmatch(r"\d{1,3}\.\d{3}", token):
        if not re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
            return None
        token = token.replace(".", "")
    try:
        return float(token)
    except ValueError:
        return None


def unit_of(written: str | None) -> str | None:
    """How a unit written after a number is shown ("m2" → "m²", "km/km2" → "km/km²")."""
    if not written:
        return None
    base, slash, per = written.strip().partition("/")
    folded = fold_keep(base.strip())
    shown = next((shown for pattern, shown in UNITS if re.fullmatch(pattern, folded)), base.strip())
    if not slash:
        return shown
    parts = [p.strip() for p in per.split("/")]
    squares = {"km2": "km²", "m2": "m²"}
    parts = [squares.get(fold_keep(p), p) for p in parts]
    return "/".join([shown, *parts])


def _phrases(text: str, folded: str, start: int, end: int) -> list[tuple[int, Comparison]]:
    """The comparison words in folded[start:end], each with where it starts; a word typed with
    other diacritics than a comparison's is not one ("điện tử" is not "từ", "gắn" not "gần");
    one typed without diacritics is ("tren 40%")."""
    found: list[tuple[int, Comparison]] = []
    for match in _COMPARISON_WORD.finditer(folded, start, end):
        phrase = " ".join(match.group().split())
        written = " ".join(text[match.start() : match.end()].lower().split())
        if written.isascii() or written in _FORMS.get(phrase, set()):
            found.append((match.start(), dict(COMPARISONS)[phrase]))
        else:
            found = []  # the words before a word that is not a comparison are not one either
    return found


def _comparison(phrases: list[tuple[int, Comparison]]) -> Comparison | None:
    """What the words before a number say: the last comparison that says more than "đạt"
    ("đạt trên" → gt, "đạt" alone → eq)."""
    meanings = [meaning for _, meaning in phrases]
    stronger = [m for m in meanings if m != "eq"]
    if stronger:
        return stronger[-1]
    return meanings[-1] if meanings else None


def is_year(value: float, unit: str | None) -> bool:
    return unit is None and value.is_integer() and 1900 <= value <= 2100


def quantities(text: str) -> list[Quantity]:
    """Every quantity in the text, in order; years, document numbers ("06-NQ/TW"), "4G" and
    dates ("30/6/2026") are not quantities."""
    folded = fold_keep(text)
    found: list[Quantity] = []
    for match in QUANTITY.finditer(folded):
        a = read_number(match.group("a"))
        if a is None:
            continue
        number_start = match.start("a")
        if _DOCUMENT_NUMBER.match(folded, number_start) or _in_date(folded, match):
            continue
        if _list_marker(folded, match):
            continue
        b = read_number(match.group("b")) if match.group("b") else None
        unit_group = "ub" if match.group("ub") else "ua"
        unit = (
            unit_of(text[match.start(unit_group) : match.end(unit_group)])
            if match.group(unit_group)
            else None
        )
        noun = match.group("noun")
        noun_class = match.group("cls")
        shown_noun = text[match.start("noun") : match.end("noun")] if noun else None
        shown_class = text[match.start("cls") : match.end("cls")] if noun_class else None
        counted = unit is None and shown_noun is not None
        if counted:
            noun = unit_of(shown_noun) or shown_noun  # "người/km2" → "người/km²"
            unit = f"{noun} {shown_class}" if shown_class else noun
            shown_noun = None
        elif shown_noun is not None and shown_class:
            shown_noun = f"{shown_noun} {shown_class}"
        if is_year(a, unit) or (b is not None and is_year(b, unit)):
            continue
        if b is not None and b < a:
            b = None  # "2021 - 2025" or a list, never a range the wrong way round
        phrases = (
            _phrases(text, folded, match.start("words"), match.end("words"))
            if match.group("words")
            else []
        )
        comparison = SIGNS[match.group("sign")] if match.group("sign") else _comparison(phrases)
        after = (match.group("after") or "").strip()
        if after:
            comparison = dict(AFTER)[" ".join(after.split())]
        if b is not None:
            comparison = "range"
        start = phrases[0][0] if phrases else number_start
        if match.group("sign"):
            start = match.start("sign")
        end = match.end()
        found.append(
            Quantity(
                start,
                number_start,
                end,
                comparison,
                a,
                b,
                unit,
                shown_class if counted else None,
                shown_noun,
            )
        )
    return found


def _list_marker(folded: str, match: re.Match[str]) -> bool:
    """ "(2)" in "…; (2) mật độ dân số …": an item's number, not a quantity."""
    if match.group("ua") or match.group("b") or match.group("noun"):
        return False
    before = folded[max(0, match.start("a") - 1) : match.start("a")]
    after = folded[match.end("a") : match.end("a") + 1]
    return before == "(" and after == ")"


def _in_date(folded: str, match: re.Match[str]) -> bool:
    """The number is part of a date ("30/6/2026", "6/2026") or follows "số" of a document."""
    before = folded[max(0, match.start("a") - 1) : match.start("a")]
    after = folded[match.end("a") : match.end("a") + 1]
    return before == "/" or after == "/"


def years(text: str) -> list[Year]:
    """Every year said with its lead words ("đến năm 2025" → 2025, lead "den")."""
    folded = fold_keep(text)
    return [
        Year(m.start(), m.end(), int(m.group("year")), " ".join(m.group("lead").split()))
        for m in HORIZON.finditer(folded)
    ]


def format_number(value: float, lang: str = "vi") -> str:
    """41.2 → "41,2" (Vietnamese), 1500 → "1.500", 40.0 → "40"."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_quantity(
    comparison: Comparison | None,
    value: float | None,
    value_max: float | None,
    unit: str | None,
    words: dict[str, str],
    lang: str = "vi",
) -> str:
    """ "trên 40%", "4,7–5,1%", "khoảng 21 đô thị", "tối thiểu 32 m²": a target's value as a
    report writes it. `words` maps a comparison to its word in the reader's language."""
    if value is None:
        return ""
    number = format_number(value, lang)
    if value_max is not None:
        number += "–" + format_number(value_max, lang)
    if unit:
        number += unit if unit.startswith("%") else f" {unit}"
    word = words.get(comparison or "", "") if comparison not in (None, "eq", "range") else ""
    return f"{word} {number}".strip()
