"""The import preview as the admin reads it: one message (plan, reporting calendar and first
period, changes against the saved plan or the amended one, tasks, names to fix, warnings) and
its buttons. Rendering only: what it shows comes from `plans.store.preview_plan`."""

from __future__ import annotations

from datetime import date
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import keyboards
from bot.handlers import groups
from bot.render import local_date, shorten
from bot.targets_view import targets_text
from periods.labels import PeriodName
from periods.rules import KINDS, Period
from plans.calendar_choice import DAY_CHOICES, DAY_KINDS, CalendarView, KindDeadline
from plans.indicators import IndicatorPreview
from plans.store import ImportChoice, PlanChanges, PlanPreview, SaveResult
from texts import Html, Texts

IMPORT = "im"
MAX_FIX_BUTTONS = 12
MAX_TAKE_BUTTONS = 8
MAX_OWNER_BUTTONS = 20
MESSAGE_LIMIT = 4000  # Telegram's 4096, with room for the last line


def _day(value: Any) -> str:
    """A date as people write it (dd/mm/yyyy), from a date or the ISO text of one."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value or "?"
    return local_date(value) if value else "?"


def period_label(texts: Texts, period: Period) -> str:
    return texts.period(PeriodName(period.kind, period.key))


def _field_names(texts: Texts, fields: list[str]) -> str:
    names = []
    for name in fields:
        key = f"import.field.{name}"
        names.append(texts.plain(key) if key in texts.catalogue else name)
    return ", ".join(names)


def _refs(refs: list[str] | tuple[str, ...], limit: int = 12) -> str:
    shown = ", ".join(refs[:limit])
    return shown + (f", … (+{len(refs) - limit})" if len(refs) > limit else "")


# -- the reporting calendar and the first period --


def rule_words(texts: Texts, line: KindDeadline) -> Html:
    """A kind's deadline rule in words: "hạn ngày 15", "theo Nghị định 09: 2 ngày làm việc
    sau ngày chốt số liệu"."""
    if line.rule is None:
        return texts("import.calendar.rule_decree", days=line.working_days)
    return texts(f"import.calendar.rule_{line.rule.month}", day=line.rule.day)


def calendar_lines(texts: Texts, view: CalendarView | None) -> list[str]:
    """The calendar the import will save: the clause as written, each kind's deadline with its
    first period's date, and the first period owed."""
    if view is None:
        return []
    kinds = ", ".join(texts.plain(f"schedule.{k.kind}") for k in view.kinds)
    lines: list[str] = [texts("import.calendar.header", kinds=kinds)]
    if view.schedule.clause:
        lines.append(texts("import.calendar.clause", clause=shorten(view.schedule.clause, 300)))
    for line in view.kinds:
        lines.append(
            texts(
                "import.calendar.kind",
                kind=texts.plain(f"schedule.{line.kind}"),
                rule=rule_words(texts, line),
                period=period_label(texts, line.example),
                due=_day(line.due),
            )
        )
    if view.start is not None and view.start_due is not None:
        key = "import.calendar.start_kept" if view.kept else "import.calendar.start"
        lines.append(texts(key, period=period_label(texts, view.start), due=_day(view.start_due)))
    elif view.kept:
        lines.append(texts("import.calendar.start_unset"))
    return lines


# -- an amending document --


