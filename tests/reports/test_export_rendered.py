"""The documents as a department's secretary gets them: every golden draft report, letter,
workbook and link list rendered by LibreOffice (one start for them all) and read back from
the PDF — header lines, place, citation, signature title, page numbers, no signature alone
on a page, and workbooks printed on A4 landscape with no glyph under 9 pt."""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from golden_documents import Golden, build, page_break_variants
from rendering import Rendered, render, soffice

from reports.xlsx import MIN_PRINTED_PT

GOLDEN = [
    "bao-cao-151-quy-iv-2026.docx",
    "bao-cao-15-ctr-tu-nam-2026.docx",
    "bao-cao-544-kl-tu-thang-12-2026.docx",
    "bao-cao-544-kl-tu-van-phong-tinh-uy.docx",
    "bao-cao-318-qd-ubnd-6-thang-dau-nam-2026.docx",
    "cong-van-151-kh-ubnd.docx",
    "cong-van-15-ctr-tu.docx",
    "cong-van-544-kl-tu.docx",
    "cong-van-318-qd-ubnd.docx",
]
WORKBOOKS = [
    "tong-hop-151-quy-iv-2026.xlsx",
    "tong-hop-15-ctr-tu-nam-2026.xlsx",
    "tong-hop-544-kl-tu-thang-12-2026.xlsx",
    "duong-dan-151-kh-ubnd.xlsx",
]
LEFT_COLUMN_END = (3 - 0.5 + 7.1) / 2.54 * 72  # the header's left column ends 9.5 cm in
A4_LANDSCAPE = (841.9, 595.3)
PAGE_NUMBER_END = 52  # the page number stands in the top margin (2 cm = 57 pt)


@pytest.fixture(scope="module")
def documents(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, tuple[Golden, Rendered]]]:
    """Every golden document and its rendering, converted in one LibreOffice run."""
    soffice()  # skip (or fail under DONDOC_REQUIRE_LIBREOFFICE) before building anything
    goldens = asyncio.run(build()) + page_break_variants()
    pdfs = render({g.file: g.data for g in goldens}, tmp_path_factory.mktemp("rendered"))
    rendered = {g.file: (g, Rendered(pdfs[g.file])) for g in goldens}
    yield rendered
    for _, pdf in rendered.values():
        pdf.close()


def header_columns(pdf: Rendered) -> tuple[list[str], list[str]]:
    """The header's two columns on the first page, down to the title (or "Kính gửi")."""
    title = pdf.find(0, "BÁO CÁO") or pdf.find(0, "Kính gửi")
    assert title is not None
    width = pdf.size(0)[0]
    left = pdf.region(0, 0, LEFT_COLUMN_END, 0, title[2] - 1)
    right = pdf.region(0, LEFT_COLUMN_END, width, 0, title[2] - 1)
    return left, right


@pytest.mark.parametrize("name", GOLDEN)
def test_first_page_reads_as_its_author_writes(
    documents: dict[str, tuple[Golden, Rendered]], name: str
) -> None:
    golden, pdf = documents[name]
    expected = golden.expected
    assert expected is not None
    left, right = header_columns(pdf)
    number = next(i for i, line in enumerate(left) if line.startswith("Số"))
    assert left[0] == expected.left[0]  # the governing body above the author
    assert " ".join(left[: number + 1]) == " ".join(expected.left)  # a long name may wrap
    if name.startswith("cong-van"):
        assert " ".join(left[number + 1 :]).startswith("V/v cử cán bộ đầu mối")
    else:
        assert len(left) == number + 1
    assert right[: len(expected.right)] == list(expected.right)  # the national title on one line
    assert right[-1].startswith(expected.place) and right[-1].endswith("năm 2026")
    assert expected.citation in pdf.text(0)
    whole = pdf.text()
    for words in expected.says:
        assert words in whole, words
    for words in (*expected.never, "(Ký", "về về", "......,", "TM. SỞ"):
        assert words not in whole, words
    # one date format: day and month without leading zeros in what the clerk signs
    assert not re.search(r"\b0\d/\d{1,2}/\d{4}\b", pdf.text(0)), pdf.text(0)


