"""Words and order: the Jinja template renders the letter's text, which is parsed into the IR.

The template (``letter.md.j2``) writes Markdown with ``:::`` blocks (``::: recipient``,
``::: signatures``, ``::: header``...). Values from the letter never enter that text: every
``{{ value }}`` is replaced by an opaque placeholder (Jinja's ``finalize`` hook), the Markdown is
parsed, and only then are the values put back, as literal text (names, dates) or as their own
separately parsed inline markup (body paragraphs, questions). So a ``{{`` or a ``**`` in a
recipient's name prints as typed, and nothing a user writes can open a block, break a list or
reach template code. The template runs in Jinja's sandbox with ``StrictUndefined``.
"""

from __future__ import annotations

import contextvars
import os
import re
import traceback
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import msgspec
from jinja2.sandbox import SandboxedEnvironment
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from oversight.citations.markers import Marker, scan
from oversight.errors import Problem, Problems, UserError, did_you_mean, display_path
from oversight.letters.prepare import Rich
from oversight.paths import builtin_templates, cache_dir
from oversight.render.ir import Block, LetterDoc, ListInstance, ListRef, Paragraph, Signatures, Span
from oversight.render.labels import LABEL_STYLE as _LABEL_STYLE
from oversight.render.labels import is_bullet
from oversight.text import PLACEHOLDER

TEMPLATE_FILE = "letter.md.j2"


class Field(msgspec.Struct, frozen=True):
    """A Word field or special character the template asks for: PAGE, TAB."""

    name: str


PAGE = Field("PAGE")
TAB = Field("TAB")

# ---------------------------------------------------------------- markup


def _citation_rule(state: StateInline, silent: bool) -> bool:
    """``[@id]``, ``[See @a, at 5; @b]``: a citation, which becomes a footnote.

    What is a citation marker is ``citations.markers``' rule (:func:`scan`), the one a bank
    question's text is checked with: bracketed text that tries to cite, even a broken one
    (``[@]``, ``[See wapo-1]``, an unclosed parenthesis, a '[' never closed), so the citation
    parser says what is wrong rather than the brackets printing in the letter.
    """
    end, closed = scan(state.src, state.pos, state.posMax)
    if end < 0:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.content = state.src[state.pos + 1 : end]
        token.meta = {"closed": closed}
    state.pos = end + int(closed)
    return True


@cache
def markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"typographer": True, "html": False})
    # Curly quotes and apostrophes, yes; "(c)" -> "©" and friends, never: "§ 6103(c)" must survive.
    md.disable(
        [
            "replacements",
            "code",
            "fence",
            "html_block",
            "html_inline",
            "lheading",
            "reference",
            "hr",
            "image",
            # "&amp;" and "&copy;" print as typed: letter text is the staffer's words, not HTML.
            "entity",
        ]
    )
    md.enable("smartquotes")  # the commonmark preset leaves it off
    md.inline.ruler.before("link", "citation", _citation_rule)
    container_plugin(md, "block", validate=lambda *_: True)
    return md


# ---------------------------------------------------------------- Jinja

_SLOTS: contextvars.ContextVar[list[Any]] = contextvars.ContextVar("slots")
_SLOT = re.compile("\ue000(\\d+)\ue001")


def _finalize(value: Any) -> Any:
    """Every printed value becomes a placeholder; only whole numbers print as themselves."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # list numbers: safe in Markdown, and needed there
    if isinstance(value, jinja2.runtime.Undefined):
        return value
    slots = _SLOTS.get()
    slots.append(value if isinstance(value, Rich | Field) else str(value))
    return f"\ue000{len(slots) - 1}\ue001"


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept on disk between runs (Jinja checks each template's mtime), so a
    single `oversight render` does not compile the template again (30-50 ms of a cold start);
    none if the cache folder cannot be made.

    Compiled templates are code: they are read only from a folder that the user owns and no one
    else can write to (as Jinja does for its own temporary cache), never from a shared one."""
    path = cache_dir("templates")
    if path is None:
        return None
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        st = path.stat()
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            return None
        return jinja2.FileSystemBytecodeCache(str(path))
    except OSError:
        return None


