"""An amending plan applied to the plan it amends ("Kế hoạch sửa đổi, bổ sung … Kế hoạch số …").

Pure: the amended plan as a draft (`plans.store.plan_as_draft`) and the `Amendment` read from
the amending document in, the amended plan as it now reads and what changed out. Saving goes
through the same diff as a re-import (`plans.store.save_plan`), so reports stay attached to the
tasks they were made against and a repealed task is deactivated, never deleted.

How each change applies (docs/importing.md, "Amending plans"):
- **amend** ("Sửa đổi, bổ sung điểm a khoản 1 Mục II"): the item as it now reads replaces the
  stored one, part by part: its wording (title and text), its agencies (lead and support
  together), its timeframe (with its due date), its group, products, budget and reporting kind;
  a part the amending text leaves out stays as it was.
- **add** ("Bổ sung điểm đ vào sau điểm d khoản 2"): a new task, placed after the named item
  (or after the last item of its section), in its section's group unless it names one.
- **repeal** ("Bãi bỏ điểm b khoản 3"): the task leaves the plan (deactivated on save).
- **replace** ("Thay thế cụm từ … bằng …"): the phrase is replaced in every task of the plan
  (wording, agencies, timeframe, group, products, budget).
A ref the amended plan does not have is reported, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from domain.text import ref_parts
from plans.model import Amendment, AmendmentChange, PlanDraft, TaskDraft


@dataclass(frozen=True)
class Replacement:
    """A phrase replaced everywhere, and the tasks it was found in."""

    old: str
    new: str
    refs: tuple[str, ...]


@dataclass(frozen=True)
class Added:
    ref: str
    after: str | None  # the task it follows in the amended plan (None: first)
    title: str


@dataclass(frozen=True)
class Skipped:
    """A change that cannot be applied: its ref is not a task of the amended plan."""

    action: str
    ref: str
    reason: str  # "unknown", "already_repealed", "no_text"


@dataclass
class AmendmentEffect:
    """What applying an amendment does to the amended plan, by that plan's refs."""

    amended: list[str] = field(default_factory=list)
    added: list[Added] = field(default_factory=list)
    repealed: list[str] = field(default_factory=list)
    replaced: list[Replacement] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # repealed ref → its title

    def to_json(self) -> dict[str, Any]:
        return {
            "amended": self.amended,
            "added": [{"ref": a.ref, "after": a.after, "title": a.title} for a in self.added],
            "repealed": self.repealed,
            "replaced": [
                {"old": r.old, "new": r.new, "tasks": list(r.refs)} for r in self.replaced
            ],
            "skipped": [
                {"action": s.action, "ref": s.ref, "reason": s.reason} for s in self.skipped
            ],
        }


def _same_ref(wanted: str, refs: list[str]) -> str | None:
    """The stored ref an amendment's ref names: the same parts ("II.1.a", "ii.1.a.", "2.1.a"),
    "đ" apart from "d" (adding "đ" after "d" is common); never a shorter or longer ref."""
    parts = ref_parts(wanted, folded=False)
    if not parts:
        return None
    found = [r for r in refs if ref_parts(r, folded=False) == parts]
    return found[0] if len(found) == 1 else None


def _parent(ref: str) -> tuple[str, ...]:
    return ref_parts(ref, folded=False)[:-1]


def _merged(stored: TaskDraft, restated: TaskDraft) -> TaskDraft:
    """The stored task as the amending text restates it, part by part (module docstring)."""
    task = stored.model_copy(deep=True)
    if restated.text or restated.title:
        task.title = restated.title or stored.title
        task.text = restated.text
    if restated.lead or restated.support:
        task.lead, task.support = list(restated.lead), list(restated.support)
    if restated.timeframe or restated.due:
        task.timeframe, task.due = restated.timeframe, restated.due
    if restated.group:
        task.group = restated.group
    if restated.products:
        task.products = list(restated.products)
    if restated.budget:
        task.budget = restated.budget
    if restated.reporting:
        task.reporting = restated.reporting
    return task


def _phrase(old: str) -> re.Pattern[str]:
    return re.compile(re.escape(unicodedata.normalize("NFC", old).strip()), re.IGNORECASE)


