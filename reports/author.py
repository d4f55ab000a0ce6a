"""Who writes a document, and therefore its form: the author body under its governing body.

Every generated document (the period reports, the onboarding letter) takes from one `Author`
its header lines, its number symbol, its place, its signature title and its layout:

- a state body writes per Decree 30/2020/NĐ-CP: "UBND TỈNH QUẢNG NGÃI / SỞ XÂY DỰNG",
  "Số: …/BC-SXD", the national title and motto, signed "GIÁM ĐỐC" (a department) or
  "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" (a collective body);
- a Party body writes per Hướng dẫn 36-HD/VPTW: "TỈNH ỦY HÀ TĨNH / VĂN PHÒNG / *",
  "Số …-BC/VPTU", "ĐẢNG CỘNG SẢN VIỆT NAM", signed "CHÁNH VĂN PHÒNG" or
  "T/M BAN THƯỜNG VỤ / BÍ THƯ".

The form follows the author, never the plan it reports on: Sở Xây dựng following up a
conclusion of the provincial Standing Committee (544-KL/TU) writes a state document under
"UBND TỈNH KHÁNH HÒA". The place is the province, read from the plan's issuer ("UBND tỉnh
Quảng Ngãi", "Ban Thường vụ Tỉnh ủy Khánh Hòa") or the deployment's province. Pure: names in,
a value out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from domain.text import nfc, strip_diacritics

__all__ = ["Author", "Province", "author_for", "is_party_body", "province_in"]

Form = Literal["state", "party"]

# Directory kinds (plans/data/directory.yaml) that write in the Party form, and the signer of
# the state kinds whose name does not say.
_PARTY_KINDS = frozenset({"party"})
_STATE_OFFICES = {"department": "director", "board": "board"}
_PARTY_COMMITTEE = re.compile(
    r"(?:(?:ban thuong vu|thuong truc) )?(?:tinh|thanh) uy\b"
    r"|ban chap hanh dang bo (?:tinh|thanh pho)\b"
)
_PARTY_MARKERS = re.compile(
    r"\b(?:tinh uy|thanh uy|huyen uy|dang uy|dang doan|ban can su dang|dang bo)\b"
)


@dataclass(frozen=True, slots=True)
class Province:
    """A province or a centrally-run city: "tỉnh Quảng Ngãi", "thành phố Đà Nẵng"."""

    name: str
    city: bool = False

    @property
    def level(self) -> str:
        """ "tỉnh" or "thành phố", as written before its name."""
        return "thành phố" if self.city else "tỉnh"

    @property
    def committee(self) -> str:
        """Its Party committee: "Tỉnh ủy" or "Thành ủy"."""
        return "Thành ủy" if self.city else "Tỉnh ủy"


@dataclass(frozen=True, slots=True)
class Author:
    """The body that writes and signs a document.

    `office` names the signer's title in the text catalogue (`author.head.<office>`,
    `author.deputy.<office>`, and for a collective body `author.body.<office>`)."""

    name: str  # as the text says it: "Sở Xây dựng", "Văn phòng Tỉnh ủy"
    form: Form
    heading: str  # the author line of the header: "SỞ XÂY DỰNG", "VĂN PHÒNG"
    governing: str  # the line above it: "UBND TỈNH QUẢNG NGÃI" ("" when none)
    governing_name: str  # the governing body in a sentence: "UBND tỉnh Quảng Ngãi"
    symbol: str  # in the number: "SXD" (…/BC-SXD), "VPTU" (…-BC/VPTU)
    place: str  # "Quảng Ngãi" ("" when unknown)
    office: str
    collective: bool = False  # signs "TM." / "T/M" for a collective body

    @property
    def party(self) -> bool:
        return self.form == "party"

    def code(self, lab: Mapping[str, str], document: str = "report") -> str:
        """Number and symbol with the number left blank: "      /BC-SXD" (a state report),
        "      -BC/VPTU" (a Party report), "      /SXD" and "      -CV/VPTU" (letters)."""
        return lab[f"author.code.{self.form}.{document}"].format(symbol=self.symbol)

    def number(self, lab: Mapping[str, str], document: str = "report") -> str:
        """The number line: "Số:       /BC-SXD" (Decree 30), "Số       -BC/VPTU" (HD 36)."""
        return lab[f"author.number.{self.form}"].format(code=self.code(lab, document))

    def signature(self, lab: Mapping[str, str], *, deputy: bool = False) -> tuple[str, ...]:
        """The signer's title lines above the signature space: ("GIÁM ĐỐC",),
        ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        ("T/M BAN THƯỜNG VỤ", "BÍ THƯ")."""
        head = lab[f"author.head.{self.office}"]
        vice = lab[f"author.deputy.{self.office}"]
        acting = lab[f"author.acting.{self.form}"]
        if not self.collective:
            return (f"{acting} {head}", vice) if deputy else (head,)
        body = f"{lab[f'author.on_behalf.{self.form}']} {lab[f'author.body.{self.office}']}"
        if not deputy:
            return (body, head)
        # a state deputy signs for the head (KT.); a Party deputy signs in their own name
        return (body, f"{acting} {head}", vice) if self.form == "state" else (body, vice)


def _folded(text: str) -> str:
    """Lower case without diacritics, one character for each of the NFC text's."""
    return strip_diacritics(text).lower()


