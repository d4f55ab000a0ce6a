"""Reading a plan from an uploaded or given file: a YAML plan file or a plan document."""

from __future__ import annotations

from pathlib import PurePath

from plans.document import DocumentError, read_document
from plans.model import PlanDraft
from plans.planfile import load_plan_file

PLAN_FILE_SUFFIXES = {".yaml", ".yml"}


def read_plan(data: bytes, filename: str, *, max_bytes: int) -> PlanDraft:
    """A draft from a YAML plan file or a .txt/.md/.docx/.pdf document. Raises DocumentError
    or PlanFileError with what is wrong."""
    if PurePath(filename).suffix.lower() in PLAN_FILE_SUFFIXES:
        if len(data) > max_bytes:
            raise DocumentError("too_large", limit_mb=max_bytes // 1_000_000)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DocumentError("binary") from exc
        return load_plan_file(text)
    return named_after_file(read_document(data, filename, max_bytes=max_bytes), filename)


def named_after_file(draft: PlanDraft, filename: str) -> PlanDraft:
    """A document with no number of its own (a task list, a text without its header) is known
    by its file name, so that two such documents never update each other as "the plan with no
    number"; the "no_number" warning stays for the admin to see."""
    if not draft.plan.number.strip():
        stem = " ".join(PurePath(filename or "").stem.split())[:100]
        draft.plan.number = stem or "?"
    return draft
