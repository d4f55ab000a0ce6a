"""Timeframes as written in plans → due dates."""

from __future__ import annotations

from datetime import date

import pytest

from plans.timeframe import due_date, is_recurring, read_timeframe


@pytest.mark.parametrize(
    ("timeframe", "expected"),
    [
        ("Quý IV/2022", date(2022, 12, 31)),
        ("Quý I/2025", date(2025, 3, 31)),
        ("Quý II/2025", date(2025, 6, 30)),
        ("Quy II/2025", date(2025, 6, 30)),
        ("quý 3/2024", date(2024, 9, 30)),
        ("Quý II năm 2025", date(2025, 6, 30)),
        ("Quý III - Quý IV/2023", date(2023, 12, 31)),
        ("Quý III, IV/2023", date(2023, 12, 31)),
        ("trước 30/6/2024", date(2024, 6, 30)),
        ("truoc 30/6/2024", date(2024, 6, 30)),
        ("Trước ngày 15/01/2025", date(2025, 1, 15)),
        ("Chậm nhất ngày 31-12-2024", date(2024, 12, 31)),
        ("ngày 30 tháng 6 năm 2024", date(2024, 6, 30)),
        ("ngay 30 thang 6 nam 2024", date(2024, 6, 30)),
        ("Năm 2023", date(2023, 12, 31)),
        ("Nam 2023", date(2023, 12, 31)),
        ("Trong năm 2024", date(2024, 12, 31)),
        ("Tháng 6/2023", date(2023, 6, 30)),
        ("Tháng 02/2024", date(2024, 2, 29)),
        ("tháng 12 năm 2024", date(2024, 12, 31)),
        ("6/2024", date(2024, 6, 30)),
        ("6 tháng đầu năm 2023", date(2023, 6, 30)),
        ("6 thang dau nam 2023", date(2023, 6, 30)),
        ("6 tháng cuối năm 2025", date(2025, 12, 31)),
        ("9 tháng đầu năm 2024", date(2024, 9, 30)),
        ("Từ 01/01/2024 đến 30/9/2024", date(2024, 9, 30)),
        ("Giai đoạn 2021 - 2025", date(2025, 12, 31)),
        ("Năm học 2024 - 2025", date(2025, 12, 31)),
        ("Thường xuyên", None),
        ("Thuong xuyen", None),
        ("Năm 2022 và các năm tiếp theo", None),
        ("Nam 2022 va cac nam tiep theo", None),
        ("Hằng năm", None),
        ("Trước ngày 15/12 hằng năm", None),
        ("Định kỳ hằng quý", None),
        ("Khi có yêu cầu", None),
        ("", None),
        ("không rõ", None),
        ("31/2/2024", None),
        ("Quý V/2024", None),
    ],
)
def test_due_date(timeframe: str, expected: date | None) -> None:
    assert due_date(timeframe) == expected


def test_decomposed_unicode_is_read() -> None:
    import unicodedata

    assert due_date(unicodedata.normalize("NFD", "Quý IV/2022")) == date(2022, 12, 31)


@pytest.mark.parametrize(
    ("timeframe", "recurring"),
    [
        ("Thường xuyên", True),
        ("Năm 2022 và các năm tiếp theo", True),
        ("hằng năm", True),
        ("Quý IV/2022", False),
        ("trước 30/6/2024", False),
    ],
)
def test_is_recurring(timeframe: str, recurring: bool) -> None:
    assert is_recurring(timeframe) is recurring


@pytest.mark.parametrize(
    ("written", "label", "due"),
    [
        ("trong quý I/2023", "Quý I/2023", date(2023, 3, 31)),
        ("Quý IV/2026", "Quý IV/2026", date(2026, 12, 31)),
        ("quy 2/2026", "Quý II/2026", date(2026, 6, 30)),
        ("6 tháng đầu năm 2026", "6 tháng đầu năm 2026", date(2026, 6, 30)),
        ("Trong 6 tháng cuối năm 2026", "6 tháng cuối năm 2026", date(2026, 12, 31)),
        ("trước ngày 30/6/2026", "Trước 30/6/2026", date(2026, 6, 30)),
        ("Chậm nhất ngày 15 tháng 10 năm 2026", "Trước 15/10/2026", date(2026, 10, 15)),
        ("năm 2026-2027", "Năm 2026-2027", date(2027, 12, 31)),
        ("hằng năm", "Hằng năm", None),
        ("Hàng năm", "Hằng năm", None),
        ("Thường xuyên", "Thường xuyên", None),
        ("thuong xuyen.", "Thường xuyên", None),
        ("Định kỳ hằng quý", "Hằng quý", None),
        ("tháng 12/2026", "Tháng 12/2026", date(2026, 12, 31)),
        ("trong tháng 9/2026", "Tháng 9/2026", date(2026, 9, 30)),
        ("đến năm 2030", "Đến năm 2030", date(2030, 12, 31)),
        ("Giai đoạn 2026 - 2030", "Giai đoạn 2026 - 2030", date(2030, 12, 31)),
        ("Khi có yêu cầu", "Khi có yêu cầu", None),
    ],
)
def test_read_timeframe_labels_and_due(written: str, label: str, due: date | None) -> None:
    timeframe = read_timeframe(written)
    assert timeframe is not None
    assert (timeframe.label, timeframe.due) == (label, due)


def test_read_timeframe_empty() -> None:
    assert read_timeframe("") is None
    assert read_timeframe(None) is None
