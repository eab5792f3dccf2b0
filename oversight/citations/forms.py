"""The forms an entry takes in a letter, as runs of text: for `oversight reports list` and
`show`, which print them (plain, or in italics on a terminal)."""

from __future__ import annotations

from typing import Any

from oversight.citations import registry
from oversight.citations.bluebook import Run
from oversight.citations.footnotes import FootnoteWriter
from oversight.citations.library import Report
from oversight.citations.markers import Cite

__all__ = ["citation_forms", "full_form", "may_also_have"]

_OTHER = "\x00other"  # an id no entry can have: a footnote in between, so no Id.


def full_form(report: Report) -> list[Run]:
    """The entry's first, full citation, announcing its `short` (as when it is cited again)."""
    writer = FootnoteWriter({report.id: report.fields})
    return writer.footnote([Cite(report.id)])


def citation_forms(
    report: Report, everything: dict[str, dict[str, Any]]
) -> list[tuple[str, list[Run]]]:
    """(label, runs): the full form, later short forms (with and without a pin), and Id.

    ``everything`` is every entry the letter can cite (a court filing's short form depends on
    the others).
    """
    spec = registry.kind(report.kind)
    pin = spec.example_pin
    reports = {**everything, report.id: report.fields}
    reports[_OTHER] = {"kind": "web", "title": "Other", "publisher": "Other"}

    def write(*notes: list[Cite]) -> list[list[Run]]:
        return FootnoteWriter.write_all(reports, notes)

    me, other = [Cite(report.id)], [Cite(_OTHER)]
    at = [Cite(report.id, pin=pin)]
    once = write(me)[0]
    if not spec.authority:  # a note: the same words every time
        return [(f"every citation [@{report.id}]", once)]
    again = write(me, other, me)
    firsts = [(f"first citation [@{report.id}]", once)]
    if again[0] != once:  # a `short`, announced only when a later citation uses it
        firsts = [
            (f"first citation [@{report.id}], cited once", once),
            ("first citation, when a later one uses the short form", again[0]),
        ]
    return [
        *firsts,
        (f"first, with a pin [@{report.id}, {pin}]", write(at)[0]),
        ("later (note 1 = the first citation)", again[-1]),
        (f"later, with a pin [@{report.id}, {pin}]", write(me, other, at)[-1]),
        ("right after itself", write(me, me)[-1]),
        (f"right after itself, with a pin [@{report.id}, {pin}]", write(me, at)[-1]),
    ]


def may_also_have(report: Report) -> list[str]:
    """The optional fields an entry leaves out (and `short`, where its kind uses one)."""
    spec = registry.kind(report.kind)
    extra = (*spec.optional, "short") if spec.uses_short else spec.optional
    return [f for f in extra if f not in report.fields]
