"""Onboarding in chat: /start with a join link or invite, the officer's name and position,
agency moves confirmed by the officer and an admin, and /onboarding for admins (tracking,
the letter with every agency's join link, revoking links)."""

from __future__ import annotations

import contextlib
import re
from datetime import timedelta

from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from access.members import parse_duration
from bot import keyboards
from bot.commands import refresh_member_commands
from bot.context import BotContext
from bot.guards import current_member, identity_of, requires
from bot.links import deep_link
from bot.messaging import clear_buttons, edit, reply_lines
from bot.render import agency_not_found, local_time
from bot.updates import known_sender
from domain.status import Role
from domain.text import fold
from onboarding.letter import file_stem, prepare_letter, write_letter, write_link_list
from onboarding.links import (
    DEFAULT_CAPACITY,
    DEFAULT_LINK_LIFETIME,
    MAX_CAPACITY,
    JoinOutcome,
    create_join_link,
    open_token,
    parse_profile,
    pending_profile,
    reads_as_report,
    revoke_links,
    save_profile,
)
from onboarding.moves import MoveOutcome, MoveStep, admin_decides, admins, officer_answers
from onboarding.tracking import onboarding_status
from plans.registry import find_agency
from plans.store import find_plan
from storage.models import Member
from texts import Html

MOVE_OFFICER = "mo"  # mo:<move_id>:<y|n>  the officer confirms or declines the move
MOVE_ADMIN = "ma"  # ma:<move_id>:<y|n>     an admin approves or refuses it
MOVE_PATTERN = r"^m[oa]:\d{1,12}:[yn]$"


async def start_with_token(update: Update, context: BotContext, token: str) -> None:
    """/start <token>: a join link admits an officer (then asks name and position in one
    message), an invite binds its person; a member of another agency is asked before moving."""
    svc, texts = context.services, context.texts
    who, message = identity_of(update), update.effective_message
    if who is None or message is None:
        return
    async with svc.db.transaction() as session:
        result = await open_token(session, token, who, svc.now())
        told = await admins(session) if result.outcome is JoinOutcome.REVOKED_MEMBER else []
    member = result.member
    if result.outcome in (JoinOutcome.JOINED, JoinOutcome.BOUND) and member is not None:
        await refresh_member_commands(context.bot, texts, member)
    if result.outcome is JoinOutcome.JOINED:
        await message.reply_text(texts("join.joined", agency=result.agency or ""))
    elif result.outcome is JoinOutcome.BOUND and member is not None:
        from bot.handlers.common import describe_member

        await message.reply_text(texts("start.bound", **describe_member(texts, member)))
    elif result.outcome is JoinOutcome.MOVE_ASKED and result.move is not None:
        buttons = [
            keyboards.button(texts.plain("move.button_yes"), MOVE_OFFICER, result.move.id, "y"),
            keyboards.button(texts.plain("move.button_no"), MOVE_OFFICER, result.move.id, "n"),
        ]
        await message.reply_text(
            texts(
                "move.ask_officer",
                current=result.from_agency or "—",
                target=result.agency or "—",
            ),
            reply_markup=keyboards.markup(buttons, 1),
        )
    elif result.outcome in (JoinOutcome.USED, JoinOutcome.EXPIRED, JoinOutcome.INVALID):
        await message.reply_text(texts(f"start.{result.outcome.value}"))
    elif result.outcome is JoinOutcome.REVOKED_MEMBER and member is not None:
        await message.reply_text(texts("join.revoked_member"))
        notice = texts(
            "join.revoked_member_admin",
            name=member.full_name or who.full_name,
            user_id=who.user_id,
            agency=result.agency or "—",
            former=result.from_agency or "—",
        )
        for admin in told:
            await _tell(context, admin.telegram_user_id, notice)
    else:
        await message.reply_text(texts(f"join.{result.outcome.value}", agency=result.agency or ""))


