"""The reminder tick: what a tick costs when nothing is due, and the day's planning.

Seeds 300 agencies, 20 quarterly plans of 30 tasks (each task one lead and two supporting
agencies; every agency is in at least one plan) and 10,000 officers, then drives the real
dispatcher (`bot.scheduling.build_dispatcher`) with a fixed clock, no Telegram involved:

* **idle**: Wednesday 25/11/2026 10:00 (Vietnam), a working day on which no reminder is due
  (Q3/2026 is still being chased, Q4/2026 not yet): one tick to settle, then `--ticks` ticks
  each timed; the median is the figure (target < 50 ms).
* **planning**: Tuesday 15/12/2026 07:30, one working day before the Q4/2026 deadline, the
  supporting agencies' date, before working hours, the day before having been planned (at
  18:00, untimed): the first tick of the day plans a reminder for every officer of every
  agency in every plan it is in (about 28,700) and sends nothing (target < 5 s for 10,000
  officers). Then `--ticks` more ticks that morning, when
  10,000 reminders are pending but none is due yet (idle again).

    .venv/bin/python -m benchmarks.tick [--quick] [--postgres] [--officers N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `python benchmarks/tick.py`

from sqlalchemy import func, select

from benchmarks._common import (
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
from storage.models import ReminderDelivery

IDLE_DAY = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)  # 10:00 in Vietnam, nothing due
EVE = datetime(2026, 12, 14, 11, 0, tzinfo=UTC)  # 18:00 the day before, after working hours
PLANNING_DAY = datetime(2026, 12, 15, 0, 30, tzinfo=UTC)  # 07:30, before working hours
IDLE_TARGET_MS = 50.0
PLANNING_TARGET_S = 5.0


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


async def seed(target: Target, agencies: int, officers: int, plans: int, tasks: int) -> None:
    db = target.open()
    try:
        await db.upgrade()
        agency_ids = await seed_agencies(db, agencies)
        pairs: dict[tuple[int, int], str] = {}
        for p in range(plans):
            plan_id = await seed_plan(db, f"{p + 1}/KH-UBND", coordinator_agency_id=agency_ids[0])
            task_ids = await seed_tasks(db, plan_id, tasks)
            own = [a for i, a in enumerate(agency_ids) if i % plans == p]
            for t, task_id in enumerate(task_ids):
                pairs.setdefault((task_id, own[t % len(own)]), "lead")
                pairs.setdefault((task_id, own[(t + 1) % len(own)]), "support")
                pairs.setdefault((task_id, agency_ids[(t * 7 + p) % len(agency_ids)]), "support")
        await seed_assignments(db, ((t, a, role) for (t, a), role in pairs.items()))
        await seed_members(db, agency_ids, officers)
        await seed_members(db, agency_ids[:1], 2, role="coordinator", first_user_id=40_000_000)
    finally:
        await db.dispose()


async def timed_ticks(dispatcher: Any, count: int) -> list[float]:
    times = []
    for _ in range(count):
        t = time.perf_counter()
        await dispatcher.tick()
        times.append((time.perf_counter() - t) * 1000)
    return times


async def run(target: Target, args: argparse.Namespace) -> dict[str, Any]:
    from bot.scheduling import build_dispatcher

    db = target.open()
    clock = Clock(IDLE_DAY)
    svc = services_for(settings_for(target, "http://127.0.0.1:9"), db, clock)
    try:
        # nothing is sent in these scenarios, so no bot is needed behind the sender
        dispatcher = build_dispatcher(None, svc)  # type: ignore[arg-type]
        t = time.perf_counter()
        await dispatcher.tick()
        first_idle = time.perf_counter() - t
        idle = await timed_ticks(dispatcher, args.ticks)
        clock.now = EVE  # the day before was planned (so no catching up on missed days)
        await dispatcher.tick()
        clock.now = PLANNING_DAY
        t = time.perf_counter()
        report = await dispatcher.tick()
        planning = time.perf_counter() - t
        pending_idle = await timed_ticks(dispatcher, args.ticks)
        async with db.transaction() as session:
            pending = await session.scalar(
                select(func.count())
                .select_from(ReminderDelivery)
                .where(ReminderDelivery.status == "pending")
            )
    finally:
        await db.dispose()
    return {
        "first_idle_tick_s": first_idle,
        "idle_ms": idle,
        "planning_s": planning,
        "planned": report.planned,
        "pending": pending,
        "pending_idle_ms": pending_idle,
    }


async def main(args: argparse.Namespace) -> dict[str, Any]:
    quiet_logs()
    backend = "postgresql" if args.postgres else "sqlite"
    officers = args.officers or (1000 if args.quick else 10_000)
    log(
        f"tick: {backend}, {officers} officers in {args.agencies} agencies, {args.plans} plans "
        f"of {args.tasks} tasks"
    )
    async with temporary_target(backend, "tick") as target:
        t0 = time.perf_counter()
        await seed(target, args.agencies, officers, args.plans, args.tasks)
        log(f"  seeded in {time.perf_counter() - t0:.1f}s")
        result = await run(target, args)
    idle = statistics.median(result["idle_ms"])
    pending_idle = statistics.median(result["pending_idle_ms"])
    log(
        f"  idle tick (nothing due): median {idle:.1f} ms, max {max(result['idle_ms']):.1f} ms "
        f"over {args.ticks} ticks (first tick of that day {result['first_idle_tick_s']:.2f} s)"
    )
    log(
        f"  the day's planning: {result['planning_s']:.2f} s for {result['planned']} reminders "
        f"({result['pending']} pending)"
    )
    log(f"  idle tick with those pending, not yet due: median {pending_idle:.1f} ms")
    met = idle < IDLE_TARGET_MS and pending_idle < IDLE_TARGET_MS
    met = met and result["planning_s"] < PLANNING_TARGET_S
    log(
        f"  targets < {IDLE_TARGET_MS:.0f} ms idle, < {PLANNING_TARGET_S:.0f} s planning: "
        f"{'met' if met else 'MISSED'}"
    )
    return {
        "benchmark": "tick",
        "backend": backend,
        "officers": officers,
        "agencies": args.agencies,
        "plans": args.plans,
        "idle_tick_ms": round(idle, 1),
        "idle_tick_max_ms": round(max(result["idle_ms"]), 1),
        "first_idle_tick_s": round(result["first_idle_tick_s"], 2),
        "planning_s": round(result["planning_s"], 2),
        "planned": result["planned"],
        "pending_idle_tick_ms": round(pending_idle, 1),
        "met": met,
        "machine": machine(),
    }


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 officers instead of 10,000")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--officers", type=int, default=0)
    parser.add_argument("--agencies", type=int, default=300)
    parser.add_argument("--plans", type=int, default=20)
    parser.add_argument("--tasks", type=int, default=30)
    parser.add_argument("--ticks", type=int, default=20, help="ticks timed per scenario")
    return parser.parse_args(argv)


if __name__ == "__main__":
    emit(asyncio.run(main(parse())))
