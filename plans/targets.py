"""A plan's targets (mục tiêu, chỉ tiêu): the section that states them ("II. MỤC TIÊU",
"2. Mục tiêu cụ thể", "Các chỉ tiêu chủ yếu:") and the tables of targets in an appendix, read
into `TargetDraft`s: each indicator (what is measured), its comparison, value(s) and unit, and
its horizon year ("đến năm 2025 … đến năm 2030" are two targets of one indicator).

How a sentence is read ("Tỷ lệ đô thị hóa đến năm 2025 đạt trên 40%, đến năm 2030 đạt trên
45%"): the quantities in it (`plans.quantities`); each year goes with the value it stands next to
("… 4,7-5,1% vào năm 2025") or the value after it ("đến năm 2030 đạt …"), else the year said last
before (in the sentence, the paragraph, or a lead-in such as "a) Đến năm 2025:" or "Phấn đấu đến
năm 2030:"); the indicator is the words before the value within its clause, without the year
and the verbs ("đạt", "bảo đảm"), or when the value comes first ("100% các đô thị có quy hoạch")
the words after it; a clause that names nothing ("đến năm 2030 đạt trên 45%") goes on with the
indicator before it, and a count by class ("gồm 02 đô thị loại II") is a part of it. A paragraph
of the section with no value at all is a qualitative target, kept as written. The general goals
("Mục tiêu chung", "Quan điểm") are not targets. Pure: paragraphs in, targets out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.text import fold
from plans.assignees import looks_like_agency
from plans.drafting import short_title
from plans.model import Comparison, Frequency, TargetDraft
from plans.normalize import fold_keep
from plans.numbering import Para
from plans.quantities import Quantity, Year, quantities, read_number, years
from plans.reporting import read_clause
from plans.tables import tables_in

_LEVEL = {"roman": 0, "num": 1, "sub": 2, "letter": 3, "paren": 4}
_TARGET_HEAD = re.compile(
    r"^(?:(?:quan diem|muc dich|yeu cau|dinh huong)(?:\s*,\s*|\s+va\s+|\s+)?)*"
    r"(?:cac |mot so |he thong )?(?:muc tieu|chi tieu)(?!\s+(?:chung|tong quat|tong the))"
)
_GENERAL_HEAD = re.compile(
    r"^(?:muc tieu (?:chung|tong quat|tong the|dai han)|quan diem|muc dich|yeu cau|y nghia"
    r"|tam nhin)(?:[\s,:.]|$)"
)
_STOP_HEAD = re.compile(
    r"^(?:cac |nhung )?(?:nhiem vu|giai phap|to chuc thuc hien|kinh phi|phan cong|trach nhiem"
    r"|noi dung|dieu khoan|hieu luc|che do bao cao|kiem tra|phu luc)"
)
# words that open an indicator's clause without naming it, or close it before the value (with
# their diacritics: "có" is not "cơ", "tử" not "từ", "tầng" not "tăng")
_LEAD_WORDS = re.compile(
    r"^(?:[-–+•:,;]\s*|(?:phấn đấu|bảo đảm|đảm bảo|định hướng|mục tiêu|chỉ tiêu|đến|vào|và|gồm"
    r"|trong đó|có|đạt|là|nâng|nâng cao|tăng|nhất là|cụ thể|riêng)(?![\wà-ỹđ])\s*)+"
)
_TRAIL_WORDS = re.compile(
    r"(?:\s*[,:;(]\s*|\s+(?:đạt|là|bằng|ở mức|mức|đạt mức|lên|tăng lên|giảm xuống|xuống|còn"
    r"|giảm còn|chiếm|đạt tỷ lệ|ở|từ|duy trì|tăng|giảm|với|phấn đấu|đạt được|khoảng|gấp))+$"
)
# the words that start an indicator: "tỷ lệ …", "số lượng …", "diện tích …"
_HEAD_WORDS = re.compile(
    r"^(?:ty le|ti le|ty trong|ti trong|so luong|so |dien tich|mat do|tong |thu nhap|toc do"
    r"|gia tri|chi so|nang suat|san luong|kim ngach|von |dan so|quy mo|chieu dai|binh quan"
    r"|kinh te|grdp|muc |thu ngan sach|tuoi tho|he so|chi tieu)"
)
_CONTINUATION_STOP = re.compile(r"^(?:nhat la|trong do|dac biet|bao dam|dam bao|phan dau)")
_SENTENCES = re.compile(r"(?<=[^\d\s.])\.(?=\s+\S)|;")
_SEGMENTS = re.compile(r",\s+")
_BASELINE = re.compile(r"(?:^|\s)len(?:\s+muc)?\s*$")
_TABLE_INDICATOR = re.compile(r"^(?:ten |noi dung |cac )?(?:chi tieu|muc tieu)(?:\s|$)")
_TABLE_UNIT = re.compile(r"^(?:don vi tinh|dvt|don vi do|don vi)$")
_TABLE_OWNER = re.compile(
    r"(?:co quan|don vi)\s*(?:chu tri|theo doi|cung cap|thuc hien|phu trach|chiu trach nhiem)"
    r"|chu tri|phu trach|trach nhiem|theo doi"
)
_TABLE_BASELINE = re.compile(r"thuc hien|hien trang|uoc|co so|goc|da dat|ket qua")
_TABLE_TARGET = re.compile(r"(?:19|20)\d{2}|ke hoach|muc tieu|chi tieu")
_MENTIONS_TARGETS = re.compile(r"chi tieu|muc tieu")


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def read_targets(paras: list[Para], title: str = "") -> list[TargetDraft]:
    """Every target the document states: its targets sections (in the body or an appendix)
    and its tables of targets, in the order they come, each target once. A target whose year
    the text does not say is due by the year the plan's title names ("… năm 2026", "… đến
    năm 2030", "giai đoạn 2025 - 2030")."""
    found: list[TargetDraft] = []
    for start, end, heading in target_sections(paras):
        found += _section_targets(paras[start:end], heading)
    for table in _tables(paras):
        found += targets_of_table(table)
    default = _last_year(title) or _title_span_end(title)
    if default is not None:
        found = [t if t.horizon else t.model_copy(update={"horizon": default}) for t in found]
    return _unique(found)


