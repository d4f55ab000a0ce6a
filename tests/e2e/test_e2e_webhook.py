"""Webhook mode: two real `dondoc run --webhook` instances behind a load balancer on one
database handle every update exactly once; requests without the secret are refused."""

from __future__ import annotations

import asyncio
import signal
import socket
from collections import Counter
from pathlib import Path

from aiohttp import ClientSession
from sqlalchemy import func, select

from emulator import BotApiEmulator, FakeUser
from storage.models import Report, ReportRevision
from tests.auxil.balancer import Balancer
from tests.auxil.databases import DatabaseTarget, migrated_database
from tests.auxil.harness import TOKEN
from tests.auxil.process import dondoc_env, start_dondoc, wait_until
from tests.auxil.scenario import seed
from tests.conftest import COORDINATOR

SECRET = "s3cret-webhook-token-for-tests"
OFFICERS = [FakeUser(700_000 + i, f"Cán bộ {i}") for i in range(12)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def seed_officers(target: DatabaseTarget) -> None:
    async with migrated_database(target) as db:
        scenario = await seed(db, OFFICERS[0], OFFICERS[1], COORDINATOR)
        from storage.models import Member

        async with db.transaction() as session:
            for user in OFFICERS[2:]:
                session.add(
                    Member(
                        telegram_user_id=user.id,
                        full_name=user.first_name,
                        agency_id=scenario.construction.id,
                        role="officer",
                    )
                )


async def healthy(url: str) -> bool:
    try:
        async with ClientSession() as client, client.get(url + "/healthz") as response:
            return response.status == 200
    except OSError:
        return False


async def test_two_webhook_instances_handle_each_update_once(
    emulator: BotApiEmulator, db_target: DatabaseTarget, tmp_path: Path
) -> None:
    await seed_officers(db_target)
    ports = [free_port(), free_port()]
    balancer = Balancer([f"http://127.0.0.1:{p}" for p in ports])
    await balancer.start()
    processes = []
    try:
        for port in ports:
            env = dondoc_env(
                emulator,
                db_target,
                DONDOC_WEBHOOK_URL=f"{balancer.url}/telegram",
                DONDOC_WEBHOOK_LISTEN="127.0.0.1",
                DONDOC_WEBHOOK_PORT=str(port),
                DONDOC_WEBHOOK_SECRET=SECRET,
            )
            processes.append(await start_dondoc("run", "--webhook", env=env, cwd=tmp_path))
        for port in ports:
            url = f"http://127.0.0.1:{port}"
            deadline = asyncio.get_running_loop().time() + 30
            while not await healthy(url):
                assert asyncio.get_running_loop().time() < deadline, "instance did not start"
                await asyncio.sleep(0.2)
        await wait_until(lambda: bool(emulator.bot(TOKEN).webhook_url), timeout=30)

        async with (
            ClientSession() as client,
            client.post(f"{balancer.url}/telegram", json={"update_id": 1}) as response,
        ):
            assert response.status == 403  # no secret header

        for user in OFFICERS:
            ref = "II.1.c" if user == OFFICERS[1] else "II.1.a"  # OFFICERS[1] is in finance
            emulator.send_text(TOKEN, user, f"{ref} đang thực hiện 60%")
        # an update Telegram delivers twice reaches both instances
        duplicate = emulator.send_text(TOKEN, OFFICERS[0], "II.2.a xong")
        emulator.redeliver(TOKEN, duplicate)
        await wait_until(lambda: emulator.pending_updates(TOKEN) == 0, timeout=60)
        await asyncio.sleep(0.5)
    finally:
        for process in processes:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            code = await asyncio.wait_for(process.wait(), 30)
            output = (await process.stdout.read()).decode() if process.stdout else ""
            assert code == 0, output[-3000:]
        await balancer.stop()

    confirmations = Counter(
        m.chat_id for m in emulator.sent if "Đã ghi nhận" in m.text and "60%" in m.text
    )
    seen = "\n".join(f"{m.chat_id}: {m.text[:80]}" for m in emulator.sent)
    assert confirmations == Counter({user.id: 1 for user in OFFICERS}), seen
    assert all(hits > 0 for hits in balancer.hits.values())
    async with migrated_database(db_target) as db, db.transaction() as session:
        reports = await session.scalar(select(func.count()).select_from(Report))
        revisions = await session.scalar(select(func.count()).select_from(ReportRevision))
    # one report per task and agency, one revision per update (the duplicate added nothing)
    assert (reports, revisions) == (3, len(OFFICERS) + 1)
