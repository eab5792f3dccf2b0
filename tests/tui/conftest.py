"""TUI tests: each test gets its own state folder (recovery files, recent list)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    state = tmp_path / "state"
    monkeypatch.setenv("OVERSIGHT_STATE_DIR", str(state))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return state


async def wait_for(pilot, condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Poll a condition instead of sleeping a fixed time."""
    import asyncio

    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)


async def wait_preview(pilot, app) -> None:  # type: ignore[no-untyped-def]
    """Wait until the preview reflects the draft's latest edit."""
    await pilot.pause()
    await wait_for(pilot, lambda: app._timer is None and app.checked_version == app.draft.version)


__all__ = ["os", "wait_for", "wait_preview"]