async def on_profile_text(update: Update, context: BotContext) -> None:
    """Runs before the other text handlers: a just-admitted officer's "name, position"
    message is taken here (and nothing else sees it); everyone else passes through."""
    svc, texts = context.services, context.texts
    who, message = identity_of(update), update.effective_message
    if who is None or message is None or not message.text or message.text.startswith("/"):
        return
    if message.reply_to_message is not None:  # an answer to a reminder or question: not this
        return
    if update.effective_chat is None or update.effective_chat.type != ChatType.PRIVATE:
        return
    known = known_sender(who.user_id)
    if known is not None:
        waiting = known.profile_pending
    else:
        async with svc.db.reading() as session:  # nearly always nobody waits: no write lock
            waiting = await pending_profile(session, who.user_id) is not None
    if not waiting:
        return
    if reads_as_report(message.text):  # a report first: recorded like any, the name after
        from bot.handlers.officer import on_text

        await on_text(update, context)
        await message.reply_text(texts("join.profile_after_report"))
        raise ApplicationHandlerStop
    async with svc.db.transaction() as session:
        use = await pending_profile(session, who.user_id)
        if use is None:
            return
        parsed = parse_profile(message.text)
        if parsed is not None:
            member = await session.get(Member, use.member_id)
            await save_profile(session, use, *parsed, member)
    if parsed is None:
        await message.reply_text(texts("join.profile_again"))
    else:
        await message.reply_text(texts("join.profile_saved", name=parsed[0], position=parsed[1]))
    raise ApplicationHandlerStop


async def on_move_button(update: Update, context: BotContext) -> None:
    """mo:<id>:y|n from the officer, ma:<id>:y|n from an admin."""
    svc, texts = context.services, context.texts
    query = update.callback_query
    if query is None or not re.fullmatch(MOVE_PATTERN, query.data or ""):
        return
    kind, move_id, answer = (query.data or "").split(":")
    if kind == MOVE_ADMIN:
        member = await current_member(update, context)
        if member is None or not Role(member.role).allows(Role.ADMIN):
            await query.answer(texts.plain("move.not_admin"), show_alert=True)
            return
        await query.answer()
        async with svc.db.transaction() as session:
            step = await admin_decides(session, int(move_id), member, answer == "y", svc.now())
        await edit(query, texts(f"move.admin_{step.outcome.value}", **_names(step)))
        if step.outcome in (MoveOutcome.MOVED, MoveOutcome.REFUSED, MoveOutcome.FULL):
            assert step.member is not None
            await _tell(
                context,
                step.member.telegram_user_id,
                texts(f"move.officer_{step.outcome.value}", **_names(step)),
            )
            if step.outcome is MoveOutcome.MOVED:
                await refresh_member_commands(context.bot, texts, step.member)
        return
    await query.answer()
    async with svc.db.transaction() as session:
        step = await officer_answers(
            session, int(move_id), query.from_user.id, answer == "y", svc.now()
        )
        asked = await admins(session) if step.outcome is MoveOutcome.ASKING_ADMIN else []
    if step.outcome is MoveOutcome.STALE:
        await clear_buttons(query)
        await query.get_bot().send_message(query.from_user.id, texts("move.stale"))
        return
    await edit(query, texts(f"move.officer_{step.outcome.value}", **_names(step)))
    if step.move is None:
        return
    buttons = keyboards.markup(
        [
            keyboards.button(texts.plain("move.button_approve"), MOVE_ADMIN, step.move.id, "y"),
            keyboards.button(texts.plain("move.button_refuse"), MOVE_ADMIN, step.move.id, "n"),
        ],
        2,
    )
    for admin in asked:
        await _tell(
            context, admin.telegram_user_id, texts("move.ask_admin", **_names(step)), buttons
        )


def _names(step: MoveStep) -> dict[str, object]:
    return {
        "name": step.member.full_name if step.member else "",
        "current": step.from_agency or "—",
        "target": step.to_agency or "—",
    }


async def _tell(context: BotContext, chat_id: int, text: str, markup: object = None) -> None:
    # an admin who never opened the bot cannot be written to: the others are still asked
    with contextlib.suppress(TelegramError):
        await context.bot.send_message(chat_id, text, reply_markup=markup)  # type: ignore[arg-type]


# -- /onboarding -------------------------------------------------------------------------------
@requires(Role.ADMIN)
async def onboarding_command(update: Update, context: BotContext, member: Member) -> None:
    """/onboarding [plan] · /onboarding letter <plan> [N chỗ] [30d] · /onboarding link <agency>
    [N chỗ] [30d] · /onboarding revoke <agency>."""
    args = list(context.args or [])
    action = args[0].lower() if args else ""
    if action in ("letter", "congvan", "công-văn"):
        await _letter(update, context, member, args[1:])
    elif action in ("link", "links"):
        await _agency_link(update, context, member, args[1:])
    elif action in ("revoke", "thuhoi"):
        await _revoke(update, context, member, args[1:])
    else:
        await _status(update, context, args)


