"""Coordinator handlers: ad-hoc requests, and the summaries, exports and charts."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from access import audit
from access.preferences import follow_plan, followed_plan
from bot import keyboards
from bot.context import BotContext, Services, working_calendar
from bot.guards import requires
from bot.handlers.officer import report_state
from bot.messaging import pressed, reply_lines
from bot.render import local_date, local_time, shorten, split_message
from domain.dates import parse_day
from domain.status import Outcome, Role
from domain.text import split_refs, strip_diacritics
from periods.labels import PeriodName
from plans.assignments import find_task
from plans.store import find_plans
from reminders.planner import RemindNow, remind_now
from reports.labels import format_percent
from reports.model import AgencyGroupLine, PlanSummary, fold_groups
from reports.requests import NoteTooLong, UnknownTasks, create_adhoc_request
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
from texts import Html, Texts


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
        answer, created = await create_request(svc, session, member, words, note.strip())
    await message.reply_text(answer)
    dispatcher = svc.dispatcher
    if dispatcher is not None and created:
        context.application.create_task(dispatcher.tick())


async def create_request(
    svc: Services, session: AsyncSession, member: Member, words: list[str], note: str
) -> tuple[Html, bool]:
    """Makes the ad-hoc request "<plan> <deadline> [refs]" names (True), or says what is wrong."""
    texts = svc.texts
    _calendar, today = await working_calendar(svc, session)
    deadline = parse_day(words[1], today)
    if deadline is None or deadline < today:
        return texts("request.bad_deadline", value=shorten(words[1], 40)), False
    plans = await find_plans(session, words[0])
    if len(plans) != 1:
        return plan_not_found(texts, words[0], plans), False
    plan = plans[0]
    try:
        created = await create_adhoc_request(
            session,
            plan,
            deadline=deadline,
            refs=split_refs(" ".join(words[2:])),
            note=note,
            member=member,
            today=today,
        )
    except UnknownTasks as exc:
        refs = shorten(", ".join(exc.refs), 300)
        return texts("request.unknown_tasks", plan=plan.number, refs=refs), False
    except NoteTooLong as exc:
        return texts("request.note_too_long", length=exc.length, limit=exc.limit), False
    text = texts(
        "request.created",
        plan=plan.number,
        tasks=created.tasks,
        agencies=created.agencies,
        deadline=local_date(deadline),
    )
    return text, True


# -- summaries ---------------------------------------------------------------------------------
SUMMARY_PERIOD = "sp"  # sp:<period_id>:<±1>         → the summary of the period before/after
SUMMARY_AGENCY = "sa"  # sa:<period_id>:<agency_id> → one agency's tasks in that period
SUMMARY_PAGE = "sg"  # sg:<period_id>:<page>          → the summary's agency buttons, that page
REMIND_NOW = "mr"  # mr:<period_id>
CHOOSE_PLAN = "sc"  # sc:<command>:<plan_id>
MAX_AGENCY_BUTTONS = 8


@dataclass(frozen=True)
class Answer:
    """What to tell the user when a command cannot go on, sent once the transaction is over."""

    text: Html
    markup: InlineKeyboardMarkup | None = None

    async def send(self, message: Message) -> None:
        await message.reply_text(self.text, reply_markup=self.markup)


async def resolve_target(
    svc: Services, session: AsyncSession, member: Member, args: list[str], command: str
) -> tuple[Plan, ReportingPeriod] | Answer:
    """Plan and period from "[plan] [period]"; defaults: the member's plan, the current period.
    When it cannot decide, the answer for the user (a plan to choose, a period not understood)."""
    texts = svc.texts
    candidates = await find_plans(session, args[0]) if args else []
    plan = candidates[0] if len(candidates) == 1 else None
    if plan is not None:
        args = args[1:]
        await follow_plan(session, member.id, plan.id)
    elif len(candidates) > 1:
        return choose_plan(texts, candidates, command)
    else:
        plan = await followed_plan(session, member.id) or await default_plan(session, member)
    if plan is None:
        plans = await find_plans(session, None)
        if not plans:
            return Answer(texts("summary.no_plans"))
        return choose_plan(texts, plans, command)
    calendar, today = await working_calendar(svc, session)
    if args:
        period = await period_by_text(session, plan, " ".join(args), calendar, today)
        if period is None:
            value = shorten(" ".join(args), 60)
            return Answer(texts("summary.unknown_period", value=value))
    else:
        period = await current_period(session, plan, today, calendar)
    return plan, period


def plan_not_found(texts: Texts, wanted: str, plans: list[Plan]) -> Html:
    """No plan by that number, or several that it fits (then they are named)."""
    if plans:
        numbers = ", ".join(p.number for p in plans[:10])
        return texts("plan.ambiguous", value=shorten(wanted, 60), plans=numbers)
    return texts("request.unknown_plan", value=shorten(wanted, 60))


def choose_plan(texts: Texts, plans: list[Plan], command: str) -> Answer:
    buttons = [keyboards.button(p.number, CHOOSE_PLAN, command, p.id) for p in plans[:20]]
    return Answer(texts("summary.choose_plan"), keyboards.markup(buttons, 2))


async def default_plan(session: AsyncSession, member: Member) -> Plan | None:
    """The plan the member's agency coordinates, else the only active plan."""
    plans = await find_plans(session, None)
    own = [p for p in plans if member.agency_id and p.coordinator_agency_id == member.agency_id]
    if len(own) == 1:
        return own[0]
    return plans[0] if len(plans) == 1 else None


