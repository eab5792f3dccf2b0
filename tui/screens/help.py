"""Keys and how the editor works; fits an 80×24 terminal and scrolls from the keyboard."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .once import DismissOnce

HELP = """\
[b]oversight — help[/b]   (Escape closes; arrows and PgUp/PgDn scroll)

Draft the letter section by section on the left; the preview shows it worded exactly as the Word file will be, with estimated page breaks. Problems appear at the bottom as you type: select one (Enter) to go to its field.

[b]Keys[/b]
  F6, shift+F6    next / previous pane: sections, editor, preview, problems
  Tab             next field
  ctrl+z, ctrl+y  undo / redo, for the whole letter
  ctrl+s          save the letter (YAML)
  ctrl+e          export the Word letter (.docx), in the background
  F5              export the .docx and a PDF (LibreOffice)
  ctrl+b          insert a question from the banks
  ctrl+k          cite a report at the cursor
  ctrl+d          fill a recipient from the agency directory
  F2              show or hide the preview
  ctrl+t          light or dark theme
  ctrl+p          command palette: every action, "Go to" any section
  F1              this help
  ctrl+q          quit (asks first if there are unsaved changes)

[b]Lists[/b] (recipients, questions, reports, signers): the arrows choose an item, Enter or Tab edits it; the buttons add, remove and move, and so do Insert, Delete and alt+up / alt+down on the list. Removing says what it removed; ctrl+z puts it back.

[b]Questions[/b]: paste a numbered list ("1. … 2. … (a) …") into the list or a question's text and it becomes questions with lettered parts. A question from a bank can be reworded for this letter; the list marks it "reworded" and "Show difference" compares it with the bank.

[b]After it is sent[/b]: ctrl+p, "Track sent letters" (or `oversight tui FOLDER`) lists the folder's letters with their status and deadlines; Enter opens one to mark it sent, log an extension or a response, mark which questions were answered, and draft the follow-up letter.

[b]Safety[/b]: the draft is copied to a recovery file every few seconds; after a crash or a closed terminal the next start offers it back. Saving never overwrites, without asking, a file someone else changed since you opened it.
"""


class HelpScreen(DismissOnce, ModalScreen[None]):
    AUTO_FOCUS = "#help-text"  # the keyboard is here the moment the dialog opens
    BINDINGS = [Binding("escape,f1,q", "close", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90; max-width: 100%; height: 100%; max-height: 40; border: thick $primary; background: $surface; padding: 0 1; }
    HelpScreen > VerticalScroll:focus { border: thick $accent; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-text"):
            yield Static(HELP)

    def on_mount(self) -> None:
        self.query_one("#help-text").focus()

    def action_close(self) -> None:
        self.dismiss(None)
