"""Officer handlers: status replies in free text or buttons, /report, /tasks, evidence files.

Every handler computes and commits first, then talks to Telegram, then records in one more
short transaction what the messages it sent were about (the conversation service keeps that).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import PurePath

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

import conversation
from bot import keyboards
from bot.context import BotContext, Services, working_calendar
from bot.guards import requires
from bot.messaging import clear_buttons, edit, pressed
from bot.render import local_date, shorten, split_message
from bot.updates import finishing_transaction
from conversation.intents import coordinator_question, names_a_task
from conversation.model import (
    CONFIRM,
    FIGURES,
    FIGURES_DONE,
    LIST,
    NOTE,
    PICK,
    QUESTION,
    REPLY_WINDOW,
    About,
    Pending,
)
from conversation.reading import (
    KEEP_OR_CHANGE,
    LINE_OR_TASK,
    UNKNOWN,
    WHICH_STATUS,
    WHICH_TASK,
    guarded,
    read,
)
from conversation.store import is_note_prompt, replace_sent
from domain.status import ReportStatus, Role
from periods.calendar import WorkingCalendar
from reports.intake import Intake, Part, Question, Reading, record, take
from reports.replies import DONE_WITH_ONGOING, ParsedReply, parse_reply
from reports.service import (
    Recorded,
    attach_evidence,
    latest_report_by,
    take_back,
    undo_report,
)
from reports.worklist import (
    WorkItem,
    candidates,
    item_for,
    items_of_period,
    settles,
    worklist,
)
from storage.models import Evidence, Member, Report, Task
from texts import Html, Texts

EVIDENCE_WINDOW = timedelta(hours=24)
MAX_CONFIRM_BUTTONS = 12  # an edit and an undo button for each of up to 12 tasks
MAX_QUESTIONS = 3


# -- shared pieces -----------------------------------------------------------------------------
async def agency_worklist(
    svc: Services, session: AsyncSession, member: Member, period_id: int | None = None
) -> list[WorkItem]:
    """The agency's work list; with `period_id` (what an answered message was about), that
    period's items too when it is no longer open (a reply to an old reminder is for it)."""
    calendar, today = await working_calendar(svc, session)
    items = await worklist(session, member.agency_id or 0, today, calendar)
    if period_id is not None and all(i.period.id != period_id for i in items):
        items += await items_of_period(session, period_id, member.agency_id or 0)
    return items


async def record_settling(
    session: AsyncSession,
    svc: Services,
    member: Member,
    item: WorkItem,
    status: ReportStatus,
    update_id: int,
    *,
    percent: int | None,
    note: str,
) -> list[Recorded]:
    """A report chosen with a button: recorded for its period and the earlier periods of the
    task still owed (docs/counting.md, section 4), oldest first."""
    items = await agency_worklist(svc, session, member, item.period.id)
    recorded = []
    for each in (*settles(items, item), item):
        recorded.append(
            await record(
                session,
                member,
                each,
                status,
                None,
                svc.now(),
                svc.settings.tz,
                update_id,
                percent=percent,
                note=note,
            )
        )
    return recorded


def status_label(texts: Texts, status: str | None) -> str:
    return texts.plain(f"status.{status}") if status else "—"


def report_state(texts: Texts, report: Report, *, support: bool = False) -> Html:
    """ "Đang thực hiện 70%: đã trình dự thảo" — what a report says, without the task (a
    supporting agency's "done" is its contribution sent: "Đã gửi ý kiến")."""
    contributed = support and report.status == ReportStatus.DONE.value
    return texts(
        "report.state",
        status=texts.plain("status.contributed")
        if contributed
        else status_label(texts, report.status),
        percent=texts("report.percent", percent=report.percent)
        if report.percent is not None
        else Html(""),
        note=texts("report.note", note=shorten(report.note, 300)) if report.note else Html(""),
    )


def report_line(texts: Texts, ref: str, report: Report, *, support: bool = False) -> Html:
    return texts("report.line", ref=ref, state=report_state(texts, report, support=support))


