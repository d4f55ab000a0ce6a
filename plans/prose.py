"""Assignments written inside the paragraphs of a programme's "Nhiệm vụ, giải pháp" (Party
programmes, resolutions): "Giao Ban cán sự đảng UBND tỉnh lãnh đạo, chỉ đạo …; hoàn thành trong
năm 2026", "Ban Nội chính Tỉnh ủy chủ trì, phối hợp với …", "Đảng đoàn HĐND tỉnh lãnh đạo …".

Each such sentence is a task, titled by its assignment, grouped under its paragraph's heading:
one in numbered paragraph II.1 is task II.1; two are II.3.1 and II.3.2; one in lettered item
"a)" of II.2 is II.2.a. A numbered paragraph that assigns nobody is not a task, and the preview
says so; so does a whole part of tasks that assigns nobody (its tasks are then the "Tổ chức
thực hiện" items)."""

from __future__ import annotations

import re

from domain.text import fold
from plans.addressed import ORG_SECTION
from plans.drafting import Context, join_ref, make_task, short_title
from plans.normalize import fold_keep
from plans.numbering import Para, items, parts
from plans.roles import assignees, names_agency

_TASK_PART = re.compile(r"nhiem vu|giai phap")
_SENTENCE_END = re.compile(r"(?<=[^\s.A-ZĐ])\.\s+(?=[A-ZĐÀ-Ỹ])")
# "Giao X …", "Đề nghị X …", "Yêu cầu X …": whatever X is asked to do is its task.
_OPENER = re.compile(r"^(?:giao(?: cho)?|de nghi|yeu cau)\s+")
# Without an opener, the agency is followed by the role it takes.
_ROLE = re.compile(
    r"^[\s,]*(?:\(?(?:dong |cung )?chu tri\)?|lanh dao|chi dao|tham muu|chiu trach nhiem"
    r"|co trach nhiem|la co quan (?:chu tri|thuong truc|dau moi))(?![a-z])"
)


def sentences(text: str) -> list[str]:
    """A paragraph's sentences ("… 2026. Giao Ban …" is two); ";" stays inside a sentence."""
    return [s.strip() for s in _SENTENCE_END.split(text.replace("\n", " ")) if s.strip()]


def assignment(sentence: str) -> tuple[list[str], list[str], str] | None:
    """(lead, support, the task as written) when the sentence gives an agency a task."""
    opener = _OPENER.match(fold_keep(sentence))
    body = sentence[opener.end() :].strip() if opener else sentence.strip()
    if not names_agency(body):
        return None
    parties = assignees(short_title(body, 400))
    if not parties.lead:
        return None
    if not opener and not _ROLE.match(fold_keep(body)[_names_end(body, parties.lead) :]):
        return None
    return parties.lead, parties.support, body[:1].upper() + body[1:]


def _names_end(body: str, lead: list[str]) -> int:
    """Where the lead agencies' names end in the sentence (its length when not found)."""
    folded = fold_keep(body)
    end = 0
    for name in lead:
        at = folded.find(fold_keep(name), end)
        if at < 0:
            return len(body)
        end = at + len(name)
    return end


def parse_prose(paras: list[Para], ctx: Context) -> bool:
    """Tasks given inside the paragraphs of the parts of tasks ("Nhiệm vụ, giải pháp")."""
    found = False
    for label, title, block in parts(paras):
        folded = fold(title or "")
        if label is None or not _TASK_PART.search(folded) or ORG_SECTION.search(folded):
            continue
        numbered = items(block)
        skipped: list[Para] = []
        before = len(ctx.tasks)
        for head, children in numbered:
            if not _read_item(join_ref(label, head.label), head, children, ctx):
                skipped.append(head)
        if len(ctx.tasks) > before:
            found = True
            for head in skipped:
                ctx.warn("unassigned_paragraph", join_ref(label, head.label), head.body)
        elif numbered:
            ctx.warn("unassigned_section", label, title or "")
    return found


def _read_item(ref: str, head: Para, children: list[Para], ctx: Context) -> bool:
    """The tasks one numbered paragraph gives (with its text and lettered items below it)."""
    own = [head.body, *(c.body for c in children if c.kind == "text")]
    subs = [c for c in children if c.kind in ("letter", "bullet", "sub")]
    found: list[tuple[str | None, tuple[list[str], list[str], str]]] = []
    for text in own:
        found += [(None, a) for s in sentences(text) if (a := assignment(s))]
    for index, child in enumerate(subs, start=1):
        sub = child.label if child.kind in ("letter", "sub") else str(index)
        found += [(sub, a) for s in sentences(child.body) if (a := assignment(s))]
    if not found:
        return False
    group = short_title(head.body)
    counts: dict[str | None, int] = {}
    for sub, _ in found:
        counts[sub] = counts.get(sub, 0) + 1
    seen: dict[str | None, int] = {}
    for sub, (lead, support, text) in found:
        seen[sub] = seen.get(sub, 0) + 1
        nth = str(seen[sub]) if counts[sub] > 1 else None
        make_task(ctx, join_ref(ref, sub, nth), text, lead, support, group=group)
    return True
