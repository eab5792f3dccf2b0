"""note: an explanatory footnote that cites nothing.

Committee staff spoke with IRS officials on June 3, 2025. — printed as written, every time it is
cited (never *Id.*, *supra* or shortened), as a sentence of its own; its text is rich text like
the letter's (``*italic*``; bold prints plain, as footnotes have no bold).
"""

from __future__ import annotations

from oversight.citations import markers
from oversight.citations.bluebook import Out, clean
from oversight.citations.registry import Entry, Field, Kind, Reporter


class Note(Kind):
    name = "note"
    label = "note that cites nothing"
    order = 120
    fields = (
        Field(
            "text",
            required=True,
            example="text: Committee staff spoke with IRS officials on June 3, 2025.",
        ),
    )
    uses_short = False
    authority = False
    example_pin = ""

    def headline(self, entry: Entry) -> str:
        return clean(entry.get("text"))

    def check(self, entry: Entry, report: Reporter) -> None:
        super().check(entry, report)
        text = entry.get("text")
        if isinstance(text, str) and markers.find(text):
            report(
                ("text",),
                "a note's text cannot cite: cite the source beside the note in the letter",
                hint=f"e.g. [@{entry.get('id')}; see @source]",
            )

    def full(self, out: Out, entry: Entry, pin: str | None) -> None:
        """The text as the letter's own rich text reads it (italics, curly quotes)."""
        # Rendering's inline Markdown, only when a note is printed: `reports` commands that
        # print no note load no Markdown.
        from oversight.render.text import parse_inline

        text = " ".join(str(entry.get("text") or "").split())
        italic = False
        for token in parse_inline(text):
            if token.type == "em_open":
                italic = True
            elif token.type == "em_close":
                italic = False
            elif token.type == "text":
                out.add(token.content, italic)
            elif token.type == "code_inline":  # as the letter prints it, backticks and all
                out.add(token.markup + token.content + token.markup, italic)
            elif token.type in ("softbreak", "hardbreak"):
                out.add(" ", italic)
            elif token.type == "citation":  # refused by check(); printed as written
                out.add(f"[{token.content}]", italic)


KIND = Note()
