"""court: a court filing.

*Centro de Trabajadores Unidos v. Bessent*, No. 1:25-cv-00677, Defendants' Opposition … (D.D.C.
Apr. 7, 2025). In a pending case, by the date the case was filed, with the docket entry:
*Doe v. Dep't of the Treasury*, No. 1:25-cv-00313, Compl. (D.D.C. filed Feb. 3, 2025), ECF No. 1.
Later (Bluebook 10.9, never *supra*): *Centro de Trabajadores Unidos*, No. 1:25-cv-00677, at 5 —
naming the document when the entry has a `short` title or another filing shares the docket.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from oversight.citations import csl
from oversight.citations.bluebook import Out, clean, format_date, pin_phrase, tail
from oversight.citations.registry import DATE_EXAMPLE, Context, Entry, Field, Kind, Reporter

_GOVERNMENT = (
    "United States",
    "United States of America",
    "U.S.",
    "State",
    "People",
    "Commonwealth",
)


class Court(Kind):
    name = "court"
    label = "court filing"
    order = 50
    fields = (
        Field("case", required=True),
        Field("court", required=True, example="court: D.D.C."),
        Field("docket", required=True, example="docket: No. 1:25-cv-00677"),
        Field("document", required=True, example="document: Complaint"),
        Field("date", example=DATE_EXAMPLE),
        Field("filed", label="filed (a pending case)", example="filed: 2025-02-03"),
        Field("ecf", whole_number=True, label="ECF No.", example="ecf: 12"),
        Field("url"),
    )
    csl_types = ("legal_case",)

    def check(self, entry: Entry, report: Reporter) -> None:
        """A filing is dated (Bluebook 10.8.3): by its own date, or in a pending case by the date
        the case was filed. Without either it still prints, with a warning."""
        super().check(entry, report)
        if not (clean(entry.get("date")) or clean(entry.get("filed"))):
            report(
                (),
                "a court filing's citation gives a date: add 'date' (the document's) or, in a "
                "pending case, 'filed' (when the case was filed)",
                hint="e.g. date: 2025-04-07, or filed: 2025-02-03",
                severity="warning",
            )

    def full(self, out: Out, entry: Entry, pin: str | None) -> None:
        out.add(clean(entry.get("case")), True)
        out.add(f", {docket(entry)}, {clean(entry.get('document'))}")
        if pin:
            out.add(" " + pin_phrase(pin))  # before the court and date, as the Bluebook places it
        dated = format_date(entry.get("date"))
        filed = format_date(entry.get("filed"))
        when = dated or (f"filed {filed}" if filed else "")
        court = " ".join(x for x in (clean(entry.get("court")), when) if x)
        if court:
            out.add(f" ({court})")
        ecf = clean(entry.get("ecf"))
        if ecf:
            out.add(", " + (ecf if ecf.lower().startswith("ecf") else f"ECF No. {ecf}"))
        tail(out, entry, None)

    def short(self, out: Out, entry: Entry, pin: str | None, note: int, context: Context) -> None:
        out.add(first_party(clean(entry.get("case"))), True)
        out.add(", " + docket(entry))
        document = clean(entry.get("short")) or (
            clean(entry.get("document")) if self._shares_docket(entry, context) else ""
        )
        if document:
            out.add(", " + document)
            if pin:
                out.add(" " + pin_phrase(pin))
        elif pin:
            out.add(", " + pin_phrase(pin))

    def headline(self, entry: Entry) -> str:
        return clean(entry.get("case"))

    def hereinafter(self, out: Out, entry: Entry) -> None:
        """A filing's `short` names the document in its short form; nothing to announce."""

    def _shares_docket(self, entry: Entry, context: Context) -> bool:
        """Whether another court filing has the same docket and court."""
        counts = context.memo.get("court dockets")
        if counts is None:
            counts = {}
            for other in context.reports.values():
                if isinstance(other, Mapping) and other.get("kind") == self.name:
                    key = _docket_key(other)
                    counts[key] = counts.get(key, 0) + 1
            context.memo["court dockets"] = counts
        return bool(counts.get(_docket_key(entry), 0) > 1)

    def csl_fields(self, item: Mapping[str, Any]) -> dict[str, Any]:
        genre = csl.text(item.get("genre"))
        return {
            "case": csl.text(item.get("title")),
            "court": csl.text(item.get("authority")) or csl.text(item.get("container-title")),
            "docket": csl.text(item.get("number")),
            "document": "" if "press release" in genre.lower() else genre,
            "date": csl.date(item.get("issued")),
        }


def docket(entry: Entry) -> str:
    """The docket number, with "No." when it was typed without."""
    number = clean(entry.get("docket"))
    return "No. " + number if number[:1].isdigit() else number


def _docket_key(entry: Entry) -> str:
    return docket(entry).lower() + "|" + clean(entry.get("court")).lower()


def first_party(case: str) -> str:
    """Short case name (Bluebook 10.9): the first party, unless it is the government."""
    for sep in (" v. ", " v ", " vs. "):
        if sep in case:
            first, second = case.split(sep, 1)
            break
    else:
        return case
    first = first.strip().removesuffix(" et al.").removesuffix(",").strip()
    second = second.strip().removesuffix(" et al.").removesuffix(",").strip()
    if first in _GOVERNMENT:
        return second or first
    return first


KIND = Court()
