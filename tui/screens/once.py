"""A dialog is dismissed once: two keys that close it arriving together (Enter and ctrl+s, a
double Escape in a burst) would otherwise set its result twice, which Textual ends the app for,
or pop the screen beneath it as well."""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete


async def _nothing() -> None:
    return None


class DismissOnce:
    """Mixed in before the screen class: ``class Choice(DismissOnce, ModalScreen[str])``."""

    _dismissed = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        screen: Any = self
        if self._dismissed or not screen.is_current:
            return AwaitComplete(_nothing())
        self._dismissed = True
        done: AwaitComplete = super().dismiss(result)  # type: ignore[misc]
        return done
