"""A plan's targets in chat: officers' figures (a reply to the bot's request, or a message that
names an indicator and gives its value), `/targets [plan]` for coordinators (each indicator,
its targets, the latest figure, the assessment) and `/target <plan> <n> <agency>` for admins
(who provides an indicator's figures). Compute and commit, then talk, then record what was
sent (docs/architecture.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Message, Update

import conversation
from access import audit
from bot.context import BotContext, working_calendar
from bot.guards import requires
from bot.handlers.coordinator import default_plan, plan_not_found
from bot.messaging import reply_lines
from bot.render import MESSAGE_BUDGET, agency_not_found, local_date, shorten
from bot.targets_view import (
    as_of_words,
    assessment_word,
    figure_value,
    quantity,
    year_label,
)
from bot.updates import finishing_transaction
from domain.status import Role
from periods.labels import PeriodName
from plans.indicators import set_owner
from plans.registry import find_agency
from plans.store import find_plans
from reports.assessment import Assessment
from reports.figures import (
    BEYOND,
    FUTURE,
    NO_NUMBER,
    WHICH,
    WRONG_UNIT,
    FigurePart,
    is_report,
    looks_like_figure,
    read_figures,
)
from reports.model import TargetLine
from reports.targets import (
    Owned,
    Recorded,
    indicator_by_number,
    open_moment,
    owned_indicators,
    plan_targets,
    record_figure,
    target_lines,
)
from storage.models import Agency, Member, Plan, ReportingPeriod
from texts import Html, Texts

CLEAR = ("-", "không", "khong", "none")


# -- officers: figures --------------------------------------------------------------------------
@dataclass
class FigureAnswer:
    """What a figure message led to: figures recorded, or the problems (nothing saved)."""

    recorded: list[tuple[Recorded, FigurePart]] = field(default_factory=list)
    problems: list[FigurePart] = field(default_factory=list)
    owned: dict[int, Owned] = field(default_factory=dict)
    lines: tuple[int, ...] = ()  # the indicators the question lists, in line order
    period: ReportingPeriod | None = None
    assessed: dict[int, list[TargetLine]] = field(default_factory=dict)
    agency: str = ""


async def answered_figures(
    update: Update, context: BotContext, member: Member, message: Message
) -> bool:
    """A figure for an indicator the officer's agency provides — a reply to the bot's request,
    or a message naming the indicator with its value — recorded (all of it, or nothing and a
    question back). False when the message is not about figures (it is read as a report)."""
    svc, texts = context.services, context.texts
    text = message.text or ""
    now = svc.now()
    replied = message.reply_to_message.message_id if message.reply_to_message else None
    # reading first (no write lock): most messages are not figures, and cost nothing more
    async with svc.db.reading() as session:
        previous = await conversation.context_for(session, message.chat_id, replied, now)
        asked = previous is not None and previous.about.purpose == conversation.FIGURES
        owned_list = await owned_indicators(session, member.agency_id or 0)
        if not owned_list:
            return False
        owned = {o.indicator.id: o for o in owned_list}
        candidates = [o.candidate for o in owned_list]
        lines: tuple[int, ...] = ()
        if asked:
            assert previous is not None
            lines = tuple(i for i in previous.about.indicator_ids if i in owned)
        if not asked and not looks_like_figure(text, candidates):
            return False
        calendar, today = await working_calendar(svc, session)
        parts = read_figures(text, candidates, lines=lines, today=today)
        if asked and all(p.problem == NO_NUMBER for p in parts) and is_report(text):
            return False  # "2a xong" under a figure request: a task's report
        answer = FigureAnswer(owned=owned, lines=lines or tuple(owned))
        agency = await session.get(Agency, member.agency_id)
        answer.agency = agency.name if agency is not None else ""
        answer.problems = [p for p in parts if not p.ok]
    asked_period = previous.about.period_id if asked and previous is not None else None
    if not answer.problems:  # every figure of the message, or none
        async with svc.db.transaction() as session:
            ids = [p.indicator_id for p in parts if p.indicator_id is not None]
            fresh = {
                o.indicator.id: o
                for o in await owned_indicators(session, member.agency_id or 0, ids)
            }
            # given to another agency since it was read: asked again, nothing saved
            answer.problems = [
                replace(p, problem=WHICH) for p in parts if p.indicator_id not in fresh
            ]
            for part in parts if not answer.problems else []:
                assert part.indicator_id is not None
                item = fresh[part.indicator_id]
                period_id = asked_period
                if period_id is None:
                    moment = await open_moment(session, item.plan, today, calendar)
                    period_id = moment.id if moment is not None else None
                if period_id is not None and answer.period is None:
                    answer.period = await session.get(ReportingPeriod, period_id)
                recorded = await record_figure(
                    session,
                    item,
                    part,
                    member=member,
                    period_id=period_id,
                    now=now,
                    tz=svc.settings.tz,
                    update_id=update.update_id,
                )
                answer.recorded.append((recorded, part))
            plans = {o.plan.id: o.plan for o in fresh.values()}
            for plan in plans.values():
                answer.assessed[plan.id] = list(await target_lines(session, plan, today))
    if answer.problems:
        body = problem_text(texts, answer)
        about = conversation.About(
            conversation.FIGURES,
            period_id=asked_period,
            agency_id=member.agency_id,
            indicator_ids=answer.lines,
            numbered=True,
        )
    else:
        body = recorded_text(texts, answer)
        about = conversation.About(
            conversation.FIGURES_DONE,
            agency_id=member.agency_id,
            indicator_ids=tuple(r.indicator.id for r, _ in answer.recorded),
            answers=message.message_id,
            source_update=update.update_id,
        )
    sent = await message.reply_text(body)
    async with finishing_transaction(svc) as session:
        await conversation.record_sent(
            session,
            chat_id=sent.chat_id,
            message_id=sent.message_id,
            member_id=member.id,
            about=about,
            now=svc.now(),
        )
    return True


def problem_text(texts: Texts, answer: FigureAnswer) -> Html:
    """What is wrong, part by part, and nothing saved; the indicators numbered when the
    officer must say which one."""
    lines: list[str] = [texts("figures.problem.header")]
    for part in answer.problems:
        owned = answer.owned.get(part.indicator_id or 0)
        name = shorten(owned.indicator.name, 120) if owned is not None else ""
        values: dict[str, object] = {"text": shorten(part.text, 120), "name": name}
        if part.problem == WRONG_UNIT and owned is not None:
            values.update(unit=owned.indicator.unit or "", given=part.unit or "")
        if part.problem in (BEYOND, FUTURE):
            values.update(
                as_of=part.as_of_text or local_date(part.as_of),
                horizon=owned.horizon if owned is not None else "",
            )
        key = f"figures.problem.{part.problem}"
        lines.append(
            texts(key if key in texts.catalogue else "figures.problem.no_number", **values)
        )
    if any(p.problem in (WHICH, NO_NUMBER) for p in answer.problems):
        lines.append(texts("figures.problem.lines", agency=answer.agency))
        for n, indicator_id in enumerate(answer.lines, 1):
            owned = answer.owned.get(indicator_id)
            if owned is not None:
                lines.append(
                    texts("figures.problem.line", n=n, name=shorten(owned.indicator.name, 120))
                )
    lines.append(texts("figures.problem.how"))
    return _fit(lines)


def recorded_text(texts: Texts, answer: FigureAnswer) -> Html:
    """What was recorded: each figure with its date and source, then where each of the
    indicator's targets stands (docs/counting.md, section 9)."""
    period = (
        texts(
            "figures.recorded.period",
            period=texts.period(PeriodName(answer.period.kind, answer.period.key)),
        )
        if answer.period is not None
        else Html("")
    )
    lines: list[str] = [texts("figures.recorded.header", period=period)]
    for recorded, part in answer.recorded:
        figure, indicator = recorded.figure, recorded.indicator
        source = (
            texts("figures.source", source=shorten(figure.source, 120))
            if figure.source
            else texts("figures.no_source")
        )
        corrected = (
            texts("figures.corrected", revision=figure.revision) if recorded.corrected else Html("")
        )
        lines.append(
            texts(
                "figures.recorded.line",
                name=shorten(indicator.name, 120),
                value=figure_value(texts, figure.value, figure.value_max, figure.unit),
                as_of=as_of_words(
                    texts, figure.as_of, figure.as_of_text, said=part.as_of is not None
                ),
                source=source,
                corrected=corrected,
            )
        )
        for line in answer.assessed.get(indicator.plan_id, []):
            if line.indicator != indicator.name or line.qualitative:
                continue
            lines.append(
                texts(
                    "figures.assessed",
                    year=year_label(texts, line.horizon),
                    target=quantity(texts, line.comparison, line.value, line.value_max, line.unit),
                    assessment=assessment_word(texts, line.assessment),
                )
            )
    return _fit(lines)


