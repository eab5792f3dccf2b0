"""`oversight reports list|show|check|import`: the report entries of letters and libraries.

* ``list FILE...``: every entry a letter or library holds, one line each, with its full citation.
* ``show ID [FILE...]``: one entry's full and short forms as they will print, its fields, where
  it is defined.
* ``check FILE...``: dangling citations, unused entries, duplicate ids, missing fields, the same
  URL under two ids, across letters and the libraries they share.
* ``import FILE.json [-o LIBRARY.yaml]``: CSL-JSON (Zotero and other reference managers) to
  report entries (``oversight/csl.py``).

Which ids a letter cites is found by the real pipeline: the letter is prepared
(``letter.load_letter``), its template rendered and the output parsed by ``render.text`` with the
Markdown citation rule, exactly as when rendering; only the footnote writer is replaced by one
that records ids. Nothing heavy is imported until a command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from oversight.cli.printer import Out, usage

if TYPE_CHECKING:  # pragma: no cover
    from oversight.citations.bluebook import Run
    from oversight.citations.library import Report
    from oversight.errors import Problem, Problems
    from oversight.letters.prepare import Prepared, Rich
    from oversight.yamlfile import Document


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "reports",
        help="list, show and check report entries; import CSL-JSON",
        description="Work with the report entries that letters cite (docs/citations.md).",
    )
    rs = p.add_subparsers(dest="reports_command", metavar="COMMAND")
    p.set_defaults(handler=lambda args, out: usage(p))

    ls = rs.add_parser(
        "list",
        help="list the entries of letters and report libraries",
        description="Print each entry: id, kind, its full citation, and where it is defined.",
    )
    ls.add_argument("files", nargs="+", type=Path, metavar="FILE", help="letters or libraries")
    ls.set_defaults(handler=_list)

    sh = rs.add_parser(
        "show",
        help="show one entry: its citation forms and fields",
        description="Show a report entry's full and short citation forms, its fields and where "
        "it is defined. Without FILE, the libraries in this folder and in reports/ are searched.",
    )
    sh.add_argument("id", metavar="ID", help="the report id, e.g. gao-25-107000")
    sh.add_argument("files", nargs="*", type=Path, metavar="FILE", help="letters or libraries")
    sh.set_defaults(handler=_show)

    ck = rs.add_parser(
        "check",
        help="check citations and entries across letters and libraries",
        description="Dangling citations, unused entries, duplicate ids, missing fields and the "
        "same URL under two ids. Give the letters and the libraries they share; entries of a "
        "library named here that none of the letters cites are reported. Exit 1 on errors.",
    )
    ck.add_argument("files", nargs="+", type=Path, metavar="FILE", help="letters or libraries")
    ck.set_defaults(handler=_check)

    im = rs.add_parser(
        "import",
        help="convert CSL-JSON (a Zotero export) to report entries",
        description="Convert a CSL-JSON file (Zotero: File > Export Library > CSL JSON) to "
        "report entries. Without -o the library is printed; with -o an existing library keeps "
        "its content and comments and gains the entries whose ids it does not have yet.",
    )
    im.add_argument("file", type=Path, metavar="FILE.json", help="the CSL-JSON file")
    im.add_argument(
        "-o", "--output", type=Path, metavar="LIBRARY.yaml", help="write (or add to) this library"
    )
    im.set_defaults(handler=_import)




# ---------------------------------------------------------------------------------------------
# Collecting entries from letters and libraries (no printing here)


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
        from oversight.errors import Problems

        self.problems: Problems = Problems()
        self.sources: list[Source] = []
        self.libraries: dict[Path, list[Report]] = {}  # resolved path -> entries (load order)

    def library(self, path: Path, doc: Document | None = None) -> list[Report]:
        from oversight.citations.library import library_entries
        from oversight.errors import UserError
        from oversight.yamlfile import load_file

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
        from oversight.citations.library import is_library
        from oversight.errors import UserError
        from oversight.yamlfile import load_file

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
        from oversight.citations.library import check_entry

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
        from oversight.citations.library import letter_reports
        from oversight.errors import UserError

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
            from oversight.letters.prepare import load_letter

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


# ---------------------------------------------------------------------------------------------
# Which ids a letter cites


class _CitedIds:
    """Stands in for the footnote writer while the letter's text is built: records ids."""

    def __init__(self, prep: Prepared, problems: Problems, template_file: str) -> None:
        self.known = prep.reports.by_id
        self.problems = problems
        self.template_file = template_file
        self.cited: dict[str, int] = {}  # id -> times cited, in order of first citation

    def __call__(self, content: str, rich: Rich | None) -> int | None:
        from oversight.citations.markers import CitationSyntaxError, parse_citation
        from oversight.errors import Problem, did_you_mean

        def problem(message: str, hint: str | None = None) -> Problem:
            if rich is not None:
                return rich.problem(message, hint)
            return Problem(message, file=self.template_file, hint=hint)

        try:
            cites = parse_citation(content)
        except CitationSyntaxError as err:
            self.problems.add(problem(f"citation [{content}]: {err}"))
            return None
        for c in cites:
            self.cited[c.report_id] = self.cited.get(c.report_id, 0) + 1
            if c.report_id not in self.known:
                rid = c.report_id
                self.problems.add(
                    problem(
                        f"citation [@{rid}]: no report with id '{rid}'",
                        did_you_mean(rid, self.known)
                        or "add it under 'reports:' or to a report library",
                    )
                )
        return None  # no footnote is written


