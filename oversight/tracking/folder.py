"""The letters of a folder with their records, read through a cache rebuilt from the files.

Reading a letter means checking and resolving it (about 0.5 ms for a long one); a folder of
10,000 letters would take seconds each time. So what the tracker needs of each letter (its
:class:`Summary`) and each record are kept in the user's cache folder, one file per letter
folder, each entry under the stamp (modification time, size, inode) of the file it came from and
of the bank files the letter could draw on. An entry whose files changed is read again; a cache
that is missing, damaged, foreign or from another version is ignored and rewritten. The YAML
files are always the source of truth: deleting the cache only costs time (docs/tracking.md).

A cold read of many letters is shared among worker processes (the machine's cores).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import msgspec

from oversight import __version__
from oversight.banks.finder import bank_files, letter_banks, search_paths
from oversight.errors import UserError, display_path
from oversight.fsutil import atomic_write
from oversight.letters.prepare import prepare_document
from oversight.paths import cache_dir
from oversight.tracking.record import Record, read_record, record_path
from oversight.tracking.summary import Summary, summarize
from oversight.yamlfile import load_file

CACHE_FORMAT = 1  # bump when what a Summary holds changes meaning (a release bumps __version__ too)
PARALLEL_FROM = 400  # misses worth the cost of starting worker processes

Stamp = tuple[int, int, int]


class _Letter(msgspec.Struct, array_like=True):
    stamp: Stamp
    banks: str  # the key of the bank files the letter could draw on, in _Cache.banks
    summary: Summary | None  # None: a YAML file that is not a letter (a bank, a report library)


class _Record(msgspec.Struct, array_like=True):
    stamp: Stamp
    record: Record


class _Cache(msgspec.Struct):
    format: int
    version: str
    folder: str
    letters: dict[str, _Letter] = {}
    banks: dict[str, list[tuple[str, Stamp | None]]] = {}  # key -> files and their stamps
    records: dict[str, _Record] = {}


class Tracked(msgspec.Struct):
    """A letter of the folder: its summary and record, or the problem reading one of them."""

    path: Path
    summary: Summary | None = None
    record: Record | None = None
    problem: str | None = None


def _stamp(path: Path | str) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def letter_files(paths: Iterable[Path]) -> list[Path]:
    """The letter files among ``paths``: a folder's *.yaml (records left out), a file as given."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(
                f
                for f in sorted(p.iterdir(), key=lambda f: f.name)
                if f.suffix in (".yaml", ".yml")
                and not f.name.endswith(".tracking.yaml")
                and not f.name.startswith(".")
            )
        else:
            out.append(p)
    return out


def _cache_file(folder: Path) -> Path | None:
    base = cache_dir("tracking")
    if base is None:
        return None
    name = hashlib.sha256(str(folder).encode("utf-8")).hexdigest()[:24]
    return base / f"{name}.msgpack"


_DECODER = msgspec.msgpack.Decoder(_Cache)
_ENCODER = msgspec.msgpack.Encoder()


def _load_cache(folder: Path) -> _Cache:
    fresh = _Cache(CACHE_FORMAT, __version__, str(folder))
    where = _cache_file(folder)
    if where is None:
        return fresh
    try:
        cache = _DECODER.decode(where.read_bytes())
    except (OSError, ValueError, msgspec.DecodeError):  # missing, cut short, foreign, old
        return fresh
    if (cache.format, cache.version, cache.folder) != (fresh.format, fresh.version, fresh.folder):
        return fresh
    return cache


def _save_cache(cache: _Cache) -> None:
    where = _cache_file(Path(cache.folder))
    if where is None:
        return
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(where, _ENCODER.encode(cache), durable=False)
    except (OSError, UserError):
        pass  # a cache that cannot be written only costs time


Read = tuple[_Letter | None, list[tuple[str, Stamp | None]], str | None]


def _read_letter(path: Path) -> Read:
    """The letter's cache entry and its bank files, or the first line of why it cannot be read."""
    stamp = _stamp(path)
    if stamp is None:
        return None, [], f"{display_path(path)}: cannot be read"
    try:
        doc = load_file(path, os.path.normpath(path))  # named as given: no realpath per letter
        if not isinstance(doc.data, dict) or "recipients" not in doc.data:
            return _Letter(stamp, "", None), [], None
        base = path.resolve().parent
        listed = doc.data.get("banks")
        names = [str(n) for n in listed] if isinstance(listed, list) else []
        banks = [(str(f), _stamp(f)) for f in bank_files(search_paths(base, names))]
        prep = prepare_document(doc, base, banks=letter_banks)
    except UserError as err:
        return None, [], err.problems[0].headline() if err.problems else str(err)
    key = hashlib.sha256(_ENCODER.encode(banks)).hexdigest()[:16]
    return _Letter(stamp, key, summarize(prep)), banks, None


