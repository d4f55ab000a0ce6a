"""The plan's targets page (/web/plans/<id>/targets): each indicator with who provides its
figures, its targets with the figure each is judged on and the assessment, and the series of
figures reported over time. The lines are `reports.targets.target_lines` (what /targets, the
Word draft and the workbook show); the words are `reports.target_rows`'s."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from plans.quantities import format_number
from reports.labels import format_date, format_datetime, labels
from reports.model import FigureValue, TargetLine
from reports.target_rows import figure_text, quantity_text, target_rows
from web.markup import Markup, join, render
from web.views import Page, table

STYLE = Markup(
    "<style>.bar{height:.55rem;background:#1d5fa8;border-radius:2px;min-width:2px}"
    ".bar.goal{background:#9aa5b1}.a-exceeded,.a-achieved{background:#d3f0dc}"
    ".a-not_met{background:#fff6c7}.a-at_risk{background:#f9d6d5}"
    ".a-no_figure{background:#eceff3;color:#52606d}</style>"
)


def targets_page(
    page: Page, plan_id: int, number: str, lines: Sequence[TargetLine], today: date
) -> Markup:
    """Every indicator of the plan: its targets and their assessment, then its figures."""
    lab = labels(page.lang)
    if not lines:
        body = render(
            "<h1>$head</h1><p>$none</p>",
            head=page.t("web.targets_header", plan=number),
            none=page.t("web.no_targets"),
        )
        return page.layout(number, body, path=f"/web/plans/{plan_id}/targets")
    rows = target_rows(lines, page.lang)
    sections: list[Markup] = []
    by_number: dict[int, list[TargetLine]] = {}
    for line in lines:
        by_number.setdefault(line.number, []).append(line)
    for n, group in by_number.items():
        first = group[0]
        if first.qualitative:
            sections.append(
                render(
                    '<div class="card" data-indicator="$n"><p><b>$n.</b> $name '
                    '<span class="muted">($kind)</span></p></div>',
                    n=n,
                    name=first.indicator,
                    kind=lab["assessment.qualitative"],
                )
            )
            continue
        mine = [r for r in rows if r.number == n]
        target_rows_html = [
            render(
                '<tr data-horizon="$year"><td>$year</td><td>$target</td><td class="num">$figure'
                '</td><td>$as_of</td><td>$source</td><td class="a-$key">$assessment</td></tr>',
                year=row.horizon,
                target=row.target,
                figure=row.figure or "—",
                as_of=row.as_of or "—",
                source=row.source or "—",
                key=row.assessment_key,
                assessment=row.assessment,
            )
            for row in mine
        ]
        targets = table(
            page,
            [
                "web.col_year",
                "web.col_target",
                "web.col_figure",
                "web.col_as_of",
                "web.col_source",
                "web.col_assessment",
            ],
            target_rows_html,
            "web.no_targets",
        )
        sections.append(
            render(
                '<div class="card" data-indicator="$n"><h2>$n. $name</h2>'
                '<p class="muted">$owner_label: $owner$unit</p>$targets'
                "<h3>$series_head</h3>$series</div>",
                n=n,
                name=first.indicator,
                owner_label=page.t("web.col_owner"),
                owner=first.owner or "—",
                unit=f" · {first.unit}" if first.unit else "",
                targets=targets,
                series_head=page.t("web.series"),
                series=_series(page, first.series, group),
            )
        )
    body = render(
        '$style<h1>$head</h1><p class="muted">$intro</p>'
        '<p><a href="/web/plans/$id">$back</a></p>$sections',
        style=STYLE,
        head=page.t("web.targets_header", plan=number),
        intro=page.t("web.targets_intro", day=page.day(today)),
        id=plan_id,
        back=number,
        sections=join(sections),
    )
    return page.layout(
        page.t("web.targets_header", plan=number), body, path=f"/web/plans/{plan_id}/targets"
    )


def _series(page: Page, series: Sequence[FigureValue], group: Sequence[TargetLine]) -> Markup:
    """The indicator's figures, oldest first, each with a bar against its largest target."""
    if not series:
        return render("<p>$none</p>", none=page.t("web.no_series"))
    lab = labels(page.lang)
    goals = [v for line in group for v in (line.value_max or line.value,) if v is not None]
    top = max([*goals, *(f.value_max or f.value for f in series)] or [1.0]) or 1.0
    unit = group[0].unit
    rows = [
        render(
            '<tr data-as-of="$iso"><td>$as_of</td><td class="num">$value</td>'
            '<td style="width:30%"><div class="bar" style="width:$width%"></div></td>'
            "<td>$source</td><td>$by</td><td>$when</td></tr>",
            iso=figure.as_of.isoformat(),
            as_of=figure.as_of_text or format_date(figure.as_of),
            value=figure_text(lab, figure, unit, page.lang),
            width=format_number(
                round(min(100.0, (figure.value_max or figure.value) / top * 100), 1), "en"
            ),
            source=figure.source or "—",
            by=" · ".join(x for x in (figure.agency, figure.reported_by) if x) or "—",
            when=format_datetime(figure.reported_at) if figure.reported_at else "—",
        )
        for figure in series
    ]
    goal_bars = [
        render(
            '<tr class="muted"><td>$year</td><td class="num">$target</td>'
            '<td><div class="bar goal" style="width:$width%"></div></td><td colspan="3"></td></tr>',
            year=lab["target.year"].format(year=line.horizon) if line.horizon else "",
            target=quantity_text(
                lab, line.comparison, line.value, line.value_max, line.unit, page.lang
            ),
            width=format_number(
                round(min(100.0, (line.value_max or line.value or 0) / top * 100), 1), "en"
            ),
        )
        for line in group
        if line.value is not None
    ]
    return table(
        page,
        [
            "web.col_as_of",
            "web.col_figure",
            "web.col_chart",
            "web.col_source",
            "web.col_by",
            "web.col_sent",
        ],
        [*rows, *goal_bars],
        "web.no_series",
    )
