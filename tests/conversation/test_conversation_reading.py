"""Reading a reply against what it answers: line numbers, quoted lines, the reply window, and
never a silent downgrade or false completion (pure: no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from conversation.model import About, Context, reminder_about
from conversation.reading import KEEP_OR_CHANGE, LINE_OR_TASK, WHICH_TASK, read, says_ongoing
from reports.worklist import WorkItem
from storage.models import Plan, Report, ReportingPeriod, Task

NOW = datetime(2026, 12, 11, 2, 0, tzinfo=UTC)
PLAN = Plan(id=1, number="151/KH-UBND")
PERIOD = ReportingPeriod(
    id=10,
    plan_id=1,
    kind="quarterly",
    key="2026-Q4",
    starts_on=date(2026, 9, 15),
    ends_on=date(2026, 12, 14),
    deadline=date(2026, 12, 16),
    support_deadline=date(2026, 12, 15),
)
TITLES = {
    "II.1.a": "Chuẩn hóa số liệu chỉ tiêu đô thị hóa",
    "II.2.a": "Rà soát quy hoạch đô thị",
    "II.2.b": "Hoàn thành quy hoạch chung đô thị Sa Huỳnh",
    "II.3": "Phát triển nhà ở xã hội",
    "3": "Tổng kết chương trình",
}


def item(task_id: int, ref: str, status: str | None = None) -> WorkItem:
    task = Task(id=task_id, plan_id=1, ref=ref, title=TITLES.get(ref, ref), position=task_id)
    report = Report(id=100 + task_id, status=status, task_id=task_id) if status else None
    return WorkItem(PLAN, PERIOD, task, "lead", date(2026, 12, 16), report)


ITEMS = [item(1, "II.1.a"), item(2, "II.2.a"), item(3, "II.2.b"), item(4, "II.3")]


def answering(about: About, replied: bool = True) -> Context:
    return Context(about, chat_id=5, message_id=7, created_at=NOW, replied=replied)


# a reminder whose lines show II.1.a, II.2.b, II.2.a (in that order)
REMINDER = answering(reminder_about(10, 1, [(1, "II.1.a"), (3, "II.2.b"), (2, "II.2.a")]))


def recorded(text: str, items: list[WorkItem] = ITEMS, context: Context | None = REMINDER):
    reading = read(text, items, context)
    return [(p.item.task.ref, p.parsed.status.value) for p in reading.records if p.item]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 xong", [("II.2.a", "done")]),  # line 3, not task II.3
        ("3. xong", [("II.2.a", "done")]),
        ("1 đang thực hiện 50%", [("II.1.a", "in_progress")]),
        (
            "> 2. II.2.b Hoàn thành quy hoạch chung đô thị Sa Huỳnh\nđang làm 40%",
            [("II.2.b", "in_progress")],
        ),
        (
            "2. II.2.b Hoàn thành quy hoạch chung đô thị Sa Huỳnh\nđang thực hiện",
            [("II.2.b", "in_progress")],
        ),
        ("II.3 xong", [("II.3", "done")]),  # a written ref wins over the lines
    ],
)
def test_lines_of_a_numbered_reminder(text: str, expected: list[tuple[str, str]]) -> None:
    assert recorded(text) == expected


def test_a_number_outside_a_numbered_reply_is_left_to_the_parser() -> None:
    confirmation = answering(About("confirm", period_id=10, task_ids=(1,), report_ids=(101,)))
    assert recorded("3 xong", context=confirmation) != [("II.2.a", "done")]


def test_a_number_that_is_a_line_and_a_task_asks() -> None:
    items = [*ITEMS, item(5, "3")]
    reading = read("3 xong", items, REMINDER)
    assert reading.records == []
    [question] = reading.questions
    assert question.ask == LINE_OR_TASK
    assert {i.task.ref for i in question.choices} == {"II.2.a", "3"}


def test_a_bare_status_means_the_one_task_asked() -> None:
    one = answering(reminder_about(10, 1, [(2, "II.2.a")]))
    assert recorded("xong", context=one) == [("II.2.a", "done")]


def test_a_bare_status_without_a_live_question_asks_among_all_tasks() -> None:
    reading = read("xong", ITEMS, None)
    [question] = reading.questions
    assert question.ask == WHICH_TASK and len(question.choices) == len(ITEMS)


def test_a_bare_status_to_a_reminder_asks_among_its_lines() -> None:
    reading = read("xong", ITEMS, REMINDER)
    [question] = reading.questions
    assert {i.task.ref for i in question.choices} == {"II.1.a", "II.2.a", "II.2.b"}


def test_moving_a_done_task_away_asks_keep_or_change() -> None:
    items = [item(1, "II.1.a"), item(2, "II.2.a", status="done")]
    reading = read("II.2.a chua lam duoc vi thieu kinh phi", items, None)
    [question] = reading.questions
    assert question.ask == KEEP_OR_CHANGE and question.keep == "done"
    assert reading.records == []


@pytest.mark.parametrize(
    "text",
    [
        "II.2.a đã xong bước thẩm định, đang hoàn thiện tờ trình",
        "II.2.a xong phần khảo sát, phần còn lại dự kiến quý sau",
        "II.2.a hoàn thành, tiếp tục theo dõi",
        "II.2.a xong khảo sát, dang lap bao cao",
    ],
)
def test_done_with_ongoing_work_is_never_recorded_as_done(text: str) -> None:
    reading = read(text, ITEMS, None)
    assert all(p.parsed.status is None or p.parsed.status.value != "done" for p in reading.records)


def test_several_tasks_are_separate_parts() -> None:
    assert recorded("II.1.a xong; II.2.a đang thực hiện 30%", context=None) == [
        ("II.1.a", "done"),
        ("II.2.a", "in_progress"),
    ]


@pytest.mark.parametrize(
    ("text", "ongoing"),
    [
        ("đang hoàn thiện", True),
        ("dang hoan thien", True),
        ("đã đăng tải lên cổng", False),
        ("đã xong, đã gửi báo cáo", False),
        ("phần còn lại quý sau", True),
    ],
)
def test_says_ongoing(text: str, ongoing: bool) -> None:
    assert says_ongoing(text) is ongoing


def test_about_reads_rows_of_earlier_versions() -> None:
    old_reminder = About.from_row("reminder", {"period_id": 10, "agency_id": 1, "task_ids": [1, 3]})
    assert old_reminder.numbered and old_reminder.line(2) == 3 and old_reminder.line(3) is None
    old_note = About.from_row("note", {"report_id": 7})
    assert old_note.report_ids == (7,) and old_note.asks
    about = About("confirm", period_id=10, task_ids=(1, 2), report_ids=(5, 6), answers=9)
    assert About.from_row("confirm", about.to_json()) == about


def test_a_quoted_reminder_line_names_the_task() -> None:
    reading = read("xong", ITEMS, REMINDER, quote="3. II.2.a Rà soát quy hoạch đô thị")
    assert [(p.item.task.ref, p.parsed.status.value) for p in reading.records if p.item] == [
        ("II.2.a", "done")
    ]
