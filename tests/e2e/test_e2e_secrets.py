"""Secrets never reach the logs, at any level: the bot token (in PTB's and httpx's request
URLs), invite tokens (in links and in "/start <token>"), passwords in database URLs."""

from __future__ import annotations

import asyncio
import secrets
import signal
from pathlib import Path

import pytest

from bot.logs import Redactor
from emulator import BotApiEmulator
from tests.auxil.databases import DatabaseTarget
from tests.auxil.harness import TOKEN
from tests.auxil.process import dondoc_env, run_dondoc, start_dondoc, wait_until
from tests.conftest import ADMIN, OFFICER


@pytest.mark.parametrize("log_format", ["text", "json"])
async def test_verbose_logs_carry_no_token_and_no_invite(
    emulator: BotApiEmulator, db_target: DatabaseTarget, tmp_path: Path, log_format: str
) -> None:
    env = dondoc_env(
        emulator, db_target, DONDOC_ADMIN_IDS=str(ADMIN.id), DONDOC_LOG_FORMAT=log_format
    )
    await run_dondoc("agency", "add", "Sở Xây dựng", env=env, cwd=tmp_path)
    invited = await run_dondoc(
        "-v", "invite", "--agency", "Sở Xây dựng", "--role", "officer", env=env, cwd=tmp_path
    )
    first = invited.stdout.strip().splitlines()[-1].split("start=", 1)[1]
    assert first not in invited.stderr  # the link is printed for the admin, never logged

    process = await start_dondoc("-v", "run", env=env, cwd=tmp_path)
    output = bytearray()

    async def read() -> None:  # all along: a full pipe would block the bot's logging
        assert process.stdout is not None
        while chunk := await process.stdout.read(65536):
            output.extend(chunk)

    reader = asyncio.create_task(read())
    try:
        await wait_until(lambda: bool(emulator.bot(TOKEN).commands), timeout=30)
        emulator.send_text(TOKEN, OFFICER, f"/start {first}")
        assert "Sở Xây dựng" in (await emulator.reply_to(OFFICER.id, after=0, timeout=20)).text
        mark = len(emulator.sent)
        emulator.send_text(TOKEN, ADMIN, "/invite Sở Xây dựng officer")
        link = (await emulator.reply_to(ADMIN.id, after=mark, timeout=20)).text
        second = link.split("start=", 1)[1].split()[0]
        await wait_until(lambda: emulator.pending_updates(TOKEN) == 0, timeout=20)
        await asyncio.sleep(1.5)  # the next getUpdates is logged too
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 30)
        await asyncio.wait_for(reader, 10)
    logged = output.decode()
    assert "DEBUG" in logged or '"level": "debug"' in logged  # -v took effect
    secret_part = TOKEN.split(":", 1)[1]
    for secret in (TOKEN, secret_part, first, second):
        assert secret not in logged, secret


def test_redactor_hides_tokens_in_every_form() -> None:
    # shaped like a real token, made up at run time (no token-like string in the repository)
    token = f"{secrets.randbelow(9 * 10**9) + 10**9}:AA{secrets.token_urlsafe(30)[:33]}"
    redact = Redactor([token, "hunter2-password"])
    lines = [
        f"Set Bot API URL: https://api.telegram.org/bot{token}",
        f"HTTP Request: POST https://api.telegram.org/bot{token}/getUpdates",
        "sendMessage {'text': 'https://t.me/dondoc_bot?start=eH6qFkxos-HaIuaeznyTjpgA'}",
        "update: {'text': '/start eH6qFkxos-HaIuaeznyTjpgA'}",
        "GET /web/login?token=Zq8vXr2LmN0pQ7sT&next=/ 200",
        "error on /web/login/Zq8vXr2LmN0pQ7sT",
        "connect postgresql+asyncpg://dondoc:hunter2-password@db:5432/dondoc",
    ]
    for line in lines:
        out = redact(line)
        for secret in (token, token.split(":")[1], "eH6qFkxos-HaIuaeznyTjpgA", "Zq8vXr2LmN0pQ7sT"):
            assert secret not in out, out
        assert "hunter2" not in out
    assert redact("update 12345 handled in 20 ms") == "update 12345 handled in 20 ms"
