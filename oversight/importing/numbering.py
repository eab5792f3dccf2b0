"""The label Word shows for each paragraph of a .docx ("1.", "(a)", "iv)", "•", "1.2"), its level
and the counter sequence it belongs to, resolved from numbering.xml and styles.xml as Word does;
and labels typed as text at the start of a paragraph ("(3) What ...").

The rules, and the evidence for the less obvious ones, are in docs/import.md ("Numbering").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import msgspec
from lxml import etree

from oversight.render.labels import letter_counter, roman_counter

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


class ListLabel(msgspec.Struct, frozen=True):
    text: str  # the label as Word shows it: "1.", "(a)", "iv)", "•", "1.2", "A."
    level: int  # 0-based ilvl
    list_key: str  # the counter sequence: "abs:<abstractNumId>", or "typed"
    format: str  # numFmt of its level: "decimal", "lowerLetter", "bullet", "none", ...
    number: int  # the counter value at this level (1-based; 0 for bullets)
    typed: bool  # the label was typed as text at the start of the paragraph


class _Level(msgspec.Struct, frozen=True):
    fmt: str
    text: str
    start: int
    restart: int | None  # w:lvlRestart: None restarts after any outer level, 0 never
    legal: bool  # w:isLgl
    style: str | None  # w:pStyle: the paragraph style this level is linked to


class _Num(msgspec.Struct, frozen=True):
    abstract: str  # the abstractNum whose levels and counters it uses (numStyleLink followed)
    starts: dict[int, int]  # w:lvlOverride/w:startOverride by level
    levels: dict[int, _Level]  # the abstract's levels, w:lvlOverride/w:lvl applied


# --- reading the parts ------------------------------------------------------------------------


def _val(el: etree._Element | None, path: str) -> str | None:
    """The w:val of the element at ``path`` under ``el`` ("" is the element itself)."""
    if el is None:
        return None
    node = el.find(path, {"w": W}) if path else el
    return None if node is None else node.get(_w("val"))


def _int(text: str | None, default: int | None = None) -> int | None:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _on(el: etree._Element | None, path: str) -> bool:
    """A WordprocessingML on/off property: present and not "0"/"false"/"off"."""
    if el is None or el.find(path, {"w": W}) is None:
        return False
    return _val(el, path) not in ("0", "false", "off")


def _level(lvl: etree._Element) -> _Level:
    fmt = _val(lvl, "w:numFmt")
    if fmt is None:  # Word 2010 writes some formats as mc:AlternateContent with a fallback
        fallback = lvl.find(f"{{{MC}}}AlternateContent/{{{MC}}}Fallback/{{{W}}}numFmt")
        fmt = fallback.get(_w("val")) if fallback is not None else None
    return _Level(
        fmt=fmt or "decimal",
        text=_val(lvl, "w:lvlText") or "",
        start=_int(_val(lvl, "w:start"), 1) or 0,
        restart=_int(_val(lvl, "w:lvlRestart")),
        legal=_on(lvl, "w:isLgl"),
        style=_val(lvl, "w:pStyle"),
    )


def _levels(abstract: etree._Element) -> dict[int, _Level]:
    return {_int(lvl.get(_w("ilvl")), 0) or 0: _level(lvl) for lvl in abstract.iterfind(_w("lvl"))}


class _Styles:
    """Paragraph styles: each one's w:basedOn and the w:numId / w:ilvl of its w:pPr/w:numPr;
    numbering styles' numId (for w:numStyleLink)."""

    def __init__(self, styles: etree._Element | None) -> None:
        self.based: dict[str, str] = {}
        self.num_ids: dict[str, str] = {}
        self.ilvls: dict[str, int] = {}
        self.default: str | None = None
        for style in styles.iterfind(_w("style")) if styles is not None else ():
            sid = style.get(_w("styleId")) or ""
            based = _val(style, "w:basedOn")
            if based:
                self.based[sid] = based
            num_id = _val(style, "w:pPr/w:numPr/w:numId")
            if num_id is not None:
                self.num_ids[sid] = num_id
            ilvl = _int(_val(style, "w:pPr/w:numPr/w:ilvl"))
            if ilvl is not None:
                self.ilvls[sid] = ilvl
            if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true"):
                self.default = sid

    def chain(self, style: str | None) -> Iterator[str]:
        """The style and those it is based on, nearest first (a loop is cut)."""
        seen: set[str] = set()
        current = style if style is not None else self.default
        while current is not None and current not in seen:
            seen.add(current)
            yield current
            current = self.based.get(current)


