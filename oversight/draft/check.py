"""What the pipeline makes of a draft: its problems and its preview, with estimated pages.

Runs in a worker thread of the TUI after a pause in typing; never raises for a problem in the
letter (the problems are the result).
"""

from __future__ import annotations

from pathlib import Path

import msgspec

from oversight.banks.finder import FindBanks, letter_banks
from oversight.errors import Problem, UserError, display_path
from oversight.letters.prepare import load_letter_text
from oversight.render.context import render_ir
from oversight.render.pages import estimate_pages
from oversight.render.plain import plain_text


class Check(msgspec.Struct):
    """What the pipeline makes of the draft right now."""

    problems: list[Problem] = msgspec.field(default_factory=list)
    preview: str = ""
    ok: bool = False
    pages: int = 0  # estimated page count (0: not known)


def page_mark(page: int) -> str:
    return f"┄┄┄┄┄┄┄┄ page {page} (estimated break) ┄┄┄┄┄┄┄┄"


def check_text(text: str, path: Path | None, *, banks: FindBanks = letter_banks) -> Check:
    """Check letter text as if saved at ``path``, its bank questions looked up in ``banks``;
    safe to run in a worker thread."""
    base = path.parent if path else Path.cwd()
    file = display_path(path) if path else "untitled.yaml"
    try:
        prep = load_letter_text(text, file, base, banks=banks)
        ir = render_ir(prep)
    except UserError as err:
        return Check(err.problems)
    estimate = estimate_pages(ir)
    marks = {index: page_mark(page) for index, page in estimate.starts.items()}
    preview = plain_text(ir, marks)
    return Check(list(prep.problems.items), preview, True, estimate.pages)
