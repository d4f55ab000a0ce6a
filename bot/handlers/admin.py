"""Admin handlers: invites, and (later) plans, agencies, assignments and members."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.ext import ContextTypes

from access.members import DEFAULT_INVITE_LIFETIME, create_invite, parse_duration
from bot.context import services
from bot.guards import requires
from bot.links import deep_link
from bot.render import agency_not_found, local_time
from domain.status import Role
from plans.registry import find_agency
from storage.models import Member


def split_invite_args(args: list[str]) -> tuple[str, str, str | None] | None:
    """ "<agency words…> <role> [lifetime]" → (agency, role, lifetime)."""
    roles = {r.value for r in Role}
    for i in range(len(args) - 1, 0, -1):
        if args[i].lower() in roles:
            if len(args) > i + 2:
                return None
            lifetime = args[i + 1] if i + 1 < len(args) else None
            return " ".join(args[:i]), args[i].lower(), lifetime
    return None


@requires(Role.ADMIN)
async def invite(update: Update, context: ContextTypes.DEFAULT_TYPE, member: Member) -> None:
    """/invite <agency> <role> [7d]: a one-time deep link for someone of that agency."""
    svc, texts = services(context), services(context).texts
    message = update.effective_message
    parsed = split_invite_args(context.args or [])
    if message is None:
        return
    if parsed is None:
        await message.reply_text(texts("invite.usage"))
        return
    agency_name, role, lifetime_text = parsed
    lifetime: timedelta | None = DEFAULT_INVITE_LIFETIME
    if lifetime_text is not None:
        lifetime = parse_duration(lifetime_text)
        if lifetime is None:
            await message.reply_text(texts("invite.bad_duration", value=lifetime_text))
            return
    async with svc.db.transaction() as session:
        lookup = await find_agency(session, agency_name)
        if lookup.agency is None:
            await message.reply_text(agency_not_found(texts, agency_name, lookup.suggestions))
            return
        created = await create_invite(
            session, agency=lookup.agency, role=Role(role), created_by=member, lifetime=lifetime
        )
    link = deep_link(context.bot.username, created.token)
    await message.reply_text(
        texts(
            "invite.created",
            agency=lookup.agency.name,
            role=texts.plain(f"role.{role}"),
            expires=local_time(created.invite.expires_at, svc.settings.tz),
            link=link,
        )
    )