# how a seat count and a lifetime are written after an agency or a plan: "3 chỗ", "chỗ=3",
# "3 cán bộ"; "30d", "30 ngày", "12h". A bare number is never a count: it may end a name
# ("UBND Phường 12").
_SEAT_WORDS = {"cho", "nguoi", "seat", "seats", "officer", "officers"}
_SEAT_PAIRS = {("can", "bo")}
_SEAT_OPTION = re.compile(r"(?:cho|seats?)=(\d+)")
_SEAT_GLUED = re.compile(r"(\d+)(?:cho|nguoi)")
_LIFE_WORDS = {"d": "d", "ngay": "d", "day": "d", "days": "d", "h": "h", "gio": "h", "m": "m"}
_LIFE_GLUED = re.compile(r"\d+(?:d|h|m|ngay|gio)")


def _link_options(args: list[str]) -> tuple[list[str], int | None, timedelta | None] | None:
    """Strip the trailing seat count and lifetime, each said with its word, in any order:
    (the words before them, seats or None, lifetime or None); None when one is unreadable
    or out of bounds."""
    words = list(args)
    capacity: int | None = None
    lifetime: timedelta | None = None
    while words:
        last = fold(words[-1])
        before = fold(words[-2]) if len(words) > 1 else ""
        if (
            found := _SEAT_OPTION.fullmatch(last) or _SEAT_GLUED.fullmatch(last)
        ) and capacity is None:
            capacity, taken = int(found.group(1)), 1
        elif before.isdigit() and last in _SEAT_WORDS and capacity is None:
            capacity, taken = int(before), 2
        elif (
            len(words) > 2
            and fold(words[-3]).isdigit()
            and (before, last) in _SEAT_PAIRS
            and capacity is None
        ):
            capacity, taken = int(fold(words[-3])), 3
        elif _LIFE_GLUED.fullmatch(last) and lifetime is None:
            lifetime, taken = parse_duration(last), 1
            if lifetime is None:
                return None
        elif before.isdigit() and last in _LIFE_WORDS and lifetime is None:
            lifetime, taken = parse_duration(before + _LIFE_WORDS[last]), 2
            if lifetime is None:
                return None
        else:
            break
        del words[-taken:]
    if capacity is not None and not 1 <= capacity <= MAX_CAPACITY:
        return None
    return words, capacity, lifetime


def _capacity_and_lifetime(
    args: list[str], *, bare_count: bool = False
) -> tuple[list[str], int, timedelta] | None:
    """Trailing "[N chỗ] [30d]" of an /onboarding command, with the defaults; None when one is
    unreadable. `bare_count`: a plan's letter also takes the older "151 2" (a plan's number is
    one word, so a number after it can only be a count)."""
    parsed = _link_options(args)
    if parsed is None:
        return None
    words, capacity, lifetime = parsed
    if bare_count and capacity is None and len(words) > 1 and words[-1].isdigit():
        capacity = int(words.pop())
        if not 1 <= capacity <= MAX_CAPACITY:
            return None
    return words, capacity or DEFAULT_CAPACITY, lifetime or DEFAULT_LINK_LIFETIME


async def _status(update: Update, context: BotContext, args: list[str]) -> None:
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    async with svc.db.transaction() as session:
        plan = await find_plan(session, " ".join(args)) if args else None
        status = await onboarding_status(session, svc.now(), plan) if plan or not args else None
    if status is None:  # answered after the transaction: compute, commit, then talk
        await message.reply_text(texts("request.unknown_plan", value=" ".join(args)))
        return
    ready, missing = status.with_officers, status.without_officers
    lines = [
        texts(
            "onboarding.header",
            scope=plan.number if plan else texts.plain("onboarding.all_plans"),
            ready=len(ready),
            total=len(status.agencies),
        )
    ]
    if missing:
        lines.append(texts("onboarding.missing_header", count=len(missing)))
        lines += [
            texts(
                "onboarding.missing_line",
                agency=a.agency,
                links=texts("onboarding.links_part", links=a.live_links, seats=a.seats_left)
                if a.live_links
                else texts("onboarding.no_link"),
            )
            for a in missing
        ]
    if ready:
        lines.append(texts("onboarding.ready_header", count=len(ready)))
    for agency in ready:
        lines.append(texts("onboarding.ready_line", agency=agency.agency))
        lines += [
            texts(
                "onboarding.officer_line",
                name=o.name,
                position=f", {o.position}" if o.position else "",
                joined=local_time(o.joined_at, svc.settings.tz),
            )
            for o in agency.officers
        ]
    lines.append(texts("onboarding.usage"))
    await reply_lines(message, lines)


