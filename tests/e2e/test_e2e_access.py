"""Invites, /start, roles and the command menu, through the real Application and HTTP."""

from __future__ import annotations

import re
from datetime import timedelta

from access.members import create_invite
from domain.status import Role
from emulator import FakeUser
from plans.registry import add_agency
from tests.auxil.harness import BotHarness
from tests.conftest import ADMIN, COORDINATOR, OFFICER, STRANGER

LINK = re.compile(r"https://t\.me/(\w+)\?start=([A-Za-z0-9_-]+)")


async def invite_token(bot: BotHarness, agency: str, role: str) -> str:
    reply = await bot.ask(ADMIN, f"/invite {agency} {role}")
    match = LINK.search(reply.text)
    assert match, reply.text
    assert match.group(1) == bot.application.bot.username
    return match.group(2)


async def add_construction(bot: BotHarness) -> None:
    async with bot.db.transaction() as session:
        await add_agency(session, "Sở Xây dựng", short_name="Sở XD")


async def test_stranger_is_told_how_to_get_an_invite(harness: BotHarness) -> None:
    reply = await harness.ask(STRANGER, "/start")
    assert "đường dẫn mời" in reply.text
    reply = await harness.ask(STRANGER, "/whoami")
    assert "chưa được kích hoạt" in reply.text


async def test_invite_binds_once_and_knows_agency_and_role(harness: BotHarness) -> None:
    await add_construction(harness)
    token = await invite_token(harness, "so xay dung", "officer")

    reply = await harness.ask(OFFICER, f"/start {token}")
    assert "Sở Xây dựng" in reply.text and "cán bộ báo cáo" in reply.text

    reply = await harness.ask(OFFICER, "/whoami")
    assert "Sở Xây dựng" in reply.text and str(OFFICER.id) in reply.text

    reply = await harness.ask(STRANGER, f"/start {token}")
    assert "đã được sử dụng" in reply.text
    reply = await harness.ask(STRANGER, "/whoami")
    assert "chưa được kích hoạt" in reply.text


async def test_expired_and_malformed_tokens_bind_nothing(harness: BotHarness) -> None:
    await add_construction(harness)
    async with harness.db.transaction() as session:
        from plans.registry import find_agency

        agency = (await find_agency(session, "Sở XD")).agency
        created = await create_invite(
            session,
            agency=agency,
            role=Role.OFFICER,
            created_by=None,
            lifetime=timedelta(hours=1),
            now=harness.clock() - timedelta(hours=2),
        )
    reply = await harness.ask(STRANGER, f"/start {created.token}")
    assert "hết hạn" in reply.text
    reply = await harness.ask(STRANGER, "/start <script>&")
    assert "không hợp lệ" in reply.text
    reply = await harness.ask(STRANGER, "/start " + "A" * 40)
    assert "không hợp lệ" in reply.text
    assert "chưa được kích hoạt" in (await harness.ask(STRANGER, "/help")).text


async def test_unknown_agency_gets_suggestions_not_a_new_agency(harness: BotHarness) -> None:
    await add_construction(harness)
    reply = await harness.ask(ADMIN, "/invite Sở Xay dung moi officer")
    assert "Không tìm thấy" in reply.text
    reply = await harness.ask(ADMIN, "/invite Sở Xây dựng chief")
    assert "Cách dùng" in reply.text


async def test_help_lists_only_what_the_role_may_do(harness: BotHarness) -> None:
    await add_construction(harness)
    token = await invite_token(harness, "Sở XD", "officer")
    await harness.ask(OFFICER, f"/start {token}")
    officer_help = (await harness.ask(OFFICER, "/help")).text
    admin_help = (await harness.ask(ADMIN, "/help")).text
    assert "/whoami" in officer_help and "/invite" not in officer_help
    assert "/invite" in admin_help

    reply = await harness.ask(OFFICER, "/invite Sở XD officer")
    assert "không có quyền" in reply.text
    assert harness.emulator.messages_to(OFFICER.id)[-1].text == reply.text


async def test_commands_are_registered_with_vietnamese_descriptions(harness: BotHarness) -> None:
    commands = await harness.application.bot.get_my_commands()
    names = {c.command: c.description for c in commands}
    assert {"start", "help", "whoami"} <= names.keys()
    assert "invite" not in names
    assert names["help"] == "Các lệnh bạn dùng được"


async def test_coordinator_menu_is_scoped_to_their_chat(harness: BotHarness) -> None:
    await add_construction(harness)
    token = await invite_token(harness, "Sở XD", "admin")
    await harness.ask(COORDINATOR, f"/start {token}")
    from telegram import BotCommandScopeChat

    scoped = await harness.application.bot.get_my_commands(
        scope=BotCommandScopeChat(COORDINATOR.id)
    )
    assert "invite" in {c.command for c in scoped}


async def test_user_text_in_replies_is_escaped(harness: BotHarness) -> None:
    await add_construction(harness)
    token = await invite_token(harness, "Sở XD", "officer")
    tricky = FakeUser(900010, "<b>Lê & Co</b>", "*_x_*")
    reply = await harness.ask(tricky, f"/start {token}")
    assert "<b>Lê & Co</b>" in reply.text  # shown as written, not as markup


async def test_an_update_delivered_twice_is_handled_once(harness: BotHarness) -> None:
    update = harness.send(STRANGER, "/start")
    await harness.emulator.reply_to(STRANGER.id, after=0)
    await harness.idle()
    before = len(harness.emulator.messages_to(STRANGER.id))
    harness.emulator.redeliver(harness.token, update)
    await harness.idle()
    marker = await harness.ask(STRANGER, "/whoami")
    assert "chưa được kích hoạt" in marker.text
    assert len(harness.emulator.messages_to(STRANGER.id)) == before + 1


async def test_message_sent_while_stopped_is_answered_after_start(harness: BotHarness) -> None:
    await harness.stop()
    mark = len(harness.emulator.sent)
    harness.send(STRANGER, "/start")
    await harness.start()
    reply = await harness.emulator.reply_to(STRANGER.id, after=mark)
    assert "đường dẫn mời" in reply.text


async def test_admin_from_settings_can_ask_whoami_on_first_contact(harness: BotHarness) -> None:
    reply = await harness.ask(ADMIN, "/whoami")
    assert "quản trị" in reply.text and "chưa gắn đơn vị" in reply.text


async def test_admins_from_settings_get_their_menu_at_start(harness: BotHarness) -> None:
    from telegram import BotCommandScopeChat

    scoped = await harness.application.bot.get_my_commands(scope=BotCommandScopeChat(ADMIN.id))
    assert {"invite", "plans", "dayoff"} <= {c.command for c in scoped}


async def test_admin_declares_a_day_off(harness: BotHarness) -> None:
    reply = await harness.ask(ADMIN, "/dayoff 2/1/2027 Nghỉ bù Tết Dương lịch")
    assert "02/01/2027" in reply.text and "ngày nghỉ" in reply.text
    listing = await harness.ask(ADMIN, "/dayoff")
    assert "Nghỉ bù Tết Dương lịch" in listing.text
    reply = await harness.ask(ADMIN, "/dayoff 31/2/2027")
    assert "Cách dùng" in reply.text
    reply = await harness.ask(ADMIN, "/dayoff xoá 2/1/2027")
    assert "Đã bỏ" in reply.text
