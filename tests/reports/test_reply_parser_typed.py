"""Table tests for replies as officers really type them (issue 13), one table per category.

Each row: text, candidate tasks, expected status (a ReportStatus) or the reason the bot must
ask (a string), expected task, expected percent (ANY: not checked), expected note (ANY: not
checked). A row expecting a status also expects no question (reason None).
"""

from __future__ import annotations

import pytest

from domain.status import ReportStatus
from reports.replies import parse_replies, parse_reply

D = ReportStatus.DONE
P = ReportStatus.IN_PROGRESS
N = ReportStatus.NOT_STARTED
B = ReportStatus.BLOCKED
ANY = object()
ASK_ONGOING = "done_with_ongoing"
ASK_STEP = "substep_done"
WRITTEN = "written_report"
NO_STATUS = "no_status"
CONFLICT = "conflicting_status"
WHICH = "which_task"

T = ["II.1.a", "II.1.b", "II.2.a", "II.2.b", "II.3.a", "II.3.c"]
ONE = ["II.2.a"]
A = ["A1.1", "A1.2", "B2.1"]

Row = tuple[str, list[str], object, str | None, object, object]

# Telex/VNI leftovers, no diacritics, phone shorthand, mixed case, extra spaces, emoji.
TYPED: list[Row] = [
    ("ddang trieern khai", ONE, P, "II.2.a", None, ""),
    ("2a ddang trieern khai", T, P, "II.2.a", None, ""),
    ("2a ddang thuwcj hieejn 40%", T, P, "II.2.a", 40, ""),
    ("hoanf thanhf roofi", ONE, D, "II.2.a", None, ""),
    ("2a hoanf thanhf", T, D, "II.2.a", None, ""),
    ("2a hoàn thànhf", T, D, "II.2.a", None, ""),
    ("2a hoàn thànhf rồi ạ", T, D, "II.2.a", None, ""),
    ("2a xongf", T, D, "II.2.a", None, ""),
    ("2a ddax xong", T, D, "II.2.a", None, ""),
    ("2a ddaz hoanf thanhf", T, D, "II.2.a", None, ""),
    ("2a hoa2n tha2nh", T, D, "II.2.a", None, ""),
    ("2a hoan2 thanh2", T, D, "II.2.a", None, ""),
    ("2a d9ang thu75c hie65n", T, P, "II.2.a", None, ""),
    ("2a chuwa trieern khai", T, N, "II.2.a", None, ""),
    ("2a chwa lam", T, N, "II.2.a", None, ""),
    ("2a chuwa xong", T, P, "II.2.a", None, ""),
    ("2a khoong cos vuowngs macws", T, NO_STATUS, "II.2.a", None, ANY),
    ("2a vuowngs macws: thieeus voosn", T, B, "II.2.a", None, ANY),
    ("2a dang lam", T, P, "II.2.a", None, ""),
    ("2a DANG TRIEN KHAI", T, P, "II.2.a", None, ""),
    ("2a   đang    thực   hiện  ", T, P, "II.2.a", None, ""),
    ("2a dang th", T, P, "II.2.a", None, ""),
    ("2a dg th 50%", T, P, "II.2.a", 50, ""),
    ("2a đg làm", T, P, "II.2.a", None, ""),
    ("2a dth", T, P, "II.2.a", None, ""),
    ("2a ht", T, D, "II.2.a", None, ""),
    ("2a đã ht", T, D, "II.2.a", None, ""),
    ("2a da ht roi", T, D, "II.2.a", None, ""),
    ("2a chưa ht", T, P, "II.2.a", None, ""),
    ("2a chx", T, P, "II.2.a", None, ""),
    ("2a xong r nhé 👍", T, D, "II.2.a", None, ""),
    ("2a Xong ✅✅", T, D, "II.2.a", None, ""),
    ("✅ 2a xong", T, D, "II.2.a", None, ""),
    ("2a xong xuôi rồi", T, D, "II.2.a", None, ""),
    ("2a xog", T, D, "II.2.a", None, ""),
    ("2a dc 70%", T, P, "II.2.a", 70, ""),
    ("2a đc 70%", T, P, "II.2.a", 70, ""),
    ("2a ko lam dc vi thieu kinh phi", T, B, "II.2.a", None, ANY),
    ("2a k thực hiện đc do thiếu vốn", T, B, "II.2.a", None, ANY),
    ("2a ko có vướng mắc gì", T, NO_STATUS, "II.2.a", None, ANY),
    ("2a đang th, ko vướng mắc", T, P, "II.2.a", None, ANY),
    ("2a dang lam, k co kk vm gi", T, P, "II.2.a", None, ANY),
    ("2a đag làm", T, P, "II.2.a", None, ANY),
    ("2a Hoàn Thành", T, D, "II.2.a", None, ""),
    ("2a HT 100%", T, D, "II.2.a", 100, ""),
    ("e bc 2a xong a", T, D, "II.2.a", None, ""),
    ("Dạ e báo cáo 2a đang triển khai ạ", T, P, "II.2.a", None, ""),
    ("2a đang tk", T, P, "II.2.a", None, ""),
    ("2a: Đang thực hiện 😊", T, P, "II.2.a", None, ""),
    ("2a chưa làm gì cả", T, N, "II.2.a", None, ANY),
    ("2a chua lam dc gi, dang cho von", T, B, "II.2.a", None, ANY),
    ("xong", ONE, D, "II.2.a", None, ""),
    ("XONG", ONE, D, "II.2.a", None, ""),
    ("da xong", ONE, D, "II.2.a", None, ""),
    ("đang làm", ONE, P, "II.2.a", None, ""),
    ("chưa", ONE, N, "II.2.a", None, ""),
]