def _title_span_end(title: str) -> int | None:
    """ "giai đoạn 2025 - 2030" without "năm": its last year."""
    spans = re.findall(r"(?:19|20)\d{2}\s*[-–]\s*((?:19|20)\d{2})", title)
    return int(spans[-1]) if spans else None


def target_sections(paras: list[Para]) -> list[tuple[int, int, Para]]:
    """[start, end) of the content of each targets section, with its heading."""
    sections: list[tuple[int, int, Para]] = []
    index = 0
    while index < len(paras):
        para = paras[index]
        level = _heading_level(para)
        if level is None or not _TARGET_HEAD.match(_head_text(para)):
            index += 1
            continue
        end = index + 1
        while end < len(paras) and not _ends(paras[end], level):
            end += 1
        sections.append((index + 1, end, para))
        index = end
    return sections


def _head_text(para: Para) -> str:
    return fold(para.body).strip(" :.*")


def _heading_level(para: Para) -> float | None:
    """A heading's level (None: not a heading): a numbered part, or a short line of its own
    ("Mục tiêu cụ thể:", "CÁC CHỈ TIÊU CHỦ YẾU")."""
    body = para.body.strip()
    if para.kind in _LEVEL:
        if len(body) <= 120 or body.endswith(":"):
            return _LEVEL[para.kind]
        return None
    if para.kind == "text" and len(body) <= 80 and not quantities(body):
        letters = [c for c in body if c.isalpha()]
        if body.endswith(":") or (letters and all(c.isupper() for c in letters)):
            return 0.5
    return None


