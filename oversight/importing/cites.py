"""Footnote text back to report entries and citations: what an office's past letters cite.

:func:`read_footnotes` reads each footnote's plain text (as Word holds it: italics are gone) and
returns the report entries it cites — of the citation registry's kinds, checked by their kind —
and, per footnote, its :class:`~oversight.citations.markers.Cite` objects in order, with their
signals, pins and parentheticals. *Id.*, "*supra* note 3" and the kinds' own later forms (a
statute's code citation again, "90 Fed. Reg. at 1236", a filing's "*Doe*, No. 1:25-cv-00313")
refer to the entry they repeat. What is not read as a source becomes a ``note`` entry holding the
footnote's text: a footnote is never lost. An entry that matches one of the office's library
(by report number, else by title) is cited by the library's id instead of being made again.

The forms read are those ``citations/kinds/`` print (docs/citations.md) and the common ways
offices write the same sources by hand; docs/import.md ("Footnotes") lists them and what a
round trip loses.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from typing import Any

import msgspec
from rapidfuzz import fuzz, utils

from oversight.citations import registry
from oversight.citations.bluebook import clean, format_date, year
from oversight.citations.kinds.court import first_party
from oversight.citations.markers import Cite, canonical_signal
from oversight.text import slug

__all__ = ["TITLE_THRESHOLD", "ImportedNotes", "read_footnotes"]

#: How alike (rapidfuzz ``token_sort_ratio``, 0-100, case and punctuation ignored) a title must
#: be to a library entry's of the same kind for the entry to be taken as that one.
TITLE_THRESHOLD = 90


class ImportedNotes(msgspec.Struct):
    """What a letter's footnotes cite."""

    entries: dict[str, dict[str, Any]]  # new report entries by id (with "id" and "kind")
    notes: list[list[Cite]]  # per footnote, its citations in order
    matched: dict[str, str]  # library id reused -> how it matched ("number GAO-25-107000")
    warnings: list[str]  # "footnote 7: 'Id.' with no earlier source: kept as a note"


# --------------------------------------------------------------------------------------------
# Patterns

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
DATE = rf"(?:{_MONTH}\s+(?:\d{{1,2}},?\s+)?\d{{4}}|\d{{4}})"
_DATE_PARTS = re.compile(rf"^(?:({_MONTH})\s+(?:(\d{{1,2}}),?\s+)?)?(\d{{4}})$")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_URL = r"https?://\S+"
_PIN_TEXT = r"(?:[^,(\[.]|\.(?!\s))+?"  # up to a comma, a parenthesis or a sentence's end
_PIN = (
    rf"(?:at\s+{_PIN_TEXT}|§§?\s*{_PIN_TEXT}|¶¶?\s*{_PIN_TEXT}"
    rf"|(?:p|pp|tbl|app|fig|pt|ch|slip op)\.\s*{_PIN_TEXT}|\d[\d\-–]*|[ivxl]+)"
)
_TAIL_PIN = re.compile(rf",?\s*({_PIN})(?=\s*(?:,|\(|\[|$|\.\s))")
_TAIL_URL = re.compile(rf",?\s*({_URL})")
_TAIL_VISITED = re.compile(r"\s*\(last visited ([^)]+)\)")
_TAIL_SHORT = re.compile(r"\s*\[hereinafter ([^\]]+)\]")

