"""gao: a Government Accountability Office report.

U.S. Gov’t Accountability Off., GAO-25-107000, *IRS Cybersecurity* (Mar. 2025), URL.
Later: GAO-25-107000, *supra* note 1, at 5.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from oversight.citations import csl
from oversight.citations.bluebook import Out, clean, numbered_report
from oversight.citations.registry import DATE_EXAMPLE, Entry, Field, Kind

NUMBER = r"(?i)\bGAO[-/‑][A-Z0-9-]+"  # GAO-25-107000, GAO-24-106379T
WHO = r"(?i)government accountability office|general accounting office|\bgao\b"


class Gao(Kind):
    name = "gao"
    label = "GAO report"
    order = 20
    italic_title = True
    fields = (
        Field("title", required=True),
        Field("number", required=True, example="number: GAO-25-107000"),
        Field("date", required=True, example=DATE_EXAMPLE),
        Field("url"),
    )
    csl_claim_rank = 10

    def full(self, out: Out, entry: Entry, pin: str | None) -> None:
        out.add("U.S. Gov\u2019t Accountability Off., ")
        numbered_report(out, entry, pin)

    def default_short(self, entry: Entry) -> tuple[str, bool]:
        return clean(entry.get("number")), False

    def csl_claims(self, item: Mapping[str, Any]) -> bool:
        """A report with a GAO number, or GAO as publisher or author."""
        if csl.text(item.get("type")) != "report":
            return False
        who = csl.issuers(item)
        return bool(re.search(NUMBER, csl.text(item.get("number"))) or re.search(WHO, who))

    def csl_fields(self, item: Mapping[str, Any]) -> dict[str, Any]:
        number = csl.text(item.get("number"))
        m = re.search(NUMBER, number)
        if m:
            number = m.group(0).upper()
        elif number and re.fullmatch(r"\d{2}-\d+[A-Z]?", number):
            number = "GAO-" + number
        return {
            "title": csl.text(item.get("title")),
            "number": number,
            "date": csl.date(item.get("issued")),
        }

    def csl_id(self, fields: Mapping[str, Any]) -> str | None:
        number = csl.text(fields.get("number"))
        return csl.slug(number) if number else None


KIND = Gao()
