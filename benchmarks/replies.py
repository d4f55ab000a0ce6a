"""Officers' report replies through the whole stack, against a plain echo bot as the floor.

A real dondoc Application polls the local Bot API emulator over HTTP; N officers (distinct
Telegram users) each send one status reply like "II.1.a đang thực hiện 70%, đã trình dự
thảo". The clock is measured from the moment an update is queued in the emulator to the moment
the emulator receives the bot's confirmation for that chat.

Two phases per bot:
  burst  — all N updates queued at once: throughput (updates/s) and queueing latency;
  paced  — updates queued at a steady rate below capacity: service latency p50/p99.

The floor is a minimal python-telegram-bot echo bot (MessageHandler → reply_text, PTB's own
Updater.start_polling) on the same emulator with another token, measured twice: as PTB ships
it (no rate limiter) and with the same AIORateLimiter dondoc uses (Telegram's 30 msg/s).

    .venv/bin/python -m benchmarks.replies [--quick] [--postgres] [--updates N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `python benchmarks/replies.py`

from benchmarks._common import (
    ECHO_TOKEN,
    OFFICER_BASE,
    REMINDER_DAY,
    TOKEN,
    FixedClock,
    Target,
    emit,
    log,
    machine,
    percentile,
    quiet_logs,
    seed_agencies,
    seed_assignments,
    seed_members,
    seed_plan,
    seed_tasks,
    services_for,
    settings_for,
    task_ref,
    temporary_target,
)
from emulator import BotApiEmulator, FakeUser, SentMessage

NOTES = (
    "đã trình dự thảo",
    "đã trình UBND tỉnh dự thảo kế hoạch",
    "đang lấy ý kiến các sở, ngành",
    "đã hoàn thành khảo sát hiện trạng",
    "chờ bố trí vốn đối ứng",
)
STATUSES = ("đang thực hiện {p}%", "đang thực hiện {p}%", "xong", "hoàn thành", "chưa thực hiện")


class TimedEmulator(BotApiEmulator):
    """The emulator, noting when the first bot message reaches each private chat."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.first_reply: dict[int, float] = {}
        self.replies: dict[int, str] = {}
        self.arrived = asyncio.Event()
        self.expected: set[int] = set()

    async def _record(self, message: dict[str, Any], sent: SentMessage) -> None:
        # keep the bookkeeping light: the base class keeps every chat's history too
        if sent.chat_id not in self.first_reply:
            self.first_reply[sent.chat_id] = time.perf_counter()
            self.replies[sent.chat_id] = sent.text
            self.expected.discard(sent.chat_id)
            if not self.expected:
                self.arrived.set()
        await super()._record(message, sent)


# -- the seeded province ---------------------------------------------------------------------
async def seed(target: Target, officers: int, agencies: int, tasks: int) -> dict[int, list[str]]:
    """Agencies, one quarterly plan (each task: 1 lead + 4 supporting agencies), officers.
    Returns the task refs of each agency."""
    db = target.open()
    try:
        await db.upgrade()
        agency_ids = await seed_agencies(db, agencies)
        plan_id = await seed_plan(db, "151/KH-UBND", coordinator_agency_id=agency_ids[0])
        task_ids = await seed_tasks(db, plan_id, tasks)
        refs: dict[int, list[str]] = {a: [] for a in agency_ids}
        pairs = []
        for i, task_id in enumerate(task_ids):
            for k in range(5):
                agency_id = agency_ids[(i + k * 7) % len(agency_ids)]
                pairs.append((task_id, agency_id, "lead" if k == 0 else "support"))
                refs[agency_id].append(task_ref(i))
        await seed_assignments(db, pairs)
        people = await seed_members(db, agency_ids, officers)
    finally:
        await db.dispose()
    return {user_id: refs[agency_id] for user_id, agency_id in people}


def reply_text(rng: random.Random, refs: list[str]) -> str:
    status = rng.choice(STATUSES).format(p=rng.choice((10, 30, 50, 70, 90)))
    return f"{rng.choice(refs)} {status}, {rng.choice(NOTES)}"


# -- the two bots ----------------------------------------------------------------------------
class Dondoc:
    def __init__(self, target: Target, base_url: str, *, rate_limited: bool = True) -> None:
        self.target = target
        self.base_url = base_url
        self.rate_limited = rate_limited
        self.token = TOKEN

    async def __aenter__(self) -> Dondoc:
        from bot.app import build_application
        from bot.runner import poll, start_application

        settings = settings_for(self.target, self.base_url)
        self.db = self.target.open()
        self.svc = services_for(settings, self.db, FixedClock(REMINDER_DAY))
        self.application = build_application(self.svc)
        if not self.rate_limited:
            # diagnostic only: the stack's own capacity without Telegram's 30 msg/s limiter
            self.application.bot._rate_limiter = None
        await start_application(self.application, self.svc)
        self.stop = asyncio.Event()
        self.task = asyncio.create_task(poll(self.application, self.svc, self.stop))
        return self

    async def __aexit__(self, *exc: object) -> None:
        from bot.runner import stop_application

        self.stop.set()
        with contextlib.suppress(asyncio.CancelledError, TimeoutError):
            await asyncio.wait_for(self.task, 30)
        await stop_application(self.application)
        await self.db.dispose()


