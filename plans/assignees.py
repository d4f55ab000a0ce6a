"""Split an assignment phrase ("Sở X chủ trì, phối hợp Y ...") into lead and supporting agencies."""

from __future__ import annotations

import re
from typing import NamedTuple

from rapidfuzz import fuzz, process

from domain.text import fold, nfc
from plans.normalize import fold_keep


class Assignment(NamedTuple):
    """Lead and supporting agencies of one task, as written (cleaned)."""

    lead: list[str]
    support: list[str]


# Collective phrases that contain commas or "và" but name one group: never split inside them.
_GROUPS = [
    re.compile(p)
    for p in (
        r"(?:(?:uy ban|dang doan)(?: uy ban)? (?:mttq|mat tran to quoc)"
        r"(?: viet nam| vn)?(?: tinh)?)"
        r"\s*(?:,|va|, va)\s*cac (?:to chuc chinh tri\s*-\s*xa hoi|doan the chinh tri\s*-\s*xa hoi"
        r"|doan the)(?: (?:tinh|cap tinh|cac cap))?",
        r"cac cap uy,? (?:to chuc dang|chinh quyen|dang)(?: (?:truc thuoc(?: tinh uy| thanh uy"
        r"| huyen uy| tinh)?|cac cap|dia phuong))?",
        r"(?:ubnd|uy ban nhan dan) (?:cac )?(?:huyen|thi xa|thanh pho|quan|xa|phuong)"
        r"(?:,? (?:va )?(?:huyen|thi xa|thanh pho|quan|xa|phuong|thi tran))*"
        r"(?: (?:thuoc tinh|tren dia ban tinh|lien quan))?",
        r"cac (?:huyen|thanh|thi)(?: uy)?(?:,? (?:huyen|thanh|thi)(?: uy)?)*,? (?:va )?dang uy"
        r" truc thuoc(?: tinh uy| tinh)?",
        r"cac (?:huyen|thanh|thi) uy(?:,? (?:va )?(?:huyen|thanh|thi|dang) uy)+(?: truc thuoc)?",
        r"cac so,? (?:ban,? )?nganh(?:,? (?:va )?(?:doan the|dia phuong|co quan|don vi))*"
        r"(?: (?:cap tinh|thuoc ubnd tinh|co lien quan|lien quan|tinh))?",
        r"cac ban can su dang,? dang doan(?:,? (?:va )?dang uy truc thuoc(?: tinh uy)?)?",
        # "Ủy ban kiểm tra Tỉnh ủy", often with a lower-case "kiểm tra": a name, not a verb.
        r"(?:uy ban|ubkt) kiem tra(?: (?:tinh uy|thanh uy|dang uy|cac cap|dang bo))?",
        r"cac (?:co quan|don vi|dia phuong|ban|nganh)(?:,? (?:va )?(?:co quan|don vi|dia phuong"
        r"|ban|nganh|to chuc|doanh nghiep))+(?: (?:co lien quan|lien quan|tren dia ban(?: tinh)?"
        r"|truc thuoc))?",
    )
]

# Words that may start an agency name (folded); they must be capitalised in the text.
_HEADS = re.compile(
    r"(?:so|ban|bo|uy ban|ubnd|hdnd|ub|hoi dong|van phong|cong an|thanh tra|[dpb]ang doan"
    r"|[dpb]ang uy|tinh doan|tinh uy|thanh uy|huyen uy|thi uy|mat tran|mttq|kho bac|ngan hang"
    r"|trung tam|cuc|chi cuc|lien doan"
    r"|hoi (?:lien hiep|nong dan|cuu chien binh|chu thap do|nha bao)"
    r"|bo chi huy|bao hiem xa hoi|bao(?! (?:dam|ve|cao|tri|quan|luu|gom|dong))"
    r"|dai phat thanh|truong|benh vien|quy|cong ty|tong cong ty"
    r"|vien|chi nhanh|thu truong|chu tich|giam doc|toa an|vien kiem sat|cuc thue|doan"
    r"|lien minh|thuong truc|tt|vp|bql|ban quan ly|cac|nhung)(?![a-z])"
)
_LOWER_GROUP_WORDS = {
    "sở", "ban", "ngành", "cơ", "đơn", "địa", "huyện", "tổ", "cấp", "phòng", "đoàn", "hội",
    "doanh", "thành", "thị", "xã", "phường", "quận", "đảng",
}  # fmt: skip

