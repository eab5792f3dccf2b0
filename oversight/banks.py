"""Question banks: reusable, parameterised questions that letters pull in by reference.

A bank file holds a bank id, a title, optional report entries its questions cite, and questions
with stable ids. A letter writes ``use: bank-id/question-id`` with ``with:`` parameter values.
Banks are found, in order, in the paths a letter names, the ``OVERSIGHT_BANKS`` environment
variable, the office configuration file's ``banks:`` and the banks shipped with the project.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from msgspec import Meta, Struct
from msgspec import field as mfield

from .errors import Problem, Problems, Segment, UserError, display_path
from .paths import shipped_banks
from .reports import Report, check_entry
from .validate import convert
from .yamlfile import Document, load_file

ParamType = Literal["text", "date", "number", "agency", "person"]
_ID = r"^[a-z0-9][a-z0-9._-]*$"


class _BankModel(Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True):
    pass


class Parameter(_BankModel):
    """A value a letter supplies when it uses the question."""

    type: ParamType = "text"
    default: Any = None
    description: str | None = None


class BankQuestion(_BankModel):
    """A question in a bank."""

    id: Annotated[str, Meta(pattern=_ID)]
    text: Annotated[str, Meta(min_length=1)]
    parts: list[Annotated[str, Meta(min_length=1)]] = []
    tags: list[str] = []
    parameters: dict[str, Parameter] = mfield(default_factory=dict)
    notes: str | None = None


class BankFile(_BankModel):
    """A bank file."""

    bank: Annotated[str, Meta(pattern=_ID)]
    title: Annotated[str, Meta(min_length=1)]
    questions: list[BankQuestion]
    description: str | None = None
    reports: list[dict[str, Any]] = []


@dataclass
class Bank:
    id: str
    title: str
    description: str
    doc: Document
    questions: dict[str, tuple[int, BankQuestion]]
    reports: list[Report] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.doc.file


def load_bank(path: Path, problems: Problems) -> Bank | None:
    """Read and check one bank file."""
    try:
        doc = load_file(path)
    except UserError as err:
        problems.extend(err.problems)
        return None
    model = convert(doc, BankFile, problems)
    if model is None:
        return None
    bank = Bank(model.bank, model.title, model.description or "", doc, {})
    for i, q in enumerate(model.questions):
        if q.id in bank.questions:
            first = doc.mark(("questions", bank.questions[q.id][0]))
            problems.add(
                doc.problem(
                    ("questions", i, "id"),
                    f"question id '{q.id}' is used twice in this bank"
                    + (f" (also on line {first.line})" if first else ""),
                )
            )
            continue
        bank.questions[q.id] = (i, q)
        _check_parameters(doc, i, q, problems)
    for i, entry in enumerate(model.reports):
        report = check_entry(doc, ("reports", i), entry, problems)
        if report:
            bank.reports.append(report)
    return bank


_VAR = re.compile(r"\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*-?\}\}")


def _check_parameters(doc: Document, index: int, q: BankQuestion, problems: Problems) -> None:
    used = set()
    for text in (q.text, *q.parts):
        used.update(_VAR.findall(text))
    for name in sorted(used - set(q.parameters)):
        problems.add(
            doc.problem(
                ("questions", index),
                f"question '{q.id}' uses {{{{ {name} }}}} but does not declare it",
                hint=f"add '{name}:' under its parameters",
            )
        )


def search_paths(letter_dir: Path | None, letter_banks: Sequence[str]) -> list[Path]:
    """Where banks are looked for, in order."""
    paths: list[Path] = []
    for entry in letter_banks:
        p = Path(entry)
        paths.append(p if p.is_absolute() or letter_dir is None else letter_dir / p)
    env = os.environ.get("OVERSIGHT_BANKS")
    if env:
        paths.extend(Path(p) for p in env.split(os.pathsep) if p)
    from .config import office_config

    paths.extend(office_config().banks)
    paths.append(shipped_banks())
    return paths


def _bank_files(paths: Iterable[Path]) -> list[Path]:
    seen: set[Path] = set()
    files: list[Path] = []
    for p in paths:
        candidates = sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml")) if p.is_dir() else [p]
        for f in candidates:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files


class BankSet:
    """Every bank found on the search paths, by id."""

    def __init__(self, paths: Iterable[Path], problems: Problems) -> None:
        self.banks: dict[str, Bank] = {}
        for f in _bank_files(paths):
            if not f.exists():
                problems.add(Problem("bank file or folder not found", file=display_path(f)))
                continue
            bank = load_bank(f, problems)
            if bank is None:
                continue
            if bank.id in self.banks:
                other = self.banks[bank.id]
                problems.add(
                    bank.doc.problem(
                        ("bank",),
                        f"bank id '{bank.id}' is also used by {other.file}",
                        hint="bank ids must be unique: rename one of them",
                    )
                )
                continue
            self.banks[bank.id] = bank

    def find(self, ref: str) -> tuple[Bank | None, BankQuestion | None]:
        bank_id, _, qid = ref.partition("/")
        bank = self.banks.get(bank_id)
        if bank is None:
            return None, None
        found = bank.questions.get(qid)
        return bank, found[1] if found else None


_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def escape_markup(text: str) -> str:
    """Backslash-escape Markdown punctuation, so a value prints as typed inside rich text."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def format_value(kind: str, value: Any, locale: str) -> str | None:
    """A parameter value as it prints, or None when it is not of the parameter's type."""
    from .dates import long_date

    if kind == "date":
        if isinstance(value, datetime.date):
            return long_date(value, locale)
        if isinstance(value, str):
            try:
                return long_date(datetime.date.fromisoformat(value), locale)
            except ValueError:
                return None
        return None
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return f"{value:,}"
    if isinstance(value, str) and value.strip():
        return value
    return None


def resolve_parameters(
    q: BankQuestion,
    values: dict[str, Any],
    locale: str,
    where: Document,
    path: tuple[Segment, ...],
    problems: Problems,
) -> dict[str, str] | None:
    """Check the values a letter gives and return each parameter's printable text."""
    out: dict[str, str] = {}
    ok = True
    for name in values:
        if name not in q.parameters:
            from .errors import did_you_mean

            problems.add(
                where.problem(
                    (*path, "with", name),
                    f"question '{q.id}' has no parameter '{name}'",
                    hint=did_you_mean(name, q.parameters)
                    or "parameters: " + (", ".join(q.parameters) or "none"),
                    key=True,
                )
            )
            ok = False
    for name, spec in q.parameters.items():
        value = values.get(name, spec.default)
        if value is None:
            problems.add(
                where.problem(
                    path,
                    f"question '{q.id}' needs a value for '{name}' ({spec.type})",
                    hint=f"add it under 'with:', e.g. with: {{{name}: ...}}"
                    + (f" — {spec.description}" if spec.description else ""),
                )
            )
            ok = False
            continue
        text = format_value(spec.type, value, locale)
        if text is None:
            expected = {"date": "a date (YYYY-MM-DD)", "number": "a number"}.get(spec.type, "text")
            problems.add(
                where.problem((*path, "with", name), f"parameter '{name}' expects {expected}")
            )
            ok = False
            continue
        out[name] = text
    return out if ok else None
