"""Regenerate the sample outputs in docs/samples/: `.venv/bin/python docs/samples/make_samples.py`
(deterministic: a fixed clock).

The samples are the golden documents the rendering tests check (tests/reports/
golden_documents.py): for each seed plan (151/KH-UBND, 15-CTr/TU, 544-KL/TU) and each kind of
plan (a plan, a programme, a conclusion, a plan issued by a decision) a period report
(quarter, year, month, half-year) and the onboarding letter, in the form of the body that
writes it, plus the workbooks and the link list, and the chart. With LibreOffice and poppler
installed, the first page of every Word file and of the 151 workbook is rendered as a PNG,
and each workbook's smallest printed glyph is measured.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "reports"))

from golden_documents import build  # noqa: E402
from rendering import Rendered, render  # noqa: E402

OUT = Path(__file__).parent
PNG_DPI = "80"


def first_page_png(pdf: Path, target: Path) -> None:
    """The first page of a PDF as a PNG (poppler's pdftoppm)."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", PNG_DPI, "-f", "1", "-l", "1", "-singlefile", str(pdf),
         str(target.with_suffix(""))],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip


async def main() -> None:
    goldens = await build(with_chart=True)
    for old in OUT.glob("*"):
        if old.suffix in (".docx", ".xlsx", ".png"):
            old.unlink()
    for golden in goldens:
        (OUT / golden.file).write_bytes(golden.data)
    goldens = [g for g in goldens if not g.file.endswith(".png")]

    if not shutil.which("soffice") or not shutil.which("pdftoppm"):
        print("LibreOffice or pdftoppm not found: no PNG of the first pages")
        return
    with tempfile.TemporaryDirectory() as folder:
        pdfs = render({g.file: g.data for g in goldens}, Path(folder))
        for golden in goldens:
            pdf = Rendered(pdfs[golden.file])
            stem = Path(golden.file).stem
            line = f"{golden.file}: {pdf.page_count} pages"
            if golden.is_workbook:
                line += f", smallest printed glyph {pdf.smallest_glyph():.2f} pt"
            if not golden.is_workbook or golden.file.startswith("tong-hop-151"):
                first_page_png(pdfs[golden.file], OUT / f"{stem}-trang-1.png")
                line += f"; first page → {stem}-trang-1.png"
            pdf.close()
            print(line)
    print(f"wrote samples to {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