def _fit(lines: Sequence[str]) -> Html:
    """One message: the lines that fit under Telegram's limit."""
    kept: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > MESSAGE_BUDGET:
            break
        kept.append(line)
        used += len(line) + 1
    return Html("\n".join(kept))


# -- coordinators: /targets -------------------------------------------------------------------
@requires(Role.COORDINATOR)
async def targets_command(update: Update, context: BotContext, member: Member) -> None:
    """/targets [plan]: each indicator with who provides it, each target with the latest
    figure and its assessment (the same lines as the Word draft, the workbook, the web)."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    args = list(context.args or [])
    async with svc.db.reading() as session:
        plan, problem = await _plan(session, member, args[0] if args else None, texts)
        lines: tuple[TargetLine, ...] = ()
        if plan is not None:
            _calendar, today = await working_calendar(svc, session)
            lines = await target_lines(session, plan, today)
    if plan is None:
        await message.reply_text(problem or texts("targets.usage"))
        return
    await reply_lines(message, targets_lines(texts, plan.number, lines, today))


async def _plan(
    session: AsyncSession, member: Member, wanted: str | None, texts: Texts
) -> tuple[Plan | None, Html | None]:
    """The plan named (by its number as typed), else the member's own plan."""
    if wanted:
        found = await find_plans(session, wanted)
        if len(found) == 1:
            return found[0], None
        return None, plan_not_found(texts, wanted, found)
    plan = await default_plan(session, member)
    if plan is None:
        plans = await find_plans(session, None)
        if plans:
            numbers = ", ".join(p.number for p in plans[:10])
            example = plans[0].number.split("/")[0].split("-")[0]
            return None, texts("targets.choose_plan", plans=numbers, example=example)
        return None, texts("summary.no_plans")
    return plan, None


