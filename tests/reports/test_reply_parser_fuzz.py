"""Property tests: the reply parser never raises and always returns a well-formed reading."""

from __future__ import annotations

import time
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.status import ReportStatus
from reports.replies import ParsedReply, _parse_replies, _parse_reply, parse_replies, parse_reply

REASONS = {
    None,
    "no_status",
    "conflicting_status",
    "done_with_ongoing",
    "substep_done",
    "written_report",
    "unknown_task",
    "which_task",
    "hedged",
    "question",
    "corrected",
    "unchanged",
    "contribution",
}
KEYS = {
    "status",
    "percent",
    "task",
    "note",
    "ambiguous",
    "reason",
    "ref",
    "ref_kind",
    "line",
    "choices",
    "options",
    "kind",
    "document",
}

FRAGMENTS = [
    "2a",
    "2.a",
    "II.2.a",
    "ii2a",
    "2đ",
    "2d",
    "nv 2a",
    "nhiệm vụ 2đ",
    "task 2",
    "#3",
    "số 1:",
    "xong",
    "hoàn thành",
    "hoan thanh",
    "ht",
    "đã xong",
    "đang thực hiện",
    "dang lam",
    "dtth",
    "chưa",
    "chưa thực hiện",
    "chưa hoàn thành",
    "vướng mắc",
    "khó khăn",
    "không có vướng mắc",
    "kiến nghị",
    "đề xuất",
    "thiếu vốn",
    "70%",
    "100 %",
    "0%",
    "120%",
    "đạt 45,5 phan tram",
    "còn 20%",
    ",",
    ";",
    ":",
    "-",
    "\n",
    " ",
    "ạ",
    "Dạ",
    "👍",
    "✅",
    "\x00",
    "\u200b",
    "(",
    ")",
    "UBND tỉnh",
    "đã trình",
    "dự thảo",
    "30/6/2025",
    "1.5",
    "II",
    "và",
    "ok",
    "ddang trieern khai",
    "hoanf thanhf roofi",
    "hoa2n tha2nh",
    "sáu mươi lăm phần trăm",
    "tam muoi phan tram",
    "bảy lăm",
    "1/2 khối lượng",
    "3 trong 5 hạng mục",
    "một nửa",
    "xong bước thẩm định",
    "đã khảo sát xong",
    "đã tổ chức hội nghị xong",
    "tạm dừng",
    "dừng lại để chờ ý kiến UBND tỉnh",
    "đang chờ",
    "không phát sinh khó khăn vướng mắc",
    "công văn số 88/SXD-QH",
    "(Tờ trình số 45/TTr-SXD)",
    "> 3. II.2.a Rà soát quy hoạch",
    "⏰ Sở XD còn 2 nhiệm vụ chưa báo cáo kỳ Quý III/2025:",
    "1. II.2.a Tiếp tục triển khai",
    "Trả lời tin nhắn này, ví dụ: II.2.a xong",
    "A1.1",
    "3",
    "vs",
    # round 3 (issue 23)
    "à nhầm",
    "em nhầm,",
    "à không,",
    "xin đính chính:",
    "không phải 2a mà là",
    "chứ không phải 2a",
    "hình như",
    "để em xác nhận lại",
    "hả?",
    "chưa ạ",
    "cho em hỏi",
    "phải không ạ?",
    "hai phần ba",
    "quá nửa",
    "đâu phải chưa triển khai",
    "việc thứ ba trong danh sách",
    "nhiệm vụ ba b",
    "mục hai",
    "đã gửi ý kiến",
    "đã có văn bản số 125/SXD-QLN",
    "đã phối hợp",
    "k có j mới",
    "cũng vậy",
    "đag lm",
    "xog r",
]
REFS = [
    "II.1.a",
    "II.1.b",
    "II.2.a",
    "II.2.d",
    "II.2.đ",
    "II.3.c",
    "IV.5",
    "1",
    "III.1",
    "a",
    "A1.1",
]

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(FRAGMENTS), max_size=25).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=20).map(" ".join),
)
task_lists = st.one_of(
    st.lists(st.sampled_from(REFS), max_size=6, unique=True),
    st.lists(st.text(max_size=8), max_size=4),
)


def assert_well_formed(reply: ParsedReply, tasks: list[str]) -> None:
    """Invariants every reading must satisfy."""
    assert reply.status is None or isinstance(reply.status, ReportStatus)
    assert reply.percent is None or (isinstance(reply.percent, int) and 0 <= reply.percent <= 100)
    assert reply.task is None or reply.task in tasks
    assert isinstance(reply.note, str)
    assert unicodedata.is_normalized("NFC", reply.note)
    assert reply.note == reply.note.strip()
    assert reply.reason in REASONS
    assert reply.ambiguous == (reply.reason is not None)
    if reply.status is None:
        assert reply.ambiguous
    data = reply.to_json()
    assert set(data) == KEYS
    assert reply.ref_kind in {None, "task", "line", "ambiguous"}
    assert reply.kind in {"status", "written_report", "question", "contribution"}
    assert (reply.kind == "question") == (reply.reason == "question")
    assert (reply.kind == "contribution") == (reply.reason == "contribution")
    if reply.kind == "contribution":
        assert reply.status is ReportStatus.DONE
    assert all(c in tasks for c in reply.choices)
    if reply.status is not None:
        assert not reply.options
    assert data["status"] in {None, *(s.value for s in ReportStatus)}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, tasks=task_lists)
def test_parse_reply_is_total(text: str, tasks: list[str]) -> None:
    reply = _parse_reply(text, tasks)
    assert_well_formed(reply, tasks)
    assert parse_reply(text, tasks) == reply


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, tasks=task_lists, lines=st.none() | st.lists(st.sampled_from(REFS), max_size=4))
def test_parse_replies_is_total(text: str, tasks: list[str], lines: list[str] | None) -> None:
    replies = _parse_replies(text, tasks, lines=lines)
    assert replies
    for reply in replies:
        assert_well_formed(reply, tasks)
    assert parse_replies(text, tasks, lines=lines) == replies


@settings(max_examples=100, deadline=None)
@given(text=texts, tasks=task_lists)
def test_decomposed_and_composed_read_the_same(text: str, tasks: list[str]) -> None:
    nfd = unicodedata.normalize("NFD", text)
    assert _parse_reply(nfd, tasks) == _parse_reply(unicodedata.normalize("NFC", text), tasks)


@settings(max_examples=20, deadline=None)
@given(chunk=st.sampled_from(FRAGMENTS), times=st.integers(min_value=1000, max_value=6000))
def test_huge_input(chunk: str, times: int) -> None:
    assert_well_formed(_parse_reply(chunk * times, REFS), REFS)


def test_pathological_inputs_stay_fast() -> None:
    for text in [
        "co " * 3000,
        "dang " * 2000,
        "kk, vm, " * 1000,
        "2a " * 3000,
        "vuong mac, " * 800,
    ]:
        start = time.perf_counter()
        parse_reply(text, REFS)
        parse_replies(text, REFS)
        assert time.perf_counter() - start < 5
