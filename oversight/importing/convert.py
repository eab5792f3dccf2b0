"""Word 97-2003 (.doc), OpenDocument (.odt) and RTF letters to .docx, through LibreOffice: one
headless process for the whole batch (``oversight.libreoffice``), each result moved into the
output folder atomically. The .docx made is then opened like any other (``package.open_docx``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from oversight.importing.package import PackageError, sniff
from oversight.libreoffice import (
    INSTALL_HINT,
    LibreOfficeTimeout,
    converted,
    move_into_place,
    soffice,
)

CONVERTED_SUFFIXES = (".doc", ".odt", ".rtf")
# Word 2007-365's format, as LibreOffice names its export filter.
CONVERT_TO = "docx:MS Word 2007 XML"
_HEAD = 64 * 1024


def _refusal(path: Path, outdir: Path, taken: set[str]) -> PackageError | None:
    """Why a file is not sent to LibreOffice, if it is not."""
    if path.suffix.lower() not in CONVERTED_SUFFIXES:
        return PackageError(
            f"import converts only .doc, .odt and .rtf files, not {path.suffix or 'this file'}"
        )
    try:
        with path.open("rb") as f:
            head = f.read(_HEAD)
    except OSError as err:
        return PackageError(f"cannot read the file: {err.strerror or err}")
    if not head:
        return PackageError("the file is empty")
    found = sniff(head)
    if found is not None and "password" in str(found):
        return found  # LibreOffice would stop at a password prompt it cannot show
    name = path.with_suffix(".docx").name
    if name.lower() in taken:
        return PackageError(
            f"another file of the batch also becomes {name}",
            hint="convert files that share a name in separate batches",
        )
    if (outdir / name).exists():
        return PackageError(f"{outdir / name} is there already; it is not overwritten")
    taken.add(name.lower())
    return None


def to_docx(
    paths: Sequence[Path], outdir: Path, *, timeout: float = 600
) -> dict[Path, Path | PackageError]:
    """Convert .doc, .odt and .rtf files to .docx files in ``outdir`` with one LibreOffice; each
    input maps to the .docx written or to why it was not. :class:`PackageError` when LibreOffice
    is not installed (and there is something to convert)."""
    results: dict[Path, Path | PackageError] = {}
    batch: list[Path] = []
    taken: set[str] = set()
    for path in paths:
        refusal = _refusal(path, outdir, taken)
        if refusal is not None:
            results[path] = refusal
        else:
            batch.append(path)
    if not batch:
        return results
    program = soffice()
    if program is None:
        raise PackageError(
            "importing .doc, .odt and .rtf files needs LibreOffice, and 'soffice' is not on PATH",
            hint=INSTALL_HINT + "; or save the letters as .docx in Word",
        )
    try:
        with converted(
            program, batch, CONVERT_TO, timeout=timeout, prefix="oversight-import-"
        ) as made:
            for path in batch:
                produced = made / path.with_suffix(".docx").name
                if not produced.is_file():
                    results[path] = PackageError(
                        "LibreOffice could not convert it (damaged, or not the format its name says)"
                    )
                    continue
                target = outdir / produced.name
                move_into_place(produced, target)
                results[path] = target
    except LibreOfficeTimeout as err:
        for path in batch:
            results.setdefault(path, PackageError(str(err)))
    return {path: results[path] for path in paths if path in results}
