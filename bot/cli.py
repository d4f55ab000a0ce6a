"""The `dondoc` command: run the bot, manage the database, agencies and invites."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from telegram.error import InvalidToken, NetworkError

from access.members import DEFAULT_INVITE_LIFETIME, create_invite, parse_duration
from bot.app import build_application
from bot.context import Services
from bot.demo import add_demo_parser, run_demo
from bot.links import deep_link
from bot.logs import configure as configure_logging
from bot.runner import poll, start_application, stop_application
from bot.scheduling import build_dispatcher, start_scheduler
from bot.settings import Settings, SettingsError, load_settings
from bot.texts import Texts
from domain.status import Role
from plans.registry import AgencyConflict, add_agency, find_agency
from storage.db import Database
from storage.models import BotState

log = logging.getLogger("dondoc")


class CliError(Exception):
    """A problem to report to the person at the terminal in one line."""


def open_database(settings: Settings) -> Database:
    path = settings.sqlite_path()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    return Database(settings.database_url, schema=settings.database_schema)


async def with_database(settings: Settings, work: Callable[[Database], Awaitable[Any]]) -> Any:
    db = open_database(settings)
    try:
        await db.upgrade()
        return await work(db)
    finally:
        await db.dispose()


# -- run -----------------------------------------------------------------------------------------
async def run_bot(settings: Settings, args: argparse.Namespace) -> None:
    settings.token()
    if args.webhook:
        settings.webhook()
    db = open_database(settings)
    await db.upgrade()
    svc = make_services(settings, db)
    application = build_application(svc)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        try:
            await start_application(application, svc)
        except InvalidToken as exc:
            raise CliError("TELEGRAM_BOT_TOKEN was rejected by Telegram: check the token") from exc
        except NetworkError as exc:
            raise CliError(
                f"cannot reach the Bot API at {settings.telegram_api_base_url} ({exc}); check "
                "TELEGRAM_API_BASE_URL and the network"
            ) from exc
        await remember_bot_username(db, application.bot.username)
        dispatcher = build_dispatcher(application.bot, svc)
        svc.extras["dispatcher"] = dispatcher
        scheduler = start_scheduler(dispatcher, svc)
        log.info("dondoc is running as @%s (Ctrl-C to stop)", application.bot.username)
        try:
            if args.webhook:
                from bot.webhook import serve_webhook

                await serve_webhook(application, svc, stop)
            else:
                await poll(application, svc, stop)
        finally:
            scheduler.shutdown(wait=False)
    finally:
        await stop_application(application)
        await db.dispose()


async def remember_bot_username(db: Database, username: str) -> None:
    """Kept for `dondoc invite` (several instances may start at once: an upsert)."""
    from storage.upsert import upsert

    async with db.transaction() as session:
        await upsert(
            session,
            BotState,
            {"key": "bot", "value": {"username": username}, "updated_at": datetime.now(UTC)},
            ["key"],
            ["value", "updated_at"],
        )


async def bot_username(db: Database, settings: Settings) -> str:
    """The bot's @username: remembered from the last run, else asked of the Bot API."""
    async with db.transaction() as session:
        state = await session.get(BotState, "bot")
    if state is not None and state.value.get("username"):
        return str(state.value["username"])
    from telegram import Bot

    async with Bot(settings.token(), base_url=settings.api_url) as bot:
        username = bot.username
    await remember_bot_username(db, username)
    return username


# -- agencies and invites ------------------------------------------------------------------------
async def cmd_agency_add(settings: Settings, args: argparse.Namespace) -> None:
    async def work(db: Database) -> None:
        async with db.transaction() as session:
            try:
                agency = await add_agency(
                    session, args.name, short_name=args.short, aliases=args.alias, kind=args.kind
                )
            except AgencyConflict as exc:
                raise CliError(
                    f"«{exc.name}» is already used by agency «{exc.existing}»; nothing added"
                ) from exc
        print(f"added agency #{agency.id}: {agency.name}")

    await with_database(settings, work)