def sandbox(
    search: list[Path], finalize: Any, bytecode_cache: jinja2.BytecodeCache | None = None
) -> SandboxedEnvironment:
    """How oversight reads every template (the letter's, the follow-up's): Jinja's sandbox, an
    undefined name an error, no HTML escaping, block tags that leave no blank lines, and
    ``finalize`` deciding how a printed value enters the text."""
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in search]),
        bytecode_cache=bytecode_cache,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
    )


class TemplateSet:
    """A compiled template folder. Built once per folder and reused (compiled once per process)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.env = sandbox([folder, builtin_templates()], _finalize, _bytecode_cache())

    def render(self, context: dict[str, Any]) -> tuple[str, list[Any]]:
        slots: list[Any] = []
        token = _SLOTS.set(slots)
        try:
            template = self.env.get_template(TEMPLATE_FILE)
            return template.render(context), slots
        except jinja2.TemplateSyntaxError as err:
            raise UserError(
                Problem(
                    f"template error: {err.message}",
                    file=display_path(err.filename or self.folder / TEMPLATE_FILE),
                    line=err.lineno,
                )
            ) from None
        except jinja2.TemplateNotFound as err:
            file, line = self._template_frame(err)
            raise UserError(
                Problem(
                    f"template file '{err.name}' not found",
                    file=file,
                    line=line,
                    hint=f"templates are looked for in {display_path(self.folder)} and the built-in templates",
                )
            ) from None
        except Exception as err:  # UndefinedError, SecurityError, TypeError inside the template
            file, line = self._template_frame(err)
            message = (
                str(err)
                if not isinstance(err, jinja2.UndefinedError)
                else _undefined_message(err, list(context))
            )
            kind = (
                "not allowed in a template"
                if isinstance(err, jinja2.exceptions.SecurityError)
                else ""
            )
            raise UserError(
                Problem(
                    f"template error: {message}{' (' + kind + ')' if kind else ''}",
                    file=file,
                    line=line,
                )
            ) from None
        finally:
            _SLOTS.reset(token)

    def _template_frame(self, err: BaseException) -> tuple[str, int | None]:
        frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename.endswith(".j2")]
        if frames:
            return display_path(frames[-1].filename), frames[-1].lineno
        return display_path(self.folder / TEMPLATE_FILE), None


def _undefined_message(err: jinja2.UndefinedError, names: list[str]) -> str:
    """An undefined name, with the nearest of the names the template was given."""
    m = re.search(r"'([^']+)' is undefined", str(err))
    if m:
        hint = did_you_mean(m.group(1), names)
        return f"'{m.group(1)}' is not defined" + (f" ({hint})" if hint else "")
    return str(err)


_TEMPLATE_SETS: dict[Path, TemplateSet] = {}


_GIVEN: dict[Path, TemplateSet] = {}  # by the path as given, to skip resolving it each letter


def template_set(folder: Path) -> TemplateSet:
    found = _GIVEN.get(folder)
    if found is None:
        key = folder.resolve()
        if key not in _TEMPLATE_SETS:
            _TEMPLATE_SETS[key] = TemplateSet(key)
        found = _GIVEN[folder] = _TEMPLATE_SETS[key]
    return found


# ---------------------------------------------------------------- markup -> IR

# Blocks the template may open with ':::' and the paragraph style each gives. In "line" blocks a
# line break in the template is a line break on the page; elsewhere it is a space.
BLOCK_STYLES = {
    "date": "LetterDate",
    "recipient": "Recipient",
    "salutation": "Salutation",
    "heading": "QuestionHeading",
    "closing": "Closing",
    "signatures": "Signature",
    "cc": "CC",
    "enclosures": "CC",
    "contact": "BodyText",
    "letterhead": "Letterhead",
    "header": "Header",
}
LINE_BLOCKS = {
    "date",
    "recipient",
    "signatures",
    "cc",
    "enclosures",
    "letterhead",
    "header",
    "closing",
}


class Builder:
    """Walks the parsed template output and builds the :class:`LetterDoc`."""

    def __init__(
        self,
        slots: list[Any],
        footnotes: Any,
        problems: Problems,
        template_file: str,
        *,
        values: dict[str, str | None] | None = None,
        styles: tuple[str, str] = ("1.", "a."),
    ) -> None:
        self.slots = slots
        self.footnotes = footnotes  # callable(Marker, Rich | None) -> footnote number | None
        self.problems = problems
        self.template_file = template_file
        self.values = values or {}  # what {{ name }} in the letter's own text prints
        self.default_styles = styles  # label styles of questions and parts outside '::: list'
        self.doc = LetterDoc()
        self.blocks: list[str] = []  # open ::: blocks
        self.opened: list[str] = []  # every open ::: block, 'list' ones included
        self.list_styles: list[tuple[int, str]] = []  # open '::: list' blocks: (depth, style)
        self.lists: list[dict[str, Any]] = []  # open lists, innermost last
        self.quote = False  # the paragraph being read holds a block quotation
        self.item_paragraphs = 0
        self.in_heading = False
        self.signature_cols = 0
        self.signers: list[list[list[Span]]] | None = None

    # -- blocks
    def read(self, markup: str) -> LetterDoc:
        """The IR of the template's output."""
        return self.build(parse_blocks(markup))

    def build(self, tokens: list[Token]) -> LetterDoc:
        for tok in tokens:
            t = tok.type
            if t == "container_block_open":
                self._open_block(tok)
            elif t == "container_block_close":
                self._close_block()
            elif t in ("ordered_list_open", "bullet_list_open"):
                self._open_list(tok, ordered=t == "ordered_list_open")
            elif t in ("ordered_list_close", "bullet_list_close"):
                closed = self.lists.pop()
                if closed["level"] == 1 and self.doc.body:
                    last = self.doc.body[-1]
                    if isinstance(last, Paragraph) and last.style.startswith("QuestionPart"):
                        last.ends_parts = True
            elif t == "list_item_open":
                self._open_item(tok)
            elif t == "heading_open":
                self.in_heading = True
            elif t == "heading_close":
                self.in_heading = False
            elif t == "inline":
                self._paragraph(tok)
        keep_together(self.doc.body)
        return self.doc

    def _open_block(self, tok: Token) -> None:
        info = _SLOT.sub(lambda m: str(self.slots[int(m.group(1))]), tok.info).split()
        name = info[0] if info else ""
        self.opened.append(name)
        if name == "list":
            style = info[1] if len(info) > 1 else ""
            if not _LABEL_STYLE.match(style):
                self.problems.add(
                    Problem(
                        f"'::: list {style}': not a label style",
                        file=display_path(self.template_file),
                        line=self._template_line("::: list"),
                        hint="a style such as 1. (1) 1) a. (a) A. i. I. or a bullet •",
                    )
                )
                style = self.default_styles[min(len(self.lists), 1)]
            self.list_styles.append((len(self.lists), style))
            return
        if name not in BLOCK_STYLES:
            self.problems.add(
                Problem(
                    f"unknown block '::: {name}' in the template",
                    file=display_path(self.template_file),
                    line=self._template_line(f"::: {name}"),
                    hint=did_you_mean(name, BLOCK_STYLES) or "blocks: " + ", ".join(BLOCK_STYLES),
                )
            )
        self.blocks.append(name)
        if name == "signatures":
            self.signers = []
            cols = info[1] if len(info) > 1 else ""
            self.signature_cols = int(cols) if cols.isdigit() else 0

    def _close_block(self) -> None:
        if self.opened and self.opened.pop() == "list":
            self.list_styles.pop()
            return
        name = self.blocks.pop() if self.blocks else ""
        if name == "signatures" and self.signers is not None:
            cols = self.signature_cols or (2 if len(self.signers) > 2 else 1)
            if self.signers:
                self.doc.body.append(Signatures(self.signers, max(1, min(cols, 3))))
            self.signers = None

    def _open_list(self, tok: Token, *, ordered: bool) -> None:
        start = int(tok.attrGet("start") or 1) if ordered else 1
        level = min(len(self.lists), 1)
        parent = self.lists[-1] if self.lists else None
        style = self._label_style(level)
        if not ordered:
            style = "•" if level == 0 else "–"
        if level == 0 or parent is None:
            inst = self._new_list(style, (start, 1))
        elif start != 1 or style != self._style_at(parent["inst"], 1):
            inst = self._new_list(parent["inst"].styles[0], (parent["number"], start), style)
        else:
            inst = parent["inst"]
        self.lists.append(
            {"inst": inst, "level": level, "ordered": ordered, "number": start - 1, "start": start}
        )

    def _label_style(self, level: int) -> str:
        """The style of a list opened now: that of a '::: list' block opened directly around it
        (at the same depth of lists), else the letter's option for its level."""
        if self.list_styles and self.list_styles[-1][0] == len(self.lists):
            return self.list_styles[-1][1]
        return self.default_styles[level]

    @staticmethod
    def _style_at(inst: ListInstance, level: int) -> str:
        return inst.styles[level] if level < len(inst.styles) else ""

    def _new_list(self, style: str, starts: tuple[int, int], part_style: str = "") -> ListInstance:
        styles = (style, part_style or self.default_styles[1])
        inst = ListInstance(
            len(self.doc.lists) + 1, not is_bullet(styles[0]), starts, styles=styles
        )
        self.doc.lists.append(inst)
        return inst

    def _open_item(self, tok: Token) -> None:
        lst = self.lists[-1]
        typed = int(tok.info) if tok.info.isdigit() else None
        expected = lst["number"] + 1
        if (
            lst["ordered"]
            and typed is not None
            and typed != expected
            and lst["number"] >= lst["start"]
        ):
            # An explicit number that skips (a, b, c, e): carry on in a new instance from there.
            inst = lst["inst"]
            if lst["level"] == 0:
                lst["inst"] = self._new_list(inst.styles[0], (typed, 1), inst.styles[1])
            else:
                parent_number = self.lists[-2]["number"] if len(self.lists) > 1 else 0
                lst["inst"] = self._new_list(inst.styles[0], (parent_number, typed), inst.styles[1])
            expected = typed
        lst["number"] = expected
        level = lst["level"]
        widest = lst["inst"].widest
        widest[level] = max(widest[level], expected)
        self.item_paragraphs = 0

    def _style(self) -> str:
        if self.blocks:
            return BLOCK_STYLES.get(self.blocks[-1], "BodyText")
        if self.lists:
            lst = self.lists[-1]
            if not lst["ordered"]:
                return "ListBullet"
            base = "Question" if lst["level"] == 0 else "QuestionPart"
            return base if self.item_paragraphs == 0 else base + "Continue"
        return "BodyText"

    def _paragraph(self, tok: Token) -> None:
        block = self.blocks[-1] if self.blocks else None
        line_mode = block in LINE_BLOCKS
        spans: list[Span] = []
        self._inline(
            tok.children or [],
            spans,
            bold=False,
            italic=False,
            line_mode=line_mode,
            rich=None,
            where=block,
        )
        style = "QuestionHeading" if self.in_heading else self._style()
        if self.quote and style == "BodyText":
            style = "BlockText"
        self.quote = False
        para = Paragraph(style, _tidy(spans))
        if self.lists and not self.blocks:
            lst = self.lists[-1]
            if self.item_paragraphs == 0:
                para.list_ref = ListRef(
                    lst["inst"].num_id, lst["level"], lst["number"], lst["inst"].ordered
                )
            self.item_paragraphs += 1
        if block == "signatures" and self.signers is not None:
            self.signers.append(_split_lines(para.spans))
            return
        if block == "letterhead":
            self.doc.letterhead.append(para)
            return
        if block == "header":
            self.doc.header.append(para)
            return
        if block in ("closing", "heading", "date") or self.in_heading:
            para.keep_next = True
        if para.spans:
            self.doc.body.append(para)

    def _template_line(self, needle: str) -> int | None:
        """The line of the template source holding ``needle`` (the output's lines are not the
        template's, so a problem found after rendering is located by its text)."""
        try:
            lines = Path(self.template_file).read_text(encoding="utf-8").splitlines()
        except OSError:
            return None
        for i, line in enumerate(lines, start=1):
            if needle in " ".join(line.split()):
                return i
        return None

    # -- inline
    def _inline(
        self,
        children: list[Token],
        out: list[Span],
        *,
        bold: bool,
        italic: bool,
        line_mode: bool,
        rich: Rich | None,
        where: str | None,
    ) -> None:
        for child in children:
            t = child.type
            if t == "text":
                self._text(child.content, out, bold, italic, line_mode, rich, where)
            elif t == "strong_open":
                bold = True
            elif t == "strong_close":
                bold = False
            elif t == "em_open":
                italic = True
            elif t == "em_close":
                italic = False
            elif t == "softbreak":
                out.append(Span(kind="break") if line_mode else Span(" ", bold=bold, italic=italic))
            elif t == "hardbreak":
                out.append(Span(kind="break"))
            elif t == "code_inline":
                out.append(
                    Span(child.markup + child.content + child.markup, bold=bold, italic=italic)
                )
            elif t == "citation":
                marker = Marker(0, 0, child.content, bool((child.meta or {}).get("closed", True)))
                self._citation(marker, out, rich, where)
            # link_open/close: a link prints its text (URLs belong in footnotes)

    def _text(
        self,
        text: str,
        out: list[Span],
        bold: bool,
        italic: bool,
        line_mode: bool,
        rich: Rich | None,
        where: str | None,
    ) -> None:
        if rich is not None:  # the user's own text: printed as typed, never scanned for slots
            self._placeholders(text, out, bold, italic, rich)
            return
        pos = 0
        for m in _SLOT.finditer(text):
            if m.start() > pos:
                out.append(Span(text[pos : m.start()], bold=bold, italic=italic))
            pos = m.end()
            value = self.slots[int(m.group(1))]
            if isinstance(value, Rich):
                self.quote = self.quote or value.quote
                tokens = self._parse_rich(value)
                self._inline(
                    tokens,
                    out,
                    bold=bold,
                    italic=italic,
                    line_mode=line_mode,
                    rich=value,
                    where=where,
                )
            elif isinstance(value, Field):
                out.append(Span(kind="tab") if value is TAB else Span(value.name, kind="field"))
            else:
                for k, line in enumerate(str(value).split("\n")):
                    if k:
                        out.append(Span(kind="break"))
                    for j, piece in enumerate(line.split("\t")):
                        if j:
                            out.append(Span(kind="tab"))
                        if piece:
                            out.append(Span(piece, bold=bold, italic=italic))
        if pos < len(text):
            out.append(Span(text[pos:], bold=bold, italic=italic))

    def _placeholders(
        self, text: str, out: list[Span], bold: bool, italic: bool, rich: Rich
    ) -> None:
        """The user's text with each ``{{ deadline }}`` replaced by its value."""
        pos = 0
        for m in PLACEHOLDER.finditer(text):
            name = m.group(1)
            value = self.values.get(name)
            if name not in self.values:
                # A near miss ({{ dedline }}) is a typo; any other name is the user's own text
                # (a letter may quote template syntax) and prints as typed.
                hint = did_you_mean(name, self.values)
                if hint:
                    self.problems.add(
                        rich.problem(f"unknown placeholder {m.group(0)}", hint, needle=m.group(0))
                    )
            elif value is None:
                self.problems.add(
                    rich.problem(
                        f"{m.group(0)} is used but the letter has no {name}",
                        f"add {name}: to the letter (a date, or {{days: 14}})",
                        needle=m.group(0),
                    )
                )
            else:
                out.append(Span(text[pos : m.start()] + value, bold=bold, italic=italic))
                pos = m.end()
        if pos < len(text):
            out.append(Span(text[pos:], bold=bold, italic=italic))

    def _parse_rich(self, rich: Rich) -> list[Token]:
        return parse_inline(rich.text)

    def _citation(
        self, marker: Marker, out: list[Span], rich: Rich | None, where: str | None
    ) -> None:
        if where in ("letterhead", "header"):
            line = self._template_line(marker.text) or self._template_line(f"::: {where}")
            self.problems.add(
                Problem(
                    "citations cannot appear in the letterhead or page header",
                    file=display_path(self.template_file),
                    line=line,
                    hint="footnotes belong in the letter's text",
                )
            )
            return
        number = self.footnotes(marker, rich)
        if number:
            out.append(Span(kind="note", note=number))


