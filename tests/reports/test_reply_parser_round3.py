"""Replies, round 3 (issue 23): the shapes still misread, one table per category.

Written before the parser was changed for them. Each row: text, candidate tasks, the refs of
the numbered reminder answered (None: it answers none), and what each reading must be, in
order: (status, or the reason the bot asks, task[, percent]). A row expecting a status also
expects no question (reason None).
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.status import ReportStatus
from reports.replies import ParsedReply, parse_replies, parse_reply, says_ongoing

D = ReportStatus.DONE
P = ReportStatus.IN_PROGRESS
N = ReportStatus.NOT_STARTED
B = ReportStatus.BLOCKED
WHICH = "which_task"
UNKNOWN = "unknown_task"
NO_STATUS = "no_status"
HEDGED = "hedged"
QUESTION = "question"
CORRECTED = "corrected"
UNCHANGED = "unchanged"
CONTRIBUTION = "contribution"
WRITTEN = "written_report"

# A plan numbered by Roman parts, one with three levels, one lettered, one with Roman tasks.
R = ["I.1", "I.2", "II.1", "II.2", "II.3", "III.1", "IV.1", "IV.2"]
R3 = ["I.1.a", "I.1.b", "I.2.a", "II.1.a", "II.2.a", "II.2.b", "III.3.b", "IV.1.a"]
T = ["II.1.a", "II.1.b", "II.2.a", "II.2.b", "II.3.a", "II.3.b", "II.4.c"]
ONE = ["II.2.a"]
SECTIONS = ["I", "II", "III", "IV"]
NUMBERED = ["1", "2", "3", "4", "5"]
LINES = ["II.1.a", "II.2.a", "II.3.b"]

Expected = list[tuple]
Row = tuple[str, list[str], list[str] | None, Expected]


def brief(reply: ParsedReply) -> tuple:
    """What a row compares: the status (or the reason to ask), the task, the percent."""
    return (reply.status if reply.reason is None else reply.reason, reply.task, reply.percent)


def check(row: Row) -> list[ParsedReply]:
    text, tasks, lines, expected = row
    replies = parse_replies(text, tasks, lines=lines)
    got = [brief(r)[: len(e)] for r, e in zip(replies, expected, strict=False)]
    assert (len(replies), got) == (len(expected), [tuple(e) for e in expected]), replies
    for r in replies:
        assert r.ambiguous == (r.reason is not None)
    return replies


# --- refs as people write them ----------------------------------------------------------------

REFS: list[Row] = [
    # Arabic numbers for Roman-numbered parts
    ("1.2 đã xong", R, None, [(D, "I.2")]),
    ("4.1 đang làm 50%", R, None, [(P, "IV.1", 50)]),
    ("Mục 4.2: chưa triển khai", R, None, [(N, "IV.2")]),
    ("nv 3.1 hoàn thành", R, None, [(D, "III.1")]),
    ("2.3 dang lam", R, None, [(P, "II.3")]),
    ("1.2a xong", R3, None, [(D, "I.2.a")]),
    ("4.1.a: đã hoàn thành", R3, None, [(D, "IV.1.a")]),
    ("3.3b đang làm", R3, None, [(P, "III.3.b")]),
    ("1.1b chưa làm", R3, None, [(N, "I.1.b")]),
    ("1.2 xong, 4.1 đang làm 30%", R, None, [(D, "I.2"), (P, "IV.1", 30)]),
    # the Roman numeral written is exact; an Arabic one also fits a longer ref: ask
    ("IV.1 đang thực hiện", [*R, "II.4.1"], None, [(P, "IV.1")]),
    ("4.1 xong", [*R, "II.4.1"], None, [(WHICH, None)]),
    ("4.1 xong", ["1", "2", "3", "4.1", "4.2"], None, [(D, "4.1")]),
    # spoken
    ("nhiệm vụ ba b đang làm", T, None, [(P, "II.3.b")]),
    ("nhiem vu ba b dang lam", T, None, [(P, "II.3.b")]),
    ("Nhiệm vụ hai a hoàn thành", T, None, [(D, "II.2.a")]),
    ("mục hai xong rồi", SECTIONS, None, [(D, "II")]),
    ("Mục hai: đang triển khai", SECTIONS, None, [(P, "II")]),
    ("mục bốn chưa làm", SECTIONS, None, [(N, "IV")]),
    ("việc số bốn đã hoàn thành", NUMBERED, None, [(D, "4")]),
    ("nhiệm vụ số hai đang làm 40%", NUMBERED, None, [(P, "2", 40)]),
    # words that only look like numbers stay words
    ("2a nhiệm vụ tạm dừng", T, None, [(B, "II.2.a")]),
    ("nhiệm vụ năm 2025 đã xong", ["II.2.a", "II.5"], None, [(WHICH, None)]),
    # ordinals over the numbered list answered
    ("việc thứ ba trong danh sách xong rồi", T, LINES, [(D, "II.3.b")]),
    ("việc thứ 2 đang làm 40%", T, LINES, [(P, "II.2.a", 40)]),
    ("nhiệm vụ đầu tiên xong", T, LINES, [(D, "II.1.a")]),
    ("Việc thứ hai trong tin nhắn: chưa làm", T, LINES, [(N, "II.2.a")]),
    ("viec thu ba xong", T, LINES, [(D, "II.3.b")]),
    ("việc thứ nhất xong, việc thứ hai đang làm", T, LINES, [(D, "II.1.a"), (P, "II.2.a")]),
    # an ordinal is a line, never a task's own number
    (
        "việc thứ 3 xong",
        ["II.1.a", "II.2.a", "II.3"],
        ["II.1.a", "II.2.a", "II.1.a"],
        [(D, "II.1.a")],
    ),
    # found on a second set, after the change
    ("nhiệm vụ 1.1 và 1.2 đều đang làm", R, None, [(P, "I.1"), (P, "I.2")]),
    ("nv ba a dang lam 60%", T, None, [(P, "II.3.a", 60)]),
    # "thứ ba" alone is Tuesday
    ("thứ ba tuần sau em gửi báo cáo", ONE, None, [(NO_STATUS, "II.2.a")]),
]


@pytest.mark.parametrize("row", REFS, ids=[r[0][:40] for r in REFS])
def test_refs_as_people_write_them(row: Row) -> None:
    check(row)


def test_an_ordinal_is_a_line_and_says_so() -> None:
    reply = parse_reply("việc thứ ba trong danh sách xong rồi", T, lines=LINES)
    assert (reply.ref_kind, reply.line, reply.task) == ("line", 3, "II.3.b")
    assert reply.note == ""
    # Without the list, the parser names the line and guesses no task.
    reply = parse_reply("việc thứ ba trong danh sách xong rồi", T)
    assert (reply.ref_kind, reply.line, reply.task, reply.reason) == ("line", 3, None, WHICH)
    assert reply.status is D


def test_spoken_ref_leaves_no_words_in_the_note() -> None:
    reply = parse_reply("nhiệm vụ ba b đang làm, đã trình dự thảo", T)
    assert (reply.task, reply.note) == ("II.3.b", "đã trình dự thảo")


# --- a bare number never becomes a task nobody named ------------------------------------------

BARE_NUMBERS: list[Row] = [
    ("1 xong", T, None, [(WHICH, None)]),
    ("2 đang làm 50%", T, None, [(WHICH, None, 50)]),
    ("3. xong", T, None, [(WHICH, None)]),
    ("1 xong\n2 đang làm", T, None, [(WHICH, None), (WHICH, None)]),
    ("2 xong", ["II.1.a", "II.2"], None, [(D, "II.2")]),  # a task's own number
    ("3 xong", T, LINES, [(D, "II.3.b")]),  # a line of the reminder answered
    ("1, 3 xong", T, LINES, [(D, "II.1.a"), (D, "II.3.b")]),
    ("5 xong", T, LINES, [(UNKNOWN, None)]),  # beyond the reminder's lines
    ("1 xong, 2 đang làm 40%", T, None, [(WHICH, None), (WHICH, None, 40)]),
]


@pytest.mark.parametrize("row", BARE_NUMBERS, ids=[r[0][:40] for r in BARE_NUMBERS])
def test_bare_numbers(row: Row) -> None:
    check(row)


def test_a_bare_number_exposes_its_line() -> None:
    reply = parse_reply("2 xong", T)
    assert (reply.ref_kind, reply.line, reply.task, reply.status) == ("line", 2, None, D)
    assert reply.choices == ()


# --- quantities in words ----------------------------------------------------------------------

QUANTITIES: list[Row] = [
    ("2a được hai phần ba khối lượng", T, None, [(P, "II.2.a", 67)]),
    ("2a đạt 2 phần 3", T, None, [(P, "II.2.a", 67)]),
    ("2a hoàn thành hai phần ba", T, None, [(P, "II.2.a", 67)]),
    ("hai phần ba", ONE, None, [(P, "II.2.a", 67)]),
    ("2a hai phan ba", T, None, [(P, "II.2.a", 67)]),
    ("ba phần tư khối lượng đã xong", ONE, None, [(P, "II.2.a", 75)]),
    ("2a một phần tư", T, None, [(P, "II.2.a", 25)]),
    ("2a làm được một phần ba", T, None, [(P, "II.2.a", 33)]),
    ("2a đạt chín phần mười", T, None, [(P, "II.2.a", 90)]),
    ("2a quá nửa", T, None, [(P, "II.2.a", None)]),
    ("2a đã làm được quá nửa", T, None, [(P, "II.2.a", None)]),
    ("2a hơn một nửa rồi", T, None, [(P, "II.2.a", None)]),
    ("2a qua nua", T, None, [(P, "II.2.a", None)]),
    ("2a gần một nửa", T, None, [(P, "II.2.a", None)]),
    ("2a chưa được một nửa", T, None, [(P, "II.2.a", None)]),
    ("2a được một nửa", T, None, [(P, "II.2.a", 50)]),
    ("2a khoảng một nửa", T, None, [(P, "II.2.a", 50)]),
    ("2a: một nửa khối lượng", T, None, [(P, "II.2.a", 50)]),
    ("2a hoàn thành một phần", T, None, [(P, "II.2.a", None)]),
    ("2a xong phần 2", T, None, [(P, "II.2.a", None)]),
    ("2a được 3/4", T, None, [(P, "II.2.a", 75)]),
]


@pytest.mark.parametrize("row", QUANTITIES, ids=[r[0][:40] for r in QUANTITIES])
def test_quantities_in_words(row: Row) -> None:
    check(row)


# --- hedges and double negation ---------------------------------------------------------------

HEDGES: list[Row] = [
    ("2a hình như đã xong, để em xác nhận lại với phòng", T, None, [(HEDGED, "II.2.a")]),
    ("hinh nhu xong roi, de e xac nhan lai", ONE, None, [(HEDGED, "II.2.a")]),
    ("2a chắc là xong rồi ạ", T, None, [(HEDGED, "II.2.a")]),
    ("2a có lẽ đã hoàn thành", T, None, [(HEDGED, "II.2.a")]),
    ("2a em nghĩ là xong rồi nhưng để em kiểm tra lại", T, None, [(HEDGED, "II.2.a")]),
    ("2a xong rồi thì phải", T, None, [(HEDGED, "II.2.a")]),
    ("2a hình như đang làm", T, None, [(HEDGED, "II.2.a")]),
    ("2a không chắc đã xong, em hỏi lại phòng", T, None, [(HEDGED, "II.2.a")]),
    ("2a theo em biết là đã xong", T, None, [(HEDGED, "II.2.a")]),
    ("2a nghe nói xong rồi", T, None, [(HEDGED, "II.2.a")]),
    ("2a dường như đã hoàn thành", T, None, [(HEDGED, "II.2.a")]),
    ("2a ht rồi, e check lại sau", T, None, [(HEDGED, "II.2.a")]),
    # found on a second set, after the change
    ("2a hình như xong rồi mà em chưa chắc", T, None, [(HEDGED, "II.2.a")]),
    ("2a theo em nhớ thì đã hoàn thành", T, None, [(HEDGED, "II.2.a")]),
    ("2a có lẽ tuần sau xong", T, None, [(P, "II.2.a")]),
    ("2a chắc chắn đã xong", T, None, [(D, "II.2.a")]),
    ("2a xong, em đã kiểm tra lại", T, None, [(D, "II.2.a")]),
    ("2a chắc tháng sau xong", T, None, [(P, "II.2.a")]),
    ("2a để em xác nhận lại rồi báo sau ạ", T, None, [(NO_STATUS, "II.2.a")]),
]

DOUBLE_NEGATIONS: list[Row] = [
    ("2a đâu phải chưa triển khai", T, None, [(P, "II.2.a")]),
    ("2a dau phai chua trien khai", T, None, [(P, "II.2.a")]),
    ("2a không phải là chưa làm, đang làm rồi", T, None, [(P, "II.2.a")]),
    ("2a đâu có chưa thực hiện", T, None, [(P, "II.2.a")]),
    ("2a chẳng phải chưa triển khai", T, None, [(P, "II.2.a")]),
    ("2a không phải không làm", T, None, [(P, "II.2.a")]),
    ("2a không phải chưa xong", T, None, [(NO_STATUS, "II.2.a")]),
    ("2a chưa triển khai", T, None, [(N, "II.2.a")]),
    ("2a không phải điều chỉnh, đang làm", T, None, [(P, "II.2.a")]),
]


@pytest.mark.parametrize("row", HEDGES, ids=[r[0][:40] for r in HEDGES])
def test_hedges_ask(row: Row) -> None:
    check(row)


@pytest.mark.parametrize("row", DOUBLE_NEGATIONS, ids=[r[0][:40] for r in DOUBLE_NEGATIONS])
def test_double_negations(row: Row) -> None:
    check(row)


def test_a_hedge_offers_what_was_said() -> None:
    reply = parse_reply("2a hình như đã xong, để em xác nhận lại với phòng", T)
    assert reply.status is None and D in reply.options
    assert "để em xác nhận lại với phòng" in reply.note


# --- a question is not a report ---------------------------------------------------------------

QUESTIONS: list[Row] = [
    ("việc 4c bên anh xong rồi hả?", T, None, [(QUESTION, "II.4.c")]),
    ("viec 4c ben anh xong roi ha?", T, None, [(QUESTION, "II.4.c")]),
    ("sở mình nhận được công văn chưa ạ", T, None, [(QUESTION, None)]),
    ("so minh nhan duoc cong van chua a", ONE, None, [(QUESTION, "II.2.a")]),
    ("2a xong chưa?", T, None, [(QUESTION, "II.2.a")]),
    ("2a hoàn thành chưa anh", T, None, [(QUESTION, "II.2.a")]),
    ("anh ơi 2a đã xong rồi hả", T, None, [(QUESTION, "II.2.a")]),
    ("2a xong rồi à?", T, None, [(QUESTION, "II.2.a")]),
    ("2a xong rồi, phải không ạ?", T, None, [(QUESTION, "II.2.a")]),
    ("2a đã hoàn thành đúng không anh", T, None, [(QUESTION, "II.2.a")]),
    ("Cho em hỏi 2a có cần báo cáo không ạ", T, None, [(QUESTION, "II.2.a")]),
    ("em có phải báo cáo nhiệm vụ 2a không?", T, None, [(QUESTION, "II.2.a")]),
    ("hạn báo cáo quý này là khi nào vậy anh?", T, None, [(QUESTION, None)]),
    ("báo cáo thế nào ạ", ONE, None, [(QUESTION, "II.2.a")]),
    ("bao giờ phải nộp báo cáo ạ", ONE, None, [(QUESTION, "II.2.a")]),
    ("2a làm chưa?", T, None, [(QUESTION, "II.2.a")]),
    ("sở mình đã gửi báo cáo chưa nhỉ", ONE, None, [(QUESTION, "II.2.a")]),
    ("ủa 2a xong rồi sao", T, None, [(QUESTION, "II.2.a")]),
    ("is 2a done?", T, None, [(QUESTION, "II.2.a")]),
    ("2a xong k?", T, None, [(QUESTION, "II.2.a")]),
    # found on a second set, after the change
    ("sao em vẫn nhận được tin nhắc vậy", ONE, None, [(QUESTION, "II.2.a")]),
    ("bên em có phải báo cáo 3b không anh", T, None, [(QUESTION, "II.3.b")]),
    ("anh cho em hỏi nhiệm vụ 2a hạn khi nào ạ", T, None, [(QUESTION, "II.2.a")]),
    # answers that end like a question are still answers
    ("2a xong, 2b chưa", T, None, [(D, "II.2.a"), (N, "II.2.b")]),
    ("2a chưa ạ", T, None, [(N, "II.2.a")]),
    ("dạ chưa ạ", ONE, None, [(N, "II.2.a")]),
    ("2a đang làm, 2b thì chưa", T, None, [(P, "II.2.a"), (N, "II.2.b")]),
    ("2a xong, không có vướng mắc", T, None, [(D, "II.2.a")]),
    ("2a xong. Khó khăn vướng mắc: không", T, None, [(D, "II.2.a")]),
    ("2a xong rồi ạ, anh kiểm tra giúp em nhé", T, None, [(D, "II.2.a")]),
    (
        "2a xong rồi ạ. Cho em hỏi hạn báo cáo quý sau là khi nào ạ?",
        T,
        None,
        [(D, "II.2.a")],
    ),
    ("2a đang làm, có vướng mắc gì em báo sau", T, None, [(P, "II.2.a")]),
    ("2b chưa anh ơi", T, None, [(N, "II.2.b")]),
    ("2a đang làm, khi nào xong em báo lại", T, None, [(P, "II.2.a")]),
]


@pytest.mark.parametrize("row", QUESTIONS, ids=[r[0][:40] for r in QUESTIONS])
def test_questions_record_nothing(row: Row) -> None:
    check(row)


def test_a_question_says_it_is_one() -> None:
    reply = parse_reply("sở mình nhận được công văn chưa ạ", T)
    assert (reply.kind, reply.status, reply.reason) == ("question", None, QUESTION)
    assert parse_reply("2a xong, 2b chưa", T).kind == "status"


# --- a correction inside the message ----------------------------------------------------------

CORRECTIONS: list[Row] = [
    (
        "2a xong rồi, à nhầm, 2b mới xong, 2a vẫn đang làm",
        T,
        None,
        [(D, "II.2.b"), (P, "II.2.a")],
    ),
    (
        "2a xong. À nhầm, ý em là 2b xong, còn 2a đang làm 70%",
        T,
        None,
        [(D, "II.2.b"), (P, "II.2.a", 70)],
    ),
    (
        "xong 3a, à không phải 3a mà là 3b, 3a thì đang làm",
        T,
        None,
        [(D, "II.3.b"), (P, "II.3.a")],
    ),
    ("2a hoàn thành - em nhầm, 2a mới đang làm 60% thôi", T, None, [(P, "II.2.a", 60)]),
    ("2a xong, à nhầm 2b", T, None, [(D, "II.2.b")]),
    (
        "Báo cáo 2a đã hoàn thành. Xin đính chính: 2a chưa hoàn thành, mới đạt 80%",
        T,
        None,
        [(P, "II.2.a", 80)],
    ),
    ("2a xong rồi, à không, chưa xong, còn chờ ký", T, None, [(B, "II.2.a")]),
    ("xong rồi, à nhầm, đang làm", ONE, None, [(P, "II.2.a")]),
    ("2a không phải xong mà là đang làm 70%", T, None, [(P, "II.2.a", 70)]),
    (
        "2a xong, 2b đang làm. À nhầm, 2b cũng xong rồi",
        T,
        None,
        [(D, "II.2.a"), (D, "II.2.b")],
    ),
    ("3b xong chứ không phải 3a", T, None, [(D, "II.3.b")]),
    ("2a xong rồi à nhầm", T, None, [(CORRECTED, "II.2.a")]),
    ("2a xong, e nham, 2b xong", T, None, [(D, "II.2.b")]),
    ("2a xong, à lộn, 2b xong", T, None, [(D, "II.2.b")]),
    ("2a xong ạ. Em sửa lại: 2a đang làm 90%", T, None, [(P, "II.2.a", 90)]),
    # words that look like a correction and are not
    ("2a đang chỉnh sửa các nhầm lẫn trong hồ sơ", T, None, [(P, "II.2.a")]),
    ("2a đang thực hiện nhằm đẩy nhanh tiến độ", T, None, [(P, "II.2.a")]),
    ("2a dang thuc hien nham day nhanh tien do", T, None, [(P, "II.2.a")]),
    ("2a đang sửa lại hồ sơ", T, None, [(P, "II.2.a")]),
    ("2a xong ạ, không có vướng mắc", T, None, [(D, "II.2.a")]),
    ("2a đã xong, không phải điều chỉnh gì", T, None, [(D, "II.2.a")]),
    ("Xin lỗi anh em báo cáo muộn, 2a xong", T, None, [(D, "II.2.a")]),
]


@pytest.mark.parametrize("row", CORRECTIONS, ids=[r[0][:40] for r in CORRECTIONS])
def test_corrections_keep_only_the_corrected_reading(row: Row) -> None:
    check(row)


def test_parse_reply_never_keeps_a_retracted_done() -> None:
    assert parse_reply("2a xong, à nhầm, đang làm 60%", T).status is P
    reply = parse_reply("2a xong, à nhầm 2b", T)
    assert (reply.status, reply.task) == (D, "II.2.b")


# --- a status elided in a list, chat abbreviations --------------------------------------------

ELIDED: list[Row] = [
    ("2a đang làm 30%, 2b 50", T, None, [(P, "II.2.a", 30), (P, "II.2.b", 50)]),
    (
        "2a dang lam 30%, 2b 50, 3a 70",
        T,
        None,
        [(P, "II.2.a", 30), (P, "II.2.b", 50), (P, "II.3.a", 70)],
    ),
    ("1a 40%, 1b 60", T, None, [(P, "II.1.a", 40), (P, "II.1.b", 60)]),
    ("2a đang làm 30%, 2b 100", T, None, [(P, "II.2.a", 30), (D, "II.2.b", 100)]),
    ("2a đang làm 30%\n2b 50", T, None, [(P, "II.2.a", 30), (P, "II.2.b", 50)]),
    ("2a đang triển khai, 2b cũng vậy", T, None, [(P, "II.2.a"), (P, "II.2.b")]),
    ("2a xong, 2b cũng thế", T, None, [(D, "II.2.a"), (D, "II.2.b")]),
    ("2a chưa làm, 2b tương tự", T, None, [(N, "II.2.a"), (N, "II.2.b")]),
    ("2a vướng mặt bằng, 2b cũng vậy", T, None, [(B, "II.2.a"), (B, "II.2.b")]),
    (
        "2a đg lm 40%, 2b 60, 3a xong",
        T,
        None,
        [(P, "II.2.a", 40), (P, "II.2.b", 60), (D, "II.3.a")],
    ),
]

ABBREVIATIONS: list[Row] = [
    ("2a đag lm", T, None, [(P, "II.2.a")]),
    ("2a dag lm 40%", T, None, [(P, "II.2.a", 40)]),
    ("2a xog r", T, None, [(D, "II.2.a")]),
    ("2a xg r", T, None, [(D, "II.2.a")]),
    ("2a ht r nhé", T, None, [(D, "II.2.a")]),
    ("2a k có j mới", T, None, [(UNCHANGED, "II.2.a")]),
    ("k co j moi a", ONE, None, [(UNCHANGED, "II.2.a")]),
    ("2a chưa có gì mới", T, None, [(UNCHANGED, "II.2.a")]),
    ("2a vẫn như cũ", T, None, [(UNCHANGED, "II.2.a")]),
    ("2a như kỳ trước", T, None, [(UNCHANGED, "II.2.a")]),
    ("2a vm vốn", T, None, [(B, "II.2.a")]),
    ("2a đang lm, có vm về mặt bằng", T, None, [(B, "II.2.a")]),
    ("2a ch lm", T, None, [(N, "II.2.a")]),
    ("2a chưa lm", T, None, [(N, "II.2.a")]),
    ("2a đã lm xong", T, None, [(D, "II.2.a")]),
    ("2a dg tk", T, None, [(P, "II.2.a")]),
    ("2a đag tkhai", T, None, [(P, "II.2.a")]),
    ("2a đc 50% r", T, None, [(P, "II.2.a", 50)]),
    ("2a ko vm gì", T, None, [(NO_STATUS, "II.2.a")]),
]


@pytest.mark.parametrize("row", ELIDED, ids=[r[0][:40] for r in ELIDED])
def test_elided_status_in_a_list(row: Row) -> None:
    check(row)


@pytest.mark.parametrize("row", ABBREVIATIONS, ids=[r[0][:40] for r in ABBREVIATIONS])
def test_chat_abbreviations(row: Row) -> None:
    replies = check(row)
    if row[0] in ("2a đag lm", "2a xog r", "2a ch lm"):
        assert replies[0].note == ""


# --- a supporting agency's contribution (issue 20) --------------------------------------------

CONTRIBUTIONS: list[Row] = [
    ("đã gửi ý kiến", ONE, None, [(CONTRIBUTION, "II.2.a")]),
    ("Đã gửi ý kiến bằng văn bản số 125/SXD-QLN", ONE, None, [(CONTRIBUTION, "II.2.a")]),
    ("đã có ý kiến bằng văn bản", ONE, None, [(CONTRIBUTION, "II.2.a")]),
    ("đã phối hợp", ONE, None, [(CONTRIBUTION, "II.2.a")]),
    ("Sở XD đã phối hợp với Sở TC", ONE, None, [(CONTRIBUTION, "II.2.a")]),
    ("đã có văn bản số 125/SXD-QLN", ONE, None, [(CONTRIBUTION, "II.2.a")]),
    ("đã góp ý dự thảo", ONE, None, [(CONTRIBUTION, "II.2.a")]),
    ("da gui y kien", ONE, None, [(CONTRIBUTION, "II.2.a")]),
    ("4c: đã tham gia ý kiến", T, None, [(CONTRIBUTION, "II.4.c")]),
    ("đã có văn bản góp ý gửi Sở XD", ONE, None, [(CONTRIBUTION, "II.2.a")]),
    ("gửi ý kiến rồi ạ", ONE, None, [(CONTRIBUTION, "II.2.a")]),
    (
        "dạ bên em đã gửi công văn số 45/STC-QLG góp ý",
        ONE,
        None,
        [(CONTRIBUTION, "II.2.a")],
    ),
    ("chưa gửi ý kiến", ONE, None, [(N, "II.2.a")]),
    ("đang phối hợp", ONE, None, [(P, "II.2.a")]),
    ("đang tổng hợp ý kiến để gửi", ONE, None, [(P, "II.2.a")]),
    ("2a đã có công văn số 88/SXD-QH báo cáo", T, None, [(WRITTEN, "II.2.a")]),
    ("đang chờ ý kiến UBND tỉnh", ONE, None, [(B, "II.2.a")]),
]


@pytest.mark.parametrize("row", CONTRIBUTIONS, ids=[r[0][:40] for r in CONTRIBUTIONS])
def test_contributions(row: Row) -> None:
    check(row)


def test_a_contribution_keeps_its_document_and_note() -> None:
    reply = parse_reply("Đã gửi ý kiến bằng văn bản số 125/SXD-QLN", ONE)
    assert (reply.kind, reply.status) == ("contribution", D)
    assert reply.document == "văn bản số 125/SXD-QLN"
    assert reply.note == "Đã gửi ý kiến bằng văn bản số 125/SXD-QLN"
    reply = parse_reply("đã góp ý dự thảo", ONE)
    assert (reply.kind, reply.document, reply.note) == ("contribution", None, "đã góp ý dự thảo")


TABLES = {
    "refs": REFS,
    "bare_numbers": BARE_NUMBERS,
    "quantities": QUANTITIES,
    "hedges": HEDGES,
    "double_negations": DOUBLE_NEGATIONS,
    "questions": QUESTIONS,
    "corrections": CORRECTIONS,
    "elided": ELIDED,
    "abbreviations": ABBREVIATIONS,
    "contributions": CONTRIBUTIONS,
}


def test_every_category_is_large() -> None:
    for name, table in TABLES.items():
        assert len(table) >= 8, name


# --- the ongoing-work check, one home ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ongoing"),
    [
        ("đang lập hồ sơ quyết toán", True),
        ("dang lap ho so", True),
        ("Sở đã đăng ký danh mục", False),
        ("II.2.a xong, đã nghiệm thu", False),
        ("còn lại 2 hạng mục", True),
        ("II.2.a xong, dự kiến nghiệm thu tháng 10", True),
        ("đag lm tiếp", True),
        ("tháng sau hoàn thiện", True),
    ],
)
def test_says_ongoing(text: str, ongoing: bool) -> None:
    assert says_ongoing(text) is ongoing


# --- never a plain "done" next to work that goes on, a question, a hedge or a correction ------

CLAIMS = ["2a xong", "2a đã hoàn thành", "2a ht r", "2a xong rồi", "2a hoan thanh", "2a done"]
ONGOING = ["đang hoàn thiện hồ sơ", "còn lại phần quyết toán", "dg lm tiep", "dự kiến tháng sau"]
QUESTION_FORMS = ["{c} hả?", "{c} rồi à?", "{c}, phải không ạ?", "{c} chưa?", "cho em hỏi {c} chưa"]
HEDGE_FORMS = [
    "hình như {c}",
    "chắc là {c}",
    "có lẽ {c}",
    "{c}, để em xác nhận lại",
    "{c} thì phải",
    "hinh nhu {c}",
]
CORRECTION_FORMS = [
    "{c}, à nhầm, 2a đang làm",
    "{c}. À nhầm, 2b xong",
    "{c} - em nhầm, 2a chưa xong",
    "{c}, à không, 2a vẫn đang làm",
    "2a không phải xong mà là đang làm",
    "{c}. Xin đính chính: 2a mới đạt 50%",
    "{c}, e nham, 2b moi xong",
]
SEPARATORS = [", ", ". ", " - ", "; ", "\n", " nhưng "]


def done_on_2a(text: str) -> list[ParsedReply]:
    """The readings that would record plain "done" on II.2.a."""
    return [
        r
        for r in parse_replies(text, T)
        if r.task == "II.2.a" and r.status is D and r.reason is None
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    claim=st.sampled_from(CLAIMS),
    kind=st.sampled_from(["ongoing", "question", "hedge", "correction"]),
    ongoing=st.sampled_from(ONGOING),
    form=st.integers(min_value=0, max_value=20),
    sep=st.sampled_from(SEPARATORS),
    polite=st.sampled_from(["", "Dạ ", "Em báo cáo: ", "ạ "]),
)
def test_no_message_that_qualifies_its_done_is_recorded_as_done(
    claim: str, kind: str, ongoing: str, form: int, sep: str, polite: str
) -> None:
    if kind == "ongoing":
        text = claim + sep + ongoing if sep != "\n" else f"{claim}, {ongoing}"
    else:
        forms = {"question": QUESTION_FORMS, "hedge": HEDGE_FORMS, "correction": CORRECTION_FORMS}
        text = forms[kind][form % len(forms[kind])].format(c=claim)
    text = polite + text
    assert done_on_2a(text) == [], text
    assert not (parse_reply(text, T).status is D and parse_reply(text, T).task == "II.2.a"), text


def test_new_readers_stay_fast_on_long_input() -> None:
    for text in [
        "à nhầm " * 1500,
        "không phải 2a mà là " * 400,
        "chứ không phải 2a " * 500,
        "hai phần ba " * 800,
        "việc thứ ba trong danh sách " * 300,
        "nhiệm vụ ba b " * 600,
        "? " * 3000,
        "xong chưa ạ " * 800,
        "hình như " * 1000,
        "2a 50, " * 800,
    ]:
        start = time.perf_counter()
        parse_reply(text, T)
        parse_replies(text, T)
        assert time.perf_counter() - start < 5, text[:30]