def confirmation(
    texts: Texts, recorded: list[Recorded], *, head_key: str | None = None
) -> tuple[Html, InlineKeyboardMarkup]:
    """What was recorded, one line per task, each with its own edit and undo buttons; a report
    that settled several periods names each (docs/counting.md, section 4)."""
    groups: dict[int, list[Recorded]] = {}
    for r in recorded:
        groups.setdefault(r.period.id, []).append(r)
    lines: list[str] = []
    for group in groups.values():
        period, late = group[0].period, [r for r in group if r.report.late]
        deadline = group[0].deadline or period.deadline
        if head_key is not None:
            head = texts(head_key, period=texts.period(period))
        elif late:
            head = texts(
                "report.recorded_late", period=texts.period(period), deadline=local_date(deadline)
            )
        else:
            head = texts("report.recorded", period=texts.period(period))
        if lines:
            lines.append("")
        lines += [
            head,
            *(report_line(texts, r.task.ref, r.report, support=r.role != "lead") for r in group),
        ]
    buttons = []
    # one pair of buttons per task: its latest period's report (the earlier ones it settled
    # are edited from there or in /tasks)
    latest = {r.task.id: r for r in recorded}
    for r in list(latest.values())[:MAX_CONFIRM_BUTTONS]:
        label = texts.plain("report.button_edit").format(ref=r.task.ref)
        buttons.append(keyboards.tap(label, keyboards.Edit(r.report.id)))
        label = texts.plain("report.button_undo").format(ref=r.task.ref)
        buttons.append(keyboards.tap(label, keyboards.Undo(r.report.id, r.report.revision)))
    return Html("\n".join(lines)), keyboards.markup(buttons, 2)


def confirmed(recorded: list[Recorded], answers: int | None, update_id: int | None) -> About:
    """A confirmation is about each task's latest period recorded (and every report in it)."""
    latest = list({r.task.id: r for r in recorded}.values())
    periods = {r.period.id for r in latest}
    return About(
        CONFIRM,
        period_id=periods.pop() if len(periods) == 1 else None,
        task_ids=tuple(r.task.id for r in latest),
        refs=tuple(r.task.ref for r in latest),
        report_ids=tuple(r.report.id for r in recorded),
        answers=answers,
        source_update=update_id,
    )


def status_buttons(period_id: int, task_id: int, texts: Texts) -> list[InlineKeyboardButton]:
    return [
        keyboards.tap(texts.plain(f"status.{s}"), keyboards.PickStatus(period_id, task_id, s))
        for s in keyboards.STATUSES
    ]


@dataclass(frozen=True)
class Outgoing:
    """A message to send, and what it is about (recorded once it is sent)."""

    text: str
    markup: InlineKeyboardMarkup | None
    about: About


async def send_all(svc: Services, message: Message, member: Member, out: list[Outgoing]) -> None:
    """Send after the commit; then one short transaction records what was sent."""
    sent = [(await message.reply_text(o.text, reply_markup=o.markup), o.about) for o in out]
    await remember(svc, member, sent)


async def remember(
    svc: Services,
    member: Member,
    sent: list[tuple[Message, About]],
    edited: tuple[Message, About] | None = None,
) -> None:
    """One short transaction after the sends: what each sent message is about, and what a
    button's own message (edited in place) now confirms."""
    if not sent and edited is None:
        return
    now = svc.now()
    async with finishing_transaction(svc) as session:
        if edited is not None:
            shown, about = edited
            await replace_sent(
                session,
                chat_id=shown.chat_id,
                message_id=shown.message_id,
                member_id=member.id,
                about=about,
                now=now,
            )
        for reply, about in sent:
            await conversation.record_sent(
                session,
                chat_id=reply.chat_id,
                message_id=reply.message_id,
                member_id=member.id,
                about=about,
                now=now,
            )


