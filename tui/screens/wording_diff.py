"""How a reworded bank question differs from the bank's own wording, word by word."""

from __future__ import annotations

import difflib

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .once import DismissOnce


def word_diff(old: str, new: str) -> Text:
    """``new`` against ``old``: removed words struck through in red, added ones in green."""
    out = Text()
    a, b = old.split(), new.split()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(a[i1:i2]) + " ")
        if op in ("delete", "replace"):
            out.append("[-" + " ".join(a[i1:i2]) + "-]", style="strike red")
            out.append(" ")
        if op in ("insert", "replace"):
            out.append("{+" + " ".join(b[j1:j2]) + "+}", style="bold green")
            out.append(" ")
    return out


class WordingDiff(DismissOnce, ModalScreen[None]):
    AUTO_FOCUS = "#diff"  # the keyboard is here the moment the dialog opens
    BINDINGS = [Binding("escape,q,enter", "close", "Close")]
    DEFAULT_CSS = """
    WordingDiff { align: center middle; }
    WordingDiff > VerticalScroll { width: 90; max-width: 100%; height: auto; max-height: 90%; border: thick $primary; background: $surface; padding: 1 2; }
    """

    def __init__(self, ref: str, bank: list[str], letter: list[str]) -> None:
        super().__init__()
        self.ref = ref
        self.bank = bank
        self.letter = letter

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="diff"):
            yield Static(
                Text.assemble(
                    (f"{self.ref}: this letter's wording against the bank's\n", "bold"),
                    ("[-removed-] {+added+}    Escape closes\n", "dim"),
                )
            )
            for i, (old, new) in enumerate(zip(self.bank, self.letter, strict=True)):
                label = "Question" if i == 0 else f"Part {chr(ord('a') + i - 1)}"
                same = " ".join(old.split()) == " ".join(new.split())
                yield Static(
                    Text.assemble((f"\n{label}: ", "bold"), "same as the bank" if same else "")
                )
                if not same:
                    yield Static(word_diff(old, new))

    def on_mount(self) -> None:
        self.query_one("#diff").focus()

    def action_close(self) -> None:
        self.dismiss(None)
