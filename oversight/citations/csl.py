"""Reading CSL-JSON values: text without CSL's markup, names, dates; and slugs for ids.

Shared by ``csl_import`` and the kinds' CSL mappings (``Kind.csl_fields``). Standard library
only; patterns are compiled on first use.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any

from oversight import text as texts

__all__ = ["date", "issuers", "literals", "name", "names", "persons", "slug", "text", "year"]

_MARKUP = r"(?i)</?(?:i|b|sup|sub|sc|span|em|strong)(?:\s[^>]*)?>"
_CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]"
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "be",
        "its",
        "it",
        "v",
        "vs",
    ]
)


def text(value: Any) -> str:
    """A CSL value as one line of plain text (CSL's <i>/<b>/<sup> markup removed)."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, list):
        return "; ".join(t for t in (text(v) for v in value) if t)
    if isinstance(value, dict):
        return ""
    s = re.sub(_MARKUP, "", str(value))
    s = re.sub(_CONTROL, " ", s)
    return " ".join(s.split())


def name(person: Any) -> str:
    """A CSL name as "Given Family": particles and suffixes in place, institutions as written."""
    if isinstance(person, str):
        return text(person)
    if not isinstance(person, dict):
        return ""
    literal = text(person.get("literal"))
    if literal:
        return literal
    words = [
        text(person.get(k))
        for k in ("given", "dropping-particle", "non-dropping-particle", "family", "suffix")
    ]
    return " ".join(w for w in words if w)


def names(value: Any) -> list[str]:
    if not isinstance(value, list):
        value = [value] if value else []
    return [n for n in (name(p) for p in value) if n]


def persons(value: Any) -> list[str]:
    """Names of people only (an institution given as a literal name is left out)."""
    if not isinstance(value, list):
        return []
    return [
        n for n in (name(p) for p in value if isinstance(p, dict) and not p.get("literal")) if n
    ]


def literals(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [text(p.get("literal")) for p in value if isinstance(p, dict) and p.get("literal")]


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def date(value: Any) -> datetime.date | str | None:
    """CSL date → a date (full), "YYYY-MM" or "YYYY"; raw or literal text as typed."""
    if isinstance(value, str):
        raw = text(value)
        try:
            return datetime.date.fromisoformat(raw)
        except ValueError:
            return raw or None
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        nums = [_int(p) for p in parts[0][:3]]
        if nums[0] is not None:
            y = nums[0]
            m = nums[1] if len(nums) > 1 and nums[1] is not None and 1 <= nums[1] <= 12 else None
            d = nums[2] if m is not None and len(nums) > 2 else None
            if d is not None:
                try:
                    return datetime.date(y, m or 1, d)
                except ValueError:
                    pass
            if m is not None:
                return f"{y:04d}-{m:02d}"
            return f"{y:04d}"
    for key in ("raw", "literal"):
        if value.get(key):
            return date(str(value[key]))
    return None


def year(value: datetime.date | str | None) -> str:
    if isinstance(value, datetime.date):
        return str(value.year)
    if isinstance(value, str) and value[:4].isdigit():
        return value[:4]
    return value or ""


def slug(text: str, max_words: int | None = None, *, drop_stop: bool = False) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    # camelCase citation keys: "smithConfidentialityTax2025" -> smith confidentiality tax 2025
    text = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[a-z])(?=\d{4}\b)", " ", text)
    text = re.sub(r"(?<=[A-Za-z])\.", "", text)  # "U.S.C." -> "USC"; "301.6103" stays two words
    out = texts.slug(text, words=max_words, skip=_STOP) if drop_stop else ""
    return out or texts.slug(text, words=max_words)


def issuers(item: Any) -> str:
    """Who issued a report, as one text: publisher, institutional authors, series."""
    return " ".join(
        [
            text(item.get("publisher")),
            *literals(item.get("author")),
            text(item.get("collection-title")),
        ]
    )
