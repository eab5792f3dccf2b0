"""Dates as letters write them, English lists, and response deadlines.

Babel formats dates ("March 20, 2025") and lists ("A, B, and C"). Deadlines given as a number of
days move forward off weekends and US federal holidays (the ``holidays`` package, loaded only
when a deadline needs it: importing its US calendar costs about 0.1 s).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from functools import cache

from babel.dates import format_date as _babel_date
from babel.lists import format_list as _babel_list


def long_date(day: datetime.date, locale: str = "en_US", *, weekday: bool = False) -> str:
    """``March 20, 2025`` (or ``Thursday, March 20, 2025``)."""
    pattern = "EEEE, MMMM d, y" if weekday else "MMMM d, y"
    return str(_babel_date(day, pattern, locale=locale))


def english_list(items: Sequence[str], locale: str = "en_US") -> str:
    """``A``, ``A and B``, ``A, B, and C`` (the serial comma, as en_US writes it)."""
    return str(_babel_list(list(items), style="standard", locale=locale)) if items else ""


@cache
def _federal_holidays(year: int) -> frozenset[datetime.date]:
    from holidays.countries.united_states import UnitedStates

    # The default category is the federal (public) one; observed dates are included, so a
    # holiday falling on a Saturday makes the Friday before it a day off too.
    return frozenset(UnitedStates(years=year).keys())  # type: ignore[no-untyped-call]


def is_business_day(day: datetime.date) -> bool:
    """Not a Saturday, Sunday or US federal holiday (as observed)."""
    return day.weekday() < 5 and day not in _federal_holidays(day.year)


def due_date(letter_date: datetime.date, days: int) -> datetime.date:
    """``days`` calendar days after the letter date, moved forward to the next business day."""
    day = letter_date + datetime.timedelta(days=days)
    while not is_business_day(day):
        day += datetime.timedelta(days=1)
    return day
