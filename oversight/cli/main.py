"""The command line: parse arguments, call the core, print problems. Nothing else lives here.

Exit codes: 0 done, 1 a problem with the input (each printed as file:line:column), 2 usage.
Imports are lazy so ``oversight render`` loads only what rendering needs (never Textual).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from oversight import __version__
from oversight.cli.printer import Out
from oversight.errors import Problem, UserError, display_path


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="oversight",
        description="Draft congressional oversight letters: YAML in, a formal Word letter out.",
    )
    p.add_argument("--version", action="version", version=f"oversight {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    r = sub.add_parser(
        "render",
        help="turn letter files into .docx (and PDF)",
        description="Render letters to .docx.",
    )
    r.add_argument("files", nargs="+", type=Path, metavar="LETTER", help="letter YAML files")
    r.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        help="output file (one letter) or folder (several)",
    )
    r.add_argument(
        "--pdf", action="store_true", help="also write a PDF beside each .docx (needs LibreOffice)"
    )
    r.add_argument(
        "--each-recipient",
        action="store_true",
        help="one letter per recipient (letter-kristi-noem.docx, ...), each addressed to that recipient only",
    )
    r.add_argument(
        "-j", "--jobs", type=int, metavar="N", help="processes for a batch (default: one per core)"
    )

    v = sub.add_parser("validate", help="check letter files without writing anything")
    v.add_argument("files", nargs="+", type=Path, metavar="LETTER")

    n = sub.add_parser("new", help="write a commented starter letter")
    n.add_argument("path", nargs="?", type=Path, default=Path("letter.yaml"), metavar="PATH")

    s = sub.add_parser("schema", help="print the JSON Schema of the letter format")
    s.add_argument("-o", "--output", type=Path, metavar="PATH", help="write it to a file")

    t = sub.add_parser("tui", help="draft a letter in the terminal UI")
    t.add_argument("path", nargs="?", type=Path, metavar="LETTER")

    # Command groups in their own modules; each registers its sub-commands and sets a handler.
    # They are imported only when their command runs (they are large); otherwise a line of
    # help stands in for them.
    if command == "bank":
        from oversight.cli import banks as bank_commands

        bank_commands.add_parser(sub)
    else:
        sub.add_parser("bank", help="search, show, add to and check question banks")
    if command == "reports":
        from oversight.cli import reports as report_commands

        report_commands.add_parser(sub)
    else:
        sub.add_parser("reports", help="list, show, check and import cited reports")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = _parser(command)
    args = parser.parse_args(argv)
    out = Out()
    if args.command is None:
        parser.print_help()
        return 2
    try:
        handler = (
            getattr(args, "handler", None)
            or {
                "render": _render,
                "validate": _validate,
                "new": _new,
                "schema": _schema,
                "tui": _tui,
            }[args.command]
        )
        return int(handler(args, out))
    except UserError as err:
        for problem in err.problems:
            out.problem(problem)
        return 1
    except KeyboardInterrupt:
        out.note("interrupted")
        return 130
    except BrokenPipeError:  # `oversight bank list | head`: the reader has gone; stop quietly
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed stream
        return 0
    except Exception as err:  # never a traceback for a staffer; the debug switch shows it
        if os.environ.get("OVERSIGHT_DEBUG"):
            raise
        out.note(f"oversight: internal error: {type(err).__name__}: {err}")
        out.note(
            "This is a bug in oversight, not in your letter. Run again with OVERSIGHT_DEBUG=1 to see details."
        )
        return 70


def _outputs(files: list[Path], output: Path | None) -> list[Path]:
    if output is None:
        return [f.with_suffix(".docx") for f in files]
    if len(files) == 1 and not output.is_dir() and output.suffix.lower() == ".docx":
        return [output]
    if not output.is_dir():
        raise UserError(
            Problem(
                "with several letters, -o must be an existing folder"
                if len(files) > 1
                else "-o must be a .docx file name or an existing folder",
                file=display_path(output),
            )
        )
    return [output / f.with_suffix(".docx").name for f in files]


def _collisions(files: list[Path], targets: list[Path]) -> dict[Path, Problem]:
    """Letters whose output is the letter itself, or is also another letter's output.

    Both letters of a collision are refused: which one was meant cannot be guessed.
    """
    by_target: dict[Path, list[Path]] = {}
    for source, target in zip(files, targets, strict=True):
        by_target.setdefault(target.resolve(), []).append(source)
    refused: dict[Path, Problem] = {}
    for source, target in zip(files, targets, strict=True):
        sharing = by_target[target.resolve()]
        if target.resolve() == source.resolve():
            refused[source] = Problem(
                "the output would replace the letter file itself",
                file=display_path(source),
                hint="give the letter a .yaml name, or choose the output with -o",
            )
        elif len(sharing) > 1:
            names = " and ".join(display_path(p) for p in sharing)
            refused[source] = Problem(
                f"would be written by both {names}; neither was rendered",
                file=display_path(target),
                hint="give the letters different names, or render them into different folders",
            )
    return refused


def _render(args: argparse.Namespace, out: Out) -> int:
    from oversight.render.batch import Job, Progress, recipient_jobs, run, workers_for

    targets = _outputs(args.files, args.output)
    written: list[Path] = []
    failed = 0
    refused = _collisions(args.files, targets)
    letters = len(args.files)
    reported: set[str] = set()
    jobs: list[Job] = []
    for source, target in zip(args.files, targets, strict=True):
        if source in refused:
            failed += 1
            if refused[source].headline() not in reported:
                reported.add(refused[source].headline())
                out.problem(refused[source])
        elif args.each_recipient:
            try:
                jobs.extend(recipient_jobs(source, target))
            except UserError as err:
                failed += 1
                for problem in err.problems:
                    out.problem(problem)
        else:
            jobs.append(Job(source, target))
    progress = Progress(len(jobs))
    for result in run(jobs, workers_for(len(jobs), args.jobs)):
        progress.step()
        if not result.written:
            failed += 1
            progress.clear()
        for problem in result.problems:
            out.problem(problem)
        if result.written:
            written.append(result.job.target)
            if not progress.enabled:
                print(f"wrote {display_path(result.job.target)}")
    if args.pdf and written:
        from oversight.render.pdf import PdfError, convert

        try:
            for pdf in convert(written):
                if not progress.enabled:
                    print(f"wrote {display_path(pdf)}")
        except PdfError as err:
            out.problem(Problem(str(err), hint=err.hint))
            return 1
    if max(letters, len(jobs)) > 1:
        made = f"{len(written)} written" + (" (with PDFs)" if args.pdf and written else "")
        out.note(f"{made}, {failed} failed")
    return 1 if failed else 0


def _validate(args: argparse.Namespace, out: Out) -> int:
    from oversight.letters.prepare import load_letter
    from oversight.render.context import render_ir

    failed = 0
    for source in args.files:
        try:
            prep = load_letter(source)
            render_ir(prep)  # citations, template: everything short of writing
        except UserError as err:
            failed += 1
            for problem in err.problems:
                out.problem(problem)
            continue
        for warning in prep.problems.warnings:
            out.problem(warning)
        print(f"{display_path(source)}: ok")
    return 1 if failed else 0


def _new(args: argparse.Namespace, out: Out) -> int:
    from oversight.draft import starter_text
    from oversight.fsutil import atomic_write

    path: Path = args.path
    if path.exists():
        raise UserError(
            Problem(
                "already exists; choose another name (nothing was changed)", file=display_path(path)
            )
        )
    if not path.parent.is_dir() and str(path.parent):
        raise UserError(
            Problem(
                f"the folder {display_path(path.parent)} does not exist", file=display_path(path)
            )
        )
    atomic_write(path, starter_text().encode("utf-8"))
    print(f"wrote {display_path(path)}: edit it, then run: oversight render {display_path(path)}")
    return 0


def _schema(args: argparse.Namespace, out: Out) -> int:
    import json

    from oversight.letters.model import json_schema

    text = json.dumps(json_schema(), indent=2) + "\n"
    if args.output:
        from oversight.fsutil import atomic_write

        atomic_write(args.output, text.encode())
        print(f"wrote {display_path(args.output)}")
    else:
        sys.stdout.write(text)
    return 0


def _tui(args: argparse.Namespace, out: Out) -> int:
    try:
        from oversight.tui.app import run  # type: ignore[import-untyped]
    except ImportError as err:
        raise UserError(Problem(f"the terminal UI is not available: {err}")) from None
    return int(run(args.path))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
