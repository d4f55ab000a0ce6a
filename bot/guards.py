"""Role checks for handlers: resolve the member once, refuse politely, pass the member on."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.constants import ChatType

from access.members import TelegramIdentity, identify, identify_writes, member_by_telegram_id
from bot.context import BotContext
from bot.updates import known_sender
from domain.status import Role
from storage.models import Member

MemberHandler = Callable[[Update, BotContext, Member], Awaitable[None]]


def identity_of(update: Update) -> TelegramIdentity | None:
    user = update.effective_user
    if user is None or user.is_bot:
        return None
    return TelegramIdentity(user.id, user.full_name, user.username)


async def current_member(update: Update, context: BotContext) -> Member | None:
    """The active member who sent this update (admins from settings are created on first use)."""
    who = identity_of(update)
    if who is None:
        return None
    svc = context.services
    known = known_sender(who.user_id)
    if known is not None:
        member = known.member
    else:
        async with svc.db.reading() as session:
            member = await member_by_telegram_id(session, who.user_id)
    if identify_writes(member, who, svc.admin_ids):
        async with svc.db.transaction() as session:
            return await identify(session, who, svc.admin_ids, svc.now())
    return member if member is not None and member.active else None


async def tell(update: Update, text: str) -> None:
    """Answer in the chat the update came from (or the callback's alert)."""
    if update.callback_query is not None:
        await update.callback_query.answer(text[:200], show_alert=True)
    elif update.effective_chat is not None:
        await update.effective_chat.send_message(text)


def in_private_chat(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


def requires(
    role: Role, *, in_groups: bool = False
) -> Callable[[MemberHandler], Callable[..., Awaitable[None]]]:
    """Run the handler only for active members with at least `role`, and (unless `in_groups`)
    only in a private chat: what these handlers show (links, members, tasks, reports) is not
    for everyone in a group. Others get one line."""

    def decorate(handler: MemberHandler) -> Callable[..., Awaitable[None]]:
        @functools.wraps(handler)
        async def guarded(update: Update, context: BotContext) -> None:
            texts = context.texts
            if not in_groups and not in_private_chat(update):
                await tell(update, texts("private_only"))
                return
            member = await current_member(update, context)
            if member is None:
                await tell(update, texts("stranger_hint"))
                return
            if not Role(member.role).allows(role):
                await tell(update, texts("not_allowed", role=texts.plain(f"role.{role.value}")))
                return
            await handler(update, context, member)

        return guarded

    return decorate