# Percentages in words, with and without diacritics.
NUMBERS: list[Row] = [
    ("sáu mươi lăm phần trăm", ONE, P, "II.2.a", 65, ""),
    ("đạt sáu mươi lăm phần trăm", ONE, P, "II.2.a", 65, ""),
    ("tam muoi phan tram", ONE, P, "II.2.a", 80, ""),
    ("2a dang lam, dat tam muoi phan tram", T, P, "II.2.a", 80, ""),
    ("2a đạt năm mươi phần trăm", T, P, "II.2.a", 50, ""),
    ("2a đạt năm mươi %", T, P, "II.2.a", 50, ""),
    ("2a được bảy lăm phần trăm", T, P, "II.2.a", 75, ""),
    ("2a bay lam phan tram", T, P, "II.2.a", 75, ""),
    ("2a đạt hai mốt phần trăm", T, P, "II.2.a", 21, ""),
    ("2a hai mươi mốt phần trăm", T, P, "II.2.a", 21, ""),
    ("2a ba mươi tư phần trăm", T, P, "II.2.a", 34, ""),
    ("2a ba tư phần trăm", T, P, "II.2.a", 34, ""),
    ("2a mười lăm phần trăm", T, P, "II.2.a", 15, ""),
    ("2a muoi phan tram", T, P, "II.2.a", 10, ""),
    ("2a chín mươi chín phần trăm", T, P, "II.2.a", 99, ""),
    ("2a một trăm phần trăm", T, D, "II.2.a", 100, ""),
    ("2a hoàn thành một trăm phần trăm", T, D, "II.2.a", 100, ""),
    ("2a dang lam hai muoi phan tram", T, P, "II.2.a", 20, ""),
    ("2a đang làm bốn mươi nhăm phần trăm", T, P, "II.2.a", 45, ""),
    ("2a năm phần trăm", T, P, "II.2.a", 5, ""),
    ("2a khoảng sáu mươi phần trăm", T, P, "II.2.a", 60, ""),
    ("2a sau muoi lam phan tram", T, P, "II.2.a", 65, ""),
    ("2a hoàn thành 1/2 khối lượng", T, P, "II.2.a", 50, ANY),
    ("2a hoàn thành 2/3 khối lượng công việc", T, P, "II.2.a", 67, ANY),
    ("2a được một nửa", T, P, "II.2.a", 50, ANY),
    ("2a hoàn thành một nửa khối lượng", T, P, "II.2.a", 50, ANY),
    ("năm nay 2a đạt 70%", T, P, "II.2.a", 70, ANY),
    ("2a hoàn thành 30/6", T, D, "II.2.a", None, "30/6"),
]

