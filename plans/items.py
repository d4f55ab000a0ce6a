"""Numbered items with role lines: "1. …" over "- Phân công thực hiện: X chủ trì …" and
"- Thời gian thực hiện: …"."""

from __future__ import annotations

from dataclasses import dataclass, field

from plans.assignees import looks_like_agency, split_agencies
from plans.drafting import Context, join_ref, make_task, sentence_case, short_title
from plans.normalize import fold_keep
from plans.numbering import Para
from plans.roles import (
    TAGGED_ROLE,
    assignees,
    field_agencies,
    role_field,
    split_inline,
    tagged_roles,
)


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


def _bullets_are_tasks(paras: list[Para]) -> bool:
    """True when some numbered item holds two or more tasks, each a bullet followed by its own
    role lines ("- Task …" / "+ Cơ quan chủ trì: …" twice under "1. Lĩnh vực y tế")."""
    starts = 0
    for position, para in enumerate(paras):
        if para.kind in ("roman", "num", "sub", "letter"):
            starts = 0
        elif (
            para.kind == "bullet"
            and not role_field(para.body)
            and position + 1 < len(paras)
            and (role_field(paras[position + 1].body) or ("", ""))[0] == "assign"
        ):
            starts += 1
            if starts >= 2:
                return True
    return False


def parse_assigned(paras: list[Para], ctx: Context) -> bool:
    """Plans whose tasks carry "Phân công thực hiện:" / "Thời gian thực hiện:" lines."""
    paras = split_inline(paras)
    if not any(p.kind != "row" and (role_field(p.body) or ("", ""))[0] == "assign" for p in paras):
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
            and not role_field(para.body)
            and position + 1 < len(paras)
            and role_field(paras[position + 1].body)
        ):
            # "1. Lĩnh vực y tế" / "- Task …" / "+ Cơ quan chủ trì: …": each bullet is a task.
            for cand in reversed(candidates):
                if cand.level == "num" and cand.ref == join_ref(roman, num):
                    cand.has_children = True
                    break
            bullet_index += 1
            current = _Candidate(
                join_ref(roman, num, str(bullet_index)), num_title, "letter", roman
            )
            current.text.append(para.body)
            candidates.append(current)
            continue
        if para.kind in ("roman", "num"):
            bullet_index = 0
        if para.kind == "roman":
            roman, num, num_title, current = para.label, None, None, None
            roman_title = sentence_case(para.body)
            continue
        if para.kind == "num":
            num, num_title = para.label, para.body
            current = _Candidate(join_ref(roman, num), roman_title, "num", roman)
            current.text.append(para.body)  # the item's own sentence is its title
            candidates.append(current)
            continue
        if (
            para.kind in ("letter", "sub", "paren")
            and current is not None
            and role_field(para.body)
        ):
            para = Para("bullet", "-", para.body)  # "a) Cơ quan chủ trì: …" is a role line
        if (para.kind in ("letter", "sub") and num is not None) or para.kind == "letter":
            if current and current.level == "num":
                current.has_children = True
            elif num is not None:
                for cand in reversed(candidates):
                    if cand.level == "num" and cand.ref == join_ref(roman, num):
                        cand.has_children = True
                        break
            label = para.label
            if para.kind == "sub" and num is not None and label.startswith(num + "."):
                label = label[len(num) + 1 :]
            current = _Candidate(join_ref(roman, num, label), num_title, "letter", roman)
            current.text.append(para.body)
            candidates.append(current)
            continue
        labelled = role_field(para.body)
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
        if cand.assign and TAGGED_ROLE.search(fold_keep(cand.assign)):
            lead, support = tagged_roles(cand.assign)
        elif cand.assign:
            assignment = assignees(cand.assign)
            lead, support = assignment.lead, assignment.support
            if not lead:
                lead = split_agencies(cand.assign) if looks_like_agency(cand.assign) else []
        else:
            rest = cand.text[1:] if cand.level == "num" and len(cand.text) > 1 else cand.text
            assignment = assignees(short_title("\n".join(rest), 400))
            lead, support = assignment.lead, assignment.support
        if cand.support:
            support = support + field_agencies(cand.support)
        make_task(
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
