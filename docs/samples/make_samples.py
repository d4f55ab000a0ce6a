"""Regenerate the sample outputs in docs/samples/ from the seed plans with demo data:
`.venv/bin/python docs/samples/make_samples.py` (deterministic: a fixed clock).

The demo directory is Quảng Ngãi as it is today (after 1/7/2025): plan 151/KH-UBND of 2022 is
assigned to the successors of the agencies it names. Six reports from five agencies, one
typed without diacritics (flagged in the workbook). With LibreOffice and poppler installed,
the first page of each Word draft is also rendered as a PNG.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from bot.demo import seed, seed_drafts  # noqa: E402
from domain.status import ReportStatus  # noqa: E402
from periods.calendar import WorkingCalendar  # noqa: E402
from periods.rules import period_for  # noqa: E402
from periods.store import ensure_period  # noqa: E402
from plans.registry import find_agency  # noqa: E402
from reports.chart import draw_chart  # noqa: E402
from reports.docx import write_draft_report  # noqa: E402
from reports.model import PlanSummary  # noqa: E402
from reports.service import record_report  # noqa: E402
from reports.summary import summarize  # noqa: E402
from reports.xlsx import write_workbook  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Member, Plan, Task  # noqa: E402

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 15, 3, 0, tzinfo=UTC)
OUT = Path(__file__).parent

REPORTS = {
    "151": [
        ("II.1.a", "Sở Xây dựng", ReportStatus.IN_PROGRESS, 80,
         "Đã trình UBND tỉnh dự thảo Chương trình phát triển đô thị tỉnh"),
        ("II.1.c", "Sở Tài chính", ReportStatus.BLOCKED, 30,
         "Vướng mắc: chưa được bố trí vốn đối ứng; kiến nghị UBND tỉnh bổ sung kế hoạch vốn 2027"),
        ("II.2.b", "Sở Xây dựng", ReportStatus.DONE, 100, "Đã ban hành quy chế quản lý kiến trúc"),
        ("II.2.c", "Sở Nông nghiệp và Môi trường", ReportStatus.NOT_STARTED, None,
         "chua trien khai do cho huong dan cua Bo"),
        ("II.4.b", "Sở Khoa học và Công nghệ", ReportStatus.IN_PROGRESS, 50,
         "Đang xây dựng cơ sở dữ liệu đô thị dùng chung"),
        ("II.1.b", "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi",
         ReportStatus.IN_PROGRESS, 40, "Đang rà soát quy hoạch các khu công nghiệp"),
    ],
    "15-CTr": [
        ("IV.5", "Ban Tuyên giáo và Dân vận Tỉnh ủy", ReportStatus.IN_PROGRESS, 60,
         "Đã tổ chức quán triệt Nghị quyết 06-NQ/TW đến các chi bộ"),
        ("IV.6", "Văn phòng Tỉnh ủy", ReportStatus.DONE, 100, "Đã tổng hợp báo cáo sơ kết"),
    ],
}  # fmt: skip


async def reported(db: Database, prefix: str) -> PlanSummary:
    """Record the sample reports of one plan for Q4/2026 and summarise it."""
    calendar = WorkingCalendar()
    async with db.transaction() as session:
        plan = await session.scalar(select(Plan).where(Plan.number.like(f"{prefix}%")))
        assert plan is not None
        period = await ensure_period(session, plan, period_for("quarterly", 2026, 4), calendar)
        for n, (ref, name, status, percent, note) in enumerate(REPORTS[prefix]):
            agency = (await find_agency(session, name)).agency
            assert agency is not None, name
            member = Member(
                telegram_user_id=10_000 + n + 100 * len(prefix),
                full_name="Cán bộ mẫu",
                agency_id=agency.id,
                role="officer",
            )
            session.add(member)
            await session.flush()
            task = await session.scalar(
                select(Task).where(Task.plan_id == plan.id, Task.ref == ref)
            )
            assert task is not None, ref
            await record_report(
                session, member=member, agency_id=agency.id, period=period, task=task,
                status=status, percent=percent, note=note, now=NOW, tz=TZ,
            )  # fmt: skip
        return await summarize(session, plan, period, NOW.date(), with_rows=True)


def first_page_png(docx_path: Path) -> bool:
    """Render the first page of a .docx as PNG next to it (LibreOffice + pdftoppm)."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        print("LibreOffice or pdftoppm not found: no PNG of the Word drafts")
        return False
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [soffice, "--headless", f"-env:UserInstallation=file://{folder}/profile",
             "--convert-to", "pdf", "--outdir", folder, str(docx_path)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        pdf = Path(folder) / (docx_path.stem + ".pdf")
        pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False)
        count = next(
            (ln.split()[-1] for ln in pages.stdout.splitlines() if ln.startswith("Pages")), "?"
        )
        target = docx_path.with_name(docx_path.stem + "-trang-1")
        subprocess.run(
            [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
             str(target)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        print(f"{docx_path.name}: {count} pages; first page → {target.name}.png")
    return True


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite+aiosqlite:///{folder}/samples.sqlite3")
        await db.upgrade()
        await seed(db, seed_drafts())
        summary = await reported(db, "151")
        party = await reported(db, "15-CTr")
        await db.dispose()
    (OUT / "tong-hop-151-quy-iv-2026.xlsx").write_bytes(write_workbook([summary], NOW))
    state = OUT / "bao-cao-151-quy-iv-2026.docx"
    state.write_bytes(write_draft_report(summary, "Sở Xây dựng", NOW))
    party_doc = OUT / "bao-cao-15-ctr-tu-quy-iv-2026.docx"
    party_doc.write_bytes(write_draft_report(party, "Văn phòng Tỉnh ủy", NOW))
    (OUT / "bieu-do-151-quy-iv-2026.png").write_bytes(draw_chart(summary))
    for path in (state, party_doc):
        first_page_png(path)
    print(f"wrote samples to {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
