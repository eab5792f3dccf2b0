"""Moving the keyboard at once.

Textual's ``Widget.focus()`` defers the move until the app's queue reaches it, so keys already
typed (a fast typist, a paste of keystrokes, a held key) still go to the widget that had the
keyboard — after a Tab, the next word landed in the previous field. ``focus_now`` moves it
before the next key is routed.
"""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.widget import Widget


def focus_now(widget: Widget) -> None:
    try:
        widget.screen.set_focus(widget)
    except (NoMatches, Exception):  # not on a screen (any more): nothing to focus
        return
