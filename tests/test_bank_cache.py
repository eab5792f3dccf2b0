"""The cache of checked banks holds data, never code, and is never believed over the bank file:
whatever sits in the cache folder, a bank loads as its own text says."""

from __future__ import annotations

import datetime
import os
import pickle
import textwrap
from pathlib import Path
from typing import Any

import msgspec
import pytest

from oversight.banks import store
from oversight.banks.store import Bank, cache_file, load_bank
from oversight.errors import Problems

BANK = """\
bank: alpha
title: Alpha questions
reports:
  - {id: gao-1, kind: gao, title: A report, number: GAO-25-1, date: 2025-01-15}
questions:
  - id: records
    text: Since {{ since }}, how many records about {{ subject }} did {{ agency }} disclose?[@gao-1]
    parts: [Identify each recipient.]
    parameters:
      since: {type: date, default: 2025-01-20}
      subject: {type: text, default: 2025-02-01}
      agency: {type: agency, default: the Agency}
      count: {type: number, default: 10}
    tags: [records]
"""

OTHER = BANK.replace("alpha", "beta").replace("Alpha", "Beta").replace("records", "files")


@pytest.fixture(autouse=True)
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("OVERSIGHT_CACHE_DIR", str(folder))
    monkeypatch.chdir(tmp_path)
    return folder


def load(path: Path) -> Bank:
    """A load as a new process makes it: nothing remembered but the cache folder."""
    store._LOADED.clear()
    problems = Problems()
    bank = load_bank(path, problems)
    assert bank is not None and problems.items == []
    return bank


def from_cache(bank: Bank) -> bool:
    return bank.doc.data is None  # the cache gave the data; the YAML was not parsed


def contents(bank: Bank) -> Any:
    return (
        bank.id,
        bank.title,
        bank.description,
        {
            qid: (i, msgspec.to_builtins(q, builtin_types=(datetime.date,)))
            for qid, (i, q) in bank.questions.items()
        },
        [(r.id, r.kind, r.fields, r.path) for r in bank.reports],
    )


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_cached_bank_is_the_bank_its_file_gives(tmp_path: Path) -> None:
    bank_file = write(tmp_path / "alpha.yaml", BANK)
    first = load(bank_file)
    assert not from_cache(first) and cache_file(bank_file).is_file()  # type: ignore[union-attr]
    again = load(bank_file)
    assert from_cache(again)
    assert contents(again) == contents(first)
    # values keep their YAML types: a date default of a text parameter stays a date
    params = again.questions["records"][1].parameters
    assert params["subject"].default == datetime.date(2025, 2, 1)
    assert again.reports[0].fields["date"] == datetime.date(2025, 1, 15)
    # a problem found later is still located in the file
    where = again.doc.problem(("questions", 0, "parts", 0), "x")
    assert (where.file, where.line) == ("alpha.yaml", 8)


@pytest.mark.parametrize(
    "damage",
    ["garbage", "cut short", "another version", "another format", "an old pickle", "another bank"],
)
def test_whatever_replaces_the_cache_file_the_real_bank_loads(tmp_path: Path, damage: str) -> None:
    bank_file = write(tmp_path / "alpha.yaml", BANK)
    expected = contents(load(bank_file))
    cached = cache_file(bank_file)
    assert cached is not None and cached.is_file()
    good = cached.read_bytes()
    entry = msgspec.msgpack.decode(good)
    if damage == "garbage":
        cached.write_bytes(os.urandom(len(good)))
    elif damage == "cut short":
        cached.write_bytes(good[: len(good) // 2])
    elif damage == "another version":
        cached.write_bytes(msgspec.msgpack.encode({**entry, "version": "0.0.1"}))
    elif damage == "another format":
        cached.write_bytes(msgspec.msgpack.encode({**entry, "format": entry["format"] + 1}))
    elif damage == "an old pickle":
        cached.write_bytes(pickle.dumps(("bank-cache-2", ("alpha", "Old", "", [], []))))
    else:  # a valid entry, made for another bank file's text, copied over this one's
        other = write(tmp_path / "beta.yaml", OTHER)
        load(other)
        other_cache = cache_file(other)
        assert other_cache is not None
        cached.write_bytes(other_cache.read_bytes())
    bank = load(bank_file)
    assert contents(bank) == expected
    assert not from_cache(bank)
    assert from_cache(load(bank_file)), "the cache entry is written again"


def test_a_bank_edited_within_the_same_second_and_size_is_read_again(tmp_path: Path) -> None:
    """The cache is checked against the file's text, not its modification time and size."""
    bank_file = write(tmp_path / "alpha.yaml", BANK)
    load(bank_file)
    stat = bank_file.stat()
    edited = BANK.replace("Identify each recipient.", "Identify each recipiant.")
    assert len(edited) == len(BANK)
    bank_file.write_text(edited, encoding="utf-8")
    os.utime(bank_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    bank = load(bank_file)
    assert bank.questions["records"][1].parts == ["Identify each recipiant."]


def test_nothing_in_the_cache_folder_is_ever_run(tmp_path: Path) -> None:
    """A pickle that would run a command, wherever a cache file could be: never unpickled."""
    ran = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[Any, ...]:
            return (os.system, (f"touch {ran}",))

    bank_file = write(tmp_path / "alpha.yaml", BANK)
    load(bank_file)
    cached = cache_file(bank_file)
    assert cached is not None
    hostile = pickle.dumps(Payload())
    cached.write_bytes(hostile)
    for name in ("old.pickle", "alpha.pickle"):  # where version 0.1 kept its cache
        (cached.parent / name).write_bytes(hostile)
    bank = load(bank_file)
    assert bank.id == "alpha"
    assert not ran.exists()


def test_a_bank_with_problems_is_not_cached(tmp_path: Path) -> None:
    bank_file = write(tmp_path / "alpha.yaml", BANK + "  - id: records\n    text: Again?\n")
    store._LOADED.clear()
    problems = Problems()
    assert load_bank(bank_file, problems) is not None
    assert problems.items
    assert not cache_file(bank_file).exists()  # type: ignore[union-attr]


def test_an_unwritable_cache_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("OVERSIGHT_CACHE_DIR", str(blocker))
    bank_file = write(tmp_path / "alpha.yaml", BANK)
    assert load(bank_file).id == "alpha"
    assert load(bank_file).id == "alpha"
