"""The command list: who may use which command, for handlers, /help and the menus."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from domain.status import Role
from storage.models import Member
from texts import Texts


@dataclass(frozen=True)
class CommandSpec:
    name: str
    role: Role
    text_key: str


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("start", Role.OFFICER, "cmd.start"),
    CommandSpec("help", Role.OFFICER, "cmd.help"),
    CommandSpec("whoami", Role.OFFICER, "cmd.whoami"),
    CommandSpec("tasks", Role.OFFICER, "cmd.tasks"),
    CommandSpec("report", Role.OFFICER, "cmd.report"),
    CommandSpec("reminders", Role.OFFICER, "cmd.reminders"),
    CommandSpec("summary", Role.COORDINATOR, "cmd.summary"),
    CommandSpec("missing", Role.COORDINATOR, "cmd.missing"),
    CommandSpec("blockers", Role.COORDINATOR, "cmd.blockers"),
    CommandSpec("task", Role.COORDINATOR, "cmd.task"),
    CommandSpec("export", Role.COORDINATOR, "cmd.export"),
    CommandSpec("chart", Role.COORDINATOR, "cmd.chart"),
    CommandSpec("targets", Role.COORDINATOR, "cmd.targets"),
    CommandSpec("request", Role.COORDINATOR, "cmd.request"),
    CommandSpec("linkgroup", Role.COORDINATOR, "cmd.linkgroup"),
    CommandSpec("agencies", Role.COORDINATOR, "cmd.agencies"),
    CommandSpec("web", Role.COORDINATOR, "cmd.web"),
    CommandSpec("group", Role.COORDINATOR, "cmd.group"),
    CommandSpec("province", Role.COORDINATOR, "cmd.province"),
    CommandSpec("plans", Role.ADMIN, "cmd.plans"),
    CommandSpec("invite", Role.ADMIN, "cmd.invite"),
    CommandSpec("members", Role.ADMIN, "cmd.members"),
    CommandSpec("assign", Role.ADMIN, "cmd.assign"),
    CommandSpec("target", Role.ADMIN, "cmd.target"),
    CommandSpec("unassign", Role.ADMIN, "cmd.unassign"),
    CommandSpec("revoke", Role.ADMIN, "cmd.revoke"),
    CommandSpec("merge", Role.ADMIN, "cmd.merge"),
    CommandSpec("dayoff", Role.ADMIN, "cmd.dayoff"),
    CommandSpec("calendar", Role.ADMIN, "cmd.calendar"),
    CommandSpec("workday", Role.ADMIN, "cmd.workday"),
    CommandSpec("onboarding", Role.ADMIN, "cmd.onboarding"),
)


def commands_for(role: Role) -> list[CommandSpec]:
    return [spec for spec in COMMANDS if role.allows(spec.role)]


def bot_commands(texts: Texts, role: Role) -> list[BotCommand]:
    return [BotCommand(spec.name, texts.plain(spec.text_key)) for spec in commands_for(role)]


async def register_default_commands(bot: Bot, texts: Texts) -> None:
    """Everyone sees the officer menu; coordinators and admins get their own per chat."""
    await bot.set_my_commands(bot_commands(texts, Role.OFFICER), scope=BotCommandScopeDefault())


async def register_member_commands(bot: Bot, texts: Texts, members: list[Member]) -> None:
    """At start: the menus of coordinators and admins (officers see the default one)."""
    for member in members:
        if member.role != Role.OFFICER.value and member.active:
            await refresh_member_commands(bot, texts, member)


async def refresh_member_commands(bot: Bot, texts: Texts, member: Member) -> None:
    """Give this member's private chat the menu of their role (best effort)."""
    with contextlib.suppress(TelegramError):
        await bot.set_my_commands(
            bot_commands(texts, Role(member.role)),
            scope=BotCommandScopeChat(member.telegram_user_id),
        )
