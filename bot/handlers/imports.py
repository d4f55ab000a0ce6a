"""Plan import in chat: an admin sends a document, sees what was understood (the plan, its
reporting calendar and first period, the changes against the saved plan or the plan it amends),
fixes names and the calendar, then saves it in one transaction (or cancels; nothing is saved
before that). A preview saved over a plan someone else saved meanwhile is shown again with the
new changes instead of overwriting them."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import replace
from datetime import datetime
from pathlib import PurePath
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup, Update

from bot import keyboards
from bot.context import BotContext, Services, working_calendar
from bot.guards import current_member, requires
from bot.handlers import groups, officer
from bot.handlers.import_preview import (
    calendar_buttons,
    next_owner,
    offered,
    owner_buttons,
    owner_items,
    preview_buttons,
    preview_lines,
    preview_text,
    saved_text,
)
from bot.messaging import edit, pressed
from domain.status import Role
from periods.rules import KINDS
from plans.calendar_choice import (
    DAY_CHOICES,
    DAY_KINDS,
    with_day,
    with_decree_defaults,
    with_frequency_toggled,
)
from plans.document import DocumentError
from plans.isolation import read_plan_isolated
from plans.limits import DEFAULT_LIMITS
from plans.loading import PLAN_FILE_SUFFIXES
from plans.model import PlanDraft, ReportingSchedule
from plans.planfile import PlanFileError
from plans.registry import DROPPED, is_empty, load_directory, load_starter, starter_snapshot
from plans.starter import load_directory as load_starter_directory
from plans.store import (
    AmendedPlanMissing,
    ImportChoice,
    ImportClock,
    PlanChangedMeanwhile,
    PlanPreview,
    SaveResult,
    SeenVersion,
    UnresolvedAgencies,
    existing_plan,
    last_saved_by,
    preview_plan,
    save_plan,
)
from reminders.outbox import DEAD_AFTER, HEARTBEAT
from storage.models import BotState, Member
from storage.upsert import insert_ignore
from texts import Html, Texts

__all__ = ["document_error_text", "on_document", "on_import_button", "preview_lines"]

PLAN_SUFFIXES = {".docx", ".pdf", ".xlsx", ".csv", ".txt", ".md", *PLAN_FILE_SUFFIXES}
# im:<id>:save | cancel | fix:<n>:<k> | take:<n> | all | rm | drop:<n> | cal | start:<n> |
# freq:<kind> | day:<kind>:<day> | nd09 | asread   (kind: index in periods.rules.KINDS) |
# owners (the owners panel) | own:<n> (the n-th indicator's next owner)
PARSING = "parsing:"  # BotState key prefix: a document being read (see import_document)
PENDING = "imp:"  # BotState key prefix: a preview waiting for Save or Cancel
# this process, when it has no reminder dispatcher (whose instance id is used otherwise)
PROCESS_ID = uuid.uuid4().hex[:16]


async def on_document(update: Update, context: BotContext) -> None:
    """Admins' plan documents go to the importer; everything else is report evidence."""
    message = update.effective_message
    member = await current_member(update, context)
    document = message.document if message else None
    is_plan_file = (
        document is not None
        and PurePath(document.file_name or "").suffix.lower() in PLAN_SUFFIXES
        and message is not None
        and message.reply_to_message is None
    )
    if member is not None and member.role == Role.ADMIN.value and is_plan_file:
        # Read in the background: other users' updates go on while a document is read.
        context.application.create_task(import_document(update, context), update=update)
    else:
        await officer.on_evidence(update, context)


def document_error_text(texts: Texts, exc: Exception, limit_mb: int) -> Html:
    if isinstance(exc, PlanFileError):
        lines = [
            texts(
                "import.error.planfile_line", line=i.line or "?", field=i.field, message=i.message
            )
            for i in exc.errors[:10]
        ]
        return texts("import.error.planfile", errors=Html("\n".join(lines)))
    assert isinstance(exc, DocumentError)
    code = exc.code
    if code == "encrypted" and exc.params.get("format") == "pdf":
        code = "pdf_encrypted"
    key = f"import.error.{code}"
    if key not in texts.catalogue:
        key = "import.error.unsupported_format"
    values: dict[str, object] = {"columns": "-", "count": "?", "seconds": "?", "limit_mb": "?"}
    values.update(exc.params)
    values["limit"] = exc.params.get("limit", limit_mb)
    return texts(key, **values)


def instance_id(svc: Services) -> str:
    """Who is reading: the reminder dispatcher's instance (its heartbeat says it is alive)."""
    return svc.dispatcher.instance_id if svc.dispatcher is not None else PROCESS_ID


