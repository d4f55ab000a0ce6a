"""Handlers everyone reaches: /start (with an invite), /help, /whoami, and the fallbacks."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot.commands import commands_for
from bot.context import BotContext
from bot.guards import current_member, identity_of, requires
from bot.handlers.onboarding import start_with_token  # join links, invites, moves
from domain.status import Role
from storage.models import Member
from texts import Html, Texts


def describe_member(texts: Texts, member: Member) -> dict[str, object]:
    agency = member.agency.name if member.agency else None
    return {
        "name": member.full_name or str(member.telegram_user_id),
        "role": texts.plain(f"role.{member.role}"),
        "agency_part": texts("start.agency_part", agency=agency) if agency else Html(""),
    }


async def start(update: Update, context: BotContext) -> None:
    """/start <token> binds the user to an invite; /start alone greets or explains invites."""
    texts = context.texts
    who, message = identity_of(update), update.effective_message
    if who is None or message is None:
        return
    if update.effective_chat and update.effective_chat.type != ChatType.PRIVATE:
        return
    token = context.args[0] if context.args else ""
    if token:
        await start_with_token(update, context, token)
        return
    member = await current_member(update, context)
    if member is None:
        await message.reply_text(texts("start.stranger"))
    else:
        await message.reply_text(texts("start.known", **describe_member(texts, member)))


@requires(Role.OFFICER)
async def help_command(update: Update, context: BotContext, member: Member) -> None:
    """Lists only the commands this member's role may use."""
    texts = context.texts
    lines = [texts("help.header", role=texts.plain(f"role.{member.role}"))]
    for spec in commands_for(Role(member.role)):
        lines.append(texts("help.line", command=spec.name, description=texts.plain(spec.text_key)))
    lines.append(texts("help.reply_hint"))
    await update.effective_message.reply_text("\n".join(lines))  # type: ignore[union-attr]


@requires(Role.OFFICER)
async def whoami(update: Update, context: BotContext, member: Member) -> None:
    """Shows the member's name, role and agency."""
    texts = context.texts
    await update.effective_message.reply_text(  # type: ignore[union-attr]
        texts(
            "whoami",
            name=member.full_name,
            role=texts.plain(f"role.{member.role}"),
            agency=member.agency.name if member.agency else texts.plain("whoami.no_agency"),
            user_id=member.telegram_user_id,
        )
    )


async def unknown_command(update: Update, context: BotContext) -> None:
    """An unknown /command in a private chat gets a pointer to /help."""
    chat = update.effective_chat
    if chat is not None and chat.type == ChatType.PRIVATE and update.effective_message:
        texts = context.texts
        member = await current_member(update, context)
        key = "unknown_command" if member else "stranger_hint"
        await update.effective_message.reply_text(texts(key))


MAX_COMMAND_CHARS = 2000  # longer than any command needs (a /request note included)


async def overlong_command(update: Update, context: BotContext) -> None:
    """A command longer than any command needs gets one line naming the limit, and goes no
    further: nothing is parsed, saved or echoed back."""
    message = update.effective_message
    text = message.text if message is not None else None
    if message is None or text is None or len(text) <= MAX_COMMAND_CHARS:
        return
    texts = context.texts
    await message.reply_text(texts("command.too_long", length=len(text), limit=MAX_COMMAND_CHARS))
    raise ApplicationHandlerStop
