"""People: `dondoc invite`, `members`, `revoke`."""

from __future__ import annotations

import argparse
from typing import Any

from access.members import DEFAULT_INVITE_LIFETIME, create_invite, parse_duration
from bot.cli.common import (
    CliError,
    add_bot_username_option,
    bot_username,
    plain,
    print_json,
    say,
    texts_for,
    unknown_agency,
    with_database,
)
from bot.links import deep_link
from bot.render import local_time, member_line
from bot.settings import Settings
from domain.status import Role
from plans.registry import find_agency
from runtime.services import make_services
from storage.db import Database


async def cmd_invite(settings: Settings, args: argparse.Namespace) -> None:
    texts = texts_for(settings)
    lifetime = parse_duration(args.expires) if args.expires else DEFAULT_INVITE_LIFETIME
    if lifetime is None:
        raise CliError(say(texts, "cli.invite.bad_expires", value=args.expires))

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            lookup = await find_agency(session, args.agency)
            if lookup.agency is None:
                raise CliError(unknown_agency(texts, args.agency, lookup.suggestions))
            created = await create_invite(
                session,
                agency=lookup.agency,
                role=Role(args.role),
                created_by=None,
                lifetime=lifetime,
                now=make_services(settings, db).now(),
            )
        username = await bot_username(db, settings, args.bot_username)
        expires = local_time(created.row.expires_at, settings.tz)
        role = texts.plain(f"role.{args.role}")
        print(
            say(texts, "cli.invite.created", agency=lookup.agency.name, role=role, expires=expires)
        )
        print(deep_link(username, created.token))

    await with_database(settings, work)


async def cmd_members(settings: Settings, args: argparse.Namespace) -> None:
    """Who is in the bot, as /members shows it (or --json)."""
    from sqlalchemy import select

    from storage.models import Member

    texts = texts_for(settings)

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            members = (await session.scalars(select(Member).order_by(Member.id))).all()
            rows = [(m, m.agency.name if m.agency else None) for m in members]
        if args.json:
            print_json(
                [
                    {
                        "telegram_user_id": m.telegram_user_id,
                        "name": m.full_name,
                        "role": m.role,
                        "agency": agency,
                        "active": m.active,
                        "reachable": m.reachable,
                        "reminders_opt_out": m.reminders_opt_out,
                    }
                    for m, agency in rows
                ]
            )
            return
        if not rows:
            print(say(texts, "cli.members.none"))
            return
        print(say(texts, "members.header", count=len(rows)))
        for m, _agency in rows:
            print(plain(member_line(texts, m)))

    await with_database(settings, work)


async def cmd_revoke(settings: Settings, args: argparse.Namespace) -> None:
    from sqlalchemy import select

    from access.members import revoke
    from storage.models import Member

    texts = texts_for(settings)

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            member = await session.scalar(
                select(Member).where(Member.telegram_user_id == args.telegram_id)
            )
            if member is None:
                raise CliError(say(texts, "cli.revoke.unknown", who=args.telegram_id))
            await revoke(session, member, None)
        print(say(texts, "revoke.done", name=member.full_name))

    await with_database(settings, work)


def register(sub: Any) -> None:
    invite = sub.add_parser("invite", help="create a one-time invite link")
    invite.add_argument("--agency", required=True)
    invite.add_argument("--role", required=True, choices=[r.value for r in Role])
    invite.add_argument("--expires", default="7d", help="lifetime, e.g. 7d, 48h (default 7d)")
    add_bot_username_option(invite)
    invite.set_defaults(handler=cmd_invite)
    members = sub.add_parser("members", help="list members")
    members.add_argument("--json", action="store_true", help="print one JSON array")
    members.set_defaults(handler=cmd_members)
    rev = sub.add_parser("revoke", help="revoke a member by Telegram id")
    rev.add_argument("telegram_id", type=int)
    rev.set_defaults(handler=cmd_revoke)