def _ends(para: Para, level: float) -> bool:
    """Whether `para` closes a targets section opened at `level`."""
    if para.kind == "row":
        return False
    own = _heading_level(para)
    if own is None:
        return False
    head = _head_text(para)
    if _STOP_HEAD.match(head):
        return True
    if para.kind == "roman":
        return True
    if level == 0.5:  # a line of its own: until the next such line or a numbered heading
        another = own == 0.5 and not _TARGET_HEAD.match(head)
        return another or (own <= 1 and not quantities(para.body))
    return own <= level and not quantities(para.body)


def _section_targets(paras: list[Para], heading: Para) -> list[TargetDraft]:
    """The targets of one section's paragraphs: general parts skipped, lead-ins giving the
    year of what follows them, each paragraph read for its quantities."""
    found: list[TargetDraft] = []
    context: int | None = _last_year(heading.body)
    skipping: float | None = None
    for para in paras:
        if para.kind == "row":
            continue
        level = _heading_level(para)
        head = _head_text(para)
        if skipping is not None:
            marker = _LEVEL.get(para.kind, level)  # "2. Chỉ tiêu …: (1) …" ends it, however long
            if marker is not None and marker <= skipping:
                skipping = None
            else:
                continue
        if level is not None and _GENERAL_HEAD.match(head):
            skipping = level
            continue
        if level is not None and _TARGET_HEAD.match(head) and not quantities(para.body):
            context = _last_year(para.body) or context
            continue
        text = para.body.strip()
        if len(text) < 3:
            continue
        label = _INLINE_HEAD.match(text)
        if label is not None:  # "Chỉ tiêu chủ yếu đến năm 2030: (1) …; (2) …"
            context = _last_year(label.group()) or context
            text = text[label.end() :]
        if _is_lead_in(text):
            context = _last_year(text) or context
            continue
        targets = targets_in_text(text, context)
        if targets:
            found += targets
        elif level is None and _goal_like(text):
            found.append(_qualitative(text, context))
    return found


def _goal_like(text: str) -> bool:
    """A paragraph that states a goal in words (not a table's cell read as a line, an agency's
    name, a number)."""
    words = text.split()
    return len(words) >= 6 and not looks_like_agency(text) and not text.startswith("|")


def _is_lead_in(text: str) -> bool:
    """ "a) Đến năm 2025:", "Phấn đấu đến năm 2030, cụ thể như sau:" — a year for what follows."""
    return bool(years(text)) and not quantities(text) and (len(text) <= 150 or text.endswith(":"))


def _last_year(text: str) -> int | None:
    found = years(text)
    return found[-1].year if found else None


def _qualitative(text: str, context: int | None) -> TargetDraft:
    found = years(text)
    horizon = found[0].year if found else context
    return TargetDraft(indicator=short_title(text, 160), horizon=horizon, text=_one_line(text))


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- one paragraph -------------------------------------------------------------------------------


@dataclass
class _State:
    """What a paragraph's earlier clauses said: the year, the indicator, its comparison."""

    horizon: int | None
    indicator: str | None = None
    parent: str | None = None
    comparison: Comparison | None = None


_INLINE_HEAD = re.compile(
    r"^(?:các |một số )?(?:chỉ tiêu|mục tiêu|chi tieu|muc tieu)[^:;.]{0,80}:\s*", re.I
)
_LIST_MARKER = re.compile(r"^\s*(?:\(\d{1,2}\)|\d{1,2}[.)]|[a-zđ]\))\s+")
_GROUP_LABEL = re.compile(r"^(?:về|ve|đối với|doi voi)\s[^:.;]{1,80}:\s*", re.I)


def targets_in_text(text: str, context: int | None = None) -> list[TargetDraft]:
    """The quantitative targets of one paragraph, `context` the year said before it ("Về kinh
    tế số: …" names a group, not an indicator)."""
    text = _GROUP_LABEL.sub("", _one_line(text))
    state = _State(context)
    found: list[TargetDraft] = []
    for sentence in _split(text, _SENTENCES):
        words = _LIST_MARKER.sub("", text[sentence.start : sentence.end])
        found += _sentence_targets(words, state)
    return found


