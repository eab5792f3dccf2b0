"""Citations for oversight letters: parse ``[...]`` citation text and write footnotes.

Two halves:

* :func:`parse_citation` (from :mod:`oversight.citations.markers`, the one reader of ``[...]``
  markers) turns the text between the brackets of ``[See @a, at 5; @b]`` into :class:`Cite`
  objects, or raises :class:`CitationSyntaxError` with a one-line message and the column where
  the text went wrong.
* :class:`FootnoteWriter` turns a footnote's cites into formatted :class:`Run` objects (text +
  italic flag), remembering earlier footnotes so it can use *Id.*, *supra* and other short forms.

The style (documented with worked examples in docs/citations.md) follows the Bluebook's
practitioners' conventions as used in Senate letters, with italics instead of small capitals.
Standard library only; nothing is compiled at import time.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

import msgspec

from oversight.citations.markers import (
    SIGNALS,
    CitationSyntaxError,
    Cite,
    parse_citation,
)
from oversight.citations.markers import canonical_signal as _canonical_signal

__all__ = [
    "COMMON_FIELDS",
    "KINDS",
    "SIGNALS",
    "CitationSyntaxError",
    "Cite",
    "FootnoteWriter",
    "KindSpec",
    "Run",
    "format_date",
    "parse_citation",
]


# --------------------------------------------------------------------------------------------
# Data types


class Run(msgspec.Struct, frozen=True):
    """A stretch of footnote text with one typeface."""

    text: str
    italic: bool = False


class KindSpec(msgspec.Struct, frozen=True):
    """What a report entry of one kind needs."""

    name: str  # "news"
    label: str  # "news article" (for messages and UIs)
    required: tuple[str, ...]  # fields the citation needs
    optional: tuple[str, ...]  # other fields it may use


COMMON_FIELDS = ("id", "kind", "short", "note")

KINDS: dict[str, KindSpec] = {
    k.name: k
    for k in (
        KindSpec("news", "news article", ("title", "publication", "date"), ("author", "url")),
        KindSpec("gao", "GAO report", ("title", "number", "date"), ("url",)),
        KindSpec("ig", "inspector general report", ("title", "agency", "date"), ("number", "url")),
        KindSpec("crs", "CRS report", ("title", "number", "date"), ("author", "url")),
        KindSpec(
            "court", "court filing", ("case", "court", "docket", "document", "date"), ("url",)
        ),
        KindSpec("statute", "statute", ("title", "code", "section"), ("name", "year", "url")),
        KindSpec("regulation", "regulation", ("title", "code", "section"), ("year", "url")),
        KindSpec("letter", "letter", ("from", "to", "date"), ("subject", "url")),
        KindSpec(
            "hearing", "hearing", ("title", "committee", "date"), ("witness", "congress", "url")
        ),
        KindSpec("press-release", "press release", ("title", "publisher", "date"), ("url",)),
        KindSpec("web", "web page", ("title", "publisher"), ("url", "date", "accessed")),
    )
}


# --------------------------------------------------------------------------------------------
# Text helpers

_MONTHS = (
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip
_LQ, _RQ = "\u201c", "\u201d"  # “ ”
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_PARTICLES = frozenset(
    {"de", "del", "della", "der", "di", "da", "du", "la", "le", "van", "von", "dos", "das"}
)


def _clean(value: object) -> str:
    """Entry text as typed, with line breaks and runs of spaces folded to one space."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _iso_parts(s: str) -> tuple[int, ...] | None:
    """(y,), (y, m) or (y, m, d) for "2025", "2025-03", "2025-03-13"; else None."""
    bits = s.split("-")
    if not 1 <= len(bits) <= 3 or len(bits[0]) != 4:
        return None
    if not all(b.isascii() and b.isdigit() and 1 <= len(b) <= 4 for b in bits):
        return None
    if any(len(b) > 2 for b in bits[1:]):
        return None
    return tuple(int(b) for b in bits)


def format_date(value: object) -> str:
    """Bluebook-abbreviated date: "Mar. 13, 2025", "June 4, 2025", "Sept. 2025", "2025".

    Accepts datetime.date (or datetime), ISO text ("2025-03-13", "2025-03", "2025") or a year
    number; any other text is printed as typed ("Spring 2025").
    """
    if isinstance(value, datetime.date):
        return f"{_MONTHS[value.month - 1]} {value.day}, {value.year}"
    s = _clean(value)
    parts = _iso_parts(s)
    if parts is None or len(parts) == 1:
        return s
    y, m = parts[0], parts[1]
    if not 1 <= m <= 12:
        return s
    if len(parts) == 2:
        return f"{_MONTHS[m - 1]} {y}"
    try:
        return format_date(datetime.date(y, m, parts[2]))
    except ValueError:
        return s


