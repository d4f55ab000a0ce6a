"""Documents made for tests and benchmarks."""

from __future__ import annotations

from functools import cache


@cache
def heavy_pdf(pages: int = 12) -> bytes:
    """A plan-like text PDF that takes seconds to read (about half a second a page on a
    2-core machine), within every limit: the load of a real long upload."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("Serif", "", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    pdf.set_font("Serif", size=7)
    for page in range(pages):
        pdf.add_page()
        for line in range(60):
            pdf.cell(
                0, 4,
                f"{page}.{line} Sở Xây dựng chủ trì, phối hợp các sở, ngành liên quan thực hiện "
                f"rà soát, điều chỉnh quy hoạch đô thị theo kế hoạch {line}",
                new_x="LMARGIN", new_y="NEXT",
            )  # fmt: skip
    return bytes(pdf.output())
