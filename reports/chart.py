"""Phone-friendly PNG chart: the outcome mix and completion by agency.

Draws on a bare :class:`matplotlib.figure.Figure` with the Agg canvas (no pyplot,
no global rcParams changes) in DejaVu Sans, which ships with matplotlib and covers
Vietnamese. 1080 px wide and at most 1280 px high, so it reads on a phone as a photo: the
task mix (tasks per class, with blocked and not started), then the agencies that owe the most
reports (top N that fit), the rest summed up in one bar.
"""

from __future__ import annotations

import io
import textwrap
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font
from matplotlib.patches import Patch

from domain.status import Outcome
from domain.text import nfc
from reports.labels import format_percent, labels, localised, outcome_label
from reports.model import DONE_OUTCOMES, ExportRow, PlanSummary

__all__ = ["OUTCOME_COLORS", "draw_chart"]

FONT_FAMILY = "DejaVu Sans"
DPI = 100
WIDTH_IN = 10.8  # 1080 px
TITLE_PT, SUBTITLE_PT, HEADING_PT, TEXT_PT = 30, 24, 24, 20
NAME_WIDTH = 26  # characters per line of an agency name
TITLE_WIDTH = 38  # characters per title line at TITLE_PT
NAME_LINES = 2
MAX_HEIGHT_IN = 12.8  # 1280 px: a phone photo, never a file to zoom into

OUTCOME_COLORS: dict[Outcome, str] = {
    Outcome.DONE_ON_TIME: "#2E7D32",
    Outcome.DONE_LATE: "#9CCC65",
    Outcome.IN_PROGRESS_ON_TIME: "#1E88E5",
    Outcome.OVERDUE: "#E53935",
    Outcome.NOT_REPORTED: "#BDBDBD",
}

# Shortenings used only when an agency name is too long to fit in two lines.
_SHORTER = (
    ("Ủy ban nhân dân", "UBND"),
    ("Uỷ ban nhân dân", "UBND"),
    ("Hội đồng nhân dân", "HĐND"),
    ("Ban Quản lý", "BQL"),
    ("Khu kinh tế", "KKT"),
    ("Khu công nghiệp", "KCN"),
    ("Mặt trận Tổ quốc", "MTTQ"),
    ("Việt Nam", "VN"),
    ("thành phố", "TP"),
    ("Thành phố", "TP"),
)


@dataclass(frozen=True, slots=True)
class _AgencyBar:
    name: str
    counts: Counter[Outcome]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return sum(self.counts[o] for o in DONE_OUTCOMES)

    @property
    def rate(self) -> float:
        return self.done / self.total if self.total else 0.0


