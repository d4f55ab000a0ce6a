"""The golden documents: for each seed plan (151/KH-UBND, 15-CTr/TU, 544-KL/TU) and each kind
of plan (a plan, a programme, a conclusion, a plan issued by a decision), a period report of
each kind (month, quarter, half-year, year) and the onboarding letter, in the form of the body
that writes it, and the workbooks and the link list; with what a clerk must read on them.

Built from the seed documents imported into their province as it is today (the figures
come from the real summary); what the lead's summary does not fill yet (the plan's kind, a
year's history, overdue agencies) is set by hand as the export tests do. Used by
`test_export_rendered.py` (rendered once with LibreOffice) and `docs/samples/make_samples.py`.
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from domain.status import Outcome, ReportStatus
from onboarding.letter import LetterEntry, letter_info, write_letter, write_link_list
from reports.docx import write_draft_report
from reports.model import (
    AgencyLine,
    BlockerLine,
    FigureValue,
    HistoryEntry,
    PlanSummary,
    TargetLine,
    TaskLine,
)
from reports.xlsx import write_workbook
from storage.db import Database
from storage.models import Agency, Plan

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_samples import REPORTED_AT, row, sample_summary
from seeded_plans import REPORTS_15, REPORTS_151, seeded_summary

NOW = datetime(2026, 12, 10, 3, 0, tzinfo=UTC)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
BOT = "dondoc_bot"

STATE = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
PARTY = ("ĐẢNG CỘNG SẢN VIỆT NAM",)


@dataclass(frozen=True)
class Expected:
    """What a clerk reads on the first page and at the signature."""

    left: tuple[str, ...]  # the author's column of the header, line by line
    right: tuple[str, ...]  # the national (or Party) title lines
    place: str  # the start of the place-and-date line
    citation: str  # how the body cites the plan
    signature: tuple[str, ...]  # the signer's title lines
    says: tuple[str, ...] = ()  # more words the document must carry
    never: tuple[str, ...] = ()  # words it must not


@dataclass(frozen=True)
class Golden:
    file: str
    data: bytes
    expected: Expected | None = None  # None for a workbook

    @property
    def is_workbook(self) -> bool:
        return self.file.endswith(".xlsx")


async def _seeded(
    folder: Path, seed: str, province: str, reports: list
) -> tuple[PlanSummary, Plan]:  # type: ignore[type-arg]
    db = Database(f"sqlite+aiosqlite:///{folder / (Path(seed).stem + '.sqlite3')}")
    await db.upgrade()
    try:
        summary = await seeded_summary(db, seed, province, reports)
        async with db.transaction() as session:
            plan = await session.scalar(select(Plan))
            assert plan is not None
            session.expunge(plan)
    finally:
        await db.dispose()
    return summary, plan


def _entries(summary: PlanSummary) -> list[LetterEntry]:
    return [
        LetterEntry(
            a.agency,
            f"https://t.me/{BOT}?start=t{n:03d}x7Kq2LmZp9Wc4Rv8",
            2,
            NOW + timedelta(days=30),
        )
        for n, a in enumerate(summary.agencies)
    ]


def _overdue(lines: tuple[AgencyLine, ...], count: int, days: int) -> tuple[AgencyLine, ...]:
    """The first `count` agencies owing reports are past their deadline by `days` working
    days (as the lead's summary counts them); the next one sent a report late."""
    result, marked = [], 0
    for line in lines:
        if marked < count and line.missing:
            line = dataclasses.replace(line, overdue=line.missing, days_overdue=days + marked)
            marked += 1
        elif marked == count and line.missing and line.expected > 1:
            line = dataclasses.replace(line, reported=line.reported + 1, late=line.late + 1)
            marked += 1
        result.append(line)
    return tuple(result)


def _year_history(tasks: tuple[TaskLine, ...]) -> tuple[TaskLine, ...]:
    """What the agencies reported on the tasks over the year, quarter by quarter (one note
    typed without diacritics)."""
    notes = {
        "IV.5": [
            ("Quý I/2026", ReportStatus.IN_PROGRESS, 20, "Đã ban hành kế hoạch tuyên truyền"),
            (
                "Quý II/2026",
                ReportStatus.IN_PROGRESS,
                40,
                "da to chuc hoi nghi, dang hoan thien bao cao",
            ),
            ("Quý III/2026", ReportStatus.IN_PROGRESS, 50, "Đã quán triệt đến 80% chi bộ"),
        ],
        "IV.6": [("Quý III/2026", ReportStatus.IN_PROGRESS, 70, "Đã xây dựng đề cương sơ kết")],
    }
    result = []
    for task in tasks:
        lead = task.leads[0].agency if task.leads else "Văn phòng Tỉnh ủy"
        history = tuple(
            HistoryEntry(
                label, lead, status, percent, note, REPORTED_AT.replace(year=2026, month=3 * i + 3)
            )
            for i, (label, status, percent, note) in enumerate(notes.get(task.ref, []))
        )
        result.append(dataclasses.replace(task, history=history))
    return tuple(result)


def _year_targets(targets: tuple[TargetLine, ...]) -> tuple[TargetLine, ...]:
    """The figures two owners sent for the year 2026 (the rest still owed), assessed as
    reports/assessment.py does: the urbanisation rate and the housing floor area."""
    sent = {
        "Tỷ lệ đô thị hóa": (41.2, "số liệu 2025", "Cục Thống kê", {2025: "achieved"}),
        "Diện tích sàn nhà ở bình quân đầu người tại khu vực đô thị": (
            34.0,
            "năm 2025",
            "Sở Xây dựng",
            {2025: "exceeded", 2030: "achieved"},
        ),
    }
    result = []
    for line in targets:
        if line.indicator in sent and not line.qualitative:
            value, as_of, source, assessed = sent[line.indicator]
            figure = FigureValue(value, None, line.unit, date(2025, 12, 31), as_of, source)
            line = dataclasses.replace(
                line,
                figure=figure,
                assessment=assessed.get(line.horizon or 0, "not_met"),
                series=(figure,),
            )
        result.append(line)
    return tuple(result)


def _attached_plan() -> tuple[PlanSummary, Plan]:
    """A plan issued by a decision and known by the decision's number (as the importer
    reads tests/fixtures/documents/qd-ban-hanh-ke-hoach-cds.docx)."""
    plan = Plan(
        number="318/QĐ-UBND",
        title="Triển khai chuyển đổi số, phát triển chính quyền số tỉnh Quảng Ngãi năm 2026",
        issuer="UBND tỉnh Quảng Ngãi",
        issued_on=date(2026, 3, 12),
        kind="plan",
    )
    plan.coordinator = Agency(name="Sở Khoa học và Công nghệ", kind="department")
    group = "II. Nhiệm vụ, giải pháp"
    rows = (
        row("Sở Khoa học và Công nghệ", Outcome.IN_PROGRESS_ON_TIME, ref="II.1", group=group,
            title="Xây dựng Kho dữ liệu dùng chung của tỉnh", percent=60,
            note="Đã hoàn thành khảo sát, đang lập hồ sơ thiết kế", plan_number=plan.number),
        row("Văn phòng UBND tỉnh", Outcome.DONE_ON_TIME, ref="II.2", group=group,
            title="Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính",
            status=ReportStatus.DONE, percent=100, note="Đã vận hành phiên bản mới từ 01/6/2026",
            plan_number=plan.number),
        row("Sở Nội vụ", Outcome.OVERDUE, ref="II.4", group=group,
            title="Đào tạo, bồi dưỡng kỹ năng số", status=ReportStatus.BLOCKED, percent=20,
            note="Vướng mắc về kinh phí tổ chức lớp", plan_number=plan.number),
        row("Công an tỉnh", Outcome.NOT_REPORTED, ref="II.5", group=group,
            title="Triển khai nền tảng giám sát an toàn thông tin mạng", status=None,
            plan_number=plan.number),
    )  # fmt: skip
    summary = dataclasses.replace(
        sample_summary(rows, plan_number=plan.number),
        plan_title=plan.title,
        issued_on=plan.issued_on,
        coordinator=plan.coordinator.name,
        plan_kind=plan.kind,
    )
    return summary, plan


def _period(summary: PlanSummary, kind: str, key: str, label: str, deadline: date) -> PlanSummary:
    return dataclasses.replace(
        summary, period_kind=kind, period_key=key, period_label=label, period_deadline=deadline
    )


async def build(*, with_chart: bool = False) -> list[Golden]:
    """Every golden document, in the order they are rendered (and the chart of plan 151)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder)
        s151, p151 = await _seeded(path, "quang-ngai-151-kh-ubnd.txt", "Quảng Ngãi", REPORTS_151)
        s15, p15 = await _seeded(path, "ha-tinh-15-ctr-tu.txt", "Hà Tĩnh", REPORTS_15)
        s544, p544 = await _seeded(path, "khanh-hoa-544-kl-tu.txt", "Khánh Hòa", [])
    s318, p318 = _attached_plan()

    # what the import preview records and the lead's summary carries (PlanSummary.plan_kind)
    s151 = dataclasses.replace(s151, plan_kind=p151.kind)
    s15 = dataclasses.replace(s15, plan_kind=p15.kind)
    # the .txt seed has no header: the admin types its number and date in the preview
    p544.number, p544.issued_on = "544-KL/TU", date(2024, 2, 6)
    s544 = dataclasses.replace(
        s544, plan_number=p544.number, issued_on=p544.issued_on, plan_kind=p544.kind
    )

    month = _period(s544, "monthly", "2026-M12", "Tháng 12/2026", date(2026, 12, 16))
    month = dataclasses.replace(month, agencies=_overdue(month.agencies, 2, 6))
    year = _period(s15, "yearly", "2026-Y", "Năm 2026", date(2026, 12, 16))
    year = dataclasses.replace(
        year, tasks=_year_history(year.tasks), targets=_year_targets(year.targets)
    )
    half = _period(s318, "half_yearly", "2026-H1", "6 tháng đầu năm 2026", date(2026, 6, 16))
    party_544 = dataclasses.replace(s544, coordinator="Văn phòng Tỉnh ủy")

    qn = ("UBND TỈNH QUẢNG NGÃI", "SỞ XÂY DỰNG", "Số: /BC-SXD")
    docs = [
        Golden(
            "bao-cao-151-quy-iv-2026.docx",
            write_draft_report(s151, "Sở Xây dựng", NOW),
            Expected(
                left=qn,
                right=STATE,
                place="Quảng Ngãi, ngày",
                citation=(
                    "Thực hiện Kế hoạch số 151/KH-UBND ngày 22/9/2022 của UBND tỉnh Quảng Ngãi "
                    "về triển khai thực hiện Chương trình hành động số 21-CTr/TU ngày 12/8/2022"
                ),
                signature=("GIÁM ĐỐC",),
                says=(
                    "chua trien khai do cho huong dan cua Bo [gõ không dấu: cần sửa trước khi "
                    "ban hành]",
                    "- UBND tỉnh Quảng Ngãi (để báo cáo);",
                ),
            ),
        ),
        Golden(
            "bao-cao-15-ctr-tu-nam-2026.docx",
            write_draft_report(year, "Sở Xây dựng", NOW),
            Expected(
                left=("TỈNH ỦY HÀ TĨNH", "VĂN PHÒNG", "*", "Số -BC/VPTU"),
                right=PARTY,
                place="Hà Tĩnh, ngày",
                citation=(
                    "Thực hiện Chương trình hành động số 15-CTr/TU ngày 30/9/2022 của Tỉnh ủy "
                    "Hà Tĩnh về thực hiện Nghị quyết số 06-NQ/TW, ngày 24/1/2022"
                ),
                signature=("CHÁNH VĂN PHÒNG",),
                says=(
                    "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
                    "41,2% (số liệu 2025)",
                    "II. KẾT QUẢ CHUNG",
                    "Kết quả báo cáo trong năm 2026: Quý I/2026 – Ban Tuyên giáo và Dân vận "
                    "Tỉnh ủy: đang thực hiện (20%), Đã ban hành kế hoạch tuyên truyền",
                    "da to chuc hoi nghi, dang hoan thien bao cao [gõ không dấu",
                    "-----",
                ),
                never=("Độc lập - Tự do - Hạnh phúc", "GIÁM ĐỐC"),
            ),
        ),
        Golden(
            "bao-cao-544-kl-tu-thang-12-2026.docx",
            write_draft_report(month, "Sở Xây dựng", NOW),
            Expected(
                left=("UBND TỈNH KHÁNH HÒA", "SỞ XÂY DỰNG", "Số: /BC-SXD"),
                right=STATE,
                place="Khánh Hòa, ngày",
                citation=(
                    "Thực hiện Kết luận số 544-KL/TU ngày 6/2/2024 của Ban Thường vụ Tỉnh ủy "
                    "Khánh Hòa về tiếp tục triển khai thực hiện Nghị quyết số 06-NQ/TU, ngày "
                    "11/1/2021"
                ),
                signature=("GIÁM ĐỐC",),
                says=(
                    "- Quá hạn, chưa báo cáo (2 cơ quan):",
                    "quá hạn 6 ngày làm việc",
                    "- Đã gửi báo cáo trễ hạn (1 cơ quan):",
                    "- Ban Thường vụ Tỉnh ủy Khánh Hòa (để báo cáo);",
                    "- UBND tỉnh Khánh Hòa (để báo cáo);",
                ),
                never=("BAN THƯỜNG VỤ TỈNH ỦY KHÁNH HÒA", "ĐẢNG CỘNG SẢN"),
            ),
        ),
        Golden(
            "bao-cao-544-kl-tu-van-phong-tinh-uy.docx",
            write_draft_report(party_544, "Sở Xây dựng", NOW),
            Expected(
                left=("TỈNH ỦY KHÁNH HÒA", "VĂN PHÒNG", "*", "Số -BC/VPTU"),
                right=PARTY,
                place="Khánh Hòa, ngày",
                citation="Thực hiện Kết luận số 544-KL/TU ngày 6/2/2024 của Ban Thường vụ Tỉnh ủy",
                signature=("CHÁNH VĂN PHÒNG",),
                never=("Độc lập - Tự do - Hạnh phúc", "SỞ XÂY DỰNG"),
            ),
        ),
        Golden(
            "bao-cao-318-qd-ubnd-6-thang-dau-nam-2026.docx",
            write_draft_report(half, "Sở Xây dựng", NOW),
            Expected(
                left=("UBND TỈNH QUẢNG NGÃI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: /BC-SKHCN"),
                right=STATE,
                place="Quảng Ngãi, ngày",
                citation=(
                    "Thực hiện Kế hoạch triển khai chuyển đổi số, phát triển chính quyền số tỉnh "
                    "Quảng Ngãi năm 2026 ban hành kèm theo Quyết định số 318/QĐ-UBND ngày "
                    "12/3/2026 của UBND tỉnh Quảng Ngãi"
                ),
                signature=("GIÁM ĐỐC",),
                says=("Kết quả thực hiện Kế hoạch ban hành kèm theo Quyết định số 318/QĐ-UBND",),
            ),
        ),
    ]
    letters = [
        ("cong-van-151-kh-ubnd.docx", s151, p151, "Quảng Ngãi", (*qn[:2], "Số: /SXD"), STATE,
         "Thực hiện Kế hoạch số 151/KH-UBND ngày 22/9/2022 của UBND tỉnh Quảng Ngãi về triển "
         "khai thực hiện", ("GIÁM ĐỐC",)),
        ("cong-van-15-ctr-tu.docx", s15, p15, "Hà Tĩnh",
         ("TỈNH ỦY HÀ TĨNH", "VĂN PHÒNG", "*", "Số -CV/VPTU"), PARTY,
         "Thực hiện Chương trình hành động số 15-CTr/TU ngày 30/9/2022 của Tỉnh ủy Hà Tĩnh",
         ("CHÁNH VĂN PHÒNG",)),
        ("cong-van-544-kl-tu.docx", s544, p544, "Khánh Hòa",
         ("UBND TỈNH KHÁNH HÒA", "SỞ XÂY DỰNG", "Số: /SXD"), STATE,
         "Thực hiện Kết luận số 544-KL/TU ngày 6/2/2024 của Ban Thường vụ Tỉnh ủy Khánh Hòa về "
         "tiếp tục", ("GIÁM ĐỐC",)),
        ("cong-van-318-qd-ubnd.docx", s318, p318, "Quảng Ngãi",
         ("UBND TỈNH QUẢNG NGÃI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: /SKHCN"), STATE,
         "Thực hiện Kế hoạch triển khai chuyển đổi số, phát triển chính quyền số tỉnh Quảng Ngãi "
         "năm 2026 ban hành kèm theo Quyết định số 318/QĐ-UBND ngày 12/3/2026",
         ("GIÁM ĐỐC",)),
    ]  # fmt: skip
    for file, summary, plan, place, left, right, citation, signer in letters:
        info = letter_info(plan, BOT, province=place)
        docs.append(
            Golden(
                file,
                write_letter(_entries(summary), info, NOW, TZ),
                Expected(
                    left=left,
                    right=right,
                    place=f"{place}, ngày",
                    citation=citation,
                    signature=signer,
                    says=("Kính gửi: Các cơ quan, đơn vị có tên tại Phụ lục kèm theo.",),
                    never=("TM. SỞ", "......,"),
                ),
            )
        )
    docs += [
        Golden("tong-hop-151-quy-iv-2026.xlsx", write_workbook([s151], NOW)),
        Golden("tong-hop-15-ctr-tu-nam-2026.xlsx", write_workbook([year], NOW)),
        Golden("tong-hop-544-kl-tu-thang-12-2026.xlsx", write_workbook([month], NOW)),
        Golden(
            "duong-dan-151-kh-ubnd.xlsx",
            write_link_list(_entries(s151), letter_info(p151, BOT, province="Quảng Ngãi"), TZ),
        ),
    ]
    if with_chart:
        from reports.chart import draw_chart

        docs.append(Golden("bieu-do-151-quy-iv-2026.png", draw_chart(s151)))
    return docs


def page_break_variants(count: int = 3, first: int = 11) -> list[Golden]:
    """Drafts whose body ends lower and lower on a page (one more obstacle each), so that one
    of them would leave its signature alone on the next page."""
    base = dataclasses.replace(sample_summary(), tasks=(), rows=())
    result = []
    for extra in range(first, first + count):
        blockers = tuple(
            BlockerLine(
                "Sở Tài chính",
                "1.b",
                "Xây dựng chương trình phát triển đô thị tỉnh",
                f"Thiếu vốn đối ứng; đề nghị UBND tỉnh bố trí bổ sung kinh phí đợt {n + 1}",
                REPORTED_AT,
                "Nguyễn Thị Hằng",
            )
            for n in range(extra)
        )
        summary = dataclasses.replace(base, blockers=blockers)
        result.append(
            Golden(f"ngat-trang-{extra}.docx", write_draft_report(summary, "Sở Xây dựng", NOW))
        )
    return result
