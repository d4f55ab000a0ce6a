"""The corpus of figure replies (reports/figures.py): what officers send for an indicator's
figure, and what each must give — the indicator, the value, the unit, the date it is for and
its source — or the question it must get (never a guess)."""

from __future__ import annotations

from datetime import date

import pytest

from reports.figures import (
    BEYOND,
    FUTURE,
    NEGATIVE,
    NO_NUMBER,
    OVER_100,
    SEVERAL,
    WHICH,
    WRONG_UNIT,
    Candidate,
    looks_like_figure,
    read_figures,
    same_unit,
)

URBAN = Candidate(1, "Tỷ lệ đô thị hóa", "%", 2030)
HOUSING = Candidate(2, "Diện tích sàn nhà ở bình quân đầu người tại khu vực đô thị", "m²", 2030)
PAYMENTS = Candidate(
    3, "Tỷ lệ dân số trưởng thành tại đô thị có tài khoản thanh toán điện tử", "%", 2030
)
TOWNS = Candidate(4, "Số lượng đô thị toàn tỉnh", "đô thị", 2030)
GROWTH = Candidate(5, "Tốc độ tăng trưởng kinh tế (GRDP) bình quân", "%/năm", 2030)
ALL = [URBAN, HOUSING, PAYMENTS, TOWNS, GROWTH]
TODAY = date(2026, 12, 10)
Y2025 = date(2025, 12, 31)

