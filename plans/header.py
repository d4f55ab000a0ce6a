"""The plan's own details from the head of its text: number, date line, issuer, title; and
whether the text is a news write-up of the document."""

from __future__ import annotations

import re
from datetime import date

from domain.text import fold
from plans.coordinator import coordinator
from plans.drafting import Context
from plans.model import PlanInfo
from plans.normalize import fold_keep, is_caps
from plans.quality import lost_diacritics

_NUMBER = r"(\d{1,5}\s*[/-]\s*[A-Za-zĐđ0-9]+(?:\s*[-/]\s*[A-Za-zĐđ0-9]+)*)"
_NUMBER_LINE = re.compile(r"^\W{0,4}s[oố6ô]\s*:?\s*" + _NUMBER, re.I)
ISSUED_NUMBER = re.compile(
    r"ban hành\s+(?:Kế hoạch|Chương trình(?: hành động)?|Kết luận|Nghị quyết|Chỉ thị|Đề án"
    r"|Quyết định)\s+số\s+" + _NUMBER,
    re.I,
)
_DATE_WORDS = re.compile(r"ng[aà]y\s+(\d{1,2})\s+th[aá]ng\s+(\d{1,2})\s+n[aăắ]m\s+(\d{4})", re.I)
NEWS_DATE = re.compile(r"^Ngày\s+(\d{1,2})/(\d{1,2})/(\d{4}),", re.I)
_DOC_TYPES = re.compile(
    r"^(?:ke hoach|chuong trinh hanh dong|chuong trinh|ket luan|de an|chi thi|nghi quyet"
    r"|quyet dinh)(?:\s|$)"
)
_PLACE = re.compile(
    r"(?:tỉnh|thành phố)\s+((?:[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*)(?:\s+[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*){0,2})"
)


def _pretty_issuer(line: str) -> str:
    """ "TỈNH ỦY HÀ TĨNH" → "Tỉnh ủy Hà Tĩnh"; "ỦY BAN NHÂN DÂN TỈNH X" → "UBND tỉnh X"."""
    line = re.split(r"(?i)\s+(?:đảng|dang|pang|bang)\s+c[oộ]ng\s+s[aả]n", line)[0].strip(" *,")
    words = line.split()
    folded = fold(line)
    known = [
        ("uy ban nhan dan tinh", "UBND tỉnh", 5),
        ("ubnd tinh", "UBND tỉnh", 2),
        ("hoi dong nhan dan tinh", "HĐND tỉnh", 5),
        ("ban thuong vu tinh uy", "Ban Thường vụ Tỉnh ủy", 5),
        ("tinh uy", "Tỉnh ủy", 2),
        ("thanh uy", "Thành ủy", 2),
        ("uy ban nhan dan thanh pho", "UBND thành phố", 6),
    ]
    for key, pretty, count in known:
        if folded.startswith(key):
            if not is_caps(line):
                return line
            place = " ".join(w.lower().capitalize() for w in words[count:])
            return f"{pretty} {place}".strip()
    if is_caps(line):
        lowered = line.lower()
        return lowered[:1].upper() + lowered[1:]
    return line


def _is_date_line(para: str, start: int) -> bool:
    """ "Quảng Ngãi, ngày 12 tháng 3 năm 2026": a place and the date, not a "Căn cứ Luật … ngày …
    năm 2025" line or a sentence that mentions a date."""
    before = para[:start].strip(" *()")
    folded = fold(before)
    if len(para) > 90 or folded.startswith(("can cu", "theo", "thuc hien", "ban hanh")):
        return False
    return not before or (before.endswith(",") and len(before) <= 45) or len(before) <= 3


def _with_place(line: str, following: list[str]) -> str:
    """ "ỦY BAN NHÂN DÂN" on one line and "TỈNH QUẢNG NGÃI" on the next read as one issuer."""
    if re.search(r"(?:tinh|thanh pho|xa|phuong)\s+\S", fold(line)):
        return line
    for nxt in following:
        if is_caps(nxt) and re.match(r"(?:tinh|thanh pho)\s+\S", fold(nxt)) and len(nxt) < 40:
            return f"{line} {nxt}"
    return line


_ATTACHED_TO = re.compile(r"\s*\((?:ban hành )?kèm theo\b.*$", re.I | re.S)


_MENTIONED_NUMBER = re.compile(
    r"(?:ke hoach|chuong trinh(?: hanh dong)?|ket luan|quyet dinh|de an)\s+so\s+"
    r"(\d{1,5}\s*[/-]\s*[a-z0-9]+(?:\s*[-/]\s*[a-z0-9]+)*)"
    r"(?:\s*(?:,\s*)?ngay\s+(\d{1,2})\s*(?:/|\s+thang\s+)\s*(\d{1,2})\s*(?:/|\s+nam\s+)"
    r"\s*(\d{4}))?"
)
_LIST_HEADING = ("danh muc", "phu luc", "kem theo", "ban hanh kem theo", "bang theo doi")


def mentioned_number(text: str) -> tuple[str, date | None]:
    """The first document a text names by its number ("… Kế hoạch số 151/KH-UBND ngày
    22/9/2022 …"): its number and date, ("", None) when none."""
    match = _MENTIONED_NUMBER.search(fold_keep(text))
    if match is None:
        return "", None
    number = re.sub(r"\s+", "", text[match.start(1) : match.end(1)])
    on = None
    if match.group(2):
        on = _safe_day(int(match.group(4)), int(match.group(3)), int(match.group(2)))
    return number, on


