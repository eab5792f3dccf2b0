"""The tracker in the terminal UI, driven as a staffer would: the folder's letters and their
status, one letter's record (sent, an extension, answers), a refusal that writes nothing, the
follow-up drafted and opened in the editor — with the editor's keys off over the tracker."""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path

import pytest
from conftest import wait_for
from oversight.tui.app import OversightApp
from oversight.tui.screens.choice import Choice
from oversight.tui.screens.tracker import FieldsDialog, RecordScreen, TrackerScreen
from textual.widgets import DataTable, Input, OptionList, Select, Static

from oversight.yamlfile import load_file

REPO = Path(__file__).resolve().parents[2]
LETTER = "irs-dhs-doge-letter.yaml"
TODAY = datetime.date(2025, 4, 20)
pytestmark = pytest.mark.asyncio


def _rows(screen: TrackerScreen) -> dict[str, str]:
    return {s.letter: s.state for _, s in screen.rows}


async def _tracker(pilot, app: OversightApp) -> TrackerScreen:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: isinstance(app.screen, TrackerScreen))
    screen = app.screen
    assert isinstance(screen, TrackerScreen)
    await wait_for(pilot, lambda: screen.generation > 0)
    return screen


async def _fill(pilot, form: FieldsDialog, values: dict[int, str]) -> None:  # type: ignore[no-untyped-def]
    for i, value in values.items():
        widget = form.query_one(f"#form-{i}")
        if isinstance(widget, Select):
            widget.value = value
        else:
            assert isinstance(widget, Input)
            widget.value = value
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_a_staffer_tracks_a_letter_and_drafts_the_follow_up(examples: Path) -> None:
    app = OversightApp(examples, today=TODAY, autosave_every=600)
    async with app.run_test(size=(130, 40)) as pilot:
        tracker = await _tracker(pilot, app)
        assert _rows(tracker)[LETTER] == "draft"
        assert len(tracker.rows) == 6  # the six letters; banks and report libraries are not

        # Sorting by each key keeps every row, shows them in that order, and keeps the letter
        # under the cursor.
        table = tracker.query_one(DataTable)
        table.move_cursor(row=[s.letter for _, s in tracker.rows].index("two-lists-prose.yaml"))
        for _ in range(6):
            await pilot.press("s")
            await pilot.pause()
            shown = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
            assert shown == [s.letter for _, s in tracker.rows] and len(shown) == 6
            assert shown[table.cursor_row] == "two-lists-prose.yaml"
            if tracker.sort == "letter":
                assert shown == sorted(shown)
        assert tracker.sort == "due"

        table.move_cursor(row=[s.letter for _, s in tracker.rows].index(LETTER))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordScreen))
        record = app.screen
        assert isinstance(record, RecordScreen)
        assert "Status: draft" in str(record.query_one("#record-facts", Static).content)

        await pilot.click("#sent")
        await wait_for(pilot, lambda: isinstance(app.screen, FieldsDialog))
        await _fill(pilot, app.screen, {0: "2025-03-19", 1: "email"})  # type: ignore[arg-type]
        assert isinstance(app.screen, RecordScreen)
        # Closed, the record's row shows the new status in place (the same letters: no refill).
        before = tracker.generation
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is tracker and tracker.generation > before)
        row = [s.letter for _, s in tracker.rows].index(LETTER)
        assert table.get_row_at(row)[1].plain == _rows(tracker)[LETTER] == "overdue"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordScreen))
        record = app.screen
        assert isinstance(record, RecordScreen)

        # An extension before the deadline is refused in the form; nothing is written.
        kept = (examples / "irs-dhs-doge-letter.tracking.yaml").read_bytes()
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, FieldsDialog))
        form = app.screen
        assert isinstance(form, FieldsDialog)
        await _fill(pilot, form, {0: "extension-granted", 1: "2025-03-28", 2: "2025-03-30"})
        assert app.screen is form
        assert "not after the deadline" in str(form.query_one("#form-error", Static).content)
        assert (examples / "irs-dhs-doge-letter.tracking.yaml").read_bytes() == kept
        await _fill(pilot, form, {2: "2025-04-16"})
        assert isinstance(app.screen, RecordScreen)

        # Mark answers: question 1 and its parts are rows of the list.
        box = record.query_one("#record-questions", OptionList)
        for name in ("1", "2", "3(a)", "3(b)", "5", "6", "7", "8", "9", "10"):
            box.highlighted = record.names.index(name)
            await pilot.press("a")
            await wait_for(pilot, lambda: isinstance(app.screen, FieldsDialog))
            await _fill(pilot, app.screen, {0: "answered"})  # type: ignore[arg-type]
            assert isinstance(app.screen, RecordScreen)
        answers = load_file(examples / "irs-dhs-doge-letter.tracking.yaml").data["answers"]
        assert set(answers) == {"1", "2", "3(a)", "3(b)", "5", "6", "7", "8", "9", "10"}
        facts = str(record.query_one("#record-facts", Static).content)
        assert "answered 9 of 11" in facts  # 3 counts once both its parts are answered

        # The editor's keys do nothing here: ctrl+s would have asked where to save a letter.
        await pilot.press("ctrl+s", "ctrl+z", "f2", "f6")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)

        await pilot.click("#follow-up")
        await wait_for(pilot, lambda: isinstance(app.screen, FieldsDialog))
        dialog = app.screen
        assert isinstance(dialog, FieldsDialog)
        await _fill(pilot, dialog, {1: "2025-04-25", 2: "two weeks"})
        assert "is not a number of days" in str(dialog.query_one("#form-error", Static).content)
        await _fill(pilot, dialog, {2: "14"})
        await wait_for(pilot, lambda: isinstance(app.screen, Choice))
        new = examples / "irs-dhs-doge-letter-follow-up.yaml"
        data = load_file(new).data
        assert [q["text"].rsplit("(Originally Question ", 1)[1] for q in data["questions"]] == [
            "4.)",
            "11.)",
        ]
        await pilot.click("#open")
        await wait_for(
            pilot, lambda: app.draft.path is not None and app.draft.path.name == new.name
        )
        assert len(app.screen_stack) == 1, "the tracker's screens closed"
        await pilot.pause()
        assert app._exception is None


