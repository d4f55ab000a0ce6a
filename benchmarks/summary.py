"""/summary and the Excel export over 1,000,000 reports, on SQLite and PostgreSQL.

The data is a realistic province: 60 agencies, four monthly plans (one of 550 tasks, each
assigned to 20 agencies: 11,000 task × agency rows per period; three of 200 tasks
with 4 agencies each), seven years of monthly periods (11/2019 – 10/2026), and reports for
nearly every assignment of every period: 1,000,000 in all. Small tables go in with
executemany INSERTs, the reports with sqlite3 executemany (SQLite) or COPY (PostgreSQL).
The SQLite file is kept in var/bench/ so re-runs skip the generation; PostgreSQL gets a schema
of its own, dropped at the end.

Measured, as the bot's handlers call them, on the big plan's period "Tháng 10/2026":
  summary — `summarize(session, plan, period, today, blockers_limit=0)` (counts only);
  export  — `summarize(..., with_rows=True)` + `write_workbook` (10,000 rows).
Times are medians of several calls; memory is the process's peak RSS (ru_maxrss, the
measurement runs in a fresh process) and the peak of Python allocations (tracemalloc, in a
separate pass because tracemalloc slows everything down).

    .venv/bin/python -m benchmarks.summary [--backend sqlite|postgresql|both] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `python benchmarks/summary.py`

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import create_async_engine

from benchmarks._common import (
    BENCH_VAR,
    POSTGRES_URL,
    ROOT,
    Target,
    bulk_insert,
    emit,
    log,
    machine,
    max_rss_mb,
    quiet_logs,
    rss_mb,
    seed_agencies,
    seed_assignments,
    seed_members,
    seed_plan,
    seed_tasks,
)
from periods.calendar import WorkingCalendar
from periods.rules import deadline, period_for, support_deadline
from storage.db import Database
from storage.models import Evidence, Plan, Report, ReportingPeriod

GENERATOR = "v2"  # bump when the generated data changes
TOTAL_REPORTS = 1_000_000
TODAY = date(2026, 11, 22)
FIRST_MONTH = (2019, 11)
LAST_MONTH = (2026, 10)  # the export period: "Tháng 10/2026"
BIG_PLAN = "151/KH-UBND"
PLANS = (  # number, tasks, agencies per task
    (BIG_PLAN, 550, 20),
    ("21/CTr-UBND", 200, 4),
    ("35/KH-UBND", 200, 4),
    ("88/KH-UBND", 200, 4),
)
AGENCIES = 60
OFFICERS_PER_AGENCY = 3
TARGET_SUMMARY_MS = 200.0
TARGET_EXPORT_S = 3.0

STATUSES = (("done", 45), ("in_progress", 35), ("not_started", 10), ("blocked", 10))
NOTES = (
    "",
    "đã trình UBND tỉnh dự thảo",
    "đang lấy ý kiến các sở, ngành",
    "không có vướng mắc",
    "vướng mắc giải phóng mặt bằng, kiến nghị UBND tỉnh chỉ đạo",
    "thiếu vốn đối ứng, đề xuất bổ sung kế hoạch vốn năm sau",
    "đã hoàn thành khảo sát, đang tổng hợp số liệu",
    "khó khăn về nhân lực thực hiện",
)
REPORT_COLUMNS = (
    "period_id", "task_id", "agency_id", "status", "percent", "note", "member_id",
    "reported_at", "late", "done_late", "revision",
)  # fmt: skip


def sqlite_cache(total: int) -> Path:
    return BENCH_VAR / f"summary-{GENERATOR}-{total}.sqlite3"


def months() -> list[tuple[int, int]]:
    (y, m), result = FIRST_MONTH, []
    while (y, m) <= LAST_MONTH:
        result.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return result


# -- generation ----------------------------------------------------------------------------------
async def generate_small_tables(db: Database) -> dict[str, Any]:
    """Agencies, members, plans, tasks, assignments and periods; what the reports need."""
    rng = random.Random(2026)
    agency_ids = await seed_agencies(db, AGENCIES)
    people = await seed_members(db, agency_ids, AGENCIES * OFFICERS_PER_AGENCY)
    await seed_members(db, agency_ids[:1], 3, role="coordinator", first_user_id=40_000_000)
    async with db.transaction() as session:
        from storage.models import Member

        rows = (await session.execute(select(Member.id, Member.agency_id))).all()
    officers: dict[int, list[int]] = {}
    for member_id, agency_id in rows:
        officers.setdefault(agency_id, []).append(member_id)
    assert len(people) == AGENCIES * OFFICERS_PER_AGENCY

    calendar = WorkingCalendar()
    assignments: list[tuple[int, int, int, str]] = []  # plan, task, agency, role
    periods: dict[int, list[tuple[int, date, date]]] = {}  # plan -> (period id, start, deadline)
    created = datetime(2019, 10, 1, 2, 0, tzinfo=UTC)
    for number, task_count, per_task in PLANS:
        plan_id = await seed_plan(
            db,
            number,
            coordinator_agency_id=agency_ids[0],
            frequencies=("monthly",),
            created_at=created,
        )
        # one task in ten has a due date (some already past): the overdue class and the
        # "done earlier, not asked again" rule both get exercised
        task_ids = await seed_tasks(
            db,
            plan_id,
            task_count,
            due_on=lambda i: date(2021 + i % 7, 6, 30) if i % 10 == 3 else None,
        )
        triples = []
        for i, task_id in enumerate(task_ids):
            chosen = rng.sample(agency_ids, per_task)
            for k, agency_id in enumerate(chosen):
                role = "lead" if k == 0 or (k == 1 and i % 5 == 0) else "support"
                triples.append((task_id, agency_id, role))
                assignments.append((plan_id, task_id, agency_id, role))
        await seed_assignments(db, triples)
        period_rows = []
        for y, m in months():
            p = period_for("monthly", y, m)
            period_rows.append(
                {
                    "plan_id": plan_id,
                    "kind": "monthly",
                    "key": p.key,
                    "starts_on": p.starts_on,
                    "ends_on": p.ends_on,
                    "deadline": deadline(p, calendar, 2),
                    "support_deadline": support_deadline(p, calendar, 2, 2),
                    "scope": {},
                    "request_note": "",
                    "created_at": created,
                }
            )
        await bulk_insert(db, ReportingPeriod, period_rows)
        async with db.transaction() as session:
            found = (
                await session.execute(
                    select(ReportingPeriod.id, ReportingPeriod.starts_on, ReportingPeriod.deadline)
                    .where(ReportingPeriod.plan_id == plan_id)
                    .order_by(ReportingPeriod.starts_on)
                )
            ).all()
        periods[plan_id] = [tuple(r) for r in found]  # type: ignore[misc]
    return {"assignments": assignments, "periods": periods, "officers": officers}


def report_rows(plan_data: dict[str, Any], total: int) -> Iterator[tuple[Any, ...]]:
    """`total` reports: every assignment of every period, minus a random few of the older
    periods (the export period is complete). reported_at is naive UTC, as stored."""
    rng = random.Random(6)
    assignments = plan_data["assignments"]
    periods = plan_data["periods"]
    officers = plan_data["officers"]
    by_plan: dict[int, list[tuple[int, int, str]]] = {}
    for plan_id, task_id, agency_id, role in assignments:
        by_plan.setdefault(plan_id, []).append((task_id, agency_id, role))
    capacity = sum(len(by_plan[p]) * len(periods[p]) for p in by_plan)
    last_period_size = sum(len(by_plan[p]) for p in by_plan)
    skip_rate = max(0.0, (capacity - total) / (capacity - last_period_size))
    statuses = [s for s, w in STATUSES for _ in range(w)]
    emitted = 0
    # newest period first, so a smaller --reports still has a complete export period
    for index in range(max(len(v) for v in periods.values()) - 1, -1, -1):
        for plan_id, rows in by_plan.items():
            period_id, _starts_on, due = periods[plan_id][index]
            newest = index == len(periods[plan_id]) - 1
            base = datetime.combine(due, datetime.min.time()) + timedelta(hours=1)
            for task_id, agency_id, _role in rows:
                if emitted >= total:
                    return
                if not newest and rng.random() < skip_rate:
                    continue
                status = rng.choice(statuses)
                late = rng.random() < 0.12
                reported = base + timedelta(
                    days=rng.randint(1, 3) if late else -rng.randint(0, 12),
                    minutes=rng.randint(0, 600),
                    microseconds=rng.randint(0, 999_999),
                )
                percent = 100 if status == "done" else rng.choice((None, 0, 20, 50, 70, 90))
                yield (
                    period_id,
                    task_id,
                    agency_id,
                    status,
                    percent,
                    rng.choice(NOTES),
                    rng.choice(officers[agency_id]),
                    reported,
                    late,
                    status == "done" and late,
                    1,
                )
                emitted += 1


async def insert_evidence(db: Database, plan_data: dict[str, Any]) -> None:
    """A file for 3% of the export period's reports (the export lists them)."""
    async with db.transaction() as session:
        plan_id = await session.scalar(select(Plan.id).where(Plan.number == BIG_PLAN))
        period_id = plan_data["periods"][plan_id][-1][0]
        report_ids = (
            await session.scalars(select(Report.id).where(Report.period_id == period_id))
        ).all()
    now = datetime(2026, 10, 16, 3, 0, tzinfo=UTC)
    await bulk_insert(
        db,
        Evidence,
        (
            {
                "report_id": rid,
                "member_id": None,
                "kind": "document",
                "file_id": f"F{rid:012d}",
                "file_name": f"bao-cao-{rid}.pdf",
                "mime_type": "application/pdf",
                "created_at": now,
            }
            for rid in report_ids[::33]
        ),
    )


def sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):  # SQLAlchemy's SQLite DATETIME storage format
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, bool):
        return int(value)
    return value


async def generate(target: Target, total: int) -> None:
    t0 = time.perf_counter()
    db = target.open()
    try:
        await db.upgrade()
        data = await generate_small_tables(db)
        log(f"  small tables in {time.perf_counter() - t0:.1f}s; inserting {total:,} reports")
        t1 = time.perf_counter()
        columns = ", ".join(REPORT_COLUMNS)
        if target.backend == "sqlite":
            await db.dispose()
            path = target.url.split("///", 1)[1]
            conn = sqlite3.connect(path)
            conn.execute("PRAGMA synchronous=OFF")
            marks = ", ".join("?" for _ in REPORT_COLUMNS)
            batch: list[tuple[Any, ...]] = []
            for row in report_rows(data, total):
                batch.append(tuple(sqlite_value(v) for v in row))
                if len(batch) >= 50_000:
                    conn.executemany(f"INSERT INTO reports ({columns}) VALUES ({marks})", batch)
                    batch = []
            if batch:
                conn.executemany(f"INSERT INTO reports ({columns}) VALUES ({marks})", batch)
            conn.commit()
            conn.execute("ANALYZE")
            conn.commit()
            conn.close()
            db = target.open()
        else:
            async with db.engine.connect() as conn:
                raw = await conn.get_raw_connection()
                driver = raw.driver_connection
                assert driver is not None
                rows = list(report_rows(data, total))
                await driver.copy_records_to_table(
                    "reports", records=rows, columns=list(REPORT_COLUMNS), schema_name=target.schema
                )
                await conn.execute(text("ANALYZE"))
                await conn.commit()
        log(f"  reports in {time.perf_counter() - t1:.1f}s")
        await insert_evidence(db, data)
    finally:
        await db.dispose()
    log(f"  generated in {time.perf_counter() - t0:.1f}s")


