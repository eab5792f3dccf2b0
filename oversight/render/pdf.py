"""PDF through LibreOffice: one headless process for a whole batch, output moved into place.

LibreOffice takes about a second and 200 MB to start, so every file of a batch goes through one
call. It converts into a private temporary folder (with its own profile, so a LibreOffice the
staffer has open does not block it); each PDF is then moved beside its .docx atomically.

The PDF is archival and accessible by default: PDF/A-2b, tagged (headings, lists, footnotes as
notes, links), with the title, author and language the .docx carries (docProps/core.xml and the
styles' default language, which LibreOffice turns into the XMP metadata, the Info dictionary and
/Lang). ``kind="plain"`` gives LibreOffice's default export: untagged, not PDF/A.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

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


def soffice() -> str | None:
    """The LibreOffice program on PATH, if any."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(
    docx_files: Sequence[Path], timeout: float = 600, *, kind: PdfKind = "pdfa"
) -> list[Path]:
    """Convert .docx files to PDFs beside them (PDF/A-2b and tagged, or plain); return the PDFs
    written."""
    program = soffice()
    if program is None:
        raise PdfError(
            "PDF needs LibreOffice, and 'soffice' is not on PATH (the .docx files were written)",
            hint="install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui)",
        )
    written: list[Path] = []
    # LibreOffice names each PDF after its input, so inputs sharing a name go in separate calls.
    batches: list[list[Path]] = []
    for f in docx_files:
        for batch in batches:
            if all(b.name != f.name for b in batch):
                batch.append(f)
                break
        else:
            batches.append([f])
    for batch in batches:
        with tempfile.TemporaryDirectory(prefix="oversight-pdf-") as tmp:
            profile = Path(tmp, "profile").as_uri()
            outdir = Path(tmp, "out")
            cmd = [
                program,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                convert_to(kind),
                "--outdir",
                str(outdir),
                *[str(f.resolve()) for f in batch],
            ]
            proc = subprocess.Popen(
                cmd,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
            try:
                proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                raise PdfError(f"LibreOffice did not finish within {timeout:.0f} s") from None
            finally:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(proc.pid, signal.SIGKILL)  # LibreOffice leaves helpers in its group
            for f in batch:
                produced = outdir / f.with_suffix(".pdf").name
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
                tmp_target = target.with_name(f".{target.name}.tmp")
                shutil.copyfile(produced, tmp_target)
                os.replace(tmp_target, target)
                written.append(target)
    return written


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
