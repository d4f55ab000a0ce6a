"""Onboarding: `dondoc onboarding letter|link|revoke|status` (join links, the letter, tracking)."""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path
from typing import Any

from access.members import parse_duration
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
from onboarding.letter import (
    file_stem,
    prepare_letter,
    write_letter,
    write_link_list,
)
from onboarding.links import (
    DEFAULT_CAPACITY,
    MAX_CAPACITY,
    create_join_link,
    revoke_links,
)
from onboarding.tracking import onboarding_status
from plans.registry import find_agency
from plans.store import find_plan
from storage.db import Database


def _lifetime(text: str) -> timedelta:
    lifetime = parse_duration(text)
    if lifetime is None:
        raise CliError(f"--expires: cannot read «{text}»; write e.g. 30d, 48h")
    return lifetime


def _capacity(value: int) -> int:
    if not 1 <= value <= MAX_CAPACITY:
        raise CliError(f"--capacity must be between 1 and {MAX_CAPACITY}")
    return value


async def cmd_letter(settings: Settings, args: argparse.Namespace) -> None:
    lifetime, capacity = _lifetime(args.expires), _capacity(args.capacity)
    out = Path(args.out)

    async def work(db: Database) -> None:
        username = await bot_username(db, settings, args.bot_username)
        svc = make_services(settings, db)
        async with db.transaction() as session:
            plan = await find_plan(session, args.plan)
            if plan is None:
                raise CliError(f"unknown plan «{args.plan}» (see `dondoc plans`)")
            entries, info = await prepare_letter(
                session,
                plan,
                bot_username=username,
                link_for=lambda token: deep_link(username, token),
                created_by=None,
                now=svc.now(),
                capacity=capacity,
                lifetime=lifetime,
            )
        if not entries:
            raise CliError(f"plan {info.plan_number} has no tasks assigned to any agency yet")
        out.mkdir(parents=True, exist_ok=True)
        stem = file_stem(info.plan_number)
        lang, tz = settings.language, settings.tz
        word = out / f"cong-van-can-bo-dau-moi-{stem}.docx"
        word.write_bytes(write_letter(entries, info, svc.now(), tz, lang))
        excel = out / f"duong-dan-tham-gia-{stem}.xlsx"
        excel.write_bytes(write_link_list(entries, info, tz, lang))
        print(
            f"{len(entries)} agencies, up to {capacity} officers each, links valid until "
            f"{entries[0].expires_at.astimezone(tz):%d/%m/%Y}"
        )
        print(word)
        print(excel)

    await with_database(settings, work)


async def cmd_link(settings: Settings, args: argparse.Namespace) -> None:
    lifetime, capacity = _lifetime(args.expires), _capacity(args.capacity)

    async def work(db: Database) -> None:
        username = await bot_username(db, settings, args.bot_username)
        async with db.transaction() as session:
            lookup = await find_agency(session, args.agency)
            if lookup.agency is None:
                raise CliError(f"unknown agency «{args.agency}»{agency_hint(lookup.suggestions)}")
            created = await create_join_link(
                session,
                agency=lookup.agency,
                created_by=None,
                now=make_services(settings, db).now(),
                capacity=capacity,
                lifetime=lifetime,
            )
        print(
            f"join link for {lookup.agency.name}, up to {capacity} officers, "
            f"expires {created.link.expires_at.astimezone(settings.tz):%d/%m/%Y %H:%M}"
        )
        print(deep_link(username, created.token))

    await with_database(settings, work)


async def cmd_revoke(settings: Settings, args: argparse.Namespace) -> None:
    async def work(db: Database) -> None:
        async with db.transaction() as session:
            lookup = await find_agency(session, args.agency)
            if lookup.agency is None:
                raise CliError(f"unknown agency «{args.agency}»{agency_hint(lookup.suggestions)}")
            count = await revoke_links(
                session, lookup.agency, None, make_services(settings, db).now()
            )
        print(f"revoked {count} join link(s) of {lookup.agency.name}")

    await with_database(settings, work)


async def cmd_status(settings: Settings, args: argparse.Namespace) -> None:
    async def work(db: Database) -> None:
        async with db.transaction() as session:
            plan = await find_plan(session, args.plan) if args.plan else None
            if args.plan and plan is None:
                raise CliError(f"unknown plan «{args.plan}» (see `dondoc plans`)")
            status = await onboarding_status(session, make_services(settings, db).now(), plan)
        print(f"{len(status.with_officers)}/{len(status.agencies)} agencies have an officer")
        for agency in status.agencies:
            if not agency.officers:
                print(
                    f"  MISSING  {agency.agency} ({agency.live_links} live link(s), "
                    f"{agency.seats_left} seat(s) left)"
                )
            for officer in agency.officers:
                position = f", {officer.position}" if officer.position else ""
                joined = officer.joined_at.astimezone(settings.tz)
                print(
                    f"  ok       {agency.agency}: {officer.name}{position}, "
                    f"joined {joined:%d/%m/%Y %H:%M}"
                )

    await with_database(settings, work)


def register(sub: Any) -> None:
    onboarding = sub.add_parser(
        "onboarding", help="focal officers: the letter with join links, tracking, revoking"
    )
    actions = onboarding.add_subparsers(dest="action", required=True)

    def limits(parser: Any) -> None:
        parser.add_argument(
            "--capacity",
            type=int,
            default=DEFAULT_CAPACITY,
            help=f"officers each link admits (default {DEFAULT_CAPACITY})",
        )
        parser.add_argument("--expires", default="30d", help="lifetime (default 30d)")
        add_bot_username_option(parser)

    letter = actions.add_parser(
        "letter", help="the công văn (Word) and link list (Excel), one join link per agency"
    )
    letter.add_argument("--plan", required=True, help="plan number, e.g. 151")
    letter.add_argument("--out", default=".", help="folder for the two files (default .)")
    limits(letter)
    letter.set_defaults(handler=cmd_letter)
    link = actions.add_parser("link", help="a join link for one agency")
    link.add_argument("--agency", required=True)
    limits(link)
    link.set_defaults(handler=cmd_link)
    revoke = actions.add_parser("revoke", help="revoke the live join links of an agency")
    revoke.add_argument("--agency", required=True)
    revoke.set_defaults(handler=cmd_revoke)
    status = actions.add_parser("status", help="which agencies have officers, who joined when")
    status.add_argument("--plan", help="only the agencies of this plan")
    status.set_defaults(handler=cmd_status)
