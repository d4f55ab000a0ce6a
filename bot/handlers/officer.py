"""Officer handlers: status replies in free text or buttons, /report, /tasks, evidence files."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup, Message, Update

from bot import keyboards
from bot.context import BotContext, Services, working_calendar
from bot.delivery import shorten
from bot.guards import requires
from bot.messaging import clear_buttons, edit, pressed, reply_lines
from bot.render import local_date
from bot.texts import Html, Texts
from domain.status import ReportStatus, Role
from reports.intake import Intake, Question, record, take_reply
from reports.replies import ParsedReply, parse_replies
from reports.service import Recorded, attach_evidence, latest_report_by, undo_report
from reports.worklist import WorkItem, candidates, item_for, worklist
from storage.models import BotMessage, BotState, Member, Report, ReportingPeriod, Task

CONTEXT_TTL = timedelta(hours=24)
NOTE_TTL = timedelta(minutes=30)
MAX_CONFIRM_BUTTONS = 4


# -- shared pieces -----------------------------------------------------------------------------
async def agency_worklist(svc: Services, session: AsyncSession, member: Member) -> list[WorkItem]:
    calendar, today = await working_calendar(svc, session)
    return await worklist(session, member.agency_id or 0, today, calendar)


async def remember(
    session: AsyncSession,
    message: Message,
    member: Member,
    purpose: str,
    context: dict[str, Any],
    now: datetime,
) -> None:
    session.add(
        BotMessage(
            chat_id=message.chat_id,
            message_id=message.message_id,
            member_id=member.id,
            purpose=purpose,
            context=context,
            created_at=now,
        )
    )


async def replied_context(
    session: AsyncSession, message: Message, now: datetime
) -> BotMessage | None:
    """The bot message this one answers: the one replied to, or the bot's last recent one."""
    if message.reply_to_message is not None:
        return await session.scalar(
            select(BotMessage).where(
                BotMessage.chat_id == message.chat_id,
                BotMessage.message_id == message.reply_to_message.message_id,
            )
        )
    last = await session.scalar(
        select(BotMessage)
        .where(BotMessage.chat_id == message.chat_id)
        .order_by(BotMessage.id.desc())
        .limit(1)
    )
    if last is not None and now - last.created_at < CONTEXT_TTL:
        return last
    return None


def status_label(texts: Texts, status: str | None) -> str:
    return texts.plain(f"status.{status}") if status else "—"


def report_state(texts: Texts, report: Report) -> Html:
    """ "Đang thực hiện 70%: đã trình dự thảo" — what a report says, without the task."""
    return texts(
        "report.state",
        status=status_label(texts, report.status),
        percent=texts("report.percent", percent=report.percent)
        if report.percent is not None
        else Html(""),
        note=texts("report.note", note=shorten(report.note, 300)) if report.note else Html(""),
    )


def report_line(texts: Texts, ref: str, report: Report) -> Html:
    return texts("report.line", ref=ref, state=report_state(texts, report))


def confirmation(texts: Texts, recorded: list[Recorded]) -> tuple[Html, InlineKeyboardMarkup]:
    late = [r for r in recorded if r.report.late]
    period = recorded[0].period
    head = (
        texts("report.recorded_late", period=period.label, deadline=local_date(period.deadline))
        if late
        else texts("report.recorded", period=period.label)
    )
    lines = [head, *(report_line(texts, r.task.ref, r.report) for r in recorded)]
    buttons = []
    for r in recorded[:MAX_CONFIRM_BUTTONS]:
        buttons.append(
            keyboards.button(
                texts.plain("report.button_edit").format(ref=r.task.ref),
                keyboards.EDIT,
                r.report.id,
            )
        )
        buttons.append(
            keyboards.button(
                texts.plain("report.button_undo").format(ref=r.task.ref),
                keyboards.UNDO,
                r.report.id,
                r.report.revision,
            )
        )
    return Html("\n".join(lines)), keyboards.markup(buttons, 2)


