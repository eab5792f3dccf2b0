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
from oversight.letters.prepare import load_letter
from oversight.tracking import (
    ANSWERS,
    EVENTS,
    Answer,
    Logged,
    Record,
    Sent,
    Status,
    change,
    check_on,
    question_names,
    read_record,
    record_path,
    status,
)


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _today(args: argparse.Namespace) -> datetime.date:
    return args.today or datetime.date.today()


def add_parser(sub: Any) -> None:
    s = sub.add_parser("sent", help="record that a letter was sent")
    s.add_argument("letter", type=Path, metavar="LETTER")
    s.add_argument("--on", type=_date, help="the date it was sent (default: today)")
    s.add_argument("--via", help="email, portal, hand delivery…")
    s.add_argument("--today", type=_date, help=argparse.SUPPRESS)
    s.set_defaults(handler=_sent)

    log = sub.add_parser("log", help="add an event to a letter's record")
    log.add_argument("letter", type=Path, metavar="LETTER")
    log.add_argument("event", metavar="EVENT", help="one of: " + ", ".join(EVENTS))
    log.add_argument("--on", type=_date, help="when (default: today)")
    log.add_argument("--note")
    log.add_argument("--file", type=Path, help="the response file")
    log.add_argument("--until", type=_date, help="an extension's new deadline")
    log.add_argument("--today", type=_date, help=argparse.SUPPRESS)
    log.set_defaults(handler=_log)

    a = sub.add_parser("answer", help="mark how a question was answered")
    a.add_argument("letter", type=Path, metavar="LETTER")
    a.add_argument("question", metavar="QUESTION", help="as the letter prints it: 3, 3(b)")
    a.add_argument("answer", metavar="STATUS", help="one of: " + ", ".join(ANSWERS))
    a.add_argument("--note")
    a.add_argument("--where", help="where in the response the answer is")
    a.set_defaults(handler=_answer)

    for name, help_line in (
        ("status", "the letters of a folder and where each stands"),
        ("due", "letters awaiting an answer, by deadline"),
    ):
        p = sub.add_parser(name, help=help_line)
        p.add_argument("paths", nargs="*", type=Path, default=[Path(".")], metavar="FOLDER")
        p.add_argument("--today", type=_date, help="as of this date (YYYY-MM-DD)")
        p.add_argument("--json", action="store_true", help="print JSON")
        if name == "due":
            p.add_argument("--within", default="14d", help="days ahead: 14d (default)")
        p.add_argument("--agency", help="only letters to agencies whose name holds this")
        p.add_argument("--state", help="only letters in this state (overdue, awaiting…)")
        p.set_defaults(handler=_status if name == "status" else _due)


def _letter(path: Path) -> Any:
    if not path.is_file():
        raise UserError(Problem("no such letter file", file=display_path(path)))
    return load_letter(path)


def _one_of(value: str, choices: tuple[str, ...], what: str, shown: str) -> None:
    """An event or answer the record knows, or one message naming the choices."""
    if value not in choices:
        raise UserError(
            Problem(
                f"unknown {what} '{value}'; nothing was written",
                file=shown,
                hint=did_you_mean(value, choices) or f"{what}s: " + ", ".join(choices),
            )
        )


def _sent(args: argparse.Namespace, out: Out) -> int:
    _letter(args.letter)
    on = args.on or _today(args)

    def edit(record: Record) -> None:
        record.sent = Sent(date=on, via=args.via)

    change(args.letter, edit)
    out.line(f"{display_path(args.letter)}: sent on {on.isoformat()}")
    return 0


def _log(args: argparse.Namespace, out: Out) -> int:
    shown = display_path(args.letter)
    _one_of(args.event, EVENTS, "event", shown)
    _letter(args.letter)
    if args.file is not None and not args.file.is_file():
        raise UserError(
            Problem(
                f"the response file {args.file} does not exist; nothing was written", file=shown
            )
        )
    if args.event == "extension-granted" and args.until is None:
        raise UserError(Problem("an extension needs --until DATE (the new deadline)", file=shown))
    on = args.on or _today(args)
    file = None
    if args.file is not None:
        file = str(Path(args.file).resolve().relative_to(args.letter.resolve().parent))

    def edit(record: Record) -> None:
        check_on(record, on, args.letter)
        record.events.append(
            Logged(date=on, event=args.event, note=args.note, file=file, until=args.until)
        )

    change(args.letter, edit)
    out.line(f"{shown}: {args.event} on {on.isoformat()}")
    return 0


def _answer(args: argparse.Namespace, out: Out) -> int:
    shown = display_path(args.letter)
    _one_of(args.answer, ANSWERS, "answer", shown)
    prep = _letter(args.letter)
    names = question_names(prep)
    question = re.sub(r"\s+", "", args.question)
    if question not in names:
        raise UserError(
            Problem(
                f"the letter has no question {args.question}; nothing was written",
                file=shown,
                hint=f"its questions: {', '.join(names[:12])}{'…' if len(names) > 12 else ''}",
            )
        )

    def edit(record: Record) -> None:
        record.answers[question] = Answer(status=args.answer, note=args.note, where=args.where)

    change(args.letter, edit)
    out.line(f"{shown}: question {question} {args.answer}")
    return 0


def _statuses(args: argparse.Namespace) -> list[Status]:
    today = _today(args)
    letters: list[Path] = []
    for p in args.paths:
        if p.is_dir():
            letters.extend(
                f for f in sorted(p.glob("*.yaml")) if not f.name.endswith(".tracking.yaml")
            )
        else:
            letters.append(p)
    out = []
    for letter in letters:
        try:
            prep = load_letter(letter)
        except UserError:
            continue  # not a letter (a bank, a report library) or a broken one: `validate` says
        record = read_record(letter) if record_path(letter).exists() else Record()
        out.append(status(prep, record, today, display_path(letter)))
    if args.agency:
        out = [s for s in out if args.agency.lower() in s.agency.lower()]
    if args.state:
        out = [s for s in out if s.state == args.state]
    return out


def _table(out: Out, rows: list[Status]) -> None:
    header = ("letter", "agency", "sent", "due", "late", "answered", "status")
    lines = [
        (
            s.letter,
            s.agency[:40],
            s.sent.isoformat() if s.sent else "",
            s.due.isoformat() if s.due else "",
            str(s.days_overdue) if s.days_overdue else "",
            f"{s.answered}/{s.questions}",
            s.state,
        )
        for s in rows
    ]
    widths = [max(len(r[i]) for r in [header, *lines]) for i in range(len(header))]
    for r in [header, *lines]:
        out.line("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


def _status(args: argparse.Namespace, out: Out) -> int:
    rows = _statuses(args)
    if args.json:
        out.write(json.dumps(msgspec.to_builtins(rows), indent=2) + "\n")
    else:
        _table(out, rows)
    return 0


def _due(args: argparse.Namespace, out: Out) -> int:
    m = re.fullmatch(r"(\d+)d?", args.within)
    if m is None:
        raise UserError(Problem(f"--within {args.within}: write a number of days, as 14d"))
    limit = _today(args) + datetime.timedelta(days=int(m.group(1)))
    waiting = ("awaiting", "due soon", "overdue", "partially answered")
    rows = [s for s in _statuses(args) if s.state in waiting and s.due and s.due <= limit]
    rows.sort(key=lambda s: (s.due or datetime.date.max, s.letter))
    if args.json:
        out.write(json.dumps(msgspec.to_builtins(rows), indent=2) + "\n")
    else:
        _table(out, rows)
    return 0
