"""Admin handlers: invites, plans, agencies, assignments and members."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update

from access.members import DEFAULT_INVITE_LIFETIME, create_invite, parse_duration, revoke
from access.roles import role_at_end
from bot.context import BotContext, Services, working_calendar
from bot.guards import requires
from bot.links import deep_link
from bot.messaging import reply_lines
from bot.render import agency_not_found, local_date, local_time, member_line, shorten
from domain.dates import parse_day
from domain.status import AssignmentRole, Role
from domain.text import fold
from periods.days import clear_day, declare_day, declared_days
from periods.schedule import owed_from_when_added
from periods.store import recompute_deadlines
from plans.assignments import assign, find_task, unassign
from plans.overview import agencies_overview, groups_overview, plans_overview
from plans.registry import AgencyLookup, find_agency, merge_agency
from plans.store import find_plan
from storage.models import Agency, CalendarDay, Member, Plan, Task
from texts import Html, Texts


def split_invite_args(args: list[str]) -> tuple[str, Role, str | None] | None:
    """ "<agency words…> <role> [lifetime]" → (agency, role, lifetime); the role in English or
    as admins say it ("cán bộ", "điều phối", "quản trị", with or without diacritics)."""
    lifetime = args[-1] if args and parse_duration(args[-1]) is not None else None
    words = args[:-1] if lifetime is not None else list(args)
    found = role_at_end(words)
    if found is None or found[0] >= len(words):
        return None
    size, role = found
    return " ".join(words[:-size]), role, lifetime


@requires(Role.ADMIN)
async def invite(update: Update, context: BotContext, member: Member) -> None:
    """/invite <agency> <role> [7d]: a one-time deep link for someone of that agency."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    parsed = split_invite_args(context.args or [])
    if message is None:
        return
    if parsed is None:
        await message.reply_text(texts("invite.usage"))
        return
    agency_name, role, lifetime_text = parsed
    lifetime: timedelta | None = DEFAULT_INVITE_LIFETIME
    if lifetime_text is not None:
        lifetime = parse_duration(lifetime_text)
        if lifetime is None:
            await message.reply_text(texts("invite.bad_duration", value=lifetime_text))
            return
    async with svc.db.transaction() as session:
        lookup = await find_agency(session, agency_name)
        if lookup.agency is not None:
            created = await create_invite(
                session,
                agency=lookup.agency,
                role=role,
                created_by=member,
                lifetime=lifetime,
                now=svc.now(),
            )
    if lookup.agency is None:
        await message.reply_text(not_invitable(texts, shorten(agency_name, 200), lookup))
        return
    link = deep_link(context.bot.username, created.token)
    created_text = texts(
        "invite.created",
        agency=lookup.agency.name,
        role=texts.plain(f"role.{role.value}"),
        expires=local_time(created.row.expires_at, svc.settings.tz),
        link=link,
    )
    former = lookup.original
    if former is not None and former.id != lookup.agency.id:  # said, never silent
        moved = texts("invite.successor", former=former.name, agency=lookup.agency.name)
        created_text = Html(moved + "\n" + created_text)
    await message.reply_text(created_text)


def not_invitable(texts: Texts, name: str, lookup: AgencyLookup) -> Html:
    """Why nobody can be invited under that name: a group or an abolished unit (with what
    took its place), or an unknown name (with close matches)."""
    group = lookup.group or lookup.former_group
    if lookup.dropped:
        return texts("invite.abolished", name=name)
    if group is not None:
        former = lookup.former_group is not None or (
            lookup.original is not None and not lookup.original.active
        )
        key = "invite.former_group" if former else "invite.group"
        return texts(key, name=name, group=lookup.group.name if lookup.group else group.name)
    return agency_not_found(texts, name, lookup.suggestions)


# -- plans, agencies, members ------------------------------------------------------------------
@requires(Role.ADMIN)
async def plans_command(update: Update, context: BotContext, member: Member) -> None:
    """/plans: every active plan with its tasks, agencies, coordinator and schedule."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    async with svc.db.transaction() as session:
        overview = await plans_overview(session)
    if not overview:
        await message.reply_text(texts("plans.none"))
        return
    lines = [texts("plans.header")]
    for item in overview:
        schedule = ", ".join(
            texts.plain(f"schedule.{f}")
            for f in item.plan.schedule.get("frequencies", ["quarterly"])
        )
        lines.append(
            texts(
                "plans.line",
                number=item.plan.number,
                title=shorten(item.plan.title, 160),
                tasks=item.tasks,
                agencies=item.agencies,
                coordinator=item.plan.coordinator.name if item.plan.coordinator else "—",
                schedule=schedule,
            )
        )
    await reply_lines(message, lines)


@requires(Role.COORDINATOR)
async def agencies_command(update: Update, context: BotContext, member: Member) -> None:
    """/agencies [filter]: the directory with short names, successors and member counts."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    needle = fold(" ".join(context.args or []))
    async with svc.db.transaction() as session:
        rows = await agencies_overview(session)
        groups = await groups_overview(session)
    rows = [
        r
        for r in rows
        if needle in fold(r.agency.name) or needle in fold(r.agency.short_name or "")
    ]
    if not rows:
        await message.reply_text(texts("agencies.none"))
        return
    lines = [texts("agencies.header", count=len(rows))]
    for row in rows:
        lines.append(
            texts(
                "agencies.line",
                name=row.agency.name,
                short=texts("agencies.short", short=row.agency.short_name)
                if row.agency.short_name
                else Html(""),
                state=agency_state(texts, row.agency, row.successor),
                members=row.members,
            )
        )
    if not needle:
        lines += [texts("agencies.group", name=name, count=count) for name, count in groups]
    await reply_lines(message, lines)


