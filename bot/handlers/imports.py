"""Plan import in chat: an admin sends a document, sees what was understood, fixes names,
then saves it in one transaction (or cancels; nothing is saved before that)."""

from __future__ import annotations

import secrets
from dataclasses import replace
from pathlib import PurePath
from typing import Any

from telegram import InlineKeyboardButton, Update

from bot import keyboards
from bot.context import BotContext, Services
from bot.guards import current_member, requires
from bot.handlers import groups, officer
from bot.messaging import clear_buttons, edit, pressed
from bot.render import shorten
from domain.status import Role
from plans.document import DocumentError
from plans.isolation import read_plan_isolated
from plans.limits import DEFAULT_LIMITS
from plans.loading import PLAN_FILE_SUFFIXES
from plans.model import PlanDraft
from plans.planfile import PlanFileError
from plans.registry import DROPPED, is_empty, load_directory, starter_snapshot
from plans.starter import load_directory as load_starter_directory
from plans.store import (
    ImportChoice,
    PlanChanges,
    PlanPreview,
    UnresolvedAgencies,
    preview_plan,
    save_plan,
)
from storage.models import BotState, Member
from texts import Html, Texts

PLAN_SUFFIXES = {".docx", ".pdf", ".xlsx", ".csv", ".txt", ".md", *PLAN_FILE_SUFFIXES}
# im:<id>:save | im:<id>:cancel | im:<id>:fix:<n>:<k> | im:<id>:take:<n> | im:<id>:all | im:<id>:rm
IMPORT = "im"
MAX_FIX_BUTTONS = 12
MAX_TAKE_BUTTONS = 8
MESSAGE_LIMIT = 4000  # Telegram's 4096, with room for the last line
PARSING = "parsing:"  # BotState key prefix: a document being read (see import_document)


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


@requires(Role.ADMIN)
async def import_document(update: Update, context: BotContext, member: Member) -> None:
    """Read the document and show the preview with Save / fix / Cancel buttons."""
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
    # back after the restart, and reading it once more could stop the bot in a loop.
    marker = f"{PARSING}{document.file_unique_id}"
    async with svc.db.transaction() as session:
        interrupted = await session.get(BotState, marker)
        if interrupted is not None:
            await session.delete(interrupted)
        else:
            session.add(BotState(key=marker, value={"name": name}, updated_at=svc.now()))
    if interrupted is not None:
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
    state = {"draft": draft.model_dump(mode="json"), "fixes": {}, "member_id": member.id}
    async with svc.db.transaction() as session:
        session.add(BotState(key=f"imp:{pending_id}", value=state, updated_at=svc.now()))
    await show_preview(update, context, pending_id, state)


async def _forget(svc: Services, key: str) -> None:
    async with svc.db.transaction() as session:
        row = await session.get(BotState, key)
        if row is not None:
            await session.delete(row)


async def build_preview(svc: Services, state: dict[str, Any]) -> PlanPreview:
    draft = PlanDraft.model_validate(state["draft"])
    fixes: dict[str, str] = state.get("fixes", {})
    async with svc.db.sessions() as session:
        directory = (
            starter_snapshot(load_starter_directory())
            if await is_empty(session)
            else await load_directory(session)
        )
        fixed = draft.model_copy(deep=True)
        for task in fixed.tasks:
            task.lead = [fixes.get(n, n) for n in task.lead]
            task.support = [fixes.get(n, n) for n in task.support]
        if fixed.plan.coordinator:
            fixed.plan.coordinator = fixes.get(fixed.plan.coordinator, fixed.plan.coordinator)
        return await preview_plan(session, fixed, directory=directory)  # closed, not committed


def _field_names(texts: Texts, fields: list[str]) -> str:
    names = []
    for name in fields:
        key = f"import.field.{name}"
        names.append(texts.plain(key) if key in texts.catalogue else name)
    return ", ".join(names)


def _refs(refs: list[str], limit: int = 12) -> str:
    shown = ", ".join(refs[:limit])
    return shown + (f", … (+{len(refs) - limit})" if len(refs) > limit else "")