@pytest.mark.parametrize("name", GOLDEN)
def test_signature_page_numbers_and_rules(
    documents: dict[str, tuple[Golden, Rendered]], name: str
) -> None:
    golden, pdf = documents[name]
    expected = golden.expected
    assert expected is not None
    signed = pdf.page_of("Nơi nhận:")
    assert signed is not None
    width, height = pdf.size(signed)
    recipients = pdf.find(signed, "Nơi nhận:")
    assert recipients is not None
    title = pdf.region(signed, LEFT_COLUMN_END, width, recipients[2] - 2, height)
    assert title[: len(expected.signature)] == list(expected.signature)
    # the signature is never alone on its page: body text stands above it
    above = pdf.region(signed, 0, width, PAGE_NUMBER_END, recipients[2] - 1)
    assert above, f"the signature of {name} is alone on page {signed + 1}"
    # page numbers at the top from page 2, none on page 1
    assert pdf.region(0, 0, width, 0, PAGE_NUMBER_END) == []
    for page in range(1, pdf.page_count):
        assert pdf.region(page, 0, width, 0, PAGE_NUMBER_END) == [str(page + 1)], (name, page)
    # the national motto and the title are underlined by drawn lines, not typed dashes
    rules = pdf.rules(0)
    if expected.right == ("ĐẢNG CỘNG SẢN VIỆT NAM",):
        assert any(x0 > LEFT_COLUMN_END for x0, _, _ in rules)  # under the Party title
    else:
        motto = pdf.find(0, "Độc lập - Tự do - Hạnh phúc")
        assert motto is not None
        x0, x1, _, bottom = motto
        under = [r for r in rules if 0 < r[2] - bottom < 8 and r[0] > LEFT_COLUMN_END]
        assert under and abs((under[0][1] - under[0][0]) - (x1 - x0)) < 0.1 * (x1 - x0)
        if name.startswith("bao-cao"):
            subtitle = pdf.find(0, "Kết quả thực hiện")
            assert subtitle is not None
            assert any(0 < top - subtitle[3] < 30 for _, _, top in rules)
            assert "-----" not in pdf.text(0)


def test_the_signature_moves_with_the_last_paragraph(
    documents: dict[str, tuple[Golden, Rendered]],
) -> None:
    """Bodies ending lower and lower on a page: the signature never starts a page alone."""
    variants = [pdf for name, (_, pdf) in documents.items() if name.startswith("ngat-trang")]
    assert variants
    carried = 0
    for pdf in variants:
        signed = pdf.page_of("Nơi nhận:")
        assert signed is not None
        recipients = pdf.find(signed, "Nơi nhận:")
        assert recipients is not None
        above = pdf.region(signed, 0, pdf.size(signed)[0], PAGE_NUMBER_END, recipients[2] - 1)
        assert above, f"signature alone on page {signed + 1} of {pdf.path.name}"
        carried += above[0].startswith("- Đã gửi báo cáo trễ hạn")  # the last paragraph
    # at least one body ends where its signature would have started the next page alone
    assert carried, "no variant reached the bottom of a page: add an obstacle to them"


@pytest.mark.parametrize("name", WORKBOOKS)
def test_workbooks_print_on_a4_landscape_at_9_pt_or_more(
    documents: dict[str, tuple[Golden, Rendered]], name: str
) -> None:
    _, pdf = documents[name]
    smallest = pdf.smallest_glyph()
    print(f"{name}: {pdf.page_count} pages, smallest printed glyph {smallest:.2f} pt")
    assert smallest >= MIN_PRINTED_PT, (name, smallest)
    for page in range(pdf.page_count):
        width, height = pdf.size(page)
        assert (round(width), round(height)) == tuple(round(v) for v in A4_LANDSCAPE)
        left, right = pdf.extent(page)
        assert right <= width - 10, (name, page, right)  # nothing runs off the page …
        assert left < 60, (name, page, left)  # … and no page holds only columns cut off
    if name.startswith("tong-hop"):
        first_detail = pdf.page_of("Nội dung báo cáo Ngày báo cáo")
        assert first_detail is not None
        for page in range(first_detail, pdf.page_count):  # the header row on every page
            assert "STT" in pdf.text(page) and "Cần soát" in pdf.text(page), page
        assert "Trang 1/" in pdf.text(0)