async def _reader_alive(session: AsyncSession, svc: Services, reader: object) -> bool:
    """Whether the instance that marked a document as being read is still reading it: this
    one, or another that has ticked lately."""
    if not isinstance(reader, str):
        return False  # left by a version that did not say who read it
    if reader == instance_id(svc):
        return True
    beat = await session.get(BotState, HEARTBEAT + reader)
    if beat is None or "at" not in beat.value:
        return False
    return datetime.fromisoformat(beat.value["at"]) >= svc.now() - DEAD_AFTER


@requires(Role.ADMIN)
async def import_document(update: Update, context: BotContext, member: Member) -> None:
    """Read the document and show the preview with Save / fix / calendar / Cancel buttons."""
    svc, texts = context.services, context.texts
    message = update.effective_message
    assert message is not None and message.document is not None
    document = message.document
    limit = svc.settings.max_upload_mb
    name = document.file_name or "document"
    if (document.file_size or 0) > limit * 1_000_000:
        await message.reply_text(texts("import.error.too_large", limit=limit))
        return
    # A document that was being read when the bot stopped is not read again: its update comes
    # back after the restart, and reading it once more could stop the bot in a loop. The same
    # document sent again while it is being read is not read twice either.
    marker = f"{PARSING}{document.file_unique_id}"
    mark = {"key": marker, "value": {"name": name, "reader": instance_id(svc)}}
    async with svc.db.transaction() as session:
        found = None
        if not await insert_ignore(session, BotState, {**mark, "updated_at": svc.now()}, ["key"]):
            found = await session.get(BotState, marker)
        reading = found is not None and await _reader_alive(session, svc, found.value.get("reader"))
        if found is not None and not reading:
            await session.delete(found)
    if found is not None and reading:
        await message.reply_text(
            texts("import.already_reading", name=found.value.get("name") or name)
        )
        return
    if found is not None:
        await message.reply_text(texts("import.error.interrupted"))
        return
    await message.reply_text(texts("import.downloading", name=name))
    try:
        telegram_file = await document.get_file()
        data = bytes(await telegram_file.download_as_bytearray())
        limits = replace(DEFAULT_LIMITS, max_bytes=limit * 1_000_000)
        # on the documents pool, in this admin's turn: waiting there holds no thread
        draft = await svc.work.documents.run(
            member.telegram_user_id, read_plan_isolated, data, name, limits
        )
    except (DocumentError, PlanFileError) as exc:
        await _forget(svc, marker)
        await message.reply_text(document_error_text(texts, exc, limit))
        return
    except BaseException:
        await _forget(svc, marker)
        raise
    await _forget(svc, marker)
    pending_id = secrets.token_hex(4)
    state: dict[str, Any] = {"draft": draft.model_dump(mode="json"), "fixes": {}}
    state["member_id"] = member.id
    await show_preview(update, context, pending_id, state)


async def _forget(svc: Services, key: str) -> None:
    async with svc.db.transaction() as session:
        row = await session.get(BotState, key)
        if row is not None:
            await session.delete(row)


# -- the pending preview: what the admin chose so far --


def draft_of(state: dict[str, Any]) -> PlanDraft:
    """The draft as the admin left it: as read, with the calendar chosen in the preview and
    the first period chosen (or the one the preview showed)."""
    draft = PlanDraft.model_validate(state["draft"])
    if state.get("reporting"):
        draft.reporting = ReportingSchedule.model_validate(state["reporting"])
    start = state.get("start") or state.get("shown_start")
    if start:
        draft.reporting.starts_from = start
    return draft


def _with_fixes(draft: PlanDraft, fixes: dict[str, str]) -> PlanDraft:
    fixed = draft.model_copy(deep=True)
    tasks = list(fixed.tasks)
    if fixed.amends is not None:
        tasks += [c.task for c in fixed.amends.changes if c.task is not None]
    for task in tasks:
        task.lead = [fixes.get(n, n) for n in task.lead]
        task.support = [fixes.get(n, n) for n in task.support]
    if fixed.plan.coordinator:
        fixed.plan.coordinator = fixes.get(fixed.plan.coordinator, fixed.plan.coordinator)
    return fixed


async def import_clock(svc: Services, session: AsyncSession) -> ImportClock:
    calendar, _today = await working_calendar(svc, session)
    return ImportClock(svc.now(), calendar)


async def build_preview(svc: Services, state: dict[str, Any]) -> PlanPreview:
    draft = _with_fixes(draft_of({**state, "shown_start": None}), state.get("fixes", {}))
    async with svc.db.sessions() as session:
        directory = (
            starter_snapshot(load_starter_directory())
            if await is_empty(session)
            else await load_directory(session)
        )
        at = await import_clock(svc, session)
        # closed, not committed
        return await preview_plan(
            session, draft, directory=directory, at=at, target_owners=state.get("owners")
        )


