"""Sections addressed to agencies: "1. Sở Tài chính chủ trì …", "2. Ban cán sự đảng …" with "- "
tasks below, and news write-ups' "(1) Agency …", "Thứ nhất, …", "Một là, …"."""

from __future__ import annotations

import re

from domain.text import fold
from plans.drafting import SENTENCE_END, Context, join_ref, make_task, sentence_case, short_title
from plans.normalize import fold_keep
from plans.numbering import Para, items, parts
from plans.roles import assignees, names_agency


def addressee(head: str) -> tuple[list[str], list[str], str]:
    """Agencies a section heading addresses, and the rest of the heading after them."""
    first = SENTENCE_END.split(head, maxsplit=1)[0]
    if ":" in first[:120] and names_agency(first.split(":", 1)[0]):
        first = first.split(":", 1)[0]  # "Sở Tài chính: Bố trí kinh phí …"
    assignment = assignees(first)
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


ORG_SECTION = re.compile(r"to chuc thuc hien|phan cong|trach nhiem|nhiem vu cu the|giao nhiem vu")


def parse_addressed(paras: list[Para], ctx: Context) -> bool:
    """Numbered sections each addressed to an agency (programmes, conclusions)."""

    def addressed_share(numbered: list[tuple[Para, list[Para]]]) -> float:
        if not numbered:
            return 0.0
        hits = sum(1 for head, _ in numbered if names_agency(head.body))
        return hits / len(numbered)

    chosen: list[tuple[str | None, str | None, list[tuple[Para, list[Para]]]]] = []
    for label, title, block in parts(paras):
        numbered = items(block)
        if not numbered:
            continue
        org = bool(title and ORG_SECTION.search(fold(title)))
        share = addressed_share(numbered)
        if (org and share >= 0.3) or (label is None and share >= 0.5 and len(numbered) >= 2):
            chosen.append((label, title, numbered))
    if not chosen:
        return False
    for label, title, numbered in chosen:
        for head, children in numbered:
            ref = join_ref(label, head.label)
            lead, support, rest = addressee(head.body)
            if not lead:
                ctx.warn("unparsed_section", ref, head.body)
                continue
            bullets = [c for c in children if c.kind in ("bullet", "letter", "sub")]
            if bullets:
                for index, bullet in enumerate(bullets, start=1):
                    own = assignees(short_title(bullet.body, 300))
                    own_lead = own.lead if names_agency(bullet.body) and own.lead else []
                    sub_ref = bullet.label if bullet.kind == "letter" else str(index)
                    make_task(
                        ctx,
                        join_ref(ref, sub_ref),
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
            group = head.body if not body else sentence_case(title)
            make_task(ctx, ref, text, lead, support, group=group)
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


def _ordinals_as_numbers(para: Para) -> Para:
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
        return Para("paren", marks[0], rest[:1].upper() + rest[1:])
    return Para("text", "", text)


def _split_inline_parens(paras: list[Para]) -> list[Para]:
    """ "… nhiệm vụ sau: (1) Các cấp ủy …; (2) Ban cán sự đảng …" in one paragraph: one section
    per number, when they run 1, 2, 3 …"""
    out: list[Para] = []
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
            out.append(Para("text", "", lead_in))
        for mark, after in zip(marks, [*marks[1:], None], strict=True):
            end = after.start() if after else len(para.body)
            body = para.body[mark.end() : end].strip().rstrip(";").strip()
            out.append(Para("paren", mark.group(1), body))
    return out


def parse_paren(paras: list[Para], ctx: Context) -> bool:
    """News-style sections "(1) Agency …" with inline text or bullets."""
    sections: list[tuple[Para, list[Para]]] = []
    for para in _split_inline_parens(paras):
        if para.kind == "paren":
            sections.append((para, []))
        elif sections and para.kind in ("bullet", "text", "letter"):
            sections[-1][1].append(para)
        elif sections and para.kind in ("roman", "num"):
            break
    sections = [(h, c) for h, c in sections if names_agency(h.body)]
    if len(sections) < 2:
        return False
    for head, children in sections:
        lead, support, rest = addressee(head.body)
        bullets = [child for child in children if child.kind in ("bullet", "letter")]
        group = head.body[: len(head.body) - len(rest)].strip(" ,;:") if rest else head.body
        if bullets:
            # Each bullet is a task of its own, as in the document the article reports on.
            for index, bullet in enumerate(bullets, start=1):
                sub = bullet.label if bullet.kind == "letter" else str(index)
                make_task(ctx, join_ref(head.label, sub), bullet.body, lead, support, group=group)
            continue
        parts = [rest[:1].upper() + rest[1:]] if len(rest) > 20 else []
        for child in children:
            if child.body.rstrip().endswith((".", ";", ":", "!", "?")):
                parts.append(child.body)
        text = "\n".join(parts) or head.body
        make_task(ctx, head.label, text, lead, support, group=group or head.body)
    return bool(ctx.tasks)