def _clean(text: str) -> str:
    return " ".join(nfc(text or "").split())


_PROVINCE_PATTERNS = (
    re.compile(r"\b(tinh uy|thanh uy)\s+(\S.*)$"),
    re.compile(r"\b(tinh|thanh pho|tp\.)\s*(\S.*)$"),
)


def province_in(text: str) -> Province | None:
    """The province a body's name places it in: "UBND tỉnh Quảng Ngãi" → Quảng Ngãi,
    "Ban Thường vụ Tỉnh ủy Khánh Hòa" → Khánh Hòa, "Thành ủy Đà Nẵng" → the city."""
    text = _clean(text)
    folded = _folded(text)
    for pattern in _PROVINCE_PATTERNS:
        match = pattern.search(folded)
        if match:
            name = text[match.start(2) :].strip(" .,;")
            if name and name[0].isupper():
                return Province(name, city=match.group(1) in ("thanh uy", "thanh pho", "tp."))
    return None


def is_party_body(name: str, kind: str | None = None) -> bool:
    """True for a Party body (Tỉnh ủy, Văn phòng Tỉnh ủy, Ban … Tỉnh ủy, Đảng ủy, Đảng đoàn,
    Ban cán sự đảng …); the directory's kind decides when given."""
    if kind:
        return kind in _PARTY_KINDS
    return bool(_PARTY_MARKERS.search(_folded(_clean(name))))


def _initials(name: str, limit: int = 8) -> str:
    """The number symbol of a body: "Sở Xây dựng" → "SXD", "Sở Khoa học và Công nghệ" →
    "SKHCN", "Sở KH&ĐT" → "SKHĐT" ("và", "các" and punctuation left out)."""
    parts: list[str] = []
    for word in _clean(name).replace(",", " ").split():
        letters = re.sub(r"[\W\d_]", "", word)
        if not letters or _folded(letters) in ("va", "cac"):
            continue
        if len(letters) > 1 and letters.isupper():
            parts.append(letters)
        else:
            first = letters[0].upper()
            parts.append(first if first == "Đ" else strip_diacritics(first))
    return "".join(parts)[:limit]


def _upper(text: str) -> str:
    return text.upper()


def _with_place(name: str, province: Province | None) -> str:
    """ "Hội Nông dân tỉnh" → "Hội Nông dân tỉnh Quảng Ngãi" (the directory leaves the
    province out of a name that ends with "tỉnh"); other names as they are."""
    if province and re.search(r"\b(?:tinh|thanh pho)$", _folded(name)):
        return f"{name} {province.name}"
    return name


def author_for(
    name: str,
    *,
    issuer: str = "",
    kind: str | None = None,
    province: str | Province | None = None,
) -> Author:
    """The author of a document written by `name` (the plan's coordinator, or the member's
    agency), placed in the province named by `issuer` (the plan's issuer) or `province`;
    `kind` is the directory's kind of the body (department, board, front, party, …)."""
    name = _clean(name) or _clean(issuer)
    place = province_in(issuer) or province_in(name)
    if place is None and province:
        place = province if isinstance(province, Province) else Province(_clean(province))
    if is_party_body(name, kind if kind == "party" else None):
        return _party_author(name, place)
    return _state_author(name, place, kind)


