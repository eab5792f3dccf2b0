"""The agency directory: find an agency by name, acronym or a word, fill the recipient from it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from oversight.directory import Entry, load_directory

from .once import DismissOnce


def agency_line(entry: Entry) -> str:
    agency: Any = entry.agency or entry.name
    return ", ".join(agency) if isinstance(agency, list) else str(agency)


class DirectoryPicker(DismissOnce, ModalScreen[Entry | None]):
    """Search starts empty every time; Enter on a result fills the recipient."""

    AUTO_FOCUS = "#dir-query"  # the keyboard is here the moment the dialog opens

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]
    DEFAULT_CSS = """
    DirectoryPicker { align: center middle; }
    DirectoryPicker > Vertical { width: 100; max-width: 100%; height: 90%; border: thick $primary; background: $surface; padding: 0 1; }
    DirectoryPicker #dir-results { height: 1fr; }
    DirectoryPicker #dir-shown { height: auto; max-height: 8; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.directory = load_directory()
        self.found: list[Entry] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(
                placeholder="Agency: a name, an acronym (IRS, GAO) or a word…", id="dir-query"
            )
            yield OptionList(id="dir-results")
            yield Static("", id="dir-shown", markup=False)

    def on_mount(self) -> None:
        for warning in getattr(self.directory, "warnings", []):
            self.notify(str(warning), severity="warning", timeout=8, markup=False)
        self.search("")
        self.query_one("#dir-query", Input).focus()

    def search(self, query: str) -> None:
        self.found = list(self.directory.search(query, limit=60))
        results = self.query_one("#dir-results", OptionList)
        results.clear_options()
        options = []
        for i, e in enumerate(self.found):
            tag = " (inspector general)" if e.kind == "inspector-general" else ""
            acronym = f" ({e.acronym})" if e.acronym else ""
            mine = " ★ yours" if getattr(e, "user", False) else ""
            options.append(Option(Text(f"{agency_line(e)}{acronym}{tag}{mine}"), id=str(i)))
        results.add_options(options)
        if options:
            results.highlighted = 0

    @on(Input.Changed, "#dir-query")
    def _query(self, event: Input.Changed) -> None:
        self.search(event.value)

    @on(Input.Submitted, "#dir-query")
    def _submit(self) -> None:
        results = self.query_one("#dir-results", OptionList)
        if results.option_count:
            self.dismiss(self.found[results.highlighted or 0])

    @on(OptionList.OptionHighlighted, "#dir-results")
    def _show(self, event: OptionList.OptionHighlighted) -> None:
        e = self.found[int(event.option.id or 0)]
        lines = [f"Head: {e.head_title or '(title not known: fill it in)'}"]
        lines += [*e.address] if e.address else ["(no address known)"]
        if e.address_derived:
            lines.append("Address derived from the parent agency's main address: check it.")
        lines.append(f"Source: {e.source}")
        self.query_one("#dir-shown", Static).update("\n".join(lines))

    @on(OptionList.OptionSelected, "#dir-results")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.found[int(event.option.id or 0)])

    def action_move(self, delta: int) -> None:
        results = self.query_one("#dir-results", OptionList)
        if results.option_count:
            current = results.highlighted or 0
            results.highlighted = max(0, min(results.option_count - 1, current + delta))

    def action_cancel(self) -> None:
        self.dismiss(None)