def _read_letters(paths: Sequence[Path]) -> list[Read]:
    return [_read_letter(p) for p in paths]


def _fresh(entry: _Letter, stamp: Stamp | None, cache: _Cache, seen: dict[str, bool]) -> bool:
    """The entry still holds: neither the letter nor a bank file it could use changed
    (``seen``: which sets of bank files are unchanged, checked once per scan)."""
    if entry.stamp != stamp:
        return False
    if entry.banks not in seen:
        files = cache.banks.get(entry.banks)
        seen[entry.banks] = files is not None and all(_stamp(f) == s for f, s in files)
    return seen[entry.banks]


def _cold(paths: list[Path], workers: int) -> list[Read]:
    """Read letters, across worker processes when there are many and this process runs no
    other thread: forking one that does (the terminal UI reads the folder in a thread) can copy
    a lock another thread holds, and starting workers afresh fails under its terminal driver."""
    if len(paths) < PARALLEL_FROM or workers <= 1 or threading.active_count() > 1:
        return _read_letters(paths)
    # Lazy (docs/architecture.md): only a cold read of many letters starts processes.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    chunks = [paths[i : i + 200] for i in range(0, len(paths), 200)]
    out: list[Read] = []
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        for part in pool.map(_read_letters, chunks):
            out.extend(part)
    return out


def _record(letter: Path, cache: _Cache, changed: list[bool]) -> tuple[Record, str | None]:
    path = record_path(letter)
    stamp = _stamp(path)
    if stamp is None:
        cache.records.pop(letter.name, None)
        return Record(), None
    hit = cache.records.get(letter.name)
    if hit is not None and hit.stamp == stamp:
        return hit.record, None
    try:
        record = read_record(letter)
    except UserError as err:
        return Record(), err.problems[0].headline() if err.problems else str(err)
    cache.records[letter.name] = _Record(stamp, record)
    changed[0] = True
    return record, None


def scan(paths: Sequence[Path], workers: int | None = None) -> list[Tracked]:
    """Every letter among ``paths`` (folders and files) with its record, in order; files that
    are not letters are left out, letters or records that cannot be read carry the problem."""
    files = letter_files(paths)
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    parents: dict[Path, Path] = {}  # as given -> resolved, once per folder
    for f in files:
        if f.parent not in parents:
            parents[f.parent] = f.parent.resolve()
    folder_of = {f: parents[f.parent] for f in files}
    caches = {folder: _load_cache(folder) for folder in set(folder_of.values())}
    changed = {folder: [False] for folder in caches}
    entries: dict[Path, tuple[_Letter | None, str | None]] = {}
    misses: list[Path] = []
    seen: dict[str, bool] = {}
    for f in files:
        hit = caches[folder_of[f]].letters.get(f.name)
        if hit is not None and _fresh(hit, _stamp(f), caches[folder_of[f]], seen):
            entries[f] = (hit, None)
        else:
            misses.append(f)
    for f, (entry, banks, problem) in zip(misses, _cold(misses, workers), strict=True):
        entries[f] = (entry, problem)
        cache = caches[folder_of[f]]
        if entry is not None:
            cache.letters[f.name] = entry
            cache.banks[entry.banks] = banks
        else:
            cache.letters.pop(f.name, None)
        changed[folder_of[f]][0] = True
    out: list[Tracked] = []
    for f in files:
        entry, problem = entries[f]
        if entry is None:
            out.append(Tracked(f, problem=problem))
        elif entry.summary is not None:  # else not a letter
            record, problem = _record(f, caches[folder_of[f]], changed[folder_of[f]])
            out.append(Tracked(f, entry.summary, record, problem))
    listed = {p.resolve() for p in paths if p.is_dir()}
    for folder, cache in caches.items():
        names = {f.name for f in files if folder_of[f] == folder}
        gone = [n for n in cache.letters if folder in listed and n not in names]
        for n in gone:
            cache.letters.pop(n, None)
            cache.records.pop(n, None)
        used = {e.banks for e in cache.letters.values()}
        for key in [k for k in cache.banks if k not in used]:
            del cache.banks[key]
        if changed[folder][0] or gone:
            _save_cache(cache)
    return out
