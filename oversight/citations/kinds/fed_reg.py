"""fed-reg: a Federal Register document — a rule, proposed rule or notice (Bluebook rule 14.2).

Internal Revenue Service, Privacy Act of 1974; System of Records, 90 Fed. Reg. 1234, 1236
(Feb. 3, 2025) (Docket No. IRS-2025-0001; RIN 1545-BQ00).
Later (Bluebook 14.9, never *supra*): 90 Fed. Reg. at 1236; *Id.* at 1237.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from oversight.citations import csl
from oversight.citations.bluebook import (
    Out,
    clean,
    date,
    grouped,
    is_page,
    pin_number,
    pin_phrase,
    tail,
)
from oversight.citations.registry import DATE_EXAMPLE, Context, Entry, Field, Kind

FEDERAL_REGISTER = r"(?i)^(the\s+)?federal\s+register$|^fed\.?\s*reg\.?$|^fr$"


def register_fields(page_example: str) -> tuple[Field, ...]:
    """The fields of a document published in the Federal Register: volume, first page, date."""
    return (
        Field(
            "volume",
            required=True,
            whole_number=True,
            label="Fed. Reg. volume",
            example="volume: 90",
        ),
        Field("page", required=True, whole_number=True, label="first page", example=page_example),
        Field("date", required=True, example=DATE_EXAMPLE),
    )


class OnTheRegister(Kind):
    """What a document published in the Federal Register cites like: later citations repeat the
    Register's citation (Bluebook 14.9), never *supra*; *Id.* with the page ("*Id.* at 1236")."""

    uses_short = False

    def id_form(self, out: Out, entry: Entry, pin: str | None) -> None:
        if pin:
            out.add(" " + grouped(pin_phrase(pin)))  # "Id. at 1236", "Id. at 50,380", "Id. § 3"

    def hereinafter(self, out: Out, entry: Entry) -> None:
        """Never *supra*: no short title to announce."""


class FederalRegister(OnTheRegister):
    name = "fed-reg"
    label = "Federal Register document"
    order = 75
    fields = (
        Field("title", required=True),
        *register_fields("page: 1234"),
        Field("agency", example="agency: Internal Revenue Service"),
        Field("docket", example="docket: IRS-2025-0001"),
        Field("rin", label="RIN", example="rin: 1545-BQ00"),
        Field("url"),
    )
    csl_claim_rank = 6

    def full(self, out: Out, entry: Entry, pin: str | None) -> None:
        agency = clean(entry.get("agency"))
        if agency:
            out.add(agency + ", ")
        out.add_then_comma(clean(entry.get("title")))
        out.add(register_cite(entry, pin))
        date(out, entry.get("date"))
        ids = [
            labelled(entry.get("docket"), "Docket No."),
            labelled(entry.get("rin"), "RIN"),
        ]
        if any(ids):
            out.add(" (" + "; ".join(i for i in ids if i) + ")")
        tail(out, entry, None)

    def short(self, out: Out, entry: Entry, pin: str | None, note: int, context: Context) -> None:
        out.add(register_cite(entry, pin, later=True))

    def csl_claims(self, item: Mapping[str, Any]) -> bool:
        """An item published in the Federal Register (its container title says so)."""
        return bool(re.search(FEDERAL_REGISTER, csl.text(item.get("container-title"))))

    def csl_fields(self, item: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "title": csl.text(item.get("title")),
            **register_csl_fields(item),
            "agency": csl.text(item.get("authority"))
            or csl.text(item.get("publisher"))
            or "; ".join(csl.literals(item.get("author"))),
            "docket": csl.text(item.get("number")),
        }

    def csl_id(self, fields: Mapping[str, Any]) -> str | None:
        volume, page = csl.text(fields.get("volume")), csl.text(fields.get("page"))
        return f"{volume}-fr-{page}" if volume and page else None


def register_cite(entry: Entry, pin: str | None, *, later: bool = False) -> str:
    """ "90 Fed. Reg. 1234, 1236" (a first citation); "90 Fed. Reg. at 1236" later (Bluebook
    14.9). A pin that is not a page ("§ II.B") follows the first page."""
    volume, page = clean(entry.get("volume")), grouped(entry.get("page"))
    if pin and later and is_page(pin):
        return f"{volume} Fed. Reg. at {pin_number(pin)}"
    return f"{volume} Fed. Reg. {page}" + (", " + pin_number(pin) if pin else "")


def labelled(value: object, label: str) -> str:
    """ "Docket No. IRS-2025-0001" from "IRS-2025-0001"; typed with its label, as typed."""
    text = clean(value)
    if not text or text.lower().startswith(label.lower().split()[0].rstrip(".")):
        return text
    return f"{label} {text}"


def register_csl_fields(item: Mapping[str, Any]) -> dict[str, Any]:
    """The Federal Register volume, first page and date of a CSL item."""
    page = csl.text(item.get("page")).replace(",", "")
    return {
        "volume": csl.text(item.get("volume")),
        "page": page.replace("–", "-").split("-")[0].strip(),
        "date": csl.date(item.get("issued")),
    }


KIND = FederalRegister()