# -- free text -----------------------------------------------------------------------------------
@requires(Role.OFFICER)
async def on_text(update: Update, context: BotContext, member: Member) -> None:
    """A status reply in words: recorded and confirmed, or answered with one question."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    if message is None or not message.text:
        return
    if member.agency_id is None:
        await message.reply_text(texts("report.no_agency"))
        return
    if update.edited_message is not None:
        await on_edited(update, context, member, message)
        return
    if await answered_as_coordinator(update, context, member, message.text):
        return
    from bot.handlers.targets import answered_figures  # builds on the coordinators' handlers

    if await answered_figures(update, context, member, message):
        return  # a figure for an indicator the agency provides (docs/counting.md, section 9)
    now = svc.now()
    replied = message.reply_to_message.message_id if message.reply_to_message else None
    quote = message.quote.text if message.quote is not None else None
    intake, asked, nothing_open = Intake(), [], False
    async with svc.db.transaction() as session:
        previous = await conversation.context_for(session, message.chat_id, replied, now)
        if previous is not None and previous.about.purpose in (FIGURES, FIGURES_DONE):
            previous = None  # a figure request is not what a task's report answers
        asked_period = previous.about.period_id if previous is not None else None
        items = await agency_worklist(svc, session, member, asked_period)
        reading = read(message.text, items, previous, quote=quote)
        asks = only_asks(reading, message.text)
        note_for = None
        named = any(p.named for p in reading.parts)  # a report of its own, not a note
        if previous is not None and is_note_prompt(previous, now) and not named:
            note_for = await session.get(Report, previous.about.report_ids[0])
        if note_for is not None and note_for.agency_id == member.agency_id:
            noted = await set_note(session, svc, member, note_for, message.text, update.update_id)
            await conversation.close(session, previous.chat_id, previous.message_id)  # type: ignore[union-attr]
            intake = Intake(recorded=[noted])
        elif not items:
            nothing_open = True
        elif not asks:
            intake = await take(
                session, member, reading, now=now, tz=svc.settings.tz, update_id=update.update_id
            )
            asked = await ask_all(session, member, intake.questions[:MAX_QUESTIONS], now)
    if nothing_open or (asks and not intake.recorded):
        key = "report.nothing_open" if nothing_open else "report.question"
        await send_all(svc, message, member, [Outgoing(texts(key), None, About(LIST))])
        return
    await send_all(svc, message, member, replies(texts, message, intake, asked, update.update_id))


async def answered_as_coordinator(
    update: Update, context: BotContext, member: Member, text: str
) -> bool:
    """A coordinator's question in words ("tình hình kế hoạch 151 thế nào?") answered with
    the summary it asks for, unless the message names a task (then it is a report)."""
    if not Role(member.role).allows(Role.COORDINATOR):
        return False
    asked = coordinator_question(text)
    if asked is None or names_a_task(text):
        return False
    from bot.handlers import coordinator  # the coordinators' handlers build on this module

    command = {
        "summary": coordinator.summary_command,
        "missing": coordinator.missing_command,
        "blockers": coordinator.blockers_command,
    }[asked.command]
    context.args = asked.args
    await command(update, context)
    return True


def only_asks(reading: Reading, text: str) -> bool:
    """The message asks something and reports nothing: it gets a short answer, not questions."""
    if reading.parts:
        return all(p.parsed.kind == "question" for p in reading.parts)
    return parse_reply(text).kind == "question"


def replies(
    texts: Texts,
    message: Message,
    intake: Intake,
    asked: list[tuple[str, Question]],
    update_id: int,
    *,
    head_key: str | None = None,
) -> list[Outgoing]:
    """The confirmation of what was recorded (already committed), then the questions."""
    out: list[Outgoing] = []
    if intake.recorded:
        text, markup = confirmation(texts, intake.recorded, head_key=head_key)
        about = confirmed(intake.recorded, message.message_id, update_id)
        out.append(Outgoing(text, markup, about))
    for qid, question in asked:
        text, markup = question_view(texts, qid, question, message.text or "")
        out.append(Outgoing(text, markup, asked_about(question)))
    if intake.unrelated and not intake.recorded and not asked:
        out.append(Outgoing(texts("report.hint"), None, About(LIST)))
    return out


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


# -- questions -----------------------------------------------------------------------------------
async def ask_all(
    session: AsyncSession, member: Member, questions: list[Question], now: datetime
) -> list[tuple[str, Question]]:
    """Keep each question server-side (bound to the officer) under a short id for its buttons;
    questions nobody answered in time are dropped on the way."""
    if not questions:
        return []
    await conversation.forget_stale(session, now)
    return [
        (conversation.remember_question(session, pending_of(member, q), now), q) for q in questions
    ]


def pending_of(member: Member, question: Question) -> Pending:
    parsed = question.parsed
    one = question.items[0] if question.reason in (WHICH_STATUS, KEEP_OR_CHANGE) else None
    return Pending(
        member_id=member.id,
        reason=question.reason,
        items={i.task.id: i.period.id for i in question.items},
        status=parsed.status.value if parsed.status is not None else None,
        percent=parsed.percent,
        note=parsed.note,
        task_id=one.task.id if one is not None else None,
        keep=question.keep,
        choices=question.statuses,
    )


def asked_about(question: Question) -> About:
    return About(
        QUESTION,
        period_id=question.items[0].period.id
        if len({i.period.id for i in question.items}) == 1
        else None,
        task_ids=tuple(i.task.id for i in question.items),
        refs=tuple(i.task.ref for i in question.items),
    )


def question_view(
    texts: Texts, qid: str, question: Question, said: str
) -> tuple[Html, InlineKeyboardMarkup]:
    """The question's text and buttons (the buttons carry only `qid` and a choice)."""
    said = shorten(said, 200)
    items = question.items
    if question.reason == WHICH_STATUS:
        text = texts("report.ask_status", ref=items[0].task.ref, text=said)
        buttons = [
            keyboards.tap(texts.plain(f"status.{s}"), keyboards.AnswerStatus(qid, s))
            for s in keyboards.STATUSES
        ]
        return text, keyboards.markup(buttons, 2)
    if question.reason == KEEP_OR_CHANGE:
        ref = items[0].task.ref
        buttons = []
        if question.keep == ReportStatus.DONE.value:
            new = question.statuses[0]
            text = texts(
                "report.ask_keep",
                ref=ref,
                current=status_label(texts, question.keep),
                new=status_label(texts, new),
                text=said,
            )
            label = texts.plain("report.button_keep").format(
                status=status_label(texts, question.keep)
            )
            buttons.append(keyboards.tap(label, keyboards.Keep(qid)))
            label = texts.plain("report.button_change").format(status=status_label(texts, new))
            buttons.append(keyboards.tap(label, keyboards.AnswerStatus(qid, new)))
        else:
            key = "report.ask_done" if question.parsed.reason == DONE_WITH_ONGOING else None
            text = texts(key or "report.ask_status", ref=ref, text=said)
            for status in question.statuses:
                label = status_label(texts, status)
                buttons.append(keyboards.tap(label, keyboards.AnswerStatus(qid, status)))
        return text, keyboards.markup(buttons, 2)
    if question.reason == LINE_OR_TASK and len(items) >= 2:
        line, task = items[0], items[1]
        text = texts("report.ask_line_or_task", line=line.task.ref, ref=task.task.ref, text=said)
    elif question.reason == UNKNOWN:
        text = texts("report.unknown_task", text=said)
    else:
        hours = int(REPLY_WINDOW.total_seconds() // 3600)
        text = Html(
            texts("report.ask_task", text=said) + "\n" + texts("report.window", hours=hours)
        )
    buttons = [
        keyboards.tap(
            f"{status_icon(i.report.status if i.report else None)} {i.task.ref}",
            keyboards.AnswerTask(qid, i.task.id),
        )
        for i in items[:24]
    ]
    if question.reason == WHICH_TASK and len(items) > 1:
        buttons.append(
            keyboards.tap(texts.plain("report.all_tasks"), keyboards.AnswerTask(qid, None))
        )
    return text, keyboards.markup(buttons, 3)


# -- edited messages -----------------------------------------------------------------------------
async def on_edited(update: Update, context: BotContext, member: Member, message: Message) -> None:
    """An edited report corrects what its original recorded (same reports, new revisions);
    a task the edit no longer names gets the original's revision taken back."""
    svc, texts = context.services, context.texts
    now = svc.now()
    intake, asked, removed = Intake(), [], []
    async with svc.db.transaction() as session:
        source, updates = await conversation.source_of(session, message.chat_id, message.message_id)
        if source is not None and updates:
            items = await agency_worklist(svc, session, member)
            reading = own_corrections(read(message.text or "", items, source), source.about)
            intake = await take(
                session, member, reading, now=now, tz=svc.settings.tz, update_id=update.update_id
            )
            kept = {r.report.id for r in intake.recorded}
            for report_id in source.about.report_ids:
                if report_id in kept:
                    continue
                undone = await take_back(session, report_id, updates)
                if undone is not None:
                    removed.append(undone.task.ref)
            asked = await ask_all(session, member, intake.questions[:MAX_QUESTIONS], now)
    if source is None or not updates:
        await message.reply_text(texts("report.edit_ignored"))
        return
    out = replies(texts, message, intake, asked, update.update_id, head_key="report.edited")
    if removed:
        lines = [texts("report.edit_removed", ref=ref) for ref in removed]
        if out and out[0].about.purpose == CONFIRM:
            first = out[0]
            out[0] = Outgoing(first.text + "\n" + "\n".join(lines), first.markup, first.about)
        else:
            out.insert(0, Outgoing("\n".join(lines), None, About(LIST)))
    await send_all(svc, message, member, out)


def own_corrections(reading: Reading, original: About) -> Reading:
    """A "done" the original message itself recorded is the officer's to correct by editing:
    no keep-or-change question for it."""
    parts = [
        Part(p.parsed, p.item, named=p.named)
        if p.ask == KEEP_OR_CHANGE
        and p.keep == ReportStatus.DONE.value
        and p.item is not None
        and p.item.report is not None
        and p.item.report.id in original.report_ids
        and p.parsed.status is not None
        else p
        for p in reading.parts
    ]
    return Reading(parts, reading.unrelated)


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
        keyboards.tap(
            f"{status_icon(i.report.status if i.report else None)} {i.task.ref}",
            keyboards.PickTask(i.period.id, i.task.id),
        )
        for i in items[:24]
    ]
    text = texts("report.pick_task", period=texts.period(items[0].period))
    await send_all(
        svc, message, member, [Outgoing(text, keyboards.markup(buttons, 3), About(PICK))]
    )


