"""The Telegram side of reminders: renders the outbox's views and sends them with the bot,
turning Telegram's errors into the outbox's own (blocked → Unreachable; not delivered →
TryLater; maybe delivered → Uncertain; refused as it is → Rejected)."""

from __future__ import annotations

from datetime import timedelta

import httpx
from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot import keyboards
from bot.render import MESSAGE_BUDGET, fit_lines, local_date, shorten
from bot.targets_view import figure_value, targets_text
from reminders.sender import Rejected, TryLater, Uncertain, Unreachable
from reminders.views import (
    CoordinatorView,
    DigestView,
    EscalationView,
    FigureRequestView,
    NoOfficerView,
    ReminderView,
    UncertainView,
    UnreachableView,
    View,
)
from reports.requests import MAX_NOTE  # requests are bounded when made; older ones here
from texts import Html, Texts

MAX_TASK_BUTTONS = 24
GONE = ("chat not found", "user is deactivated", "bot was kicked", "have no rights")
# the request never left: safe to send again
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def answered_with_error(exc: NetworkError) -> bool:
    """Whether an HTTP answer came back with an error status (5xx, or another status a proxy
    gave): nothing was delivered. PTB raises NetworkError for such a status, with no cause
    when the body was Telegram's JSON and with the parsing failure as cause when it was not
    (an nginx "502 Bad Gateway" page); a timeout or a cut connection has an httpx cause."""
    cause = exc.__cause__
    return cause is None or isinstance(cause, TelegramError)


