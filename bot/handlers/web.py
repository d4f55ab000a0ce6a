"""/web: a one-time sign-in link to the desktop view, for coordinators and admins."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType

from bot.context import BotContext
from bot.guards import requires
from bot.render import local_time
from domain.status import Role
from storage.models import Member
from web.auth import create_login
from web.server import sign_in_url


@requires(Role.COORDINATOR)
async def web_command(update: Update, context: BotContext, member: Member) -> None:
    """Answers a sign-in link valid for minutes (in a private chat only: a group would share
    it with everyone in it)."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    if update.effective_chat is None or update.effective_chat.type != ChatType.PRIVATE:
        await message.reply_text(texts("web.private_only"))
        return
    if svc.web_url is None:
        await message.reply_text(texts("web.disabled"))
        return
    async with svc.db.transaction() as session:
        merged = await session.merge(member)
        token, login = await create_login(session, merged, svc.now())
    await message.reply_text(
        texts(
            "web.link",
            expires=local_time(login.expires_at, svc.settings.tz),
            link=sign_in_url(svc.web_url, token),
        )
    )