class Echo:
    """The floor: PTB's minimal echo bot, polled by PTB's own Updater."""

    def __init__(self, base_url: str, *, rate_limited: bool) -> None:
        self.base_url = base_url
        self.rate_limited = rate_limited
        self.token = ECHO_TOKEN

    async def __aenter__(self) -> Echo:
        from telegram import Update
        from telegram.ext import AIORateLimiter, ApplicationBuilder, ContextTypes, MessageHandler
        from telegram.ext import filters as f

        async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            assert update.message is not None and update.message.text is not None
            await update.message.reply_text(update.message.text)

        builder = ApplicationBuilder().token(self.token).base_url(f"{self.base_url}/bot")
        if self.rate_limited:
            builder = builder.rate_limiter(AIORateLimiter(max_retries=5))
        self.application = builder.build()
        self.application.add_handler(MessageHandler(f.TEXT & ~f.COMMAND, echo))
        await self.application.initialize()
        assert self.application.updater is not None
        await self.application.updater.start_polling(timeout=10, poll_interval=0.0)
        await self.application.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.application.updater is not None
        await self.application.updater.stop()
        await self.application.stop()
        await self.application.shutdown()


# -- measuring -------------------------------------------------------------------------------
async def run_phase(
    emulator: TimedEmulator,
    token: str,
    messages: list[tuple[FakeUser, str]],
    *,
    rate: float | None,
    timeout: float,
) -> dict[str, Any]:
    """Queue the messages (all at once, or `rate` per second) and wait for every reply."""
    pushed: dict[int, float] = {}
    emulator.expected = {user.id for user, _ in messages}
    emulator.arrived.clear()
    start = time.perf_counter()
    for i, (user, text) in enumerate(messages):
        if rate is not None:
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
        pushed[user.id] = time.perf_counter()
        emulator.send_text(token, user, text)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(emulator.arrived.wait(), timeout)
    got = [u for u in pushed if u in emulator.first_reply]
    end = max((emulator.first_reply[u] for u in got), default=time.perf_counter())
    latencies = [(emulator.first_reply[u] - pushed[u]) * 1000 for u in got]
    return {
        "updates": len(messages),
        "answered": len(got),
        "seconds": end - start,
        "updates_per_s": len(got) / (end - start) if got else 0.0,
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
        "max_ms": max(latencies, default=float("nan")),
        "replies": [emulator.replies.get(u, "") for u in got],
    }


async def measure_bot(
    label: str,
    emulator: TimedEmulator,
    bot_factory: Callable[[], Any],
    make_messages: Callable[[int, int], list[tuple[FakeUser, str]]],
    sizes: tuple[int, int, int],
    rate: float,
) -> dict[str, Any]:
    """Warm-up, burst, then paced, each with users not seen before."""
    warmup, burst, paced = sizes
    async with bot_factory() as bot:
        await run_phase(emulator, bot.token, make_messages(0, warmup), rate=None, timeout=120)
        b = await run_phase(
            emulator, bot.token, make_messages(warmup, burst), rate=None, timeout=900
        )
        p = await run_phase(
            emulator, bot.token, make_messages(warmup + burst, paced), rate=rate, timeout=900
        )
    log(
        f"  {label:<28} burst {b['answered']}/{b['updates']} in {b['seconds']:.2f}s = "
        f"{b['updates_per_s']:.1f} upd/s (queue p50 {b['p50_ms']:.0f} ms, p99 "
        f"{b['p99_ms']:.0f} ms); paced at {rate:.1f}/s: p50 {p['p50_ms']:.1f} ms, "
        f"p99 {p['p99_ms']:.1f} ms"
    )
    return {"burst": b, "paced": p, "paced_rate": rate}