def amendment_lines(texts: Texts, preview: PlanPreview) -> tuple[list[str], list[str]]:
    """(head, one line per change) of an amending document's preview."""
    amendment = preview.amendment
    assert amendment is not None
    info = preview.draft.plan
    head: list[str] = [
        texts(
            "import.amend.header",
            number=info.number or "?",
            title=shorten(info.title or "", 300),
            issued=_day(info.issued_on),
            target=amendment.amendment.target_number,
        )
    ]
    if amendment.plan is None or amendment.effect is None:
        head.append(texts("import.amend.missing", target=amendment.amendment.target_number))
        return head, []
    target = amendment.plan.number
    if amendment.applied_before:
        head.append(
            texts(
                "import.amend.applied_before",
                day=_day(amendment.applied_before.get("applied_at", "")[:10]),
            )
        )
    diff = preview.diff
    added, changed, removed = (
        diff.counts(ImportChoice(take_all=True, remove=True)) if diff else (0, 0, 0)
    )
    head.append(
        texts("import.amend.counts", target=target, changed=changed, added=added, removed=removed)
    )
    effect = amendment.effect
    lines: list[str] = []
    changed_fields = diff.changed if diff is not None else {}
    for ref in effect.amended:
        fields = changed_fields.get(ref)
        lines.append(
            texts(
                "import.amend.amended",
                ref=ref,
                fields=_field_names(texts, fields) if fields else texts.plain("import.amend.same"),
            )
        )
    for item in effect.added:
        where = (
            texts("import.amend.after", ref=item.after)
            if item.after
            else texts("import.amend.first")
        )
        lines.append(
            texts("import.amend.added", ref=item.ref, where=where, title=shorten(item.title, 120))
        )
    for ref in effect.repealed:
        lines.append(
            texts("import.amend.repealed", ref=ref, title=shorten(effect.titles.get(ref, ""), 120))
        )
    for replacement in effect.replaced:
        if replacement.refs:
            lines.append(
                texts(
                    "import.amend.replaced",
                    old=shorten(replacement.old, 120),
                    new=shorten(replacement.new, 120),
                    count=len(replacement.refs),
                    refs=_refs(replacement.refs),
                )
            )
        else:
            lines.append(
                texts(
                    "import.amend.replaced_none",
                    old=shorten(replacement.old, 120),
                    new=shorten(replacement.new, 120),
                )
            )
    for skipped in effect.skipped:
        lines.append(
            texts(f"import.amend.skipped_{skipped.reason}", ref=skipped.ref, target=target)
        )
    return head, lines


# -- the plan's targets --


def target_lines(texts: Texts, preview: PlanPreview) -> list[str]:
    """The targets beside the tasks: a count, who will be asked for the figures (by agency,
    the indicators' numbers), then one line per indicator with its targets by year."""
    items = preview.indicators
    if not items:
        return []
    quantitative = [i for i in items if i.draft.quantitative]
    changes = Html("")
    diff = preview.target_changes
    if diff is not None and not diff.is_empty:
        changes = texts("import.targets.changes", added=len(diff.added), changed=len(diff.changed))
    lines: list[str] = [
        texts(
            "import.targets.header",
            count=len(items),
            quantitative=len(quantitative),
            qualitative=len(items) - len(quantitative),
            changes=changes,
        )
    ]
    owners: dict[tuple[str | None, str], list[int]] = {}
    for item in quantitative:
        owners.setdefault((item.owner, item.source), []).append(item.number)
    parts = [
        texts(
            "import.targets.owner_part",
            owner=owner_words(texts, owner, source),
            numbers=number_runs(numbers),
        )
        for (owner, source), numbers in owners.items()
    ]
    if parts:
        lines.append(texts("import.targets.owners", owners=Html("; ".join(parts))))
    for item in items:
        name = shorten(item.draft.name, 90)
        if not item.draft.quantitative:
            lines.append(texts("import.targets.qualitative", n=item.number, name=name))
            continue
        values = [
            (t.horizon, t.comparison, t.value, t.value_max, t.unit) for t in item.draft.targets
        ]
        lines.append(
            texts(
                "import.targets.line",
                n=item.number,
                name=name,
                targets=shorten(targets_text(texts, values, short=True), 140),
            )
        )
    return lines


def owner_words(texts: Texts, owner: str | None, source: str) -> Html:
    if owner is None:
        return texts("import.targets.owner_none")
    return texts(f"import.targets.owner_{source}", agency=owner)


def number_runs(numbers: list[int]) -> str:
    """1, 2, 3, 5 → "1–3, 5"."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def _fit_targets(texts: Texts, lines: list[str], room: int) -> list[str]:
    """The targets' lines that fit in `room` characters, then "…and N more targets"."""
    shown: list[str] = []
    for index, line in enumerate(lines):
        more = texts("import.targets.more", count=len(lines) - index)
        if len(line) + 1 + len(more) + 1 > room and index + 1 < len(lines):
            shown.append(more)
            break
        shown.append(line)
        room -= len(line) + 1
    return shown