async def cmd_invite(settings: Settings, args: argparse.Namespace) -> None:
    lifetime = parse_duration(args.expires) if args.expires else DEFAULT_INVITE_LIFETIME
    if lifetime is None:
        raise CliError(f"--expires: cannot read «{args.expires}»; write e.g. 7d, 48h or 30m")

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            lookup = await find_agency(session, args.agency)
            if lookup.agency is None:
                hint = (
                    f"; did you mean: {', '.join(lookup.suggestions)}?"
                    if lookup.suggestions
                    else ""
                )
                raise CliError(
                    f"unknown agency «{args.agency}»{hint} (add it with `dondoc agency add`)"
                )
            created = await create_invite(
                session,
                agency=lookup.agency,
                role=Role(args.role),
                created_by=None,
                lifetime=lifetime,
            )
        username = await bot_username(db, settings)
        print(
            f"invite for {lookup.agency.name} as {args.role}, expires {created.invite.expires_at}"
        )
        print(deep_link(username, created.token))

    await with_database(settings, work)


# -- plans -------------------------------------------------------------------------------------
DOCUMENT_ERRORS = {
    "empty": "the file is empty",
    "binary": "the file is not text, .docx or a PDF with text",
    "too_large": "the file is too large",
    "corrupt_docx": "the .docx file is damaged (open it in Word and save it again)",
    "encrypted": "the document is password-protected; save a copy without a password",
    "unsupported_format": "this file type is not supported (use .txt, .md, .docx, .pdf or .yaml)",
    "no_tasks": "no tasks were recognised in the document",
    "pdf_no_text": "the PDF has no text layer (a scan): run OCR first or send the .docx",
}


def describe_plan_error(exc: Exception) -> str:
    from plans.document import DocumentError

    if isinstance(exc, DocumentError):
        return DOCUMENT_ERRORS.get(exc.code, exc.code)
    return str(exc)


def read_plan_file(path: str, settings: Settings) -> Any:
    from pathlib import Path

    from plans.document import DocumentError
    from plans.loading import read_plan
    from plans.planfile import PlanFileError

    file = Path(path)
    if not file.is_file():
        raise CliError(f"no such file: {path}")
    try:
        return read_plan(file.read_bytes(), file.name, max_bytes=settings.max_upload_mb * 1_000_000)
    except (DocumentError, PlanFileError) as exc:
        raise CliError(f"{path}: {describe_plan_error(exc)}; nothing was saved") from exc


def parse_fixes(values: list[str]) -> dict[str, str]:
    fixes = {}
    for value in values:
        written, sep, target = value.partition("=")
        if not sep or not written.strip() or not target.strip():
            raise CliError(f"--fix takes 'NAME AS WRITTEN=DIRECTORY NAME', not {value!r}")
        fixes[written.strip()] = target.strip()
    return fixes


async def cmd_import(settings: Settings, args: argparse.Namespace) -> None:
    """Preview (--dry-run) or save a plan from a document or a YAML plan file."""
    import json

    from plans.registry import is_empty, load_directory, starter_snapshot
    from plans.starter import load_directory as load_starter_directory
    from plans.store import UnresolvedAgencies, preview_plan, save_plan

    draft = read_plan_file(args.file, settings)
    fixes = parse_fixes(args.fix)

    async def work(db: Database) -> None:
        if args.dry_run:
            async with db.sessions() as session:
                directory = (
                    starter_snapshot(load_starter_directory())
                    if await is_empty(session)
                    else await load_directory(session)
                )
                preview = await preview_plan(session, draft, directory=directory)
            if args.json:
                print(json.dumps(preview.to_json(), ensure_ascii=False, indent=1))
            else:
                print_preview(preview)
            return
        try:
            async with db.transaction() as session:
                result = await save_plan(
                    session, draft, fixes=fixes, create_missing=args.create_agencies
                )
        except UnresolvedAgencies as exc:
            lines = [
                f"  «{u.name}» (tasks {', '.join(u.refs) or '-'})"
                + (f": did you mean {', '.join(u.suggestions)}?" if u.suggestions else "")
                for u in exc.unmatched
            ]
            raise CliError(
                "agencies not in the directory; nothing was saved:\n"
                + "\n".join(lines)
                + "\nfix them with --fix 'NAME=DIRECTORY NAME', add them with `dondoc agency "
                "add`, load the starter directory (`dondoc agency load-starter`), or pass "
                "--create-agencies"
            ) from exc
        verb = "created" if result.created else "updated"
        print(
            f"{verb} plan {result.plan.number}: {result.added} tasks added, {result.updated} "
            f"changed, {result.removed} removed"
            + (f"; new agencies: {', '.join(result.new_agencies)}" if result.new_agencies else "")
        )

    await with_database(settings, work)


