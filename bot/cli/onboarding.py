"""Onboarding: `dondoc onboarding letter|link|revoke|status` (join links, the letter, tracking)."""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path
from typing import Any

from access.members import parse_duration
from bot.cli.common import (
    CliError,
    add_bot_username_option,
    bot_username,
    say,
    texts_for,
    unknown_agency,
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
from runtime.services import make_services
from storage.db import Database
from texts import Texts


def _lifetime(texts: Texts, text: str) -> timedelta:
    lifetime = parse_duration(text)
    if lifetime is None:
        raise CliError(say(texts, "cli.onboarding.bad_expires", value=text))
    return lifetime


def _capacity(texts: Texts, value: int) -> int:
    if not 1 <= value <= MAX_CAPACITY:
        raise CliError(say(texts, "cli.onboarding.bad_capacity", max=MAX_CAPACITY))
    return value


async def cmd_letter(settings: Settings, args: argparse.Namespace) -> None:
    texts = texts_for(settings)
    lifetime, capacity = _lifetime(texts, args.expires), _capacity(texts, args.capacity)
    out = Path(args.out)

    async def work(db: Database) -> None:
        username = await bot_username(db, settings, args.bot_username)
        svc = make_services(settings, db)
        async with db.transaction() as session:
            plan = await find_plan(session, args.plan)
            if plan is None:
                raise CliError(say(texts, "cli.unknown_plan", value=args.plan))
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
            raise CliError(say(texts, "onboarding.no_agencies", plan=info.plan_number))
        out.mkdir(parents=True, exist_ok=True)
        stem = file_stem(info.plan_number)
        lang, tz = settings.language, settings.tz
        word = out / f"cong-van-can-bo-dau-moi-{stem}.docx"
        word.write_bytes(write_letter(entries, info, svc.now(), tz, lang))
        excel = out / f"duong-dan-tham-gia-{stem}.xlsx"
        excel.write_bytes(write_link_list(entries, info, tz, lang))
        expires = f"{entries[0].expires_at.astimezone(tz):%d/%m/%Y}"
        print(
            say(
                texts,
                "cli.onboarding.letter",
                count=len(entries),
                capacity=capacity,
                expires=expires,
            )
        )
        print(word)
        print(excel)

    await with_database(settings, work)


async def cmd_link(settings: Settings, args: argparse.Namespace) -> None:
    texts = texts_for(settings)
    lifetime, capacity = _lifetime(texts, args.expires), _capacity(texts, args.capacity)

    async def work(db: Database) -> None:
        username = await bot_username(db, settings, args.bot_username)
        async with db.transaction() as session:
            lookup = await find_agency(session, args.agency)
            if lookup.agency is None:
                raise CliError(unknown_agency(texts, args.agency, lookup.suggestions))
            created = await create_join_link(
                session,
                agency=lookup.agency,
                created_by=None,
                now=make_services(settings, db).now(),
                capacity=capacity,
                lifetime=lifetime,
            )
        expires = f"{created.link.expires_at.astimezone(settings.tz):%d/%m/%Y %H:%M}"
        print(
            say(
                texts,
                "cli.onboarding.link",
                agency=lookup.agency.name,
                capacity=capacity,
                expires=expires,
            )
        )
        print(deep_link(username, created.token))

    await with_database(settings, work)


async def cmd_revoke(settings: Settings, args: argparse.Namespace) -> None:
    texts = texts_for(settings)

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            lookup = await find_agency(session, args.agency)
            if lookup.agency is None:
                raise CliError(unknown_agency(texts, args.agency, lookup.suggestions))
            count = await revoke_links(
                session, lookup.agency, None, make_services(settings, db).now()
            )
        print(say(texts, "onboarding.revoked", count=count, agency=lookup.agency.name))

    await with_database(settings, work)


async def cmd_status(settings: Settings, args: argparse.Namespace) -> None:
    texts = texts_for(settings)

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            plan = await find_plan(session, args.plan) if args.plan else None
            if args.plan and plan is None:
                raise CliError(say(texts, "cli.unknown_plan", value=args.plan))
            status = await onboarding_status(session, make_services(settings, db).now(), plan)
        ready, total = len(status.with_officers), len(status.agencies)
        print(say(texts, "cli.onboarding.status", ready=ready, total=total))
        for agency in status.agencies:
            if not agency.officers:
                print(
                    say(
                        texts,
                        "cli.onboarding.missing",
                        agency=agency.agency,
                        links=agency.live_links,
                        seats=agency.seats_left,
                    )
                )
            for officer in agency.officers:
                position = f", {officer.position}" if officer.position else ""
                joined = officer.joined_at.astimezone(settings.tz)
                print(
                    say(
                        texts,
                        "cli.onboarding.officer",
                        agency=agency.agency,
                        name=officer.name,
                        position=position,
                        joined=f"{joined:%d/%m/%Y %H:%M}",
                    )
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