def _split(text: str, pattern: re.Pattern[str]) -> list[_Span]:
    spans, start = [], 0
    for match in pattern.finditer(text):
        spans.append(_Span(start, match.start()))
        start = match.end()
    spans.append(_Span(start, len(text)))
    return [s for s in spans if text[s.start : s.end].strip()]


def _sentence_targets(sentence: str, state: _State) -> list[TargetDraft]:
    found_values = quantities(sentence)
    said = years(sentence)
    segments = _split(sentence, _SEGMENTS)
    folded = fold_keep(sentence)
    # "tăng từ 30% (năm 2020) lên 40%": 30% is where it starts from, not a target; the
    # indicator is said before it, and its year is the start's
    starts: dict[int, Quantity] = {}
    values: list[Quantity] = []
    for n, q in enumerate(found_values):
        following = found_values[n + 1] if n + 1 < len(found_values) else None
        if (
            following is not None
            and q.comparison == "ge"
            and _BASELINE.search(folded[q.end : following.number_start])
        ):
            starts[n + 1] = q
            continue
        values.append(q)
    cut = {id(found_values[i]): q for i, q in starts.items()}
    said = [
        y
        for y in said
        if not any(q.start <= y.start < found_values[i].number_start for i, q in starts.items())
    ]
    bound = _bind_years(values, said, segments)
    found: list[TargetDraft] = []
    for index, value in enumerate(values):
        horizon = bound.get(index)
        if horizon is None:
            before = [y.year for y in said if y.end <= value.start]
            after = [y.year for y in said if y.start >= value.end]
            horizon = before[-1] if before else state.horizon or (after[0] if after else None)
        target = _target(
            sentence, value, index, values, said, segments, state, horizon, cut.get(id(value))
        )
        if target is not None:
            found.append(target)
    if said:
        state.horizon = said[-1].year
    return found


def _segment_of(position: int, segments: list[_Span]) -> _Span:
    last = segments[-1] if segments else _Span(0, 0)
    return next((s for s in segments if s.start <= position < s.end), last)


def _bind_years(values: list[Quantity], said: list[Year], segments: list[_Span]) -> dict[int, int]:
    """Value index → the year said with it: after it in its clause ("4,7-5,1% vào năm 2025",
    "20% GRDP vào năm 2025"), else before the next value of its clause ("đến năm 2030 đạt trên
    45%")."""
    bound: dict[int, int] = {}
    for year in said:
        segment = _segment_of(year.start, segments)
        before = [
            i for i, q in enumerate(values) if segment.start <= q.start and q.end <= year.start
        ]
        if before and before[-1] not in bound:
            bound[before[-1]] = year.year
            continue
        ahead = [
            i
            for i, q in enumerate(values)
            if q.start >= year.end and q.start < segment.end and i not in bound
        ]
        if ahead:
            bound[ahead[0]] = year.year
    return bound


