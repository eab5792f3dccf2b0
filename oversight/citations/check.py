"""`oversight reports check`'s findings: dangling citations, unused entries, duplicate ids,
missing fields, the same URL under two ids — across letters and the libraries they share.

Which ids a letter cites is found by the real pipeline: the letter is prepared, its template
rendered and the output parsed by ``render.text`` with the Markdown citation rule, exactly as
when rendering; only the footnote writer is replaced by one that records ids (each citation read
and its problems located by ``render.context.read_citation``, as rendering does). Nothing is printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import msgspec

from oversight.citations.collection import Collection, unique
from oversight.citations.library import Report, same_entry
from oversight.citations.markers import Marker
from oversight.errors import Problem, Problems, UserError
from oversight.letters.prepare import Prepared, Rich
from oversight.render.context import context, read_citation, template_folder
from oversight.render.text import TEMPLATE_FILE, Builder, template_set

__all__ = ["CheckResult", "check", "cited_ids"]


def cited_ids(prep: Prepared, problems: Problems) -> dict[str, int] | None:
    """The ids a prepared letter cites (in order, with counts); None if its template fails.

    Citations of unknown ids and citation syntax errors are added to ``problems``.
    """
    try:
        folder = template_folder(prep)
        markup, slots = template_set(folder).render(context(prep))
    except UserError as err:
        problems.extend(err.problems)
        return None
    template_file = str(folder / TEMPLATE_FILE)
    known = prep.reports.by_id
    cited: dict[str, int] = {}  # id -> times cited, in order of first citation

    def record(marker: Marker, rich: Rich | None) -> None:
        """Stands in for the footnote writer while the letter's text is built."""
        for c in read_citation(marker, rich, known, problems, template_file) or ():
            cited[c.report_id] = cited.get(c.report_id, 0) + 1

    Builder(slots, record, problems, template_file).read(markup)
    return cited


class CheckResult(msgspec.Struct):
    problems: list[Problem]
    notes: list[str]
    letters: int
    libraries: int

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)


def check(files: list[Path]) -> CheckResult:
    """Check letters and libraries together (see docs/citations.md, "check")."""
    col = Collection()
    for path in files:
        col.add(path, prepare=True)
    problems = col.problems
    notes: list[str] = []
    letters = [s for s in col.sources if s.role == "letter"]

    # Dangling citations and unused inline entries, letter by letter.
    cited: dict[Path, set[str]] = {}
    for s in letters:
        if s.prep is None:
            problems.extend(s.letter_problems)
            continue
        ids = cited_ids(s.prep, problems)
        if ids is None:
            continue
        cited[s.path] = set(ids)
        for r in s.prep.reports.by_id.values():
            if r.inline and r.id not in ids:
                problems.add(
                    r.doc.problem(r.path, f"report '{r.id}' is never cited", severity="warning")
                )

    _duplicates(col, problems)
    _same_urls(col.reports(), problems)

    # Entries of a library named on the command line that none of the letters cites.
    if letters:
        unread = [s.file for s in letters if s.path not in cited]
        if unread:
            notes.append(
                "unused library entries not checked: "
                + ", ".join(unread)
                + (" has" if len(unread) == 1 else " have")
                + " errors to fix first"
            )
        else:
            for lib in (s for s in col.sources if s.role == "library"):
                key = lib.path.resolve()
                users = [s for s in letters if key in s.libraries]
                if not users:
                    problems.add(
                        lib.doc.problem(
                            (),
                            "none of the given letters lists this library under 'reports:'",
                            severity="warning",
                        )
                    )
                    continue
                wanted = set().union(*(cited[s.path] for s in users))
                names = ", ".join(s.file for s in users)
                for r in lib.reports:
                    if r.id not in wanted:
                        problems.add(
                            r.doc.problem(
                                r.path,
                                f"report '{r.id}' is not cited by {names}",
                                severity="warning",
                            )
                        )
    libraries = sum(s.role in ("library", "bank") for s in col.sources)
    return CheckResult(unique(problems.items), notes, len(letters), libraries)


def _duplicates(col: Collection, problems: Problems) -> None:
    """The same id with different contents where one letter, or the shared libraries, see both."""
    spaces: list[list[Report]] = [s.reports for s in col.sources if s.role == "letter"]
    shared = [r for entries in col.libraries.values() for r in entries]
    shared += [r for s in col.sources if s.role == "bank" for r in s.reports]
    spaces.append(shared)
    told: set[frozenset[tuple[str, Any]]] = set()
    for space in spaces:
        first: dict[str, Report] = {}
        for r in space:
            other = first.setdefault(r.id, r)
            if other is r or (other.doc.file, other.path) == (r.doc.file, r.path):
                continue
            if same_entry(other, r):
                continue
            pair = frozenset({(other.doc.file, other.path), (r.doc.file, r.path)})
            if pair in told:
                continue
            told.add(pair)
            problems.add(
                r.doc.problem(
                    r.path,
                    f"report id '{r.id}' is defined twice (also at {other.where})",
                    hint="give one of them another id",
                )
            )


def _url_key(url: str) -> str:
    """A URL as a source is known by: no scheme, no "www.", no final "/"."""
    u = urlsplit(url.strip())
    host = u.netloc.lower().removeprefix("www.")
    if not host:
        return url.strip().rstrip("/").lower()
    return f"{host}{u.path.rstrip('/')}" + (f"?{u.query}" if u.query else "")


def _same_urls(reports: list[Report], problems: Problems) -> None:
    first: dict[str, Report] = {}
    for r in reports:
        url = r.fields.get("url")
        if not isinstance(url, str) or not url.strip():
            continue
        other = first.setdefault(_url_key(url), r)
        if other.id != r.id:
            problems.add(
                r.doc.problem(
                    (*r.path, "url"),
                    f"report '{r.id}' has the same URL as report '{other.id}' ({other.where})",
                    hint="one source should have one id: cite one of them and remove the other",
                    severity="warning",
                )
            )
