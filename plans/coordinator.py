"""The agency that monitors, urges and reports on a plan ("Sở Xây dựng theo dõi, đôn đốc …")."""

from __future__ import annotations

import re

from domain.lines import strip_marker
from plans.assignees import clean_agency, looks_like_agency, restore_agency
from plans.model import TaskDraft
from plans.normalize import fold_keep
from plans.numbering import classify
from plans.roles import assignees

_COORD_PATTERNS = [
    re.compile(r"c(?:ua|ta|iia|ii)\s+(\S.{2,60}?)\s+trong vi\S{0,2}c\s+(?:theo d\S{0,2}i|don d)"),
    re.compile(r"(?:^|giao\s+)(\S.{2,100}?)\s+la co quan (?:thuong truc|dau moi|chu tri)"),
    re.compile(r"\(thong qua\s+(.{3,60}?)\)"),
]


def coordinator(paras: list[str]) -> str | None:
    """The agency that monitors, urges and reports on the plan, when the text names it."""
    for para in reversed(paras):
        folded = fold_keep(para)
        if ("don doc" in folded or "theo doi, kiem tra" in folded) and "chu tri" in folded:
            body = classify(para).body
            lead = assignees(body).lead
            if lead:
                name = _agency_only(lead[0])
                if name:
                    return name
    for para in reversed(paras):  # "Sở X theo dõi, đôn đốc … thực hiện Kế hoạch"
        body = classify(para).body
        folded = fold_keep(body)
        if _MONITORS.search(folded) and (looks_like_agency(body)):
            lead = assignees(body).lead
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


_MONITORS = re.compile(r"theo doi,? (?:va )?don doc|don doc,? (?:theo doi|kiem tra)")


def coordinator_of_tasks(tasks: list[TaskDraft]) -> str | None:
    """The lead of the task that is to monitor and urge the others ("3. Văn phòng Tỉnh ủy" /
    "- Theo dõi, đôn đốc việc thực hiện Kết luận …"), when the text names it no other way."""
    for task in reversed(tasks):
        first = task.text.split(";", 1)[0][:200]  # the task's own first clause
        if len(task.lead) == 1 and _MONITORS.search(fold_keep(first)):
            name = _agency_only(task.lead[0])
            if name and not re.search(r"(?:^|\s)(?:các|những)\s", name):
                return name
    return None


_AGENCY_END = re.compile(
    r"\s+(?:là|làm|có trách nhiệm|chịu trách nhiệm|được giao|tham mưu|với vai trò|giữ vai trò)"
    r"(?:\s|$)"
)


# a list number as a scan misreads it ("l.", "lO.", "S.") before a capitalised name
_SCANNED_MARKER = re.compile(r"^(?:[lIOS0-9]{1,3})[.)]\s+(?=[A-ZĐ])")


def _agency_only(name: str) -> str:
    """ "1. Sở X là cơ quan thường trực, …" → "Sở X" (also "l. Sở X", a scan's "1.")."""
    name = strip_marker(name)
    name = _SCANNED_MARKER.sub("", name)
    name = re.sub(r"(?i)^(?:giao|đề nghị)\s+", "", name)
    match = _AGENCY_END.search(name)
    if match:
        name = name[: match.start()]
    return clean_agency(name)
