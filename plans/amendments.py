"""A plan that amends an earlier plan ("Kế hoạch sửa đổi, bổ sung một số nội dung của Kế hoạch
số 151/KH-UBND …"), read as what it changes in that plan, by that plan's own numbering:

- "Sửa đổi, bổ sung điểm a khoản 1 Mục II như sau: “a) …”" restates II.1.a (amend);
- "Bổ sung điểm đ vào sau điểm d khoản 2 Mục II như sau: “đ) …”" adds II.2.đ after II.2.d;
- "Bãi bỏ điểm b khoản 3 Mục II" repeals II.3.b (never a task);
- "Thay thế cụm từ “A” bằng cụm từ “B” tại Mục II và Mục III" replaces a phrase (scope II,
  III; everywhere when no place is named); "Điều chỉnh thời hạn … nhiệm vụ số 1 Mục I từ “A”
  thành “B”" replaces it inside I.1.

"Mục" is a Roman part, "khoản" a numbered item, "điểm" a lettered item, "nhiệm vụ số N" the
N-th task of a part (appendix tables). The item restated or added is read as a task with the
readers of a plan (role lines, roles in brackets), its quotes taken off."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from domain.text import fold
from plans.drafting import Context, make_task, short_title
from plans.header import mentioned_number
from plans.items import parse_assigned
from plans.model import Amendment, AmendmentChange, TaskDraft
from plans.normalize import fold_keep
from plans.numbering import Para, classify
from plans.roles import assignees
from plans.tables import parse_table

_AMENDING_TITLE = re.compile(
    r"^(?:ve viec\s+)?(?:sua doi|dieu chinh|bo sung|bai bo|thay the)\b.{0,80}?"
    r"(?:ke hoach|chuong trinh|ket luan|quyet dinh|de an)\s+so\s"
)
_VERB = re.compile(
    r"(?:^|\s)(?:sua doi|bo sung|bai bo|thay the|dieu chinh|duoc sua doi|duoc bai bo)\b"
)
# An instruction without a number opens with its verb or the place it changes.
_OPENING = re.compile(
    r"^(?:sua doi|bo sung|bai bo|thay the|dieu chinh|diem|khoan|muc|nhiem vu)(?![a-z])"
)
_QUOTES = '“”"‘’«»'
_OPEN = '“"‘«'
_CLOSE = '”"’»'
_PHRASE = re.compile(r"[“\"‘«]([^“”\"‘’«»]{1,200})[”\"’»]")
_PLACE = re.compile(
    r"(?:(?P<kind>diem|tiet|khoan|muc|phan|nhiem vu(?: so)?|so thu tu)\s+"
    r"(?P<id>[0-9]{1,3}(?![0-9/])|[ivxlc]{1,6}(?![a-z])|[a-z](?![a-z])))"
    r"|(?P<more>(?:,|\s+va)\s+(?:diem\s+)?(?P<letter>[a-z])(?![a-z]))"
)
_WHOLE = re.compile(r"toan bo|toan van|tat ca cac|trong ke hoach(?! so)")


@dataclass
class Target:
    """The plan a document amends, and where the document's title is."""

    number: str
    issued_on: date | None
    title_at: int


def amended_plan(head: list[str]) -> Target | None:
    """The plan a document amends, when its title says it amends one ("Sửa đổi, bổ sung một số
    nội dung của Kế hoạch số 151/KH-UBND ngày 22/9/2022 …")."""
    for index, para in enumerate(head[:12]):
        if len(para) > 400:
            continue
        if _AMENDING_TITLE.match(fold(para)):
            number, on = mentioned_number(para)
            if number:
                return Target(number, on, index)
    return None


@dataclass
class _Instruction:
    text: str
    content: list[str] = field(default_factory=list)
    kind: str = "text"  # its marker: "num", "letter", … ("text": none)
    fill: dict[str, str] = field(default_factory=dict)  # levels given by the item above it


