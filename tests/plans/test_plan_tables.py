"""Task tables as departments keep them (plans/tables.py, plans/sheet_reader.py): a header typed
again is never a task, a second table with the same header goes on with the first, a tracking
sheet's counts and dates read as a person reads them, and a list known by its file name."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pytest

from plans.document import parse_text, read_document
from plans.loading import number_in_filename, read_plan
from plans.tables import is_header_row

TWO_TABLES = """KẾ HOẠCH
Phát triển du lịch

PHỤ LỤC

| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |
|---|---|---|---|
| I | DU LỊCH BIỂN | | |
| 1 | Quảng bá du lịch biển | Sở Du lịch | Quý II/2026 |
| 2 | Xây dựng bến du thuyền | Sở Xây dựng | Năm 2026 |

(tiếp theo)

| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |
|---|---|---|---|
| II | DU LỊCH NÚI | | |
| 1 | Mở tuyến leo núi | Sở Du lịch | Quý III/2026 |
| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |
| 2 | Đào tạo hướng dẫn viên | Sở Du lịch | Quý IV/2026 |
"""


def test_a_second_table_with_the_same_header_goes_on() -> None:
    draft = parse_text(TWO_TABLES)
    assert [(t.ref, t.lead) for t in draft.tasks] == [
        ("I.1", ["Sở Du lịch"]),
        ("I.2", ["Sở Xây dựng"]),
        ("II.1", ["Sở Du lịch"]),
        ("II.2", ["Sở Du lịch"]),
    ]


def test_tables_with_other_headers_stay_apart() -> None:
    text = TWO_TABLES.replace(
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n| II",
        "| TT | Nội dung | Đơn vị chủ trì | Thời hạn |\n|---|---|---|---|\n| II",
    )
    assert [t.ref for t in parse_text(text).tasks][:3] == ["PL1.I.1", "PL1.I.2", "PL2.II.1"]


@pytest.mark.parametrize(
    ("cells", "header"),
    [
        (["TT", "Nội dung nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm"], True),
        (["", "", "Chủ trì", "Phối hợp", "", ""], True),
        (["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"], True),
        (["1", "Rà soát thủ tục", "Sở Nội vụ", "Quý II/2026"], False),
        (["A", "NHIỆM VỤ CHUNG", "", ""], False),
        (["", "Tổ chức thực hiện nhiệm vụ", "Sở Tài chính", ""], False),
    ],
)
def test_header_rows(cells: list[str], header: bool) -> None:
    assert is_header_row(cells) is header


def _tracking_sheet() -> bytes:
    book = openpyxl.Workbook()
    summary = book.active
    summary.append(["Đơn vị", "Tổng số nhiệm vụ", "Hoàn thành", "Đang thực hiện"])
    summary.append(["Sở Xây dựng", 2, 1, 1])
    sheet = book.create_sheet("Theo dõi")
    sheet.append(["BẢNG THEO DÕI NHIỆM VỤ"])
    sheet.append(["Thực hiện Kế hoạch số 12/KH-UBND ngày 05 tháng 01 năm 2026 của UBND tỉnh"])
    sheet.append(["Đơn vị chủ trì", "TT", "Nhiệm vụ", "Hạn hoàn thành", "Tình trạng"])
    sheet.append(
        ["Sở Xây dựng", 1, "Lập quy hoạch đô thị", datetime(2026, 9, 30), "Đang thực hiện"]
    )
    sheet.append(
        [None, 2, "Cấp phép xây dựng trực tuyến", datetime(2026, 3, 31, 0, 0), "Hoàn thành"]
    )
    # a deadline typed in a cell not formatted as a date: Excel's day number
    sheet.append(["Sở Tài chính", 3, "Bố trí vốn nhà ở xã hội", 46387, "Chưa thực hiện"])
    sheet.merge_cells("A4:A5")
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def test_a_tracking_sheet() -> None:
    draft = read_document(_tracking_sheet(), "theo-doi.xlsx")
    assert (draft.plan.number, str(draft.plan.issued_on)) == ("12/KH-UBND", "2026-01-05")
    assert [(t.ref, t.lead, t.timeframe, str(t.due)) for t in draft.tasks] == [
        ("1", ["Sở Xây dựng"], "30/09/2026", "2026-09-30"),
        ("2", ["Sở Xây dựng"], "31/03/2026", "2026-03-31"),
        ("3", ["Sở Tài chính"], "31/12/2026", "2026-12-31"),
    ]
    assert "00:00" not in " ".join(t.text + (t.timeframe or "") for t in draft.tasks)


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("khanh-hoa-544-kl-tu", "544-KL/TU"),
        ("ha-tinh-15-ctr-tu", "15-CTr/TU"),
        ("quang-ngai-151-kh-ubnd", "151/KH-UBND"),
        ("QD_512_QD_UBND", "512/QĐ-UBND"),
        ("nghi-quyet-06-nq-tw", "06-NQ/TW"),
        ("544KL-TU scan", "544-KL/TU"),
        ("Kế hoạch số 151-KH-UBND ngày 22-9-2022", "151/KH-UBND"),
        ("danh-muc-nha-o-xa-hoi", None),
        ("ke-hoach-2026", None),
    ],
)
def test_a_number_in_the_file_name(name: str, number: str | None) -> None:
    assert number_in_filename(name) == number


def test_a_text_without_its_header_is_known_by_the_number_in_its_file_name() -> None:
    text = (
        "Ban Thường vụ Tỉnh ủy kết luận:\n\n1. Ban cán sự đảng UBND tỉnh\n"
        "- Chỉ đạo rà soát quy hoạch.\n\n2. Văn phòng Tỉnh ủy\n"
        "- Theo dõi, đôn đốc thực hiện Kết luận."
    )
    draft = read_plan(text.encode(), "ket-luan-544-kl-tu.txt", max_bytes=1_000_000)
    assert draft.plan.number == "544-KL/TU"
    assert "no_number" in [w.code for w in draft.warnings]


def test_a_numbered_point_inside_a_cell_leaves_no_digit_in_the_title() -> None:
    text = (
        "KẾ HOẠCH\nDữ liệu dân cư\n\n"
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
        "| 1 | Làm sạch dữ liệu hộ tịch đồng bộ với dữ liệu dân cư<br>2. Ưu tiên các xã mới"
        " sáp nhập | Sở Tư pháp | Quý III/2026 |\n"
        "| 2 | Kích hoạt tài khoản định danh điện tử mức độ 2 | Công an tỉnh | Năm 2026 |\n"
    )
    first, second = parse_text(text).tasks
    assert first.title == "Làm sạch dữ liệu hộ tịch đồng bộ với dữ liệu dân cư"
    assert first.text.endswith("\n2. Ưu tiên các xã mới sáp nhập")
    assert second.title == "Kích hoạt tài khoản định danh điện tử mức độ 2"  # its own number


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Phát triển đô thị1 bền vững.", "Phát triển đô thị1 bền vững"),
        ("Quy hoạch phát triển đô thị1", "Quy hoạch phát triển đô thị"),  # a PDF's footnote mark
        ("Phủ sóng 5G", "Phủ sóng 5G"),
        ("Phòng, chống COVID-19", "Phòng, chống COVID-19"),
        ("Nâng cấp quốc lộ 1", "Nâng cấp quốc lộ 1"),
    ],
)
def test_titles_keep_their_own_numbers_only(text: str, title: str) -> None:
    from plans.drafting import short_title

    assert short_title(text) == title


def test_a_table_copied_column_by_column_is_refused_with_what_to_send() -> None:
    from pathlib import Path

    from plans.errors import DocumentError

    docs = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
    text = (docs / "r3_kh-lam-dong-bang-theo-cot.txt").read_text("utf-8")
    one_line_header = text.replace(
        "STT\nNhiệm vụ\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian hoàn thành\n",
        "STT Nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành\n",
    )
    for variant in (text, one_line_header):
        with pytest.raises(DocumentError) as caught:
            parse_text(variant)
        assert caught.value.code == "table_layout_lost"
        assert caught.value.params["columns"]


def test_a_lost_table_beside_tasks_with_role_lines_is_a_warning() -> None:
    text = (
        "KẾ HOẠCH\nDu lịch\n\nII. NHIỆM VỤ\n1. Quảng bá du lịch.\n- Cơ quan chủ trì: Sở Du lịch.\n"
        "\nPHỤ LỤC\n\nSTT\n\nNhiệm vụ\n\nCơ quan chủ trì\n\nThời gian\n\n"
        "Khảo sát tuyến\n\nSở Du lịch\n"
    )
    draft = parse_text(text)
    assert [t.ref for t in draft.tasks] == ["II.1"]
    assert "table_layout_lost" in [w.code for w in draft.warnings]


@pytest.mark.parametrize(
    "table",
    [
        # the lead column first, its name not repeated on the rows below
        "| Đơn vị chủ trì | TT | Nhiệm vụ | Hạn |\n|---|---|---|---|\n"
        "| Sở Xây dựng | 1 | Lập quy hoạch | 30/09/2026 |\n"
        "|  | 2 | Cấp phép xây dựng | 31/12/2026 |\n"
        "| UBND các xã, phường | 3 | Giải phóng mặt bằng | 30/06/2026 |\n",
        # grouped by lead agency: a group row names it
        "| TT | Nhiệm vụ | Hạn hoàn thành | Tình trạng |\n|---|---|---|---|\n"
        "| I | Sở Xây dựng | | |\n"
        "| 1 | Lập quy hoạch | 30/09/2026 | Đang thực hiện |\n"
        "| 2 | Cấp phép xây dựng | 31/12/2026 | Hoàn thành |\n"
        "| II | UBND các xã, phường | | |\n"
        "| 3 | Giải phóng mặt bằng | 30/06/2026 | Đang thực hiện |\n",
    ],
)
def test_a_tracking_sheet_grouped_by_lead(table: str) -> None:
    draft = parse_text(f"BẢNG THEO DÕI\nThực hiện Kế hoạch số 12/KH-UBND\n\n{table}")
    assert draft.plan.number == "12/KH-UBND"
    assert [t.lead for t in draft.tasks] == [
        ["Sở Xây dựng"],
        ["Sở Xây dựng"],
        ["UBND các xã, phường"],
    ]
