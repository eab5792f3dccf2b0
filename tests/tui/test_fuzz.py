"""A hurried staffer at the keyboard: seeded random keys over every example letter.

Under Textual's Pilot, each example letter (a copy in tmp_path) gets a few hundred keys drawn from
what a staffer types and navigates with: text, arrows, Tab, Enter, Escape, the function keys and
shortcuts, pastes, the command palette, bank search and the cite picker. Some keys arrive in
bursts (2-5 `events.Key` posted to the app before it may process any of them, sometimes a few
turns of the event loop apart), as held arrow keys and fast typists produce; `pilot.press` waits
between keys and never finds what bursts find.

After every step (one key, a burst, or a paste) the test checks:

1. nothing escaped: `app._exception is None` and the app still runs (an exception ends
   `run_test` and is re-raised when its block closes: caught and reported with its traceback);
2. the app settles: every message queue (the app's, every mounted node's, each screen's
   after-refresh and next callbacks) is empty, and no one-shot timer of SHORT_TIMER seconds or
   less (a debounce) is pending, at QUIET_SAMPLES samples in a row, within
   SETTLE_TIMEOUT seconds of the step; a handler ping-pong keeps a queue busy forever and
   fails this (the report then lists what was queued where);
3. no edit lands in a section not on screen: every Draft mutation is recorded with the
   top-level keys it changed (compared before/after, whatever the method's signature) and what
   was on screen at that instant; a key press may only change the section shown (SECTION_OF),
   with the editor visible and no dialog on top (at that instant, or when the step began: a
   key typed just before F1 in a burst lands a moment later), except for EXCEPTIONS below;
   and a step made only of keys that move or open things (NO_EDIT_KEYS: arrows, Tab, Escape,
   F1...) changes nothing at all;
4. every part of the app is reached in each run (sections list, the six sections, palette,
   help, bank search, cite picker), asserted at the end;
5. at the end the draft is saved to a new file, which must parse as YAML, reopen as a Draft,
   and go through the validator: problems (UserError) are fine, any other exception is not.

FOUND holds the failures the fuzzer found, shrunk to a few steps: `test_found_sequences` runs
each through the same checks in seconds.

The seed alone determines the steps (see `plan`). On failure the message prints the example, the
seed, the last keys and a command that replays the run (`replay`, or this file run as a script:
`python tests/tui/test_fuzz.py --help`).

OVERSIGHT_FUZZ_KEYS   keys per example and seed (default 250: some 15 s a run on 2 cores)
OVERSIGHT_FUZZ_SEEDS  "2" (seeds 0 and 1, the default), "7,19" (those) or "100-149" (a range)
OVERSIGHT_FUZZ_TRACE  set: print each step and where it left the app (focus, section, dialog)
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import json
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_LETTERS = sorted((REPO / "examples").glob("*.yaml"))


def _seeds(spec: str) -> list[int]:
    spec = spec.strip()
    if "," in spec:
        return [int(s) for s in spec.split(",") if s.strip()]
    if "-" in spec:
        lo, hi = spec.split("-", 1)
        return list(range(int(lo), int(hi) + 1))
    return list(range(int(spec)))


KEYS = int(os.environ.get("OVERSIGHT_FUZZ_KEYS", "250"))
SEEDS = _seeds(os.environ.get("OVERSIGHT_FUZZ_SEEDS", "2"))
TRACE = bool(os.environ.get("OVERSIGHT_FUZZ_TRACE"))  # print each step and where it left the app
SETTLE_TIMEOUT = float(os.environ.get("OVERSIGHT_FUZZ_SETTLE", "8"))
QUIET_SAMPLES = 2  # settled: this many samples in a row find nothing queued
SAMPLE_GAP = 0.002  # seconds between samples
SHORT_TIMER = 0.3  # settling also waits for one-shot timers this short (debounces)
SIZES = [(114, 32), (92, 28)]  # wide (preview beside the editor) and narrow (F2 swaps them)

# Which section of the editor shows each top-level key of a letter; anything else: "details".
SECTION_OF = {
    "recipients": "recipients",
    "signers": "signers",
    "questions": "questions",
    "reports": "reports",
    "body": "body",
    "after_questions": "body",
    "lead_in": "body",
    "contact": "body",
}
SECTIONS = ["details", "recipients", "body", "questions", "reports", "signers"]
# Dialogs, recognised by a word in the pushed screen's class name.
DIALOGS = {"palette": "CommandPalette", "help": "Help", "bank": "Bank", "cite": "Cite"}
NAV_IDS = ("nav", "sections")
# Edits that may land outside "the section on screen, no dialog on top, at that instant", and
# what is required of them instead. Everything else follows the plain rule.
EXCEPTIONS = {
    "bank": "a question inserted from bank search (a bank dialog was on top during the step) "
    "edits 'questions': once the step settles, Questions must be the section shown",
    "cite": "a citation (a cite dialog was on top during the step) goes into the field that had "
    "the cursor: it must edit the section that was shown when the dialog opened",
    "undo": "Draft.undo/redo (when the model has them) may change any section: once the step "
    "settles, the section changed must be the one shown",
}
MUTATORS = {"set", "insert", "remove", "move", "undo", "redo"}
MUTATOR_PREFIXES = (
    "add_", "remove_", "move_", "set_", "insert_", "delete_", "replace_", "append_", "update_",
    "apply", "edit",
)  # fmt: skip

# ---------------------------------------------------------------------------------- the plan
LOWER = "abcdefghijklmnopqrstuvwxyz"
UPPER = LOWER.upper()
DIGITS = "0123456789"
PUNCT = ".,;:'\"?!-()[]@/&$%*#_"
NAV_KEYS = [
    "up", "down", "left", "right", "home", "end", "pageup", "pagedown",
    "tab", "shift+tab", "enter", "escape", "backspace", "delete",
]  # fmt: skip
ARROWS = ["up", "down", "left", "right"]
# A step made only of these keys moves, opens or closes things: it must change nothing.
NO_EDIT_KEYS = {
    *ARROWS, "home", "end", "pageup", "pagedown", "tab", "shift+tab", "escape",
    "f1", "f2", "f6", "ctrl+p", "ctrl+s", "ctrl+e",
}  # fmt: skip
# ctrl+q is left out: with nothing unsaved it ends the app at once (the palette's Quit is
# caught instead: see `Session.exit`). f6 is kept: today it exports a PDF, and the LibreOffice
# conversion is stubbed (`_stub_pdf`); in the rewrite it cycles panes.
FUNC_KEYS = ["f1", "f2", "f6", "ctrl+z", "ctrl+y", "ctrl+p", "ctrl+b", "ctrl+k", "ctrl+e", "ctrl+s"]
WORDS = [
    "records", "DHS", "IRS", "data", "access", "the", "of", "Secretary", "2025-03-20", "14",
    "Please", "provide", "all", "[@", "[@gao-high-risk-2025]", "**bold**", "*", "Ms.", "Dr.",
    "Washington, DC", "(a)", "sic", "[sic]", "e-mail", "O'Neil", "#1", "1.", "GAO-25-107743",
]  # fmt: skip
PASTES = [
    "1. First?\n2. Second?\n(a) part",
    "Please provide all records.\n\nSee [@irc-6103] and [@nope].",
    "The Honorable Jane Doe\nSecretary\n1000 Independence Ave SW\nWashington, DC 20585",
    "x: [1, 2\n- y\n  ? z\n---\n",  # YAML-looking text must stay text
    "\t tabs and  trailing spaces  \n",
    "[b]markup[/b] and {{ jinja }} and {% raw %}",
    "émigré — “quotes” … ½",
    "",
]
PALETTE_QUERIES = [
    "go to letter", "go to recip", "go to body", "go to quest", "go to rep", "go to sign",
    "help", "bank", "cite", "export", "save", "preview", "theme", "goto bdy", "sig",
]  # fmt: skip
GOTO = {
    "details": "go to letter",
    "recipients": "go to recipients",
    "body": "go to body",
    "questions": "go to questions",
    "reports": "go to reports",
    "signers": "go to signers",
}
BANK_QUERIES = ["records", "access", "how many requests", "contract", "foia", "privacy", "zz"]

Action = str | tuple[str, str]  # a key name, or ("paste", text)
Step = list[Action]


def _char(c: str) -> str:
    """The key name Textual gives a typed character ("[" -> "left_square_bracket")."""
    from textual.keys import _character_to_key

    return c if c.isalnum() else _character_to_key(c)


def plan(seed: int, keys: int = KEYS) -> list[Step]:
    """The steps of one run: a pure function of the seed and the number of keys."""
    rng = random.Random(seed)
    steps: list[Step] = []

    def typed(text: str, burst: bool) -> list[Step]:
        chars = [_char(c) for c in text]
        return [chars] if burst and chars else [[c] for c in chars]

    def palette(query: str, wait: bool = False) -> list[Step]:
        # "~idle": the staffer reads the palette's answer before Enter (otherwise Enter may
        # take the best hit for a query typed only in part, as a hurried staffer's does).
        enter: Step = ["~idle", "enter"] if wait else ["enter"]
        return [["ctrl+p"], *typed(query, rng.random() < 0.75), enter]

    def goto(section: str, wait: bool | None = None) -> list[Step]:
        return palette(GOTO[section], rng.random() < 0.5 if wait is None else wait)

    macros = {
        "goto": lambda: goto(rng.choice(SECTIONS)),
        "palette": lambda: palette(rng.choice(PALETTE_QUERIES)),
        "help": lambda: [
            ["f1"],
            *[[rng.choice(["pagedown", "down", "end"])]] * rng.randint(0, 2),
            ["escape"],
        ],
        "bank": lambda: [
            ["ctrl+b"],
            *typed(rng.choice(BANK_QUERIES), True),
            ["enter"],  # to the results
            [rng.choice(["enter", "enter", "down"])],  # pick (or fill a parameter first)
            [rng.choice(["enter", "enter", "escape", "tab"])],  # insert, or give up
        ],
        # Tab, ctrl+k twice: the cursor reaches the body's text from the sections list or from
        # the first field; once the picker is open, the second Tab and ctrl+k change nothing.
        "cite": lambda: [
            *goto("body", wait=True),
            ["tab"],
            ["ctrl+k"],
            ["tab"],
            ["ctrl+k"],
            *[["down"]] * rng.randint(0, 2),
            [rng.choice(["enter", "enter", "escape"])],
        ],
        "palette_twice": lambda: [["ctrl+p", "ctrl+p"], ["escape"]],
        "sections_list": lambda: [["shift+tab"], ["shift+tab"], ["up"], ["down"]],
    }
    # Each part of the app once at least, at seeded places (after Escapes that close whatever
    # dialog is open, as a staffer would); random steps around them.
    tour: list[tuple[str, str]] = [("goto", s) for s in SECTIONS]
    tour += [("help", ""), ("bank", ""), ("cite", ""), ("palette", "")]
    rng.shuffle(tour)
    at = sorted(rng.sample(range(int(keys * 0.8)), len(tour)))
    count = 0

    def add(more: list[Step]) -> None:
        nonlocal count
        steps.extend(more)
        count += sum(1 for s in more for a in s if not (isinstance(a, str) and a[:1] == "~"))

    while count < keys:
        if tour and count >= at[0]:
            at.pop(0)
            kind, section = tour.pop(0)
            add([["escape"], ["escape"]])
            add(goto(section, wait=True) if kind == "goto" else macros[kind]())
            continue
        r = rng.random()
        if r < 0.26:  # a character
            c = rng.random()
            pool = LOWER if c < 0.7 else UPPER if c < 0.8 else DIGITS if c < 0.88 else PUNCT + " "
            add([[_char(rng.choice(pool))]])
        elif r < 0.42:  # a word, typed fast (a burst) or slowly
            word = rng.choice(WORDS) + rng.choice(["", " "])
            add(typed(word, rng.random() < 0.8))
        elif r < 0.62:  # a navigation or editing key
            add([[rng.choice(NAV_KEYS)]])
        elif r < 0.70:  # an arrow held down
            add([[rng.choice(ARROWS)] * rng.randint(2, 5)])
        elif r < 0.76:  # anything, fast; sometimes a moment apart ("~n": n turns of the loop)
            pool_all = [*NAV_KEYS, *ARROWS, *FUNC_KEYS, *LOWER[:6]]
            burst: Step = []
            for i in range(rng.randint(2, 5)):
                if i and rng.random() < 0.3:
                    burst.append(f"~{rng.randint(1, 30)}")
                burst.append(rng.choice(pool_all))
            add([burst])
        elif r < 0.84:  # a shortcut
            add([[rng.choice(FUNC_KEYS)]])
        elif r < 0.87:
            add([[("paste", rng.choice(PASTES))]])
        else:
            kind = rng.choices(list(macros), weights=[4, 2, 1, 2, 2, 0.3, 0.7])[0]
            add(macros[kind]())
    return steps


# ------------------------------------------------------------------------------- recording
@dataclass
class Mutation:
    step: int
    method: str
    sections: set[str]  # of the top-level keys changed
    keys: list[str]
    shown: str | None
    visible: bool  # the editor is on screen (not replaced by the preview)
    modal: bool  # a dialog is on top
    top: str  # class name of the screen on top
    focused: str
    args: str


@dataclass
class Violation:
    kind: str  # exception, no-settle, hidden-edit, nav-edit, coverage, saved-file
    step: int
    message: str
    detail: str = ""

    def signature(self) -> str:
        return f"{self.kind}: {self.message.splitlines()[0][:160]}"


@dataclass
class Report:
    example: str
    seed: int | None
    size: tuple[int, int]
    steps: list[Step]
    keys: int | None = None  # the plan's number of keys, for a seed's replay
    done: int = 0  # steps sent
    violations: list[Violation] = field(default_factory=list)
    sections_seen: set[str] = field(default_factory=set)
    dialogs_seen: set[str] = field(default_factory=set)
    nav_seen: bool = False
    seconds: float = 0.0
    cpu: float = 0.0  # process CPU seconds (all threads)
    mutations: int = 0
    has_reports: bool = True  # without reports, ctrl+k warns instead of opening the picker

    def missing(self) -> list[str]:
        out = [s for s in SECTIONS if s not in self.sections_seen]
        out += [
            d for d in DIALOGS if d not in self.dialogs_seen and (d != "cite" or self.has_reports)
        ]
        if not self.nav_seen:
            out.append("sections list")
        return out

    def last_keys(self, n: int = 40) -> list[Step]:
        out: list[Step] = []
        total = 0
        for step in reversed(self.steps[: self.done]):
            out.insert(0, step)
            total += len(step)
            if total >= n:
                break
        return out

    def describe(self) -> str:
        lines = [
            f"fuzz {self.example} seed={self.seed} size={self.size}: "
            f"{len(self.violations)} problem(s) after step {self.done} of {len(self.steps)}"
        ]
        for v in self.violations[:8]:
            lines.append(f"- [{v.kind}] step {v.step}: {v.message}")
            if v.detail:
                lines.extend("    " + line for line in v.detail.rstrip().splitlines()[-14:])
        lines.append(
            "last keys (one list per step; a list of several keys is a burst; "
            '"~n" lets the app run n turns of its event loop between two keys):'
        )
        lines.append("    " + json.dumps(self.last_keys(), ensure_ascii=False))
        size = f"{self.size[0]}x{self.size[1]}"
        if self.seed is not None:
            lines.append(
                "replay: PYTHONPATH=. python tests/tui/test_fuzz.py "
                f"--example {self.example} --seed {self.seed} --keys {self.keys} --upto {self.done}"
                " [--shrink] [--keep-going]   (OVERSIGHT_FUZZ_TRACE=1 prints each step)"
            )
        else:
            steps = json.dumps(self.steps[: self.done], ensure_ascii=False)
            lines.append(
                "replay: PYTHONPATH=. python tests/tui/test_fuzz.py "
                f"--example {self.example} --size {size} --steps '{steps}'"
            )
        return "\n".join(lines)


_SESSION: Session | None = None
_DEPTH = 0


def _plain(draft: Any) -> dict[str, Any]:
    from oversight.draft import to_plain

    data = getattr(draft, "data", None)
    if data is None:
        import yaml

        data = yaml.safe_load(draft.text())
    value = to_plain(data)
    return value if isinstance(value, dict) else {"": value}


def _recording(name: str, method: Any) -> Any:
    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        global _DEPTH
        session = _SESSION
        if session is None or _DEPTH:
            return method(self, *args, **kwargs)
        before = _plain(self)
        context = session.context()
        _DEPTH += 1
        try:
            return method(self, *args, **kwargs)
        finally:
            _DEPTH -= 1
            after = _plain(self)
            keys = sorted(
                (str(k) for k in set(before) | set(after) if before.get(k) != after.get(k)),
            )
            if keys:
                session.mutated(name, keys, context, args)

    return wrapper


@contextlib.contextmanager
def recording_draft() -> Iterator[None]:
    """Wrap the Draft's mutating methods (and any intent methods named like them)."""
    from oversight.draft import Draft

    saved = {}
    for name, member in list(vars(Draft).items()):
        if not inspect.isfunction(member) or name.startswith("_"):
            continue
        if name in MUTATORS or name.startswith(MUTATOR_PREFIXES):
            saved[name] = member
            setattr(Draft, name, _recording(name, member))
    try:
        yield
    finally:
        for name, member in saved.items():
            setattr(Draft, name, member)


