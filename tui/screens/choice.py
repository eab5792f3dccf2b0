"""A question with buttons (unsaved changes, a file changed on disk, a recovered draft)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from .once import DismissOnce


class Choice(DismissOnce, ModalScreen[str]):
    """A question with buttons; dismisses with the chosen button's id."""

    AUTO_FOCUS = "Button"  # the keyboard is here the moment the dialog opens

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    Choice { align: center middle; }
    Choice > Vertical { width: 70; height: auto; border: thick $primary; background: $surface; padding: 1 2; }
    Choice Horizontal { height: auto; margin-top: 1; }
    Choice Button { margin-right: 1; }
    """

    def __init__(
        self, message: str, choices: list[tuple[str, str]], cancel: str = "cancel"
    ) -> None:
        super().__init__()
        self.message = message
        self.choices = choices
        self.cancel = cancel

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.message, markup=False)
            with Horizontal():
                for i, (key, label) in enumerate(self.choices):
                    yield Button(label, id=key, variant="primary" if i == 0 else "default")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or self.cancel)

    def action_cancel(self) -> None:
        self.dismiss(self.cancel)
