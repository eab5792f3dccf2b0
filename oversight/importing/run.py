"""`oversight import`: Word letters to letter files, each checked by rendering it again.

For each input: .doc, .odt and .rtf are converted through LibreOffice first (one process for
all of them); each .docx is opened safely, read (``letter``), written as YAML beside the others
in the output folder (never over an existing file unless asked), rendered again and compared
with the source paragraph by paragraph, label by label, footnote by footnote. A file that
cannot be imported gets one message and the rest go on.
"""

from __future__ import annotations

import difflib
import io
import multiprocessing
import os
import re
import tempfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import msgspec
from rapidfuzz import fuzz, process

from oversight.banks.harvest import bank_file_text, plan_addition, write_bank_file
from oversight.citations.library import load_library
from oversight.draft.document import block_text
from oversight.errors import Problem, Problems, UserError
from oversight.fsutil import atomic_write
from oversight.importing.convert import to_docx
from oversight.importing.letter import (
    DATE_PATTERN,
    footnote_texts,
    paragraphs,
    read_letter,
)
from oversight.importing.letter import ORDER as _ORDER
from oversight.importing.package import DocxPackage, PackageError, open_docx
from oversight.letters.prepare import load_letter_text
from oversight.render import docx_bytes
from oversight.yamlfile import new_file_text, round_trip_yaml

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


def yaml_text(data: dict[str, Any]) -> str:
    """The letter as a YAML file, paragraphs as ``|`` blocks."""
    return new_file_text(data, "Imported by `oversight import`: check it against the original.")


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


NEAR = (
    90  # rapidfuzz token_sort_ratio of the shapes at or above which two wordings are one question
)


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’'.-]+|[^\w\s]", text)


def proposed_parameters(a: str, b: str) -> list[str]:
    """Where two wordings of one question differ, what each difference suggests: a date or a
    name (an agency?), with both values ("a date: 'January 20' / 'March 1'")."""
    x, y = _words(a), _words(b)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=x, b=y, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        one, two = " ".join(x[i1:i2]), " ".join(y[j1:j2])
        if not one or not two:
            continue
        if _MONTH.search(one) and _MONTH.search(two):
            out.append(f"a date: '{one}' / '{two}'")
        elif any(w[:1].isupper() for w in (one + " " + two).split()):
            out.append(f"a name (an agency?): '{one}' / '{two}'")
    return out


_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\b|\b\d{4}\b")
_NAME = re.compile(
    r"(?<!^)(?:\bthe\s+)?(?:[A-Z][\w.&’'-]*)(?:\s+(?:of|for|and|the|[A-Z][\w.&’'-]*))*"
)


def shape(text: str) -> str:
    """A wording with its dates and proper names masked: the question it asks, whoever it asks."""
    return _NAME.sub("NAME", DATE_PATTERN.sub("DATE", text))


def _near(text: str, known: Mapping[str, str]) -> tuple[str, int] | None:
    """The known question (id) this wording is a variant of, and how alike its shape is."""
    if not known:
        return None
    shapes = {qid: shape(t) for qid, t in known.items()}
    found = process.extractOne(shape(text), shapes, scorer=fuzz.token_sort_ratio, score_cutoff=NEAR)
    return None if found is None else (str(found[2]), int(found[1]))


def _note_variants(bank: Path, variants: list[tuple[str, str, str]]) -> None:
    """Each variant (question id, wording, letter) in its question's notes, in the bank file."""
    yaml = round_trip_yaml()
    data = yaml.load(bank.read_text(encoding="utf-8"))
    by_id = {q.get("id"): q for q in data.get("questions") or []}
    for qid, text, letter in variants:
        q = by_id.get(qid)
        if q is None:
            continue
        line = f"Also asked in {letter}: {text}"
        ideas = proposed_parameters(str(q.get("text", "")), text)
        if ideas:
            line += " — parameters? " + "; ".join(ideas)
        q["notes"] = block_text((str(q.get("notes") or "").rstrip() + "\n" + line).strip())
    buf = io.StringIO()
    yaml.dump(data, buf)
    write_bank_file(bank, buf.getvalue())


def harvest(bank: Path, letters: Sequence[Path]) -> tuple[int, list[Problem | str]]:
    """Each imported letter's questions into one bank file, as ``oversight bank add`` adds them:
    a question already there in the same words is not added again, and one worded nearly the
    same (``NEAR``) is noted as a variant of it, with the parameter its wordings suggest, rather
    than copied. Returns how many were added, and what was left out or went wrong."""
    added = 0
    notes: list[Problem | str] = []
    for letter in letters:
        try:
            addition = plan_addition(letter, bank)
        except UserError as err:
            notes.extend(err.problems)
            continue
        notes.extend(addition.skipped)
        known = {
            qid: q.text
            for qid, (_i, q) in (addition.existing.questions.items() if addition.existing else [])
        }
        variants: list[tuple[str, str, str]] = []
        keep = []
        for h in addition.questions:
            near = _near(h.text, known)
            if near is None:
                keep.append(h)
                continue
            variants.append((near[0], h.text, letter.name))
            notes.append(
                f"{letter.name}: '{h.id}' is worded like '{near[0]}' ({near[1]}%): noted as a variant"
            )
        addition.questions = keep
        if keep:
            text, warnings = bank_file_text(addition)
            notes.extend(warnings)
            write_bank_file(bank, text)
            added += len(keep)
        if variants:
            _note_variants(bank, variants)
    return added, notes
