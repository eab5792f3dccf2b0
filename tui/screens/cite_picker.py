"""Pick a report to cite at the cursor."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from .once import DismissOnce


class CitePicker(DismissOnce, ModalScreen[str | None]):
    """Pick a report to cite at the cursor."""

    AUTO_FOCUS = "OptionList"  # the keyboard is here the moment the dialog opens

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    CitePicker { align: center middle; }
    CitePicker > Vertical { width: 90; height: auto; max-height: 20; border: thick $primary; background: $surface; padding: 0 1; }
    """

    def __init__(self, reports: list[tuple[str, str]]) -> None:
        super().__init__()
        self.reports = reports

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Cite which report? (add reports in the Reports section)")
            yield OptionList(
                *[Option(Content(f"[@{rid}] {title}"), id=rid) for rid, title in self.reports],
                id="cite-options",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