@requires(Role.OFFICER)
async def on_report_button(update: Update, context: BotContext, member: Member) -> None:
    """Every report button: pick task/status/percent, skip note, edit, undo, answer a question."""
    texts = context.texts
    if await pressed(update, context) is None:
        return
    query = update.callback_query
    data = keyboards.parse(query.data if query is not None else None)
    if query is None or data is None or query.message is None:
        return
    if member.agency_id is None and not isinstance(data, keyboards.Reminders):
        await edit(query, texts("report.no_agency"))
        return
    if isinstance(data, keyboards.AnswerTask | keyboards.AnswerStatus | keyboards.Keep):
        await answer_question(update, context, member, data)
    elif isinstance(data, keyboards.Undo | keyboards.Edit | keyboards.SkipNote):
        await on_report_action(update, context, member, data)
    elif isinstance(data, keyboards.PickTask | keyboards.PickStatus | keyboards.PickPercent):
        await on_pick(update, context, member, data)
    elif isinstance(data, keyboards.Reminders):
        await on_reminders_button(update, context, member, data)


async def on_pick(
    update: Update,
    context: BotContext,
    member: Member,
    data: keyboards.PickTask | keyboards.PickStatus | keyboards.PickPercent,
) -> None:
    svc, texts = context.services, context.texts
    query = update.callback_query
    assert query is not None and query.message is not None
    message = query.message
    status = None if isinstance(data, keyboards.PickTask) else data.status
    records = status == ReportStatus.DONE.value or isinstance(data, keyboards.PickPercent)
    all_recorded: list[Recorded] = []
    async with svc.db.transaction() as session:
        item = await item_for(session, member.agency_id or 0, data.period_id, data.task_id)
        if item is not None and records:
            percent = data.percent if isinstance(data, keyboards.PickPercent) else None
            all_recorded = await record_settling(
                session, svc, member, item, ReportStatus(status), update.update_id,
                percent=percent, note="",
            )  # fmt: skip
    recorded = all_recorded[-1] if all_recorded else None
    if item is None:
        await edit(query, texts("report.expired_button"))
        return
    if isinstance(data, keyboards.PickTask):
        text = texts("report.pick_status", ref=item.task.ref, title=shorten(item.task.title, 200))
        markup = keyboards.markup(status_buttons(data.period_id, data.task_id, texts), 2)
        about = About(
            PICK, period_id=data.period_id, task_ids=(item.task.id,), refs=(item.task.ref,)
        )
        await send_all(svc, message, member, [Outgoing(text, markup, about)])  # type: ignore[arg-type]
        return
    if recorded is None:  # a status other than done: its percentage first
        assert status is not None
        buttons = [
            keyboards.tap(f"{p}%", keyboards.PickPercent(data.period_id, data.task_id, status, p))
            for p in keyboards.PERCENTS
        ]
        skip = keyboards.PickPercent(data.period_id, data.task_id, status, None)
        buttons.append(keyboards.tap(texts.plain("report.percent_skip"), skip))
        await edit(
            query,
            texts("report.pick_percent", ref=item.task.ref, status=status_label(texts, status)),
            reply_markup=keyboards.markup(buttons, 3),
        )
        return
    text, markup = confirmation(texts, all_recorded)
    await edit(query, text, reply_markup=markup)
    prompt = texts(
        "report.ask_note",
        ref=item.task.ref,
        status=status_label(texts, status),
        percent=texts("report.percent", percent=recorded.report.percent)
        if recorded.report.percent is not None
        else Html(""),
    )
    skip_markup = keyboards.markup(
        [keyboards.tap(texts.plain("report.skip_note"), keyboards.SkipNote(recorded.report.id))]
    )
    note = About(
        NOTE,
        period_id=item.period.id,
        task_ids=(item.task.id,),
        refs=(item.task.ref,),
        report_ids=(recorded.report.id,),
    )
    sent = await message.reply_text(prompt, reply_markup=skip_markup)  # type: ignore[union-attr]
    edited = (message, confirmed(all_recorded, None, update.update_id))
    await remember(svc, member, [(sent, note)], edited)  # type: ignore[arg-type]


