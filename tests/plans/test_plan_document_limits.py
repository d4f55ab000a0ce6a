"""Bad and hostile plan documents: each refused with its reason, before it can cost much."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import openpyxl
import pytest
from fpdf import FPDF

from plans.document import read_document
from plans.errors import DocumentError
from plans.isolation import read_plan_isolated
from plans.limits import DEFAULT_LIMITS


def _refused(data: bytes, name: str) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        read_document(data, name)
    return info.value


def _pdf(text: str | None, *, password: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    if text:
        pdf.add_font("Serif", "", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
        pdf.set_font("Serif", size=12)
        pdf.multi_cell(0, 8, text)
    else:
        pdf.rect(20, 20, 150, 200, style="F")  # a scanned page: a picture, no text layer
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    return bytes(pdf.output())


def test_image_only_pdf_says_it_has_no_text_layer() -> None:
    assert _refused(_pdf(None), "scan.pdf").code == "pdf_no_text"


def test_password_protected_pdf_is_refused() -> None:
    text = "KẾ HOẠCH\n1. Sở Tài chính chủ trì rà soát.\n" * 5
    assert _refused(_pdf(text, password="secret"), "locked.pdf").code == "encrypted"


def test_spreadsheet_without_task_columns_names_the_columns_it_found() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "Chức vụ", "Số điện thoại"])
    sheet.append(["Nguyễn Văn A", "Chuyên viên", "0900000000"])
    buffer = io.BytesIO()
    book.save(buffer)
    error = _refused(buffer.getvalue(), "danh-ba.xlsx")
    assert error.code == "no_columns"
    assert "Họ và tên" in str(error.params["columns"]) and "Chức vụ" in str(error.params["columns"])


def test_zip_bomb_is_refused_from_its_directory() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/media/big.bin", b"\0" * 70_000_000)
    data = buffer.getvalue()
    assert len(data) < 200_000
    assert _refused(data, "bom.docx").code == "zip_bomb"
    assert _refused(data, "bom.xlsx").code == "zip_bomb"


def test_too_many_paragraphs_is_refused_before_parsing() -> None:
    limits = replace(DEFAULT_LIMITS, max_paragraphs=100)
    body = "".join("<w:p><w:r><w:t>x</w:t></w:r></w:p>" for _ in range(500))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document><w:body>{body}</w:body></w:document>")
    with pytest.raises(DocumentError) as info:
        read_document(buffer.getvalue(), "dai.docx", limits=limits)
    assert info.value.code == "too_many_paragraphs"


def test_isolated_reading_gives_the_same_draft() -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nSố: 12/KH-UBND\nKẾ HOẠCH\nThử\n\nI. NHIỆM VỤ\n\n"
        "1. Rà soát thủ tục hành chính.\n- Cơ quan chủ trì: Sở Tư pháp.\n"
        "- Thời gian: Quý II/2026.\n"
    ).encode()
    assert read_plan_isolated(text, "kh.txt") == read_document(text, "kh.txt")


def test_isolated_reading_stops_a_document_past_its_memory() -> None:
    limits = replace(DEFAULT_LIMITS, memory_bytes=40_000_000)  # less than the worker has
    text = ("1. Sở Tài chính chủ trì rà soát, tổng hợp kết quả thực hiện.\n" * 100_000).encode()
    with pytest.raises(DocumentError) as info:
        read_plan_isolated(text, "kh.txt", limits)
    assert info.value.code == "too_much_memory"
