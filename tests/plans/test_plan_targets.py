"""A plan's targets read from its document (plans/targets.py, plans/quantities.py): every
quantitative target of 15-CTr/TU with its value, comparison, unit and horizon; other
provinces' shapes (a "Mục tiêu cụ thể" by year, a "Chỉ tiêu chủ yếu" list, "Phấn đấu đến năm
2030 …", a table of targets in an appendix); Vietnamese numbers; a plan without targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from plans.document import parse_text, read_document
from plans.model import TargetDraft
from plans.quantities import format_number, quantities, read_number, years
from plans.targets import targets_in_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = FIXTURES / "seeds"
TARGETS = FIXTURES / "documents" / "targets"

Row = tuple[str, int | None, str | None, float | None, float | None, str | None]


def rows(targets: list[TargetDraft]) -> list[Row]:
    return [(t.indicator, t.horizon, t.comparison, t.value, t.value_max, t.unit) for t in targets]


def read(path: Path) -> list[TargetDraft]:
    return read_document(path.read_bytes(), path.name).targets


# Every quantitative target of Programme 15-CTr/TU (section "II. MỤC TIÊU"), as written.
HA_TINH_15: list[Row] = [
    ("Tỷ lệ đô thị hóa", 2025, "gt", 40, None, "%"),
    ("Tỷ lệ đô thị hóa", 2030, "gt", 45, None, "%"),
    ("Tỉ lệ đất xây dựng đô thị trên tổng diện tích đất tự nhiên toàn tỉnh", 2025, "range",
     4.7, 5.1, "%"),
    ("Tỉ lệ đất xây dựng đô thị trên tổng diện tích đất tự nhiên toàn tỉnh", 2030, "range",
     5.1, 5.5, "%"),
    ("Số lượng đô thị toàn tỉnh", 2025, "about", 21, None, "đô thị"),
    ("Số lượng đô thị toàn tỉnh – đô thị loại II", 2025, "eq", 2, None, "đô thị"),
    ("Số lượng đô thị toàn tỉnh – đô thị loại III", 2025, "eq", 1, None, "đô thị"),
    ("Số lượng đô thị toàn tỉnh – đô thị loại IV", 2025, "eq", 10, None, "đô thị"),
    ("Số lượng đô thị toàn tỉnh – đô thị loại V", 2025, "eq", 8, None, "đô thị"),
    ("Số lượng đô thị toàn tỉnh", 2030, "about", 34, None, "đô thị"),
    ("Số lượng đô thị toàn tỉnh – đô thị loại II", 2030, "eq", 2, None, "đô thị"),
    ("Số lượng đô thị toàn tỉnh – đô thị loại III", 2030, "eq", 2, None, "đô thị"),
    ("Số lượng đô thị toàn tỉnh – đô thị loại IV", 2030, "eq", 12, None, "đô thị"),
    ("Số lượng đô thị toàn tỉnh – đô thị loại V", 2030, "eq", 18, None, "đô thị"),
    ("Tỷ lệ đô có quy hoạch tổng thể, quy hoạch phân khu, chương trình cải tạo, chỉnh trang, "
     "tái thiết và phát triển đô thị", 2025, "eq", 100, None, "%"),
    ("Tỷ lệ đô thị loại III trở lên hoàn thiện tiêu chí phân loại đô thị về cơ sở hạ tầng đô "
     "thị", 2025, "ge", 100, None, "%"),
    ("Tỉ lệ đất giao thông trên đất xây dựng đô thị", 2025, "range", 13.3, 16, "%"),
    ("Tỉ lệ đất giao thông trên đất xây dựng đô thị", 2030, "range", 16, 20, "%"),
    ("Diện tích cây xanh bình quân trên mỗi người dân đô thị", 2025, "range", 5, 7, "m²"),
    ("Diện tích cây xanh bình quân trên mỗi người dân đô thị", 2030, "range", 7, 9, "m²"),
    ("Diện tích sàn nhà ở bình quân đầu người tại khu vực đô thị", 2025, "ge", 32, None, "m²"),
    ("Diện tích sàn nhà ở bình quân đầu người tại khu vực đô thị", 2030, "ge", 34, None, "m²"),
    ("Cơ sở hạ tầng mạng ứng dụng băng thông rộng cáp quang phủ sóng hộ gia đình tại đô thị",
     2025, "gt", 80, None, "%"),
    ("Tỷ lệ dân số trưởng thành tại đô thị có tài khoản thanh toán điện tử", 2025, "gt", 50,
     None, "%"),
    ("Tỷ lệ dân số trưởng thành tại đô thị có tài khoản thanh toán điện tử", 2030, "gt", 90,
     None, "%"),
    ("Tỷ lệ trạm thu phát sóng di động có yếu tố thân thiện môi trường, dùng chung hạ tầng",
     2030, "range", 35, 40, "%"),
    ("Kinh tế khu vực đô thị đóng góp vào GRDP toàn tỉnh", 2025, "about", 75, None, "%"),
    ("Kinh tế khu vực đô thị đóng góp vào GRDP toàn tỉnh", 2030, "about", 85, None, "%"),
]  # fmt: skip


def test_every_quantitative_target_of_15_ctr_tu_is_read_from_the_seed() -> None:
    targets = read(SEEDS / "ha-tinh-15-ctr-tu.txt")
    assert rows([t for t in targets if t.quantitative]) == HA_TINH_15
    qualitative = [t for t in targets if not t.quantitative]
    assert [t.indicator[:39] for t in qualitative] == [
        "Tập trung huy động nguồn lực phát triển",
        "Tầm nhìn đến năm 2045: Hệ thống đô thị ",
    ]
    assert qualitative[1].horizon == 2045 and qualitative[1].value is None
    # each target keeps the words it was read from
    assert targets[0].text == "Tỷ lệ đô thị hóa đến năm 2025 đạt trên 40%"


def test_a_plan_without_a_targets_section_imports_unchanged() -> None:
    for seed in ("quang-ngai-151-kh-ubnd.txt", "khanh-hoa-544-kl-tu.txt"):
        draft = read_document((SEEDS / seed).read_bytes(), seed)
        assert draft.targets == []
        assert draft.reporting.target_frequencies == ["half_yearly", "yearly"]
    draft = read_document((SEEDS / "quang-ngai-151-kh-ubnd.txt").read_bytes(), "151.txt")
    assert len(draft.tasks) == 16  # the tasks are those the importer always read


NGHE_AN: list[Row] = [
    ("Tỷ lệ đô thị hóa toàn tỉnh", 2025, "about", 35, None, "%"),
    ("Tổng số đô thị toàn tỉnh", 2025, "eq", 24, None, "đô thị"),
    ("Tổng số đô thị toàn tỉnh – đô thị loại I", 2025, "eq", 1, None, "đô thị"),
    ("Tổng số đô thị toàn tỉnh – đô thị loại III", 2025, "eq", 2, None, "đô thị"),
    ("Tỷ lệ dân cư đô thị được cung cấp nước sạch qua hệ thống cấp nước tập trung", 2025, "ge",
     95, None, "%"),
    ("Diện tích sàn nhà ở bình quân đầu người khu vực đô thị", 2025, "eq", 30, None, "m²"),
    ("Tỷ lệ đô thị hóa toàn tỉnh", 2030, "gt", 40, None, "%"),
    ("Mật độ đường giao thông trong khu vực nội thị", 2030, "range", 10, 13, "km/km²"),
    ("Tỷ lệ nước thải sinh hoạt đô thị được thu gom và xử lý đạt tiêu chuẩn", 2030, "ge", 50,
     None, "%"),
]  # fmt: skip
LAO_CAI: list[Row] = [
    ("Tốc độ tăng trưởng kinh tế (GRDP) bình quân", 2030, "range", 8, 8.5, "%/năm"),
    ("GRDP bình quân đầu người", 2030, "gt", 150, None, "triệu đồng"),
    ("Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giảm bình quân", 2030, "ge", 3, None, "%"),
    ("Tỷ lệ che phủ rừng duy trì ổn định", 2030, "eq", 59, None, "%"),
    ("Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý", 2030, "eq", 100, None, "%"),
    ("Số bác sĩ", 2030, "eq", 15, None, "bác sĩ/vạn dân"),
    ("Số giường bệnh", 2030, "eq", 40, None, "giường bệnh/vạn dân"),
    ("Tỷ lệ trường học đạt chuẩn quốc gia", 2030, "eq", 75, None, "%"),
]  # fmt: skip
GIA_LAI_TABLE: list[Row] = [
    ("Số căn nhà ở xã hội hoàn thành", 2025, "eq", 1200, None, "căn"),
    ("Số căn nhà ở xã hội hoàn thành", 2030, "ge", 5000, None, "căn"),
    ("Diện tích nhà ở bình quân đầu người", 2025, "eq", 28, None, "m²"),
    ("Diện tích nhà ở bình quân đầu người", 2030, "eq", 32, None, "m²"),
    ("Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến", 2025, "eq", 70, None, "%"),
    ("Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến", 2030, "gt", 90, None, "%"),
    ("Tỷ lệ dân số trưởng thành có tài khoản thanh toán điện tử", 2025, "eq", 75, None, "%"),
    ("Tỷ lệ dân số trưởng thành có tài khoản thanh toán điện tử", 2030, "range", 80, 85, "%"),
]
QUANG_TRI: list[Row] = [
    ("Tỷ lệ đô thị hóa toàn tỉnh", 2030, "eq", 45, None, "%"),
    ("Tỷ lệ chất thải rắn sinh hoạt tại đô thị được thu gom, xử lý", 2030, "eq", 98, None, "%"),
    ("Diện tích cây xanh công cộng bình quân khu vực nội thị", 2030, "range", 6, 8, "m²/người"),
    ("Tỷ lệ đất giao thông so với đất xây dựng đô thị", 2030, "ge", 18, None, "%"),
    ("Tỷ lệ tổn thất nước sạch", 2025, "lt", 15, None, "%"),
    ("Tỷ lệ tổn thất nước sạch", 2030, "le", 12, None, "%"),
]


THANH_HOA: list[Row] = [
    ("Tỷ lệ hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng (trừ hồ sơ mật)", 2030,
     "eq", 100, None, "%"),  # no year of its own: the title's "giai đoạn 2025 - 2030"
    ("Tỷ lệ dịch vụ công trực tuyến toàn trình", 2025, "ge", 80, None, "%"),
    ("Tỷ lệ dịch vụ công trực tuyến toàn trình", 2030, "ge", 90, None, "%"),
    ("Tỷ trọng kinh tế số trong GRDP", 2025, "about", 20, None, "%"),
    ("Tỷ trọng kinh tế số trong GRDP", 2030, "about", 30, None, "%"),
    ("Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng số", 2030, "gt", 50, None, "%"),
    ("Tỷ lệ hộ gia đình được phủ cáp quang băng rộng", 2030, "eq", 95, None, "%"),
    ("Tỷ lệ người dân trưởng thành có điện thoại thông minh", 2030, "eq", 90, None, "%"),
    ("Tỷ lệ người dân trưởng thành có tài khoản thanh toán điện tử", 2030, "eq", 80, None, "%"),
]  # fmt: skip
QUANG_BINH: list[Row] = [  # typed without diacritics
    ("Hoan thanh can ho nha o xa hoi", 2025, "eq", 1500, None, "can ho"),
    ("Dien tich nha o binh quan dau nguoi", 2025, "eq", 30, None, "m²"),
    ("Hoan thanh can ho nha o xa hoi", 2030, "ge", 5000, None, "can ho"),
    ("Ty le nha o kien co", 2030, "gt", 85, None, "%"),
]
BINH_DINH: list[Row] = [  # "I. QUAN ĐIỂM, MỤC TIÊU": "1. Quan điểm" is not a target
    ("Số lượt khách", 2030, "eq", 15, None, "triệu lượt khách"),
    ("Khách quốc tế", 2030, "about", 3, None, "triệu lượt"),
    ("Tổng thu từ khách du lịch", 2030, "eq", 40000, None, "tỷ đồng"),
    ("Tạo việc làm cho lao động", 2030, "about", 60000, None, "lao động"),
]


DAK_LAK: list[Row] = [  # "(1) …; (2) …" in one paragraph, then "MỤC TIÊU CỤ THỂ ĐẾN NĂM 2025"
    ("Tỷ lệ đô thị hóa", 2030, "range", 40, 45, "%"),
    ("Mật độ dân số đô thị", 2030, "gt", 3000, None, "người/km²"),
    ("Tỷ lệ đô thị có hệ thống thu gom và xử lý nước thải tập trung", 2030, "eq", 100, None,
     "%"),
    ("Tỷ lệ cây xanh đô thị", 2030, "eq", 10, None, "m²/người"),
    ("Số đô thị được công nhận đô thị thông minh", 2030, "ge", 2, None, "đô thị"),
    ("Tỷ lệ đô thị hóa", 2025, "ge", 35, None, "%"),
    ("Thu nhập bình quân đầu người khu vực đô thị", 2025, "eq", 1.5, None, "lần"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("dak-lak-chi-tieu-mot-doan.txt", DAK_LAK),
        ("thanh-hoa-chuyen-doi-so.txt", THANH_HOA),  # "2.1. Về chính quyền số: …; …"
        ("quang-binh-khong-dau.txt", QUANG_BINH),
        ("binh-dinh-du-lich.txt", BINH_DINH),
        ("nghe-an-kh-do-thi.txt", NGHE_AN),  # "b) Mục tiêu cụ thể" with "- Đến năm 2025:" lead-ins
        ("lao-cai-ctr-chi-tieu.txt", LAO_CAI),  # "2. Các chỉ tiêu chủ yếu đến năm 2030" (1) (2)…
        ("gia-lai-phu-luc-chi-tieu.md", GIA_LAI_TABLE),  # a table of targets in an appendix
        ("quang-tri-phan-dau.txt", QUANG_TRI),  # "Phấn đấu đến năm 2030, …; …"
    ],
)
def test_other_provinces_targets(name: str, expected: list[Row]) -> None:
    targets = read(TARGETS / name)
    assert rows([t for t in targets if t.quantitative]) == expected


def test_the_general_goals_are_not_targets_and_a_paragraph_without_a_number_is_qualitative() -> (
    None
):
    nghe_an = read(TARGETS / "nghe-an-kh-do-thi.txt")
    assert not any("mạng lưới, đồng bộ, xanh" in t.text for t in nghe_an)  # "Mục tiêu chung"
    assert [t.indicator for t in nghe_an if not t.quantitative] == [
        "Hoàn thành xây dựng cơ sở dữ liệu về quy hoạch, đô thị"
    ]
    lao_cai = read(TARGETS / "lao-cai-ctr-chi-tieu.txt")
    assert not any("trung du" in t.text for t in lao_cai)  # "Mục tiêu tổng quát"


def test_a_table_of_targets_gives_owners_and_is_never_read_as_tasks() -> None:
    path = TARGETS / "gia-lai-phu-luc-chi-tieu.md"
    draft = read_document(path.read_bytes(), path.name)
    assert [t.ref for t in draft.tasks] == ["1", "2"]  # the task table only
    owners = {t.indicator: t.owner for t in draft.targets}
    assert owners["Số căn nhà ở xã hội hoàn thành"] == "Sở Xây dựng"
    assert owners["Tỷ lệ dân số trưởng thành có tài khoản thanh toán điện tử"] == (
        "Ngân hàng Nhà nước chi nhánh Khu vực 9"
    )
    # the baseline column "Năm 2024 (thực hiện)" is not a target
    assert not any(t.horizon == 2024 for t in draft.targets)


def test_the_plan_states_when_its_targets_figures_are_collected() -> None:
    lao_cai = TARGETS / "lao-cai-ctr-chi-tieu.txt"
    draft = read_document(lao_cai.read_bytes(), lao_cai.name)
    assert draft.reporting.target_frequencies == ["yearly"]  # "hằng năm … các chỉ tiêu"


def test_a_target_without_a_year_is_due_by_the_year_of_the_plans_title() -> None:
    draft = parse_text(
        "UBND TỈNH KHÁNH HÒA\nSố: 12/KH-UBND\n\nKẾ HOẠCH\nXử lý chất thải rắn năm 2026\n\n"
        "I. MỤC TIÊU\n100% chất thải rắn sinh hoạt đô thị được thu gom, xử lý.\n\n"
        "II. NHIỆM VỤ\n1. Sở Nông nghiệp và Môi trường chủ trì thu gom; thực hiện hằng năm.\n"
    )
    assert rows(draft.targets) == [
        ("Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý", 2026, "eq", 100, None, "%")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the year follows its value, or comes before it in its clause
        ("Tỷ lệ A đến năm 2025 đạt trên 40%, đến năm 2030 đạt trên 45%",
         [("Tỷ lệ A", 2025, "gt", 40, None, "%"), ("Tỷ lệ A", 2030, "gt", 45, None, "%")]),
        ("Tỷ lệ B đạt khoảng 75% vào năm 2025 và khoảng 85% vào năm 2030",
         [("Tỷ lệ B", 2025, "about", 75, None, "%"), ("Tỷ lệ B", 2030, "about", 85, None, "%")]),
        # a comparison said once goes on for the same indicator
        ("Tỷ lệ C năm 2025 đạt tối thiểu 60%, năm 2030 là 70%",
         [("Tỷ lệ C", 2025, "ge", 60, None, "%"), ("Tỷ lệ C", 2030, "eq", 70, None, "%")]),
        # "tăng từ 30% lên 40%": 30% is where it starts from
        ("Tỷ lệ D tăng từ 30% năm 2020 lên 40% vào năm 2025",
         [("Tỷ lệ D", 2025, "eq", 40, None, "%")]),
        # thousands dot, decimal comma, "trở lên", "không quá", a count noun
        ("Số doanh nghiệp thành lập mới đạt 1.500 doanh nghiệp từ năm 2026 trở đi",
         [("Số doanh nghiệp thành lập mới", 2026, "eq", 1500, None, "doanh nghiệp")]),
        ("Tỷ lệ hộ nghèo đến năm 2030 không quá 1,5%",
         [("Tỷ lệ hộ nghèo", 2030, "le", 1.5, None, "%")]),
        ("Tỷ lệ lao động qua đào tạo đạt từ 75% trở lên vào năm 2030",
         [("Tỷ lệ lao động qua đào tạo", 2030, "ge", 75, None, "%")]),
        # no diacritics
        ("Ty le do thi hoa den nam 2030 dat tren 50%",
         [("Ty le do thi hoa", 2030, "gt", 50, None, "%")]),
    ],
)  # fmt: skip
def test_sentences_of_targets(text: str, expected: list[Row]) -> None:
    assert rows(targets_in_text(text)) == expected


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("4,7", 4.7),
        ("1.500", 1500),
        ("2.500,5", 2500.5),
        ("41.2", 41.2),  # a phone's decimal point
        ("1.234.567", 1234567),
        ("1,234.5", 1234.5),
        ("02", 2),
        ("1.2.3", None),
    ],
)
def test_vietnamese_numbers(token: str, value: float | None) -> None:
    assert read_number(token) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("đạt khoảng 5-7m² vào năm 2025", [("range", 5, 7, "m²")]),
        ("tối thiểu 32m2", [("ge", 32, None, "m²")]),
        ("10 - 13 km/km2", [("range", 10, 13, "km/km²")]),
        ("trên 80% hộ gia đình", [("gt", 80, None, "%")]),
        ("gồm 02 đô thị loại II", [(None, 2, None, "đô thị loại II")]),
        ("mạng di động 4G, 5G và Nghị quyết số 06-NQ/TW ngày 24/01/2022", []),
        ("nhiệm kỳ 2020 - 2025", []),
        ("thanh toán điện tử trên 50%", [("gt", 50, None, "%")]),  # "tử" is not "từ"
        ("≥ 5.000 căn", [("ge", 5000, None, "căn")]),
        ("từ 40% đến 45%", [("range", 40, 45, "%")]),
    ],
)
def test_quantities(text: str, expected: list[tuple[object, ...]]) -> None:
    found = [(q.comparison, q.value, q.value_max, q.unit) for q in quantities(text)]
    assert found == expected


def test_years_and_numbers_as_written() -> None:
    assert [
        (y.year, y.lead) for y in years("đến năm 2025 … vào năm 2030, giai đoạn 2026-2030")
    ] == [
        (2025, "den"),
        (2030, "vao"),
        (2030, ""),
    ]
    assert format_number(41.2) == "41,2" and format_number(1500) == "1.500"
    assert format_number(40.0) == "40" and format_number(41.2, "en") == "41.2"


def test_a_plan_file_holds_targets() -> None:
    from plans.planfile import dump_plan_file, load_plan_file

    text = """
plan:
  number: 7/KH-UBND
tasks:
  - ref: "1"
    title: Rà soát quy hoạch
    lead: Sở Xây dựng
targets:
  - indicator: Tỷ lệ đô thị hóa
    horizon: 2030
    comparison: gt
    value: 45
    unit: "%"
    owner: Sở Xây dựng
  - indicator: Đô thị xanh, văn minh
    horizon: 2030
"""
    draft = load_plan_file(text)
    assert rows(draft.targets) == [
        ("Tỷ lệ đô thị hóa", 2030, "gt", 45, None, "%"),
        ("Đô thị xanh, văn minh", 2030, None, None, None, None),
    ]
    assert draft.targets[0].owner == "Sở Xây dựng" and not draft.targets[1].quantitative
    assert load_plan_file(dump_plan_file(draft)).targets == draft.targets
