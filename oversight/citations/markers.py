"""Citation markers: the one place that finds ``[@id]`` and ``[See @a, at 4; @b]`` in text and
reads what is between the brackets.

Two halves:

* :func:`find` (and :func:`sub`, :func:`without_markers`, :func:`citations_in`) locate the markers
  in a text exactly as a letter's Markdown finds them (``render.text`` asks :func:`scan`, the
  same bracket rule): brackets that try to cite (:func:`is_attempt`: an ``@`` starting a word, a
  known signal before a report id, nothing at all) and a ``[`` opening a citation that is never
  closed; a backslash-escaped bracket, a code span, an autolink or a link's destination hold
  none. So a bank question and a letter with the same text cite the same things, and
  ``[write to foia@agency.gov]``, ``[sic]`` and ``[the Department]`` are text in both.
* :func:`read` (for a marker) and :func:`parse_citation` (for what is between the brackets) turn
  it into :class:`Cite` objects, or raise :class:`CitationSyntaxError` with a one-line message and
  the column where it went wrong.

Standard library only; nothing is compiled at import time (patterns are compiled on first use,
by ``re``'s own cache).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

import msgspec

__all__ = [
    "SIGNALS",
    "CitationSyntaxError",
    "Cite",
    "Marker",
    "canonical_signal",
    "citations_in",
    "find",
    "is_attempt",
    "parse_citation",
    "read",
    "scan",
    "sub",
    "without_markers",
]


class Cite(msgspec.Struct, frozen=True):
    """One source inside a footnote."""

    report_id: str
    signal: str | None = None  # canonical form, e.g. "See also", "Cf.", "See, e.g.,"
    pin: str | None = None  # as typed: "5", "5-7", "at 5", "§ 3(b)", "(i)(2)"
    parenthetical: str | None = None  # text inside the parentheses, as typed


class CitationSyntaxError(ValueError):
    """A citation the parser can't read.

    ``str(err)`` is one line a staffer understands; ``err.column`` is the 0-based offset in the
    bracket text where it went wrong, or None.
    """

    def __init__(self, message: str, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.column = column


# --------------------------------------------------------------------------------------------
# Signals (Bluebook rule 1.2, in rule 1.3 order).  Category decides citation sentences: signals
# of one type are strung together with semicolons; a new type starts a new sentence.

SIGNALS: dict[str, str] = {
    "E.g.,": "support",
    "Accord": "support",
    "See": "support",
    "See, e.g.,": "support",
    "See also": "support",
    "See also, e.g.,": "support",
    "Cf.": "support",
    "Cf., e.g.,": "support",
    "Contra": "contrary",
    "But see": "contrary",
    "But see, e.g.,": "contrary",
    "But cf.": "contrary",
    "But cf., e.g.,": "contrary",
    "See generally": "background",
}


def _signal_key(text: str) -> str:
    """Case, punctuation and spacing don't matter: "see,e.g." == "See, e.g.,"."""
    words = text.lower().replace(".", " ").replace(",", " ").split()
    return _join_eg(words)


def _join_eg(words: list[str]) -> str:
    """Words of a signal with "e g" (from "e.g.") read as one word "eg"."""
    out: list[str] = []
    for w in words:
        if w == "g" and out and out[-1] == "e":
            out[-1] = "eg"
        else:
            out.append(w)
    return " ".join(out)


_SIGNAL_BY_KEY = {_signal_key(s): s for s in SIGNALS}


def canonical_signal(text: str) -> str | None:
    return _SIGNAL_BY_KEY.get(_signal_key(text))


# --------------------------------------------------------------------------------------------
# Parsing

