"""A plan document's bytes as text in reading order: .docx, .pdf, .xlsx/.csv, .txt/.md."""

from __future__ import annotations

import codecs
import io
import unicodedata
import zipfile
from dataclasses import replace
from pathlib import PurePath

from plans.docx_reader import docx_text
from plans.errors import DocumentError
from plans.limits import DEFAULT_LIMITS, ReadLimits
from plans.normalize import normalize_text
from plans.pdf_columns import text_layout_tables
from plans.pdf_reader import pdf_text
from plans.sheet_reader import csv_text, looks_like_csv, xlsx_text

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_TEXT_EXTS = {".txt", ".md", ".markdown", ".text", ""}
_CSV_EXTS = {".csv", ".tsv"}
_UNSUPPORTED = (".yaml", ".yml", ".doc", ".xls", ".odt", ".ods", ".rtf", ".ppt", ".pptx")


def extract_text(
    data: bytes, filename: str, limits: ReadLimits = DEFAULT_LIMITS
) -> tuple[str, bool | None]:
    """The document's text in reading order (tables as pipe rows), and whether its physical
    lines are wrapped mid-paragraph (False for .docx/.xlsx, None: find out)."""
    if not data or not data.strip():
        raise DocumentError("empty")
    if len(data) > limits.max_bytes:
        raise DocumentError("too_large", size=len(data), max_bytes=limits.max_bytes)
    ext = PurePath(filename or "").suffix.lower()
    if ext in _UNSUPPORTED:
        raise DocumentError("unsupported_format", format=ext.lstrip("."))
    if data.startswith(_OLE2):
        if ext in (".docx", ".xlsx"):
            raise DocumentError("encrypted", format=ext.lstrip("."))
        raise DocumentError("unsupported_format", format=ext.lstrip(".") or "ole2")
    if ext == ".pdf" or data.startswith(b"%PDF"):
        return pdf_text(data, limits), None
    if data.startswith(b"PK\x03\x04") or ext in (".docx", ".xlsx"):
        members = _zip_names(data)
        if ext == ".xlsx" or (ext != ".docx" and "xl/workbook.xml" in members):
            return xlsx_text(data, limits), False
        if ext == ".docx" or "word/document.xml" in members:
            return docx_text(data, limits), False
        raise DocumentError("unsupported_format", format=ext.lstrip(".") or "zip")
    if ext not in _TEXT_EXTS | _CSV_EXTS:
        raise DocumentError("unsupported_format", format=ext.lstrip("."))
    text = _decode_text(data)
    if ext in _CSV_EXTS or looks_like_csv(text):
        return csv_text(text, limits), False
    if text.count("\n") > limits.max_paragraphs * 4:
        raise DocumentError(
            "too_many_paragraphs", count=text.count("\n"), limit=limits.max_paragraphs
        )
    return text_layout_tables(text), None


def document_text(data: bytes, filename: str, *, max_bytes: int = 20_000_000) -> str:
    """Extract normalised text (tables as pipe rows) from an uploaded document."""
    text, wrapped = extract_text(data, filename, replace(DEFAULT_LIMITS, max_bytes=max_bytes))
    return normalize_text(text, wrapped=wrapped)


def _zip_names(data: bytes) -> set[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist()[:5000])
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return set()


def _decode_text(data: bytes) -> str:
    """Decode text bytes: UTF-8 (BOM or not), UTF-16, then Windows-1258; reject binary."""
    text: str | None = None
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        sample = data[:8000]
        zeros = sample.count(0)
        if zeros:
            even, odd = sample[0::2].count(0), sample[1::2].count(0)
            if zeros > len(sample) * 0.3 and odd > 4 * even:
                text = data.decode("utf-16-le", errors="replace")
            elif zeros > len(sample) * 0.3 and even > 4 * odd:
                text = data.decode("utf-16-be", errors="replace")
            else:
                raise DocumentError("binary")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = data.decode("cp1258")
                except UnicodeDecodeError as exc:
                    raise DocumentError("binary") from exc
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v")
    bad = text.count("\ufffd")
    if controls + bad > max(2, len(text) * 0.01):
        raise DocumentError("binary")
    if not text.strip():
        raise DocumentError("empty")
    return text
