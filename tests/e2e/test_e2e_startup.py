"""Starting up: several instances started at the same moment all come up (migrations under a
lock, admins upserted), on an empty and on a migrated database; the settings file reads the same
in a shell and in dondoc; a command run from the wrong folder does not create a database."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
from pathlib import Path

import pytest
from dotenv import dotenv_values
from sqlalchemy import func, select

from emulator import BotApiEmulator
from storage.models import Member
from tests.auxil.databases import DatabaseTarget, migrated_database
from tests.auxil.process import ROOT, dondoc_env, run_dondoc, start_dondoc, wait_until

INSTANCES = 5
NEW_ADMIN = 424_001


@pytest.mark.parametrize("state", ["empty", "migrated"])
async def test_instances_started_at_once_all_come_up(
    emulator: BotApiEmulator, db_target: DatabaseTarget, tmp_path: Path, state: str
) -> None:
    if state == "migrated":
        async with migrated_database(db_target):
            pass
    env = dondoc_env(emulator, db_target, DONDOC_ADMIN_IDS=f"{NEW_ADMIN},{NEW_ADMIN + 1}")
    processes = await asyncio.gather(
        *(start_dondoc("run", env=env, cwd=tmp_path) for _ in range(INSTANCES))
    )
    outputs = [bytearray() for _ in processes]

    async def read(i: int) -> None:
        stream = processes[i].stdout
        assert stream is not None
        while chunk := await stream.read(4096):
            outputs[i] += chunk

    readers = [asyncio.create_task(read(i)) for i in range(INSTANCES)]

    def running(i: int) -> bool:
        return b"dondoc is running" in outputs[i]

    try:
        await wait_until(
            lambda: all(running(i) or p.returncode is not None for i, p in enumerate(processes)),
            timeout=90,
        )
        crashed = [outputs[i].decode()[-2000:] for i, p in enumerate(processes) if not running(i)]
        assert crashed == []
    finally:
        for process in processes:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        codes = [await asyncio.wait_for(p.wait(), 30) for p in processes]
        await asyncio.gather(*readers)
    assert codes == [0] * INSTANCES, [o.decode()[-1500:] for o in outputs]
    async with migrated_database(db_target) as db, db.transaction() as session:
        admins = await session.scalar(
            select(func.count()).select_from(Member).where(Member.role == "admin")
        )
    assert admins == 2


def test_env_example_reads_the_same_in_a_shell_and_in_dondoc(tmp_path: Path) -> None:
    """The documented `set -a; . ./dondoc.env; set +a` (and systemd's EnvironmentFile, which
    takes the same NAME=value / NAME="value with spaces" lines) sees what dondoc's .env sees."""
    copy = tmp_path / "dondoc.env"
    copy.write_text((ROOT / ".env.example").read_text(encoding="utf-8"), encoding="utf-8")
    expected = {k: v or "" for k, v in dotenv_values(copy).items()}
    shell = subprocess.run(
        ["sh", "-c", "set -e; set -a; . ./dondoc.env; set +a; env -0"],
        cwd=tmp_path,
        capture_output=True,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        check=False,
    )
    assert shell.returncode == 0, shell.stderr.decode()
    seen = dict(item.split("=", 1) for item in shell.stdout.decode().split("\0") if "=" in item)
    assert {k: seen.get(k) for k in expected} == expected
    assert expected["DONDOC_DIGEST"] == "mon 08:30"
    docs = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    assert "xargs" not in docs and "set -a; . /etc/dondoc/dondoc.env; set +a" in docs


async def test_a_reading_command_in_the_wrong_folder_creates_no_database(
    emulator: BotApiEmulator, tmp_path: Path
) -> None:
    env = dondoc_env(emulator, DatabaseTarget("sqlite+aiosqlite:///unused"))
    del env["DATABASE_URL"]  # the default: ./var/dondoc.sqlite3, relative to the folder
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for command in (["members"], ["plans"], ["agency", "list"], ["summary"]):
        result = await run_dondoc(*command, env=env, cwd=elsewhere)
        assert result.code == 2, (command, result.stdout, result.stderr)
        assert "Không có cơ sở dữ liệu tại" in result.stderr
        assert "dondoc db upgrade" in result.stderr
    checked = await run_dondoc("check", env=env, cwd=elsewhere)
    assert checked.code != 0
    assert "LỖI  cơ sở dữ liệu: Không có cơ sở dữ liệu tại" in checked.stdout
    assert list(elsewhere.iterdir()) == []  # nothing created
    # creating one is explicit
    assert (await run_dondoc("db", "upgrade", env=env, cwd=elsewhere)).code == 0
    assert (elsewhere / "var" / "dondoc.sqlite3").exists()
    assert (await run_dondoc("members", env=env, cwd=elsewhere)).code == 0
