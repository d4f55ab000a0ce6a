"""Coordinator handlers: ad-hoc requests, and the summaries, exports and charts."""

from __future__ import annotations

import asyncio
import re

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update

from access import audit
from bot import keyboards
from bot.context import BotContext, working_calendar
from bot.delivery import shorten
from bot.guards import requires
from bot.handlers.officer import report_state
from bot.messaging import pressed, reply_lines
from bot.render import local_date, local_time, split_message
from bot.texts import Html, Texts
from domain.dates import parse_day
from domain.status import Outcome, Role
from domain.text import strip_diacritics
from plans.active import active_plans
from plans.assignments import find_task
from plans.store import find_plan
from reminders.dispatcher import remind_now
from reports.model import PlanSummary
from reports.requests import UnknownTasks, create_adhoc_request
from reports.summary import (
    blockers,
    current_period,
    missing_agencies,
    neighbour_period,
    period_by_text,
    summarize,
    task_history,
)
from reports.worklist import period_items
from storage.models import Agency, Member, Plan, ReportingPeriod


@requires(Role.COORDINATOR)
async def request_command(update: Update, context: BotContext, member: Member) -> None:
    """/request <plan> <deadline> [refs…] [| note]: an ad-hoc report, chased like the others."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    raw = (message.text or "").split(maxsplit=1)[1] if " " in (message.text or "") else ""
    head, _, note = raw.partition("|")
    words = head.split()
    if len(words) < 2:
        await message.reply_text(texts("request.usage"))
        return
    async with svc.db.transaction() as session:
        _calendar, today = await working_calendar(svc, session)
        deadline = parse_day(words[1], today)
        if deadline is None or deadline < today:
            await message.reply_text(texts("request.bad_deadline", value=words[1]))
            return
        plan = await find_plan(session, words[0])
        if plan is None:
            await message.reply_text(texts("request.unknown_plan", value=words[0]))
            return
        try:
            created = await create_adhoc_request(
                session,
                plan,
                deadline=deadline,
                refs=words[2:],
                note=note.strip(),
                member=member,
                today=today,
            )
        except UnknownTasks as exc:
            await message.reply_text(
                texts("request.unknown_tasks", plan=plan.number, refs=", ".join(exc.refs))
            )
            return
    await message.reply_text(
        texts(
            "request.created",
            plan=plan.number,
            tasks=created.tasks,
            agencies=created.agencies,
            deadline=local_date(deadline),
        )
    )
    dispatcher = svc.dispatcher
    if dispatcher is not None:
        context.application.create_task(dispatcher.tick())


# -- summaries ---------------------------------------------------------------------------------
SUMMARY_PERIOD = "sp"  # sp:<period_id>            → the summary of that period
SUMMARY_AGENCY = "sa"  # sa:<period_id>:<agency_id> → one agency's tasks in that period
REMIND_NOW = "mr"  # mr:<period_id>
CHOOSE_PLAN = "sc"  # sc:<command>:<plan_id>
MAX_AGENCY_BUTTONS = 8


async def resolve_target(
    update: Update,
    context: BotContext,
    session: AsyncSession,
    member: Member,
    command: str,
) -> tuple[Plan, ReportingPeriod] | None:
    """Plan and period from "[plan] [period]"; defaults: the member's plan, the current period.
    Answers the user (and returns None) when it cannot decide."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    args = list(context.args or [])
    plan = await find_plan(session, args[0]) if args else None
    if plan is not None:
        args = args[1:]
    else:
        plan = await default_plan(session, member)
    if plan is None:
        plans = await active_plans(session)
        if not plans:
            await message.reply_text(texts("summary.no_plans"))
            return None
        buttons = [keyboards.button(p.number, CHOOSE_PLAN, command, p.id) for p in plans[:20]]
        await message.reply_text(
            texts("summary.choose_plan"), reply_markup=keyboards.markup(buttons, 2)
        )
        return None
    calendar, today = await working_calendar(svc, session)
    if args:
        period = await period_by_text(session, plan, " ".join(args), calendar)
        if period is None:
            await message.reply_text(texts("summary.unknown_period", value=" ".join(args)))
            return None
    else:
        period = await current_period(session, plan, today, calendar)
    return plan, period


