"""The pages, as functions from data to HTML. Every value goes through `render`/`esc`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from domain.status import Outcome
from reports.labels import format_percent, outcome_label, status_label
from storage.models import Member, Plan, ReportingPeriod, Task
from texts import Texts
from web.markup import Markup, esc, join, render
from web.queries import AgencyTask, ReportRecord, TaskRecord

STYLE = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
 color:#1f2933;background:#f5f7fa}
header{background:#1f3a5f;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1rem;
 align-items:center}
header a,header button{color:#fff;text-decoration:none;background:none;border:0;font:inherit;
 cursor:pointer;padding:0}
header .who{margin-left:auto;opacity:.85;font-size:.9rem}
header form{display:inline}
main{padding:1rem;max-width:1400px;margin:0 auto}
h1{font-size:1.35rem;margin:.2rem 0 .8rem}h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
.card{background:#fff;border:1px solid #d9e2ec;border-radius:6px;padding:.8rem 1rem;margin:.6rem 0}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #d9e2ec;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f7;font-weight:600}
tbody th{font-weight:400;background:#f8fafc}
td.num{text-align:right;white-space:nowrap}
.figures{display:flex;flex-wrap:wrap;gap:.5rem}
.figure{background:#fff;border:1px solid #d9e2ec;border-radius:6px;padding:.4rem .7rem;
 min-width:9rem}
.figure b{display:block;font-size:1.3rem}
.o-done_on_time{background:#d3f0dc}.o-done_late{background:#e6f4c7}
.o-in_progress_on_time{background:#dbe9fb}.o-overdue{background:#f9d6d5}
.o-not_reported{background:#eceff3;color:#52606d}.o-none{color:#9aa5b1}
td.cell{white-space:nowrap;font-size:.85rem}
.flag{color:#b42318;font-weight:600}
.muted{color:#52606d;font-size:.9rem}
.legend span{display:inline-block;padding:.1rem .4rem;margin:.1rem;border-radius:3px;
 font-size:.85rem}
a{color:#1d5fa8}
.button{display:inline-block;background:#1d5fa8;color:#fff;border:0;border-radius:4px;
 padding:.5rem 1rem;font:inherit;cursor:pointer;text-decoration:none}
ul.plain{padding-left:1.1rem;margin:.3rem 0}
/* a phone: the plan page's tables scroll sideways in their own box, their first column
   pinned at a readable width (not squeezed to a word a line) */
@media (max-width:640px){main{padding:.5rem}th,td{padding:.3rem}body{font-size:14px}
 table.pinned{width:auto;min-width:100%;border-collapse:separate;border-spacing:0}
 .pinned th,.pinned td{border-width:0 1px 1px 0}
 .pinned thead th{border-top-width:1px}
 .pinned tr>:first-child{position:sticky;left:0;z-index:1;width:11.5rem;min-width:11.5rem;
  max-width:11.5rem;border-left-width:1px;box-shadow:3px 0 4px -2px rgba(31,41,51,.25)}
 .pinned tbody td:first-child{background:#fff}
 .matrix tbody th .muted{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:3;
  line-clamp:3;overflow:hidden}
 .matrix td.cell{white-space:normal;min-width:6.5rem}
}
"""


class Page:
    """What every page needs: texts, language, the signed-in member and the time zone."""

    def __init__(self, texts: Texts, lang: str, member: Member | None, tz: ZoneInfo) -> None:
        self.texts, self.lang, self.member, self.tz = texts, lang, member, tz

    def t(self, key: str, /, **values: object) -> Markup:
        """A catalogue text: values escaped by the catalogue, the result is safe HTML."""
        if values:
            return Markup(self.texts(key, **{k: esc(v) for k, v in values.items()}))
        return esc(self.texts.plain(key))

    def when(self, moment: datetime | None) -> str:
        return moment.astimezone(self.tz).strftime("%H:%M %d/%m/%Y") if moment else "—"

    def day(self, value: date | None) -> str:
        return value.strftime("%d/%m/%Y") if value else "—"

    def outcome(self, outcome: Outcome | str) -> str:
        return outcome_label(outcome, self.lang)

    def status(self, status: str | None) -> str:
        return status_label(status, self.lang)

    def layout(self, title: object, body: Markup, *, path: str = "/web/") -> Markup:
        other = "vi" if self.lang == "en" else "en"
        nav = Markup("")
        if self.member is not None:
            nav = render(
                '<a href="/web/">$plans</a><a href="/web/blockers">$blockers</a>'
                '<a href="$switch">$other</a><span class="who">$who</span>'
                '<form method="post" action="/web/logout"><button type="submit">$out</button>'
                "</form>",
                plans=self.t("web.nav_plans"),
                blockers=self.t("web.nav_blockers"),
                switch=f"{path}?lang={other}",
                other=self.t("web.other_language"),
                who=self.t(
                    "web.signed_in_as",
                    name=self.member.full_name or str(self.member.telegram_user_id),
                    role=self.texts.plain(f"role.{self.member.role}"),
                ),
                out=self.t("web.sign_out"),
            )
        return render(
            '<!doctype html><html lang="$lang"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>$title — $app</title><style>$style</style></head><body>"
            "<header><strong>$app</strong>$nav</header><main>$body</main></body></html>",
            lang=self.lang,
            title=title,
            app=self.t("web.title"),
            style=Markup(STYLE),
            nav=nav,
            body=body,
        )


