"""`oversight import`: Word letters to letter files, each checked by rendering it again.

For each input: .doc, .odt and .rtf are converted through LibreOffice first (one process for
all of them); each .docx is opened safely, read (``letter``), written as YAML beside the others
in the output folder (never over an existing file unless asked), rendered again and compared
with the source paragraph by paragraph, label by label, footnote by footnote. A file that
cannot be imported gets one message and the rest go on.
"""

from __future__ import annotations

import difflib
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import msgspec
import yaml

from oversight.banks.harvest import bank_file_text, plan_addition, write_bank_file
from oversight.citations.library import load_library
from oversight.errors import Problem, Problems, UserError
from oversight.fsutil import atomic_write
from oversight.importing.convert import to_docx
from oversight.importing.letter import ORDER as _ORDER
from oversight.importing.letter import footnote_texts, paragraphs, read_letter
from oversight.importing.package import DocxPackage, PackageError, open_docx
from oversight.letters.prepare import load_letter_text
from oversight.render import docx_bytes

WORD = (".docx",)
CONVERTED = (".doc", ".odt", ".rtf")


class Result(msgspec.Struct):
    source: Path
    target: Path | None = None
    error: str | None = None
    warnings: list[str] = msgspec.field(default_factory=list)
    questions: int = 0
    footnotes: int = 0
    fidelity: float | None = None  # share of the source's paragraphs and notes found again
    lost: list[str] = msgspec.field(default_factory=list)  # what did not survive


def inputs(paths: Sequence[Path]) -> list[Path]:
    """The files named, and the Word files in the folders named (sorted, not recursive)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(
                sorted(
                    f for f in p.iterdir() if f.suffix.lower() in WORD + CONVERTED and f.is_file()
                )
            )
        else:
            out.append(p)
    return out


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):  # type: ignore[misc]
    """PyYAML's C emitter: a new file has no comments to keep, and ruamel's would take a third of
    the import's time."""


def _text(dumper: Any, value: str) -> Any:
    several = "\n" in value.strip("\n")
    style = "|" if several else None  # paragraphs as | blocks
    value = value if several else value.rstrip("\n")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def yaml_text(data: dict[str, Any]) -> str:
    """The letter as a YAML file, paragraphs as ``|`` blocks."""
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return "# Imported by `oversight import`: check it against the original.\n" + text


def _lines(package: DocxPackage) -> list[str]:
    """What a reader compares: each non-empty paragraph as "label text", then each footnote."""
    out = []
    for p in paragraphs(package):
        label = f"{p.label.text} " if p.label is not None else ""
        for i, line in enumerate(p.plain.split("\n")):  # a line break counts as a paragraph
            if line.strip():
                out.append(_same(" ".join(((label if i == 0 else "") + line).split())))
    return out + [_same(f"[note] {t}") for t in footnote_texts(package).values()]


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def _same(line: str) -> str:
    """A line as compared: straight quotes (the letter prints curly ones for straight)."""
    return line.translate(_QUOTES)