def _instructions(paras: list[str]) -> list[_Instruction]:
    """Each numbered instruction ("1. Sửa đổi … như sau:") with the quoted text it brings."""
    out: list[_Instruction] = []
    quoting = False
    for raw in paras:
        for line in raw.split("\n"):
            text = line.strip()
            if not text:
                continue
            if quoting and out:
                out[-1].content.append(text)
                quoting = not _closes(text)
                continue
            if text[:1] in _OPEN and out and not out[-1].content and _brings_text(out[-1].text):
                out[-1].content.append(text)
                quoting = not _closes(text)
                continue
            if text.startswith("|") and out and _brings_text(out[-1].text):
                out[-1].content.append(text)  # the item as a table: its header and row
                continue
            para = classify(text)
            opens = para.kind != "text" or _OPENING.match(fold_keep(text))
            if opens and _VERB.search(fold_keep(para.body)[:120]):
                head, inline = _split_inline(para.body)
                out.append(_Instruction(head, [inline] if inline else [], para.kind))
    return out


def _closes(text: str) -> bool:
    return text.rstrip(" .;/")[-1:] in _CLOSE


def _brings_text(instruction: str) -> bool:
    """ "… như sau:", "… thành:": the new text follows."""
    return bool(_BRINGS.search(fold_keep(instruction)))


_BRINGS = re.compile(r"(?:nhu sau|thanh|cu the)\s*:\s*$|nhu sau\s*$")


def _split_inline(body: str) -> tuple[str, str]:
    """ "Sửa đổi nhiệm vụ số 2 … như sau: “Xây dựng …”" → the instruction and its new text."""
    match = re.search(r"(?:nhu sau|thanh)\s*:\s*(?=[“\"‘«])", fold_keep(body))
    if match is None:
        return body, ""
    return body[: match.end()].rstrip(), body[match.end() :]


def read_amendment(paras: list[str], target: Target) -> tuple[Amendment, Context]:
    """The changes a document makes to the plan it amends, and the tasks it restates or adds."""
    amendment = Amendment(target_number=target.number, target_issued_on=target.issued_on)
    ctx = Context()
    instructions = _instructions(paras[target.title_at + 1 :])
    context: dict[str, str] = {}
    for index, instruction in enumerate(instructions):
        following = instructions[index + 1] if index + 1 < len(instructions) else None
        if (
            not instruction.content
            and _brings_text(instruction.text)
            and following is not None
            and following.kind == "letter"
            and instruction.kind != "letter"
        ):
            # "Sửa đổi, bổ sung một số điểm của khoản 4 Mục II như sau:" over "a) Sửa đổi điểm
            # b …", "b) Bổ sung điểm e …": the items below name the rest of the place.
            context = _levels(_places(instruction.text))
            continue
        if instruction.kind != "letter":
            context = {}
        instruction.fill = context
        for change in _changes(instruction, ctx):
            amendment.changes.append(change)
    return amendment, ctx


def _places(text: str) -> list[dict[str, str]]:
    """The places a phrase names, in order: [{"diem": "a"}, {"khoan": "1"}, {"muc": "II"}]."""
    folded = fold_keep(text)
    out: list[dict[str, str]] = []
    last_kind = ""
    for match in _PLACE.finditer(folded):
        if match.group("more"):
            if last_kind != "diem":
                continue
            start = match.start("letter")
            out.append({"diem": text[start]})
            continue
        kind = match.group("kind")
        kind = "khoan" if kind.startswith(("nhiem vu", "so thu tu")) else kind
        kind = "diem" if kind == "tiet" else kind
        kind = "muc" if kind == "phan" else kind
        value = text[match.start("id") : match.end("id")]
        value = value.upper() if kind == "muc" else value
        out.append({kind: value})
        last_kind = kind
    return out


def _refs(places: list[dict[str, str]], fill: dict[str, str] | None = None) -> list[str]:
    """Refs of the amended plan: every "điểm" listed with the khoản and Mục that follow it."""
    fill = fill or {}
    letters = [p["diem"] for p in places if "diem" in p]
    khoan = next((p["khoan"] for p in places if "khoan" in p), fill.get("khoan"))
    muc = next((p["muc"] for p in places if "muc" in p), fill.get("muc"))
    base = ".".join(x for x in (muc, khoan) if x)
    if not letters:
        return [base] if base else []
    return [".".join(x for x in (base, letter) if x) for letter in letters]


