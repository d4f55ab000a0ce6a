"""The bot's overall send pace holds as sends actually go, even when the process was too busy
to wake its paced senders on time (they would otherwise all go at once, over Telegram's limit)."""

from __future__ import annotations

import asyncio
import itertools
import time

from runtime.budget import LocalBudget, Spacing


def most_in_a_second(times: list[float]) -> int:
    return max(sum(1 for t in times if start <= t < start + 1.0) for start in times)


async def test_senders_woken_late_do_not_burst_over_the_rate() -> None:
    budget = LocalBudget(rate=20)
    went: list[float] = []

    async def send() -> None:
        await budget.take()
        went.append(time.monotonic())

    senders = [asyncio.create_task(send()) for _ in range(50)]
    await asyncio.sleep(0)  # every sender has its slot: the first second's twenty
    time.sleep(1.2)  # the process is busy: those slots come due while nobody runs
    await asyncio.gather(*senders)
    assert most_in_a_second(went) <= 20
    # the pace is kept, not lost: 50 sends at 20 a second take about 2.5 s, not much more
    assert went[-1] - went[0] < 3.5


async def test_spacing_keeps_sends_apart_as_they_go() -> None:
    spacing = Spacing(0.05)
    went: list[float] = []

    async def send() -> None:
        await spacing.keep()
        went.append(time.monotonic())

    await asyncio.gather(*(send() for _ in range(10)))
    gaps = [b - a for a, b in itertools.pairwise(went)]
    assert min(gaps) >= 0.049
