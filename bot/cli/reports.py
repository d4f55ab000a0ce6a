"""Reports and reminders: `dondoc summary`, `export`, `remind`, `parse-reply`."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from bot.cli.common import CliError, plain, plan_for, print_json, say, texts_for, with_database
from bot.settings import Settings
from runtime.services import make_services
from storage.db import Database


async def report_target(
    session: Any, settings: Settings, plan_text: str | None, period_text: str | None
) -> Any:
    """(plan, period, today) for summary and export, or a CliError that says why not."""
    from periods.store import load_calendar
    from reports.summary import current_period, period_by_text

    texts = texts_for(settings)
    plan = await plan_for(session, texts, plan_text)
    calendar = await load_calendar(session, **settings.calendar_settings)
    today = calendar.local_date(datetime.now(settings.tz))
    if period_text:
        period = await period_by_text(session, plan, period_text, calendar)
        if period is None:
            raise CliError(say(texts, "summary.unknown_period", value=period_text))
    else:
        period = await current_period(session, plan, today, calendar)
    return plan, period, today


async def cmd_summary(settings: Settings, args: argparse.Namespace) -> None:
    """The chat's /summary, as text for a person (or --json with the outcome keys)."""
    from bot.handlers.coordinator import summary_lines
    from reports.summary import summarize

    texts = texts_for(settings)

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            plan, period, today = await report_target(session, settings, args.plan, args.period)
            summary = await summarize(session, plan, period, today)
        if args.json:
            print_json(summary_json(summary, period.key))
            return
        if summary.total == 0 and not summary.agencies:
            print(say(texts, "summary.empty", plan=plan.number, period=texts.period(period)))
            return
        for line in summary_lines(texts, summary):
            print(plain(line))

    await with_database(settings, work)


def summary_json(summary: Any, period_key: str) -> dict[str, Any]:
    return {
        "plan": summary.plan_number,
        "period": period_key,
        "period_label": summary.period_label,
        "deadline": summary.period_deadline,
        "counts": {outcome.value: count for outcome, count in summary.counts.items()},
        # tasks counted once each (from their leads); blocked and not started inside the classes
        "blocked": {outcome.value: count for outcome, count in summary.blocked.items()},
        "not_started": {outcome.value: count for outcome, count in summary.not_started.items()},
        "agencies_reported": summary.agencies_reported,
        "agency_count": summary.agency_count,
        "total": summary.total,
        "completion_rate": round(summary.completion_rate, 4),
        "agencies": [
            {
                "agency": a.agency,
                "reported": a.reported,
                "expected": a.expected,
                "late": a.late,
                "blocked": a.blocked,
            }
            for a in summary.agencies
        ],
    }


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
        print(
            say(
                texts_for(settings),
                "cli.export.written",
                path=args.output,
                size=len(data),
                plan=plan.number,
                period=texts_for(settings).period(period),
            )
        )

    await with_database(settings, work)


async def cmd_remind(settings: Settings, args: argparse.Namespace) -> None:
    """One reminder tick by hand, or (--dry-run) who would be reminded now and why."""
    from telegram import Bot
    from telegram.ext import ExtBot

    from bot.pacing import Pacing
    from bot.scheduling import build_dispatcher

    texts = texts_for(settings)

    async def work(db: Database) -> None:
        svc = make_services(settings, db)
        if args.dry_run:
            dispatcher = build_dispatcher(Bot("0:dry-run"), svc)
            rows = await dispatcher.preview()
            for planned, status in rows:
                state = say(texts, "cli.remind.state", state=status) if status else ""
                print(
                    say(
                        texts,
                        "cli.remind.line",
                        kind=planned.kind,
                        chat=planned.chat_id,
                        reason=planned.reason,
                        state=state,
                    )
                )
            if dispatcher.skipped_members:
                print(say(texts, "cli.remind.skipped", count=len(dispatcher.skipped_members)))
            print(say(texts, "cli.remind.due", count=len(rows)))
            return
        # paced like the running bot, within the budget it shares with it
        paced = ExtBot(
            settings.token(),
            base_url=settings.api_url,
            rate_limiter=Pacing(svc.send_budget),  # type: ignore[arg-type]
        )
        async with paced as bot:
            report = await build_dispatcher(bot, svc).tick()
        print(
            say(
                texts,
                "cli.remind.done",
                planned=report.planned,
                sent=report.sent,
                skipped=report.skipped,
                retried=report.retried,
                failed=report.failed,
                unreachable=report.unreachable,
            )
        )

    await with_database(settings, work)


async def cmd_parse_reply(settings: Settings, args: argparse.Namespace) -> None:
    """What the bot would understand from a reply (nothing is saved)."""
    import json

    from reports.replies import parse_replies

    tasks = [t.strip() for t in (args.tasks or "").split(",") if t.strip()]
    lines = [t.strip() for t in args.lines.split(",")] if args.lines else None
    parsed = parse_replies(args.text, tasks, lines=lines)
    if args.json:
        objects = [p.to_json() for p in parsed]
        print(json.dumps(objects[0] if len(objects) == 1 else objects, ensure_ascii=False))
        return
    texts = texts_for(settings)
    for p in parsed:
        print(
            say(
                texts,
                "cli.parse.line",
                task=p.task or "—",
                status=texts.plain(f"status.{p.status.value}") if p.status else "—",
                percent=f"{p.percent}%" if p.percent is not None else "—",
                note=p.note or "—",
            )
        )
        if p.ambiguous:
            print(say(texts, "cli.parse.unclear", reason=p.reason or "—"))


def register(sub: Any) -> None:
    summary = sub.add_parser("summary", help="print a plan's summary for a period")
    summary.add_argument("--plan")
    summary.add_argument("--period", help="e.g. Q4/2026, 11/2026, 2026 (default: current)")
    summary.add_argument("--json", action="store_true", help="print one JSON object")
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
    parse.add_argument(
        "--lines",
        help="task refs of the numbered reminder replied to, in line order (line 1 first)",
    )
    parse.add_argument(
        "--json", action="store_true", help="print one JSON object (a list for several tasks)"
    )
    parse.set_defaults(handler=cmd_parse_reply)
