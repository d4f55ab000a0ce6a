"""Item markers as plans print them and as scans misread them (plans/numbering.py): numbers of any
width, look-alike letters for digits, braces for parentheses, an item run into the line above,
and the numbering's jumps said rather than passed over."""

from __future__ import annotations

import pytest

from plans.document import parse_text
from plans.numbering import Numbering, Para, body_paragraphs, numbering_breaks, roman_value


def _read(lines: list[str]) -> list[tuple[str, str]]:
    paras = body_paragraphs("\n\n".join(lines))
    return [(p.kind, p.label) for p in paras]


@pytest.mark.parametrize(
    ("lines", "markers"),
    [
        # digits read as letters
        (["I. MỤC TIÊU", "l. Mục đích"], [("roman", "I"), ("num", "1")]),
        (["I. MỤC TIÊU", "Il. NHIỆM VỤ"], [("roman", "I"), ("roman", "II")]),
        (
            ["I. A", "II. B", "Ill. TỔ CHỨC THỰC HIỆN"],
            [("roman", "I"), ("roman", "II"), ("roman", "III")],
        ),
        (["4. Rừng", "S. Truy xuất nguồn gốc"], [("num", "4"), ("num", "5")]),
        (["I. A", "11. NHIỆM VỤ"], [("roman", "I"), ("roman", "II")]),
        (["II. B", "III. C", "1V. KINH PHÍ"], [("roman", "II"), ("roman", "III"), ("roman", "IV")]),
        (["9. Hợp tác", "lO. Truyền thông"], [("num", "9"), ("num", "10")]),
        (["10. Truyền thông", "1l. Sơ kết"], [("num", "10"), ("num", "11")]),
        # a parenthesis read as a brace, or with a space before it
        (
            ["1. Dữ liệu", "a) Đất", "b} Chăn nuôi"],
            [("num", "1"), ("letter", "a"), ("letter", "b")],
        ),
        (["{2) Ban cán sự đảng"], [("paren", "2")]),
        (["(l) Các cấp ủy"], [("paren", "1")]),
        # "l)" is the letter l after k), the number 1 where no letters run
        (["2. X", "k) Mười", "l) Mười một"], [("num", "2"), ("letter", "k"), ("letter", "l")]),
        # numbers of any width
        (
            ["99. Chín chín", "100. Một trăm", "130. Một trăm ba mươi"],
            [("num", "99"), ("num", "100"), ("num", "130")],
        ),
        (["XXXVIII. PHẦN CUỐI"], [("roman", "XXXVIII")]),
        (["105.2. Mục con"], [("sub", "105.2")]),
    ],
)
def test_markers_read_back(lines: list[str], markers: list[tuple[str, str]]) -> None:
    assert _read(lines) == markers


@pytest.mark.parametrize(
    "line",
    [
        "Sở Tài chính bố trí kinh phí.",
        "S. Tài chính",  # a capital S after item 9 is not 5
        "lO triệu đồng cho mỗi xã",
        "Ông Lê Văn A. Phó Chủ tịch",
    ],
)
def test_text_is_not_taken_for_a_marker(line: str) -> None:
    numbering = Numbering(number=9)
    assert numbering.read(line).kind == "text"


def test_an_item_run_into_the_line_above_is_put_back() -> None:
    text = (
        "3. Ban Tuyên giáo Tỉnh ủy\n\n"
        "- Hướng dẫn thực hiện phong trào thi đua gắn với xây dựng nông thôn mới. 4. Đảng ủy "
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh\n\n- Chỉ đạo vận động đoàn viên."
    )
    assert _read([text]) == [("num", "3"), ("bullet", "-"), ("num", "4"), ("bullet", "-")]


def test_jumps_and_repeats_are_found() -> None:
    paras = [
        Para("roman", "II", "NHIỆM VỤ"),
        Para("num", "6", "x"),
        Para("num", "8", "x"),
        Para("letter", "a", "x"),
        Para("letter", "c", "x"),
        Para("roman", "IV", "TỔ CHỨC"),
    ]
    assert numbering_breaks(paras) == [("II.8", "II.7"), ("II.8.c", "II.8.b"), ("IV", "III")]


def test_roman_values() -> None:
    assert [roman_value(t) for t in ("I", "IV", "IX", "XIV", "XL", "IIII", "IL", "")] == [
        1,
        4,
        9,
        14,
        40,
        None,
        None,
        None,
    ]


def test_a_plan_numbered_to_130_has_130_tasks() -> None:
    items = "\n".join(
        f"{n}. Rà soát thủ tục hành chính nhóm {n}.\n- Cơ quan chủ trì: Sở Nội vụ.\n"
        "- Thời gian hoàn thành: Quý IV/2026."
        for n in range(1, 131)
    )
    draft = parse_text(f"KẾ HOẠCH\nCải cách hành chính\n\nII. NHIỆM VỤ\n{items}\n")
    assert [t.ref for t in draft.tasks] == [f"II.{n}" for n in range(1, 131)]
    assert draft.tasks[-1].title == "Rà soát thủ tục hành chính nhóm 130"
    assert not [w for w in draft.warnings if w.code.startswith("numbering")]


def test_a_jump_is_a_warning_in_the_preview() -> None:
    text = (
        "II. NHIỆM VỤ\n1. Rà soát quy hoạch.\n- Cơ quan chủ trì: Sở Xây dựng.\n"
        "2. Lập đề án.\n- Cơ quan chủ trì: Sở Tài chính.\n"
        "4. Kiểm tra.\n- Cơ quan chủ trì: Sở Nội vụ.\n"
    )
    draft = parse_text(text)
    gaps = [(w.ref, w.excerpt) for w in draft.warnings if w.code == "numbering_gap"]
    assert gaps == [("II.4", "II.3")]
