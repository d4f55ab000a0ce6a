"""Plan import in chat: an admin sends a document, sees what was understood, fixes names,
then saves it in one transaction (or cancels; nothing is saved before that)."""

from __future__ import annotations

import secrets
from pathlib import PurePath
from typing import Any

from telegram import InlineKeyboardButton, Update

from bot import keyboards
from bot.context import BotContext, Services
from bot.delivery import shorten
from bot.guards import current_member, requires
from bot.handlers import officer
from bot.messaging import clear_buttons, edit, pressed
from bot.render import split_message
from bot.texts import Html, Texts
from domain.status import Role
from plans.document import DocumentError
from plans.loading import PLAN_FILE_SUFFIXES, read_plan
from plans.model import PlanDraft
from plans.planfile import PlanFileError
from plans.registry import is_empty, load_directory, starter_snapshot
from plans.starter import load_directory as load_starter_directory
from plans.store import PlanPreview, UnresolvedAgencies, preview_plan, save_plan
from storage.models import BotState, Member

PLAN_SUFFIXES = {".docx", ".pdf", ".txt", ".md", *PLAN_FILE_SUFFIXES}
IMPORT = "im"  # im:<id>:save | im:<id>:cancel | im:<id>:fix:<n>:<k>
MAX_FIX_BUTTONS = 12


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
        await import_document(update, context)
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
    key = f"import.error.{exc.code}"
    if key not in texts.catalogue:
        key = "import.error.unsupported_format"
    return texts(key, limit=limit_mb)


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
    await message.reply_text(texts("import.downloading", name=name))
    telegram_file = await document.get_file()
    data = bytes(await telegram_file.download_as_bytearray())
    try:
        draft = read_plan(data, name, max_bytes=limit * 1_000_000)
    except (DocumentError, PlanFileError) as exc:
        await message.reply_text(document_error_text(texts, exc, limit))
        return
    pending_id = secrets.token_hex(4)
    state = {"draft": draft.model_dump(mode="json"), "fixes": {}, "member_id": member.id}
    async with svc.db.transaction() as session:
        session.add(BotState(key=f"imp:{pending_id}", value=state, updated_at=svc.now()))
    await show_preview(update, context, pending_id, state)


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


def preview_lines(texts: Texts, preview: PlanPreview) -> list[str]:
    data = preview.to_json()
    plan = data["plan"]
    lines: list[str] = [
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
    if preview.diff is not None:
        diff = preview.diff
        changes = texts(
            "import.preview.changes",
            added=len(diff.added),
            removed=len(diff.removed),
            changed=len(diff.changed),
        )
        lines.append(texts("import.preview.existing", changes=changes))
    for task in data["tasks"]:
        support = (
            texts("import.preview.support", names=", ".join(task["support"]))
            if task["support"]
            else Html("")
        )
        lines.append(
            texts(
                "import.preview.task",
                ref=task["ref"],
                title=shorten(task["title"], 120),
                lead=", ".join(task["lead"]) or "?",
                support=support,
                timeframe=task.get("timeframe") or texts.plain("import.preview.no_timeframe"),
            )
        )
    if preview.unmatched:
        lines.append(texts("import.preview.unmatched_header", count=len(preview.unmatched)))
        for n, item in enumerate(preview.unmatched, 1):
            hint = (
                texts("import.preview.hint", names=", ".join(item.suggestions))
                if item.suggestions
                else Html("")
            )
            lines.append(
                texts(
                    "import.preview.unmatched",
                    n=n,
                    name=item.name,
                    refs=", ".join(item.refs[:6]) or "-",
                    hint=hint,
                )
            )
    for warning in preview.draft.warnings[:10]:
        key = f"warning.{warning.code}"
        text = texts(
            key if key in texts.catalogue else "warning.other",
            ref=warning.ref or "",
            excerpt=shorten(warning.excerpt, 100),
        )
        lines.append(texts("import.preview.warning", text=text))
    lines.append(texts("import.preview.footer"))
    return lines


def preview_buttons(
    texts: Texts, pending_id: str, preview: PlanPreview
) -> list[InlineKeyboardButton]:
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
    return buttons


async def show_preview(
    update: Update, context: BotContext, pending_id: str, state: dict[str, Any]
) -> None:
    svc, texts = context.services, context.texts
    preview = await build_preview(svc, state)
    chunks = split_message(preview_lines(texts, preview))
    chat = update.effective_chat
    assert chat is not None
    for chunk in chunks[:-1]:
        await chat.send_message(chunk)
    markup = keyboards.markup(preview_buttons(texts, pending_id, preview), 2)
    await chat.send_message(chunks[-1], reply_markup=markup)


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
    if action == "fix":
        preview = await build_preview(svc, state)
        n, k = int(parts[3]), int(parts[4])
        if n < len(preview.unmatched) and k < len(preview.unmatched[n].suggestions):
            fixes = dict(state.get("fixes", {}))
            fixes[preview.unmatched[n].name] = preview.unmatched[n].suggestions[k]
            state["fixes"] = fixes
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
                session, draft, fixes=state.get("fixes", {}), create_missing=True, actor=member
            )
    except UnresolvedAgencies:  # cannot happen with create_missing; kept for safety
        await edit(query, texts("import.expired"))
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