async def on_report_action(
    update: Update,
    context: BotContext,
    member: Member,
    data: keyboards.Undo | keyboards.Edit | keyboards.SkipNote,
) -> None:
    svc, texts = context.services, context.texts
    query = update.callback_query
    assert query is not None and query.message is not None
    task, undone, stale = None, None, False
    async with svc.db.transaction() as session:
        report = await session.get(Report, data.report_id)
        if report is not None and report.agency_id == member.agency_id:
            task = await session.get(Task, report.task_id)
            if isinstance(data, keyboards.SkipNote):
                await conversation.close(session, query.message.chat_id, query.message.message_id)
            elif isinstance(data, keyboards.Undo):
                if report.revision != data.revision:
                    stale = True
                else:
                    undone = await undo_report(session, report.id)
            period_id = report.period_id
    if task is None:
        await edit(query, texts("report.gone"))
        return
    if isinstance(data, keyboards.SkipNote):
        await clear_buttons(query)
    elif isinstance(data, keyboards.Edit):
        text = texts("report.pick_status", ref=task.ref, title=shorten(task.title, 200))
        markup = keyboards.markup(status_buttons(period_id, task.id, texts), 2)
        about = About(PICK, period_id=period_id, task_ids=(task.id,), refs=(task.ref,))
        await send_all(svc, query.message, member, [Outgoing(text, markup, about)])  # type: ignore[arg-type]
    elif stale:
        await query.answer(texts.plain("report.expired_button"), show_alert=True)
    elif undone is None or undone.report is None:
        await edit(query, texts("report.undone_removed", ref=task.ref))
    else:
        state = report_line(texts, task.ref, undone.report)
        await edit(query, texts("report.undone", ref=task.ref, state=state))


