"""How often a plan asks for reports, as its text says ("định kỳ hằng quý", "6 tháng, năm")."""

from __future__ import annotations

import re

from domain.text import fold
from plans.model import Frequency, ReportingSchedule

FREQUENCIES: list[tuple[re.Pattern[str], Frequency]] = [
    (re.compile(r"hang thang|hàng thang|moi thang|dinh ky thang"), "monthly"),
    (re.compile(r"hang quy|moi quy|dinh ky quy|theo quy"), "quarterly"),
    (re.compile(r"(?:6|sau) thang|nua nam"), "half_yearly"),
    (re.compile(r"hang nam|moi nam|cuoi nam|dinh ky nam|tong ket nam"), "yearly"),
]
PERIODIC = re.compile(r"dinh ky[^.;]{0,40}bao cao|bao cao dinh ky|bao cao[^.;]{0,60}dinh ky")


def task_frequency(text: str) -> Frequency | None:
    """A task's own reporting frequency ("báo cáo hằng tháng" in its text), if it says one."""
    folded = fold(text)
    for match in re.finditer(r"bao cao", folded):
        window = folded[max(0, match.start() - 60) : match.end() + 60]
        for pattern, frequency in FREQUENCIES:
            if pattern.search(window):
                return frequency
    return None


def reporting_schedule(paras: list[str]) -> ReportingSchedule:
    """Plan-wide reporting frequencies stated in the text (default quarterly)."""
    found: list[Frequency] = []
    for para in paras:
        folded = fold(para)
        if "bao cao" not in folded or not re.search(r"dinh ky|hang|moi|truoc ngay", folded):
            continue
        for match in re.finditer(r"bao cao", folded):
            window = folded[max(0, match.start() - 50) : match.end() + 50]
            if "dinh ky" not in window and "hang" not in window:
                continue
            for pattern, frequency in FREQUENCIES:
                if pattern.search(window) and frequency not in found:
                    found.append(frequency)
    order: list[Frequency] = ["monthly", "quarterly", "half_yearly", "yearly"]
    return (
        ReportingSchedule(frequencies=sorted(found, key=order.index))
        if found
        else (ReportingSchedule())
    )
