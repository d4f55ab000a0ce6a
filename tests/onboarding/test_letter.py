"""The letter (Word, Decree 30/2020 layout) and the link list (Excel) read back: one row per
agency with its own join link and a QR code that encodes exactly that link."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import docx
import openpyxl

from onboarding.letter import LetterEntry, LetterInfo, write_letter, write_link_list
from tests.onboarding.qr_reading import cell_images, encodes

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
INFO = LetterInfo("151/KH-UBND", "Triển khai <Chương trình> & 21", "Sở Xây dựng", "dondoc_bot")


def entries(count: int) -> list[LetterEntry]:
    return [
        LetterEntry(
            f"Sở số {n} & <Ban>",
            f"https://t.me/dondoc_bot?start=tok{n:04d}abcdefghijkl",
            2,
            NOW + timedelta(days=30),
        )
        for n in range(count)
    ]


def test_the_letter_has_the_administrative_layout_and_one_qr_row_per_agency() -> None:
    rows = entries(12)
    document = docx.Document(io.BytesIO(write_letter(rows, INFO, NOW, TZ)))
    text = "\n".join(p.text for p in document.paragraphs)
    header = document.tables[0]
    header_text = "\n".join(c.text for c in header.rows[0].cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header_text
    assert "Độc lập - Tự do - Hạnh phúc" in header_text
    assert "SỞ XÂY DỰNG" in header_text and "Số:" in header_text
    assert "V/v cử cán bộ đầu mối" in header_text and "151/KH-UBND" in header_text
    assert "Kính gửi" in text and "@dondoc_bot" in text and "cán bộ đầu mối" in text
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.left_margin.cm, 1) == 3.0
    footer = "\n".join(c.text for c in document.tables[1].rows[0].cells)
    assert "Nơi nhận" in footer and "TM. SỞ XÂY DỰNG" in footer

    table = document.tables[2]
    body = table.rows[1:]
    assert len(body) == len(rows)
    for row, entry in zip(body, rows, strict=True):
        cells = row.cells
        assert cells[1].text == entry.agency
        assert entry.link in cells[2].text
        assert "Số cán bộ: 2" in cells[2].text
        images = cell_images(document, cells[3])
        assert len(images) == 1 and encodes(images[0], entry.link)
        assert cells[4].text == "23/12/2026"
    links = [r.cells[2].text.split("\n")[0] for r in body]
    assert len(set(links)) == len(rows)


def test_the_letter_in_english() -> None:
    document = docx.Document(io.BytesIO(write_letter(entries(1), INFO, NOW, TZ, lang="en")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "SOCIALIST REPUBLIC OF VIETNAM" in document.tables[0].rows[0].cells[1].text
    assert "focal officer" in text


def test_the_link_list_has_one_row_per_agency() -> None:
    rows = entries(5)
    book = openpyxl.load_workbook(io.BytesIO(write_link_list(rows, INFO, TZ)))
    sheet = book.active
    assert sheet is not None
    data = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert [r[1] for r in data] == [e.agency for e in rows]
    assert [r[2] for r in data] == [e.link for e in rows]
    assert all(r[3] == 2 and r[4] == "23/12/2026" for r in data)
    assert sheet.cell(row=3, column=3).hyperlink.target == rows[0].link