class NotSettled(Exception):
    pass


def _section_of_widget(widget: Any) -> str | None:
    node = widget
    while node is not None:
        parent = node.parent
        if getattr(parent, "id", None) == "editor":
            return str(node.id)
        if getattr(node, "id", None) in (*NAV_IDS, "problems", "preview", "preview-pane"):
            return str(node.id)
        node = parent
    return None


def _displayed(widget: Any) -> bool:
    from textual.widget import Widget

    if not isinstance(widget, Widget) or widget.styles.visibility == "hidden":
        return False
    node = widget
    while isinstance(node, Widget):
        if not node.display:
            return False
        node = node.parent
    return True


def _describe(widget: Any) -> str:
    if widget is None:
        return "nothing"
    where = _section_of_widget(widget)
    shown = "" if _displayed(widget) else " (hidden)"
    return f"{type(widget).__name__}#{widget.id or '?'} in {where}{shown}"


class Session:
    """One run: the app, its steps, and what was seen."""

    def __init__(self, app: Any, pilot: Any, report: Report) -> None:
        self.app = app
        self.pilot = pilot
        self.report = report
        self.step = -1
        self.mutations: list[Mutation] = []
        self.pushes: list[tuple[int, str, str | None]] = []  # (step, screen class, shown section)
        self.exits: list[int] = []
        self.ending = False
        self._exit = app.exit
        app.exit = self.exit
        self._push = app.push_screen
        app.push_screen = self.push_screen

    # The palette's Quit (or Save and quit) is a staffer's choice, not a failure, but the run
    # must go on: the exit is noted and ignored until the end.
    def exit(self, *args: Any, **kwargs: Any) -> None:
        if self.ending:
            self._exit(*args, **kwargs)
        else:
            self.exits.append(self.step)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        self.pushes.append((self.step, type(screen).__name__, self.shown()[0]))
        for dialog, word in DIALOGS.items():
            if word in type(screen).__name__:
                self.report.dialogs_seen.add(dialog)
        return self._push(screen, *args, **kwargs)

    def default_screen(self) -> Any:
        return self.app.screen_stack[0]

    def shown(self) -> tuple[str | None, bool]:
        """The section in the editor, and whether the editor is on screen."""
        from textual.widgets import ContentSwitcher

        try:
            editor = self.default_screen().query_one("#editor", ContentSwitcher)
        except Exception:
            return None, False
        return editor.current, _displayed(editor)

    def context(self) -> dict[str, Any]:
        shown, visible = self.shown()
        try:
            focused = self.app.focused
        except Exception:
            focused = None
        return {
            "shown": shown,
            "visible": visible,
            "top": type(self.app.screen).__name__,
            "modal": self.app.screen is not self.default_screen(),
            "focused": _describe(focused),
        }

    def mutated(self, method: str, keys: list[str], context: dict[str, Any], args: Any) -> None:
        self.mutations.append(
            Mutation(
                self.step,
                method,
                {SECTION_OF.get(k, "details") for k in keys},
                keys,
                context["shown"],
                context["visible"],
                context["modal"],
                context["top"],
                context["focused"],
                repr(args)[:120],
            )
        )

    def pending(self) -> int:
        """Messages and callbacks waiting anywhere in the app."""
        app = self.app
        nodes = [app, *list(app._registry)]
        for stack in app._screen_stacks.values():
            nodes.extend(stack)
        total = 0
        for node in nodes:
            queue = getattr(node, "_message_queue", None)
            if queue is not None:
                total += queue.qsize()
            total += len(getattr(node, "_next_callbacks", ()) or ())
        for screen in app.screen_stack:
            total += len(getattr(screen, "_callbacks", ()) or ())
        return total

    def timers_due(self) -> int:
        """One-shot timers due soon (a debounce: an edit may be applied when it fires)."""
        app = self.app
        due = 0
        for node in [app, *list(app._registry)]:
            for timer in list(getattr(node, "_timers", ()) or ()):
                task = getattr(timer, "_task", None)
                if (
                    timer._repeat == 0
                    and timer._interval <= SHORT_TIMER
                    and task is not None
                    and not task.done()
                ):
                    due += 1
        return due

    def alive(self) -> bool:
        return self.app._exception is None and self.app.is_running

    async def settle(self, timeout: float = SETTLE_TIMEOUT) -> None:
        loop = asyncio.get_running_loop()
        start = loop.time()
        cpu = time.process_time()
        quiet = 0
        while True:
            with contextlib.suppress(Exception):
                await self.pilot._wait_for_screen(timeout=timeout)
            await asyncio.sleep(SAMPLE_GAP)
            if not self.alive():
                return
            if self.pending() == 0 and self.timers_due() == 0:
                quiet += 1
                if quiet >= QUIET_SAMPLES:
                    break
            else:
                quiet = 0
            if loop.time() - start > timeout:
                busy = (time.process_time() - cpu) / (loop.time() - start)
                raise NotSettled(
                    f"the app did not settle within {timeout:.0f} s "
                    f"({self.pending()} messages still queued, CPU {busy:.0%} busy)"
                )
        with contextlib.suppress(Exception):
            self.app.screen._on_timer_update()

    async def idle(self, limit: float = 3.0) -> None:
        """Settle, then wait until the process stops working (the palette's search, a check)."""
        await self.settle()
        end = time.monotonic() + limit
        while time.monotonic() < end:
            cpu = time.process_time()
            await asyncio.sleep(0.02)
            if time.process_time() - cpu < 0.004:
                break
        await self.settle()

    async def send(self, step: Step) -> None:
        from textual import events

        for action in step:
            if action == "~idle":
                await self.idle()
                continue
            if isinstance(action, str) and action.startswith("~"):
                for _ in range(int(action[1:])):  # let the app run a little: keys a moment apart
                    await asyncio.sleep(0)
                continue
            if isinstance(action, tuple):
                self.app.post_message(events.Paste(action[1]))
                continue
            key = action
            try:
                char: str | None = unicodedata.lookup(_unicode_name(key))
            except KeyError:
                char = key if len(key) == 1 else None
            event = events.Key(key, char)
            event.set_sender(self.app)
            self.app.post_message(event)

    def observe(self) -> None:
        shown, visible = self.shown()
        if self.app.screen is self.default_screen() and visible and shown:
            self.report.sections_seen.add(shown)
        focused = self.app.focused
        if getattr(focused, "id", None) in NAV_IDS:
            self.report.nav_seen = True

    def where(self, shown: str | None, visible: bool, top: str, modal: bool) -> str:
        if modal:
            return f"{shown} under {top}"
        return f"{shown}" if visible else f"{shown} (editor hidden: F2 preview at a narrow width?)"

    def check_mutations(self, first: int) -> None:
        """The edits made during this step (mutations[first:]) against the rule and EXCEPTIONS."""
        step = self.step
        keys = [k for k in self.report.steps[step] if not (isinstance(k, str) and k[:1] == "~")]
        seen = {name for s, name, _ in self.pushes if s == step}
        seen.add(self.top_at_start)
        bank = any(DIALOGS["bank"] in n for n in seen)
        cite_pushes = [p for p in self.pushes if DIALOGS["cite"] in p[1] and p[0] <= step]
        cite = any(DIALOGS["cite"] in n for n in seen) and cite_pushes
        shown_now, visible_now = self.shown()
        modal_now = self.app.screen is not self.default_screen()
        now = self.where(shown_now, visible_now, type(self.app.screen).__name__, modal_now)
        for m in self.mutations[first:]:
            what = f"{m.method}() changed {', '.join(m.keys)}"
            then = self.where(m.shown, m.visible, m.top, m.modal)
            at = f"at the edit, on screen: {then}; focus: {m.focused}; args {m.args}"
            if all(isinstance(k, str) and k in NO_EDIT_KEYS for k in keys):
                self.violate("nav-edit", f"{what} on {keys}, keys that only move or open", at)
            elif m.method in ("undo", "redo"):
                if m.sections != {shown_now} or not visible_now or modal_now:
                    self.violate("hidden-edit", f"{what} (undo/redo); then on screen: {now}", at)
            elif bank and m.sections == {"questions"}:
                if shown_now != "questions" or not visible_now or modal_now:
                    self.violate(
                        "hidden-edit", f"{what} from bank search; then on screen: {now}", at
                    )
            elif cite:
                opened_on = cite_pushes[-1][2]
                if m.sections != {opened_on}:
                    self.violate(
                        "hidden-edit",
                        f"{what} by a citation, but {opened_on} was on screen at ctrl+k",
                        at,
                    )
            else:
                # A key typed just before F1 or F2 in a burst edits its field a moment after the
                # dialog or the preview has come up: the state when the step began counts too.
                start = self.start_context
                ok_then = m.sections == {m.shown} and m.visible and not m.modal
                ok_before = (
                    m.sections == {start["shown"]} and start["visible"] and not start["modal"]
                )
                if not (ok_then or ok_before):
                    self.violate("hidden-edit", f"{what} while on screen: {then}", at)

    def violate(self, kind: str, message: str, detail: str = "") -> None:
        self.report.violations.append(Violation(kind, self.step, message, detail))

    async def run(self, keep_going: bool = False) -> None:
        await self.settle()
        self.observe()
        for i, step in enumerate(self.report.steps):
            self.step = i
            self.top_at_start = type(self.app.screen).__name__
            self.start_context = self.context()
            first = len(self.mutations)
            before = _plain(self.app.draft)
            await self.send(step)
            self.report.done = i + 1
            try:
                await self.settle()
            except NotSettled as err:
                self.violate("no-settle", str(err), await self.busy_report())
                return
            if not self.alive():
                return  # the exception is reported when run_test ends
            self.observe()
            if TRACE:
                ctx = self.context()
                print(
                    f"{i:4} {json.dumps(step, ensure_ascii=False)[:60]:60} top={ctx['top']} "
                    f"shown={ctx['shown']}{'' if ctx['visible'] else '(hidden)'} focus={ctx['focused']}",
                    file=sys.stderr,
                )
            recorded = {k for m in self.mutations[first:] for k in m.keys}
            after = _plain(self.app.draft)
            silent = sorted(
                str(k) for k in set(before) | set(after)
                if before.get(k) != after.get(k) and str(k) not in recorded
            )  # fmt: skip
            if silent:
                self.violate(
                    "hidden-edit",
                    f"the draft's {silent} changed outside the recorded methods "
                    "(a new mutating method? add its name to MUTATORS)",
                )
            self.check_mutations(first)
            if self.report.violations and not keep_going:
                return

    def sample_queues(self, seen: Any) -> None:
        app = self.app
        for node in [app, *list(app._registry)]:
            queue = getattr(node, "_message_queue", None)
            for message in list(
                getattr(queue, "values", None) or getattr(queue, "_queue", None) or ()
            ):
                name = type(message).__qualname__
                item = getattr(message, "item", None)
                if item is not None:
                    name += f"(item={getattr(item, 'id', None)!r})"
                elif name == "Callback":
                    name += f"({getattr(message.callback, '__qualname__', message.callback)})"
                seen[f"{node!r} <- {name}"] += 1
            for message in list(getattr(node, "_next_callbacks", ()) or ()):
                seen[f"{node!r} next: {getattr(message.callback, '__qualname__', '?')}"] += 1
        for screen in app.screen_stack:
            for callback in list(getattr(screen, "_callbacks", ()) or ()):
                fn = callback[0] if isinstance(callback, tuple) else callback
                seen[f"{screen!r} after refresh: {getattr(fn, '__qualname__', fn)}"] += 1

    async def busy_report(self) -> str:
        """What is queued where, over 40 samples, for a run that does not settle."""
        from collections import Counter

        seen: Counter[str] = Counter()
        for _ in range(40):
            self.sample_queues(seen)
            await asyncio.sleep(0.005)
        lines = [f"focus: {_describe(self.app.focused)}; queued (times seen in 40 samples):"]
        lines += [f"  {n:3} {what}" for what, n in seen.most_common(8)]
        return "\n".join(lines)


