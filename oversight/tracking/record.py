"""After the letter is sent (issue 18): the record beside each letter.

``LETTER.tracking.yaml`` holds what happened: when and how the letter was sent, extensions, an
append-only list of events, and each question's answer. The status (awaiting, due soon,
overdue, answered…) is derived from the record, the letter's deadline and today, never stored.
Every change re-reads the record under a lock, appends, and replaces the file atomically, so two
people logging at once on a shared drive never lose an event; a record with errors is reported
at its line and never rewritten.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import msgspec
import yaml
from msgspec import Meta

from oversight.errors import Problem, Problems, UserError, display_path
from oversight.fsutil import atomic_write
from oversight.letters.validate import convert
from oversight.yamlfile import load_file

Event = Literal[
    "acknowledged",
    "extension-requested",
    "extension-granted",
    "briefing-scheduled",
    "briefing-held",
    "partial-response",
    "response-received",
    "follow-up-sent",
    "compulsory-process-threatened",
    "compulsory-process-issued",
    "closed",
]
AnswerStatus = Literal["answered", "partial", "not-answered", "declined", "briefing"]
EVENTS: tuple[str, ...] = get_args(Event)
ANSWERS: tuple[str, ...] = get_args(AnswerStatus)


class Sent(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    date: datetime.date
    via: Annotated[str, Meta(description="email, portal, hand delivery…")] | None = None


class Logged(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    date: datetime.date
    event: Event
    note: str | None = None
    file: str | None = None  # a response file, relative to the record
    until: datetime.date | None = None  # an extension's new deadline


class Answer(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    status: AnswerStatus
    note: str | None = None
    where: str | None = None  # where in the response the answer is


class Record(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    follows: str | None = None  # the letter this one follows up (a path from this folder)
    sent: Sent | None = None
    contacts: list[str] = []
    events: list[Logged] = []
    answers: dict[str, Answer] = {}
    follow_ups: list[str] = []  # the letters that follow this one up


def record_path(letter: Path) -> Path:
    return letter.with_name(letter.stem + ".tracking.yaml")


def read_record(letter: Path) -> Record:
    """The record beside ``letter`` (empty if there is none); a broken one is an error at its
    line, and is never rewritten."""
    path = record_path(letter)
    if not path.exists():
        return Record()
    doc = load_file(path)
    problems = Problems()
    record = convert(doc, Record, problems)
    problems.raise_if_errors()
    assert record is not None
    return record


def _plain(value: Any) -> Any:
    return msgspec.to_builtins(value, builtin_types=(datetime.date,))


def to_builtins(record: Record) -> Any:
    """The record as JSON takes it (dates as YYYY-MM-DD)."""
    return msgspec.to_builtins(record)


@contextlib.contextmanager
def _locked(letter: Path) -> Iterator[None]:
    """An exclusive lock beside the record, held while it is re-read and replaced."""
    lock = record_path(letter).with_suffix(".lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def change(letter: Path, edit: Any) -> Record:
    """Re-read the record under the lock, apply ``edit(record)``, write it back atomically."""
    with _locked(letter):
        record = read_record(letter)
        edit(record)
        text = yaml.safe_dump(_plain(record), sort_keys=False, allow_unicode=True, width=100)
        atomic_write(record_path(letter), text.encode("utf-8"))
    return record


def check_on(record: Record, on: datetime.date, letter: Path) -> None:
    """An event dated before the letter was sent is refused."""
    if record.sent is not None and on < record.sent.date:
        raise UserError(
            Problem(
                f"{on.isoformat()} is before the letter was sent ({record.sent.date.isoformat()}); "
                "nothing was written",
                file=display_path(letter),
            )
        )