# -- the whole preview --


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
        lines.append(texts("import.preview.plan_changed", fields=_field_names(texts, diff.plan)))
    return lines


def _unmatched_lines(texts: Texts, preview: PlanPreview) -> list[str]:
    lines: list[str] = []
    if not preview.unmatched:
        return lines
    lines.append(texts("import.preview.unmatched_header", count=len(preview.unmatched)))
    for n, item in enumerate(preview.unmatched[:MAX_FIX_BUTTONS], 1):
        hint = (
            texts("import.preview.hint", names=", ".join(item.suggestions))
            if item.suggestions
            else Html("")
        )
        lines.append(
            texts(
                "import.preview.unmatched",
                n=n,
                name=shorten(item.name, 120),
                refs=", ".join(item.refs[:6]) or "-",
                hint=hint,
            )
        )
    if len(preview.unmatched) > MAX_FIX_BUTTONS:
        lines.append(texts("import.preview.more", count=len(preview.unmatched) - MAX_FIX_BUTTONS))
    return lines


def _tail(texts: Texts, preview: PlanPreview) -> list[str]:
    tail = _unmatched_lines(texts, preview)
    for warning in preview.draft.warnings[:8]:
        key = f"warning.{warning.code}"
        text = texts(
            key if key in texts.catalogue else "warning.other",
            ref=warning.ref or "",
            excerpt=shorten(warning.excerpt, 100),
        )
        tail.append(texts("import.preview.warning", text=text))
    tail += groups.review_lines(texts, preview.review)  # successors, what will be chased
    new = preview.new_agencies
    if new and preview.review is not None:
        tail.append(texts("import.preview.chased_new", count=len(new)))
    if preview.amendment is not None:
        if preview.amendment.plan is not None:
            tail.append(texts("import.amend.footer", target=preview.amendment.plan.number))
        else:
            tail.append(texts("import.amend.footer_missing"))
    else:
        tail.append(texts("import.preview.footer"))
    return tail


def _preview_parts(
    texts: Texts, preview: PlanPreview, choice: ImportChoice
) -> tuple[list[str], list[str], list[str]]:
    """(head, one line per task or change, tail) of a preview."""
    if preview.amendment is not None:
        head, lines = amendment_lines(texts, preview)
        return head, lines, _tail(texts, preview)
    data = preview.to_json()
    plan = data["plan"]
    head: list[str] = [
        texts(
            "import.preview.header",
            number=plan["number"] or "?",
            title=shorten(plan["title"] or "", 300),
            issuer=plan["issuer"] or "?",
            issued=_day(plan["issued_on"]),
            coordinator=plan["coordinator"] or "?",
        )
    ]
    act = plan.get("issuing_act")
    if act:
        head.append(
            texts("import.preview.issuing_act", number=act["number"], issued=_day(act["issued_on"]))
        )
    head += calendar_lines(texts, preview.calendar)
    if preview.diff is not None:
        head.extend(diff_lines(texts, preview.diff, choice))
    head.append(texts("import.preview.tasks", count=len(data["tasks"])))
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
    return head, tasks, _tail(texts, preview)


