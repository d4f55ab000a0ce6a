"""The province and its groups from the terminal: `dondoc setup --province`, `dondoc group`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bot.cli.common import CliError, plain, print_json, say, texts_for, with_database
from bot.cli.plans import cli_clock
from bot.settings import Settings
from periods.schedule import owed_from_when_added
from storage.db import Database


async def cmd_setup(settings: Settings, args: argparse.Namespace) -> None:
    """Name the province this deployment serves and load its current agencies, communes and
    wards; a former province is refused with its successor, an unknown name with close ones."""
    from plans import admin_units
    from plans.registry import (
        FormerProvince,
        ProvinceAlreadySet,
        UnknownProvince,
        choose_province,
        setup_province,
    )
    from plans.starter import load_directory as load_starter_directory

    texts = texts_for(settings)
    starter = load_starter_directory()
    try:
        choose_province(args.province)  # refused before any database is created
    except FormerProvince as exc:
        raise CliError(
            say(texts, "province.former", former=exc.former, province=exc.successor)
        ) from exc
    except UnknownProvince as exc:
        message = say(texts, "province.not_found", province=exc.name)
        if exc.suggestions:
            message += say(texts, "province.did_you_mean", names=", ".join(exc.suggestions))
        raise CliError(message) from exc

    async def work(db: Database) -> None:
        try:
            async with db.transaction() as session:
                at = await cli_clock(settings, session)
                done = await setup_province(
                    session,
                    args.province,
                    starter,
                    owed_from=owed_from_when_added(at.today, at.calendar),
                )
        except ProvinceAlreadySet as exc:
            raise CliError(
                say(texts, "province.other", current=exc.current, province=args.province)
            ) from exc
        print(
            say(
                texts,
                "province.set",
                province=done.province,
                agencies=done.result.agencies_added,
                former=done.result.former_added,
                groups=done.result.groups_added,
            )
        )
        print(
            say(texts, "province.communes", count=done.communes, source=admin_units.PACKAGE)
            + f" {admin_units.data_version()}"
        )

    await with_database(settings, work, create=True)  # the first command of a deployment


async def cmd_group(settings: Settings, args: argparse.Namespace) -> None:
    """List the groups, show one's members, add or remove one, or fill it from a spreadsheet."""
    from plans.communes import CommuneFileError, read_names
    from plans.registry import (
        change_group_member,
        find_agency,
        groups_with_members,
        import_group_members,
    )

    texts = texts_for(settings)

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            views = await groups_with_members(session, areas=bool(args.name or args.json))
            if not args.name:
                if args.json:
                    print_json(
                        [
                            {
                                "group": v.group.name,
                                "members": [a.name for a in v.members],
                                "source": (v.group.facts or {}).get("source", ""),
                                "verified": bool((v.group.facts or {}).get("verified")),
                            }
                            for v in views
                        ]
                    )
                    return
                print(say(texts, "group.header", count=len(views)))
                for v in views:
                    unverified = (
                        ""
                        if (v.group.facts or {}).get("verified")
                        else texts.plain("fact.unverified")
                    )
                    print(
                        say(
                            texts,
                            "group.line",
                            name=v.group.name,
                            count=len(v.members),
                            source=unverified,
                        )
                    )
                return
            group = (await find_agency(session, args.name)).group
            if group is None:
                raise CliError(say(texts, "group.unknown", name=args.name))
            if args.import_file:
                path = Path(args.import_file)
                try:
                    names = read_names(path.read_bytes(), path.name)
                except (OSError, CommuneFileError) as exc:
                    raise CliError(say(texts, "group.import_error", error=str(exc))) from exc
                at = await cli_clock(settings, session)
                result = await import_group_members(
                    session,
                    group.name,
                    names,
                    source=path.name,
                    owed_from=owed_from_when_added(at.today, at.calendar),
                )
                print(
                    say(
                        texts,
                        "group.imported",
                        group=result.group,
                        added=len(result.added),
                        already=len(result.already),
                        skipped=len(result.skipped),
                    )
                )
                return
            for name, add in [(n, True) for n in args.add] + [(n, False) for n in args.remove]:
                lookup = await find_agency(session, name)
                if lookup.agency is None:
                    raise CliError(say(texts, "agency.unknown", name=name))
                at = await cli_clock(settings, session)
                changed = await change_group_member(
                    session,
                    group,
                    lookup.agency,
                    add=add,
                    owed_from=owed_from_when_added(at.today, at.calendar),
                )
                key = ("group.added" if add else "group.removed") if changed else "group.unchanged"
                state = texts.plain("group.state_in" if add else "group.state_out")
                print(say(texts, key, agency=lookup.agency.name, group=group.name, state=state))
            if args.add or args.remove:
                return
            members = next((v.members for v in views if v.group.id == group.id), [])
            if args.json:
                print_json({"group": group.name, "members": [a.name for a in members]})
                return
            unverified = (
                "" if (group.facts or {}).get("verified") else texts.plain("fact.unverified")
            )
            print(
                say(texts, "group.members", name=group.name, count=len(members), source=unverified)
            )
            for agency in members:
                print(say(texts, "group.member", name=agency.name))
            if not members:
                print(say(texts, "group.empty", name=group.name))

    await with_database(settings, work)


async def cmd_calendar(settings: Settings, args: argparse.Namespace) -> None:
    """The working calendar the bot uses for a year: holidays, swaps, declared days, and each
    period's cut-off and default deadline."""
    from datetime import datetime

    from bot.calendar_view import calendar_lines, load_year
    from periods.store import load_calendar

    texts = texts_for(settings)
    year = args.year or datetime.now(settings.tz).year
    if not 1901 <= year <= 2100:
        raise CliError(say(texts, "workcal.usage"))

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            calendar = await load_calendar(session, **settings.calendar_settings)
            cal = await load_year(session, calendar, year)
        for line in calendar_lines(texts, cal):
            print(plain(line))

    await with_database(settings, work, create=True)


def register(sub: Any) -> None:
    setup = sub.add_parser(
        "setup", help="name the province this deployment serves and load its current agencies"
    )
    setup.add_argument("--province", required=True, help='e.g. "Quảng Ngãi"')
    setup.set_defaults(handler=cmd_setup)

    calendar = sub.add_parser(
        "calendar", help="the working calendar the bot uses: holidays, swaps, deadlines"
    )
    calendar.add_argument("year", nargs="?", type=int, help="e.g. 2026 (default: this year)")
    calendar.set_defaults(handler=cmd_calendar)

    group = sub.add_parser("group", help="agency groups: list, members, add/remove, import a list")
    group.add_argument("name", nargs="?", help='a group, e.g. "UBND các xã, phường"')
    group.add_argument("--add", action="append", default=[], metavar="AGENCY")
    group.add_argument("--remove", action="append", default=[], metavar="AGENCY")
    group.add_argument(
        "--import",
        dest="import_file",
        metavar="FILE",
        help="fill the group from an .xlsx or .csv list (one name a row; communes and wards)",
    )
    group.add_argument("--json", action="store_true")
    group.set_defaults(handler=cmd_group)
