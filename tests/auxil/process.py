"""Running the real `dondoc` command in a subprocess, against the emulator and a test database."""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from emulator import BotApiEmulator
from tests.auxil.databases import DatabaseTarget
from tests.auxil.harness import TOKEN

ROOT = Path(__file__).resolve().parents[2]


def dondoc_env(
    emulator: BotApiEmulator | None, target: DatabaseTarget, **extra: str
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DONDOC_", "TELEGRAM_"))}
    env.pop("DATABASE_URL", None)
    env.pop("DATABASE_SCHEMA", None)
    env.update(target.env())
    env["PYTHONPATH"] = str(ROOT)
    env["DONDOC_POLL_TIMEOUT"] = "1"
    if emulator is not None:
        env["TELEGRAM_BOT_TOKEN"] = TOKEN
        env["TELEGRAM_API_BASE_URL"] = emulator.base_url
    env.update(extra)
    return env


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


async def run_dondoc(*args: str, env: dict[str, str], cwd: Path, timeout: float = 60) -> Result:
    """Run `dondoc ARGS…` to completion."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args,
        env=env, cwd=cwd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), timeout)
    return Result(proc.returncode or 0, out.decode(), err.decode())


async def start_dondoc(*args: str, env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    """Start a long-running `dondoc ARGS…` (e.g. `run`); the caller stops it."""
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args,
        env=env, cwd=cwd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip


async def wait_until(predicate, *, timeout: float = 20.0, interval: float = 0.05) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(interval)