_VERBS = re.compile(
    r"(?<![a-z])(?:to chuc(?! (?:dang|chinh tri|xa hoi|hoi|doan))|trien khai|thuc hien|chi dao"
    r"|lanh dao|tham muu|theo doi|xay dung|chu dong|tang cuong|tiep tuc|ra soat|nghien cuu"
    r"|co trach nhiem|can cu|ban hanh|huong dan|tap trung|day manh|day nhanh|quan triet"
    r"|tuyen truyen|kiem tra|giam sat|don doc|bo tri|phat huy|nang cao|thuong xuyen|dinh ky"
    r"|khan truong|can phai|duoc giao|theo chuc nang|theo linh vuc|theo tham quyen|trong pham vi"
    r"|tong hop|bao cao|de xuat|hoan thien|hoan thanh|dam bao|bao dam|tham gia"
    r"|van dong|ung dung|quan ly|phan dau|uu tien|quan tam|cap nhat|tiep thu|thong nhat|cung cap"
    r"|doi voi|tren co so|nham|gom|chiu trach nhiem"
    r"|la (?:co quan|don vi|dau moi|thuong truc))(?![a-z])"
)
_NOUN_BEFORE = re.compile(r"(?:cac|nhung|va|cap uy,|cap uy)\s*$")
_CHU_TRI = re.compile(r"(?<![a-z])chu tri(?![a-z])")
_PHOI_HOP = re.compile(r"(?<![a-z])phoi hop(?: chat che)?(?: voi)?(?![a-z])")
_LEADING = re.compile(
    r"^(?:phan cong(?: thuc hien)?|(?:co quan|don vi) (?:chu tri|thuc hien|phoi hop)|chu tri"
    r"|phoi hop|trach nhiem(?: thuc hien)?|giao cho|giao|de nghi|yeu cau|voi|va)(?![a-z])\s*:?\s*",
)
_PARENS = re.compile(r"\s*\([^()]*\)")
_SPLIT = re.compile(r"\s*[,;]\s*|\s+va\s+|\s*\n\s*|\s*<br\s*/?>\s*")

# Common provincial agencies, used only to restore names that lost their diacritics (OCR).
VOCABULARY = [
    "các cấp ủy, tổ chức đảng trực thuộc Tỉnh ủy",
    "các cấp ủy, chính quyền địa phương",
    "các sở, ban ngành",
    "các cơ quan, đơn vị, địa phương liên quan",
    "UBND các huyện, thị xã, thành phố",
    "các huyện, thành, thị ủy, đảng ủy trực thuộc",
    "các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
    "Ban cán sự đảng UBND tỉnh",
    "Đảng đoàn HĐND tỉnh",
    "Đảng đoàn Ủy ban MTTQ Việt Nam tỉnh",
    "Ủy ban MTTQ Việt Nam tỉnh",
    "Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội tỉnh",
    "Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội",
    "Đảng đoàn Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh",
    "UBND tỉnh",
    "HĐND tỉnh",
    "Thường trực Tỉnh ủy",
    "Ban Thường vụ Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "Văn phòng UBND tỉnh",
    "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy",
    "Ban Nội chính Tỉnh ủy",
    "Ban Kinh tế Tỉnh ủy",
    "Sở Xây dựng",
    "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính",
    "Sở Tài nguyên và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Nông nghiệp và Môi trường",
    "Sở Giao thông vận tải",
    "Sở Công Thương",
    "Sở Thông tin và Truyền thông",
    "Sở Khoa học và Công nghệ",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Ngoại vụ",
    "Thanh tra tỉnh",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Ban Quản lý Khu kinh tế",
    "Tỉnh đoàn",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Hội Nông dân tỉnh",
    "Hội Cựu chiến binh tỉnh",
    "Liên đoàn Lao động tỉnh",
    "Kho bạc Nhà nước tỉnh",
    "Cục Thuế tỉnh",
    "Bảo hiểm xã hội tỉnh",
]
_VOCAB_FOLDED = [fold(v) for v in VOCABULARY]