def diff_lines(texts: Texts, diff: PlanChanges, choice: ImportChoice) -> list[str]:
    """What saving would change in the stored plan, task by task."""
    if diff.is_empty:
        return [texts("import.preview.same")]
    lines: list[str] = []
    added, changed, removed = diff.counts(choice)
    changes = texts("import.preview.changes", added=added, removed=removed, changed=changed)
    lines.append(texts("import.preview.existing", changes=changes))
    if diff.worse:
        lines.append(
            texts(
                "import.preview.worse",
                new=round((diff.new_quality or 0) * 100),
                old=round((diff.old_quality or 0) * 100),
                news=Html(""),
            )
        )
    if diff.added:
        lines.append(
            texts("import.preview.diff_added", count=len(diff.added), refs=_refs(diff.added))
        )
    if diff.changed:
        lines.append(texts("import.preview.diff_changed", count=len(diff.changed)))
        for ref, fields in list(diff.changed.items())[:10]:
            lines.append(
                texts(
                    "import.preview.diff_changed_line", ref=ref, fields=_field_names(texts, fields)
                )
            )
        if len(diff.changed) > 10:
            lines.append(texts("import.preview.more", count=len(diff.changed) - 10))
    if diff.removed:
        lines.append(
            texts("import.preview.diff_removed", count=len(diff.removed), refs=_refs(diff.removed))
        )
        key = (
            "import.preview.diff_removed_chosen"
            if choice.remove
            else "import.preview.diff_removed_kept"
        )
        lines.append(texts(key, count=len(diff.removed)))
    if diff.worse:
        taken = sorted(diff.selected(choice)[0] | diff.selected(choice)[1])
        if taken:
            lines.append(texts("import.preview.taken", refs=_refs(taken)))
    if diff.plan and diff.plan_taken(choice):
        lines.append(texts("import.preview.plan_changed", fields=", ".join(diff.plan)))
    return lines


def _preview_parts(
    texts: Texts, preview: PlanPreview, choice: ImportChoice
) -> tuple[list[str], list[str], list[str]]:
    """(head, one line per task, tail) of a preview."""
    data = preview.to_json()
    plan = data["plan"]
    head: list[str] = [
        texts(
            "import.preview.header",
            number=plan["number"] or "?",
            title=shorten(plan["title"] or "", 300),
            issuer=plan["issuer"] or "?",
            issued=plan["issued_on"] or "?",
            coordinator=plan["coordinator"] or "?",
            count=len(data["tasks"]),
        )
    ]
    act = plan.get("issuing_act")
    if act:
        head.append(
            texts(
                "import.preview.issuing_act", number=act["number"], issued=act["issued_on"] or "?"
            )
        )
    if preview.diff is not None:
        head.extend(diff_lines(texts, preview.diff, choice))
    tail: list[str] = []
    if preview.unmatched:
        tail.append(texts("import.preview.unmatched_header", count=len(preview.unmatched)))
        for n, item in enumerate(preview.unmatched[:MAX_FIX_BUTTONS], 1):
            hint = (
                texts("import.preview.hint", names=", ".join(item.suggestions))
                if item.suggestions
                else Html("")
            )
            tail.append(
                texts(
                    "import.preview.unmatched",
                    n=n,
                    name=shorten(item.name, 120),
                    refs=", ".join(item.refs[:6]) or "-",
                    hint=hint,
                )
            )
        if len(preview.unmatched) > MAX_FIX_BUTTONS:
            tail.append(
                texts("import.preview.more", count=len(preview.unmatched) - MAX_FIX_BUTTONS)
            )
    for warning in preview.draft.warnings[:8]:
        key = f"warning.{warning.code}"
        text = texts(
            key if key in texts.catalogue else "warning.other",
            ref=warning.ref or "",
            excerpt=shorten(warning.excerpt, 100),
        )
        tail.append(texts("import.preview.warning", text=text))
    tail += groups.review_lines(texts, preview.review)  # successors, what will be chased
    tail.append(texts("import.preview.footer"))
    tasks: list[str] = []
    for task in data["tasks"]:
        support = (
            texts("import.preview.support", names=shorten(", ".join(task["support"]), 200))
            if task["support"]
            else Html("")
        )
        tasks.append(
            texts(
                "import.preview.task",
                ref=task["ref"],
                title=shorten(task["title"], 120),
                lead=shorten(", ".join(task["lead"]), 200) or "?",
                support=support,
                timeframe=shorten(
                    task.get("timeframe") or texts.plain("import.preview.no_timeframe"), 60
                ),
            )
        )
    return head, tasks, tail