def task_buttons(items: list[WorkItem], prefix: str, *first: object) -> list[Any]:
    return [
        keyboards.button(
            f"{'📝' if item.owed else '✅'} {item.task.ref}", prefix, *first, item.task.id
        )
        for item in items[:24]
    ]


# -- free text -----------------------------------------------------------------------------------
@requires(Role.OFFICER)
async def on_text(update: Update, context: BotContext, member: Member) -> None:
    """A status reply in words: recorded and confirmed, or answered with one question."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    if message is None or not message.text:
        return
    if member.agency_id is None:
        await message.reply_text(texts("report.hint"))
        return
    now = svc.now()
    async with svc.db.transaction() as session:
        previous = await replied_context(session, message, now)
        note_for = await note_target(session, previous, now)
        if note_for is not None:
            noted = await set_note(session, svc, member, note_for, message.text, update.update_id)
    if note_for is not None:  # committed above; now it can be confirmed
        await answer_intake(update, context, member, Intake(recorded=[noted]))
        return
    async with svc.db.transaction() as session:
        items = await agency_worklist(svc, session, member)
        scoped = in_context(items, previous)
        # a reply is about what it answers; a new message too, unless it names its own task
        replying = message.reply_to_message is not None
        if scoped and (replying or not names_a_task(message.text, items)):
            items = scoped
        if not items:
            await message.reply_text(texts("report.nothing_open"))
            return
        intake = await take_reply(
            session,
            member,
            message.text,
            items,
            now=now,
            tz=svc.settings.tz,
            update_id=update.update_id,
        )
    await answer_intake(update, context, member, intake)


async def note_target(
    session: AsyncSession, previous: BotMessage | None, now: datetime
) -> Report | None:
    """The report whose note the bot just asked for, if this message answers that."""
    if previous is None or previous.purpose != "note" or now - previous.created_at >= NOTE_TTL:
        return None
    return await session.get(Report, previous.context.get("report_id", 0))


async def set_note(
    session: AsyncSession, svc: Services, member: Member, report: Report, note: str, update_id: int
) -> Recorded:
    item = await item_for(session, report.agency_id, report.period_id, report.task_id)
    assert item is not None
    return await record(
        session,
        member,
        item,
        ReportStatus(report.status),
        None,
        svc.now(),
        svc.settings.tz,
        update_id,
        percent=report.percent,
        note=note.strip(),
    )


def in_context(items: list[WorkItem], previous: BotMessage | None) -> list[WorkItem]:
    """The items the bot's earlier message was about (a reminder's tasks, a confirmation's)."""
    if previous is None or not previous.context.get("task_ids"):
        return []
    wanted = set(previous.context["task_ids"])
    period_id = previous.context.get("period_id")
    return [i for i in items if i.task.id in wanted and period_id in (None, i.period.id)]


def names_a_task(text: str, items: list[WorkItem]) -> bool:
    refs = [i.task.ref for i in candidates(items)]
    return any(p.task is not None or p.reason == "unknown_task" for p in parse_replies(text, refs))


def confirm_context(recorded: list[Recorded]) -> dict[str, Any]:
    return {
        "period_id": recorded[0].period.id,
        "task_ids": [r.task.id for r in recorded],
        "report_ids": [r.report.id for r in recorded],
    }


