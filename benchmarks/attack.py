"""Officers' confirmations while one user attacks (issue 24): officers reply at a steady rate
while one admin uploads heavy documents and another floods commands; the officers' p50/p99
confirmation latency, quiet and under attack, side by side.

A real dondoc (`bot.app.Dondoc`: its rate limiter, pools and polling) talks to the emulator
with Telegram's limits on (30 messages a second, one a second in a chat) and addressed by host
name (`localhost`: every new connection looks the name up, as in production). The database is
SQLite, seeded with direct inserts: 30 agencies, one quarterly plan of 40 tasks, one officer
per agency.

* **quiet**: the officers reply at `--rate` a second in all (each in turn), for `--seconds`;
* **attack**: the same, while admin A uploads `--uploads` slow PDFs (12 pages of text each,
  seconds to read) at once and admin B sends `--commands` commands (`/plans`, `/tasks`,
  `/help` in turn) as fast as the emulator takes them.

Latency runs from the moment an officer's reply is queued in the emulator to the moment the
emulator receives the bot's answer in that chat (its confirmation "Đã ghi nhận", or its
question when the reply changes a status already reported; an unanswered reply counts as the
time until the phase ended plus 30 s). Runs against whatever code is on the path: to compare
with another commit, run this same file (and the same `emulator/`) in its checkout."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import sys
import time
from typing import Any

from benchmarks._common import (
    REMINDER_DAY,
    TOKEN,
    FixedClock,
    emit,
    log,
    machine,
    percentile,
    quiet_logs,
    settings_for,
    temporary_target,
)
from benchmarks.replies import reply_text, seed
from emulator import BotApiEmulator, FakeUser, SentMessage
from tests.auxil.documents import heavy_pdf

ADMIN_A = FakeUser(7_900_001, "Quản trị", "A")
ADMIN_B = FakeUser(7_900_002, "Quản trị", "B")
COMMANDS = ("/plans", "/tasks", "/help")


class ConfirmingEmulator(BotApiEmulator):
    """The emulator, noting when each chat receives the bot's messages."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.confirmed: dict[int, list[float]] = {}  # when each message reached the chat
        self.answers: dict[int, int] = {}

    async def _record(self, message: dict[str, Any], sent: SentMessage) -> None:
        self.answers[sent.chat_id] = self.answers.get(sent.chat_id, 0) + 1
        self.confirmed.setdefault(sent.chat_id, []).append(time.perf_counter())
        await super()._record(message, sent)


async def officers_phase(
    emulator: ConfirmingEmulator,
    officers: list[tuple[FakeUser, list[str]]],
    *,
    rate: float,
    seconds: float,
    rng: random.Random,
) -> dict[str, Any]:
    """Officers reply in turn at `rate` a second for `seconds`; each reply's latency."""
    sent: list[tuple[int, float, int]] = []  # chat, when, confirmations before it
    start = time.perf_counter()
    i = 0
    while time.perf_counter() - start < seconds:
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        user, refs = officers[i % len(officers)]
        before = len(emulator.confirmed.get(user.id, []))
        sent.append((user.id, time.perf_counter(), before))
        emulator.send_text(TOKEN, user, reply_text(rng, refs))
        i += 1
    # let the last replies be answered (bounded)
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline:
        if all(len(emulator.confirmed.get(c, [])) > n for c, _, n in sent):
            break
        await asyncio.sleep(0.1)
    latencies, unanswered = [], 0
    for chat, at, before in sent:
        times = emulator.confirmed.get(chat, [])
        if len(times) > before:
            latencies.append((times[before] - at) * 1000)
        else:
            unanswered += 1
            latencies.append((time.perf_counter() - at) * 1000)
    return {
        "replies": len(sent),
        "unanswered": unanswered,
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
        "max_ms": max(latencies),
    }