def table(page: Page, columns: Sequence[str], rows: Sequence[Markup], empty: str) -> Markup:
    """A scrollable table with the catalogue's column headings, or the `empty` sentence."""
    if not rows:
        return render("<p>$none</p>", none=page.t(empty))
    head = join(render("<th>$c</th>", c=page.t(key)) for key in columns)
    return render(
        '<div class="scroll"><table><thead><tr>$head</tr></thead><tbody>$rows</tbody></table>'
        "</div>",
        head=head,
        rows=join(rows),
    )


def message_page(page: Page, title_key: str, text: Markup) -> Markup:
    body = render(
        '<h1>$title</h1><div class="card"><p>$text</p></div>', title=page.t(title_key), text=text
    )
    return page.layout(page.t(title_key), body)


def login_page(page: Page, member: Member, action: str) -> Markup:
    body = render(
        '<h1>$title</h1><div class="card"><p>$confirm</p>'
        '<form method="post" action="$action"><button class="button" type="submit">$button'
        '</button></form><p class="muted">$note</p></div>',
        title=page.t("web.login_title"),
        confirm=page.t(
            "web.login_confirm",
            name=member.full_name or str(member.telegram_user_id),
            role=page.texts.plain(f"role.{member.role}"),
        ),
        action=action,
        button=page.t("web.login_button"),
        note=page.t("web.login_note"),
    )
    return page.layout(page.t("web.login_title"), body)


def plans_page(page: Page, rows: Sequence[tuple[Plan, int, int]]) -> Markup:
    lines = [
        render(
            '<tr><td><a href="/web/plans/$id">$number</a></td><td>$title</td>'
            '<td class="num">$tasks</td><td class="num">$agencies</td><td>$coordinator</td></tr>',
            id=plan.id,
            number=plan.number,
            title=plan.title,
            tasks=tasks,
            agencies=agencies,
            coordinator=plan.coordinator.name if plan.coordinator else "—",
        )
        for plan, tasks, agencies in rows
    ]
    columns = ["web.col_plan", "web.col_title", "web.col_tasks", "web.col_agencies"]
    content = table(page, [*columns, "web.col_coordinator"], lines, "web.no_plans")
    body = render("<h1>$title</h1>$content", title=page.t("web.plans_header"), content=content)
    return page.layout(page.t("web.plans_header"), body)