def preview_text(texts: Texts, preview: PlanPreview, choice: ImportChoice | None = None) -> str:
    """The whole preview as ONE message under Telegram's limit: plan, calendar, changes against
    the saved plan, as many tasks as fit ("…and N more"), unmatched names, warnings."""
    head, tasks, tail = _preview_parts(texts, preview, choice or ImportChoice())
    fixed = sum(len(line) + 1 for line in head + tail)
    while fixed > MESSAGE_LIMIT - 200 and len(tail) > 1:  # keep the footer, drop warnings
        fixed -= len(tail.pop(-2)) + 1
    shown: list[str] = []
    room = MESSAGE_LIMIT - fixed - 60
    targets = target_lines(texts, preview)
    wanted = sum(len(line) + 1 for line in targets)
    if targets and tasks:  # beside the tasks: half of the room at most, the rest theirs
        room -= min(wanted, room // 2)
    for line in tasks:
        if len(line) + 1 > room:
            break
        shown.append(line)
        room -= len(line) + 1
    if len(shown) < len(tasks):
        shown.append(texts("import.preview.more", count=len(tasks) - len(shown)))
    if targets:
        used = sum(len(line) + 1 for line in shown)
        targets = _fit_targets(texts, targets, MESSAGE_LIMIT - fixed - 60 - used)
    text = "\n".join([*head, *shown, *targets, *tail])
    return text if len(text) <= 4096 else "\n".join([*head[:1], *shown[-1:], tail[-1]])


def preview_lines(texts: Texts, preview: PlanPreview) -> list[str]:
    """The whole preview, every task, as lines (for the terminal; in chat see preview_text)."""
    head, tasks, tail = _preview_parts(texts, preview, ImportChoice())
    return [*head, *tasks, *target_lines(texts, preview), *tail]


# -- buttons --


def offered(diff: PlanChanges | None) -> list[str]:
    """The refs a less trustworthy version offers, one button each (added, then changed)."""
    if diff is None or not diff.worse:
        return []
    return [*diff.added, *diff.changed][:MAX_TAKE_BUTTONS]


def can_save(preview: PlanPreview) -> bool:
    """An amending document is saved into the plan it amends: not without that plan."""
    return preview.amendment is None or preview.amendment.plan is not None


def preview_buttons(
    texts: Texts, pending_id: str, preview: PlanPreview, choice: ImportChoice | None = None
) -> list[InlineKeyboardButton]:
    choice = choice or ImportChoice()
    save_label = (
        texts.plain("import.button.save_new").format(count=len(preview.new_agencies))
        if preview.new_agencies
        else texts.plain("import.button.save")
    )
    buttons = []
    if can_save(preview):
        buttons.append(keyboards.button(save_label, IMPORT, pending_id, "save"))
    buttons.append(
        keyboards.button(texts.plain("import.button.cancel"), IMPORT, pending_id, "cancel")
    )
    for n, item in enumerate(preview.unmatched[:MAX_FIX_BUTTONS], 1):
        for k, suggestion in enumerate(item.suggestions[:2]):
            label = texts.plain("import.button.fix").format(n=n, name=shorten(suggestion, 40))
            buttons.append(keyboards.button(label, IMPORT, pending_id, "fix", n - 1, k))
    for n, name in enumerate(groups.droppable(preview.review)):
        label = texts.plain("import.button.drop").format(name=shorten(name, 40))
        buttons.append(keyboards.button(label, IMPORT, pending_id, "drop", n))
    if preview.calendar is not None:
        label = texts.plain("import.button.calendar")
        buttons.append(keyboards.button(label, IMPORT, pending_id, "cal"))
    if owner_items(preview):
        label = texts.plain("import.button.owners")
        buttons.append(keyboards.button(label, IMPORT, pending_id, "owners"))
    if preview.amendment is not None:
        return buttons  # every change of an amendment is taken; its repeals applied
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


def calendar_buttons(
    texts: Texts, pending_id: str, preview: PlanPreview, as_read: bool, read_has_rules: bool
) -> InlineKeyboardMarkup:
    """The calendar panel: the first period (a new plan), the kinds reported in, the day of a
    monthly or quarterly deadline, Decree 09's deadlines or the document's; then Save, Back."""
    view = preview.calendar
    assert view is not None
    rows: list[list[InlineKeyboardButton]] = []
    starts = [
        keyboards.button(
            ("✓ " if period == view.start else "")
            + texts.plain("import.button.start").format(period=period_label(texts, period)),
            IMPORT,
            pending_id,
            "start",
            n,
        )
        for n, period in enumerate(view.choices)
    ]
    rows += keyboards.rows(starts, 2)
    reported = set(view.schedule.frequencies)
    kinds = [
        keyboards.button(
            ("☑ " if kind in reported else "☐ ") + texts.plain(f"schedule.{kind}"),
            IMPORT,
            pending_id,
            "freq",
            n,
        )
        for n, kind in enumerate(KINDS)
    ]
    rows += keyboards.rows(kinds, 4)
    for kind in DAY_KINDS:
        if kind not in reported:
            continue
        rule = view.schedule.deadlines.get(kind)
        days = [
            keyboards.button(
                ("✓ " if rule is not None and rule.day == day else "")
                + texts.plain("import.button.day").format(
                    kind=texts.plain(f"import.calendar.short_{kind}"), day=day
                ),
                IMPORT,
                pending_id,
                "day",
                KINDS.index(kind),
                day,
            )
            for day in DAY_CHOICES
        ]
        rows += keyboards.rows(days, 5)
    last: list[InlineKeyboardButton] = []
    if view.schedule.deadlines:
        last.append(
            keyboards.button(texts.plain("import.button.decree"), IMPORT, pending_id, "nd09")
        )
    if not as_read and read_has_rules:
        last.append(
            keyboards.button(texts.plain("import.button.as_read"), IMPORT, pending_id, "asread")
        )
    if can_save(preview):
        last.append(keyboards.button(texts.plain("import.button.save"), IMPORT, pending_id, "save"))
    last.append(keyboards.button(texts.plain("import.button.back"), IMPORT, pending_id, "cal"))
    rows += keyboards.rows(last, 2)
    return InlineKeyboardMarkup(rows)


def owner_items(preview: PlanPreview) -> list[IndicatorPreview]:
    """The indicators whose owner the panel can change (quantitative ones, the first 20)."""
    return [i for i in preview.indicators if i.draft.quantitative][:MAX_OWNER_BUTTONS]


def next_owner(item: IndicatorPreview) -> str:
    """The agency the owner button moves to: the next candidate, then nobody ("")."""
    cycle = [*item.candidates, ""]
    current = item.owner or ""
    if current not in cycle:
        return cycle[0]
    return cycle[(cycle.index(current) + 1) % len(cycle)]


def owner_buttons(texts: Texts, pending_id: str, preview: PlanPreview) -> InlineKeyboardMarkup:
    """The owners panel: one button per indicator (pressing it moves to the next agency),
    then Save and Back."""
    buttons = []
    for n, item in enumerate(owner_items(preview)):
        if item.owner:
            label = texts.plain("import.button.owner").format(
                n=item.number, agency=shorten(item.owner, 40)
            )
        else:
            label = texts.plain("import.button.owner_none").format(n=item.number)
        buttons.append(keyboards.button(label, IMPORT, pending_id, "own", n))
    rows = keyboards.rows(buttons, 2)
    last = []
    if can_save(preview):
        last.append(keyboards.button(texts.plain("import.button.save"), IMPORT, pending_id, "save"))
    last.append(keyboards.button(texts.plain("import.button.back"), IMPORT, pending_id, "owners"))
    rows += keyboards.rows(last, 2)
    return InlineKeyboardMarkup(rows)


def saved_text(texts: Texts, result: SaveResult, *, terminal: bool = False) -> Html:
    """What saving did, in the words of the preview (`terminal`: for `dondoc import`)."""
    if result.amendment is not None:
        return texts(
            "cli.import.amended" if terminal else "import.amend.saved",
            number=result.amending or "",
            target=result.plan.number,
            changed=result.updated,
            added=result.added,
            removed=result.removed,
        )
    if not result.created and not (result.added or result.updated or result.removed):
        return texts("import.unchanged", number=result.plan.number)
    new_agencies = (
        texts("import.new_agencies", names=", ".join(result.new_agencies))
        if result.new_agencies
        else Html("")
    )
    start = (
        texts(
            "import.saved_start",
            period=period_label(texts, result.start),
            due=local_date(result.start_due),
        )
        if result.start is not None and result.start_due is not None
        else Html("")
    )
    text = texts(
        "cli.import.saved" if terminal else "import.saved",
        verb=texts.plain("import.verb.created" if result.created else "import.verb.updated"),
        number=result.plan.number,
        added=result.added,
        updated=result.updated,
        removed=result.removed,
        new_agencies=new_agencies,
        start=start,
    )
    if result.targets is not None and result.targets.saved:
        owned = texts(
            "import.saved_targets", count=result.targets.saved, owned=result.targets.owned
        )
        text = Html(text + owned)
    return text
