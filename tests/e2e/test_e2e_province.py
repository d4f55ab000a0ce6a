"""One province from chat and terminal: choose it, see and edit its groups, fill the communes
from a spreadsheet, and see an old plan's addressees with their successors before saving."""

from __future__ import annotations

import json
from pathlib import Path

from emulator import BotApiEmulator
from tests.auxil.databases import DatabaseTarget
from tests.auxil.harness import BotHarness
from tests.auxil.process import dondoc_env, run_dondoc
from tests.conftest import ADMIN
from tests.e2e.test_e2e_plans import SEEDS, final_preview, send_file


async def test_admin_chooses_the_province_edits_a_group_and_sees_successors_on_import(
    harness: BotHarness,
) -> None:
    none = await harness.ask(ADMIN, "/province")
    assert "Chưa chọn tỉnh" in none.text and "Quảng Ngãi" in none.text
    chosen = await harness.ask(ADMIN, "/province Quang Ngai")
    assert "Đã chọn Quảng Ngãi" in chosen.text
    again = await harness.ask(ADMIN, "/province Hà Tĩnh")
    assert "không đổi sang Hà Tĩnh" in again.text

    groups = await harness.ask(ADMIN, "/group")
    assert "UBND các xã, phường: 0 cơ quan" in groups.text
    assert "UBND các huyện" not in groups.text  # a former group is not listed
    members = await harness.ask(ADMIN, "/group Các sở, ban ngành")
    assert "Sở Tài chính" in members.text and "Sở Kế hoạch và Đầu tư" not in members.text
    empty = await harness.ask(ADMIN, "/group UBND các xã, phường")
    assert "chưa có thành viên" in empty.text

    mark = await send_file(harness, "151.txt", (SEEDS / "quang-ngai-151-kh-ubnd.txt").read_bytes())
    preview = await final_preview(harness, mark)
    text = "\n".join(m.text for m in harness.emulator.messages_to(ADMIN.id)[mark:])
    assert "Sở Kế hoạch và Đầu tư → Sở Tài chính (từ 01/03/2025) (chưa kiểm chứng)" in text
    assert "UBND các huyện, thị xã, thành phố → nhóm UBND các xã, phường" in text
    assert "Nhóm «UBND các xã, phường» chưa có thành viên" in text
    assert "Sẽ đôn đốc 20 cơ quan." in text
    assert preview.buttons()


async def test_cli_setup_group_import_and_dry_run_lists_the_chased_agencies(
    emulator: BotApiEmulator, db_target: DatabaseTarget, tmp_path: Path
) -> None:
    env = dondoc_env(emulator, db_target)
    setup = await run_dondoc("setup", "--province", "Quảng Ngãi", env=env, cwd=tmp_path)
    assert setup.code == 0, setup.stderr
    assert "Đã chọn Quảng Ngãi" in setup.stdout
    other = await run_dondoc("setup", "--province", "Khánh Hòa", env=env, cwd=tmp_path)
    assert other.code != 0 and "Quảng Ngãi" in other.stderr

    communes = tmp_path / "xa-phuong.csv"
    communes.write_text("STT,Tên đơn vị,Cấp\n1,Nghĩa Lộ,phường\n2,Ba Tơ,xã\n", encoding="utf-8")
    imported = await run_dondoc(
        "group", "UBND các xã, phường", "--import", str(communes), env=env, cwd=tmp_path
    )
    assert imported.code == 0, imported.stderr
    assert "thêm 2 cơ quan" in imported.stdout
    listed = await run_dondoc("group", "UBND các xã, phường", "--json", env=env, cwd=tmp_path)
    assert json.loads(listed.stdout)["members"] == ["UBND phường Nghĩa Lộ", "UBND xã Ba Tơ"]
    removed = await run_dondoc(
        "group", "UBND các xã, phường", "--remove", "UBND xã Ba Tơ", env=env, cwd=tmp_path
    )
    assert removed.code == 0 and "Đã bỏ UBND xã Ba Tơ" in removed.stdout

    dry = await run_dondoc(
        "import", str(SEEDS / "quang-ngai-151-kh-ubnd.txt"), "--dry-run", "--json",
        env=env, cwd=tmp_path,
    )  # fmt: skip
    assert dry.code == 0, dry.stderr
    data = json.loads(dry.stdout)
    task = next(t for t in data["tasks"] if t["ref"] == "II.1.a")
    assert "UBND phường Nghĩa Lộ" in task["chased"]["support"]
    assert not any("huyện" in n for n in data["review"]["chased_agencies"])
    assert len(data["review"]["chased_agencies"]) == 21  # 20 provincial agencies + 1 ward


async def test_agencies_list_marks_former_agencies_and_unchecked_successions(
    harness: BotHarness,
) -> None:
    await harness.ask(ADMIN, "/province Quảng Ngãi")
    listing = await harness.ask(ADMIN, "/agencies Kế hoạch")
    assert "Sở Kế hoạch và Đầu tư" in listing.text
    assert "đã chuyển cho Sở Tài chính" in listing.text and "chưa kiểm chứng" in listing.text
    district = await harness.ask(ADMIN, "/agencies Ba Tơ")
    assert "không còn từ 01/07/2025" in district.text


async def test_admin_drops_the_abolished_district_committees_with_a_button(
    harness: BotHarness,
) -> None:
    await harness.ask(ADMIN, "/province Quảng Ngãi")
    mark = await send_file(harness, "151.txt", (SEEDS / "quang-ngai-151-kh-ubnd.txt").read_bytes())
    preview = await final_preview(harness, mark)
    drop = next(d for t, d in preview.buttons() if "Bỏ: UBND các huyện" in t)
    mark = len(harness.emulator.sent)
    await harness.press(ADMIN, preview, drop)
    again = await final_preview(harness, mark)
    assert not any("Bỏ: UBND các huyện" in t for t, _ in again.buttons())
    assert "UBND các huyện, thị xã, thành phố → nhóm" not in again.text
    save = next(d for t, d in again.buttons() if d.endswith(":save"))
    await harness.press(ADMIN, again, save)
    async with harness.db.transaction() as session:
        from sqlalchemy import select

        from storage.models import AgencyGroup, TaskGroupAssignment

        linked = (
            await session.scalars(
                select(AgencyGroup.name).join(
                    TaskGroupAssignment, TaskGroupAssignment.group_id == AgencyGroup.id
                )
            )
        ).all()
    assert "UBND các xã, phường" not in linked and "Các sở, ban ngành" in linked
