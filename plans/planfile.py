"""The YAML plan file: PlanDraft as text people can edit, with line-numbered errors and diffs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml
from pydantic import ValidationError

from plans.model import PlanDraft, TaskDraft

__all__ = [
    "PlanDiff",
    "PlanFileError",
    "PlanFileIssue",
    "diff_plans",
    "dump_plan_file",
    "load_plan_file",
]

# Fields whose YAML scalars are kept as written ("ref: 1.10" stays "1.10", not 1.1).
_TEXT_FIELDS = frozenset(
    {
        "number",
        "title",
        "issuer",
        "coordinator",
        "ref",
        "text",
        "timeframe",
        "group",
        "excerpt",
        "clause",
        "starts_from",
        # an amending plan's changes (`amends:`)
        "target_number",
        "after",
        "old",
        "new",
        # a plan's targets (`targets:`)
        "indicator",
        "unit",
        "owner",
    }
)
_TEXT_LIST_FIELDS = frozenset({"lead", "support"})
_DATE_FIELDS = frozenset({"issued_on", "due", "target_issued_on"})
_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class PlanFileIssue:
    """One problem in a plan file: where (line, field path) and what (code, English message)."""

    line: int | None
    field: str
    code: str
    message: str


class PlanFileError(Exception):
    """The plan file could not be read; `errors` lists every problem found."""

    def __init__(self, errors: list[PlanFileIssue]) -> None:
        self.errors = errors
        super().__init__("; ".join(_describe(issue) for issue in errors))


def _describe(issue: PlanFileIssue) -> str:
    """One line for logs: "line 12: tasks[3].lead: Input should be a valid list"."""
    where = f"line {issue.line}: " if issue.line is not None else ""
    what = f"{issue.field}: " if issue.field else ""
    return f"{where}{what}{issue.message}"


def _line(node: yaml.Node) -> int:
    """1-based line where a node starts."""
    return node.start_mark.line + 1


def _path(loc: tuple[int | str, ...]) -> str:
    """Field path as people read it: ("tasks", 3, "lead") → "tasks[3].lead"."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


# Aliases can make a small file expand enormously; no real plan comes near this.
_MAX_NODES = 200_000


class _TooLarge(Exception):
    """The document expands to more nodes than a plan can have."""

    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _RecursiveAlias(Exception):
    """An alias refers to a node that contains it."""

    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _Reader:
    """Turns a composed YAML tree into plain data, collecting duplicate keys on the way."""

    def __init__(self) -> None:
        self._constructor = yaml.constructor.SafeConstructor()
        self._open: set[int] = set()
        self._visited = 0
        self.issues: list[PlanFileIssue] = []

    def value(self, node: yaml.Node, loc: tuple[int | str, ...] = ()) -> Any:
        """The Python value of a node; `loc` says which field it is."""
        self._visited += 1
        if self._visited > _MAX_NODES:
            raise _TooLarge(node)
        if id(node) in self._open:
            raise _RecursiveAlias(node)
        self._open.add(id(node))
        try:
            return self._collection(node, loc)
        finally:
            self._open.discard(id(node))

    def _collection(self, node: yaml.Node, loc: tuple[int | str, ...]) -> Any:
        """Mappings to dicts, sequences to lists, scalars by field."""
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if not isinstance(key, str):
                    key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
                if key in out:
                    self.issues.append(
                        PlanFileIssue(
                            _line(key_node),
                            _path((*loc, key)),
                            "duplicate_key",
                            f"Key {key!r} appears more than once",
                        )
                    )
                out[key] = self.value(value_node, (*loc, key))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._field_scalar(node, loc)

    def _field_scalar(self, node: yaml.ScalarNode, loc: tuple[int | str, ...]) -> Any:
        """A scalar, read according to the field it belongs to."""
        name = _field_name(loc)
        if node.tag == _NULL_TAG:
            return None
        if name in _TEXT_FIELDS or name in _TEXT_LIST_FIELDS:
            return node.value
        if name in _DATE_FIELDS:
            found = _DAY_FIRST.match(node.value)
            if found and node.tag == _STR_TAG:
                day, month, year = (int(g) for g in found.groups())
                try:
                    return date(year, month, day)
                except ValueError:
                    return node.value
        return self._scalar(node)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        """YAML's own reading of a scalar; the raw text when that fails (e.g. 2024-02-30)."""
        try:
            return self._constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            return node.value


def _field_name(loc: tuple[int | str, ...]) -> str | None:
    """The field a value belongs to (for list items, the list's field)."""
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return None


def _node_at(root: yaml.Node, loc: tuple[int | str, ...]) -> tuple[yaml.Node, yaml.Node | None]:
    """The deepest node along `loc`, and the key node when `loc` ends at an existing key."""
    node = root
    key_node: yaml.Node | None = None
    for part in loc:
        key_node = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            pair = next((p for p in node.value if p[0].value == part), None)
            if pair is None:
                return node, None
            key_node, node = pair
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                return node, None
            node = node.value[part]
        else:
            return node, None
    return node, key_node


def _issue_line(root: yaml.Node, loc: tuple[int | str, ...], code: str) -> int:
    """Line to blame for a validation error: the key for unknown fields, else the value."""
    node, key_node = _node_at(root, loc)
    if key_node is not None and code == "extra_forbidden":
        return _line(key_node)
    return _line(node)


def _wrap_single_names(data: dict[str, Any]) -> None:
    """Accept `lead: Sở Xây dựng` for `lead: [Sở Xây dựng]` (in tasks and in the tasks an
    amending plan restates or adds)."""
    tasks = list(data.get("tasks") or []) if isinstance(data.get("tasks"), list) else []
    amends = data.get("amends")
    if isinstance(amends, dict) and isinstance(amends.get("changes"), list):
        tasks += [c.get("task") for c in amends["changes"] if isinstance(c, dict)]
    for task in tasks:
        if not isinstance(task, dict):
            continue
        for name in _TEXT_LIST_FIELDS:
            if isinstance(task.get(name), str):
                task[name] = [task[name]]


