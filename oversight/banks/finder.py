"""Where question banks are found, and which of them a letter loads.

Banks are looked for, in order, in the paths a letter names in its ``banks:`` (relative to the
letter), the ``OVERSIGHT_BANKS`` environment variable, the office configuration's ``banks:`` and
the banks shipped with the project; a folder stands for its ``*.yaml`` then ``*.yml`` files.

A letter is given its banks by whoever prepares it (``prepare_document(..., banks=...)``): a
``FindBanks`` function, normally ``letter_banks``, which learns each bank's id from a quick
scan of its ``bank:`` line and loads a bank file only when one of the letter's questions uses
it. A letter without a bank question loads no bank file. ``every_bank`` loads them all (the
search of the terminal UI needs every question).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from oversight.banks.store import Bank, BankQuestion, bank_location, load_bank
from oversight.config import office_config
from oversight.errors import Problem, Problems, display_path
from oversight.fsutil import exists, file_stamp, is_dir
from oversight.paths import shipped_banks


class QuestionBanks(Protocol):
    """The banks a letter's ``use:`` questions are looked up in."""

    @property
    def ids(self) -> list[str]:
        """Every bank id, sorted (for a did-you-mean)."""
        ...

    def find(self, ref: str) -> tuple[Bank | None, BankQuestion | None]:
        """The bank and question ``bank-id/question-id`` names; None for what is not found."""
        ...


FindBanks = Callable[[Path, Sequence[str], Problems], QuestionBanks]
"""Given a letter's folder, its ``banks:`` and where its problems go: the banks it may use."""


def search_paths(letter_dir: Path | None, letter_banks: Sequence[str]) -> list[Path]:
    """Where banks are looked for, in order."""
    paths: list[Path] = []
    for entry in letter_banks:
        p = Path(entry)
        paths.append(p if p.is_absolute() or letter_dir is None else letter_dir / p)
    env = os.environ.get("OVERSIGHT_BANKS")
    if env:
        paths.extend(Path(p) for p in env.split(os.pathsep) if p)
    paths.extend(office_config().banks)
    paths.append(shipped_banks())
    return paths


def bank_files(paths: Iterable[Path]) -> list[Path]:
    """The files the paths stand for (a folder: its YAML files), each once, in order."""
    seen: set[str] = set()
    files: list[Path] = []
    for p in paths:
        candidates = _yaml_files(p) if is_dir(p) else [p]
        for f in candidates:
            key = os.path.abspath(f)
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files


_LISTINGS: dict[Path, tuple[int, list[Path]]] = {}


def _yaml_files(folder: Path) -> list[Path]:
    """The folder's *.yaml files, then its *.yml files, each sorted. Kept while the folder's
    modification time stands (adding, removing or renaming a file changes it)."""
    try:
        stamp = folder.stat().st_mtime_ns
        known = _LISTINGS.get(folder)
        if known is not None and known[0] == stamp:
            return known[1]
        with os.scandir(folder) as it:
            names = [e.name for e in it if e.name.endswith((".yaml", ".yml")) and not e.is_dir()]
    except (OSError, ValueError):
        return []
    yaml_names = sorted(n for n in names if n.endswith(".yaml"))
    yml_names = sorted(n for n in names if n.endswith(".yml"))
    files = [folder / n for n in yaml_names + yml_names]
    _LISTINGS[folder] = (stamp, files)
    return files


def _duplicate(bank_id: str, f: Path, line: int | None, column: int | None, other: str) -> Problem:
    return Problem(
        f"bank id '{bank_id}' is also used by {other}",
        file=display_path(f),
        line=line,
        column=column,
        path=("bank",),
        hint="bank ids must be unique: rename one of them",
    )


# ---------------------------------------------------------------------------------------------
# The banks of one letter, loaded as its questions use them


_BANK_LINE = re.compile(r"""^bank:[ \t]*(["']?)([A-Za-z0-9._-]+)\1[ \t]*(?:#.*)?$""", re.MULTILINE)
_SCANS: dict[tuple[Any, ...], tuple[str, int, int] | None] = {}


def scan_bank_id(f: Path) -> tuple[str, int, int] | None:
    """A bank file's id, line and column, from its ``bank:`` line alone (None: no such line,
    or the file cannot be read); remembered while the file is unchanged."""
    key = file_stamp(f)
    if key not in _SCANS:
        try:
            head = f.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        m = _BANK_LINE.search(head)
        line_start = head.rfind("\n", 0, m.start()) + 1 if m else 0
        if len(_SCANS) > 1024:
            _SCANS.clear()
        _SCANS[key] = (
            (m.group(2), head.count("\n", 0, m.start()) + 1, m.start(2) - line_start + 1)
            if m
            else None
        )
    return _SCANS[key]


