"""Task tables drawn WITHOUT ruling lines in a PDF (text columns), rebuilt from word positions.

The header line is found by its words: a line that splits at wide gaps into at least three cells
whose names read as a task table's header (task + lead/time/support). Column bounds come from the
header cells and the body's own white space (the x in each gap between header cells that the fewest
body words cross). Body words go to the column their centre falls in; a row starts where the
number column holds a number (or, in a table without one, after a vertical gap wider than the line
pitch); other lines are wrapped continuations of the row above and are joined with <br>.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from plans.columns import header_map, raw_map

_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[IVXLC]{1,6}[.)]?|[A-ZĐ][.)]?)$")
_PAGE_NUMBER = re.compile(r"^(?:-\s*\d{1,3}\s*-|\d{1,3}|trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?)$", re.I)


@dataclass
class Columns:
    """Where a table's columns lie (bounds between them) and what they are called."""

    bounds: list[float]  # len(labels) - 1 x positions
    labels: list[str]
    left: float
    right: float

    def index(self, word: dict) -> int:
        x = (word["x0"] + word["x1"]) / 2
        for i, bound in enumerate(self.bounds):
            if x < bound:
                return i
        return len(self.bounds)

    def straddles(self, word: dict) -> bool:
        return any(word["x0"] + 1 < b < word["x1"] - 1 for b in self.bounds)


def physical_lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped by baseline, each line sorted left to right, lines top to bottom."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["bottom"]), w["x0"])):
        if rows and abs(rows[-1][0]["bottom"] - word["bottom"]) <= 3:
            rows[-1].append(word)
        else:
            rows.append([word])
    for row in rows:
        row.sort(key=lambda w: w["x0"])
    return rows


def _segments(line: list[dict], factor: float) -> list[list[dict]]:
    out = [[line[0]]]
    for word in line[1:]:
        size = max(1.0, word["bottom"] - word["top"])
        if word["x0"] - out[-1][-1]["x1"] > factor * size:
            out.append([])
        out[-1].append(word)
    return out


def _text(words: list[dict]) -> str:
    return " ".join(w["text"] for w in words)


def _is_header(line: list[dict]) -> list[list[dict]] | None:
    segs = _segments(line, 1.0)
    if len(segs) < 3:
        return None
    return segs if header_map([_text(s) for s in segs]) else None


def _bold(words: list[dict]) -> bool:
    return all("bold" in str(w.get("fontname", "")).lower() for w in words)


@dataclass
class Found:
    """An unruled table: its lines [start, end) and rows (the first is the header)."""

    start: int
    end: int
    rows: list[list[str]]
    columns: Columns
    numbered: bool  # a row starts where the first (number) column holds a number


def continue_table(lines: list[list[dict]], columns: Columns, numbered: bool) -> Found | None:
    """The rows at the top of a page that go on with the table that ended the previous page
    (no header repeated): lines that fit its columns, no running text crossing them."""
    start = 0
    while start < len(lines) and _PAGE_NUMBER.match(_text(lines[start])):
        start += 1
    if start >= len(lines):
        return None
    columns = _refit(columns, lines[start : start + 40])
    first = lines[start]
    if any(columns.straddles(w) for w in first) or _is_header(first):
        return None
    if len({columns.index(w) for w in first}) < 2:
        return None
    rows, stop = _rows(columns, lines[start:], numbered)
    if not rows:
        return None
    return Found(start, start + stop, rows, columns, numbered)


def _refit(columns: Columns, block: list[list[dict]]) -> Columns:
    """The same columns on a new page, where a text layout may have shifted them: when the
    block's own white gutters are as many as the bounds, they are the bounds."""
    block = [line for line in block if not _PAGE_NUMBER.match(_text(line))]
    words = [w for line in block for w in line]
    if not words:
        return columns
    height = max(1.0, words[0]["bottom"] - words[0]["top"])
    spans = sorted((w["x0"], w["x1"]) for w in words)
    gutters: list[float] = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach > height:
            gutters.append((reach + x0) / 2)
        reach = max(reach, x1)
    bounds = columns.bounds
    if not gutters or len(gutters) > len(bounds) or gutters == bounds:
        return columns
    # Each gutter takes the nearest bound in order (fewest moves); a bound left without a gutter
    # (a column empty on this page) moves as far as its nearest matched neighbour did.
    n, m = len(gutters), len(bounds)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    cost[0] = [0.0] * (m + 1)
    for i in range(1, n + 1):
        for j in range(i, m + 1):
            cost[i][j] = min(
                cost[i][j - 1], cost[i - 1][j - 1] + abs(gutters[i - 1] - bounds[j - 1])
            )
    pairs: dict[int, float] = {}
    i, j = n, m
    while i > 0:
        if cost[i][j] == cost[i][j - 1] and j > i:
            j -= 1
        else:
            pairs[j - 1] = gutters[i - 1]
            i, j = i - 1, j - 1
    new: list[float] = []
    for k, bound in enumerate(bounds):
        if k in pairs:
            new.append(pairs[k])
            continue
        near = min(pairs, key=lambda q: abs(q - k))
        new.append(bound + pairs[near] - bounds[near])
    if any(b <= a for a, b in pairwise(new)):
        return columns
    return Columns(new, columns.labels, columns.left, columns.right)


