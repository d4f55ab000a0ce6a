"""Chart export: a valid phone-sized PNG, Vietnamese glyphs present, no global state."""

from __future__ import annotations

import dataclasses
import io
import logging
import struct
import sys
import unicodedata
import warnings
from pathlib import Path

import matplotlib
import pytest
from matplotlib.figure import Figure

from domain.status import Outcome
from reports.chart import draw_chart

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_samples import (
    empty_summary,
    many_agencies_summary,
    row,
    sample_summary,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def draw_quietly(caplog: pytest.LogCaptureFixture, *args, **kwargs) -> tuple[bytes, list[str]]:  # type: ignore[no-untyped-def]
    """Draw, returning the PNG and every warning or log message emitted meanwhile."""
    caplog.clear()
    with caplog.at_level(logging.WARNING), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = draw_chart(*args, **kwargs)
    messages = [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records]
    return data, messages


def test_png_is_phone_sized(caplog: pytest.LogCaptureFixture) -> None:
    data, messages = draw_quietly(caplog, sample_summary())
    width, height = png_size(data)
    assert width == 1080
    assert 900 < height < 3000
    assert messages == []


def test_vietnamese_labels_have_every_glyph(caplog: pytest.LogCaptureFixture) -> None:
    # every Vietnamese letter with every tone, upper and lower case, in agency names
    letters = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
    alphabet = "".join(unicodedata.normalize("NFC", ch + t) for ch in letters for t in tones)
    rows = (
        row(f"Sở {alphabet[:36]} đ", Outcome.DONE_ON_TIME),
        row(f"Ủy ban {alphabet[36:].upper()} Đ", Outcome.OVERDUE),
        row("Sở Xây dựng 🏗️ (emoji is dropped, not drawn as a box)", Outcome.DONE_LATE),
    )
    data, messages = draw_quietly(caplog, sample_summary(rows))
    assert png_size(data)[0] == 1080
    assert not [m for m in messages if "Glyph" in m or "missing" in m], messages


def test_glyph_check_would_catch_a_missing_glyph(caplog: pytest.LogCaptureFixture) -> None:
    """Sanity check of the harness: a raw emoji in DejaVu Sans does warn."""
    fig = Figure()
    fig.text(0.5, 0.5, "🚀", family="DejaVu Sans")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    assert any("Glyph" in str(w.message) for w in caught)


def test_empty_summary_draws_a_no_data_chart(caplog: pytest.LogCaptureFixture) -> None:
    data, messages = draw_quietly(caplog, empty_summary())
    assert png_size(data) == (1080, 600)
    assert messages == []


def test_a_large_plan_stays_a_phone_photo(caplog: pytest.LogCaptureFixture) -> None:
    few, _ = draw_quietly(caplog, sample_summary())
    many, messages = draw_quietly(caplog, many_agencies_summary(64))
    assert png_size(many)[0] == 1080
    assert png_size(many)[1] <= 1280  # top agencies and the rest summed up, not 4000 px
    assert png_size(few)[1] <= png_size(many)[1]
    assert messages == []


def test_english_and_counts_without_rows(caplog: pytest.LogCaptureFixture) -> None:
    counts = {Outcome.DONE_ON_TIME: 3, Outcome.OVERDUE: 1}
    summary = dataclasses.replace(sample_summary(()), counts=counts)
    data, messages = draw_quietly(caplog, summary, lang="en")
    assert png_size(data)[0] == 1080
    assert data != draw_chart(dataclasses.replace(summary, counts={}), lang="en")  # not "no data"
    assert messages == []


def test_no_global_matplotlib_state_leaks() -> None:
    before = dict(matplotlib.rcParams)
    pyplot_loaded = "matplotlib.pyplot" in sys.modules
    draw_chart(sample_summary())
    draw_chart(empty_summary())
    assert dict(matplotlib.rcParams) == before
    if not pyplot_loaded:
        assert "matplotlib.pyplot" not in sys.modules
    else:
        import matplotlib.pyplot as plt

        assert plt.get_fignums() == []


def test_output_is_deterministic() -> None:
    assert draw_chart(sample_summary()) == draw_chart(sample_summary())
