"""Sections that are one form of top-level fields: the letter's details, and its body."""

from __future__ import annotations

import contextlib
import datetime
from typing import Any, ClassVar

from ruamel.yaml.comments import CommentedMap
from textual.app import ComposeResult

from ..widgets.form import FieldSpec, Form
from .base import Section

# A key with a "-" is a path into the letter: "options-part_style" is options.part_style.
NONE_WORD = "none"  # typed in a field that may be false (closing, lead-in): print nothing
DETAIL_FIELDS = [
    FieldSpec("date", "Date (YYYY-MM-DD)", placeholder="2025-03-20"),
    FieldSpec("subject", "Subject (not printed)"),
    FieldSpec(
        "deadline", "Deadline: a date, or a number of days", placeholder="14 days  or  2025-04-03"
    ),
    FieldSpec("from", "Letterhead first line", placeholder="United States Senate"),
    FieldSpec("office", "Letterhead lines", kind="lines"),
    FieldSpec("letterhead", "Office letterhead .docx (optional)"),
    FieldSpec("template", "Template", placeholder="oversight-letter"),
    FieldSpec("salutation", "Salutation line (optional: replaces the derived one)"),
    FieldSpec("closing", "Closing ('none' for no closing)", placeholder="Sincerely,"),
    FieldSpec("cc", "cc lines", kind="lines"),
    FieldSpec("enclosures", "Enclosures", kind="lines"),
    FieldSpec(
        "options-enclosure_label",
        "Enclosure label (Attachment…; s added for several)",
        placeholder="Enclosure",
    ),
    FieldSpec(
        "options-question_style",
        "Question numbers: 1.  (1)  1)  A.  I.  •",
        placeholder="1.",
    ),
    FieldSpec(
        "options-part_style",
        "Part labels: a.  (a)  a)  i.  (i)  •",
        placeholder="a.",
    ),
    FieldSpec(
        "options-signature_columns",
        "Signature columns: 1, 2 or 3",
        placeholder="blank: 2 for three or more signers",
    ),
]
BODY_FIELDS = [
    FieldSpec(
        "body",
        "Body: paragraphs separated by a blank line; **bold**, *italic*, ctrl+k to cite",
        kind="text",
    ),
    FieldSpec(
        "lead_in",
        "Before the questions ('none': no sentence)",
        placeholder="We request that you provide answers … no later than {{ deadline }}:",
    ),
    FieldSpec(
        "after_questions",
        "After the questions ({{ deadline }}: the date)",
        kind="text",
    ),
    FieldSpec("contact", "Staff contact sentence"),
]
MAY_BE_NONE = {"closing", "lead_in"}


def field_path(key: str) -> tuple[str, ...]:
    return tuple(key.split("-"))


def deadline_to_yaml(text: str) -> Any:
    """'14', '14 days' -> {days: 14}; '2025-04-03' -> a date; anything else as typed."""
    words = text.replace("days", "").replace("day", "").strip()
    if words.isdigit():
        return CommentedMap(days=int(words))
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        return text or None


def deadline_from_yaml(value: Any) -> str:
    if isinstance(value, dict):
        if value.get("days"):
            return f"{value['days']} days"
        return str(value.get("date") or "")
    return "" if value is None else str(value)


class FieldsSection(Section):
    """A section that is one form of top-level fields."""

    DEFAULT_CSS = "FieldsSection { height: 1fr; }"
    specs: ClassVar[list[FieldSpec]] = []

    def compose(self) -> ComposeResult:
        yield Form(self.specs, self.apply_field, id=f"{self.key}-form")

    @property
    def form(self) -> Form:
        return self.query_one(Form)

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        values = {s.key: self.draft.get(field_path(s.key)) for s in self.specs}
        if "deadline" in values:
            values["deadline"] = deadline_from_yaml(values["deadline"])
        for key in MAY_BE_NONE & set(values):
            if values[key] is False:
                values[key] = NONE_WORD
        self.form.load(values)
        super().reload()

    def flush(self) -> None:
        self.form.flush()

    def apply_field(self, key: str, value: Any) -> None:
        if key == "deadline":
            value = deadline_to_yaml(value)
        elif key == "date" and isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = datetime.date.fromisoformat(value)
        elif key in MAY_BE_NONE and isinstance(value, str) and value.lower() == NONE_WORD:
            value = False
        elif key == "options-signature_columns" and isinstance(value, str) and value.isdigit():
            value = int(value)  # anything else is kept as typed, for validation to name
        path = field_path(key)
        if self.draft.set_field(path, value):
            self.changed(path)

    def follow_text(self) -> str:
        focused = self.screen.focused if self.is_attached else None
        form = self.form
        for key in form.specs:
            if form.field(key) is focused:
                widget = form.field(key)
                text = getattr(widget, "text", None) or getattr(widget, "value", "")
                if hasattr(widget, "cursor_location") and isinstance(text, str):
                    row = widget.cursor_location[0]
                    lines = text.split("\n")
                    # The paragraph holding the cursor: its first line that has words.
                    start = row
                    while start > 0 and lines[start - 1].strip():
                        start -= 1
                    return lines[start] if start < len(lines) else ""
                return str(text)
        return ""


class DetailsSection(FieldsSection):
    key = "details"
    specs = DETAIL_FIELDS


class BodySection(FieldsSection):
    key = "body"
    specs = BODY_FIELDS