def _as_date(value: object) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    parts = _iso_parts(_clean(value))
    if parts and len(parts) == 3:
        try:
            return datetime.date(*parts)
        except ValueError:
            return None
    return None


def _year(value: object) -> str:
    if isinstance(value, datetime.date):
        return str(value.year)
    s = _clean(value)
    parts = _iso_parts(s)
    return str(parts[0]) if parts else s


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _congress(entry: Mapping[str, object]) -> str:
    """The "119th Cong." part of a hearing: as typed, or derived from the hearing date."""
    typed = entry.get("congress")
    if typed is not None and not isinstance(typed, bool):
        s = _clean(typed)
        digits = s[: len(s) - 2] if s[-2:] in ("st", "nd", "rd", "th") else s
        if digits.isdigit():
            return f"{_ordinal(int(digits))} Cong."
        return s
    d = _as_date(entry.get("date"))
    if d is None or d.year < 1935:  # Jan. 3 start dates began with the 74th Congress
        return ""
    n = (d.year - 1787) // 2
    if d.year % 2 and (d.month, d.day) < (1, 3):
        n -= 1
    return f"{_ordinal(n)} Cong."


def _names(value: object) -> list[str]:
    """Split an author/party field into names: a list, or text like "A, B and C"."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [n for n in (_clean(v) for v in value) if n]
    parts = [_clean(value)]
    for sep in (";", " & ", " and "):
        parts = [q for p in parts for q in p.split(sep)]
    out: list[str] = []
    for p in parts:
        p = p.strip().strip(",").strip()
        bits = [b.strip() for b in p.split(",")]
        if len(bits) > 1 and all(" " in b for b in bits if b):
            out.extend(b for b in bits if b)  # "Ann Lee, Bo Kim" (not "Smith, Jr." or "Lee, Ann")
        elif p:
            out.append(p)
    return out


def _join_names(names: Sequence[str]) -> str:
    """Bluebook rule 15.1: "A", "A & B", three or more "A et al."."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} & {names[1]}"
    return f"{names[0]} et al."


def _people(value: object) -> str:
    """A person field in a full citation: text as typed; a list joined Bluebook-style."""
    if isinstance(value, (list, tuple)):
        return _join_names(_names(value))
    return _clean(value)


def _surname(name: str) -> str:
    """Surname for short forms.

    "Jacqueline Alemany" -> "Alemany"; "Lee, Ann" -> "Lee"; "Ana de la Cruz Jr." -> "de la Cruz".
    """
    name = name.strip()
    if "," in name:
        head, tail = name.split(",", 1)
        if tail.strip().lower() not in _SUFFIXES:
            return head.strip()  # written surname first
        name = head  # "Martin Luther King, Jr."
    tokens = name.split()
    while len(tokens) > 1 and tokens[-1].lower() in _SUFFIXES:
        tokens.pop()
    if not tokens:
        return name
    i = len(tokens) - 1
    while i > 1 and tokens[i - 1].lower() in _PARTICLES:
        i -= 1
    return " ".join(tokens[i:])


def _first_party(case: str) -> str:
    """Short case name (Bluebook 10.9): the first party, unless it is the government."""
    for sep in (" v. ", " v ", " vs. "):
        if sep in case:
            first, second = case.split(sep, 1)
            break
    else:
        return case
    first = first.strip().removesuffix(" et al.").removesuffix(",").strip()
    second = second.strip().removesuffix(" et al.").removesuffix(",").strip()
    if first in (
        "United States",
        "United States of America",
        "U.S.",
        "State",
        "People",
        "Commonwealth",
    ):
        return second or first
    return first


def _is_roman(token: str) -> bool:
    return bool(token) and len(token) <= 8 and set(token) <= set("ivxl")


