"""The province and its groups in chat: /province (show or choose), /group (members, edits),
and the lines of the import preview that show successors and what will be chased."""

from __future__ import annotations

from datetime import date

from telegram import Update

from bot.context import BotContext, working_calendar
from bot.guards import requires
from bot.messaging import reply_lines
from bot.render import agency_not_found
from domain.status import Role
from periods.schedule import owed_from_when_added
from plans import admin_units
from plans.registry import (
    FormerProvince,
    ProvinceAlreadySet,
    UnknownProvince,
    change_group_member,
    deployment_province,
    find_agency,
    groups_with_members,
    setup_province,
)
from plans.starter import load_directory as load_starter_directory
from plans.successors import ImportReview
from storage.models import Agency, AgencyGroup, Member
from texts import Html, Texts

MAX_REFS = 6


def fact_suffix(texts: Texts, facts: dict[str, object] | None) -> Html:
    """ " (chưa kiểm chứng)" after a fact nobody checked against its decision."""
    if not facts or facts.get("verified"):
        return Html("")
    return texts("fact.unverified")


def _since(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "?"


MAX_DROP_BUTTONS = 4


def droppable(review: ImportReview | None) -> list[str]:
    """Addressees as written that no longer exist and whose tasks pass to a group (the district
    committees → the communes): the admin may drop them instead (a button each)."""
    if review is None:
        return []
    names = [n.written for n in review.successors if n.is_group and n.successor]
    return names[:MAX_DROP_BUTTONS]


def review_lines(texts: Texts, review: ImportReview | None) -> list[str]:
    """The import preview's lines about today's agencies: each addressee that changed with its
    successor and date (and "chưa kiểm chứng" when unchecked), merged leads, empty groups,
    names of another province, and how many agencies will be chased."""
    if review is None:
        return []
    lines: list[str] = []
    if review.successors:
        lines.append(texts("review.header"))
        dropped = False
        for note in review.successors:
            unverified = Html("") if note.verified else texts("fact.unverified")
            if note.successor is None:
                key = "review.dropped"
            elif note.is_group:
                key, dropped = "review.successor_group", True
            else:
                key = "review.successor"
            lines.append(
                texts(
                    key,
                    old=note.written,
                    new=note.successor or "",
                    since=_since(note.since),
                    unverified=unverified,
                )
            )
        if dropped:
            lines.append(texts("review.drop_hint"))
    for merged in review.merged_leads:
        lines.append(
            texts(
                "review.merged",
                ref=merged.ref,
                written=", ".join(merged.written),
                agency=merged.agency,
            )
        )
    for doubted in review.doubts:
        lines.append(texts("review.doubt", name=doubted.name, doubt=doubted.doubt))
    for group in review.empty_groups:
        refs = ", ".join(group.refs[:MAX_REFS]) + ("…" if len(group.refs) > MAX_REFS else "")
        lines.append(texts("review.empty_group", group=group.group, refs=refs))
    for foreign in review.foreign:
        lines.append(
            texts(
                "review.foreign",
                name=foreign.written,
                provinces=", ".join(foreign.provinces),
                refs=", ".join(foreign.refs[:MAX_REFS]),
            )
        )
    lines.append(texts("review.chased", count=len(review.chased_agencies())))
    return lines


@requires(Role.COORDINATOR)
async def province_command(update: Update, context: BotContext, member: Member) -> None:
    """/province: the province this deployment serves; an admin's /province <name> chooses it
    (the first time) and loads its current agencies, communes and wards. A former province is
    refused with its successor, an unknown name with close matches."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    wanted = " ".join(context.args or []).strip()
    starter = load_starter_directory()
    names = ", ".join(admin_units.province_names()[:6]) + ", …"
    if not wanted or member.role != Role.ADMIN.value:
        async with svc.db.transaction() as session:
            current = await deployment_province(session)
            groups = await groups_with_members(session)
            agencies = len({a.id for g in groups for a in g.members})
        if current is None:
            await reply_lines(
                message, [texts("province.none"), texts("province.known", names=names)]
            )
        else:
            await reply_lines(
                message,
                [
                    texts(
                        "province.current",
                        province=current,
                        agencies=agencies,
                        groups=len(groups),
                    ),
                    texts("province.data", source=admin_units.data_source()),
                ],
            )
        return
    try:
        async with svc.db.transaction() as session:
            calendar, today = await working_calendar(svc, session)
            done = await setup_province(
                session,
                wanted,
                starter,
                on=today,
                actor=member,
                owed_from=owed_from_when_added(today, calendar),
            )
    except ProvinceAlreadySet as exc:
        await message.reply_text(texts("province.other", current=exc.current, province=wanted))
        return
    except FormerProvince as exc:
        await message.reply_text(
            texts("province.former", former=exc.former, province=exc.successor)
        )
        return
    except UnknownProvince as exc:
        text = texts("province.not_found", province=exc.name)
        if exc.suggestions:
            text += texts("province.did_you_mean", names=", ".join(exc.suggestions))
        await message.reply_text(text)
        return
    lines = [
        texts(
            "province.set",
            province=done.province,
            agencies=done.result.agencies_added,
            former=done.result.former_added,
            groups=done.result.groups_added,
        ),
        texts("province.communes", count=done.communes, source=admin_units.data_source()),
    ]
    await reply_lines(message, lines)


def group_lines(texts: Texts, group: AgencyGroup, members: list[Agency]) -> list[str]:
    """A group's members, with the group's source when it was not checked."""
    source = fact_suffix(texts, group.facts)
    lines = [texts("group.members", name=group.name, count=len(members), source=source)]
    lines += [texts("group.member", name=agency.name) for agency in members]
    if not members:
        lines.append(texts("group.empty", name=group.name))
    return lines


@requires(Role.COORDINATOR)
async def group_command(update: Update, context: BotContext, member: Member) -> None:
    """/group: the groups; /group <name>: its members; admins: /group <name> + <agency> adds,
    /group <name> - <agency> removes (audited, the group's tasks follow)."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None
    text = " ".join(context.args or []).strip()
    name, op, agency_name = text, "", ""
    for sign in (" + ", " - "):
        if sign in text:
            name, agency_name = (part.strip() for part in text.split(sign, 1))
            op = sign.strip()
            break
    async with svc.db.transaction() as session:
        if not name:
            groups = await groups_with_members(session)
            lines = [texts("group.header", count=len(groups))]
            lines += [
                texts(
                    "group.line",
                    name=g.group.name,
                    count=len(g.members),
                    source=fact_suffix(texts, g.group.facts),
                )
                for g in groups
            ]
            areas = len(await groups_with_members(session, areas=True)) - len(groups)
            if areas:
                lines.append(texts("group.areas", count=areas))
            lines.append(texts("group.usage"))
            await reply_lines(message, lines)
            return
        lookup = await find_agency(session, name)
        group = lookup.group
        if group is None:
            await message.reply_text(texts("group.unknown", name=name))
            return
        if not op:
            found = next(
                (
                    g
                    for g in await groups_with_members(session, areas=True)
                    if g.group.id == group.id
                ),
                None,
            )
            await reply_lines(message, group_lines(texts, group, found.members if found else []))
            return
        if member.role != Role.ADMIN.value or not agency_name:
            await message.reply_text(texts("group.usage"))
            return
        target = await find_agency(session, agency_name)
        if target.agency is None:
            await message.reply_text(agency_not_found(texts, agency_name, target.suggestions))
            return
        calendar, today = await working_calendar(svc, session)
        changed = await change_group_member(
            session,
            group,
            target.agency,
            add=op == "+",
            actor=member,
            owed_from=owed_from_when_added(today, calendar),
        )
    if changed:
        key = "group.added" if op == "+" else "group.removed"
        await message.reply_text(texts(key, agency=target.agency.name, group=group.name))
    else:
        state = texts.plain("group.state_in" if op == "+" else "group.state_out")
        await message.reply_text(
            texts("group.unchanged", agency=target.agency.name, state=state, group=group.name)
        )
