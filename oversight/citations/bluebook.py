"""The Bluebook's conventions that every kind of citation shares.

Entry text as typed (:func:`clean`), abbreviated dates (:func:`format_date`), author lists and
surnames, pin cites ("at 5"), and :class:`Out`, which collects a citation's text as runs of one
typeface. The kinds (``citations/kinds/``) build their forms from these; nothing here knows a kind.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any

import msgspec

from oversight.letters.names import surname as names_surname

__all__ = [
    "LQ",
    "RQ",
    "Out",
    "Run",
    "as_date",
    "clean",
    "curly_quotes",
    "date",
    "format_date",
    "grouped",
    "is_page",
    "is_roman",
    "join_names",
    "names",
    "people",
    "pin_number",
    "pin_phrase",
    "quoted",
    "quoted_comma",
    "surname",
    "tail",
    "year",
]


class Run(msgspec.Struct, frozen=True):
    """A stretch of footnote text with one typeface."""

    text: str
    italic: bool = False


_MONTHS = (
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip
LQ, RQ = "\u201c", "\u201d"  # “ ”


def clean(value: object) -> str:
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
    s = clean(value)
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


def as_date(value: object) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    parts = _iso_parts(clean(value))
    if parts and len(parts) == 3:
        try:
            return datetime.date(*parts)
        except ValueError:
            return None
    return None


def year(value: object) -> str:
    if isinstance(value, datetime.date):
        return str(value.year)
    s = clean(value)
    parts = _iso_parts(s)
    return str(parts[0]) if parts else s


def names(value: object) -> list[str]:
    """Split an author/party field into names: a list, or text like "A, B and C"."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [n for n in (clean(v) for v in value) if n]
    parts = [clean(value)]
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


