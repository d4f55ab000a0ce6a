"""Who does a task, as a plan writes it: role lines ("Cơ quan chủ trì: …"), roles in brackets,
agencies tagged "(chủ trì)", agencies listed in a field."""

from __future__ import annotations

import re

from plans.assignees import (
    Assignment,
    clean_agency,
    looks_like_agency,
    split_agencies,
    split_assignees,
)
from plans.normalize import fold_keep
from plans.numbering import Para

_CO_LEAD = re.compile(r"\(?\b(?:dong|cung) (chu tri)\b\)?")


def assignees(phrase: str) -> Assignment:
    """Lead and supporting agencies of a phrase ("Sở A chủ trì, phối hợp với Sở B"); agencies
    that lead together ("Sở A và Sở B đồng chủ trì") all lead, with no "đồng" left in a name."""
    folded = fold_keep(phrase)  # same length as phrase: spans carry over
    out, at = [], 0
    for match in _CO_LEAD.finditer(folded):
        out += [phrase[at : match.start()], " " + phrase[match.start(1) : match.end(1)]]
        at = match.end()
    return split_assignees("".join(out) + phrase[at:])


# Openings that fold like an agency's head word ("Bố trí" like "Bộ", "Ban hành" like "Ban") but
# start a task's sentence.
_VERB_OPENINGS = ("bo tri ", "bo sung ", "boi duong ", "bao dam ", "ban hanh ", "bao ve ")


def names_agency(text: str) -> bool:
    """True when the text opens with an agency's name, not a verb that folds like one."""
    return looks_like_agency(text) and not fold_keep(text.strip(" -+•")).startswith(_VERB_OPENINGS)


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


def role_field(body: str) -> tuple[str, str] | None:
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
        labelled = role_field(piece.strip())
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


def split_inline(paras: list[Para]) -> list[Para]:
    """Items whose roles are written in brackets become an item followed by role lines."""
    out: list[Para] = []
    for para in paras:
        if para.kind in ("num", "letter", "sub", "bullet", "text"):
            body, fields = _inline_roles(para.body)
            if fields:
                out.append(Para(para.kind, para.label, body))
                label = {
                    "assign": "Chủ trì",
                    "support": "Phối hợp",
                    "time": "Thời gian",
                    "product": "Sản phẩm",
                    "budget": "Kinh phí",
                }
                for name, value in fields:
                    prefix = label[name]
                    out.append(Para("bullet", "-", f"{prefix}: {value}"))
                continue
        out.append(para)
    return out


TAGGED_ROLE = re.compile(r"\((?:co quan |don vi )?(?:dong )?(chu tri|phoi hop)\)")


def tagged_roles(value: str) -> tuple[list[str], list[str]]:
    """ "Sở A (chủ trì), Sở B, UBND các xã": the agency tagged "(chủ trì)" leads, the others
    support."""
    lead: list[str] = []
    support: list[str] = []
    folded = fold_keep(value)  # same length as value: the tags' spans carry over
    at = 0
    for match in TAGGED_ROLE.finditer(folded):
        names = split_agencies(value[at : match.start()])
        if names:
            support.extend(names[:-1])
            (lead if match.group(1) == "chu tri" else support).append(names[-1])
        at = match.end()
    support.extend(split_agencies(value[at:]))
    return lead, support


_ACRONYM_NEXT = re.compile(r",\s+(?=[A-ZĐ]{3,}\b)")


def field_agencies(text: str) -> list[str]:
    """Agencies listed in a role field or a table cell: besides what split_agencies cuts, a
    comma before a name that opens with an acronym ("Viettel Gia Lai, VNPT Gia Lai") separates
    two agencies."""
    names: list[str] = []
    for name in split_agencies(text):
        names.extend(n for n in (clean_agency(p) for p in _ACRONYM_NEXT.split(name)) if n)
    return names
