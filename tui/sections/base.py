"""What every section shares: the draft it edits, and the list-with-a-form layout.

A section receives the Draft it edits (never reaching through the app) and changes it only through
the Draft's intent methods, so undo, the tests and the UI make the same changes. After a change it
posts ``Edited``; the app then checks the draft and refreshes the preview.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from oversight.draft import Draft

from ..widgets.focus import focus_now
from ..widgets.form import FieldSpec, Form
from ..widgets.lists import StopList

Path_ = tuple[Any, ...]


class Edited(Message):
    """The draft changed through a section: the app refreshes the preview and the title."""

    def __init__(self, path: Path_ = (), note: str = "") -> None:
        super().__init__()
        self.path = path
        self.note = note  # said to the staffer (what was removed, and that it can be undone)


class Wants(Message):
    """A section asks the app for one of its actions (the bank search, the directory…)."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action


class Section(Vertical):
    """One part of the letter, edited through ``self.draft``."""

    can_focus = False
    key: ClassVar[str] = ""

    def __init__(self, draft: Draft, *, id: str | None = None) -> None:
        super().__init__(id=id or self.key)
        self.draft = draft
        self.loaded_version = -1  # the draft version the widgets show

    def reload(self) -> None:
        """Show the draft as it is now (after an undo, a recovered draft, another file)."""
        self.loaded_version = self.draft.version

    def flush(self) -> None:
        """Apply any edit typed into a field and not yet applied."""

    def forms(self) -> list[Form]:
        return list(self.query(Form))

    def first_field(self) -> Widget | None:
        for form in self.forms():
            if form.display:
                found = form.first_field()
                if found is not None:
                    return found
        return None

    def focus_target(self) -> Widget | None:
        """Where the keyboard goes when the section is entered."""
        return self.first_field()

    def select_path(self, path: Path_) -> Widget | None:
        """Show the item at ``path`` and return the field to focus for it, if any."""
        return self.field_for(path)

    def field_for(self, path: Path_) -> Widget | None:
        names = [str(seg) for seg in path if isinstance(seg, str)]
        for form in self.forms():
            if not form.display:
                continue
            for name in ["-".join(names), *reversed(names)]:
                if name in form.specs and form.field(name).display:
                    return form.field(name)
        return None

    def changed(self, path: Path_, note: str = "") -> None:
        self.loaded_version = self.draft.version
        self.post_message(Edited(path, note))

    def follow_text(self) -> str:
        """Words of the item being edited, for the preview to scroll to."""
        return ""


