"""Plan document importer: .txt/.md/.docx/.pdf bytes → PlanDraft (tasks, assignees, timeframes)."""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import PurePath

from domain.text import fold
from plans.assignees import (
    clean_agency,
    looks_like_agency,
    restore_agency,
    split_agencies,
    split_assignees,
)
from plans.columns import header_map
from plans.docx_reader import docx_text
from plans.errors import DocumentError
from plans.frame import frame_of
from plans.limits import DEFAULT_LIMITS, ReadLimits
from plans.model import (
    DraftWarning,
    Frequency,
    IssuingAct,
    PlanDraft,
    PlanInfo,
    ReportingSchedule,
    TaskDraft,
)
from plans.normalize import fold_keep, is_caps, normalize_text, paragraphs
from plans.pdf_columns import text_layout_tables
from plans.pdf_reader import pdf_text
from plans.quality import document_quality
from plans.sheet_reader import csv_text, looks_like_csv, xlsx_text
from plans.timeframe import due_date

ERROR_CODES = (
    "empty",
    "binary",
    "too_large",
    "corrupt_docx",
    "corrupt_xlsx",
    "encrypted",
    "unsupported_format",
    "no_tasks",
    "no_columns",
    "pdf_no_text",
    "zip_bomb",
    "too_many_paragraphs",
    "too_many_pages",
    "timeout",
    "too_much_memory",
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_EXTS = {".txt", ".md", ".markdown", ".text", ""}
_CSV_EXTS = {".csv", ".tsv"}
_UNSUPPORTED = (".yaml", ".yml", ".doc", ".xls", ".odt", ".ods", ".rtf", ".ppt", ".pptx")

__all__ = ["DocumentError", "parse_text", "read_document"]


# ---------------------------------------------------------------- reading bytes


def read_document(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = 20_000_000,
    limits: ReadLimits | None = None,
) -> PlanDraft:
    """Read an uploaded plan document (.docx, .pdf, .xlsx, .csv, .txt, .md) into a draft."""
    limits = limits or replace(DEFAULT_LIMITS, max_bytes=max_bytes)
    text, wrapped = extract_text(data, filename, limits)
    return parse_framed(text, wrapped=wrapped)


def extract_text(
    data: bytes, filename: str, limits: ReadLimits = DEFAULT_LIMITS
) -> tuple[str, bool | None]:
    """The document's text in reading order (tables as pipe rows), and whether its physical
    lines are wrapped mid-paragraph (False for .docx/.xlsx, None: find out)."""
    if not data or not data.strip():
        raise DocumentError("empty")
    if len(data) > limits.max_bytes:
        raise DocumentError("too_large", size=len(data), max_bytes=limits.max_bytes)
    ext = PurePath(filename or "").suffix.lower()
    if ext in _UNSUPPORTED:
        raise DocumentError("unsupported_format", format=ext.lstrip("."))
    if data.startswith(_OLE2):
        if ext in (".docx", ".xlsx"):
            raise DocumentError("encrypted", format=ext.lstrip("."))
        raise DocumentError("unsupported_format", format=ext.lstrip(".") or "ole2")
    if ext == ".pdf" or data.startswith(b"%PDF"):
        return pdf_text(data, limits), None
    if data.startswith(b"PK\x03\x04") or ext in (".docx", ".xlsx"):
        members = _zip_names(data)
        if ext == ".xlsx" or (ext != ".docx" and "xl/workbook.xml" in members):
            return xlsx_text(data, limits), False
        if ext == ".docx" or "word/document.xml" in members:
            return docx_text(data, limits), False
        raise DocumentError("unsupported_format", format=ext.lstrip(".") or "zip")
    if ext not in _TEXT_EXTS | _CSV_EXTS:
        raise DocumentError("unsupported_format", format=ext.lstrip("."))
    text = _decode_text(data)
    if ext in _CSV_EXTS or looks_like_csv(text):
        return csv_text(text, limits), False
    if text.count("\n") > limits.max_paragraphs * 4:
        raise DocumentError(
            "too_many_paragraphs", count=text.count("\n"), limit=limits.max_paragraphs
        )
    return text_layout_tables(text), None


def document_text(data: bytes, filename: str, *, max_bytes: int = 20_000_000) -> str:
    """Extract normalised text (tables as pipe rows) from an uploaded document."""
    text, wrapped = extract_text(data, filename, replace(DEFAULT_LIMITS, max_bytes=max_bytes))
    return normalize_text(text, wrapped=wrapped)


def _zip_names(data: bytes) -> set[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist()[:5000])
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return set()


def _decode_text(data: bytes) -> str:
    """Decode text bytes: UTF-8 (BOM or not), UTF-16, then Windows-1258; reject binary."""
    text: str | None = None
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        sample = data[:8000]
        zeros = sample.count(0)
        if zeros:
            even, odd = sample[0::2].count(0), sample[1::2].count(0)
            if zeros > len(sample) * 0.3 and odd > 4 * even:
                text = data.decode("utf-16-le", errors="replace")
            elif zeros > len(sample) * 0.3 and even > 4 * odd:
                text = data.decode("utf-16-be", errors="replace")
            else:
                raise DocumentError("binary")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = data.decode("cp1258")
                except UnicodeDecodeError as exc:
                    raise DocumentError("binary") from exc
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v")
    bad = text.count("\ufffd")
    if controls + bad > max(2, len(text) * 0.01):
        raise DocumentError("binary")
    if not text.strip():
        raise DocumentError("empty")
    return text


# ---------------------------------------------------------------- paragraphs


@dataclass
class _Para:
    kind: str  # roman, num, sub, letter, paren, bullet, text, row
    label: str
    body: str


_KINDS = [
    ("roman", re.compile(r"^([IVXLC]{1,6})\.\s+(.+)$", re.S)),
    ("sub", re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(.+)$", re.S)),
    ("num", re.compile(r"^(\d{1,2})[.)]\s+(.+)$", re.S)),
    ("num", re.compile(r"^(?:Điều|Dieu|ĐIỀU)\s+(\d{1,2})\s*[.:]\s*(.+)$", re.S)),
    ("letter", re.compile(r"^([a-zđ])\)\s+(.+)$", re.S)),
    ("paren", re.compile(r"^\((\d{1,2})\)\s*(.+)$", re.S)),
    ("bullet", re.compile(r"^[-+•–—*]\s*(.+)$", re.S)),
]
_STOP = re.compile(r"^(?:noi nh\S{0,2}n\s*:?|t/?m\.? (?:uy ban|ubnd|ban|tinh uy|thanh uy)|kt\. )")


def _classify(text: str) -> _Para:
    if text.startswith("|") or text.count("\t") >= 2:
        return _Para("row", "", text)
    for kind, pattern in _KINDS:
        match = pattern.match(text)
        if match:
            if kind == "bullet":
                return _Para(kind, "-", match.group(1).strip())
            return _Para(kind, match.group(1), match.group(2).strip())
    return _Para("text", "", text)


def _body_paragraphs(text: str) -> list[_Para]:
    """Classified paragraphs up to the recipients list / signature block."""
    out: list[_Para] = []
    for para in paragraphs(text):
        if _STOP.match(fold(para)):
            break
        if "\n" in para and not para.startswith("|"):
            out.extend(_classify(line) for line in para.split("\n") if line.strip())
        elif para.startswith("|") or para.count("\t") >= 2:
            out.extend(_Para("row", "", line) for line in para.split("\n") if line.strip())
        else:
            out.append(_classify(para))
    return out


# ---------------------------------------------------------------- small helpers

_SENTENCE_END = re.compile(r"(?<=[^\s.])[.;!?](?=\s|$)")
_LABEL_ASSIGN = re.compile(
    r"^(?:phan cong(?: thuc hien| nhiem vu)?|(?:(?:co quan|don vi)[, /]*)+(?:chu tri|thuc hien"
    r"|chiu trach nhiem)(?: thuc hien)?|chu tri(?: thuc hien)?|trach nhiem(?: thuc hien)?"
    r"|giao thuc hien|don vi thuc hien)\s*:\s*"
)
_LABEL_SUPPORT = re.compile(r"^(?:(?:co quan|don vi)[, /]*)*phoi hop(?: thuc hien)?\s*:\s*")
_LABEL_PRODUCT = re.compile(
    r"^(?:san pham(?: du kien| dau ra| chu yeu| hoan thanh)?|ket qua(?: dau ra| du kien)?"
    r"|hinh thuc(?: san pham| van ban)?)\s*:\s*"
)
_LABEL_BUDGET = re.compile(r"^(?:(?:nguon )?kinh phi(?: thuc hien)?|du toan|nguon von)\s*:\s*")
_LABEL_TIME = re.compile(
    r"^(?:thoi gian(?: thuc hien| hoan thanh)?|thoi han(?: hoan thanh| thuc hien)?"
    r"|tien do(?: thuc hien| hoan thanh)?|han hoan thanh)\s*:\s*"
)
_DEADLINE_IN_TEXT = re.compile(
    r"(?:truoc|cham nhat|hoan thanh trong|hoan thanh truoc|xong truoc|hoan thanh vao"
    r"|trong(?=\s+(?:quy|6 thang|9 thang|sau thang)))\s+"
    r"((?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|quy\s+(?:iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*\d{4}"
    r"|thang\s+\d{1,2}\s*(?:/|nam)\s*\d{4}|nam\s+\d{4}|(?:6|9|sau|chin)\s+thang\s+(?:dau|cuoi)"
    r"\s+nam\s+\d{4})"
)
_FREQUENCIES: list[tuple[re.Pattern[str], Frequency]] = [
    (re.compile(r"hang thang|hàng thang|moi thang|dinh ky thang"), "monthly"),
    (re.compile(r"hang quy|moi quy|dinh ky quy|theo quy"), "quarterly"),
    (re.compile(r"(?:6|sau) thang|nua nam"), "half_yearly"),
    (re.compile(r"hang nam|moi nam|cuoi nam|dinh ky nam|tong ket nam"), "yearly"),
]
_PERIODIC = re.compile(r"dinh ky[^.;]{0,40}bao cao|bao cao dinh ky|bao cao[^.;]{0,60}dinh ky")


def short_title(text: str, limit: int = 120) -> str:
    """First sentence or clause of a task's text, at most `limit` characters, cut at a word."""
    first = " ".join(text.strip().split("\n", 1)[0].split())
    first = re.sub(r"^[-+•–]\s*", "", first)
    match = _SENTENCE_END.search(first)
    if match:
        first = first[: match.start()]
    first = first.strip(" -–.;:,")
    if len(first) <= limit:
        return first
    cut = first[:limit]
    comma = cut.rfind(", ")
    if comma >= limit // 2:
        return cut[:comma].rstrip(" ,;:-–")
    return cut.rsplit(" ", 1)[0].rstrip(" ,;:-–") + "…"


def _timeframe_text(value: str) -> str:
    return " ".join(value.split()).strip(" .;")


def _frequency(text: str) -> Frequency | None:
    folded = fold(text)
    for match in re.finditer(r"bao cao", folded):
        window = folded[max(0, match.start() - 60) : match.end() + 60]
        for pattern, frequency in _FREQUENCIES:
            if pattern.search(window):
                return frequency
    return None


def _deadline_in(text: str) -> str | None:
    folded = fold_keep(text)
    match = _DEADLINE_IN_TEXT.search(folded)
    if not match:
        return None
    return text[match.start() : match.end()]


@dataclass
class _Context:
    """Everything the shape parsers produce, before it becomes a PlanDraft."""

    tasks: list[TaskDraft] = field(default_factory=list)
    warnings: list[DraftWarning] = field(default_factory=list)

    def warn(self, code: str, ref: str | None = None, excerpt: str = "") -> None:
        """Record a warning (excerpt trimmed)."""
        self.warnings.append(DraftWarning(code=code, ref=ref, excerpt=short_title(excerpt, 160)))


def _make_task(
    ctx: _Context,
    ref: str,
    text: str,
    lead: list[str],
    support: list[str] | None = None,
    timeframe: str | None = None,
    group: str | None = None,
    products: list[str] | None = None,
    budget: str | None = None,
) -> None:
    text = text.strip()
    if not timeframe:
        timeframe = _deadline_in(text)
    timeframe = _timeframe_text(timeframe) if timeframe else None
    reporting = _frequency(text)
    ctx.tasks.append(
        TaskDraft(
            ref=ref,
            title=short_title(text) or ref,
            text=text,
            lead=lead,
            support=support or [],
            timeframe=timeframe or None,
            due=due_date(timeframe) if timeframe else None,
            group=group,
            reporting=reporting,
            products=[p for p in (products or []) if p],
            budget=budget or None,
        )
    )
    if not lead:
        ctx.warn("no_assignee", ref, text)
    if not timeframe:
        ctx.warn("no_timeframe", ref, text)
    if reporting is None and _PERIODIC.search(fold(text)):
        match = _PERIODIC.search(fold_keep(text))
        excerpt = text[match.start() : match.end() + 60] if match else text
        ctx.warn("periodic_report", ref, excerpt)


def _sentence_case(text: str | None) -> str | None:
    """ "TỔ CHỨC THỰC HIỆN" → "Tổ chức thực hiện"; other text unchanged."""
    if not text or not is_caps(text):
        return text or None
    lowered = text.lower()
    return lowered[:1].upper() + lowered[1:]


def _join_ref(*parts: str | None) -> str:
    return ".".join(p for p in parts if p)


# ---------------------------------------------------------------- shape: "Phân công thực hiện"


@dataclass
class _Candidate:
    ref: str
    group: str | None
    level: str
    roman: str | None
    text: list[str] = field(default_factory=list)
    assign: str | None = None
    support: str | None = None
    timeframe: str | None = None
    has_children: bool = False
    products: list[str] = field(default_factory=list)
    budget: str | None = None


def _labelled(body: str) -> tuple[str, str] | None:
    """("assign" | "support" | "time", value) when a paragraph is a labelled field."""
    folded = fold_keep(body)
    for name, pattern in (
        ("assign", _LABEL_ASSIGN),
        ("support", _LABEL_SUPPORT),
        ("time", _LABEL_TIME),
        ("product", _LABEL_PRODUCT),
        ("budget", _LABEL_BUDGET),
    ):
        match = pattern.match(folded)
        if match:
            return name, body[match.end() :].strip()
    return None


_INLINE_ROLES = re.compile(
    r"[(\[]([^()\[\]]*?(?:chu tri|phoi hop)[^()\[\]:]{0,30}:[^()\[\]]*)[)\]]"
)


def _inline_roles(body: str) -> tuple[str, list[tuple[str, str]]]:
    """ "Rà soát … (Cơ quan chủ trì: X; phối hợp: Y; thời gian: Quý II/2026)." → the text
    without the brackets, and the labelled fields inside them."""
    match = _INLINE_ROLES.search(fold_keep(body))
    if not match:
        return _inline_addressee(body)
    fields = []
    for piece in re.split(r"[;\n]", body[match.start(1) : match.end(1)]):
        labelled = _labelled(piece.strip())
        if labelled:
            fields.append(labelled)
    if not fields:
        return body, []
    text = (body[: match.start()].rstrip() + " " + body[match.end() :].lstrip()).strip()
    return text.rstrip(" ,;") if text.endswith((",", ";")) else text, fields


_INLINE_LEAD = re.compile(r"\(([^()]*?(?<![a-z])chu tri(?![a-z])[^()]*)\)\s*[.;]?\s*$")


def _inline_addressee(body: str) -> tuple[str, list[tuple[str, str]]]:
    """ "Tuyên truyền … (Sở A chủ trì, phối hợp với Sở B; hoàn thành trong quý II/2026)." → the
    text without the closing brackets, the agencies as an assignment, the rest as a timeframe."""
    match = _INLINE_LEAD.search(fold_keep(body))
    if not match:
        return body, []
    inside = body[match.start(1) : match.end(1)]
    pieces = [p.strip() for p in inside.split(";") if p.strip()]
    if not pieces or not looks_like_agency(pieces[0]) or "chu tri" not in fold_keep(pieces[0]):
        return body, []
    fields = [("assign", pieces[0])]
    fields += [("time", piece) for piece in pieces[1:]]
    text = body[: match.start()].rstrip(" ,;")
    return (text + "." if body.rstrip().endswith(".") else text), fields


def _split_inline(paras: list[_Para]) -> list[_Para]:
    """Items whose roles are written in brackets become an item followed by role lines."""
    out: list[_Para] = []
    for para in paras:
        if para.kind in ("num", "letter", "sub", "bullet", "text"):
            body, fields = _inline_roles(para.body)
            if fields:
                out.append(_Para(para.kind, para.label, body))
                label = {
                    "assign": "Chủ trì",
                    "support": "Phối hợp",
                    "time": "Thời gian",
                    "product": "Sản phẩm",
                    "budget": "Kinh phí",
                }
                for name, value in fields:
                    prefix = label[name]
                    out.append(_Para("bullet", "-", f"{prefix}: {value}"))
                continue
        out.append(para)
    return out


_TAGGED_ROLE = re.compile(r"\((?:co quan |don vi )?(chu tri|phoi hop)\)")


def _tagged_roles(value: str) -> tuple[list[str], list[str]]:
    """ "Sở A (chủ trì), Sở B, UBND các xã": the agency tagged "(chủ trì)" leads, the others
    support."""
    lead: list[str] = []
    support: list[str] = []
    folded = fold_keep(value)  # same length as value: the tags' spans carry over
    at = 0
    for match in _TAGGED_ROLE.finditer(folded):
        names = split_agencies(value[at : match.start()])
        if names:
            support.extend(names[:-1])
            (lead if match.group(1) == "chu tri" else support).append(names[-1])
        at = match.end()
    support.extend(split_agencies(value[at:]))
    return lead, support


def _bullets_are_tasks(paras: list[_Para]) -> bool:
    """True when some numbered item holds two or more tasks, each a bullet followed by its own
    role lines ("- Task …" / "+ Cơ quan chủ trì: …" twice under "1. Lĩnh vực y tế")."""
    starts = 0
    for position, para in enumerate(paras):
        if para.kind in ("roman", "num", "sub", "letter"):
            starts = 0
        elif (
            para.kind == "bullet"
            and not _labelled(para.body)
            and position + 1 < len(paras)
            and (_labelled(paras[position + 1].body) or ("", ""))[0] == "assign"
        ):
            starts += 1
            if starts >= 2:
                return True
    return False


def _parse_assigned(paras: list[_Para], ctx: _Context) -> bool:
    """Plans whose tasks carry "Phân công thực hiện:" / "Thời gian thực hiện:" lines."""
    paras = _split_inline(paras)
    if not any(p.kind != "row" and (_labelled(p.body) or ("", ""))[0] == "assign" for p in paras):
        return False
    candidates: list[_Candidate] = []
    roman: str | None = None
    num: str | None = None
    num_title: str | None = None
    roman_title: str | None = None
    current: _Candidate | None = None
    split_bullets = _bullets_are_tasks(paras)
    bullet_index = 0
    for position, para in enumerate(paras):
        if para.kind == "row":
            continue
        if (
            split_bullets
            and para.kind == "bullet"
            and num is not None
            and not _labelled(para.body)
            and position + 1 < len(paras)
            and _labelled(paras[position + 1].body)
        ):
            # "1. Lĩnh vực y tế" / "- Task …" / "+ Cơ quan chủ trì: …": each bullet is a task.
            for cand in reversed(candidates):
                if cand.level == "num" and cand.ref == _join_ref(roman, num):
                    cand.has_children = True
                    break
            bullet_index += 1
            current = _Candidate(
                _join_ref(roman, num, str(bullet_index)), num_title, "letter", roman
            )
            current.text.append(para.body)
            candidates.append(current)
            continue
        if para.kind in ("roman", "num"):
            bullet_index = 0
        if para.kind == "roman":
            roman, num, num_title, current = para.label, None, None, None
            roman_title = _sentence_case(para.body)
            continue
        if para.kind == "num":
            num, num_title = para.label, para.body
            current = _Candidate(_join_ref(roman, num), roman_title, "num", roman)
            current.text.append(para.body)  # the item's own sentence is its title
            candidates.append(current)
            continue
        if para.kind in ("letter", "sub", "paren") and current is not None and _labelled(para.body):
            para = _Para("bullet", "-", para.body)  # "a) Cơ quan chủ trì: …" is a role line
        if (para.kind in ("letter", "sub") and num is not None) or para.kind == "letter":
            if current and current.level == "num":
                current.has_children = True
            elif num is not None:
                for cand in reversed(candidates):
                    if cand.level == "num" and cand.ref == _join_ref(roman, num):
                        cand.has_children = True
                        break
            label = para.label
            if para.kind == "sub" and num is not None and label.startswith(num + "."):
                label = label[len(num) + 1 :]
            current = _Candidate(_join_ref(roman, num, label), num_title, "letter", roman)
            current.text.append(para.body)
            candidates.append(current)
            continue
        labelled = _labelled(para.body)
        if current is None:
            continue
        if labelled:
            name, value = labelled
            if name == "assign":
                current.assign = value
            elif name == "support":
                current.support = value
            elif name == "product":
                current.products.append(value.strip(" .;"))
            elif name == "budget":
                current.budget = value.strip(" .;")
            else:
                current.timeframe = value
            continue
        prefix = "- " if para.kind == "bullet" else ""
        if para.kind == "paren":
            prefix = f"({para.label}) "
        current.text.append(prefix + para.body)

    def section(cand: _Candidate) -> str | None:
        # Without roman sections, "1./2./3." are the sections when items go deeper ("2.1.1").
        if cand.roman is not None or cand.level == "num":
            return cand.roman
        return cand.ref.split(".", 1)[0]

    assigned_sections = {section(c) for c in candidates if c.assign}
    parents = {c.ref.rsplit(".", 1)[0] for c in candidates if "." in c.ref}
    for cand in candidates:
        if section(cand) not in assigned_sections:
            continue
        if cand.level == "num" and cand.has_children and not cand.assign:
            continue
        if cand.ref in parents and not cand.assign:
            continue  # a group heading ("2.1. Nhóm nhiệm vụ …") over its own tasks
        if not cand.text and not cand.assign:
            continue
        text = "\n".join(cand.text) or (cand.group or "")
        if cand.assign and _TAGGED_ROLE.search(fold_keep(cand.assign)):
            lead, support = _tagged_roles(cand.assign)
        elif cand.assign:
            assignment = split_assignees(cand.assign)
            lead, support = assignment.lead, assignment.support
            if not lead:
                lead = split_agencies(cand.assign) if looks_like_agency(cand.assign) else []
        else:
            rest = cand.text[1:] if cand.level == "num" and len(cand.text) > 1 else cand.text
            assignment = split_assignees(short_title("\n".join(rest), 400))
            lead, support = assignment.lead, assignment.support
        if cand.support:
            support = support + _field_agencies(cand.support)
        _make_task(
            ctx,
            cand.ref,
            text,
            lead,
            support,
            cand.timeframe,
            cand.group,
            products=cand.products,
            budget=cand.budget,
        )
    return bool(ctx.tasks)


# ---------------------------------------------------------------- shape: addressee sections


def _addressee(head: str) -> tuple[list[str], list[str], str]:
    """Agencies a section heading addresses, and the rest of the heading after them."""
    first = _SENTENCE_END.split(head, maxsplit=1)[0]
    if ":" in first[:120] and looks_like_agency(first.split(":", 1)[0]):
        first = first.split(":", 1)[0]  # "Sở Tài chính: Bố trí kinh phí …"
    assignment = split_assignees(first)
    if not assignment.lead:
        return [], [], head
    rest = ""
    folded = fold_keep(head)
    last = fold_keep(assignment.lead[-1]) if assignment.lead else ""
    idx = folded.find(last[: max(3, len(last) - 4)]) if last else -1
    if idx >= 0 and not assignment.support:
        end = idx + len(last)
        rest = head[end:].strip(" ,;:-")
    else:
        rest = head
    return assignment.lead, assignment.support, rest


_ORG_SECTION = re.compile(r"to chuc thuc hien|phan cong|trach nhiem|nhiem vu cu the|giao nhiem vu")


def _parse_addressed(paras: list[_Para], ctx: _Context) -> bool:
    """Numbered sections each addressed to an agency (programmes, conclusions)."""
    containers: list[tuple[str | None, str | None, list[_Para]]] = []
    roman: str | None = None
    roman_title: str | None = None
    current: list[_Para] = []
    for para in paras:
        if para.kind == "roman":
            containers.append((roman, roman_title, current))
            roman, roman_title, current = para.label, para.body, []
        else:
            current.append(para)
    containers.append((roman, roman_title, current))

    def items_of(block: list[_Para]) -> list[tuple[_Para, list[_Para]]]:
        items: list[tuple[_Para, list[_Para]]] = []
        for para in block:
            if para.kind == "num":
                items.append((para, []))
            elif items:
                items[-1][1].append(para)
        return items

    def addressed_share(items: list[tuple[_Para, list[_Para]]]) -> float:
        if not items:
            return 0.0
        hits = sum(1 for head, _ in items if looks_like_agency(head.body))
        return hits / len(items)

    chosen: list[tuple[str | None, str | None, list[tuple[_Para, list[_Para]]]]] = []
    for label, title, block in containers:
        items = items_of(block)
        if not items:
            continue
        org = bool(title and _ORG_SECTION.search(fold(title)))
        share = addressed_share(items)
        if (org and share >= 0.3) or (label is None and share >= 0.5 and len(items) >= 2):
            chosen.append((label, title, items))
    if not chosen:
        return False
    for label, title, items in chosen:
        for head, children in items:
            ref = _join_ref(label, head.label)
            lead, support, rest = _addressee(head.body)
            if not lead:
                ctx.warn("unparsed_section", ref, head.body)
                continue
            bullets = [c for c in children if c.kind in ("bullet", "letter", "sub")]
            if bullets:
                for index, bullet in enumerate(bullets, start=1):
                    own = split_assignees(short_title(bullet.body, 300))
                    own_lead = own.lead if looks_like_agency(bullet.body) and own.lead else []
                    sub_ref = bullet.label if bullet.kind == "letter" else str(index)
                    _make_task(
                        ctx,
                        _join_ref(ref, sub_ref),
                        bullet.body,
                        own_lead or lead,
                        own.support if own_lead else support,
                        group=head.body,
                    )
                continue
            extra = [c.body for c in children if c.kind in ("text", "paren")]
            body = head.body if len(rest) > 40 else ""
            if (
                not body
                and len(rest.split()) >= 2
                and extra
                and children[0].kind == "text"
                and not head.body.rstrip().endswith((".", ";", ":", "!", "?"))
            ):
                # A heading line cut mid-sentence (PDF/OCR copy): its next line goes on with it.
                body, extra = f"{head.body} {extra[0]}", extra[1:]
            text = "\n".join([t for t in [body, *extra] if t]) or head.body
            group = head.body if not body else _sentence_case(title)
            _make_task(ctx, ref, text, lead, support, group=group)
    return bool(ctx.tasks)


_INLINE_PAREN = re.compile(r"(?:^|(?<=[\s:;.]))\((\d{1,2})\)\s+")


_ORDINAL_WORDS = ["nhat", "hai", "ba", "tu", "nam", "sau", "bay", "tam", "chin", "muoi"]
_COUNT_WORDS = ["mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "muoi"]
_ORDINAL = re.compile(
    r"(?:^|(?<=[.:;]\s))(?:thu ("
    + "|".join(_ORDINAL_WORDS)
    + r")|("
    + "|".join(_COUNT_WORDS)
    + r") la)\s*[,:]\s+"
)


def _ordinals_as_numbers(para: _Para) -> _Para:
    """ "Thứ nhất, …" / "Một là, … Hai là, …" (news and speeches) read as "(1) …", "(2) …"."""
    folded = fold_keep(para.body)
    body, at = [], 0
    for match in _ORDINAL.finditer(folded):
        number = (
            _ORDINAL_WORDS.index(match.group(1)) + 1
            if match.group(1)
            else _COUNT_WORDS.index(match.group(2)) + 1
        )
        body += [para.body[at : match.start()], f"({number}) "]
        at = match.end()
    text = "".join(body) + para.body[at:]
    text = text[:1].upper() + text[1:] if not text.startswith("(") else text
    marks = _INLINE_PAREN.findall(text)
    if len(marks) == 1 and text.startswith("("):
        rest = text[len(marks[0]) + 2 :].strip()
        return _Para("paren", marks[0], rest[:1].upper() + rest[1:])
    return _Para("text", "", text)


def _split_inline_parens(paras: list[_Para]) -> list[_Para]:
    """ "… nhiệm vụ sau: (1) Các cấp ủy …; (2) Ban cán sự đảng …" in one paragraph: one section
    per number, when they run 1, 2, 3 …"""
    out: list[_Para] = []
    following = 1  # the numbering may go on in a later paragraph: "… (4) X …" then "… (5) Y …"
    for para in paras:
        if para.kind == "text" and _ORDINAL.search(fold_keep(para.body)):
            para = _ordinals_as_numbers(para)
            if para.kind == "paren":
                following = int(para.label) + 1
                out.append(para)
                continue
        marks = list(_INLINE_PAREN.finditer(para.body)) if para.kind == "text" else []
        numbers = [int(m.group(1)) for m in marks]
        first = numbers[0] if numbers else 0
        runs = numbers == list(range(first, first + len(numbers)))
        if (
            not marks
            or not runs
            or not ((first == 1 and len(marks) >= 2) or (first > 1 and first == following))
        ):
            out.append(para)
            continue
        following = numbers[-1] + 1
        lead_in = para.body[: marks[0].start()].strip()
        if lead_in:
            out.append(_Para("text", "", lead_in))
        for mark, after in zip(marks, [*marks[1:], None], strict=True):
            end = after.start() if after else len(para.body)
            body = para.body[mark.end() : end].strip().rstrip(";").strip()
            out.append(_Para("paren", mark.group(1), body))
    return out


def _parse_paren(paras: list[_Para], ctx: _Context) -> bool:
    """News-style sections "(1) Agency …" with inline text or bullets."""
    items: list[tuple[_Para, list[_Para]]] = []
    for para in _split_inline_parens(paras):
        if para.kind == "paren":
            items.append((para, []))
        elif items and para.kind in ("bullet", "text", "letter"):
            items[-1][1].append(para)
        elif items and para.kind in ("roman", "num"):
            break
    items = [(h, c) for h, c in items if looks_like_agency(h.body)]
    if len(items) < 2:
        return False
    for head, children in items:
        lead, support, rest = _addressee(head.body)
        bullets = [child for child in children if child.kind in ("bullet", "letter")]
        group = head.body[: len(head.body) - len(rest)].strip(" ,;:") if rest else head.body
        if bullets:
            # Each bullet is a task of its own, as in the document the article reports on.
            for index, bullet in enumerate(bullets, start=1):
                sub = bullet.label if bullet.kind == "letter" else str(index)
                _make_task(ctx, _join_ref(head.label, sub), bullet.body, lead, support, group=group)
            continue
        parts = [rest[:1].upper() + rest[1:]] if len(rest) > 20 else []
        for child in children:
            if child.body.rstrip().endswith((".", ";", ":", "!", "?")):
                parts.append(child.body)
        text = "\n".join(parts) or head.body
        _make_task(ctx, head.label, text, lead, support, group=group or head.body)
    return bool(ctx.tasks)


# ---------------------------------------------------------------- shape: appendix tables


_ROMAN_OR_LETTER = re.compile(r"^(?:[IVXLC]{1,6}|[A-Z])\.?$")


def _row_cells(line: str) -> list[str]:
    if line.startswith("|"):
        return [c.strip() for c in line.strip().strip("|").split("|")]
    return [c.strip() for c in line.split("\t")]


def _header_map(cells: list[str]) -> dict[str, int] | None:
    return header_map(cells)


def _tables(paras: list[_Para]) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for para in paras:
        if para.kind == "row":
            cells = _row_cells(para.body)
            if all(re.fullmatch(r":?-{2,}:?|", c) for c in cells):
                continue
            current.append(cells)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


@dataclass
class _Row:
    """One task of a table, gathered over the rows it spans (wrapped, merged, page-broken)."""

    number: str
    group_label: str | None
    group_title: str | None
    text: str = ""
    lead: str = ""
    support: str = ""
    time: str = ""
    product: str = ""
    budget: str = ""

    def extend(self, other: dict[str, str]) -> None:
        for name, value in other.items():
            if value and value not in getattr(self, name):
                joined = f"{getattr(self, name)}<br>{value}" if getattr(self, name) else value
                setattr(self, name, joined)


_GROUP_IN_TEXT = re.compile(r"^([IVXLC]{1,6}|[A-Z])[.)]\s+(.+)$", re.S)
_BULLET_LINE = re.compile(r"^[-+•–*]\s")


_ACRONYM_NEXT = re.compile(r",\s+(?=[A-ZĐ]{3,}\b)")


def _field_agencies(text: str) -> list[str]:
    """Agencies listed in a role field or a table cell: besides what split_agencies cuts, a
    comma before a name that opens with an acronym ("Viettel Gia Lai, VNPT Gia Lai") separates
    two agencies."""
    names: list[str] = []
    for name in split_agencies(text):
        names.extend(n for n in (clean_agency(p) for p in _ACRONYM_NEXT.split(name)) if n)
    return names


def _join_lines(cell: str, *, agencies: bool) -> str:
    """A cell's lines as one text: a wrapped line continues the one before it; a line that starts
    a bullet (task text) or a new agency name (agency columns) stays on its own line."""
    pieces = [p.strip() for p in cell.split("<br>") if p.strip()]
    if not pieces:
        return ""
    out = pieces[0]
    for piece in pieces[1:]:
        previous = out.rstrip()
        soft = previous.endswith((",", " và", "-", "–")) or piece[:1].islower()
        if agencies:
            breaks = not soft and (looks_like_agency(piece) or previous.endswith(";"))
        else:
            ended = previous.endswith((".", ";", ":"))
            bullet = bool(_BULLET_LINE.match(piece)) and (ended or piece[2:3].isupper())
            breaks = bullet or (ended and bool(_MARKER_LINE.match(piece)))
        out = f"{out}\n{piece}" if breaks else f"{out} {piece}"
    return out


_MARKER_LINE = re.compile(r"^(?:\d{1,2}[.)]|[a-zđ]\)|[-+•])\s")


def _parse_table(rows: list[list[str]], ctx: _Context, prefix: str) -> int:
    """Tasks of one appendix table; returns how many were found."""
    mapping: dict[str, int] | None = None
    start = 0
    for index, cells in enumerate(rows[:6]):
        mapping = _header_map(cells)
        if mapping:
            start = index + 1
            break
    if not mapping:
        return 0
    header = rows[start - 1]
    while start < len(rows):  # two-row headers: "Cơ quan thực hiện" over "Chủ trì | Phối hợp"
        above = [fold(c.replace("<br>", " ")) for c in rows[start - 1]]
        below = [fold(c.replace("<br>", " ")).strip(" .:") for c in rows[start]]
        sub = {
            i: c
            for i, c in enumerate(below)
            if c and not (i < len(above) and fold(rows[start][i].replace("<br>", " ")) == above[i])
        }
        if not sub or not all(
            re.search(r"chu tri|phoi hop|thuc hien|hoan thanh|bat dau|ket thuc|^tu$|^den$", c)
            for c in sub.values()
        ):
            break
        for index, cell in sub.items():
            if "chu tri" in cell:
                mapping["lead"] = index
            elif "phoi hop" in cell:
                mapping["support"] = index
            elif re.search(r"hoan thanh|ket thuc|^den$", cell):
                mapping["time"] = index
        start += 1
    header_key = [fold(c) for c in header]
    stt_index = mapping.get("stt", 0 if mapping.get("task", 0) != 0 else None)
    found: list[_Row] = []
    group_label: str | None = None
    group_title: str | None = None
    auto = 0

    def cell(cells: list[str], name: str) -> str:
        index = mapping.get(name)
        if index is None or index >= len(cells):
            return ""
        return cells[index].strip()

    for cells in rows[start:]:
        if [fold(c) for c in cells] == header_key or not any(c.strip() for c in cells):
            continue
        if all(re.fullmatch(r"\(?\d{1,2}\)?", c) for c in cells if c):
            continue  # column numbering row "(1) | (2) | (3)"
        stt = cells[stt_index] if stt_index is not None and stt_index < len(cells) else ""
        stt = stt.replace("<br>", " ").strip().rstrip(".)")
        values = {
            "text": cell(cells, "task"),
            "lead": cell(cells, "lead"),
            "support": cell(cells, "support"),
            "time": cell(cells, "time"),
            "product": cell(cells, "product"),
            "budget": cell(cells, "budget"),
        }
        filled = [c for i, c in enumerate(cells) if c.strip() and i != stt_index]
        task_text = values["text"].replace("<br>", " ").strip()
        roman = bool(_ROMAN_OR_LETTER.match(stt))
        first = filled[0].replace("<br>", " ").strip() if filled else ""
        in_text = _GROUP_IN_TEXT.match(first) if not stt and len(filled) == 1 else None
        only_text = len(filled) <= 1 or not (values["lead"] or values["time"] or values["support"])
        if only_text and (roman or (not stt and (is_caps(first) or in_text or not found))):
            if in_text and not roman:
                group_label, group_title = in_text.group(1), in_text.group(2)
            else:
                group_label = stt or None
                group_title = (filled[0] if filled else "").replace("<br>", " ") or None
            auto = 0
            continue
        previous = found[-1] if found else None
        if (
            previous is not None
            and not stt
            and (not values["lead"] or values["lead"] == previous.lead or task_text[:1].islower())
        ):
            # A row cut by a page break or a wrapped line: it continues the task above.
            if values["text"] == previous.text:
                values["text"] = ""
            previous.extend(values)
            continue
        if (
            previous is not None
            and stt
            and stt == previous.number
            and values["text"] == previous.text
        ):
            values["text"] = ""  # the same task on two rows (cells merged down)
            previous.extend(values)
            continue
        if not task_text:
            continue
        auto += 1
        number = stt if re.fullmatch(r"[\w.]+", stt or "") else str(auto)
        row = _Row(number, group_label, group_title)
        row.extend(values)
        found.append(row)
    parents = {
        row.number
        for row in found
        if not (row.lead or row.support or row.time)
        and any(o.number.startswith(row.number + ".") for o in found if o is not row)
    }
    for row in found:
        if row.number in parents:
            continue  # "1 | Nhóm nhiệm vụ …" over "1.1", "1.2": a heading, not a task
        parent = next((p for p in parents if row.number.startswith(p + ".")), None)
        if parent is not None:
            heading = next(r for r in found if r.number == parent)
            row.group_title = _join_lines(heading.text, agencies=False)
        ref = _join_ref(prefix, row.group_label, row.number)
        lead_text = _join_lines(row.lead, agencies=True)
        lead = _field_agencies(lead_text)
        support = _field_agencies(_join_lines(row.support, agencies=True))
        if _TAGGED_ROLE.search(fold_keep(lead_text)):  # "Sở A (chủ trì); Sở B"
            tagged_lead, tagged_support = _tagged_roles(lead_text.replace("\n", "; "))
            if tagged_lead:
                lead, support = tagged_lead, [*tagged_support, *support]
        elif re.search(r"chu tri|phoi hop", fold(lead_text)):
            # One "Cơ quan thực hiện" column: "Sở X chủ trì; Sở Y, Sở Z phối hợp".
            roles = split_assignees(lead_text.replace("\n", "; "))
            if roles.lead:
                lead, support = roles.lead, [*roles.support, *support]
        time_text = _join_lines(row.time, agencies=False).replace("\n", " ")
        products = [_join_lines(row.product, agencies=False)] if row.product else []
        group = _sentence_case(row.group_title) if row.group_title else None
        _make_task(
            ctx,
            ref,
            _join_lines(row.text, agencies=False),
            lead,
            support,
            time_text or None,
            group,
            products=products,
            budget=_join_lines(row.budget, agencies=False) or None,
        )
    return len(found)


# ---------------------------------------------------------------- plan information


_NUMBER = r"(\d{1,5}\s*[/-]\s*[A-Za-zĐđ0-9]+(?:\s*[-/]\s*[A-Za-zĐđ0-9]+)*)"
_NUMBER_LINE = re.compile(r"^\W{0,4}s[oố6ô]\s*:?\s*" + _NUMBER, re.I)
_ISSUED_NUMBER = re.compile(
    r"ban hành\s+(?:Kế hoạch|Chương trình(?: hành động)?|Kết luận|Nghị quyết|Chỉ thị|Đề án"
    r"|Quyết định)\s+số\s+" + _NUMBER,
    re.I,
)
_DATE_WORDS = re.compile(r"ng[aà]y\s+(\d{1,2})\s+th[aá]ng\s+(\d{1,2})\s+n[aăắ]m\s+(\d{4})", re.I)
_NEWS_DATE = re.compile(r"^Ngày\s+(\d{1,2})/(\d{1,2})/(\d{4}),", re.I)
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
    r"(?:\s*(?:,\s*)?ngay\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4}))?"
)


def _number_mentioned(head: list[str]) -> tuple[str, date | None]:
    """ "DANH MỤC NHIỆM VỤ … KẾ HOẠCH SỐ 142/KH-UBND NGÀY 20/4/2026": the plan a list belongs to,
    when a heading names it (spreadsheets and appendices sent on their own)."""
    for para in head[:8]:
        if len(para) > 300 or not (
            is_caps(para) or fold(para).startswith(("danh muc", "phu luc", "(kem theo", "kem theo"))
        ):
            continue
        match = _MENTIONED_NUMBER.search(fold_keep(para))
        if match:
            number = re.sub(r"\s+", "", para[match.start(1) : match.end(1)])
            on = None
            if match.group(2):
                on = _safe_day(int(match.group(4)), int(match.group(3)), int(match.group(2)))
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


def _plan_info(paras: list[str], ctx: _Context) -> PlanInfo:
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
        number, mentioned_on = _number_mentioned(head)
        issued_on = issued_on or mentioned_on
    news = next((p for p in head if _ISSUED_NUMBER.search(p)), None)
    if news:
        match = _ISSUED_NUMBER.search(news)
        if match and not number:
            number = re.sub(r"\s+", "", match.group(1))
        date_match = _NEWS_DATE.match(news)
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
        coordinator=_coordinator(paras),
    )


_COORD_PATTERNS = [
    re.compile(r"c(?:ua|ta|iia|ii)\s+(\S.{2,60}?)\s+trong vi\S{0,2}c\s+(?:theo d\S{0,2}i|don d)"),
    re.compile(r"(?:^|giao\s+)(\S.{2,100}?)\s+la co quan (?:thuong truc|dau moi|chu tri)"),
    re.compile(r"\(thong qua\s+(.{3,60}?)\)"),
]


def _coordinator(paras: list[str]) -> str | None:
    """The agency that monitors, urges and reports on the plan, when the text names it."""
    for para in reversed(paras):
        folded = fold_keep(para)
        if ("don doc" in folded or "theo doi, kiem tra" in folded) and "chu tri" in folded:
            body = _classify(para).body
            lead = split_assignees(body).lead
            if lead:
                name = _agency_only(lead[0])
                if name:
                    return name
    for para in reversed(paras):  # "Sở X theo dõi, đôn đốc … thực hiện Kế hoạch"
        body = _classify(para).body
        folded = fold_keep(body)
        if re.search(r"theo doi,? (?:va )?don doc|don doc,? (?:theo doi|kiem tra)", folded) and (
            looks_like_agency(body)
        ):
            lead = split_assignees(body).lead
            name = _agency_only(lead[0]) if lead else ""
            if name and not name.startswith(("các", "những")):
                return name
    for pattern in _COORD_PATTERNS:
        for para in paras:
            folded = fold_keep(para)
            match = pattern.search(folded)
            if match:
                name = clean_agency(para[match.start(1) : match.end(1)])
                name = _agency_only(re.sub(r"(?i)^giao\s+", "", name))
                if name and (looks_like_agency(name) or restore_agency(name, cutoff=85)):
                    return name
    return None


_AGENCY_END = re.compile(
    r"\s+(?:là|làm|có trách nhiệm|chịu trách nhiệm|được giao|tham mưu|với vai trò|giữ vai trò)"
    r"(?:\s|$)"
)


def _agency_only(name: str) -> str:
    """ "1. Sở X là cơ quan thường trực, …" → "Sở X"."""
    name = re.sub(r"^(?:\d{1,2}[.)]|[a-zđ]\)|[-+•])\s*", "", name.strip())
    name = re.sub(r"(?i)^(?:giao|đề nghị)\s+", "", name)
    match = _AGENCY_END.search(name)
    if match:
        name = name[: match.start()]
    return clean_agency(name)


def _reporting(paras: list[str]) -> ReportingSchedule:
    """Plan-wide reporting frequencies stated in the text (default quarterly)."""
    found: list[Frequency] = []
    for para in paras:
        folded = fold(para)
        if "bao cao" not in folded or not re.search(r"dinh ky|hang|moi|truoc ngay", folded):
            continue
        for match in re.finditer(r"bao cao", folded):
            window = folded[max(0, match.start() - 50) : match.end() + 50]
            if "dinh ky" not in window and "hang" not in window:
                continue
            for pattern, frequency in _FREQUENCIES:
                if pattern.search(window) and frequency not in found:
                    found.append(frequency)
    order: list[Frequency] = ["monthly", "quarterly", "half_yearly", "yearly"]
    return (
        ReportingSchedule(frequencies=sorted(found, key=order.index))
        if found
        else (ReportingSchedule())
    )


# ---------------------------------------------------------------- diacritics


_ASCII_MARKERS = re.compile(r"\b(?:cua|va|cac|duoc|nhung|thuc hien|nam|tinh|trien khai|viec)\b")


def lost_diacritics(text: str) -> bool:
    """True when most Vietnamese words in `text` have lost their diacritics (OCR, phone typing)."""
    words = re.findall(r"[^\W\d_]+", text)
    if len(words) < 20:
        return False
    plain = sum(1 for w in words if w.isascii())
    hits = len(_ASCII_MARKERS.findall(text.lower()))
    return plain / len(words) > 0.8 or hits / len(words) > 0.04


def _repair_agencies(ctx: _Context) -> None:
    """Restore OCR'd agency names from the vocabulary; warn about leads that stay unreadable."""
    for task in ctx.tasks:
        for index, name in enumerate(task.lead):
            restored = restore_agency(name)
            if restored:
                task.lead[index] = restored
            else:
                ctx.warn("unreadable_assignee", task.ref, name)
        task.support = [restore_agency(name) or name for name in task.support]


# ---------------------------------------------------------------- entry point


def parse_text(text: str) -> PlanDraft:
    """Detect the document's shape and parse its plan information and tasks."""
    if not isinstance(text, str) or not text.strip():
        raise DocumentError("empty")
    return parse_framed(text, wrapped=None)


def parse_framed(text: str, *, wrapped: bool | None) -> PlanDraft:
    """Parse a whole document: find its frame (a decision and the plan it issues, appendices,
    recipients and signatures), then the plan's information and tasks."""
    frame = frame_of(text)
    main = normalize_text(frame.main.text, wrapped=wrapped)
    appendix_text = "\n\n".join(normalize_text(p.text, wrapped=wrapped) for p in frame.appendices)
    draft = _parse(main, appendix_text, kind=frame.main.kind)
    if frame.decision is not None:
        head = paragraphs(normalize_text(frame.decision.text, wrapped=wrapped))
        act = _plan_info(head, _Context())
        draft.plan.issuing_act = IssuingAct(
            kind="decision", number=act.number, issued_on=act.issued_on, title=act.title
        )
        if not draft.plan.number:
            draft.plan.number = act.number
            draft.warnings = [w for w in draft.warnings if w.code != "no_number"]
        draft.plan.issued_on = draft.plan.issued_on or act.issued_on
        draft.plan.issuer = draft.plan.issuer or act.issuer
        draft.plan.coordinator = draft.plan.coordinator or act.coordinator
    return draft


def _parse(normalized: str, appendix: str = "", *, kind: str | None = None) -> PlanDraft:
    """Parse normalised text (paragraphs separated by blank lines) and its appendices."""
    plain = paragraphs(normalized)
    if not plain and not appendix.strip():
        raise DocumentError("empty")
    whole = normalized + ("\n\n" + appendix if appendix.strip() else "")
    ctx = _Context()
    paras = _body_paragraphs(whole)
    tables = [t for t in _tables(paras) if len(t) >= 2]
    body = _Context()
    text_paras = list(_body_paragraphs(normalized))
    assigned = _parse_assigned(text_paras, body)
    if not assigned:
        body = _Context()
        if not _parse_addressed(text_paras, body):
            body = _Context()
            _parse_paren(text_paras, body)
    table_ctx = _Context()
    usable = [t for t in tables if _header_map_any(t)]
    both = assigned and bool(body.tasks)
    for index, table in enumerate(usable, start=1):
        prefix = f"PL{index}" if len(usable) > 1 else ("PL" if both else "")
        _parse_table(table, table_ctx, prefix)
    if not both and (len(table_ctx.tasks) >= 2 or (table_ctx.tasks and not body.tasks)):
        # The appendix holds the tasks: the body's numbered duties are standing instructions.
        ctx.tasks, ctx.warnings = table_ctx.tasks, table_ctx.warnings
    else:  # tasks with their own role lines in the body, and a table besides
        ctx.tasks = body.tasks + table_ctx.tasks
        ctx.warnings = body.warnings + table_ctx.warnings
    all_plain = paragraphs(whole)
    if not ctx.tasks:
        if _mentions_appendix(all_plain):
            raise DocumentError("appendix_missing", paragraphs=len(all_plain))
        raise DocumentError("no_tasks", paragraphs=len(all_plain))
    if not table_ctx.tasks and _mentions_appendix(all_plain):
        ctx.warn("appendix_missing", None, _mentions_appendix(all_plain) or "")
    info_ctx = _Context()
    info = _plan_info(plain or all_plain, info_ctx)
    info.kind = (kind if kind != "appendix" else None) or _kind_from_number(info.number)
    lost = lost_diacritics(whole)
    if lost:
        ctx.warnings.insert(0, DraftWarning(code="lost_diacritics"))
        _repair_agencies(ctx)
        if info.coordinator:
            info.coordinator = restore_agency(info.coordinator) or info.coordinator
    _dedupe_refs(ctx)
    news = _is_news(plain)
    return PlanDraft(
        plan=info,
        tasks=ctx.tasks,
        reporting=_reporting(all_plain),
        warnings=info_ctx.warnings + ctx.warnings,
        quality=document_quality(" ".join(t.text for t in ctx.tasks), news=news),
    )


_APPENDIX_MENTION = re.compile(
    r"(?:tai|theo|o|trong)\s+(?:cac\s+)?phu luc\b|phu luc\s+(?:kem theo|chi tiet)"
)


def _mentions_appendix(paras: list[str]) -> str | None:
    """The sentence that points to an appendix (for the warning when none was found)."""
    for para in paras:
        match = _APPENDIX_MENTION.search(fold_keep(para))
        if match:
            start = max(0, para.rfind(".", 0, match.start()) + 1)
            return para[start : match.end() + 60].strip()
    return None


def _kind_from_number(number: str) -> str | None:
    folded = fold(number)
    for code, kind in (
        ("/kh", "plan"),
        ("-ctr", "programme"),
        ("-kl", "conclusion"),
        ("/qd", "decision"),
        ("-nq", "resolution"),
        ("/ct", "directive"),
    ):
        if code in folded:
            return kind
    return None


def _is_news(paras: list[str]) -> bool:
    """A news write-up of a document rather than the document: no header, "đã ban hành" lead."""
    head = paras[:3]
    return any(_ISSUED_NUMBER.search(p) and _NEWS_DATE.match(p) for p in head) or any(
        re.search(r"(?i)\bảnh\s*:", p) for p in paras[:12]
    )


def _header_map_any(rows: list[list[str]]) -> bool:
    return any(_header_map(cells) for cells in rows[:6])


def _dedupe_refs(ctx: _Context) -> None:
    """Make task refs unique by suffixing repeats ("3", "3-2")."""
    seen: dict[str, int] = {}
    for task in ctx.tasks:
        count = seen.get(task.ref, 0)
        seen[task.ref] = count + 1
        if count:
            task.ref = f"{task.ref}-{count + 1}"
