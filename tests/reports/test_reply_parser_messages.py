"""Whole messages: several tasks, references the officer can see, pasted reminders, the CLI."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cli import main
from domain.status import ReportStatus
from reports.replies import ParsedReply, parse_replies, parse_reply

D = ReportStatus.DONE
P = ReportStatus.IN_PROGRESS
N = ReportStatus.NOT_STARTED
B = ReportStatus.BLOCKED

T = ["II.1.a", "II.1.b", "II.2.a", "II.2.b", "II.3.a", "II.3.c"]
A = ["A1.1", "A1.2", "B2.1"]

REMINDER = (
    "⏰ Sở Tài chính còn 3 nhiệm vụ chưa báo cáo kỳ Quý III/2025 (hạn 15/9/2025, còn 2 ngày "
    "làm việc) — 151/KH-UBND:\n"
    "1. II.2.a Tiếp tục triển khai thực hiện các chương trình phát triển đô thị\n"
    "2. II.2.b Hoàn thành quy hoạch chung đô thị\n"
    "3. II.3.c Rà soát, điều chỉnh quy hoạch (phối hợp, gửi ý kiến trước 10/9/2025)\n"
    "\n"
    "Trả lời tin nhắn này, ví dụ: II.2.a đang thực hiện 70%, đã trình dự thảo hoặc II.2.a xong; "
    "hoặc bấm một nhiệm vụ bên dưới."
)


def brief(replies: list[ParsedReply]) -> list[tuple]:
    """Status (or the reason to ask), task and percent of each reply."""
    return [(r.status or r.reason, r.task, r.percent) for r in replies]


# text, tasks, [(status or reason, task, percent), ...]
MESSAGES: list[tuple[str, list[str], list[tuple]]] = [
    (
        "Báo cáo của Sở TC: 1b - xong; 2a - đang làm 30%",
        T,
        [(D, "II.1.b", None), (P, "II.2.a", 30)],
    ),
    (
        "Báo cáo của Sở Tài chính:\n1b - hoàn thành\n2a - đang triển khai 50%, vướng GPMB",
        T,
        [(D, "II.1.b", None), (B, "II.2.a", 50)],
    ),
    ("Sở TC báo cáo: 1b xong, 2a dang lam 30%", T, [(D, "II.1.b", None), (P, "II.2.a", 30)]),
    (
        "Kính gửi Sở XD, Sở TC báo cáo như sau: 1b hoàn thành; 2a chưa thực hiện",
        T,
        [(D, "II.1.b", None), (N, "II.2.a", None)],
    ),
    ("xong 2b. 1a dang lam 20%", T, [(D, "II.2.b", None), (P, "II.1.a", 20)]),
    ("xong 2b, 1a dang lam 20%", T, [(D, "II.2.b", None), (P, "II.1.a", 20)]),
    ("xong 2b 1a dang lam 20%", T, [(D, "II.2.b", None), (P, "II.1.a", 20)]),
    ("hoàn thành 2b; đang làm 1a 20%", T, [(D, "II.2.b", None), (P, "II.1.a", 20)]),
    ("Đã xong 2b. Đang làm 1a, đạt 20%", T, [(D, "II.2.b", None), (P, "II.1.a", 20)]),
    (
        "• 2a: xong\n• 2b: đang làm 40%\n• 3c: chưa",
        T,
        [(D, "II.2.a", None), (P, "II.2.b", 40), (N, "II.3.c", None)],
    ),
    ("- 2a xong\n- 2b dang lam", T, [(D, "II.2.a", None), (P, "II.2.b", None)]),
    ("+ 2a hoàn thành\n+ 3a tạm dừng chờ vốn", T, [(D, "II.2.a", None), (B, "II.3.a", None)]),
    ("* 2a xong\n* 2b chua", T, [(D, "II.2.a", None), (N, "II.2.b", None)]),
    ("1. 2a xong\n2. 2b đang làm", T, [(D, "II.2.a", None), (P, "II.2.b", None)]),
    ("1) II.2.a: xong\n2) II.2.b: đang làm", T, [(D, "II.2.a", None), (P, "II.2.b", None)]),
    (
        "2a xong 2b đang làm 3c chưa",
        T,
        [(D, "II.2.a", None), (P, "II.2.b", None), (N, "II.3.c", None)],
    ),
    (
        "II.2.a - Hoàn thành; II.2.b - Đang thực hiện 60%; II.3.c - Chưa thực hiện",
        T,
        [(D, "II.2.a", None), (P, "II.2.b", 60), (N, "II.3.c", None)],
    ),
    ("2a vs 2b xong", T, [(D, "II.2.a", None), (D, "II.2.b", None)]),
    ("2a và 2b đang làm", T, [(P, "II.2.a", None), (P, "II.2.b", None)]),
    (
        "E xin báo cáo ạ. 2a đã xong. 2b đang triển khai 40%.",
        T,
        [(D, "II.2.a", None), (P, "II.2.b", 40)],
    ),
    (
        "2a: xong, đã trình UBND. 2b: đang lập hồ sơ",
        T,
        [(D, "II.2.a", None), (P, "II.2.b", None)],
    ),
    (
        "2a hoanf thanhf\n2b ddang trieern khai 50%",
        T,
        [(D, "II.2.a", None), (P, "II.2.b", 50)],
    ),
    (
        "2a xong, đang hoàn thiện hồ sơ; 2b hoàn thành",
        T,
        [("done_with_ongoing", "II.2.a", None), (D, "II.2.b", None)],
    ),
    (
        "2a: đã xong bước thẩm định, đang hoàn thiện tờ trình\n2b: xong",
        T,
        [(P, "II.2.a", None), (D, "II.2.b", None)],
    ),
    (
        "1b - Đang triển khai (45%). Đã khảo sát xong, đang lập báo cáo\n2a - Hoàn thành",
        T,
        [(P, "II.1.b", 45), (D, "II.2.a", None)],
    ),
    (
        "2a không phát sinh khó khăn vướng mắc, đã xong\n2b dừng lại để chờ ý kiến UBND tỉnh",
        T,
        [(D, "II.2.a", None), (B, "II.2.b", None)],
    ),
    ("A1.1 xong, A1.2 đang làm", A, [(D, "A1.1", None), (P, "A1.2", None)]),
    ("a1.1 xong; b2.1 chua lam", A, [(D, "A1.1", None), (N, "B2.1", None)]),
    (REMINDER + "\n2a xong\n3c đang làm 50%", T, [(D, "II.2.a", None), (P, "II.3.c", 50)]),
    (REMINDER + "\nII.2.b đang thực hiện", T, [(P, "II.2.b", None)]),
    (REMINDER + "\n\n1 xong\n2 dang lam", T, [(D, "II.2.a", None), (P, "II.2.b", None)]),
]


@pytest.mark.parametrize(("text", "tasks", "expected"), MESSAGES, ids=[m[0][:40] for m in MESSAGES])
def test_messages(text: str, tasks: list[str], expected: list[tuple]) -> None:
    assert brief(parse_replies(text, tasks)) == expected


def test_each_part_keeps_its_own_note() -> None:
    replies = parse_replies(
        "2a xong, đã trình UBND tỉnh (Tờ trình số 45/TTr-SXD); 2b đang làm, vướng GPMB", T
    )
    assert [(r.task, r.note) for r in replies] == [
        ("II.2.a", "đã trình UBND tỉnh (Tờ trình số 45/TTr-SXD)"),
        ("II.2.b", "GPMB"),
    ]


def test_preamble_is_not_a_note() -> None:
    replies = parse_replies("Báo cáo của Sở TC: 1b - xong; 2a - đang làm 30%", T)
    assert [r.note for r in replies] == ["", ""]


def test_pasted_reminder_is_not_read_as_answers() -> None:
    # Titles in the reminder say "Tiếp tục", "Hoàn thành": they are not answers.
    assert brief(parse_replies(REMINDER, T)) == [("no_status", None, None)]
    replies = parse_replies(REMINDER + "\nxong", ["II.2.a"])
    assert brief(replies) == [(D, "II.2.a", None)]


def test_reminder_lines_pasted_without_their_header() -> None:
    text = (
        "1. II.2.a Tiếp tục triển khai thực hiện các chương trình phát triển đô thị\n"
        "2. II.2.b Hoàn thành quy hoạch chung đô thị toàn tỉnh\n\nII.2.a xong\n2 đang làm"
    )
    assert brief(parse_replies(text, T)) == [(D, "II.2.a", None), (P, "II.2.b", None)]
    # The officer's own numbered answers are answers, however long.
    own = (
        "1. II.2.a Đã hoàn thành và trình UBND tỉnh phê duyệt\n"
        "2. II.2.b Đang thực hiện đạt 50% khối lượng\nEm cảm ơn"
    )
    assert brief(parse_replies(own, T)) == [(D, "II.2.a", None), (P, "II.2.b", 50)]


# --- references the officer can see -----------------------------------------------------------

LINES = ["II.2.a", "II.2.b", "II.3.c"]


def test_bare_number_is_a_line_of_the_replied_reminder() -> None:
    reply = parse_reply("3 xong", T, lines=LINES)
    assert (reply.task, reply.ref_kind, reply.line, reply.status) == ("II.3.c", "line", 3, D)
    # Without the reminder's lines "3" is the task ending in 3 (II.3), said to be a task.
    reply = parse_reply("3 xong", [*T, "II.3"])
    assert (reply.task, reply.ref_kind, reply.line) == ("II.3", "task", 3)


def test_bare_number_that_is_a_line_and_another_task_asks() -> None:
    reply = parse_reply("3 xong", ["II.1.a", "II.2.a", "II.3", "II.3.c"], lines=["II.2.a"] * 3)
    assert reply.task is None
    assert (reply.reason, reply.ref_kind, reply.line) == ("which_task", "ambiguous", 3)
    assert reply.choices == ("II.2.a", "II.3")
    # The same task either way is not a question.
    reply = parse_reply("3 xong", ["II.1.a", "II.3"], lines=["II.1.a", "II.1.a", "II.3"])
    assert (reply.task, reply.reason) == ("II.3", None)


def test_line_numbers_in_several_parts() -> None:
    replies = parse_replies("1 xong\n3 đang làm 40%", T, lines=LINES)
    assert brief(replies) == [(D, "II.2.a", None), (P, "II.3.c", 40)]
    assert [r.ref_kind for r in replies] == ["line", "line"]


def test_explicit_ref_beats_the_line() -> None:
    reply = parse_reply("2a xong", T, lines=LINES)
    assert (reply.task, reply.ref_kind, reply.line) == ("II.2.a", "task", None)


def test_line_beyond_the_reminder_falls_back_to_tasks() -> None:
    reply = parse_reply("7 xong", T, lines=LINES)
    assert (reply.task, reply.reason) == (None, "unknown_task")


def test_quoted_reminder_line_names_the_task() -> None:
    text = "> 3. II.3.c Rà soát, điều chỉnh quy hoạch\nđã xong, gửi kèm báo cáo"
    reply = parse_replies(text, T)[0]
    assert (reply.status, reply.task, reply.ref_kind) == (D, "II.3.c", "task")
    assert reply.note == "gửi kèm báo cáo"
    text = "> 1. II.2.a Tiếp tục triển khai\n> 2. II.2.b Hoàn thành quy hoạch\nđang làm"
    reply = parse_replies(text, T)[0]
    assert (reply.status, reply.task, reply.reason) == (P, None, "which_task")
    assert reply.choices == ("II.2.a", "II.2.b")


def test_pasted_reminder_lines_serve_as_lines() -> None:
    replies = parse_replies(REMINDER + "\n3 xong", T)
    assert [(r.task, r.ref_kind, r.line) for r in replies] == [("II.3.c", "line", 3)]


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("A1.1 xong", "A1.1"),
        ("a1.1 xong", "A1.1"),
        ("A1.2: đang làm", "A1.2"),
        ("B2.1 chưa", "B2.1"),
    ],
)
def test_letter_first_refs(text: str, task: str) -> None:
    assert parse_reply(text, A).task == task


@pytest.mark.parametrize(
    "text", ["II.2.a xong", "II.2a xong", "2a xong", "2.a xong", "ii2a xong", "II2a xong"]
)
def test_ref_shapes(text: str) -> None:
    reply = parse_reply(text, T)
    assert (reply.status, reply.task, reply.ref_kind) == (D, "II.2.a", "task")


def test_ref_shapes_on_short_refs() -> None:
    tasks = ["1.a", "1.b", "2.a", "2.b"]
    assert parse_reply("1b xong", tasks).task == "1.b"
    assert parse_reply("2.a dang lam", tasks).task == "2.a"


# --- never a false "done" ---------------------------------------------------------------------

ONGOING_PHRASES = [
    "đang hoàn thiện hồ sơ",
    "dang hoan thien ho so",
    "đang thực hiện phần còn lại",
    "đang chờ nghiệm thu",
    "đg th tiếp",
    "tiếp tục triển khai",
    "tiep tuc theo doi",
    "còn lại phần quyết toán",
    "con lai 2 hang muc",
    "dự kiến tháng 10 hoàn thành",
    "du kien quy sau xong",
    "dự kiến nghiệm thu cuối năm",
    "chưa xong phần 2",
    "ddang trieern khai",
]
DONE_PHRASES = [
    "xong",
    "đã xong",
    "hoàn thành",
    "hoan thanh",
    "ht",
    "đã hoàn thành 100%",
    "xong rồi",
    "hoanf thanhf",
    "done",
    "100%",
    "đã thực hiện xong",
    "đã xong bước thẩm định",
    "đã khảo sát xong",
]
FILLERS = ["", "ạ", "Dạ", "2a", "II.2.a", "nv 2a", ",", ".", ";", "\n", "👍", "(Tờ trình số 45)"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(
        st.one_of(
            st.sampled_from(ONGOING_PHRASES),
            st.sampled_from(DONE_PHRASES),
            st.sampled_from(FILLERS),
        ),
        min_size=1,
        max_size=8,
    ),
    ongoing=st.sampled_from(ONGOING_PHRASES),
    at=st.integers(min_value=0, max_value=8),
    sep=st.sampled_from([" ", ", ", ". ", " - ", " nhưng ", "; "]),
)
def test_no_message_saying_work_goes_on_is_read_as_done(
    parts: list[str], ongoing: str, at: int, sep: str
) -> None:
    parts.insert(min(at, len(parts)), ongoing)
    text = sep.join(parts)
    for tasks in (["II.2.a"], T):
        assert parse_reply(text, tasks).status is not D, text
        # Said about one task (no ref splits it), several parts may not make it done either.
        if not any(p in ("2a", "II.2.a", "nv 2a") for p in parts):
            assert all(r.status is not D for r in parse_replies(text, tasks)), text


# --- the CLI ----------------------------------------------------------------------------------

ISSUE_EXAMPLES: list[tuple[str, str, dict | list]] = [
    (
        "đã xong bước thẩm định, đang hoàn thiện tờ trình",
        "II.2.a",
        {"status": "in_progress", "task": "II.2.a"},
    ),
    (
        "hoàn thành 1/2 khối lượng, phần còn lại dự kiến quý sau",
        "II.2.a",
        {"status": "in_progress", "percent": 50, "task": "II.2.a"},
    ),
    (
        "1b - Đang triển khai (45%). Đã khảo sát xong, đang lập báo cáo",
        "II.1.b,II.2.a",
        {"status": "in_progress", "percent": 45, "task": "II.1.b"},
    ),
    ("sáu mươi lăm phần trăm", "II.2.a", {"status": "in_progress", "percent": 65}),
    ("tam muoi phan tram", "II.2.a", {"status": "in_progress", "percent": 80}),
    ("ddang trieern khai", "II.2.a", {"status": "in_progress", "task": "II.2.a"}),
    ("hoanf thanhf roofi", "II.2.a", {"status": "done", "task": "II.2.a"}),
    (
        "Báo cáo của Sở TC: 1b - xong; 2a - đang làm 30%",
        "II.1.b,II.2.a,II.3",
        [{"status": "done", "task": "II.1.b"}, {"status": "in_progress", "task": "II.2.a"}],
    ),
    (
        "xong 2b. 1a dang lam 20%",
        "II.1.a,II.2.b",
        [{"status": "done", "task": "II.2.b"}, {"status": "in_progress", "percent": 20}],
    ),
    (
        "dừng lại để chờ ý kiến UBND tỉnh",
        "II.2.a",
        {"status": "blocked", "note": "dừng lại để chờ ý kiến UBND tỉnh"},
    ),
    ("không phát sinh khó khăn vướng mắc", "II.2.a", {"status": None, "reason": "no_status"}),
    (
        "2a đang thực hiện, không phát sinh khó khăn vướng mắc",
        "II.2.a,II.2.b",
        {"status": "in_progress"},
    ),
    (
        "đã có công văn số 88/SXD-QH báo cáo",
        "II.2.a",
        {"status": None, "kind": "written_report", "reason": "written_report"},
    ),
    (
        "2a xong, đã trình UBND tỉnh (Tờ trình số 45/TTr-SXD)",
        "II.2.a,II.2.b",
        {"status": "done", "note": "đã trình UBND tỉnh (Tờ trình số 45/TTr-SXD)"},
    ),
    (
        "xong, dang hoan thien ho so",
        "II.2.a",
        {"status": None, "reason": "done_with_ongoing", "options": ["done", "in_progress"]},
    ),
]


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    """Run `dondoc parse-reply … --json` and return the decoded output."""
    code = main(["parse-reply", *args, "--json"])
    out = capsys.readouterr().out
    assert code == 0
    assert len(out.strip().splitlines()) == 1
    return json.loads(out)


@pytest.mark.parametrize(("text", "tasks", "expected"), ISSUE_EXAMPLES)
def test_cli_reads_the_issue_examples(
    capsys: pytest.CaptureFixture[str], text: str, tasks: str, expected: dict | list
) -> None:
    data = run_cli(capsys, text, "--tasks", tasks)
    if isinstance(expected, list):
        assert isinstance(data, list) and len(data) == len(expected)
        pairs = list(zip(data, expected, strict=True))
    else:
        assert isinstance(data, dict)
        pairs = [(data, expected)]
    for got, want in pairs:
        assert {k: got[k] for k in want} == want


def test_cli_maps_a_line_of_the_reminder(capsys: pytest.CaptureFixture[str]) -> None:
    lines = "II.2.a,II.2.b,II.3.c"
    data = run_cli(capsys, "3 xong", "--tasks", "II.2.a,II.2.b,II.3.c", "--lines", lines)
    assert isinstance(data, dict)
    assert (data["task"], data["ref_kind"], data["line"]) == ("II.3.c", "line", 3)
    data = run_cli(capsys, "3 xong", "--tasks", "II.2.a,II.2.b,II.3,II.3.c", "--lines", lines)
    assert isinstance(data, dict)
    assert (data["task"], data["ref_kind"], data["choices"]) == (
        None,
        "ambiguous",
        ["II.3.c", "II.3"],
    )
