"""Dates as letters write them, and deadlines off weekends and federal holidays."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest

from oversight.dates import _holiday_table, due_date, english_list, library_holidays, long_date

D = datetime.date


def test_long_dates_and_lists() -> None:
    assert long_date(D(2025, 3, 19)) == "March 19, 2025"
    assert long_date(D(2025, 5, 1), weekday=True) == "Thursday, May 1, 2025"
    assert english_list(["A"]) == "A"
    assert english_list(["A", "B"]) == "A and B"
    assert english_list(["A", "B", "C"]) == "A, B, and C"


def test_other_locales_write_their_own_long_date() -> None:
    assert long_date(D(2025, 3, 20), "en_GB") == "20 March 2025"
    assert long_date(D(2025, 3, 20), "de_DE") == "20. März 2025"
    assert long_date(D(2025, 3, 20), "fr_FR", weekday=True) == "jeudi 20 mars 2025"
    assert english_list(["A", "B", "C"], "en_GB") == "A, B and C"


# Dates and lists through the cached sliver of Babel's locale data must read exactly as Babel
# alone writes them, for every locale, and anything else Babel is asked afterwards (a time zone
# name, a language name) must still be there. Each run is a fresh process: Babel's cache is global.
_LOCALE_SCRIPT = """
import datetime
from babel import Locale, localedata
from oversight.dates import english_list, long_date
out = []
for loc in ["en_US", "en_GB", "fr_FR", "de", "es_MX", "ja_JP", "ar", "he_IL"]:
    day = datetime.date(2025, 3, 20)
    out += [long_date(day, loc), long_date(day, loc, weekday=True), english_list(list("ABC"), loc)]
print(type(localedata._cache.get("en_US")).__name__)
from babel.dates import format_datetime
out.append(format_datetime(datetime.datetime(2025, 3, 20, 14, 5), "full", locale="fr_FR"))
out.append(Locale.parse("en_US").languages["sv"])
print("|".join(out))
"""


def _locale_run(cache: Path) -> tuple[str, str]:
    env = dict(os.environ, OVERSIGHT_CACHE_DIR=str(cache))
    r = subprocess.run(
        [sys.executable, "-c", _LOCALE_SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    kind, text = r.stdout.splitlines()
    return kind, text


def test_cached_locale_data_gives_babels_own_output(tmp_path: Path) -> None:
    no_cache = tmp_path / "a-file"
    no_cache.write_text("not a folder")  # the cache cannot be made: Babel loads as usual
    kind, babel_alone = _locale_run(no_cache / "x")
    assert kind == "dict"
    first = _locale_run(tmp_path / "cache")  # builds the slivers
    kind, cached = _locale_run(tmp_path / "cache")
    assert kind == "_LocaleSliver", "the second run should use the cached sliver"
    assert first[1] == cached == babel_alone
    assert "20 March 2025" in cached and "Swedish" in cached


def test_damaged_locale_cache_is_rebuilt(tmp_path: Path) -> None:
    _locale_run(tmp_path)
    files = sorted((tmp_path / "locales").glob("en_US-*.pickle"))
    assert files, "the en_US sliver was not written"
    files[0].write_bytes(b"not a pickle")
    kind, text = _locale_run(tmp_path)
    assert kind == "dict" and "March 20, 2025" in text
    kind, _ = _locale_run(tmp_path)
    assert kind == "_LocaleSliver"


@pytest.mark.parametrize(
    ("letter", "days", "due", "why"),
    [
        (D(2025, 3, 19), 14, D(2025, 4, 2), "an ordinary Wednesday"),
        (D(2025, 3, 21), 14, D(2025, 4, 4), "a Friday"),
        (D(2025, 3, 22), 14, D(2025, 4, 7), "lands on a Saturday: Monday"),
        (D(2025, 6, 9), 10, D(2025, 6, 20), "Juneteenth: the day after"),
        (D(2025, 12, 11), 14, D(2025, 12, 26), "Christmas: the day after"),
        (
            D(2026, 6, 19),
            14,
            D(2026, 7, 6),
            "Independence Day observed Friday July 3, then the weekend",
        ),
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