def find_table(lines: list[list[dict]]) -> Found | None:
    """The first unruled task table in a page's lines (rows start with one header row), or None."""
    for start, line in enumerate(lines):
        segs = _is_header(line)
        if segs is None:
            continue
        head_lines = [line]
        pitch = max(1.0, line[0]["bottom"] - line[0]["top"]) * 1.8
        first_label_x = segs[0][0]["x0"], segs[0][-1]["x1"]
        stt_first = "stt" in raw_map([_text(segs[0])])
        end = start + 1
        # Header lines wrapped below the first: nothing in the number column (or all bold).
        while end < len(lines):
            nxt = lines[end]
            if nxt[0]["top"] - head_lines[-1][0]["bottom"] > pitch:
                break
            in_first = any(w["x0"] < first_label_x[1] + 2 for w in nxt)
            if (stt_first and in_first) or (not stt_first and not (_bold(nxt) and _bold(line))):
                break
            head_lines.append(nxt)
            end += 1
        columns = _columns(head_lines, lines[end:])
        if columns is None or header_map(columns.labels) is None:
            continue
        rows, stop = _rows(columns, lines[end:], stt_first)
        if not rows:
            continue
        return Found(start, end + stop, [columns.labels, *rows], columns, stt_first)
    return None


def _columns(head_lines: list[list[dict]], body: list[list[dict]]) -> Columns | None:
    segs = [s for line in head_lines for s in _segments(line, 1.0)]
    spans: list[list] = []  # [x0, x1, [texts]]
    for seg in sorted(segs, key=lambda s: s[-1]["x1"] - s[0]["x0"]):
        x0, x1 = seg[0]["x0"], seg[-1]["x1"]
        hits = [s for s in spans if s[0] < x1 and x0 < s[1]]
        if hits:
            for s in hits:
                s[2].append((seg[0]["top"], _text(seg)))
        else:
            spans.append([x0, x1, [(seg[0]["top"], _text(seg))]])
    spans.sort(key=lambda s: s[0])
    if len(spans) < 3:
        return None
    labels = [" ".join(t for _, t in sorted(s[2])) for s in spans]
    bounds = []
    body_words = [w for line in body[:80] for w in line]
    for left, right in pairwise(spans):
        lo, hi = left[1], right[0]
        if hi <= lo:
            return None
        steps = max(1, int(hi - lo))
        xs = [lo + (hi - lo) * k / steps for k in range(steps + 1)]
        cover = [sum(1 for w in body_words if w["x0"] < x < w["x1"]) for x in xs]
        least = min(cover)
        runs: list[tuple[int, int]] = []  # (start, end) index runs at the least cover
        for k, c in enumerate(cover):
            if c == least:
                if runs and runs[-1][1] == k - 1:
                    runs[-1] = (runs[-1][0], k)
                else:
                    runs.append((k, k))
        a, b = max(runs, key=lambda r: r[1] - r[0])
        best = (xs[a] + xs[b]) / 2
        bounds.append(best)
    return Columns(bounds, labels, spans[0][0], spans[-1][1])