def render_reminder(texts: Texts, view: ReminderView) -> tuple[Html, InlineKeyboardMarkup]:
    values = {
        "agency": view.agency_name,
        "count": len(view.tasks),
        "period": texts.period(view.period),
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
        head.append(texts("reminder.adhoc_note", note=shorten(view.adhoc_note, MAX_NOTE)))
    lines = [
        texts(
            "reminder.task_line",
            n=i,
            ref=t.ref,
            title=shorten(t.title, 110),
            role=texts(
                "reminder.support_role_late" if t.overdue else "reminder.support_role",
                deadline=local_date(t.deadline),
            )
            if t.role == "support" and (t.deadline != view.deadline or t.overdue)
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


def render_figure_request(texts: Texts, view: FigureRequestView) -> Html:
    """The figures an agency owes for a moment, numbered: a reply "1. 41,2%" is line 1."""
    head = [
        texts(
            "figures.request.header",
            plan=view.plan_number,
            period=texts.period(view.period),
            deadline=local_date(view.deadline),
            agency=view.agency_name,
            count=len(view.lines),
        )
    ]
    lines: list[str] = []
    for n, line in enumerate(view.lines, 1):
        unit = texts("figures.request.unit", unit=line.unit) if line.unit else Html("")
        lines.append(texts("figures.request.line", n=n, name=shorten(line.name, 160), unit=unit))
        if line.targets:
            lines.append(
                texts("figures.request.targets", targets=targets_text(texts, line.targets))
            )
        if line.last is not None:
            value, value_max, as_of = line.last
            lines.append(
                texts(
                    "figures.request.last",
                    value=figure_value(texts, value, value_max, line.unit),
                    as_of=local_date(as_of),
                )
            )
    tail = [texts("figures.request.how")]
    return fit_lines(head, lines, tail, lambda n: texts("reminder.more_tasks", count=n))


def render_escalation(texts: Texts, view: EscalationView, budget: int = MESSAGE_BUDGET) -> Html:
    head = [
        texts(
            "escalation.header",
            period=texts.period(view.period),
            plan=view.plan_number,
            deadline=local_date(view.deadline),
            count=len(view.late),
        )
    ]
    lines = [
        texts("escalation.line", agency=a.agency_name, missing=a.missing, officers=a.officers)
        for a in view.late
    ]
    more = lambda n: texts("reminder.more_tasks", count=n)  # noqa: E731
    return fit_lines(head, lines, [], more, budget)


def render_digest(texts: Texts, view: DigestView, budget: int = MESSAGE_BUDGET) -> Html:
    head = [
        texts(
            "digest.header",
            plan=view.plan_number,
            period=texts.period(view.period),
            deadline=local_date(view.deadline),
        ),
        texts("digest.changes", reports=view.new_reports),
        texts(
            "digest.figures",
            done=view.tasks_done,
            total=view.tasks,
            blocked=view.tasks_blocked,
            not_started=view.tasks_not_started,
        ),
        texts(
            "digest.agencies",
            reported=view.agencies_reported,
            agencies=view.agencies,
            overdue=view.agencies_overdue,
            not_due=view.agencies_not_due,
        ),
    ]
    lines = []
    if view.incomplete:
        lines.append(texts("digest.incomplete", count=view.agencies - view.agencies_reported))
        for agency in view.incomplete:
            late = (
                texts("digest.overdue_days", days=agency.days_overdue)
                if agency.overdue
                else texts("digest.not_due")
            )
            lines.append(
                texts(
                    "digest.incomplete_line",
                    agency=agency.name,
                    missing=agency.missing,
                    expected=agency.expected,
                    late=late,
                )
            )
    else:
        head.append(texts("digest.no_late"))
    if view.blockers:
        lines.append(texts("digest.blockers"))
        lines += [
            texts("digest.blocker_line", agency=agency, ref=ref, note=shorten(note, 200))
            for agency, ref, note in view.blockers
        ]
    return fit_lines(head, lines, [], lambda n: texts("reminder.more_tasks", count=n), budget)


def render_coordinator(texts: Texts, view: CoordinatorView) -> Html:
    """The coordinator's one message of the day: each section gets its share of the limit."""
    head = texts("coordinator.day_header") if len(view.sections) > 1 else ""
    budget = (MESSAGE_BUDGET - len(head)) // len(view.sections) - 2
    parts = [head] if head else []
    for section in view.sections:
        if isinstance(section, EscalationView):
            parts.append(render_escalation(texts, section, budget))
        else:
            parts.append(render_digest(texts, section, budget))
    return Html("\n\n".join(parts))


def render_uncertain(texts: Texts, view: UncertainView) -> Html:
    lines = [
        texts(
            "outbox.uncertain_line",
            member=line.member_name or "—",
            agency=line.agency_name or "—",
            period=texts("outbox.uncertain_period", period=texts.period(line.period))
            if line.period
            else Html(""),
        )
        for line in view.lines
    ]
    hidden = view.count - len(view.lines)
    tail = [texts("reminder.more_tasks", count=hidden)] if hidden > 0 else []
    more = lambda n: texts("reminder.more_tasks", count=n + max(hidden, 0))  # noqa: E731
    return fit_lines([texts("outbox.uncertain", count=view.count)], lines, tail, more)


def render_no_officer(texts: Texts, view: NoOfficerView) -> Html:
    head = [texts("no_officer.header", count=len(view.agencies))]
    lines = [texts("no_officer.line", agency=name) for name in view.agencies]
    tail = [texts("no_officer.how_to_fix", example=view.agencies[0])]
    return fit_lines(head, lines, tail, lambda n: texts("reminder.more_tasks", count=n))


def render_view(texts: Texts, view: View) -> tuple[Html, InlineKeyboardMarkup | None]:
    if isinstance(view, ReminderView):
        return render_reminder(texts, view)
    if isinstance(view, FigureRequestView):
        return render_figure_request(texts, view), None
    if isinstance(view, EscalationView):
        return render_escalation(texts, view), None
    if isinstance(view, DigestView):
        return render_digest(texts, view), None
    if isinstance(view, CoordinatorView):
        return render_coordinator(texts, view), None
    if isinstance(view, UncertainView):
        return render_uncertain(texts, view), None
    if isinstance(view, NoOfficerView):
        return render_no_officer(texts, view), None
    assert isinstance(view, UnreachableView)
    return texts("unreachable", member=view.member_name, agency=view.agency_name), None


def within_limit(texts: Texts, text: Html) -> Html:
    """The last guard under Telegram's 4,096 characters: cut at a line break (every line is
    whole HTML) and say so; never a message Telegram would refuse for its length."""
    if len(text) <= MESSAGE_BUDGET:
        return text
    note = texts("outbox.too_long")
    cut = text.rfind("\n", 0, MESSAGE_BUDGET - len(note) - 1)
    return Html(text[: max(cut, 0)] + "\n" + note)


def seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class TelegramSender:
    """The outbox's Sender: renders a view and sends it with the bot."""

    def __init__(self, bot: Bot, texts: Texts) -> None:
        self.bot = bot
        self.texts = texts

    async def send(self, chat_id: int, view: View) -> int:
        text, reply_markup = render_view(self.texts, view)
        text = within_limit(self.texts, text)
        try:
            message = await self.bot.send_message(chat_id, text, reply_markup=reply_markup)
        except Forbidden as exc:
            raise Unreachable(exc.message) from exc
        except RetryAfter as exc:
            raise TryLater(exc.message, seconds(exc.retry_after)) from exc
        except BadRequest as exc:
            if any(reason in exc.message.lower() for reason in GONE):
                raise Unreachable(exc.message) from exc
            raise Rejected(exc.message) from exc  # the same request would be refused again
        except NetworkError as exc:
            if answered_with_error(exc) or isinstance(exc.__cause__, NOT_SENT):
                # an error status came back (JSON or a proxy's page), or the request never left
                raise TryLater(str(exc)) from exc
            # timed out or cut off after the request was written: it may have been delivered
            raise Uncertain(f"{type(exc).__name__}: {exc}") from exc
        return message.message_id
