"""`oversight sent | log | answer | status | due`: the record kept after a letter is sent
(docs/tracking.md)."""

from __future__ import annotations

import argparse
import datetime
import json
import re
from pathlib import Path
from typing import Any

import msgspec

from oversight.cli.printer import Out
from oversight.errors import Problem, UserError, did_you_mean, display_path
from oversight.fsutil import atomic_write, check_output_path
from oversight.tracking.actions import add_contact, log_event, mark_answer, mark_sent
from oversight.tracking.calendar import calendar, events_of
from oversight.tracking.folder import Tracked, scan
from oversight.tracking.record import ANSWERS, EVENTS, Record, read_record, to_builtins
from oversight.tracking.summary import SORTS, STATES, Status, error_status, sort_key, status


def parse_date(text: str) -> datetime.date:
    """A YYYY-MM-DD argument (argparse says what is wrong with another)."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _today(args: argparse.Namespace) -> datetime.date:
    return args.today or datetime.date.today()


def add_parser(sub: Any) -> None:
    s = sub.add_parser("sent", help="record that a letter was sent")
    s.add_argument("letter", type=Path, metavar="LETTER")
    s.add_argument("--on", type=parse_date, help="the date it was sent (default: today)")
    s.add_argument("--via", help="email, portal, hand delivery…")
    s.add_argument("--today", type=parse_date, help=argparse.SUPPRESS)
    s.set_defaults(handler=_sent)

    log = sub.add_parser("log", help="add an event to a letter's record")
    log.add_argument("letter", type=Path, metavar="LETTER")
    log.add_argument("event", metavar="EVENT", help="one of: " + ", ".join(EVENTS))
    log.add_argument("--on", type=parse_date, help="when (default: today)")
    log.add_argument("--note")
    log.add_argument("--file", type=Path, help="the response file")
    log.add_argument("--until", type=parse_date, help="an extension's new deadline")
    log.add_argument("--today", type=parse_date, help=argparse.SUPPRESS)
    log.set_defaults(handler=_log)

    a = sub.add_parser("answer", help="mark how a question was answered")
    a.add_argument("letter", type=Path, metavar="LETTER")
    a.add_argument("question", metavar="QUESTION", help="as the letter prints it: 3, 3(b)")
    a.add_argument("answer", metavar="STATUS", help="one of: " + ", ".join(ANSWERS))
    a.add_argument("--note")
    a.add_argument("--where", help="where in the response the answer is")
    a.set_defaults(handler=_answer)

    c = sub.add_parser("contact", help="add an agency contact to a letter's record")
    c.add_argument("letter", type=Path, metavar="LETTER")
    c.add_argument("contact", metavar="CONTACT", help='"Jane Doe, Legislative Affairs, jane@…"')
    c.set_defaults(handler=_contact)

    for changes in (s, log, a, c):  # each prints the record as it now is, with --json
        changes.add_argument("--json", action="store_true", help="print the record as JSON")

    for name, help_line in (
        ("status", "the letters of a folder and where each stands"),
        ("due", "letters awaiting an answer, by deadline"),
    ):
        p = sub.add_parser(name, help=help_line)
        p.add_argument("paths", nargs="*", type=Path, default=[Path(".")], metavar="FOLDER")
        p.add_argument("--today", type=parse_date, help="as of this date (YYYY-MM-DD)")
        p.add_argument("--json", action="store_true", help="print JSON")
        if name == "due":
            p.add_argument("--within", default="14d", help="days ahead: 14d (default)")
        p.add_argument("--agency", help="only letters to agencies whose name holds this")
        p.add_argument("--state", help="only letters in this state (overdue, awaiting…)")
        p.add_argument("--signer", help="only letters signed by a member whose name holds this")
        p.add_argument("--sort", choices=SORTS, help="order of the rows (default: as listed)")
        p.set_defaults(handler=_status if name == "status" else _due)

    c = sub.add_parser("calendar", help="the deadlines of a folder's letters as an .ics calendar")
    c.add_argument("paths", nargs="*", type=Path, default=[Path(".")], metavar="FOLDER")
    c.add_argument("-o", "--output", type=Path, help="the .ics file to write (default: print it)")
    c.add_argument("--today", type=parse_date, help="as of this date (YYYY-MM-DD)")
    c.add_argument("--json", action="store_true", help="print the events as JSON")
    c.set_defaults(handler=_calendar)


def _calendar(args: argparse.Namespace, out: Out) -> int:
    if args.output is not None:
        check_output_path(args.output, ".ics")
    rows = [(s.letter, t, s) for t, s in tracked(args.paths, _today(args))]
    data = calendar(rows, datetime.datetime.now(datetime.UTC).replace(microsecond=0))
    if args.json:
        out.write(json.dumps(events_of(data), indent=2) + "\n")
        if args.output is None:
            return 0
    if args.output is None:
        out.write(data.decode("utf-8"))
        return 0
    atomic_write(args.output, data)
    events = data.count(b"BEGIN:VEVENT")
    if not args.json:
        out.line(f"{display_path(args.output)}: {events} deadline{'s' if events != 1 else ''}")
    for s in [s for _, _, s in rows if s.problem]:
        out.note(f"{s.letter}: {s.problem} (oversight validate says more)")
    return 0


def _done(args: argparse.Namespace, out: Out, line: str, record: Record) -> int:
    """One line saying what was written; with --json, the record as it now is."""
    if args.json:
        shown = {"letter": display_path(args.letter), "record": to_builtins(record)}
        out.write(json.dumps(shown, indent=2) + "\n")
    else:
        out.line(f"{display_path(args.letter)}: {line}")
    return 0


def _sent(args: argparse.Namespace, out: Out) -> int:
    on = args.on or _today(args)
    return _done(args, out, f"sent on {on.isoformat()}", mark_sent(args.letter, on, args.via))


def _contact(args: argparse.Namespace, out: Out) -> int:
    record = add_contact(args.letter, args.contact)
    return _done(args, out, f"contacts: {'; '.join(record.contacts)}", record)


def _log(args: argparse.Namespace, out: Out) -> int:
    on = args.on or _today(args)
    record = log_event(
        args.letter, args.event, on, note=args.note, file=args.file, until=args.until
    )
    return _done(args, out, f"{args.event} on {on.isoformat()}", record)


def _answer(args: argparse.Namespace, out: Out) -> int:
    name = mark_answer(args.letter, args.question, args.answer, note=args.note, where=args.where)
    return _done(args, out, f"question {name} {args.answer}", read_record(args.letter))


def tracked(paths: list[Path], today: datetime.date) -> list[tuple[Tracked, Status]]:
    """The letters among ``paths`` and where each stands (the folder cache: tracking.folder)."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UserError([Problem("no such file or folder", file=display_path(p)) for p in missing])
    out = []
    folders: dict[Path, str] = {}  # each folder as shown, worked out once (not per letter)
    for t in scan(paths):
        if t.path.parent not in folders:
            folders[t.path.parent] = display_path(t.path.parent)
        shown = folders[t.path.parent]
        name = t.path.name if shown == "." else f"{shown}/{t.path.name}"
        if t.summary is None or t.record is None or t.problem:
            out.append((t, error_status(name, t.problem or "cannot be read")))
        else:
            out.append((t, status(t.summary, t.record, today, name)))
    return out


