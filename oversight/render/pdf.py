"""PDF through LibreOffice: one headless process for a whole batch, output moved into place.

LibreOffice takes about a second and 200 MB to start, so every file of a batch goes through one
call (``oversight.libreoffice``: a private temporary folder and profile, the process group killed
on a timeout); each PDF is then moved beside its .docx atomically.

The PDF is archival and accessible by default: PDF/A-2b, tagged (headings, lists, footnotes as
notes, links), with the title, author and language the .docx carries (docProps/core.xml and the
styles' default language, which LibreOffice turns into the XMP metadata, the Info dictionary and
/Lang). ``kind="plain"`` gives LibreOffice's default export: untagged, not PDF/A.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from oversight.libreoffice import (
    INSTALL_HINT,
    LibreOfficeTimeout,
    batches_by_name,
    converted,
    move_into_place,
    soffice,
)

PdfKind = Literal["pdfa", "plain"]
PDF_KINDS: tuple[PdfKind, ...] = ("pdfa", "plain")

# The PDF export's filter data, which `--convert-to` takes as JSON from LibreOffice 7.4 on.
# SelectPdfVersion 2 is PDF/A-2b; UseTaggedPDF writes the structure tree (and /MarkInfo).
PDFA_OPTIONS = {
    "SelectPdfVersion": {"type": "long", "value": "2"},
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
}


def convert_to(kind: PdfKind) -> str:
    """LibreOffice's --convert-to argument for a kind of PDF."""
    if kind == "plain":
        return "pdf"
    return "pdf:writer_pdf_Export:" + json.dumps(PDFA_OPTIONS, separators=(",", ":"))


class PdfError(Exception):
    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def convert(
    docx_files: Sequence[Path], timeout: float = 600, *, kind: PdfKind = "pdfa"
) -> list[Path]:
    """Convert .docx files to PDFs beside them (PDF/A-2b and tagged, or plain); return the PDFs
    written."""
    program = soffice()
    if program is None:
        raise PdfError(
            "PDF needs LibreOffice, and 'soffice' is not on PATH (the .docx files were written)",
            hint=INSTALL_HINT,
        )
    written: list[Path] = []
    for batch in batches_by_name(docx_files):
        try:
            with converted(
                program, batch, convert_to(kind), timeout=timeout, prefix="oversight-pdf-"
            ) as outdir:
                for f in batch:
                    written.append(_finish(f, outdir / f.with_suffix(".pdf").name, kind))
        except LibreOfficeTimeout as err:
            raise PdfError(str(err)) from None
    return written


def _finish(f: Path, produced: Path, kind: PdfKind) -> Path:
    """Check the PDF LibreOffice made of ``f``, retag it, move it beside ``f``."""
    if not produced.is_file():
        raise PdfError(f"LibreOffice could not convert {f}")
    if kind == "pdfa" and b"pdfaid:part" not in produced.read_bytes():
        # A LibreOffice before 7.4 reads no JSON options and writes a plain PDF.
        raise PdfError(
            f"LibreOffice wrote a plain PDF for {f}, not PDF/A",
            hint="PDF/A needs LibreOffice 7.4 or later; --pdf plain writes a plain PDF",
        )
    if kind == "pdfa":
        signature_grid_as_layout(produced)
    target = f.with_suffix(".pdf")
    move_into_place(produced, target)
    return target


# What LibreOffice tags a table as; a letter's only table is its grid of signature blocks.
TABLE_TAGS = frozenset({"/Table", "/THead", "/TBody", "/TFoot", "/TR", "/TH", "/TD"})


def signature_grid_as_layout(pdf_path: Path) -> int:
    """Retag the signature grid as layout: its Table, TR and TD elements become Div, so a screen
    reader reads the signature blocks in order instead of announcing a table of two columns.

    LibreOffice tags every Word table as a data table and has no property to mark one as layout;
    the builder writes no table but the signature grid (the letterhead is in the header, an
    artifact). Returns the number of elements retagged; the PDF is rewritten in place only if
    there were any, its PDF/A identification and metadata untouched.
    """
    import pikepdf  # lazy: only a tagged PDF needs it (docs/architecture.md, lazy imports)

    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return 0
        role_map = root.get("/RoleMap", pikepdf.Dictionary())
        changed = 0
        stack = [root.get("/K")]
        seen: set[tuple[int, int]] = set()
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                if node.is_indirect:
                    if node.objgen in seen:
                        continue
                    seen.add(node.objgen)
                kind = str(node.S)
                if str(role_map.get(kind, kind)) in TABLE_TAGS:
                    node.S = pikepdf.Name("/Div")
                    changed += 1
                if "/K" in node:
                    stack.append(node.K)
        if changed:
            pdf.save(pdf_path)
        return changed
