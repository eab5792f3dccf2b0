"""crs: a Congressional Research Service report.

Jane Smith & Sam Lee, Cong. Rsch. Serv., R47000, *Title* (Sept. 2, 2025).
Later: R47000, *supra* note 1, at 5.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from oversight.citations import csl
from oversight.citations.bluebook import Out, clean, numbered_report, people
from oversight.citations.registry import DATE_EXAMPLE, Entry, Field, Kind

NUMBER = r"\b(R|RL|RS|IF|IN|LSB|TE|WPD)\d{3,5}\b"  # R47000, RL33110, IF12525, LSB11111
WHO = r"(?i)congressional research service|\bcrs\b"


class Crs(Kind):
    name = "crs"
    label = "CRS report"
    order = 40
    italic_title = True
    fields = (
        Field("title", required=True),
        Field("number", required=True, example="number: R47000"),
        Field("date", required=True, example=DATE_EXAMPLE),
        Field("author", listable=True, split_in_forms=True),
        Field("url"),
    )
    csl_claim_rank = 30

    def full(self, out: Out, entry: Entry, pin: str | None) -> None:
        authors = people(entry.get("author"))
        out.add((authors + ", " if authors else "") + "Cong. Rsch. Serv., ")
        numbered_report(out, entry, pin)

    def default_short(self, entry: Entry) -> tuple[str, bool]:
        return clean(entry.get("number")), False

    def csl_claims(self, item: Mapping[str, Any]) -> bool:
        """A report with a CRS number, or CRS as publisher."""
        if csl.text(item.get("type")) != "report":
            return False
        return bool(
            re.search(WHO, csl.issuers(item)) or re.search(NUMBER, csl.text(item.get("number")))
        )

    def csl_fields(self, item: Mapping[str, Any]) -> dict[str, Any]:
        number = csl.text(item.get("number"))
        m = re.search(NUMBER, number)
        return {
            "title": csl.text(item.get("title")),
            "number": m.group(0) if m else number,
            "date": csl.date(item.get("issued")),
            "author": csl.persons(item.get("author")),
        }

    def csl_id(self, fields: Mapping[str, Any]) -> str | None:
        number = csl.text(fields.get("number"))
        return "crs-" + csl.slug(number) if number else None


KIND = Crs()
