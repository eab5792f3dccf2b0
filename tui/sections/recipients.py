"""Recipients: honorific, name, title, agency and address, filled from the directory if wished."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Button

from ..widgets.form import FieldSpec
from .base import ListSection, Wants


class RecipientsSection(ListSection):
    key = "recipients"
    noun = "recipient"
    specs = [
        FieldSpec("honorific", "Honorific", placeholder="The Honorable, Mr., Ms., Dr."),
        FieldSpec("name", "Name", placeholder="Melanie Krause"),
        FieldSpec("title", "Title", placeholder="Acting Commissioner"),
        FieldSpec("agency", "Agency", placeholder="Internal Revenue Service"),
        FieldSpec("address", "Address (one line each)", kind="lines"),
        FieldSpec(
            "salutation", "Salutation name (optional)", placeholder="derived from title and surname"
        ),
    ]

    def extra_buttons(self) -> ComposeResult:
        yield Button("Directory…", id="recipients-directory", compact=True)

    def extra_button(self, action: str) -> None:
        if action == "directory":
            self.post_message(Wants("directory"))

    def label(self, item: Any) -> str:
        if not isinstance(item, dict):
            return str(item)
        name = " ".join(str(item.get(k) or "") for k in ("honorific", "name")).strip()
        return name + (f" — {item.get('title')}" if item.get("title") else "")

    def follow_text(self) -> str:
        item = self.draft.get(("recipients", self.index))
        return str(item.get("name") or "") if isinstance(item, dict) else ""

    def fill(self, values: dict[str, Any]) -> None:
        """Fill the selected recipient from a directory entry (one undo step)."""
        self.flush()
        if not self.count():
            self.draft.add_recipient()
            self.index = self.count() - 1
        self.draft.fill_recipient(self.index, values)
        self.reload(self.index)
        self.changed(("recipients", self.index))