# -- measuring -----------------------------------------------------------------------------------
async def load_target(db: Database) -> tuple[Plan, ReportingPeriod]:
    async with db.transaction() as session:
        plan = await session.scalar(select(Plan).where(Plan.number == BIG_PLAN))
        assert plan is not None
        period = await session.scalar(
            select(ReportingPeriod).where(
                ReportingPeriod.plan_id == plan.id,
                ReportingPeriod.key == f"{LAST_MONTH[0]}-M{LAST_MONTH[1]:02d}",
            )
        )
        assert period is not None
        return plan, period


async def summary_call(db: Database, plan_id: int, period_id: int) -> Any:
    """What /summary does: one transaction, the plan and period, counts only."""
    from reports.summary import summarize

    async with db.transaction() as session:
        plan = await session.get(Plan, plan_id)
        period = await session.get(ReportingPeriod, period_id)
        assert plan is not None and period is not None
        return await summarize(session, plan, period, TODAY, blockers_limit=0)


async def export_call(db: Database, plan_id: int, period_id: int) -> tuple[Any, bytes, float]:
    """What /export does: the summary with rows, then the workbook."""
    from reports.summary import summarize
    from reports.xlsx import write_workbook

    t = time.perf_counter()
    async with db.transaction() as session:
        plan = await session.get(Plan, plan_id)
        period = await session.get(ReportingPeriod, period_id)
        assert plan is not None and period is not None
        summary = await summarize(session, plan, period, TODAY, with_rows=True)
    query_s = time.perf_counter() - t
    book = write_workbook([summary], datetime(2026, 11, 22, 3, 0, tzinfo=UTC))
    return summary, book, query_s


