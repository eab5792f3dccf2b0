"""The letter as it will print, as plain text, kept in chunks so a keystroke re-wraps little."""

from __future__ import annotations

from textual.containers import Vertical
from textual.widgets import Static


class LetterPreview(Vertical):
    """The letter as plain text, in chunks of a few lines, each its own Static.

    A keystroke changes one paragraph, which is one line of the preview text: only the chunk
    holding it is wrapped and laid out again, not the whole letter (a 4-page letter re-wrapped
    whole costs Textual tens of milliseconds per keystroke). Chunks are lines joined by newlines,
    so the screen shows exactly the text, blank lines included. Never read as markup.
    """

    DEFAULT_CSS = """
    LetterPreview { height: auto; }
    LetterPreview > Static { height: auto; }
    """
    LINES = 8

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self._chunks: list[str] = []
        # The chunks' widgets, kept here rather than queried: a removed widget stays among the
        # children until Textual prunes it, and must not be updated again meanwhile.
        self._statics: list[Static] = []

    def show(self, text: str) -> None:
        if text == self.text:
            return
        self.text = text
        lines = text.split("\n")
        chunks = ["\n".join(lines[i : i + self.LINES]) for i in range(0, len(lines), self.LINES)]
        for i, chunk in enumerate(chunks[: len(self._statics)]):
            if self._chunks[i] != chunk:
                self._statics[i].update(chunk)
        if len(chunks) > len(self._statics):
            new = [Static(c, markup=False) for c in chunks[len(self._statics) :]]
            self._statics += new
            self.mount_all(new)
        for extra in self._statics[len(chunks) :]:
            extra.remove()
        del self._statics[len(chunks) :]
        self._chunks = chunks

    def shown(self) -> str:
        """What the screen shows, as text (for tests)."""
        return "\n".join(str(w.render()) for w in self._statics)

    def chunk_with(self, snippet: str) -> Static | None:
        """The chunk whose text holds ``snippet`` (the first line that does)."""
        snippet = " ".join(snippet.split())[:60]
        if not snippet:
            return None
        for static, chunk in zip(self._statics, self._chunks, strict=False):
            if snippet in " ".join(chunk.split()):
                return static
        return None
