"""Reminder fan-out: 10,000 officers in 300 agencies, the emulator enforcing Telegram's limits.

Seeds 300 agencies, one quarterly plan whose tasks are assigned to every agency, and 10,000
officers; sets the clock to Friday 11/12/2026 09:00 (Vietnam), three working days before the
Q4/2026 deadline of 16/12/2026, so every officer is due one "3 days left" reminder. Then runs
the real dispatcher (`bot.scheduling.build_dispatcher` on a started dondoc Application, which
sends through python-telegram-bot with dondoc's AIORateLimiter) tick after tick until nothing
is pending. The emulator answers 429 to any send beyond 30 messages in a sliding second.

Reports messages/s achieved (target ≥ 27 of Telegram's 30/s) and the number of 429 answers
(target 0), plus where the time goes (planning, claiming, sending).

    .venv/bin/python -m benchmarks.fanout [--quick] [--postgres] [--officers N]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `python benchmarks/fanout.py`

from sqlalchemy import func, select

from benchmarks._common import (
    REMINDER_DAY,
    MovingClock,
    Target,
    emit,
    log,
    machine,
    quiet_logs,
    seed_agencies,
    seed_assignments,
    seed_members,
    seed_plan,
    seed_tasks,
    services_for,
    settings_for,
    temporary_target,
)
from emulator import BotApiEmulator, SentMessage
from storage.models import ReminderDelivery

TARGET_RATE = 27.0
LIMIT = 30


class CountingEmulator(BotApiEmulator):
    """The emulator with Telegram's limits on, noting when each message was accepted."""

    def __init__(self) -> None:
        super().__init__(enforce_limits=True)
        self.accepted: list[float] = []

    async def _record(self, message: dict[str, Any], sent: SentMessage) -> None:
        self.accepted.append(time.perf_counter())
        # the base class keeps every chat's full history; that is the emulator's memory, not
        # the bot's, and is kept here too so the emulator behaves as in the tests
        await super()._record(message, sent)


async def seed(target: Target, agencies: int, officers: int, tasks: int) -> None:
    db = target.open()
    try:
        await db.upgrade()
        agency_ids = await seed_agencies(db, agencies)
        plan_id = await seed_plan(db, "151/KH-UBND", coordinator_agency_id=agency_ids[0])
        task_ids = await seed_tasks(db, plan_id, tasks)
        # every agency leads one or two tasks and supports the rest of the plan
        await seed_assignments(
            db,
            (
                (task_id, agency_id, "lead" if (i + j) % tasks in (0, 1) else "support")
                for i, task_id in enumerate(task_ids)
                for j, agency_id in enumerate(agency_ids)
            ),
        )
        await seed_members(db, agency_ids, officers)
        await seed_members(
            db, agency_ids[:1], 2, role="coordinator", first_user_id=40_000_000
        )  # the coordinating agency's two coordinators
    finally:
        await db.dispose()


def max_in_window(stamps: list[float], window: float = 1.0) -> int:
    best, lo = 0, 0
    for hi, t in enumerate(stamps):
        while t - stamps[lo] > window:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


async def statuses(target: Target) -> Counter[str]:
    db = target.open()
    try:
        async with db.transaction() as session:
            rows = await session.execute(
                select(ReminderDelivery.status, func.count()).group_by(ReminderDelivery.status)
            )
            return Counter(dict(rows.all()))  # type: ignore[arg-type]
    finally:
        await db.dispose()