def _unicode_name(key: str) -> str:
    from textual.keys import _get_unicode_name_from_key

    return _get_unicode_name_from_key(key)


def _stub_pdf() -> contextlib.AbstractContextManager[Any]:
    """F6 (PDF export today) must not start LibreOffice: the conversion writes an empty file."""
    stack = contextlib.ExitStack()
    try:
        import oversight.render.pdf as pdf
    except Exception:
        return stack

    def convert(files: Sequence[Path], timeout: float = 600) -> list[Path]:
        out = [Path(f).with_suffix(".pdf") for f in files]
        for f in out:
            f.write_bytes(b"")
        return out

    original = pdf.convert
    pdf.convert = convert  # type: ignore[assignment]
    stack.callback(setattr, pdf, "convert", original)
    return stack


def check_saved(app: Any, folder: Path) -> list[Violation]:
    """Save the draft to a new file: it must parse and load; validation problems are fine."""
    import yaml

    from oversight.draft import Draft
    from oversight.errors import UserError
    from oversight.letters.prepare import load_letter_text
    from oversight.render.context import render_ir

    out: list[Violation] = []
    target = folder / "fuzzed-save.yaml"
    try:
        app.draft.save(target, force=True)
        text = target.read_text(encoding="utf-8")
        yaml.safe_load(text)
        Draft.open(target)
    except Exception:
        return [
            Violation("saved-file", -1, "the saved draft does not load", traceback.format_exc())
        ]
    try:
        prep = load_letter_text(text, target.name, folder)
        render_ir(prep)
    except UserError as err:
        bad = [p for p in err.problems if "not valid YAML" in p.message]
        if bad:
            out.append(Violation("saved-file", -1, bad[0].headline()))
    except Exception:
        out.append(
            Violation(
                "saved-file", -1, "the validator crashed on the saved draft", traceback.format_exc()
            )
        )
    return out