def _remember(state: dict[str, Any], preview: PlanPreview) -> None:
    """What the admin was shown: the saved plan's version (saving over a newer one is refused)
    and the first period (saved as shown, even if the day changes before Save)."""
    state["version"] = preview.version
    state["shown_start"] = (
        preview.calendar.start.key
        if preview.calendar is not None and preview.calendar.start is not None
        else None
    )


def _markup(
    texts: Texts, pending_id: str, preview: PlanPreview, state: dict[str, Any]
) -> InlineKeyboardMarkup:
    if state.get("owners_panel") and owner_items(preview):
        return owner_buttons(texts, pending_id, preview)
    if state.get("panel") and preview.calendar is not None:
        read = PlanDraft.model_validate(state["draft"]).reporting
        return calendar_buttons(
            texts, pending_id, preview, not state.get("reporting"), bool(read.deadlines)
        )
    choice = ImportChoice.from_json(state.get("choice"))
    return keyboards.markup(preview_buttons(texts, pending_id, preview, choice), 2)


async def _store(svc: Services, pending_id: str, state: dict[str, Any], *, create: bool) -> bool:
    """Keep the pending preview's state; False when it is gone (saved or cancelled meanwhile)
    and `create` is not asked."""
    async with svc.db.transaction() as session:
        row = await session.get(BotState, PENDING + pending_id)
        if row is None and not create:
            return False
        if row is None:
            session.add(BotState(key=PENDING + pending_id, value=state, updated_at=svc.now()))
        else:
            row.value, row.updated_at = state, svc.now()
    return True


async def show_preview(
    update: Update,
    context: BotContext,
    pending_id: str,
    state: dict[str, Any],
    *,
    in_place: bool = False,
) -> None:
    """Build the preview, remember what it showed, then send it (or edit the pressed one)."""
    svc, texts = context.services, context.texts
    preview = await build_preview(svc, state)
    _remember(state, preview)
    query = update.callback_query
    if not await _store(svc, pending_id, state, create=not in_place):
        return  # saved or cancelled by another press meanwhile: its answer stands
    text = preview_text(texts, preview, ImportChoice.from_json(state.get("choice")))
    if state.get("owners_panel") and owner_items(preview):
        hint = texts("import.targets.panel")
        if len(text) + len(hint) + 1 <= 4096:
            text = f"{text}\n{hint}"
    markup = _markup(texts, pending_id, preview, state)
    if in_place and query is not None:
        await edit(query, text, reply_markup=markup)
        return
    chat = update.effective_chat
    assert chat is not None
    await chat.send_message(text, reply_markup=markup)


# -- buttons --


def _number(parts: list[str], i: int) -> int | None:
    return int(parts[i]) if len(parts) > i and parts[i].isdigit() else None


async def _choose(
    svc: Services, state: dict[str, Any], action: str, parts: list[str]
) -> dict[str, Any]:
    """The state after a button that changes the preview (names, changes taken, calendar)."""
    preview = await build_preview(svc, state)
    choice = ImportChoice.from_json(state.get("choice"))
    n, k = _number(parts, 3), _number(parts, 4)
    read = PlanDraft.model_validate(state["draft"]).reporting
    schedule = ReportingSchedule.model_validate(state.get("reporting") or read.model_dump())
    if action == "fix" and n is not None and k is not None:
        if n < len(preview.unmatched) and k < len(preview.unmatched[n].suggestions):
            fixes = dict(state.get("fixes", {}))
            fixes[preview.unmatched[n].name] = preview.unmatched[n].suggestions[k]
            state["fixes"] = fixes
    elif action == "take" and n is not None and n < len(offered(preview.diff)):
        choice = replace(choice, take=choice.take ^ {offered(preview.diff)[n]})
    elif action == "drop" and n is not None and n < len(groups.droppable(preview.review)):
        fixes = dict(state.get("fixes", {}))  # an abolished addressee: nobody is chased
        fixes[groups.droppable(preview.review)[n]] = DROPPED
        state["fixes"] = fixes
    elif action == "all":
        choice = replace(choice, take_all=not choice.take_all)
    elif action == "rm":
        choice = replace(choice, remove=not choice.remove)
    elif action == "cal":
        state["panel"] = not state.get("panel")
        state["owners_panel"] = False
    elif action == "owners":
        state["owners_panel"] = not state.get("owners_panel")
        state["panel"] = False
    elif action == "own" and n is not None and n < len(owner_items(preview)):
        item = owner_items(preview)[n]  # who provides its figures: the next agency, or nobody
        state["owners"] = {**(state.get("owners") or {}), item.draft.key: next_owner(item)}
    elif action == "start" and preview.calendar is not None:
        if n is not None and n < len(preview.calendar.choices):
            state["start"] = preview.calendar.choices[n].key
    elif action == "freq" and n is not None and n < len(KINDS):
        state["reporting"] = with_frequency_toggled(schedule, KINDS[n]).model_dump(mode="json")
        state["start"] = None  # the first period is chosen again among the new kinds'
    elif action == "day" and n is not None and k in DAY_CHOICES and n < len(KINDS):
        kind = KINDS[n]
        if kind in DAY_KINDS:
            state["reporting"] = with_day(schedule, kind, k).model_dump(mode="json")
    elif action == "nd09":
        state["reporting"] = with_decree_defaults(schedule).model_dump(mode="json")
    elif action == "asread":
        state["reporting"] = None
    state["choice"] = choice.to_json()
    return state


