"""The editing model the terminal UI drives: a letter being edited, with undo, checks and recovery.

Nothing here imports Textual. ``document`` holds the draft and its intent methods, ``recovery``
the recovery copies and recent files, ``check`` runs the pipeline over a draft, ``paste`` reads a
pasted numbered list, ``wording`` says a problem in the words on screen, ``sections`` maps a
field to the part of the editor that shows it.
"""

from __future__ import annotations

from oversight.draft.check import Check, check_text
from oversight.draft.document import (
    ConflictError,
    Draft,
    Step,
    block_text,
    open_recovery,
    to_plain,
)
from oversight.draft.recovery import (
    Recovery,
    crash_log,
    recent_files,
    recoveries,
    remember_recent,
    scan_recoveries,
    starter_text,
    state_dir,
)
from oversight.draft.sections import SECTIONS, section_of

__all__ = [
    "SECTIONS",
    "Check",
    "ConflictError",
    "Draft",
    "Recovery",
    "Step",
    "block_text",
    "check_text",
    "crash_log",
    "open_recovery",
    "recent_files",
    "recoveries",
    "remember_recent",
    "scan_recoveries",
    "section_of",
    "starter_text",
    "state_dir",
    "to_plain",
]