class _Numbering:
    """numbering.xml: every w:num resolved to the abstractNum it counts in and its levels."""

    def __init__(self, numbering: etree._Element | None, styles: _Styles) -> None:
        self.nums: dict[str, _Num] = {}
        if numbering is None:
            return
        abstracts = {
            a.get(_w("abstractNumId")) or "": a for a in numbering.iterfind(_w("abstractNum"))
        }
        num_elements = {n.get(_w("numId")) or "": n for n in numbering.iterfind(_w("num"))}
        linked = {
            link: aid
            for aid, a in abstracts.items()
            if (link := _val(a, "w:styleLink")) is not None
        }

        def target(aid: str | None, depth: int = 0) -> str | None:
            """Follow w:numStyleLink to the abstractNum defining the list style's levels:
            through the numbering style's own numId, else the abstractNum with that styleLink."""
            abstract = abstracts.get(aid or "")
            link = _val(abstract, "w:numStyleLink")
            if abstract is None or link is None or depth > 4:
                return aid if abstract is not None else None
            via = num_elements.get(styles.num_ids.get(link, ""))
            next_id = _val(via, "w:abstractNumId") if via is not None else linked.get(link)
            return target(next_id, depth + 1) if next_id != aid else None

        for num_id, num in num_elements.items():
            aid = target(_val(num, "w:abstractNumId"))
            if aid is None:
                continue
            levels = _levels(abstracts[aid])
            starts: dict[int, int] = {}
            for override in num.iterfind(_w("lvlOverride")):
                ilvl = _int(override.get(_w("ilvl")), 0) or 0
                start = _int(_val(override, "w:startOverride"))
                if start is not None:
                    starts[ilvl] = start
                lvl = override.find(_w("lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            self.nums[num_id] = _Num(abstract=aid, starts=starts, levels=levels)


# --- counters and labels ----------------------------------------------------------------------

# Symbol and Wingdings bullets are characters of the private use area (U+F0xx): what they show.
_GLYPHS = {
    "\uf0b7": "•",
    "\uf0a7": "▪",
    "\uf0a8": "□",
    "\uf0d8": "➢",
    "\uf0fc": "✓",
    "\uf076": "❖",
    "\uf06f": "o",
    "\uf02d": "-",
}


def glyph(text: str) -> str:
    """A bullet's lvlText as it shows: Symbol/Wingdings private-use characters mapped."""
    return "".join(_GLYPHS.get(c, "•") if 0xF000 <= ord(c) <= 0xF0FF else c for c in text).strip()


def counter_text(fmt: str, n: int) -> str:
    """Counter ``n`` in numFmt ``fmt`` (unknown formats print as decimal, as a fallback)."""
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        text = letter_counter(n)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        text = roman_counter(n) if n > 0 else str(n)
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class _Counters:
    """Word's counters: one set per abstractNum, shared by every w:num over it."""

    def __init__(self) -> None:
        self.values: dict[str, dict[int, int]] = {}
        self.used: set[tuple[str, int]] = set()  # (numId, level) met once

    def advance(self, num_id: str, num: _Num, level: int) -> dict[int, int]:
        counts = self.values.setdefault(num.abstract, {})
        start = num.starts.get(level, num.levels[level].start)
        if level in num.starts and (num_id, level) not in self.used:
            counts[level] = start  # a startOverride restarts the shared counter, once
        else:
            counts[level] = counts[level] + 1 if level in counts else start
        self.used.add((num_id, level))
        for deeper in [k for k in counts if k > level]:
            restart = num.levels[deeper].restart if deeper in num.levels else None
            if restart is None or restart - 1 >= deeper:
                restart = deeper  # default (and Word for a value it ignores): any outer level
            if restart and level < restart:
                del counts[deeper]
        return counts


def _label(num: _Num, level: int, counts: dict[int, int]) -> str:
    lvl = num.levels[level]
    if lvl.fmt == "bullet":
        return glyph(lvl.text)

    def value(match: re.Match[str]) -> str:
        k = int(match.group(1)) - 1
        other = num.levels.get(k)
        if other is None:
            return ""
        n = counts.get(k, num.starts.get(k, other.start))
        fmt = "decimal" if lvl.legal and k < level and other.fmt != "none" else other.fmt
        return counter_text(fmt, n)

    return re.sub(r"%([1-9])", value, lvl.text)


def _paragraph_numbering(
    p: etree._Element, styles: _Styles, numbering: _Numbering
) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph: its own w:numPr, else its style's (through w:basedOn);
    the level, when neither gives it, from the abstractNum level linked to the style, else 0."""
    ppr = p.find(_w("pPr"))
    style = _val(ppr, "w:pStyle")
    chain = list(styles.chain(style))
    num_id = _val(ppr, "w:numPr/w:numId")
    if num_id is None:
        num_id = next((styles.num_ids[s] for s in chain if s in styles.num_ids), None)
    if num_id is None or num_id == "0" or num_id not in numbering.nums:
        return None
    ilvl = _int(_val(ppr, "w:numPr/w:ilvl"))
    if ilvl is None:
        ilvl = next((styles.ilvls[s] for s in chain if s in styles.ilvls), None)
    if ilvl is None:
        levels = numbering.nums[num_id].levels
        ilvl = next((k for k, lvl in sorted(levels.items()) if lvl.style in chain), 0)
    return num_id, ilvl


# --- typed labels ------------------------------------------------------------------------------

_BULLET_CHARS = "•◦▪■□‣⁃·➢►✓–\\-*\uf0b7"
_TOKEN = r"\d{1,3}(?:\.\d{1,3})*|[ivx]{1,6}|[IVX]{1,6}|[a-zA-Z]"
_TYPED = re.compile(
    rf"""\s*(?:
        (?P<paren>\((?P<pt>{_TOKEN})\))
      | (?P<close>(?P<ct>{_TOKEN})\))
      | (?P<dot>(?P<dt>{_TOKEN})\.)
      | (?P<multi>\d{{1,3}}(?:\.\d{{1,3}})+)(?=\t)
      | (?P<bullet>[{_BULLET_CHARS}])
    )(?P<sep>[ \t\u00a0]+)(?P<rest>\S.*)""",
    re.VERBOSE | re.DOTALL,
)
_INITIAL = re.compile(r"[A-Z]\.\s")


def _roman_value(token: str) -> int | None:
    """The value of a roman numeral of i, v, x up to 39 written the standard way, else None."""
    low = token.lower()
    for n in range(1, 40):
        if roman_counter(n) == low:
            return n
    return None


def typed_label(text: str, *, allow_initial: bool = False) -> tuple[str, str] | None:
    """A list label typed at the start of a paragraph and the text after it:
    "(3) What ..." -> ("(3)", "What ..."), "b. Provide" -> ("b.", "Provide"), "• x" -> ("•", "x").

    A label is a number (1 to 3 digits, or "1.2." levels), one letter or a roman numeral of i, v
    and x (up to xxxix), in "(x)", "x)" or "x."; or a bullet (• ◦ ▪ - – * …); followed by a
    space or tab and more text. Not a label: a capital letter with a period and one space
    ("A. Smith wrote", "I. M. Pei said" are initials) unless ``allow_initial`` (the caller saw
    the neighbouring letter, "B. ..."; a tab after it is always a label); "U.S. policy" and
    "a lot" have no separator after a label; a roman-looking token that is not a valid numeral.
    """
    m = _TYPED.match(text)
    if m is None:
        return None
    rest = m.group("rest")
    token = m.group("pt") or m.group("ct") or m.group("dt")
    if m.group("bullet"):
        return glyph(m.group("bullet")) or "•", rest
    if m.group("multi"):
        return m.group("multi"), rest
    assert token is not None
    if len(token) > 1 and token.isalpha() and _roman_value(token) is None:
        return None
    label = m.group("paren") or m.group("close") or m.group("dot")
    initial = m.group("dot") and len(token) == 1 and token.isupper() and m.group("sep") == " "
    if initial and (not allow_initial or _INITIAL.match(rest)):
        return None
    return label, rest


def _token(label: str) -> str:
    return label.strip("().")


def _typed_format(token: str, previous: str | None) -> tuple[str, int]:
    """(format, number) of a typed label's token. A lone i, v or x is roman after roman labels
    of the same punctuation (and a lone i unless it follows an "h"), else a letter."""
    if not token[:1].isalnum():
        return "bullet", 0
    if token[0].isdigit():
        return "decimal", int(token.split(".")[-1])
    roman = _roman_value(token)
    if roman is not None and (
        len(token) > 1
        or (previous is not None and previous.endswith("Roman"))
        or (token in "iI" and previous != "lowerLetter:h")
    ):
        return ("upperRoman" if token.isupper() else "lowerRoman"), roman
    fmt = "upperLetter" if token.isupper() else "lowerLetter"
    return fmt, ord(token.lower()) - ord("a") + 1


_SHAPE_TOKEN = {"lowerLetter": "a", "upperLetter": "A", "lowerRoman": "i", "upperRoman": "I"}


def paragraph_text(p: etree._Element) -> str:
    """The paragraph's visible text: w:t, tabs as "\\t" (deleted text is w:delText, left out)."""
    out = []
    for node in p.iter(_w("t"), _w("tab")):
        out.append("\t" if node.tag == _w("tab") else node.text or "")
    return "".join(out)


class _Typed:
    """Typed labels in document order. A capital letter with a period and one space counts when
    the nearest labelled paragraph before or after continues its sequence ("A." then "B.", "I."
    then "II."). The level of a label is its shape's place in the stack of shapes met ("1." then
    "a.": 0, 1; back to "1.": 0 again)."""

    def __init__(self, texts: list[str]) -> None:
        self.loose = [typed_label(t, allow_initial=True) for t in texts]
        self.strict = [typed_label(t) for t in texts]
        self.stack: list[str] = []
        self.previous: dict[str, str] = {}  # punctuation ("(x)") -> format of the last label

    @staticmethod
    def _values(label: str) -> set[int]:
        token = _token(label)
        out = {ord(token.upper()) - ord("A") + 1} if len(token) == 1 else set()
        roman = _roman_value(token)
        return out | ({roman} if roman is not None else set())

    def _neighbour_continues(self, i: int) -> bool:
        here = self.loose[i]
        assert here is not None
        punctuation = here[0].replace(_token(here[0]), "x")
        for j, step in ((i - 1, -1), (i + 1, 1)):
            while 0 <= j < len(self.loose) and self.loose[j] is None:
                j += step
            other = self.loose[j][0] if 0 <= j < len(self.loose) else None  # type: ignore[index]
            if other is None or not _token(other).isupper():
                continue
            if other.replace(_token(other), "x") != punctuation:
                continue
            if any(b - a == step for a in self._values(here[0]) for b in self._values(other)):
                return True
        return False

    def label(self, i: int) -> ListLabel | None:
        found = self.strict[i]
        if found is None and self.loose[i] is not None and self._neighbour_continues(i):
            found = self.loose[i]
        if found is None:
            return None
        text = found[0]
        token = _token(text)
        punctuation = text.replace(token, "x") if token[:1].isalnum() else text
        fmt, number = _typed_format(token, self.previous.get(punctuation))
        self.previous[punctuation] = f"{fmt}:{token}" if fmt.endswith("Letter") else fmt
        shape = re.sub(r"\d+", "1", text) if fmt == "decimal" else punctuation
        shape = shape.replace("x", _SHAPE_TOKEN.get(fmt, "x"), 1) if fmt != "decimal" else shape
        if shape in self.stack:
            del self.stack[self.stack.index(shape) + 1 :]
        else:
            self.stack.append(shape)
        return ListLabel(text, len(self.stack) - 1, "typed", fmt, number, True)


# --- the resolver -------------------------------------------------------------------------------


def resolve_labels(
    paragraphs: Sequence[etree._Element],
    numbering: etree._Element | None,
    styles: etree._Element | None,
) -> list[ListLabel | None]:
    """One entry per w:p given, in document order: the label Word shows, or a label typed at
    the start of its text, or None (not a list paragraph)."""
    style_table = _Styles(styles)
    nums = _Numbering(numbering, style_table)
    counters = _Counters()
    typed = _Typed([paragraph_text(p) for p in paragraphs])
    out: list[ListLabel | None] = []
    for i, p in enumerate(paragraphs):
        found = _paragraph_numbering(p, style_table, nums)
        num = nums.nums[found[0]] if found is not None else None
        if found is None or num is None or found[1] not in num.levels:
            out.append(typed.label(i))
            continue
        num_id, level = found
        counts = counters.advance(num_id, num, level)
        lvl = num.levels[level]
        number = 0 if lvl.fmt == "bullet" else counts[level]
        out.append(
            ListLabel(
                _label(num, level, counts), level, f"abs:{num.abstract}", lvl.fmt, number, False
            )
        )
    return out
