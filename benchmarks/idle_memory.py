"""Idle memory (RSS) of a running bot with 10,000 members in its database.

Seeds a database (300 agencies, one quarterly plan assigned to all of them, 10,000 officers),
starts the local Bot API emulator in this process, and runs the real bot in a subprocess
(`python -m bot.cli run`: Application + long polling + the reminder scheduler, ticking every
10 s here so several ticks happen while we watch). Once the bot is polling, its VmRSS is
sampled from /proc/<pid>/status every second until it has been stable for a while; the
result is the steady idle RSS (and VmHWM, the peak). The same is done with an empty member
table for comparison, so the share of the 10,000 members is visible.

    .venv/bin/python -m benchmarks.idle_memory [--quick] [--postgres] [--members N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `python benchmarks/idle_memory.py`

from benchmarks._common import (
    ROOT,
    TOKEN,
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
    temporary_target,
)
from emulator import BotApiEmulator

TARGET_MB = 200.0


def proc_status(pid: int) -> dict[str, float]:
    """VmRSS, VmHWM (peak) and the other memory lines of /proc/<pid>/status, in MiB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS", "VmHWM", "RssAnon", "RssFile")):
            key, rest = line.split(":", 1)
            values[key] = int(rest.split()[0]) / 1024
    return values


async def seed(target: Target, members: int, agencies: int, tasks: int) -> None:
    db = target.open()
    try:
        await db.upgrade()
        agency_ids = await seed_agencies(db, agencies)
        plan_id = await seed_plan(db, "151/KH-UBND", coordinator_agency_id=agency_ids[0])
        task_ids = await seed_tasks(db, plan_id, tasks)
        await seed_assignments(
            db,
            (
                (task_id, agency_id, "lead" if (i + j) % tasks == 0 else "support")
                for i, task_id in enumerate(task_ids)
                for j, agency_id in enumerate(agency_ids)
            ),
        )
        if members:
            await seed_members(db, agency_ids, members)
    finally:
        await db.dispose()


async def watch(
    target: Target, members: int, args: argparse.Namespace, emulator: BotApiEmulator
) -> dict[str, Any]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DONDOC_", "DATABASE_"))},
        **target.env(),
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": emulator.base_url,
        "DONDOC_POLL_TIMEOUT": "10",
        "DONDOC_TICK_SECONDS": str(args.tick),
        "PYTHONUNBUFFERED": "1",
    }
    calls_before = len(emulator.calls)
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    started = time.monotonic()
    samples: list[tuple[float, float]] = []
    try:
        # polling: the bot's getUpdates has reached the emulator
        while not any(m == "getUpdates" for m, _ in emulator.calls[calls_before:]):
            if proc.returncode is not None or time.monotonic() - started > 120:
                err = (await proc.stderr.read()).decode() if proc.stderr else ""
                raise RuntimeError(f"the bot did not start polling:\n{err[-2000:]}")
            await asyncio.sleep(0.2)
        polling_after = time.monotonic() - started
        # idle: sampled every second until the last `stable` seconds moved < 1 MiB, after
        # at least `settle` seconds (several scheduler ticks)
        deadline = time.monotonic() + args.max_seconds
        while time.monotonic() < deadline:
            if proc.returncode is not None:
                raise RuntimeError("the bot exited while idle")
            now = time.monotonic() - started
            samples.append((now, proc_status(proc.pid)["VmRSS"]))
            recent = [rss for t, rss in samples if t >= now - args.stable]
            if (
                now - polling_after >= args.settle
                and len(recent) >= args.stable
                and max(recent) - min(recent) < 1.0
            ):
                break
            await asyncio.sleep(1.0)
        status = proc_status(proc.pid)
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(proc.wait(), 30)
            except TimeoutError:
                proc.kill()
                await proc.wait()
        stderr = (await proc.stderr.read()).decode() if proc.stderr else ""
    lines = stderr.splitlines()
    errors = [
        f"{line} … {next((x for x in lines[i:] if x and not x.startswith(' ')), '')}"
        if "Traceback" in line
        else line
        for i, line in enumerate(lines)
        if "Traceback" in line or " ERROR " in line
    ]
    if args.log:
        Path(args.log).write_text(stderr)
    ticks = [line for line in stderr.splitlines() if "reminder tick" in line]
    idle = status["VmRSS"]
    log(
        f"  {members:>6} members: polling after {polling_after:.1f}s; idle RSS {idle:.1f} MiB "
        f"(anon {status.get('RssAnon', 0):.1f}, file {status.get('RssFile', 0):.1f}), "
        f"peak {status['VmHWM']:.1f} MiB, after {samples[-1][0]:.0f}s; "
        f"{len(ticks)} logged ticks, {len(errors)} errors"
    )
    return {
        "members": members,
        "idle_rss_mb": round(idle, 1),
        "peak_rss_mb": round(status["VmHWM"], 1),
        "anon_mb": round(status.get("RssAnon", 0), 1),
        "watched_s": round(samples[-1][0], 1),
        "errors": errors[:5],
    }


async def main(args: argparse.Namespace) -> dict[str, Any]:
    quiet_logs()
    backend = "postgresql" if args.postgres else "sqlite"
    members = args.members if args.members is not None else (2000 if args.quick else 10_000)
    log(f"idle_memory: {backend}, {members} members, scheduler tick {args.tick}s")
    emulator = BotApiEmulator()
    await emulator.start("127.0.0.1", 0)
    results = []
    try:
        for count in (0, members):
            async with temporary_target(backend, "idle") as target:
                await seed(target, count, args.agencies, args.tasks)
                results.append(await watch(target, count, args, emulator))
    finally:
        await emulator.stop()
    empty, loaded = results
    met = loaded["idle_rss_mb"] < TARGET_MB
    log(
        f"  the {members} members add {loaded['idle_rss_mb'] - empty['idle_rss_mb']:.1f} MiB; "
        f"target < {TARGET_MB:.0f} MiB: {'met' if met else 'MISSED'}"
    )
    return {
        "benchmark": "idle_memory",
        "backend": backend,
        "members": members,
        "idle_rss_mb": loaded["idle_rss_mb"],
        "peak_rss_mb": loaded["peak_rss_mb"],
        "empty_idle_rss_mb": empty["idle_rss_mb"],
        "empty_peak_rss_mb": empty["peak_rss_mb"],
        "target_mb": TARGET_MB,
        "met": met,
        "errors": loaded["errors"] + empty["errors"],
        "machine": machine(),
    }


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 members, shorter watch")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--members", type=int, default=None)
    parser.add_argument("--agencies", type=int, default=300)
    parser.add_argument("--tasks", type=int, default=8)
    parser.add_argument("--tick", type=int, default=10, help="DONDOC_TICK_SECONDS for the bot")
    parser.add_argument("--settle", type=float, default=0, help="seconds to watch at least")
    parser.add_argument("--stable", type=int, default=10, help="seconds of flat RSS = idle")
    parser.add_argument("--max-seconds", type=float, default=180)
    parser.add_argument("--log", default="", help="write the bot's stderr to this file")
    args = parser.parse_args(argv)
    args.settle = args.settle or (15 if args.quick else 35)
    return args


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        emit(asyncio.run(main(parse())))