async def timed(repeat: int, call: Any) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        result = await call()
        times.append(time.perf_counter() - t)
    return times, result


async def measure(target: Target, repeat: int) -> dict[str, Any]:
    """Runs in a fresh process: the times and memory of /summary and /export."""
    quiet_logs()
    db = target.open()
    try:
        async with db.transaction() as session:
            total = await session.scalar(text("SELECT count(*) FROM reports"))
        plan, period = await load_target(db)
        rss_before = rss_mb()
        await summary_call(db, plan.id, period.id)  # warm: connections, statement caches
        summary_times, summary = await timed(repeat, lambda: summary_call(db, plan.id, period.id))
        rss_after_summary, peak_after_summary = rss_mb(), max_rss_mb()
        await export_call(db, plan.id, period.id)  # warm
        export_times, (export, book, _q) = await timed(
            repeat, lambda: export_call(db, plan.id, period.id)
        )
        query_times = []
        for _ in range(repeat):
            _s, _b, q = await export_call(db, plan.id, period.id)
            query_times.append(q)
        rss_after_export, peak_after_export = rss_mb(), max_rss_mb()

        gc.collect()
        tracemalloc.start()
        await summary_call(db, plan.id, period.id)
        _cur, summary_heap = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        await export_call(db, plan.id, period.id)
        _cur, export_heap = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        await db.dispose()
    return {
        "backend": target.backend,
        "reports": int(total or 0),
        "period": period.key,
        "summary_total": summary.total,
        "summary_agencies": len(summary.agencies),
        "summary_ms": statistics.median(summary_times) * 1000,
        "summary_ms_all": [round(t * 1000, 1) for t in summary_times],
        "export_rows": len(export.rows),
        "export_bytes": len(book),
        "export_s": statistics.median(export_times),
        "export_s_all": [round(t, 3) for t in export_times],
        "export_query_s": statistics.median(query_times),
        "rss_start_mb": rss_before,
        "rss_after_summary_mb": rss_after_summary,
        "peak_rss_after_summary_mb": peak_after_summary,
        "rss_after_export_mb": rss_after_export,
        "peak_rss_mb": peak_after_export,
        "summary_heap_peak_mb": summary_heap / 2**20,
        "export_heap_peak_mb": export_heap / 2**20,
    }


# -- orchestration -------------------------------------------------------------------------------
def child(args: list[str]) -> dict[str, Any]:
    """Run this module in a fresh process; its last line is its result."""
    cmd = [sys.executable, "-m", "benchmarks.summary", *args]
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    for line in lines[:-1]:
        print(line, flush=True)
    return json.loads(lines[-1])


async def prepare_sqlite(total: int, fresh: bool) -> Target:
    path = sqlite_cache(total)
    if fresh and path.exists():
        path.unlink()
    if not path.exists():
        BENCH_VAR.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
        log(f"  generating {path.relative_to(ROOT)} (cached for the next runs)")
        child(["--generate", f"sqlite+aiosqlite:///{partial}", "--reports", str(total)])
        partial.rename(path)
    else:
        log(f"  using cached {path.relative_to(ROOT)}")
    target = Target("sqlite", f"sqlite+aiosqlite:///{path}")
    db = target.open()
    try:
        await db.upgrade()  # the product's migrations may have moved on since it was cached
    finally:
        await db.dispose()
    return target


def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    log(f"summary: {backend}, {args.reports:,} reports")
    if backend == "sqlite":
        target = asyncio.run(prepare_sqlite(args.reports, args.fresh))
        return child(["--measure", target.url, "--repeat", str(args.repeat)])
    schema = f"bench_summary_{uuid.uuid4().hex[:8]}"
    asyncio.run(pg_schema(schema, create=True))
    try:
        target_args = ["--schema", schema, "--reports", str(args.reports)]
        child(["--generate", POSTGRES_URL, *target_args])
        return child(["--measure", POSTGRES_URL, "--schema", schema, "--repeat", str(args.repeat)])
    finally:
        asyncio.run(pg_schema(schema, create=False))