def _number_mentioned(head: list[str], *, listing: bool = False) -> tuple[str, date | None]:
    """ "DANH MỤC NHIỆM VỤ … KẾ HOẠCH SỐ 142/KH-UBND NGÀY 20/4/2026": the plan a list belongs to,
    when a heading names it (spreadsheets and appendices sent on their own). In a bare list
    (`listing`: title rows over a task table) any title row may name it, in a sentence:
    "Triển khai Kế hoạch số 87/KH-UBND ngày 15/3/2026 của UBND tỉnh …"."""
    for para in head[:8]:
        if len(para) > 300 or para.startswith("|"):
            continue
        heading = is_caps(para) or fold(para).lstrip("(").startswith(_LIST_HEADING)
        if not (heading or listing):
            continue
        number, on = mentioned_number(para)
        if number:
            return number, on
    return "", None


def _safe_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _place_of(text: str) -> str | None:
    match = _PLACE.search(text)
    return match.group(1) if match else None


def plan_info(paras: list[str], ctx: Context, *, listing: bool = False) -> PlanInfo:
    """Number, date, issuer, title and coordinator from the head of the text; `listing`: the
    document is a bare task list (title rows over a table), whose title rows name its plan."""
    head = paras[:40]
    number = ""
    issued_on: date | None = None
    place: str | None = None
    issuer = ""
    for index, para in enumerate(head):
        match = _NUMBER_LINE.match(fold_keep(para)) if len(para) < 60 else None
        if match and not number:
            number = re.sub(r"\s+", "", para[match.start(1) : match.end(1)])
        date_match = _DATE_WORDS.search(para)
        if date_match and issued_on is None and _is_date_line(para, date_match.start()):
            day, month, year = (int(g) for g in date_match.groups())
            try:
                issued_on = date(year, month, day)
            except ValueError:
                issued_on = None
            place = para[: para.find(",")].strip(" )*(") if "," in para else None
        if not issuer and is_caps(para) and len(para.split()) <= 12:
            folded = fold(para)
            if re.match(r"(?:tinh uy|thanh uy|uy ban nhan dan|ubnd|hoi dong nhan dan)", folded):
                issuer = _pretty_issuer(_with_place(para, head[index + 1 : index + 12]))
    if not number:
        number, mentioned_on = _number_mentioned(head, listing=listing)
        issued_on = issued_on or mentioned_on
    news = next((p for p in head if ISSUED_NUMBER.search(p)), None)
    if news:
        match = ISSUED_NUMBER.search(news)
        if match and not number:
            number = re.sub(r"\s+", "", match.group(1))
        date_match = NEWS_DATE.match(news)
        if date_match and issued_on is None:
            day, month, year = (int(g) for g in date_match.groups())
            try:
                issued_on = date(year, month, day)
            except ValueError:
                issued_on = None
    title = ""
    caps_after: list[str] = []
    for index, para in enumerate(head):
        if is_caps(para) and _DOC_TYPES.match(fold(para)):
            for follower in head[index + 1 : index + 6]:
                if is_caps(follower):
                    caps_after.append(follower)
                    continue
                title = follower
                break
            break
    if not title and news:
        match = re.search(r"số\s+\S+\s+(về\s.+?)(?:\s*\([^()]*\))?\.(?:\s|$)", news)
        if match:
            title = match.group(1)
    title = _ATTACHED_TO.sub("", title).strip()
    title = re.split(r"\s+(?=Căn cứ\s)", title)[0].strip()
    title = re.split(r"(?<=[^\s.])\.\s+(?=[A-ZĐÀ-Ỹ])", title, maxsplit=1)[0].strip()
    title = title[:1].upper() + title[1:] if title else ""
    for caps in caps_after:
        folded = fold(caps)
        if folded.startswith("cua "):
            issuer = _pretty_issuer(caps[4:].strip())
    if not issuer and news:
        match = re.search(r"(?:^|,\s*)([A-ZĐ][^,]{2,60}?)\s+(?:đã\s+)?ban hành", news)
        if match:
            issuer = match.group(1)
    if not issuer:
        match = next(
            (re.search(r"\b(UBND tỉnh|Ủy ban nhân dân tỉnh)\s+ban hành", p) for p in head), None
        )
        if match or re.search(r"(?i)[-/](?:UBND)$", number):
            issuer = "UBND tỉnh"
        elif re.search(r"(?i)/TU$", number):
            issuer = "Tỉnh ủy"
    if issuer and re.search(r"(?:^| )tinh(?: uy)?$", fold(issuer)):
        place = (
            place or _place_of(title) or next((_place_of(p) for p in head if _place_of(p)), None)
        )
        if place and fold(place) not in fold(issuer) and not lost_diacritics("\n".join(head)):
            issuer = f"{issuer} {place}"
    if not number:
        ctx.warn("no_number")
    return PlanInfo(
        number=number,
        title=title,
        issuer=issuer,
        issued_on=issued_on,
        coordinator=coordinator(paras),
    )


def is_news(paras: list[str]) -> bool:
    """A news write-up of a document rather than the document: no header, "đã ban hành" lead."""
    head = paras[:3]
    return any(ISSUED_NUMBER.search(p) and NEWS_DATE.match(p) for p in head) or any(
        re.search(r"(?i)\bảnh\s*:", p) for p in paras[:12]
    )
