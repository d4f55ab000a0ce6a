"""Coordinator handlers: ad-hoc requests, and the summaries, exports and charts."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.context import services
from bot.guards import requires
from bot.render import local_date
from domain.dates import parse_day
from domain.status import Role
from plans.store import find_plan
from reminders.dispatcher import load_calendar
from reports.requests import UnknownTasks, create_adhoc_request
from storage.models import Member


@requires(Role.COORDINATOR)
async def request_command(
    update: Update, context: ContextTypes.DEFAULT_TYPE, member: Member
) -> None:
    """/request <plan> <deadline> [refs…] [| note]: an ad-hoc report, chased like the others."""
    svc, texts = services(context), services(context).texts
    message = update.effective_message
    assert message is not None
    raw = (message.text or "").split(maxsplit=1)[1] if " " in (message.text or "") else ""
    head, _, note = raw.partition("|")
    words = head.split()
    if len(words) < 2:
        await message.reply_text(texts("request.usage"))
        return
    async with svc.db.transaction() as session:
        settings = svc.settings
        calendar = await load_calendar(
            session,
            work_start=settings.work_start,
            work_end=settings.work_end,
            tz=settings.timezone,
        )
        today = calendar.local_date(svc.now())
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
    dispatcher = svc.extras.get("dispatcher")
    if dispatcher is not None:
        context.application.create_task(dispatcher.tick())
