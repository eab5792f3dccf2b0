"""Where the pages of a letter will break: an estimate from the page geometry the .docx carries.

The terminal UI marks the estimated page breaks in its preview and shows the page count, labelled
as an estimate: the true breaks are Word's or LibreOffice's, known only from the PDF. The page
size, margins, fonts and paragraph spacing are read from the same definitions the builder writes
(``builder.DEFAULT_PAGE`` and ``styles.PARAGRAPH_STYLES``), so a change there moves the estimate.
Lines are wrapped word by word with the advance widths of Times New Roman (``fonts``), the
font the built-in letter sets (LibreOffice uses the metric-compatible Liberation Serif).
"""

from __future__ import annotations

import re
from functools import cache

import msgspec

from oversight.render import fonts
from oversight.render.docx.builder import DEFAULT_PAGE
from oversight.render.docx.styles import PARAGRAPH_STYLES, SIZE
from oversight.render.ir import LetterDoc, Paragraph, Signatures
from oversight.render.plain import spans_text

LINE_EM = 1.15  # line pitch of Liberation Serif (Times New Roman) in LibreOffice, in ems


class Geometry(msgspec.Struct, frozen=True):
    height: float  # page height, points
    width: float
    top: float
    bottom: float
    left: float
    right: float
    header: float  # distance of the header from the page's top edge

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right


class StyleBox(msgspec.Struct, frozen=True):
    before: float = 0.0
    after: float = 0.0
    indent: float = 0.0
    size: float = SIZE / 2


def _twips(xml: str, attr: str) -> float:
    found = re.search(rf'w:{attr}="(-?\d+)"', xml)
    return int(found.group(1)) / 20 if found else 0.0


@cache
def geometry() -> Geometry:
    return Geometry(
        height=_twips(DEFAULT_PAGE, "h"),
        width=_twips(DEFAULT_PAGE, "w"),
        top=_twips(DEFAULT_PAGE, "top"),
        bottom=_twips(DEFAULT_PAGE, "bottom"),
        left=_twips(DEFAULT_PAGE, "left"),
        right=_twips(DEFAULT_PAGE, "right"),
        header=_twips(DEFAULT_PAGE, "header"),
    )


@cache
def style_box(style: str) -> StyleBox:
    xml = PARAGRAPH_STYLES.get(style, "")
    size = re.search(r'<w:sz w:val="(\d+)"', xml)
    return StyleBox(
        before=_twips(xml, "before"),
        after=_twips(xml, "after"),
        indent=_twips(xml, "left"),
        size=int(size.group(1)) / 2 if size else SIZE / 2,
    )


def text_height(text: str, size: float, width: float) -> float:
    """Height of text set at ``size`` points in a column ``width`` points wide."""
    return fonts.wrapped_lines(text, width / size) * size * LINE_EM


def paragraph_height(p: Paragraph, width: float) -> float:
    box = style_box(p.style)
    after = max(box.after, 12.0) if p.ends_parts else box.after
    return box.before + text_height(spans_text(p.spans), box.size, width - box.indent) + after


def _lead(block: Paragraph | Signatures | None, width: float) -> float:
    """The least of a block that must sit on the page of a paragraph kept with it: a signature
    row, or two lines — the whole paragraph when it has three or fewer, since widow and orphan
    control will not leave one line on either page."""
    if block is None:
        return 0.0
    if isinstance(block, Signatures):
        rows = signatures_rows(block)
        return rows[0] if rows else 0.0
    box = style_box(block.style)
    line = box.size * LINE_EM
    lines = round((paragraph_height(block, width) - box.before - box.after) / line)
    return box.before + (lines if lines <= 3 else 2) * line


def signatures_rows(sig: Signatures) -> list[float]:
    """Height of each row of signature blocks (rows never split)."""
    line = (SIZE / 2) * LINE_EM
    per_row = max(1, sig.columns)
    return [
        max((3 + len(lines)) * line for lines in sig.signers[i : i + per_row])
        for i in range(0, len(sig.signers), per_row)
    ]


def _kept_with(body: list[Paragraph | Signatures], index: int, width: float) -> float:
    """What must share the page with a paragraph kept with the next: the rest of the chain of
    such paragraphs (a heading, its introduction, a question kept with its first part) and two
    lines of the paragraph that ends it, as Word and LibreOffice keep chains together."""
    kept = 0.0
    j = index + 1
    while j < len(body):
        block = body[j]
        if isinstance(block, Paragraph) and block.keep_next:
            kept += paragraph_height(block, width)
            j += 1
            continue
        return kept + _lead(block, width)
    return kept


def _notes_of(p: Paragraph) -> list[int]:
    return [s.note for s in p.spans if s.kind == "note"]


class PageEstimate(msgspec.Struct):
    pages: int
    starts: dict[int, int]  # body block index -> the page that starts at (or within) it


def estimate_pages(doc: LetterDoc) -> PageEstimate:
    g = geometry()
    note_box = style_box("FootnoteText")
    header_h = sum(paragraph_height(p, g.text_width) for p in doc.letterhead) + 18
    cont_h = sum(paragraph_height(p, g.text_width) for p in doc.header) + 18
    first_room = g.height - max(g.top, g.header + header_h) - g.bottom
    later_room = g.height - max(g.top, g.header + cont_h) - g.bottom
    note_h = {
        i: text_height(spans_text(spans), note_box.size, g.text_width) + note_box.after
        for i, spans in enumerate(doc.footnotes, start=1)
    }
    separator = 7.0  # the footnote separator's share of the page, as LibreOffice lays it out

    page, room, used, notes_on_page = 1, first_room, 0.0, False
    starts: dict[int, int] = {}

    def new_page(at: int) -> None:
        nonlocal page, room, used, notes_on_page
        page += 1
        room, used, notes_on_page = later_room, 0.0, False
        starts.setdefault(at, page)

    for index, block in enumerate(doc.body):
        if isinstance(block, Signatures):
            for row in signatures_rows(block):
                if used + row > room and used > 0:
                    new_page(index)
                used += row
            continue
        h = paragraph_height(block, g.text_width)
        notes = sum(note_h.get(n, 0) for n in _notes_of(block))
        if notes:
            notes += 0 if notes_on_page else separator
        kept = _kept_with(doc.body, index, g.text_width) if block.keep_next else 0.0
        # The space after a paragraph may fall past the foot of the page: its text is what fits.
        after = (
            style_box(block.style).after
            if not block.ends_parts
            else max(style_box(block.style).after, 12.0)
        )
        fits = used + h - after + notes <= room
        if fits and (not kept or used + h + notes + kept <= room or used == 0):
            used += h + notes
            notes_on_page = notes_on_page or bool(notes)
            continue
        # It does not fit: a paragraph splits across the page where two lines or more stay and
        # two or more go over (widow and orphan control, as Word and LibreOffice do); otherwise
        # it moves whole.
        box = style_box(block.style)
        line = box.size * LINE_EM
        lines = round((h - box.before - box.after) / line)
        stay = min(int((room - used - notes - box.before) / line), lines - 2)
        if used == 0 or stay < 2:
            new_page(index)
            while h + notes > room:  # longer than a page
                h -= room
                new_page(index)
            used = h + notes
        else:
            new_page(index)
            used = h - box.before - stay * line + notes
        notes_on_page = bool(notes)
    return PageEstimate(page, starts)
