"""Group chats: what is sensitive (invite links, members, tasks, reports, admin commands) works
only in a private chat, with one line saying so in a group; a coordinator's linked group still
receives the plan's escalations."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from emulator import FakeUser, SentMessage
from storage.models import Invite, ReportRevision
from tests.auxil.harness import BotHarness
from tests.auxil.scenario import seed
from tests.conftest import ADMIN, COORDINATOR, OFFICER

FINANCE = FakeUser(900020, "Lê", "Tài Chính")
GROUP = -1001234567
PRIVATE_ONLY = "chỉ dùng trong tin nhắn riêng"


async def ask_in_group(harness: BotHarness, user: FakeUser, text: str) -> SentMessage:
    mark = len(harness.emulator.sent)
    harness.send(user, text, chat_id=GROUP)
    return await harness.emulator.reply_to(GROUP, after=mark)


async def test_sensitive_commands_are_refused_in_a_group(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(datetime(2026, 12, 11, 2, 0, tzinfo=UTC))
    # (a group gets one message every 3 s: Telegram's limit, paced by the bot)
    asked = [
        (ADMIN, "/invite Sở Xây dựng coordinator"),
        (ADMIN, "/members"),
        (COORDINATOR, "/summary"),
        (OFFICER, "/tasks"),
        (OFFICER, "/report"),
    ]
    for user, text in asked:
        reply = await ask_in_group(harness, user, text)
        assert reply.chat_id == GROUP
        assert PRIVATE_ONLY in reply.text, (text, reply.text)
        assert "t.me/" not in reply.text and "900002" not in reply.text
    await harness.idle()
    assert [m.chat_id for m in harness.emulator.sent].count(GROUP) == len(asked)  # one line each
    async with harness.db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Invite)) == 0
        assert await session.scalar(select(func.count()).select_from(ReportRevision)) == 0
    # the same commands still work in private
    reply = await harness.ask(ADMIN, "/invite Sở Xây dựng coordinator")
    assert "t.me/" in reply.text
    assert "II.1.a" in (await harness.ask(OFFICER, "/tasks")).text


async def test_a_linked_group_still_receives_escalations(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(datetime(2026, 12, 11, 2, 0, tzinfo=UTC))
    done = await ask_in_group(harness, COORDINATOR, "/linkgroup 151/KH-UBND")
    assert "151/KH-UBND" in done.text and PRIVATE_ONLY not in done.text
    harness.clock.set(datetime(2026, 12, 21, 2, 0, tzinfo=UTC))  # 3 working days after 16/12
    report = await harness.tick()
    assert report.sent >= 1, report
    escalation = await harness.emulator.wait_for(
        lambda m: m.chat_id == GROUP and "⚠️" in m.text and "chưa báo cáo" in m.text, timeout=30
    )
    assert "Sở Tài chính" in escalation.text
