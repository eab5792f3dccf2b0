"""The first screen without a file: a new letter, a file to open, a Word letter to import, the
tracker over a folder of sent letters, or a recent one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .ask_path import AskPath
from .once import DismissOnce


class StartScreen(DismissOnce, ModalScreen[tuple[str, Any]]):
    """New letter, open a file, or a recent one."""

    AUTO_FOCUS = "OptionList"  # the keyboard is here the moment the dialog opens

    BINDINGS = [Binding("escape", "new", "New letter")]
    DEFAULT_CSS = """
    StartScreen { align: center middle; }
    StartScreen > Vertical { width: 76; max-width: 100%; height: auto; max-height: 100%; border: thick $primary; background: $surface; padding: 1 2; }
    StartScreen OptionList { height: auto; max-height: 12; }
    """

    def __init__(self, recent: list[Path]) -> None:
        super().__init__()
        self.recent = recent

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]oversight[/b] — draft an oversight letter")
            options = [
                Option("New letter (from the starter template)", id="new"),
                Option("Open a letter file…", id="open"),
                Option("Import a Word letter (.docx, .doc, .odt, .rtf)…", id="import"),
                Option("Track sent letters (deadlines, answers, follow-ups)…", id="track"),
            ]
            options += [
                Option(Content(f"Recent: {p}"), id=f"recent:{i}") for i, p in enumerate(self.recent)
            ]
            yield OptionList(*options, id="start-options")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id or "new"
        if key.startswith("recent:"):
            self.dismiss(("open", self.recent[int(key.split(":")[1])]))
        elif key == "open":
            self.app.push_screen(AskPath("Letter file to open:"), self._opened)
        elif key == "import":
            self.app.push_screen(
                AskPath("Word letter to import (its letter file is written beside it):"),
                self._import,
            )
        elif key == "track":
            self.app.push_screen(
                AskPath("Folder of letters to track:", str(Path.cwd())), self._track
            )
        else:
            self.dismiss(("new", None))

    def _track(self, path: Path | None) -> None:
        if path is not None:
            self.dismiss(("track", path))

    def _opened(self, path: Path | None) -> None:
        if path is not None:
            self.dismiss(("open", path))

    def _import(self, path: Path | None) -> None:
        if path is not None:
            self.dismiss(("import", path))

    def action_new(self) -> None:
        self.dismiss(("new", None))