def _state_author(name: str, place: Province | None, kind: str | None) -> Author:
    folded = _folded(name)
    province_name = place.name if place else ""
    level = place.level if place else "tỉnh"
    governing_name = f"UBND {level} {province_name}".strip() if place else ""
    governing = _upper(governing_name)
    heading = _upper(_with_place(name, place))
    symbol = _initials(name)
    office, collective = "head", False
    if folded.startswith(("ubnd", "uy ban nhan dan")):
        # The People's Committee itself: no governing line, its full name in the header.
        rest = name.split(" ", 1 if folded.startswith("ubnd") else 4)[-1]
        rest = "" if _folded(rest) in ("ubnd", "dan") else rest
        full = f"Ủy ban nhân dân {rest}".strip()
        if _folded(rest) in ("", "tinh", "thanh pho"):
            full = f"Ủy ban nhân dân {level} {province_name}".strip()
        heading, governing, governing_name = _upper(full), "", ""
        symbol, office, collective = "UBND", "people_committee", True
    elif folded.startswith("so "):
        office = "director"
    elif folded.startswith(("van phong ubnd", "van phong uy ban nhan dan")):
        heading, symbol, office = "VĂN PHÒNG", "VP", "chief_of_office"
    elif folded.startswith("van phong"):
        office = "chief_of_office"
    elif folded.startswith("thanh tra"):
        heading, symbol, office = _upper(name), "TTr", "chief_inspector"
    elif folded.startswith("ban "):
        office = "board"
    elif folded.startswith("cong an"):
        governing, governing_name, office = "", "", "director"
    elif folded.startswith(("uy ban mat tran", "uy ban mttq", "mat tran")):
        governing, governing_name, symbol = "", "", "MTTQ"
        office, collective = "front", True
    elif folded.startswith(("tinh doan", "doan thanh nien")):
        governing, governing_name, symbol = "", "", "TĐTN"
        office, collective = "youth_union", True
    elif folded.startswith(("hoi ", "lien doan")) or kind == "front":
        governing, governing_name = "", ""
        office, collective = "association", True
    elif kind in _STATE_OFFICES:  # a name that does not say: the directory's kind does
        office = _STATE_OFFICES[kind]
    return Author(
        name=name,
        form="state",
        heading=heading,
        governing=governing,
        governing_name=governing_name,
        symbol=symbol,
        place=province_name,
        office=office,
        collective=collective,
    )


def _party_author(name: str, place: Province | None) -> Author:
    folded = _folded(name)
    province_name = place.name if place else ""
    committee = place.committee if place else "Tỉnh ủy"
    top = f"{committee} {province_name}".strip()
    governing, office, collective = _upper(top), "head", False
    own = re.sub(r"(?i)\s+(?:t[ỉi]nh|th[àa]nh)\s+[ủu][ỷy]\b.*$", "", name).strip()
    heading, symbol = _upper(own), _initials(own) + "TU"
    if _PARTY_COMMITTEE.match(folded):
        heading, governing, symbol = _upper(top), "", "TU"
        office, collective = "party_committee", True
    elif folded.startswith("van phong"):
        office = "chief_of_office"
    elif folded.startswith("uy ban kiem tra"):
        office, collective = "inspection", True
    elif folded.startswith("ban can su"):
        heading, symbol = _upper(name), "BCSĐ"
        office, collective = "affairs", True
    elif folded.startswith("dang doan"):
        heading, symbol = _upper(name), "ĐĐ"
        office, collective = "caucus", True
    elif folded.startswith("dang uy"):
        # a Party committee under the provincial one: "ĐẢNG BỘ TỈNH … / ĐẢNG ỦY …"
        level = place.level if place else "tỉnh"
        governing = _upper(f"Đảng bộ {level} {province_name}".strip())
        heading, symbol = _upper(name), "ĐU"
        office, collective = "party_committee", True
    elif folded.startswith("ban "):
        office = "board"
    return Author(
        name=name,
        form="party",
        heading=heading,
        governing=governing,
        governing_name=top if governing else "",
        symbol=symbol,
        place=province_name,
        office=office,
        collective=collective,
    )