def print_preview(preview: Any) -> None:
    data = preview.to_json()
    plan = data["plan"]
    print(f"{plan['number']} — {plan['title']}")
    print(
        f"issuer: {plan['issuer']}, issued {plan['issued_on']}, coordinator {plan['coordinator']}"
    )
    print(f"{len(data['tasks'])} tasks:")
    for task in data["tasks"]:
        support = f"; support: {', '.join(task['support'])}" if task["support"] else ""
        print(f"  {task['ref']:8} {task['title'][:70]}")
        print(
            f"           lead: {', '.join(task['lead']) or '-'}{support}; {task.get('timeframe')}"
        )
    for item in data["unmatched"]:
        hint = f" — did you mean {', '.join(item['suggestions'])}?" if item["suggestions"] else ""
        print(f"unmatched: «{item['name']}»{hint}")
    for warning in data["warnings"]:
        excerpt = warning.get("excerpt", "")[:80]
        print(f"warning: {warning['code']} {warning.get('ref') or ''} {excerpt}")
    if preview.diff is not None and not preview.diff.is_empty:
        diff = preview.diff
        print(
            f"changes against the saved plan: added {diff.added}, removed {diff.removed}, "
            f"changed {diff.changed}"
        )


async def cmd_agency_load_starter(settings: Settings, args: argparse.Namespace) -> None:
    from plans.registry import load_starter
    from plans.starter import load_directory as load_starter_directory

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            result = await load_starter(session, load_starter_directory(), province=args.province)
        print(f"added {result.agencies_added} agencies and {result.groups_added} groups")

    await with_database(settings, work)


async def cmd_agency_merge(settings: Settings, args: argparse.Namespace) -> None:
    from plans.registry import merge_agency

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            old = await find_agency(session, args.old)
            new = await find_agency(session, args.into)
            for name, lookup in ((args.old, old), (args.into, new)):
                if lookup.agency is None:
                    hint = (
                        f"; did you mean: {', '.join(lookup.suggestions)}?"
                        if lookup.suggestions
                        else ""
                    )
                    raise CliError(f"unknown agency «{name}»{hint}")
            assert old.agency is not None and new.agency is not None
            if old.agency.id == new.agency.id:
                raise CliError(f"«{args.old}» already passes to «{new.agency.name}»")
            moved = await merge_agency(session, old.agency, new.agency)
        print(f"{old.agency.name} → {new.agency.name}: {moved} assignments moved")

    await with_database(settings, work)


async def cmd_agency_reorganise(settings: Settings, args: argparse.Namespace) -> None:
    from plans.registry import apply_successions
    from plans.starter import load_reorganisation

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            applied = await apply_successions(session, load_reorganisation())
        for item in applied:
            print(f"{item.old} → {item.new}: {item.moved} assignments moved")
        print(f"{len(applied)} agencies passed to their successors")

    await with_database(settings, work)


async def cmd_agency_list(settings: Settings, args: argparse.Namespace) -> None:
    from sqlalchemy import select

    from storage.models import Agency

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            agencies = (await session.scalars(select(Agency).order_by(Agency.name))).all()
            for agency in agencies:
                state = "" if agency.active else " (merged)"
                short = f" [{agency.short_name}]" if agency.short_name else ""
                print(f"{agency.id:4} {agency.name}{short}{state}")

    await with_database(settings, work)


async def cmd_assign(settings: Settings, args: argparse.Namespace) -> None:
    """Assign or unassign a task to an agency from the terminal."""
    from domain.status import AssignmentRole
    from plans.assignments import assign, find_task, unassign
    from plans.store import find_plan

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            plan = await find_plan(session, args.plan)
            if plan is None:
                raise CliError(f"unknown plan «{args.plan}»")
            task = await find_task(session, plan, args.ref)
            if task is None:
                raise CliError(f"plan {plan.number} has no task «{args.ref}»")
            lookup = await find_agency(session, args.agency)
            if lookup.agency is None:
                hint = (
                    f"; did you mean: {', '.join(lookup.suggestions)}?"
                    if lookup.suggestions
                    else ""
                )
                raise CliError(f"unknown agency «{args.agency}»{hint}")
            if args.command == "unassign":
                changed = await unassign(session, task, lookup.agency, None)
            else:
                changed = await assign(
                    session, task, lookup.agency, AssignmentRole(args.role), None
                )
        print(f"{'changed' if changed else 'unchanged'}: {task.ref} {lookup.agency.name}")

    await with_database(settings, work)


