"""Editing the message a button belongs to, falling back to a new message when Telegram
cannot edit it (too old, deleted, unchanged)."""

from __future__ import annotations

import contextlib

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot import keyboards
from bot.context import BotContext
from bot.render import split_message


async def edit(
    query: CallbackQuery, text: str, reply_markup: InlineKeyboardMarkup | None = None
) -> None:
    try:
        await query.edit_message_text(text, reply_markup=reply_markup)
    except BadRequest as exc:
        if "not modified" in exc.message.lower():
            return
        await query.get_bot().send_message(query.from_user.id, text, reply_markup=reply_markup)


async def clear_buttons(query: CallbackQuery) -> None:
    with contextlib.suppress(BadRequest):
        await query.edit_message_reply_markup(None)


async def stale_button(update: Update, context: BotContext) -> None:
    """A button whose data is old, forged or unknown: say so, change nothing."""
    if update.callback_query is not None:
        texts = context.texts
        with contextlib.suppress(BadRequest):
            await update.callback_query.answer(
                texts.plain("report.expired_button"), show_alert=True
            )


async def pressed(update: Update, context: BotContext) -> list[str] | None:
    """The parts of a pressed button's data, the press acknowledged; None (and the user told)
    when the data is old, forged or unknown."""
    query = update.callback_query
    if query is None or not keyboards.valid(query.data):
        await stale_button(update, context)
        return None
    await query.answer()
    return keyboards.split(query.data or "")


async def reply_lines(message: Message, lines: list[str]) -> None:
    """Answer with rows split into as many messages as Telegram's limit needs."""
    for chunk in split_message(lines):
        await message.reply_text(chunk)
