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
    assert "UBND các xã, phường: 96 cơ quan" in groups.text  # vietnamadminunits' count
    assert "nhóm «Các xã, phường thuộc … cũ»" in groups.text
    assert "UBND các huyện" not in groups.text  # a former group is not listed
    members = await harness.ask(ADMIN, "/group Các sở, ban ngành")
    assert "Sở Tài chính" in members.text and "Sở Kế hoạch và Đầu tư" not in members.text
    communes = await harness.ask(ADMIN, "/group UBND các xã, phường")
    assert "UBND phường Cẩm Thành" in communes.text
    area = await harness.ask(ADMIN, "/group Các xã, phường thuộc huyện Đăk Hà cũ")
    assert "UBND xã Đăk Hà" in area.text

    mark = await send_file(harness, "151.txt", (SEEDS / "quang-ngai-151-kh-ubnd.txt").read_bytes())
    preview = await final_preview(harness, mark)
    text = "\n".join(m.text for m in harness.emulator.messages_to(ADMIN.id)[mark:])
    assert "Sở Kế hoạch và Đầu tư → Sở Tài chính (từ 01/03/2025) (chưa kiểm chứng)" in text
    assert "UBND các huyện, thị xã, thành phố → nhóm UBND các xã, phường" in text
    assert "chưa có thành viên" not in text
    assert "Sở Ngoại vụ: Tỉnh còn Sở Ngoại vụ" in text  # a doubted fact, said so
    assert "Sẽ đôn đốc 117 cơ quan." in text  # 21 provincial agencies + 96 communes
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

    assert "96 xã, phường, đặc khu" in setup.stdout and "vietnamadminunits" in setup.stdout
    communes = tmp_path / "xa-phuong.csv"
    communes.write_text("STT,Tên đơn vị,Cấp\n1,Nghĩa Lộ,phường\n2,Ba Tơ,xã\n", encoding="utf-8")
    imported = await run_dondoc(
        "group", "UBND các xã, phường", "--import", str(communes), env=env, cwd=tmp_path
    )
    assert imported.code == 0, imported.stderr
    assert "2 đã có" in imported.stdout  # loaded by setup already
    listed = await run_dondoc("group", "UBND các xã, phường", "--json", env=env, cwd=tmp_path)
    members = json.loads(listed.stdout)["members"]
    assert len(members) == 96 and {"UBND phường Nghĩa Lộ", "UBND xã Ba Tơ"} <= set(members)
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
    assert len(data["review"]["chased_agencies"]) == 21 + 95  # Ba Tơ was taken out


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


async def test_cli_refuses_a_former_province_and_prints_the_2026_calendar(
    emulator: BotApiEmulator, db_target: DatabaseTarget, tmp_path: Path
) -> None:
    env = dondoc_env(emulator, db_target)
    former = await run_dondoc("setup", "--province", "Kon Tum", env=env, cwd=tmp_path)
    assert former.code != 0
    assert "Kon Tum đã hợp nhất vào tỉnh Quảng Ngãi từ 01/7/2025" in former.stderr
    unknown = await run_dondoc("setup", "--province", "Quãng Nghĩa", env=env, cwd=tmp_path)
    assert unknown.code != 0 and "Có phải" in unknown.stderr and "Quảng Ngãi" in unknown.stderr
    calendar = await run_dondoc("calendar", "2026", env=env, cwd=tmp_path)
    assert calendar.code == 0, calendar.stderr
    out = calendar.stdout
    assert "02/01/2026: Nghỉ Tết Dương lịch" in out and "10/01/2026: thứ Bảy" in out
    assert "17/02/2026: Tết Nguyên Đán" in out and "27/04/2026" in out
    assert "12729/VPCP-KGVX" in out
    assert "Quý IV/2026: 15/09/2026 – 14/12/2026 → hạn 16/12/2026" in out
    later = await run_dondoc("calendar", "2027", env=env, cwd=tmp_path)
    assert "Tết Nguyên đán 2027" in later.stdout and "/dayoff" in later.stdout


async def test_admin_sees_the_calendar_in_chat_and_a_former_province_is_refused(
    harness: BotHarness,
) -> None:
    refused = await harness.ask(ADMIN, "/province Ninh Thuận")
    assert "Ninh Thuận đã hợp nhất vào tỉnh Khánh Hòa từ 01/7/2025" in refused.text
    await harness.ask(ADMIN, "/dayoff 24/11/2026 Ngày Văn hóa Việt Nam")
    shown = await harness.ask(ADMIN, "/calendar 2026")
    text = "\n".join(m.text for m in harness.emulator.messages_to(ADMIN.id)[-3:])
    assert "Lịch làm việc năm 2026" in shown.text or "Lịch làm việc năm 2026" in text
    assert "24/11/2026: nghỉ — Ngày Văn hóa Việt Nam" in text
    assert "02/01/2026" in text


async def test_cli_imports_an_old_kon_tum_plan_into_quang_ngai_with_addressees_mapped(
    emulator: BotApiEmulator, db_target: DatabaseTarget, tmp_path: Path
) -> None:
    env = dondoc_env(emulator, db_target)
    setup = await run_dondoc("setup", "--province", "Quảng Ngãi", env=env, cwd=tmp_path)
    assert setup.code == 0, setup.stderr
    plan = (
        Path(__file__).resolve().parents[1] / "fixtures" / "province" / "kon-tum-style-kh-ubnd.txt"
    )
    dry = await run_dondoc("import", str(plan), "--dry-run", "--json", env=env, cwd=tmp_path)
    assert dry.code == 0, dry.stderr
    data = json.loads(dry.stdout)
    assert data["unmatched"] == []
    mapped = {s["written"]: s["successor"] for s in data["review"]["successors"]}
    assert mapped["Sở Xây dựng tỉnh Kon Tum"] == "Sở Xây dựng"
    assert mapped["UBND huyện Đăk Hà"] == "Các xã, phường thuộc huyện Đăk Hà cũ"
    assert mapped["Ban Dân tộc tỉnh"] == "Sở Dân tộc và Tôn giáo"
    task = next(t for t in data["tasks"] if t["ref"] == "II.1.b")
    assert task["chased"]["lead"] == [
        "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi"
    ]
