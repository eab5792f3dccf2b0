"""The letter as laid-out text: what the .docx builder and the text preview both draw.

The template's output is parsed into this small structure: paragraphs of spans (text, line
breaks, footnote references, fields) with a style and optional list numbering, signature blocks,
the first-page letterhead and the continuation header, and the footnotes in order.
"""

from __future__ import annotations

from typing import Literal

import msgspec

SpanKind = Literal["text", "break", "tab", "note", "field"]


class Span(msgspec.Struct):
    text: str = ""
    kind: SpanKind = "text"
    bold: bool = False
    italic: bool = False
    note: int = 0  # footnote number, for kind == "note"


class ListRef(msgspec.Struct):
    """Where a paragraph sits in a numbered list: which list instance and which level."""

    num_id: int  # the numbering instance (one per list; restarts by construction)
    level: int  # 0 = questions (1., 2.), 1 = parts (a., b.)
    number: int  # the number or letter's ordinal it shows (for text output)
    ordered: bool = True


class Paragraph(msgspec.Struct):
    style: str
    spans: list[Span] = msgspec.field(default_factory=list)
    list_ref: ListRef | None = None
    keep_next: bool = False
    # The last paragraph of a question's parts: as much space after it as after a question,
    # so it reads with its own question rather than the next.
    ends_parts: bool = False

    def plain(self) -> str:
        return "".join(
            "\n" if s.kind == "break" else "\t" if s.kind == "tab" else s.text for s in self.spans
        )


class Signatures(msgspec.Struct):
    """Signature blocks: each signer is a list of lines (each a list of spans)."""

    signers: list[list[list[Span]]]
    columns: int


Block = Paragraph | Signatures


class ListInstance(msgspec.Struct):
    """One numbered or bulleted list: a ``w:num`` with its start numbers and label styles per
    level ("1.", "(a)", "•": see ``render.labels``), and the highest number each level shows
    (so the label's hanging indent fits the widest label)."""

    num_id: int
    ordered: bool
    starts: tuple[int, int]  # start number of level 0 and level 1
    styles: tuple[str, str] = ("1.", "a.")
    widest: list[int] = msgspec.field(default_factory=lambda: [1, 1])


class LetterDoc(msgspec.Struct):
    body: list[Block] = msgspec.field(default_factory=list)
    letterhead: list[Paragraph] = msgspec.field(default_factory=list)
    header: list[Paragraph] = msgspec.field(default_factory=list)
    footnotes: list[list[Span]] = msgspec.field(default_factory=list)
    lists: list[ListInstance] = msgspec.field(default_factory=list)
    title: str = (
        ""  # the document's title, author and language: docProps/core.xml, the PDF's metadata
    )
    author: str = ""
    language: str = "en-US"  # BCP 47, as Word's w:lang and the PDF's /Lang write it
    date_iso: str = ""