def cited_ids(prep: Prepared, problems: Problems) -> dict[str, int] | None:
    """The ids a prepared letter cites (in order, with counts); None if its template fails.

    Citations of unknown ids and citation syntax errors are added to ``problems``.
    """
    from oversight.errors import UserError
    from oversight.render.context import context, template_folder
    from oversight.render.text import TEMPLATE_FILE, build_doc, template_set

    try:
        folder = template_folder(prep)
        markup, slots = template_set(folder).render(context(prep))
    except UserError as err:
        problems.extend(err.problems)
        return None
    template_file = str(folder / TEMPLATE_FILE)
    recorder = _CitedIds(prep, problems, template_file)
    build_doc(markup, slots, recorder, problems, template_file)
    return recorder.cited


# ---------------------------------------------------------------------------------------------
# Check


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
    """Check letters and libraries together; see the module docstring."""
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
    from oversight.citations.library import same_entry

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
    from urllib.parse import urlsplit

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


# ---------------------------------------------------------------------------------------------
# Citation forms as text


def _styled(runs: list[Run], italic: bool) -> str:
    if not italic:
        return "".join(r.text for r in runs)
    return "".join(f"\033[3m{r.text}\033[23m" if r.italic else r.text for r in runs)


def _tty_italic() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def full_citation(report: Report, *, italic: bool = False) -> str:
    """The entry's first, full citation as one line of text."""
    from oversight.citations.footnotes import FootnoteWriter
    from oversight.citations.markers import Cite

    writer = FootnoteWriter({report.id: report.fields})
    return _styled(writer.footnote([Cite(report.id)]), italic)


_OTHER = "\x00other"  # an id no entry can have: a footnote in between, so no Id.


def citation_forms(
    report: Report, everything: dict[str, dict[str, Any]], *, italic: bool = False
) -> list[tuple[str, str]]:
    """(label, text): the full form, later short forms (with and without a pin), and Id."""
    from oversight.citations import registry
    from oversight.citations.footnotes import FootnoteWriter
    from oversight.citations.markers import Cite

    pin = registry.kind(report.kind).example_pin
    reports = {**everything, report.id: report.fields}
    reports[_OTHER] = {"kind": "web", "title": "Other", "publisher": "Other"}

    def write(*notes: list[Cite]) -> str:
        w = FootnoteWriter(reports)
        runs: list[Run] = []
        for cites in notes:
            runs = w.footnote(cites)
        return _styled(runs, italic)

    me, other = [Cite(report.id)], [Cite(_OTHER)]
    at = [Cite(report.id, pin=pin)]
    return [
        (f"first citation [@{report.id}]", write(me)),
        (f"first, with a pin [@{report.id}, {pin}]", write(at)),
        ("later (note 1 = the first citation)", write(me, other, me)),
        (f"later, with a pin [@{report.id}, {pin}]", write(me, other, at)),
        ("right after itself", write(me, me)),
        (f"right after itself, with a pin [@{report.id}, {pin}]", write(me, at)),
    ]


def _value_text(value: Any) -> str:
    import datetime

    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value_text(v) for v in value) + "]"
    return " ".join(str(value).split())


# ---------------------------------------------------------------------------------------------
# Handlers




def _list(args: argparse.Namespace, out: Out) -> int:
    col = Collection()
    for path in args.files:
        col.add(path, prepare=True)
    errors = out.problems(col.problems.items)
    reports = col.reports()
    if not reports:
        out.note("no report entries found")
        return 1 if errors else 0
    id_width = max(len(r.id) for r in reports)
    kind_width = max(len(r.kind) for r in reports)
    italic = _tty_italic()
    for r in reports:
        cite = full_citation(r, italic=italic)
        print(f"{r.id:<{id_width}}  {r.kind:<{kind_width}}  {cite}  {r.where}")
    return 1 if errors else 0


def _default_files() -> list[Path]:
    """Report libraries in the working folder and its reports/ folder."""
    from oversight.citations.library import is_library
    from oversight.errors import UserError
    from oversight.yamlfile import load_file

    found: list[Path] = []
    for folder in (Path("."), Path("reports")):
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