# A finished part of the task, or a step: never the task's own completion.
SUBSTEPS: list[Row] = [
    (
        "đã xong bước thẩm định, đang hoàn thiện tờ trình",
        ONE,
        P,
        "II.2.a",
        None,
        "đã xong bước thẩm định, đang hoàn thiện tờ trình",
    ),
    ("da xong buoc tham dinh, dang hoan thien to trinh", ONE, P, "II.2.a", None, ANY),
    ("2a xong phần khảo sát, đang lập báo cáo", T, P, "II.2.a", None, ANY),
    ("2a xong phần khảo sát", T, P, "II.2.a", None, ANY),
    ("2a hoàn thành giai đoạn 1", T, P, "II.2.a", None, ANY),
    ("2a hoàn thành bước 1, đang làm bước 2", T, P, "II.2.a", None, ANY),
    ("2a hoàn thành hạng mục nền móng", T, P, "II.2.a", None, ANY),
    ("2a hoàn thành đợt 1", T, P, "II.2.a", None, ANY),
    ("2a đã lập xong hồ sơ, đang trình thẩm định", T, P, "II.2.a", None, ANY),
    ("2a đã lập xong dự toán, chờ Sở TC thẩm định", T, B, "II.2.a", None, ANY),
    ("2a đã khảo sát xong, đang lập báo cáo", T, P, "II.2.a", None, ANY),
    ("2a da khao sat xong, dang lap bao cao", T, P, "II.2.a", None, ANY),
    ("2a đã khảo sát xong", T, ASK_STEP, "II.2.a", None, ANY),
    ("2a đã lập xong hồ sơ", T, ASK_STEP, "II.2.a", None, ANY),
    ("2a đã thẩm định xong", T, ASK_STEP, "II.2.a", None, ANY),
    ("2a xong hồ sơ", T, ASK_STEP, "II.2.a", None, ANY),
    ("2a đã khảo sát xong, đạt 40%", T, P, "II.2.a", 40, ANY),
    (
        "hoàn thành 1/2 khối lượng, phần còn lại dự kiến quý sau",
        ONE,
        P,
        "II.2.a",
        50,
        "khối lượng, phần còn lại dự kiến quý sau",
    ),
    (
        "1b - Đang triển khai (45%). Đã khảo sát xong, đang lập báo cáo",
        T,
        P,
        "II.1.b",
        45,
        "Đã khảo sát xong, đang lập báo cáo",
    ),
    ("2a: đang triển khai 60%. Đã thẩm định xong", T, P, "II.2.a", 60, ANY),
    ("2a hoàn thành phần việc được giao", T, D, "II.2.a", None, ANY),
    ("2a đã thực hiện xong", T, D, "II.2.a", None, ""),
    ("2a đã triển khai xong", T, D, "II.2.a", None, ""),
    ("2a làm xong rồi", T, D, "II.2.a", None, ""),
]

