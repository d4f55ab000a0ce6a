"""The `dondoc` command as a newcomer runs it: settings errors, agencies, invites, the bot."""

from __future__ import annotations

import asyncio
import json
import re
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from emulator import ApiError, BotApiEmulator, FakeUser
from storage.db import Database
from tests.auxil.databases import DatabaseTarget
from tests.auxil.harness import TOKEN
from tests.auxil.process import dondoc_env, run_dondoc, start_dondoc, wait_until
from tests.auxil.scenario import seed
from tests.conftest import COORDINATOR, OFFICER, STRANGER

FINANCE = FakeUser(900011, "Lê", "Tài Chính")


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
    assert before.code != 0 and "LỖI  phiên bản cơ sở dữ liệu" in before.stdout
    await run_dondoc("db", "upgrade", env=env, cwd=tmp_path)
    after = await run_dondoc("check", env=env, cwd=tmp_path)
    assert after.code == 0, after.stdout + after.stderr
    for part in ("cấu hình", "cơ sở dữ liệu", "phiên bản cơ sở dữ liệu", "lịch nhắc", "Telegram"):
        assert f"ĐẠT  {part}: " in after.stdout
    assert "ĐẠT  đơn vị hành chính: vietnamadminunits 1.0.4: 34 tỉnh" in after.stdout
    no_token = dict(env, TELEGRAM_BOT_TOKEN="")
    failed = await run_dondoc("check", env=no_token, cwd=tmp_path)
    assert failed.code != 0 and "LỖI  Telegram: Chưa đặt TELEGRAM_BOT_TOKEN" in failed.stdout


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


# English words the terminal said before it spoke the deployment's language (not the names
# of options and commands: --expires, dondoc agency add)
ENGLISH = re.compile(
    r"(?<!-)(?<!dondoc )\b(agenc(?:y|ies)|officers?|seats?|links?|joined|expires|valid|"
    r"revoked|unknown|missing|cannot|must|found|problems?|database|revision|head|settings|"
    r"scheduler|reminders|reachable|rejected|reach|network|command|error)\b"
)
SPOKEN = {
    "vi": {
        "no_username": "Chưa in được đường dẫn: chưa biết @username của bot",
        "bad_username": "«<x>» không phải tên người dùng (@username) của một bot Telegram",
        "link": "Đường dẫn tham gia của Sở Tài chính, tối đa 3 cán bộ, hết hạn lúc ",
        "letter": "cho 2 cơ quan, đơn vị; mỗi đường dẫn tối đa 2 cán bộ, có hiệu lực đến ngày ",
        "status": "1/2 cơ quan, đơn vị đã có cán bộ đầu mối.",
        "officer": "  ĐÃ CÓ    Sở Xây dựng: Nguyễn Văn An, tham gia lúc ",
        "missing": "  CHƯA CÓ  Sở Tài chính (2 đường dẫn còn hiệu lực, còn 5 chỗ)",
        "revoked": "Đã thu hồi 2 đường dẫn tham gia của Sở Tài chính.",
        "unknown_agency": "Không tìm thấy đơn vị «Sở Du lịch».",
        "unknown_plan": "Không tìm thấy kế hoạch «999».",
        "bad_expires": "--expires: không hiểu «soon»",
        "bad_capacity": "--capacity phải từ 1 đến 50.",
        "check_ok": "ĐẠT  cơ sở dữ liệu: kết nối được",
        "check_fail": "LỖI  Telegram: Chưa đặt TELEGRAM_BOT_TOKEN",
        "problems": "dondoc: Phát hiện 1 lỗi",
        "revision": "Cơ sở dữ liệu đang ở phiên bản ",
        "no_token": "dondoc: Chưa đặt TELEGRAM_BOT_TOKEN: hãy tạo bot với @BotFather",
        "rejected": "dondoc: Telegram không chấp nhận TELEGRAM_BOT_TOKEN",
        "unreachable": "dondoc: Không kết nối được Bot API tại http://127.0.0.1:9 (",
        "webhook": "dondoc: DONDOC_WEBHOOK_URL phải là địa chỉ https:// công khai",
        "bad_setting": "DONDOC_TICK_SECONDS: phải từ 5 trở lên (kiểm tra tệp .env hoặc biến",
        "incomplete": "lệnh chưa đủ; xem --help",
        "no_database": "dondoc: Không có cơ sở dữ liệu tại ",
    },
    "en": {
        "no_username": "cannot print links yet: the bot's @username is not known",
        "bad_username": "«<x>» is not a Telegram bot username",
        "link": "join link for Sở Tài chính, up to 3 officers, expires ",
        "letter": "2 agencies, up to 2 officers each, links valid until ",
        "status": "1/2 agencies have an officer",
        "officer": "  ok       Sở Xây dựng: Nguyễn Văn An, joined ",
        "missing": "  MISSING  Sở Tài chính (2 live link(s), 5 seat(s) left)",
        "revoked": "Revoked 2 join link(s) of Sở Tài chính.",
        "unknown_agency": "Agency «Sở Du lịch» not found.",
        "unknown_plan": "No plan «999».",
        "bad_expires": "--expires: cannot read «soon»",
        "bad_capacity": "--capacity must be between 1 and 50",
        "check_ok": "ok   database: reachable",
        "check_fail": "FAIL telegram: TELEGRAM_BOT_TOKEN is not set",
        "problems": "dondoc: 1 problem(s) found",
        "revision": "database at revision ",
        "no_token": "dondoc: TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather",
        "rejected": "dondoc: TELEGRAM_BOT_TOKEN was rejected by Telegram",
        "unreachable": "dondoc: cannot reach the Bot API at http://127.0.0.1:9 (",
        "webhook": "dondoc: DONDOC_WEBHOOK_URL must be the public https:// address",
        "bad_setting": "DONDOC_TICK_SECONDS: must be at least 5 (check .env or the environment)",
        "incomplete": "incomplete command; see --help",
        "no_database": "dondoc: no database at ",
    },
}


