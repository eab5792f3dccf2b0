"""letter: a letter (from a member, an agency, a committee).

Letter from Sen. Ron Wyden, Ranking Member, Senate Committee on Finance, to Scott Bessent,
Secretary of the Treasury, “Access to Treasury payment systems” (Mar. 1, 2025).
Later: Letter from … to …, *supra* note 1, at 5 (plain type; `short` is for a shorter label).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from oversight.citations import csl
from oversight.citations.bluebook import LQ, RQ, Out, clean, date, people, tail
from oversight.citations.registry import DATE_EXAMPLE, Entry, Field, Kind


class Letter(Kind):
    name = "letter"
    label = "letter"
    order = 80
    fields = (
        Field("from", required=True, listable=True, example="from: Sen. Ron Wyden"),
        Field(
            "to",
            required=True,
            listable=True,
            example="to: Scott Bessent, Secretary of the Treasury",
        ),
        Field("date", required=True, example=DATE_EXAMPLE),
        Field("subject"),
        Field("url"),
    )
    csl_types = ("personal_communication", "letter")

    def full(self, out: Out, entry: Entry, pin: str | None) -> None:
        out.add(parties(entry))
        subject = clean(entry.get("subject"))
        if subject:
            out.add(f", {LQ}{subject}{RQ}")
        date(out, entry.get("date"))
        tail(out, entry, pin)

    def headline(self, entry: Entry) -> str:
        return clean(entry.get("subject")) or parties(entry)

    def default_short(self, entry: Entry) -> tuple[str, bool]:
        return parties(entry), False

    def csl_fields(self, item: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "from": csl.names(item.get("author")),
            "to": csl.names(item.get("recipient")),
            "date": csl.date(item.get("issued")),
            "subject": csl.text(item.get("title")),
        }

    def csl_author_key(self, first: Mapping[str, Any]) -> str:
        """A sender written as one name ("Sen. Ron Wyden") gives its last word: wyden."""
        if first.get("family") or not first.get("literal"):
            return super().csl_author_key(first)
        name = csl.text(first.get("literal")).split(",")[0].split()
        return csl.slug(name[-1]) if name else ""


def parties(entry: Entry) -> str:
    """ "Letter from A to B"; a sender with a title is set off by commas (Bluebook 17.2.3)."""
    sender = people(entry.get("from"))
    comma = "," if "," in sender else ""
    return f"Letter from {sender}{comma} to {people(entry.get('to'))}"


KIND = Letter()
