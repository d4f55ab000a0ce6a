"""Timeframes as written in plans → due dates."""

from __future__ import annotations

from datetime import date

import pytest

from plans.timeframe import due_date, is_recurring


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