def _protected(folded: str) -> list[tuple[int, int]]:
    """Spans of collective group phrases in a folded string (non-overlapping, longest first)."""
    spans: list[tuple[int, int]] = []
    found = [m.span() for g in _GROUPS for m in g.finditer(folded)]
    for start, end in sorted(found, key=lambda s: s[0] - s[1]):
        if all(end <= a or start >= b for a, b in spans):
            spans.append((start, end))
    return sorted(spans)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _first_verb(text: str, folded: str, spans: list[tuple[int, int]], start: int = 0) -> int:
    """Position of the first lower-case verb at or after `start` (len(text) if none)."""
    for match in _VERBS.finditer(folded, start):
        pos = match.start()
        if pos == 0 or _inside(pos, spans) or not text[pos].islower():
            continue
        if match.group().startswith("to chuc") and _NOUN_BEFORE.search(folded[:pos]):
            continue
        return pos
    return len(text)


def _starts_agency(text: str) -> bool:
    """True when `text` starts like an agency name (capitalised head word, or "các ...")."""
    folded = fold_keep(text)
    match = _HEADS.match(folded)
    if not match:
        return False
    if match.group() in ("cac", "nhung"):
        rest = text[match.end() :].lstrip()
        return bool(rest) and (rest[0].islower() or bool(_protected(fold_keep(text))))
    return text[:1].isupper()


def looks_like_agency(text: str) -> bool:
    """True when a paragraph starts by naming an agency (possibly after "Giao"/"Đề nghị")."""
    text = nfc(text).strip()
    stripped = _LEADING.sub("", fold_keep(text), count=1)
    text = text[len(text) - len(stripped) :] if stripped != fold_keep(text) else text
    return _starts_agency(text) and not fold_keep(text).startswith(("cac nhiem vu", "cac chi tieu"))


def clean_agency(name: str) -> str:
    """Tidy one agency name: parentheticals, stray punctuation, "uỷ" spelling, group casing."""
    name = nfc(name)
    while _PARENS.search(name):
        name = _PARENS.sub("", name)
    name = name.replace("(", " ").replace(")", " ")
    name = " ".join(name.split()).strip(" ,;.:-–")
    name = re.sub(r"(?i)^(?:với|và|cùng|cho)\s+", "", name)
    name = name.replace("uỷ", "ủy").replace("Uỷ", "Ủy").replace("UỶ", "ỦY")
    name = re.sub(r"\b(\w+)( \1\b)+", r"\1", name)
    words = name.split(" ")
    if words and words[0].lower() in ("các", "những"):
        words[0] = words[0].lower()
        if len(words) > 1 and words[1].lower().strip(",") in _LOWER_GROUP_WORDS:
            words[1] = words[1].lower()
    return " ".join(words)


# "UBND các phường: Nghĩa Lộ, Cẩm Thành và Trương Quang Trọng": named communes and wards.
_UNIT_LEVEL = r"(?:xa|phuong|dac khu|thi tran)"
_NAMED_UNITS = re.compile(
    rf"(?:ubnd|uy ban nhan dan) cac ({_UNIT_LEVEL}(?:\s*,?\s*(?:va )?{_UNIT_LEVEL})*)\s*:?\s*"
)
_UNIT_NAMES = re.compile(r"\s*,\s*|\s+và\s+|\s+va\s+")