async def run(target: Target, args: argparse.Namespace) -> dict[str, Any]:
    from bot.app import build_application
    from bot.runner import start_application, stop_application
    from bot.scheduling import build_dispatcher

    emulator = CountingEmulator()
    await emulator.start("127.0.0.1", 0)
    db = target.open()
    clock = MovingClock(REMINDER_DAY)
    svc = services_for(settings_for(target, emulator.base_url), db, clock)
    application = build_application(svc)
    timings: Counter[str] = Counter()
    try:
        await start_application(application, svc)
        dispatcher = build_dispatcher(application.bot, svc)

        def timed(name: str, method: Any) -> Any:
            async def wrapper(*a: Any, **k: Any) -> Any:
                t = time.perf_counter()
                try:
                    return await method(*a, **k)
                finally:
                    timings[name] += time.perf_counter() - t

            return wrapper

        planner, outbox = dispatcher.planner, dispatcher.outbox
        planner.plan_if_needed = timed("plan", planner.plan_if_needed)  # type: ignore[method-assign]
        outbox.claim = timed("claim", outbox.claim)  # type: ignore[method-assign]
        sender = dispatcher.sender
        sender.send = timed("send", sender.send)  # type: ignore[method-assign]

        totals: Counter[str] = Counter()
        start = time.perf_counter()
        deadline = start + args.max_seconds
        ticks = 0
        while time.perf_counter() < deadline:
            report = await dispatcher.tick()
            ticks += 1
            for key, value in vars(report).items():
                totals[key] += value
            left = await statuses(target)
            log(
                f"  tick {ticks}: planned {report.planned}, sent {report.sent}, retried "
                f"{report.retried}, failed {report.failed}; 429 so far {emulator.rate_limited}; "
                f"pending {left.get('pending', 0)} at {time.perf_counter() - start:.1f}s"
            )
            if not left.get("pending") and not left.get("sending"):
                break
            if report.sent == 0 and report.planned == 0:
                await asyncio.sleep(1.0)  # retries are due later: wait for them
        elapsed = time.perf_counter() - start
    finally:
        await stop_application(application)
        await db.dispose()
        await emulator.stop()

    stamps = sorted(emulator.accepted)
    sent = len(stamps)
    sending = (stamps[-1] - stamps[0]) if sent > 1 else 0.0
    rate = (sent - 1) / sending if sending > 0 else 0.0
    left = await statuses(target)
    return {
        "sent": sent,
        "elapsed": elapsed,
        "sending_seconds": sending,
        "rate": rate,
        "overall_rate": sent / elapsed if elapsed else 0.0,
        "max_in_1s": max_in_window(stamps),
        "rate_limited": emulator.rate_limited,
        "ticks": ticks,
        "totals": dict(totals),
        "timings": dict(timings),
        "statuses": dict(left),
        "first_send_after": (stamps[0] - start) if stamps else None,
    }


async def main(args: argparse.Namespace) -> dict[str, Any]:
    quiet_logs()
    backend = "postgresql" if args.postgres else "sqlite"
    officers = args.officers or (1000 if args.quick else 10_000)
    log(
        f"fanout: {backend}, {officers} officers in {args.agencies} agencies, {args.tasks} "
        f"tasks each; emulator enforcing {LIMIT} msg/s"
    )
    async with temporary_target(backend, "fanout") as target:
        t0 = time.perf_counter()
        await seed(target, args.agencies, officers, args.tasks)
        log(f"  seeded in {time.perf_counter() - t0:.1f}s")
        result = await run(target, args)
    timings = result["timings"]
    log(
        f"  sent {result['sent']} messages in {result['sending_seconds']:.1f}s of sending "
        f"(first one {result['first_send_after']:.1f}s after the first tick): "
        f"{result['rate']:.1f} msg/s; overall {result['overall_rate']:.1f} msg/s over "
        f"{result['elapsed']:.1f}s; busiest second {result['max_in_1s']}; "
        f"429 answers {result['rate_limited']}"
    )
    log(
        "  time in: "
        + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items())
        + " (claim and send are summed over concurrent deliveries)"
    )
    log(f"  deliveries by status: {result['statuses']}")
    met = result["rate"] >= TARGET_RATE and result["rate_limited"] == 0
    log(f"  target ≥ {TARGET_RATE} msg/s with no 429: {'met' if met else 'MISSED'}")
    return {
        "benchmark": "fanout",
        "backend": backend,
        "officers": officers,
        "agencies": args.agencies,
        "sent": result["sent"],
        "msgs_per_s": round(result["rate"], 2),
        "overall_msgs_per_s": round(result["overall_rate"], 2),
        "sending_seconds": round(result["sending_seconds"], 1),
        "elapsed_seconds": round(result["elapsed"], 1),
        "plan_seconds": round(timings.get("plan", 0.0), 2),
        "busiest_second": result["max_in_1s"],
        "rate_limited": result["rate_limited"],
        "ticks": result["ticks"],
        "report": result["totals"],
        "statuses": result["statuses"],
        "limit": LIMIT,
        "target_msgs_per_s": TARGET_RATE,
        "met": met,
        "machine": machine(),
    }


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 officers instead of 10,000")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--officers", type=int, default=0)
    parser.add_argument("--agencies", type=int, default=300)
    parser.add_argument("--tasks", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=1800, help="stop after this long")
    return parser.parse_args(argv)


if __name__ == "__main__":
    emit(asyncio.run(main(parse())))