_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-._")
_ID_CHARS_ANY_CASE = _ID_CHARS | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _clip(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _match_close(text: str, open_at: int) -> int:
    """Index of the ')' matching the '(' at open_at (parens are known to be balanced)."""
    depth = 0
    for i in range(open_at, len(text)):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1  # pragma: no cover - callers check balance first


def _match_open(text: str, close_at: int) -> int:
    """Index of the '(' matching the ')' at close_at."""
    depth = 0
    for i in range(close_at, -1, -1):
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth -= 1
            if depth == 0:
                return i
    return -1  # pragma: no cover


def _top_level_at(text: str) -> int:
    """Index of the first '@' outside parentheses, or -1."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "@" and depth == 0:
            return i
    return -1


_PARSED: dict[str, tuple[Cite, ...]] = {}  # by text: letters cite the same way many times


def parse_citation(text: str) -> list[Cite]:
    """Parse the text between the brackets of a citation (see :func:`_parse_citation`)."""
    found = _PARSED.get(text) if isinstance(text, str) else None
    if found is None:
        found = tuple(_parse_citation(text))
        if len(_PARSED) >= 4096:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[text] = found
    return list(found)


def _parse_citation(text: str) -> list[Cite]:
    """Parse the text between the brackets of a citation, e.g. ``See @a, at 5 (x); see also @b``.

    Sources are separated by ';'. Each is: optional signal words, ``@id``, an optional
    ``, pin`` and an optional ``(parenthetical)`` (balanced parentheses; may contain ';' and ',').
    Raises CitationSyntaxError for anything else.
    """
    if not isinstance(text, str):
        raise CitationSyntaxError("a citation must be text, e.g. [@gao-25-107000]", None)
    if not text.strip():
        raise CitationSyntaxError(
            "empty citation []: put the report id after @, e.g. [@gao-25-107000]", 0
        )
    # One pass: check parentheses balance and split on top-level ';'.
    spans: list[tuple[int, int]] = []
    opens: list[int] = []
    start = 0
    for i, ch in enumerate(text):
        if ch == "(":
            opens.append(i)
        elif ch == ")":
            if not opens:
                raise CitationSyntaxError(
                    "')' has no matching '(' — check the parenthetical's parentheses", i
                )
            opens.pop()
        elif ch == ";" and not opens:
            spans.append((start, i))
            start = i + 1
    if opens:
        raise CitationSyntaxError(
            "'(' is never closed — finish the parenthetical with ')'", opens[0]
        )
    spans.append((start, len(text)))
    return [_parse_source(text, a, b) for a, b in spans]


def _parse_source(full: str, a: int, b: int) -> Cite:
    seg = full[a:b]
    s = seg.strip()
    base = a + (len(seg) - len(seg.lstrip()))  # column of s[0] in the full text
    if not s:
        where = "before the first ';'" if a == 0 else "after ';'"
        raise CitationSyntaxError(
            f"nothing {where}: each source needs an @id (remove the extra ';')",
            a if a == 0 else a - 1,
        )
    at = _top_level_at(s)
    if at < 0:
        raise CitationSyntaxError(_no_at_message(s), base)

    # Signal.
    signal = None
    prefix = s[:at].strip()
    if prefix:
        signal = canonical_signal(prefix)
        if signal is None:
            raise CitationSyntaxError(_unknown_signal_message(prefix, s, at), base)

    # Report id.
    k = at + 1
    while k < len(s) and s[k] in _ID_CHARS_ANY_CASE:
        k += 1
    raw = s[at + 1 : k]
    col_id = base + at
    if not raw:
        following = s[at + 1 :].split()
        if following and following[0][0].lower() in _ALNUM:
            msg = f"remove the space after '@': write @{following[0].lower().rstrip(',;')}"
        else:
            msg = "'@' must be followed by a report id: lowercase letters, digits and hyphens"
        raise CitationSyntaxError(msg, col_id)
    if raw != raw.lower():
        raise CitationSyntaxError(f"report ids are lowercase: write @{raw.lower()}", col_id)
    if raw[0] not in _ALNUM:
        raise CitationSyntaxError(f"report id @{raw} must start with a letter or digit", col_id)
    if raw.endswith("."):
        raise CitationSyntaxError(
            f"report id @{raw} ends with '.': put punctuation outside the brackets",
            col_id + len(raw),
        )
    rid = raw
    if k < len(s) and not (s[k].isspace() or s[k] in ",("):
        ch = s[k]
        if ch == "@":
            msg = f"two sources run together after @{rid}: separate them with ';'"
        else:
            msg = (
                f"unexpected '{ch}' in report id @{rid}{ch}…: "
                "ids use lowercase letters, digits and hyphens"
            )
        raise CitationSyntaxError(msg, base + k)

    rest = s[k:]
    r = rest.lstrip()
    rpos = base + k + (len(rest) - len(r))  # column of r[0]
    pin: str | None = None
    paren: str | None = None
    if not r:
        pass
    elif r[0] == ",":
        pin, paren = _parse_pin(rid, r, rpos)
    elif r[0] == "(":
        close = _match_close(r, 0)
        paren = r[1:close].strip()
        after = r[close + 1 :].strip()
        if after:
            col = rpos + close + 1 + (len(r[close + 1 :]) - len(r[close + 1 :].lstrip()))
            if after[0] == ",":
                msg = f"put the pin cite before the parenthetical: @{rid}, at 5 (…)"
            elif _top_level_at(after) >= 0:
                msg = "two sources run together: separate them with ';'"
            else:
                msg = f"unexpected '{_clip(after, 20)}' after the parenthetical"
            raise CitationSyntaxError(msg, col)
    elif _top_level_at(r) >= 0:
        raise CitationSyntaxError(
            f"two sources run together after @{rid}: separate them with ';'", rpos
        )
    else:
        raise CitationSyntaxError(f"add a comma before the pin cite: @{rid}, {_clip(r, 20)}", rpos)
    if paren is not None and not paren:
        raise CitationSyntaxError(f"empty parenthetical '()' after @{rid}", rpos)
    return Cite(rid, signal, pin, paren)


def _parse_pin(rid: str, r: str, rpos: int) -> tuple[str | None, str | None]:
    """r starts with ','. Returns (pin, parenthetical)."""
    body = r[1:]
    a = body.strip()
    col = rpos + 1 + (len(body) - len(body.lstrip()))  # column of a[0]
    if not a:
        raise CitationSyntaxError(
            f"nothing after the comma: add a pin cite (@{rid}, at 5) or remove the comma", rpos
        )
    if a[0] in ",;":
        raise CitationSyntaxError(f"extra '{a[0]}' after @{rid},", col)
    pin: str | None = a
    paren: str | None = None
    if a.endswith(")"):
        j = _match_open(a, len(a) - 1)
        before = a[:j]
        inner = a[j + 1 : -1]
        if before.strip() and before[-1].isspace():
            # "at 5 (describing x)": a parenthetical after the pin.
            pin, paren = before.strip(), inner.strip()
        elif j == 0 and any(c.isspace() for c in inner.strip()):
            # "@a, (describing x)": a stray comma before a parenthetical.
            pin, paren = None, inner.strip()
        # else "(i)(2)", "§ 3(b)": parentheses belong to the pin.
    if pin is not None:
        at = _top_level_at(pin)
        if at >= 0:
            raise CitationSyntaxError(
                f"two sources run together after @{rid}: separate them with ';'", col + at
            )
    return pin, paren


def _no_at_message(s: str) -> str:
    words = s.split("(")[0].split(",")[0].split()
    if words:
        last = words[-1].rstrip(",")
        lead = " ".join(words[:-1])
        if (
            last
            and set(last) <= _ID_CHARS
            and last[0] in _ALNUM
            and (not lead or canonical_signal(lead))
        ):
            fixed = f"{canonical_signal(lead)} @{last}" if lead else f"@{last}"
            return f"'{_clip(s)}' doesn't name a source: put @ before the report id ({fixed})"
    return (
        f"'{_clip(s)}' doesn't name a source: put @ before the report id, e.g. [See @wapo-irs-dhs]"
    )


def _unknown_signal_message(prefix: str, s: str, at: int) -> str:
    known = list(_SIGNAL_BY_KEY)
    key = _signal_key(prefix)
    if key.startswith("compare"):
        return "'Compare … with …' isn't supported: cite each source with its own signal (e.g. Cf.)"
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        hint = f"did you mean '{_SIGNAL_BY_KEY[close[0]]}'?"
    else:
        hint = "use one of " + " ".join(f"'{x}'" for x in SIGNALS)
    return f"unknown signal '{_clip(prefix, 30)}' before {_clip(s[at:], 20)}: {hint}"


# --------------------------------------------------------------------------------------------
# Finding markers in text

_WORD_AT = r"(^|[\s;])@"  # an '@' that starts a word: "@a", "See @a", "x;@b"
# A report id as typed without its '@': lowercase letters, digits, '-', '.', '_' ("wapo-1", "id")
# or, in any case, a word with a digit or a hyphen in it ("GAO-25-107000").
_ID_LIKE = r"(?:[a-z0-9][a-z0-9._-]*|[A-Za-z0-9._]*[0-9-][A-Za-z0-9._-]*)"
_UNCLOSED = "'[' is never closed: end the citation with ']'"


class Marker(msgspec.Struct, frozen=True):
    """A citation marker in a text: ``text[start:end]`` is ``[content]`` (``[content`` when the
    bracket is never closed)."""

    start: int
    end: int
    content: str  # between the brackets, as written
    closed: bool = True

    @property
    def text(self) -> str:
        """The marker as written, brackets included."""
        return f"[{self.content}]" if self.closed else f"[{self.content}"


def read(content: str, closed: bool = True) -> list[Cite]:
    """The sources of a marker (its content, and whether its bracket is closed), or
    :class:`CitationSyntaxError` (``column`` None for a bracket never closed: the '[' is where
    it went wrong)."""
    if not closed:
        raise CitationSyntaxError(_UNCLOSED, None)
    return parse_citation(content)


def is_attempt(content: str) -> bool:
    """Whether bracketed text is a try at a citation, and so a citation or an error, never text.

    It is when it holds an ``@`` that starts a word (``[@a]``, ``[See @a]``, ``[@]``), when it
    is empty (``[]``), or when it starts with a known signal followed by what looks like a report
    id without its ``@`` (``[See wapo-1]``, ``[see also gao-25-107000, at 5]``). Anything else is
    the letter's own text: ``[sic]``, ``[emphasis added]``, ``[the Department]``, ``[Redacted]``,
    ``[write to foia@agency.gov]``, ``[e.g., IRS and SSA]``.
    """
    if not content.strip() or re.search(_WORD_AT, content):
        return True
    head = re.split(r"[,;(]", content.split(";")[0], maxsplit=1)[0].split()
    if len(head) < 2 or not re.fullmatch(_ID_LIKE, head[-1].rstrip(",")):
        return False
    rest = content.split(";")[0]
    after = rest[rest.find(head[-1]) + len(head[-1]) :].strip()
    return canonical_signal(" ".join(head[:-1])) is not None and (not after or after[0] in ",(")


def _opens_citation(text: str) -> bool:
    """Whether text after a '[' starts like a citation: ``@…`` or a known signal then ``@``."""
    s = text.lstrip()
    if s.startswith("@"):
        return True
    at = s.find("@")
    return at > 0 and s[at - 1].isspace() and canonical_signal(s[:at]) is not None


def scan(src: str, pos: int, limit: int | None = None) -> tuple[int, bool]:
    """The citation marker opening at ``src[pos]``: ``(end, True)`` when ``src[end]`` is its
    closing ']', ``(end, False)`` when it is a citation whose '[' is never closed
    (``src[pos + 1:end]`` is what it holds: up to the end of the line or the next '['), else
    ``(-1, False)``.

    A marker is the bracketed text up to the first ']' outside parentheses (a backslash escapes
    the next character; an unclosed parenthesis ends it at the first ']', so the citation parser
    can say what is wrong) that tries to cite (:func:`is_attempt`). An empty ``[]`` before
    ``(`` is a link's text. A '[' outside parentheses before the end means this bracket is text
    (the inner one may open a marker) — unless this one opens a citation that is never closed.
    """
    stop = len(src) if limit is None else limit
    if pos >= stop or src[pos] != "[":
        return -1, False
    depth = 0
    end = pos + 1
    first_close = -1
    inner = -1  # a '[' outside parentheses: this bracket holds no marker
    while end < stop:
        ch = src[end]
        if ch == "\\":
            end += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "]":
            if first_close < 0:
                first_close = end
            if depth == 0:
                break
        elif ch == "[" and depth == 0:
            inner = end
            break
        end += 1
    else:
        if first_close >= 0:
            end = first_close  # unbalanced parentheses: the parser reports them
    if inner < 0 and end < stop:
        content = src[pos + 1 : end]
        if not is_attempt(content) or (not content.strip() and src[end + 1 : end + 2] == "("):
            return -1, False
        return end, True
    # Never closed: a citation only if it starts like one; it holds the rest of its line.
    stop_at = min(inner if inner >= 0 else stop, stop)
    newline = src.find("\n", pos, stop_at)
    stop_at = newline if newline >= 0 else stop_at
    if _opens_citation(src[pos + 1 : stop_at]):
        return stop_at, False
    return -1, False


def find(text: str) -> list[Marker]:
    """Every citation marker in a text, in order, found as a letter's Markdown finds them.

    Besides the bracket rule (:func:`scan`), what Markdown reads first is skipped as it
    is there: a backslash-escaped character, a code span, an autolink ``<https://…>``, and an
    inline link ``[text](destination "title")`` (its text can hold no marker).
    """
    if "[" not in text:
        return []
    out: list[Marker] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "[":
            end, closed = scan(text, i)
            if end >= 0:
                out.append(Marker(i, end + int(closed), text[i + 1 : end], closed))
                i = end + int(closed)
            else:
                i = _link_end(text, i, 0)
        elif ch == "\\":
            i += 2
        elif ch == "`":
            i = _code_span_end(text, i)
        elif ch == "<":
            i = _autolink_end(text, i)
        else:
            i += 1
    return out


def sub(
    text: str, replace: str | Callable[[Marker], str], *, eat_space_before: bool = False
) -> str:
    """The text with each marker replaced by ``replace`` (text, or a function of the marker);
    ``eat_space_before`` also drops one white-space character before each marker."""
    markers = find(text)
    if not markers:
        return text
    pieces: list[str] = []
    pos = 0
    for m in markers:
        start = m.start
        if eat_space_before and start > pos and text[start - 1].isspace():
            start -= 1
        pieces.append(text[pos:start])
        pieces.append(replace if isinstance(replace, str) else replace(m))
        pos = m.end
    pieces.append(text[pos:])
    return "".join(pieces)


def without_markers(text: str) -> str:
    """The text with its markers dropped, each with one white-space character before it."""
    return sub(text, "", eat_space_before=True)


def citations_in(text: str) -> list[tuple[str | None, str | None]]:
    """``(report id, None)`` for each source a text cites, ``(None, why)`` for a broken marker."""
    found: list[tuple[str | None, str | None]] = []
    for m in find(text):
        try:
            found.extend((c.report_id, None) for c in read(m.content, m.closed))
        except CitationSyntaxError as err:
            found.append((None, f"the citation {m.text} cannot be read: {err.message}"))
    return found


# What Markdown reads before a '[' could open a marker: CommonMark's rules as markdown-it-py
# applies them with the renderer's settings (render/text.py: no images, HTML or references).

_MAX_NESTING = 20  # markdown-it's commonmark preset


def _code_span_end(text: str, i: int) -> int:
    """Past the code span opening at text[i] ('`'), or past the backtick run if it is none."""
    j = i
    n = len(text)
    while j < n and text[j] == "`":
        j += 1
    run = j - i
    k = j
    while True:
        k = text.find("`", k)
        if k < 0:
            return j
        e = k
        while e < n and text[e] == "`":
            e += 1
        if e - k == run:
            return e
        k = e


def _autolink_end(text: str, i: int) -> int:
    """Past an autolink ``<scheme:…>`` or ``<name@host>`` opening at text[i], else i + 1."""
    close = -1
    for j in range(i + 1, len(text)):
        if text[j] == "<":
            return i + 1
        if text[j] == ">":
            close = j
            break
    if close < 0:
        return i + 1
    inside = text[i + 1 : close]
    if re.search(r"^([a-zA-Z][a-zA-Z0-9+.\-]{1,31}):([^<>\x00-\x20]*)$", inside):
        return close + 1 if not _bad_protocol(inside) else i + 1
    email = (
        r"^([a-zA-Z0-9.!#$%&\'*+\/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
        r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)$"
    )
    return close + 1 if re.search(email, inside) else i + 1


def _bad_protocol(url: str) -> bool:
    """markdown-it refuses javascript:, vbscript:, file: and (non-image) data: links.

    (It decodes HTML entities first; "&#106;avascript:" is left to the citation parser here.)
    """
    low = url.strip().lower()
    if re.search(r"^(vbscript|javascript|file|data):", low):
        return not re.search(r"^data:image\/(gif|png|jpeg|webp);", low)
    return False


def _skip_token(text: str, i: int, level: int) -> tuple[int, bool]:
    """Where the Markdown token at text[i] ends, and whether it is more than a plain '['."""
    n = len(text)
    if level >= _MAX_NESTING:
        return n, True
    ch = text[i]
    if ch == "\\":
        return (i + 2, True) if i + 1 < n else (i + 1, False)
    if ch == "`":
        return _code_span_end(text, i), True
    if ch == "<":
        return _autolink_end(text, i), True
    if ch == "[":
        end, closed = scan(text, i)
        if end >= 0:
            return end + int(closed), True
        after = _link_end(text, i, level + 1)
        return after, after != i + 1
    return i + 1, False


def _label_end(text: str, i: int, level: int) -> int:
    """The ']' ending a link's text opening at text[i], or -1 (none, or a link inside)."""
    depth = 1
    pos = i + 1
    n = len(text)
    while pos < n:
        if text[pos] == "]":
            depth -= 1
            if depth == 0:
                return pos
        was = text[pos]
        pos, token = _skip_token(text, pos, level)
        if was == "[":
            if token:
                return -1  # markdown-it allows no link (nor marker) inside a link's text
            depth += 1
    return -1


def _link_end(text: str, i: int, level: int) -> int:
    """Past an inline link ``[text](destination "title")`` opening at text[i], else i + 1."""
    label = _label_end(text, i, level)
    n = len(text)
    pos = label + 1
    if label < 0 or pos >= n or text[pos] != "(":
        return i + 1
    pos = _skip_space(text, pos + 1)
    if pos >= n:
        return i + 1
    dest = _destination_end(text, pos)
    if dest >= 0:
        url = text[pos + 1 : dest - 1] if text[pos] == "<" else text[pos:dest]
        if not _bad_protocol(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", url)):
            pos = dest
        start = pos
        pos = _skip_space(text, pos)
        title = _title_end(text, pos)
        if pos < n and start != pos and title >= 0:
            pos = _skip_space(text, title)
    if pos >= n or text[pos] != ")":
        return i + 1
    return pos + 1


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    return pos


def _destination_end(text: str, pos: int) -> int:
    """Past a link destination at text[pos] (``<…>`` or balanced text), else -1."""
    n = len(text)
    start = pos
    if text[pos] == "<":
        pos += 1
        while pos < n:
            ch = text[pos]
            if ch in "\n<":
                return -1
            if ch == ">":
                return pos + 1
            pos += 2 if ch == "\\" and pos + 1 < n else 1
        return -1
    depth = 0
    while pos < n:
        ch = text[pos]
        if ch == " " or ord(ch) < 0x20 or ch == "\x7f":
            break
        if ch == "\\" and pos + 1 < n:
            if text[pos + 1] == " ":
                break
            pos += 2
            continue
        if ch == "(":
            depth += 1
            if depth > 32:
                return -1
        if ch == ")":
            if depth == 0:
                break
            depth -= 1
        pos += 1
    if pos == start or depth != 0:
        return -1
    return pos


def _title_end(text: str, pos: int) -> int:
    """Past a link title at text[pos] (``"…"``, ``'…'`` or ``(…)``), else -1."""
    n = len(text)
    if pos >= n or text[pos] not in "\"'(":
        return -1
    close = ")" if text[pos] == "(" else text[pos]
    pos += 1
    while pos < n:
        ch = text[pos]
        if ch == close:
            return pos + 1
        if ch == "(" and close == ")":
            return -1
        if ch == "\\" and pos + 1 < n:
            pos += 1
        pos += 1
    return -1
