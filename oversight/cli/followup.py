"""`oversight follow-up LETTER`: draft the letter asking again what is still open
(docs/tracking.md)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import msgspec

from oversight.cli.printer import Out
from oversight.cli.tracking import parse_date
from oversight.errors import display_path
from oversight.tracking.followup import LEVELS, write_follow_up


def _days(text: str) -> int:
    digits = text[:-1] if text.endswith("d") else text
    if not digits.isdigit() or not 1 <= int(digits) <= 365:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days (14 or 14d)")
    return int(digits)


def add_parser(sub: Any) -> None:
    f = sub.add_parser("follow-up", help="draft the follow-up letter asking what is still open")
    f.add_argument("letter", type=Path, metavar="LETTER")
    f.add_argument(
        "-o", "--output", type=Path, help="the new letter file (default: LETTER-follow-up.yaml)"
    )
    f.add_argument(
        "--level",
        choices=LEVELS,
        help="second request, or final request before compulsory process "
        "(default: second; final when the letter was already followed up)",
    )
    f.add_argument("--date", type=parse_date, help="the follow-up's date (default: today)")
    due = f.add_mutually_exclusive_group()
    due.add_argument("--days", type=_days, help="its deadline, days after its date (default: 14)")
    due.add_argument("--deadline", type=parse_date, help="its deadline, a date")
    f.add_argument("--json", action="store_true", help="print what was drafted as JSON")
    f.set_defaults(handler=_follow_up)


def _follow_up(args: argparse.Namespace, out: Out) -> int:
    done = write_follow_up(
        args.letter,
        args.output,
        level=args.level,
        date=args.date,
        days=args.days,
        deadline=args.deadline,
    )
    if args.json:
        shown = {**msgspec.to_builtins(done, enc_hook=str), "path": display_path(done.path)}
        out.write(json.dumps(shown, indent=2) + "\n")
        return 0
    level = "final request" if done.level == "final" else "second request"
    out.line(
        f"{display_path(done.path)}: {level} asking again {done.questions} question"
        f"{'s' if done.questions != 1 else ''} ({', '.join(done.asked)})"
    )
    for w in done.warnings:
        out.note(f"check: {w}")
    out.note(f"render it with: oversight render {display_path(done.path)}")
    return 0
