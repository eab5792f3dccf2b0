"""Fixtures: render letters from small YAML strings and read the .docx back; each test's own
state folder. What tests import (paths, MINIMAL, DocxView, helpers) is in helpers.py."""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# The suite tests the oversight of this checkout, in process and in every subprocess it starts,
# whatever else is installed (an editable install of another worktree, a relative PYTHONPATH that
# means something else in a subprocess's own folder).
if sys.path[0] != str(REPO):
    sys.path.insert(0, str(REPO))
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(REPO)]
    + [
        str(Path(p).resolve())
        for p in os.environ.get("PYTHONPATH", "").split(os.pathsep)
        if p and Path(p).resolve() != REPO
    ]
)

os.environ.pop("NO_COLOR", None)
# Caches (checked banks, compiled templates) go to a folder of this test run, not the user's.
os.environ.setdefault(
    "OVERSIGHT_CACHE_DIR", __import__("tempfile").mkdtemp(prefix="oversight-cache-")
)

# The TUI tests import these from conftest.
from helpers import DocxView, wait_for, wait_preview  # noqa: E402

__all__ = ["wait_for", "wait_preview"]


@pytest.fixture
def write_letter(tmp_path: Path) -> Callable[..., Path]:
    """Write a letter from dedented YAML into tmp_path; returns its path."""

    def write(text: str, name: str = "letter.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def render(tmp_path: Path) -> Callable[[Path], DocxView]:
    """Render a letter file in process and read the .docx back."""
    from oversight.fsutil import atomic_write
    from oversight.letter import load_letter
    from oversight.render import docx_bytes

    def run(letter: Path) -> DocxView:
        out = tmp_path / (letter.stem + ".docx")
        atomic_write(out, docx_bytes(load_letter(letter)))
        return DocxView(out)

    return run


# Every test gets its own state folder (the TUI's recovery files, the recent-files list).
@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    state = tmp_path / "state"
    monkeypatch.setenv("OVERSIGHT_STATE_DIR", str(state))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return state
