"""Write the peers' equivalents of the model letter (run by bench/setup.sh; re-runnable).

    bench/.venv/bin/python bench/peers/make.py

The content is taken from oversight's own reading of examples/irs-dhs-doge-letter.yaml (its laid-
out text, the IR: the same words, the same footnote texts with Id. and supra already decided, the
same question and part numbers), so every peer says exactly what the model letter says. Only the
way each tool is told to lay it out differs. Written here:

* ``letter.md`` + ``reference.docx`` for pandoc: Markdown with pandoc footnotes (``[^1]``, real
  Word footnotes), a numbered list of questions with lettered parts (real Word lists), custom-style
  divs for date, recipients, salutation and closing, a headerless grid table for the two columns of
  signatures; the reference .docx (built with python-docx) carries the styles, the letterhead as a
  first-page header and the continuation header (first recipient, date, "Page N").
* ``template.docx`` + ``context.json`` for docxtpl: a .docx whose paragraphs hold Jinja tags
  (``{%p for %}`` loops for recipients, paragraphs, questions and parts, a ``{%tr %}`` row loop for
  the signature table), built with python-docx; the context is the model letter as JSON. docxtpl
  cannot make footnotes (it fills the document part only; there is no footnotes part to put a
  note in), so each citation is a superscript number in the text and the notes are printed,
  numbered, after the signatures: endnote-like text, not Word footnotes. Question numbers and part
  letters are typed text (docxtpl has no way to restart a Word list per question), not Word lists.

Both peers print the same 12 notes, 11 questions with their parts, 3 recipients and 3 signers.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MODEL = ROOT / "examples" / "irs-dhs-doge-letter.yaml"


# --------------------------------------------------------------------------- the model's content
def model_content(model: Path = MODEL) -> dict:
    """The model letter as oversight lays it out, in tool-neutral form.

    Spans are ``[text, fmt]`` with fmt one of "", "i", "b", "bi", "note" (text = the note's
    number) and "br" (a line break).
    """
    from oversight.letters.prepare import load_letter
    from oversight.render.context import render_ir
    from oversight.render.ir import Paragraph, Signatures

    prep = load_letter(model)
    ir = render_ir(prep)

    def spans(ss) -> list[list[str]]:
        out = []
        for s in ss:
            if s.kind == "text":
                out.append([s.text, ("b" if s.bold else "") + ("i" if s.italic else "")])
            elif s.kind == "break":
                out.append(["", "br"])
            elif s.kind == "note":
                out.append([str(s.note), "note"])
            elif s.kind == "tab":
                out.append(["\t", ""])
            elif s.kind == "field":
                out.append([s.text, "field"])
        return out

    blocks: list[dict] = []
    for b in ir.body:
        if isinstance(b, Signatures):
            blocks.append(
                {
                    "kind": "signatures",
                    "columns": b.columns,
                    "signers": [[spans(line) for line in signer] for signer in b.signers],
                }
            )
        else:
            assert isinstance(b, Paragraph)
            ref = b.list_ref
            blocks.append(
                {
                    "kind": "paragraph",
                    "style": b.style,
                    "spans": spans(b.spans),
                    "level": None if ref is None else ref.level,
                    "number": None if ref is None else ref.number,
                }
            )
    return {
        "letterhead": [spans(p.spans) for p in ir.letterhead],
        "header": [spans(p.spans) for p in ir.header],
        "blocks": blocks,
        "footnotes": [spans(n) for n in ir.footnotes],
    }


def lines_of(ss: list[list[str]]) -> list[list[list[str]]]:
    """Split spans at line breaks."""
    out: list[list[list[str]]] = [[]]
    for s in ss:
        if s[1] == "br":
            out.append([])
        else:
            out[-1].append(s)
    return out


def plain(ss: list[list[str]]) -> str:
    return "".join("\n" if f == "br" else t for t, f in ss)


# --------------------------------------------------------------------------- pandoc
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|$~^@\"])")


def md_escape(text: str) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)  # "1. " at a line's start is not a list


def md_spans(ss: list[list[str]]) -> str:
    out = []
    for text, fmt in ss:
        if fmt == "br":
            out.append("\\\n")
        elif fmt == "note":
            out.append(f"[^{text}]")
        elif fmt == "field":
            out.append("")
        else:
            t = md_escape(text)
            if not t.strip():
                out.append(t)
                continue
            # Emphasis markers must hug the words: move surrounding spaces outside.
            lead = t[: len(t) - len(t.lstrip())]
            trail = t[len(t.rstrip()) :]
            core = t.strip()
            if "b" in fmt:
                core = f"**{core}**"
            if "i" in fmt:
                core = f"*{core}*"
            out.append(lead + core + trail)
    return "".join(out)


PANDOC_STYLES = {
    "LetterDate": "Letter Date",
    "Recipient": "Recipient",
    "Salutation": "Salutation",
    "Closing": "Closing",
}


def pandoc_markdown(c: dict) -> str:
    out: list[str] = []
    for b in c["blocks"]:
        if b["kind"] == "signatures":
            out.append(_grid_table(b))
            continue
        text = md_spans(b["spans"])
        if b["level"] == 0:
            out.append(f"{b['number']}. " + text.replace("\n", "\n    "))
        elif b["level"] == 1:
            out.append(f"    {chr(96 + b['number'])}. " + text.replace("\n", "\n        "))
        elif b["style"] in PANDOC_STYLES:
            out.append(f'::: {{custom-style="{PANDOC_STYLES[b["style"]]}"}}\n{text}\n:::')
        else:
            out.append(text)
    for i, note in enumerate(c["footnotes"], start=1):
        out.append(f"[^{i}]: {md_spans(note)}")
    return "\n\n".join(out) + "\n"


def _grid_table(b: dict) -> str:
    cols = max(1, b["columns"])
    signers = [[md_spans(line) for line in signer] for signer in b["signers"]]
    rows = [signers[i : i + cols] for i in range(0, len(signers), cols)]
    width = max(len(line) for s in signers for line in s) + 4
    sep = "+" + "+".join("-" * (width + 2) for _ in range(cols)) + "+"
    out = [sep]
    for row in rows:
        row = row + [[]] * (cols - len(row))
        height = max(len(s) for s in row)
        for k in range(height):
            cells = []
            for s in row:
                line = s[k] if k < len(s) else ""
                if k < len(s) - 1:
                    line += "\\"  # a line break inside the cell
                cells.append(" " + line.ljust(width) + " ")
            out.append("|" + "|".join(cells) + "|")
        out.append(sep)
    return "\n".join(out)


# --------------------------------------------------------------------------- .docx building
def _base_document():
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Inches, Pt

    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Inches(1))
    normal = d.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    def pstyle(name: str, after: float = 12, left: float = 0, hanging: float = 0, keep=False):
        try:
            s = d.styles[name]
        except KeyError:
            s = d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        s.base_style = normal
        pf = s.paragraph_format
        pf.space_after = Pt(after)
        pf.space_before = Pt(0)
        pf.line_spacing = 1.0
        if left:
            pf.left_indent = Inches(left)
        if hanging:
            pf.first_line_indent = Inches(-hanging)
        if keep:
            pf.keep_with_next = True
        return s

    for name in (
        "Body Text",
        "First Paragraph",
        "Compact",
        "Letter Date",
        "Recipient",
        "Salutation",
    ):
        pstyle(name)
    pstyle("Closing", after=0, keep=True)
    pstyle("Signature", after=0)
    pstyle("Question", left=0.5, hanging=0.25)
    pstyle("Question Part", after=6, left=1.0, hanging=0.25)
    ft = pstyle("Footnote Text", after=3)
    ft.font.size = Pt(10)
    try:
        fr = d.styles["Footnote Reference"]
    except KeyError:
        fr = d.styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    fr.font.superscript = True
    return d


def _add_field(paragraph, instr: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def _add_spans(paragraph, ss: list[list[str]]) -> None:
    for text, fmt in ss:
        if fmt == "br":
            paragraph.add_run().add_break()
        elif fmt == "field":
            _add_field(paragraph, f" {text} ")
        elif fmt == "note":
            paragraph.add_run(text).font.superscript = True
        else:
            run = paragraph.add_run(text)
            run.bold = "b" in fmt or None
            run.italic = "i" in fmt or None


def _headers(d, c: dict, continuation: list[list[list[str]]] | None) -> None:
    """Letterhead as the first page's header; the continuation header on later pages."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    sec = d.sections[0]
    sec.different_first_page_header_footer = True
    first = sec.first_page_header
    for k, ss in enumerate(c["letterhead"]):
        p = first.paragraphs[0] if k == 0 else first.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_spans(p, ss)
        for r in p.runs:
            r.font.small_caps = True
            r.font.size = Pt(14)
    if continuation is not None:
        head = sec.header
        for k, ss in enumerate(continuation):
            p = head.paragraphs[0] if k == 0 else head.add_paragraph()
            _add_spans(p, ss)


