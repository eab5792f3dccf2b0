"""Ask for a file name (save as, open)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from .once import DismissOnce


class AskPath(DismissOnce, ModalScreen[Path | None]):
    """Ask for a file name (save as, open)."""

    AUTO_FOCUS = "#path"  # the keyboard is here the moment the dialog opens

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    AskPath { align: center middle; }
    AskPath > Vertical { width: 70; height: auto; border: thick $primary; background: $surface; padding: 1 2; }
    """

    def __init__(self, prompt: str, value: str = "") -> None:
        super().__init__()
        self.prompt = prompt
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.prompt, markup=False)
            yield Input(self.value, id="path")
            yield Static("Enter to confirm, Escape to cancel.", classes="hint")

    def on_mount(self) -> None:
        field = self.query_one("#path", Input)
        field.focus()
        field.cursor_position = len(field.value)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        self.dismiss(Path(text).expanduser() if text else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