def draw_chart(summary: PlanSummary, lang: str = "vi") -> bytes:
    """Render the summary chart of one plan and period as PNG bytes."""
    lab = labels(lang)
    summary = localised(summary, lang)
    bars = _agency_bars(summary.rows)
    title = lab["chart.title"].format(
        plan_number=summary.plan_number, period_label=summary.period_label
    )
    if summary.total == 0 and not bars:
        return _render(_empty_figure(title, lab["chart.no_data"]))

    title_lines = _wrap(title, TITLE_WIDTH, 2)
    head_in = 0.35 + 0.5 * title_lines.count("\n") + 0.55 + 0.6  # title + subtitle + gap
    if summary.agencies:
        head_in += 0.45  # the agencies' line
    mix_in = 0.55 + 0.8 + 0.35 + 0.46 * len(Outcome) + 0.3  # heading, bar, gap, legend, gap
    all_bars = len(bars)
    names = [_wrap_name(bar.name, _name_width(bars)) for bar in bars]
    row_in = 0.75 if any("\n" in n for n in names) else 0.52
    room = MAX_HEIGHT_IN - head_in - mix_in - 0.6 - 0.7 - 0.2
    fits = max(int(room // row_in), 2)
    if len(bars) > fits:
        fits = max(int(room // 0.75), 2)  # two-line names: the tallest rows
        bars = _top_bars(bars, fits - 1, lab["chart.others"])
        names = [_wrap_name(bar.name, _name_width(bars)) for bar in bars]
        row_in = 0.75 if any("\n" in n for n in names) else 0.52
    agency_in = (0.6 + row_in * len(bars) + 0.7) if bars else 0.0
    height = min(head_in + mix_in + agency_in + 0.2, MAX_HEIGHT_IN)

    fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI, facecolor="white")

    def y(inches_from_top: float) -> float:
        return 1 - inches_from_top / height

    # Title and headline figure.
    top = 0.35
    fig.text(0.04, y(top), _safe(title_lines), va="top", fontproperties=_font(TITLE_PT, "bold"))
    top += 0.5 * (title_lines.count("\n") + 1) + 0.05
    headline = lab["chart.completion"].format(
        rate=format_percent(summary.completion_rate, lang),
        done=summary.done,
        total=summary.total,
    )
    fig.text(0.04, y(top), _safe(headline), va="top", fontproperties=_font(SUBTITLE_PT))
    if summary.agencies:
        agencies = lab["chart.agencies"].format(
            reported=summary.agencies_reported, total=summary.agency_count
        )
        fig.text(0.04, y(top + 0.45), _safe(agencies), va="top", fontproperties=_font(SUBTITLE_PT))
    top = head_in

    # Outcome mix: one stacked 100 % bar plus a legend with counts.
    fig.text(
        0.04, y(top), _safe(lab["chart.mix"]), va="top", fontproperties=_font(HEADING_PT, "bold")
    )
    top += 0.55
    ax_mix = fig.add_axes((0.04, y(top + 0.8), 0.92, 0.8 / height))
    _draw_mix(ax_mix, summary)
    top += 0.8 + 0.35
    handles = [
        Patch(
            facecolor=OUTCOME_COLORS[o],
            label=_safe(_mix_label(o, summary, lang)),
        )
        for o in Outcome
    ]
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.03, y(top)),
        frameon=False,
        prop=_font(TEXT_PT),
        handlelength=1.2,
        handleheight=1.0,
        labelspacing=0.45,
        borderaxespad=0,
    )
    top += 0.46 * len(Outcome) + 0.3

    # Completion by agency: 100 % stacked bars, best first, percent at the end.
    if bars:
        by_agency = _safe(
            lab["chart.by_agency"]
            if len(bars) == all_bars
            else lab["chart.by_agency_top"].format(shown=len(bars) - 1, total=all_bars)
        )
        fig.text(0.04, y(top), by_agency, va="top", fontproperties=_font(HEADING_PT, "bold"))
        top += 0.6
        left, right = _agency_axes_span(fig, names, [_bar_label(b) for b in bars])
        box = (left, y(top + row_in * len(bars)), right - left, row_in * len(bars) / height)
        _draw_agencies(fig.add_axes(box), bars, names)

    return _render(fig)


# --------------------------------------------------------------------------- drawing


def _draw_mix(ax: Axes, summary: PlanSummary) -> None:
    total = summary.total or 1
    left = 0.0
    for outcome in Outcome:
        count = summary.counts[outcome]
        if not count:
            continue
        width = count / total
        ax.barh(0, width, left=left, color=OUTCOME_COLORS[outcome], height=0.9, edgecolor="white")
        if width >= 0.06:
            color = "white" if outcome is not Outcome.NOT_REPORTED else "black"
            ax.text(
                left + width / 2,
                0,
                str(count),
                ha="center",
                va="center",
                color=color,
                fontproperties=_font(TEXT_PT, "bold"),
            )
        left += width
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.5, 0.5)
    ax.set_axis_off()


def _draw_agencies(ax: Axes, bars: list[_AgencyBar], names: list[str]) -> None:
    positions = list(range(len(bars)))
    for outcome in Outcome:  # done first, so the completed share starts at 0 %
        lefts = [100 * _share_before(bar, outcome) for bar in bars]
        widths = [100 * bar.counts[outcome] / bar.total if bar.total else 0 for bar in bars]
        ax.barh(
            positions,
            widths,
            left=lefts,
            color=OUTCOME_COLORS[outcome],
            height=0.72,
            edgecolor="white",
            linewidth=0.8,
        )
    for pos, bar in zip(positions, bars, strict=True):
        ax.text(
            101.5,
            pos,
            _bar_label(bar),
            va="center",
            ha="left",
            clip_on=False,
            fontproperties=_font(TEXT_PT, "bold"),
        )
    ax.set_yticks(positions)
    ax.set_yticklabels([_safe(n) for n in names], fontproperties=_font(TEXT_PT))
    ax.set_ylim(len(bars) - 0.5, -0.5)  # first (best) agency on top
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 50, 100])
    ax.set_xticklabels(["0%", "50%", "100%"], fontproperties=_font(TEXT_PT - 2))
    ax.tick_params(axis="y", length=0, pad=8)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#E0E0E0", linewidth=0.8)
    ax.set_axisbelow(True)


def _share_before(bar: _AgencyBar, outcome: Outcome) -> float:
    if not bar.total:
        return 0.0
    before = 0
    for o in Outcome:
        if o is outcome:
            break
        before += bar.counts[o]
    return before / bar.total


def _empty_figure(title: str, message: str) -> Figure:
    fig = Figure(figsize=(WIDTH_IN, 6.0), dpi=DPI, facecolor="white")
    fig.text(
        0.04,
        0.93,
        _safe(_wrap(title, TITLE_WIDTH, 2)),
        va="top",
        fontproperties=_font(TITLE_PT, "bold"),
    )
    fig.text(
        0.5,
        0.45,
        _safe(_wrap(message, 40, 3)),
        ha="center",
        va="center",
        color="#616161",
        fontproperties=_font(HEADING_PT + 4),
    )
    return fig


