"""Report entries: the sources a letter cites, inline or in library files shared by many letters.

An entry is a mapping with an ``id``, a ``kind`` and the fields its kind's citation needs (the
kind, from ``citations.registry``, checks them). Entries are checked here, each problem located
in the file that holds it. :func:`letter_reports` is the one lookup of a letter's reports: its
inline entries and the library files its ``reports:`` list names, read once per process while
they are unchanged.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import msgspec

from oversight.citations import registry
from oversight.errors import Problem, Problems, Segment, UserError, did_you_mean
from oversight.fsutil import is_file
from oversight.yamlfile import Document, load_file

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


class Report(msgspec.Struct):
    """A checked report entry and where it was written."""

    id: str
    kind: str
    fields: dict[str, Any]
    doc: Document
    path: tuple[Segment, ...]
    inline: bool  # written in the letter itself (not a shared library)

    @property
    def where(self) -> str:
        m = self.doc.mark(self.path)
        return f"{self.doc.file}:{m.line}" if m else self.doc.file


def check_entry(
    doc: Document, path: tuple[Segment, ...], entry: Any, problems: Problems
) -> Report | None:
    """Check one entry (its kind checks its fields); add problems; return it when usable."""
    if not isinstance(entry, dict):
        problems.add(doc.problem(path, "a report entry must be a mapping with 'id' and 'kind'"))
        return None
    before = len(problems.errors)
    rid = entry.get("id")
    if not isinstance(rid, str) or not _ID.match(rid):
        if rid is None:
            problems.add(
                doc.problem(
                    path, "missing 'id'", hint="give the report a short id, e.g. wapo-irs-dhs"
                )
            )
        else:
            problems.add(
                doc.problem(
                    (*path, "id"),
                    f"'{rid}' is not a valid id",
                    hint="use lowercase letters, digits and hyphens",
                )
            )
    kind = entry.get("kind")
    spec = registry.get(kind)
    if spec is None:
        if kind is None:
            problems.add(doc.problem(path, "missing 'kind'", hint=registry.one_of()))
        else:
            problems.add(
                doc.problem(
                    (*path, "kind"),
                    f"unknown kind '{kind}'",
                    hint=did_you_mean(str(kind), registry.names()) or registry.one_of(),
                )
            )
        return None

    def report(
        where: tuple[Segment, ...],
        message: str,
        *,
        hint: str | None = None,
        key: bool = False,
        severity: str = "error",
    ) -> None:
        problems.add(doc.problem((*path, *where), message, hint=hint, key=key, severity=severity))

    spec.check(entry, report)
    if len(problems.errors) > before:
        return None
    assert isinstance(rid, str) and isinstance(kind, str)
    return Report(rid, kind, dict(entry), doc, path, inline=False)


def load_library(path: Path, problems: Problems, shown: str | None = None) -> list[Report]:
    """Read a report library file: ``reports: [entry, ...]``."""
    try:
        doc = load_file(path, shown)
    except UserError as err:
        problems.extend(err.problems)
        return []
    return library_entries(doc, problems)


def is_library(data: Any) -> bool:
    """Whether loaded YAML data is a report library (a mapping holding only ``reports:``)."""
    return isinstance(data, dict) and list(data) == ["reports"]


def library_entries(doc: Document, problems: Problems) -> list[Report]:
    """The checked entries of a loaded report library file."""
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("reports"), list):
        problems.add(doc.problem((), "a report library is a mapping with a 'reports:' list"))
        return []
    for key in data:
        if key != "reports":
            problems.add(
                doc.problem(
                    (key,), f"unknown key '{key}'", hint="a library holds only 'reports:'", key=True
                )
            )
    out = []
    for i, entry in enumerate(data["reports"]):
        report = check_entry(doc, ("reports", i), entry, problems)
        if report:
            out.append(report)
    return out


_LIBRARIES: dict[tuple[Any, ...], tuple[list[Report], list[Problem]]] = {}


def read_library(path: Path, problems: Problems) -> list[Report]:
    """A report library, read once per process while the file is unchanged (a batch of letters,
    the TUI's checks and its cite picker share it)."""
    key = _file_stamp(path)
    if key not in _LIBRARIES:
        found = Problems()
        if len(_LIBRARIES) > 64:
            _LIBRARIES.clear()
        _LIBRARIES[key] = (load_library(path, found), found.items)
    reports, found_problems = _LIBRARIES[key]
    problems.extend(found_problems)
    return reports


def _file_stamp(path: Path) -> tuple[Any, ...]:
    try:
        st = path.stat()
    except (OSError, ValueError):
        return (str(path),)
    return (str(path), st.st_mtime_ns, st.st_size, stat.S_ISREG(st.st_mode))


class Found(msgspec.Struct):
    """What one item of a letter's ``reports:`` list brings."""

    reports: list[Report]
    library: Path | None = None  # the library file, for an item naming one


def letter_reports(
    doc: Document,
    refs: Sequence[Any],
    base_dir: Path,
    problems: Problems,
    *,
    read: Callable[[Path, Problems], list[Report]] = read_library,
    checked: bool = True,
) -> Iterator[Found]:
    """The entries a letter's ``reports:`` list reaches, item by item, in order.

    A text item names a library file, relative to ``base_dir`` (the letter's folder) unless
    absolute; one that is not there is a problem at its line. Any other item is an inline entry,
    checked (``checked=False``: listed as written, even unfinished, for the TUI's cite picker).
    Lazy: a caller adding each item's entries as it comes sees the problems in file order.
    """
    for i, ref in enumerate(refs):
        if isinstance(ref, str):
            p = Path(ref)
            target = p if p.is_absolute() else base_dir / p
            if not is_file(target):
                problems.add(
                    doc.problem(
                        ("reports", i),
                        f"report library '{ref}' not found",
                        hint="paths are relative to the letter's folder",
                    )
                )
                continue
            yield Found(read(target, problems), target)
        elif not checked:
            if isinstance(ref, dict):
                fields = dict(ref)
                rid, kind = str(fields.get("id")), str(fields.get("kind"))
                yield Found([Report(rid, kind, fields, doc, ("reports", i), inline=True)])
        else:
            report = check_entry(doc, ("reports", i), ref, problems)
            if report:
                report.inline = True
                yield Found([report])


def libraries_in(folders: Iterable[Path]) -> list[Path]:
    """The report library files (``*.yaml``, ``*.yml`` holding only ``reports:``) in folders."""
    found: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            try:
                data = load_file(path).data
            except UserError:
                continue  # not ours to judge here: only libraries are searched
            if is_library(data):
                found.append(path)
    return found


def same_entry(a: Report, b: Report) -> bool:
    """Whether two entries say the same thing (a staff ``note`` aside)."""

    def keep(r: Report) -> dict[str, Any]:
        return {k: v for k, v in r.fields.items() if k != "note"}

    return keep(a) == keep(b)


_same = same_entry


class ReportSet:
    """All reports a letter can cite, by id; a duplicate id is an error naming both places."""

    def __init__(self) -> None:
        self.by_id: dict[str, Report] = {}

    def add(self, reports: Iterable[Report], problems: Problems) -> None:
        for report in reports:
            first = self.by_id.get(report.id)
            if first is not None:
                if (first.doc is report.doc and first.path == report.path) or _same(first, report):
                    continue  # the same entry reached twice (a library and a bank may share one)
                problems.add(
                    report.doc.problem(
                        report.path,
                        f"report id '{report.id}' is defined twice (also at {first.where})",
                        hint="give one of them another id",
                    )
                )
                continue
            self.by_id[report.id] = report

    def fields(self) -> dict[str, dict[str, Any]]:
        return {rid: r.fields for rid, r in self.by_id.items()}