async def answer_question(
    update: Update,
    context: BotContext,
    member: Member,
    data: keyboards.AnswerTask | keyboards.AnswerStatus | keyboards.Keep,
) -> None:
    """The officer picked the task (or status) a question meant: record it now. A question is
    answered once, and only by the officer it was asked of."""
    svc, texts = context.services, context.texts
    query = update.callback_query
    assert query is not None and query.message is not None
    now = svc.now()
    recorded: list[Recorded] = []
    follow_up: list[tuple[str, Question]] = []
    kept: str | None = None
    async with svc.db.transaction() as session:
        question = await conversation.take_pending(session, data.qid, member.id, now)
        if question is not None:
            if isinstance(data, keyboards.Keep):
                task = await session.get(Task, question.task_id or 0)
                kept = task.ref if task is not None else ""
            else:
                recorded, follow = await settle(
                    session, svc, member, question, data, update.update_id
                )
                follow_up = await ask_all(session, member, follow, now)
    if question is None:
        await edit(query, texts("report.expired_button"))
        return
    if kept is not None:
        await edit(query, texts("report.kept", ref=kept))
        return
    message = query.message
    if recorded:
        text, markup = confirmation(texts, recorded)
        await edit(query, text, reply_markup=markup)
    elif not follow_up:
        await edit(query, texts("report.expired_button"))
        return
    else:
        await clear_buttons(query)
    out = [
        Outgoing(*question_view(texts, qid, q, question.note), asked_about(q))
        for qid, q in follow_up
    ]
    sent = [(await message.reply_text(o.text, reply_markup=o.markup), o.about) for o in out]  # type: ignore[union-attr]
    edited = (message, confirmed(recorded, None, update.update_id)) if recorded else None
    await remember(svc, member, sent, edited)  # type: ignore[arg-type]