def reference_docx(c: dict, path: Path) -> None:
    d = _base_document()
    _headers(d, c, c["header"])
    d.add_paragraph("")  # pandoc keeps only the reference's styles, headers and section
    d.save(str(path))


# --------------------------------------------------------------------------- docxtpl
def docxtpl_context(c: dict) -> dict:
    """The model letter as a docxtpl context (spans as [text, fmt]; RichText built at render)."""
    blocks = c["blocks"]
    first_q = next(i for i, b in enumerate(blocks) if b.get("level") is not None)
    last_q = max(i for i, b in enumerate(blocks) if b.get("level") is not None)
    ctx: dict = {"recipients": [], "body": [], "questions": [], "after": []}
    for i, b in enumerate(blocks):
        if b["kind"] == "signatures":
            cols = max(1, b["columns"])
            signers = [_join_lines(s) for s in b["signers"]]
            ctx["signer_rows"] = [
                {
                    "left": signers[k],
                    "right": signers[k + 1] if k + 1 < len(signers) and cols > 1 else [],
                }
                for k in range(0, len(signers), cols)
            ]
            continue
        style, ss = b["style"], b["spans"]
        if style == "LetterDate":
            ctx["date"] = plain(ss)
        elif style == "Recipient":
            ctx["recipients"].append(ss)
        elif style == "Salutation":
            ctx["salutation"] = plain(ss)
        elif style == "Closing":
            ctx["closing"] = plain(ss)
        elif b["level"] == 0:
            ctx["questions"].append({"number": b["number"], "text": ss, "parts": []})
        elif b["level"] == 1:
            ctx["questions"][-1]["parts"].append({"label": chr(96 + b["number"]), "text": ss})
        elif i < first_q:
            ctx["body"].append(ss)
        elif i > last_q:
            ctx["after"].append(ss)
        else:
            raise ValueError(f"unexpected paragraph among the questions: {style}")
    header_lines = lines_of(c["header"][0]) if c["header"] else [[["", ""]]]
    ctx["header_name"] = plain(header_lines[0])
    ctx["notes"] = [[[str(i), "note"], [" ", ""], *n] for i, n in enumerate(c["footnotes"], 1)]
    return ctx