async def default_plan(session: AsyncSession, member: Member) -> Plan | None:
    """The plan the member's agency coordinates, else the only active plan."""
    plans = await active_plans(session)
    own = [p for p in plans if member.agency_id and p.coordinator_agency_id == member.agency_id]
    if len(own) == 1:
        return own[0]
    return plans[0] if len(plans) == 1 else None


def percent_text(rate: float) -> str:
    return f"{rate * 100:.1f}%".replace(".", ",")


def summary_lines(texts: Texts, summary: PlanSummary) -> list[str]:
    counts = {o.value: summary.counts.get(o, 0) for o in Outcome}
    lines = [
        texts(
            "summary.header",
            plan=summary.plan_number,
            period=summary.period_label,
            deadline=local_date(summary.period_deadline),
        ),
        texts(
            "summary.counts",
            total=summary.total,
            rate=percent_text(summary.completion_rate),
            **counts,
        ),
    ]
    if summary.agencies:
        lines.append(texts("summary.agencies"))
    for line in summary.agencies:
        lines.append(
            texts(
                "summary.agency_line",
                agency=line.agency,
                reported=line.reported,
                expected=line.expected,
                late=texts("summary.late", count=line.late) if line.late else Html(""),
                blocked=texts("summary.blocked", count=line.blocked) if line.blocked else Html(""),
            )
        )
    return lines


async def send_summary(
    update: Update, context: BotContext, plan: Plan, period: ReportingPeriod
) -> None:
    svc, texts = context.services, context.texts
    chat = update.effective_chat
    assert chat is not None
    async with svc.db.transaction() as session:
        _calendar, today = await working_calendar(svc, session)
        summary = await summarize(session, plan, period, today, blockers_limit=0)
        ids = await agency_ids_by_name(session, [a.agency for a in summary.agencies])
    if summary.total == 0 and not summary.agencies:
        lines = [texts("summary.empty", plan=plan.number, period=period.label)]
    else:
        lines = summary_lines(texts, summary)
    worst = sorted(summary.agencies, key=lambda a: (a.reported - a.expected, a.agency))
    buttons = [
        keyboards.button(f"🏢 {shorten(a.agency, 30)}", SUMMARY_AGENCY, period.id, ids[a.agency])
        for a in worst[:MAX_AGENCY_BUTTONS]
        if a.agency in ids
    ]
    if period.kind != "adhoc":
        buttons += [
            keyboards.button(texts.plain("summary.button_prev"), SUMMARY_PERIOD, period.id, -1),
            keyboards.button(texts.plain("summary.button_next"), SUMMARY_PERIOD, period.id, 1),
        ]
    chunks = split_message(lines)
    for chunk in chunks[:-1]:
        await chat.send_message(chunk)
    await chat.send_message(chunks[-1], reply_markup=keyboards.markup(buttons, 2))


async def agency_ids_by_name(session: AsyncSession, names: list[str]) -> dict[str, int]:
    if not names:
        return {}
    rows = await session.execute(select(Agency.name, Agency.id).where(Agency.name.in_(names)))
    return dict(rows.all())  # type: ignore[arg-type]


@requires(Role.COORDINATOR)
async def summary_command(update: Update, context: BotContext, member: Member) -> None:
    """/summary [plan] [period]: outcome classes, completion rate, one line per agency."""
    svc = context.services
    async with svc.db.transaction() as session:
        target = await resolve_target(update, context, session, member, "summary")
    if target is not None:
        await send_summary(update, context, *target)


