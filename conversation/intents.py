"""What a coordinator asks in words ("tình hình kế hoạch 151 thế nào?", "đơn vị nào chưa báo
cáo quý IV?"): which summary to answer with, for which plan and period (pure). The words are
data beside the code: add a phrasing to the lists, and a line to the corpus test."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.text import fold

# what is asked, by the command that answers it; the first list that matches wins
ASKING: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "missing",
        (
            "ai chua bao cao", "don vi nao chua", "co quan nao chua", "nhung don vi nao chua",
            "chua bao cao", "chua nop", "cham bao cao", "bao cao cham", "tre han", "qua han",
            "ai con thieu", "con thieu",
        ),
    ),
    ("blockers", ("vuong mac", "kho khan", "kien nghi", "de xuat gi", "bi ket")),
    (
        "summary",
        (
            "tinh hinh", "tien do", "ket qua", "tong hop", "hoan thanh bao nhieu",
            "duoc bao nhieu", "the nao", "ra sao", "den dau",
        ),
    ),
)  # fmt: skip
QUESTION_WORDS = ("?", "the nao", "ra sao", "bao nhieu", "nao", "khong", "chua", "gi", "den dau")
PLAN = re.compile(
    r"(?:ke hoach|kh|chuong trinh|ctr|ket luan|kl|van ban|so)\s*(?:so\s*)?(\d{1,5}(?:[/-][\w/-]+)?)"
    r"|\b(\d{1,5}[/-](?:kh|ctr|kl|qd|nq)[\w/-]*)"
)
PERIOD = re.compile(
    r"(quy\s*(?:iv|i{1,3}|[1-4])(?:\s*[/-]?\s*\d{4})?"
    r"|6\s*thang(?:\s*(?:dau|cuoi)\s*nam)?(?:\s*\d{4})?"
    r"|thang\s*\d{1,2}(?:\s*[/-]\s*\d{4})?"
    r"|nam\s*\d{4})"
)


# a task's ref as officers write it ("II.1.a", "1.2", "2a"); a plan's number is not one
TASK_REF = re.compile(
    r"(?<![\w/-])(?:[IVX]+\.\d+(?:\.[a-zđ])?|\d+\.\d+(?:\.[a-zđ])?|\d[a-zđ])(?![\w/-])"
)


def names_a_task(text: str) -> bool:
    """Whether the message names a task (then it is a report, not a question to answer)."""
    return TASK_REF.search(text) is not None


@dataclass(frozen=True)
class Asked:
    """A coordinator's question: the command that answers it, and its arguments."""

    command: str  # summary | missing | blockers
    plan: str | None = None
    period: str | None = None

    @property
    def args(self) -> list[str]:
        return [a for a in (self.plan, self.period) if a]


def coordinator_question(text: str) -> Asked | None:
    """The summary a message asks for, or None when it does not read as such a question."""
    folded = fold(text)
    if not any(word in folded for word in QUESTION_WORDS):
        return None
    for command, words in ASKING:
        if any(word in folded for word in words):
            plan = PLAN.search(folded)
            period = PERIOD.search(folded)
            return Asked(
                command,
                (plan.group(1) or plan.group(2)) if plan else None,
                period.group(1) if period else None,
            )
    return None