def _pin_phrase(pin: str) -> str:
    """A document pin as printed: "5" -> "at 5", "p. 5" -> "at 5", "§ 3(b)" / "¶ 4" kept."""
    p = _clean(pin)
    if not p:
        return ""
    low = p.lower()
    if low.startswith("at "):
        return "at " + p[3:].lstrip()
    for pre in ("pp.", "p.", "pages ", "page "):
        if low.startswith(pre):
            rest = p[len(pre) :].lstrip()
            head = rest.replace("–", " ").replace("-", " ").replace(",", " ").split()
            if rest and (rest[0].isdigit() or (head and _is_roman(head[0]))):
                return "at " + rest
    tokens = p.replace("–", " ").replace("-", " ").replace(",", " ").split()
    if p[0].isdigit() or p[0] == "*" or (tokens and _is_roman(tokens[0])):
        return "at " + p
    return p


def _section(entry: Mapping[str, object], pin: str | None) -> str:
    """ "§ 6103(i)(2)" from section "6103" and pin "(i)(2)"; "§§" for several sections."""
    sec = _clean(entry.get("section")).lstrip("§").strip()
    p = _clean(pin)
    if p:
        q = p.lstrip("§").strip()
        if p.isascii() and (p.isdigit() or (p.isalpha() and len(p) == 1) or _is_roman(p)):
            p = f"({p})"  # a bare subsection: "2" -> "(2)", "i" -> "(i)"
        if p.startswith("("):
            sec = sec + p
        elif q == sec or (q.startswith(sec) and q[len(sec) : len(sec) + 1] in ("(", " ")):
            sec = q  # the pin repeats the section: "6103(i)" or "§ 6103(i)"
        elif p.lower().startswith("at "):
            sec = f"{sec}, {p}"
        else:
            sec = f"{sec} {p}"  # "et seq.", "note"
    several = (
        any(t in sec for t in (",", "–", "—", " to ", " & ", " and ")) and " et seq" not in sec
    )
    return ("§§ " if several else "§ ") + sec


def _quoted_comma(text: str) -> str:
    """American style: the comma goes inside the closing quotation mark."""
    if text.endswith(("?", "!")):
        return f"{_LQ}{text}{_RQ}"
    return f"{_LQ}{text},{_RQ}"


class _Out:
    """Collects (text, italic) pieces, merging neighbours with the same typeface."""

    __slots__ = ("italic", "texts")

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.italic: list[bool] = []

    def add(self, text: str, italic: bool = False) -> None:
        if not text:
            return
        if self.texts and self.italic[-1] == italic:
            self.texts[-1] += text
        else:
            self.texts.append(text)
            self.italic.append(italic)

    def add_then_comma(self, text: str, italic: bool = False) -> None:
        """text followed by ", " (comma moved inside a closing double quote)."""
        if text.endswith(('"', _RQ)) and not italic:
            self.add(text[:-1] + "," + text[-1] + " ")
        else:
            self.add(text, italic)
            self.add(", ")

    def ends_sentence(self) -> bool:
        return bool(self.texts) and self.texts[-1][-1] in ".?!"

    def runs(self) -> list[Run]:
        return [Run(t, i) for t, i in zip(self.texts, self.italic, strict=True)]


# --------------------------------------------------------------------------------------------
# Kinds: full forms and short-form labels

_ITALIC_TITLE_KINDS = frozenset({"gao", "ig", "crs", "hearing", "press-release", "web"})
_NO_SUPRA_KINDS = frozenset({"statute", "regulation", "court"})


def _tail(out: _Out, entry: Mapping[str, object], pin: str | None) -> None:
    """ ", at 5, URL" after a document's core."""
    if pin:
        out.add(", " + _pin_phrase(pin))
    url = _clean(entry.get("url"))
    if url:
        out.add(", " + url)