def keep_together(body: list[Block]) -> None:
    """Page-break rules that follow from what the paragraphs are (Word's "keep with next"):
    a paragraph introducing a list stays with its first item, a question with its first part,
    and the paragraph before the closing with the closing (which stays with the signatures)."""
    for i, p in enumerate(body[:-1]):
        nxt = body[i + 1]
        if not isinstance(p, Paragraph) or not isinstance(nxt, Paragraph):
            continue
        if nxt.list_ref is not None and (
            p.list_ref is None or nxt.list_ref.level > p.list_ref.level
        ):
            if p.list_ref is not None or p.style in ("BodyText", "BlockText", "QuestionHeading"):
                p.keep_next = True
        elif nxt.style == "Closing":
            p.keep_next = True


def _split_lines(spans: list[Span]) -> list[list[Span]]:
    lines: list[list[Span]] = [[]]
    for s in spans:
        if s.kind == "break":
            lines.append([])
        else:
            lines[-1].append(s)
    return [line for line in lines if line]


_AFTER_NOTE = re.compile(r"^([.,;:!?]+[\"”’']?|[\"”’'][.,;:!?]*)")


def _tidy(spans: list[Span]) -> list[Span]:
    """Footnote markers after the sentence's punctuation, no space before them; merge runs."""
    out: list[Span] = []
    i = 0
    while i < len(spans):
        s = spans[i]
        if s.kind == "note":
            # "claim [@x]." -> "claim.¹": drop the space before, move following punctuation ahead.
            if out and out[-1].kind == "text":
                out[-1].text = out[-1].text.rstrip(" ")
                if not out[-1].text:
                    out.pop()
            notes = [s]
            while i + 1 < len(spans) and spans[i + 1].kind == "note":
                i += 1
                notes.append(spans[i])
            nxt = spans[i + 1] if i + 1 < len(spans) else None
            if nxt is not None and nxt.kind == "text":
                m = _AFTER_NOTE.match(nxt.text)
                if m:
                    prev = out[-1] if out else None
                    if (
                        prev
                        and prev.kind == "text"
                        and (prev.bold, prev.italic) == (nxt.bold, nxt.italic)
                    ):
                        prev.text += m.group(1)
                    else:
                        out.append(Span(m.group(1), bold=nxt.bold, italic=nxt.italic))
                    nxt.text = nxt.text[m.end() :]
            out.extend(notes)
            i += 1
            continue
        if s.kind == "text" and not s.text:
            i += 1
            continue
        prev = out[-1] if out else None
        if (
            prev
            and prev.kind == "text"
            and s.kind == "text"
            and prev.bold == s.bold
            and prev.italic == s.italic
        ):
            prev.text += s.text
        else:
            out.append(Span(s.text, s.kind, s.bold, s.italic, s.note))
        i += 1
    while out and out[-1].kind == "text" and not out[-1].text.strip():
        out.pop()
    if out and out[-1].kind == "text":
        out[-1].text = out[-1].text.rstrip()
    return out