class ListSection(Section):
    """A list of items (recipients, signers, reports, questions) with a form for the selected one."""

    DEFAULT_CSS = """
    ListSection { height: 1fr; }
    ListSection > Horizontal.bar { height: 1; margin-bottom: 1; }
    ListSection > Horizontal.bar > Button { min-width: 4; margin-right: 1; }
    ListSection > OptionList { height: auto; max-height: 9; border: round $primary-darken-2; }
    ListSection > OptionList:focus { border: round $accent; }
    ListSection > Static.empty { color: $text-muted; padding: 1 1; }
    """

    noun: ClassVar[str] = "item"
    add_label: ClassVar[str] = ""  # the Add button's label, when "Add <noun>" is too long
    specs: ClassVar[list[FieldSpec]] = []

    def __init__(self, draft: Draft, *, id: str | None = None) -> None:
        super().__init__(draft, id=id)
        self.index = 0

    # -- layout
    def compose(self) -> ComposeResult:
        with Horizontal(classes="bar"):
            yield Button(
                self.add_label or f"Add {self.noun}",
                id=f"{self.key}-add",
                variant="primary",
                compact=True,
            )
            yield from self.extra_buttons()
            yield Button("Remove", id=f"{self.key}-remove", compact=True)
            yield Button("Up", id=f"{self.key}-up", compact=True)
            yield Button("Down", id=f"{self.key}-down", compact=True)
        yield StopList(id=f"{self.key}-list")
        yield Static(self.empty_text(), classes="empty", markup=False)
        yield from self.detail()

    def extra_buttons(self) -> ComposeResult:
        yield from ()

    def detail(self) -> ComposeResult:
        yield Form(self.specs, self.apply_field, id=f"{self.key}-form")

    def empty_text(self) -> str:
        return f"No {self.noun}s yet: Add {self.noun} to start."

    @property
    def option_list(self) -> OptionList:
        return self.query_one(f"#{self.key}-list", OptionList)

    # -- what subclasses define
    def count(self) -> int:
        return len(self.draft.items(self.key))

    def labels(self) -> list[str]:
        return [self.label(item) for item in self.draft.items(self.key)]

    def label(self, item: Any) -> str:
        return str(item)

    def path_of(self, index: int) -> Path_:
        return (self.key, index)

    def index_of(self, path: Path_) -> int | None:
        if len(path) > 1 and path[0] == self.key and isinstance(path[1], int):
            return path[1]
        return None

    def add_new(self) -> int:
        return self.draft.add_item(self.key)

    def remove_at(self, index: int) -> str:
        return self.draft.remove_item(self.key, index)

    def move_at(self, index: int, delta: int) -> int:
        return self.draft.move_item(self.key, index, delta)

    def values(self, index: int) -> dict[str, Any]:
        item = self.draft.get(self.path_of(index))
        return dict(item) if isinstance(item, dict) else {}

    def apply_field(self, key: str, value: Any) -> None:
        if self.draft.set_item_field(self.key, self.index, key, value):
            self.relabel()
            self.changed((*self.path_of(self.index), key))

    def load_detail(self) -> None:
        """Fill the form with the selected item."""
        form = self.query_one(f"#{self.key}-form", Form)
        form.load(self.values(self.index))

    # -- behaviour
    def on_mount(self) -> None:
        self.reload()

    def flush(self) -> None:
        for form in self.forms():
            form.flush()

    def reload(self, select: int | None = None) -> None:
        labels = self.labels()
        view = self.option_list
        with view.prevent(OptionList.OptionHighlighted):
            # Content, not a str: a label is the staffer's text, never markup ("[bank]", "[@id]").
            view.set_options([Option(Content(text or f"(new {self.noun})")) for text in labels])
            if labels:
                self.index = max(0, min(self.index if select is None else select, len(labels) - 1))
                view.highlighted = self.index
        has_items = bool(labels)
        empty = self.query_one(".empty", Static)
        empty.display = not has_items
        if not has_items:
            empty.update(self.empty_text())
        for form in self.forms():
            form.display = has_items
        if has_items:
            self.load_detail()
        super().reload()

    def relabel(self) -> None:
        labels = self.labels()
        if 0 <= self.index < len(labels) and self.index < self.option_list.option_count:
            self.option_list.replace_option_prompt_at_index(
                self.index, Content(labels[self.index] or f"(new {self.noun})")
            )

    def select(self, index: int) -> None:
        self.flush()
        self.reload(index)

    def select_path(self, path: Path_) -> Widget | None:
        index = self.index_of(path)
        if index is not None:
            self.select(index)
        return self.field_for(path)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list is not self.option_list:
            return
        event.stop()
        index = self.option_list.highlighted
        if index is not None and index != self.index:
            self.flush()
            self.index = index
            self.load_detail()
            self.post_message(Edited((), ""))  # not an edit: the preview follows the selection

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list is self.option_list:
            event.stop()
            target = self.first_field()
            if target is not None:
                focus_now(target)

    # Keys on the list itself (not in a field, where Delete deletes a character): Delete removes
    # the highlighted item, alt+up / alt+down move it, as the buttons do (each one undo step).
    LIST_KEYS: ClassVar[dict[str, str]] = {
        "delete": "remove",
        "alt+up": "up",
        "alt+down": "down",
        "insert": "add",
    }

    def on_key(self, event: events.Key) -> None:
        action = self.LIST_KEYS.get(event.key)
        if action is not None and self.screen.focused is self.option_list:
            event.stop()
            event.prevent_default()
            self.button(action)
            if action != "add" and self.count():
                focus_now(self.option_list)

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        self.button(str(event.button.id or "").rpartition("-")[2])

    def button(self, action: str) -> None:
        self.flush()
        count = self.count()
        if action == "add":
            index = self.add_new()
            self.reload(index)
            self.changed(self.path_of(index))
            target = self.first_field()
            if target is not None:
                focus_now(target)
        elif action == "remove" and count:
            words = self.remove_at(self.index)
            self.reload(min(self.index, max(0, count - 2)))
            self.changed(self.path_of(self.index), f"Removed {words}. ctrl+z puts it back.")
            if not self.count():
                focus_now(self.option_list)
        elif action in ("up", "down") and count:
            index = self.move_at(self.index, -1 if action == "up" else 1)
            self.reload(index)
            self.changed(self.path_of(index))
        else:
            self.extra_button(action)

    def extra_button(self, action: str) -> None:
        """Buttons a subclass adds."""

    def focus_target(self) -> Widget | None:
        return self.option_list

    def follow_text(self) -> str:
        labels = self.labels()
        return labels[self.index] if 0 <= self.index < len(labels) else ""
