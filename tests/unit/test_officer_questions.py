"""Every question the officer can be asked renders with buttons bound to its short id."""

from __future__ import annotations

import pytest

from bot import keyboards
from bot.handlers.officer import question_view
from conversation.reading import read
from reports.intake import Question
from tests.conversation.test_conversation_reading import ITEMS, REMINDER, item
from texts import Texts

QID = "0a1b2c3d"


@pytest.mark.parametrize(
    ("text", "items", "reason"),
    [
        ("3 xong", [*ITEMS, item(5, "3")], "line_or_task"),
        ("xong", ITEMS, "which_task"),
        ("II.9 xong", ITEMS, "unknown_task"),
        ("II.2.a", ITEMS, "which_status"),
        (
            "II.2.a đang làm 20%",
            [item(2, "II.2.a", status="done"), item(1, "II.1.a")],
            "keep_or_change",
        ),
        ("II.2.a xong, đang hoàn thiện hồ sơ", ITEMS, "keep_or_change"),
    ],
)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_questions_render(text: str, items: list, reason: str, language: str) -> None:
    [part] = read(text, items, REMINDER).questions
    assert part.ask == reason
    html, markup = question_view(Texts(language), QID, Question.of(part), text)
    assert html and len(html) < 4096
    datas = [b.callback_data for row in markup.inline_keyboard for b in row]
    assert datas and all(keyboards.parse(d) is not None for d in datas)
    assert all(getattr(keyboards.parse(d), "qid", QID) == QID for d in datas)