def agency_state(texts: Texts, agency: Agency, successor: str | None) -> Html:
    """ " (đã chuyển cho X)" / " (không còn từ 01/07/2025)", and "(chưa kiểm chứng)" when the
    succession was not checked against its decision."""
    facts = agency.facts or {}
    unverified = (
        texts("fact.unverified")
        if facts.get("until") and not facts.get("succession_verified")
        else Html("")
    )
    if successor:
        return Html(texts("agencies.merged", successor=successor) + unverified)
    if not agency.active:
        since = str(facts.get("until") or "")
        shown = "/".join(reversed(since.split("-"))) if since else "?"
        return Html(texts("agencies.ended", since=shown) + unverified)
    return Html("")


@requires(Role.ADMIN)
async def members_command(update: Update, context: BotContext, member: Member) -> None:
    """/members [agency]: who is in the bot, with role, agency and state."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    needle = fold(" ".join(context.args or []))
    async with svc.db.transaction() as session:
        members = (
            await session.scalars(select(Member).order_by(Member.agency_id, Member.full_name))
        ).all()
    members = [
        m for m in members if not needle or needle in fold(m.agency.name if m.agency else "")
    ]
    lines = [texts("members.header", count=len(members))]
    lines += [member_line(texts, m) for m in members]
    await reply_lines(message, lines)


@requires(Role.ADMIN)
async def revoke_command(update: Update, context: BotContext, member: Member) -> None:
    """/revoke <telegram id | @username>: the member loses access at once."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    if not context.args:
        await message.reply_text(texts("revoke.usage"))
        return
    who = context.args[0]
    async with svc.db.transaction() as session:
        if who.lstrip("-").isdigit():
            target = await session.scalar(select(Member).where(Member.telegram_user_id == int(who)))
        else:
            target = await session.scalar(select(Member).where(Member.username == who.lstrip("@")))
        if target is not None:
            await revoke(session, target, member, svc.now())
    if target is None:
        await message.reply_text(texts("revoke.unknown", who=shorten(who, 60)))
        return
    await message.reply_text(texts("revoke.done", name=target.full_name))


async def task_target(
    services_: Services, session: AsyncSession, words: list[str]
) -> tuple[Plan, Task, Agency] | Html:
    """Parse "[plan] <ref> <agency…>": the plan, task and agency, or what to tell the admin."""
    texts = services_.texts
    named = await find_plan(session, words[0]) if len(words) >= 3 else None
    default = await find_plan(session, None)
    if named is not None and (
        await find_task(session, named, words[1]) is not None
        or default is None
        or await find_task(session, default, words[0]) is None
    ):
        plan, ref, agency_words = named, words[1], words[2:]
    else:
        plan, ref, agency_words = default, words[0], words[1:]
    if plan is None:
        return texts("assign.no_plan")
    task = await find_task(session, plan, ref)
    if task is None:
        return texts("assign.unknown_task", ref=shorten(ref, 60), plan=plan.number)
    lookup = await find_agency(session, " ".join(agency_words))
    if lookup.agency is None:
        return agency_not_found(texts, shorten(" ".join(agency_words), 200), lookup.suggestions)
    return plan, task, lookup.agency


@requires(Role.ADMIN)
async def assign_command(update: Update, context: BotContext, member: Member) -> None:
    """/assign [plan] <ref> <agency> lead|support."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    words = list(context.args or [])
    if len(words) < 3 or words[-1].lower() not in ("lead", "support"):
        await message.reply_text(texts("assign.usage"))
        return
    role = AssignmentRole(words.pop().lower())
    async with svc.db.transaction() as session:
        target = await task_target(svc, session, words)
        if not isinstance(target, Html):
            plan, task, agency = target
            calendar, today = await working_calendar(svc, session)
            # nobody owes a deadline that passed before they were assigned (docs/counting.md)
            owed = owed_from_when_added(today, calendar)
            changed = await assign(session, task, agency, role, member, owed_from=owed)
    if isinstance(target, Html):
        await message.reply_text(target)
        return
    key = "assign.done" if changed else "assign.unchanged"
    text = texts(
        key,
        agency=agency.name,
        role=texts.plain(f"role.{role.value}"),
        ref=task.ref,
        plan=plan.number,
    )
    if changed is not None and changed.owed_from is not None:
        text = Html(text + texts("assign.owed_from", day=local_date(changed.owed_from)))
    await message.reply_text(text)


@requires(Role.ADMIN)
async def unassign_command(update: Update, context: BotContext, member: Member) -> None:
    """/unassign [plan] <ref> <agency>."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    words = list(context.args or [])
    if len(words) < 2:
        await message.reply_text(texts("unassign.usage"))
        return
    async with svc.db.transaction() as session:
        target = await task_target(svc, session, words)
        if not isinstance(target, Html):
            _plan, task, agency = target
            changed = await unassign(session, task, agency, member)
    if isinstance(target, Html):
        await message.reply_text(target)
        return
    await message.reply_text(
        texts("unassign.done" if changed else "unassign.none", ref=task.ref, agency=agency.name)
    )


