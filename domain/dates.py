"""Dates as Vietnamese users type them: day first."""

from __future__ import annotations

import re
from datetime import date

_DAY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?\s*$")


def parse_day(text: str, today: date) -> date | None:
    """ "30/11/2026", "30-11-26", "30/11" (this year) → date; None if not a real date."""
    match = _DAY.match(text)
    if not match:
        return None
    day, month = int(match.group(1)), int(match.group(2))
    year = int(match.group(3)) if match.group(3) else today.year
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None