async def cmd_plans(settings: Settings, args: argparse.Namespace) -> None:
    from plans.overview import plans_overview

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            for item in await plans_overview(session):
                schedule = ",".join(item.plan.schedule.get("frequencies", []))
                print(
                    f"{item.plan.number}: {item.tasks} tasks, {item.agencies} agencies, {schedule}"
                )

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


async def report_target(
    session: Any, settings: Settings, plan_text: str | None, period_text: str | None
) -> Any:
    """(plan, period, today) for summary and export, or a CliError."""
    from plans.store import find_plan
    from reminders.dispatcher import load_calendar
    from reports.summary import current_period, period_by_text

    plan = await find_plan(session, plan_text)
    if plan is None:
        raise CliError(f"unknown or ambiguous plan «{plan_text or ''}»; see `dondoc plans`")
    calendar = await load_calendar(session, **settings.calendar_settings)
    today = calendar.local_date(datetime.now(settings.tz))
    if period_text:
        period = await period_by_text(session, plan, period_text, calendar)
        if period is None:
            raise CliError(f"unknown period «{period_text}»; write e.g. 'Q4/2026' or '11/2026'")
    else:
        period = await current_period(session, plan, today, calendar)
    return plan, period, today


async def cmd_summary(settings: Settings, args: argparse.Namespace) -> None:
    from reports.summary import summarize

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            plan, period, today = await report_target(session, settings, args.plan, args.period)
            summary = await summarize(session, plan, period, today)
        print(f"{plan.number} — {period.label} (deadline {period.deadline:%d/%m/%Y})")
        for outcome, count in summary.counts.items():
            print(f"  {outcome.value:22} {count}")
        print(f"  completion rate        {summary.completion_rate:.1%}")
        for line in summary.agencies:
            print(
                f"  {line.agency}: reported {line.reported}/{line.expected}, "
                f"late {line.late}, blocked {line.blocked}"
            )

    await with_database(settings, work)


async def cmd_export(settings: Settings, args: argparse.Namespace) -> None:
    from pathlib import Path

    from reports.chart import draw_chart
    from reports.docx import write_draft_report
    from reports.summary import summarize
    from reports.xlsx import write_workbook

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            plan, period, today = await report_target(session, settings, args.plan, args.period)
            summary = await summarize(session, plan, period, today, with_rows=True)
        now = datetime.now(settings.tz)
        if args.format == "xlsx":
            data = write_workbook([summary], now, lang=settings.language)
        elif args.format == "docx":
            data = write_draft_report(
                summary, summary.coordinator or "", now, lang=settings.language
            )
        else:
            data = draw_chart(summary, lang=settings.language)
        Path(args.output).write_bytes(data)
        print(f"wrote {args.output} ({len(data)} bytes): {plan.number}, {period.label}")

    await with_database(settings, work)


# -- reminders and replies ----------------------------------------------------------------------
def make_services(settings: Settings, db: Database) -> Services:
    return Services(settings, db, Texts(settings.language), admin_ids=frozenset(settings.admin_ids))


async def cmd_remind(settings: Settings, args: argparse.Namespace) -> None:
    """One reminder tick by hand, or (--dry-run) who would be reminded now and why."""
    from telegram import Bot

    from bot.scheduling import build_dispatcher

    async def work(db: Database) -> None:
        svc = make_services(settings, db)
        if args.dry_run:
            dispatcher = build_dispatcher(Bot("0:dry-run"), svc)
            rows = await dispatcher.preview()
            for planned, status in rows:
                state = f" [{status}]" if status else ""
                print(f"{planned.kind:10} chat {planned.chat_id}: {planned.reason}{state}")
            if dispatcher.skipped_members:
                print(
                    f"skipped {len(dispatcher.skipped_members)} members (unreachable or opted out)"
                )
            print(f"{len(rows)} reminders due now")
            return
        async with Bot(settings.token(), base_url=settings.api_url) as bot:
            report = await build_dispatcher(bot, svc).tick()
        print(
            f"planned {report.planned}, sent {report.sent}, skipped {report.skipped}, "
            f"retrying {report.retried}, failed {report.failed}, unreachable {report.unreachable}"
        )

    await with_database(settings, work)


