"""The drafting terminal UI: `oversight tui [LETTER.yaml]`.

Sections on the left, the editor for one in the middle, the letter as it will print on the right
(F2 at narrow widths), problems at the bottom. Every edit goes through the Draft's intent methods
(oversight.draft): the preview and the problems list are refreshed from it in a worker thread a
moment after typing pauses, the draft is copied to a recovery file every few seconds, and saving
keeps a hand-written file's comments.

The rules that keep it standing under a hurried staffer:
- focus is never inside a widget that is not on screen (checked before every key);
- widgets are never removed and re-mounted under the same id: sections are built once and
  forms show or hide their fields;
- edits are applied synchronously and flushed before anything reads the draft;
- a modal is never opened on top of another by a shortcut, and the palette only once;
- an exception that escapes saves the draft, writes a log and exits non-zero with one line.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import re
import sys
import time
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import msgspec
from textual import events, on, work
from textual._dispatch_key import dispatch_key
from textual.app import App, ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.command import CommandPalette
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer, Header, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from oversight.banks.finder import BankSet, every_bank, letter_banks
from oversight.citations import registry
from oversight.citations.library import letter_reports
from oversight.cli.printer import Out
from oversight.directory import Entry, load_directory, save_user_entry
from oversight.draft import (
    SECTIONS,
    Check,
    ConflictError,
    Draft,
    Recovery,
    Step,
    check_text,
    crash_log,
    open_recovery,
    recent_files,
    scan_recoveries,
    section_of,
)
from oversight.draft.wording import describe
from oversight.errors import Problem, Problems, UserError, display_path
from oversight.fsutil import atomic_write
from oversight.letters.prepare import load_letter_text
from oversight.render import docx_bytes
from oversight.render import pdf as render_pdf  # by module: a test replaces its convert
from oversight.text import slug
from oversight.yamlfile import Document

from .commands import Commands
from .screens.ask_path import AskPath
from .screens.bank_search import BankSearch
from .screens.choice import Choice
from .screens.cite_picker import CitePicker
from .screens.directory import DirectoryPicker, agency_line
from .screens.help import HelpScreen
from .screens.start import StartScreen
from .screens.tracker import TrackerScreen
from .screens.wording_diff import WordingDiff
from .sections.base import Edited, Section, Wants
from .sections.fields import BodySection, DetailsSection
from .sections.questions import QuestionsSection
from .sections.recipients import RecipientsSection
from .sections.reports import ReportsSection
from .sections.signers import SignersSection
from .widgets.focus import focus_now
from .widgets.lists import StopList
from .widgets.preview import LetterPreview

SECTION_KEYS = [key for key, _title in SECTIONS]
PANES = ["nav", "editor", "preview-pane", "problems"]


def is_shown(widget: Widget) -> bool:
    """Whether a widget is on screen: attached, and it and every container above it displayed."""
    node: Any = widget
    while node is not None and not isinstance(node, Screen):
        if not node.display or not node.visible or not node.is_attached:
            return False
        node = node.parent
    return node is not None


class OversightApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "oversight"
    # The sections list takes the keyboard at start: arrows move between sections, Tab into
    # the fields.
    AUTO_FOCUS = "#nav"
    COMMANDS = App.COMMANDS | {Commands}
    # Under 110 columns the preview takes the editor's place when shown (F2).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("f1", "help", "Help", priority=True),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("f6", "next_pane", "Pane", priority=True),
        # Tab moves the keyboard before the next key is routed: with Textual's own (non-priority)
        # Tab, the word typed right after it landed in the field just left.
        Binding("tab", "focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "focus_previous", "Previous field", show=False, priority=True),
        Binding("shift+f6", "previous_pane", "Pane back", show=False, priority=True),
        Binding("ctrl+z", "undo", "Undo", priority=True),
        Binding("ctrl+y,ctrl+shift+z", "redo", "Redo", show=False, priority=True),
        Binding("ctrl+e", "export", "Export", priority=True),
        Binding("f5", "export_pdf", "PDF", priority=True),
        Binding("ctrl+b", "bank", "Bank", priority=True),
        Binding("ctrl+k", "cite", "Cite", priority=True),
        Binding("ctrl+d", "directory", "Directory", show=False, priority=True),
        Binding("f2", "toggle_preview", "Preview", priority=True),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        path: Path | None = None,
        *,
        draft: Draft | None = None,
        ask_start: bool = True,
        autosave_every: float = 3.0,
        debounce: float = 0.0,
        today: datetime.date | None = None,
    ) -> None:
        super().__init__()
        # `oversight tui FOLDER`: the tracker over that folder, a new letter beneath it.
        self.track_folder = path if path is not None and path.is_dir() else None
        if self.track_folder is not None:
            path, ask_start = None, False
        self.start_path = path
        self.ask_start = ask_start and draft is None and path is None
        if draft is None:
            if path is not None and path.exists():
                draft = Draft.open(path)
            else:
                draft = Draft.new(today)
                draft.path = path
        self.draft = draft
        self.today = today
        self.autosave_every = autosave_every
        self.debounce = debounce
        self.preview_version = 0  # bumped after each preview refresh
        self.checked_version = -1  # the draft version the preview shows (tests wait on it)
        self.last_check = Check()
        self.pdf_pages: int | None = None  # the true count, after an export to PDF
        self.crash_message = ""
        self.exporting = False
        self._timer: Timer | None = None
        self._checking = False  # a check is running in the worker
        self._check_again = False  # the draft changed while it ran
        self._last_check_start = float("-inf")
        self._sections: dict[str, Section] = {}
        self._last_focus: dict[str, Widget] = {}  # the widget last focused in each section

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield StopList(*[Option(title, id=key) for key, title in SECTIONS], id="nav")
            with ContentSwitcher(initial="details", id="editor"):
                yield self._section("details")
            with Vertical(id="preview-side"):
                yield Static("", id="preview-status", markup=False)
                with VerticalScroll(id="preview-pane"):
                    yield LetterPreview(id="preview")
        yield StopList(id="problems")
        yield Footer()

    # Only the first section is built at start; each other is built the first time it is shown
    # (building all six costs a third of a second before the first screen). Once built, a
    # section stays: it is never removed, so its widgets' ids never collide.
    def _section(self, key: str) -> Section:
        section: Section
        if key == "details":
            section = DetailsSection(self.draft)
        elif key == "body":
            section = BodySection(self.draft)
        elif key == "recipients":
            section = RecipientsSection(self.draft)
        elif key == "signers":
            section = SignersSection(self.draft)
        elif key == "reports":
            section = ReportsSection(self.draft)
        else:
            section = QuestionsSection(self.draft, self.bank_set)
        self._sections[key] = section
        return section

    def on_mount(self) -> None:
        self.update_title()
        self.set_interval(self.autosave_every, self.autosave)
        self.start_check()  # at once: the first preview is the slowest (imports, first render)
        nav = self.query_one("#nav", OptionList)
        with nav.prevent(OptionList.OptionHighlighted):
            nav.highlighted = 0
        self.query_one("#preview-pane").can_focus = True
        pending, warnings = scan_recoveries()
        for warning in warnings:
            self.notify(warning, severity="warning", timeout=12, markup=False)
        if pending:
            self.call_after_refresh(self.offer_recovery, pending[0])
        elif self.track_folder is not None:
            self.call_after_refresh(self.action_track, self.track_folder)
        elif self.ask_start:
            self.call_after_refresh(
                lambda: self.push_screen(StartScreen(recent_files()), self.started)
            )

    def update_title(self) -> None:
        self.sub_title = f"{self.draft.name}{' • unsaved' if self.draft.dirty else ''}"

    @property
    def current_section(self) -> str:
        try:
            return str(self.query_one("#editor", ContentSwitcher).current or "details")
        except NoMatches:  # shutting down: a late message asks after the editor
            return "details"

    def section(self, key: str) -> Section | None:
        return self._sections.get(key)

    # ------------------------------------------------------------------ crash safety
    def _handle_exception(self, error: Exception) -> None:
        """Save the draft, log the traceback, and leave with one line (run() prints it)."""
        if not self.crash_message:
            saved = "the draft could not be saved"
            with contextlib.suppress(Exception):
                self.flush_edits()
            try:
                target = self.draft.autosave(force=True)
                saved = f"your draft is saved in {target}" if target else saved
            except Exception as err:  # the disk itself failing: say so, still exit cleanly
                saved = f"the draft could not be saved ({err})"
            text = "".join(traceback.format_exception(error))
            try:
                log = f"details in {crash_log(text)}"
            except Exception:
                log = "no log could be written"
            self.crash_message = (
                f"oversight tui stopped on an internal error ({type(error).__name__}); "
                f"{saved}; {log}. Start it again to recover the draft."
            )
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # The traceback goes to the log, not over the staffer's terminal.
        self.bell()
        self._close_messages_no_wait()

    # ------------------------------------------------------------------ focus model
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self.guard_focus()
            # Where the key goes now; its bindings are looked up there when it comes back.
            event._routed_to = self.focused  # type: ignore[attr-defined]
        await super().on_event(event)

    async def _on_key(self, event: events.Key) -> None:
        """A key the focused widget did not take comes back here for its bindings. Textual looks
        them up from the widget focused *now*: in a burst ("21 days", ctrl+u, shift+tab…) a
        ctrl+u typed in one field was applied to the field the next key moved to. Bindings are
        looked up from the widget the key was sent to."""
        target = getattr(event, "_routed_to", None)
        if target is None or target is self.focused or not target.is_attached:
            return  # App._on_key, after this handler, looks them up as usual
        event.prevent_default()
        for node in target.ancestors_with_self:
            for binding in node._bindings.key_to_bindings.get(event.key, ()):
                if not binding.priority and await self.run_action(binding.action, node):
                    return
        await dispatch_key(self, event)

    def guard_focus(self) -> None:
        """Focus is never in a widget that is not on screen: move it into what is shown."""
        if isinstance(self.screen, ModalScreen):
            focused = self.screen.focused
            if focused is not None and not is_shown(focused):
                self.screen.focus_next()
            return
        focused = self.focused
        if focused is not None and is_shown(focused):
            return
        target = self._section_focus(self.current_section)
        if target is None:
            target = self.query_one("#nav")
        focus_now(target)

    def action_focus_next(self) -> None:
        """Tab: from the sections list into the section shown, where Enter goes too (its list,
        or its first field), not to the first button of its bar; elsewhere the next field."""
        focused = self.focused
        if not isinstance(self.screen, ModalScreen) and focused is not None and focused.id == "nav":
            target = self._section_focus(self.current_section)
            if target is not None:
                focus_now(target)
                return
        self.screen.focus_next()

    def _section_focus(self, key: str) -> Widget | None:
        section = self._sections.get(key)
        if section is None or not section.is_attached:
            return None
        remembered = self._last_focus.get(key)
        if remembered is not None and is_shown(remembered):
            return remembered
        target = section.focus_target()
        if target is not None and is_shown(target):
            return target
        first = section.first_field()
        return first if first is not None and is_shown(first) else None

    @on(events.DescendantFocus)
    def _remember_focus(self, event: events.DescendantFocus) -> None:
        widget = event.widget
        for key, section in self._sections.items():
            if widget in section.ancestors_with_self or section in widget.ancestors:
                self._last_focus[key] = widget
                break

    def action_next_pane(self, delta: int = 1) -> None:
        if isinstance(self.screen, ModalScreen):
            self.screen.focus_next() if delta > 0 else self.screen.focus_previous()
            return
        self.flush_edits()
        focused = self.focused
        current = 0
        for i, pane in enumerate(PANES):
            with contextlib.suppress(NoMatches):
                node = self.query_one(f"#{pane}")
                if focused is not None and (focused is node or node in focused.ancestors):
                    current = i
        for step in range(1, len(PANES) + 1):
            pane = PANES[(current + delta * step) % len(PANES)]
            target: Widget | None
            if pane == "editor":
                target = self._section_focus(self.current_section)
            else:
                target = self.query_one(f"#{pane}")
            if target is not None and is_shown(target) and target.focusable:
                focus_now(target)
                return

    def action_previous_pane(self) -> None:
        self.action_next_pane(-1)

    # ------------------------------------------------------------------ draft
    def flush_edits(self) -> None:
        """Apply what was typed into any field and not yet applied (before saving, undo…)."""
        for section in self._sections.values():
            if section.is_attached:
                section.flush()

    def load_draft(self, draft: Draft) -> None:
        self.draft.replace(draft)
        self.pdf_pages = None
        for section in self._sections.values():
            if section.is_attached:
                section.reload()
        self.update_title()
        self.schedule_check(0.01)

    def started(self, result: tuple[str, Any] | None) -> None:
        if not result:
            return
        kind, path = result
        if kind == "import" and path is not None:
            self.notify(f"Importing {display_path(Path(path))}…", markup=False)
            self.run_worker(partial(self._import_letter, Path(path)), thread=True, group="import")
        elif kind == "track" and path is not None:
            self.action_track(Path(path), then_start=True)
        elif kind == "open" and path is not None:
            try:
                self.load_draft(Draft.open(Path(path)))
            except UserError as err:
                self.notify(err.problems[0].headline(), severity="error", timeout=10, markup=False)
                self.push_screen(StartScreen(recent_files()), self.started)

    def _import_letter(self, source: Path) -> None:
        """A Word letter into a letter file beside it (``oversight import``), then opened; in a
        worker thread, since a .doc goes through LibreOffice."""
        # Only when a staffer imports: the importer loads lxml and the footnote reader
        # (docs/architecture.md, lazy imports).
        from oversight.importing.run import import_files

        [result] = import_files([source], source.parent)
        self.call_from_thread(self._imported, result)

    def _imported(self, result: Any) -> None:
        if result.error is not None or result.target is None:
            self.notify(
                f"{display_path(result.source)}: {result.error}",
                severity="error",
                timeout=10,
                markup=False,
            )
            self.push_screen(StartScreen(recent_files()), self.started)
            return
        self.load_draft(Draft.open(result.target))
        lost = (
            f"; {len(result.lost)} line(s) did not come back: compare with the original"
            if result.lost
            else ""
        )
        self.notify(
            f"Imported {display_path(result.source)} as {display_path(result.target)}: "
            f"{result.questions} questions, {result.footnotes} footnotes, "
            f"{result.fidelity:.0%} came back on rendering{lost}.",
            timeout=10,
            markup=False,
        )

    def offer_recovery(self, rec: Recovery) -> None:
        name = display_path(rec.original) if rec.original else "an untitled letter"

        def answer(choice: str | None) -> None:
            if choice == "recover":
                self.load_draft(open_recovery(rec))
                self.notify(
                    f"Recovered the unsaved draft of {name}. Save it with ctrl+s.", markup=False
                )
            elif choice == "discard":
                rec.file.unlink(missing_ok=True)
                if self.ask_start:
                    self.push_screen(StartScreen(recent_files()), self.started)
            elif self.ask_start:
                self.push_screen(StartScreen(recent_files()), self.started)

        self.push_screen(
            Choice(
                f"A draft of {name} was not saved (last copied {rec.saved}).\nRecover it?",
                [("recover", "Recover"), ("discard", "Discard it"), ("later", "Not now")],
                cancel="later",
            ),
            answer,
        )

    @on(Wants)
    async def _wants(self, event: Wants) -> None:
        event.stop()
        await self.run_action(event.action)

    @on(Edited)
    def edited(self, event: Edited) -> None:
        if event.note:
            self.notify(event.note, markup=False)
        self.follow_preview()
        if self.draft.version == self.checked_version:
            return  # a selection moved; nothing to check
        self.request_check()
        self.update_title()
        self.show_preview_status()

    # The preview is checked with one check in flight at a time, the newest draft winning: an
    # edit starts a check at once when none is running, and an edit made while one runs starts
    # the next as soon as it finishes. So the preview follows typing at any speed a few
    # milliseconds behind, instead of waiting for a pause (a debounce kept it seconds behind a
    # fast typist). `debounce`, when set, is the least time between two checks.
    def request_check(self) -> None:
        if self._checking or self._timer is not None:
            self._check_again = True
            return
        wait = self._last_check_start + self.debounce - time.monotonic()
        if wait > 0:
            self._timer = self.set_timer(wait, self.start_check)
            return
        self.start_check()

    def schedule_check(self, delay: float = 0) -> None:
        self.request_check()

    def start_check(self) -> None:
        self._timer = None
        self._checking = True
        self._check_again = False
        self._last_check_start = time.monotonic()
        self.run_check(self.draft.text(), self.draft.path, self.draft.version)

    @work(thread=True, exclusive=True, group="check")
    def run_check(self, text: str, path: Path | None, version: int) -> None:
        result = check_text(text, path, banks=letter_banks)
        self.call_from_thread(self.show_check, result, version)

    def show_check(self, result: Check, version: int) -> None:
        self._checking = False
        if self._check_again or self.draft.version > version:
            self.request_check()  # edits made while this check ran
        try:
            preview = self.query_one("#preview", LetterPreview)
            problems = self.query_one("#problems", OptionList)
        except NoMatches:  # shutting down
            return
        if version < self.checked_version:
            return  # an earlier check that finished late: the preview already shows a newer draft
        lines = [describe(p, self.draft.data) for p in result.problems]
        same_problems = lines == [describe(p, self.draft.data) for p in self.last_check.problems]
        self.last_check = result
        if result.ok:
            preview.show(result.preview)
        if not same_problems or problems.option_count == 0:
            highlighted = problems.highlighted
            problems.clear_options()
            options = [Option(Content(line), id=str(i)) for i, line in enumerate(lines)]
            problems.add_options(options or [Option("No problems: the letter renders.", id="none")])
            if options:  # Enter on the list always has a problem to go to
                problems.highlighted = min(highlighted or 0, len(options) - 1)
            problems.set_class(bool(result.problems), "has-problems")
        self.checked_version = version
        self.preview_version += 1
        self.show_preview_status()
        self.follow_preview()

    def show_preview_status(self) -> None:
        with contextlib.suppress(NoMatches):
            status = self.query_one("#preview-status", Static)
            if self.checked_version < self.draft.version:
                text = "Preview updating…"
            elif not self.last_check.ok:
                text = "Preview shows the last version that rendered: see the problems below"
            else:
                pages = self.last_check.pages
                text = f"About {pages} page{'s' if pages != 1 else ''} (estimate)"
                if self.pdf_pages is not None and not self.draft.dirty:
                    text = (
                        f"{self.pdf_pages} page{'s' if self.pdf_pages != 1 else ''} (from the PDF)"
                    )
            status.update(text)
            status.set_class(self.checked_version < self.draft.version, "behind")

    def follow_preview(self) -> None:
        """Scroll the preview to the item being edited."""
        section = self._sections.get(self.current_section)
        if section is None or not section.is_attached:
            return
        with contextlib.suppress(NoMatches):
            snippet = _plain_words(section.follow_text())
            chunk = self.query_one("#preview", LetterPreview).chunk_with(snippet)
            if chunk is not None:
                self.query_one("#preview-pane", VerticalScroll).scroll_to_widget(
                    chunk, animate=False, top=True
                )

    def autosave(self) -> None:
        try:
            self.flush_edits()
            self.draft.autosave()
        except Exception as err:  # a full disk must not take the editor down
            self.notify(
                f"Could not write the recovery copy: {err}", severity="warning", markup=False
            )

    # ------------------------------------------------------------------ navigation
    @on(OptionList.OptionHighlighted, "#nav")
    async def _nav(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        nav = self.query_one("#nav", OptionList)
        # The list's highlight now, not the event's: with keys arriving in a burst, an event may
        # describe a highlight that has already moved on.
        if nav.highlighted is None:
            return
        key = SECTION_KEYS[nav.highlighted]
        if key != self.current_section:
            await self.reveal(key, focus=False)

    @on(OptionList.OptionSelected, "#nav")
    async def _nav_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self.reveal(SECTION_KEYS[event.option_index], focus=True)

    async def reveal(self, key: str, *, focus: bool = True) -> Section:
        """Show a section (building it the first time) and, if asked, put the keyboard in it."""
        self.flush_edits()
        switcher = self.query_one("#editor", ContentSwitcher)
        section = self._sections.get(key)
        if section is None or not section.is_attached:
            section = self._sections.get(key) or self._section(key)
            await switcher.mount(section)
        elif section.loaded_version != self.draft.version and hasattr(section, "reload"):
            section.reload()
        switcher.current = key
        self.screen.remove_class("show-preview")
        nav = self.query_one("#nav", OptionList)
        index = SECTION_KEYS.index(key)
        if nav.highlighted != index:
            with nav.prevent(OptionList.OptionHighlighted):
                nav.highlighted = index
        if focus:
            target = self._section_focus(key)
            if target is not None:
                focus_now(target)
        elif self.focused is not None and not is_shown(self.focused):
            focus_now(nav)
        self.follow_preview()
        return section

    async def go_to_path(self, path: tuple[Any, ...], field: str | None = None) -> None:
        """Show the section and item a field belongs to, and put the keyboard in the field."""
        key = section_of(path)
        section = await self.reveal(key, focus=False)
        target = section.select_path(path)
        if field is not None and target is None:
            target = section.field_for((field,))
        if target is None:
            target = self._section_focus(key)
        if target is not None and is_shown(target):
            focus_now(target)
        self.follow_preview()

    @on(OptionList.OptionSelected, "#problems")
    async def go_to_problem(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not event.option.id or not event.option.id.isdigit():
            return
        index = int(event.option.id)
        if index < len(self.last_check.problems):
            await self.go_to(self.last_check.problems[index])

    async def go_to(self, problem: Problem) -> None:
        missing = re.match(r"missing '([\w-]+)'", problem.message)
        path = tuple(problem.path)
        if missing:
            path = (*path, missing.group(1))
        await self.go_to_path(path, missing.group(1) if missing else None)

    # ------------------------------------------------------------------ undo
    async def action_undo(self) -> None:
        await self._history(self.draft.undo, "Undid", "Nothing to undo.")

    async def action_redo(self) -> None:
        await self._history(self.draft.redo, "Redid", "Nothing to redo.")

    async def _history(self, step_of: Callable[[], Step | None], verb: str, none: str) -> None:
        if isinstance(self.screen, ModalScreen):
            return
        self.flush_edits()
        step = step_of()
        if step is None:
            self.notify(none, markup=False)
            return
        for section in self._sections.values():
            if section.is_attached:
                section.reload()
        await self.go_to_path(step.path)
        self.notify(f"{verb}: {step.label}", markup=False)
        self.post_message(Edited(step.path))

    # ------------------------------------------------------------------ actions
    def _modal_open(self) -> bool:
        return len(self.screen_stack) > 1

    def action_command_palette(self) -> None:
        # Opened once however fast the key repeats (a second push would collide on its id).
        if self._modal_open() or any(isinstance(s, CommandPalette) for s in self.screen_stack):
            return
        super().action_command_palette()

    def action_toggle_preview(self) -> None:
        if self._modal_open():
            return
        self.screen.toggle_class(
            "show-preview" if self.screen.has_class("-narrow") else "hide-preview"
        )
        self.guard_focus()

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_help(self) -> None:
        if not self._modal_open():
            self.push_screen(HelpScreen())

    def action_save(self, then: Callable[[], None] | None = None) -> None:
        if any(isinstance(s, AskPath) for s in self.screen_stack):
            return
        self.flush_edits()
        if self.draft.path is None:
            subject = self.draft.get(("subject",))
            name = (slug(subject) if isinstance(subject, str) else "") or "letter"
            self.push_screen(
                AskPath("Save the letter as:", f"{name}.yaml"), partial(self._save_to, then=then)
            )
        else:
            self._save_to(self.draft.path, then=then)

    def _save_to(
        self, path: Path | None, force: bool = False, then: Callable[[], None] | None = None
    ) -> None:
        if path is None:
            return
        try:
            saved = self.draft.save(path if path != self.draft.path else None, force=force)
        except ConflictError as err:
            self.push_screen(
                Choice(
                    f"{err}.\nOverwrite it with your draft?",
                    [("overwrite", "Overwrite"), ("cancel", "Cancel")],
                ),
                lambda c: self._save_to(path, force=True, then=then) if c == "overwrite" else None,
            )
            return
        except (UserError, OSError) as err:
            message = err.problems[0].headline() if isinstance(err, UserError) else str(err)
            self.notify(f"Not saved: {message}", severity="error", timeout=10, markup=False)
            return
        self.update_title()
        self.notify(f"Saved {display_path(saved)}", markup=False)
        if then:
            then()

    def export_target(self, suffix: str) -> Path:
        base = self.draft.path or Path.cwd() / "untitled.yaml"
        return base.with_suffix(suffix)

    def action_export(self, pdf: bool = False) -> None:
        """Write the .docx (and the PDF) in the background; the editor stays responsive."""
        if self.exporting:
            self.notify("An export is already running.", severity="warning")
            return
        self.flush_edits()
        self.exporting = True
        self.notify(
            "Exporting the Word letter and the PDF…" if pdf else "Exporting the Word letter…",
            markup=False,
        )
        self.sub_title = f"{self.draft.name} • exporting…"
        self.run_export(self.draft.text(), self.draft.path, self.export_target(".docx"), pdf)

    def action_export_pdf(self) -> None:
        self.action_export(pdf=True)

    @work(thread=True, exclusive=True, group="export")
    def run_export(self, text: str, path: Path | None, target: Path, pdf: bool) -> None:
        def done(message: str, severity: str = "information", pages: int | None = None) -> None:
            self.exporting = False
            if pages is not None:
                self.pdf_pages = pages
            self.update_title()
            self.show_preview_status()
            self.notify(message, severity=severity, timeout=10, markup=False)  # type: ignore[arg-type]

        base = path.parent if path else Path.cwd()
        try:
            prep = load_letter_text(
                text, display_path(path or target.with_suffix(".yaml")), base, banks=letter_banks
            )
            atomic_write(target, docx_bytes(prep))
        except UserError as err:
            self.call_from_thread(done, f"Not exported: {err.problems[0].headline()}", "error")
            return
        except OSError as err:
            self.call_from_thread(done, f"Not exported: {err}", "error")
            return
        if not pdf:
            self.call_from_thread(done, f"Exported {display_path(target)}")
            return
        self.call_from_thread(
            self.notify, f"Exported {display_path(target)}; making the PDF with LibreOffice…"
        )
        try:
            made = render_pdf.convert([target])[0]
        except render_pdf.PdfError as err:
            self.call_from_thread(done, f"No PDF: {err}", "error")
            return
        except Exception as err:  # LibreOffice failing in a way of its own
            self.call_from_thread(done, f"No PDF: LibreOffice failed ({err})", "error")
            return
        pages = pdf_page_count(made)
        self.call_from_thread(
            done,
            f"Exported {display_path(made)}" + (f" ({pages} pages)" if pages else ""),
            "information",
            pages,
        )

    def bank_set(self) -> BankSet:
        """Every bank the draft can use, loaded (the search needs every question)."""
        banks = self.draft.get(("banks",)) or []
        return every_bank(self.draft.base_dir, [str(b) for b in banks], Problems())

    def action_bank(self) -> None:
        if self._modal_open():
            return
        self.flush_edits()
        try:
            bank_set = self.bank_set()
        except UserError as err:
            self.notify(err.problems[0].headline(), severity="error", markup=False)
            return

        async def insert(result: dict[str, Any] | None) -> None:
            if not result:
                return
            section = await self.reveal("questions", focus=False)
            assert isinstance(section, QuestionsSection)
            section.insert_bank(result["use"], dict(result["with"] or {}))
            focus_now(section.option_list)
            self.notify(f"Added {result['use']}. ctrl+z undoes it.", markup=False)

        self.push_screen(BankSearch(bank_set), insert)

    def action_wording_difference(self) -> None:
        section = self._sections.get("questions")
        if not isinstance(section, QuestionsSection) or self._modal_open():
            return
        path = section.path_of(section.index)
        item = self.draft.get(path)
        wording = section.bank_wording(item)
        if not isinstance(item, dict) or wording is None:
            return
        own_text = str(item.get("text") or wording[0])
        own_parts = [
            str(p) if isinstance(p, str) else str(p.get("text")) for p in item.get("parts") or []
        ]
        parts = own_parts or wording[1]
        bank = [wording[0], *wording[1]]
        letter = [own_text, *parts]
        n = max(len(bank), len(letter))
        bank += [""] * (n - len(bank))
        letter += [""] * (n - len(letter))
        self.push_screen(WordingDiff(str(item.get("use")), bank, letter))

    def action_directory(self) -> None:
        if self._modal_open():
            return

        async def fill(entry: Any) -> None:
            if entry is None:
                return
            section = await self.reveal("recipients", focus=False)
            assert isinstance(section, RecipientsSection)
            values: dict[str, Any] = {"agency": agency_line(entry)}
            if entry.address:
                values["address"] = list(entry.address)
            current = self.draft.get(("recipients", section.index)) or {}
            if entry.head_title and not (isinstance(current, dict) and current.get("title")):
                values["title"] = entry.head_title
            section.fill(values)
            target = section.field_for(("recipients", section.index, "name"))
            if target is not None:
                focus_now(target)
            note = (
                " (address derived from the parent agency: check it)"
                if entry.address_derived
                else ""
            )
            self.notify(f"Filled from the directory: {agency_line(entry)}{note}", markup=False)

        self.push_screen(DirectoryPicker(), fill)

    def action_save_to_directory(self) -> None:
        """The selected recipient's agency, address and title into the staffer's own directory:
        a correction of the entry with that agency line, or a new entry."""
        section = self._sections.get("recipients")
        index = section.index if isinstance(section, RecipientsSection) else 0
        self.flush_edits()
        recipient = self.draft.get(("recipients", index))
        if not isinstance(recipient, dict) or not recipient.get("agency"):
            self.notify("Choose a recipient with an agency first.", severity="warning")
            return
        agency = " ".join(str(recipient["agency"]).split())
        address = tuple(str(line) for line in recipient.get("address") or [])
        title = str(recipient.get("title") or "") or None
        directory = load_directory()
        same = [e for e in directory.entries if e.agency == agency]
        if same:
            entry = msgspec.structs.replace(
                same[0],
                address=address or same[0].address,
                head_title=title or same[0].head_title,
                address_derived=False if address else same[0].address_derived,
            )
            verb = "Corrected"
        else:
            entry = Entry(
                id=f"user-{slug(agency, default='agency')}",
                name=agency,
                agency=agency,
                head_title=title,
                address=address,
            )
            verb = "Added"
        try:
            warnings = save_user_entry(entry)
        except UserError as err:
            self.notify(err.problems[0].headline(), severity="error", markup=False)
            return
        for warning in warnings:
            self.notify(warning, severity="warning", markup=False)
        self.notify(f"{verb} {agency} in your directory.", markup=False)

    def report_choices(self) -> list[tuple[str, str]]:
        """The reports the letter can cite: its own entries (even unfinished) and its libraries'."""
        draft = Document(self.draft.name, self.draft.path, self.draft.data, "")
        refs = self.draft.items("reports")
        out = []
        with contextlib.suppress(UserError, OSError):
            for found in letter_reports(
                draft, refs, self.draft.base_dir, Problems(), checked=False
            ):
                for r in found.reports:
                    out.append((r.id, registry.headline(r.fields)))
        return out

    def action_cite(self) -> None:
        if self._modal_open():
            return
        target = self.focused
        if not isinstance(target, TextArea | Input) or not is_shown(target):
            self.notify(
                "Put the cursor in the text where the footnote goes, then ctrl+k.",
                severity="warning",
            )
            return
        choices = self.report_choices()
        if not choices:
            self.notify("No reports yet: add one in the Reports section.", severity="warning")
            return

        def insert(rid: str | None) -> None:
            if not rid or not target.is_attached or not is_shown(target):
                return
            marker = f"[@{rid}]"
            if isinstance(target, TextArea):
                target.insert(marker)
            else:
                target.insert_text_at_cursor(marker)
            focus_now(target)

        self.push_screen(CitePicker(choices), insert)

    async def action_quit(self) -> None:
        if any(isinstance(s, Choice) for s in self.screen_stack):
            return
        self.unless_unsaved("quit", lambda: self.exit(0))

    def unless_unsaved(self, verb: str, then: Callable[[], None]) -> None:
        """Leave the draft (quit, open another letter): at once when nothing is unsaved, else
        after asking: save and ``verb``, ``verb`` without saving, or cancel."""
        self.flush_edits()
        if not self.draft.dirty:
            self.draft.discard_recovery()
            then()
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.action_save(then=then)
            elif choice == "discard":
                self.draft.discard_recovery()
                then()

        self.push_screen(
            Choice(
                f"{self.draft.name} has unsaved changes.",
                [
                    ("save", f"Save and {verb}"),
                    ("discard", f"{verb.capitalize()} without saving"),
                    ("cancel", "Cancel"),
                ],
            ),
            answer,
        )

    def pop_screen(self) -> AwaitComplete:
        """Close the top screen; nothing when only the editor is left. Textual's command
        palette, given two Enters in a burst, dismisses itself twice: the second would pop the
        editor's own screen and end the app."""
        if len(self.screen_stack) <= 1:
            return AwaitComplete(asyncio.sleep(0))
        return super().pop_screen()

    # The editor's own keys: over the tracker they would act on a letter that is not on screen.
    EDITOR_ACTIONS = frozenset(
        {
            "save", "undo", "redo", "export", "export_pdf", "bank", "cite", "directory",
            "toggle_preview", "next_pane", "previous_pane",
        }
    )  # fmt: skip

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tracking = any(isinstance(s, TrackerScreen) for s in self.screen_stack)
        return not (tracking and action in self.EDITOR_ACTIONS)

    def action_track(self, folder: Path | None = None, then_start: bool = False) -> None:
        """The tracker over ``folder`` (default: the letter's folder); from the start screen,
        closing it goes back there."""
        if any(isinstance(s, TrackerScreen) for s in self.screen_stack):
            return
        if folder is None:
            folder = self.draft.path.parent if self.draft.path is not None else Path.cwd()
        if not folder.is_dir():
            self.notify(f"{display_path(folder)} is not a folder", severity="error", markup=False)
            if then_start:
                self.push_screen(StartScreen(recent_files()), self.started)
            return

        def closed(_: None) -> None:
            if then_start and self.draft.path is None and not self.draft.dirty:
                self.push_screen(StartScreen(recent_files()), self.started)

        self.push_screen(TrackerScreen(folder, self.today), closed)

    def open_letter(self, path: Path) -> None:
        """Open a letter file in the editor (from the tracker), asking first about unsaved
        changes; the tracker's screens close."""

        def go() -> None:
            try:
                draft = Draft.open(path)
            except UserError as err:
                self.notify(err.problems[0].headline(), severity="error", timeout=10, markup=False)
                return
            while len(self.screen_stack) > 1:
                self.pop_screen()
            self.load_draft(draft)

        self.unless_unsaved("open", go)

    def palette_commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        out: list[tuple[str, str, Callable[[], Any]]] = [
            ("Save", "Save the letter file (ctrl+s)", self.action_save),
            (
                "Export Word letter (.docx)",
                "Write the .docx next to the letter (ctrl+e)",
                self.action_export,
            ),
            (
                "Export PDF",
                "Write the .docx and a PDF through LibreOffice (F5)",
                self.action_export_pdf,
            ),
            ("Undo", "Undo the last change to the letter (ctrl+z)", self.action_undo),
            ("Redo", "Redo what was undone (ctrl+y)", self.action_redo),
            (
                "Insert a question from the banks",
                "Search the question banks (ctrl+b)",
                self.action_bank,
            ),
            (
                "Fill a recipient from the agency directory",
                "Agency, address and the head's title (ctrl+d)",
                self.action_directory,
            ),
            (
                "Save this recipient's agency to my directory",
                "Add it, or correct the directory's entry (kept across upgrades)",
                self.action_save_to_directory,
            ),
            ("Cite a report", "Insert [@id] at the cursor (ctrl+k)", self.action_cite),
            (
                "Track sent letters",
                "The letters of this folder: deadlines, answers, follow-ups",
                self.action_track,
            ),
            ("Toggle preview", "Show or hide the letter preview (F2)", self.action_toggle_preview),
            ("Toggle light/dark theme", "ctrl+t", self.action_toggle_theme),
            ("Help", "Keys and how the editor works (F1)", self.action_help),
        ]
        for key, title in SECTIONS:
            out.append(
                (
                    f"Go to {title}",
                    f"Edit the letter's {title.lower()}",
                    partial(self._go_to_section, key),
                )
            )
        return out

    async def _go_to_section(self, key: str) -> None:
        await self.reveal(key, focus=True)


def _plain_words(text: str) -> str:
    """The first words of a field's text as the preview prints them (no markup, no citations)."""
    text = re.sub(r"\[[^\]]*@[^\]]*\]", "", text)
    text = re.sub(r"[*_`#>]", "", text)
    words = text.split()
    return " ".join(words[:6])


def pdf_page_count(pdf: Path) -> int | None:
    """Pages of a PDF LibreOffice wrote (its page tree's /Count), without a PDF library."""
    try:
        data = pdf.read_bytes()
    except OSError:
        return None
    counts = [int(m) for m in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    counts += [int(m) for m in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)]
    if counts:
        return max(counts)
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    return pages or None


def run(path: Path | None = None) -> int:
    """Start the terminal UI; the return value is the exit code."""
    try:
        app = OversightApp(path)
    except UserError as err:
        for problem in err.problems:
            Out().problem(problem)
        return 1
    result = app.run()
    if app.crash_message:
        print(app.crash_message, file=sys.stderr)
        return 70
    return int(result or 0)