_ID_FORM = re.compile(r"^id\.?(?P<rest>(?:\s.*)?)$", re.I)
_ID_PIN = re.compile(
    r"^\s+(at\s+[^(]+?|§§?\s*[^\s(]+(?:\([^()\s]*\)[-\w.]*)*|¶¶?\s*[^(]+?)\s*(?=\(|$)"
)
_SUPRA = re.compile(
    r"^(?P<label>.+?),?\s+supra(?:\s+note\s+(?P<note>\d+))?(?P<rest>(?:[,\s(].*)?)$"
)
_LETTER = re.compile(rf"^Letter from (?P<body>.+?)\s*\((?P<date>{DATE})\)(?P<rest>.*)$")
_PRESS = re.compile(
    rf"^Press Release,\s*(?P<publisher>[^,]+),\s*(?P<title>.+?)\s*\((?P<date>{DATE})\)(?P<rest>.*)$"
)
_HEARING = re.compile(
    r"^(?P<title>.+?):\s*Hearing Before (?:the\s+)?(?P<committee>.+?),\s*"
    r"(?P<congress>\d+(?:st|nd|rd|th))\s+Cong\.(?:\s+(?P<pin>[^\s(]+))?"
    r"\s*\((?P<year>\d{4})\)(?P<rest>.*)$"
)
_HEARING_PAREN = re.compile(
    r"^\s*\((?:(?P<serial>Serial No\.\s*[^)]+|[SH]\.\s*(?:R\.\s*)?Hrg\.\s*[^)]+)"
    r"|statements? of (?P<witness>[^)]+))\)"
)
_EO = re.compile(
    r"^Exec(?:utive|\.)\s*Order\s*(?:No\.?\s*)?(?P<number>\d+(?:,\d{3})*)(?P<after>.*)$"
)
_ON_REGISTER = re.compile(
    rf'(?P<comma>,"|,)\s*(?P<volume>\d+)\s+Fed\.\s*Reg\.\s+(?:(?P<at>at)\s+)?(?P<page>\d+(?:,\d{3})*)'
    rf"(?:,\s*(?P<pin>[^(]+?))?(?:\s*\((?P<date>{DATE})\))?(?P<rest>(?:[,\s(\[].*)?)$"
)
_FED_REG_SHORT = re.compile(
    r"^(?P<volume>\d+)\s+Fed\.\s*Reg\.\s+(?:at\s+(?P<at>\d+(?:,\d{3})*)|(?P<page>\d+(?:,\d{3})*)"
    r"(?:,\s*(?P<pin>\d+(?:,\d{3})*))?)(?P<rest>.*)$"
)
_CODE = re.compile(
    r"^(?:(?P<name>.+?),\s+)?(?P<title>\d+)\s+"
    r"(?P<code>U\.\s?S\.\s?C\.(?:\s?A\.)?|C\.\s?F\.\s?R\.)\s*(?:§§?\s*)?"
    r"(?P<section>[\w.]+(?:[-–][\w.]+)*(?:\([^()\s]*\)-[\w.]+)?)"
    r"(?P<sub>(?:\([^()\s]+\))*)(?P<after>(?:\s+(?:et seq\.?|note))?)"
    r"(?:\s+\((?P<year>\d{4})\))?(?P<rest>(?:[,\s(\[].*)?)$"
)
_COURT = re.compile(
    rf"^(?P<case>[^,]+?\sv(?:s)?\.?\s.+?),\s*(?P<docket>(?:Case\s+)?No\.\s*[^,\s]+),\s*"
    rf"(?P<document>.+?)\s*\((?P<court>[^()]*?)(?:\s*(?P<filed>filed\s+)?(?P<date>{DATE}))?\)"
    r"(?:,\s*(?P<ecf>ECF No\.\s*\d+))?(?P<rest>.*)$"
)
_COURT_SHORT = re.compile(r"^(?P<party>[^,]+),\s*(?P<docket>No\.\s*[^,\s]+)(?P<rest>.*)$")
_DOCUMENT_PIN = re.compile(r"\s+(at\s+\S+|¶¶?\s*\S+|§§?\s*\S+)$")
_QUOTED = r'"(?P<title>[^"]+?),?"'
_ARTICLE_JOURNAL = re.compile(
    rf"^(?:(?P<author>[^\"]+?),\s*)?{_QUOTED}\s*(?P<volume>\d+)\s+(?P<publication>.+?)\s+"
    r"(?P<page>\d+)(?:,\s*(?P<pin>[\d\-–]+))?\s*\((?P<date>\d{4})\)(?P<rest>.*)$"
)
_ARTICLE_PRINT = re.compile(
    rf"^(?:(?P<author>[^\"]+?),\s*)?{_QUOTED}\s*(?P<publication>[^,(]+),\s*(?P<date>{DATE}),"
    r"\s*at\s+(?P<page>\d+)(?:,\s*(?P<pin>[\d\-–]+))?(?P<rest>.*)$"
)
_NEWS = re.compile(
    rf"^(?:(?P<author>[^\"]+?),\s*)?{_QUOTED}\s*(?P<publication>[^()]+?),?\s*"
    rf"\((?P<date>{DATE})(?:,[^)]*)?\)(?P<rest>.*)$"
)
_WEB = re.compile(rf"^(?P<publisher>[^,]+),\s*(?P<title>.+?),\s*(?P<url>{_URL})(?P<rest>.*)$")
_WEB_DATED = re.compile(
    rf"^(?P<publisher>[^,]+),\s*(?P<title>.+?)\s*\((?P<date>{DATE})\)(?P<rest>.*)$"
)

_GAO_NUMBER = r"GAO[-/‑][A-Z0-9]+(?:-[A-Z0-9]+)*"
_CRS_NUMBER = r"\b(?:R|RL|RS|IF|IN|LSB|TE|WPD)\d{3,5}\b"
_GAO_WHO = (
    r"(?:U\.S\.\s*)?(?:Gov(?:ernmen)?'?t\.?|General|Gen\.)\s+(?:Accountability|Accounting)\s+Off(?:ice|\.)"
    r"|GAO"
)
_CRS_WHO = r"Cong(?:ressional|\.)\s+R(?:e)?s(?:earch|ch\.)\s+Serv(?:ice|\.)(?:\s*\(CRS\))?|CRS"
_IG_WHO = (
    r"[^,]*(?:Inspector General|\bOIG\b|\bTIGTA\b|\bSIGAR\b|\bSIGPR\b|\bSIGTARP\b)[^,]*"
    r"(?:,\s*(?:U\.S\.\s*)?(?:Dep(?:artmen)?'?t\.?|Department|Agency)[^,]*)?"
)
_IG_NUMBER = r"(?:Report\s+)?No\.\s*[^,]+|OIG-[\w-]+"
_REPORT_BODY = (
    # "GAO-25-107000, Title (Mar. 2025)"; "Title (GAO-25-107000) (Mar. 2025)"; "Title, GAO-…
    # (Mar. 2025)"
    r"^(?:(?P<n1>NUMBER),\s*(?P<t1>.+?)|(?P<t2>.+?),?\s*\((?P<n2>NUMBER)\)"
    rf"|(?P<t3>.+?),\s*(?P<n3>NUMBER))\s*\((?P<date>{DATE})\)(?P<rest>.*)$"
)

