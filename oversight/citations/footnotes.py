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

from collections.abc import Mapping, Sequence

from oversight.citations import registry
from oversight.citations.bluebook import Out, Run, clean
from oversight.citations.markers import SIGNALS, Cite, canonical_signal

__all__ = ["FootnoteWriter", "Run"]


class FootnoteWriter:
    """Turns citations into footnote text, one footnote at a time, in letter order.

    It remembers earlier footnotes to choose *Id.* and short forms.
    """

    #: Bluebook rule 4.1 lets the first source of a footnote with several sources be "Id." when
    #: it repeats the previous footnote's only source ("Id.; see also B."). Set False to allow
    #: "Id." only in footnotes that cite exactly one source.
    ID_IN_STRING_CITES: bool = True

    def __init__(self, reports: Mapping[str, Mapping[str, object]]) -> None:
        self._reports = reports
        self._number = 0  # footnotes written so far
        self._first: dict[str, int] = {}  # report id -> footnote of its full citation
        self._prev: frozenset[str] = frozenset()  # distinct sources of the previous footnote
        self._context = registry.Context(reports)

    @property
    def number(self) -> int:
        """How many footnotes have been written (the last footnote's number)."""
        return self._number

    def first_note(self, report_id: str) -> int | None:
        """The footnote where report_id was cited in full, if it has been cited."""
        return self._first.get(report_id)

    def footnote(self, cites: Sequence[Cite]) -> list[Run]:
        """Runs for the next footnote's text (without its number)."""
        cites = list(cites)
        if not cites:
            raise ValueError("a footnote needs at least one citation")
        entries = [self._reports[c.report_id] for c in cites]  # KeyError for unknown ids
        n = self._number + 1
        first = dict(self._first)
        ids = [c.report_id for c in cites]
        out = Out()
        category = None
        for i, (c, e) in enumerate(zip(cites, entries, strict=True)):
            if c.pin is not None and not clean(c.pin):
                c = Cite(c.report_id, c.signal, None, c.parenthetical)
            kind = registry.kind_of(e)  # ValueError for an unknown kind
            signal = (canonical_signal(c.signal) or clean(c.signal) or None) if c.signal else None
            cat = SIGNALS.get(signal, "support") if signal else None
            if i == 0:
                category = cat or "support"
                starts = True
            elif cat is not None and cat != category:
                # Bluebook 1.3: a different type of signal starts a new citation sentence.
                if not out.ends_sentence():
                    out.add(".")
                out.add(" ")
                category = cat
                starts = True
            else:
                out.add("; ")
                starts = False

            if i == 0:
                use_id = (
                    len(self._prev) == 1
                    and c.report_id in self._prev
                    and (self.ID_IN_STRING_CITES or len(set(ids)) == 1)
                )
            else:
                use_id = cites[i - 1].report_id == c.report_id

            if signal:
                out.add(signal if starts else signal[:1].lower() + signal[1:], True)
                out.add(" ", use_id)  # "See id." reads as one italic phrase
            if use_id:
                out.add("Id." if starts and not signal else "id.", True)
                kind.id_form(out, e, c.pin)
            elif c.report_id in first:
                kind.short(out, e, c.pin, first[c.report_id], self._context)
            else:
                first[c.report_id] = n
                kind.full(out, e, c.pin)
                kind.hereinafter(out, e)
            paren = clean(c.parenthetical)
            if paren:
                out.add(f" ({paren})")
        if not out.ends_sentence():
            out.add(".")
        self._number = n
        self._first = first
        self._prev = frozenset(ids)
        return out.runs()