def _full(out: _Out, kind: str, e: Mapping[str, object], pin: str | None) -> None:
    g = e.get
    if kind == "news":
        authors = _people(g("author"))
        if authors:
            out.add(authors + ", ")
        out.add(_quoted_comma(_clean(g("title"))) + " ")
        out.add(_clean(g("publication")), True)
        _date(out, g("date"))
        _tail(out, e, pin)
    elif kind in ("gao", "ig", "crs"):
        if kind == "gao":
            out.add("U.S. Gov\u2019t Accountability Off., ")
        elif kind == "crs":
            authors = _people(g("author"))
            out.add((authors + ", " if authors else "") + "Cong. Rsch. Serv., ")
        else:
            out.add(_clean(g("agency")) + ", ")
        number = _clean(g("number"))
        if number:
            out.add(number + ", ")
        out.add(_clean(g("title")), True)
        _date(out, g("date"))
        _tail(out, e, pin)
    elif kind == "court":
        out.add(_clean(g("case")), True)
        out.add(f", {_docket(e)}, {_clean(g('document'))}")
        if pin:
            out.add(" " + _pin_phrase(pin))
        out.add(f" ({' '.join(x for x in (_clean(g('court')), format_date(g('date'))) if x)})")
        _tail(out, e, None)
    elif kind in ("statute", "regulation"):
        name = _clean(g("name")) if kind == "statute" else ""
        if name:
            out.add(name + ", ")
        out.add(f"{_clean(g('title'))} {_clean(g('code'))} {_section(e, pin)}")
        year = _clean(g("year"))
        if year:
            out.add(f" ({year})")
        _tail(out, e, None)
    elif kind == "letter":
        out.add(_letter_parties(e))
        subject = _clean(g("subject"))
        if subject:
            out.add(f", {_LQ}{subject}{_RQ}")
        _date(out, g("date"))
        _tail(out, e, pin)
    elif kind == "hearing":
        title = _clean(g("title"))
        if "hearing before" not in title.lower():
            committee = _clean(g("committee"))
            if committee[:4].lower() == "the ":
                committee = committee[4:]
            title = f"{title}: Hearing Before the {committee}"
        out.add(title, True)
        congress = _congress(e)
        phrase = _pin_phrase(pin) if pin else ""
        if congress:
            out.add(", " + congress)
            if phrase:
                out.add(" " + phrase.removeprefix("at "))  # Bluebook 13.3: "119th Cong. 5 (2025)"
        elif phrase:
            out.add(", " + phrase)
        year = _year(g("date"))
        if year:
            out.add(f" ({year})")
        witness = g("witness")
        if isinstance(witness, (list, tuple)):
            witnesses = _names(witness)
        else:
            witnesses = [_clean(witness)] if _clean(witness) else []
        if len(witnesses) == 1:
            out.add(f" (statement of {witnesses[0]})")
        elif witnesses:
            listed = (
                ", ".join(witnesses[:-1])
                + (", and " if len(witnesses) > 2 else " and ")
                + witnesses[-1]
            )
            out.add(f" (statements of {listed})")
        _tail(out, e, None)
    elif kind == "press-release":
        out.add(f"Press Release, {_clean(g('publisher'))}, ")
        out.add(_clean(g("title")), True)
        _date(out, g("date"))
        _tail(out, e, pin)
    elif kind == "web":
        out.add(_clean(g("publisher")) + ", ")
        out.add(_clean(g("title")), True)
        _date(out, g("date"))
        _tail(out, e, pin)
        accessed = format_date(g("accessed"))
        if accessed:
            out.add(f" (last visited {accessed})")
    else:
        raise ValueError(f"unknown report kind {kind!r}")


def _letter_parties(e: Mapping[str, object]) -> str:
    """ "Letter from A to B"; a sender with a title is set off by commas (Bluebook 17.2.3)."""
    sender = _people(e.get("from"))
    comma = "," if "," in sender else ""
    return f"Letter from {sender}{comma} to {_people(e.get('to'))}"


def _date(out: _Out, value: object) -> None:
    text = format_date(value)
    if text:
        out.add(f" ({text})")


def _docket(e: Mapping[str, object]) -> str:
    docket = _clean(e.get("docket"))
    return "No. " + docket if docket[:1].isdigit() else docket


def _default_short(kind: str, e: Mapping[str, object]) -> tuple[str, bool]:
    """(label, italic) used before ", supra note N" when the entry has no `short`."""
    g = e.get
    if kind == "news":
        names = _names(g("author"))
        if names:
            surnames = [_surname(n) for n in names]
            return _join_names(surnames), False
        return _clean(g("publication")), True
    if kind in ("gao", "crs"):
        return _clean(g("number")), False
    if kind == "ig":
        number = _clean(g("number"))
        return (number, False) if number else (_clean(g("title")), True)
    if kind == "letter":
        return _letter_parties(e), False
    return _clean(g("title")), True  # hearing, press-release, web


def _short_label(kind: str, e: Mapping[str, object]) -> tuple[str, bool]:
    """The entry's `short` title in its title's typeface (quoted for news), or the default."""
    short = _clean(e.get("short"))
    if not short:
        return _default_short(kind, e)
    if kind == "news" and not short.startswith(('"', _LQ, "'", "\u2018")):
        short = f"{_LQ}{short}{_RQ}"
    return short, kind in _ITALIC_TITLE_KINDS


# --------------------------------------------------------------------------------------------
# Footnotes