def _join_lines(lines: list[list[list[str]]]) -> list[list[str]]:
    out: list[list[str]] = []
    for k, line in enumerate(lines):
        if k:
            out.append(["", "br"])
        out.extend(line)
    return out


def template_docx(c: dict, path: Path) -> None:
    """A docxtpl template: python-docx paragraphs holding Jinja tags."""
    from docx.shared import Inches

    d = _base_document()
    # Letterhead on page 1; the continuation header filled by docxtpl (it renders headers too).
    cont = [[["{{ header_name }}", ""]], [["{{ date }}", ""]], [["Page ", ""], ["PAGE", "field"]]]
    _headers(d, c, cont)
    d.add_paragraph("{{ date }}", style="Letter Date")
    d.add_paragraph("{%p for rec in recipients %}")
    d.add_paragraph("{{r rec }}", style="Recipient")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("{{ salutation }}", style="Salutation")
    d.add_paragraph("{%p for p in body %}")
    d.add_paragraph("{{r p }}", style="Body Text")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("{%p for q in questions %}")
    d.add_paragraph("{{ q.number }}.\t{{r q.text }}", style="Question")
    d.add_paragraph("{%p for part in q.parts %}")
    d.add_paragraph("{{ part.label }}.\t{{r part.text }}", style="Question Part")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("{%p for p in after %}")
    d.add_paragraph("{{r p }}", style="Body Text")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("{{ closing }}", style="Closing")
    d.add_paragraph("", style="Closing")
    d.add_paragraph("", style="Closing")
    table = d.add_table(rows=3, cols=2)
    table.autofit = True
    table.cell(0, 0).merge(table.cell(0, 1)).text = "{%tr for row in signer_rows %}"
    table.cell(1, 0).paragraphs[0].text = "{{r row.left }}"
    table.cell(1, 1).paragraphs[0].text = "{{r row.right }}"
    for cell in (table.cell(1, 0), table.cell(1, 1)):
        cell.paragraphs[0].style = d.styles["Signature"]
        cell.width = Inches(3.25)
    table.cell(2, 0).merge(table.cell(2, 1)).text = "{%tr endfor %}"
    # docxtpl cannot write Word footnotes: the notes follow the letter as numbered text.
    d.add_paragraph("")
    d.add_paragraph("________________________", style="Footnote Text")
    d.add_paragraph("{%p for n in notes %}")
    d.add_paragraph("{{r n }}", style="Footnote Text")
    d.add_paragraph("{%p endfor %}")
    d.save(str(path))


# --------------------------------------------------------------------------- main
def main() -> int:
    sys.path.insert(0, str(HERE))
    c = model_content()
    counts = {
        "footnotes": len(c["footnotes"]),
        "questions": sum(1 for b in c["blocks"] if b.get("level") == 0),
        "parts": sum(1 for b in c["blocks"] if b.get("level") == 1),
        "recipients": sum(1 for b in c["blocks"] if b.get("style") == "Recipient"),
        "signers": sum(len(b["signers"]) for b in c["blocks"] if b["kind"] == "signatures"),
    }
    (HERE / "letter.md").write_text(pandoc_markdown(c), encoding="utf-8")
    reference_docx(c, HERE / "reference.docx")
    ctx = docxtpl_context(c)
    (HERE / "context.json").write_text(json.dumps(ctx, indent=1, ensure_ascii=False) + "\n")
    template_docx(c, HERE / "template.docx")
    print("peers: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