async def test_the_start_screen_opens_the_tracker_and_returns(examples: Path) -> None:
    app = OversightApp(None, today=TODAY, autosave_every=600)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: len(app.screen_stack) > 1)
        start = app.screen
        box = start.query_one(OptionList)
        box.highlighted = next(
            i for i in range(box.option_count) if box.get_option_at_index(i).id == "track"
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.query("#path"))
        await pilot.press("enter")  # the folder it offers: the one the staffer is in
        tracker = await _tracker(pilot, app)
        assert LETTER in _rows(tracker)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen.query("#start-options"))
        assert app._exception is None


async def test_a_broken_letter_is_a_row_that_says_so(examples: Path) -> None:
    (examples / "broken.yaml").write_text("date: 2025-03-01\nrecipients: []\nbody: x\n")
    app = OversightApp(examples, today=TODAY, autosave_every=600)
    async with app.run_test(size=(130, 40)) as pilot:
        tracker = await _tracker(pilot, app)
        assert _rows(tracker)["broken.yaml"] == "error"
        table = tracker.query_one(DataTable)
        table.move_cursor(row=[s.letter for _, s in tracker.rows].index("broken.yaml"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is tracker, "an unreadable letter has no record to open"
        assert app._exception is None


# More seeds: OVERSIGHT_TRACKER_SEEDS="20-39" (a range) or "5,8".
def _tracker_seeds() -> list[int]:
    spec = os.environ.get("OVERSIGHT_TRACKER_SEEDS", "3,11")
    if "-" in spec:
        first, last = spec.split("-")
        return list(range(int(first), int(last) + 1))
    return [int(s) for s in spec.split(",")]


@pytest.mark.parametrize("seed", _tracker_seeds())
async def test_random_keys_over_the_tracker_lose_nothing(examples: Path, seed: int) -> None:
    """A hurried staffer in the tracker: seeded keys, some in bursts posted before the app may
    process any (held arrows, fast typing). Nothing escapes, every record written reads back,
    and no letter file is changed (the tracker writes records and new follow-ups only)."""
    import random

    from textual import events

    from oversight.tracking import actions
    from oversight.tracking.record import read_record

    actions.mark_sent(examples / LETTER, datetime.date(2025, 3, 19))
    letters = {
        p.name: p.read_bytes()
        for p in examples.glob("*.yaml")
        if not p.name.endswith(".tracking.yaml")
    }
    rng = random.Random(seed)
    keys = (
        ["down"] * 8 + ["up"] * 4 + ["enter"] * 5 + ["escape"] * 3 + ["tab"] * 4
        + ["shift+tab", "a", "l", "s", "r", "ctrl+s", "backspace", "space", "pagedown", "home"]
        + list("2025-04-1 x") + ["ctrl+z", "f6", "f2", "ctrl+p", "ctrl+e"]
    )  # fmt: skip
    app = OversightApp(examples, today=TODAY, autosave_every=600)
    opened: set[str] = set()  # letters opened in the editor, where the keys may edit and save
    load = app.load_draft

    def loading(draft: object) -> None:
        path = getattr(draft, "path", None)
        if path is not None:
            opened.add(Path(path).name)
        load(draft)  # type: ignore[arg-type]

    app.load_draft = loading  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await _tracker(pilot, app)
        for step in range(220):
            burst = rng.random() < 0.25
            for key in [rng.choice(keys) for _ in range(rng.randint(2, 5) if burst else 1)]:
                char = key if len(key) == 1 else (" " if key == "space" else None)
                event = events.Key(key, char)
                event.set_sender(app)
                app.post_message(event)
                if not burst:
                    await pilot.pause()
            await pilot.pause()
            assert app._exception is None, f"seed {seed}, step {step}"
            if len(app.screen_stack) == 1 and step % 20 == 19:
                app.action_track(examples)  # back into the tracker after it was closed
                await pilot.pause()
        await wait_for(pilot, lambda: not any(w.is_running for w in app.workers))
    for record in examples.glob("*.tracking.yaml"):
        read_record(record.with_name(record.name.replace(".tracking.yaml", ".yaml")))
    untouched = [n for n in letters if n not in opened]
    assert {n: letters[n] for n in untouched} == {
        n: (examples / n).read_bytes() for n in untouched
    }, "the tracker writes records and new follow-ups, never a letter"


async def test_a_big_folder_read_cold_fills_in_chunks_and_sorts(
    tmp_path: Path, state_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """600 letters and an empty cache: read in the screen's thread (no worker processes: this
    process runs threads), shown 500 rows at a time, then sorted whole."""
    from oversight.tui.screens.tracker import ROWS_AT_ONCE

    folder = tmp_path / "many"
    folder.mkdir()
    shutil.copytree(REPO / "examples" / "reports", folder / "reports")
    text = (REPO / "examples" / "gao-request-single.yaml").read_text(encoding="utf-8")
    for n in range(600):
        (folder / f"g{n:03}.yaml").write_text(
            text.replace("2025-04-15", f"2025-0{1 + n % 9}-15", 1)
        )
    monkeypatch.setenv("OVERSIGHT_CACHE_DIR", str(tmp_path / "cold-cache"))
    assert ROWS_AT_ONCE < 600
    app = OversightApp(folder, today=TODAY, autosave_every=600)
    async with app.run_test(size=(120, 30)) as pilot:
        tracker = await _tracker(pilot, app)
        table = tracker.query_one(DataTable)
        assert table.row_count == len(tracker.rows) == 600
        await pilot.press("s")  # by letter
        await pilot.pause()
        shown = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        assert shown == sorted(shown) == [s.letter for _, s in tracker.rows]
        assert app._exception is None


async def test_opening_a_letter_from_the_tracker_asks_about_unsaved_changes(
    examples: Path,
) -> None:
    app = OversightApp(examples / "gao-request-single.yaml", today=TODAY, autosave_every=600)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        app.draft.set_field(("subject",), "changed, not saved")
        app.action_track()
        tracker = await _tracker(pilot, app)
        app.open_letter(examples / LETTER)
        await wait_for(pilot, lambda: isinstance(app.screen, Choice) and app.screen.query("Button"))
        labels = [str(b.label) for b in app.screen.query("Button")]
        assert labels == ["Save and open", "Open without saving", "Cancel"]
        await pilot.click("#cancel")
        await wait_for(pilot, lambda: app.screen is tracker)
        assert app.draft.path is not None and app.draft.path.name == "gao-request-single.yaml"
        app.open_letter(examples / LETTER)
        await wait_for(pilot, lambda: isinstance(app.screen, Choice) and app.screen.query("Button"))
        await pilot.click("#discard")
        await wait_for(pilot, lambda: app.draft.path is not None and app.draft.path.name == LETTER)
        assert len(app.screen_stack) == 1 and app._exception is None
