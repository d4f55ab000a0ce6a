"""Period labels are rendered from keys in the reader's language: chat and exports agree."""

from __future__ import annotations

import pytest

from periods.labels import PeriodName, label_fields
from reports.labels import localised, period_label
from reports.model import PlanSummary
from texts import Texts

CASES = [
    ("monthly", "2026-M11", "Tháng 11/2026", "11/2026"),
    ("quarterly", "2026-Q4", "Quý IV/2026", "Q4/2026"),
    ("half_yearly", "2026-H1", "6 tháng đầu năm 2026", "H1/2026"),
    ("half_yearly", "2026-H2", "6 tháng cuối năm 2026", "H2/2026"),
    ("yearly", "2026-Y", "Năm 2026", "Year 2026"),
    ("adhoc", "adhoc-2026-12-01-3", "đột xuất 01/12/2026", "ad hoc 01/12/2026"),
]


@pytest.mark.parametrize(("kind", "key", "vi", "en"), CASES)
def test_chat_and_exports_render_the_same_label(kind: str, key: str, vi: str, en: str) -> None:
    name = PeriodName(kind, key)
    assert (Texts("vi").period(name), Texts("en").period(name)) == (vi, en)
    summary = PlanSummary(
        plan_number="151/KH-UBND",
        plan_title="",
        issuer="",
        coordinator=None,
        period_label=vi,
        period_deadline=None,
        period_kind=kind,
        period_key=key,
    )
    assert localised(summary, "en").period_label == en
    assert localised(summary, "vi").period_label == vi
    if kind != "adhoc":  # a label typed by people, read back
        assert period_label(vi, "en") == en


def test_an_unreadable_adhoc_key_still_has_a_label() -> None:
    assert label_fields("adhoc", "adhoc-x") == ("period.adhoc_plain", {})
