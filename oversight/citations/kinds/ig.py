"""ig: an inspector general's report.

Treasury Inspector General for Tax Administration, Report No. 2025-IE-R011, *Title* (June 4, 2025).
Later: Report No. 2025-IE-R011, *supra* note 1, at 5 (without a number, the italic title).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from oversight.citations import csl
from oversight.citations.bluebook import Out, clean, numbered_report
from oversight.citations.registry import DATE_EXAMPLE, Entry, Field, Kind

WHO = r"(?i)inspector general|\b(oig|tigta|sigar|sigpr|sigtarp)\b"


class InspectorGeneral(Kind):
    name = "ig"
    label = "inspector general report"
    order = 30
    italic_title = True
    fields = (
        Field("title", required=True),
        Field(
            "agency",
            required=True,
            example="agency: Treasury Inspector General for Tax Administration",
        ),
        Field("date", required=True, example=DATE_EXAMPLE),
        Field("number"),
        Field("url"),
    )
    csl_claim_rank = 20

    def full(self, out: Out, entry: Entry, pin: str | None) -> None:
        out.add(clean(entry.get("agency")) + ", ")
        numbered_report(out, entry, pin)

    def default_short(self, entry: Entry) -> tuple[str, bool]:
        number = clean(entry.get("number"))
        return (number, False) if number else (clean(entry.get("title")), True)

    def csl_claims(self, item: Mapping[str, Any]) -> bool:
        """A report from an inspector general ("Inspector General", OIG, TIGTA, SIGAR...)."""
        if csl.text(item.get("type")) != "report":
            return False
        return bool(
            re.search(WHO, csl.issuers(item)) or re.search(WHO, csl.text(item.get("genre")))
        )

    def csl_fields(self, item: Mapping[str, Any]) -> dict[str, Any]:
        agency = csl.text(item.get("publisher"))
        if not agency:
            literals = csl.literals(item.get("author"))
            agency = next((n for n in literals if re.search(WHO, n)), "") or (
                literals[0] if literals else ""
            )
        return {
            "title": csl.text(item.get("title")),
            "agency": agency,
            "date": csl.date(item.get("issued")),
            "number": csl.text(item.get("number")),
        }


KIND = InspectorGeneral()
