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
from helpers import require_program

REPO = Path(__file__).resolve().parents[2]


def test_tui_in_tmux(tmp_path: Path, state_dir: Path) -> None:
    tmux = require_program("tmux", "tmux")
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


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_held_arrow_keys_settle_and_the_app_goes_idle(tmp_path: Path, state_dir: Path) -> None:
    """30 repeats of a held arrow key in the sections list, then the palette opened twice fast
    and a pasted block: the screen shows the section highlighted and the process goes quiet."""
    tmux = require_program("tmux", "tmux")
    if not Path("/proc/self/stat").exists():
        pytest.skip("no /proc to read the process's CPU time from")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    folder = tmp_path / "examples"
    socket = f"oversight-held-{os.getpid()}"
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

    def settle(pid: int, quiet: float = 0.5, timeout: float = 10) -> float:
        """Seconds until the process used no CPU for `quiet` seconds (fails on a spin)."""
        start = time.monotonic()
        last, calm_since = _cpu_seconds(pid), time.monotonic()
        while time.monotonic() - calm_since < quiet:
            if time.monotonic() - start > timeout:
                raise AssertionError(f"the app never went idle; screen:\n{screen()}")
            time.sleep(0.05)
            now = _cpu_seconds(pid)
            if now - last > 0.011:  # more than a clock tick or so: still working
                calm_since = time.monotonic()
            last = now
        return time.monotonic() - start

    assert tm("new-session", "-d", "-s", "t", "-x", "120", "-y", "36", command).returncode == 0
    try:
        until(lambda: "No problems: the letter renders." in screen(), "the first check")
        pid = int(tm("display", "-p", "-t", "t", "#{pane_pid}").stdout.strip())
        settle(pid)
        tm("send-keys", "-t", "t", *["Down"] * 30)  # one write: a held key's repeats
        until(lambda: "Add signer" in screen(), "the signers section")
        settle(pid)
        shown = screen()
        assert "Add signer" in shown and "Catherine Cortez Masto" in shown
        # Idle means idle: over two seconds the app uses (almost) no CPU.
        before = _cpu_seconds(pid)
        time.sleep(2)
        assert _cpu_seconds(pid) - before < 0.2  # < 10 % of a core; a spin uses 80 %
        tm("send-keys", "-t", "t", "C-p", "C-p")
        until(lambda: "Search for commands" in screen() or "Go to" in screen(), "the palette")
        tm("send-keys", "-t", "t", "Escape")
        settle(pid)
        assert tm("has-session", "-t", "t").returncode == 0  # still running, no crash
        tm("send-keys", "-t", "t", "C-q")
        until(lambda: tm("has-session", "-t", "t").returncode != 0, "the app to quit")
    finally:
        tm("kill-server")
