"""Webhook mode: two real `dondoc run --webhook` instances behind a load balancer on one
database handle every update exactly once; requests without the secret are refused."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
from collections import Counter
from pathlib import Path

from aiohttp import ClientSession
from aiohttp.test_utils import TestServer
from sqlalchemy import func, select

from bot.webhook import webhook_app
from emulator import BotApiEmulator, FakeUser
from storage.models import ProcessedUpdate, Report, ReportRevision
from tests.auxil.balancer import Balancer
from tests.auxil.databases import DatabaseTarget, migrated_database
from tests.auxil.harness import TOKEN, BotHarness
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


async def test_malformed_webhook_requests_get_a_clean_answer(harness: BotHarness) -> None:
    """Whatever reaches the webhook gets a 4xx (not ours, or not an update) or a 200 (an
    update from Telegram that cannot be read: recorded and confirmed so it is not sent again),
    never a 500."""
    app = webhook_app(harness.application, harness.svc, "/telegram", SECRET)
    server = TestServer(app)
    await server.start_server()
    url = str(server.make_url("/telegram"))
    ok = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}

    async def post(body: bytes, headers: dict[str, str] | None = None) -> int:
        async with (
            ClientSession(skip_auto_headers=["Content-Type"]) as client,
            client.post(url, data=body, headers=ok if headers is None else headers) as response,
        ):
            return response.status

    try:
        wrong = {"X-Telegram-Bot-Api-Secret-Token": "sécret-ключ-秘密".encode().decode("latin-1")}
        assert await post(b'{"update_id": 1}', wrong) == 403
        assert await post(b'{"update_id": 1}', {}) == 403
        assert await post(b"not json") == 400
        assert await post(b"\xff\xfe") == 400
        assert await post(b'[{"update_id": 1}]') == 400
        assert await post(b'"text"') == 400
        assert await post(b'{"update_id": "abc"}') == 400
        assert await post(b'{"update_id": 1.5}') == 400
        assert await post(b'{"update_id": -3}') == 400
        assert await post(json.dumps({"update_id": 2**70}).encode()) == 400
        assert await post(b'{"message": {"text": "no id"}}') == 400
        unreadable = {"update_id": 424242, "message": {"message_id": 1, "text": "no chat"}}
        assert await post(json.dumps(unreadable).encode()) == 200
        async with harness.db.transaction() as session:
            row = await session.get(ProcessedUpdate, 424242)
        assert row is not None and row.done and row.error
        assert await post(json.dumps(unreadable).encode()) == 200  # again: skipped
        start = {
            "update_id": 424243,
            "message": {
                "message_id": 1,
                "date": 1,
                "chat": {"id": COORDINATOR.id, "type": "private"},
                "from": COORDINATOR.to_api(),
                "text": "/start",
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
            },
        }
        assert await post(json.dumps(start).encode()) == 200
        assert "đường dẫn mời" in (await harness.emulator.reply_to(COORDINATOR.id, after=0)).text
    finally:
        await server.close()
