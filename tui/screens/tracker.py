"""The tracker: the letters of a folder and where each stands, one letter's record, and the
follow-up (docs/tracking.md). Everything it writes goes through ``oversight.tracking.actions``
and ``oversight.tracking.followup``, the command line's own checks."""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from oversight.errors import UserError, display_path
from oversight.tracking import actions
from oversight.tracking.folder import Tracked, scan
from oversight.tracking.followup import LEVELS, default_level, default_target, write_follow_up
from oversight.tracking.record import ANSWERS, EVENTS
from oversight.tracking.summary import (
    SORTS,
    Status,
    error_status,
    question_state,
    sort_key,
    status,
)

from ..widgets.form import FieldInput
from ..widgets.lists import StopList
from .choice import Choice
from .once import DismissOnce

# The colour of each state in the list (Rich styles; readable in both themes).
STATE_STYLE = {
    "draft": "dim",
    "sent": "",
    "awaiting": "",
    "due soon": "bold yellow",
    "overdue": "bold red",
    "partially answered": "magenta",
    "answered": "green",
    "closed": "dim",
    "error": "bold red",
}
# The status beside the letter's name, so a narrow terminal still shows it.
COLUMNS = ("Letter", "Status", "Due", "Late", "Answered", "Sent", "Agency")
ROWS_AT_ONCE = 500


def _status_of(t: Tracked, today: datetime.date) -> Status:
    name = display_path(t.path)
    if t.summary is None or t.record is None or t.problem:
        return error_status(name, t.problem or "cannot be read")
    return status(t.summary, t.record, today, name)


def _message(err: UserError) -> str:
    return "; ".join(p.headline() for p in err.problems) or str(err)