def join_names(names: Sequence[str]) -> str:
    """Bluebook rule 15.1: "A", "A & B", three or more "A et al."."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} & {names[1]}"
    return f"{names[0]} et al."


def people(value: object) -> str:
    """A person field in a full citation: text as typed; a list joined Bluebook-style."""
    if isinstance(value, (list, tuple)):
        return join_names(names(value))
    return clean(value)


def surname(name: str) -> str:
    """Surname for short forms: the one rule the salutation uses too (letters/names.py)."""
    return names_surname(name)


def is_roman(token: str) -> bool:
    return bool(token) and len(token) <= 8 and set(token) <= set("ivxl")


def pin_phrase(pin: str) -> str:
    """A document pin as printed: "5" -> "at 5", "p. 5" -> "at 5", "§ 3(b)" / "¶ 4" kept."""
    p = clean(pin)
    if not p:
        return ""
    low = p.lower()
    if low.startswith("at "):
        return "at " + p[3:].lstrip()
    for pre in ("pp.", "p.", "pages ", "page "):
        if low.startswith(pre):
            rest = p[len(pre) :].lstrip()
            head = rest.replace("–", " ").replace("-", " ").replace(",", " ").split()
            if rest and (rest[0].isdigit() or (head and is_roman(head[0]))):
                return "at " + rest
    tokens = p.replace("–", " ").replace("-", " ").replace(",", " ").split()
    if p[0].isdigit() or p[0] == "*" or (tokens and is_roman(tokens[0])):
        return "at " + p
    return p


def pin_number(pin: str) -> str:
    """A pin after a first page or a section, where the Bluebook prints no "at": "350" -> "350",
    "at 350" -> "350", "§ 3(b)" -> "§ 3(b)"; numbers of five digits or more grouped."""
    return grouped(pin_phrase(pin).removeprefix("at "))


def is_page(pin: str) -> bool:
    """Whether a pin is a page ("5", "at 5", "p. 5", "iv"), not a label ("§ 3", "¶ 4")."""
    return pin_phrase(pin).startswith("at ")


def quoted(text: str) -> str:
    """A title in quotation marks, unless it was typed with them."""
    if text.startswith(('"', LQ, "'", "\u2018")):
        return text
    return f"{LQ}{text}{RQ}"


def quoted_comma(text: str) -> str:
    """A title in quotation marks followed by a comma: American style puts the comma inside the
    closing quotation mark; a title ending in "?" or "!" gets none."""
    if text.endswith(("?", "!")):
        return f"{LQ}{text}{RQ}"
    return f"{LQ}{text},{RQ}"


class Out:
    """Collects (text, italic) pieces, merging neighbours with the same typeface.

    A piece added ``verbatim`` (a URL) is printed exactly as written; every other piece's straight
    quotes and apostrophes become typographic when the runs are made (:func:`curly_quotes`).
    """

    __slots__ = ("italic", "texts", "verbatim")

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.italic: list[bool] = []
        self.verbatim: list[bool] = []

    def add(self, text: str, italic: bool = False, *, verbatim: bool = False) -> None:
        if not text:
            return
        if self.texts and self.italic[-1] == italic and self.verbatim[-1] == verbatim:
            self.texts[-1] += text
        else:
            self.texts.append(text)
            self.italic.append(italic)
            self.verbatim.append(verbatim)

    def add_then_comma(self, text: str, italic: bool = False) -> None:
        """text followed by ", " (comma moved inside a closing double quote)."""
        if text.endswith(('"', RQ)) and not italic:
            self.add(text[:-1] + "," + text[-1] + " ")
        else:
            self.add(text, italic)
            self.add(", ")

    def ends_sentence(self) -> bool:
        """Whether the text so far ends a sentence (a closing quotation mark after its period
        counts: 'said “no.”')."""
        end = self.texts[-1].rstrip("\"'\u201d\u2019")[-1:] if self.texts else ""
        return end in (".", "?", "!")

    def runs(self) -> list[Run]:
        """The runs of text, quotes made typographic, neighbours of one typeface merged."""
        runs: list[Run] = []
        for text, italic in zip(curly_quotes(self.texts, self.verbatim), self.italic, strict=True):
            if runs and runs[-1].italic == italic:
                runs[-1] = Run(runs[-1].text + text, italic)
            else:
                runs.append(Run(text, italic))
        return runs


def curly_quotes(texts: Sequence[str], verbatim: Sequence[bool] = ()) -> list[str]:
    """Straight quotes and apostrophes made typographic ("it's" -> "it’s", "a "b"" -> "a “b”") by
    the rule the letter's own text follows: markdown-it's smartquotes, which ``render.text``
    turns on. The texts are read as one line, each knowing its neighbours; a ``verbatim`` text
    (a URL) is left as it is and only tells its neighbours what is beside them."""
    kept = list(verbatim) + [False] * (len(texts) - len(verbatim))
    if not any(('"' in t or "'" in t) for t, v in zip(texts, kept, strict=True) if not v):
        return list(texts)
    # markdown-it is loaded only for a footnote with a straight quote in it: citations are
    # written by commands (`reports list`, `bank show`) that load no Markdown otherwise.
    from markdown_it.rules_core.smartquotes import process_inlines
    from markdown_it.token import Token

    tokens = [
        Token("code_inline" if v else "text", "", 0, content=t)
        for t, v in zip(texts, kept, strict=True)
    ]
    process_inlines(tokens, _quote_state())
    return [t.content for t in tokens]


@functools.cache
def _quote_state() -> Any:
    """What smartquotes reads of a Markdown state: the quotation marks of the options (the
    defaults, “ ” ‘ ’, as the letter's Markdown has them)."""
    from markdown_it import MarkdownIt
    from markdown_it.rules_core.state_core import StateCore

    return StateCore("", MarkdownIt("zero", {"typographer": True}), {})


def grouped(value: object) -> str:
    """Numbers of five digits or more with thousands commas, as the Bluebook prints executive
    order numbers and Federal Register pages ("14158" -> "14,158", "50379-80" -> "50,379-80";
    "8441" stays); everything else as typed."""
    return re.sub(r"(?<![\w,.])\d{5,}(?![\w,])", lambda m: f"{int(m.group()):,}", clean(value))


def date(out: Out, value: object) -> None:
    """ " (Mar. 13, 2025)" after a document's title, when it has a date."""
    text = format_date(value)
    if text:
        out.add(f" ({text})")


def numbered_report(out: Out, entry: Mapping[str, object], pin: str | None) -> None:
    """ "GAO-25-107000, *Title* (Mar. 13, 2025), at 5, URL" after the issuer: an agency's
    numbered report."""
    number = clean(entry.get("number"))
    if number:
        out.add(number + ", ")
    out.add(clean(entry.get("title")), True)
    date(out, entry.get("date"))
    tail(out, entry, pin)


def tail(out: Out, entry: Mapping[str, object], pin: str | None) -> None:
    """ ", at 5, URL" after a document's core."""
    if pin:
        out.add(", " + pin_phrase(pin))
    url = clean(entry.get("url"))
    if url:
        out.add(", ")
        out.add(url, verbatim=True)