def fidelity(source: DocxPackage, text: str, name: str) -> tuple[float, list[str]]:
    """Render the imported letter again and compare: the share of the source's lines (from the
    date on, the letterhead left out) found in order, and the ones that were not."""
    prep = load_letter_text(text, name, Path(name).parent)
    with tempfile.TemporaryDirectory(prefix="oversight-import-") as tmp:
        again = Path(tmp, "again.docx")
        again.write_bytes(docx_bytes(prep))
        rendered = _lines(open_docx(again))
    original = _lines(source)
    start = next((i for i, line in enumerate(original) if line in rendered), 0)
    original = original[start:]
    matcher = difflib.SequenceMatcher(a=original, b=rendered, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    lost = [
        line
        for tag, i1, i2, _j1, _j2 in matcher.get_opcodes()
        if tag in ("replace", "delete")
        for line in original[i1:i2]
    ]
    return (kept / len(original) if original else 1.0), lost


def count_questions(items: list[Any]) -> int:
    """Numbered questions, in groups too (not headings, not paragraphs between)."""
    n = 0
    for q in items:
        if isinstance(q, dict) and "heading" in q:
            n += count_questions(q.get("questions") or [])
        elif not (isinstance(q, dict) and "paragraph" in q):
            n += 1
    return n


def load_libraries(libraries: Sequence[Path]) -> dict[str, dict[str, Any]]:
    """The office's report libraries, as the footnote reader matches against them (id ->
    fields with kind); a library with errors stops the import before anything is written."""
    problems = Problems()
    entries: dict[str, dict[str, Any]] = {}
    for library in libraries:
        for report in load_library(library, problems):
            entries[report.id] = {**report.fields, "id": report.id, "kind": report.kind}
    problems.raise_if_errors()
    return entries


def import_one(
    docx: Path,
    source: Path,
    out_dir: Path,
    *,
    force: bool,
    libraries: Sequence[Path] = (),
    library: Mapping[str, Mapping[str, Any]] | None = None,
) -> Result:
    result = Result(source)
    try:
        package = open_docx(docx)
    except PackageError as err:
        result.error = str(err)
        return result
    letter = read_letter(package, library or {})
    if letter.matched:  # the letter cites entries of the office's libraries: it names them
        paths = [os.path.relpath(lib.resolve(), out_dir.resolve()) for lib in libraries]
        letter.data["reports"] = [*paths, *letter.data.get("reports", [])]
        letter.data = {k: letter.data[k] for k in _ORDER if k in letter.data}
    result.warnings = package.warnings + letter.warnings
    result.questions = count_questions(letter.data.get("questions") or [])
    result.footnotes = len(footnote_texts(package))
    target = out_dir / (source.stem + ".yaml")
    if target.exists() and not force:
        result.error = f"{target} already exists (nothing was changed; --force replaces it)"
        return result
    text = yaml_text(letter.data)
    try:
        result.fidelity, result.lost = fidelity(package, text, str(target))
    except UserError as err:
        result.warnings.append(
            "the imported letter does not render yet: " + "; ".join(p.message for p in err.problems)
        )
        result.fidelity = 0.0
    atomic_write(target, text.encode("utf-8"))
    result.target = target
    return result


def import_files(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    force: bool = False,
    libraries: Sequence[Path] = (),
    workers: int = os.cpu_count() or 1,
    progress: Callable[[int, int, Result], None] | None = None,
) -> list[Result]:
    """Import every file named (and the Word files of the folders named), a batch of eight or
    more across ``workers`` processes; each result in the order of the files, each reported to
    ``progress(done, total, result)`` as it is known."""
    files = inputs(paths)
    library = load_libraries(libraries)
    converted: dict[Path, Path | PackageError] = {}
    with tempfile.TemporaryDirectory(prefix="oversight-convert-") as tmp:
        others = [f for f in files if f.suffix.lower() in CONVERTED]
        if others:
            try:
                converted = to_docx(others, Path(tmp))
            except PackageError as err:
                converted = {f: err for f in others}
        jobs = [(converted.get(f, f), f) for f in files]
        work = partial(_job, out_dir=out_dir, force=force, libraries=libraries, library=library)
        results: list[Result] = []

        def done(result: Result) -> None:
            results.append(result)
            if progress is not None:
                progress(len(results), len(jobs), result)

        if len(jobs) < 8 or workers <= 1:
            for job in jobs:
                done(work(job))
            return results
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context(method)
        ) as pool:
            for result in pool.map(work, jobs, chunksize=max(1, len(jobs) // (workers * 8))):
                done(result)
        return results


def _job(
    job: tuple[Path | PackageError, Path],
    *,
    out_dir: Path,
    force: bool,
    libraries: Sequence[Path],
    library: Mapping[str, Mapping[str, Any]],
) -> Result:
    docx, source = job
    if isinstance(docx, PackageError):
        return Result(source, error=str(docx))
    return import_one(docx, source, out_dir, force=force, libraries=libraries, library=library)


def harvest(bank: Path, letters: Sequence[Path]) -> tuple[int, list[Problem | str]]:
    """Each imported letter's questions into one bank file, as ``oversight bank add`` adds them
    (a question already there in the same words is not added again). Returns how many were
    added, and what was left out or went wrong."""
    added = 0
    notes: list[Problem | str] = []
    for letter in letters:
        try:
            addition = plan_addition(letter, bank)
        except UserError as err:
            notes.extend(err.problems)
            continue
        notes.extend(addition.skipped)
        if not addition.questions:
            continue
        text, warnings = bank_file_text(addition)
        notes.extend(warnings)
        write_bank_file(bank, text)
        added += len(addition.questions)
    return added, notes
