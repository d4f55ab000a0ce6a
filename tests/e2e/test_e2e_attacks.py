"""Faults and attacks, round 3 (issue 24): what one user, one proxy or a second instance could
do to everyone else. Every wait here is bounded."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from emulator import ApiError, FakeUser
from storage.models import ReminderDelivery
from tests.auxil.harness import BotHarness
from tests.auxil.scenario import seed
from tests.conftest import COORDINATOR, OFFICER

FINANCE = FakeUser(900020, "Lê", "Tài Chính")
NGINX_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)


def at(day: int, hour_local: int = 9) -> datetime:
    return datetime(2026, 12, day, hour_local - 7, 0, tzinfo=UTC)


# -- 15: a 5xx answered with a proxy's HTML page is a definite failure ---------------------------
async def test_a_502_html_page_is_retried_like_a_json_5xx_never_uncertain(
    harness: BotHarness,
) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    for status in (502, 503, 504):
        harness.emulator.inject(
            ApiError("sendMessage", status, "", chat_id=OFFICER.id, html=NGINX_502)
        )
    harness.clock.set(at(11))
    first = await harness.tick()
    assert (first.retried, first.uncertain, first.sent) == (1, 0, 1)
    assert harness.emulator.messages_to(OFFICER.id) == []
    for hour in (11, 13, 15, 16):  # each retry waits longer; the proxy recovers after three
        harness.clock.set(at(11, hour_local=hour))
        await harness.tick()
    assert len(harness.emulator.messages_to(OFFICER.id)) == 1
    async with harness.db.transaction() as session:
        statuses = (await session.scalars(select(ReminderDelivery.status))).all()
    assert sorted(statuses) == ["sent", "sent"]
