"""The TUI in a real terminal (tmux): it starts, shows the letter, exports and quits."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _require_tmux() -> str:
    found = shutil.which("tmux")
    if found is None:
        if os.environ.get("OVERSIGHT_REQUIRE_TOOLS"):
            pytest.fail("tmux is required here but not installed")
        pytest.skip("tmux is not installed; .ci/run installs it")
    return found


def test_tui_in_tmux(tmp_path: Path, state_dir: Path) -> None:
    tmux = _require_tmux()
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    folder = tmp_path / "examples"
    socket = f"oversight-test-{os.getpid()}"
    command = (
        f"cd {shlex.quote(str(folder))} && OVERSIGHT_STATE_DIR={shlex.quote(str(state_dir))} "
        f"exec {shlex.quote(sys.executable)} -m oversight.cli tui irs-dhs-doge-letter.yaml"
    )

    def tm(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [tmux, "-L", socket, *args], capture_output=True, text=True, timeout=30
        )

    def screen() -> str:
        return tm("capture-pane", "-p", "-t", "t").stdout

    def until(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {what}; screen:\n{screen()}")
            time.sleep(0.1)

    assert tm("new-session", "-d", "-s", "t", "-x", "100", "-y", "30", command).returncode == 0
    try:
        until(lambda: "No problems: the letter renders." in screen(), "the first check")
        assert "irs-dhs-doge-letter.yaml" in screen()
        tm("send-keys", "-t", "t", "F2")
        until(lambda: "UNITED STATES SENATE" in screen(), "the preview")
        tm("send-keys", "-t", "t", "C-e")
        until(lambda: (folder / "irs-dhs-doge-letter.docx").exists(), "the export")
        until(lambda: "Exported irs-dhs-doge-letter.docx" in screen(), "the notification")
        tm("send-keys", "-t", "t", "C-q")
        until(lambda: tm("has-session", "-t", "t").returncode != 0, "the app to quit")
    finally:
        tm("kill-server")
