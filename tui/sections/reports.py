"""Report entries the letter cites: the form shows the fields the selected kind needs (marked *).

The form holds the fields of every kind and shows those of the selected one: changing the kind
never removes or mounts widgets, so nothing can collide or go missing while the staffer types.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Select

from oversight.citations import registry

from ..widgets.form import FieldSpec, Form
from .base import ListSection


def kind_fields(kind: str) -> tuple[list[str], dict[str, str]]:
    """The fields a kind shows, in order, and their labels (required ones marked *)."""
    spec = registry.get(kind)
    keys = ["id"]
    labels = {"id": "Id * (cite it as [@id])", "short": "short (title for later cites)"}
    if spec is not None:
        for f in spec.fields_in_order():
            keys.append(f.name)
            if f.required:
                labels[f.name] = f"{f.form_label} *"
            else:
                several = " (several: separate with ;)" if f.split_in_forms else ""
                labels[f.name] = f.form_label + several
    keys.append("short")
    return keys, labels


def splits(kind: object, key: str) -> bool:
    """Whether the kind's form takes this field as "A; B" and keeps a list."""
    spec = registry.get(kind)
    field = spec.field(key) if spec is not None else None
    return field is not None and field.split_in_forms


def all_fields() -> list[FieldSpec]:
    seen: dict[str, None] = {"id": None}
    for spec in registry.kinds():
        for f in (*spec.required, *spec.optional):
            seen.setdefault(f)
    seen.setdefault("short")
    return [FieldSpec(f, f) for f in seen]


class ReportsSection(ListSection):
    key = "reports"
    noun = "report"

    def detail(self) -> ComposeResult:
        yield Select(
            [(f"{k.name} — {k.label}", k.name) for k in registry.kinds()],
            prompt="Kind",
            id="report-kind",
            allow_blank=False,
            value="news",
            compact=True,
        )
        yield Form(all_fields(), self.apply_field, id="reports-form")

    def empty_text(self) -> str:
        files = [str(r) for r in self.draft.items("reports") if isinstance(r, str)]
        if files:
            return (
                f"This letter cites reports from {', '.join(files)} (a report library). "
                "Add report puts an entry in the letter itself."
            )
        return "No reports yet: Add report to start."

    def forms(self) -> list[Form]:
        return [self.query_one("#reports-form", Form)]

    def reload(self, select: int | None = None) -> None:
        super().reload(select)
        self.query_one("#report-kind", Select).display = self.count() > 0

    def count(self) -> int:
        return len(self.draft.report_entries())

    def labels(self) -> list[str]:
        return [self.label(item) for item in self.draft.report_entries()]

    def label(self, item: Any) -> str:
        if not isinstance(item, dict):
            return str(item)
        title = registry.headline(item)
        return f"[@{item.get('id', '?')}] {item.get('kind', '')}: {title}"

    def path_of(self, index: int) -> tuple[Any, ...]:
        positions = self.draft.report_indexes()
        return ("reports", positions[index] if index < len(positions) else len(positions))

    def index_of(self, path: tuple[Any, ...]) -> int | None:
        if len(path) > 1 and path[0] == "reports" and isinstance(path[1], int):
            positions = self.draft.report_indexes()
            if path[1] in positions:
                return positions.index(path[1])
        return None

    def add_new(self) -> int:
        return self.draft.add_report()

    def remove_at(self, index: int) -> str:
        return self.draft.remove_report(index)

    def move_at(self, index: int, delta: int) -> int:
        return self.draft.move_report(index, delta)

    def values(self, index: int) -> dict[str, Any]:
        entries = self.draft.report_entries()
        item = entries[index] if index < len(entries) else {}
        return {k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in item.items()}

    def load_detail(self) -> None:
        entries = self.draft.report_entries()
        if not (0 <= self.index < len(entries)):
            return
        kind = str(entries[self.index].get("kind") or "news")
        select = self.query_one("#report-kind", Select)
        with select.prevent(Select.Changed):
            select.value = kind if registry.get(kind) is not None else Select.NULL
        keys, labels = kind_fields(kind)
        form = self.query_one("#reports-form", Form)
        form.show_only(keys, labels)
        form.load(self.values(self.index))

    def apply_field(self, key: str, value: Any) -> None:
        entries = self.draft.report_entries()
        kind = entries[self.index].get("kind") if self.index < len(entries) else None
        if splits(kind, key) and isinstance(value, str) and ";" in value:
            value = [v.strip() for v in value.split(";") if v.strip()]
        if self.index < self.count() and self.draft.set_report_field(self.index, key, value):
            self.relabel()
            self.changed((*self.path_of(self.index), key))

    @on(Select.Changed, "#report-kind")
    def _kind(self, event: Select.Changed) -> None:
        event.stop()
        if not self.count() or not isinstance(event.value, str):
            return
        # Only the kind the select shows now: a change event that arrives after the select was
        # set to another entry's kind (its first value, at mount) must not change any entry.
        if event.value != event.select.value:
            return
        self.flush()
        if self.draft.set_report_kind(self.index, event.value):
            self.load_detail()
            self.relabel()
            self.changed((*self.path_of(self.index), "kind"))

    def follow_text(self) -> str:
        entries = self.draft.report_entries()
        if 0 <= self.index < len(entries):
            item = entries[self.index]
            return registry.headline(item) if isinstance(item, dict) else ""
        return ""
