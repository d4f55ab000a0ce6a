"""Reports and reminders: `dondoc summary`, `export`, `remind`, `parse-reply`."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from bot.app import make_services
from bot.cli.common import CliError, with_database
from bot.settings import Settings
from storage.db import Database


async def report_target(
    session: Any, settings: Settings, plan_text: str | None, period_text: str | None
) -> Any:
    """(plan, period, today) for summary and export, or a CliError."""
    from periods.store import load_calendar
    from plans.store import find_plan
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


def register(sub: Any) -> None:
    summary = sub.add_parser("summary", help="print a plan's summary for a period")
    summary.add_argument("--plan")
    summary.add_argument("--period", help="e.g. Q4/2026, 11/2026, 2026 (default: current)")
    summary.set_defaults(handler=cmd_summary)
    export = sub.add_parser("export", help="write the workbook, the draft report or the chart")
    export.add_argument("--plan")
    export.add_argument("--period")
    export.add_argument("--format", choices=["xlsx", "docx", "png"], default="xlsx")
    export.add_argument("-o", "--output", required=True)
    export.set_defaults(handler=cmd_export)

    remind = sub.add_parser("remind", help="run one reminder tick now")
    remind.add_argument(
        "--dry-run", action="store_true", help="show who would be reminded, send nothing"
    )
    remind.set_defaults(handler=cmd_remind)

    parse = sub.add_parser("parse-reply", help="show how a status reply is read (saves nothing)")
    parse.add_argument("text")
    parse.add_argument(
        "--tasks", help="comma-separated task refs of the reminder, e.g. II.1.a,II.2.a"
    )
    parse.add_argument("--json", action="store_true", help="print one JSON object")
    parse.set_defaults(handler=cmd_parse_reply)