async def run_steps(
    letter: Path,
    steps: list[Step],
    *,
    size: tuple[int, int] = SIZES[0],
    seed: int | None = None,
    keys: int | None = None,
    keep_going: bool = False,
) -> Report:
    """Drive the app over `letter` (a copy: it is edited and saved) with the steps."""
    global _SESSION
    from oversight.tui.app import OversightApp

    report = Report(letter.stem, seed, size, steps, keys)
    report.has_reports = bool(
        (yaml.safe_load(letter.read_text(encoding="utf-8")) or {}).get("reports")
    )
    start = time.monotonic()
    cpu = time.process_time()
    app = OversightApp(letter, ask_start=False, debounce=0.05)
    session: Session | None = None
    with recording_draft(), _stub_pdf():
        try:
            async with app.run_test(size=size, notifications=True) as pilot:
                session = Session(app, pilot, report)
                _SESSION = session
                try:
                    await session.run(keep_going)
                finally:
                    _SESSION = None
                if session.alive():
                    report.violations += check_saved(app, letter.parent)
                session.ending = True
                report.mutations = len(session.mutations)
        except Exception as err:
            tb = "".join(traceback.format_exception(err))
            report.violations.insert(
                0, Violation("exception", report.done - 1, f"{type(err).__name__}: {err}", tb)
            )
        finally:
            _SESSION = None
    if app._exception is not None and not any(v.kind == "exception" for v in report.violations):
        err = app._exception
        tb = "".join(traceback.format_exception(err))
        report.violations.insert(
            0, Violation("exception", report.done - 1, f"{type(err).__name__}: {err}", tb)
        )
    report.seconds = time.monotonic() - start
    report.cpu = time.process_time() - cpu
    return report


