"""Per-letter WordprocessingML, written directly as strings from the IR.

No python-docx on this path: a letter's document, footnotes, numbering instances and headers are
a few kilobytes of XML each, built here in schema order with every text escaped.
"""

from __future__ import annotations

from oversight.render.docx.styles import NAMESPACES, SIZE, abstract_numbering
from oversight.render.ir import LetterDoc, ListInstance, Paragraph, Signatures, Span

_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
TEXT_WIDTH = 9360  # twips between one-inch margins on US Letter


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _rpr(span: Span, extra: str = "") -> str:
    inner = (
        extra + ("<w:b/><w:bCs/>" if span.bold else "") + ("<w:i/><w:iCs/>" if span.italic else "")
    )
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


def runs_xml(spans: list[Span]) -> str:
    out: list[str] = []
    for s in spans:
        if s.kind == "text":
            out.append(f'<w:r>{_rpr(s)}<w:t xml:space="preserve">{esc(s.text)}</w:t></w:r>')
        elif s.kind == "break":
            out.append("<w:r><w:br/></w:r>")
        elif s.kind == "tab":
            out.append("<w:r><w:tab/></w:r>")
        elif s.kind == "note":
            out.append(
                '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                f'<w:footnoteReference w:id="{s.note}"/></w:r>'
            )
        elif s.kind == "field":
            out.append(
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> {esc(s.text)} </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                "<w:r><w:t>2</w:t></w:r>"
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            )
    return "".join(out)


def paragraph_xml(p: Paragraph, *, extra_ppr: str = "", spacing: str = "") -> str:
    ppr = [f'<w:pStyle w:val="{p.style}"/>']
    if p.keep_next:
        ppr.append("<w:keepNext/>")
    if p.list_ref is not None:
        ppr.append(
            f'<w:numPr><w:ilvl w:val="{p.list_ref.level}"/><w:numId w:val="{p.list_ref.num_id}"/></w:numPr>'
        )
    ppr.append(extra_ppr)
    if p.ends_parts and not spacing:
        spacing = '<w:spacing w:after="240"/>'  # as after a question (the Question style's)
    ppr.append(spacing)
    return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{runs_xml(p.spans)}</w:p>"


def _signer_paragraphs(lines: list[list[Span]], *, in_table: bool = False) -> str:
    """Space to sign, then the name and title lines, kept together; nothing keeps one signer
    with the next, so a long list of signers breaks between blocks (rows), never inside one.
    In a table the row, which never splits, holds them together: a "keep with next" there
    would make LibreOffice keep the whole table together."""
    keep = "" if in_table else "<w:keepNext/><w:keepLines/>"
    blank = f'<w:p><w:pPr><w:pStyle w:val="Signature"/>{keep}</w:pPr></w:p>'
    spans: list[Span] = []
    for i, line in enumerate(lines):
        if i:
            spans.append(Span(kind="break"))
        spans.extend(line)
    return (
        blank * 3
        + f'<w:p><w:pPr><w:pStyle w:val="Signature"/><w:keepLines/></w:pPr>{runs_xml(spans)}</w:p>'
    )


def signatures_xml(sig: Signatures) -> str:
    """One signer under another, or a borderless table of N columns whose rows never split."""
    if sig.columns == 1:
        return "".join(_signer_paragraphs(lines) for lines in sig.signers)
    n = sig.columns
    col = TEXT_WIDTH // n
    rows: list[str] = []
    for i in range(0, len(sig.signers), n):
        row = sig.signers[i : i + n]
        cells = []
        for lines in row + [[]] * (n - len(row)):
            content = _signer_paragraphs(lines, in_table=True) if lines else "<w:p/>"
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{col}" w:type="dxa"/></w:tcPr>{content}</w:tc>'
            )
        rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>")
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="115" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/>'
        "</w:tblPr><w:tblGrid>"
        + f'<w:gridCol w:w="{col}"/>' * n
        + "</w:tblGrid>"
        + "".join(rows)
        + "</w:tbl>"
    )


SECTION = (
    '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderDefault"/>'
    '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
    '{page}<w:cols w:space="720"/><w:titlePg/></w:sectPr>'
)
DEFAULT_PAGE = (
    '<w:pgSz w:w="12240" w:h="15840"/>'
    '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/>'
)


END_PARAGRAPH = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>'
)


def document_xml(doc: LetterDoc, page: str = DEFAULT_PAGE) -> str:
    body: list[str] = []
    for block in doc.body:
        if isinstance(block, Signatures):
            body.append(signatures_xml(block))
        else:
            body.append(paragraph_xml(block))
    if not doc.body or isinstance(doc.body[-1], Signatures):
        # Word wants a paragraph after a closing table. It is 1 pt high with no spacing, so a
        # table that ends at the foot of a page does not push it onto a page of its own.
        body.append(END_PARAGRAPH)
    return (
        f"{_XML_HEAD}<w:document {NAMESPACES}><w:body>"
        + "".join(body)
        + SECTION.format(page=page)
        + "</w:body></w:document>"
    )


_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    "</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


def footnotes_xml(doc: LetterDoc) -> str:
    notes = []
    for i, spans in enumerate(doc.footnotes, start=1):
        notes.append(
            f'<w:footnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{runs_xml(spans)}</w:p></w:footnote>'
        )
    return f"{_XML_HEAD}<w:footnotes {NAMESPACES}>{_SEPARATORS}{''.join(notes)}</w:footnotes>"


def numbering_xml(lists: list[ListInstance]) -> str:
    """Each list its own definition (its label styles, and hanging indents that fit its widest
    labels) and instance (its start numbers)."""
    abstracts = []
    nums = []
    for inst in lists:
        abstracts.append(abstract_numbering(inst.num_id, inst.styles, inst.widest, SIZE / 2))
        nums.append(
            f'<w:num w:numId="{inst.num_id}"><w:abstractNumId w:val="{inst.num_id}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{inst.starts[0]}"/></w:lvlOverride>'
            f'<w:lvlOverride w:ilvl="1"><w:startOverride w:val="{inst.starts[1]}"/></w:lvlOverride></w:num>'
        )
    return f"{_XML_HEAD}<w:numbering {NAMESPACES}>" + "".join(abstracts + nums) + "</w:numbering>"


_RULE = '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="4" w:color="auto"/></w:pBdr>'


def header_xml(paragraphs: list[Paragraph], *, rule: bool = False) -> str:
    """A header part; the last paragraph gets space after it (and, for a letterhead, a rule)."""
    out = []
    for i, p in enumerate(paragraphs):
        last = i == len(paragraphs) - 1
        out.append(
            paragraph_xml(
                p,
                extra_ppr=_RULE if (last and rule) else "",
                spacing='<w:spacing w:after="360"/>' if last else "",
            )
        )
    return f"{_XML_HEAD}<w:hdr {NAMESPACES}>{''.join(out) or '<w:p/>'}</w:hdr>"
