"""What a staffer does to a letter's record, checked before anything is written: the one place
the command line and the terminal UI both go through (docs/tracking.md).

Each action reads the letter (its questions, its deadline), checks what was asked, and changes
the record under its lock; a refusal is one :class:`UserError` and leaves the record as it was.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from oversight.errors import Problem, UserError, did_you_mean, display_path
from oversight.letters.prepare import Prepared, load_letter
from oversight.tracking.record import (
    ANSWERS,
    EVENTS,
    Answer,
    Logged,
    Record,
    Sent,
    change,
    check_on,
    read_record,
)
from oversight.tracking.summary import deadline, find_question, question_names, summarize


def letter(path: Path) -> Prepared:
    if not path.is_file():
        raise UserError(Problem("no such letter file", file=display_path(path)))
    return load_letter(path)


def one_of(value: str, choices: tuple[str, ...], what: str, shown: str) -> None:
    """An event or answer the record knows, or one message naming the choices."""
    if value not in choices:
        raise UserError(
            Problem(
                f"unknown {what} '{value}'; nothing was written",
                file=shown,
                hint=did_you_mean(value, choices) or f"{what}s: " + ", ".join(choices),
            )
        )


def mark_sent(path: Path, on: datetime.date, via: str | None = None) -> Record:
    """The letter was sent; a follow-up's sending is logged on the letter it follows up."""
    letter(path)
    record = change(path, lambda r: setattr(r, "sent", Sent(date=on, via=via)))
    if record.follows:
        original = path.parent / record.follows
        if original.is_file():
            note = f"{os.path.relpath(path, original.parent)} sent"
            change(
                original,
                lambda r: r.events.append(Logged(date=on, event="follow-up-sent", note=note)),
            )
    return record


def log_event(
    path: Path,
    event: str,
    on: datetime.date,
    *,
    note: str | None = None,
    file: Path | None = None,
    until: datetime.date | None = None,
) -> Record:
    shown = display_path(path)
    one_of(event, EVENTS, "event", shown)
    prep = letter(path)
    if file is not None and not file.is_file():
        raise UserError(
            Problem(f"the response file {file} does not exist; nothing was written", file=shown)
        )
    if event == "extension-granted" and until is None:
        raise UserError(
            Problem(
                "an extension granted needs its new deadline; nothing was written",
                file=shown,
                hint="give it with --until YYYY-MM-DD",
            )
        )
    if until is not None and event != "extension-granted":
        raise UserError(
            Problem(
                f"a new deadline belongs to an extension granted, not to {event}; "
                "nothing was written",
                file=shown,
            )
        )
    kept = os.path.relpath(file.resolve(), path.resolve().parent) if file is not None else None
    summary = summarize(prep)

    def edit(record: Record) -> None:
        check_on(record, on, path)
        current = deadline(summary, record)
        if until is not None and current is not None and until <= current:
            raise UserError(
                Problem(
                    f"an extension to {until.isoformat()} is not after the deadline it extends "
                    f"({current.isoformat()}); nothing was written",
                    file=shown,
                )
            )
        record.events.append(Logged(date=on, event=event, note=note, file=kept, until=until))  # type: ignore[arg-type]

    return change(path, edit)


def mark_answer(
    path: Path,
    question: str,
    status: str,
    *,
    note: str | None = None,
    where: str | None = None,
) -> str:
    """Mark how a question or part was answered; the name it was marked under ("3(b)")."""
    shown = display_path(path)
    one_of(status, ANSWERS, "answer", shown)
    names = question_names(letter(path))
    name = find_question(names, question)
    if name is None:
        raise UserError(
            Problem(
                f"the letter has no question {question}; nothing was written",
                file=shown,
                hint=f"its questions: {', '.join(names[:12])}{'…' if len(names) > 12 else ''}",
            )
        )

    def edit(record: Record) -> None:
        record.answers[name] = Answer(status=status, note=note, where=where)  # type: ignore[arg-type]

    change(path, edit)
    return name


def add_contact(path: Path, contact: str) -> Record:
    letter(path)
    contact = " ".join(contact.split())
    if not contact:
        raise UserError(
            Problem("the contact is empty; nothing was written", file=display_path(path))
        )

    def edit(record: Record) -> None:
        if contact not in record.contacts:
            record.contacts.append(contact)

    return change(path, edit)


__all__ = ["add_contact", "log_event", "mark_answer", "mark_sent", "read_record"]
