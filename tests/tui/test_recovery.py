"""Nothing is lost: a draft survives the app being killed, and the next start offers it back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import wait_for
from oversight.tui.app import OversightApp
from oversight.tui.screens.choice import Choice
from textual.widgets import Button

REPO = Path(__file__).resolve().parents[2]

EDIT_THEN_WAIT = textwrap.dedent(
    """
    import asyncio, os, sys
    from pathlib import Path
    from textual.widgets import Input
    from oversight.tui.app import OversightApp

    async def main():
        app = OversightApp(Path("letter.yaml"), ask_start=False, autosave_every=0.1, debounce=0.05)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause(0.3)
            await app.reveal("signers")
            await pilot.pause()
            app.query_one("#signers-form #f-name", Input).value = "Recovered Senator"
            folder = Path(os.environ["OVERSIGHT_STATE_DIR"], "recovery")
            while not any("Recovered Senator" in f.read_text() for f in folder.glob("*.yaml")):
                await pilot.pause(0.05)
            print("autosaved", flush=True)
            await asyncio.sleep(60)  # still editing when the terminal is closed

    asyncio.run(main())
    """
)


@pytest.mark.asyncio
async def test_killed_app_recovers_the_draft(tmp_path: Path, state_dir: Path) -> None:
    letter = tmp_path / "letter.yaml"
    shutil.copy(REPO / "oversight" / "data" / "starter.yaml", letter)
    original = letter.read_text(encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", EDIT_THEN_WAIT],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "OVERSIGHT_STATE_DIR": str(state_dir)},
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "autosaved", proc.stderr.read() if proc.stderr else ""
    finally:
        proc.kill()  # SIGKILL: no chance to clean up, as when a terminal dies
        proc.wait(timeout=30)
    assert proc.returncode == -9
    assert letter.read_text(encoding="utf-8") == original, "the file itself was never written"

    app = OversightApp(None, autosave_every=60, debounce=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(
            pilot, lambda: isinstance(app.screen, Choice) and bool(app.screen.query("#recover"))
        )
        assert "letter.yaml was not saved" in app.screen.message
        app.screen.query_one("#recover", Button).press()
        await pilot.pause()
        await wait_for(pilot, lambda: app.draft.path == letter.resolve())
        assert app.draft.dirty
        assert app.draft.get(("signers", 0, "name")) == "Recovered Senator"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not app.draft.dirty)
    assert "Recovered Senator" in letter.read_text(encoding="utf-8")
    assert not list((state_dir / "recovery").glob("*.yaml")), "saving removes the recovery copy"


@pytest.mark.asyncio
async def test_discarding_a_recovery_removes_it(tmp_path: Path, state_dir: Path) -> None:
    from oversight.draft import Draft

    draft = Draft.new()
    draft.path = tmp_path / "x.yaml"
    draft.set_field(("subject",), "unsaved work")
    assert draft.autosave() is not None
    app = OversightApp(None, autosave_every=60)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(
            pilot, lambda: isinstance(app.screen, Choice) and bool(app.screen.query("#discard"))
        )
        app.screen.query_one("#discard", Button).press()
        await pilot.pause()
        await pilot.pause()
    assert not list((state_dir / "recovery").glob("*.yaml"))
