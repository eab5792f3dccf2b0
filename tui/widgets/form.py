"""Labelled fields bound to keys of the letter; reports each edit as Form.Changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec
from textual import events, on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, TextArea


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
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def from_widget_value(kind: str, text: str) -> Any:
    if kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if kind == "text":
        return text.strip("\n") + "\n" if text.strip() else ""
    return text.strip()


class KeysInOrder:
    """A text field that runs its own key bindings where it receives the key, in order.

    Textual sends a key to the focused widget's queue and, when the widget does not take it,
    runs its binding from the app's queue: in a burst ("abc", backspace, "d" arriving in one
    read), the backspace ran after the "d" and deleted it. A field's own bindings (backspace,
    ctrl+u, arrows, home, end…) run here instead, in the order the keys came.
    """

    async def _on_key(self, event: events.Key) -> None:
        widget: Any = self
        for binding in widget._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await widget.app.run_action(binding.action, widget):
                event.stop()
                event.prevent_default()  # the class's own key handler has nothing left to do
                return


class FieldInput(KeysInOrder, Input):
    """A one-line field: a pasted block of lines arrives whole, joined by spaces.

    (Textual's Input keeps only the first line of a paste: a staffer pasting a sentence copied
    across a line break from a PDF would lose the rest without a word.)
    """

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Textual calls each class's handler: Input's would paste again
        text = " ".join(event.text.split())
        if text:
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)
        event.stop()


Apply = Callable[[str, Any], None]


class FieldArea(KeysInOrder, TextArea):
    """A multi-line field; a form may take a paste first (a numbered list becomes questions)."""

    async def _on_paste(self, event: events.Paste) -> None:
        form = next((a for a in self.ancestors if isinstance(a, Form)), None)
        if form is not None and form.take_paste is not None and form.take_paste(event.text):
            event.stop()
            event.prevent_default()  # and TextArea's own handler, called after this one, does not run


class Form(VerticalScroll):
    """Labelled fields; each edit is applied at once through ``apply(key, value)``.

    Edits are applied in the handler of the field's change, and ``flush()`` applies any edit not
    yet handled: a section flushes before it shows another item, so a keystroke typed just before
    a switch (a burst of keys, a paste) goes to the item it was typed into and never to the next.
    """

    can_focus = False  # Tab goes straight to the first field (focusing a field scrolls to it)

    DEFAULT_CSS = """
    Form { height: 1fr; padding: 0 1; }
    Form > Label { margin-top: 1; color: $text-muted; }
    Form > Input, Form > TextArea { background: $boost; }
    Form > Input { width: 1fr; }
    Form > TextArea.lines { height: 5; }
    Form > TextArea.text { height: 10; }
    """

    def __init__(
        self,
        specs: list[FieldSpec],
        apply: Apply,
        *,
        id: str | None = None,
        take_paste: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__(id=id)
        self.apply = apply
        self.take_paste = take_paste
        self.specs = {s.key: s for s in specs}
        # What each field shows as loaded or last reported. A change event reports only a value
        # that differs from it: filling the fields reports nothing, and an edit made the instant
        # after (a paste, a test's keystrokes) is never mistaken for the filling.
        self._shown: dict[str, str] = {}
        self._fields: dict[str, Input | TextArea] = {}
        self._labels: dict[str, Label] = {}
        self._order: list[str] = list(self.specs)  # the shown fields' order on screen

    def compose(self) -> ComposeResult:
        for spec in self.specs.values():
            label = Label(spec.label, markup=False, classes=f"label-{spec.key}")
            field: Input | TextArea
            if spec.kind == "input":
                field = FieldInput(placeholder=spec.placeholder, id=f"f-{spec.key}", compact=True)
            else:
                field = FieldArea(
                    id=f"f-{spec.key}",
                    classes=spec.kind,
                    soft_wrap=True,
                    placeholder=spec.placeholder,
                    compact=True,
                )
            self._labels[spec.key] = label
            self._fields[spec.key] = field
            yield label
            yield field

    def field(self, key: str) -> Input | TextArea:
        return self._fields[key]

    def load(self, values: dict[str, Any]) -> None:
        """Fill the fields without reporting changes."""
        for key, spec in self.specs.items():
            widget = self._fields.get(key)
            if widget is None:
                continue
            text = to_widget_value(spec.kind, values.get(key))
            self._shown[key] = text
            if isinstance(widget, Input):
                if widget.value != text:
                    widget.value = text
            elif widget.text != text:
                widget.load_text(text)

    def show_only(self, keys: list[str], labels: dict[str, str] | None = None) -> None:
        """Show these fields, in the order given (a kind's required fields before its optional
        ones), and hide the rest (reports by kind)."""
        wanted = set(keys)
        for key in self.specs:
            shown = key in wanted
            self._fields[key].display = shown
            self._labels[key].display = shown
            if shown and labels and key in labels:
                self._labels[key].update(labels[key])
        order = [k for k in keys if k in self._fields]
        if self.is_mounted and order != self._order:
            previous: Widget | None = None
            for key in order:
                label, field = self._labels[key], self._fields[key]
                if previous is None:
                    self.move_child(label, before=0)
                else:
                    self.move_child(label, after=previous)
                self.move_child(field, after=label)
                previous = field
            self._order = order

    def shown_fields(self) -> list[Widget]:
        return [w for w in self._fields.values() if w.display]

    def first_field(self) -> Widget | None:
        shown = self.shown_fields()
        return shown[0] if shown else None

    def _key(self, widget: Widget) -> str | None:
        wid = widget.id or ""
        return wid[2:] if wid.startswith("f-") and wid[2:] in self.specs else None

    def _report(self, key: str, kind: str, text: str) -> None:
        if self._shown.get(key, "") == text:
            return
        self._shown[key] = text
        self.apply(key, from_widget_value(kind, text))

    def flush(self) -> None:
        """Apply every edit made in the fields and not yet applied."""
        for key, widget in self._fields.items():
            text = widget.value if isinstance(widget, Input) else widget.text
            self._report(key, self.specs[key].kind, text)

    @on(Input.Changed)
    def _input(self, event: Input.Changed) -> None:
        key = self._key(event.input)
        if key:
            event.stop()
            # The field's value now, not the event's: an event that arrives after the form was
            # filled with another item must not write the old item's text into it.
            self._report(key, "input", event.input.value)

    @on(TextArea.Changed)
    def _area(self, event: TextArea.Changed) -> None:
        key = self._key(event.text_area)
        if key:
            event.stop()
            self._report(key, self.specs[key].kind, event.text_area.text)
