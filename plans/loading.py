"""Reading a plan from an uploaded or given file: a YAML plan file or a plan document."""

from __future__ import annotations

import re
from pathlib import PurePath

from domain.text import fold
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
    by the number its file name carries ("…-544-kl-tu.txt" → "544-KL/TU"), else by the file
    name, so that two such documents never update each other as "the plan with no number"; the
    "no_number" warning stays for the admin to see."""
    if not draft.plan.number.strip():
        stem = " ".join(PurePath(filename or "").stem.split())[:100]
        draft.plan.number = number_in_filename(stem) or stem or "?"
    return draft


# Document types as their numbers write them, and the Party bodies that number "N-TYPE/BODY".
_TYPES = {
    "kh": "KH",
    "kl": "KL",
    "ctr": "CTr",
    "nq": "NQ",
    "qd": "QĐ",
    "ct": "CT",
    "tb": "TB",
    "bc": "BC",
    "hd": "HD",
    "da": "ĐA",
}
_PARTY_BODIES = {"tu": "TU", "tw": "TW", "hu": "HU", "qu": "QU", "thu": "ThU", "du": "ĐU"}
_FILE_NUMBER = re.compile(
    r"(?:^|[^0-9a-z])(\d{1,5})[-_. ]*(" + "|".join(_TYPES) + r")[-_. ]+([a-z]{2,10})(?:$|[^a-z])"
)


def number_in_filename(stem: str) -> str | None:
    """The document number a file name carries: "khanh-hoa-544-kl-tu" → "544-KL/TU" (a Party
    body's form), "ke-hoach-151-kh-ubnd" → "151/KH-UBND" (a state body's form)."""
    match = _FILE_NUMBER.search(fold(stem))
    if match is None:
        return None
    number, kind, body = match.group(1), _TYPES[match.group(2)], match.group(3)
    if body in _PARTY_BODIES:
        return f"{number}-{kind}/{_PARTY_BODIES[body]}"
    return f"{number}/{kind}-{body.upper()}"