def _target(
    sentence: str,
    value: Quantity,
    index: int,
    values: list[Quantity],
    said: list[Year],
    segments: list[_Span],
    state: _State,
    horizon: int | None,
    start: Quantity | None = None,
) -> TargetDraft | None:
    segment = _segment_of(value.number_start, segments)
    previous_end = max([q.end for q in values[:index] if q.end > segment.start] + [segment.start])
    end = start.start if start is not None else value.start  # before "từ 30% … lên"
    raw = _without_years(sentence, previous_end, end, said)
    before = _clean(raw)
    subject = _subject(state.indicator)
    if subject and _PREDICATE.match(raw.strip(" ,;").lower()):
        # "… có điện thoại thông minh đạt 90%, có tài khoản thanh toán điện tử đạt 80%"
        before = f"{subject} {_clean_tail(raw)}"
    share = re.search(r"chiem(?:\s+khoang)?\s*$", fold(raw)) is not None  # "chiếm 30% GRDP"
    if before and not _HEAD_WORDS.match(fold(before)):
        before = _joined_with_head(sentence, segment, segments, values, said, before)
    unit = value.unit
    component = value.noun_class is not None and (not before or fold(before) in ("gom", ""))
    indicator: str | None
    if component and state.parent:
        base = unit[: -len(value.noun_class or "")].strip() if unit and value.noun_class else unit
        indicator, unit = f"{state.parent} – {value.unit}", base
    elif before and len(before.split()) >= 2:
        indicator = before
        rest = _rest(sentence, value, segment, segments, said, further=False)
        percent = bool(unit and unit.startswith("%"))
        if value.noun and percent:
            indicator = f"{before} {value.noun}{rest}"
        elif share and rest:
            indicator = f"Tỷ trọng {_lower(before)} trong{rest}"
        elif rest and not _HEAD_WORDS.match(fold(before)) and (percent or value.unit):
            # "Hình thành ít nhất 10 điểm du lịch …": the verb, then what is counted
            counted = "" if percent else f" {value.unit}"
            indicator = f"{before}{counted}{rest}"
    elif before and value.unit and not value.unit.startswith("%") and _counted(value.unit):
        # "đón 15 triệu lượt khách": the number of what is counted
        rest = _rest(sentence, value, segment, segments, said, further=False)
        indicator = f"Số {_counted(value.unit)}{rest}"
    else:
        rest = _rest(sentence, value, segment, segments, said)
        noun = value.noun or ""
        words = _clean(f"{noun}{rest}")
        counted = _counted(unit) if unit and not unit.startswith("%") else None
        if words and len(words.split()) >= 2 and (value.noun or not state.indicator):
            words = re.sub(r"^(?:các|những|số)\s+", "", words)
            indicator = ("Tỷ lệ " + words) if unit and unit.startswith("%") else words
        elif counted and rest.strip():
            # "có ít nhất 2 đô thị được công nhận …": the number of what is counted
            indicator = f"Số {counted}{rest}"
        else:
            indicator = state.indicator
    if not indicator:
        return None
    indicator = _capital(indicator.strip(" ,;:.-–"))
    comparison = value.comparison
    if comparison is None and fold(indicator) == fold(state.indicator or ""):
        comparison = state.comparison
    if not component:
        state.indicator, state.parent, state.comparison = indicator, indicator, comparison
    return TargetDraft(
        indicator=indicator,
        horizon=horizon,
        comparison=comparison or "eq",
        value=value.value,
        value_max=value.value_max,
        unit=unit,
        text=_one_line(sentence[segment.start : segment.end]).strip(" ,;."),
    )


_PREDICATE = re.compile(r"^(?:có|được|sử dụng|tham gia|đạt chuẩn)\s")
_SUBJECT_END = re.compile(r"\s(?:có|được|sử dụng|tham gia|đạt chuẩn)\s")


def _subject(indicator: str | None) -> str | None:
    """ "Tỷ lệ người dân có điện thoại thông minh" → "Tỷ lệ người dân"."""
    if not indicator:
        return None
    match = _SUBJECT_END.search(indicator)
    return indicator[: match.start()] if match else None


def _clean_tail(text: str) -> str:
    """An indicator's words without the verbs after them (its leading predicate kept)."""
    text = " ".join(text.split()).strip(" ,;:.-–")
    trail = _TRAIL_WORDS.search(text.lower())
    return text[: trail.start()].strip(" ,;:.-–") if trail else text


def _without_years(sentence: str, start: int, end: int, said: list[Year]) -> str:
    """sentence[start:end] with the years said in it taken out."""
    parts, at = [], start
    for year in said:
        if year.end <= start or year.start >= end:
            continue
        parts.append(sentence[at : max(at, year.start)])
        at = max(at, year.end)
    parts.append(sentence[at:end])
    return " ".join(" ".join(parts).split())


def _clean(text: str) -> str:
    """An indicator's words without the verbs and marks around them."""
    text = " ".join(text.split()).strip(" ,;:.-–")
    for _ in range(3):
        lower = text.lower()
        lead = _LEAD_WORDS.match(lower)
        if lead and lead.end():
            text = text[lead.end() :]
        trail = _TRAIL_WORDS.search(text.lower())
        if trail and trail.start() < len(text):
            text = text[: trail.start()]
        text = text.strip(" ,;:.-–")
    return text


