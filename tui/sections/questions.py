"""Questions: typed, pasted, from the banks (with parameters and the letter's own wording),
and headed groups.

Built on the shared list section like the others. The detail area holds every form it can need
(a question, a group heading, a bank question's parameters) and shows the one the selected row
needs: nothing is removed or mounted while the staffer moves through the list.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Static, TextArea

from oversight.banks.store import printed_text
from oversight.draft import Draft
from oversight.draft.paste import parse_numbered

from ..widgets.focus import focus_now
from ..widgets.form import FieldSpec, Form
from .base import ListSection, Path_, Wants

PARAMS = 8  # parameter fields kept ready for a bank question (more are edited in the file)


class QuestionsSection(ListSection):
    key = "questions"
    noun = "question"
    add_label = "Question"

    DEFAULT_CSS = """
    QuestionsSection #q-kind { color: $text-muted; padding: 0 1; height: auto; }
    QuestionsSection #bank-panel { height: auto; padding: 0 1; }
    QuestionsSection #bank-panel Horizontal { height: 1; }
    QuestionsSection #bank-panel Button { margin-right: 1; }
    QuestionsSection #bank-params { height: auto; max-height: 12; }
    QuestionsSection #q-form { height: 1fr; }
    """

    def __init__(
        self, draft: Draft, banks: Callable[[], Any] | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(draft, id=id)
        self.banks = banks
        self.rows: list[tuple[str, Path_]] = []

    # -- layout
    def extra_buttons(self) -> ComposeResult:
        yield Button("Heading", id="questions-heading", compact=True)
        yield Button("Paragraph", id="questions-paragraph", compact=True)
        yield Button("Bank", id="questions-bank", compact=True)

    def detail(self) -> ComposeResult:
        yield Static("", id="q-kind", markup=False)
        with Vertical(id="bank-panel"):
            with Horizontal():
                yield Button("Show difference", id="questions-diff", compact=True)
                yield Button("Use the bank's wording", id="questions-reset", compact=True)
            yield Form(
                [FieldSpec(f"p{i}", f"p{i}") for i in range(PARAMS)],
                self._apply_param,
                id="bank-params",
            )
        yield Form(
            [
                FieldSpec("text", "Question", kind="text"),
                FieldSpec("parts", "Lettered parts (one per line)", kind="lines"),
                FieldSpec("start", "Number from (blank: continue; 1 restarts)", placeholder=""),
                FieldSpec("part_style", "Part labels: a. (a) i. • (blank: the letter's)"),
            ],
            self.apply_field,
            id="q-form",
            take_paste=lambda text: self.paste_questions(text) > 0,
        )
        yield Form(
            [
                FieldSpec("heading", "Group heading"),
                FieldSpec("intro", "Paragraphs under the heading (optional)", kind="text"),
                FieldSpec("start", "Number from (blank: continue; 1 restarts)"),
                FieldSpec("style", "Numbers: 1. (1) A. • (blank: the letter's)"),
                FieldSpec("part_style", "Part labels: a. (a) i. • (blank: the letter's)"),
            ],
            self.apply_field,
            id="h-form",
        )
        yield Form(
            [
                FieldSpec(
                    "paragraph", "Paragraph between questions (numbering continues)", kind="text"
                )
            ],
            self.apply_field,
            id="para-form",
        )

    def empty_text(self) -> str:
        return (
            "No questions yet: add one, a group heading, one from a bank (ctrl+b), "
            "or paste a numbered list here."
        )

    # -- rows
    def count(self) -> int:
        return len(self.rows)

    def labels(self) -> list[str]:
        self.rows = self.draft.question_rows()
        out: list[str] = []
        number = 0
        for kind, path in self.rows:
            item = self.draft.get(path)
            start = _start(item)
            if kind == "heading":
                out.append(f"▌ {item.get('heading', '')}")
                if start is not None:
                    number = start - 1
                continue
            if kind == "paragraph":
                words = " ".join(str(item.get("paragraph") or "").split())
                out.append(f"¶ {words[:70]}")
                continue
            number = start if start is not None else number + 1
            if kind == "bank":
                own = " (reworded)" if isinstance(item, dict) and item.get("text") else ""
                out.append(f"{number}. [bank] {item.get('use')}{own}")
                continue
            text = (
                item
                if isinstance(item, str)
                else item.get("text", "")
                if isinstance(item, dict)
                else ""
            )
            parts = len(item.get("parts") or []) if isinstance(item, dict) else 0
            words = " ".join(str(text).split())
            out.append(f"{number}. {words[:70]}" + (f"  (+{parts} parts)" if parts else ""))
        return out

    def path_of(self, index: int) -> Path_:
        if 0 <= index < len(self.rows):
            return self.rows[index][1]
        return ("questions",)

    def index_of(self, path: Path_) -> int | None:
        best = None
        for i, (_kind, row) in enumerate(self.rows):
            if tuple(path[: len(row)]) == row:
                best = i
        return best

    def _index_of_exact(self, path: Path_) -> int:
        for i, (_kind, row) in enumerate(self.rows):
            if row == path:
                return i
        return max(0, min(self.index, len(self.rows) - 1))

    def _selected_path(self) -> Path_ | None:
        return self.rows[self.index][1] if 0 <= self.index < len(self.rows) else None

    def reload(self, select: int | None = None) -> None:
        self.rows = self.draft.question_rows()
        super().reload(select)

    def _reload_at(self, path: Path_) -> None:
        self.rows = self.draft.question_rows()
        self.reload(self._index_of_exact(path))

    # -- changes
    def add_new(self) -> int:
        path = self.draft.add_question("", after=self._selected_path())
        self.rows = self.draft.question_rows()
        return self._index_of_exact(path)

    def remove_at(self, index: int) -> str:
        return self.draft.remove_question(self.rows[index][1])

    def move_at(self, index: int, delta: int) -> int:
        path = self.draft.move_question(self.rows[index][1], delta)
        self.rows = self.draft.question_rows()
        return self._index_of_exact(path)

    def button(self, action: str) -> None:
        if action == "add":
            super().button(action)
            with contextlib.suppress(Exception):
                focus_now(self.query_one("#q-form #f-text", TextArea))
            return
        super().button(action)

    def extra_button(self, action: str) -> None:
        if action == "heading":
            after = self._selected_path()
            path = self.draft.add_heading("New group", after=after[:2] if after else None)
            self._reload_at(path)
            self.changed(path)
            field = self.query_one("#h-form #f-heading")
            focus_now(field)
        elif action == "paragraph":
            path = self.draft.add_paragraph("", after=self._selected_path())
            self._reload_at(path)
            self.changed(path)
            focus_now(self.query_one("#para-form #f-paragraph"))
        elif action == "bank":
            self.post_message(Wants("bank"))
        elif action == "diff":
            self.post_message(Wants("wording_difference"))
        elif action == "reset":
            selected = self._selected_path()
            if selected and self.draft.reset_bank_wording(selected):
                self._reload_at(selected)
                self.changed(selected, "Back to the bank's wording. ctrl+z undoes it.")

    def insert_bank(self, ref: str, params: dict[str, Any]) -> Path_:
        self.flush()
        path = self.draft.insert_bank_question(ref, params, after=self._selected_path())
        self._reload_at(path)
        self.changed(path)
        return path

    def paste_questions(self, text: str) -> int:
        """Questions from a pasted numbered list; 0 when the text is not one."""
        found = parse_numbered(text)
        if not found:
            return 0
        self.flush()
        paths = self.draft.add_questions(found, after=self._selected_path())
        self._reload_at(paths[-1])
        self.changed(paths[0], f"Pasted {len(paths)} questions. ctrl+z undoes it.")
        return len(paths)

    # -- the detail
    def load_detail(self) -> None:
        qform = self.query_one("#q-form", Form)
        hform = self.query_one("#h-form", Form)
        pform = self.query_one("#para-form", Form)
        panel = self.query_one("#bank-panel")
        note = self.query_one("#q-kind", Static)
        qform.display = hform.display = pform.display = panel.display = False
        if not (0 <= self.index < len(self.rows)):
            note.update("")
            return
        kind, path = self.rows[self.index]
        item = self.draft.get(path)
        if kind == "heading":
            note.update(
                "Group heading: the questions below it, up to the next heading, form the group."
            )
            hform.display = True
            hform.load(
                {k: item.get(k) for k in ("heading", "intro", "start", "style", "part_style")}
            )
        elif kind == "paragraph":
            note.update("Prose between questions: numbering continues after it.")
            pform.display = True
            pform.load({"paragraph": item.get("paragraph")})
        elif kind == "bank":
            self._load_bank(item, qform, panel, note)
        else:
            note.update("")
            qform.display = True
            if isinstance(item, str):
                qform.load({"text": item, "parts": []})
            else:
                qform.load(
                    {
                        "text": item.get("text"),
                        "parts": _part_texts(item.get("parts")),
                        "start": item.get("start"),
                        "part_style": item.get("part_style"),
                    }
                )

    def bank_wording(self, item: Any) -> tuple[str, list[str]] | None:
        """The bank question's wording with this letter's parameter values, or None."""
        q = self._bank_question(item)
        if q is None:
            return None
        values = dict(item.get("with") or {})
        locale = str(self.draft.get(("options", "locale")) or "en_US")
        text = printed_text(q, q.text, locale, values=values)
        parts = [printed_text(q, p, locale, values=values) for p in q.parts]
        return text, parts

    def _bank_question(self, item: Any) -> Any:
        if self.banks is None or not isinstance(item, dict):
            return None
        try:
            _bank, q = self.banks().find(str(item.get("use")))
        except Exception:  # a broken bank shows in the problems list, not here
            return None
        return q

    def _load_bank(self, item: Any, qform: Form, panel: Widget, note: Static) -> None:
        q = self._bank_question(item)
        if q is None:
            note.update(f"From the bank: {item.get('use')} — not found: see the problems below.")
            return
        wording = self.bank_wording(item)
        assert wording is not None
        own_text, own_parts = item.get("text"), item.get("parts")
        reworded = bool(own_text or own_parts)
        note.update(
            f"From the bank: {item.get('use')}. "
            + (
                "Reworded in this letter: it differs from the bank."
                if reworded
                else "Worded as in the bank; edit it below to reword it for this letter."
            )
        )
        panel.display = True
        self.query_one("#questions-diff").display = reworded
        self.query_one("#questions-reset").display = reworded
        params = self.query_one("#bank-params", Form)
        names = list(q.parameters)[:PARAMS]
        values = item.get("with") or {}
        params.show_only(
            [f"p{i}" for i in range(len(names))],
            {
                f"p{i}": f"{name} ({q.parameters[name].type})"
                + (f" — {q.parameters[name].description}" if q.parameters[name].description else "")
                for i, name in enumerate(names)
            },
        )
        params.display = bool(names)
        params.load({f"p{i}": values.get(name, "") for i, name in enumerate(names)})
        qform.display = True
        qform.load(
            {
                "text": own_text or wording[0],
                "parts": _part_texts(own_parts) if own_parts else wording[1],
            }
        )

    def apply_field(self, key: str, value: Any) -> None:
        path = self._selected_path()
        if path is None:
            return
        kind = self.rows[self.index][0]
        changed = False
        if key in ("heading", "paragraph"):
            changed = self.draft.set_question_text(path, str(value or ""))
        elif key in ("intro", "style", "part_style"):
            changed = self._set_item_key(path, key, value)
        elif key == "start":
            text = str(value or "").strip()
            number: Any = int(text) if text.isdigit() else text
            changed = self._set_item_key(path, key, number)
        elif kind == "bank":
            changed = self._reword(path, key, value)
        elif key == "text":
            changed = self.draft.set_question_text(path, str(value or ""))
        elif key == "parts":
            changed = self.draft.set_question_parts(path, list(value or []))
        if changed:
            self.relabel()
            self.changed((*path, key))

    def _set_item_key(self, path: Path_, key: str, value: Any) -> bool:
        return self.draft.set_question_setting(path, key, value)

    def _reword(self, path: Path_, key: str, value: Any) -> bool:
        """A bank question's wording edited in the letter: the letter keeps its own wording."""
        item = self.draft.get(path)
        wording = self.bank_wording(item)
        if key == "text":
            text = str(value or "").strip()
            if wording is not None and " ".join(text.split()) == wording[0]:
                text = ""  # typed back to the bank's wording: no override
            return self.draft.set_field((*path, "text"), text, label="reword a bank question")
        parts = list(value or [])
        if wording is not None and [" ".join(p.split()) for p in parts] == wording[1]:
            parts = []
        return self.draft.set_field((*path, "parts"), parts, label="reword a bank question")

    def _apply_param(self, key: str, value: Any) -> None:
        path = self._selected_path()
        if path is None:
            return
        q = self._bank_question(self.draft.get(path))
        if q is None:
            return
        names = list(q.parameters)
        name = names[int(key[1:])]
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = datetime.date.fromisoformat(value.strip())
        if self.draft.set_bank_param(path, name, value if value != "" else None):
            self.changed((*path, "with", name))

    def follow_text(self) -> str:
        path = self._selected_path()
        if path is None:
            return ""
        item = self.draft.get(path)
        if isinstance(item, str):
            return item
        if isinstance(item, dict):
            if "heading" in item:
                return str(item.get("heading") or "").upper()
            if "paragraph" in item:
                return str(item.get("paragraph") or "").split("{{")[0]
            if item.get("text"):
                return str(item["text"])
            wording = self.bank_wording(item)
            return wording[0] if wording else ""
        return ""

    def focus_target(self) -> Widget | None:
        return self.option_list

    # -- paste: a numbered list pasted in the list or the question box becomes questions
    @on(events.Paste)
    def _paste(self, event: events.Paste) -> None:
        if self.paste_questions(event.text):
            event.stop()
            event.prevent_default()


def _part_texts(parts: Any) -> list[str]:
    return [p if isinstance(p, str) else str(p.get("text", "")) for p in parts or []]


def _start(item: Any) -> int | None:
    """The number a question or group restarts at (``start:``), if it gives one."""
    start = item.get("start") if isinstance(item, dict) else None
    return start if isinstance(start, int) and not isinstance(start, bool) else None