def plan_page(
    page: Page,
    plan: Plan,
    tasks: Sequence[Task],
    periods: Sequence[ReportingPeriod],
    current: ReportingPeriod,
    statuses: dict[int, dict[str, tuple[Outcome, str | None]]],
    summary: object,
    indicators: int = 0,
) -> Markup:
    """Figures of the current period (as /summary counts them), then the task × period matrix
    coloured by each task's status, the agencies of the period, and the downloads; with
    `indicators`, a link to the plan's targets."""
    counts = getattr(summary, "counts", {})
    total = int(getattr(summary, "total", 0))
    rate = float(getattr(summary, "completion_rate", 0.0))
    figures = [
        render(
            '<div class="figure" data-figure="total"><b>$n</b>$label</div>',
            n=total,
            label=page.t("web.total"),
        ),
        render(
            '<div class="figure" data-figure="rate"><b>$n</b>$label</div>',
            n=format_percent(rate, page.lang, digits=1),
            label=page.t("web.rate"),
        ),
    ]
    figures += [
        render(
            '<div class="figure o-$key" data-figure="$key"><b>$n</b>$label</div>',
            key=outcome.value,
            n=counts.get(outcome, 0),
            label=page.outcome(outcome),
        )
        for outcome in Outcome
    ]
    head = join(
        render(
            '<th><a href="/web/plans/$plan?period=$id">$label</a></th>',
            plan=plan.id,
            id=p.id,
            label=page.texts.period(p),
        )
        for p in periods
    )
    rows = []
    for task in tasks:
        cells = []
        for period in periods:
            found = statuses.get(period.id, {}).get(task.ref)
            if found is None:
                cells.append(
                    render('<td class="cell o-none">$x</td>', x=page.t("web.not_in_period"))
                )
                continue
            outcome, flag = found
            mark = (
                render(' <span class="flag" title="$t">⚠</span>', t=page.t("web.blocked_mark"))
                if flag == "blocked"
                else Markup("")
            )
            cells.append(
                render(
                    '<td class="cell o-$key" data-period="$period">$label$mark</td>',
                    key=outcome.value,
                    period=page.texts.period(period),
                    label=page.outcome(outcome),
                    mark=mark,
                )
            )
        rows.append(
            render(
                '<tr data-task="$ref"><th><a href="/web/tasks/$id">$ref</a> '
                '<span class="muted">$title</span></th>$cells</tr>',
                id=task.id,
                ref=task.ref,
                title=task.title[:140],
                cells=join(cells),
            )
        )
    agencies = [
        render(
            '<tr><td>$name</td><td class="num">$reported/$expected</td><td class="num">$late</td>'
            '<td class="num">$overdue</td><td class="num">$blocked</td></tr>',
            name=line.agency,
            reported=line.reported,
            expected=line.expected,
            late=line.late,
            overdue=page.t("web.overdue_days", count=line.overdue, days=line.days_overdue)
            if line.overdue
            else 0,
            blocked=line.blocked,
        )
        for line in getattr(summary, "agencies", ())
    ]
    legend = join(
        render('<span class="o-$key">$label</span>', key=o.value, label=page.outcome(o))
        for o in Outcome
    )
    query = f"?period={current.id}"
    body = render(
        "<h1>$number</h1><p>$title</p>$targets"
        '<h2 id="figures">$fig_head</h2><div class="figures">$figures</div>'
        '<h2>$matrix_head</h2><p class="legend">$legend</p>'
        '<div class="scroll"><table class="matrix pinned"><thead><tr><th>$col_task</th>$head</tr>'
        "</thead><tbody>$rows</tbody></table></div>"
        "<h2>$agencies_head</h2>"
        '<div class="scroll"><table class="agencies pinned"><thead><tr><th>$c1</th><th>$c2</th>'
        "<th>$c3</th><th>$c5</th>"
        "<th>$c4</th></tr></thead><tbody>$agencies</tbody></table></div>"
        '<h2>$downloads</h2><p><a class="button" href="/web/plans/$id/export.xlsx$query">$xlsx</a> '
        '<a class="button" href="/web/plans/$id/export.docx$query">$docx</a></p>',
        number=plan.number,
        title=plan.title,
        targets=render(
            '<p><a href="/web/plans/$id/targets">$label</a></p>',
            id=plan.id,
            label=page.t("web.targets_link", count=indicators),
        )
        if indicators
        else Markup(""),
        fig_head=page.t(
            "web.period_of", period=page.texts.period(current), deadline=page.day(current.deadline)
        ),
        figures=join(figures),
        matrix_head=page.t("web.matrix_header"),
        legend=legend,
        col_task=page.t("web.col_task"),
        head=head,
        rows=join(rows),
        agencies_head=page.t("web.agencies_header", period=page.texts.period(current)),
        c1=page.t("web.col_agency"),
        c2=page.t("web.col_reported"),
        c3=page.t("web.col_late"),
        c4=page.t("web.col_blocked"),
        c5=page.t("web.col_overdue"),
        agencies=join(agencies),
        downloads=page.t("web.downloads", period=page.texts.period(current)),
        id=plan.id,
        query=query,
        xlsx=page.t("web.download_xlsx"),
        docx=page.t("web.download_docx"),
    )
    return page.layout(plan.number, body, path=f"/web/plans/{plan.id}")


def _report_status(page: Page, report: ReportRecord) -> Markup:
    percent = f" {report.percent}%" if report.percent is not None else ""
    late = (
        render(' <span class="flag">($t)</span>', t=page.t("web.late_mark")) if report.late else ""
    )
    return render(
        "$status$percent$late",
        status=page.status(report.status),
        percent=percent,
        late=Markup(late),
    )


