"""The drafting terminal UI: `oversight tui [LETTER.yaml]`.

Sections on the left, the editor for one in the middle, the letter as it will print on the right
(F2 at narrow widths). Every edit goes to the Draft (oversight.draft): the preview and the
problems list are refreshed from it in a worker thread a moment after typing pauses, the draft is
copied to a recovery file every few seconds, and saving keeps a hand-written file's comments.
"""

from __future__ import annotations

import contextlib
import datetime
import re
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widget import AwaitMount, Widget
from textual.widgets import (
    ContentSwitcher,
    Footer,
    Header,
    Input,
    Label,
    ListItem,
    ListView,
    OptionList,
    TextArea,
)
from textual.widgets.option_list import Option

from oversight.draft import (
    Check,
    ConflictError,
    Draft,
    check_text,
    open_recovery,
    recent_files,
    recoveries,
)
from oversight.errors import Problem, Problems, UserError, display_path

from .screens import AskPath, BankSearch, Choice, CitePicker, HelpScreen, StartScreen
from .widgets import (
    Edited,
    FieldSpec,
    Form,
    LetterPreview,
    QuestionsSection,
    RecipientsSection,
    ReportsSection,
    SignersSection,
)

SECTIONS = [
    ("details", "Letter"),
    ("recipients", "Recipients"),
    ("body", "Body"),
    ("questions", "Questions"),
    ("reports", "Reports"),
    ("signers", "Signers"),
]
# Which section a problem's field belongs to.
FIELD_SECTION = {
    "recipients": "recipients",
    "signers": "signers",
    "questions": "questions",
    "reports": "reports",
    "body": "body",
    "after_questions": "body",
    "contact": "body",
}

DETAIL_FIELDS = [
    FieldSpec("date", "Date (YYYY-MM-DD)", placeholder="2025-03-20"),
    FieldSpec("subject", "Subject (not printed)"),
    FieldSpec(
        "deadline", "Deadline: a date, or a number of days", placeholder="14 days  or  2025-04-03"
    ),
    FieldSpec("from", "Letterhead first line", placeholder="United States Senate"),
    FieldSpec("office", "Letterhead lines", kind="lines"),
    FieldSpec("letterhead", "Office letterhead .docx (optional)"),
    FieldSpec("template", "Template", placeholder="oversight-letter"),
    FieldSpec("salutation", "Salutation line (optional: replaces the derived one)"),
    FieldSpec("closing", "Closing", placeholder="Sincerely,"),
    FieldSpec("cc", "cc lines", kind="lines"),
    FieldSpec("enclosures", "Enclosures", kind="lines"),
]
BODY_FIELDS = [
    FieldSpec(
        "body",
        "Body: paragraphs separated by a blank line; **bold**, *italic*, ctrl+k to cite",
        kind="text",
    ),
    FieldSpec("after_questions", "After the questions", kind="text"),
    FieldSpec("contact", "Staff contact sentence"),
]


def deadline_to_yaml(text: str) -> Any:
    """'14', '14 days' -> {days: 14}; '2025-04-03' -> a date; anything else as typed."""
    from ruamel.yaml.comments import CommentedMap

    words = text.replace("days", "").replace("day", "").strip()
    if words.isdigit():
        return CommentedMap(days=int(words))
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        return text or None


def deadline_from_yaml(value: Any) -> str:
    if isinstance(value, dict):
        if value.get("days"):
            return f"{value['days']} days"
        return str(value.get("date") or "")
    return "" if value is None else str(value)


class FormSection(Vertical):
    """A section that is one form of top-level fields."""

    def __init__(self, specs: list[FieldSpec], *, id: str) -> None:
        super().__init__(id=id)
        self.specs = specs

    def compose(self) -> ComposeResult:
        yield Form(self.specs, id=f"{self.id}-form")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        draft: Draft = self.app.draft  # type: ignore[attr-defined]
        values = {s.key: draft.get((s.key,)) for s in self.specs}
        if "deadline" in values:
            values["deadline"] = deadline_from_yaml(values["deadline"])
        self.query_one(Form).load(values)

    @on(Form.Changed)
    def _changed(self, event: Form.Changed) -> None:
        event.stop()
        draft: Draft = self.app.draft  # type: ignore[attr-defined]
        value: Any = event.value
        if event.key == "deadline":
            value = deadline_to_yaml(value)
        elif event.key == "date":
            with contextlib.suppress(ValueError):
                value = datetime.date.fromisoformat(value)
        draft.set((event.key,), value)
        self.post_message(Edited())


