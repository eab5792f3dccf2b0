"""After the letter is sent (issue 18): the record beside each letter, and its status.

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

from oversight.dates import due_date
from oversight.errors import Problem, Problems, UserError, display_path
from oversight.fsutil import atomic_write
from oversight.letters.model import Deadline
from oversight.letters.prepare import Prepared
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
DUE_SOON_DAYS = 7


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
    sent: Sent | None = None
    contacts: list[str] = []
    events: list[Logged] = []
    answers: dict[str, Answer] = {}


class Status(msgspec.Struct):
    letter: str
    agency: str
    state: str  # draft, sent, awaiting, due soon, overdue, partially answered, answered, closed
    sent: datetime.date | None
    due: datetime.date | None
    days_overdue: int
    answered: int
    questions: int


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


def question_names(prep: Prepared) -> list[str]:
    """The questions and parts as the letter prints them: "3", "3(b)"."""
    names = []
    for section in prep.sections:
        for q in section.questions:
            names.append(str(q.number))
            names.extend(f"{q.number}({p.letter})" for p in q.parts)
    return names


def deadline(prep: Prepared, record: Record) -> datetime.date | None:
    """The letter's deadline, or the last extension granted."""
    extended = [e.until for e in record.events if e.event == "extension-granted" and e.until]
    if extended:
        return max(extended)
    d = prep.letter.deadline
    if d is None:
        return None
    if isinstance(d, Deadline):
        return d.date if d.date is not None else due_date(prep.letter.date, d.days or 0)
    return d


def status(prep: Prepared, record: Record, today: datetime.date, name: str) -> Status:
    """What the record says now, as of ``today``."""
    questions = [n for n in question_names(prep) if "(" not in n]
    answered = sum(
        1 for n in questions if n in record.answers and record.answers[n].status != "not-answered"
    )
    fully = sum(
        1
        for n in questions
        if n in record.answers and record.answers[n].status in ("answered", "briefing")
    )
    due = deadline(prep, record)
    late = (today - due).days if due is not None and today > due else 0
    events = {e.event for e in record.events}
    responded = bool(events & {"partial-response", "response-received"}) or answered > 0
    if "closed" in events:
        state = "closed"
    elif record.sent is None:
        state = "draft"
    elif questions and fully == len(questions):
        state = "answered"
    elif responded:
        state = "partially answered"
    elif late:
        state = "overdue"
    elif due is not None and (due - today).days <= DUE_SOON_DAYS:
        state = "due soon"
    else:
        state = "awaiting"
    agency = prep.letter.recipients[0].agency if prep.letter.recipients else None
    return Status(
        letter=name,
        agency=agency if isinstance(agency, str) else " ".join(agency or []),
        state=state,
        sent=record.sent.date if record.sent else None,
        due=due,
        days_overdue=late if state in ("overdue", "partially answered") else 0,
        answered=answered,
        questions=len(questions),
    )


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
