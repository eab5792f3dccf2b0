"""Every action of the editor in the command palette (ctrl+p)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from textual.command import Hit, Hits, Provider


class HasCommands(Protocol):
    def palette_commands(self) -> list[tuple[str, str, Callable[[], Any]]]: ...


class Commands(Provider):
    async def search(self, query: str) -> Hits:
        app: Any = self.app
        matcher = self.matcher(query)
        for name, help_text, callback in app.palette_commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)

    async def discover(self) -> Hits:
        app: Any = self.app
        for name, help_text, callback in app.palette_commands():
            yield Hit(1.0, name, callback, help=help_text)