@requires(Role.COORDINATOR)
async def missing_command(update: Update, context: BotContext, member: Member) -> None:
    """/missing [plan] [period]: agencies that have not reported, with a "remind now" button."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    async with svc.db.transaction() as session:
        target = await resolve_target(update, context, session, member, "missing")
        if target is None:
            return
        plan, period = target
        missing = await missing_agencies(session, period)
    if not missing:
        await message.reply_text(texts("missing.none", period=period.label, plan=plan.number))
        return
    lines = [
        texts(
            "missing.header",
            period=period.label,
            plan=plan.number,
            deadline=local_date(period.deadline),
            count=len(missing),
        )
    ]
    for item in missing:
        officers = (
            texts("missing.officers", names=", ".join(item.officers))
            if item.officers
            else texts("missing.no_officers")
        )
        lines.append(
            texts("missing.line", agency=item.agency, missing=item.missing, officers=officers)
        )
    chunks = split_message(lines)
    for chunk in chunks[:-1]:
        await message.reply_text(chunk)
    button = keyboards.button(texts.plain("missing.button_remind"), REMIND_NOW, period.id)
    await message.reply_text(chunks[-1], reply_markup=keyboards.markup([button]))


@requires(Role.COORDINATOR)
async def blockers_command(update: Update, context: BotContext, member: Member) -> None:
    """/blockers: reports that are stuck or name an obstacle, newest first, across plans."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    async with svc.db.transaction() as session:
        rows = await blockers(session, limit=30)
    if not rows:
        await message.reply_text(texts("blockers.none"))
        return
    lines = [texts("blockers.header")]
    for row in rows:
        lines.append(
            texts(
                "blockers.line",
                agency=row.agency,
                ref=row.task_ref,
                title=shorten(row.task_title, 80),
                note=shorten(row.note, 400) or "—",
                when=local_time(row.reported_at, svc.settings.tz),
                who=texts("blockers.who", name=row.reported_by) if row.reported_by else Html(""),
            )
        )
    await reply_lines(message, lines)


@requires(Role.COORDINATOR)
async def task_command(update: Update, context: BotContext, member: Member) -> None:
    """/task <ref> [plan]: the task, its agencies and its reports across periods."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    args = list(context.args or [])
    if not args:
        await message.reply_text(texts("task.usage"))
        return
    async with svc.db.transaction() as session:
        plan = await find_plan(session, " ".join(args[1:])) if len(args) > 1 else None
        plans = [plan] if plan else await active_plans(session)
        task = None
        for candidate in plans:
            task = await find_task(session, candidate, args[0])
            if task is not None:
                break
        if task is None:
            await message.reply_text(texts("task.unknown", ref=args[0]))
            return
        history = await task_history(session, task)
    lines = [
        texts(
            "task.header",
            ref=task.ref,
            plan=history.plan.number,
            title=shorten(task.text or task.title, 600),
            timeframe=task.timeframe or "—",
            due=texts("task.due", due=local_date(task.due_on)) if task.due_on else Html(""),
        )
    ]
    leads = [name for name, role in history.assignments if role == "lead"]
    supports = [name for name, role in history.assignments if role == "support"]
    lines.append(texts("task.lead", names=", ".join(leads) or "—"))
    if supports:
        lines.append(texts("task.support", names=", ".join(supports)))
    lines.append(texts("task.history") if history.reports else texts("task.no_history"))
    for period_label, agency, report, reporter in history.reports:
        lines.append(
            texts(
                "task.history_line",
                period=period_label,
                agency=agency,
                state=report_state(texts, report),
                when=local_time(report.reported_at, svc.settings.tz),
                who=texts("blockers.who", name=reporter) if reporter else Html(""),
            )
        )
    await reply_lines(message, lines)


async def full_summary(
    update: Update, context: BotContext, member: Member, command: str
) -> tuple[Plan, ReportingPeriod, PlanSummary] | None:
    """The plan and period asked for, with the summary and one row per task × agency."""
    svc = context.services
    async with svc.db.transaction() as session:
        target = await resolve_target(update, context, session, member, command)
        if target is None:
            return None
        plan, period = target
        _calendar, today = await working_calendar(svc, session)
        return plan, period, await summarize(session, plan, period, today, with_rows=True)


@requires(Role.COORDINATOR)
async def export_command(update: Update, context: BotContext, member: Member) -> None:
    """/export [plan] [period]: the Excel workbook and the Word draft report."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    found = await full_summary(update, context, member, "export")
    if found is None:
        return
    plan, period, summary = found
    from reports.docx import write_draft_report  # heavy libraries: loaded when first needed
    from reports.xlsx import write_workbook

    now, lang = svc.now(), svc.settings.language
    agency = member.agency.name if member.agency else (summary.coordinator or "")
    # building the files takes seconds for big plans: off the event loop
    workbook = await asyncio.to_thread(write_workbook, [summary], now, lang=lang)
    draft = await asyncio.to_thread(write_draft_report, summary, agency, now, lang=lang)
    stem = file_stem(plan.number, period.label)
    await message.reply_document(
        document=workbook,
        filename=f"{stem}.xlsx",
        caption=texts(
            "export.caption_xlsx", plans=plan.number, when=local_time(now, svc.settings.tz)
        ),
    )
    await message.reply_document(
        document=draft,
        filename=f"bao-cao-{stem}.docx",
        caption=texts("export.caption_docx", plan=plan.number, period=period.label),
    )


