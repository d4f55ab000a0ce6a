"""A coordinator's questions in words, read as the summary they ask for (corpus: add a line
for each new phrasing)."""

from __future__ import annotations

import pytest

from conversation.intents import Asked, coordinator_question, names_a_task

CORPUS = [
    ("tình hình kế hoạch 151 thế nào?", Asked("summary", "151")),
    ("tinh hinh ke hoach 151 the nao", Asked("summary", "151")),
    ("Kế hoạch 151 quý IV/2026 đến đâu rồi?", Asked("summary", "151", "quy iv/2026")),
    ("tiến độ 6 tháng thế nào ạ?", Asked("summary", None, "6 thang")),
    ("đơn vị nào chưa báo cáo quý IV?", Asked("missing", None, "quy iv")),
    ("ai chua bao cao ke hoach 151 vay?", Asked("missing", "151")),
    ("những cơ quan nào còn chậm báo cáo?", Asked("missing")),
    ("các vướng mắc của 15-CTr/TU là gì?", Asked("blockers", "15-ctr/tu")),
    ("có khó khăn gì không?", Asked("blockers")),
]
NOT_QUESTIONS = [
    "2a xong",
    "II.1.a đang thực hiện 70%",
    "xong rồi",
    "đã gửi ý kiến bằng văn bản",
    "vướng mắc: thiếu vốn",
]


@pytest.mark.parametrize(("text", "asked"), CORPUS)
def test_a_coordinators_question_is_read(text: str, asked: Asked) -> None:
    assert coordinator_question(text) == asked


@pytest.mark.parametrize("text", NOT_QUESTIONS)
def test_a_report_is_not_a_question(text: str) -> None:
    assert coordinator_question(text) is None or names_a_task(text)


def test_a_task_ref_is_told_from_a_plan_number() -> None:
    assert names_a_task("II.1.a thế nào?") and names_a_task("2a xong?")
    assert not names_a_task("kế hoạch 151/KH-UBND quý IV thế nào?")
