"""article: a journal or magazine article (Bluebook rule 16).

A journal, by volume and first page: Jane Doe, “Title,” 12 *Admin. L. Rev.* 345, 350 (2020).
A magazine, by date: Andrew Marantz, “Title,” *The New Yorker* (Mar. 3, 2025), URL; in print, by
date and first page: … *The New Yorker*, Mar. 3, 2025, at 34, 36.
Later: Doe, *supra* note 1, at 350 (without an author, the quoted title).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from oversight.citations import csl
from oversight.citations.bluebook import (
    Out,
    clean,
    date,
    format_date,
    join_names,
    names,
    people,
    pin_number,
    quoted,
    quoted_comma,
    surname,
    tail,
    year,
)
from oversight.citations.registry import Entry, Field, Kind


class Article(Kind):
    name = "article"
    label = "journal or magazine article"
    order = 15
    fields = (
        Field("title", required=True),
        Field(
            "publication",
            required=True,
            label="journal or magazine",
            example="publication: Administrative Law Review",
        ),
        Field("date", required=True, whole_number=True, example="date: 2020"),
        Field("author", listable=True, split_in_forms=True),
        Field("volume", whole_number=True, needs=("page",), example="volume: 12"),
        Field("page", whole_number=True, label="first page", example="page: 345"),
        Field("url"),
    )
    csl_types = ("article-journal", "article-magazine")

    def full(self, out: Out, entry: Entry, pin: str | None) -> None:
        authors = people(entry.get("author"))
        if authors:
            out.add(authors + ", ")
        out.add(quoted_comma(clean(entry.get("title"))) + " ")
        publication = clean(entry.get("publication"))
        volume, page = clean(entry.get("volume")), clean(entry.get("page"))
        pinned = ", " + pin_number(pin) if pin else ""
        if volume and page:  # a journal: "12 Admin. L. Rev. 345, 350 (2020)"
            out.add(volume + " ")
            out.add(publication, True)
            out.add(f" {page}{pinned}")
            printed = year(entry.get("date"))
            if printed:
                out.add(f" ({printed})")
            tail(out, entry, None)
        elif page:  # a magazine in print (Bluebook 16.5): "The New Yorker, Mar. 3, 2025, at 34, 36"
            out.add(publication, True)
            when = format_date(entry.get("date"))
            out.add((f", {when}" if when else "") + f", at {page}{pinned}")
            tail(out, entry, None)
        else:  # a magazine by date, as a news article: "The New Yorker (Mar. 3, 2025), at 5"
            out.add(publication, True)
            date(out, entry.get("date"))
            tail(out, entry, pin)

    def default_short(self, entry: Entry) -> tuple[str, bool]:
        """The authors' surnames (Bluebook 16.9); without authors, the quoted title."""
        found = names(entry.get("author"))
        if found:
            return join_names([surname(n) for n in found]), False
        return quoted(clean(entry.get("title"))), False

    def short_title(self, short: str) -> tuple[str, bool]:
        """A short title is quoted, like the title (unless typed with quotes)."""
        return quoted(short), False

    def csl_fields(self, item: Mapping[str, Any]) -> dict[str, Any]:
        page = csl.text(item.get("page"))
        return {
            "title": csl.text(item.get("title")),
            "publication": csl.text(item.get("container-title")) or csl.text(item.get("publisher")),
            "date": csl.date(item.get("issued")),
            "author": csl.names(item.get("author")),
            "volume": csl.text(item.get("volume")),
            "page": page.replace("–", "-").split("-")[0].strip(),  # "345-367": the first page
        }


KIND = Article()
