"""The CLI prints links before the bot has ever run (--bot-username, then remembered) and says
clearly when it cannot; `dondoc onboarding letter` writes the letter and the link list."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import openpyxl

from emulator import BotApiEmulator, FakeUser
from storage.db import Database
from tests.auxil.databases import DatabaseTarget
from tests.auxil.harness import TOKEN
from tests.auxil.process import dondoc_env, run_dondoc
from tests.auxil.scenario import seed
from tests.conftest import COORDINATOR, OFFICER
from tests.onboarding.qr_reading import cell_images, encodes

FINANCE = FakeUser(900011, "Lê", "Tài Chính")


async def test_links_before_the_bot_ever_ran(
    db: Database, db_target: DatabaseTarget, tmp_path: Path
) -> None:
    await seed(db, OFFICER, FINANCE, COORDINATOR)
    env = dondoc_env(None, db_target)  # no token, the bot never ran
    refused = await run_dondoc(
        "invite", "--agency", "Sở XD", "--role", "officer", env=env, cwd=tmp_path
    )
    assert refused.code == 2 and "Traceback" not in refused.stderr
    assert "--bot-username" in refused.stderr and "dondoc check" in refused.stderr
    bad = await run_dondoc(
        "onboarding", "link", "--agency", "Sở XD", "--bot-username", "<x>", env=env, cwd=tmp_path
    )
    assert bad.code == 2 and "không phải tên người dùng (@username) của một bot" in bad.stderr

    given = await run_dondoc(
        "invite",
        "--agency",
        "Sở XD",
        "--role",
        "officer",
        "--bot-username",
        "@soxd_dondoc_bot",
        env=env,
        cwd=tmp_path,
    )
    assert given.code == 0, given.stderr
    assert given.stdout.strip().splitlines()[-1].startswith("https://t.me/soxd_dondoc_bot?start=")
    remembered = await run_dondoc(
        "onboarding", "link", "--agency", "Sở TC", "--capacity", "3", env=env, cwd=tmp_path
    )
    assert remembered.code == 0, remembered.stderr
    assert "tối đa 3 cán bộ" in remembered.stdout
    assert "https://t.me/soxd_dondoc_bot?start=" in remembered.stdout

    out = tmp_path / "letter"
    letter = await run_dondoc(
        "onboarding", "letter", "--plan", "151", "--out", str(out), env=env, cwd=tmp_path
    )
    assert letter.code == 0, letter.stderr
    word, excel = (Path(line) for line in letter.stdout.strip().splitlines()[-2:])
    document = docx.Document(io.BytesIO(word.read_bytes()))
    rows = document.tables[-1].rows[1:]
    assert [r.cells[1].text for r in rows] == ["Sở Tài chính", "Sở Xây dựng"]
    for row in rows:
        link = row.cells[2].text.split("\n")[0]
        assert link.startswith("https://t.me/soxd_dondoc_bot?start=")
        (image,) = cell_images(document, row.cells[3])
        assert encodes(image, link)
    book = openpyxl.load_workbook(excel)
    listed = [r[2].value for r in book.active.iter_rows(min_row=3)]  # type: ignore[union-attr]
    assert listed == [r.cells[2].text.split("\n")[0] for r in rows]

    status = await run_dondoc("onboarding", "status", "--plan", "151", env=env, cwd=tmp_path)
    assert status.code == 0 and "2/2 cơ quan, đơn vị đã có cán bộ đầu mối" in status.stdout
    unknown = await run_dondoc("onboarding", "letter", "--plan", "999", env=env, cwd=tmp_path)
    assert unknown.code == 2 and "Không tìm thấy kế hoạch «999»" in unknown.stderr


async def test_dondoc_check_remembers_the_bot_username_for_links(
    emulator: BotApiEmulator, db: Database, db_target: DatabaseTarget, tmp_path: Path
) -> None:
    await seed(db, OFFICER, FINANCE, COORDINATOR)
    await run_dondoc("check", env=dondoc_env(emulator, db_target), cwd=tmp_path)
    offline = dondoc_env(None, db_target)  # the token is gone: only the remembered name helps
    link = await run_dondoc("onboarding", "link", "--agency", "Sở XD", env=offline, cwd=tmp_path)
    assert link.code == 0, link.stderr
    assert f"https://t.me/{emulator.bot(TOKEN).username}?start=" in link.stdout