def _render(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


# --------------------------------------------------------------------------- data & text


def _agency_bars(rows: Iterable[ExportRow]) -> list[_AgencyBar]:
    per_agency: dict[str, Counter[Outcome]] = {}
    for row in rows:
        per_agency.setdefault(nfc(row.agency).strip(), Counter())[row.outcome] += 1
    bars = [_AgencyBar(name, counts) for name, counts in per_agency.items()]
    bars.sort(key=lambda b: (-b.rate, -b.total, b.name.casefold()))
    return bars


def _mix_label(outcome: Outcome, summary: PlanSummary, lang: str) -> str:
    """ "Đang thực hiện trong hạn: 5 (31%) – vướng 1, chưa TH 1" """
    count, total = summary.counts[outcome], summary.total
    share = format_percent(count / total if total else 0.0, lang)
    text = f"{outcome_label(outcome, lang)}: {count} ({share})"
    blocked, idle = summary.blocked[outcome], summary.not_started[outcome]
    if blocked or idle:
        text += labels(lang)["chart.sub"].format(blocked=blocked, not_started=idle)
    return text


def _top_bars(bars: list[_AgencyBar], keep: int, others: str) -> list[_AgencyBar]:
    """The `keep` agencies with the most reports still owed (the ones to chase), then one bar
    summing up all the others."""
    ranked = sorted(
        bars,
        key=lambda b: (-(b.total - b.done - b.counts[Outcome.IN_PROGRESS_ON_TIME]), b.rate, b.name),
    )
    shown, rest = ranked[:keep], ranked[keep:]
    shown.sort(key=lambda b: (-b.rate, -b.total, b.name.casefold()))
    summed: Counter[Outcome] = Counter()
    for bar in rest:
        summed.update(bar.counts)
    label = others.format(count=len(rest))
    return [*shown, _AgencyBar(label, summed)] if rest else shown


def _wrap(text: str, width: int, lines: int) -> str:
    return "\n".join(
        textwrap.wrap(" ".join(text.split()), width, max_lines=lines, placeholder=" …") or [""]
    )


def _wrap_name(name: str, width: int = NAME_WIDTH) -> str:
    """At most two lines of ``width`` characters; long names are shortened first."""
    name = " ".join(nfc(name).split())
    if len(name) > width * NAME_LINES:
        for long, short in _SHORTER:
            name = name.replace(long, short)
    if len(name) <= width:
        return name
    for balanced in range((len(name) + 1) // 2, width + 1):  # even lines read better
        lines = textwrap.wrap(name, balanced)
        if len(lines) <= NAME_LINES:
            return "\n".join(lines)
    return _wrap(name, width, NAME_LINES)


def _name_width(bars: list[_AgencyBar]) -> int:
    """Narrower name column when the bar labels are wide (large counts)."""
    longest = max((len(_bar_label(b)) for b in bars), default=0)
    return NAME_WIDTH if longest <= 11 else NAME_WIDTH - 4


def _bar_label(bar: _AgencyBar) -> str:
    return f"{round(bar.rate * 100)}% ({bar.done}/{bar.total})"


def _agency_axes_span(fig: Figure, names: list[str], bar_labels: list[str]) -> tuple[float, float]:
    """Left and right edge (figure fraction) of the bars, measured so no text is cut off."""
    renderer = FigureCanvasAgg(fig).get_renderer()

    def width(text: str, prop: FontProperties) -> float:
        lines = _safe(text).split("\n")
        return max(
            renderer.get_text_width_height_descent(line, prop, ismath=False)[0] for line in lines
        )

    total_px = fig.get_figwidth() * fig.dpi
    name_px = max((width(n, _font(TEXT_PT)) for n in names), default=0.0)
    label_px = max((width(t, _font(TEXT_PT, "bold")) for t in bar_labels), default=0.0)
    margin = 0.02 * total_px
    left = (margin + name_px + 14) / total_px
    right = 1 - (margin + label_px + 0.02 * (total_px - name_px - label_px)) / total_px
    if right - left < 0.3:  # absurdly long texts: keep some bar and accept clipping
        left = min(left, 0.5)
        right = max(right, left + 0.3)
    return left, right


def _font(size: float, weight: str = "normal") -> FontProperties:
    return FontProperties(family=FONT_FAMILY, size=size, weight=weight)


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    """Code points the chart font can draw."""
    path = findfont(FontProperties(family=FONT_FAMILY), fallback_to_default=True)
    return frozenset(FT2Font(path).get_charmap())


def _safe(text: str) -> str:
    """NFC, without characters the font lacks (emoji …), so no glyph goes missing."""
    covered = _covered()
    return "".join(ch for ch in nfc(text) if ch == "\n" or ord(ch) in covered)