class LetterBanks:
    """The banks a letter can use, found by a quick scan of each file's ``bank:`` line and
    loaded in full only when a letter uses one of their questions.

    Loading all seven shipped banks costs about 0.1 s; a letter usually uses one or two. The
    same id in two files is an error naming both, whether or not the letter uses that bank.
    """

    def __init__(self, files: Iterable[Path], problems: Problems) -> None:
        self.problems = problems
        self.files: dict[str, Path] = {}
        self.lines: dict[str, int] = {}
        unknown: list[Path] = []
        for f in files:
            stamp = file_stamp(f)
            if len(stamp) < 4 or not stamp[3]:
                continue  # missing, or not a regular file
            found = scan_bank_id(f)
            if found is None:
                unknown.append(f)  # unusual layout: load it to learn its id (and its problems)
                continue
            bank_id, line, column = found
            self._add(bank_id, f, line, column)
        for f in unknown:
            bank = load_bank(f, self.problems)
            if bank is not None:
                mark = bank.doc.mark(("bank",))
                self._add(bank.id, f, mark.line if mark else None, mark.column if mark else None)

    def _add(self, bank_id: str, f: Path, line: int | None, column: int | None) -> None:
        if bank_id in self.files:
            other, other_line = self.files[bank_id], self.lines.get(bank_id)
            where = display_path(other) + (f":{other_line}" if other_line else "")
            self.problems.add(_duplicate(bank_id, f, line, column, where))
            return
        self.files[bank_id] = f
        if line is not None:
            self.lines[bank_id] = line

    @property
    def ids(self) -> list[str]:
        return sorted(self.files)

    def find(self, ref: str) -> tuple[Bank | None, BankQuestion | None]:
        bank_id, _, qid = ref.partition("/")
        f = self.files.get(bank_id)
        bank = load_bank(f, self.problems) if f is not None else None
        if bank is None or bank.id != bank_id:
            return None, None
        found = bank.questions.get(qid)
        return bank, found[1] if found else None


def letter_banks(base_dir: Path, letter_banks: Sequence[str], problems: Problems) -> LetterBanks:
    """The banks a letter in ``base_dir`` with these ``banks:`` can use, each loaded when one of
    its questions is (the ``FindBanks`` of the command line and the terminal UI)."""
    return LetterBanks(bank_files(search_paths(base_dir, letter_banks)), problems)


# ---------------------------------------------------------------------------------------------
# Every bank, loaded


class BankSet:
    """Every bank found on the search paths, loaded, by id."""

    def __init__(self, paths: Iterable[Path], problems: Problems) -> None:
        self.banks: dict[str, Bank] = {}
        for f in bank_files(paths):
            if not exists(f):
                continue  # reported where it was named (the letter or the office configuration)
            bank = load_bank(f, problems)
            if bank is None:
                continue
            if bank.id in self.banks:
                problems.add(
                    bank.doc.problem(
                        ("bank",),
                        f"bank id '{bank.id}' is also used by {bank_location(self.banks[bank.id])}",
                        hint="bank ids must be unique: rename one of them",
                    )
                )
                continue
            self.banks[bank.id] = bank

    @property
    def ids(self) -> list[str]:
        return sorted(self.banks)

    def find(self, ref: str) -> tuple[Bank | None, BankQuestion | None]:
        bank_id, _, qid = ref.partition("/")
        bank = self.banks.get(bank_id)
        if bank is None:
            return None, None
        found = bank.questions.get(qid)
        return bank, found[1] if found else None


_EVERY: dict[tuple[Any, ...], tuple[BankSet, list[Problem]]] = {}


def every_bank(base_dir: Path | None, letter_banks: Sequence[str], problems: Problems) -> BankSet:
    """Every bank a letter in ``base_dir`` with these ``banks:`` could use, loaded (without a
    letter: ``None, []``). Kept while no file of them changes (the terminal UI asks often)."""
    files = bank_files(search_paths(base_dir, letter_banks))
    key = (os.getcwd(), *(file_stamp(f) for f in files))  # files are named relative to it
    if key not in _EVERY:
        found = Problems()
        _EVERY.clear()
        _EVERY[key] = (BankSet(files, found), found.items)
    bank_set, found_problems = _EVERY[key]
    problems.extend(found_problems)
    return bank_set
