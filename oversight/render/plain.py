"""The letter as plain text: the terminal UI's live preview, worded exactly as the .docx.

Same template, same IR: only the drawing differs. Footnote references are superscript digits and
the footnotes follow the letter; list labels are computed as Word shows them.
"""

from __future__ import annotations

from oversight.render.ir import LetterDoc, Paragraph, Signatures, Span
from oversight.render.labels import label

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def spans_text(spans: list[Span]) -> str:
    out = []
    for s in spans:
        if s.kind == "text":
            out.append(s.text)
        elif s.kind == "break":
            out.append("\n")
        elif s.kind == "tab":
            out.append("  ")
        elif s.kind == "note":
            out.append(str(s.note).translate(_SUPERSCRIPT))
        elif s.kind == "field":
            out.append("N" if s.text == "PAGE" else "")
    return "".join(out)


def _label(doc: LetterDoc, p: Paragraph) -> str:
    ref = p.list_ref
    if ref is None:
        return ""
    styles = doc.lists[ref.num_id - 1].styles if 0 < ref.num_id <= len(doc.lists) else ("1.", "a.")
    return label(styles[min(ref.level, 1)], ref.number)


def plain_text(doc: LetterDoc, marks: dict[int, str] | None = None) -> str:
    """The letter as text; ``marks`` puts a line before given body blocks (estimated page
    breaks in the TUI's preview)."""
    lines: list[str] = []
    for p in doc.letterhead:
        lines.append(spans_text(p.spans).upper())
    lines.append("─" * 40)
    lines.append("")
    for index, block in enumerate(doc.body):
        if marks and index in marks:
            lines.append(marks[index])
            lines.append("")
        if isinstance(block, Signatures):
            for signer in block.signers:
                lines.append("")
                lines.append("")
                lines.extend(spans_text(line) for line in signer)
            lines.append("")
            continue
        text = spans_text(block.spans)
        if block.list_ref is not None:
            indent = "    " * (block.list_ref.level + 1)
            shown = _label(doc, block)
            body = text.replace("\n", "\n" + indent)
            lines.append(
                f"{indent[:-4]}{shown:<4}{body}"
                if len(shown) < 4
                else f"{indent[:-4]}{shown} {body}"
            )
        elif block.style == "BlockText":
            lines.append("\n".join("        " + line for line in text.split("\n")))
        elif block.style.startswith("Question"):  # continued paragraphs and group headings
            lines.append(text.upper() if block.style == "QuestionHeading" else "    " + text)
        else:
            lines.append(text)
        lines.append("")
    if doc.footnotes:
        lines.append("─" * 20)
        for i, note in enumerate(doc.footnotes, start=1):
            lines.append(f"{i}. {spans_text(note)}")
    if doc.header:
        lines.append("")
        lines.append(
            "Page 2 onward: "
            + " / ".join(spans_text(p.spans).replace("\n", " / ") for p in doc.header)
        )
    return "\n".join(lines).rstrip() + "\n"