async def _letter(update: Update, context: BotContext, member: Member, args: list[str]) -> None:
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    parsed = _capacity_and_lifetime(args, bare_count=True)
    if parsed is None or not parsed[0]:
        await message.reply_text(texts("onboarding.letter_usage", max=MAX_CAPACITY))
        return
    words, capacity, lifetime = parsed
    username = context.bot.username
    async with svc.db.transaction() as session:
        plan = await find_plan(session, " ".join(words))
        prepared = (
            await prepare_letter(
                session,
                plan,
                bot_username=username,
                link_for=lambda token: deep_link(username, token),
                created_by=member,
                now=svc.now(),
                capacity=capacity,
                lifetime=lifetime,
            )
            if plan is not None
            else None
        )
    if prepared is None:
        await message.reply_text(texts("request.unknown_plan", value=" ".join(words)))
        return
    entries, info = prepared
    if not entries:
        await message.reply_text(texts("onboarding.no_agencies", plan=info.plan_number))
        return
    lang, tz, now = svc.settings.language, svc.settings.tz, svc.now()
    user = member.telegram_user_id  # on the files pool, in this admin's turn
    letter = await svc.work.files.run(user, write_letter, entries, info, now, tz, lang)
    listing = await svc.work.files.run(user, write_link_list, entries, info, tz, lang)
    stem = file_stem(info.plan_number)
    await message.reply_document(
        document=letter,
        filename=f"cong-van-can-bo-dau-moi-{stem}.docx",
        caption=texts(
            "onboarding.letter_caption",
            plan=info.plan_number,
            count=len(entries),
            capacity=capacity,
            expires=local_time(entries[0].expires_at, tz),
        ),
    )
    await message.reply_document(
        document=listing,
        filename=f"duong-dan-tham-gia-{stem}.xlsx",
        caption=texts("onboarding.list_caption", plan=info.plan_number),
    )


async def _agency_link(
    update: Update, context: BotContext, member: Member, args: list[str]
) -> None:
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    parsed = _capacity_and_lifetime(args)
    if parsed is None or not parsed[0]:
        await message.reply_text(texts("onboarding.link_usage", max=MAX_CAPACITY))
        return
    words, capacity, lifetime = parsed
    name = " ".join(words)
    async with svc.db.transaction() as session:
        lookup = await find_agency(session, name)
        if lookup.agency is not None:
            created = await create_join_link(
                session,
                agency=lookup.agency,
                created_by=member,
                now=svc.now(),
                capacity=capacity,
                lifetime=lifetime,
            )
    if lookup.agency is None:
        answer = agency_not_found(texts, name, lookup.suggestions)
        if len(words) > 1 and words[-1].isdigit():  # "Sở Tài chính 3": maybe meant 3 seats
            hint = texts("onboarding.seats_hint", name=" ".join(words[:-1]), count=words[-1])
            answer = Html(f"{answer}\n{hint}")
        await message.reply_text(answer)
        return
    await message.reply_text(
        texts(
            "onboarding.link_created",
            agency=lookup.agency.name,
            capacity=capacity,
            expires=local_time(created.link.expires_at, svc.settings.tz),
            link=deep_link(context.bot.username, created.token),
        )
    )


async def _revoke(update: Update, context: BotContext, member: Member, args: list[str]) -> None:
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    name = " ".join(args)
    if not name:
        await message.reply_text(texts("onboarding.revoke_usage"))
        return
    async with svc.db.transaction() as session:
        lookup = await find_agency(session, name)
        if lookup.agency is not None:
            count = await revoke_links(session, lookup.agency, member, svc.now())
    if lookup.agency is None:
        await message.reply_text(agency_not_found(texts, name, lookup.suggestions))
        return
    await message.reply_text(texts("onboarding.revoked", agency=lookup.agency.name, count=count))