def _joined_with_head(
    sentence: str,
    segment: _Span,
    segments: list[_Span],
    values: list[Quantity],
    said: list[Year],
    before: str,
) -> str:
    """ "tỷ lệ trạm thu phát sóng …, dùng chung hạ tầng đạt 35-40%": the clauses before the
    value's own that name the indicator (from one that starts with "tỷ lệ", "số lượng" …)."""
    position = segments.index(segment) if segment in segments else 0
    joined: list[str] = []
    for earlier in reversed(segments[:position]):
        if any(earlier.start <= q.number_start < earlier.end for q in values):
            break
        words = _clean(_without_years(sentence, earlier.start, earlier.end, said))
        if not words:
            break
        joined.insert(0, words)
        if _HEAD_WORDS.match(fold(words)):
            return ", ".join([*joined, before])
    return before


def _rest(
    sentence: str,
    value: Quantity,
    segment: _Span,
    segments: list[_Span],
    said: list[Year],
    *,
    further: bool = True,
) -> str:
    """The words after a value that comes first ("100% các đô thị có quy hoạch tổng thể, quy
    hoạch phân khu …"), through the clauses that go on naming it (`further`)."""
    words = _without_years(sentence, value.end, segment.end, said)
    position = segments.index(segment) if segment in segments and further else len(segments)
    for later in segments[position + 1 :]:
        text = sentence[later.start : later.end]
        folded = fold(text)
        if quantities(text) or years(text) or _CONTINUATION_STOP.match(folded):
            break
        if _HEAD_WORDS.match(folded):
            break
        words += ", " + " ".join(text.split())
    return (" " + words.strip(" ,;")) if words.strip(" ,;") else ""


_MULTIPLIER = re.compile(r"^(?:triệu|nghìn|ngàn|vạn|tỷ|trieu|nghin|ngan|van|ty)\s+", re.I)
_COUNT_NOUN = re.compile(r"^(?:lượt|khách|lao động|hộ|người|doanh nghiệp|căn|xã|đô thị|dự án)")


def _counted(unit: str) -> str | None:
    """What a count's unit counts ("triệu lượt khách" → "lượt khách"), None for a measure."""
    noun = _MULTIPLIER.sub("", unit)
    return noun if _COUNT_NOUN.match(noun.lower()) else None


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _unique(targets: list[TargetDraft]) -> list[TargetDraft]:
    """Each target once (an appendix table restating the body's targets adds nothing)."""
    seen: set[tuple[str, int | None, float | None, float | None]] = set()
    result = []
    for target in targets:
        key = (indicator_key(target.indicator), target.horizon, target.value, target.value_max)
        if key in seen:
            continue
        seen.add(key)
        result.append(target)
    return result


def indicator_key(name: str) -> str:
    """Two ways of writing one indicator ("Tỉ lệ" and "Tỷ lệ", spacing, case) as one key."""
    folded = fold(name).replace("ti le", "ty le").replace("ti trong", "ty trong")
    return re.sub(r"[^0-9a-z]+", " ", folded).strip()


# -- tables of targets ---------------------------------------------------------------------------


def _tables(paras: list[Para]) -> list[list[list[str]]]:
    return [t for t in tables_in(paras) if is_targets_table(t)]


@dataclass(frozen=True)
class _Columns:
    header: int
    indicator: int
    values: tuple[tuple[int, int | None], ...]  # (column, its year)
    unit: int | None
    owner: int | None