async def cmd_parse_reply(settings: Settings, args: argparse.Namespace) -> None:
    """What the bot would understand from a reply (nothing is saved)."""
    import json

    from reports.replies import parse_replies

    tasks = [t.strip() for t in (args.tasks or "").split(",") if t.strip()]
    parsed = parse_replies(args.text, tasks)
    if args.json:
        objects = [p.to_json() for p in parsed]
        print(json.dumps(objects[0] if len(objects) == 1 else objects, ensure_ascii=False))
        return
    for p in parsed:
        print(
            f"status={p.status.value if p.status else None} percent={p.percent} task={p.task} "
            f"ambiguous={p.ambiguous} reason={p.reason} note={p.note!r}"
        )


async def cmd_check(settings: Settings, args: argparse.Namespace) -> None:
    """Settings, database, migrations, token and scheduler: one line each; non-zero if any fails."""
    from datetime import timedelta

    from sqlalchemy import func, select, text
    from telegram import Bot
    from telegram.error import TelegramError

    from storage.models import ReminderDelivery

    problems = 0

    def report(ok: bool, what: str, detail: str) -> None:
        nonlocal problems
        problems += 0 if ok else 1
        print(f"{'ok  ' if ok else 'FAIL'} {what}: {detail}")

    report(
        True,
        "settings",
        f"database {settings.database_url.split('://')[0]}, tz {settings.timezone}",
    )
    db = open_database(settings)
    try:
        try:
            async with db.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            report(True, "database", "reachable")
            current, head = await db.migration_state()
            report(
                current == head,
                "migrations",
                f"at {current}, head {head}"
                + ("" if current == head else " (run `dondoc db upgrade`)"),
            )
            if current == head:
                now = datetime.now(UTC)
                async with db.transaction() as session:
                    state = await session.get(BotState, "planner")
                    late = await session.scalar(
                        select(func.count())
                        .select_from(ReminderDelivery)
                        .where(
                            ReminderDelivery.status == "pending",
                            ReminderDelivery.due_at < now - timedelta(hours=1),
                        )
                    )
                    failed = await session.scalar(
                        select(func.count())
                        .select_from(ReminderDelivery)
                        .where(
                            ReminderDelivery.status == "failed",
                            ReminderDelivery.created_at > now - timedelta(days=7),
                        )
                    )
                last = state.value.get("day") if state else None
                report(
                    not late,
                    "scheduler",
                    f"last planned {last or 'never'}, {late} reminders overdue by >1h, "
                    f"{failed} failed in 7 days",
                )
        except Exception as exc:  # any failure to reach the database is the answer here
            report(False, "database", f"{type(exc).__name__}: {exc}"[:300])
    finally:
        await db.dispose()
    try:
        async with Bot(settings.token(), base_url=settings.api_url) as bot:
            report(True, "telegram", f"token valid, bot @{bot.username}")
    except SettingsError as exc:
        report(False, "telegram", str(exc))
    except TelegramError as exc:
        report(False, "telegram", f"{type(exc).__name__}: {exc}")
    if problems:
        raise CliError(f"{problems} problem(s) found")


async def cmd_db_upgrade(settings: Settings, args: argparse.Namespace) -> None:
    async def work(db: Database) -> None:
        current, head = await db.migration_state()
        print(f"database at revision {current} (head {head})")

    await with_database(settings, work)


