"""Task tables (appendices, spreadsheets): the header by meaning, group rows, rows spread over
several lines or pages, and the agencies in their cells."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.lines import join_wrapped, starts_with_bullet, starts_with_marker
from domain.text import fold
from plans.assignees import looks_like_agency
from plans.columns import header_map, raw_map
from plans.drafting import Context, join_ref, make_task, sentence_case
from plans.normalize import fold_keep, is_caps
from plans.numbering import Para, classify
from plans.roles import TAGGED_ROLE, assignees, field_agencies, names_agency, tagged_roles

_ROMAN_OR_LETTER = re.compile(r"^(?:[IVXLC]{1,6}|[A-Z])\.?$")


def _row_cells(line: str) -> list[str]:
    if line.startswith("|"):
        return [c.strip() for c in line.strip().strip("|").split("|")]
    return [c.strip() for c in line.split("\t")]


def _header_map(cells: list[str]) -> dict[str, int] | None:
    return header_map(cells)


def tables_in(paras: list[Para]) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for para in paras:
        if para.kind == "row":
            cells = _row_cells(para.body)
            if all(re.fullmatch(r":?-{2,}:?|", c) for c in cells):
                continue
            current.append(cells)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


@dataclass
class _Row:
    """One task of a table, gathered over the rows it spans (wrapped, merged, page-broken)."""

    number: str
    group_label: str | None
    group_title: str | None
    text: str = ""
    lead: str = ""
    support: str = ""
    time: str = ""
    product: str = ""
    budget: str = ""

    def extend(self, other: dict[str, str]) -> None:
        for name, value in other.items():
            if value and value not in getattr(self, name):
                joined = f"{getattr(self, name)}<br>{value}" if getattr(self, name) else value
                setattr(self, name, joined)


_GROUP_IN_TEXT = re.compile(r"^([IVXLC]{1,6}|[A-Z])[.)]\s+(.+)$", re.S)


_NUMBERED_POINT = re.compile(r"^\d{1,3}[.)]\s+[A-ZĐÀ-Ỹ]")


def _join_lines(cell: str, *, agencies: bool) -> str:
    """A cell's lines as one text: a wrapped line continues the one before it; a line that starts
    a bullet (task text) or a new agency name (agency columns) stays on its own line."""
    pieces = [p.strip() for p in cell.split("<br>") if p.strip()]
    if not pieces:
        return ""
    out = pieces[0]
    for piece in pieces[1:]:
        previous = out.rstrip()
        soft = previous.endswith((",", " và", "-", "–")) or piece[:1].islower()
        if agencies:
            breaks = not soft and (looks_like_agency(piece) or previous.endswith(";"))
        else:
            ended = previous.endswith((".", ";", ":"))
            bullet = starts_with_bullet(piece) and (ended or piece[2:3].isupper())
            # "… dữ liệu dân cư" / "2. Ưu tiên …": a numbered point of the cell, never "… cư 2"
            numbered = _NUMBERED_POINT.match(piece) is not None
            breaks = bullet or numbered or (ended and starts_with_marker(piece))
        out = f"{out}\n{piece}" if breaks else join_wrapped(out, piece)
    return out


def parse_table(rows: list[list[str]], ctx: Context, prefix: str) -> int:
    """Tasks of one appendix table; returns how many were found."""
    mapping: dict[str, int] | None = None
    start = 0
    for index, cells in enumerate(rows[:6]):
        mapping = _header_map(cells)
        if mapping:
            start = index + 1
            break
    if not mapping:
        return 0
    header = rows[start - 1]
    while start < len(rows):  # two-row headers: "Cơ quan thực hiện" over "Chủ trì | Phối hợp"
        above = [fold(c.replace("<br>", " ")) for c in rows[start - 1]]
        below = [fold(c.replace("<br>", " ")).strip(" .:") for c in rows[start]]
        sub = {
            i: c
            for i, c in enumerate(below)
            if c and not (i < len(above) and fold(rows[start][i].replace("<br>", " ")) == above[i])
        }
        if not sub or not all(
            re.search(r"chu tri|phoi hop|thuc hien|hoan thanh|bat dau|ket thuc|^tu$|^den$", c)
            for c in sub.values()
        ):
            break
        for index, cell in sub.items():
            if "chu tri" in cell:
                mapping["lead"] = index
            elif "phoi hop" in cell:
                mapping["support"] = index
            elif re.search(r"hoan thanh|ket thuc|^den$", cell):
                mapping["time"] = index
        start += 1
    header_key = [fold(c) for c in header]
    lead_first = "lead" in mapping and mapping["lead"] < mapping.get("task", 0)
    stt_index = mapping.get("stt", 0 if mapping.get("task", 0) != 0 else None)
    found: list[_Row] = []
    group_label: str | None = None
    group_title: str | None = None
    auto = 0

    def cell(cells: list[str], name: str) -> str:
        index = mapping.get(name)
        if index is None or index >= len(cells):
            return ""
        return cells[index].strip()

    for cells in rows[start:]:
        if [fold(c) for c in cells] == header_key or not any(c.strip() for c in cells):
            continue
        if all(re.fullmatch(r"\(?\d{1,2}\)?", c) for c in cells if c):
            continue  # column numbering row "(1) | (2) | (3)"
        if is_header_row(cells):
            continue  # the header typed again after a page break, or its second row
        stt = cells[stt_index] if stt_index is not None and stt_index < len(cells) else ""
        stt = stt.replace("<br>", " ").strip().rstrip(".)")
        values = {
            "text": cell(cells, "task"),
            "lead": cell(cells, "lead"),
            "support": cell(cells, "support"),
            "time": cell(cells, "time"),
            "product": cell(cells, "product"),
            "budget": cell(cells, "budget"),
        }
        filled = [c for i, c in enumerate(cells) if c.strip() and i != stt_index]
        task_text = values["text"].replace("<br>", " ").strip()
        roman = bool(_ROMAN_OR_LETTER.match(stt))
        first = filled[0].replace("<br>", " ").strip() if filled else ""
        in_text = _GROUP_IN_TEXT.match(first) if not stt and len(filled) == 1 else None
        only_text = len(filled) <= 1 or not (values["lead"] or values["time"] or values["support"])
        if only_text and (roman or (not stt and (is_caps(first) or in_text or not found))):
            if in_text and not roman:
                group_label, group_title = in_text.group(1), in_text.group(2)
            else:
                group_label = stt or None
                group_title = (filled[0] if filled else "").replace("<br>", " ") or None
            auto = 0
            continue
        previous = found[-1] if found else None
        if (
            previous is not None
            and not stt
            and (not values["lead"] or values["lead"] == previous.lead or task_text[:1].islower())
        ):
            # A row cut by a page break or a wrapped line: it continues the task above.
            if values["text"] == previous.text:
                values["text"] = ""
            previous.extend(values)
            continue
        if (
            previous is not None
            and stt
            and stt == previous.number
            and values["text"] == previous.text
        ):
            values["text"] = ""  # the same task on two rows (cells merged down)
            previous.extend(values)
            continue
        if not task_text:
            continue
        if previous is not None and not values["lead"] and lead_first:
            values["lead"] = previous.lead  # a lead column first, its name not repeated below
        auto += 1
        number = stt if re.fullmatch(r"[\w.]+", stt or "") else str(auto)
        row = _Row(number, group_label, group_title)
        row.extend(values)
        found.append(row)
    parents = {
        row.number
        for row in found
        if not (row.lead or row.support or row.time)
        and any(o.number.startswith(row.number + ".") for o in found if o is not row)
    }
    for row in found:
        if row.number in parents:
            continue  # "1 | Nhóm nhiệm vụ …" over "1.1", "1.2": a heading, not a task
        parent = next((p for p in parents if row.number.startswith(p + ".")), None)
        if parent is not None:
            heading = next(r for r in found if r.number == parent)
            row.group_title = _join_lines(heading.text, agencies=False)
        ref = join_ref(prefix, row.group_label, row.number)
        lead_text = _join_lines(row.lead, agencies=True)
        if not lead_text and row.group_title and _names_agency(row.group_title):
            lead_text = row.group_title  # a tracking sheet grouped by its lead agencies
        lead = field_agencies(lead_text)
        support = field_agencies(_join_lines(row.support, agencies=True))
        if TAGGED_ROLE.search(fold_keep(lead_text)):  # "Sở A (chủ trì); Sở B"
            tagged_lead, tagged_support = tagged_roles(lead_text.replace("\n", "; "))
            if tagged_lead:
                lead, support = tagged_lead, [*tagged_support, *support]
        elif re.search(r"chu tri|phoi hop", fold(lead_text)):
            # One "Cơ quan thực hiện" column: "Sở X chủ trì; Sở Y, Sở Z phối hợp".
            roles = assignees(lead_text.replace("\n", "; "))
            if roles.lead:
                lead, support = roles.lead, [*roles.support, *support]
        time_text = _join_lines(row.time, agencies=False).replace("\n", " ")
        products = [_join_lines(row.product, agencies=False)] if row.product else []
        group = sentence_case(row.group_title) if row.group_title else None
        make_task(
            ctx,
            ref,
            _join_lines(row.text, agencies=False),
            lead,
            support,
            time_text or None,
            group,
            products=products,
            budget=_join_lines(row.budget, agencies=False) or None,
        )
    return len(found)


def _names_agency(title: str) -> bool:
    """A group row that is an agency's name ("Sở Xây dựng", "UBND các xã, phường"), not a
    field of work ("CẢI CÁCH THỂ CHẾ")."""
    title = title.replace("<br>", " ").strip()
    return len(title) <= 80 and names_agency(title) and title == field_agencies(title)[0]


def has_header(rows: list[list[str]]) -> bool:
    return any(_header_map(cells) for cells in rows[:6])


def is_header_row(cells: list[str]) -> bool:
    """A row of column names ("TT | Nội dung | Chủ trì | Phối hợp", or the lower row of a
    two-row header "| | Chủ trì | Phối hợp |"): never a task."""
    filled = [c.replace("<br>", " ") for c in cells if c.strip()]
    if len(filled) < 2 or len(raw_map(filled)) < 2:
        return False
    return all(len(c) <= 40 and raw_map([c]) for c in filled)


_BARE_TIMEFRAME = re.compile(
    r"^(?:truoc (?:ngay )?)?(?:quy [ivx]{1,3}[/ ]\d{4}|thang \d{1,2}[/ ]\d{4}|nam \d{4}"
    r"|thuong xuyen|hang nam|hang quy|\d{1,2}/\d{1,2}/\d{4}|(?:6|9) thang (?:dau|cuoi) nam \d{4})$"
)


def lost_layout(paras: list[str]) -> str | None:
    """The column names of a table whose layout was lost — a PDF's text copied cell by cell, or
    column after column: "STT", "Nhiệm vụ", "Cơ quan chủ trì" … each on a line of its own, or
    a column of deadlines one under the other ("Quý II/2026", "Quý III/2026", "Thường xuyên" …)
    — or None."""
    run: list[str] = []
    for para in [*paras, ""]:
        name = para.strip()
        short = 0 < len(name) <= 40 and name[-1] not in ".;:" and not re.search(r"\d", name)
        if short and raw_map([name]) and classify(name).kind == "text":
            run.append(name)
            continue
        if len(run) >= 3 and _header_map(run):
            return " | ".join(run)
        run = []
    dates: list[str] = []
    for para in paras:
        if _BARE_TIMEFRAME.match(fold(para).strip(" .;")):
            dates.append(para.strip())
            if len(dates) >= 4:
                return ", ".join(dates)
        else:
            dates = []
    return None


def join_repeated(tables: list[list[list[str]]]) -> list[list[list[str]]]:
    """A table followed by another with the same header (the table broken over a page or
    pasted in two parts) is one table: its rows go on."""
    out: list[list[list[str]]] = []
    last_key: list[str] | None = None
    for table in tables:
        header = next((cells for cells in table[:6] if _header_map(cells)), None)
        key = [fold(c) for c in header] if header is not None else None
        if out and key is not None and key == last_key:
            out[-1] = out[-1] + table
        else:
            out.append(table)
            last_key = key
    return out