def _duplicate_refs(root: yaml.MappingNode, data: dict[str, Any]) -> list[PlanFileIssue]:
    """An issue for every task whose ref was already used by an earlier task."""
    tasks = data.get("tasks")
    if not isinstance(tasks, list):
        return []
    seen: dict[str, int] = {}
    issues: list[PlanFileIssue] = []
    for i, task in enumerate(tasks):
        if not isinstance(task, dict) or not isinstance(task.get("ref"), str):
            continue
        ref = task["ref"]
        line = _issue_line(root, ("tasks", i, "ref"), "duplicate_ref")
        if ref in seen:
            issues.append(
                PlanFileIssue(
                    line,
                    f"tasks[{i}].ref",
                    "duplicate_ref",
                    f"Task ref {ref!r} is already used at line {seen[ref]}",
                )
            )
        else:
            seen[ref] = line
    return issues


def load_plan_file(text: str) -> PlanDraft:
    """Parse and validate a plan file; raise PlanFileError listing every problem with its line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise PlanFileError([PlanFileIssue(line, "", "yaml_syntax", str(problem))]) from exc
    if root is None:
        raise PlanFileError([PlanFileIssue(None, "", "empty", "The plan file is empty")])
    if not isinstance(root, yaml.MappingNode):
        raise PlanFileError(
            [
                PlanFileIssue(
                    _line(root),
                    "",
                    "not_mapping",
                    "The plan file must be a mapping with `plan:` and `tasks:` at the top",
                )
            ]
        )
    reader = _Reader()
    try:
        data = reader.value(root)
    except _TooLarge as exc:
        issue = PlanFileIssue(_line(exc.node), "", "too_large", "The plan file is too large")
        raise PlanFileError([issue]) from None
    except _RecursiveAlias as exc:
        issue = PlanFileIssue(_line(exc.node), "", "recursive_alias", "An alias refers to itself")
        raise PlanFileError([issue]) from None
    _wrap_single_names(data)
    issues = list(reader.issues)
    draft: PlanDraft | None = None
    try:
        draft = PlanDraft.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            issues.append(
                PlanFileIssue(
                    _issue_line(root, loc, error["type"]),
                    _path(loc),
                    error["type"],
                    error["msg"],
                )
            )
    issues.extend(_duplicate_refs(root, data))
    if issues or draft is None:
        issues.sort(key=lambda issue: (issue.line or 0, issue.field))
        raise PlanFileError(issues)
    return draft


class _Dumper(yaml.SafeDumper):
    """Block style for multi-line text; lists indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        """Indent sequences inside mappings (the style people expect)."""
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Write multi-line strings as literal blocks."""
    style = "|" if "\n" in value else None
    return dumper.represent_scalar(_STR_TAG, value, style=style)


_Dumper.add_representer(str, _represent_str)


def _task_dict(task: TaskDraft) -> dict[str, Any]:
    """A task without empty optional fields, in the model's order."""
    data = task.model_dump()
    keep = {"ref", "title"}
    return {key: value for key, value in data.items() if key in keep or value not in (None, "", [])}


def dump_plan_file(draft: PlanDraft) -> str:
    """Write a draft as a plan file (round-trips through load_plan_file)."""
    data: dict[str, Any] = {
        "plan": {k: v for k, v in draft.plan.model_dump().items() if v not in (None, "")},
        "reporting": draft.reporting.model_dump(),
        "tasks": [_task_dict(task) for task in draft.tasks],
    }
    if draft.amends is not None:
        amends = draft.amends.model_dump(exclude_none=True)
        for change in amends.get("changes", []):
            if "task" in change:
                change["task"] = _task_dict(TaskDraft.model_validate(change["task"]))
            if not change.get("excerpt"):
                change.pop("excerpt", None)
        data["amends"] = amends
    if draft.targets:
        data["targets"] = [
            {k: v for k, v in t.model_dump().items() if v not in (None, "")} for t in draft.targets
        ]
    if draft.warnings:
        data["warnings"] = [
            {k: v for k, v in w.model_dump().items() if v not in (None, "")} for w in draft.warnings
        ]
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )


@dataclass
class PlanDiff:
    """What changed between two versions of a plan, by task ref."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)
    # Changed plan-level settings, e.g. "plan.title", "reporting.frequencies".
    plan: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """True when nothing changed."""
        return not (self.added or self.removed or self.changed or self.plan)


def _changed_fields(old: Any, new: Any, prefix: str = "") -> list[str]:
    """Names of the fields that differ between two models of the same type."""
    return [
        f"{prefix}{name}"
        for name in type(old).model_fields
        if getattr(old, name) != getattr(new, name)
    ]


def diff_plans(old: PlanDraft, new: PlanDraft) -> PlanDiff:
    """Tasks added, removed and changed (with field names), and changed plan settings."""
    old_tasks = {task.ref: task for task in old.tasks}
    new_tasks = {task.ref: task for task in new.tasks}
    diff = PlanDiff(
        added=[ref for ref in new_tasks if ref not in old_tasks],
        removed=[ref for ref in old_tasks if ref not in new_tasks],
    )
    for ref, task in new_tasks.items():
        if ref in old_tasks:
            fields = _changed_fields(old_tasks[ref], task)
            if fields:
                diff.changed[ref] = fields
    diff.plan = _changed_fields(old.plan, new.plan, "plan.") + _changed_fields(
        old.reporting, new.reporting, "reporting."
    )
    return diff
