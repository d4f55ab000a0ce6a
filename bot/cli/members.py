"""People: `dondoc invite`, `members`, `revoke`."""

from __future__ import annotations

import argparse
from typing import Any

from access.members import DEFAULT_INVITE_LIFETIME, create_invite, parse_duration
from bot.app import make_services
from bot.cli.common import (
    CliError,
    add_bot_username_option,
    agency_hint,
    bot_username,
    with_database,
)
from bot.links import deep_link
from bot.settings import Settings
from domain.status import Role
from plans.registry import find_agency
from storage.db import Database


async def cmd_invite(settings: Settings, args: argparse.Namespace) -> None:
    lifetime = parse_duration(args.expires) if args.expires else DEFAULT_INVITE_LIFETIME
    if lifetime is None:
        raise CliError(f"--expires: cannot read «{args.expires}»; write e.g. 7d, 48h or 30m")

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            lookup = await find_agency(session, args.agency)
            if lookup.agency is None:
                hint = agency_hint(lookup.suggestions)
                raise CliError(
                    f"unknown agency «{args.agency}»{hint} (add it with `dondoc agency add`)"
                )
            created = await create_invite(
                session,
                agency=lookup.agency,
                role=Role(args.role),
                created_by=None,
                lifetime=lifetime,
                now=make_services(settings, db).now(),
            )
        username = await bot_username(db, settings, args.bot_username)
        print(
            f"invite for {lookup.agency.name} as {args.role}, expires {created.invite.expires_at}"
        )
        print(deep_link(username, created.token))

    await with_database(settings, work)


async def cmd_members(settings: Settings, args: argparse.Namespace) -> None:
    from sqlalchemy import select

    from storage.models import Member

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            for m in (await session.scalars(select(Member).order_by(Member.id))).all():
                state = "active" if m.active else "revoked"
                agency = m.agency.name if m.agency else "-"
                print(f"{m.telegram_user_id}\t{m.role}\t{agency}\t{m.full_name}\t{state}")

    await with_database(settings, work)


async def cmd_revoke(settings: Settings, args: argparse.Namespace) -> None:
    from sqlalchemy import select

    from access.members import revoke
    from storage.models import Member

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            member = await session.scalar(
                select(Member).where(Member.telegram_user_id == args.telegram_id)
            )
            if member is None:
                raise CliError(f"no member with Telegram id {args.telegram_id}")
            await revoke(session, member, None)
        print(f"revoked {member.full_name}")

    await with_database(settings, work)


def register(sub: Any) -> None:
    invite = sub.add_parser("invite", help="create a one-time invite link")
    invite.add_argument("--agency", required=True)
    invite.add_argument("--role", required=True, choices=[r.value for r in Role])
    invite.add_argument("--expires", default="7d", help="lifetime, e.g. 7d, 48h (default 7d)")
    add_bot_username_option(invite)
    invite.set_defaults(handler=cmd_invite)
    sub.add_parser("members", help="list members").set_defaults(handler=cmd_members)
    rev = sub.add_parser("revoke", help="revoke a member by Telegram id")
    rev.add_argument("telegram_id", type=int)
    rev.set_defaults(handler=cmd_revoke)
