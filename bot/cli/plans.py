"""Plans and the agency directory: `dondoc import`, `plans`, `agency …`, `assign`, `unassign`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.cli.common import (
    CliError,
    missing_database,
    plain,
    plan_for,
    print_json,
    say,
    texts_for,
    unknown_agency,
    with_database,
)
from bot.settings import Settings
from plans.registry import AgencyConflict, add_agency, find_agency
from storage.db import Database
from texts import Texts


async def cmd_agency_add(settings: Settings, args: argparse.Namespace) -> None:
    texts = texts_for(settings)

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            try:
                agency = await add_agency(
                    session, args.name, short_name=args.short, aliases=args.alias, kind=args.kind
                )
            except AgencyConflict as exc:
                raise CliError(
                    say(texts, "cli.agency.conflict", name=exc.name, existing=exc.existing)
                ) from exc
        print(say(texts, "cli.agency.added", id=agency.id, name=agency.name))

    await with_database(settings, work, create=True)


def describe_plan_error(exc: Exception, settings: Settings) -> str:
    """The bot's own words for a document it cannot read, as terminal text."""
    from bot.handlers.imports import document_error_text

    return plain(document_error_text(texts_for(settings), exc, settings.max_upload_mb))


def read_plan_file(path: str, settings: Settings) -> Any:
    from pathlib import Path

    from plans.document import DocumentError
    from plans.loading import read_plan
    from plans.planfile import PlanFileError

    texts = texts_for(settings)
    file = Path(path)
    if not file.is_file():
        raise CliError(say(texts, "cli.no_file", path=path))
    try:
        return read_plan(file.read_bytes(), file.name, max_bytes=settings.max_upload_mb * 1_000_000)
    except (DocumentError, PlanFileError) as exc:
        reason = describe_plan_error(exc, settings)
        raise CliError(say(texts, "cli.import.unreadable", path=path, reason=reason)) from exc


def parse_fixes(values: list[str], texts: Texts) -> dict[str, str]:
    fixes = {}
    for value in values:
        written, sep, target = value.partition("=")
        if not sep or not written.strip() or not target.strip():
            raise CliError(say(texts, "cli.import.bad_fix", value=value))
        fixes[written.strip()] = target.strip()
    return fixes


async def cmd_import(settings: Settings, args: argparse.Namespace) -> None:
    """Preview (--dry-run) or save a plan from a document or a YAML plan file."""
    import json

    from plans.calendar_choice import read_start
    from plans.registry import is_empty, load_directory, starter_snapshot
    from plans.starter import load_directory as load_starter_directory
    from plans.store import (
        AmendedPlanMissing,
        ImportChoice,
        UnresolvedAgencies,
        existing_plan,
        preview_plan,
        save_plan,
    )

    texts = texts_for(settings)
    draft = read_plan_file(args.file, settings)
    fixes = parse_fixes(args.fix, texts)
    choice = ImportChoice(
        take=frozenset(args.take), take_all=args.take_all, remove=args.remove_missing
    )
    if args.start_from:
        start = read_start(args.start_from)
        if start is None:
            raise CliError(say(texts, "cli.import.bad_start", value=args.start_from))
        draft.reporting.starts_from = start.key

    async def preview(db: Database) -> None:
        async with db.sessions() as session:
            directory = (
                starter_snapshot(load_starter_directory())
                if await is_empty(session)
                else await load_directory(session)
            )
            at = await cli_clock(settings, session)
            result = await preview_plan(session, draft, directory=directory, at=at)
        if args.json:
            payload = result.to_json()
            # what an amending plan changes in the plan it amends, and the reporting clause
            payload.setdefault("amends", draft.amends and draft.amends.model_dump(mode="json"))
            payload.setdefault("reporting", draft.reporting.model_dump(mode="json"))
            print(json.dumps(payload, ensure_ascii=False, indent=1))
        else:
            print_preview(texts, result)

    async def work(db: Database) -> None:
        try:
            async with db.transaction() as session:
                if args.start_from and draft.amends is None:
                    saved = await existing_plan(session, draft.plan.number)
                    if saved is not None:
                        print(say(texts, "cli.import.start_kept", number=saved.number))
                result = await save_plan(
                    session,
                    draft,
                    fixes=fixes,
                    create_missing=args.create_agencies,
                    choice=choice,
                    at=await cli_clock(settings, session),
                )
        except AmendedPlanMissing as exc:
            raise CliError(plain(texts("import.amend.missing", target=exc.number))) from exc
        except UnresolvedAgencies as exc:
            lines = [say(texts, "cli.import.unresolved")]
            for u in exc.unmatched:
                hint = (
                    say(texts, "cli.hint", names=", ".join(u.suggestions)) if u.suggestions else ""
                )
                refs = ", ".join(u.refs) or "—"
                lines.append(
                    say(texts, "cli.import.unresolved_line", name=u.name, refs=refs, hint=hint)
                )
            lines.append(say(texts, "cli.import.unresolved_help"))
            raise CliError("\n".join(lines)) from exc
        from bot.handlers.import_preview import saved_text

        print(plain(saved_text(texts, result, terminal=True)))

    if args.dry_run:
        await read_only(settings, preview, texts)
        return
    await with_database(settings, work, create=True)