async def main(args: argparse.Namespace) -> dict[str, Any]:
    quiet_logs()
    backend = "postgresql" if args.postgres else "sqlite"
    n = args.updates or (300 if args.quick else 2000)
    warmup = 20
    paced = min(300, max(100, n // 8))
    sizes = (warmup, n, paced)
    per_run = warmup + n + paced
    log(
        f"replies: {backend}, {n} burst + {paced} paced updates (at {args.paced_rate}/s) "
        f"per bot, {args.agencies} agencies, {args.tasks} tasks"
    )
    rng = random.Random(6)
    emulator = TimedEmulator()
    await emulator.start("127.0.0.1", 0)
    results: dict[str, dict[str, Any]] = {}
    try:
        async with temporary_target(backend, "replies") as target:
            t0 = time.perf_counter()
            refs = await seed(target, 2 * per_run, args.agencies, args.tasks)
            log(f"  seeded {2 * per_run} officers in {time.perf_counter() - t0:.1f}s")
            officer_ids = iter(sorted(refs))

            def officer_messages(offset: int, count: int) -> list[tuple[FakeUser, str]]:
                chosen = [next(officer_ids) for _ in range(count)]
                # each officer writes under the name the directory knows (as they do: a name
                # that changed is written once, not on every message)
                return [
                    (
                        FakeUser(uid, "Cán bộ", str(uid - OFFICER_BASE + 1)),
                        reply_text(rng, refs[uid]),
                    )
                    for uid in chosen
                ]

            for label, limited in (("dondoc", True), ("dondoc_no_limiter", False)):
                result = await measure_bot(
                    f"{label} ({backend})",
                    emulator,
                    lambda limited=limited: Dondoc(target, emulator.base_url, rate_limited=limited),
                    officer_messages,
                    sizes,
                    args.paced_rate,
                )
                replies = result["burst"]["replies"] + result["paced"]["replies"]
                result["recorded"] = sum("Đã ghi nhận" in t for t in replies)
                others = sorted({t.split(chr(10))[0] for t in replies if "Đã ghi nhận" not in t})
                log(
                    f"    confirmations saying 'Đã ghi nhận': {result['recorded']}/{len(replies)}"
                    + (f"; other answers: {others[:3]}" if others else "")
                )
                results[label] = result
            rows = await count_reports(target)
            log(f"  reports in the database: {rows}")

        echo_ids = iter(range(90_000_000, 99_000_000))

        def echo_messages(offset: int, count: int) -> list[tuple[FakeUser, str]]:
            people = [FakeUser(next(echo_ids), "Cán bộ", "echo") for _ in range(count)]
            return [(u, reply_text(rng, ["II.1.a", "II.2.b"])) for u in people]

        for label, limited in (("echo", False), ("echo_limited", True)):
            results[label] = await measure_bot(
                f"{label} (PTB{' + AIORateLimiter' if limited else ''})",
                emulator,
                lambda limited=limited: Echo(emulator.base_url, rate_limited=limited),
                echo_messages,
                sizes,
                args.paced_rate,
            )
    finally:
        await emulator.stop()

    def rate(label: str) -> float:
        return float(results[label]["burst"]["updates_per_s"])

    ratio = rate("dondoc") / rate("echo")
    log(f"  ratio dondoc/echo: {ratio:.2f} (target >= 0.5: {'met' if ratio >= 0.5 else 'MISSED'})")
    both = rate("dondoc") / rate("echo_limited")
    log(f"  ratio dondoc/echo, both with AIORateLimiter: {both:.2f}")
    log(
        f"  ratio dondoc/echo, neither rate-limited: {rate('dondoc_no_limiter') / rate('echo'):.2f}"
    )
    summary: dict[str, Any] = {
        "benchmark": "replies",
        "backend": backend,
        "updates": n,
        "updates_per_s": round(rate("dondoc"), 2),
        "p50_ms": round(results["dondoc"]["paced"]["p50_ms"], 1),
        "p99_ms": round(results["dondoc"]["paced"]["p99_ms"], 1),
        "paced_rate": args.paced_rate,
        "burst_queue_p50_ms": round(results["dondoc"]["burst"]["p50_ms"], 1),
        "burst_queue_p99_ms": round(results["dondoc"]["burst"]["p99_ms"], 1),
        "recorded": results["dondoc"]["recorded"] + results["dondoc_no_limiter"]["recorded"],
        "reports_in_db": rows,
    }
    for label in ("dondoc_no_limiter", "echo", "echo_limited"):
        summary[f"{label}_updates_per_s"] = round(rate(label), 2)
        summary[f"{label}_p50_ms"] = round(results[label]["paced"]["p50_ms"], 1)
        summary[f"{label}_p99_ms"] = round(results[label]["paced"]["p99_ms"], 1)
    summary.update(
        ratio=round(ratio, 3),
        ratio_both_limited=round(rate("dondoc") / rate("echo_limited"), 3),
        ratio_neither_limited=round(rate("dondoc_no_limiter") / rate("echo"), 3),
        target_ratio=0.5,
        met=ratio >= 0.5,
        machine=machine(),
    )
    return summary


async def count_reports(target: Target) -> int:
    from sqlalchemy import func, select

    from storage.models import Report

    db = target.open()
    try:
        async with db.transaction() as session:
            return int(await session.scalar(select(func.count(Report.id))) or 0)
    finally:
        await db.dispose()


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="300 updates instead of 2,000")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--updates", type=int, default=0, help="burst size (officers)")
    parser.add_argument("--agencies", type=int, default=50)
    parser.add_argument("--tasks", type=int, default=60)
    parser.add_argument("--paced-rate", type=float, default=10.0, help="updates/s, paced phase")
    return parser.parse_args(argv)


if __name__ == "__main__":
    emit(asyncio.run(main(parse())))
