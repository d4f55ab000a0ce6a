"""Shared pieces of the benchmarks: databases to run on, fast seeding, clocks, output.

Seeding writes rows straight into the tables with bulk INSERTs (the product's own services
create one row at a time and would take minutes for 10,000 members).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import create_async_engine

from plans.directory import folded_key
from plans.model import ReportingSchedule
from plans.store import plan_key
from storage.db import Database
from storage.models import Agency, Assignment, Member, Plan, Task

ROOT = Path(__file__).resolve().parents[1]
BENCH_VAR = ROOT / "var" / "bench"
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
TOKEN = "7000001:BENCH-dondoc-token-for-the-local-emulator"
ECHO_TOKEN = "7000002:BENCH-echo-token-for-the-local-emulator"

# 3 working days before the Q4/2026 deadline (16/12/2026), 09:00 in Vietnam
REMINDER_DAY = datetime(2026, 12, 11, 2, 0, tzinfo=UTC)
PLAN_LOADED = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)

AGENCY_KINDS = ("Sở", "Ban", "UBND huyện", "Trung tâm", "Chi cục")
TOPICS = (
    "Xây dựng", "Tài chính", "Kế hoạch và Đầu tư", "Tài nguyên và Môi trường", "Giao thông",
    "Nông nghiệp", "Công Thương", "Y tế", "Giáo dục", "Nội vụ", "Tư pháp", "Văn hóa",
)  # fmt: skip
TASK_VERBS = (
    "Rà soát", "Chuẩn hóa", "Bố trí nguồn vốn cho", "Hoàn thiện quy hoạch", "Triển khai",
    "Kiểm tra", "Đẩy mạnh", "Tổng kết",
)  # fmt: skip
TASK_OBJECTS = (
    "nhà ở xã hội", "chỉ tiêu đô thị hóa", "hạ tầng giao thông", "cụm công nghiệp",
    "chuyển đổi số", "cải cách hành chính", "quỹ đất tái định cư", "chương trình mục tiêu",
)  # fmt: skip
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
LETTERS = "abcdeghiklmnopqrstuvxy"


def log(message: str) -> None:
    print(message, flush=True)


def emit(result: dict[str, Any]) -> None:
    """The one final machine-readable line."""
    print(json.dumps(result, ensure_ascii=False, default=str), flush=True)


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sequence."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def rss_mb(pid: int | str = "self") -> float:
    """Resident set size (VmRSS) in MiB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def max_rss_mb() -> float:
    """Peak RSS of this process so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> dict[str, Any]:
    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return {
        "cpus": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "mem_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    }


class MovingClock:
    """Starts at a chosen moment and moves with real time (so retries fall due)."""

    def __init__(self, start: datetime) -> None:
        self.start = start
        self.origin = time.monotonic()

    def __call__(self) -> datetime:
        from datetime import timedelta

        return self.start + timedelta(seconds=time.monotonic() - self.origin)


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


# -- databases -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """Where a benchmark's database lives, in the form settings and subprocesses take."""

    backend: str
    url: str
    schema: str | None = None

    def open(self, **kwargs: Any) -> Database:
        return Database(self.url, schema=self.schema, **kwargs)

    def env(self) -> dict[str, str]:
        env = {"DATABASE_URL": self.url}
        if self.schema:
            env["DATABASE_SCHEMA"] = self.schema
        return env


@asynccontextmanager
async def temporary_target(backend: str, label: str) -> AsyncIterator[Target]:
    """An empty database (a SQLite file in a temp dir, or a PostgreSQL schema), removed after."""
    if backend == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix=f"dondoc-bench-{label}-"))
        try:
            yield Target("sqlite", f"sqlite+aiosqlite:///{folder / 'dondoc.sqlite3'}")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    schema = f"bench_{label}_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield Target("postgresql", POSTGRES_URL, schema)
    finally:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        await admin.dispose()


async def bulk_insert(db: Database, model: type, rows: Iterable[dict[str, Any]], batch: int = 5000):
    """executemany INSERTs in batches, each batch its own transaction."""
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= batch:
            async with db.transaction() as session:
                await session.execute(insert(model), chunk)
            chunk = []
    if chunk:
        async with db.transaction() as session:
            await session.execute(insert(model), chunk)