async def read_only(settings: Settings, work: Any, texts: Texts) -> None:
    """Run a preview on the database, or, where there is none yet (a SQLite file not made),
    on a throwaway one that is removed afterwards: a preview never creates a database."""
    import tempfile
    from pathlib import Path

    if missing_database(settings) is None:
        await with_database(settings, work)
        return
    with tempfile.TemporaryDirectory(prefix="dondoc-preview-") as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'preview.sqlite3'}"
        db = Database(url)
        try:
            await db.upgrade()
            await work(db)
        finally:
            await db.dispose()
    print(say(texts, "cli.import.no_database"), file=sys.stderr)


async def cli_clock(settings: Settings, session: Any) -> Any:
    """Now, on the working calendar the bot uses (with the days an admin declared)."""
    from datetime import UTC, datetime

    from periods.store import load_calendar
    from plans.store import ImportClock

    calendar = await load_calendar(session, **settings.calendar_settings)
    return ImportClock(datetime.now(UTC), calendar)


def print_preview(texts: Texts, preview: Any) -> None:
    """What the bot would show an admin for this document, as terminal text."""
    from bot.handlers.imports import preview_lines

    for line in preview_lines(texts, preview)[:-1]:  # the last one tells about the buttons
        print(plain(line))
    print(say(texts, "cli.import.dry_run"))


async def cmd_agency_load_starter(settings: Settings, args: argparse.Namespace) -> None:
    from plans.registry import load_starter
    from plans.starter import load_directory as load_starter_directory

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            result = await load_starter(session, load_starter_directory(), province=args.province)
        texts = texts_for(settings)
        print(
            say(
                texts,
                "cli.agency.loaded",
                agencies=result.agencies_added,
                groups=result.groups_added,
            )
        )

    await with_database(settings, work, create=True)


async def cmd_agency_merge(settings: Settings, args: argparse.Namespace) -> None:
    from plans.registry import merge_agency

    texts = texts_for(settings)

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            old = await find_agency(session, args.old)
            new = await find_agency(session, args.into)
            for name, lookup in ((args.old, old), (args.into, new)):
                if lookup.agency is None:
                    raise CliError(unknown_agency(texts, name, lookup.suggestions))
            assert old.agency is not None and new.agency is not None
            if old.agency.id == new.agency.id:
                raise CliError(say(texts, "cli.agency.same", old=args.old, new=new.agency.name))
            moved = await merge_agency(session, old.agency, new.agency)
        print(say(texts, "cli.agency.moved", old=old.agency.name, new=new.agency.name, moved=moved))

    await with_database(settings, work)


async def cmd_agency_reorganise(settings: Settings, args: argparse.Namespace) -> None:
    from plans.registry import apply_successions
    from plans.starter import load_reorganisation

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            applied = await apply_successions(session, load_reorganisation())
        texts = texts_for(settings)
        for item in applied:
            print(say(texts, "cli.agency.moved", old=item.old, new=item.new, moved=item.moved))
        print(say(texts, "cli.agency.reorganised", count=len(applied)))

    await with_database(settings, work)


async def cmd_agency_list(settings: Settings, args: argparse.Namespace) -> None:
    from sqlalchemy import select

    from storage.models import Agency

    texts = texts_for(settings)

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            agencies = (await session.scalars(select(Agency).order_by(Agency.name))).all()
        if args.json:
            print_json(
                [
                    {"id": a.id, "name": a.name, "short_name": a.short_name, "active": a.active}
                    for a in agencies
                ]
            )
            return
        if not agencies:
            print(say(texts, "cli.agency.none"))
        for agency in agencies:
            state = texts.plain("cli.agency.merged") if not agency.active else ""
            short = f" [{agency.short_name}]" if agency.short_name else ""
            print(f"{agency.id:4} {agency.name}{short}{state}")

    await with_database(settings, work)


async def cmd_assign(settings: Settings, args: argparse.Namespace) -> None:
    """Assign or unassign a task to an agency from the terminal."""
    from bot.render import local_date
    from domain.status import AssignmentRole
    from periods.schedule import owed_from_when_added
    from plans.assignments import assign, find_task, unassign

    texts = texts_for(settings)

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            plan = await plan_for(session, texts, args.plan)
            task = await find_task(session, plan, args.ref)
            if task is None:
                raise CliError(say(texts, "assign.unknown_task", ref=args.ref, plan=plan.number))
            lookup = await find_agency(session, args.agency)
            if lookup.agency is None:
                raise CliError(unknown_agency(texts, args.agency, lookup.suggestions))
            if args.command == "unassign":
                changed: Any = await unassign(session, task, lookup.agency, None)
            else:
                at = await cli_clock(settings, session)
                changed = await assign(
                    session,
                    task,
                    lookup.agency,
                    AssignmentRole(args.role),
                    None,
                    owed_from=owed_from_when_added(at.today, at.calendar),
                )
        if args.command == "unassign":
            key = "unassign.done" if changed else "unassign.none"
            print(say(texts, key, ref=task.ref, agency=lookup.agency.name))
            return
        line = say(
            texts,
            "assign.done" if changed else "assign.unchanged",
            agency=lookup.agency.name,
            role=texts.plain(f"role.{args.role}"),
            ref=task.ref,
            plan=plan.number,
        )
        if changed is not None and changed.owed_from is not None:
            line += say(texts, "assign.owed_from", day=local_date(changed.owed_from))
        print(line)

    await with_database(settings, work)


