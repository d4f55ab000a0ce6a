"""The `dondoc` command as a newcomer runs it: settings errors, agencies, invites, the bot."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from emulator import BotApiEmulator
from tests.auxil.databases import DatabaseTarget
from tests.auxil.harness import TOKEN
from tests.auxil.process import dondoc_env, run_dondoc, start_dondoc, wait_until
from tests.conftest import OFFICER, STRANGER


async def test_run_without_token_names_the_setting(
    db_target: DatabaseTarget, tmp_path: Path
) -> None:
    env = dondoc_env(None, db_target)
    result = await run_dondoc("run", env=env, cwd=tmp_path)
    assert result.code != 0
    assert "TELEGRAM_BOT_TOKEN" in result.stderr and "@BotFather" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


async def test_invalid_setting_is_one_clear_line(db_target: DatabaseTarget, tmp_path: Path) -> None:
    env = dondoc_env(None, db_target, DONDOC_TIMEZONE="Mars/Olympus")
    result = await run_dondoc("db", "upgrade", env=env, cwd=tmp_path)
    assert result.code != 0
    assert result.stderr.startswith("dondoc: DONDOC_TIMEZONE")
    assert "Traceback" not in result.stderr


async def test_invite_for_unknown_agency_suggests_and_creates_nothing(
    emulator: BotApiEmulator, db_target: DatabaseTarget, tmp_path: Path
) -> None:
    env = dondoc_env(emulator, db_target)
    added = await run_dondoc(
        "agency", "add", "Sở Xây dựng", "--short", "Sở XD", env=env, cwd=tmp_path
    )
    assert added.code == 0, added.stderr
    again = await run_dondoc("agency", "add", "So xay dung", env=env, cwd=tmp_path)
    assert again.code != 0 and "Sở Xây dựng" in again.stderr
    result = await run_dondoc(
        "invite", "--agency", "Sở Xây dựg", "--role", "officer", env=env, cwd=tmp_path
    )
    assert result.code != 0
    assert "Sở Xây dựng" in result.stderr  # suggested


async def test_dondoc_run_binds_an_invite_once(
    emulator: BotApiEmulator, db_target: DatabaseTarget, tmp_path: Path
) -> None:
    env = dondoc_env(emulator, db_target)
    await run_dondoc("agency", "add", "Sở Xây dựng", "--short", "Sở XD", env=env, cwd=tmp_path)
    invited = await run_dondoc(
        "invite", "--agency", "so xd", "--role", "officer", env=env, cwd=tmp_path
    )
    assert invited.code == 0, invited.stderr
    link = invited.stdout.strip().splitlines()[-1]
    assert link.startswith("https://t.me/dondoc_123456_bot?start=")
    token = link.split("start=", 1)[1]

    process = await start_dondoc("run", env=env, cwd=tmp_path)
    try:
        await wait_until(lambda: bool(emulator.bot(TOKEN).commands), timeout=30)
        emulator.send_text(TOKEN, OFFICER, f"/start {token}")
        reply = await emulator.reply_to(OFFICER.id, after=0, timeout=20)
        assert "Sở Xây dựng" in reply.text
        mark = len(emulator.sent)
        emulator.send_text(TOKEN, STRANGER, f"/start {token}")
        refused = await emulator.reply_to(STRANGER.id, after=mark, timeout=20)
        assert "đã được sử dụng" in refused.text
    finally:
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 30)
    assert code == 0


async def test_check_reports_each_part_and_fails_on_a_problem(
    emulator: BotApiEmulator, db_target: DatabaseTarget, tmp_path: Path
) -> None:
    env = dondoc_env(emulator, db_target)
    before = await run_dondoc("check", env=env, cwd=tmp_path)
    assert before.code != 0 and "FAIL migrations" in before.stdout
    await run_dondoc("db", "upgrade", env=env, cwd=tmp_path)
    after = await run_dondoc("check", env=env, cwd=tmp_path)
    assert after.code == 0, after.stdout + after.stderr
    for part in ("settings", "database", "migrations", "scheduler", "telegram"):
        assert f"ok   {part}" in after.stdout
    no_token = dict(env, TELEGRAM_BOT_TOKEN="")
    failed = await run_dondoc("check", env=no_token, cwd=tmp_path)
    assert failed.code != 0 and "FAIL telegram" in failed.stdout