# -- seeding -------------------------------------------------------------------------------------
def agency_name(i: int) -> str:
    kind = AGENCY_KINDS[i % len(AGENCY_KINDS)]
    topic = TOPICS[(i // len(AGENCY_KINDS)) % len(TOPICS)]
    return f"{kind} {topic} số {i + 1}"


def task_ref(i: int, per_section: int = 20) -> str:
    """II.1.a-style references, unique for i < 10 * per_section * len(LETTERS)."""
    section, rest = divmod(i, per_section * len(LETTERS))
    item, letter = divmod(rest, len(LETTERS))
    return f"{ROMAN[section]}.{item + 1}.{LETTERS[letter]}"


def task_title(i: int) -> str:
    verb = TASK_VERBS[i % len(TASK_VERBS)]
    obj = TASK_OBJECTS[(i // len(TASK_VERBS)) % len(TASK_OBJECTS)]
    return f"{verb} {obj} giai đoạn 2026-2030 (nhiệm vụ {i + 1})"


async def seed_agencies(db: Database, count: int) -> list[int]:
    now = datetime.now(UTC)
    await bulk_insert(
        db,
        Agency,
        (
            {
                "name": agency_name(i),
                "name_key": folded_key(agency_name(i)),
                "short_name": None,
                "kind": "department",
                "active": True,
                "created_at": now,
            }
            for i in range(count)
        ),
    )
    async with db.transaction() as session:
        return list((await session.scalars(select(Agency.id).order_by(Agency.id))).all())


async def seed_plan(
    db: Database,
    number: str,
    *,
    coordinator_agency_id: int,
    frequencies: Sequence[str] = ("quarterly",),
    created_at: datetime = PLAN_LOADED,
) -> int:
    schedule = ReportingSchedule(frequencies=list(frequencies))  # type: ignore[arg-type]
    async with db.transaction() as session:
        result = await session.execute(
            insert(Plan).returning(Plan.id),
            [
                {
                    "number": number,
                    "number_key": plan_key(number),
                    "title": f"Kế hoạch {number} triển khai Chương trình hành động",
                    "issuer": "UBND tỉnh Quảng Ngãi",
                    "coordinator_agency_id": coordinator_agency_id,
                    "schedule": schedule.model_dump(mode="json"),
                    "active": True,
                    "created_at": created_at,
                    "updated_at": created_at,
                }
            ],
        )
        return int(result.scalar_one())


async def seed_tasks(
    db: Database,
    plan_id: int,
    count: int,
    *,
    due_on: Callable[[int], date | None] = lambda i: None,
) -> list[int]:
    await bulk_insert(
        db,
        Task,
        (
            {
                "plan_id": plan_id,
                "ref": task_ref(i),
                "position": i,
                "title": task_title(i),
                "text": task_title(i) + ". Nội dung chi tiết của nhiệm vụ theo kế hoạch.",
                "group_title": f"Nhóm nhiệm vụ {ROMAN[i // (20 * len(LETTERS))]}",
                "timeframe": "Thường xuyên" if due_on(i) is None else "Năm 2026",
                "due_on": due_on(i),
                "reporting": None,
                "active": True,
            }
            for i in range(count)
        ),
    )
    async with db.transaction() as session:
        return list(
            (
                await session.scalars(
                    select(Task.id).where(Task.plan_id == plan_id).order_by(Task.position)
                )
            ).all()
        )


async def seed_assignments(db: Database, pairs: Iterable[tuple[int, int, str]]) -> None:
    """(task_id, agency_id, role) triples."""
    now = datetime.now(UTC)
    await bulk_insert(
        db,
        Assignment,
        (
            {"task_id": t, "agency_id": a, "role": r, "via_group_id": None, "created_at": now}
            for t, a, r in pairs
        ),
    )


OFFICER_BASE = 50_000_000


async def seed_members(
    db: Database,
    agency_ids: Sequence[int],
    count: int,
    *,
    role: str = "officer",
    first_user_id: int = OFFICER_BASE,
) -> list[tuple[int, int]]:
    """`count` members spread round-robin over the agencies; (telegram id, agency id) each."""
    now = datetime.now(UTC)
    people = [(first_user_id + i, agency_ids[i % len(agency_ids)]) for i in range(count)]
    await bulk_insert(
        db,
        Member,
        (
            {
                "telegram_user_id": user_id,
                "full_name": f"Cán bộ {i + 1}",
                "username": None,
                "agency_id": agency_id,
                "role": role,
                "active": True,
                "reachable": True,
                "reminders_opt_out": False,
                "created_at": now,
                "updated_at": now,
            }
            for i, (user_id, agency_id) in enumerate(people)
        ),
    )
    return people


def settings_for(target: Target, base_url: str, token: str = TOKEN, **overrides: Any) -> Any:
    from bot.settings import Settings

    values: dict[str, Any] = {
        "TELEGRAM_BOT_TOKEN": token,
        "TELEGRAM_API_BASE_URL": base_url,
        "DATABASE_URL": target.url,
        "DONDOC_POLL_TIMEOUT": 10,
        **overrides,
    }
    if target.schema:
        values["DATABASE_SCHEMA"] = target.schema
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def services_for(settings: Any, db: Database, clock: Callable[[], datetime]) -> Any:
    from bot.context import Services
    from texts import Texts

    return Services(settings, db, Texts(settings.language), clock=clock, admin_ids=frozenset())


def quiet_logs() -> None:
    import logging

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    for name in ("httpx", "apscheduler", "telegram", "aiohttp"):
        logging.getLogger(name).setLevel(logging.WARNING)
