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
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct
from msgspec import field as mfield

from oversight.citations.library import Report, check_entry
from oversight.citations.markers import without_markers
from oversight.errors import Problems, Segment, UserError
from oversight.fsutil import exists, is_dir
from oversight.letters.model import Text
from oversight.letters.validate import convert
from oversight.paths import cache_dir, shipped_banks
from oversight.yamlfile import Document, load_file

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
    text: Text
    parts: list[Text] = []
    tags: list[str] = []
    parameters: dict[str, Parameter] = mfield(default_factory=dict)
    notes: str | None = None


class BankFile(_BankModel):
    """A bank file."""

    bank: Annotated[str, Meta(pattern=_ID)]
    title: Text
    questions: list[BankQuestion]
    description: str | None = None
    reports: list[dict[str, Any]] = []


class Bank(msgspec.Struct):
    id: str
    title: str
    description: str
    doc: Document
    questions: dict[str, tuple[int, BankQuestion]]
    reports: list[Report] = msgspec.field(default_factory=list)

    @property
    def file(self) -> str:
        return self.doc.file


def load_bank(path: Path, problems: Problems) -> Bank | None:
    """Read and check one bank file (from the cache when it was checked before, unchanged)."""
    cached = _cache_read(path)
    if cached is not None:
        return cached
    try:
        doc = load_file(path)
    except UserError as err:
        problems.extend(err.problems)
        return None
    found = Problems()
    bank = bank_from_document(doc, found)
    problems.extend(found.items)
    if bank is not None and not found.items:
        _cache_write(path, bank)
    return bank


# A bank that loaded without a problem is kept in the user's cache folder, keyed by its path,
# size and modification time: a 10,000-question bank then loads in a fraction of a second
# instead of seconds of YAML parsing. The file is read again, for line numbers, only if a
# problem in it has to be located. Cached with pickle: the cache folder is the user's own.
_CACHE_FORMAT = "bank-cache-2"


class _LazyDocument:
    """A Document read only when a line number is needed."""

    def __init__(self, path: Path, file: str) -> None:
        self.path = path
        self.file = file
        self._doc: Document | None = None

    def __getattr__(self, name: str) -> Any:
        if self._doc is None:
            self._doc = load_file(self.path, self.file)
        return getattr(self._doc, name)


def _cache_key(path: Path) -> tuple[Any, ...] | None:
    from oversight import __version__

    try:
        st = path.stat()
    except OSError:
        return None
    return (_CACHE_FORMAT, __version__, os.path.abspath(path), st.st_mtime_ns, st.st_size)


def _cache_file(path: Path) -> Path | None:
    import hashlib

    folder = cache_dir("banks")
    if folder is None:
        return None
    digest = hashlib.sha1(os.path.abspath(path).encode()).hexdigest()[:20]
    return folder / f"{digest}.pickle"


def _cache_read(path: Path) -> Bank | None:
    import pickle

    key, cache = _cache_key(path), _cache_file(path)
    if key is None or cache is None:
        return None
    try:
        stored_key, payload = pickle.loads(cache.read_bytes())
    except Exception:  # missing, damaged, or from another version: read the YAML instead
        return None
    if stored_key != key:
        return None
    bank_id, title, description, questions, reports = payload
    from oversight.errors import display_path

    doc: Any = _LazyDocument(path, display_path(path))
    bank = Bank(bank_id, title, description, doc, {q.id: (i, q) for i, q in enumerate(questions)})
    bank.reports = [
        Report(rid, kind, fields, doc, ("reports", i), False)
        for i, (rid, kind, fields) in enumerate(reports)
    ]
    return bank


def _cache_write(path: Path, bank: Bank) -> None:
    import pickle

    from oversight.fsutil import atomic_write

    key, cache = _cache_key(path), _cache_file(path)
    if key is None or cache is None:
        return
    questions = [q for _i, q in sorted(bank.questions.values(), key=lambda item: item[0])]
    reports = [(r.id, r.kind, r.fields) for r in bank.reports]
    payload = (bank.id, bank.title, bank.description, questions, reports)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(
            cache, pickle.dumps((key, payload), protocol=pickle.HIGHEST_PROTOCOL), durable=False
        )
    except (OSError, UserError, pickle.PicklingError):
        pass  # a cache that cannot be written only costs time