# (reply, the lines of the request it answers, what it gives:
#  (indicator, value, value_max, unit, as_of, source) per figure)
CORPUS = [
    ("tỷ lệ đô thị hóa đạt 41,2% (số liệu 2025, Cục Thống kê)", (),
     [(1, 41.2, None, "%", Y2025, "Cục Thống kê")]),
    ("Tỷ lệ đô thị hóa: 41,2%", (), [(1, 41.2, None, "%", None, "")]),
    ("ty le do thi hoa 41.2% nam 2025 nguon: Chi cuc Thong ke", (),
     [(1, 41.2, None, "%", Y2025, "Chi cuc Thong ke")]),
    ("41,2%", (1,), [(1, 41.2, None, "%", None, "")]),
    ("41,2", (1,), [(1, 41.2, None, None, None, "")]),
    ("1. 41,2% (số liệu năm 2025)\n2. 30,5 m2 (tính đến 30/6/2026)", (1, 2),
     [(1, 41.2, None, "%", Y2025, ""), (2, 30.5, None, "m²", date(2026, 6, 30), "")]),
    ("1) 41,2%; 2) 31 m²", (1, 2), [(1, 41.2, None, "%", None, ""), (2, 31, None, "m²", None, "")]),
    ("(1) 41,2%\n(2) 31 m²", (1, 2),
     [(1, 41.2, None, "%", None, ""), (2, 31, None, "m²", None, "")]),
    ("2 - 31,5 m2, số liệu 6 tháng đầu năm 2026", (1, 2),
     [(2, 31.5, None, "m²", date(2026, 6, 30), "")]),
    ("diện tích sàn nhà ở bình quân 31,5 m² năm 2026", (),
     [(2, 31.5, None, "m²", date(2026, 12, 31), "")]),
    ("Số đô thị toàn tỉnh: 22 đô thị (2025)", (), [(4, 22, None, "đô thị", Y2025, "")]),
    ("tài khoản thanh toán điện tử 55,3% theo Ngân hàng Nhà nước", (),
     [(3, 55.3, None, "%", None, "Ngân hàng Nhà nước")]),
    ("Tỷ lệ đô thị hóa: 41,2% do Chi cục Thống kê cung cấp", (),
     [(1, 41.2, None, "%", None, "Chi cục Thống kê")]),
    ("tốc độ tăng trưởng GRDP 7,8%/năm (ước thực hiện năm 2026)", (),
     [(5, 7.8, None, "%/năm", date(2026, 12, 31), "")]),
    ("đô thị hóa khoảng 40-42% quý III/2026", (), [(1, 40, 42, "%", date(2026, 9, 30), "")]),
    ("1. 41,2%\nNguồn: niên giám thống kê 2025", (1,),
     [(1, 41.2, None, "%", None, "niên giám thống kê 2025")]),
    ("số đô thị 1.021 đô thị", (), [(4, 1021, None, "đô thị", None, "")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "lines", "expected"), CORPUS)
def test_figures_are_read(
    text: str, lines: tuple[int, ...], expected: list[tuple[object, ...]]
) -> None:
    parts = read_figures(text, ALL, lines=lines, today=TODAY)
    assert [p.problem for p in parts] == [None] * len(expected), parts
    found = [(p.indicator_id, p.value, p.value_max, p.unit, p.as_of, p.source) for p in parts]
    assert found == expected


# each answered with a question, never recorded
PROBLEMS = [
    ("tỷ lệ đô thị hóa 41,2 m2", (), WRONG_UNIT),
    ("1. 30 đô thị", (1,), WRONG_UNIT),
    ("diện tích sàn nhà ở 31,5%", (), WRONG_UNIT),
    ("tỷ lệ đô thị hóa đạt 412%", (), OVER_100),
    ("1. 101,5%", (1,), OVER_100),
    ("tài khoản thanh toán điện tử 40-120%", (), OVER_100),
    ("tỷ lệ đô thị hóa 46% số liệu 2031", (), BEYOND),
    ("1. 41% (số liệu năm 2028)", (1,), FUTURE),
    ("1. bốn mươi mốt phẩy hai phần trăm", (1, 2), NO_NUMBER),
    ("chưa có số liệu, đang chờ Cục Thống kê", (1,), NO_NUMBER),
    ("41,2%", (1, 2), WHICH),  # two indicators asked: which one?
    ("41,2%", (), WHICH),
    ("1 41,2% 2 30 m2", (1, 2), SEVERAL),
    ("tỷ lệ đô thị hóa 41,2%, kế hoạch 40%", (), SEVERAL),
]


@pytest.mark.parametrize(("text", "lines", "problem"), PROBLEMS)
def test_bad_figures_are_asked_about(text: str, lines: tuple[int, ...], problem: str) -> None:
    parts = read_figures(text, ALL, lines=lines, today=TODAY)
    assert problem in [p.problem for p in parts], parts


def test_a_share_is_never_negative_but_a_change_may_be() -> None:
    assert read_figures("1. 41,2%", ALL, lines=(1,), today=TODAY)[0].ok
    share = Candidate(9, "Tỷ lệ hộ nghèo", "%", 2030)
    assert share.share and not GROWTH.share and not HOUSING.share
    # "-2%" is a minus sign only when written with no space: read as a range otherwise
    assert read_figures("-2%", [share], lines=(9,), today=TODAY)[0].problem in (
        NEGATIVE,
        NO_NUMBER,
    )


def test_only_a_message_naming_an_indicator_with_a_number_is_taken_as_a_figure() -> None:
    assert looks_like_figure("tỷ lệ đô thị hóa đạt 41,2% năm 2025", ALL)
    assert looks_like_figure("ty le do thi hoa 41,2%", ALL)
    assert not looks_like_figure("2a đang thực hiện 70%", ALL)  # a task's report
    assert not looks_like_figure("II.1.a hoàn thành 100%", ALL)
    assert not looks_like_figure("tỷ lệ đô thị hóa", ALL)  # no number
    assert not looks_like_figure("đã gửi báo cáo 30 trang", ALL)  # names nothing
    assert not looks_like_figure("tỷ lệ đô thị hóa 41,2%", [])


def test_units_are_compared_as_written() -> None:
    assert same_unit("m2", "m²") and same_unit("%", "%") and same_unit(None, "%")
    assert same_unit("đô thị loại II", "đô thị") and same_unit("%/năm", "%/năm")
    assert not same_unit("m²", "%") and not same_unit("đô thị", "%")