async def settle(
    session: AsyncSession,
    svc: Services,
    member: Member,
    question: Pending,
    data: keyboards.AnswerTask | keyboards.AnswerStatus,
    update_id: int,
) -> tuple[list[Recorded], list[Question]]:
    """Record what the answer settles; what still needs asking comes back as questions."""
    status = data.status if isinstance(data, keyboards.AnswerStatus) else question.status
    if isinstance(data, keyboards.AnswerStatus):
        chosen = [question.task_id] if question.task_id is not None else list(question.items)
    else:
        chosen = list(question.items) if data.task_id is None else [data.task_id]
    parsed = ParsedReply(
        ReportStatus(status) if status else None, question.percent, None, question.note, False
    )
    recorded: list[Recorded] = []
    follow: list[Question] = []
    for task_id in chosen:
        if task_id is None or task_id not in question.items:
            continue  # not a task this question offered
        item = await item_for(session, member.agency_id or 0, question.items[task_id], task_id)
        if item is None:
            continue
        one = ParsedReply(parsed.status, parsed.percent, item.task.ref, parsed.note, False)
        if parsed.status is None:
            follow.append(Question(WHICH_STATUS, one, [item]))
            continue
        if question.reason != KEEP_OR_CHANGE and not isinstance(data, keyboards.AnswerStatus):
            part = guarded(one, item, question.note)
            if part.ask is not None:
                follow.append(Question.of(part))
                continue
        recorded += await record_settling(
            session,
            svc,
            member,
            item,
            parsed.status,
            update_id,
            percent=question.percent,
            note=question.note,
        )
    return recorded, follow[:MAX_QUESTIONS]


# -- /tasks ------------------------------------------------------------------------------------
def status_icon(status: str | None) -> str:
    """One icon per status, the same in /tasks, the pickers and /summary (⏳: not yet)."""
    return STATUS_ICONS.get(status or "", "⏳")


STATUS_ICONS = {"done": "✅", "in_progress": "🔄", "blocked": "⚠️", "not_started": "⏸"}