def task_page(page: Page, record: TaskRecord) -> Markup:
    task = record.task
    assigned = join(
        render(
            '<li>$role: <a href="/web/agencies/$id">$name</a></li>',
            role=page.t("web.lead" if role == "lead" else "web.support"),
            id=aid,
            name=name,
        )
        for aid, name, role in record.assignments
    )
    reports = []
    for report in record.reports:
        revisions = join(
            render(
                "<li>#$n $when — $status$percent$by: $note</li>",
                n=rev.revision,
                when=page.when(rev.at),
                status=page.status(rev.status) if rev.status else rev.action,
                percent=f" {rev.percent}%" if rev.percent is not None else "",
                by=f" ({rev.by})" if rev.by else "",
                note=rev.note or "—",
            )
            for rev in report.revisions
        )
        files = join(
            render(
                '<li>📎 <a href="/web/evidence/$id">$name</a> '
                '<span class="muted">$when</span></li>',
                id=item.id,
                name=item.file_name,
                when=page.when(item.at),
            )
            for item in report.evidence
        )
        reports.append(
            render(
                '<div class="card report"><p><b>$period</b> · <a href="/web/agencies/$aid">'
                "$agency</a> · $status</p><p>$note</p>"
                '<p class="muted">$by_label: $by · $when</p>'
                '<details open><summary>$rev_label</summary><ul class="plain">$revisions</ul>'
                "</details>$files</div>",
                period=page.texts.period(report.period),
                aid=report.agency_id,
                agency=report.agency,
                status=_report_status(page, report),
                note=report.note or "—",
                by_label=page.t("web.col_by"),
                by=report.by or "—",
                when=page.when(report.reported_at),
                rev_label=page.t("web.revisions"),
                revisions=revisions,
                files=render(
                    '<p>$label</p><ul class="plain">$items</ul>',
                    label=page.t("web.evidence"),
                    items=files,
                )
                if report.evidence
                else Markup(""),
            )
        )
    history = join(reports) if reports else render("<p>$none</p>", none=page.t("web.no_reports"))
    body = render(
        "<h1>$head</h1><p><b>$title</b></p><p>$text</p>"
        '<p class="muted"><a href="/web/plans/$plan_id">$plan</a> · $due</p>'
        '<ul class="plain">$assigned</ul><h2>$history_head</h2>$history',
        head=page.t("web.task_header", ref=task.ref),
        title=task.title,
        text=task.text if task.text and task.text != task.title else "",
        plan_id=record.plan.id,
        plan=page.t("web.task_plan", plan=record.plan.number),
        due=page.t(
            "web.task_due", due=page.day(task.due_on) if task.due_on else task.timeframe or "—"
        ),
        assigned=assigned,
        history_head=page.t("web.history_header"),
        history=history,
    )
    return page.layout(task.ref, body, path=f"/web/tasks/{task.id}")


def agency_page(page: Page, agency_id: int, name: str, tasks: Sequence[AgencyTask]) -> Markup:
    rows = [
        render(
            '<tr><td><a href="/web/plans/$pid">$plan</a></td>'
            '<td><a href="/web/tasks/$tid">$ref</a> <span class="muted">$title</span></td>'
            "<td>$role</td><td>$latest</td></tr>",
            pid=t.plan_id,
            plan=t.plan,
            tid=t.task_id,
            ref=t.ref,
            title=t.title[:140],
            role=page.t("web.lead" if t.role == "lead" else "web.support"),
            latest=render(
                "$period: $status — $note",
                period=page.texts.period(t.latest.period),
                status=_report_status(page, t.latest),
                note=t.latest.note or "—",
            )
            if t.latest
            else page.t("web.not_reported"),
        )
        for t in tasks
    ]
    listing = table(
        page,
        ["web.col_plan", "web.col_task", "web.col_role", "web.col_latest"],
        rows,
        "web.no_tasks",
    )
    body = render(
        '<h1>$name</h1><p class="muted">$intro</p>$table',
        name=name,
        intro=page.t("web.agency_intro"),
        table=listing,
    )
    return page.layout(name, body, path=f"/web/agencies/{agency_id}")


def blockers_page(page: Page, lines: Sequence[object]) -> Markup:
    rows = [
        render(
            '<tr><td>$agency</td><td>$ref <span class="muted">$title</span></td><td>$note</td>'
            "<td>$by</td><td>$when</td></tr>",
            agency=getattr(b, "agency", ""),
            ref=getattr(b, "task_ref", ""),
            title=str(getattr(b, "task_title", ""))[:120],
            note=getattr(b, "note", ""),
            by=getattr(b, "reported_by", None) or "—",
            when=page.when(getattr(b, "reported_at", None)),
        )
        for b in lines
    ]
    listing = table(
        page,
        ["web.col_agency", "web.col_task", "web.col_note", "web.col_by", "web.col_when"],
        rows,
        "web.no_blockers",
    )
    body = render("<h1>$head</h1>$table", head=page.t("web.blockers_header"), table=listing)
    return page.layout(page.t("web.blockers_header"), body, path="/web/blockers")
