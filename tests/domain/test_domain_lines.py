"""List markers and wrapped lines as documents and chat messages write them (domain/lines.py):
the plan importer and the reply parser read them the same way."""

from __future__ import annotations

import pytest

from domain.lines import (
    bare_number,
    join_wrapped,
    starts_with_bullet,
    starts_with_marker,
    strip_bullet,
    strip_marker,
)


@pytest.mark.parametrize(
    ("line", "marker"),
    [
        ("1. Rà soát quy hoạch", True),
        ("12) Xây dựng đề án", True),
        ("2.1. Nhóm nhiệm vụ", True),
        ("2.1 Nhóm nhiệm vụ", True),
        ("a) Cơ quan chủ trì: Sở Xây dựng", True),
        ("đ) Hoàn thiện thể chế", True),
        ("II. NHIỆM VỤ, GIẢI PHÁP", True),
        ("(3) Ban cán sự đảng UBND tỉnh", True),
        ("- Sở Tài chính bố trí kinh phí", True),
        ("• Sở Y tế", True),
        ("+ Cơ quan phối hợp: Sở Nội vụ", True),
        ("Sở Xây dựng chủ trì", False),
        ("1.500 tỷ đồng từ ngân sách tỉnh", False),  # a thousands dot, not "1.5"
        ("2026-2030 và các năm tiếp theo", False),
        ("-5% so với cùng kỳ", False),
        ("ủy ban nhân dân các xã", False),
    ],
)
def test_a_line_opens_with_a_marker(line: str, marker: bool) -> None:
    assert starts_with_marker(line) is marker


def test_bullets_are_not_numbers() -> None:
    assert starts_with_bullet("- Rà soát")
    assert starts_with_bullet("• Rà soát")
    assert not starts_with_bullet("1. Rà soát")
    assert strip_bullet("- Rà soát") == "Rà soát"
    assert strip_bullet("–Rà soát") == "Rà soát"
    assert strip_bullet("1. Rà soát") == "1. Rà soát"


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("1. Sở Xây dựng là cơ quan thường trực", "Sở Xây dựng là cơ quan thường trực"),
        ("a) Sở Tài chính", "Sở Tài chính"),
        ("- Sở Y tế", "Sở Y tế"),
        ("(2) Đảng đoàn HĐND tỉnh", "Đảng đoàn HĐND tỉnh"),
        ("  Sở Nội vụ ", "Sở Nội vụ"),
    ],
)
def test_strip_marker(line: str, text: str) -> None:
    assert strip_marker(line) == text


@pytest.mark.parametrize(
    ("text", "bare"),
    [("1.", True), ("2)", True), (" 3 - ", True), ("12", True), ("2a", False), ("xong", False)],
)
def test_a_bare_list_number(text: str, bare: bool) -> None:
    assert bare_number(text) is bare


def test_join_wrapped_lines() -> None:
    assert join_wrapped("Kế hoạch giai đoạn 2026-", "2030") == "Kế hoạch giai đoạn 2026-2030"
    assert join_wrapped("Sở Kế hoạch -", "Đầu tư") == "Sở Kế hoạch - Đầu tư"
    assert join_wrapped("triển khai", "các nhiệm vụ") == "triển khai các nhiệm vụ"