@requires(Role.OFFICER)
async def tasks_command(update: Update, context: BotContext, member: Member) -> None:
    """/tasks: the agency's tasks by plan and period, leads first, each with its status, its
    one deadline (the supporting agencies' own for a contribution) and how late it is."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    if member.agency_id is None:
        await message.reply_text(texts("report.no_agency"))
        return
    agency = member.agency.name if member.agency else ""
    async with svc.db.transaction() as session:
        calendar, today = await working_calendar(svc, session)
        items = await worklist(session, member.agency_id, today, calendar)
    if not items:
        await message.reply_text(texts("tasks.none", agency=agency))
        return
    groups: dict[tuple[int, int], list[WorkItem]] = {}
    for item in items:
        groups.setdefault((item.plan.id, item.period.id), []).append(item)
    lines: list[str] = [texts("tasks.header", agency=agency)]
    for group in groups.values():
        first = group[0]
        leads = [i for i in group if i.role == "lead"]
        supports = [i for i in group if i.role != "lead"]
        head = "tasks.period" if leads else "tasks.period_support"
        deadline = first.period.deadline if leads else first.period.support_deadline
        lines.append(
            texts(
                head,
                plan=first.plan.number,
                period=texts.period(first.period),
                deadline=local_date(deadline),
            )
        )
        lines += [task_line(texts, item, calendar, today) for item in (*leads, *supports)]
    # the list answers nothing: a later bare "xong" no longer means an earlier reminder
    out = [Outgoing(chunk, None, About(LIST)) for chunk in split_message(lines)]
    await send_all(svc, message, member, out)


def task_line(texts: Texts, item: WorkItem, calendar: WorkingCalendar, today: date) -> str:
    """A /tasks line: status icon, ref, title, the role's deadline when it is a supporting
    one, and what was reported or how late it is."""
    support = item.role != "lead"
    role = texts("tasks.support", deadline=local_date(item.deadline)) if support else Html("")
    if item.report is not None:
        state = report_state(texts, item.report, support=support)
        mark = status_icon(item.report.status)
    elif item.deadline < today:
        days = calendar.working_days_between(item.deadline, today)
        state = texts("tasks.overdue", days=days)
        mark = "❗"
    else:
        state = texts("tasks.not_contributed" if support else "tasks.not_reported")
        mark = status_icon(None)
    return texts(
        "tasks.line",
        mark=mark,
        ref=item.task.ref,
        title=shorten(item.task.title, 90),
        role=role,
        state=state,
    )


# -- evidence ------------------------------------------------------------------------------------
FILE_NAME_LIMIT = Evidence.__table__.c.file_name.type.length  # type: ignore[attr-defined]
MIME_LIMIT = Evidence.__table__.c.mime_type.type.length  # type: ignore[attr-defined]
FILE_ID_LIMIT = Evidence.__table__.c.file_id.type.length  # type: ignore[attr-defined]


def bounded_name(name: str, limit: int = FILE_NAME_LIMIT) -> str:
    """A file name cut to `limit` characters, keeping its extension."""
    if len(name) <= limit:
        return name
    suffix = PurePath(name).suffix
    suffix = suffix if len(suffix) <= 16 else ""
    return name[: limit - len(suffix) - 1] + "…" + suffix


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
    if len(file_id) > FILE_ID_LIMIT:  # not a file Telegram made: nothing to keep
        await message.reply_text(texts("report.evidence_unusable", limit=FILE_ID_LIMIT))
        return
    stored_name = bounded_name(name)
    mime = mime if mime is None or len(mime) <= MIME_LIMIT else None
    now = svc.now()
    replied = message.reply_to_message.message_id if message.reply_to_message else None
    ref = None
    async with svc.db.transaction() as session:
        report = None
        previous = await conversation.context_for(session, message.chat_id, replied, now)
        if previous is not None and previous.about.report_ids:
            report = await session.get(Report, previous.about.report_ids[0])
            if report is not None and report.agency_id != member.agency_id:
                report = None
        if report is None:
            report = await latest_report_by(session, member, now - EVIDENCE_WINDOW)
        if report is not None:
            await attach_evidence(
                session,
                report,
                member,
                kind=kind,
                file_id=file_id,
                file_name=stored_name,
                mime_type=mime,
                now=now,
            )
            task = await session.get(Task, report.task_id)
            ref = task.ref if task is not None else ""
    if ref is None:
        await message.reply_text(texts("report.evidence_no_report"))
        return
    saved = texts("report.evidence_saved", name=stored_name, ref=ref)
    if stored_name != name:
        saved = Html(saved + "\n" + texts("report.evidence_name_cut", limit=FILE_NAME_LIMIT))
    await message.reply_text(saved)


@requires(Role.OFFICER)
async def reminders_command(update: Update, context: BotContext, member: Member) -> None:
    """/reminders [on|off]: a member's own reminders; without a word, their state and a
    button to switch them."""
    texts = context.texts
    message = update.effective_message
    assert message is not None
    choice = (context.args or [""])[0].lower()
    if choice in ("bat", "bật", "mo", "mở"):
        choice = "on"
    elif choice in ("tat", "tắt"):
        choice = "off"
    if choice not in ("on", "off"):
        text, markup = reminders_state(texts, member.reminders_opt_out)
        await message.reply_text(text, reply_markup=markup)
        return
    await set_reminders(context.services, member, choice == "off")
    text, markup = reminders_state(texts, choice == "off", changed=True)
    await message.reply_text(text, reply_markup=markup)


def reminders_state(
    texts: Texts, off: bool, *, changed: bool = False
) -> tuple[Html, InlineKeyboardMarkup]:
    """What the reminders are now, and the button that switches them."""
    key = ("reminders.off" if off else "reminders.on") if changed else None
    state = texts(key) if key else texts("reminders.state_off" if off else "reminders.state_on")
    label = texts.plain("reminders.button_on" if off else "reminders.button_off")
    button = keyboards.tap(label, keyboards.Reminders("on" if off else "off"))
    return state, keyboards.markup([button])


async def set_reminders(svc: Services, member: Member, off: bool) -> None:
    async with svc.db.transaction() as session:
        row = await session.get(Member, member.id)
        assert row is not None
        row.reminders_opt_out = off


async def on_reminders_button(
    update: Update, context: BotContext, member: Member, data: keyboards.Reminders
) -> None:
    query = update.callback_query
    assert query is not None
    off = data.choice == "off"
    await set_reminders(context.services, member, off)
    text, markup = reminders_state(context.texts, off, changed=True)
    await edit(query, text, reply_markup=markup)
