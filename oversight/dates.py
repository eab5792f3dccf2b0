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
def _holiday_table() -> dict[str, list[str]]:
    import json

    from .paths import package_data

    data = json.loads((package_data() / "us-federal-holidays.json").read_text(encoding="utf-8"))
    return dict(data["years"])


@cache
def _federal_holidays(year: int) -> frozenset[datetime.date]:
    """US federal holidays of ``year`` as observed (a Saturday holiday is observed on Friday).

    The ``holidays`` package is the authority; importing its US calendar costs about 0.25 s, so
    its dates for 2000-2050 ship as a table generated from it (``python -m oversight.dates
    --regenerate``; a test checks the table still equals the library). Other years ask the
    library directly.
    """
    table = _holiday_table()
    if str(year) in table:
        return frozenset(datetime.date.fromisoformat(d) for d in table[str(year)])
    return library_holidays(year)


def library_holidays(year: int) -> frozenset[datetime.date]:
    from holidays.countries.united_states import UnitedStates

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


def _regenerate() -> None:  # pragma: no cover - a maintenance command
    import json

    import holidays

    from .paths import package_data

    years = {str(y): sorted(d.isoformat() for d in library_holidays(y)) for y in range(2000, 2051)}
    out = {
        "source": f"holidays {getattr(holidays, '__version__', '?')}, UnitedStates(), federal (public) category, observed dates included",
        "regenerate": "python -m oversight.dates --regenerate",
        "years": years,
    }
    path = package_data() / "us-federal-holidays.json"
    path.write_text(json.dumps(out, indent=0, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":  # pragma: no cover
    import sys

    if sys.argv[1:] == ["--regenerate"]:
        _regenerate()