def preview_text(texts: Texts, preview: PlanPreview, choice: ImportChoice | None = None) -> str:
    """The whole preview as ONE message under Telegram's limit: plan, changes against the saved
    plan, as many tasks as fit ("…and N more"), unmatched names, warnings."""
    head, tasks, tail = _preview_parts(texts, preview, choice or ImportChoice())
    fixed = sum(len(line) + 1 for line in head + tail)
    while fixed > MESSAGE_LIMIT - 200 and len(tail) > 1:  # keep the footer, drop warnings
        fixed -= len(tail.pop(-2)) + 1
    shown: list[str] = []
    room = MESSAGE_LIMIT - fixed - 60
    for line in tasks:
        if len(line) + 1 > room:
            break
        shown.append(line)
        room -= len(line) + 1
    if len(shown) < len(tasks):
        shown.append(texts("import.preview.more", count=len(tasks) - len(shown)))
    text = "\n".join([*head, *shown, *tail])
    return text if len(text) <= 4096 else "\n".join([*head[:1], *shown[-1:], tail[-1]])


def preview_lines(texts: Texts, preview: PlanPreview) -> list[str]:
    """The whole preview, every task, as lines (for the terminal; in chat see preview_text)."""
    head, tasks, tail = _preview_parts(texts, preview, ImportChoice())
    return [*head, *tasks, *tail]


def offered(diff: PlanChanges | None) -> list[str]:
    """The refs a less trustworthy version offers, one button each (added, then changed)."""
    if diff is None or not diff.worse:
        return []
    return [*diff.added, *diff.changed][:MAX_TAKE_BUTTONS]


def preview_buttons(
    texts: Texts, pending_id: str, preview: PlanPreview, choice: ImportChoice | None = None
) -> list[InlineKeyboardButton]:
    choice = choice or ImportChoice()
    save_label = (
        texts.plain("import.button.save_new").format(count=len(preview.unmatched))
        if preview.unmatched
        else texts.plain("import.button.save")
    )
    buttons = [
        keyboards.button(save_label, IMPORT, pending_id, "save"),
        keyboards.button(texts.plain("import.button.cancel"), IMPORT, pending_id, "cancel"),
    ]
    for n, item in enumerate(preview.unmatched[:MAX_FIX_BUTTONS], 1):
        for k, suggestion in enumerate(item.suggestions[:2]):
            label = texts.plain("import.button.fix").format(n=n, name=shorten(suggestion, 40))
            buttons.append(keyboards.button(label, IMPORT, pending_id, "fix", n - 1, k))
    for n, name in enumerate(groups.droppable(preview.review)):
        label = texts.plain("import.button.drop").format(name=shorten(name, 40))
        buttons.append(keyboards.button(label, IMPORT, pending_id, "drop", n))
    diff = preview.diff
    if diff is not None and diff.worse and (diff.added or diff.changed):
        label = ("✓ " if choice.take_all else "") + texts.plain("import.button.take_all")
        buttons.append(keyboards.button(label, IMPORT, pending_id, "all"))
        if not choice.take_all:
            for n, ref in enumerate(offered(diff)):
                key = "import.button.taken" if ref in choice.take else "import.button.take"
                label = texts.plain(key).format(ref=shorten(ref, 20))
                buttons.append(keyboards.button(label, IMPORT, pending_id, "take", n))
    if diff is not None and diff.removed:
        key = "import.button.keep_removed" if choice.remove else "import.button.remove"
        label = texts.plain(key).format(count=len(diff.removed))
        buttons.append(keyboards.button(label, IMPORT, pending_id, "rm"))
    return buttons