@requires(Role.COORDINATOR)
async def chart_command(update: Update, context: BotContext, member: Member) -> None:
    """/chart [plan] [period]: completion by agency and the status mix, as a picture."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    found = await full_summary(update, context, member, "chart")
    if found is None:
        return
    plan, period, summary = found
    from reports.chart import draw_chart  # matplotlib is heavy: loaded when first needed

    png = await asyncio.to_thread(draw_chart, summary, lang=svc.settings.language)
    caption = texts("export.caption_chart", plan=plan.number, period=period.label)
    if len(summary.agencies) > 25:  # too tall for a photo: Telegram would shrink it
        await message.reply_document(
            document=png, filename=f"{file_stem(plan.number, period.label)}.png", caption=caption
        )
    else:
        await message.reply_photo(photo=png, caption=caption)


def file_stem(number: str, period: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "-", strip_diacritics(f"{number} {period}")).strip("-").lower()


@requires(Role.COORDINATOR)
async def on_summary_button(update: Update, context: BotContext, member: Member) -> None:
    """Switch period, drill into an agency, remind now, or choose a plan."""
    svc, texts = context.services, context.texts
    parts = await pressed(update, context)
    query = update.callback_query
    if parts is None or query is None:
        return
    kind = parts[0]
    if kind == CHOOSE_PLAN:
        async with svc.db.transaction() as session:
            plan = await session.get(Plan, int(parts[2]))
        command = PLAN_COMMANDS.get(parts[1])
        if plan is not None and command is not None:
            context.args = [plan.number]  # the same command again, for the chosen plan
            await command(update, context)
        return
    async with svc.db.transaction() as session:
        period = await session.get(ReportingPeriod, int(parts[1]))
        if period is None:
            return
        plan = await session.get(Plan, period.plan_id)
        assert plan is not None
        if kind == SUMMARY_PERIOD:
            calendar, _today = await working_calendar(svc, session)
            target = await neighbour_period(session, plan, period, int(parts[2]), calendar)
        elif kind == REMIND_NOW:
            count = await remind_now(session, period, svc.now())
        else:
            agency = await session.get(Agency, int(parts[2]))
            items = await period_items(session, plan, period, int(parts[2]))
    if kind == SUMMARY_PERIOD:
        if target is not None:
            await send_summary(update, context, plan, target)
        return
    if kind == REMIND_NOW:
        await query.message.reply_text(texts("missing.reminded", count=count))  # type: ignore[union-attr]
        dispatcher = svc.dispatcher
        if dispatcher is not None:
            context.application.create_task(dispatcher.dispatch())
        return
    lines = [
        texts(
            "summary.agency_header",
            agency=agency.name if agency else "?",
            plan=plan.number,
            period=period.label,
        )
    ]
    for item in items:
        state = (
            report_state(texts, item.report) if item.report else texts.plain("tasks.not_reported")
        )
        lines.append(
            texts(
                "summary.agency_task",
                ref=item.task.ref,
                title=shorten(item.task.title, 80),
                state=state,
            )
        )
    await reply_lines(query.message, lines)  # type: ignore[arg-type]


@requires(Role.COORDINATOR)
async def linkgroup_command(update: Update, context: BotContext, member: Member) -> None:
    """/linkgroup <plan> in a group chat: the group gets the plan's escalations and digests."""
    svc, texts = context.services, context.texts
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    if chat.type == "private" or not context.args:
        await message.reply_text(texts("linkgroup.usage"))
        return
    async with svc.db.transaction() as session:
        plan = await find_plan(session, " ".join(context.args))
        if plan is None:
            await message.reply_text(texts("request.unknown_plan", value=" ".join(context.args)))
            return
        plan.group_chat_id = chat.id
        audit.record(session, member, "plan.link_group", plan=plan.number, chat_id=chat.id)
    await message.reply_text(texts("linkgroup.done", plan=plan.number))


PLAN_COMMANDS = {
    "summary": summary_command,
    "missing": missing_command,
    "export": export_command,
    "chart": chart_command,
}