async def main(args: argparse.Namespace) -> dict[str, Any]:
    quiet_logs()
    rng = random.Random(24)
    emulator = ConfirmingEmulator(enforce_limits=True)
    await emulator.start()
    by_name = emulator.base_url.replace("127.0.0.1", "localhost")
    result: dict[str, Any] = {"benchmark": "attack", "machine": machine()}
    async with temporary_target("sqlite", "attack") as target:
        refs_of = await seed(target, officers=args.officers, agencies=args.officers, tasks=40)
        officers = [(FakeUser(uid, f"Cán bộ {uid}"), refs) for uid, refs in refs_of.items()]
        from bot.app import Dondoc
        from runtime.services import make_services

        settings = settings_for(
            target, by_name, DONDOC_ADMIN_IDS=f"{ADMIN_A.id},{ADMIN_B.id}", DONDOC_POLL_TIMEOUT=5
        )
        db = target.open()
        svc = make_services(settings, db, clock=FixedClock(REMINDER_DAY))
        bot = Dondoc(svc)
        await bot.start()
        bot.start_polling()
        try:
            for admin in (ADMIN_A, ADMIN_B):
                emulator.send_text(TOKEN, admin, "/start")
            for user, refs in officers:  # warm up: every officer once
                emulator.send_text(TOKEN, user, reply_text(rng, refs))
            await asyncio.sleep(5)
            log(f"attack: {len(officers)} officers replying at {args.rate}/s, {args.seconds}s")
            quiet = await officers_phase(
                emulator, officers, rate=args.rate, seconds=args.seconds, rng=rng
            )
            log(f"  quiet:  p50 {quiet['p50_ms']:.0f} ms, p99 {quiet['p99_ms']:.0f} ms, "
                f"{quiet['unanswered']} of {quiet['replies']} unanswered")  # fmt: skip
            pdf = heavy_pdf()
            answered_b = emulator.answers.get(ADMIN_B.id, 0)
            for n in range(args.uploads):
                emulator.send_document(TOKEN, ADMIN_A, f"ke-hoach-{n}.pdf", pdf)

            async def flood() -> None:
                for n in range(args.commands):
                    emulator.send_text(TOKEN, ADMIN_B, COMMANDS[n % len(COMMANDS)])
                    await asyncio.sleep(0)

            flooding = asyncio.create_task(flood())
            attack = await officers_phase(
                emulator, officers, rate=args.rate, seconds=args.seconds, rng=rng
            )
            await flooding
            log(f"  attack: p50 {attack['p50_ms']:.0f} ms, p99 {attack['p99_ms']:.0f} ms, "
                f"{attack['unanswered']} of {attack['replies']} unanswered")  # fmt: skip
            result.update(
                quiet=quiet,
                attack=attack,
                p99_ratio=attack["p99_ms"] / quiet["p99_ms"],
                admin_b_answers=emulator.answers.get(ADMIN_B.id, 0) - answered_b,
                admin_a_answers=emulator.answers.get(ADMIN_A.id, 0),
                rate_limited=emulator.rate_limited,
                settings={
                    "officers": len(officers),
                    "rate": args.rate,
                    "seconds": args.seconds,
                    "uploads": args.uploads,
                    "commands": args.commands,
                },
            )
            log(f"  p99 under attack / quiet: {result['p99_ratio']:.2f} (aim < 2); "
                f"429 answers: {emulator.rate_limited}")  # fmt: skip
        finally:
            started = time.perf_counter()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(bot.stop(), 60)
            result["stop_seconds"] = time.perf_counter() - started
            log(f"  stopped in {result['stop_seconds']:.1f}s")
            await db.dispose()
    await emulator.stop()
    return result


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officers", type=int, default=30)
    parser.add_argument("--rate", type=float, default=3.0, help="officers' replies a second")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each phase")
    parser.add_argument("--uploads", type=int, default=7)
    parser.add_argument("--commands", type=int, default=300)
    parser.add_argument("--quick", action="store_true", help="20 s phases")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds = 20.0
    return args


if __name__ == "__main__":
    outcome = asyncio.run(main(parse()))
    emit(outcome)
    sys.stdout.flush()
    os._exit(0)  # a stalled executor thread (before issue 24) must not hold the exit