def _columns(rows: list[list[str]]) -> _Columns | None:
    """The columns of a table of targets: its indicator ("Chỉ tiêu"), the values by horizon
    ("Năm 2025", "Mục tiêu đến 2030"), the unit ("ĐVT") and the agency that follows it."""
    for number, cells in enumerate(rows[:4]):
        folded = [fold(c.replace("<br>", " ")).strip(" .:*") for c in cells]
        indicator = next((i for i, c in enumerate(folded) if _TABLE_INDICATOR.match(c)), None)
        if indicator is None:
            continue
        unit = next((i for i, c in enumerate(folded) if _TABLE_UNIT.match(c)), None)
        owner = next(
            (i for i, c in enumerate(folded) if i != indicator and _TABLE_OWNER.search(c)), None
        )
        values = []
        for i, cell in enumerate(folded):
            if i in (indicator, unit, owner) or not cell or _TABLE_BASELINE.search(cell):
                continue
            if _TABLE_TARGET.search(cell):
                found = re.findall(r"(?:19|20)\d{2}", cell)
                values.append((i, int(found[-1]) if found else None))
        if values:
            return _Columns(number, indicator, tuple(values), unit, owner)
    return None


def is_targets_table(rows: list[list[str]]) -> bool:
    """A table whose header names indicators and their target values (never a task table)."""
    return _columns(rows) is not None


def targets_of_table(rows: list[list[str]]) -> list[TargetDraft]:
    """One target per indicator row and horizon column; a cell that holds no number is not a
    target ("—"), and a group row ("I. Về kinh tế") is not an indicator."""
    columns = _columns(rows)
    if columns is None:
        return []
    found: list[TargetDraft] = []
    for cells in rows[columns.header + 1 :]:
        if len(cells) <= columns.indicator:
            continue
        indicator = _one_line(cells[columns.indicator].replace("<br>", " ")).strip(" .:;")
        if not indicator or re.fullmatch(r"\(?\d+\)?", indicator):
            continue  # the column numbers "(1) (2) (3)" under a header
        unit_cell = (
            _one_line(cells[columns.unit].replace("<br>", " "))
            if columns.unit is not None and columns.unit < len(cells)
            else ""
        )
        owner = (
            _one_line(cells[columns.owner].replace("<br>", " ")).strip(" .;") or None
            if columns.owner is not None and columns.owner < len(cells)
            else None
        )
        for column, year in columns.values:
            if column >= len(cells):
                continue
            cell = _one_line(cells[column].replace("<br>", " "))
            target = _cell_target(indicator, cell, unit_cell, year, owner)
            if target is not None:
                found.append(target)
    return found


def _cell_target(
    indicator: str, cell: str, unit: str, year: int | None, owner: str | None
) -> TargetDraft | None:
    found = quantities(cell)
    if not found:
        number = read_number(cell.strip(" ≥≤><~"))
        if number is None:
            return None
        found = quantities(f"{cell} ")
        if not found:
            return None
    value = found[0]
    shown_unit = value.unit or (_unit_text(unit) if unit else None)
    return TargetDraft(
        indicator=_capital(indicator),
        horizon=year,
        comparison=value.comparison if value.comparison not in (None,) else "eq",
        value=value.value,
        value_max=value.value_max,
        unit=shown_unit,
        text=f"{indicator}: {cell}",
        owner=owner,
    )


def _unit_text(unit: str) -> str:
    unit = unit.strip(" ()")
    folded = fold(unit)
    if folded in ("%", "phan tram", "ty le %", "ty le"):
        return "%"
    if folded in ("m2", "m 2"):
        return "m²"
    return unit


# -- when the figures are collected --------------------------------------------------------------


def target_frequencies(paragraphs: list[str]) -> list[Frequency] | None:
    """The kinds of period the plan asks its targets' figures for ("định kỳ hằng năm đánh giá
    kết quả thực hiện các chỉ tiêu"), None when it says nothing of them."""
    for paragraph in paragraphs:
        for sentence in re.split(r"(?<=[.;])\s+", paragraph):
            if not _MENTIONS_TARGETS.search(fold(sentence)):
                continue
            clause = read_clause(sentence)
            if clause is not None and clause.kinds:
                kinds = [k for k in clause.kinds if k != "monthly"]
                if kinds:
                    return kinds
    return None
