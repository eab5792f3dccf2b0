"""Lists: one that stops at its ends, and guards on Textual bugs every list and select share."""

from __future__ import annotations

from typing import Any

from textual import _widget_navigation
from textual.css.query import NoMatches
from textual.widgets import OptionList
from textual.widgets._select import SelectCurrent


class StopList(OptionList):
    """A held arrow key comes to rest on the first or last item instead of cycling round
    (Textual's OptionList wraps)."""

    def action_cursor_up(self) -> None:
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()


_move_page = OptionList._move_page


def _move_page_when_laid_out(self: OptionList, direction: _widget_navigation.Direction) -> None:
    # Textual 8.2.8: PageUp/PageDown on a list not yet laid out (the command palette the instant
    # it opens, a Select's overlay) raises KeyError from its empty line index and ends the app.
    # The key does nothing until the list has lines, as an arrow key would on an empty list.
    lines: Any = getattr(self, "_index_to_line", None)
    if not lines or (self.highlighted or 0) not in lines:
        return
    _move_page(self, direction)


# Applied to Textual's class, so the palette's and the selects' lists are covered too. Remove
# when Textual fixes it (tests/tui/test_fuzz.py's "palette-pagedown-at-once" then still passes).
OptionList._move_page = _move_page_when_laid_out  # type: ignore[method-assign]


_select_update = SelectCurrent.update


def _select_update_when_composed(self: SelectCurrent, label: Any) -> None:
    # Textual 8.2.8: a Select whose value is set while its dialog is closing (a choice and
    # Escape in one burst) finds its shown value's label already removed: NoMatches ended the
    # app. The value is kept; there is nothing left to show it on.
    try:
        _select_update(self, label)
    except NoMatches:
        self.label = label


# Applied to Textual's class, as above: every Select (the report kind, the tracker's dialogs).
SelectCurrent.update = _select_update_when_composed  # type: ignore[method-assign]