async def answer_intake(
    update: Update, context: BotContext, member: Member, intake: Intake
) -> None:
    """Confirm what was recorded (already committed), then ask what was unclear."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    if intake.recorded:
        text, markup = confirmation(texts, intake.recorded)
        sent = await message.reply_text(text, reply_markup=markup)
        async with svc.db.transaction() as session:
            await remember(
                session, sent, member, "confirm", confirm_context(intake.recorded), svc.now()
            )
    for question in intake.questions[:3]:
        await ask(message, context, question)
    if intake.unrelated and not intake.recorded and not intake.questions:
        await message.reply_text(texts("report.hint"))


async def ask(message: Message, context: BotContext, question: Question) -> None:
    """One question with buttons; what was understood is kept server-side under a short id."""
    svc, texts = context.services, context.texts
    qid = secrets.token_hex(4)
    parsed = question.parsed
    state = {
        "status": parsed.status.value if parsed.status else None,
        "percent": parsed.percent,
        "note": parsed.note,
        "items": {str(i.task.id): i.period.id for i in question.items},
    }
    if question.reason == "which_status":
        item = next(i for i in question.items if i.task.ref == parsed.task)
        state["items"] = {str(item.task.id): item.period.id}
        state["task_id"] = item.task.id
        text = texts("report.ask_status", ref=item.task.ref, text=shorten(message.text or "", 200))
        buttons = [
            keyboards.button(texts.plain(f"status.{s}"), keyboards.ANSWER_STATUS, qid, s)
            for s in keyboards.STATUSES
        ]
        markup = keyboards.markup(buttons, 2)
    else:
        key = "report.unknown_task" if question.reason == "unknown_task" else "report.ask_task"
        text = texts(key, text=shorten(message.text or "", 200))
        buttons = task_buttons(question.items, keyboards.ANSWER_TASK, qid)
        if question.reason == "which_task" and len(question.items) > 1:
            buttons.append(
                keyboards.button(texts.plain("report.all_tasks"), keyboards.ANSWER_TASK, qid, "all")
            )
        markup = keyboards.markup(buttons, 3)
    async with svc.db.transaction() as session:
        session.add(BotState(key=f"q:{qid}", value=state, updated_at=svc.now()))
    await message.reply_text(text, reply_markup=markup)


# -- /report and its buttons -------------------------------------------------------------------
@requires(Role.OFFICER)
async def report_command(update: Update, context: BotContext, member: Member) -> None:
    """/report: pick a task, then a status, a percentage and a note."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    if member.agency_id is None:
        await message.reply_text(texts("report.no_agency"))
        return
    async with svc.db.transaction() as session:
        items = candidates(await agency_worklist(svc, session, member))
    if not items:
        await message.reply_text(texts("report.nothing_open"))
        return
    buttons = [
        keyboards.button(
            f"{'📝' if i.owed else '✅'} {i.task.ref}", keyboards.PICK_TASK, i.period.id, i.task.id
        )
        for i in items[:24]
    ]
    await message.reply_text(
        texts("report.pick_task", period=items[0].period.label),
        reply_markup=keyboards.markup(buttons, 3),
    )


@requires(Role.OFFICER)
async def on_report_button(update: Update, context: BotContext, member: Member) -> None:
    """Every report button: pick task/status/percent, skip note, edit, undo, answer a question."""
    svc, texts = context.services, context.texts
    parts = await pressed(update, context)
    query = update.callback_query
    if parts is None or query is None:
        return
    kind = parts[0]
    if member.agency_id is None:
        await edit(query, texts("report.no_agency"))
        return
    if kind in (keyboards.ANSWER_TASK, keyboards.ANSWER_STATUS):
        await answer_question(update, context, member, parts)
        return
    if kind in (keyboards.UNDO, keyboards.EDIT, keyboards.SKIP_NOTE):
        await on_report_action(update, context, member, parts)
        return
    period_id, task_id = int(parts[1]), int(parts[2])
    async with svc.db.transaction() as session:
        item = await item_for(session, member.agency_id, period_id, task_id)
        if item is None:
            await edit(query, texts("report.expired_button"))
            return
        if kind == keyboards.PICK_TASK:
            buttons = [
                keyboards.button(
                    texts.plain(f"status.{s}"), keyboards.PICK_STATUS, period_id, task_id, s
                )
                for s in keyboards.STATUSES
            ]
            await query.message.reply_text(  # type: ignore[union-attr]
                texts("report.pick_status", ref=item.task.ref, title=shorten(item.task.title, 200)),
                reply_markup=keyboards.markup(buttons, 2),
            )
            return
        status = parts[3]
        if kind == keyboards.PICK_STATUS and status != ReportStatus.DONE.value:
            buttons = [
                keyboards.button(f"{p}%", keyboards.PICK_PERCENT, period_id, task_id, status, p)
                for p in keyboards.PERCENTS
            ]
            buttons.append(
                keyboards.button(
                    texts.plain("report.percent_skip"),
                    keyboards.PICK_PERCENT,
                    period_id,
                    task_id,
                    status,
                    "-",
                )
            )
            await edit(
                query,
                texts("report.pick_percent", ref=item.task.ref, status=status_label(texts, status)),
                reply_markup=keyboards.markup(buttons, 3),
            )
            return
        percent = None if kind == keyboards.PICK_STATUS or parts[4] == "-" else int(parts[4])
        recorded = await record(
            session, member, item, ReportStatus(status), None, svc.now(), svc.settings.tz,
            update.update_id, percent=percent, note="",
        )  # fmt: skip
    prompt = texts(
        "report.ask_note",
        ref=item.task.ref,
        status=status_label(texts, status),
        percent=texts("report.percent", percent=recorded.report.percent)
        if recorded.report.percent is not None
        else Html(""),
    )
    text, markup = confirmation(texts, [recorded])
    buttons = [
        keyboards.button(texts.plain("report.skip_note"), keyboards.SKIP_NOTE, recorded.report.id)
    ]
    await edit(query, text, reply_markup=markup)
    sent = await query.message.reply_text(prompt, reply_markup=keyboards.markup(buttons))  # type: ignore[union-attr]
    async with svc.db.transaction() as session:
        await remember(session, sent, member, "note", {"report_id": recorded.report.id}, svc.now())


