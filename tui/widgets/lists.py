"""A list that stops at its ends: a held arrow key comes to rest on the first or last item
instead of cycling round (Textual's OptionList wraps)."""

from __future__ import annotations

from textual.widgets import OptionList


class StopList(OptionList):
    def action_cursor_up(self) -> None:
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()
