"""Documents rendered as a reader gets them: LibreOffice headless turns .docx and .xlsx into
PDF (all files of a test module in one start of LibreOffice, which is what takes time), and
PDFium (pypdfium2, which pdfplumber itself uses) reads the pages back: text by region, where
words stand, drawn lines, and the printed size of every glyph (its font size times the
scale it is drawn at).

Without LibreOffice the tests that need it are skipped with the reason; with
DONDOC_REQUIRE_LIBREOFFICE set (as in CI) they fail instead. Install it from Debian:
`apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation2
fonts-crosextra-carlito` (Liberation Serif and Carlito have the metrics of Times New Roman
and Calibri, the fonts the files ask for).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

REQUIRE = "DONDOC_REQUIRE_LIBREOFFICE"
_SPACES = (0x20, 0x0A, 0x0D, 0x09, 0xA0, 0xFFFF, 0x02)


def soffice() -> str:
    """The LibreOffice binary, or a skip (a failure when DONDOC_REQUIRE_LIBREOFFICE is set)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    reason = (
        "LibreOffice is not installed (apt-get install libreoffice-writer-nogui "
        "libreoffice-calc-nogui): documents are not rendered"
    )
    if os.environ.get(REQUIRE):
        pytest.fail(f"{REQUIRE} is set but {reason}")
    pytest.skip(reason)


def render(files: Mapping[str, bytes], folder: Path) -> dict[str, Path]:
    """Write the files (name → bytes, names with their extension) and convert them all to PDF
    with one LibreOffice start; name → PDF path."""
    binary = soffice()
    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        sources.append(str(path))
    profile = (folder / "lo-profile").as_uri()
    result = subprocess.run(
        [binary, "--headless", "--norestore", f"-env:UserInstallation={profile}",
         "--convert-to", "pdf", "--outdir", str(folder), *sources],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    pdfs = {name: folder / (Path(name).stem + ".pdf") for name in files}
    missing = [name for name, pdf in pdfs.items() if not pdf.exists()]
    assert not missing, f"LibreOffice did not convert {missing}: {result.stderr[-2000:]}"
    return pdfs


def _words(text: str) -> str:
    """Whitespace as one space; a word broken after its hyphen ("318/QĐ-" + "UBND") joined."""
    text = " ".join(text.replace("\ufffe", "-").split())  # PDFium's mark of a hyphen at a break
    return re.sub(r"(?<=\S-) (?=\S)", "", text)


@dataclass
class _Page:
    width: float
    height: float
    text: str
    lines: list[str]
    smallest: float  # printed size of its smallest glyph, in points (0: no text)
    left: float  # leftmost and rightmost ink of its text
    right: float
    rules: list[tuple[float, float, float]] = field(default_factory=list)  # (x0, x1, top)


class Rendered:
    """A rendered PDF read back. Positions are in points from the page's top left corner."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pdf = pdfium.PdfDocument(str(path))
        self._pages: list[_Page] = [self._read(page) for page in self._pdf]

    @staticmethod
    def _read(page: pdfium.PdfPage) -> _Page:
        width, height = page.get_size()
        textpage = page.get_textpage()
        raw = textpage.get_text_range()
        matrix = pdfium_c.FS_MATRIX()
        smallest, left, right = 0.0, width, 0.0
        for index in range(textpage.count_chars()):
            if pdfium_c.FPDFText_GetUnicode(textpage.raw, index) in _SPACES:
                continue
            pdfium_c.FPDFText_GetMatrix(textpage.raw, index, matrix)
            scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
            size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index) * scale
            smallest = size if not smallest else min(smallest, size)
            x0, _, x1, _ = textpage.get_charbox(index)
            left, right = min(left, x0), max(right, x1)
        rules = []
        for item in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
            x0, y0, x1, y1 = item.get_bounds()
            if x1 - x0 > 20 and y1 - y0 < 3:
                rules.append((x0, x1, height - y1))
        lines = [_words(line) for line in raw.splitlines() if line.strip()]
        return _Page(width, height, _words(raw), lines, smallest, left, right, rules)

    def close(self) -> None:
        self._pdf.close()

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def text(self, page: int | None = None) -> str:
        """The words of a page (or of all pages), one space apart: line breaks do not count."""
        pages = range(self.page_count) if page is None else [page]
        return _words(" ".join(self._pages[p].text for p in pages))

    def lines(self, page: int) -> list[str]:
        """The text lines of a page in reading order (a header's two columns one after the
        other)."""
        return self._pages[page].lines

    def size(self, page: int) -> tuple[float, float]:
        return self._pages[page].width, self._pages[page].height

    def rules(self, page: int) -> list[tuple[float, float, float]]:
        """Horizontal lines drawn on a page: (x0, x1, top)."""
        return self._pages[page].rules

    def smallest_glyph(self) -> float:
        """The smallest printed glyph of the document, in points."""
        return min(p.smallest for p in self._pages if p.smallest)

    def extent(self, page: int) -> tuple[float, float]:
        """The leftmost and rightmost ink of a page's text."""
        return self._pages[page].left, self._pages[page].right

    def page_of(self, words: str) -> int | None:
        """The first page whose text contains the words (line breaks ignored)."""
        wanted = _words(words)
        return next((p for p in range(self.page_count) if wanted in self.text(p)), None)

    def find(self, page: int, words: str) -> tuple[float, float, float, float] | None:
        """Where words stand on a page: (x0, x1, top, bottom) of their first occurrence."""
        textpage = self._pdf[page].get_textpage()
        found = textpage.search(words, match_case=True).get_next()
        if not found:
            return None
        start, count = found
        boxes = [textpage.get_charbox(i) for i in range(start, start + count)]
        height = self._pages[page].height
        return (
            min(b[0] for b in boxes),
            max(b[2] for b in boxes),
            height - max(b[3] for b in boxes),
            height - min(b[1] for b in boxes),
        )

    def region(self, page: int, x0: float, x1: float, top: float, bottom: float) -> list[str]:
        """The text lines inside a box of a page (a column of a header), top to bottom."""
        height = self._pages[page].height
        text = (
            self._pdf[page].get_textpage().get_text_bounded(x0, height - bottom, x1, height - top)
        )
        return [_words(line) for line in text.splitlines() if line.strip()]