async def on_report_action(
    update: Update, context: BotContext, member: Member, parts: list[str]
) -> None:
    svc, texts = context.services, context.texts
    query = update.callback_query
    assert query is not None
    kind, report_id = parts[0], int(parts[1])
    async with svc.db.transaction() as session:
        report = await session.get(Report, report_id)
        if report is None or report.agency_id != member.agency_id:
            await edit(query, texts("report.gone"))
            return
        task = await session.get(Task, report.task_id)
        assert task is not None
        if kind == keyboards.SKIP_NOTE:
            await clear_buttons(query)
            return
        if kind == keyboards.EDIT:
            buttons = [
                keyboards.button(
                    texts.plain(f"status.{s}"), keyboards.PICK_STATUS, report.period_id, task.id, s
                )
                for s in keyboards.STATUSES
            ]
            await query.message.reply_text(  # type: ignore[union-attr]
                texts("report.pick_status", ref=task.ref, title=shorten(task.title, 200)),
                reply_markup=keyboards.markup(buttons, 2),
            )
            return
        if report.revision != int(parts[2]):
            await query.answer(texts.plain("report.expired_button"), show_alert=True)
            return
        undone = await undo_report(session, report_id)
    if undone is None or undone.report is None:
        await edit(query, texts("report.undone_removed", ref=task.ref))
    else:
        await edit(
            query,
            texts("report.undone", ref=task.ref, state=report_line(texts, task.ref, undone.report)),
        )


async def answer_question(
    update: Update, context: BotContext, member: Member, parts: list[str]
) -> None:
    """The officer picked the task (or status) an ambiguous reply meant: record it now."""
    svc, texts = context.services, context.texts
    query = update.callback_query
    assert query is not None and query.message is not None
    kind, qid, choice = parts[0], parts[1], parts[2]
    recorded: list[Recorded] = []
    async with svc.db.transaction() as session:
        state_row = await session.get(BotState, f"q:{qid}")
        if state_row is None:
            await edit(query, texts("report.expired_button"))
            return
        state = dict(state_row.value)
        if kind == keyboards.ANSWER_STATUS:
            state["status"] = choice
            chosen = [str(state["task_id"])]
        else:
            chosen = list(state["items"]) if choice == "all" else [choice]
        if state.get("status") is None:
            await session.delete(state_row)
            state_row = None
            question = ParsedReply(None, state.get("percent"), None, state.get("note", ""), True)
        for task_key in chosen:
            period_id = state["items"].get(task_key)
            item = await item_for(
                session, member.agency_id or 0, int(period_id or 0), int(task_key)
            )
            if item is None:
                continue
            if state.get("status") is None:
                await ask(
                    query.message,
                    context,
                    Question(
                        "which_status",
                        ParsedReply(None, question.percent, item.task.ref, question.note, True),
                        [item],
                    ),
                )  # type: ignore[arg-type]
                return
            recorded.append(
                await record(
                    session,
                    member,
                    item,
                    ReportStatus(state["status"]),
                    None,
                    svc.now(),
                    svc.settings.tz,
                    update.update_id,
                    percent=state.get("percent"),
                    note=state.get("note", ""),
                )
            )
        if state_row is not None:
            await session.delete(state_row)
    if not recorded:
        await edit(query, texts("report.expired_button"))
        return
    text, markup = confirmation(texts, recorded)
    await edit(query, text, reply_markup=markup)
    async with svc.db.transaction() as session:
        session.add(
            BotMessage(
                chat_id=query.message.chat_id,
                message_id=query.message.message_id,
                member_id=member.id,
                purpose="confirm",
                context=confirm_context(recorded),
                created_at=svc.now(),
            )
        )


