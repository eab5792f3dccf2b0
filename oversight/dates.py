"""Dates as letters write them, English lists, and response deadlines.

Babel formats dates ("March 20, 2025") and lists ("A, B, and C"). Deadlines given as a number of
days move forward off weekends and US federal holidays (the ``holidays`` package, loaded only
when a deadline needs it: importing its US calendar costs about 0.1 s).
"""

from __future__ import annotations

import datetime
import io
import json
import pickle
import sys
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

from babel import Locale, localedata
from babel import __version__ as babel_version
from babel.dates import format_date as _babel_date
from babel.lists import format_list as _babel_list

from oversight.fsutil import atomic_write
from oversight.paths import cache_dir, package_data


@lru_cache(maxsize=4096)
def long_date(day: datetime.date, locale: str = "en_US", *, weekday: bool = False) -> str:
    """``March 20, 2025`` (or ``Thursday, March 20, 2025``) in en_US: the locale's own long
    (full) date, so en_GB writes ``20 March 2025``."""
    _prime(locale)
    return str(_babel_date(day, "full" if weekday else "long", locale=locale))


def english_list(items: Sequence[str], locale: str = "en_US") -> str:
    """``A``, ``A and B``, ``A, B, and C`` (the serial comma, as en_US writes it)."""
    return _english_list(tuple(items), locale) if items else ""


@lru_cache(maxsize=4096)
def _english_list(items: tuple[str, ...], locale: str) -> str:
    _prime(locale)
    return str(_babel_list(list(items), style="standard", locale=locale))


# Babel loads a locale by unpickling its CLDR data and merging it with its parents' (root, en,
# en_US: 270 KB, about 10 ms), the largest single cost of a one-letter `oversight render` after
# the imports. A letter uses a sliver of it (month and day names, date patterns, list patterns),
# so that sliver, as Babel merged it, is kept in the user's cache folder and handed to Babel's
# own locale cache; Babel still does all the formatting. Any other key Babel asks for loads the
# full data at that moment, so the output is Babel's own either way (tests compare the two).
_LOCALE_KEYS = (
    "months",
    "days",
    "eras",
    "quarters",
    "day_periods",
    "date_formats",
    "time_formats",
    "datetime_formats",
    "datetime_skeletons",
    "list_patterns",
)
_PRIMED: set[str] = set()


class _LocaleSliver(dict[str, Any]):
    """Part of a locale's data; a missing key brings in the whole of it from Babel."""

    def __init__(self, name: str, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.name = name

    def __missing__(self, key: str) -> Any:
        with localedata._cache_lock:
            if localedata._cache.get(self.name) is self:
                del localedata._cache[self.name]
            self.update(localedata.load(self.name))
        return dict.__getitem__(self, key)


def _prime(locale: str) -> None:
    if locale in _PRIMED:
        return
    _PRIMED.add(locale)
    try:
        cache = getattr(localedata, "_cache", None)
        lock = getattr(localedata, "_cache_lock", None)
        name = str(Locale.parse(locale))
        if not isinstance(cache, dict) or lock is None or name in cache:
            return
        _load_sliver(name, cache, lock)
    except Exception:  # an unknown locale, or a Babel without these internals: Babel as usual
        return


class _DataUnpickler(pickle.Unpickler):
    """Reads Babel's locale data and nothing else: a cache file is data, never code.

    The cache folder is the user's, but a file there could have been written by anything: only
    the two Babel classes the locale slice holds may be built from it (plain dicts, tuples,
    strings and numbers need no class); any other name refuses the whole file, which is then
    built again from Babel's own data."""

    ALLOWED = frozenset({("babel.dates", "DateTimePattern"), ("babel.localedata", "Alias")})

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not locale data")
        return super().find_class(module, name)


def _load_sliver(name: str, cache: dict[str, Any], lock: Any) -> None:
    folder = cache_dir("locales")
    if folder is None:
        return
    file = folder / f"{name}-babel-{babel_version}.pickle"
    try:
        data = _DataUnpickler(io.BytesIO(file.read_bytes())).load()
        if isinstance(data, dict) and all(k in data for k in _LOCALE_KEYS):
            with lock:
                cache.setdefault(name, _LocaleSliver(name, data))
            return
    except Exception:  # missing or damaged: build it again below
        pass
    full = localedata.load(name)  # Babel's full load, cached by Babel for this process
    sliver = {k: full[k] for k in _LOCALE_KEYS if k in full}
    if len(sliver) != len(_LOCALE_KEYS):
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(file, pickle.dumps(sliver, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    except Exception:  # a cache that cannot be written only costs time
        pass


@cache
def _holiday_table() -> dict[str, list[str]]:
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
    # Not at the top: importing the US calendar costs about 0.25 s (see _federal_holidays).
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
    import holidays  # the library's version, for the table's source line (a maintenance command)

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
    if sys.argv[1:] == ["--regenerate"]:
        _regenerate()
