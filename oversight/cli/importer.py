"""`oversight import`: the office's past Word letters as letter files (docs/import.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from oversight.cli.printer import Out
from oversight.errors import Problem, UserError, display_path
from oversight.importing.run import harvest, import_files


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "import",
        help="turn past Word letters (.docx; .doc, .odt, .rtf through LibreOffice) into letter files",
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FOLDER")
    p.add_argument("--force", action="store_true", help="replace letter files that exist")
    p.add_argument(
        "--strict", action="store_true", help="fail a file whose round trip lost anything"
    )
    p.add_argument(
        "--reports",
        type=Path,
        action="append",
        default=[],
        metavar="LIBRARY",
        help="the office's report library: footnotes that match its entries cite them (repeatable)",
    )
    p.add_argument(
        "--bank",
        type=Path,
        metavar="FILE",
        help="also add the imported questions to this question bank file (made if new)",
    )
    p.set_defaults(handler=_import)


def _import(args: argparse.Namespace, out: Out) -> int:
    folder: Path = args.output
    if not folder.is_dir():
        raise UserError(Problem(f"the output folder {display_path(folder)} does not exist"))
    tty = sys.stderr.isatty()

    def progress(done: int, total: int, result: Any) -> None:
        if tty and total > 1:  # one line, rewritten: how far a long batch has got
            print(f"\r[{done}/{total}] {result.source.name[:60]:<60}", end="", file=sys.stderr)
            if done == total:
                print("\r" + " " * 70 + "\r", end="", file=sys.stderr)

    results = import_files(
        args.paths, folder, force=args.force, libraries=args.reports, progress=progress
    )
    failed = 0
    for r in results:
        name = display_path(r.source)
        if r.error is not None:
            out.problem(Problem(r.error, file=name))
            failed += 1
            continue
        assert r.target is not None and r.fidelity is not None
        lost = f"; lost: {len(r.lost)}" if r.lost else ""
        out.line(
            f"{name} -> {display_path(r.target)}: {r.questions} questions, "
            f"{r.footnotes} footnotes, {r.fidelity:.0%} came back on rendering{lost}"
        )
        for w in r.warnings:
            out.note(f"{name}: warning: {w}")
        for line in r.lost[:5]:
            out.note(f"{name}: not found again: {line[:100]}")
        if args.strict and r.lost:
            failed += 1
    out.line(summary(results, failed))
    if args.bank is not None:
        targets = [r.target for r in results if r.target is not None]
        added, notes = harvest(args.bank, targets)
        for note in notes:
            if isinstance(note, Problem):
                out.problem(note)
            else:
                out.note(note)
        out.line(f"{display_path(args.bank)}: {added} question{'s' * (added != 1)} added")
    return 1 if failed else 0


def summary(results: list[Any], failed: int) -> str:
    """The batch in a few lines: how many came in, and how whole."""
    done = [r for r in results if r.error is None and r.fidelity is not None]
    lines = [f"{len(results) - failed} of {len(results)} imported"]
    if len(done) > 1:
        whole = sum(1 for r in done if not r.lost)
        lowest = min(done, key=lambda r: r.fidelity)
        lines.append(
            f"  {sum(r.questions for r in done)} questions, {sum(r.footnotes for r in done)} "
            f"footnotes; {whole} of {len(done)} came back whole; lowest "
            f"{lowest.fidelity:.0%} ({display_path(lowest.source)})"
        )
    return "\n".join(lines)
