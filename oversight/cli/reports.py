"""`oversight reports list|show|check|import`: the report entries of letters and libraries.

* ``list FILE...``: every entry a letter or library holds, one line each, with its full citation.
* ``show ID [FILE...]``: one entry's full and short forms as they will print, its fields, where
  it is defined.
* ``check FILE...``: dangling citations, unused entries, duplicate ids, missing fields, the same
  URL under two ids, across letters and the libraries they share (``citations/check.py``).
* ``import FILE.json [-o LIBRARY.yaml]``: CSL-JSON (Zotero and other reference managers) to
  report entries (``citations/csl_import.py``).

Parsing and printing only: the entries are collected by ``citations/collection.py``, their forms
written by ``citations/forms.py``. ``check`` (the render pipeline) and ``import`` (ruamel.yaml)
import their module when they run: ``list`` and ``show`` need neither (docs/architecture.md,
"Deliberate lazy imports").
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oversight.citations import registry
from oversight.citations.collection import Collection
from oversight.citations.forms import citation_forms, full_form, may_also_have
from oversight.citations.library import libraries_in, same_entry
from oversight.cli.printer import Out, usage
from oversight.errors import Problem, UserError, did_you_mean, display_path
from oversight.fsutil import atomic_write, check_output_path
from oversight.yamlfile import MAX_FILE_BYTES

if TYPE_CHECKING:  # pragma: no cover
    from oversight.citations.bluebook import Run


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
# Citation forms as text


def _styled(runs: list[Run], italic: bool) -> str:
    if not italic:
        return "".join(r.text for r in runs)
    return "".join(f"\033[3m{r.text}\033[23m" if r.italic else r.text for r in runs)


def _tty_italic() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _value_text(value: Any) -> str:
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
        cite = _styled(full_form(r), italic)
        print(f"{r.id:<{id_width}}  {r.kind:<{kind_width}}  {cite}  {r.where}")
    return 1 if errors else 0


def _show(args: argparse.Namespace, out: Out) -> int:
    # Without FILE: the libraries of the working folder and of its reports/ folder.
    files: list[Path] = list(args.files) or libraries_in([Path("."), Path("reports")])
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
    for label, runs in citation_forms(report, everything):
        lines.append(f"{label}:")
        lines.append(f"  {_styled(runs, italic)}")
    lines.append("")
    lines.append("fields:")
    width = max(len(str(k)) for k in report.fields)
    for key, value in report.fields.items():
        lines.append(f"  {key + ':':<{width + 1}} {_value_text(value)}")
    unused = may_also_have(report)
    lines.append("")
    lines.append(f"{spec.a_label} needs: {', '.join(spec.required)}")
    if unused:
        lines.append(f"it may also have: {', '.join(unused)}")
    print("\n".join(lines))
    return 0


def _check(args: argparse.Namespace, out: Out) -> int:
    from oversight.citations.check import check

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

    output: Path | None = args.output
    if output is not None:
        check_output_path(output, ".yaml")
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
    if len(data) > MAX_FILE_BYTES:
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