def targets_lines(texts: Texts, number: str, lines: Sequence[TargetLine], today: date) -> list[str]:
    """/targets as lines: per indicator its owner, then each target with its figure and
    assessment; qualitative ones by name; the counts last."""
    if not lines:
        return [texts("targets.none", plan=number)]
    out: list[str] = [texts("targets.header", plan=number, day=local_date(today))]
    shown: set[int] = set()
    for line in lines:
        if line.number not in shown:
            shown.add(line.number)
            if line.qualitative:
                out.append(
                    texts("targets.qualitative", n=line.number, name=shorten(line.indicator, 160))
                )
                continue
            owner = line.owner or texts("targets.owner_none")
            out.append(
                texts(
                    "targets.indicator",
                    n=line.number,
                    name=shorten(line.indicator, 160),
                    owner=owner,
                )
            )
        if line.qualitative:
            continue
        figure = (
            texts(
                "targets.figure",
                value=figure_value(texts, line.figure.value, line.figure.value_max, line.unit),
                as_of=line.figure.as_of_text or local_date(line.figure.as_of),
                source=texts("targets.figure_source", source=shorten(line.figure.source, 80))
                if line.figure.source
                else Html(""),
            )
            if line.figure is not None
            else texts("targets.no_figure")
        )
        out.append(
            texts(
                "targets.line",
                year=year_label(texts, line.horizon),
                target=quantity(texts, line.comparison, line.value, line.value_max, line.unit),
                figure=figure,
                assessment=assessment_word(texts, line.assessment),
            )
        )
    counts = assessment_counts(lines)
    out.append(texts("targets.counts", count=sum(counts.values()), **counts))
    return out


def assessment_counts(lines: Sequence[TargetLine]) -> dict[str, int]:
    """How many quantitative targets are in each class."""
    counts = {a.value: 0 for a in Assessment if a is not Assessment.QUALITATIVE}
    for line in lines:
        if line.assessment in counts:
            counts[line.assessment] += 1
    return counts


# -- admins: /target ---------------------------------------------------------------------------
@requires(Role.ADMIN)
async def target_command(update: Update, context: BotContext, member: Member) -> None:
    """/target <plan> <n> <agency>: the agency whose officers are asked for the figures of the
    plan's indicator number n ("-" for nobody)."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    words = list(context.args or [])
    if len(words) < 3 or not words[1].isdigit():
        await message.reply_text(texts("target.usage"))
        return
    number = int(words[1])
    wanted = " ".join(words[2:])
    async with svc.db.transaction() as session:
        answer = await _set_owner(session, member, words[0], number, wanted, texts)
    await message.reply_text(answer)


async def _set_owner(
    session: AsyncSession, member: Member, plan_text: str, number: int, wanted: str, texts: Texts
) -> Html:
    plans = await find_plans(session, plan_text)
    if len(plans) != 1:
        return plan_not_found(texts, plan_text, plans)
    plan = plans[0]
    indicator = await indicator_by_number(session, plan, number)
    if indicator is None:
        count = len(await plan_targets(session, plan.id))
        return texts("target.unknown", plan=plan.number, n=number, count=count)
    if indicator.qualitative:
        return texts("target.qualitative", plan=plan.number, n=number)
    agency: Agency | None = None
    if wanted.strip().lower() not in CLEAR:
        lookup = await find_agency(session, wanted)
        if lookup.agency is None:
            return agency_not_found(texts, shorten(wanted, 200), lookup.suggestions)
        agency = lookup.agency
    changed = await set_owner(session, indicator, agency)
    if changed:
        audit.record(
            session,
            member,
            "target.owner",
            plan_id=plan.id,
            indicator_id=indicator.id,
            number=number,
            agency=agency.name if agency is not None else None,
        )
    name = shorten(indicator.name, 160)
    if agency is None:
        return texts("target.cleared", n=number, name=name, plan=plan.number)
    key = "target.done" if changed else "target.unchanged"
    return texts(key, agency=agency.name, n=number, name=name, plan=plan.number)
