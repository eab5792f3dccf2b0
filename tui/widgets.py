"""Editors for each part of a letter. Each edits the app's Draft and tells the app it changed."""

from __future__ import annotations

import contextlib
from typing import Any, ClassVar

import msgspec
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, ListItem, ListView, Select, Static, TextArea


class FieldSpec(msgspec.Struct, frozen=True):
    """One field of a form: a key in the letter, how it is edited, and its label."""

    key: str
    label: str
    kind: str = "input"  # input (one line), lines (a list, one item per line), text (paragraphs)
    placeholder: str = ""


def to_widget_value(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "lines":
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return str(value)
    if kind == "text":
        return str(value).rstrip("\n")
    return str(value)


def from_widget_value(kind: str, text: str) -> Any:
    if kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if kind == "text":
        return text.strip("\n") + "\n" if text.strip() else ""
    return text.strip()


class Form(VerticalScroll):
    """Labelled fields; posts Form.Changed(key, value) when the staffer edits one."""

    can_focus = False  # Tab goes straight to the first field (focusing a field scrolls to it)

    DEFAULT_CSS = """
    Form { height: 1fr; padding: 0 1; }
    Form > Label { margin-top: 1; color: $text-muted; }
    Form > Input, Form > TextArea { background: $boost; }
    Form > Input { background: $boost; }
    Form > TextArea { background: $boost; }
    Form > Input { width: 1fr; }
    Form > TextArea.lines { height: 5; }
    Form > TextArea.text { height: 12; }
    """

    class Changed(Message):
        def __init__(self, form: Form, key: str, value: Any) -> None:
            super().__init__()
            self.form = form
            self.key = key
            self.value = value

    def __init__(self, specs: list[FieldSpec], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.specs = {s.key: s for s in specs}
        # What each field shows as loaded or last reported. A change event reports only a value
        # that differs from it: filling the fields reports nothing, and an edit made the instant
        # after (a paste, a test's keystrokes) is never mistaken for the filling.
        self._shown: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        for spec in self.specs.values():
            yield Label(spec.label)
            if spec.kind == "input":
                yield Input(placeholder=spec.placeholder, id=f"f-{spec.key}", compact=True)
            else:
                yield TextArea(
                    id=f"f-{spec.key}",
                    classes=spec.kind,
                    soft_wrap=True,
                    placeholder=spec.placeholder,
                    compact=True,
                )

    def load(self, values: dict[str, Any]) -> None:
        """Fill the fields without reporting changes."""
        for key, spec in self.specs.items():
            widget = self.query_one(f"#f-{key}")
            text = to_widget_value(spec.kind, values.get(key))
            self._shown[key] = text
            if isinstance(widget, Input):
                if widget.value != text:
                    widget.value = text
            elif isinstance(widget, TextArea) and widget.text != text:
                widget.load_text(text)

    def _key(self, widget: Widget) -> str | None:
        wid = widget.id or ""
        return wid[2:] if wid.startswith("f-") and wid[2:] in self.specs else None

    def _report(self, key: str, kind: str, text: str) -> None:
        if self._shown.get(key, "") == text:
            return
        self._shown[key] = text
        self.post_message(self.Changed(self, key, from_widget_value(kind, text)))

    @on(Input.Changed)
    def _input(self, event: Input.Changed) -> None:
        key = self._key(event.input)
        if key:
            event.stop()
            self._report(key, "input", event.value)

    @on(TextArea.Changed)
    def _area(self, event: TextArea.Changed) -> None:
        key = self._key(event.text_area)
        if key:
            event.stop()
            self._report(key, self.specs[key].kind, event.text_area.text)


class LetterPreview(Vertical):
    """The letter as plain text, in chunks of a few lines, each its own Static.

    A keystroke changes one paragraph, which is one line of the preview text: only the chunk
    holding it is wrapped and laid out again, not the whole letter (a 4-page letter re-wrapped
    whole costs Textual tens of milliseconds per keystroke). Chunks are lines joined by newlines,
    so the screen shows exactly the text, blank lines included. Never read as markup.
    """

    DEFAULT_CSS = """
    LetterPreview { height: auto; }
    LetterPreview > Static { height: auto; }
    """
    LINES = 16

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self._chunks: list[str] = []
        # The chunks' widgets, kept here rather than queried: a removed widget stays among the
        # children until Textual prunes it, and must not be updated again meanwhile.
        self._statics: list[Static] = []

    def show(self, text: str) -> None:
        if text == self.text:
            return
        self.text = text
        lines = text.split("\n")
        chunks = ["\n".join(lines[i : i + self.LINES]) for i in range(0, len(lines), self.LINES)]
        for i, chunk in enumerate(chunks[: len(self._statics)]):
            if self._chunks[i] != chunk:
                self._statics[i].update(chunk)
        if len(chunks) > len(self._statics):
            new = [Static(c, markup=False) for c in chunks[len(self._statics) :]]
            self._statics += new
            self.mount_all(new)
        for extra in self._statics[len(chunks) :]:
            extra.remove()
        del self._statics[len(chunks) :]
        self._chunks = chunks

    def shown(self) -> str:
        """What the screen shows, as text (for tests)."""
        return "\n".join(str(w.render()) for w in self._statics)


class Edited(Message):
    """Something in the draft changed: the app refreshes the preview and marks it unsaved."""


class ListSection(Vertical):
    """A list of items (recipients, signers, reports) with a form for the selected one."""

    DEFAULT_CSS = """
    ListSection { height: 1fr; }
    ListSection > Horizontal.bar { height: 1; margin-bottom: 1; }
    ListSection > Horizontal.bar > Button { min-width: 8; margin-right: 1; }
    ListSection > ListView { height: auto; max-height: 8; border: round $primary-darken-2; }
    """

    collection: ClassVar[str] = ""
    noun: ClassVar[str] = "item"
    specs: ClassVar[list[FieldSpec]] = []

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index = 0

    @property
    def draft(self) -> Any:
        return self.app.draft  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        with Horizontal(classes="bar"):
            yield Button(
                f"Add {self.noun}", id=f"{self.collection}-add", variant="primary", compact=True
            )
            yield Button("Remove", id=f"{self.collection}-remove", compact=True)
            yield Button("Up", id=f"{self.collection}-up", compact=True)
            yield Button("Down", id=f"{self.collection}-down", compact=True)
        yield ListView(id=f"{self.collection}-list")
        yield from self.extra()
        yield Form(self.specs, id=f"{self.collection}-form")

    def extra(self) -> ComposeResult:
        yield from ()

    def items(self) -> list[Any]:
        value = self.draft.get((self.collection,))
        return list(value) if isinstance(value, list) else []

    def label(self, item: Any, index: int) -> str:
        return str(item)

    def new_item(self) -> Any:
        from ruamel.yaml.comments import CommentedMap

        return CommentedMap(name="")

    def values(self, item: Any) -> dict[str, Any]:
        return dict(item) if isinstance(item, dict) else {}

    def refresh_list(self, select: int | None = None) -> None:
        items = self.items()
        view = self.query_one(f"#{self.collection}-list", ListView)
        view.clear()
        for i, item in enumerate(items):
            view.append(ListItem(Label(self.label(item, i) or f"(new {self.noun})", markup=False)))
        if items:
            self.index = max(0, min(select if select is not None else self.index, len(items) - 1))
            view.index = self.index
            self.load_form()
        self.query_one(Form).display = bool(items)

    def on_mount(self) -> None:
        self.refresh_list(0)

    def load_form(self) -> None:
        items = self.items()
        if 0 <= self.index < len(items):
            self.query_one(Form).load(self.values(items[self.index]))

    def select(self, index: int) -> None:
        self.refresh_list(index)

    @on(ListView.Highlighted)
    def _highlighted(self, event: ListView.Highlighted) -> None:
        if event.list_view.index is not None and event.list_view.index != self.index:
            self.index = event.list_view.index
            self.load_form()

    # Textual runs the @on handlers of every class in the MRO, so subclasses override the plain
    # methods these call (field_changed, button), never the handlers themselves.
    @on(Form.Changed)
    def _changed(self, event: Form.Changed) -> None:
        event.stop()
        self.field_changed(event.key, event.value)

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        self.button(str(event.button.id or "").rpartition("-")[2])

    def field_changed(self, key: str, value: Any) -> None:
        self.draft.set((self.collection, self.index, key), value)
        view = self.query_one(f"#{self.collection}-list", ListView)
        items = self.items()
        if view.highlighted_child is not None and self.index < len(items):
            view.highlighted_child.query_one(Label).update(
                self.label(items[self.index], self.index) or f"(new {self.noun})"
            )
        self.post_message(Edited())

    def button(self, action: str) -> None:
        items = self.items()
        if action == "add":
            self.draft.insert((self.collection,), len(items), self.new_item())
            self.refresh_list(len(items))
            self.focus_first_field()
        elif action == "remove" and items:
            self.draft.remove((self.collection, self.index))
            self.refresh_list(self.index)
        elif action in ("up", "down") and items:
            self.index = self.draft.move((self.collection, self.index), -1 if action == "up" else 1)
            self.refresh_list(self.index)
        else:
            return
        self.post_message(Edited())

    def focus_first_field(self) -> None:
        first = next(iter(self.query_one(Form).specs))
        self.query_one(f"#f-{first}").focus()


class RecipientsSection(ListSection):
    collection = "recipients"
    noun = "recipient"
    specs = [
        FieldSpec("honorific", "Honorific", placeholder="The Honorable, Mr., Ms., Dr."),
        FieldSpec("name", "Name", placeholder="Melanie Krause"),
        FieldSpec("title", "Title", placeholder="Acting Commissioner"),
        FieldSpec("agency", "Agency", placeholder="Internal Revenue Service"),
        FieldSpec("address", "Address (one line each)", kind="lines"),
        FieldSpec(
            "salutation", "Salutation name (optional)", placeholder="derived from title and surname"
        ),
    ]

    def extra(self) -> ComposeResult:
        from .directory import agencies

        yield Select(
            [(a["name"], i) for i, a in enumerate(agencies())],
            prompt="Fill agency and address from the directory…",
            id="directory",
            compact=True,
        )

    def label(self, item: Any, index: int) -> str:
        if not isinstance(item, dict):
            return str(item)
        return " ".join(str(item.get(k) or "") for k in ("honorific", "name")).strip() + (
            f" — {item.get('title')}" if item.get("title") else ""
        )

    @on(Select.Changed, "#directory")
    def _directory(self, event: Select.Changed) -> None:
        from .directory import agencies

        if not isinstance(event.value, int) or not self.items():
            return
        agency = agencies()[event.value]
        self.draft.set(("recipients", self.index, "agency"), agency["name"])
        self.draft.set(("recipients", self.index, "address"), list(agency["address"]))
        self.load_form()
        self.post_message(Edited())


class SignersSection(ListSection):
    collection = "signers"
    noun = "signer"
    specs = [
        FieldSpec("name", "Name", placeholder="Ron Wyden"),
        FieldSpec("title", "Title lines (default: United States Senator)", kind="lines"),
    ]

    def label(self, item: Any, index: int) -> str:
        return str(item.get("name") or "") if isinstance(item, dict) else str(item)


class ReportsSection(ListSection):
    """Report entries; the form shows the fields the selected kind needs (marked *)."""

    collection = "reports"
    noun = "report"
    specs = [FieldSpec("id", "Id (cite it as [@id])"), FieldSpec("kind", "Kind")]

    def compose(self) -> ComposeResult:
        from oversight.citations import KINDS

        with Horizontal(classes="bar"):
            yield Button("Add report", id="reports-add", variant="primary", compact=True)
            yield Button("Remove", id="reports-remove", compact=True)
            yield Button("Up", id="reports-up", compact=True)
            yield Button("Down", id="reports-down", compact=True)
        yield ListView(id="reports-list")
        yield Select(
            [(f"{k} — {v.label}", k) for k, v in KINDS.items()],
            prompt="Kind",
            id="report-kind",
            allow_blank=False,
            value="news",
        )
        yield Form(self._specs_for("news"), id="reports-form")

    def _specs_for(self, kind: str) -> list[FieldSpec]:
        from oversight.citations import KINDS

        spec = KINDS.get(kind)
        fields = [FieldSpec("id", "Id * (cite it as [@id])")]
        if spec:
            fields += [FieldSpec(f, f"{f} *") for f in spec.required]
            fields += [FieldSpec(f, f) for f in spec.optional]
        fields.append(FieldSpec("short", "short (title for later cites)"))
        return fields

    def items(self) -> list[Any]:
        value = self.draft.get(("reports",))
        return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []

    def _path_index(self) -> int:
        """Index in the letter's reports list (which may also hold library file names)."""
        value = self.draft.get(("reports",)) or []
        dicts = [i for i, r in enumerate(value) if isinstance(r, dict)]
        return dicts[self.index] if self.index < len(dicts) else len(value)

    def new_item(self) -> Any:
        from ruamel.yaml.comments import CommentedMap

        return CommentedMap(id=f"report-{len(self.items()) + 1}", kind="news")

    def label(self, item: Any, index: int) -> str:
        return (
            f"[@{item.get('id', '?')}] {item.get('kind', '')}: {item.get('title', '')}"
            if isinstance(item, dict)
            else str(item)
        )

    def load_form(self) -> None:
        items = self.items()
        if not (0 <= self.index < len(items)):
            return
        item = items[self.index]
        kind = str(item.get("kind") or "news")
        select = self.query_one("#report-kind", Select)
        form = self.query_one(Form)
        if set(form.specs) != {s.key for s in self._specs_for(kind)}:
            form.remove()
            form = Form(self._specs_for(kind), id="reports-form")
            self.mount(form)
            self.call_after_refresh(form.load, self.values(item))
        else:
            form.load(self.values(item))
        with select.prevent(Select.Changed):
            select.value = kind

    def values(self, item: Any) -> dict[str, Any]:
        out = {}
        for k, v in item.items() if isinstance(item, dict) else []:
            out[k] = ", ".join(v) if isinstance(v, list) else v
        return out

    @on(Select.Changed, "#report-kind")
    def _kind(self, event: Select.Changed) -> None:
        if not self.items() or not isinstance(event.value, str):
            return
        self.draft.set(("reports", self._path_index(), "kind"), event.value)
        self.load_form()
        self.post_message(Edited())

    def field_changed(self, key: str, value: Any) -> None:
        if key in ("author", "witness") and isinstance(value, str) and ";" in value:
            value = [v.strip() for v in value.split(";") if v.strip()]
        self.draft.set(("reports", self._path_index(), key), value)
        view = self.query_one("#reports-list", ListView)
        if view.highlighted_child is not None:
            view.highlighted_child.query_one(Label).update(
                self.label(self.items()[self.index], self.index)
            )
        self.post_message(Edited())

    def button(self, action: str) -> None:
        items = self.items()
        if action == "add":
            self.draft.insert(
                ("reports",), len(self.draft.get(("reports",)) or []), self.new_item()
            )
            self.refresh_list(len(items))
        elif action == "remove" and items:
            self.draft.remove(("reports", self._path_index()))
            self.refresh_list(self.index)
        elif action in ("up", "down") and items:
            self.draft.move(("reports", self._path_index()), -1 if action == "up" else 1)
            self.refresh_list(self.index + (-1 if action == "up" else 1))
        else:
            return
        self.post_message(Edited())


class Row(msgspec.Struct):
    """A line of the questions list: a question, a bank question, or a group heading."""

    kind: str  # "question" | "bank" | "heading"
    path: tuple[Any, ...]


class QuestionsSection(Vertical):
    """Questions, headed groups and bank questions, with a form for the selected one."""

    DEFAULT_CSS = """
    QuestionsSection { height: 1fr; }
    QuestionsSection > Horizontal.bar { height: 1; margin-bottom: 1; }
    QuestionsSection > Horizontal.bar > Button { min-width: 6; margin-right: 1; }
    QuestionsSection > ListView { height: auto; max-height: 10; border: round $primary-darken-2; }
    QuestionsSection > #bank-params { height: auto; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.index = 0

    @property
    def draft(self) -> Any:
        return self.app.draft  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        with Horizontal(classes="bar"):
            yield Button("Question", id="q-add", variant="primary", compact=True)
            yield Button("Heading", id="q-heading", compact=True)
            yield Button("From bank", id="q-bank", compact=True)
            yield Button("Remove", id="q-remove", compact=True)
            yield Button("Up", id="q-up", compact=True)
            yield Button("Down", id="q-down", compact=True)
        yield ListView(id="q-list")
        yield Static("", id="q-kind", markup=False)
        yield Form(
            [
                FieldSpec("text", "Question", kind="text"),
                FieldSpec("parts", "Lettered parts (one per line)", kind="lines"),
            ],
            id="q-form",
        )
        yield Form([FieldSpec("heading", "Group heading")], id="h-form")
        yield Vertical(id="bank-params")

    def on_mount(self) -> None:
        self.refresh_list(0)

    def build_rows(self) -> list[Row]:
        rows: list[Row] = []
        for i, item in enumerate(self.draft.get(("questions",)) or []):
            if isinstance(item, dict) and "heading" in item:
                rows.append(Row("heading", ("questions", i)))
                for j, sub in enumerate(item.get("questions") or []):
                    rows.append(
                        Row(
                            "bank" if isinstance(sub, dict) and sub.get("use") else "question",
                            ("questions", i, "questions", j),
                        )
                    )
            else:
                rows.append(
                    Row(
                        "bank" if isinstance(item, dict) and item.get("use") else "question",
                        ("questions", i),
                    )
                )
        return rows

    def row_label(self, row: Row, number: int) -> str:
        item = self.draft.get(row.path)
        if row.kind == "heading":
            return f"▌ {item.get('heading', '')}"
        if row.kind == "bank":
            return f"{number}. [bank] {item.get('use')}"
        text = (
            item
            if isinstance(item, str)
            else item.get("text", "")
            if isinstance(item, dict)
            else ""
        )
        parts = len(item.get("parts") or []) if isinstance(item, dict) else 0
        return f"{number}. {' '.join(str(text).split())[:70]}" + (
            f"  (+{parts} parts)" if parts else ""
        )

    def refresh_list(self, select: int | None = None) -> None:
        self.rows = self.build_rows()
        view = self.query_one("#q-list", ListView)
        view.clear()
        number = 0
        for row in self.rows:
            if row.kind != "heading":
                number += 1
            view.append(ListItem(Label(self.row_label(row, number), markup=False)))
        if self.rows:
            self.index = max(
                0, min(select if select is not None else self.index, len(self.rows) - 1)
            )
            view.index = self.index
        self.load_form()

    def load_form(self) -> None:
        qform, hform = self.query_one("#q-form", Form), self.query_one("#h-form", Form)
        params = self.query_one("#bank-params", Vertical)
        params.remove_children()
        qform.display = hform.display = False
        kind = self.query_one("#q-kind", Static)
        if not self.rows:
            kind.update("No questions yet: add one, a group heading, or one from a bank (ctrl+b).")
            return
        row = self.rows[self.index]
        item = self.draft.get(row.path)
        if row.kind == "heading":
            kind.update(
                "Group heading: the questions below it, up to the next heading, form the group."
            )
            hform.display = True
            hform.load({"heading": item.get("heading")})
        elif row.kind == "bank":
            kind.update(
                f"From the bank: {item.get('use')} — fill its parameters; its wording prints as in the preview."
            )
            self._bank_params(item)
        else:
            kind.update("")
            qform.display = True
            if isinstance(item, str):
                qform.load({"text": item, "parts": []})
            else:
                qform.load(
                    {
                        "text": item.get("text"),
                        "parts": [
                            p if isinstance(p, str) else p.get("text")
                            for p in item.get("parts") or []
                        ],
                    }
                )

    def _bank_params(self, item: Any) -> None:
        params = self.query_one("#bank-params", Vertical)
        try:
            bank_set = self.app.bank_set()  # type: ignore[attr-defined]
        except Exception:
            return
        _bank, q = bank_set.find(str(item.get("use")))
        if q is None:
            params.mount(Static("This bank question is not found: see the problems below."))
            return
        values = item.get("with") or {}
        for name, spec in q.parameters.items():
            params.mount(
                Label(
                    f"{name} ({spec.type})"
                    + (f" — {spec.description}" if spec.description else ""),
                    markup=False,
                )
            )
            value = values.get(name, "")
            params.mount(
                Input(
                    str(value) if value is not None else "",
                    placeholder=str(spec.default or ""),
                    name=name,
                    compact=True,
                )
            )

    @on(Input.Changed, "#bank-params Input")
    def _param(self, event: Input.Changed) -> None:
        row = self.rows[self.index]
        name = event.input.name or ""
        value: Any = event.value.strip()
        import datetime

        with contextlib.suppress(ValueError):
            value = datetime.date.fromisoformat(value)
        self.draft.set((*row.path, "with", name), value if value != "" else None)
        self.post_message(Edited())

    @on(ListView.Highlighted, "#q-list")
    def _highlighted(self, event: ListView.Highlighted) -> None:
        if event.list_view.index is not None and event.list_view.index != self.index:
            self.index = event.list_view.index
            self.load_form()

    @on(Form.Changed)
    def _changed(self, event: Form.Changed) -> None:
        event.stop()
        row = self.rows[self.index]
        item = self.draft.get(row.path)
        if row.kind == "heading":
            self.draft.set((*row.path, "heading"), event.value)
        elif event.key == "text" and isinstance(item, str):
            self.draft.set(
                row.path, event.value.strip() if isinstance(event.value, str) else event.value
            )
        elif event.key == "parts" and isinstance(item, str):
            from ruamel.yaml.comments import CommentedMap

            self.draft.set(row.path, CommentedMap(text=item, parts=event.value))
        else:
            value = (
                event.value.strip()
                if event.key == "text" and isinstance(event.value, str)
                else event.value
            )
            self.draft.set((*row.path, event.key), value)
        view = self.query_one("#q-list", ListView)
        if view.highlighted_child is not None:
            number = sum(1 for r in self.rows[: self.index + 1] if r.kind != "heading")
            view.highlighted_child.query_one(Label).update(self.row_label(row, number))
        self.post_message(Edited())

    def _container_and_index(self) -> tuple[tuple[Any, ...], int]:
        """Where a new question goes: after the selected row, in the same list."""
        if not self.rows:
            return ("questions",), 0
        row = self.rows[self.index]
        if row.kind == "heading":
            return (*row.path, "questions"), 0
        return row.path[:-1], row.path[-1] + 1

    def add(self, item: Any) -> None:
        container, at = self._container_and_index()
        self.draft.insert(container, at, item)
        target = (*container, at)
        self.refresh_list()
        for i, row in enumerate(self.rows):
            if row.path == target:
                self.refresh_list(i)
        self.post_message(Edited())

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        action = (event.button.id or "")[2:]
        event.stop()
        if action == "add":
            self.add(CommentedMap(text="New question?"))
            self.query_one("#f-text", TextArea).focus()
        elif action == "heading":
            at = self.rows[self.index].path[1] + 1 if self.rows else 0
            self.draft.insert(
                ("questions",), at, CommentedMap(heading="New group", questions=CommentedSeq())
            )
            self.refresh_list()
            for i, row in enumerate(self.rows):
                if row.path == ("questions", at):
                    self.refresh_list(i)
            self.post_message(Edited())
        elif action == "bank":
            self.app.action_bank()  # type: ignore[attr-defined]
        elif action == "remove" and self.rows:
            self.draft.remove(self.rows[self.index].path)
            self.refresh_list(self.index)
            self.post_message(Edited())
        elif action in ("up", "down") and self.rows:
            row = self.rows[self.index]
            new = self.draft.move(row.path, -1 if action == "up" else 1)
            target = (*row.path[:-1], new)
            self.refresh_list()
            for i, r in enumerate(self.rows):
                if r.path == target:
                    self.refresh_list(i)
            self.post_message(Edited())

    def select_path(self, path: tuple[Any, ...]) -> None:
        """Select the row for a problem's field path (questions[2].parts[0] → row of questions[2])."""
        best = 0
        for i, row in enumerate(self.rows):
            if tuple(path[: len(row.path)]) == row.path:
                best = i
        self.refresh_list(best)
