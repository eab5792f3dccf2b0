"""press-release: a press release (Bluebook practice: "Press Release," first).

Press Release, Senate Finance Committee, *Wyden Demands Answers* (Feb. 3, 2025), URL.
Later: *Wyden Demands Answers*, *supra* note 1, at 5.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from oversight.citations import csl
from oversight.citations.bluebook import Out, clean, date, tail
from oversight.citations.registry import DATE_EXAMPLE, Entry, Field, Kind


class PressRelease(Kind):
    name = "press-release"
    label = "press release"
    order = 100
    italic_title = True
    fields = (
        Field("title", required=True),
        Field("publisher", required=True, example="publisher: Internal Revenue Service"),
        Field("date", required=True, example=DATE_EXAMPLE),
        Field("url"),
    )
    csl_claim_rank = 0  # a genre of "press release" decides, whatever the CSL type

    def full(self, out: Out, entry: Entry, pin: str | None) -> None:
        out.add(f"Press Release, {clean(entry.get('publisher'))}, ")
        out.add(clean(entry.get("title")), True)
        date(out, entry.get("date"))
        tail(out, entry, pin)

    def csl_claims(self, item: Mapping[str, Any]) -> bool:
        return "press release" in csl.text(item.get("genre")).lower().replace("-", " ")

    def csl_fields(self, item: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "title": csl.text(item.get("title")),
            "publisher": csl.text(item.get("publisher"))
            or csl.text(item.get("container-title"))
            or "; ".join(csl.literals(item.get("author"))),
            "date": csl.date(item.get("issued")),
        }


KIND = PressRelease()