# -- /tasks ------------------------------------------------------------------------------------
@requires(Role.OFFICER)
async def tasks_command(update: Update, context: BotContext, member: Member) -> None:
    """/tasks: the agency's tasks with this period's status and deadline."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    if member.agency_id is None:
        await message.reply_text(texts("report.no_agency"))
        return
    agency = member.agency.name if member.agency else ""
    async with svc.db.transaction() as session:
        items = await agency_worklist(svc, session, member)
    if not items:
        await message.reply_text(texts("tasks.none", agency=agency))
        return
    lines: list[str] = [texts("tasks.header", agency=agency)]
    current: tuple[int, int] | None = None
    for item in items:
        if (item.plan.id, item.period.id) != current:
            current = (item.plan.id, item.period.id)
            lines.append(
                texts(
                    "tasks.period",
                    plan=item.plan.number,
                    period=item.period.label,
                    deadline=local_date(item.deadline),
                )
            )
        state = (
            report_state(texts, item.report) if item.report else texts.plain("tasks.not_reported")
        )
        lines.append(
            texts(
                "tasks.line",
                mark="✅"
                if item.report and item.report.status == "done"
                else ("📝" if item.report else "⏳"),
                ref=item.task.ref,
                title=shorten(item.task.title, 90),
                state=Html(state),
            )
        )
    await reply_lines(message, lines)


# -- evidence ------------------------------------------------------------------------------------
@requires(Role.OFFICER)
async def on_evidence(update: Update, context: BotContext, member: Member) -> None:
    """A document or photo after a report is kept as its evidence."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    if message.document is not None:
        kind, file_id = "document", message.document.file_id
        name = message.document.file_name or "document"
        mime = message.document.mime_type
    elif message.photo:
        kind, file_id, name, mime = "photo", message.photo[-1].file_id, "photo.jpg", "image/jpeg"
    else:
        return
    now = svc.now()
    async with svc.db.transaction() as session:
        report = None
        previous = await replied_context(session, message, now)
        if previous is not None and previous.context.get("report_ids"):
            report = await session.get(Report, previous.context["report_ids"][0])
        if report is None:
            report = await latest_report_by(session, member, now - CONTEXT_TTL)
        if report is None:
            await message.reply_text(texts("report.evidence_no_report"))
            return
        await attach_evidence(
            session,
            report,
            member,
            kind=kind,
            file_id=file_id,
            file_name=name,
            mime_type=mime,
            now=now,
        )
        task = await session.get(Task, report.task_id)
        period = await session.get(ReportingPeriod, report.period_id)
    assert task is not None and period is not None
    await message.reply_text(texts("report.evidence_saved", name=name, ref=task.ref))


@requires(Role.OFFICER)
async def reminders_command(update: Update, context: BotContext, member: Member) -> None:
    """/reminders on|off: a member can stop (and restart) their own reminders."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    choice = (context.args or [""])[0].lower()
    if choice not in ("on", "off"):
        await message.reply_text(texts("reminders.usage"))
        return
    async with svc.db.transaction() as session:
        row = await session.get(Member, member.id)
        assert row is not None
        row.reminders_opt_out = choice == "off"
    await message.reply_text(texts(f"reminders.{choice}"))
