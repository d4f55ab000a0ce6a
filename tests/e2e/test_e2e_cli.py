"""The `dondoc` command as a newcomer runs it: settings errors, agencies, invites, the bot."""

from __future__ import annotations

import asyncio
import json
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
    assert "ok   admin units: vietnamadminunits 1.0.4: 34 provinces" in after.stdout
    no_token = dict(env, TELEGRAM_BOT_TOKEN="")
    failed = await run_dondoc("check", env=no_token, cwd=tmp_path)
    assert failed.code != 0 and "FAIL telegram" in failed.stdout


async def test_cli_outputs_are_sentences_for_people(
    db_target: DatabaseTarget, tmp_path: Path
) -> None:
    env = dondoc_env(None, db_target)
    examples = Path(__file__).resolve().parents[2] / "examples"
    await run_dondoc("db", "upgrade", env=env, cwd=tmp_path)  # reading commands create none
    empty = await run_dondoc("summary", env=env, cwd=tmp_path)
    assert empty.code != 0 and "«»" not in empty.stderr
    assert (
        empty.stderr.startswith("dondoc: Chưa có kế hoạch nào") and "Traceback" not in empty.stderr
    )
    plans = await run_dondoc("plans", env=env, cwd=tmp_path)
    assert plans.code == 0 and "Chưa có kế hoạch nào" in plans.stdout
    members = await run_dondoc("members", env=env, cwd=tmp_path)
    assert members.code == 0 and "Chưa có thành viên nào" in members.stdout

    # a plan whose document gives no timeframes: the preview says nothing of "None"
    preview = await run_dondoc(
        "import", str(examples / "ha-tinh-15-ctr-tu.yaml"), "--dry-run", env=env, cwd=tmp_path
    )
    assert preview.code == 0, preview.stderr
    assert "IV.1" in preview.stdout and "Chưa lưu gì" in preview.stdout
    assert "None" not in preview.stdout and "<b>" not in preview.stdout
    assert "chưa ghi thời gian thực hiện" in preview.stdout

    for name in ("quang-ngai-151-kh-ubnd.yaml", "ha-tinh-15-ctr-tu.yaml"):
        saved = await run_dondoc(
            "import", str(examples / name), "--create-agencies", env=env, cwd=tmp_path
        )
        assert saved.code == 0 and "Đã lưu kế hoạch" in saved.stdout, saved.stdout + saved.stderr
    plans = await run_dondoc("plans", env=env, cwd=tmp_path)
    assert "151/KH-UBND" in plans.stdout and "15-CTr/TU" in plans.stdout
    assert "16 nhiệm vụ" in plans.stdout and "hằng quý" in plans.stdout

    several = await run_dondoc("summary", env=env, cwd=tmp_path)
    assert several.code != 0 and "Có nhiều kế hoạch: 151/KH-UBND, 15-CTr/TU" in several.stderr
    unknown = await run_dondoc("summary", "--plan", "999", env=env, cwd=tmp_path)
    assert unknown.code != 0 and "Không tìm thấy kế hoạch «999»" in unknown.stderr
    summary = await run_dondoc("summary", "--plan", "15", env=env, cwd=tmp_path)
    assert summary.code == 0, summary.stderr
    assert summary.stdout.startswith("📊 15-CTr/TU")
    assert "Hoàn thành đúng hạn: 0" in summary.stdout and "Chưa báo cáo:" in summary.stdout
    assert "done_on_time" not in summary.stdout and "<b>" not in summary.stdout
    machine = await run_dondoc("summary", "--plan", "151", "--json", env=env, cwd=tmp_path)
    data = json.loads(machine.stdout)
    assert data["plan"] == "151/KH-UBND" and set(data["counts"]) >= {"done_on_time", "not_reported"}
    assert data["total"] == sum(data["counts"].values()) == 16  # tasks, not task × agency
    assert set(data["blocked"]) == set(data["counts"]) and "agencies_reported" in data

    english = await run_dondoc(
        "summary", "--plan", "151", env={**env, "DONDOC_LANGUAGE": "en"}, cwd=tmp_path
    )
    assert english.code == 0 and "Completed on time" in english.stdout, english.stdout


async def test_dondoc_demo_tells_where_to_go_in_the_deployments_language(
    db_target: DatabaseTarget, tmp_path: Path
) -> None:
    env = dondoc_env(None, db_target)
    process = await start_dondoc(
        "demo", "--port", "0", "--data-dir", str(tmp_path / "demo"), env=env, cwd=tmp_path
    )
    lines: list[str] = []
    try:
        assert process.stdout is not None
        while not any("Giờ demo" in line for line in lines):
            raw = await asyncio.wait_for(process.stdout.readline(), 60)
            assert raw, "\n".join(lines)
            lines.append(raw.decode().strip())
    finally:
        process.send_signal(signal.SIGINT)
        code = await asyncio.wait_for(process.wait(), 30)
    text = "\n".join(lines)
    assert "dondoc demo: mở http://127.0.0.1:" in text and "trong trình duyệt" in text
    assert code == 0
