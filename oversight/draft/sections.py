"""Which part of the editor each field of a letter belongs to.

The terminal UI shows one section at a time; a problem, an undo or a test names a field by its
path in the letter, and this says which section shows it.
"""

from __future__ import annotations

from typing import Any

# (key, title) of each section, in the order the editor lists them.
SECTIONS: list[tuple[str, str]] = [
    ("details", "Letter"),
    ("recipients", "Recipients"),
    ("body", "Body"),
    ("questions", "Questions"),
    ("reports", "Reports"),
    ("signers", "Signers"),
]

_FIELD_SECTION = {
    "recipients": "recipients",
    "signers": "signers",
    "questions": "questions",
    "reports": "reports",
    "body": "body",
    "after_questions": "body",
    "lead_in": "body",
    "contact": "body",
}


def section_of(path: tuple[Any, ...] | list[Any]) -> str:
    """The section that shows the field at ``path`` (the letter's own settings when unknown)."""
    if not path:
        return "details"
    return _FIELD_SECTION.get(str(path[0]), "details")