def _replace_in(task: TaskDraft, pattern: re.Pattern[str], new: str) -> bool:
    """Replace the phrase in every part of the task that people read; True if it was found."""
    found = False

    def sub(value: str) -> str:
        nonlocal found
        text = unicodedata.normalize("NFC", value)
        replaced, count = pattern.subn(lambda _m: new, text)
        found = found or count > 0
        return replaced if count else value

    task.title, task.text = sub(task.title), sub(task.text)
    task.lead = list(dict.fromkeys(sub(n) for n in task.lead))
    task.support = list(dict.fromkeys(sub(n) for n in task.support))
    task.products = [sub(p) for p in task.products]
    if task.timeframe:
        task.timeframe = sub(task.timeframe)
    if task.group:
        task.group = sub(task.group)
    if task.budget:
        task.budget = sub(task.budget)
    return found


def _insert_at(tasks: list[TaskDraft], ref: str, after: str | None) -> tuple[int, str | None]:
    """Where an added task goes: after `after` when the plan has it, else after the last task
    of its section ("II.2.đ" after the last "II.2.…"), else at the end."""
    refs = [t.ref for t in tasks]
    if after:
        known = _same_ref(after, refs)
        if known is not None:
            return refs.index(known) + 1, known
    parent = _parent(ref)
    if parent:
        siblings = [i for i, r in enumerate(refs) if _parent(r) == parent]
        if siblings:
            return siblings[-1] + 1, refs[siblings[-1]]
    return len(tasks), refs[-1] if refs else None


def apply_amendment(
    stored: PlanDraft, amendment: Amendment, inactive: set[str] | frozenset[str] = frozenset()
) -> tuple[PlanDraft, AmendmentEffect]:
    """The amended plan as it reads once `amendment` applies, and what changed. `stored` holds
    the plan's active tasks; `inactive` the refs of its tasks repealed before."""
    plan = stored.model_copy(deep=True)
    effect = AmendmentEffect()
    for change in amendment.changes:
        _apply(plan, change, effect, inactive)
    return plan, effect


def _apply(
    plan: PlanDraft,
    change: AmendmentChange,
    effect: AmendmentEffect,
    inactive: set[str] | frozenset[str],
) -> None:
    refs = [t.ref for t in plan.tasks]
    if change.action == "replace":
        if not change.old or change.new is None:
            return
        pattern = _phrase(change.old)
        hit = [t.ref for t in plan.tasks if _replace_in(t, pattern, change.new.strip())]
        effect.replaced.append(Replacement(change.old.strip(), change.new.strip(), tuple(hit)))
        return
    wanted = change.ref or (change.task.ref if change.task else None)
    if not wanted:
        return
    known = _same_ref(wanted, refs)
    if change.action == "repeal":
        if known is None:
            gone = _same_ref(wanted, sorted(inactive)) is not None
            effect.skipped.append(
                Skipped("repeal", wanted, "already_repealed" if gone else "unknown")
            )
            return
        effect.titles[known] = next(t.title for t in plan.tasks if t.ref == known)
        plan.tasks = [t for t in plan.tasks if t.ref != known]
        effect.repealed.append(known)
        return
    if change.task is None:
        effect.skipped.append(Skipped(change.action, wanted, "no_text"))
        return
    if known is not None:  # amended, or "added" again (an amendment applied twice)
        index = refs.index(known)
        plan.tasks[index] = _merged(
            plan.tasks[index], change.task.model_copy(update={"ref": known})
        )
        if known not in effect.amended:
            effect.amended.append(known)
        return
    if change.action == "amend":
        effect.skipped.append(Skipped("amend", wanted, "unknown"))
        return
    task = change.task.model_copy(deep=True, update={"ref": wanted})
    position, after = _insert_at(plan.tasks, wanted, change.after)
    if not task.group and after is not None:
        neighbour = next(t for t in plan.tasks if t.ref == after)
        if _parent(neighbour.ref) == _parent(wanted):
            task.group = neighbour.group
    plan.tasks.insert(position, task)
    effect.added.append(Added(wanted, after, task.title))
