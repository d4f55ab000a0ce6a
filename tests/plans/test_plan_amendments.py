"""A plan that amends an earlier plan (plans/amendments.py): read as its own kind of document,
its changes by the amended plan's numbering, each as a provinces write them."""

from __future__ import annotations

from datetime import date

import pytest

from plans.document import parse_text
from plans.model import PlanDraft

HEAD = """ỦY BAN NHÂN DÂN
TỈNH KHÁNH HÒA
Số: 77/KH-UBND
Khánh Hòa, ngày 02 tháng 7 năm 2026

KẾ HOẠCH
{title}

Ủy ban nhân dân tỉnh sửa đổi, bổ sung Kế hoạch số 30/KH-UBND như sau:

"""
TITLE = (
    "Sửa đổi, bổ sung Kế hoạch số 30/KH-UBND ngày 15 tháng 01 năm 2026 của UBND tỉnh về phát "
    "triển đô thị"
)


def _amend(body: str, title: str = TITLE) -> PlanDraft:
    return parse_text(HEAD.format(title=title) + body)


def _changes(draft: PlanDraft) -> list[tuple]:
    assert draft.amends is not None
    return [(c.action, c.ref, c.after, c.old, c.new, c.scope) for c in draft.amends.changes]


def test_an_amending_plan_names_the_plan_it_amends() -> None:
    draft = _amend("1. Bãi bỏ khoản 6 Mục II.")
    assert draft.plan.kind == "amendment" and draft.plan.number == "77/KH-UBND"
    assert draft.amends is not None
    assert (draft.amends.target_number, draft.amends.target_issued_on) == (
        "30/KH-UBND",
        date(2026, 1, 15),
    )
    assert draft.tasks == []  # a repeal is never a task


@pytest.mark.parametrize(
    ("body", "changes"),
    [
        ("1. Bãi bỏ điểm b khoản 3 Mục II.", [("repeal", "II.3.b", None, None, None, [])]),
        (
            "1. Bãi bỏ điểm a, điểm c khoản 1 Mục III.",
            [
                ("repeal", "III.1.a", None, None, None, []),
                ("repeal", "III.1.c", None, None, None, []),
            ],
        ),
        ("1. Khoản 5 Mục II được bãi bỏ.", [("repeal", "II.5", None, None, None, [])]),
        (
            "1. Bãi bỏ nhiệm vụ số 4 Mục I Phụ lục kèm theo Kế hoạch.",
            [("repeal", "I.4", None, None, None, [])],
        ),
        (
            "1. Thay thế cụm từ “Sở Giao thông vận tải” bằng cụm từ “Sở Xây dựng” trong toàn bộ "
            "Kế hoạch.",
            [("replace", None, None, "Sở Giao thông vận tải", "Sở Xây dựng", [])],
        ),
        (
            '1. Thay thế cụm từ "UBND cấp huyện" bằng "UBND cấp xã" tại khoản 2 Mục III.',
            [("replace", None, None, "UBND cấp huyện", "UBND cấp xã", ["III.2"])],
        ),
        (
            "1. Điều chỉnh thời gian thực hiện tại điểm a khoản 1 Mục II từ “Quý II/2026” thành "
            "“Quý IV/2026”.",
            [("replace", None, None, "Quý II/2026", "Quý IV/2026", ["II.1.a"])],
        ),
    ],
)
def test_changes_without_new_text(body: str, changes: list[tuple]) -> None:
    assert _changes(_amend(body)) == changes


def test_an_item_restated_and_an_item_added() -> None:
    draft = _amend(
        "1. Điểm b khoản 2 Mục III được sửa đổi như sau:\n"
        '"b) Lập quy hoạch phân khu ven biển (Sở Xây dựng chủ trì, phối hợp với UBND phường Nha '
        'Trang; hoàn thành trong quý IV/2026)."\n\n'
        "2. Bổ sung điểm đ vào sau điểm d khoản 2 Mục III như sau:\n"
        "“đ) Cắm mốc giới quy hoạch phân khu.\n"
        "- Cơ quan chủ trì: Sở Xây dựng.\n"
        "- Thời gian hoàn thành: Quý I/2027.”\n"
    )
    assert _changes(draft) == [
        ("amend", "III.2.b", None, None, None, []),
        ("add", "III.2.đ", "III.2.d", None, None, []),
    ]
    restated, added = draft.tasks
    assert (restated.ref, restated.lead, restated.support) == (
        "III.2.b",
        ["Sở Xây dựng"],
        ["UBND phường Nha Trang"],
    )
    assert restated.title == "Lập quy hoạch phân khu ven biển" and restated.due == date(
        2026, 12, 31
    )
    assert (added.ref, added.lead, added.timeframe) == ("III.2.đ", ["Sở Xây dựng"], "Quý I/2027")
    assert not any(q in t.text + (t.timeframe or "") for t in draft.tasks for q in '“”"')