def bank_from_document(doc: Document, problems: Problems) -> Bank | None:
    """Check a loaded bank file; the bank, or None when it has errors that stop its use."""
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
    where: dict[str, tuple[Segment, ...]] = {}
    for path, text in (("text",), q.text), *((("parts", k), t) for k, t in enumerate(q.parts)):
        for name in _VAR.findall(text):
            where.setdefault(name, ("questions", index, *path))
    for name in sorted(set(where) - set(q.parameters)):
        problems.add(
            doc.problem(
                where[name],
                f"question '{q.id}' uses {{{{ {name} }}}} but does not declare it",
                hint=f"add '{name}:' under its parameters",
            )
        )


def used_parameters(q: BankQuestion) -> set[str]:
    """The names a question's text and parts use as ``{{ name }}``."""
    used: set[str] = set()
    for text in (q.text, *q.parts):
        used.update(_VAR.findall(text))
    return used


def search_paths(letter_dir: Path | None, letter_banks: Sequence[str]) -> list[Path]:
    """Where banks are looked for, in order."""
    paths: list[Path] = []
    for entry in letter_banks:
        p = Path(entry)
        paths.append(p if p.is_absolute() or letter_dir is None else letter_dir / p)
    env = os.environ.get("OVERSIGHT_BANKS")
    if env:
        paths.extend(Path(p) for p in env.split(os.pathsep) if p)
    from oversight.config import office_config

    paths.extend(office_config().banks)
    paths.append(shipped_banks())
    return paths


def _bank_files(paths: Iterable[Path]) -> list[Path]:
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


def bank_location(bank: Bank, path: tuple[Segment, ...] = ("bank",)) -> str:
    """``file:line`` of a place in a bank file (its ``bank:`` line by default)."""
    m = bank.doc.mark(path)
    return f"{bank.file}:{m.line}" if m else bank.file


class BankSet:
    """Every bank found on the search paths, by id."""

    def __init__(self, paths: Iterable[Path], problems: Problems) -> None:
        self.banks: dict[str, Bank] = {}
        for f in _bank_files(paths):
            if not exists(f):
                continue  # reported where it was named (the letter or the office configuration)
            bank = load_bank(f, problems)
            if bank is None:
                continue
            if bank.id in self.banks:
                other = self.banks[bank.id]
                problems.add(
                    bank.doc.problem(
                        ("bank",),
                        f"bank id '{bank.id}' is also used by {bank_location(other)}",
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


def printed_text(
    q: BankQuestion,
    text: str,
    locale: str = "en_US",
    *,
    citations: bool = True,
    values: Mapping[str, Any] | None = None,
) -> str:
    """A bank question's sentence (or part) as it prints: each parameter's value from
    ``values`` or else its default, as it prints, ``<name>`` for a parameter with neither;
    citations kept as written, or dropped; runs of white space made one space."""

    def value(m: re.Match[str]) -> str:
        spec = q.parameters.get(m.group(1))
        given = (values or {}).get(m.group(1))
        if spec is not None and given not in (None, ""):
            shown = format_value(spec.type, given, locale)
            return shown if shown is not None else str(given)
        if spec is not None and spec.default is not None:
            shown = format_value(spec.type, spec.default, locale)
            if shown is not None:
                return shown
        return f"<{m.group(1)}>"

    out = _VAR.sub(value, text)
    if not citations:
        out = without_markers(out)
    return " ".join(out.split())


_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def escape_markup(text: str) -> str:
    """Backslash-escape Markdown punctuation, so a value prints as typed inside rich text."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def format_value(kind: str, value: Any, locale: str) -> str | None:
    """A parameter value as it prints, or None when it is not of the parameter's type."""
    from oversight.dates import long_date

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
            from oversight.errors import did_you_mean

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