def size_for(seed: int) -> tuple[int, int]:
    return SIZES[seed % len(SIZES)]


# ------------------------------------------------------------------------------------ test
pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: f"seed{s}")
@pytest.mark.parametrize("example", EXAMPLE_LETTERS, ids=lambda p: p.stem)
async def test_hurried_staffer(
    example: Path, seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)  # ctrl+e / f6 / palette screenshots write here
    letter = tmp_path / "examples" / example.name
    report = await run_steps(letter, plan(seed, KEYS), size=size_for(seed), seed=seed, keys=KEYS)
    if not report.violations and report.missing():
        report.violations.append(
            Violation("coverage", report.done, f"never reached: {', '.join(report.missing())}")
        )
    if report.violations:
        pytest.fail(report.describe(), pytrace=False)


def _typed(text: str) -> Step:
    return [_char(c) for c in text]


def _go(section: str) -> list[Step]:
    """The palette's "Go to", read before Enter."""
    return [["ctrl+p"], _typed(GOTO[section]), ["~idle", "enter"]]


# What the fuzzer found, shrunk by hand: each runs through the same checks in a few seconds.
# (example, size, steps, what went wrong on the code this was written against, 3b8b768)
FOUND = {
    "nav-held-arrow": (
        "gao-request-single", SIZES[0], [["down", "down"]],
        "two Downs at once in the sections list: ListView.Highlighted ping-pong, never settles",
    ),
    "reports-first-open": (
        "gao-request-single", SIZES[0], [["down"], ["down"], ["down"], ["down"]],
        "opening Reports: DuplicateIds 'reports-form'; past that, reports[0].kind becomes 'news'",
    ),
    "palette-over-dialog": (
        "gao-request-single", SIZES[0], [["ctrl+p"], ["f1"], ["ctrl+p"]],
        "F1 (or ctrl+b) over the palette, then ctrl+p: DuplicateIds '--command-palette'",
    ),
    "typing-after-go-to": (
        "gao-request-single", SIZES[0], [["tab"], *_go("signers"), ["x"]],
        "after the palette's Go to, the cursor stays in the hidden section: 'x' edits details",
    ),
    "enter-on-hidden-button": (
        "gao-request-single", SIZES[0],
        [*_go("signers"), ["tab"], ["tab"], *_go("body"), ["enter"]],
        "Enter on a button of the hidden Signers section adds (or removes) a signer",
    ),
    "typing-behind-the-preview": (
        "gao-request-single", SIZES[1], [["tab"], ["f2"], ["x"]],
        "narrow: F2 swaps the editor for the preview but keeps the cursor in a field",
    ),
    "cite-into-hidden-field": (
        "irs-dhs-doge-letter", SIZES[0],
        [*_go("body"), ["tab"], *_go("questions"), ["ctrl+k"], ["enter"]],
        "ctrl+k from Questions cites into the hidden body text",
    ),
    "palette-pagedown-at-once": (
        "gao-request-single", SIZES[0], [["ctrl+p", "pagedown"]],
        "PageDown before the palette has laid out its list: KeyError 0 in Textual's "
        "OptionList._move_page (a Textual 8.2.8 bug; the app has to work around it)",
    ),
    "bank-over-bank": (
        "irs-dhs-doge-letter", SIZES[0],
        [["ctrl+b"], ["ctrl+b"], _typed("records"), ["enter"], ["enter"], ["enter"]],
        "ctrl+b inside bank search opens a second one: after the insert a bank dialog still "
        "covers Questions (F1, ctrl+k, ctrl+p stack the same way)",
    ),
    "bank-insert-shows-questions": (
        "irs-dhs-doge-letter", SIZES[0],
        [["ctrl+b"], _typed("records"), ["enter"], ["enter"], ["enter"]],
        "passes today: a bank question lands in Questions, and Questions is shown",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", list(FOUND))
async def test_found_sequences(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    example, size, steps, what = FOUND[name]
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    report = await run_steps(tmp_path / "examples" / f"{example}.yaml", steps, size=size)
    if report.violations:
        pytest.fail(f"{name} ({what})\n{report.describe()}", pytrace=False)


# ------------------------------------------------------------------------------- replaying
def _same(a: Report, b: Report) -> bool:
    return bool(a.violations and b.violations) and (
        a.violations[0].signature() == b.violations[0].signature()
    )


def _in_temp(
    example: str,
    steps: list[Step],
    size: tuple[int, int],
    seed: int | None,
    keep_going: bool = False,
    keys: int | None = None,
) -> Report:
    with tempfile.TemporaryDirectory(prefix="oversight-fuzz-") as tmp:
        folder = Path(tmp)
        shutil.copytree(REPO / "examples", folder / "examples")
        os.environ["OVERSIGHT_STATE_DIR"] = str(folder / "state")
        os.environ.pop("NO_COLOR", None)
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            return asyncio.run(
                run_steps(
                    folder / "examples" / f"{example}.yaml",
                    steps,
                    size=size,
                    seed=seed,
                    keys=keys,
                    keep_going=keep_going,
                )
            )
        finally:
            os.chdir(cwd)


def replay(
    example: str,
    seed: int | None = None,
    keys: int = KEYS,
    upto: int | None = None,
    steps: list[Step] | None = None,
    size: tuple[int, int] | None = None,
    keep_going: bool = False,
) -> Report:
    """Run one example again: the seed's plan (cut after `upto` steps) or explicit steps, e.g.
    replay("gao-request-single", steps=[["ctrl+p"], ["f1"], ["ctrl+p"]]). Returns the report."""
    planned = steps is None
    if steps is None:
        assert seed is not None, "give a seed or steps"
        steps = plan(seed, keys)
    if upto is not None:
        steps = steps[:upto]
    size = size or (size_for(seed) if seed is not None else SIZES[0])
    if not planned:
        seed = None
    return _in_temp(example, steps, size, seed, keep_going, keys if planned else None)


def shrink(
    example: str, steps: list[Step], size: tuple[int, int], budget: float = 300.0
) -> list[Step]:
    """Delta debugging: drop chunks of steps while the first failure stays the same."""
    deadline = time.monotonic() + budget
    target = _in_temp(example, steps, size, None)
    if not target.violations:
        return steps
    steps = steps[: target.done]
    # The last few steps alone often fail the same way: try growing suffixes first (cheap).
    k = 1
    while k < len(steps) and time.monotonic() < deadline:
        got = _in_temp(example, steps[-k:], size, None)
        if _same(got, target):
            steps = steps[-k:][: got.done]
            print(f"  {len(steps)} steps (a suffix)", file=sys.stderr)
            break
        k = k * 2 if k >= 4 else k + 1
    chunk = max(1, len(steps) // 2)
    while chunk >= 1 and time.monotonic() < deadline:
        i = 0
        while i < len(steps) and time.monotonic() < deadline:
            candidate = steps[:i] + steps[i + chunk :]
            got = _in_temp(example, candidate, size, None)
            if _same(got, target):
                steps = candidate[: got.done]
                print(f"  {len(steps)} steps", file=sys.stderr)
            else:
                i += chunk
        chunk //= 2
    # Bursts of several keys: try fewer keys.
    for i in range(len(steps)):
        for j in reversed(range(len(steps[i]))):
            if len(steps[i]) > 1 and time.monotonic() < deadline:
                candidate = [*steps[:i], steps[i][:j] + steps[i][j + 1 :], *steps[i + 1 :]]
                if _same(_in_temp(example, candidate, size, None), target):
                    steps = candidate
    return steps


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(description="Replay (and shrink) one fuzz run of the TUI.")
    p.add_argument("--example", required=True, help="an examples/*.yaml name without .yaml")
    p.add_argument("--seed", type=int)
    p.add_argument("--keys", type=int, default=KEYS)
    p.add_argument("--upto", type=int, help="stop after this many steps")
    p.add_argument("--steps", help='explicit steps as JSON, e.g. \'[["down","down"]]\'')
    p.add_argument("--size", help="WxH, e.g. 130x40")
    p.add_argument("--keep-going", action="store_true", help="report every edit problem")
    p.add_argument("--shrink", action="store_true", help="look for a shorter failing sequence")
    p.add_argument("--budget", type=float, default=300.0, help="seconds for --shrink")
    args = p.parse_args(argv)
    steps = json.loads(args.steps) if args.steps else None
    steps = [[tuple(a) if isinstance(a, list) else a for a in s] for s in steps] if steps else None
    size = tuple(int(n) for n in args.size.split("x")) if args.size else None
    report = replay(args.example, args.seed, args.keys, args.upto, steps, size, args.keep_going)  # type: ignore[arg-type]
    print(report.describe())
    if args.shrink and report.violations:
        small = shrink(args.example, report.steps[: report.done], report.size, args.budget)
        print("shortest failing steps found:", json.dumps(small, ensure_ascii=False))
        print(_in_temp(args.example, small, report.size, None).describe())
    return 1 if report.violations else 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("OVERSIGHT_CACHE_DIR", tempfile.mkdtemp(prefix="oversight-cache-"))
    sys.exit(main())