class FootnoteWriter:
    """Turns citations into footnote text, one footnote at a time, in letter order.

    It remembers earlier footnotes to choose *Id.* and short forms.
    """

    #: Bluebook rule 4.1 lets the first source of a footnote with several sources be "Id." when
    #: it repeats the previous footnote's only source ("Id.; see also B."). Set False to allow
    #: "Id." only in footnotes that cite exactly one source.
    ID_IN_STRING_CITES: bool = True

    def __init__(self, reports: Mapping[str, Mapping[str, object]]):
        self._reports = reports
        self._number = 0  # footnotes written so far
        self._first: dict[str, int] = {}  # report id -> footnote of its full citation
        self._prev: frozenset[str] = frozenset()  # distinct sources of the previous footnote
        self._docket_counts: dict[str, int] | None = None

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
        out = _Out()
        category = None
        for i, (c, e) in enumerate(zip(cites, entries, strict=True)):
            if c.pin is not None and not _clean(c.pin):
                c = Cite(c.report_id, c.signal, None, c.parenthetical)
            kind = str(e.get("kind"))
            signal = (_canonical_signal(c.signal) or _clean(c.signal) or None) if c.signal else None
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
                self._id(out, kind, e, c, capital=starts and not signal)
            elif c.report_id in first:
                self._short(out, kind, e, c, first[c.report_id])
            else:
                first[c.report_id] = n
                _full(out, kind, e, c.pin)
                self._hereinafter(out, kind, e)
            paren = _clean(c.parenthetical)
            if paren:
                out.add(f" ({paren})")
        if not out.ends_sentence():
            out.add(".")
        self._number = n
        self._first = first
        self._prev = frozenset(ids)
        return out.runs()

    # -- forms ---------------------------------------------------------------------------

    def _id(self, out: _Out, kind: str, e: Mapping[str, object], c: Cite, *, capital: bool) -> None:
        out.add("Id." if capital else "id.", True)
        if not c.pin:
            return
        if kind in ("statute", "regulation"):
            out.add(" " + _section(e, c.pin))  # "Id. § 6103(i)(2)"
        else:
            out.add(" " + _pin_phrase(c.pin))  # "Id. at 7"

    def _short(self, out: _Out, kind: str, e: Mapping[str, object], c: Cite, note: int) -> None:
        if kind in ("statute", "regulation"):
            # Bluebook 12.10 / 14.5: repeat the code cite, without name, year or URL.
            out.add(f"{_clean(e.get('title'))} {_clean(e.get('code'))} {_section(e, c.pin)}")
            return
        if kind == "court":
            # Bluebook 10.9: short case name and docket; never supra. The document is named
            # (by its `short` title, else in full) when it has one or shares the docket.
            out.add(_first_party(_clean(e.get("case"))), True)
            out.add(", " + _docket(e))
            document = _clean(e.get("short")) or (
                _clean(e.get("document")) if self._shares_docket(e) else ""
            )
            if document:
                out.add(", " + document)
                if c.pin:
                    out.add(" " + _pin_phrase(c.pin))
            elif c.pin:
                out.add(", " + _pin_phrase(c.pin))
            return
        label, italic = _short_label(kind, e)
        out.add_then_comma(label, italic)
        out.add("supra", True)
        out.add(f" note {note}")
        if c.pin:
            out.add(", " + _pin_phrase(c.pin))

    def _hereinafter(self, out: _Out, kind: str, e: Mapping[str, object]) -> None:
        """Bluebook 4.2(b): announce a custom short title at the first, full citation."""
        if kind in _NO_SUPRA_KINDS:
            return
        if not _clean(e.get("short")):
            return
        label, italic = _short_label(kind, e)
        if (label, italic) == _default_short(kind, e):
            return
        out.add(" [hereinafter ")
        out.add(label, italic)
        out.add("]")

    def _shares_docket(self, e: Mapping[str, object]) -> bool:
        """Whether another court entry has the same docket (then short forms name the document)."""
        if self._docket_counts is None:
            counts: dict[str, int] = {}
            for entry in self._reports.values():
                if isinstance(entry, Mapping) and entry.get("kind") == "court":
                    key = _docket(entry).lower() + "|" + _clean(entry.get("court")).lower()
                    counts[key] = counts.get(key, 0) + 1
            self._docket_counts = counts
        key = _docket(e).lower() + "|" + _clean(e.get("court")).lower()
        return self._docket_counts.get(key, 0) > 1