def _named_units(text: str) -> list[str] | None:
    """ "UBND các phường: A, B, C" → ["UBND phường A", "UBND phường B", "UBND phường C"]
    (the names must be capitalised; a bare "UBND các xã, phường" is the group, None)."""
    folded = fold_keep(text)
    match = _NAMED_UNITS.search(folded)
    if match is None or not text[match.end() : match.end() + 1].isupper():
        return None
    levels = re.findall(_UNIT_LEVEL, match.group(1))
    level = {"xa": "xã", "phuong": "phường", "dac khu": "đặc khu", "thi tran": "thị trấn"}[
        levels[0]
    ]
    head = f"UBND {level}" if len(set(levels)) == 1 else "UBND xã, phường"
    rest = text[match.end() :]
    end = len(rest)
    for stop in (";", "\n", "("):
        if stop in rest:
            end = min(end, rest.index(stop))
    names = [n.strip(" .:") for n in _UNIT_NAMES.split(rest[:end])]
    units = [f"{head} {n}" for n in names if n and n[0].isupper()]
    if not units:
        return None
    before = split_agencies(text[: match.start()]) if match.start() else []
    after = split_agencies(rest[end:]) if rest[end:].strip(" ;.") else []
    return [*before, *units, *after]


def split_agencies(text: str) -> list[str]:
    """Split a list of agency names on ",", ";", "và" only where a new agency starts."""
    text = nfc(text).strip(" ,;.:")
    if not text:
        return []
    named = _named_units(text)
    if named is not None:
        return named
    folded = fold_keep(text)
    spans = _protected(folded)
    pieces: list[str] = []
    start = 0
    for match in _SPLIT.finditer(folded):
        if _inside(match.start(), spans) or _inside(match.end() - 1, spans):
            continue
        right = text[match.end() :]
        hard = ";" in match.group() or "\n" in match.group() or "<" in match.group()
        if hard or _starts_agency(right) or _inside(match.end(), spans):
            pieces.append(text[start : match.start()])
            start = match.end()
    pieces.append(text[start:])
    names = [clean_agency(p) for p in pieces]
    return [n for n in names if n and any(c.isalpha() for c in n)]


def _strip_leading(text: str) -> str:
    """Drop labels like "Phân công thực hiện:", "Giao" before the agencies."""
    while True:
        folded = fold_keep(text)
        match = _LEADING.match(folded)
        if not match or not match.group():
            return text
        text = text[match.end() :]


def split_assignees(phrase: str) -> Assignment:
    """Split an assignment phrase into lead and supporting agency names."""
    text = nfc(phrase or "").replace("\n", " ").strip()
    while _PARENS.search(text):
        text = _PARENS.sub("", text)
    text = " ".join(text.split())
    text = _strip_leading(text).strip(" .;")
    if not text:
        return Assignment([], [])
    folded = fold_keep(text)
    spans = _protected(folded)
    chu_tri = next((m for m in _CHU_TRI.finditer(folded) if not _inside(m.start(), spans)), None)
    verb = _first_verb(text, folded, spans)
    phoi_hop = next((m for m in _PHOI_HOP.finditer(folded) if not _inside(m.start(), spans)), None)
    if chu_tri and chu_tri.start() <= verb:
        lead_text = text[: chu_tri.start()]
        rest_start = chu_tri.end()
        support_text = ""
        if phoi_hop and phoi_hop.start() >= rest_start:
            between = text[rest_start : phoi_hop.start()].strip(" ,;")
            if between and _starts_agency(between):
                support_text = between  # "X chủ trì; Y phối hợp"
            else:
                end = _first_verb(text, folded, spans, phoi_hop.end())
                support_text = text[phoi_hop.end() : end]
        return Assignment(split_agencies(lead_text), split_agencies(support_text))
    if phoi_hop and phoi_hop.start() < verb:
        end = _first_verb(text, folded, spans, phoi_hop.end())
        return Assignment(
            split_agencies(text[: phoi_hop.start()]), split_agencies(text[phoi_hop.end() : end])
        )
    head = text[:verb]
    if not _starts_agency(head.strip()):
        return Assignment([], [])
    return Assignment(split_agencies(head), [])


def restore_agency(name: str, *, cutoff: float = 80.0) -> str | None:
    """Best match in the built-in vocabulary for a name whose diacritics were lost (OCR)."""
    folded = fold(name)
    if not folded:
        return None
    best = process.extractOne(folded, _VOCAB_FOLDED, scorer=fuzz.ratio, score_cutoff=cutoff)
    if best is None:
        return None
    return VOCABULARY[best[2]]