def _show(args: argparse.Namespace, out: Out) -> int:
    from oversight.citations import registry
    from oversight.citations.library import same_entry
    from oversight.errors import Problem, UserError, did_you_mean, display_path

    files: list[Path] = list(args.files) or _default_files()
    if not files:
        raise UserError(
            Problem(
                f"no report libraries here to look for '{args.id}' in",
                hint=f"name the letter or library: oversight reports show {args.id} FILE",
            )
        )
    col = Collection()
    for path in files:
        col.add(path, prepare=True)
    reports = col.reports()
    matches = [r for r in reports if r.id == args.id]
    if not matches:
        errors = out.problems(col.problems.items)
        shown = ", ".join(display_path(f) for f in files)
        ids = sorted({r.id for r in reports})
        near = [i for i in ids if args.id in i]
        hint = did_you_mean(args.id, ids)
        if hint is None and near:
            hint = "did you mean " + " or ".join(f"'{i}'" for i in near[:5]) + "?"
        elif hint is None and ids:
            hint = "see the ids: oversight reports list " + " ".join(display_path(f) for f in files)
        one = len(files) == 1
        raise UserError(
            Problem(
                f"no report '{args.id}'"
                + ("" if one else f" in {shown}")
                + (" (some entries have errors, above)" if errors else ""),
                file=display_path(files[0]) if one else None,
                hint=hint,
            )
        )
    # Found: other entries' problems are for `reports check`, not for this page.
    report = matches[0]
    spec = registry.kind(report.kind)
    everything = {r.id: r.fields for r in reports}
    italic = _tty_italic()
    lines = [f"{report.id}: {spec.label} (kind: {report.kind}), defined at {report.where}"]
    for other in matches[1:]:
        same = "the same entry" if same_entry(report, other) else "DIFFERENT contents"
        lines.append(f"  also defined at {other.where} ({same})")
    lines.append("")
    for label, text in citation_forms(report, everything, italic=italic):
        lines.append(f"{label}:")
        lines.append(f"  {text}")
    lines.append("")
    lines.append("fields:")
    width = max(len(str(k)) for k in report.fields)
    for key, value in report.fields.items():
        lines.append(f"  {key + ':':<{width + 1}} {_value_text(value)}")
    unused = [f for f in (*spec.optional, "short") if f not in report.fields]
    if not spec.uses_short:  # statutes: never supra, no short title
        unused = [f for f in unused if f != "short"]
    lines.append("")
    lines.append(f"a {spec.label} needs: {', '.join(spec.required)}")
    if unused:
        lines.append(f"it may also have: {', '.join(unused)}")
    print("\n".join(lines))
    return 0


def _check(args: argparse.Namespace, out: Out) -> int:
    result = check(list(args.files))
    for p in result.problems:
        out.problem(p)
    for note in result.notes:
        out.note(note)
    parts = []
    if result.letters:
        parts.append(f"{result.letters} letter" + ("s" if result.letters != 1 else ""))
    if result.libraries:
        parts.append(f"{result.libraries} librar" + ("ies" if result.libraries != 1 else "y"))
    what = " and ".join(parts) or "nothing"
    if result.errors or result.warnings:
        counts = [
            f"{n} {word}" + ("s" if n != 1 else "")
            for n, word in ((result.errors, "error"), (result.warnings, "warning"))
            if n
        ]
        print(f"checked {what}: {', '.join(counts)}")
    else:
        print(f"checked {what}: ok")
    return 1 if result.errors else 0


def _import(args: argparse.Namespace, out: Out) -> int:
    from oversight.citations.csl_import import import_csl
    from oversight.errors import display_path
    from oversight.fsutil import atomic_write, check_output_path

    output: Path | None = args.output
    if output is not None:
        check_output_path(output)
    result = import_csl(args.file, output)
    for p in result.problems:
        out.problem(p)
    for entry, where in result.skipped:
        out.note(f"skipped '{entry.id}': already in {where}")
    if output is None:
        sys.stdout.write(result.text)
        return 0
    if not result.changed:
        out.note(f"{display_path(output)}: nothing to add")
        return 0
    data = result.text.encode("utf-8")
    from oversight.yamlfile import MAX_FILE_BYTES

    if len(data) > MAX_FILE_BYTES:
        from oversight.errors import Problem, UserError

        raise UserError(
            Problem(
                f"the library would be {len(data) / 1e6:.1f} MB, and letters read library files "
                f"of up to {MAX_FILE_BYTES / 1e6:.0f} MB; nothing was written",
                file=display_path(output),
                hint="export and import one collection at a time, into separate libraries",
            )
        )
    atomic_write(output, data)
    n = len(result.added)
    skipped = f", {len(result.skipped)} skipped" if result.skipped else ""
    print(f"wrote {display_path(output)}: {n} entr{'y' if n == 1 else 'ies'} added{skipped}")
    return 0
