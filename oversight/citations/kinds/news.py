"""news: a newspaper or online news article (a magazine or journal article is ``article``).

Jacob Bogage & Jeff Stein, “IRS rejected request,” *The Washington Post* (Feb. 28, 2025), URL.
Later: Bogage & Stein, *supra* note 1, at 5 (without an author, the publication).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from oversight.citations import csl
from oversight.citations.bluebook import (
    Out,
    clean,
    date,
    join_names,
    names,
    people,
    quoted,
    quoted_comma,
    surname,
    tail,
)
from oversight.citations.registry import DATE_EXAMPLE, Entry, Field, Kind


class News(Kind):
    name = "news"
    label = "news article"
    order = 10
    fields = (
        Field("title", required=True),
        Field("publication", required=True, example="publication: The Washington Post"),
        Field("date", required=True, example=DATE_EXAMPLE),
        Field("author", listable=True, split_in_forms=True),
        Field("url"),
    )
    csl_types = ("article-newspaper", "post-weblog")
    csl_nearest = (
        "article",
        "periodical",
        "review",
        "review-book",
        "interview",
        "broadcast",
    )

    def full(self, out: Out, entry: Entry, pin: str | None) -> None:
        authors = people(entry.get("author"))
        if authors:
            out.add(authors + ", ")
        out.add(quoted_comma(clean(entry.get("title"))) + " ")
        out.add(clean(entry.get("publication")), True)
        date(out, entry.get("date"))
        tail(out, entry, pin)

    def default_short(self, entry: Entry) -> tuple[str, bool]:
        """The authors' surnames; without authors, the publication (italic)."""
        found = names(entry.get("author"))
        if found:
            return join_names([surname(n) for n in found]), False
        return clean(entry.get("publication")), True

    def short_title(self, short: str) -> tuple[str, bool]:
        """An article's short title is quoted, like its title (unless typed with quotes)."""
        return quoted(short), False

    def csl_fields(self, item: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "title": csl.text(item.get("title")),
            "publication": csl.text(item.get("container-title")) or csl.text(item.get("publisher")),
            "date": csl.date(item.get("issued")),
            "author": csl.names(item.get("author")),
        }


KIND = News()
