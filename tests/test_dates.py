"""Dates as letters write them, and deadlines off weekends and federal holidays."""

from __future__ import annotations

import datetime

import pytest

from oversight.dates import _holiday_table, due_date, english_list, library_holidays, long_date

D = datetime.date


def test_long_dates_and_lists() -> None:
    assert long_date(D(2025, 3, 19)) == "March 19, 2025"
    assert long_date(D(2025, 5, 1), weekday=True) == "Thursday, May 1, 2025"
    assert english_list(["A"]) == "A"
    assert english_list(["A", "B"]) == "A and B"
    assert english_list(["A", "B", "C"]) == "A, B, and C"


@pytest.mark.parametrize(
    ("letter", "days", "due", "why"),
    [
        (D(2025, 3, 19), 14, D(2025, 4, 2), "an ordinary Wednesday"),
        (D(2025, 3, 21), 14, D(2025, 4, 4), "a Friday"),
        (D(2025, 3, 22), 14, D(2025, 4, 7), "lands on a Saturday: Monday"),
        (D(2025, 6, 9), 10, D(2025, 6, 20), "Juneteenth: the day after"),
        (D(2025, 12, 11), 14, D(2025, 12, 26), "Christmas: the day after"),
        (D(2026, 6, 19), 14, D(2026, 7, 6), "Independence Day observed Friday July 3, then the weekend"),
        (D(2025, 11, 13), 14, D(2025, 11, 28), "Thanksgiving: Friday"),
        (D(2025, 1, 6), 14, D(2025, 1, 21), "Martin Luther King Jr. Day"),
    ],
)
def test_deadline_moves_off_weekends_and_holidays(letter: D, days: int, due: D, why: str) -> None:
    assert due_date(letter, days) == due, why


def test_shipped_holiday_table_equals_the_holidays_library() -> None:
    """The table exists for speed only: it must say exactly what the library says."""
    table = _holiday_table()
    assert set(table) == {str(y) for y in range(2000, 2051)}
    for year, dates in table.items():
        assert sorted(d.isoformat() for d in library_holidays(int(year))) == dates, year


def test_years_outside_the_table_ask_the_library() -> None:
    assert due_date(D(2060, 12, 20), 5) == D(2060, 12, 27)  # Dec 25, 2060 is a Saturday: Fri 24 off