async def speak_onboarding(
    dondoc: Callable[..., Awaitable[str]], said: dict[str, str], tc: tuple[str, ...], tmp_path: Path
) -> None:
    """The onboarding commands' lines, each in turn (a link before the status that counts it)."""
    assert said["no_username"] in await dondoc("onboarding", "link", *tc, code=2)
    assert said["bad_username"] in await dondoc(
        "onboarding", "link", *tc, "--bot-username", "<x>", code=2
    )
    link = await dondoc("onboarding", "link", *tc, "--capacity", "3", "--bot-username", "dd_bot")
    assert said["link"] in link and "https://t.me/dd_bot?start=" in link
    letter = await dondoc("onboarding", "letter", "--plan", "151", "--out", str(tmp_path / "out"))
    assert said["letter"] in letter
    assert await dondoc("revoke", str(FINANCE.id))  # Sở Tài chính has no officer now
    status = await dondoc("onboarding", "status", "--plan", "151")
    assert said["status"] in status and said["officer"] in status and said["missing"] in status
    assert said["revoked"] in await dondoc("onboarding", "revoke", *tc)


# the words do not depend on the database: on SQLite only (every other CLI test runs on both)
@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize("language", ["vi", "en"])
async def test_the_terminal_speaks_the_deployments_language(
    emulator: BotApiEmulator, db: Database, db_target: DatabaseTarget, tmp_path: Path, language: str
) -> None:
    """Onboarding, check, db upgrade, run and the settings say every line in the deployment's
    language: Vietnamese by default, English with DONDOC_LANGUAGE=en."""
    await seed(db, OFFICER, FINANCE, COORDINATOR)
    chosen = {"DONDOC_LANGUAGE": "en"} if language == "en" else {}
    env = dondoc_env(None, db_target, **chosen)  # no token: the bot never ran
    said = SPOKEN[language]
    heard: list[str] = []

    async def dondoc(*args: str, code: int = 0, **extra: str) -> str:
        result = await run_dondoc(*args, env={**env, **extra}, cwd=tmp_path)
        assert result.code == code, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
        heard.append(result.stdout + result.stderr)
        return result.stdout + result.stderr

    tc = ("--agency", "Sở TC")
    if language == "vi":  # the default; English is chosen the same way for every command below
        await speak_onboarding(dondoc, said, tc, tmp_path)

    emulator.inject(ApiError("getMe", 401, "Unauthorized"))
    with_token = dondoc_env(emulator, db_target, **chosen)
    offline = {**with_token, "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9"}  # nothing listens
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    outputs = await asyncio.gather(
        dondoc("onboarding", "link", "--agency", "Sở Du lịch", "--bot-username", "dd_bot", code=2),
        dondoc("onboarding", "letter", "--plan", "999", "--bot-username", "dd_bot", code=2),
        dondoc("onboarding", "link", *tc, "--expires", "soon", code=2),
        dondoc("onboarding", "link", *tc, "--capacity", "0", code=2),
        dondoc("check", code=2),
        dondoc("db", "upgrade"),
        dondoc("run", code=2),
        dondoc("run", code=2, **with_token),
        dondoc("run", code=2, **offline),
        dondoc("run", "--webhook", code=2, **with_token),
        dondoc("db", "upgrade", code=2, DONDOC_TICK_SECONDS="1"),
        dondoc("db", code=2),
    )
    expected = [
        ("unknown_agency",),
        ("unknown_plan",),
        ("bad_expires",),
        ("bad_capacity",),
        ("check_ok", "check_fail", "problems"),
        ("revision",),
        ("no_token",),
        ("rejected",),
        ("unreachable",),
        ("webhook",),
        ("bad_setting",),
        ("incomplete",),
    ]
    for output, keys in zip(outputs, expected, strict=True):
        for key in keys:
            assert said[key] in output, (key, output)
    nowhere = {k: v for k, v in env.items() if not k.startswith("DATABASE_")}
    # the default database, relative to a folder that has none
    missing = await run_dondoc("members", env=nowhere, cwd=elsewhere)
    assert missing.code == 2 and said["no_database"] in missing.stderr, missing.stderr
    heard.append(missing.stderr)

    def words(text: str) -> str:  # what is said: not links, file paths, argparse's usage
        lines = text.splitlines()
        said = [line for line in lines if not line.startswith(("https://", "/", "usage: "))]
        return "\n".join(line for line in said if not line.strip().startswith(("{", "...")))

    spoken = words("\n".join(heard))
    if language == "vi":
        assert ENGLISH.findall(spoken) == [], spoken
    else:
        for vietnamese in ("cơ quan", "đường dẫn", "cán bộ", "Không", "Chưa", "phải", "LỖI"):
            assert vietnamese not in spoken, (vietnamese, spoken)