# Done together with work that goes on: ask, never a plain done.
ONGOING: list[Row] = [
    ("2a xong, đang hoàn thiện hồ sơ quyết toán", T, ASK_ONGOING, "II.2.a", None, ANY),
    ("2a đã hoàn thành, đang chờ nghiệm thu", T, ASK_ONGOING, "II.2.a", None, ANY),
    ("2a hoàn thành, tiếp tục theo dõi", T, ASK_ONGOING, "II.2.a", None, ANY),
    ("2a hoàn thành, còn lại phần thanh quyết toán", T, ASK_ONGOING, "II.2.a", None, ANY),
    ("2a xong, dự kiến nghiệm thu tháng 10", T, ASK_ONGOING, "II.2.a", None, ANY),
    ("2a xong nhưng đang làm tiếp phần 2", T, ASK_ONGOING, "II.2.a", None, ANY),
    ("2a xong, dang lam phan con lai", T, ASK_ONGOING, "II.2.a", None, ANY),
    ("2a ht, đg th phần còn lại", T, ASK_ONGOING, "II.2.a", None, ANY),
    ("2a xong, tiếp tục triển khai giai đoạn 2", T, ASK_ONGOING, "II.2.a", None, ANY),
    ("2a đã hoàn thành, đang thực hiện bước tiếp theo", T, ASK_ONGOING, "II.2.a", None, ANY),
    ("2a dự kiến tháng 10 hoàn thành", T, P, "II.2.a", None, ANY),
    ("2a dự kiến quý IV/2025 hoàn thành", T, P, "II.2.a", None, ANY),
    ("2a sẽ hoàn thành trong tháng 12", T, P, "II.2.a", None, ANY),
    ("2a sắp xong", T, P, "II.2.a", None, ANY),
    ("2a gần xong rồi", T, P, "II.2.a", None, ANY),
    ("2a cơ bản hoàn thành, còn lại thủ tục quyết toán", T, P, "II.2.a", None, ANY),
    ("2a chưa xong, còn 20% khối lượng", T, P, "II.2.a", None, ANY),
    ("xong, dang hoan thien ho so", ONE, ASK_ONGOING, "II.2.a", None, ANY),
    ("2a xong. Tiếp tục duy trì", T, ASK_ONGOING, "II.2.a", None, ANY),
    ("2a hoàn thành đúng hạn", T, D, "II.2.a", None, "đúng hạn"),
    ("2a xong, Sở XD đã đăng tải lên cổng", T, D, "II.2.a", None, ANY),
]

# A negation covers one or several obstacle words.
NEGATED: list[Row] = [
    ("2a đang thực hiện, không phát sinh khó khăn vướng mắc", T, P, "II.2.a", None, ANY),
    ("không phát sinh khó khăn vướng mắc", ONE, NO_STATUS, "II.2.a", None, ANY),
    ("2a xong, không có khó khăn, vướng mắc gì", T, D, "II.2.a", None, ANY),
    ("2a đang làm, chưa gặp vướng mắc", T, P, "II.2.a", None, ANY),
    ("2a xong, ko co kho khan vuong mac", T, D, "II.2.a", None, ANY),
    ("2a hoàn thành. Khó khăn, vướng mắc: không", T, D, "II.2.a", None, ANY),
    ("2a hoàn thành. Khó khăn vướng mắc: không phát sinh", T, D, "II.2.a", None, ANY),
    ("2a đang triển khai; vướng mắc: chưa có", T, P, "II.2.a", None, ANY),
    ("2a dang lam 50%, k vuong mac gi", T, P, "II.2.a", 50, ANY),
    ("2a xong, không gặp khó khăn trở ngại gì", T, D, "II.2.a", None, ANY),
    ("2a xong, không có kiến nghị đề xuất", T, D, "II.2.a", None, ANY),
    ("2a đang thực hiện, không có vướng mắc, kiến nghị", T, P, "II.2.a", None, ANY),
    ("2a dang th, ko phat sinh kk vm", T, P, "II.2.a", None, ANY),
    ("2a đang thực hiện, chưa phát sinh vướng mắc", T, P, "II.2.a", None, ANY),
    ("2a đang làm, không hề có khó khăn gì", T, P, "II.2.a", None, ANY),
    ("2a đang thực hiện, có khó khăn về vốn", T, B, "II.2.a", None, ANY),
    ("2a vướng mắc về mặt bằng", T, B, "II.2.a", None, ANY),
]