# Parsing is the largest cost of a render, and the same text recurs: a batch sends one body to
# forty agencies, the TUI re-renders a draft after each pause. Parse results (token lists, only
# ever read) are kept by text, a bounded number of them.
_CACHE_SIZE = 4096
_INLINE: dict[str, list[Token]] = {}
_BLOCK: dict[str, list[Token]] = {}


def _remember(cache: dict[str, list[Token]], key: str, tokens: list[Token]) -> list[Token]:
    if len(cache) >= _CACHE_SIZE:
        cache.pop(next(iter(cache)))
    cache[key] = tokens
    return tokens


def parse_inline(text: str) -> list[Token]:
    """Inline tokens of rich text (bold, italic, citations), cached by text."""
    found = _INLINE.get(text)
    if found is None:
        tokens = markdown().parseInline(text)
        found = _remember(_INLINE, text, (tokens[0].children or []) if tokens else [])
    return found


def parse_blocks(markup: str) -> list[Token]:
    """Block tokens of the template's output, cached by text (letters of one template and
    shape give the same text: their values are placeholders)."""
    found = _BLOCK.get(markup)
    if found is None:
        found = _remember(_BLOCK, markup, markdown().parse(markup))
    return found


__all__ = ["PAGE", "TAB", "Builder", "Field", "TemplateSet", "markdown", "template_set"]
