"""Callback data as typed classes: what goes out comes back equal, anything else is refused."""

from __future__ import annotations

import pytest

from bot import keyboards
from bot.keyboards import (
    AnswerStatus,
    AnswerTask,
    Edit,
    Keep,
    PickPercent,
    PickStatus,
    PickTask,
    SkipNote,
    Undo,
)

SENT = [
    PickTask(12, 345),
    PickStatus(12, 345, "blocked"),
    PickPercent(12, 345, "in_progress", 70),
    PickPercent(12, 345, "not_started", None),
    PickPercent(2**62, 2**62, "in_progress", 100),
    SkipNote(9),
    Undo(9, 3),
    Edit(9),
    AnswerTask("0a1b2c3d", 345),
    AnswerTask("0a1b2c3d", None),
    AnswerStatus("0a1b2c3d", "done"),
    Keep("0a1b2c3d"),
]


@pytest.mark.parametrize("callback", SENT)
def test_round_trip_within_64_bytes(callback: keyboards.Callback) -> None:
    data = callback.pack()
    assert len(data.encode()) <= 64
    assert keyboards.parse(data) == callback
    assert keyboards.valid(data)


@pytest.mark.parametrize(
    "data",
    [
        "rp:12:345:in_progress:999",  # percent out of range
        "rp:12:345:in_progress:101",
        "rp:12:345:in_progress:-5",
        "rp:12:345:finished:50",  # no such status
        "rs:12:345",  # a field missing
        "ru:9:3:1",  # a field too many
        "ra:0A1B2C3D:345",  # not our qid shape
        "ra:0a1b2c3d:all",
        "rt:12:" + "9" * 30,  # beyond a 64-bit id
        "rk:",
        "zz:1",
        "",
        None,
    ],
)
def test_forged_or_old_data_is_refused(data: str | None) -> None:
    assert keyboards.parse(data) is None
    assert not keyboards.valid(data)


def test_other_handlers_prefixes_still_checked_by_shape() -> None:
    assert keyboards.valid("sp:3:-1") and not keyboards.valid("sp:3:2")