def summary_lines(texts: Texts, summary: PlanSummary) -> list[str]:
    """Tasks per class with the blocked / not-started sub-counts, then agencies (two units)."""
    counts = {o.value: summary.counts.get(o, 0) for o in Outcome}

    def sub(outcome: Outcome) -> Html:
        blocked, idle = summary.blocked.get(outcome, 0), summary.not_started.get(outcome, 0)
        if not blocked and not idle:
            return Html("")
        return texts("summary.sub", blocked=blocked, not_started=idle)

    lines = [
        texts(
            "summary.header",
            plan=summary.plan_number,
            period=texts.period(
                PeriodName(summary.period_kind, summary.period_key, summary.period_also)
            )
            if summary.period_key
            else summary.period_label,
            deadline=local_date(summary.period_deadline),
        ),
        texts(
            "summary.counts",
            total=summary.total,
            done=summary.done,
            rate=format_percent(summary.completion_rate, texts.language, digits=1),
            in_progress_sub=sub(Outcome.IN_PROGRESS_ON_TIME),
            overdue_sub=sub(Outcome.OVERDUE),
            agencies_reported=summary.agencies_reported,
            agencies=summary.agency_count,
            agencies_overdue=len(summary.agencies_overdue),
            agencies_not_due=sum(1 for a in summary.agencies if a.not_due and not a.is_overdue),
            **counts,
        ),
    ]
    if summary.agencies:
        lines.append(texts("summary.agencies"))
    for line in fold_groups(summary.agencies):
        late = texts("summary.late", count=line.late) if line.late else Html("")
        overdue = (
            texts("summary.overdue", count=line.overdue, days=line.days_overdue)
            if line.overdue
            else Html("")
        )
        if isinstance(line, AgencyGroupLine):
            lines.append(
                texts(
                    "summary.group_line",
                    group=line.name,
                    count=line.count,
                    complete=line.complete,
                    reported=line.reported,
                    expected=line.expected,
                    late=late,
                    overdue=overdue,
                )
            )
            continue
        lines.append(
            texts(
                "summary.agency_line",
                agency=line.agency,
                reported=line.reported,
                expected=line.expected,
                late=late,
                overdue=overdue,
                blocked=texts("summary.blocked", count=line.blocked) if line.blocked else Html(""),
                support=texts(
                    "summary.support",
                    reported=line.support_reported,
                    expected=line.support_expected,
                )
                if line.support_expected
                else Html(""),
            )
        )
    return lines


