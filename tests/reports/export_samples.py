"""Sample data for the export tests (plain builders, no fixtures)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

from domain.status import Outcome, ReportStatus
from reports.model import (
    AgencyLine,
    AgencyReport,
    BlockerLine,
    ExportRow,
    PlanSummary,
    TaskLine,
    task_status,
)

TRICKY_NOTE = "=SUM(A1) <b>& 🚀 đã trình UBND tỉnh dự thảo Quyết định"
GENERATED_AT = datetime(2025, 6, 15, 3, 0, tzinfo=UTC)  # 10:00 in Hà Nội
REPORTED_AT = datetime(2025, 6, 12, 2, 30, tzinfo=UTC)  # 09:30 local
BLOCKER_NOTE = "Thiếu vốn đối ứng; đề nghị UBND tỉnh bố trí bổ sung 5 tỷ đồng"
TODAY = date(2025, 6, 15)


def task_lines(rows: tuple[ExportRow, ...], today: date = TODAY) -> tuple[TaskLine, ...]:
    """One line per task of the rows, its status derived from its lead rows as the summary
    does (a task with an overdue row is past its due date)."""
    by_ref: dict[str, list[ExportRow]] = {}
    for r in rows:
        by_ref.setdefault(r.task_ref, []).append(r)
    lines = []
    for ref, items in by_ref.items():
        due = date(2025, 6, 1) if any(r.outcome is Outcome.OVERDUE for r in items) else None
        leads = tuple(
            AgencyReport(r.agency, r.status, r.percent, r.note, r.outcome is Outcome.DONE_LATE)
            for r in items
            if r.is_lead
        )
        supports = tuple(
            AgencyReport(r.agency, r.status, r.percent, r.note) for r in items if not r.is_lead
        )
        outcome, flag = task_status(leads, due, today)
        first = items[0]
        lines.append(
            TaskLine(ref, first.task_title, first.task_group, due, outcome, flag, leads, supports)
        )
    return tuple(lines)


def row(
    agency: str,
    outcome: Outcome,
    *,
    ref: str = "1.a",
    title: str = "Rà soát, điều chỉnh quy hoạch chung đô thị",
    group: str | None = "1. Công tác quy hoạch",
    role: str = "lead",
    status: ReportStatus | None = ReportStatus.IN_PROGRESS,
    percent: int | None = 60,
    note: str = "Đã hoàn thiện hồ sơ",
    plan_number: str = "151/KH-UBND",
) -> ExportRow:
    """One task × agency row; "not reported" rows carry no status, time or note."""
    reported = status is not None
    return ExportRow(
        plan_number=plan_number,
        task_ref=ref,
        task_title=title,
        task_group=group,
        agency=agency,
        role=role,  # type: ignore[arg-type]
        status=status,
        outcome=outcome,
        percent=percent if reported else None,
        note=note if reported else "",
        reported_at=REPORTED_AT if reported else None,
        reported_by="Nguyễn Thị Hằng" if reported else None,
        evidence=("https://example.vn/hs.pdf", "ảnh chụp.jpg") if reported else (),
        deadline=date(2025, 6, 30),
    )


def sample_rows() -> tuple[ExportRow, ...]:
    """Six rows over three tasks in two groups (plus one without a group)."""
    return (
        row("Sở Xây dựng", Outcome.DONE_ON_TIME, status=ReportStatus.DONE, percent=100,
            note=TRICKY_NOTE),
        row("Sở Tài chính", Outcome.IN_PROGRESS_ON_TIME, role="support"),
        row("Sở Nông nghiệp và Môi trường", Outcome.OVERDUE, ref="1.b",
            title="Xây dựng chương trình phát triển đô thị tỉnh", status=ReportStatus.BLOCKED,
            percent=30, note="Vướng mắc về vốn"),
        row("Sở Xây dựng", Outcome.NOT_REPORTED, ref="1.b",
            title="Xây dựng chương trình phát triển đô thị tỉnh", role="support", status=None),
        row("UBND thành phố Quảng Ngãi", Outcome.DONE_LATE, ref="2.a",
            title="Đầu tư hạ tầng thoát nước", group="2. Phát triển hạ tầng kỹ thuật",
            status=ReportStatus.DONE, percent=100, note="Đã hoàn thành"),
        row("Sở Khoa học và Công nghệ", Outcome.IN_PROGRESS_ON_TIME, ref="3",
            title="Chuyển đổi số trong quản lý đô thị", group=None),
    )  # fmt: skip


def sample_summary(
    rows: tuple[ExportRow, ...] | None = None, plan_number: str = "151/KH-UBND"
) -> PlanSummary:
    """A plan summary whose counts, agencies and blockers agree with its rows."""
    rows = sample_rows() if rows is None else rows
    counts = Counter(r.outcome for r in rows)
    agencies: dict[str, list[ExportRow]] = {}
    for r in rows:
        agencies.setdefault(r.agency, []).append(r)
    lines = tuple(
        AgencyLine(
            agency=name,
            expected=len(items),
            reported=sum(1 for r in items if r.status is not None),
            late=sum(1 for r in items if r.outcome is Outcome.OVERDUE),
            blocked=sum(1 for r in items if r.status is ReportStatus.BLOCKED),
            support_expected=sum(1 for r in items if not r.is_lead),
            support_reported=sum(1 for r in items if not r.is_lead and r.status is not None),
        )
        for name, items in agencies.items()
    )
    blockers = tuple(
        BlockerLine(r.agency, r.task_ref, r.task_title, BLOCKER_NOTE, REPORTED_AT, r.reported_by)
        for r in rows
        if r.status is ReportStatus.BLOCKED
    )
    return PlanSummary(
        plan_number=plan_number,
        plan_title="Thực hiện Chương trình hành động số 21-CTr/TU về phát triển đô thị",
        issuer="UBND tỉnh Quảng Ngãi",
        coordinator="Sở Xây dựng",
        period_label="Quý II/2025",
        period_deadline=date(2025, 6, 16),
        counts=dict(counts),
        agencies=lines,
        rows=rows,
        blockers=blockers,
        tasks=task_lines(rows),
        issued_on=date(2022, 9, 22),
    )


def empty_summary(plan_number: str = "151/KH-UBND") -> PlanSummary:
    """A plan with nothing to report this period."""
    return PlanSummary(
        plan_number=plan_number,
        plan_title="",
        issuer="UBND tỉnh Quảng Ngãi",
        coordinator=None,
        period_label="Tháng 6/2025",
        period_deadline=None,
        counts={},
    )


def many_agencies_summary(count: int = 64) -> PlanSummary:
    """One row per agency, with long names, to stress the chart layout."""
    outcomes = list(Outcome)
    rows = tuple(
        row(
            f"Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi số {i}",
            outcomes[i % len(outcomes)],
            ref=f"{i}",
            status=None if outcomes[i % len(outcomes)] is Outcome.NOT_REPORTED else
            ReportStatus.IN_PROGRESS,
        )
        for i in range(count)
    )  # fmt: skip
    return sample_summary(rows)