def test_items_below_an_instruction_take_its_place() -> None:
    draft = _amend(
        "1. Sửa đổi, bổ sung một số điểm của khoản 4 Mục II như sau:\n"
        "a) Sửa đổi điểm b như sau:\n"
        "“b) Cải tạo hệ thống thoát nước khu trung tâm.\n"
        "- Cơ quan chủ trì: Sở Xây dựng.\n"
        "- Thời gian hoàn thành: Năm 2027.”\n"
        "b) Bổ sung điểm e vào sau điểm đ như sau:\n"
        "“e) Chỉnh trang vỉa hè các tuyến phố chính.\n"
        "- Cơ quan chủ trì: UBND các phường.\n"
        "- Thời gian hoàn thành: Quý III/2026.”\n"
    )
    assert _changes(draft) == [
        ("amend", "II.4.b", None, None, None, []),
        ("add", "II.4.e", "II.4.đ", None, None, []),
    ]
    assert [t.ref for t in draft.tasks] == ["II.4.b", "II.4.e"]


def test_a_decision_amending_a_plan() -> None:
    draft = _amend(
        "Điều 1. Sửa đổi khoản 3 Mục II như sau:\n"
        "“3. Tổ chức hội nghị xúc tiến đầu tư (Sở Tài chính chủ trì; hoàn thành trong quý "
        "III/2026).”",
        title="Về việc sửa đổi Kế hoạch số 30/KH-UBND ngày 15/01/2026 của UBND tỉnh",
    )
    assert _changes(draft) == [("amend", "II.3", None, None, None, [])]
    assert draft.tasks[0].lead == ["Sở Tài chính"]


def test_a_plan_that_only_mentions_another_is_not_an_amendment() -> None:
    draft = parse_text(
        "KẾ HOẠCH\nThực hiện Kế hoạch số 30/KH-UBND ngày 15/01/2026 của UBND tỉnh\n\n"
        "II. NHIỆM VỤ\n1. Bổ sung dữ liệu quy hoạch.\n- Cơ quan chủ trì: Sở Xây dựng.\n"
    )
    assert draft.amends is None and draft.plan.kind != "amendment"
    assert [t.ref for t in draft.tasks] == ["II.1"]


def test_an_appendix_task_restated_as_a_table_row_and_an_item_restated_with_thanh() -> None:
    draft = _amend(
        "1. Sửa đổi nhiệm vụ số 2 Mục II Phụ lục như sau:\n\n"
        "| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
        "|---|---|---|---|---|\n"
        "| 2 | Triển khai hệ thống văn bản | Văn phòng UBND tỉnh | Sở Nội vụ | Quý IV/2026 |"
        "\n\n2. Sửa đổi điểm a khoản 1 Mục III thành: “a) Sở Khoa học và Công nghệ chủ trì tổng "
        "hợp, báo cáo UBND tỉnh trước ngày 15/12/2026.”\n"
    )
    assert _changes(draft) == [
        ("amend", "II.2", None, None, None, []),
        ("amend", "III.1.a", None, None, None, []),
    ]
    row, item = draft.tasks
    assert (row.ref, row.lead, row.support, row.timeframe) == (
        "II.2",
        ["Văn phòng UBND tỉnh"],
        ["Sở Nội vụ"],
        "Quý IV/2026",
    )
    assert (item.ref, item.lead, str(item.due)) == (
        "III.1.a",
        ["Sở Khoa học và Công nghệ"],
        "2026-12-15",
    )