async def cmd_plans(settings: Settings, args: argparse.Namespace) -> None:
    """The plans being followed up, as /plans shows them (or --json)."""
    from plans.overview import plans_overview

    texts = texts_for(settings)

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            overview = await plans_overview(session)
        if args.json:
            print_json(
                [
                    {
                        "number": item.plan.number,
                        "title": item.plan.title,
                        "tasks": item.tasks,
                        "agencies": item.agencies,
                        "coordinator": item.plan.coordinator.name
                        if item.plan.coordinator
                        else None,
                        "frequencies": item.plan.schedule.get("frequencies", ["quarterly"]),
                    }
                    for item in overview
                ]
            )
            return
        if not overview:
            print(say(texts, "cli.plans.none"))
            return
        print(say(texts, "plans.header"))
        for item in overview:
            schedule = ", ".join(
                texts.plain(f"schedule.{f}")
                for f in item.plan.schedule.get("frequencies", ["quarterly"])
            )
            print(
                say(
                    texts,
                    "plans.line",
                    number=item.plan.number,
                    title=item.plan.title,
                    tasks=item.tasks,
                    agencies=item.agencies,
                    coordinator=item.plan.coordinator.name if item.plan.coordinator else "—",
                    schedule=schedule,
                )
            )

    await with_database(settings, work)


def register(sub: Any) -> None:
    imp = sub.add_parser(
        "import", help="import a plan (.yaml plan file, .docx, .pdf, .xlsx, .csv, .txt, .md)"
    )
    imp.add_argument("file")
    imp.add_argument(
        "--dry-run", action="store_true", help="show what was understood; save nothing"
    )
    imp.add_argument("--json", action="store_true", help="with --dry-run: print one JSON object")
    imp.add_argument("--fix", action="append", default=[], help="'NAME AS WRITTEN=DIRECTORY NAME'")
    imp.add_argument("--create-agencies", action="store_true", help="add unknown names as agencies")
    imp.add_argument(
        "--remove-missing",
        action="store_true",
        help="over a saved plan: remove the tasks the new version no longer lists (kept otherwise)",
    )
    imp.add_argument(
        "--take",
        action="append",
        default=[],
        help="over a saved plan with better text: take this task's new version (ref; repeatable)",
    )
    imp.add_argument(
        "--start-from",
        metavar="PERIOD",
        help='a new plan\'s first period owed, e.g. "Tháng 1/2027" or "Quý I/2027" (default: the '
        "first whose deadline is at least 5 working days away)",
    )
    imp.add_argument(
        "--take-all",
        action="store_true",
        help="over a saved plan with better text (OCR, news write-up): take every change anyway",
    )
    imp.set_defaults(handler=cmd_import)

    plans = sub.add_parser("plans", help="list plans")
    plans.add_argument("--json", action="store_true", help="print one JSON array")
    plans.set_defaults(handler=cmd_plans)

    agency = sub.add_parser("agency", help="manage agencies").add_subparsers(dest="agency_command")
    add = agency.add_parser("add", help="add an agency to the directory")
    add.add_argument("name")
    add.add_argument("--short", help='short name, e.g. "Sở XD"')
    add.add_argument("--alias", action="append", default=[], help="another name (repeatable)")
    add.add_argument(
        "--kind",
        default="department",
        choices=["department", "board", "front", "district", "party", "other"],
    )
    add.set_defaults(handler=cmd_agency_add)
    load = agency.add_parser(
        "load-starter", help="load the starter directory of the seed provinces"
    )
    load.add_argument("--province", help="only this province's entries, e.g. 'Quảng Ngãi'")
    load.set_defaults(handler=cmd_agency_load_starter)
    merge = agency.add_parser("merge", help="pass an agency to its successor (merger or rename)")
    merge.add_argument("old")
    merge.add_argument("--into", required=True, help="the successor agency")
    merge.set_defaults(handler=cmd_agency_merge)
    listing = agency.add_parser("list", help="list agencies")
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    listing.set_defaults(handler=cmd_agency_list)
    agency.add_parser(
        "apply-reorganisation", help="merge agencies into their 2025 successors (see docs)"
    ).set_defaults(handler=cmd_agency_reorganise)

    for name in ("assign", "unassign"):
        cmd = sub.add_parser(name, help=f"{name} a task to an agency")
        cmd.add_argument("plan")
        cmd.add_argument("ref")
        cmd.add_argument("agency")
        if name == "assign":
            cmd.add_argument("--role", choices=["lead", "support"], default="lead")
        cmd.set_defaults(handler=cmd_assign)
