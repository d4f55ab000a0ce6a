"""A plan's own reporting clause (plans/reporting.py): a corpus of phrasings as provinces write
them — with and without diacritics, digits misread in a scan — and the frequencies and deadline
rules each gives (docs/counting.md, section 1: day N of the cut-off's month, of the month after
it, or the first day N after the cut-off)."""

from __future__ import annotations

import pytest

from plans.document import parse_text
from plans.reporting import read_clause, reporting_schedule

C, N, F = "cutoff", "next", "first"

CORPUS: list[tuple[str, list[str], dict[str, tuple[int, str]]]] = [
    # monthly
    (
        "Các sở, ngành báo cáo kết quả thực hiện về Sở Xây dựng trước ngày 15 hằng tháng.",
        ["monthly"],
        {"monthly": (15, F)},
    ),
    ("bao cao ket qua ve So Xay dung truoc ngay 15 hang thang", ["monthly"], {"monthly": (15, F)}),
    ("báo cáo kết quả về Sở Xây dựng truóc ngày l5 hàng tháng", ["monthly"], {"monthly": (15, F)}),
    (
        "Hằng tháng, trước ngày 20, các đơn vị gửi báo cáo về Văn phòng UBND tỉnh.",
        ["monthly"],
        {"monthly": (20, F)},
    ),
    ("báo cáo hằng tháng trước ngày 25 của tháng", ["monthly"], {"monthly": (25, F)}),
    (
        "hằng tháng, chậm nhất ngày 5 tháng sau gửi báo cáo về Sở Tài chính",
        ["monthly"],
        {"monthly": (5, N)},
    ),
    # quarterly
    (
        "Định kỳ hằng quý, trước ngày 10 của tháng cuối quý, báo cáo kết quả về Sở Nội vụ.",
        ["quarterly"],
        {"quarterly": (10, C)},
    ),
    (
        "dinh ky hang quy truoc ngay 20 thang cuoi quy bao cao UBND tinh",
        ["quarterly"],
        {"quarterly": (20, C)},
    ),
    (
        "báo cáo kết quả thực hiện trước ngày 5 tháng đầu quý sau",
        ["quarterly"],
        {"quarterly": (5, N)},
    ),
    (
        "Báo cáo định kỳ hằng quý (trước ngày 15/3, 15/6, 15/9 và 15/12) về Sở Tài chính.",
        ["quarterly"],
        {"quarterly": (15, C)},
    ),
    (
        "báo cáo quý gửi trước ngày 05/4, 05/7, 05/10 và 05/01 năm sau",
        ["quarterly"],
        {"quarterly": (5, N)},
    ),
    # half-yearly and yearly
    (
        "định kỳ 6 tháng, năm (trước ngày 10/6 và 10/12) báo cáo UBND tỉnh",
        ["half_yearly", "yearly"],
        {"half_yearly": (10, C), "yearly": (10, C)},
    ),
    (
        "dinh ky 6 thang, nam (truoc ngay 1O/6 va 1O/12) bao cao UBND tinh",
        ["half_yearly", "yearly"],
        {"half_yearly": (10, C), "yearly": (10, C)},
    ),
    (
        "báo cáo kết quả về Sở Nông nghiệp và Môi trường trước ngày 05/6 và 05/12 hằng năm",
        ["half_yearly", "yearly"],
        {"half_yearly": (5, C), "yearly": (5, C)},
    ),
    (
        "báo cáo năm gửi về Sở Tài chính trước ngày 15/01 năm sau",
        ["yearly"],
        {"yearly": (15, N)},
    ),
    (
        "định kỳ báo cáo quý trước ngày 18 tháng cuối quý; báo cáo năm trước ngày 18/12",
        ["quarterly", "yearly"],
        {"quarterly": (18, C), "yearly": (18, C)},
    ),
    (
        "Định kỳ 6 tháng, hằng năm tổng hợp, báo cáo Ban Thường vụ Tỉnh ủy.",
        ["half_yearly", "yearly"],
        {},
    ),
    ("định kỳ hằng quý báo cáo UBND tỉnh", ["quarterly"], {}),
]


@pytest.mark.parametrize(("sentence", "kinds", "deadlines"), CORPUS)
def test_clause_corpus(
    sentence: str, kinds: list[str], deadlines: dict[str, tuple[int, str]]
) -> None:
    clause = read_clause(sentence)
    assert clause is not None
    assert clause.kinds == kinds
    assert {k: (r.day, r.month) for k, r in clause.deadlines.items()} == deadlines


@pytest.mark.parametrize(
    "sentence",
    [
        "Sở Xây dựng tổng hợp, báo cáo UBND tỉnh trước ngày 15/12/2026.",  # one date, no period
        "Tổ chức sơ kết, đánh giá kết quả thực hiện.",
        "Hoàn thành trước ngày 30/6/2026.",
    ],
)
def test_sentences_that_set_no_reporting_calendar(sentence: str) -> None:
    clause = read_clause(sentence)
    assert clause is None or not clause.deadlines


def test_the_agencies_deadline_wins_over_the_coordinators() -> None:
    schedule = reporting_schedule(
        [
            "1. Sở Nông nghiệp và Môi trường theo dõi, đôn đốc; định kỳ 6 tháng, năm (trước ngày "
            "10/6 và 10/12) tổng hợp, báo cáo UBND tỉnh.",
            "2. Các sở, ban, ngành báo cáo kết quả về Sở Nông nghiệp và Môi trường trước ngày "
            "05/6 và 05/12 hằng năm để tổng hợp.",
        ]
    )
    assert schedule.frequencies == ["half_yearly", "yearly"]
    assert {k: (r.day, r.month) for k, r in schedule.deadlines.items()} == {
        "half_yearly": (5, C),
        "yearly": (5, C),
    }
    assert schedule.clause is not None and schedule.clause.startswith("Các sở, ban, ngành")


def test_nothing_said_keeps_the_defaults() -> None:
    schedule = reporting_schedule(["Các sở, ngành triển khai thực hiện Kế hoạch."])
    assert schedule.frequencies == ["quarterly"]
    assert schedule.deadlines == {} and schedule.clause is None


def test_a_plan_reads_its_clause_from_to_chuc_thuc_hien() -> None:
    draft = parse_text(
        "KẾ HOẠCH\nCải cách hành chính\n\nII. NHIỆM VỤ\n1. Rà soát thủ tục.\n"
        "- Cơ quan chủ trì: Sở Nội vụ.\n\nIII. TỔ CHỨC THỰC HIỆN\n"
        "Các cơ quan báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 15 hằng tháng."
    )
    assert draft.reporting.frequencies == ["monthly"]
    assert draft.reporting.deadlines["monthly"].model_dump() == {"day": 15, "month": "first"}
    assert draft.reporting.clause == (
        "Các cơ quan báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 15 hằng tháng"
    )
