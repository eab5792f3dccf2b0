"""hearing: a congressional hearing.

*Nomination of Billy Long: Hearing Before the Senate Committee on Finance*, 119th Cong. (2025)
(S. Hrg. 119-45) (statement of Billy Long). Later: *Nomination of Billy Long*, *supra* note 1,
at 5.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from oversight.citations import csl
from oversight.citations.bluebook import Out, as_date, clean, names, pin_phrase, tail, year
from oversight.citations.registry import DATE_EXAMPLE, Entry, Field, Kind


class Hearing(Kind):
    name = "hearing"
    label = "hearing"
    order = 90
    italic_title = True
    fields = (
        Field("title", required=True),
        Field("committee", required=True, example="committee: Senate Committee on Finance"),
        Field("date", required=True, example=DATE_EXAMPLE),
        Field("witness", listable=True, split_in_forms=True),
        Field("congress", whole_number=True),
        Field("serial", whole_number=True, label="serial number", example="serial: 119-12"),
        Field("url"),
    )
    csl_types = ("hearing",)

    def full(self, out: Out, entry: Entry, pin: str | None) -> None:
        title = clean(entry.get("title"))
        if "hearing before" not in title.lower():
            committee = clean(entry.get("committee"))
            if committee[:4].lower() == "the ":
                committee = committee[4:]
            title = f"{title}: Hearing Before the {committee}"
        out.add(title, True)
        cong = congress(entry)
        phrase = pin_phrase(pin) if pin else ""
        if cong:
            out.add(", " + cong)
            if phrase:
                out.add(" " + phrase.removeprefix("at "))  # Bluebook 13.3: "119th Cong. 5 (2025)"
        elif phrase:
            out.add(", " + phrase)
        held = year(entry.get("date"))
        if held:
            out.add(f" ({held})")
        serial = clean(entry.get("serial"))
        if serial:  # "119-12" -> "(Serial No. 119-12)"; "S. Hrg. 119-45" as typed
            out.add(f" ({'Serial No. ' if serial[:1].isdigit() else ''}{serial})")
        witness = entry.get("witness")
        if isinstance(witness, (list, tuple)):
            witnesses = names(witness)
        else:
            witnesses = [clean(witness)] if clean(witness) else []
        if len(witnesses) == 1:
            out.add(f" (statement of {witnesses[0]})")
        elif witnesses:
            listed = (
                ", ".join(witnesses[:-1])
                + (", and " if len(witnesses) > 2 else " and ")
                + witnesses[-1]
            )
            out.add(f" (statements of {listed})")
        tail(out, entry, None)

    def csl_fields(self, item: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "title": csl.text(item.get("title")),
            "committee": csl.text(item.get("section"))
            or csl.text(item.get("authority"))
            or csl.text(item.get("container-title")),
            "date": csl.date(item.get("issued")),
            "serial": csl.text(item.get("number")),
        }


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def congress(entry: Entry) -> str:
    """The "119th Cong." part of a hearing: as typed, or derived from the hearing date."""
    typed = entry.get("congress")
    if typed is not None and not isinstance(typed, bool):
        s = clean(typed)
        digits = s[: len(s) - 2] if s[-2:] in ("st", "nd", "rd", "th") else s
        if digits.isdigit():
            return f"{_ordinal(int(digits))} Cong."
        return s
    d = as_date(entry.get("date"))
    if d is None or d.year < 1935:  # Jan. 3 start dates began with the 74th Congress
        return ""
    n = (d.year - 1787) // 2
    if d.year % 2 and (d.month, d.day) < (1, 3):
        n -= 1
    return f"{_ordinal(n)} Cong."


KIND = Hearing()
