"""Modal screens: start, recovery, confirmations, save-as, bank search, citation picker, help."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option


class Choice(ModalScreen[str]):
    """A question with buttons; dismisses with the chosen button's id."""

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


class AskPath(ModalScreen[Path | None]):
    """Ask for a file name (save as, open)."""

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

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        self.dismiss(Path(text).expanduser() if text else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class StartScreen(ModalScreen[tuple[str, Any]]):
    """New letter, open a file, or a recent one."""

    DEFAULT_CSS = """
    StartScreen { align: center middle; }
    StartScreen > Vertical { width: 76; height: auto; max-height: 22; border: thick $primary; background: $surface; padding: 1 2; }
    StartScreen OptionList { height: auto; max-height: 10; }
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
        else:
            self.dismiss(("new", None))

    def _opened(self, path: Path | None) -> None:
        if path is not None:
            self.dismiss(("open", path))


class BankSearch(ModalScreen[dict[str, Any] | None]):
    """Search the question banks, see the question as it will print, fill its parameters."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    BankSearch { align: center middle; }
    BankSearch > Vertical { width: 96%; height: 92%; border: thick $primary; background: $surface; padding: 0 1; }
    BankSearch #results { height: 8; }
    BankSearch #shown { height: 1fr; border-top: solid $primary-darken-2; }
    BankSearch Horizontal.bar { height: auto; }
    BankSearch Input.param { background: $boost; width: 1fr; margin-bottom: 1; }
    BankSearch #params Label { color: $text-muted; }
    BankSearch #params { height: auto; }
    """

    def __init__(self, bank_set: Any) -> None:
        super().__init__()
        self.bank_set = bank_set
        self.results: list[tuple[str, Any]] = []
        self.chosen: tuple[str, Any] | None = None
        self.index: Any = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(
                placeholder="Search the question banks: a half-remembered phrase, a tag…",
                id="query",
            )
            yield OptionList(id="results")
            with VerticalScroll(id="shown"):
                yield Static("", id="question")
                yield Vertical(id="params")
            with Horizontal(classes="bar"):
                yield Button("Insert", id="insert", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.search("")
        self.query_one("#query", Input).focus()

    def search(self, query: str) -> None:
        """Ranked as `oversight bank search` ranks (oversight.bank_search)."""
        from oversight.bank_search import SearchIndex

        if self.index is None:
            self.index = SearchIndex(self.bank_set.banks.values())
        if query.strip():
            hits = self.index.search(query, limit=30)
            items = [(h.entry.ref, h.entry.question, h.entry.preview) for h in hits]
        else:
            items = [(e.ref, e.question, e.preview) for e in self.index.entries[:30]]
        self.results = [(ref, q) for ref, q, _ in items]
        results = self.query_one("#results", OptionList)
        results.clear_options()
        from rich.text import Text

        results.add_options(
            [Option(Text(f"{ref}: {preview[:100]}"), id=ref) for ref, _q, preview in items]
        )
        if items:
            results.highlighted = 0

    @on(Input.Changed, "#query")
    def _query(self, event: Input.Changed) -> None:
        self.search(event.value)

    @on(Input.Submitted, "#query")
    def _to_results(self) -> None:
        self.query_one("#results", OptionList).focus()

    @on(OptionList.OptionHighlighted, "#results")
    def _show(self, event: OptionList.OptionHighlighted) -> None:
        ref = event.option.id or ""
        q = next((q for r, q in self.results if r == ref), None)
        if q is None:
            return
        self.chosen = (ref, q)
        from rich.markup import escape

        from oversight.banks import printed_text

        parts = "\n".join(
            f"   {chr(97 + i)}. {escape(printed_text(q, p))}" for i, p in enumerate(q.parts)
        )
        self.query_one("#question", Static).update(
            f"[b]{escape(ref)}[/b]\n{escape(printed_text(q, q.text))}\n{parts}".rstrip()
        )
        params = self.query_one("#params", Vertical)
        params.remove_children()
        for name, spec in q.parameters.items():
            params.mount(
                Label(
                    f"{name} ({spec.type}){' — ' + spec.description if spec.description else ''}",
                    markup=False,
                )
            )
            params.mount(
                Input(
                    str(spec.default) if spec.default is not None else "",
                    name=name,
                    classes="param",
                    compact=True,
                )
            )

    @on(OptionList.OptionSelected, "#results")
    def _picked(self) -> None:
        first = self.query("#params Input")
        if first:
            first.first().focus()
        else:
            self._insert()

    @on(Button.Pressed, "#insert")
    def _insert(self) -> None:
        if self.chosen is None:
            return
        ref, q = self.chosen
        values: dict[str, Any] = {}
        import datetime

        fields = {i.name: i for i in self.query("#params Input").results(Input) if i.name}
        for name, spec in q.parameters.items():
            text = fields[name].value.strip() if name in fields else ""
            if text and str(spec.default or "") != text:
                if spec.type == "date":
                    try:
                        values[name] = datetime.date.fromisoformat(text)
                        continue
                    except ValueError:
                        pass
                values[name] = text
        self.dismiss({"use": ref, "with": values})

    @on(Input.Submitted, "#params Input")
    def _submitted_param(self) -> None:
        self._insert()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class CitePicker(ModalScreen[str | None]):
    """Pick a report to cite at the cursor."""

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


HELP = """\
# oversight — help

Draft a letter section by section on the left; the preview on the right (or **F2**) shows it
worded exactly as the Word file will be. Problems appear at the bottom as you type: select one
to go to the field it concerns.

| key | action |
|---|---|
| ctrl+s | save the letter (YAML) |
| ctrl+e | export the Word letter (.docx) next to it |
| f6 | export the PDF (needs LibreOffice) |
| ctrl+b | insert a question from the banks |
| ctrl+k | cite a report at the cursor |
| f2 | show or hide the preview |
| ctrl+t | light or dark theme |
| ctrl+p | command palette: every action |
| f1 | this help |
| ctrl+q | quit (asks first when there are unsaved changes) |

Your draft is copied to a recovery file every few seconds; if the terminal closes, the next
start offers it back. Saving never overwrites a file someone else changed since you opened it
without asking.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "close", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; height: 90%; border: thick $primary; background: $surface; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(HELP)

    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["AskPath", "BankSearch", "Choice", "CitePicker", "HelpScreen", "StartScreen", "work"]
