"""Footnotes: a footnote's cites as formatted text, with *Id.*, *supra* and short forms.

:class:`FootnoteWriter` turns each footnote's :class:`~oversight.citations.markers.Cite` objects
into :class:`Run` objects (text + italic flag), remembering earlier footnotes so it can use *Id.*,
*supra* and other short forms. What a source looks like — its full form, its short form, what
follows "Id." — is its kind's (``citations/kinds/``, through the registry); this module decides
which form, and strings the sources of a footnote together with their signals.

The style (documented with worked examples in docs/citations.md) follows the Bluebook's
practitioners' conventions as used in Senate letters, with italics instead of small capitals.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import msgspec

from oversight.citations import registry
from oversight.citations.bluebook import Out, Run, clean
from oversight.citations.markers import SIGNALS, Cite, canonical_signal

__all__ = ["FootnoteWriter", "Run"]


class FootnoteWriter:
    """Turns citations into footnote text, one footnote at a time, in letter order.

    It remembers earlier footnotes to choose *Id.* and short forms. A source's ``[hereinafter
    …]`` is printed at its first citation when ``announce`` names it; ``None`` (the rest of the
    letter unknown) announces every `short`. :meth:`write_all` writes a whole letter's footnotes,
    announcing only the short forms a later footnote uses.
    """

    #: Bluebook rule 4.1 lets the first source of a footnote with several sources be "Id." when
    #: it repeats the previous footnote's only source ("Id.; see also B."). Set False to allow
    #: "Id." only in footnotes that cite exactly one source.
    ID_IN_STRING_CITES: bool = True

    def __init__(
        self,
        reports: Mapping[str, Mapping[str, object]],
        *,
        announce: Collection[str] | None = None,
    ) -> None:
        self._reports = reports
        self._same = _same_sources(reports)
        self._announce = announce
        self._number = 0  # footnotes written so far
        self._first: dict[str, int] = {}  # report id -> footnote of its full citation
        self._prev: frozenset[str] = frozenset()  # distinct authorities of the previous footnote
        self._shortened: set[str] = set()  # ids cited in a short form so far
        self._context = registry.Context(reports)

    @classmethod
    def write_all(
        cls, reports: Mapping[str, Mapping[str, object]], notes: Sequence[Sequence[Cite]]
    ) -> list[list[Run]]:
        """Every footnote of a letter, in order. A `short` is announced ("[hereinafter …]") at a
        source's first citation only when a later citation uses that short form (Bluebook
        4.2(b)): the footnotes' forms are decided first, then written."""
        plan = cls(reports)
        for cites in notes:
            plan._decide(plan._as_sources(cites))
        writer = cls(reports, announce=plan.shortened)
        return [writer.footnote(cites) for cites in notes]

    def _as_sources(self, cites: Sequence[Cite]) -> list[Cite]:
        """The cites with each id replaced by the first id of the same source."""
        return [
            c
            if self._same.get(c.report_id, c.report_id) == c.report_id
            else msgspec.structs.replace(c, report_id=self._same[c.report_id])
            for c in cites
        ]

    @property
    def number(self) -> int:
        """How many footnotes have been written (the last footnote's number)."""
        return self._number

    @property
    def shortened(self) -> frozenset[str]:
        """The sources cited in a short form (not *Id.*) so far."""
        return frozenset(self._shortened)

    def first_note(self, report_id: str) -> int | None:
        """The footnote where report_id was cited in full, if it has been cited."""
        return self._first.get(report_id)

    def _decide(self, cites: list[Cite]) -> list[str]:
        """Each source's form in the next footnote — "id", "short", "full" or "note" (a kind
        that cites nothing, printed as written) — and the writer's memory moved past it.

        Raises KeyError for an unknown id and ValueError for an unknown kind before changing
        anything."""
        if not cites:
            raise ValueError("a footnote needs at least one citation")
        kinds = [registry.kind_of(self._reports[c.report_id]) for c in cites]
        n = self._number + 1
        authorities = [c.report_id for c, k in zip(cites, kinds, strict=True) if k.authority]
        forms: list[str] = []
        for i, (c, kind) in enumerate(zip(cites, kinds, strict=True)):
            if not kind.authority:
                forms.append("note")
            elif i == 0:
                use_id = (
                    len(self._prev) == 1
                    and c.report_id in self._prev
                    and (self.ID_IN_STRING_CITES or len(set(authorities)) == 1)
                )
                forms.append("id" if use_id else "")
            else:
                forms.append("id" if cites[i - 1].report_id == c.report_id else "")
            if not forms[-1]:
                forms[-1] = "short" if c.report_id in self._first else "full"
                self._first.setdefault(c.report_id, n)
            if forms[-1] == "short":
                self._shortened.add(c.report_id)
        self._number = n
        self._prev = frozenset(authorities)
        return forms

    def footnote(self, cites: Sequence[Cite]) -> list[Run]:
        """Runs for the next footnote's text (without its number)."""
        cites = self._as_sources(cites)
        entries = [self._reports[c.report_id] for c in cites]  # KeyError for unknown ids
        forms = self._decide(cites)
        out = Out()
        category = None
        new_sentence = True
        for i, (c, e, form) in enumerate(zip(cites, entries, forms, strict=True)):
            if c.pin is not None and not clean(c.pin):
                c = Cite(c.report_id, c.signal, None, c.parenthetical)
            kind = registry.kind_of(e)
            signal = (canonical_signal(c.signal) or clean(c.signal) or None) if c.signal else None
            cat = SIGNALS.get(signal, "support") if signal else None
            if form == "note" or new_sentence or (cat is not None and cat != category):
                # Bluebook 1.3: a different type of signal starts a new citation sentence; so
                # does text that cites nothing, and whatever follows it.
                if i:
                    if not out.ends_sentence():
                        out.add(".")
                    out.add(" ")
                category = cat or "support"
                starts = True
            else:
                out.add("; ")
                starts = False
            new_sentence = form == "note"

            if signal:
                out.add(signal if starts else signal[:1].lower() + signal[1:], True)
                out.add(" ", form == "id")  # "See id." reads as one italic phrase
            if form == "id":
                out.add("Id." if starts and not signal else "id.", True)
                kind.id_form(out, e, c.pin)
            elif form == "short":
                kind.short(out, e, c.pin, self._first[c.report_id], self._context)
            else:
                kind.full(out, e, c.pin)
                if form == "full" and (self._announce is None or c.report_id in self._announce):
                    kind.hereinafter(out, e)
            paren = clean(c.parenthetical)
            if paren:
                out.add(f" ({paren})")
        if not out.ends_sentence():
            out.add(".")
        return out.runs()


def _same_sources(reports: Mapping[str, Mapping[str, object]]) -> dict[str, str]:
    """Entries that describe one source under two ids (a bank's entry for 26 U.S.C. § 6103 and
    the letter's own, every field alike but the id): each later id -> the first. The reader sees
    one source, so it is cited as one: *Id.*, *supra* and short forms follow it across both ids."""
    first: dict[str, str] = {}
    out: dict[str, str] = {}
    for rid, fields in reports.items():
        key = msgspec.json.encode({k: str(v) for k, v in sorted(fields.items()) if k != "id"})
        out[rid] = first.setdefault(key.decode(), rid)
    return {rid: to for rid, to in out.items() if rid != to}