@requires(Role.ADMIN)
async def merge_command(update: Update, context: BotContext, member: Member) -> None:
    """/merge <old agency> => <successor>: tasks, members and old names pass to the successor."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    old_name, sep, new_name = " ".join(context.args or []).partition("=>")
    if not sep or not old_name.strip() or not new_name.strip():
        await message.reply_text(texts("merge.usage"))
        return
    answer: Html | None = None
    async with svc.db.transaction() as session:
        old = await find_agency(session, old_name.strip())
        new = await find_agency(session, new_name.strip())
        for name, lookup in ((new_name, new), (old_name, old)):
            if lookup.agency is None:
                answer = agency_not_found(texts, shorten(name, 200), lookup.suggestions)
        if answer is None and old.agency is not None and new.agency is not None:
            if old.agency.id == new.agency.id:
                answer = texts("merge.usage")
            else:
                moved = await merge_agency(session, old.agency, new.agency, actor=member)
    if answer is not None:
        await message.reply_text(answer)
        return
    assert old.agency is not None and new.agency is not None
    await message.reply_text(
        texts("merge.done", old=old.agency.name, new=new.agency.name, moved=moved)
    )


# -- working calendar ------------------------------------------------------------------------------
MAX_DAY_NOTE = CalendarDay.__table__.c.note.type.length  # what the column holds


async def declare(update: Update, context: BotContext, member: Member, kind: str) -> None:
    """/dayoff or /workday <date> [note]; "xoá <date>" removes; no argument lists."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    args = list(context.args or [])
    today = svc.now().astimezone(svc.settings.tz).date()
    if not args:
        async with svc.db.transaction() as session:
            days = await declared_days(session, today)
        lines = [texts("calendar.header")] if days else [texts("calendar.none")]
        lines += [
            texts(
                "calendar.line",
                day=local_date(d.day),
                kind=texts.plain(f"calendar.kind.{d.kind}"),
                note=texts("calendar.note", note=d.note) if d.note else Html(""),
            )
            for d in days
        ]
        await reply_lines(message, lines)
        return
    removing = fold(args[0]) in ("xoa", "bo", "clear", "remove")
    day = parse_day(args[1] if removing and len(args) > 1 else args[0], today)
    if day is None:
        await message.reply_text(texts("calendar.usage"))
        return
    note = " ".join(args[1:]) if not removing else ""
    if len(note) > MAX_DAY_NOTE:
        await message.reply_text(
            texts("calendar.note_too_long", length=len(note), limit=MAX_DAY_NOTE)
        )
        return
    settings = svc.settings
    async with svc.db.transaction() as session:
        if removing:
            cleared = await clear_day(session, day, member)
        else:
            await declare_day(session, day, kind, note, member)
        await recompute_deadlines(session, today, **settings.calendar_settings)
    if removing:
        key = "calendar.cleared" if cleared else "calendar.not_declared"
        await message.reply_text(texts(key, day=local_date(day)))
        return
    await message.reply_text(
        texts(
            "calendar.saved",
            day=local_date(day),
            kind=texts.plain(f"calendar.kind.{kind}"),
            note=texts("calendar.note", note=note) if note else Html(""),
        )
    )


@requires(Role.ADMIN)
async def calendar_command(update: Update, context: BotContext, member: Member) -> None:
    """/calendar [year]: the working calendar the bot uses (holidays, swaps, declared days,
    each period's cut-off and deadline)."""
    from bot.calendar_view import calendar_lines, load_year

    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    args = list(context.args or [])
    today = svc.now().astimezone(svc.settings.tz).date()
    year = today.year
    if args:
        if not args[0].isdigit() or not 1901 <= int(args[0]) <= 2100:
            await message.reply_text(texts("workcal.usage"))
            return
        year = int(args[0])
    async with svc.db.transaction() as session:
        calendar, _today = await working_calendar(svc, session)
        cal = await load_year(session, calendar, year)
    await reply_lines(message, calendar_lines(texts, cal))


@requires(Role.ADMIN)
async def dayoff_command(update: Update, context: BotContext, member: Member) -> None:
    """/dayoff <date> [note]: no reminders, and deadlines move past it."""
    await declare(update, context, member, "day_off")


@requires(Role.ADMIN)
async def workday_command(update: Update, context: BotContext, member: Member) -> None:
    """/workday <date> [note]: a make-up working day (e.g. a Saturday)."""
    await declare(update, context, member, "working_day")