@requires(Role.ADMIN)
async def on_import_button(update: Update, context: BotContext, member: Member) -> None:
    """Save, cancel, fix a name, take a change, or change the calendar of a pending preview."""
    svc, texts = context.services, context.texts
    parts = await pressed(update, context)
    query = update.callback_query
    if parts is None or query is None:
        return
    pending_id, action = parts[1], parts[2]
    if action == "save":
        await save_import(update, context, member, pending_id)
        return
    async with svc.db.transaction() as session:
        row = await session.get(BotState, PENDING + pending_id)
        state = dict(row.value) if row is not None else None
        if row is not None and action == "cancel":
            await session.delete(row)
    if state is None:
        await edit(query, texts("import.expired"))
        return
    if action == "cancel":
        await edit(query, texts("import.cancelled"))
        return
    state = await _choose(svc, state, action, parts)
    await show_preview(update, context, pending_id, state, in_place=True)


async def _save_pending(
    svc: Services, member: Member, pending_id: str, state_seen: list[dict[str, Any]]
) -> SaveResult | None:
    """Claim the pending preview and save it, in one transaction (None: already handled).
    Two saves that cross on PostgreSQL (the starter directory or a new agency written by both)
    meet a unique key: the loser's transaction is rolled back and tried once more, where it
    finds the other's save (PlanChangedMeanwhile)."""
    for attempt in (1, 2):
        try:
            async with svc.db.transaction() as session:
                claimed = await session.execute(
                    delete(BotState)
                    .where(BotState.key == PENDING + pending_id)
                    .returning(BotState.value)
                )
                state = claimed.scalar_one_or_none()
                if state is None:
                    return None
                state_seen.append(state)
                if await is_empty(session):
                    await load_starter(session, load_starter_directory(), actor=member)
                return await save_plan(
                    session,
                    draft_of(state),
                    fixes=state.get("fixes", {}),
                    create_missing=True,
                    actor=member,
                    choice=ImportChoice.from_json(state.get("choice")),
                    at=await import_clock(svc, session),
                    seen=SeenVersion(state.get("version")),
                    target_owners=state.get("owners"),
                )
        except IntegrityError:
            if attempt == 2:
                raise
    return None


async def save_import(update: Update, context: BotContext, member: Member, pending_id: str) -> None:
    """Save the pending preview in one transaction that also claims it (a second press finds
    it gone). Over a plan saved by someone else since the preview, nothing is saved and the
    preview is shown again with the changes against that save."""
    svc, texts = context.services, context.texts
    query = update.callback_query
    assert query is not None
    seen: list[dict[str, Any]] = []
    try:
        result = await _save_pending(svc, member, pending_id, seen)
    except PlanChangedMeanwhile as exc:  # rolled back: the pending preview is still there
        await _saved_meanwhile(update, context, member, pending_id, seen[-1], exc.number)
        return
    except AmendedPlanMissing as exc:
        await _forget(svc, PENDING + pending_id)
        await edit(query, texts("import.amend.missing", target=exc.number))
        return
    except UnresolvedAgencies as exc:  # names of another province: refused, never created
        await _forget(svc, PENDING + pending_id)
        names = ", ".join(u.name for u in exc.unmatched)
        await edit(query, texts("import.refused_names", names=names))
        return
    if result is None:
        await edit(query, texts("import.expired"))
        return
    await edit(query, saved_text(texts, result))


async def _saved_meanwhile(
    update: Update,
    context: BotContext,
    member: Member,
    pending_id: str,
    state: dict[str, Any],
    number: str,
) -> None:
    """Tell the admin who saved the plan since his preview, then show his document against
    that save, with Save still there for his version."""
    svc, texts = context.services, context.texts
    query = update.callback_query
    assert query is not None
    async with svc.db.reading() as session:
        plan = await existing_plan(session, number)
        who = await last_saved_by(session, plan.id) if plan is not None else None
    if who is not None and who.id == member.id:
        name = texts.plain("import.meanwhile_you")
    elif who is not None:
        name = who.full_name
    else:
        name = texts.plain("import.meanwhile_someone")
    await edit(query, texts("import.meanwhile", who=name, number=number))
    await show_preview(update, context, pending_id, state)
