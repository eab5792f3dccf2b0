"""Rendering: a prepared letter to its text (IR), to .docx bytes, to files."""

from __future__ import annotations

from pathlib import Path

from oversight.errors import UserError
from oversight.fsutil import is_file
from oversight.letters.prepare import Prepared
from oversight.render.context import render_ir


def docx_bytes(prep: Prepared) -> bytes:
    """The .docx for a prepared letter; raises :class:`UserError` on any problem."""
    # Not at the top: `validate` imports this package (render.batch) but writes no .docx.
    from oversight.render.docx.package import ReferenceError_, office_parts
    from oversight.render.docx.package import docx_bytes as _bytes

    reference = None
    if prep.letter.letterhead:
        p = Path(prep.letter.letterhead)
        reference = p if p.is_absolute() else prep.base_dir / p
        if not is_file(reference):
            raise UserError(
                prep.doc.problem(
                    ("letterhead",),
                    f"letterhead file '{prep.letter.letterhead}' not found",
                    hint="paths are relative to the letter's folder",
                )
            )
    try:
        parts = office_parts(reference)
    except ReferenceError_ as err:
        raise UserError(
            prep.doc.problem(("letterhead",), f"'{prep.letter.letterhead}' is {err}")
        ) from None
    doc = render_ir(prep)
    return _bytes(doc, parts)