# -- parsing ---------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dondoc", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the bot (long polling, or --webhook)")
    run.add_argument(
        "--webhook", action="store_true", help="receive updates by webhook (DONDOC_WEBHOOK_*)"
    )

    db = sub.add_parser("db", help="database maintenance").add_subparsers(dest="db_command")
    db.add_parser("upgrade", help="apply pending migrations")

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

    load = agency.add_parser(
        "load-starter", help="load the starter directory of the seed provinces"
    )
    load.add_argument("--province", help="only this province's entries, e.g. 'Quảng Ngãi'")
    merge = agency.add_parser("merge", help="pass an agency to its successor (merger or rename)")
    merge.add_argument("old")
    merge.add_argument("--into", required=True, help="the successor agency")
    agency.add_parser("list", help="list agencies")
    agency.add_parser(
        "apply-reorganisation", help="merge agencies into their 2025 successors (see docs)"
    )

    imp = sub.add_parser("import", help="import a plan (.yaml plan file, .docx, .txt, .md, .pdf)")
    imp.add_argument("file")
    imp.add_argument(
        "--dry-run", action="store_true", help="show what was understood; save nothing"
    )
    imp.add_argument("--json", action="store_true", help="with --dry-run: print one JSON object")
    imp.add_argument("--fix", action="append", default=[], help="'NAME AS WRITTEN=DIRECTORY NAME'")
    imp.add_argument("--create-agencies", action="store_true", help="add unknown names as agencies")

    invite = sub.add_parser("invite", help="create a one-time invite link")
    invite.add_argument("--agency", required=True)
    invite.add_argument("--role", required=True, choices=[r.value for r in Role])
    invite.add_argument("--expires", default="7d", help="lifetime, e.g. 7d, 48h (default 7d)")
    for name in ("assign", "unassign"):
        cmd = sub.add_parser(name, help=f"{name} a task to an agency")
        cmd.add_argument("plan")
        cmd.add_argument("ref")
        cmd.add_argument("agency")
        if name == "assign":
            cmd.add_argument("--role", choices=["lead", "support"], default="lead")
    sub.add_parser("plans", help="list plans")
    sub.add_parser("members", help="list members")
    rev = sub.add_parser("revoke", help="revoke a member by Telegram id")
    rev.add_argument("telegram_id", type=int)
    summary = sub.add_parser("summary", help="print a plan's summary for a period")
    summary.add_argument("--plan")
    summary.add_argument("--period", help="e.g. Q4/2026, 11/2026, 2026 (default: current)")
    export = sub.add_parser("export", help="write the workbook, the draft report or the chart")
    export.add_argument("--plan")
    export.add_argument("--period")
    export.add_argument("--format", choices=["xlsx", "docx", "png"], default="xlsx")
    export.add_argument("-o", "--output", required=True)

    add_demo_parser(sub)
    sub.add_parser("check", help="check settings, database, migrations, token and scheduler")

    remind = sub.add_parser("remind", help="run one reminder tick now")
    remind.add_argument(
        "--dry-run", action="store_true", help="show who would be reminded, send nothing"
    )

    parse = sub.add_parser("parse-reply", help="show how a status reply is read (saves nothing)")
    parse.add_argument("text")
    parse.add_argument(
        "--tasks", help="comma-separated task refs of the reminder, e.g. II.1.a,II.2.a"
    )
    parse.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


COMMANDS: dict[tuple[str, ...], Callable[[Settings, argparse.Namespace], Awaitable[None]]] = {
    ("run",): run_bot,
    ("db", "upgrade"): cmd_db_upgrade,
    ("agency", "add"): cmd_agency_add,
    ("invite",): cmd_invite,
    ("import",): cmd_import,
    ("agency", "load-starter"): cmd_agency_load_starter,
    ("agency", "merge"): cmd_agency_merge,
    ("agency", "list"): cmd_agency_list,
    ("agency", "apply-reorganisation"): cmd_agency_reorganise,
    ("remind",): cmd_remind,
    ("check",): cmd_check,
    ("demo",): run_demo,
    ("assign",): cmd_assign,
    ("unassign",): cmd_assign,
    ("plans",): cmd_plans,
    ("members",): cmd_members,
    ("revoke",): cmd_revoke,
    ("summary",): cmd_summary,
    ("export",): cmd_export,
    ("parse-reply",): cmd_parse_reply,
}


def command_key(args: argparse.Namespace) -> tuple[str, ...]:
    key: tuple[str, ...] = (args.command,)
    for attr in ("db_command", "agency_command"):
        if getattr(args, attr, None):
            key += (getattr(args, attr),)
    return key


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = COMMANDS.get(command_key(args))
    if handler is None:
        parser.error("incomplete command; see --help")
    try:
        settings = load_settings()
        configure_logging(settings.log_format, verbose=args.verbose)
        if args.command == "parse-reply":  # needs no database
            asyncio.run(cmd_parse_reply(settings, args))
            return 0
        asyncio.run(handler(settings, args))
    except (SettingsError, CliError) as exc:
        print(f"dondoc: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