# Suspension and waiting on another body: blocked, the obstacle in the note.
WAITING: list[Row] = [
    (
        "dừng lại để chờ ý kiến UBND tỉnh",
        ONE,
        B,
        "II.2.a",
        None,
        "dừng lại để chờ ý kiến UBND tỉnh",
    ),
    ("2a tạm dừng", T, B, "II.2.a", None, ANY),
    ("2a tam dung thi cong", T, B, "II.2.a", None, ANY),
    ("2a tạm ngưng triển khai do chưa có vốn", T, B, "II.2.a", None, ANY),
    (
        "2a đang chờ Sở Tài chính thẩm định kinh phí",
        T,
        B,
        "II.2.a",
        None,
        "đang chờ Sở Tài chính thẩm định kinh phí",
    ),
    ("2a dang cho So Tai chinh tham dinh kinh phi", T, B, "II.2.a", None, ANY),
    ("2a chờ ý kiến UBND tỉnh", T, B, "II.2.a", None, ANY),
    ("2a đang thực hiện, chờ Bộ Xây dựng hướng dẫn", T, B, "II.2.a", None, ANY),
    ("2a đã trình, đang chờ UBND tỉnh phê duyệt", T, B, "II.2.a", None, ANY),
    ("2a dừng thực hiện theo chỉ đạo của UBND tỉnh", T, B, "II.2.a", None, ANY),
    ("2a bị đình chỉ", T, B, "II.2.a", None, ANY),
    ("2a đang xây dựng lại kế hoạch", T, P, "II.2.a", None, ANY),
    ("2a đã cho ý kiến, đang thực hiện", T, P, "II.2.a", None, ANY),
    ("2a đang thực hiện, cấp vốn cho 3 xã", T, P, "II.2.a", None, ANY),
    ("2a đang thực hiện, sử dụng vốn ngân sách", T, P, "II.2.a", None, ANY),
]

# A written report the officer points to: recorded, no status guessed.
WRITTEN_REPORTS: list[Row] = [
    ("2a đã có công văn số 88/SXD-QH báo cáo", T, WRITTEN, "II.2.a", None, ANY),
    ("đã có công văn số 88/SXD-QH báo cáo", ONE, WRITTEN, "II.2.a", None, ANY),
    ("2a đã có văn bản số 123/STC-NS báo cáo UBND tỉnh", T, WRITTEN, "II.2.a", None, ANY),
    ("2a đã báo cáo tại Báo cáo số 45/BC-SXD ngày 10/6", T, WRITTEN, "II.2.a", None, ANY),
    ("2a da gui cv so 88/SXD bao cao", T, WRITTEN, "II.2.a", None, ANY),
    ("2a: đã báo cáo bằng văn bản số 12/UBND-KT", T, WRITTEN, "II.2.a", None, ANY),
    ("2a đã hoàn thành (Báo cáo số 45/BC-SXD)", T, D, "II.2.a", None, ANY),
    ("2a đang thực hiện, đã có công văn 88/SXD báo cáo", T, P, "II.2.a", None, ANY),
    ("Sở đã có Báo cáo số 15/BC-SXD gửi UBND tỉnh", ONE, WRITTEN, "II.2.a", None, ANY),
    ("2a đã báo cáo bằng văn bản số 77/SNV", T, WRITTEN, "II.2.a", None, ANY),
    ("2a: Đã có văn bản 123/UBND-KT báo cáo", T, WRITTEN, "II.2.a", None, ANY),
    ("2a: xem Báo cáo 45/BC-STC", T, WRITTEN, "II.2.a", None, ANY),
    ("2a theo cong van so 9/SXD da bao cao", T, WRITTEN, "II.2.a", None, ANY),
]

# Notes keep balanced brackets and everything written after the status.
NOTES: list[Row] = [
    (
        "2a xong, đã trình UBND tỉnh (Tờ trình số 45/TTr-SXD)",
        T,
        D,
        "II.2.a",
        None,
        "đã trình UBND tỉnh (Tờ trình số 45/TTr-SXD)",
    ),
    (
        "2a đang thực hiện, đã gửi Sở TC [bản thảo]",
        T,
        P,
        "II.2.a",
        None,
        "đã gửi Sở TC [bản thảo]",
    ),
    (
        "2a xong (theo QĐ 12/QĐ-UBND)",
        T,
        D,
        "II.2.a",
        None,
        "theo QĐ 12/QĐ-UBND",
    ),
    (
        "2a đang làm 60%, vướng GPMB (khu dân cư số 3)",
        T,
        B,
        "II.2.a",
        60,
        "GPMB (khu dân cư số 3)",
    ),
    (
        "2a hoàn thành, đã ban hành KH <số 12/KH-UBND>",
        T,
        D,
        "II.2.a",
        None,
        "đã ban hành KH <số 12/KH-UBND>",
    ),
    ("2a xong (đã nghiệm thu", T, D, "II.2.a", None, "đã nghiệm thu"),
    ("(2a xong)", T, D, "II.2.a", None, ""),
    ("2a đang làm 40% (chờ vốn bổ sung)", T, B, "II.2.a", 40, "chờ vốn bổ sung"),
    (
        "2a xong — đã gửi bản mềm qua email [kèm phụ lục]",
        T,
        D,
        "II.2.a",
        None,
        "đã gửi bản mềm qua email [kèm phụ lục]",
    ),
    ("2a xong: <b>đã ký</b>", T, D, "II.2.a", None, "<b>đã ký</b>"),
    (
        "2a đang thực hiện, đã trình (TTr 12/TTr-SXD), chờ UBND tỉnh (dự kiến 10/10)",
        T,
        B,
        "II.2.a",
        None,
        "đã trình (TTr 12/TTr-SXD), chờ UBND tỉnh (dự kiến 10/10)",
    ),
]


