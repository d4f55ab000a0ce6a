"""The frame of a plan document before its tasks: where each part (a decision, the plan it
issues, an appendix) begins, which lines are recipients and signatures, and what kind each is."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from domain.text import fold, nfc
from plans.normalize import is_caps

KINDS = {
    "quyet dinh": "decision",
    "ke hoach": "plan",
    "chuong trinh hanh dong": "programme",
    "chuong trinh": "programme",
    "ket luan": "conclusion",
    "nghi quyet": "resolution",
    "chi thi": "directive",
    "de an": "scheme",
    "thong bao": "notice",
    "cong van": "letter",
    "phu luc": "appendix",
    "danh muc": "appendix",
}
_TYPE_HEADING = re.compile(
    r"^(quyet dinh|ke hoach|chuong trinh hanh dong|chuong trinh|ket luan|nghi quyet|chi thi"
    r"|de an|thong bao|phu luc|danh muc)\b"
)
_CLOSING = re.compile(
    r"^(?:noi nh\S{0,2}n\s*:?|(?:t/?m|kt|tl|tuq)\s*\.\s*(?:uy ban|ubnd|ban|tinh uy|thanh uy"
    r"|chu tich|giam doc|thuong truc|ban thuong vu|hoi dong|so|van phong|bi thu)\b)"
)
_ISSUER = re.compile(
    r"^(?:uy ban nhan dan|ubnd|tinh uy|thanh uy|dang bo|hoi dong nhan dan|ban thuong vu"
    r"|ban chap hanh|dang cong san viet nam|cong hoa xa hoi chu nghia)"
)
_APPENDIX = re.compile(
    r"^(?:phu luc|danh muc nhiem vu)(?:\s+(?:[ivxlc]+|\d+|so \d+))?\s*(?:[:.\-–]|$)"
)
_ISSUES_PLAN = re.compile(
    r"ban hanh\s+(?:kem theo\s+)?(?:quyet dinh nay\s+)?(?:ke hoach|chuong trinh|de an)"
)


@dataclass
class Part:
    """One part of a document: its kind ("decision", "plan", "appendix", …) and its lines."""

    kind: str | None
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def issues_plan(self) -> bool:
        """A decision whose subject is to issue a plan or programme (attached after it)."""
        head = fold(" ".join(self.lines[:60]))
        return self.kind == "decision" and bool(_ISSUES_PLAN.search(head))


def _kind_of(lines: list[str]) -> str | None:
    for line in lines[:40]:
        stripped = line.strip(" *#_")
        if not stripped or len(stripped) > 60:
            continue
        match = _TYPE_HEADING.match(fold(stripped))
        if match and (is_caps(stripped) or _APPENDIX.match(fold(stripped))):
            return KINDS[match.group(1)]
    return None


def split_parts(text: str) -> list[Part]:
    """Split a document into its parts; recipients ("Nơi nhận:") and signature blocks are
    dropped, and text after them (an attached plan, an appendix) starts a new part."""
    parts: list[Part] = [Part(None)]
    closing = False
    for raw in nfc(text).split("\n"):
        stripped = raw.strip().strip("*#_ ").strip()
        folded = fold(stripped)
        if folded and _CLOSING.match(folded):
            closing = True
            continue
        starts_part = bool(folded) and (
            (len(stripped) < 90 and _APPENDIX.match(folded) and not stripped.endswith("."))
            or (
                closing
                and is_caps(stripped)
                and (_ISSUER.match(folded) or _TYPE_HEADING.match(folded))
            )
        )
        if starts_part and any(line.strip() for line in parts[-1].lines):
            parts.append(Part(None))
        if starts_part:
            closing = False
        if closing:
            continue
        parts[-1].lines.append(raw)
    parts = [p for p in parts if any(line.strip() for line in p.lines)]
    for part in parts:
        part.kind = _kind_of(part.lines)
    # An appendix table without its own heading line stays with the part before it.
    return parts or [Part(None, [text])]


@dataclass
class Frame:
    """The part that holds the plan (with its appendices), and the decision that issued it."""

    main: Part
    appendices: list[Part]
    decision: Part | None


def frame_of(text: str) -> Frame:
    """Pick the plan out of its parts: after a decision that issues it, when one is attached."""
    parts = split_parts(text)
    decision: Part | None = None
    body = [p for p in parts if p.kind != "appendix"]
    main = body[0] if body else parts[0]
    if len(body) > 1 and body[0].kind == "decision" and body[0].issues_plan:
        decision, main = body[0], body[1]
    rest = [p for p in parts if p is not main and p is not decision]
    appendices = [p for p in rest if p.kind == "appendix" or parts.index(p) > parts.index(main)]
    return Frame(main, appendices, decision)
