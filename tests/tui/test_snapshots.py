"""Snapshots of each screen (pytest-textual-snapshot). Update with: pytest --snapshot-update.

Each test drives the real app (OversightApp) on a copy of the model letter and waits until the
preview reflects the draft before the snapshot is taken.
"""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from oversight.tui.app import OversightApp
from textual.pilot import Pilot

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def model_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., OversightApp]:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path / "examples")

    def make(**kwargs: object) -> OversightApp:
        return OversightApp(
            Path("irs-dhs-doge-letter.yaml"), ask_start=False, autosave_every=600, **kwargs
        )  # type: ignore[arg-type]

    return make


async def settled(pilot: Pilot[int]) -> None:
    """Wait until the preview shows the draft and nothing is pending; fail if that never comes
    (a snapshot of a screen still changing would compare by luck)."""
    app = pilot.app
    assert isinstance(app, OversightApp)
    calm = 0
    for _ in range(400):
        busy = app._timer is not None or app.checked_version != app.draft.version
        busy = busy or any(w.is_running for w in app.workers)
        calm = 0 if busy else calm + 1
        if calm >= 3:
            await pilot.pause()
            return
        await pilot.pause(0.025)
    raise AssertionError("the screen never settled: a check or a timer was still pending")


def _section(key: str) -> Callable[[Pilot[int]], object]:
    async def run_before(pilot: Pilot[int]) -> None:
        await settled(pilot)
        app = pilot.app
        assert isinstance(app, OversightApp)
        await app.reveal(key)
        await pilot.pause()
        await settled(pilot)

    return run_before


def test_main_screen_at_80x24(snap_compare, model_app) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(model_app(), terminal_size=(80, 24), run_before=settled)


def test_main_screen_wide_with_preview(snap_compare, model_app) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(model_app(), terminal_size=(150, 40), run_before=settled)


def test_preview_at_80x24(snap_compare, model_app) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(model_app(), terminal_size=(80, 24), press=["f2"], run_before=settled)


@pytest.mark.parametrize("section", ["recipients", "body", "questions", "reports", "signers"])
def test_sections(snap_compare, model_app, section: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(model_app(), terminal_size=(120, 36), run_before=_section(section))


def test_help_screen(snap_compare, model_app) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(model_app(), terminal_size=(100, 30), press=["f1"], run_before=settled)


def test_bank_search(snap_compare, model_app) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await settled(pilot)
        await pilot.press("ctrl+b")
        await pilot.pause()
        await pilot.press(*"audit logs of queries")
        screen = pilot.app.screen
        for _ in range(400):  # until the results and the shown question reflect the query
            results = screen.query("#results")
            if (
                results
                and results.first().highlighted == 0
                and "audit-logs" in str(screen.query_one("#question").content)
            ):
                break
            await pilot.pause(0.025)
        await pilot.pause(0.1)

    assert snap_compare(model_app(), terminal_size=(120, 36), run_before=run_before)


def test_start_screen(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    assert snap_compare(
        OversightApp(None, autosave_every=600, today=datetime.date(2025, 3, 20)),
        terminal_size=(100, 30),
        run_before=settled,
    )


def test_recovery_prompt(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from oversight.draft import Draft

    monkeypatch.chdir(tmp_path)
    draft = Draft.new()
    draft.path = Path("letter.yaml")
    draft.set_field(("subject",), "unsaved work")
    draft.autosave()
    # The prompt shows when the copy was made: pin it for a stable snapshot.
    recovery = next((Path(tmp_path / "state" / "recovery")).glob("*.yaml"))
    lines = recovery.read_text(encoding="utf-8").splitlines()
    lines[0] = "# oversight recovery of: letter.yaml"
    lines[1] = "# saved: 2025-03-19 10:00:00"
    recovery.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert snap_compare(
        OversightApp(None, autosave_every=600, today=datetime.date(2025, 3, 20)),
        terminal_size=(100, 30),
        run_before=settled,
    )


def _tracked_examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The examples, two of them sent, one with an extension, a partial response and answers."""
    from oversight.tracking import actions

    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path / "examples")
    irs = Path("irs-dhs-doge-letter.yaml")
    actions.mark_sent(irs, datetime.date(2025, 3, 19), "email")
    actions.log_event(
        irs, "extension-granted", datetime.date(2025, 3, 28), until=datetime.date(2025, 4, 16)
    )
    actions.log_event(irs, "partial-response", datetime.date(2025, 4, 15), note="6 pages")
    actions.mark_answer(irs, "1", "answered", where="p. 2")
    actions.mark_answer(irs, "3(b)", "partial", note="no dates given")
    actions.mark_sent(Path("gao-request-single.yaml"), datetime.date(2025, 4, 15))
    return tmp_path / "examples"


async def _until(pilot: Pilot[int], shown: Callable[[], bool]) -> None:
    """Wait for a screen of the tracker (at most 5 s), then one more turn for its paint."""
    for _ in range(200):
        if shown():
            break
        await pilot.pause(0.025)
    await pilot.pause()


def _tracker_filled(pilot: Pilot[int]) -> bool:
    from oversight.tui.screens.tracker import TrackerScreen

    screen = pilot.app.screen
    return isinstance(screen, TrackerScreen) and screen.generation > 0


def test_tracker(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    folder = _tracked_examples(tmp_path, monkeypatch)

    async def run_before(pilot: Pilot[int]) -> None:
        await _until(pilot, lambda: _tracker_filled(pilot))

    assert snap_compare(
        OversightApp(folder, autosave_every=600, today=datetime.date(2025, 5, 6)),
        terminal_size=(120, 24),
        run_before=run_before,
    )


def test_tracker_record(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    folder = _tracked_examples(tmp_path, monkeypatch)

    async def run_before(pilot: Pilot[int]) -> None:
        from oversight.tui.screens.tracker import RecordScreen

        await _until(pilot, lambda: _tracker_filled(pilot))
        await pilot.press("enter")  # sorted by deadline: the IRS letter is first
        await _until(pilot, lambda: isinstance(pilot.app.screen, RecordScreen))

    assert snap_compare(
        OversightApp(folder, autosave_every=600, today=datetime.date(2025, 5, 6)),
        terminal_size=(120, 36),
        run_before=run_before,
    )
