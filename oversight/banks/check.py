"""Checking bank files (``oversight bank check``): everything that stops a letter using a bank,
and what makes one worse to use.

* errors: what ``load_bank`` refuses, the same bank id in two files, a citation of a report the
  bank's ``reports:`` does not define, a citation that cannot be read, a default that is not of
  its parameter's type;
* warnings: a parameter declared and not used, and two questions worded nearly alike
  (``fuzz.token_sort_ratio`` of ``NEAR_DUPLICATE`` or more), in one bank or any two found,
  reported at the question of a checked bank and naming the other's ``file:line``.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from oversight.banks.finder import bank_files, search_paths
from oversight.banks.store import (
    Bank,
    BankQuestion,
    bank_location,
    load_bank,
    used_parameters,
)
from oversight.citations.markers import CitationSyntaxError, find, read
from oversight.errors import Problem, Problems, did_you_mean, display_path

NEAR_DUPLICATE = 90  # fuzz.token_sort_ratio from which two questions are reported as alike


def check_banks(files: Sequence[Path], problems: Problems) -> tuple[int, int]:
    """Check the given bank files or folders (none: every bank found), comparing them with
    every bank found for duplicates; problems go to ``problems``. The number of banks and of
    questions checked."""
    found = search_paths(None, [])
    targets = {f.resolve() for f in bank_files(files)} if files else None
    banks = questions = 0
    loaded: list[tuple[Bank, bool]] = []  # (bank, checked: a target)
    by_id: dict[str, tuple[Bank, bool]] = {}
    for f in bank_files([*files, *found]):
        target = targets is None or f.resolve() in targets
        if not f.exists():
            if target:
                problems.add(Problem("no such bank file or folder", file=display_path(f)))
            continue
        local = Problems()
        bank = load_bank(f, local)
        if target:
            problems.extend(local.items)
        if bank is None:
            continue
        if bank.id in by_id:
            other, other_target = by_id[bank.id]
            if target or other_target:
                problems.add(
                    bank.doc.problem(
                        ("bank",),
                        f"bank id '{bank.id}' is also used by {bank_location(other)}",
                        hint="bank ids must be unique: rename one of them",
                    )
                )
            continue
        by_id[bank.id] = (bank, target)
        loaded.append((bank, target))
        if target:
            banks += 1
            questions += len(bank.questions)
            _check_one(bank, problems)
    _near_duplicates(loaded, problems)
    return banks, questions


def _check_one(bank: Bank, problems: Problems) -> None:
    defined = {r.id for r in bank.reports}
    for index, q in bank.questions.values():
        used = used_parameters(q)
        for name in q.parameters:
            if name not in used:
                problems.add(
                    bank.doc.problem(
                        ("questions", index, "parameters", name),
                        f"question '{q.id}' declares the parameter '{name}' but does not use it",
                        hint=f"write {{{{ {name} }}}} where its value belongs, or remove it",
                        key=True,
                        severity="warning",
                    )
                )
            else:
                _check_default(bank, index, q, name, problems)
        texts: list[tuple[tuple[Any, ...], str]] = [(("text",), q.text)]
        texts += [(("parts", k), t) for k, t in enumerate(q.parts)]
        for path, text in texts:
            where = ("questions", index, *path)
            for marker in find(text):
                try:
                    cites = read(marker.content, marker.closed)
                except CitationSyntaxError as err:
                    problems.add(
                        bank.doc.problem(
                            where,
                            f"the citation {marker.text} cannot be read: {err.message}",
                            needle=marker.text,
                            offset=None if err.column is None else err.column + 1,
                        )
                    )
                    continue
                for rid in dict.fromkeys(c.report_id for c in cites if c.report_id not in defined):
                    problems.add(
                        bank.doc.problem(
                            where,
                            f"question '{q.id}' cites '{rid}', which this bank's reports: do "
                            "not define",
                            hint=did_you_mean(rid, defined)
                            or "add the entry under the bank's reports: (see docs/citations.md)",
                            needle=marker.text,
                        )
                    )


def _check_default(bank: Bank, index: int, q: BankQuestion, name: str, problems: Problems) -> None:
    """A default that is not of the parameter's type fails every letter that relies on it."""
    spec = q.parameters[name]
    value = spec.default
    if value is None:
        return
    ok = True
    if spec.type == "date":
        if isinstance(value, str):
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                ok = False
        else:
            ok = isinstance(value, datetime.date)
    elif spec.type == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    else:
        ok = isinstance(value, str) and bool(value.strip())
    if not ok:
        expected = {"date": "a date (YYYY-MM-DD)", "number": "a number"}.get(spec.type, "text")
        problems.add(
            bank.doc.problem(
                ("questions", index, "parameters", name, "default"),
                f"the default of '{name}' is not {expected}",
            )
        )


def _near_duplicates(loaded: Sequence[tuple[Bank, bool]], problems: Problems) -> None:
    """Questions worded nearly alike (token_sort_ratio ≥ NEAR_DUPLICATE), in any two banks or
    the same one; reported at the question of a checked bank, naming the other's file:line."""
    items: list[tuple[int, str, Bank, int, BankQuestion, bool]] = []
    for bank, target in loaded:
        for index, q in bank.questions.values():
            text = " ".join(sorted(default_process(q.text).split()))
            items.append((len(text), text, bank, index, q, target))
    items.sort(key=lambda it: (it[0], it[2].id, it[3]))
    lengths = [it[0] for it in items]
    # token_sort_ratio >= 90 needs the shorter text at least 9/11 of the longer
    for i, (n, text, bank, index, q, target) in enumerate(items):
        end = bisect.bisect_right(lengths, n * 11 // 9 + 1)
        if end <= i + 1:
            continue
        choices = [items[j][1] for j in range(i + 1, end)]
        # the texts' words are sorted already, so ratio here is token_sort_ratio, minus the
        # cost of splitting and sorting both texts at every comparison
        for _choice, score, k in process.extract(
            text,
            choices,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=NEAR_DUPLICATE,
            limit=None,
        ):
            other = items[i + 1 + k]
            if not (target or other[5]):
                continue
            # report at the checked one (the first when both are)
            a, b = ((bank, index, q), other[2:5]) if target else (other[2:5], (bank, index, q))
            problems.add(
                a[0].doc.problem(
                    ("questions", a[1]),
                    f"question '{a[0].id}/{a[2].id}' is worded nearly like '{b[0].id}/{b[2].id}' "
                    f"at {bank_location(b[0], ('questions', b[1]))} ({score:.0f}% alike)",
                    hint="keep one, or make the difference plain in the wording",
                    severity="warning",
                )
            )
