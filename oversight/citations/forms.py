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
    """The entry's first, full citation."""
    writer = FootnoteWriter({report.id: report.fields})
    return writer.footnote([Cite(report.id)])


def citation_forms(
    report: Report, everything: dict[str, dict[str, Any]]
) -> list[tuple[str, list[Run]]]:
    """(label, runs): the full form, later short forms (with and without a pin), and Id.

    ``everything`` is every entry the letter can cite (a court filing's short form depends on
    the others).
    """
    pin = registry.kind(report.kind).example_pin
    reports = {**everything, report.id: report.fields}
    reports[_OTHER] = {"kind": "web", "title": "Other", "publisher": "Other"}

    def write(*notes: list[Cite]) -> list[Run]:
        w = FootnoteWriter(reports)
        runs: list[Run] = []
        for cites in notes:
            runs = w.footnote(cites)
        return runs

    me, other = [Cite(report.id)], [Cite(_OTHER)]
    at = [Cite(report.id, pin=pin)]
    return [
        (f"first citation [@{report.id}]", write(me)),
        (f"first, with a pin [@{report.id}, {pin}]", write(at)),
        ("later (note 1 = the first citation)", write(me, other, me)),
        (f"later, with a pin [@{report.id}, {pin}]", write(me, other, at)),
        ("right after itself", write(me, me)),
        (f"right after itself, with a pin [@{report.id}, {pin}]", write(me, at)),
    ]


def may_also_have(report: Report) -> list[str]:
    """The optional fields an entry leaves out (and `short`, where its kind uses one)."""
    spec = registry.kind(report.kind)
    extra = (*spec.optional, "short") if spec.uses_short else spec.optional
    return [f for f in extra if f not in report.fields]