def _rows(columns: Columns, body: list[list[dict]], stt_first: bool) -> tuple[list[list[str]], int]:
    end = _table_end(columns, body)
    lines = body[:end]
    gaps = [b[0]["top"] - a[0]["bottom"] for a, b in pairwise(lines)]
    height = max(1.0, lines[0][0]["bottom"] - lines[0][0]["top"]) if lines else 1.0
    tight = min(gaps) if gaps else 0.0
    spaced = any(g > tight + 0.4 * height for g in gaps)  # rows set apart by extra space
    task = header_map(columns.labels) or {}
    rows: list[list[str]] = []
    by_gap = (
        spaced and stt_first and _one_number_per_block(columns, lines, gaps, tight + 0.4 * height)
    )
    for i, line in enumerate(lines):
        cells = [""] * len(columns.labels)
        for word in line:
            k = columns.index(word)
            cells[k] = f"{cells[k]} {word['text']}".strip()
        if not rows:
            starts = True
        elif by_gap:  # rows set apart by space: a number centred in its row still marks one row
            starts = gaps[i - 1] > tight + 0.4 * height
        elif stt_first:
            starts = bool(cells[0]) and bool(_ROW_NUMBER.match(cells[0]))
        elif spaced:
            starts = gaps[i - 1] > tight + 0.4 * height
        else:
            # Lines evenly spaced, no number column: a row starts where the task cell starts a
            # sentence (capital letter) and the lead cell starts too.
            text = cells[task.get("task", 0)]
            lead = cells[task["lead"]] if "lead" in task else text
            starts = text[:1].isupper() and lead[:1].isupper()
        if starts:
            rows.append(cells)
        else:
            rows[-1] = [
                f"{a}<br>{b}" if a and b else a or b for a, b in zip(rows[-1], cells, strict=True)
            ]
    return rows, end


def _one_number_per_block(
    columns: Columns, lines: list[list[dict]], gaps: list[float], wide: float
) -> bool:
    """True when splitting the lines at the wide gaps gives blocks holding one row number at
    most each (so the gaps, not the numbers, are where rows start)."""
    count = 0
    for i, line in enumerate(lines):
        if i and gaps[i - 1] > wide:
            count = 0
        first = " ".join(w["text"] for w in line if columns.index(w) == 0)
        if first and _ROW_NUMBER.match(first):
            count += 1
            if count > 1:
                return False
    return True


def _table_end(columns: Columns, body: list[list[dict]]) -> int:
    """Index of the first line after the table: a page number, a wide gap, or a line of running
    text whose words cross the column bounds."""
    last_bottom: float | None = None
    for i, line in enumerate(body):
        text = _text(line)
        gap = 0.0 if last_bottom is None else line[0]["top"] - last_bottom
        height = max(1.0, line[0]["bottom"] - line[0]["top"])
        if _PAGE_NUMBER.match(text) and (gap > 1.5 * height or i == len(body) - 1):
            return i
        if gap > 3 * height or any(columns.straddles(w) for w in line):
            return i
        last_bottom = line[0]["bottom"]
    return len(body)


_GAP = re.compile(r"\S\s{2,}\S")


def text_layout_tables(text: str) -> str:
    """A plain-text copy of a PDF laid out in columns (pdftotext -layout, a table pasted with
    spaces): task tables found as in a PDF, a character taken as the unit of width and a line as
    the unit of height, and written back as pipe rows. Text without such a table is returned
    as it is."""
    raw = text.expandtabs(8).replace("\f", "\n").split("\n")
    if sum(1 for line in raw if len(_GAP.findall(line)) >= 2) < 3:
        return text
    lines: list[list[dict]] = []
    index: list[int] = []  # raw line number of each entry of `lines`
    for i, line in enumerate(raw):
        words = [
            {"text": m.group(), "x0": float(m.start()), "x1": float(m.end()), "top": i * 2.0}
            for m in re.finditer(r"\S+", line)
        ]
        for word in words:
            word["bottom"] = word["top"] + 1.5
        if words:
            lines.append(words)
            index.append(i)
    out: list[str] = []
    done = 0  # raw lines written so far
    at = 0
    while at < len(lines):
        found = find_table(lines[at:])
        if found is None:
            break
        rows = found.rows
        end = at + found.end
        while end < len(lines):  # the table goes on after a page break, header not repeated
            more = continue_table(lines[end:], found.columns, found.numbered)
            if more is None:
                break
            if more.rows and not more.rows[0][0] and found.numbered:
                rows[-1] = [
                    f"{a}<br>{b}" if a and b else a or b
                    for a, b in zip(rows[-1], more.rows[0], strict=True)
                ]
                rows.extend(more.rows[1:])
            else:
                rows.extend(more.rows)
            end += max(more.end, 1)
        out.extend(raw[done : index[at + found.start]])
        out.append("")
        out.extend("| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in rows)
        out.append("")
        done = index[end - 1] + 1
        at = end
    if done == 0:
        return text
    out.extend(raw[done:])
    return "\n".join(out)
