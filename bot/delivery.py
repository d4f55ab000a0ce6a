"""Sending the dispatcher's reminders through Telegram, and turning its errors into the
dispatcher's own (blocked → Unreachable; network, 5xx, flood → TryLater)."""

from __future__ import annotations

from datetime import timedelta

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot import keyboards
from bot.render import fit_lines, local_date
from bot.texts import Html, Texts
from reminders.delivery import (
    DigestView,
    EscalationView,
    ReminderView,
    TryLater,
    Unreachable,
    UnreachableView,
    View,
)

MAX_TASK_BUTTONS = 24
GONE = ("chat not found", "user is deactivated", "bot was kicked", "have no rights")


def render_reminder(texts: Texts, view: ReminderView) -> tuple[Html, InlineKeyboardMarkup]:
    values = {
        "agency": view.agency_name,
        "count": len(view.tasks),
        "period": view.period_label,
        "deadline": local_date(view.deadline),
        "days": abs(view.days),
        "plan": view.plan_number,
    }
    key = (
        f"reminder.{view.kind}"
        if view.kind in ("before", "due", "overdue", "adhoc")
        else "reminder.due"
    )
    head = [texts(key, **values)]
    if view.adhoc_note:
        head.append(texts("reminder.adhoc_note", note=view.adhoc_note))
    lines = [
        texts(
            "reminder.task_line",
            n=i,
            ref=t.ref,
            title=shorten(t.title, 110),
            role=texts("reminder.support_role", deadline=local_date(t.deadline))
            if t.role == "support" and t.deadline != view.deadline
            else Html(""),
        )
        for i, t in enumerate(view.tasks, 1)
    ]
    tail = [texts("reminder.how_to_reply", ref=view.tasks[0].ref if view.tasks else "1")]
    text = fit_lines(head, lines, tail, lambda n: texts("reminder.more_tasks", count=n))
    buttons = [
        keyboards.button(
            texts.plain("reminder.button").format(ref=t.ref),
            keyboards.PICK_TASK,
            view.period_id,
            t.task_id,
        )
        for t in view.tasks[:MAX_TASK_BUTTONS]
    ]
    return text, keyboards.markup(buttons, 4)


def render_view(texts: Texts, view: View) -> tuple[Html, InlineKeyboardMarkup | None]:
    if isinstance(view, ReminderView):
        return render_reminder(texts, view)
    if isinstance(view, EscalationView):
        head = [
            texts(
                "escalation.header",
                period=view.period_label,
                plan=view.plan_number,
                deadline=local_date(view.deadline),
                count=len(view.late),
            )
        ]
        lines = [
            texts("escalation.line", agency=a.agency_name, missing=a.missing, officers=a.officers)
            for a in view.late
        ]
        return fit_lines(head, lines, [], lambda n: texts("reminder.more_tasks", count=n)), None
    if isinstance(view, DigestView):
        return render_digest(texts, view), None
    assert isinstance(view, UnreachableView)
    return texts("unreachable", member=view.member_name, agency=view.agency_name), None


def render_digest(texts: Texts, view: DigestView) -> Html:
    head = [
        texts(
            "digest.header",
            plan=view.plan_number,
            period=view.period_label,
            deadline=local_date(view.deadline),
        ),
        texts("digest.changes", reports=view.new_reports, done=view.done),
        texts("digest.late", names=", ".join(view.late)) if view.late else texts("digest.no_late"),
    ]
    lines = []
    if view.blockers:
        lines.append(texts("digest.blockers"))
        lines += [
            texts("digest.blocker_line", agency=agency, ref=ref, note=shorten(note, 200))
            for agency, ref, note in view.blockers
        ]
    return fit_lines(head, lines, [], lambda n: texts("reminder.more_tasks", count=n))


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class TelegramSender:
    """The dispatcher's Sender: renders a view and sends it with the bot."""

    def __init__(self, bot: Bot, texts: Texts) -> None:
        self.bot = bot
        self.texts = texts

    async def send(self, chat_id: int, view: View) -> int:
        text, reply_markup = render_view(self.texts, view)
        try:
            message = await self.bot.send_message(chat_id, text, reply_markup=reply_markup)
        except Forbidden as exc:
            raise Unreachable(exc.message) from exc
        except RetryAfter as exc:
            raise TryLater(exc.message, seconds(exc.retry_after)) from exc
        except BadRequest as exc:
            if any(reason in exc.message.lower() for reason in GONE):
                raise Unreachable(exc.message) from exc
            raise
        except (TimedOut, NetworkError) as exc:
            raise TryLater(str(exc)) from exc
        return message.message_id