def summary_buttons(
    texts: Texts, period: ReportingPeriod, agencies: list[tuple[str, int]], page: int
) -> InlineKeyboardMarkup:
    """One page of drill-down buttons (agencies with the most missing reports first), buttons
    to page through the rest, so every agency can be opened, and the period switches."""
    pages = max(1, -(-len(agencies) // MAX_AGENCY_BUTTONS))
    page = min(max(page, 0), pages - 1)
    shown = agencies[page * MAX_AGENCY_BUTTONS : (page + 1) * MAX_AGENCY_BUTTONS]
    buttons = [
        keyboards.button(f"🏢 {shorten(name, 30)}", SUMMARY_AGENCY, period.id, agency_id)
        for name, agency_id in shown
    ]
    rows = keyboards.rows(buttons, 2)
    if pages > 1:
        paging = []
        if page > 0:
            label = texts.plain("summary.button_agencies_prev")
            paging.append(keyboards.button(label, SUMMARY_PAGE, period.id, page - 1))
        if page + 1 < pages:
            label = texts("summary.button_agencies_next", page=page + 2, pages=pages)
            paging.append(keyboards.button(label, SUMMARY_PAGE, period.id, page + 1))
        rows.append(paging)
    if period.kind != "adhoc":
        rows.append(
            [
                keyboards.button(texts.plain("summary.button_prev"), SUMMARY_PERIOD, period.id, -1),
                keyboards.button(texts.plain("summary.button_next"), SUMMARY_PERIOD, period.id, 1),
            ]
        )
    return InlineKeyboardMarkup(rows)


async def summary_agencies(session: AsyncSession, summary: PlanSummary) -> list[tuple[str, int]]:
    """The summary's agencies with their ids, the ones missing most reports first."""
    ids = await agency_ids_by_name(session, [a.agency for a in summary.agencies])
    worst = sorted(summary.agencies, key=lambda a: (a.reported - a.expected, a.agency))
    return [(a.agency, ids[a.agency]) for a in worst if a.agency in ids]


async def send_summary(
    update: Update, context: BotContext, plan: Plan, period: ReportingPeriod
) -> None:
    svc, texts = context.services, context.texts
    chat = update.effective_chat
    assert chat is not None
    async with svc.db.transaction() as session:
        _calendar, today = await working_calendar(svc, session)
        summary = await summarize(session, plan, period, today, blockers_limit=0)
        agencies = await summary_agencies(session, summary)
    if summary.before_start:
        lines = [
            texts(
                "summary.before_start",
                plan=plan.number,
                period=texts.period(period),
                first=summary.before_start,
            )
        ]
    elif summary.total == 0 and not summary.agencies:
        lines = [texts("summary.empty", plan=plan.number, period=texts.period(period))]
    else:
        lines = summary_lines(texts, summary)
    chunks = split_message(lines)
    for chunk in chunks[:-1]:
        await chat.send_message(chunk)
    await chat.send_message(chunks[-1], reply_markup=summary_buttons(texts, period, agencies, 0))


async def agency_ids_by_name(session: AsyncSession, names: list[str]) -> dict[str, int]:
    if not names:
        return {}
    rows = await session.execute(select(Agency.name, Agency.id).where(Agency.name.in_(names)))
    return dict(rows.all())  # type: ignore[arg-type]


@requires(Role.COORDINATOR)
async def summary_command(update: Update, context: BotContext, member: Member) -> None:
    """/summary [plan] [period]: outcome classes, completion rate, one line per agency."""
    svc = context.services
    message = update.effective_message
    assert message is not None
    async with svc.db.transaction() as session:
        target = await resolve_target(svc, session, member, list(context.args or []), "summary")
    if isinstance(target, Answer):
        await target.send(message)
        return
    await send_summary(update, context, *target)


@requires(Role.COORDINATOR)
async def missing_command(update: Update, context: BotContext, member: Member) -> None:
    """/missing [plan] [period]: agencies that have not reported, with a "remind now" button."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    async with svc.db.transaction() as session:
        target = await resolve_target(svc, session, member, list(context.args or []), "missing")
        if not isinstance(target, Answer):
            _calendar, today = await working_calendar(svc, session)
            missing = await missing_agencies(session, target[1], today)
    if isinstance(target, Answer):
        await target.send(message)
        return
    plan, period = target
    if not missing:
        await message.reply_text(
            texts("missing.none", period=texts.period(period), plan=plan.number)
        )
        return
    lines = [
        texts(
            "missing.header",
            period=texts.period(period),
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
        overdue = (
            texts("missing.overdue", count=item.overdue, days=item.days_overdue)
            if item.overdue
            else Html("")
        )
        lines.append(
            texts(
                "missing.line",
                agency=item.agency,
                missing=item.missing,
                overdue=overdue,
                officers=officers,
            )
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
    """/task <ref> [plan]: the task, its agencies, its reports across periods and their files."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    args = list(context.args or [])
    if not args:
        await message.reply_text(texts("task.usage"))
        return
    async with svc.db.transaction() as session:
        plans = await find_plans(session, " ".join(args[1:]) if len(args) > 1 else None)
        tasks = [t for p in plans if (t := await find_task(session, p, args[0])) is not None]
        history = await task_history(session, tasks[0]) if len(tasks) == 1 else None
    if history is None:
        key = "task.ambiguous" if len(tasks) > 1 else "task.unknown"
        plans_text = ", ".join(p.number for p in plans if any(t.plan_id == p.id for t in tasks))
        await message.reply_text(texts(key, ref=shorten(args[0], 60), plans=plans_text))
        return
    task = history.task
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
    if leads:
        lines.append(texts("task.lead", names=", ".join(leads)))
    else:
        lines.append(texts("task.no_lead", plan=history.plan.number, ref=task.ref))
    if supports:
        lines.append(texts("task.support", names=", ".join(supports)))
    lines.append(texts("task.history") if history.reports else texts("task.no_history"))
    for period, agency, report, reporter in history.reports:
        lines.append(
            texts(
                "task.history_line",
                period=texts.period(period),
                agency=agency,
                state=report_state(texts, report, support=agency in supports),
                when=local_time(report.reported_at, svc.settings.tz),
                who=texts("blockers.who", name=reporter) if reporter else Html(""),
            )
        )
        files = history.evidence.get(report.id)
        if files:
            names = ", ".join(shorten(name, 80) for name in files)
            lines.append(texts("task.evidence", count=len(files), names=names))
    await reply_lines(message, lines)


async def full_summary(
    update: Update, context: BotContext, member: Member, command: str
) -> tuple[Plan, ReportingPeriod, PlanSummary] | None:
    """The plan and period asked for, with the summary and one row per task × agency; None
    (the user answered) when the command cannot tell which."""
    svc = context.services
    message = update.effective_message
    assert message is not None
    async with svc.db.transaction() as session:
        target = await resolve_target(svc, session, member, list(context.args or []), command)
        if not isinstance(target, Answer):
            plan, period = target
            _calendar, today = await working_calendar(svc, session)
            summary = await summarize(session, plan, period, today, with_rows=True)
    if isinstance(target, Answer):
        await target.send(message)
        return None
    return plan, period, summary


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
    # building the files takes seconds for big plans: on the files pool, in this user's turn
    user = member.telegram_user_id
    workbook = await svc.work.files.run(user, write_workbook, [summary], now, lang=lang)
    draft = await svc.work.files.run(user, write_draft_report, summary, agency, now, lang=lang)
    stem = file_stem(plan.number, texts.period(period))
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
        caption=texts("export.caption_docx", plan=plan.number, period=texts.period(period)),
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

    png = await svc.work.files.run(
        member.telegram_user_id, draw_chart, summary, lang=svc.settings.language
    )
    caption = texts("export.caption_chart", plan=plan.number, period=texts.period(period))
    await message.reply_photo(photo=png, caption=caption)  # ≤ 1280 px high: a phone photo


def file_stem(number: str, period: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "-", strip_diacritics(f"{number} {period}")).strip("-").lower()


@requires(Role.COORDINATOR)
async def on_summary_button(update: Update, context: BotContext, member: Member) -> None:
    """Switch period, page through the agencies, drill into one, remind now, or choose a plan."""
    svc, texts = context.services, context.texts
    parts = await pressed(update, context)
    query = update.callback_query
    if parts is None or query is None or query.message is None:
        return
    message = query.message
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
        calendar, today = await working_calendar(svc, session)
        if kind == SUMMARY_PERIOD:
            target = await neighbour_period(session, plan, period, int(parts[2]), calendar)
        elif kind == SUMMARY_PAGE:
            summary = await summarize(session, plan, period, today, blockers_limit=0)
            agencies = await summary_agencies(session, summary)
        elif kind == REMIND_NOW:
            reminded = await remind_now(session, period, svc.now(), svc.settings.tz)
        else:
            agency = await session.get(Agency, int(parts[2]))
            items = await period_items(session, plan, period, int(parts[2]))
    if kind == SUMMARY_PERIOD:
        if target is not None:
            await send_summary(update, context, plan, target)
        return
    if kind == SUMMARY_PAGE:
        markup = summary_buttons(texts, period, agencies, int(parts[2]))
        with contextlib.suppress(BadRequest):  # unchanged, or too old to edit
            await query.edit_message_reply_markup(markup)
        return
    if kind == REMIND_NOW:
        await message.reply_text(reminded_text(svc, reminded))  # type: ignore[union-attr]
        dispatcher = svc.dispatcher
        if dispatcher is not None and reminded.queued:
            context.application.create_task(dispatcher.dispatch())
        return
    lines = [
        texts(
            "summary.agency_header",
            agency=agency.name if agency else "?",
            plan=plan.number,
            period=texts.period(period),
        )
    ]
    for item in sorted(items, key=lambda i: i.role != "lead"):
        support = item.role != "lead"
        state = (
            report_state(texts, item.report, support=support)
            if item.report
            else texts.plain("tasks.not_contributed" if support else "tasks.not_reported")
        )
        lines.append(
            texts(
                "summary.agency_task",
                ref=item.task.ref,
                title=shorten(item.task.title, 80),
                role=texts.plain(f"summary.role_{'support' if support else 'lead'}"),
                state=state,
            )
        )
    await reply_lines(message, lines)  # type: ignore[arg-type]


def reminded_text(svc: Services, reminded: RemindNow) -> Html:
    """What "remind now" did: reminders queued, or when these agencies were already reminded."""
    texts = svc.texts
    if reminded.queued or reminded.earlier is None:
        return texts("missing.reminded", count=reminded.queued)
    return texts(
        "missing.already_reminded",
        when=local_time(reminded.earlier, svc.settings.tz),
        count=reminded.earlier_count,
    )


@requires(Role.COORDINATOR, in_groups=True)
async def linkgroup_command(update: Update, context: BotContext, member: Member) -> None:
    """/linkgroup <plan> in a group chat: the group gets the plan's escalations and digests."""
    svc, texts = context.services, context.texts
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    if chat.type == "private" or not context.args:
        await message.reply_text(texts("linkgroup.usage"))
        return
    wanted = " ".join(context.args)
    async with svc.db.transaction() as session:
        plans = await find_plans(session, wanted)
        plan = plans[0] if len(plans) == 1 else None
        if plan is not None:
            plan.group_chat_id = chat.id
            audit.record(session, member, "plan.link_group", plan=plan.number, chat_id=chat.id)
    if plan is None:
        await message.reply_text(plan_not_found(texts, wanted, plans))
        return
    await message.reply_text(texts("linkgroup.done", plan=plan.number))


PLAN_COMMANDS = {
    "summary": summary_command,
    "missing": missing_command,
    "export": export_command,
    "chart": chart_command,
}
