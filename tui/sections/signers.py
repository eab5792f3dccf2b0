"""Signers: the members who sign, in the order their blocks print."""

from __future__ import annotations

from typing import Any

from ..widgets.form import FieldSpec
from .base import ListSection


class SignersSection(ListSection):
    key = "signers"
    noun = "signer"
    specs = [
        FieldSpec("name", "Name", placeholder="Ron Wyden"),
        FieldSpec("title", "Title lines (default: United States Senator)", kind="lines"),
    ]

    def label(self, item: Any) -> str:
        return str(item.get("name") or "") if isinstance(item, dict) else str(item)

    def follow_text(self) -> str:
        return self.label(self.draft.get(("signers", self.index)))