def _levels(places: list[dict[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for place in places:
        for key, value in place.items():
            out.setdefault(key, value)
    return out


def _changes(instruction: _Instruction, ctx: Context) -> list[AmendmentChange]:
    text = instruction.text
    folded = fold_keep(text)
    excerpt = short_title(text, 160)
    phrases = _PHRASE.findall(text)
    if re.search(r"\bbai bo\b", folded):
        refs = _refs(_places(text), instruction.fill)
        return [AmendmentChange(action="repeal", ref=r, excerpt=excerpt) for r in refs]
    if re.search(r"\bthay(?: the)? cum tu\b", folded) or (
        re.search(r"\btu\s+[“\"‘«]", folded) and re.search(r"[”\"’»]\s*thanh\s+[“\"‘«]", folded)
    ):
        return _replacements(text, folded, phrases, excerpt)
    add = re.search(r"\bbo sung\b", folded) and not re.search(
        r"sua doi,?\s+(?:va\s+)?bo sung", folded
    )
    if add:
        anchor = re.search(r"\bvao(?: sau| truoc)?\b", folded)
        new_places = _places(text[: anchor.start()] if anchor else text)
        anchor_places = _places(text[anchor.end() :]) if anchor else []
        fill = {**instruction.fill, **_levels(anchor_places)}
        refs = _refs(new_places, fill)
        after = None
        if anchor and "vao sau" in folded[anchor.start() : anchor.end()]:
            after = next(iter(_refs(anchor_places, instruction.fill)), None)
        return [
            _with_task(
                AmendmentChange(action="add", ref=r, after=after, excerpt=excerpt), instruction, ctx
            )
            for r in refs
        ]
    refs = _refs(_places(text), instruction.fill)
    return [
        _with_task(AmendmentChange(action="amend", ref=r, excerpt=excerpt), instruction, ctx)
        for r in refs
    ]


def _replacements(
    text: str, folded: str, phrases: list[str], excerpt: str
) -> list[AmendmentChange]:
    """ "Thay thế cụm từ “A” bằng cụm từ “B”; … tại Mục II và Mục III" / "… từ “A” thành “B”"."""
    place = re.search(r"\b(?:tai|trong|cua)\s+(?=(?:diem|khoan|muc|phan|nhiem vu|toan bo))", folded)
    scope: list[str] = []
    if place is not None and not _WHOLE.match(folded[place.end() :]):
        places = _places(text[place.end() :])
        if all("muc" in p for p in places) and places:
            scope = [p["muc"] for p in places]
        else:
            scope = _refs(places)
    elif place is None:
        before = _places(text[: folded.find(phrases[0]) if phrases else len(text)])
        scope = _refs(before) if before else []
    pairs = list(zip(phrases[0::2], phrases[1::2], strict=False))
    return [
        AmendmentChange(action="replace", old=old, new=new, scope=scope, excerpt=excerpt)
        for old, new in pairs
    ]


def _with_task(change: AmendmentChange, instruction: _Instruction, ctx: Context) -> AmendmentChange:
    """The item as it now reads, from the instruction's quoted text."""
    lines = [_unquote(line) for line in instruction.content]
    lines = [line for line in lines if line]
    if not lines or change.ref is None:
        return change
    task = _task_of(lines, change.ref)
    if task is not None:
        change.task = task
        ctx.tasks.append(task)
        if not task.lead:
            ctx.warn("no_assignee", change.ref, task.text)
    return change


def _row(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _unquote(line: str) -> str:
    line = line.strip()
    line = line.lstrip(_QUOTES).strip()
    stripped = line.rstrip(" ./;")
    if stripped[-1:] in _CLOSE:
        line = stripped.rstrip(_QUOTES).rstrip() + ("." if line.endswith(".") else "")
    return line.strip()


def _task_of(lines: list[str], ref: str) -> TaskDraft | None:
    if lines[0].startswith("|"):
        found = Context()
        rows = [_row(line) for line in lines if not re.fullmatch(r"[|\s:-]+", line)]
        if parse_table(rows, found, "") and found.tasks:
            found.tasks[0].ref = ref
            return found.tasks[0]
        return None
    paras = [classify(line) for line in lines]
    if paras[0].kind not in ("num", "letter", "sub"):
        paras[0] = Para("num", "1", paras[0].body)
    found = Context()
    if parse_assigned(paras, found) and found.tasks:
        task = found.tasks[0]
    else:
        text = "\n".join(p.body for p in paras)
        parties = assignees(short_title(text, 400))
        make_task(found, ref, text, parties.lead, parties.support)
        task = found.tasks[0]
    task.ref = ref
    return task
