"""The YAML plan file: round trip, line-numbered errors, diffs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plans.model import DraftWarning, PlanDraft, PlanInfo, ReportingSchedule, TaskDraft
from plans.planfile import PlanFileError, diff_plans, dump_plan_file, load_plan_file

DRAFT = PlanDraft(
    plan=PlanInfo(
        number="151/KH-UBND",
        title="Triển khai thực hiện Chương trình hành động số 21-CTr/TU",
        issuer="UBND tỉnh Quảng Ngãi",
        issued_on=date(2022, 9, 22),
        coordinator="Sở Xây dựng",
    ),
    tasks=[
        TaskDraft(
            ref="II.1.a",
            title="Chuẩn hóa số liệu chỉ tiêu, chỉ số về đô thị hóa",
            text="Thực hiện chuẩn hóa các số liệu.\nRà soát việc đánh giá phân loại đô thị.",
            lead=["Sở Xây dựng"],
            support=["Các sở, ban ngành", "UBND các huyện, thị xã, thành phố"],
            timeframe="Thường xuyên",
            group="1. Hoàn thiện cơ chế, chính sách",
        ),
        TaskDraft(
            ref="II.1.c",
            title="Bố trí nguồn vốn ngân sách",
            lead=["Sở Kế hoạch và Đầu tư"],
            support=["Sở Tài chính"],
            timeframe="Quý IV/2022",
            due=date(2022, 12, 31),
            reporting="monthly",
        ),
        TaskDraft(ref="1.10", title="yes", lead=["UBND các huyện, thị xã, thành phố"]),
    ],
    reporting=ReportingSchedule(frequencies=["quarterly", "yearly"], deadline_working_days=3),
    warnings=[DraftWarning(code="no_timeframe", ref="1.10", excerpt="…")],
)

GOOD = """\
plan:
  number: 151/KH-UBND
  issued_on: 22/9/2022
tasks:
  - ref: II.1.a
    title: Chuẩn hóa số liệu
    lead: Sở Xây dựng
    timeframe: Thường xuyên
  - ref: II.1.b
    title: Cụ thể hóa quy định
    lead:
      - Các sở, ban ngành
    support: ["UBND các huyện, thị xã, thành phố"]
    due: 2024-06-30