# Agencies' words, to tell "Agency, Title" from a title with a comma
_AGENCY_WORDS = re.compile(
    r"\b(?:Service|Department|Dep't|Agency|Administration|Office|Bureau|Commission|Board"
    r"|Treasury|Institute|Council|Corporation|Authority|Committee|Center|Centers)\b"
)
# Magazines: an article by date prints as a news story does; these read back as articles
_MAGAZINES = {
    "the new yorker", "new yorker", "the atlantic", "atlantic", "time", "newsweek",
    "the economist", "economist", "wired", "harper's magazine", "mother jones",
    "the new republic", "new republic", "vanity fair", "rolling stone", "national review",
    "forbes", "fortune", "the nation", "new york magazine",
}  # fmt: skip
# Publications' short names, for ids ("wapo-2025-03-08")
_PUBLICATION_IDS = {
    "the washington post": "wapo", "washington post": "wapo", "wash. post": "wapo",
    "the new york times": "nyt", "new york times": "nyt", "n.y. times": "nyt",
    "the wall street journal": "wsj", "wall street journal": "wsj", "wall st. j.": "wsj",
    "associated press": "ap", "the associated press": "ap", "reuters": "reuters",
    "politico": "politico", "bloomberg": "bloomberg", "bloomberg news": "bloomberg",
    "cnn": "cnn", "npr": "npr", "the hill": "hill", "axios": "axios", "propublica": "propublica",
    "government executive": "govexec", "federal news network": "fnn", "nbc news": "nbc",
    "cbs news": "cbs", "abc news": "abc", "usa today": "usatoday", "los angeles times": "lat",
    "l.a. times": "lat", "the guardian": "guardian", "financial times": "ft",
}  # fmt: skip
# The end of a footnote whose final period belongs to the word ("Id.", "et al.", "D.D.C.")
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:Id|id|al|seq|Inc|Co|Corp|Jr|Sr|Ltd|Cong|Rev|Reg|Off|Serv|Compl|Op|Opp)"
    r"|\b[A-Z](?:\.[A-Z])+)\.$"
)
_MARKDOWN = re.compile(r"([\\`*_\[\]<&])")
_NEWS_UNQUOTED = re.compile(
    r"^(?P<head>[^\"]+?),\s*(?P<publication>"
    + "|".join(re.escape(p) for p in sorted(_PUBLICATION_IDS, key=len, reverse=True))
    + rf")\s*\((?P<date>{DATE})(?:,[^)]*)?\)(?P<rest>.*)$",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------------------------
# The reader


class _Read(msgspec.Struct):
    """A clause read as one source: a new entry's fields, or a later form to resolve."""

    kind: str
    fields: dict[str, Any]
    pin: str | None = None
    rest: str = ""
    later: bool = False  # a later form: it names an entry cited before (no new entry)


class _Tail(msgspec.Struct):
    pin: str | None = None
    url: str | None = None
    short: str | None = None
    visited: str | None = None
    paren: str | None = None
    leftover: str = ""  # a next sentence: ". Committee staff spoke …"


class _Reader:
    def __init__(self, library: Mapping[str, Mapping[str, Any]]) -> None:
        self.library = library
        self.entries: dict[str, dict[str, Any]] = {}
        self.known: dict[str, Mapping[str, Any]] = {}  # new and matched entries by id
        self.matched: dict[str, str] = {}
        self.warnings: list[str] = []
        self.notes: list[list[Cite]] = []
        self.first: dict[str, int] = {}  # id -> footnote of its first citation
        self.prev: list[str] = []  # the last footnote's sources (authorities), in order
        self.prev_n = 0

    # -- one footnote -------------------------------------------------------------------

    def footnote(self, n: int, raw: str) -> None:
        text = _normal(raw)
        stripped = bool(text.endswith(".") and not _ABBREVIATION_END.search(text))
        if stripped:
            text = text[:-1].rstrip()
        spans = _clauses(text)
        cites: list[Cite] = []
        here: list[str] = []
        pending: list[tuple[int, int]] = []

        def flush() -> None:
            if not pending:
                return
            start, end = pending[0][0], pending[-1][1]
            words = text[start:end].strip()
            if (end == len(text) and stripped) or text[end : end + 1] == ".":
                words += "."
            pending.clear()
            if words:
                cites.append(Cite(self._note(n, words)))

        i = 0
        while i < len(spans):
            got = None
            for joined in range(3):  # a title with ';' in it spans clauses
                if i + joined >= len(spans):
                    break
                start, end = spans[i][0], spans[i + joined][1]
                got = self._clause(n, text[start:end].strip(), here, joined > 0)
                if got is not None:
                    break
            if got is None:
                pending.append(spans[i])
                i += 1
                continue
            flush()
            cite, leftover = got
            cites.append(cite)
            if registry.kind_of(self.known[cite.report_id]).authority:
                here.append(cite.report_id)
            self.first.setdefault(cite.report_id, n)
            i += joined + 1
            if leftover:
                at = start + text[start:end].rfind(leftover)
                spans.insert(i, (at, at + len(leftover)))
        flush()
        if not cites:  # an empty footnote
            cites.append(Cite(self._note(n, clean(raw) or "(empty footnote)")))
        self.notes.append(cites)
        if here:
            self.prev, self.prev_n = here, n

    def _clause(
        self, n: int, clause: str, here: list[str], joined: bool
    ) -> tuple[Cite, str] | None:
        """The clause read as one source (and any next sentence left after it), or None.
        Clauses joined again (a ';' inside a title) are read only as kinds whose titles print
        plain: a Federal Register document, an executive order."""
        signal, body = _signal(clause)
        if not body:
            return None
        if joined:
            found = self._source(n, body, (_executive_order, _fed_reg))
        else:
            found = self._repeat(n, body, here) or self._source(n, body)
        if found is None:
            return None
        rid, pin, tail = found
        return Cite(rid, signal, pin, tail.paren), tail.leftover

    def _repeat(self, n: int, body: str, here: list[str]) -> tuple[str, str | None, _Tail] | None:
        """ "Id. at 5" and "Short, supra note 3, at 5"."""
        m = _ID_FORM.match(body)
        if m:
            rid = self._antecedent(n, here)
            if rid is None:
                return None
            rest = m.group("rest")
            pin = None
            p = _ID_PIN.match(rest)
            if p:
                pin, rest = _pin(p.group(1), self.known[rid]), rest[p.end() :]
            tail = _tail(rest, pins=False)
            if tail is None:
                self.warnings.append(f"footnote {n}: '{body}' not understood: kept as a note")
                return None
            return rid, pin, tail
        m = _SUPRA.match(body)
        if m:
            rid = self._supra(n, m.group("label"), m.group("note"))
            tail = _tail(m.group("rest"))
            if rid is None or tail is None:
                return None
            return rid, _pin(tail.pin, self.known[rid]) if tail.pin else None, tail
        return None

    def _antecedent(self, n: int, here: list[str]) -> str | None:
        if here:
            return here[-1]
        if not self.prev:
            self.warnings.append(f"footnote {n}: 'Id.' with no earlier source: kept as a note")
            return None
        if self.prev_n != n - 1:
            self.warnings.append(
                f"footnote {n}: 'Id.' after a footnote citing no source: read as "
                f"{self.prev[-1]} (footnote {self.prev_n})"
            )
        elif len(set(self.prev)) > 1:
            self.warnings.append(
                f"footnote {n}: 'Id.' after a footnote citing several sources: read as the "
                f"last of them, {self.prev[-1]}"
            )
        return self.prev[-1]

    def _supra(self, n: int, label: str, note: str | None) -> str | None:
        label = _plain_label(label)
        if note is not None:
            there = [rid for rid, first in self.first.items() if first == int(note)]
            there = [rid for rid in there if registry.kind_of(self.known[rid]).authority]
            if len(there) == 1:
                return there[0]
            if not there:
                self.warnings.append(
                    f"footnote {n}: 'supra note {note}': note {note} cites no source first: "
                    "kept as a note"
                )
                return None
        else:
            there = [rid for rid in self.first if registry.kind_of(self.known[rid]).authority]
        best, score = None, 0.0
        for rid in there:
            entry = self.known[rid]
            kind = registry.kind_of(entry)
            for candidate in (kind.short_label(entry)[0], registry.headline(entry)):
                s = fuzz.token_sort_ratio(
                    label, _plain_label(candidate), processor=utils.default_process
                )
                if s > score:
                    best, score = rid, s
        if best is None or (note is None and score < TITLE_THRESHOLD):
            self.warnings.append(f"footnote {n}: '{label}, supra': no earlier source by that name")
            return None
        return best

    # -- a source -----------------------------------------------------------------------

    def _source(
        self, n: int, body: str, parsers: Sequence[Any] = ()
    ) -> tuple[str, str | None, _Tail] | None:
        for parse in parsers or _PARSERS:
            read = parse(body)
            if read is None:
                continue
            tail = _tail(read.rest, pins=read.pin is None)
            if tail is None:
                continue
            pin = read.pin if read.pin is not None else tail.pin
            fields = dict(read.fields)
            for key, value in (("url", tail.url), ("short", tail.short)):
                if value:
                    fields[key] = value
            if tail.visited:
                fields["accessed"] = _date(tail.visited) or tail.visited
            entry = {"kind": read.kind, **{k: v for k, v in fields.items() if v not in (None, "")}}
            if read.later:
                rid = self._later(entry)
                if rid is None:
                    continue
            else:
                rid = self._entry(n, entry)
                if rid is None:
                    continue
            return rid, _pin(pin, self.known[rid]) if pin else None, tail
        return None

    def _later(self, entry: dict[str, Any]) -> str | None:
        """The entry a later form (no title, no date) repeats, among those cited before."""
        kind = entry["kind"]
        if kind == "court-short":
            docket = _fold(entry["docket"])
            same = [
                rid
                for rid, e in self.known.items()
                if e.get("kind") == "court" and _fold(_docket(e)) == docket
            ]
            if len(same) > 1:
                document = _fold(entry.get("document", ""))
                named = [
                    rid
                    for rid in same
                    if document
                    and document.startswith(
                        _fold(self.known[rid].get("short") or self.known[rid].get("document"))
                    )
                ]
                same = named or same
            return same[0] if same else None
        if kind == "fed-reg-short":
            volume, page = entry["volume"], entry.get("page")
            best, best_page = None, -1
            for rid, e in self.known.items():
                if e.get("kind") not in ("fed-reg", "executive-order"):
                    continue
                if clean(e.get("volume")) != clean(volume):
                    continue
                first = _int(e.get("page"))
                if page is not None and first == page:
                    return rid
                if page is None and best_page < first <= _int(entry.get("at")):
                    best, best_page = rid, first
            return best
        key = _key(entry)
        for rid, e in self.known.items():
            if _key(e) == key:
                return rid
        return None

    def _entry(self, n: int, entry: dict[str, Any]) -> str | None:
        """The id of the entry: one cited before, the library's, or a new one (None when the
        kind's checks refuse it)."""
        key = _key(entry)
        for rid, e in self.known.items():
            if key is not None and _key(e) == key:
                return rid
        problems = _problems(entry)
        if problems:
            self.warnings.append(
                f"footnote {n}: read as {registry.kind(entry['kind']).a_label} but "
                f"{problems[0]}: kept as a note"
            )
            return None
        found = self._in_library(entry)
        if found is not None:
            rid, how = found
            self.matched.setdefault(rid, how)
            self.known[rid] = self.library[rid]
            return rid
        rid = _new_id(entry, n, taken=self.entries.keys() | self.library.keys())
        self.entries[rid] = {"id": rid, **entry}
        self.known[rid] = self.entries[rid]
        return rid

    def _in_library(self, entry: Mapping[str, Any]) -> tuple[str, str] | None:
        number = _number(entry)
        if number is not None:
            for rid, e in self.library.items():
                if _number(e) == number:
                    return rid, f"{number[0]} {number[2]}"
        title = registry.headline(entry)
        best: tuple[str, float] | None = None
        for rid, e in self.library.items():
            if _family(e.get("kind")) != _family(entry["kind"]):
                continue
            other = _number(e)
            if number is not None and other is not None:
                continue  # two numbered reports with different numbers are two reports
            score = fuzz.token_sort_ratio(
                title, registry.headline(e), processor=utils.default_process
            )
            if score >= TITLE_THRESHOLD and (best is None or score > best[1]):
                best = (rid, score)
        if best is None:
            return None
        return best[0], f"title {best[1]:.0f}%"

    def _note(self, n: int, words: str) -> str:
        entry = {"kind": "note", "text": _MARKDOWN.sub(r"\\\1", words)}
        rid = _new_id(entry, n, taken=self.entries.keys() | self.library.keys())
        self.entries[rid] = {"id": rid, **entry}
        self.known[rid] = self.entries[rid]
        return rid


def read_footnotes(
    texts: Sequence[str], library: Mapping[str, Mapping[str, Any]] = {}
) -> ImportedNotes:
    """Report entries and citations from the plain text of a letter's footnotes, in order.

    ``library`` is the office's existing entries (id -> fields): a source found there is cited
    by its id (``matched`` says how) rather than made again."""
    reader = _Reader(library)
    for n, text in enumerate(texts, start=1):
        reader.footnote(n, text)
    return ImportedNotes(reader.entries, reader.notes, reader.matched, reader.warnings)


# --------------------------------------------------------------------------------------------
# Text: clauses, signals, tails, dates


def _normal(text: str) -> str:
    """Straight quotes, one space: entries hold straight quotes (they print curly)."""
    for a, b in (("\u201c", '"'), ("\u201d", '"'), ("\u2018", "'"), ("\u2019", "'")):
        text = text.replace(a, b)
    return " ".join(text.replace("\u00a0", " ").replace("\u2011", "-").split())


_SENTENCE = re.compile(r"\.\s+(?=(?:See|But|Cf\.|Contra|Accord|E\.g\.|Compare|Id\.)(?:\W|$))")


def _clauses(text: str) -> list[tuple[int, int]]:
    """Where each source of a footnote stands: split at ';' and at a sentence that starts with a
    signal or "Id.", outside parentheses, brackets and quotations."""
    spans: list[tuple[int, int]] = []
    depth, quoted, start, i = 0, False, 0, 0
    while i < len(text):
        c = text[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif c == '"':
            quoted = not quoted
        elif depth == 0 and not quoted:
            if c == ";":
                spans.append((start, i))
                start = i + 1
            elif c == "." and _SENTENCE.match(text, i):
                spans.append((start, i + 1 if _ABBREVIATION_END.search(text[start : i + 1]) else i))
                start = i + 1
        i += 1
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        piece = text[a:b]
        if not piece.strip():
            continue
        # "Compare A, with B": two sources
        at = piece.find(", with ") if piece.lstrip().lower().startswith("compare ") else -1
        out.extend([(a, a + at), (a + at + 2, b)] if at > 0 else [(a, b)])
    return out


def _signal(clause: str) -> tuple[str | None, str]:
    """The signal a clause starts with, in its standard form, and the rest."""
    words = clause.split(" ")
    if words[0].lower() in ("compare", "with"):
        return words[0].capitalize() if words[0].lower() == "compare" else "with", " ".join(
            words[1:]
        ).removeprefix(", ")
    for k in range(min(4, len(words) - 1), 0, -1):
        found = canonical_signal(" ".join(words[:k]))
        if found:
            return found, " ".join(words[k:])
    return None, clause


def _tail(rest: str, *, pins: bool = True) -> _Tail | None:
    """What follows a source's core, in the order citations print it: ", at 5", ", URL",
    "(last visited …)", "[hereinafter …]", "(parenthetical)"; then perhaps a next sentence.
    None when something else is there."""
    out = _Tail()
    s = rest
    m = _TAIL_PIN.match(s) if pins else None
    if m:
        out.pin, s = m.group(1).strip(), s[m.end() :]
    m = _TAIL_URL.match(s)
    if m:
        out.url, s = m.group(1).rstrip(",;"), s[m.end() :]
    m = _TAIL_VISITED.match(s)
    if m:
        out.visited, s = m.group(1), s[m.end() :]
    m = _TAIL_SHORT.match(s)
    if m:
        out.short, s = m.group(1).strip().strip('"'), s[m.end() :]
    stripped = s.lstrip()
    if stripped.startswith("("):
        close = _closing(stripped, 0)
        if close < 0:
            return None
        out.paren, s = stripped[1:close], stripped[close + 1 :]
    s = s.strip()
    if s.startswith(". ") or s == ".":
        out.leftover = s[1:].strip()
    elif s:
        return None
    return out


def _closing(text: str, at: int) -> int:
    depth = 0
    for i in range(at, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _pin(pin: str, entry: Mapping[str, Any]) -> str:
    """A pin as an entry's citation takes it: "at 5" -> "5"; after a statute's "Id.", the
    subsection ("§ 6103(i)(7)" -> "(i)(7)")."""
    pin = pin.strip().rstrip(",")
    if pin.lower().startswith("at "):
        return pin[3:].strip()
    section = clean(entry.get("section"))
    if section and entry.get("kind") in ("statute", "regulation"):
        bare = pin.lstrip("§").strip()
        if bare.startswith(section) and bare[len(section) : len(section) + 1] in ("(", " "):
            return bare[len(section) :].strip()
    return pin


def _date(text: str) -> datetime.date | str | None:
    """ "Mar. 8, 2025" -> date(2025, 3, 8); "Mar. 2025" -> "2025-03"; "2025" -> "2025"."""
    m = _DATE_PARTS.match(clean(text))
    if not m:
        return None
    month, day, yr = m.groups()
    if month is None:
        return yr
    number = _MONTHS.index(month[:3].lower()) + 1
    if day is None:
        return f"{yr}-{number:02d}"
    try:
        return datetime.date(int(yr), number, int(day))
    except ValueError:
        return None


def _int(value: object) -> int:
    digits = clean(value).replace(",", "")
    return int(digits) if digits.isdigit() else 0


def _number_text(value: str) -> int | str:
    digits = value.replace(",", "").strip()
    return int(digits) if digits.isdigit() else value.strip()


def _names(text: str) -> str | list[str]:
    """Authors as printed: "A & B" -> [A, B]; anything else as typed."""
    parts = [p.strip() for p in text.split(" & ")]
    return parts if len(parts) > 1 and "," not in text else text.strip()


def _fold(value: object) -> str:
    return " ".join(clean(value).casefold().replace("'", "").split())


def _plain_label(label: str) -> str:
    return label.strip().strip('"').rstrip(",").strip('"').strip()


def _docket(entry: Mapping[str, Any]) -> str:
    number = clean(entry.get("docket"))
    return "No. " + number if number[:1].isdigit() else number


# --------------------------------------------------------------------------------------------
# The kinds, as they print


def _numbered(kind: str, number: str, body: str, **extra: Any) -> _Read | None:
    m = re.match(_REPORT_BODY.replace("NUMBER", number), body)
    if not m:
        return None
    found = m.group("n1") or m.group("n2") or m.group("n3")
    title = m.group("t1") or m.group("t2") or m.group("t3")
    fields = {"title": title.strip().rstrip(","), "number": found, "date": _date(m["date"])}
    return _Read(kind, {**extra, **fields}, rest=m.group("rest"))


def _gao(body: str) -> _Read | None:
    m = re.match(rf"^(?:{_GAO_WHO}),\s*(?P<body>.*)$", body)
    if m:
        return _numbered("gao", _GAO_NUMBER, m.group("body"))
    m = re.match(
        rf"^(?P<n1>{_GAO_NUMBER}),\s*(?P<t1>.+?)\s*\((?P<date>{DATE})\)(?P<rest>.*)$", body
    )
    if m and "supra" not in m.group("t1"):
        return _Read(
            "gao",
            {"title": m["t1"], "number": m["n1"], "date": _date(m["date"])},
            rest=m.group("rest"),
        )
    return None


def _crs(body: str) -> _Read | None:
    m = re.match(rf"^(?:(?P<author>.*?),\s*)?(?:{_CRS_WHO}),\s*(?P<body>.*)$", body)
    if not m:
        return None
    author = _names(m.group("author")) if m.group("author") else None
    return _numbered("crs", _CRS_NUMBER, m.group("body"), author=author)


def _ig(body: str) -> _Read | None:
    m = re.match(rf"^(?P<agency>{_IG_WHO}),\s*(?P<body>.*)$", body)
    if not m:
        return None
    read = _numbered("ig", _IG_NUMBER, m.group("body"), agency=m.group("agency"))
    if read is not None:
        return read
    m2 = re.match(rf"^(?P<title>.+?)\s*\((?P<date>{DATE})\)(?P<rest>.*)$", m.group("body"))
    if not m2:
        return None
    fields = {"agency": m["agency"], "title": m2["title"], "date": _date(m2["date"])}
    return _Read("ig", fields, rest=m2.group("rest"))


def _code(body: str) -> _Read | None:
    m = _CODE.match(body)
    if not m:
        return None
    code = m["code"].replace(" ", "")
    kind = "regulation" if code == "C.F.R." else "statute"
    fields: dict[str, Any] = {"title": m["title"], "code": code, "section": m["section"]}
    if m["year"]:
        fields["year"] = int(m["year"])
    if m["name"]:
        if kind == "statute":
            fields["name"] = m["name"]
        else:  # a regulation prints no name: keep it for staff
            fields["note"] = f"named in the letter: {m['name']}"
    pin = (m["sub"] + m["after"]).strip() or None
    return _Read(kind, fields, pin=pin, rest=m["rest"])


def _executive_order(body: str) -> _Read | None:
    m = _EO.match(body)
    if not m:
        return None
    fields: dict[str, Any] = {"number": _number_text(m["number"])}
    after = m["after"]
    r = _ON_REGISTER.search(after)
    if r is None or r["at"]:  # "Exec. Order No. 14,158, § 3", "…, 90 Fed. Reg. at 8442"
        pin = r["page"] if r is not None else None
        rest = after
        if r is None:
            s = re.match(r"^,\s*(§§?\s*[^,(]+?)(?=\s*(?:,|\(|$))", after)
            pin, rest = (s.group(1), after[s.end() :]) if s else (None, after)
        else:
            rest = r["rest"]
        return _Read("executive-order", fields, pin=pin, rest=rest, later=True)
    middle = after[: r.start()].removeprefix(",").strip()
    pin = r["pin"]
    s = re.search(r'(?:^|(,"?)\s*)(§§?\s*[^,]+)$', middle)
    if s:
        pin, middle = s.group(2), middle[: s.start()].strip() + ('"' if s.group(1) == ',"' else "")
    if r["comma"] == ',"':
        middle += '"'
    fields.update(
        volume=int(r["volume"]), page=_int(r["page"]), date=_date(r["date"] or ""), title=middle
    )
    return _Read("executive-order", fields, pin=pin, rest=r["rest"])


def _fed_reg(body: str) -> _Read | None:
    r = _ON_REGISTER.search(body)
    if r is None or r["at"] or r.start() == 0 or not r["date"]:
        return None
    pre = body[: r.start()].strip()
    if r["comma"] == ',"':
        pre += '"'
    fields: dict[str, Any] = {"volume": int(r["volume"]), "page": _int(r["page"])}
    fields["date"] = _date(r["date"])
    head, _, title = pre.partition(", ")
    if title and _AGENCY_WORDS.search(head):
        fields.update(agency=head, title=title)
    else:
        fields["title"] = pre
    rest = r["rest"]
    ids = re.match(r"^\s*\(((?:Docket|RIN)[^)]*)\)", rest)
    if ids:
        for part in ids.group(1).split(";"):
            part = part.strip()
            if part.startswith("RIN"):
                fields["rin"] = part.removeprefix("RIN").strip()
            elif part.startswith("Docket"):
                fields["docket"] = re.sub(r"^Docket\s+(?:No\.\s*)?", "", part)
        rest = rest[ids.end() :]
    return _Read("fed-reg", fields, pin=r["pin"], rest=rest)


def _fed_reg_later(body: str) -> _Read | None:
    m = _FED_REG_SHORT.match(body)
    if not m:
        return None
    fields: dict[str, Any] = {"volume": m["volume"]}
    if m["page"]:
        fields["page"] = _int(m["page"])
    else:
        fields["at"] = m["at"]
    pin = m["at"] or m["pin"]
    return _Read("fed-reg-short", fields, pin=pin, rest=m["rest"], later=True)


def _court(body: str) -> _Read | None:
    m = _COURT.match(body)
    if not m:
        return None
    document, pin = m["document"], None
    p = _DOCUMENT_PIN.search(document)
    if p:
        document, pin = document[: p.start()], p.group(1)
    fields: dict[str, Any] = {
        "case": m["case"],
        "court": m["court"].strip(),
        "docket": m["docket"],
        "document": document.strip(),
    }
    if m["date"]:
        fields["filed" if m["filed"] else "date"] = _date(m["date"])
    if m["ecf"]:
        fields["ecf"] = _number_text(m["ecf"].removeprefix("ECF No."))
    return _Read("court", fields, pin=pin, rest=m["rest"])


def _court_later(body: str) -> _Read | None:
    m = _COURT_SHORT.match(body)
    if not m:
        return None
    rest, pin = m["rest"], None
    d = re.match(
        r"^,\s*(?P<document>[^,(]+?)(?:\s+(?P<pin>at\s+[^(,]+|¶¶?\s*[^(,]+))?(?=\s*\(|$)", rest
    )
    fields: dict[str, Any] = {"docket": m["docket"], "party": m["party"]}
    if d and not _TAIL_PIN.fullmatch(d.group(0)):
        fields["document"] = d["document"]
        pin, rest = d["pin"], rest[d.end() :]
    return _Read("court-short", fields, pin=pin, rest=rest, later=True)


def _hearing(body: str) -> _Read | None:
    m = _HEARING.match(body)
    if not m:
        return None
    fields: dict[str, Any] = {
        "title": m["title"],
        "committee": m["committee"],
        "date": m["year"],
        "congress": m["congress"],
    }
    rest = m["rest"]
    while p := _HEARING_PAREN.match(rest):
        if p["serial"]:
            fields["serial"] = p["serial"].removeprefix("Serial No.").strip()
        else:
            found = re.split(r",\s*(?:and\s+)?|\s+and\s+", p["witness"])
            fields["witness"] = found if len(found) > 1 else found[0]
        rest = rest[p.end() :]
    return _Read("hearing", fields, pin=m["pin"], rest=rest)


def _letter(body: str) -> _Read | None:
    m = _LETTER.match(body)
    if not m:
        return None
    parties = m["body"]
    fields: dict[str, Any] = {"date": _date(m["date"])}
    s = re.search(r',\s*"([^"]+)"$', parties)
    if s:
        fields["subject"], parties = s.group(1), parties[: s.start()]
    sender, sep, to = parties.partition(", to ")
    if not sep:
        sender, sep, to = parties.partition(" to ")
    if not sep:
        return None
    fields["from"], fields["to"] = _names(sender), _names(to)
    return _Read("letter", fields, rest=m["rest"])


def _press_release(body: str) -> _Read | None:
    m = _PRESS.match(body)
    if not m:
        return None
    fields = {"publisher": m["publisher"], "title": m["title"], "date": _date(m["date"])}
    return _Read("press-release", fields, rest=m["rest"])


def _article(body: str) -> _Read | None:
    m = _ARTICLE_JOURNAL.match(body) or _ARTICLE_PRINT.match(body)
    if not m:
        return None
    fields: dict[str, Any] = {"title": m["title"], "publication": m["publication"].strip()}
    fields["date"] = _date(m["date"])
    if "volume" in m.groupdict():
        fields["volume"] = int(m["volume"])
    fields["page"] = int(m["page"])
    if m["author"]:
        fields["author"] = _names(m["author"])
    return _Read("article", fields, pin=m["pin"], rest=m["rest"])


def _news(body: str) -> _Read | None:
    m = _NEWS.match(body)
    if not m:
        return None
    publication = m["publication"].strip()
    kind = "article" if publication.casefold() in _MAGAZINES else "news"
    fields: dict[str, Any] = {"title": m["title"], "publication": publication}
    fields["date"] = _date(m["date"])
    if m["author"]:
        fields["author"] = _names(m["author"])
    return _Read(kind, fields, rest=m["rest"])


def _news_unquoted(body: str) -> _Read | None:
    """ "Jacob Bogage, IRS nears deal, Wash. Post (Mar. 8, 2025)": a title in italics (lost in
    plain text), read only before a publication known to be a newspaper."""
    m = _NEWS_UNQUOTED.match(body)
    if not m:
        return None
    head, _, title = m["head"].partition(", ")
    author = head if title else None
    fields: dict[str, Any] = {"title": title or head, "publication": m["publication"]}
    fields["date"] = _date(m["date"])
    if author:
        fields["author"] = _names(author)
    return _Read("news", fields, rest=m["rest"])


def _web(body: str) -> _Read | None:
    m = _WEB.match(body)
    fields: dict[str, Any]
    if m:
        title = m["title"]
        fields = {"publisher": m["publisher"], "url": m["url"].rstrip(",")}
        d = re.search(rf"\s*\(({DATE})\)$", title)
        if d:
            title, fields["date"] = title[: d.start()], _date(d.group(1))
        p = re.search(rf",\s*({_PIN})$", title)
        pin = None
        if p:
            title, pin = title[: p.start()], p.group(1)
        fields["title"] = title
        return _Read("web", fields, pin=pin, rest=m["rest"])
    m = _WEB_DATED.match(body)
    if not m or '"' in m["title"]:
        return None
    fields = {"publisher": m["publisher"], "title": m["title"], "date": _date(m["date"])}
    return _Read("web", fields, rest=m["rest"])


# In this order: forms that start with their own words first, the catch-alls last.
_PARSERS = (
    _letter,
    _press_release,
    _hearing,
    _executive_order,
    _code,
    _court,
    _court_later,
    _fed_reg_later,
    _fed_reg,
    _gao,
    _crs,
    _ig,
    _article,
    _news,
    _news_unquoted,
    _web,
)


# --------------------------------------------------------------------------------------------
# Entries: identity, library numbers, ids, checks


def _key(entry: Mapping[str, Any]) -> tuple[str, ...] | None:
    """What makes two entries one source (a later form or a repeated full citation)."""
    kind = clean(entry.get("kind"))
    number = _number(entry)
    if number is not None:
        return (kind, number[1])
    if kind == "note":
        return None
    return (kind, _fold(registry.headline(entry)), format_date(entry.get("date")))


def _number(entry: Mapping[str, Any]) -> tuple[str, str, str] | None:
    """(how it is named, its folded value, as printed) for kinds known by a number."""
    kind = entry.get("kind")
    if kind in ("gao", "crs", "ig") and clean(entry.get("number")):
        printed = clean(entry.get("number"))
        return "number", _fold(re.sub(r"^(?:Report\s+)?No\.\s*", "", printed)), printed
    if kind in ("statute", "regulation"):
        section = clean(entry.get("section")).lstrip("§").strip()
        printed = f"{clean(entry.get('title'))} {clean(entry.get('code'))} § {section}"
        return "section", _fold(printed.replace(" ", "")), printed
    if kind == "executive-order":
        printed = f"Exec. Order No. {_int(entry.get('number'))}"
        return "number", printed, printed
    if kind == "fed-reg":
        printed = f"{clean(entry.get('volume'))} Fed. Reg. {_int(entry.get('page'))}"
        return "citation", printed, printed
    if kind == "court":
        printed = f"{_docket(entry)}, {clean(entry.get('document'))}"
        return "docket", _fold(printed), printed
    return None


def _family(kind: object) -> str:
    return "news" if kind in ("news", "article") else clean(kind)


def _problems(entry: Mapping[str, Any]) -> list[str]:
    """The kind's errors for the entry (warnings pass)."""
    found: list[str] = []

    def report(
        where: tuple[Any, ...],
        message: str,
        *,
        hint: str | None = None,
        key: bool = False,
        severity: str = "error",
    ) -> None:
        if severity != "warning":
            found.append(message)

    registry.kind_of(entry).check({"id": "x", **entry}, report)
    return found


def _new_id(entry: Mapping[str, Any], n: int, taken: Any) -> str:
    """A short id made from the source: gao-25-107000, usc-26-6103, wapo-2025-03-08."""
    kind = entry["kind"]
    when = entry.get("date")
    day = when.isoformat() if isinstance(when, datetime.date) else clean(when)
    if kind in ("gao", "crs"):
        base = ("" if kind == "gao" else "crs-") + clean(entry.get("number"))
    elif kind == "ig":
        number = re.sub(r"^(?:Report\s+)?No\.\s*", "", clean(entry.get("number")))
        base = "ig-" + (number or slug(clean(entry.get("title")), words=3))
    elif kind in ("statute", "regulation"):
        code = clean(entry.get("code")).replace(".", "")
        base = f"{code}-{clean(entry.get('title'))}-{clean(entry.get('section'))}"
    elif kind == "executive-order":
        base = f"eo-{_int(entry.get('number'))}"
    elif kind == "fed-reg":
        base = f"fr-{clean(entry.get('volume'))}-{_int(entry.get('page'))}"
    elif kind == "court":
        party = slug(first_party(clean(entry.get("case"))), words=1)
        base = f"{party}-{slug(clean(entry.get('document')), words=2)}"
    elif kind in ("news", "article"):
        publication = clean(entry.get("publication"))
        short = _PUBLICATION_IDS.get(publication.casefold()) or slug(
            publication, words=2, skip=("the",)
        )
        base = f"{short}-{day}"
    elif kind == "letter":
        sender = entry.get("from")
        first = clean(sender[0] if isinstance(sender, list) else sender).split(",")[0].split()
        base = f"letter-{first[-1] if first else ''}-{day}"
    elif kind == "hearing":
        base = f"hearing-{slug(clean(entry.get('title')), words=3)}-{year(when)}"
    elif kind == "press-release":
        base = f"pr-{slug(clean(entry.get('publisher')), words=2)}-{day}"
    elif kind == "web":
        base = f"{slug(clean(entry.get('publisher')), words=2)}-{slug(clean(entry.get('title')), words=3)}"
    else:
        base = f"note-{n}"
    return slug(base, default=f"source-{n}", taken=taken)
