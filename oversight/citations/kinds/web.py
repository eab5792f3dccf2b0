"""web: a web page (and the kind of any CSL item no other kind takes).

Internal Revenue Service, *Safeguards Program*, URL (last visited Aug. 12, 2025).
Later: *Safeguards Program*, *supra* note 1, at 5.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from oversight.citations import csl
from oversight.citations.bluebook import Out, clean, date, format_date, tail
from oversight.citations.registry import Entry, Field, Kind


class Web(Kind):
    name = "web"
    label = "web page"
    order = 110
    italic_title = True
    fields = (
        Field("title", required=True),
        Field("publisher", required=True, example="publisher: Internal Revenue Service"),
        Field("url"),
        Field("date"),
        Field("accessed"),
    )
    csl_types = ("webpage", "report")  # a report no report kind claims
    csl_otherwise = True

    def full(self, out: Out, entry: Entry, pin: str | None) -> None:
        out.add(clean(entry.get("publisher")) + ", ")
        out.add(clean(entry.get("title")), True)
        date(out, entry.get("date"))
        tail(out, entry, pin)
        accessed = format_date(entry.get("accessed"))
        if accessed:
            out.add(f" (last visited {accessed})")

    def csl_fields(self, item: Mapping[str, Any]) -> dict[str, Any]:
        site, publisher = csl.text(item.get("container-title")), csl.text(item.get("publisher"))
        site_first = csl.text(item.get("type")) in ("webpage", "post-weblog", "post")
        return {
            "title": csl.text(item.get("title")),
            "publisher": ((site or publisher) if site_first else (publisher or site))
            or "; ".join(csl.literals(item.get("author"))),
            "date": csl.date(item.get("issued")),
            "accessed": csl.date(item.get("accessed")),
        }


KIND = Web()
