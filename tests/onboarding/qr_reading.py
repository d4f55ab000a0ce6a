"""Reading back what the letter carries: the QR images of a Word table cell, as module grids."""

from __future__ import annotations

import io

import segno
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import _Cell
from PIL import Image

from onboarding.letter import QR_SCALE


def cell_images(doc: DocxDocument, cell: _Cell) -> list[bytes]:
    blips = cell._tc.iter(qn("a:blip"))
    return [doc.part.related_parts[b.get(qn("r:embed"))].blob for b in blips]


def modules(png: bytes, border: int = 4) -> list[list[bool]]:
    """The dark/light grid of a QR picture drawn at QR_SCALE pixels a module."""
    image = Image.open(io.BytesIO(png)).convert("L")
    size = image.width // QR_SCALE - 2 * border
    half = QR_SCALE // 2
    return [
        [
            image.getpixel(((border + x) * QR_SCALE + half, (border + y) * QR_SCALE + half)) < 128
            for x in range(size)
        ]
        for y in range(size)
    ]


def encodes(png: bytes, text: str) -> bool:
    """True when the picture is the QR code of `text` (module for module)."""
    expected = [[bool(v) for v in row] for row in segno.make(text, error="m", micro=False).matrix]
    return modules(png) == expected
