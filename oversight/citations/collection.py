"""The report entries of the letters, banks and libraries a command names, read together.

A :class:`Collection` reads each file once, however many letters name it: a library's entries,
a bank's own ``reports:``, and a letter's inline entries and libraries (through
:func:`~oversight.citations.library.letter_reports`, the lookup rendering uses) — and, when asked,
prepares the letter through the real pipeline, which brings the entries of its bank questions.
Nothing is printed; problems are collected.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msgspec

from oversight.citations.library import (
    Report,
    check_entry,
    is_library,
    letter_reports,
    library_entries,
)
from oversight.errors import Problem, Problems, UserError
from oversight.letters.prepare import Prepared, load_letter
from oversight.yamlfile import Document, load_file

__all__ = ["Collection", "Source", "unique"]


class Source(msgspec.Struct):
    """One FILE from the command line."""

    path: Path
    doc: Document
    role: str  # "library", "bank" or "letter"
    reports: list[Report] = msgspec.field(default_factory=list)  # every entry it holds or reaches
    libraries: list[Path] = msgspec.field(default_factory=list)  # letters: libraries under reports:
    prep: Prepared | None = None  # letters: prepared, when the letter has no errors
    letter_problems: list[Problem] = msgspec.field(
        default_factory=list
    )  # why it could not be prepared

    @property
    def file(self) -> str:
        return self.doc.file


class Collection:
    """The entries of the given files; each library is read once however many letters use it."""

    def __init__(self) -> None:
        self.problems: Problems = Problems()
        self.sources: list[Source] = []
        self.libraries: dict[Path, list[Report]] = {}  # resolved path -> entries (load order)

    def library(self, path: Path, doc: Document | None = None) -> list[Report]:
        key = path.resolve()
        if key not in self.libraries:
            self.libraries[key] = []
            if doc is None:
                try:
                    doc = load_file(path)
                except UserError as err:
                    self.problems.extend(err.problems)
                    return []
            self.libraries[key] = library_entries(doc, self.problems)
        return self.libraries[key]

    def add(self, path: Path, *, prepare: bool) -> Source | None:
        """Read one FILE; ``prepare`` also loads a letter through the real pipeline."""
        try:
            doc = load_file(path)
        except UserError as err:
            self.problems.extend(err.problems)
            return None
        data = doc.data
        if is_library(data):
            source = Source(path, doc, "library", self.library(path, doc))
        elif isinstance(data, dict) and "bank" in data and "questions" in data:
            source = Source(path, doc, "bank", self._bank_entries(doc))
        elif isinstance(data, dict) and data:
            source = self._letter(path, doc, prepare)
        else:
            self.problems.add(
                doc.problem(
                    (),
                    "neither a letter nor a report library",
                    hint="a library is a file holding only 'reports:' (a list of entries)",
                )
            )
            return None
        self.sources.append(source)
        return source

    def _bank_entries(self, doc: Document) -> list[Report]:
        entries = doc.data.get("reports")
        out: list[Report] = []
        if isinstance(entries, list):
            for i, entry in enumerate(entries):
                report = check_entry(doc, ("reports", i), entry, self.problems)
                if report:
                    out.append(report)
        return out

    def _read(self, path: Path, problems: Problems) -> list[Report]:
        return self.library(path)  # problems go to self.problems, once per library

    def _letter(self, path: Path, doc: Document, prepare: bool) -> Source:
        """A letter's entries as rendering reads them, tolerating the letter's other errors."""
        source = Source(path, doc, "letter")
        refs = doc.data.get("reports")
        for found in letter_reports(
            doc,
            refs if isinstance(refs, list) else [],
            path.resolve().parent,
            self.problems,
            read=self._read,
        ):
            if found.library is not None:
                source.libraries.append(found.library.resolve())
            source.reports.extend(found.reports)
        if prepare:
            try:
                source.prep = load_letter(path)
            except UserError as err:
                source.letter_problems = err.problems
            else:
                # Entries a letter reaches only through its bank questions.
                have = {r.id for r in source.reports}
                source.reports.extend(
                    r for r in source.prep.reports.by_id.values() if r.id not in have
                )
        return source

    def reports(self) -> list[Report]:
        """Every distinct entry (an entry reached through several files counts once)."""
        seen: set[tuple[str, tuple[Any, ...]]] = set()
        out: list[Report] = []
        for source in self.sources:
            for r in source.reports:
                key = (r.doc.file, r.path)
                if key not in seen:
                    seen.add(key)
                    out.append(r)
        return out


def unique(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in order, each once (a library shared by two letters is read for both)."""
    seen: set[tuple[Any, ...]] = set()
    out: list[Problem] = []
    for p in problems:
        key = (p.file, p.line, p.column, p.message, p.severity)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