def statuses(paths: list[Path], today: datetime.date) -> list[Status]:
    return [s for _, s in tracked(paths, today)]


def _statuses(args: argparse.Namespace) -> list[Status]:
    if args.state and args.state not in STATES:
        raise UserError(
            Problem(
                f"--state {args.state}: no such status",
                hint=did_you_mean(args.state, STATES) or "statuses: " + ", ".join(STATES),
            )
        )
    out = statuses(args.paths, _today(args))
    if args.agency:
        out = [s for s in out if args.agency.lower() in s.agency.lower()]
    if args.signer:
        out = [s for s in out if any(args.signer.lower() in n.lower() for n in s.signers)]
    if args.state:
        out = [s for s in out if s.state == args.state]
    if args.sort:
        out.sort(key=sort_key(args.sort))
    return out


def _table(out: Out, rows: list[Status]) -> None:
    """The tracker's columns, in the terminal UI's order: where each letter stands first."""
    header = ("letter", "status", "due", "late", "answered", "sent", "agency")
    lines = [
        (
            s.letter,
            s.state,
            s.due.isoformat() if s.due else "",
            str(s.days_overdue) if s.days_overdue else "",
            f"{s.answered}/{s.questions}",
            s.sent.isoformat() if s.sent else "",
            s.agency[:40],
        )
        for s in rows
    ]
    widths = [max(len(r[i]) for r in [header, *lines]) for i in range(len(header))]
    for r in [header, *lines]:
        out.line("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    for s in rows:
        if s.problem:
            out.note(f"{s.letter}: {s.problem} (oversight validate says more)")


def _print(args: argparse.Namespace, out: Out, rows: list[Status]) -> None:
    if args.json:
        out.write(json.dumps(msgspec.to_builtins(rows), indent=2) + "\n")
    else:
        _table(out, rows)


def _status(args: argparse.Namespace, out: Out) -> int:
    _print(args, out, _statuses(args))
    return 0


def _due(args: argparse.Namespace, out: Out) -> int:
    m = re.fullmatch(r"(\d+)d?", args.within)
    if m is None:
        raise UserError(Problem(f"--within {args.within}: write a number of days, as 14d"))
    limit = _today(args) + datetime.timedelta(days=int(m.group(1)))
    waiting = ("awaiting", "due soon", "overdue", "partially answered")
    rows = [s for s in _statuses(args) if s.state in waiting and s.due and s.due <= limit]
    if not args.sort:
        rows.sort(key=sort_key("due"))
    _print(args, out, rows)
    return 0