class Commands(Provider):
    """Every action in the command palette."""

    async def search(self, query: str) -> Hits:
        app = self.app
        assert isinstance(app, OversightApp)
        matcher = self.matcher(query)
        for name, help_text, callback in app.palette_commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)

    async def discover(self) -> Hits:
        app = self.app
        assert isinstance(app, OversightApp)
        for name, help_text, callback in app.palette_commands():
            yield Hit(1.0, name, callback, help=help_text)


class OversightApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "oversight"
    # The sections list takes the keyboard at start (Textual would pick the problems list, the
    # first focusable widget breadth-first): arrows move between sections, Tab into the fields.
    AUTO_FOCUS = "#nav"
    COMMANDS = App.COMMANDS | {Commands}
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+e", "export", "Export .docx", priority=True),
        Binding("ctrl+b", "bank", "Bank question", priority=True),
        Binding("ctrl+k", "cite", "Cite", priority=True),
        Binding("f2", "toggle_preview", "Preview", priority=True),
        Binding("f6", "export_pdf", "PDF", show=False),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),
        Binding("f1", "help", "Help", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        path: Path | None = None,
        *,
        draft: Draft | None = None,
        ask_start: bool = True,
        autosave_every: float = 3.0,
        debounce: float = 0.15,
        today: datetime.date | None = None,
    ) -> None:
        super().__init__()
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
        self._timer: Timer | None = None
        self._last_edit = float("-inf")  # when the draft was last edited (time.monotonic)

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ListView(
                *[ListItem(Label(title), id=f"nav-{key}") for key, title in SECTIONS], id="nav"
            )
            with ContentSwitcher(initial="details", id="editor"):
                yield self._make_section("details")
            with VerticalScroll(id="preview-pane", can_focus=False):
                yield LetterPreview(id="preview")
        yield OptionList(id="problems")
        yield Footer()

    # Only the first section is built at start; each other is built the first time it is shown.
    # Building all six (some 250 widgets) and styling them cost a third of a second before the
    # first screen. A section reads the draft when it is built, so it always shows the draft.
    def _make_section(self, key: str) -> Widget:
        if key == "details":
            return FormSection(DETAIL_FIELDS, id="details")
        if key == "body":
            return FormSection(BODY_FIELDS, id="body")
        kinds: dict[str, type[Widget]] = {
            "recipients": RecipientsSection,
            "questions": QuestionsSection,
            "reports": ReportsSection,
            "signers": SignersSection,
        }
        return kinds[key](id=key)

    def on_mount(self) -> None:
        self.update_title()
        self.set_interval(self.autosave_every, self.autosave)
        self.start_check()  # at once: the first preview is the slowest (imports, first render)
        self.query_one("#nav", ListView).index = 0
        pending = recoveries()
        if pending:
            self.call_after_refresh(self.offer_recovery, pending[0])
        elif self.ask_start:
            self.call_after_refresh(
                lambda: self.push_screen(StartScreen(recent_files()), self.started)
            )
        self.on_resize()

    def on_resize(self, event: Any = None) -> None:
        self.screen.set_class(self.size.width < 110, "narrow")

    def update_title(self) -> None:
        self.sub_title = f"{self.draft.name}{' • unsaved' if self.draft.dirty else ''}"

    # ------------------------------------------------------------------ draft
    def load_draft(self, draft: Draft) -> None:
        self.draft = draft
        for form in self.query(FormSection):  # sections not built yet read the draft when built
            form.reload()
        for cls in (RecipientsSection, SignersSection, ReportsSection):
            for section in self.query(cls):
                section.refresh_list(0)
        for questions in self.query(QuestionsSection):
            questions.refresh_list(0)
        self.update_title()
        self.schedule_check(0.01)

    def started(self, result: tuple[str, Any] | None) -> None:
        if not result:
            return
        kind, path = result
        if kind == "open" and path is not None:
            try:
                self.load_draft(Draft.open(Path(path)))
            except UserError as err:
                self.notify(err.problems[0].headline(), severity="error", timeout=10, markup=False)
                self.push_screen(StartScreen(recent_files()), self.started)

    def offer_recovery(self, rec: Any) -> None:
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

    @on(Edited)
    def edited(self) -> None:
        # The first edit after a pause is checked at once, so the preview answers a keystroke
        # in a few milliseconds; edits that follow within the debounce wait for a pause, so a
        # burst of typing is rendered once at its end, not on every key.
        now = time.monotonic()
        burst = now - self._last_edit < self.debounce
        self._last_edit = now
        self.schedule_check(self.debounce if burst or self._timer is not None else 0)
        self.update_title()

    def schedule_check(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(max(delay, 0.001), self.start_check)

    def start_check(self) -> None:
        self._timer = None
        self.run_check(self.draft.text(), self.draft.path, self.draft.version)

    @work(thread=True, exclusive=True, group="check")
    def run_check(self, text: str, path: Path | None, version: int) -> None:
        result = check_text(text, path)
        self.call_from_thread(self.show_check, result, version)

    def show_check(self, result: Check, version: int) -> None:
        try:
            preview = self.query_one("#preview", LetterPreview)
            problems = self.query_one("#problems", OptionList)
        except NoMatches:  # shutting down
            return
        if version < self.checked_version:
            return  # an earlier check that finished late: the preview already shows a newer draft
        headlines = [p.headline() for p in result.problems]
        same_problems = headlines == [p.headline() for p in self.last_check.problems]
        self.last_check = result
        if result.ok:
            preview.show(result.preview)
        if not same_problems or problems.option_count == 0:
            problems.clear_options()
            options = [Option(Content(h), id=str(i)) for i, h in enumerate(headlines)]
            problems.add_options(options or [Option("No problems: the letter renders.", id="none")])
            problems.set_class(bool(result.problems), "has-problems")
        self.checked_version = version
        self.preview_version += 1

    def autosave(self) -> None:
        try:
            self.draft.autosave()
        except Exception as err:  # a full disk must not take the editor down
            self.notify(
                f"Could not write the recovery copy: {err}", severity="warning", markup=False
            )

    # ------------------------------------------------------------------ navigation
    @on(ListView.Highlighted, "#nav")
    def _nav(self, event: ListView.Highlighted) -> None:
        if event.item is not None and event.item.id:
            self.show_section(event.item.id.removeprefix("nav-"))

    def show_section(self, key: str) -> AwaitMount | None:
        """Show a section, building it the first time; await the result to use its widgets."""
        switcher = self.query_one("#editor", ContentSwitcher)
        built: AwaitMount | None = None
        if not switcher.query_children(f"#{key}"):
            built = switcher.mount(self._make_section(key))
        switcher.current = key
        self.screen.remove_class("show-preview")
        nav = self.query_one("#nav", ListView)
        index = [k for k, _ in SECTIONS].index(key)
        if nav.index != index:
            nav.index = index
        return built

    async def reveal(self, key: str) -> None:
        """Show a section and wait until it is built."""
        built = self.show_section(key)
        if built is not None:
            await built

    @on(OptionList.OptionSelected, "#problems")
    async def go_to_problem(self, event: OptionList.OptionSelected) -> None:
        if not event.option.id or not event.option.id.isdigit():
            return
        problem = self.last_check.problems[int(event.option.id)]
        await self.go_to(problem)

    async def go_to(self, problem: Problem) -> None:
        path = problem.path
        key = FIELD_SECTION.get(str(path[0]), "details") if path else "details"
        await self.reveal(key)
        section = self.query_one(f"#{key}")
        if key == "questions":
            self.query_one(QuestionsSection).select_path(tuple(path))
        elif (
            key in ("recipients", "signers", "reports")
            and len(path) > 1
            and isinstance(path[1], int)
        ):
            section.select(path[1])  # type: ignore[attr-defined]
        # A missing field is located at its mapping; the message names the field.
        missing = re.match(r"missing '([\w-]+)'", problem.message)
        if key in ("recipients", "signers", "reports"):
            field = path[2] if len(path) > 2 else missing.group(1) if missing else None
        else:
            field = path[0] if path else missing.group(1) if missing else None
        with contextlib.suppress(NoMatches):
            section.query_one(f"#f-{field}").focus()

    # ------------------------------------------------------------------ actions
    def action_toggle_preview(self) -> None:
        self.screen.toggle_class(
            "show-preview" if self.screen.has_class("narrow") else "hide-preview"
        )

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_save(self, then: Callable[[], None] | None = None) -> None:
        if self.draft.path is None:
            self.push_screen(
                AskPath("Save the letter as:", "letter.yaml"), partial(self._save_to, then=then)
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
        except UserError as err:
            self.notify(err.problems[0].headline(), severity="error", timeout=10, markup=False)
            return
        self.update_title()
        self.notify(f"Saved {display_path(saved)}", markup=False)
        if then:
            then()

    def export_target(self, suffix: str) -> Path:
        base = self.draft.path or Path.cwd() / "untitled.yaml"
        return base.with_suffix(suffix)

    def action_export(self) -> Path | None:
        from oversight.fsutil import atomic_write
        from oversight.letter import load_letter_text
        from oversight.render import docx_bytes

        target = self.export_target(".docx")
        base = self.draft.path.parent if self.draft.path else Path.cwd()
        try:
            prep = load_letter_text(
                self.draft.text(),
                display_path(self.draft.path or target.with_suffix(".yaml")),
                base,
            )
            atomic_write(target, docx_bytes(prep))
        except UserError as err:
            self.notify(
                f"Not exported: {err.problems[0].headline()}",
                severity="error",
                timeout=10,
                markup=False,
            )
            return None
        self.notify(f"Exported {display_path(target)}", markup=False)
        return target

    def action_export_pdf(self) -> None:
        target = self.action_export()
        if target is not None:
            self.notify("Making the PDF with LibreOffice…")
            self._pdf(target)

    @work(thread=True, group="pdf")
    def _pdf(self, docx: Path) -> None:
        from oversight.render.pdf import PdfError, convert

        try:
            pdf = convert([docx])[0]
        except PdfError as err:
            self.call_from_thread(self.notify, str(err), severity="error", timeout=10)
            return
        self.call_from_thread(self.notify, f"Exported {display_path(pdf)}")

    def bank_set(self) -> Any:
        from oversight.letter import _bank_set

        base = self.draft.path.parent if self.draft.path else Path.cwd()
        banks = self.draft.get(("banks",)) or []
        return _bank_set(base, [str(b) for b in banks], Problems())

    def action_bank(self) -> None:
        async def insert(result: dict[str, Any] | None) -> None:
            if not result:
                return
            from ruamel.yaml.comments import CommentedMap

            item = CommentedMap(use=result["use"])
            if result["with"]:
                item["with"] = CommentedMap(result["with"])
            await self.reveal("questions")
            self.query_one(QuestionsSection).add(item)
            self.notify(f"Added {result['use']}", markup=False)

        self.push_screen(BankSearch(self.bank_set()), insert)

    def report_choices(self) -> list[tuple[str, str]]:
        from oversight.reports import load_library

        out = []
        base = self.draft.path.parent if self.draft.path else Path.cwd()
        for entry in self.draft.get(("reports",)) or []:
            if isinstance(entry, dict):
                out.append(
                    (str(entry.get("id")), str(entry.get("title") or entry.get("case") or ""))
                )
            elif isinstance(entry, str) and (base / entry).is_file():
                for r in load_library(base / entry, Problems()):
                    out.append((r.id, str(r.fields.get("title") or r.fields.get("case") or "")))
        return out

    def action_cite(self) -> None:
        target = self.focused
        if not isinstance(target, TextArea | Input):
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
            if not rid:
                return
            marker = f"[@{rid}]"
            if isinstance(target, TextArea):
                target.insert(marker)
            else:
                target.insert_text_at_cursor(marker)
            target.focus()

        self.push_screen(CitePicker(choices), insert)

    async def action_quit(self) -> None:
        if not self.draft.dirty:
            self.draft.discard_recovery()
            self.exit(0)
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.action_save(then=lambda: self.exit(0))
            elif choice == "discard":
                self.draft.discard_recovery()
                self.exit(0)

        self.push_screen(
            Choice(
                f"{self.draft.name} has unsaved changes.",
                [
                    ("save", "Save and quit"),
                    ("discard", "Quit without saving"),
                    ("cancel", "Cancel"),
                ],
            ),
            answer,
        )

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
                "Write the .docx and a PDF through LibreOffice (f6)",
                self.action_export_pdf,
            ),
            (
                "Insert a question from the banks",
                "Search the question banks (ctrl+b)",
                self.action_bank,
            ),
            ("Cite a report", "Insert [@id] at the cursor (ctrl+k)", self.action_cite),
            ("Toggle preview", "Show or hide the letter preview (f2)", self.action_toggle_preview),
            ("Toggle light/dark theme", "ctrl+t", self.action_toggle_theme),
            ("Help", "Keys and how the editor works (f1)", self.action_help),
        ]
        for key, title in SECTIONS:
            out.append(
                (
                    f"Go to {title}",
                    f"Edit the letter's {title.lower()}",
                    partial(self.show_section, key),
                )
            )
        return out


def run(path: Path | None = None) -> int:
    """Start the terminal UI; the return value is the exit code."""
    try:
        app = OversightApp(path)
    except UserError as err:
        from oversight.cli import Out

        for problem in err.problems:
            Out().problem(problem)
        return 1
    result = app.run()
    return int(result or 0)