async def pg_schema(schema: str, *, create: bool) -> None:
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            sql = f'CREATE SCHEMA "{schema}"' if create else f'DROP SCHEMA "{schema}" CASCADE'
            await conn.execute(text(sql))
    finally:
        await admin.dispose()


def report(result: dict[str, Any]) -> None:
    summary_ok = result["summary_ms"] < TARGET_SUMMARY_MS
    export_ok = result["export_s"] < TARGET_EXPORT_S
    log(
        f"  {result['backend']}: {result['reports']:,} reports; period {result['period']}: "
        f"{result['summary_total']:,} lead assignments, {result['summary_agencies']} agencies"
    )
    log(
        f"    /summary: median {result['summary_ms']:.1f} ms of {result['summary_ms_all']} "
        f"(target < {TARGET_SUMMARY_MS:.0f} ms: {'met' if summary_ok else 'MISSED'})"
    )
    log(
        f"    export: {result['export_rows']:,} rows, {result['export_bytes'] / 2**20:.2f} MiB "
        f"xlsx, median {result['export_s']:.2f} s of {result['export_s_all']} (queries "
        f"{result['export_query_s']:.2f} s; target < {TARGET_EXPORT_S:.0f} s: "
        f"{'met' if export_ok else 'MISSED'})"
    )
    log(
        f"    memory: RSS {result['rss_start_mb']:.0f} MiB before, "
        f"{result['rss_after_export_mb']:.0f} MiB after, peak {result['peak_rss_mb']:.0f} MiB; "
        "Python heap peak per call: summary "
        f"{result['summary_heap_peak_mb']:.1f} MiB, export {result['export_heap_peak_mb']:.1f} MiB"
    )
    result["summary_met"], result["export_met"] = summary_ok, export_ok


def main(args: argparse.Namespace) -> dict[str, Any]:
    if args.generate:
        target = Target(
            "sqlite" if args.generate.startswith("sqlite") else "postgresql",
            args.generate,
            args.schema,
        )
        asyncio.run(generate(target, args.reports))
        return {"generated": args.reports}
    if args.measure:
        backend = "sqlite" if args.measure.startswith("sqlite") else "postgresql"
        return asyncio.run(measure(Target(backend, args.measure, args.schema), args.repeat))
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    results = {}
    for backend in backends:
        results[backend] = run_backend(backend, args)
        report(results[backend])
    out: dict[str, Any] = {"benchmark": "summary", "reports": args.reports}
    for backend, r in results.items():
        prefix = "sqlite" if backend == "sqlite" else "pg"
        out[f"{prefix}_summary_ms"] = round(r["summary_ms"], 1)
        out[f"{prefix}_export_s"] = round(r["export_s"], 3)
        out[f"{prefix}_export_query_s"] = round(r["export_query_s"], 3)
        out[f"{prefix}_export_rows"] = r["export_rows"]
        out[f"{prefix}_peak_rss_mb"] = round(r["peak_rss_mb"], 1)
        out[f"{prefix}_export_heap_peak_mb"] = round(r["export_heap_peak_mb"], 1)
        out[f"{prefix}_summary_met"] = r["summary_met"]
        out[f"{prefix}_export_met"] = r["export_met"]
    out.update(
        target_summary_ms=TARGET_SUMMARY_MS,
        target_export_s=TARGET_EXPORT_S,
        met=all(r["summary_met"] and r["export_met"] for r in results.values()),
        machine=machine(),
    )
    return out


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--quick", action="store_true", help="100,000 reports, 3 repeats")
    parser.add_argument("--reports", type=int, default=0, help=f"default {TOTAL_REPORTS:,}")
    parser.add_argument("--repeat", type=int, default=0, help="calls per measurement")
    parser.add_argument("--fresh", action="store_true", help="regenerate the cached SQLite file")
    parser.add_argument("--generate", default="", help=argparse.SUPPRESS)
    parser.add_argument("--measure", default="", help=argparse.SUPPRESS)
    parser.add_argument("--schema", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.reports = args.reports or (100_000 if args.quick else TOTAL_REPORTS)
    args.repeat = args.repeat or (3 if args.quick else 7)
    return args


if __name__ == "__main__":
    emit(main(parse()))