class TrackerScreen(DismissOnce, Screen[None]):
    """The letters of a folder: status colours, sorting, Enter opens one's record."""

    BINDINGS = [
        Binding("escape", "back", "Back to the letter"),
        Binding("s", "sort", "Sort"),
        Binding("r", "reload", "Reload"),
        Binding("enter", "open_record", "Open", show=False),
    ]
    DEFAULT_CSS = """
    TrackerScreen { layout: vertical; }
    TrackerScreen #tracker-head { height: auto; padding: 0 1; background: $boost; }
    TrackerScreen #tracker-table { height: 1fr; }
    TrackerScreen #tracker-hint { height: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, folder: Path, today: datetime.date | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.today = today or datetime.date.today()
        self.sort = "due"
        self.rows: list[tuple[Tracked, Status]] = []
        self.columns: list[Any] = []
        self._filling = 0  # the fill under way (0: none), whose chunks are still to be added
        self.generation = 0  # bumped each time the table is filled (tests wait on it)

    def compose(self) -> ComposeResult:
        yield Static("", id="tracker-head", markup=False)
        table: DataTable[Any] = DataTable(id="tracker-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(
            "Enter: the letter's record (log events, mark answers, draft the follow-up) · "
            "s: sort · r: reload · Escape: back",
            id="tracker-hint",
            markup=False,
        )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self.columns = table.add_columns(*COLUMNS)
        table.focus()
        self._head("Reading the letters…")
        self.reload()

    def _head(self, extra: str = "") -> None:
        counts: dict[str, int] = {}
        for _, s in self.rows:
            counts[s.state] = counts.get(s.state, 0) + 1
        tally = ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))
        shown = display_path(self.folder)
        if shown in (".", ""):
            shown = self.folder.resolve().name + "/"
        self.query_one("#tracker-head", Static).update(
            f"Letters in {shown} as of {self.today.isoformat()}, "
            f"sorted by {self.sort}"
            + (f" — {tally}" if tally else "")
            + (f"  {extra}" if extra else "")
        )

    @work(thread=True, exclusive=True, group="tracker-scan")
    def reload(self) -> None:
        """Read the folder (through the cache) in a thread: a cold folder of thousands of letters
        takes seconds, and the screen stays live meanwhile."""
        try:
            found = scan([self.folder])
        except (UserError, OSError) as err:
            text = _message(err) if isinstance(err, UserError) else str(err)
            self.app.call_from_thread(self.app.notify, text, severity="error", markup=False)
            found = []
        rows = [(t, _status_of(t, self.today)) for t in found]
        self.app.call_from_thread(self._fill, rows)

    def _cells(self, s: Status) -> list[Any]:
        return [
            Text(s.letter),
            Text(s.state, style=STATE_STYLE.get(s.state, "")),
            s.due.isoformat() if s.due else "",
            str(s.days_overdue) if s.days_overdue else "",
            f"{s.answered}/{s.questions}",
            s.sent.isoformat() if s.sent else "",
            Text(s.agency[:40]),
        ]

    def _fill(self, rows: list[tuple[Tracked, Status]]) -> None:
        """Show ``rows``: when the same letters are shown already, only the rows whose status
        changed are redrawn, in place (a folder of 10,000 letters is not laid out again each
        time a record closes); otherwise the table is filled anew, in the current order."""
        if not self.is_attached:
            return
        table = self.query_one(DataTable)
        new = {str(t.path): (t, s) for t, s in rows}
        old = {str(t.path): s for t, s in self.rows}
        if self.rows and new.keys() == old.keys() and not self._filling:
            for key, (_, s) in new.items():
                if s != old[key]:
                    for column, cell in zip(self.columns, self._cells(s), strict=True):
                        table.update_cell(key, column, cell)
            self.rows = [new[str(t.path)] for t, _ in self.rows]
        else:
            self.rows = sorted(rows, key=lambda r: sort_key(self.sort)(r[1]))
            self._filling += 1
            table.clear()
            self._add_rows(self._filling, 0, table.cursor_row)
            return
        self._head("" if self.rows else "— no letter files here")
        self.generation += 1

    def _add_rows(self, fill: int, start: int, keep: int) -> None:
        """Rows in chunks, the screen answering keys between them: 10,000 rows at once held it
        for a second and a half."""
        if fill != self._filling or not self.is_attached:
            return  # a newer fill began
        table = self.query_one(DataTable)
        for t, s in self.rows[start : start + ROWS_AT_ONCE]:
            table.add_row(*self._cells(s), key=str(t.path))
        if start + ROWS_AT_ONCE < len(self.rows):
            self._head(f"(showing {start + ROWS_AT_ONCE:,} of {len(self.rows):,}…)")
            self.set_timer(0.001, partial(self._add_rows, fill, start + ROWS_AT_ONCE, keep))
            return
        if self.rows:
            table.move_cursor(row=min(max(keep, 0), len(self.rows) - 1))
        self._filling = 0
        self._head("" if self.rows else "— no letter files here")
        self.generation += 1

    def action_sort(self) -> None:
        """The next order; the table's rows are reordered, not made again, and the letter
        under the cursor stays under it."""
        if self._filling:
            return  # the table is still being filled: sort when it is whole
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        if not self.rows:
            self._head()
            return
        table = self.query_one(DataTable)
        current = str(self.rows[table.cursor_row][0].path) if table.row_count else None
        order = sort_key(self.sort)
        self.rows.sort(key=lambda r: order(r[1]))
        rank = {str(t.path): n for n, (t, _) in enumerate(self.rows)}
        by_name = {s.letter: rank[str(t.path)] for t, s in self.rows}
        table.sort(self.columns[0], key=lambda cell: by_name[cell.plain])
        if current is not None:
            table.move_cursor(row=rank[current])
        self._head()
        self.generation += 1

    def action_reload(self) -> None:
        self.reload()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_open_record(self) -> None:
        if not self.is_current:
            return  # a second Enter of a burst: the record is already opening
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0 or table.cursor_row >= len(self.rows):
            return
        tracked, st = self.rows[table.cursor_row]
        if st.state == "error":
            self.notify(f"{st.letter}: {st.problem}", severity="error", markup=False)
            return
        self.app.push_screen(RecordScreen(tracked.path, self.today), self._record_closed)

    def _record_closed(self, _: None) -> None:
        self.reload()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_record()


class RecordScreen(DismissOnce, ModalScreen[None]):
    """One letter's record: where it stands, its events, each question's answer; mark it sent,
    log an event, mark an answer, add a contact, draft the follow-up, or open the letter."""

    AUTO_FOCUS = "#record-questions"
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("a", "answer", "Mark answer", show=False),
        Binding("l", "log", "Log event", show=False),
    ]
    DEFAULT_CSS = """
    RecordScreen { align: center middle; }
    RecordScreen > Vertical { width: 110; max-width: 100%; height: 95%; border: thick $primary; background: $surface; padding: 0 1; }
    RecordScreen #record-facts { height: auto; }
    RecordScreen #record-events-box { height: auto; max-height: 8; }
    RecordScreen #record-events { height: auto; color: $text-muted; }
    RecordScreen #record-questions { height: 1fr; }
    RecordScreen Horizontal { height: auto; }
    RecordScreen Button { margin-right: 1; min-width: 8; }
    """

    def __init__(self, letter: Path, today: datetime.date) -> None:
        super().__init__()
        self.letter = letter
        self.today = today
        self.names: list[str] = []
        self.level = "second"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="record-facts", markup=False)
            with VerticalScroll(id="record-events-box", can_focus=False):
                yield Static("", id="record-events", markup=False)
            yield Label("Questions (Enter or a: mark an answer · l: log an event)")
            yield StopList(id="record-questions")
            with Horizontal():
                yield Button("Sent…", id="sent", tooltip="Mark the letter sent")
                yield Button("Log…", id="log", tooltip="Log an event (l)")
                yield Button("Answer…", id="answer", tooltip="Mark how a question was answered (a)")
                yield Button("Contact…", id="contact", tooltip="Add an agency contact")
                yield Button(
                    "Follow-up…",
                    id="follow-up",
                    variant="primary",
                    tooltip="Draft the follow-up letter asking what is still open",
                )
                yield Button("Open", id="open", tooltip="Open the letter in the editor")
                yield Button("Close", id="close")

    def on_mount(self) -> None:
        self.refresh_record()

    def refresh_record(self) -> None:
        with contextlib.suppress(NoMatches):  # closed meanwhile (a key of a burst)
            self._refresh_record()

    def _refresh_record(self) -> None:
        try:
            found = scan([self.letter], workers=1)
        except UserError as err:
            self.notify(_message(err), severity="error", markup=False)
            return
        if not found or found[0].summary is None or found[0].record is None:
            problem = found[0].problem if found else "not a letter file"
            self.query_one("#record-facts", Static).update(
                f"{display_path(self.letter)}: {problem}"
            )
            return
        t = found[0]
        assert t.summary is not None and t.record is not None
        s = status(t.summary, t.record, self.today, display_path(self.letter))
        summary, record = t.summary, t.record
        facts = [
            f"{s.letter} — {summary.subject or '(no subject)'}",
            f"To: {'; '.join(summary.to)}",
            f"Status: {s.state}"
            + (f", {s.days_overdue} days late" if s.days_overdue else "")
            + f" · sent {record.sent.date.isoformat() if record.sent else '—'}"
            + (f" by {record.sent.via}" if record.sent and record.sent.via else "")
            + f" · due {s.due.isoformat() if s.due else '—'}"
            + f" · answered {s.answered} of {s.questions}",
        ]
        if record.contacts:
            facts.append("Contacts: " + "; ".join(record.contacts))
        if record.follows:
            facts.append(f"Follows up: {record.follows}")
        if record.follow_ups:
            facts.append("Followed up by: " + ", ".join(record.follow_ups))
        self.query_one("#record-facts", Static).update("\n".join(facts))
        self.level = default_level(record)
        events = [
            f"{e.date.isoformat()}  {e.event}"
            + (f" until {e.until.isoformat()}" if e.until else "")
            + (f" — {e.note}" if e.note else "")
            + (f" [{e.file}]" if e.file else "")
            for e in record.events
        ]
        self.query_one("#record-events", Static).update(
            "Events:\n" + "\n".join(events) if events else "No events logged yet."
        )
        box = self.query_one("#record-questions", OptionList)
        keep = box.highlighted
        box.clear_options()
        self.names = summary.questions
        for name in self.names:
            own = record.answers.get(name)
            state = (
                question_state(summary, record, name) if "(" not in name else (own and own.status)
            )
            mark = state or "—"
            note = f" — {own.note}" if own and own.note else ""
            where = f" ({own.where})" if own and own.where else ""
            indent = "    " if "(" in name else ""
            box.add_option(
                Option(Text(f"{indent}{name}".ljust(14) + f"{mark}{where}{note}"), id=name)
            )
        if self.names:
            box.highlighted = min(keep or 0, len(self.names) - 1)

    def _do(self, what: Callable[[], Any], done: str) -> str | None:
        """Run an action; its refusal is the form's message (nothing was written)."""
        try:
            what()
        except UserError as err:
            return _message(err)
        self.notify(done, markup=False)
        self.refresh_record()
        return None

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        action = {
            "sent": self.action_sent,
            "log": self.action_log,
            "answer": self.action_answer,
            "contact": self.action_contact,
            "follow-up": self.action_follow_up,
            "open": self.action_open,
            "close": self.action_close,
        }.get(event.button.id or "")
        if action is not None:
            action()

    @on(OptionList.OptionSelected, "#record-questions")
    def _question(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_answer()

    def action_sent(self) -> None:
        def submit(v: dict[str, Any]) -> str | None:
            return self._do(
                lambda: actions.mark_sent(self.letter, v["date"], v["via"] or None),
                f"Marked sent on {v['date'].isoformat()}",
            )

        self.app.push_screen(
            FieldsDialog(
                "Mark the letter sent",
                [
                    DialogField("date", "Sent on (YYYY-MM-DD)", "date", self.today.isoformat()),
                    DialogField("via", "How (email, portal, hand delivery…)", "text", "email"),
                ],
                submit,
            )
        )

    def action_log(self) -> None:
        def submit(v: dict[str, Any]) -> str | None:
            file = Path(v["file"]).expanduser() if v["file"] else None
            if file is not None and not file.is_absolute():
                file = self.letter.parent / file
            return self._do(
                lambda: actions.log_event(
                    self.letter,
                    v["event"],
                    v["date"],
                    note=v["note"] or None,
                    file=file,
                    until=v["until"],
                ),
                f"Logged {v['event']} on {v['date'].isoformat()}",
            )

        self.app.push_screen(
            FieldsDialog(
                "Log an event",
                [
                    DialogField("event", "Event", "choice", "acknowledged", EVENTS),
                    DialogField("date", "On (YYYY-MM-DD)", "date", self.today.isoformat()),
                    DialogField("until", "New deadline, for an extension granted", "date?", ""),
                    DialogField("note", "Note", "text", ""),
                    DialogField("file", "Response file (beside the letter, or a path)", "text", ""),
                ],
                submit,
            )
        )

    def action_answer(self) -> None:
        box = self.query_one("#record-questions", OptionList)
        if box.highlighted is None or not self.names:
            self.notify("Choose a question first", severity="warning")
            return
        name = self.names[box.highlighted]

        def submit(v: dict[str, Any]) -> str | None:
            return self._do(
                lambda: actions.mark_answer(
                    self.letter, name, v["status"], note=v["note"] or None, where=v["where"] or None
                ),
                f"Question {name}: {v['status']}",
            )

        self.app.push_screen(
            FieldsDialog(
                f"How was question {name} answered?",
                [
                    DialogField("status", "Answer", "choice", "answered", ANSWERS),
                    DialogField("note", "Note", "text", ""),
                    DialogField("where", "Where in the response (p. 4)", "text", ""),
                ],
                submit,
            )
        )

    def action_contact(self) -> None:
        def submit(v: dict[str, Any]) -> str | None:
            return self._do(lambda: actions.add_contact(self.letter, v["contact"]), "Contact added")

        self.app.push_screen(
            FieldsDialog(
                "Add an agency contact",
                [DialogField("contact", "Name, office, email or phone", "text", "")],
                submit,
            )
        )

    def action_follow_up(self) -> None:
        def submit(v: dict[str, Any]) -> str | None:
            target = Path(v["file"]).expanduser() if v["file"] else None
            if target is not None and not target.is_absolute():
                target = self.letter.parent / target
            try:
                done = write_follow_up(
                    self.letter,
                    target,
                    level=v["level"],
                    date=v["date"],
                    days=v["days"],
                )
            except UserError as err:
                return _message(err)
            for w in done.warnings:
                self.notify(f"Check: {w}", severity="warning", timeout=12, markup=False)
            self.refresh_record()
            question = Choice(
                f"Drafted {display_path(done.path)}: it asks again {done.questions} "
                f"question(s) ({', '.join(done.asked)}). Open it in the editor now?",
                [("open", "Open it"), ("later", "Not now")],
                cancel="later",
            )
            # After the form has closed: the question is asked over this record.
            self.call_after_refresh(
                self.app.push_screen,
                question,
                lambda choice: self._open(done.path) if choice == "open" else None,
            )
            return None

        self.app.push_screen(
            FieldsDialog(
                "Draft the follow-up letter",
                [
                    DialogField("level", "Level", "choice", self.level, LEVELS),
                    DialogField("date", "Its date (YYYY-MM-DD)", "date", self.today.isoformat()),
                    DialogField("days", "Its deadline, days after its date", "days", "14"),
                    DialogField(
                        "file", "New letter file", "text", default_target(self.letter).name
                    ),
                ],
                submit,
            )
        )

    def action_open(self) -> None:
        self._open(self.letter)

    def _open(self, path: Path) -> None:
        opener: Any = getattr(self.app, "open_letter", None)
        if opener is not None:
            opener(path)

    def action_close(self) -> None:
        self.dismiss(None)


class DialogField:
    """One field of a :class:`FieldsDialog`: a key, a label, a kind (text, date, date? for an
    optional date, days, choice) and its starting value."""

    def __init__(
        self, key: str, label: str, kind: str, value: str, choices: tuple[str, ...] = ()
    ) -> None:
        self.key, self.label, self.kind, self.value, self.choices = key, label, kind, value, choices


class FieldsDialog(DismissOnce, ModalScreen[None]):
    """A few fields and OK; ``submit`` does the work and returns None, or the message to show
    (the form stays open, nothing was written)."""

    AUTO_FOCUS = "#form-0"
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "ok", "OK", priority=True)]
    DEFAULT_CSS = """
    FieldsDialog { align: center middle; }
    FieldsDialog > Vertical { width: 76; max-width: 100%; height: auto; max-height: 100%; border: thick $primary; background: $surface; padding: 0 2; }
    FieldsDialog #form-error { color: $error; height: auto; }
    FieldsDialog Horizontal { height: auto; margin-top: 1; }
    FieldsDialog Button { margin-right: 1; }
    """

    def __init__(
        self, title: str, fields: list[DialogField], submit: Callable[[dict[str, Any]], str | None]
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, markup=False)
            for i, f in enumerate(self.fields):
                yield Label(f.label, markup=False)
                if f.kind == "choice":
                    yield Select(
                        [(c, c) for c in f.choices],
                        value=f.value,
                        allow_blank=False,
                        id=f"form-{i}",
                    )
                else:
                    yield FieldInput(f.value, id=f"form-{i}")
            yield Static("", id="form-error", markup=False)
            with Horizontal():
                yield Button("OK", id="form-ok", variant="primary")
                yield Button("Cancel", id="form-cancel")

    def _values(self) -> dict[str, Any] | str:
        out: dict[str, Any] = {}
        for i, f in enumerate(self.fields):
            if f.kind == "choice":
                out[f.key] = str(self.query_one(f"#form-{i}", Select).value)
                continue
            text = self.query_one(f"#form-{i}", Input).value.strip()
            if f.kind == "days":
                if not text.isdigit() or not 1 <= int(text) <= 365:
                    return f"{f.label}: '{text}' is not a number of days (1 to 365)"
                out[f.key] = int(text)
            elif f.kind in ("date", "date?"):
                if not text and f.kind == "date?":
                    out[f.key] = None
                    continue
                try:
                    out[f.key] = datetime.date.fromisoformat(text)
                except ValueError:
                    return f"{f.label}: '{text}' is not a date (YYYY-MM-DD)"
            else:
                out[f.key] = text
        return out

    def action_ok(self) -> None:
        values = self._values()
        problem = values if isinstance(values, str) else self.submit(values)
        if problem:
            self.query_one("#form-error", Static).update(problem)
            return
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_ok()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-ok":
            self.action_ok()
        else:
            self.action_cancel()
