"""Question banks: what a bank file holds, loading and checking one, and its parameters.

A bank file holds a bank id, a title, optional report entries its questions cite, and questions
with stable ids. A letter writes ``use: bank-id/question-id`` with ``with:`` parameter values.
Where bank files are found, and which of them a letter loads, is ``oversight.banks.finder``'s.

Loading a bank file is remembered twice: in the process (a batch, the TUI's checks after each
pause in typing) and in the user's cache folder, as data (msgpack, through msgspec), so a large
bank is not parsed as YAML again while its text is unchanged. Each cache entry names the file it
was made from and the SHA-256 of that file's text; an entry that is damaged, from another
version, for another file or for other text is ignored and rewritten. Nothing in a cache file is
ever run: it is decoded into the same types as the YAML (msgspec checks every field), and its
question ids and report entries are checked again.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct
from msgspec import field as mfield

from oversight import __version__
from oversight.citations import markers
from oversight.citations.footnotes import FootnoteWriter
from oversight.citations.library import Report, check_entry
from oversight.citations.markers import (
    CitationSyntaxError,
    Cite,
    parse_citation,
    without_markers,
)
from oversight.dates import long_date
from oversight.errors import Problem, Problems, Segment, UserError, did_you_mean, display_path
from oversight.fsutil import atomic_write
from oversight.letters.model import Text
from oversight.letters.validate import convert
from oversight.paths import cache_dir
from oversight.text import PLACEHOLDER
from oversight.yamlfile import Document, Mark, load_text, read_text

ParamType = Literal["text", "date", "number", "agency", "person"]
ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"  # a bank's id and its questions' ids


class _BankModel(Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True):
    pass


class Parameter(_BankModel):
    """A value a letter supplies when it uses the question."""

    type: ParamType = "text"
    default: Any = None
    description: str | None = None


class BankQuestion(_BankModel):
    """A question in a bank."""

    id: Annotated[str, Meta(pattern=ID_PATTERN)]
    text: Text
    parts: list[Text] = []
    tags: list[str] = []
    parameters: dict[str, Parameter] = mfield(default_factory=dict)
    notes: str | None = None


class BankFile(_BankModel):
    """A bank file."""

    bank: Annotated[str, Meta(pattern=ID_PATTERN)]
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
    """Read and check one bank file; the bank, or None when it has errors that stop its use.

    Remembered while the file's text is unchanged: in this process, and (for a bank without a
    problem) in the user's cache folder.
    """
    shown = display_path(path)
    try:
        text = read_text(path, shown)
    except UserError as err:
        problems.extend(err.problems)
        return None
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    key = (os.path.abspath(path), shown, digest)
    if key not in _LOADED:
        if len(_LOADED) > 64:
            _LOADED.clear()
        _LOADED[key] = _load(path, shown, text, digest)
    bank, found = _LOADED[key]
    problems.extend(found)
    return bank


_LOADED: dict[tuple[str, str, str], tuple[Bank | None, list[Problem]]] = {}


def _load(path: Path, shown: str, text: str, digest: str) -> tuple[Bank | None, list[Problem]]:
    cached = _cache_read(path, shown, text, digest)
    if cached is not None:
        return cached, []
    found = Problems()
    try:
        doc = load_text(text, shown, path)
    except UserError as err:
        return None, list(err.problems)
    model = convert(doc, BankFile, found)
    if model is None:
        return None, found.items
    bank = _bank(model, doc, found)
    if not found.items:
        _cache_write(path, digest, model)
    return bank, found.items


def bank_from_document(doc: Document, problems: Problems) -> Bank | None:
    """Check a loaded bank file; the bank, or None when it has errors that stop its use."""
    model = convert(doc, BankFile, problems)
    if model is None:
        return None
    return _bank(model, doc, problems)


def _bank(model: BankFile, doc: Document, problems: Problems, *, parameters: bool = True) -> Bank:
    """The checks msgspec's types cannot make: question ids used twice, parameters used and
    not declared (unless ``parameters`` is False: a cache entry made from this very text
    passed them), report entries."""
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
        if parameters:
            _check_parameters(doc, i, q, problems)
    for i, entry in enumerate(model.reports):
        report = check_entry(doc, ("reports", i), entry, problems)
        if report:
            bank.reports.append(report)
    return bank


# ---------------------------------------------------------------------------------------------
# The cache folder's copy of checked banks: data, never code


CACHE_FORMAT = 3  # the shape of a cache entry; a change makes every older entry a miss


class _CacheEntry(msgspec.Struct, forbid_unknown_fields=True):
    format: int
    version: str  # oversight's
    source: str  # the bank file's absolute path
    digest: str  # SHA-256 of the bank file's text
    bank: BankFile


class _UnparsedDocument(Document):
    """A bank file's text, parsed for the line and column of its values only when a problem in
    it has to be located (``data`` stays None: the bank's data came from the cache)."""

    def mark(self, path: Sequence[Segment], *, key: bool = False) -> Mark | None:
        if not self.values:
            parsed = load_text(self.text, self.file, self.path)
            self.values, self.keys = parsed.values, parsed.keys
        return super().mark(path, key=key)


def cache_file(path: Path) -> Path | None:
    """Where the cache keeps the checked copy of the bank file ``path`` (None: no cache)."""
    folder = cache_dir("banks")
    if folder is None:
        return None
    name = hashlib.sha256(os.path.abspath(path).encode("utf-8")).hexdigest()[:24]
    return folder / f"{name}.msgpack"


# Values YAML can give that msgpack has no type for, kept as they were read: a date stays a
# date (a parameter's default, a report's date), not the text of one.
_DATE, _DATETIME = 1, 2


def _to_msgpack(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _to_msgpack(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_msgpack(v) for v in value]
    if isinstance(value, datetime.datetime):
        return msgspec.msgpack.Ext(_DATETIME, value.isoformat().encode("ascii"))
    if isinstance(value, datetime.date):
        return msgspec.msgpack.Ext(_DATE, value.isoformat().encode("ascii"))
    return value


def _from_ext(code: int, data: memoryview) -> Any:
    text = bytes(data).decode("ascii")
    if code == _DATETIME:
        return datetime.datetime.fromisoformat(text)
    if code == _DATE:
        return datetime.date.fromisoformat(text)
    raise ValueError(f"unknown extension type {code}")


_DECODER = msgspec.msgpack.Decoder(_CacheEntry, ext_hook=_from_ext)


def _cache_read(path: Path, shown: str, text: str, digest: str) -> Bank | None:
    """The bank from its cache entry, when there is one for this file and this text."""
    cache = cache_file(path)
    if cache is None:
        return None
    try:
        entry = _DECODER.decode(cache.read_bytes())
    except (OSError, ValueError, msgspec.DecodeError):  # missing, cut short, foreign, old
        return None
    if (entry.format, entry.version, entry.source, entry.digest) != (
        CACHE_FORMAT,
        __version__,
        os.path.abspath(path),
        digest,
    ):
        return None
    checked = Problems()
    doc = _UnparsedDocument(shown, path, None, text)
    bank = _bank(entry.bank, doc, checked, parameters=False)
    return None if checked.items else bank


def _cache_write(path: Path, digest: str, model: BankFile) -> None:
    cache = cache_file(path)
    if cache is None:
        return
    entry = {
        "format": CACHE_FORMAT,
        "version": __version__,
        "source": os.path.abspath(path),
        "digest": digest,
        "bank": _to_msgpack(
            msgspec.to_builtins(model, builtin_types=(datetime.date, datetime.datetime, bytes))
        ),
    }
    try:
        data = msgspec.msgpack.encode(entry)
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(cache, data, durable=False)
        for old in cache.parent.glob("*.pickle"):  # version 0.1's cache, never read again
            old.unlink(missing_ok=True)
    except (OSError, UserError, TypeError, ValueError, OverflowError):
        pass  # a value msgpack cannot hold, a folder that cannot be written: only costs time


def _check_parameters(doc: Document, index: int, q: BankQuestion, problems: Problems) -> None:
    where: dict[str, tuple[Segment, ...]] = {}
    for path, text in (("text",), q.text), *((("parts", k), t) for k, t in enumerate(q.parts)):
        for name in PLACEHOLDER.findall(text):
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
        used.update(PLACEHOLDER.findall(text))
    return used


def bank_location(bank: Bank, path: tuple[Segment, ...] = ("bank",)) -> str:
    """``file:line`` of a place in a bank file (its ``bank:`` line by default)."""
    m = bank.doc.mark(path)
    return f"{bank.file}:{m.line}" if m else bank.file


def with_footnotes(bank: Bank, texts: Sequence[str]) -> tuple[list[str], list[str]]:
    """The texts with each citation replaced by its footnote's number (``[1]``), numbered
    across them in order, and the footnotes' text as a letter would print them. A citation
    that cannot be printed is left as written (``bank check`` explains it)."""
    reports = {r.id: r.fields for r in bank.reports}
    notes: list[list[Cite]] = []

    def note(m: markers.Marker) -> str:
        try:
            cites = parse_citation(m.content)
        except CitationSyntaxError:
            return m.text
        if any(c.report_id not in reports for c in cites):
            return m.text
        notes.append(cites)
        return f"[{len(notes)}]"

    numbered = [markers.sub(text, note) for text in texts]
    written = FootnoteWriter.write_all(reports, notes)
    return numbered, ["".join(r.text for r in runs) for runs in written]


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

    out = PLACEHOLDER.sub(value, text)
    if not citations:
        out = without_markers(out)
    return " ".join(out.split())


_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def escape_markup(text: str) -> str:
    """Backslash-escape Markdown punctuation, so a value prints as typed inside rich text."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def format_value(kind: str, value: Any, locale: str) -> str | None:
    """A parameter value as it prints, or None when it is not of the parameter's type."""
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


def fill(text: str, values: Mapping[str, str]) -> str:
    """Put parameter values into a bank question's wording.

    Only ``{{ name }}`` is recognised (checked when the bank loads), so a plain substitution is
    exactly the sandboxed rendering with no room for code: values are inserted as escaped text
    and never evaluated.
    """
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
