"""Rendering many letters: across all cores, each failure reported, the rest still written.

Jobs are (letter file, output path, recipient index or None). A job's result carries what it
wrote or the problems it found, never an exception, so one bad letter in a batch of a thousand
is reported and the other 999 are written. Workers are forked after the renderer is imported,
so each starts warm; each worker keeps the compiled template and the office package it built.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TextIO

import msgspec

from oversight.banks.finder import FindBanks, letter_banks
from oversight.errors import Problem, UserError, display_path
from oversight.fsutil import atomic_write, check_output_path, flush_all, remove_stale_temps
from oversight.letters.prepare import Prepared, load_letter
from oversight.render import docx_bytes
from oversight.text import slug


class Job(msgspec.Struct, frozen=True):
    source: Path
    target: Path
    recipient: int | None = None  # render for this recipient only (one letter to many)


class Result(msgspec.Struct):
    job: Job
    written: bool = False
    problems: list[Problem] = msgspec.field(
        default_factory=list
    )  # errors, or warnings when written


def render_job(job: Job, durable: bool = True, banks: FindBanks = letter_banks) -> Result:
    """Render one job, its bank questions looked up in ``banks``; every user-caused problem
    comes back in the result."""
    try:
        check_output_path(job.target)
        prep = load_letter(job.source, banks=banks)
        if job.recipient is not None:
            prep = for_recipient(prep, job.recipient)
        atomic_write(job.target, docx_bytes(prep), durable=durable)
    except UserError as err:
        return Result(job, False, err.problems)
    except Exception as err:  # a bug: reported for this letter; the rest of the batch goes on
        return Result(
            job,
            False,
            [
                Problem(
                    f"internal error: {type(err).__name__}: {err}",
                    file=display_path(job.source),
                    hint="this is a bug in oversight, not in the letter; the other letters were rendered",
                )
            ],
        )
    return Result(job, True, prep.problems.warnings)


def for_recipient(prep: Prepared, index: int) -> Prepared:
    """The same letter addressed to one of its recipients only."""
    letter = msgspec.structs.replace(prep.letter, recipients=[prep.letter.recipients[index]])
    return Prepared(prep.doc, letter, prep.base_dir, prep.reports, prep.sections, prep.problems)


def recipient_jobs(source: Path, target: Path, banks: FindBanks = letter_banks) -> list[Job]:
    """One job per recipient of a letter: letter-kristi-noem.docx, ..."""
    prep = load_letter(source, banks=banks)
    jobs: list[Job] = []
    seen: set[str] = set()
    for i, r in enumerate(prep.letter.recipients):
        name = slug(r.name, max_length=60, default="recipient")  # Kristi Noem: kristi-noem
        while name in seen:
            name += f"-{i + 1}"
        seen.add(name)
        jobs.append(Job(source, target.with_name(f"{target.stem}-{name}{target.suffix}"), i))
    return jobs


def workers_for(count: int, requested: int | None) -> int:
    if requested is not None:
        return max(1, requested)
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
    return max(1, min(cores, count // 4 or 1))  # small batches are faster in one process


def run(jobs: Sequence[Job], workers: int, banks: FindBanks = letter_banks) -> Iterator[Result]:
    """Results in the order of ``jobs``; across ``workers`` processes when more than one.

    ``banks`` is passed to each worker: a module-level function, as ``letter_banks`` is."""
    if len(jobs) < 2:
        for job in jobs:
            yield render_job(job, banks=banks)
        return
    if workers <= 1:
        for job in jobs:
            yield render_job(job, durable=False, banks=banks)
        _finish(jobs)
        return
    # Lazy (docs/architecture.md): only a batch across processes needs multiprocessing; and
    # the renderer is imported before forking, so every worker starts with it loaded.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from oversight.render import context, text  # noqa: F401
    from oversight.render.docx import package  # noqa: F401

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context_ = multiprocessing.get_context(method)
    chunk = max(1, len(jobs) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context_) as pool:
        yield from pool.map(partial(_render_batched, banks=banks), jobs, chunksize=chunk)
    _finish(jobs)


def _finish(jobs: Sequence[Job]) -> None:
    """End of a batch: everything to disk, and temp files of killed earlier runs removed."""
    flush_all()
    for folder in {job.target.parent for job in jobs}:
        remove_stale_temps(folder)


def _render_batched(job: Job, banks: FindBanks) -> Result:
    return render_job(job, durable=False, banks=banks)


class Progress:
    """A one-line progress bar on a terminal; nothing otherwise (the caller prints lines)."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream: TextIO = stream or sys.stderr
        self.done = 0
        self.enabled = total > 1 and getattr(self.stream, "isatty", lambda: False)()

    def step(self, note: Callable[[], None] | None = None) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = 30
        filled = width * self.done // self.total
        bar = "█" * filled + "·" * (width - filled)
        print(f"\r{bar} {self.done}/{self.total}", end="", file=self.stream, flush=True)
        if self.done == self.total:
            print(file=self.stream)

    def clear(self) -> None:
        if self.enabled and self.done < self.total:
            print("\r\033[K", end="", file=self.stream, flush=True)
