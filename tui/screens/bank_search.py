"""Search the question banks, see the question as it will print, fill its parameters."""

from __future__ import annotations

import datetime
from typing import Any

from rich.markup import escape
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from oversight.banks.finder import BankSet
from oversight.banks.search import SearchIndex
from oversight.banks.store import printed_text

from .once import DismissOnce

PARAMS = 8


class BankSearch(DismissOnce, ModalScreen[dict[str, Any] | None]):
    """Search the question banks, see the question as it will print, fill its parameters."""

    AUTO_FOCUS = "#query"  # the keyboard is here the moment the dialog opens

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    BankSearch { align: center middle; }
    BankSearch > Vertical { width: 96%; height: 96%; border: thick $primary; background: $surface; padding: 0 1; }
    BankSearch #results { height: 1fr; min-height: 3; max-height: 10; }
    BankSearch #shown { height: 1fr; border-top: solid $primary-darken-2; }
    BankSearch Horizontal.bar { height: auto; }
    BankSearch Input.param { background: $boost; width: 1fr; margin-bottom: 1; }
    BankSearch #params Label { color: $text-muted; }
    BankSearch #params { height: auto; }
    """

    def __init__(self, bank_set: BankSet) -> None:
        super().__init__()
        self.bank_set = bank_set
        self.results: list[tuple[str, Any]] = []
        self.chosen: tuple[str, Any] | None = None
        self.index: Any = None
        self.param_names: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(
                placeholder="Search the question banks: a half-remembered phrase, a tag…",
                id="query",
            )
            yield OptionList(id="results")
            with VerticalScroll(id="shown"):
                yield Static("", id="question")
                with Vertical(id="params"):
                    for i in range(PARAMS):
                        yield Label("", id=f"plabel-{i}", markup=False)
                        yield Input("", id=f"param-{i}", classes="param", compact=True)
            with Horizontal(classes="bar"):
                yield Button("Insert", id="insert", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.search("")
        self.query_one("#query", Input).focus()

    def search(self, query: str) -> None:
        """Ranked as `oversight bank search` ranks (oversight.bank_search)."""
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
        results.add_options(
            [Option(Text(f"{ref}: {preview[:100]}"), id=ref) for ref, _q, preview in items]
        )
        if items:
            results.highlighted = 0

    def param_field(self, name: str) -> Input | None:
        """The field of a parameter of the question shown."""
        if name not in self.param_names:
            return None
        return self.query_one(f"#param-{self.param_names.index(name)}", Input)

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
        parts = "\n".join(
            f"   {chr(97 + i)}. {escape(printed_text(q, p))}" for i, p in enumerate(q.parts)
        )
        self.query_one("#question", Static).update(
            f"[b]{escape(ref)}[/b]\n{escape(printed_text(q, q.text))}\n{parts}".rstrip()
        )
        names = list(q.parameters)[:PARAMS]
        self.param_names = names
        for i in range(PARAMS):
            label = self.query_one(f"#plabel-{i}", Label)
            field = self.query_one(f"#param-{i}", Input)
            shown = i < len(names)
            label.display = field.display = shown
            if shown:
                spec = q.parameters[names[i]]
                label.update(
                    f"{names[i]} ({spec.type}){' — ' + spec.description if spec.description else ''}"
                )
                field.value = str(spec.default) if spec.default is not None else ""

    @on(OptionList.OptionSelected, "#results")
    def _picked(self) -> None:
        shown = [i for i in self.query("#params Input").results(Input) if i.display]
        if shown:
            shown[0].focus()
        else:
            self._insert()

    @on(Button.Pressed, "#insert")
    def _insert(self) -> None:
        if self.chosen is None:
            return
        ref, q = self.chosen
        values: dict[str, Any] = {}
        fields = {name: self.param_field(name) for name in self.param_names}
        for name, spec in q.parameters.items():
            field = fields.get(name)
            text = field.value.strip() if field is not None else ""
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
