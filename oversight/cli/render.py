"""`oversight render` and `oversight validate`: letters to .docx (and PDF), or only checked.

Parsing and printing; rendering is ``oversight.render.batch``'s. The PDF converter is imported
only with ``--pdf`` (docs/architecture.md, "Deliberate lazy imports").
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from oversight.banks.finder import letter_banks
from oversight.cli.printer import Out
from oversight.errors import Problem, UserError, display_path
from oversight.letters.prepare import load_letter
from oversight.render.batch import Job, Progress, recipient_jobs, run, workers_for
from oversight.render.context import render_ir


def add_parser(sub: Any) -> None:
    r = sub.add_parser(
        "render",
        usage="oversight render [-h] [-o PATH] [--pdf [plain]] [--each-recipient] [-j N] "
        "LETTER [LETTER ...]",
        help="turn letter files into .docx (and PDF)",
        description="Render letters to .docx.",
    )
    # "*", not "+": `--pdf LETTER` hands its letter back (_PdfOption), and _render checks that
    # there is one.
    r.add_argument("files", nargs="*", type=Path, metavar="LETTER", help="letter YAML files")
    r.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        help="output file (one letter) or folder (several)",
    )
    r.add_argument(
        "--pdf",
        nargs="?",
        action=_PdfOption,
        metavar="plain",
        help="also write a PDF beside each .docx (needs LibreOffice): archival (PDF/A-2b) and "
        "tagged for screen readers; with 'plain', LibreOffice's untagged PDF",
    )
    r.add_argument(
        "--each-recipient",
        action="store_true",
        help="one letter per recipient (letter-kristi-noem.docx, ...), each addressed to that recipient only",
    )
    r.add_argument(
        "-j", "--jobs", type=int, metavar="N", help="processes for a batch (default: one per core)"
    )
    r.set_defaults(handler=_render, usage_error=r.error)

    v = sub.add_parser("validate", help="check letter files without writing anything")
    v.add_argument("files", nargs="+", type=Path, metavar="LETTER")
    v.set_defaults(handler=_validate)


# The kinds of PDF (oversight.render.pdf.PDF_KINDS, not imported here: it is loaded only with --pdf).
PDF_KINDS = ("pdfa", "plain")


class _PdfOption(argparse.Action):
    """``--pdf`` alone is PDF/A; ``--pdf plain`` a plain PDF. argparse gives the option the word
    after it, so a word that is no kind of PDF is a letter file (``render --pdf letter.yaml``):
    it is kept, before or after the other letters as it was given."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        if values is None or values in PDF_KINDS:
            namespace.pdf = values or "pdfa"
            return
        namespace.pdf = "pdfa"
        namespace.pdf_letter = (Path(values), bool(getattr(namespace, "files", None)))


def _letters(args: argparse.Namespace) -> list[Path]:
    """The letter files in the order given, with one that followed --pdf."""
    files = list(args.files)
    given = getattr(args, "pdf_letter", None)
    if given is not None:
        letter, after_others = given
        files = [*files, letter] if after_others else [letter, *files]
    return files


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
    args.files = _letters(args)
    if not args.files:
        args.usage_error("the following arguments are required: LETTER")  # exits 2, as argparse
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
                jobs.extend(recipient_jobs(source, target, banks=letter_banks))
            except UserError as err:
                failed += 1
                for problem in err.problems:
                    out.problem(problem)
        else:
            jobs.append(Job(source, target))
    progress = Progress(len(jobs))
    for result in run(jobs, workers_for(len(jobs), args.jobs), banks=letter_banks):
        progress.step()
        if not result.written:
            failed += 1
            progress.clear()
        for problem in result.problems:
            out.problem(problem)
        if result.written:
            written.append(result.job.target)
            if not progress.enabled:
                out.line(f"wrote {display_path(result.job.target)}")
    if args.pdf and written:
        from oversight.render.pdf import PdfError, convert

        try:
            for pdf in convert(written, kind=args.pdf):
                if not progress.enabled:
                    out.line(f"wrote {display_path(pdf)}")
        except PdfError as err:
            out.problem(Problem(str(err), hint=err.hint))
            return 1
    if max(letters, len(jobs)) > 1:
        made = f"{len(written)} written" + (" (with PDFs)" if args.pdf and written else "")
        out.note(f"{made}, {failed} failed")
    return 1 if failed else 0


def _validate(args: argparse.Namespace, out: Out) -> int:
    failed = 0
    for source in args.files:
        try:
            prep = load_letter(source, banks=letter_banks)
            render_ir(prep)  # citations, template: everything short of writing
        except UserError as err:
            failed += 1
            for problem in err.problems:
                out.problem(problem)
            continue
        for warning in prep.problems.warnings:
            out.problem(warning)
        out.line(f"{display_path(source)}: ok")
    return 1 if failed else 0