"""


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def issues(text: str) -> list[tuple[int | None, str, str]]:
    """(line, field, code) of every problem in a plan file."""
    with pytest.raises(PlanFileError) as caught:
        load_plan_file(text)
    return [(issue.line, issue.field, issue.code) for issue in caught.value.errors]


def test_round_trip() -> None:
    text = dump_plan_file(DRAFT)
    assert load_plan_file(text) == DRAFT
    assert dump_plan_file(load_plan_file(text)) == text


def test_dump_is_readable() -> None:
    text = dump_plan_file(DRAFT)
    assert "Sở Xây dựng" in text  # allow_unicode
    assert "issued_on: 2022-09-22" in text
    assert text.index("plan:") < text.index("reporting:") < text.index("tasks:")
    assert "ref: '1.10'" in text
    assert "text: |" in text
    # Empty optional fields are left out.
    assert "group: null" not in text and "support: []" not in text


def test_friendly_input_forms() -> None:
    draft = load_plan_file(GOOD)
    assert draft.plan.issued_on == date(2022, 9, 22)
    assert draft.tasks[0].lead == ["Sở Xây dựng"]
    assert draft.tasks[1].lead == ["Các sở, ban ngành"]
    assert draft.tasks[1].support == ["UBND các huyện, thị xã, thành phố"]
    assert draft.tasks[1].due == date(2024, 6, 30)
    assert draft.reporting == ReportingSchedule()


def test_refs_and_titles_stay_text() -> None:
    draft = load_plan_file("plan: {number: 151}\ntasks:\n  - {ref: 1.10, title: 2030}\n")
    assert draft.plan.number == "151"
    assert draft.tasks[0].ref == "1.10"
    assert draft.tasks[0].title == "2030"


def test_unknown_field_points_to_its_line() -> None:
    text = GOOD.replace("    timeframe: Thường xuyên", "    leader: Sở Tài chính")
    assert issues(text) == [(line_of(text, "leader:"), "tasks[0].leader", "extra_forbidden")]


def test_wrong_type_points_to_the_value() -> None:
    text = GOOD.replace(
        "  number: 151/KH-UBND", "  number: 151/KH-UBND\nreporting:\n  deadline_working_days: hai"
    )
    text = text.replace("reporting:\n  deadline_working_days: hai\n", "")
    text += "reporting:\n  deadline_working_days: hai\n  frequencies: [weekly]\n"
    assert issues(text) == [
        (line_of(text, "deadline_working_days"), "reporting.deadline_working_days", "int_parsing"),
        (line_of(text, "weekly"), "reporting.frequencies[0]", "literal_error"),
    ]


def test_wrong_type_of_list() -> None:
    text = GOOD.replace("    lead:\n      - Các sở, ban ngành", "    lead: {name: Sở Xây dựng}")
    assert issues(text) == [(line_of(text, "lead: {"), "tasks[1].lead", "list_type")]


@pytest.mark.parametrize("bad", ["2024-02-30", "30/2/2024", "sớm", "2024-06-30 10:00"])
def test_bad_date(bad: str) -> None:
    text = GOOD.replace("due: 2024-06-30", f"due: {bad}")
    [(line, field, code)] = issues(text)
    assert (line, field) == (line_of(text, "due:"), "tasks[1].due")
    assert code.startswith("date_")


def test_missing_required_fields() -> None:
    text = "plan:\n  title: x\ntasks:\n  - ref: a\n"
    assert issues(text) == [
        (2, "plan.number", "missing"),
        (4, "tasks[0].title", "missing"),
    ]


def test_syntax_error_has_its_line() -> None:
    text = GOOD.replace("    title: Cụ thể hóa quy định", "    title: [Cụ thể hóa")
    [(line, field, code)] = issues(text)
    assert code == "yaml_syntax" and field == ""
    assert line is not None and line >= line_of(text, "title: [")


def test_duplicate_ref() -> None:
    text = GOOD.replace("ref: II.1.b", "ref: II.1.a")
    with pytest.raises(PlanFileError) as caught:
        load_plan_file(text)
    [issue] = caught.value.errors
    assert (issue.line, issue.field, issue.code) == (9, "tasks[1].ref", "duplicate_ref")
    assert "line 5" in issue.message


def test_duplicate_key() -> None:
    text = GOOD.replace("    timeframe: Thường xuyên", "    lead: Sở Tài chính")
    assert issues(text) == [(line_of(text, "lead: Sở Tài chính"), "tasks[0].lead", "duplicate_key")]


def test_every_problem_is_reported_at_once() -> None:
    text = GOOD.replace("ref: II.1.b", "ref: II.1.a").replace("due: 2024-06-30", "due: mai")
    codes = [code for _, _, code in issues(text)]
    assert sorted(codes) == ["date_from_datetime_parsing", "duplicate_ref"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("# only a comment\n", "empty"),
        ("- a\n- b\n", "not_mapping"),
        ("plan\n", "not_mapping"),
    ],
)
def test_not_a_plan(text: str, code: str) -> None:
    assert [c for _, _, c in issues(text)] == [code]


def test_alias_bombs_are_refused() -> None:
    rows = ["a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for name, prev in zip("bcdefg", "abcdef", strict=True):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    assert [c for _, _, c in issues("\n".join(rows))] == ["too_large"]
    assert [c for _, _, c in issues("a: &x [*x]\n")] == ["recursive_alias"]


def test_error_message_is_readable() -> None:
    text = GOOD.replace("    timeframe: Thường xuyên", "    leader: x")
    with pytest.raises(PlanFileError, match=r"line 8: tasks\[0\]\.leader: Extra inputs"):
        load_plan_file(text)


def test_diff_of_an_edited_plan() -> None:
    old = load_plan_file(GOOD)
    edited = (
        GOOD.replace("    lead: Sở Xây dựng", "    lead: Sở Xây dựng\n    support: Sở Tài chính")
        .replace("    timeframe: Thường xuyên", "    timeframe: Quý IV/2022")
        .replace("ref: II.1.b", "ref: II.1.c")
        .replace("  issued_on: 22/9/2022", "  issued_on: 22/9/2022\n  title: Kế hoạch 151")
    )
    diff = diff_plans(old, load_plan_file(edited))
    assert diff.added == ["II.1.c"]
    assert diff.removed == ["II.1.b"]
    assert diff.changed == {"II.1.a": ["support", "timeframe"]}
    assert diff.plan == ["plan.title"]
    assert not diff.is_empty


def test_diff_of_the_same_plan_is_empty() -> None:
    assert diff_plans(DRAFT, load_plan_file(dump_plan_file(DRAFT))).is_empty


def test_diff_sees_reporting_changes() -> None:
    changed = DRAFT.model_copy(
        update={"reporting": ReportingSchedule(frequencies=["monthly"], deadline_working_days=3)}
    )
    assert diff_plans(DRAFT, changed).plan == ["reporting.frequencies"]


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x85\u2028\u2029"),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(
    number=_TEXT.filter(str.strip),
    title=_TEXT,
    text=_TEXT,
    names=st.lists(_TEXT, max_size=3),
    due=st.none() | st.dates(),
)
def test_round_trip_any_text(
    number: str, title: str, text: str, names: list[str], due: date | None
) -> None:
    draft = PlanDraft(
        plan=PlanInfo(number=number, title=title),
        tasks=[TaskDraft(ref=title or "1", title=title, text=text, lead=names, due=due)],
    )
    assert load_plan_file(dump_plan_file(draft)) == draft


def test_the_documented_example_loads() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "plan-file.md").read_text(encoding="utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    draft = load_plan_file(example)
    assert draft.plan.coordinator == "Sở Xây dựng"
    assert draft.tasks[0].support == ["Các sở, ban ngành", "UBND các huyện, thị xã, thành phố"]
    assert draft.tasks[1].due == date(2022, 12, 31)
    assert draft.tasks[1].reporting == "monthly"