async def show_preview(
    update: Update, context: BotContext, pending_id: str, state: dict[str, Any]
) -> None:
    svc, texts = context.services, context.texts
    preview = await build_preview(svc, state)
    choice = ImportChoice.from_json(state.get("choice"))
    chat = update.effective_chat
    assert chat is not None
    markup = keyboards.markup(preview_buttons(texts, pending_id, preview, choice), 2)
    await chat.send_message(preview_text(texts, preview, choice), reply_markup=markup)


@requires(Role.ADMIN)
async def on_import_button(update: Update, context: BotContext, member: Member) -> None:
    """Save, cancel, or take a suggested name for an unmatched agency."""
    svc, texts = context.services, context.texts
    parts = await pressed(update, context)
    query = update.callback_query
    if parts is None or query is None:
        return
    pending_id, action = parts[1], parts[2]
    async with svc.db.transaction() as session:
        row = await session.get(BotState, f"imp:{pending_id}")
        state = dict(row.value) if row is not None else None
        if row is not None and action in ("save", "cancel"):
            await session.delete(row)
    if state is None:
        await edit(query, texts("import.expired"))
        return
    if action == "cancel":
        await edit(query, texts("import.cancelled"))
        return
    if action in ("fix", "take", "all", "rm", "drop"):
        preview = await build_preview(svc, state)
        choice = ImportChoice.from_json(state.get("choice"))
        numbers = [int(p) for p in parts[3:5] if p.isdigit()]
        if action == "fix" and len(numbers) == 2:
            n, k = numbers
            if n < len(preview.unmatched) and k < len(preview.unmatched[n].suggestions):
                fixes = dict(state.get("fixes", {}))
                fixes[preview.unmatched[n].name] = preview.unmatched[n].suggestions[k]
                state["fixes"] = fixes
        elif action == "take" and numbers and numbers[0] < len(offered(preview.diff)):
            ref = offered(preview.diff)[numbers[0]]
            choice = replace(choice, take=choice.take ^ {ref})
        elif action == "drop" and numbers and numbers[0] < len(groups.droppable(preview.review)):
            fixes = dict(state.get("fixes", {}))  # an abolished addressee: nobody is chased
            fixes[groups.droppable(preview.review)[numbers[0]]] = DROPPED
            state["fixes"] = fixes
        elif action == "all":
            choice = replace(choice, take_all=not choice.take_all)
        elif action == "rm":
            choice = replace(choice, remove=not choice.remove)
        state["choice"] = choice.to_json()
        async with svc.db.transaction() as session:
            row = await session.get(BotState, f"imp:{pending_id}")
            if row is not None:
                row.value = state
        await clear_buttons(query)
        await show_preview(update, context, pending_id, state)
        return
    await save_import(update, context, member, state)


async def save_import(
    update: Update, context: BotContext, member: Member, state: dict[str, Any]
) -> None:
    svc, texts = context.services, context.texts
    query = update.callback_query
    assert query is not None
    draft = PlanDraft.model_validate(state["draft"])
    try:
        async with svc.db.transaction() as session:
            if await is_empty(session):
                from plans.registry import load_starter

                await load_starter(session, load_starter_directory(), actor=member)
            result = await save_plan(
                session,
                draft,
                fixes=state.get("fixes", {}),
                create_missing=True,
                actor=member,
                choice=ImportChoice.from_json(state.get("choice")),
            )
    except UnresolvedAgencies:  # cannot happen with create_missing; kept for safety
        await edit(query, texts("import.expired"))
        return
    if not result.created and not (result.added or result.updated or result.removed):
        await edit(query, texts("import.unchanged", number=result.plan.number))
        return
    new_agencies = (
        texts("import.new_agencies", names=", ".join(result.new_agencies))
        if result.new_agencies
        else Html("")
    )
    await edit(
        query,
        texts(
            "import.saved",
            verb=texts.plain("import.verb.created" if result.created else "import.verb.updated"),
            number=result.plan.number,
            added=result.added,
            updated=result.updated,
            removed=result.removed,
            new_agencies=new_agencies,
        ),
    )