def check(row: Row) -> None:
    """The reply reads as the row says."""
    text, tasks, expected, task, percent, note = row
    reply = parse_reply(text, tasks)
    if isinstance(expected, ReportStatus):
        assert (reply.status, reply.reason) == (expected, None), reply
    else:
        assert (reply.status, reply.reason) == (None, expected), reply
    assert reply.task == task, reply
    if percent is not ANY:
        assert reply.percent == percent, reply
    if note is not ANY:
        assert reply.note == note, reply
    assert reply.ambiguous == (reply.reason is not None)


TABLES = {
    "typed": TYPED,
    "numbers": NUMBERS,
    "substeps": SUBSTEPS,
    "ongoing": ONGOING,
    "negated": NEGATED,
    "waiting": WAITING,
    "written": WRITTEN_REPORTS,
    "notes": NOTES,
}


@pytest.mark.parametrize("row", TYPED, ids=[r[0][:40] for r in TYPED])
def test_typed(row: Row) -> None:
    check(row)


@pytest.mark.parametrize("row", NUMBERS, ids=[r[0][:40] for r in NUMBERS])
def test_numbers_in_words(row: Row) -> None:
    check(row)


@pytest.mark.parametrize("row", SUBSTEPS, ids=[r[0][:40] for r in SUBSTEPS])
def test_substeps(row: Row) -> None:
    check(row)


@pytest.mark.parametrize("row", ONGOING, ids=[r[0][:40] for r in ONGOING])
def test_done_with_ongoing_work(row: Row) -> None:
    check(row)


@pytest.mark.parametrize("row", NEGATED, ids=[r[0][:40] for r in NEGATED])
def test_negated_obstacles(row: Row) -> None:
    check(row)


@pytest.mark.parametrize("row", WAITING, ids=[r[0][:40] for r in WAITING])
def test_waiting_and_suspension(row: Row) -> None:
    check(row)


@pytest.mark.parametrize("row", WRITTEN_REPORTS, ids=[r[0][:40] for r in WRITTEN_REPORTS])
def test_written_reports(row: Row) -> None:
    check(row)


@pytest.mark.parametrize("row", NOTES, ids=[r[0][:40] for r in NOTES])
def test_notes(row: Row) -> None:
    check(row)


def test_written_report_is_recorded_with_its_number() -> None:
    reply = parse_reply("2a đã có công văn số 88/SXD-QH báo cáo", T)
    assert reply.kind == "written_report"
    assert reply.document == "công văn số 88/SXD-QH"
    assert set(reply.options) == {D, P, N, B}


def test_done_with_ongoing_offers_both() -> None:
    reply = parse_reply("2a xong, đang hoàn thiện hồ sơ", T)
    assert reply.options == (D, P)
    assert reply.to_json()["options"] == ["done", "in_progress"]


def test_every_category_is_large() -> None:
    for name, table in TABLES.items():
        assert len(table) >= 7, name
    assert sum(len(t) for t in TABLES.values()) >= 150


def test_parse_replies_agrees_on_single_task_messages() -> None:
    for table in TABLES.values():
        for text, tasks, *_ in table:
            if "\n" in text or ";" in text:
                continue
            many = parse_replies(text, tasks)
            if len(many) == 1:
                one = parse_reply(text, tasks)
                assert (many[0].status, many[0].task) == (one.status, one.task), text
