"""`oversight bank list|search|show|add|check`: the question banks (docs/question-banks.md).

* ``list [BANK]``: each bank found (docs/question-banks.md, "Where banks are found"): id,
  title, number of questions, file; with BANK, its questions.
* ``search QUERY [--tag T] [--limit N]``: ranked fuzzy search (``oversight/banks/search.py``).
* ``show ID``: one question as it prints, its lettered parts, its parameters, tags, notes, and
  the file and line where it is defined.
* ``add LETTER [--bank FILE] [--yes]``: copy a letter's own questions (not its ``use:`` ones)
  into a bank file (``oversight/banks/harvest.py``).
* ``check [FILE...]``: ``oversight/banks/check.py``.

Parsing and printing only. Search, check and add import their modules when they run (they load
rapidfuzz and ruamel.yaml, which list and show do not need): see docs/architecture.md,
"Deliberate lazy imports".
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import Any

from oversight.banks.finder import BankSet, search_paths
from oversight.banks.store import (
    Bank,
    BankQuestion,
    bank_location,
    format_value,
    printed_text,
    with_footnotes,
)
from oversight.cli.printer import Out, usage
from oversight.errors import Problem, Problems, UserError, did_you_mean, display_path

WIDTH = 100  # lines printed by show and search are wrapped at this width


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "bank",
        help="question banks: list, search, show, add, check",
        description="Work with question banks (docs/question-banks.md).",
    )
    bs = p.add_subparsers(dest="bank_command", metavar="COMMAND")
    p.set_defaults(handler=lambda args, out: usage(p))

    ls = bs.add_parser(
        "list",
        help="list the banks found",
        description="Each bank found: its id, number of questions, title and file. Banks are "
        "found in OVERSIGHT_BANKS, the office configuration's banks: and the shipped banks. "
        "With BANK, that bank's questions: id and the start of its wording.",
    )
    ls.add_argument("bank", nargs="?", metavar="BANK", help="list this bank's questions")
    ls.set_defaults(handler=_list)

    se = bs.add_parser(
        "search",
        help="find questions by a half-remembered phrase",
        description="Ranked fuzzy search over the questions' wording, parts, tags, notes and "
        "ids. Prints each match's bank-id/question-id, its score (0-100) and the question as it "
        "prints (parameter defaults filled in, <name> where a letter must give a value).",
    )
    se.add_argument("query", nargs="+", metavar="QUERY", help="words to look for")
    se.add_argument("--tag", metavar="T", help="only questions with this tag")
    se.add_argument(
        "--limit", type=_positive, default=10, metavar="N", help="at most N matches (default 10)"
    )
    se.set_defaults(handler=_search)

    sh = bs.add_parser(
        "show",
        help="show one question: wording, parts, parameters",
        description="Show a question as it prints, its lettered parts, its parameters (type, "
        "default, description), tags, notes, and where it is defined.",
    )
    sh.add_argument("id", metavar="ID", help="bank-id/question-id (or a question id alone)")
    sh.set_defaults(handler=_show)

    ad = bs.add_parser(
        "add",
        help="copy a letter's own questions into a bank file",
        description="Add the letter's own questions (not its 'use:' ones) to a bank file, with "
        "ids made from their words; questions already in the bank are skipped. The bank file "
        "keeps its content and comments; it is created when it does not exist. Asks first.",
    )
    ad.add_argument("letter", type=Path, metavar="LETTER", help="the letter file")
    ad.add_argument(
        "--bank",
        type=Path,
        metavar="FILE",
        help="the bank file (default: LETTER's name with -questions.yaml, beside it)",
    )
    ad.add_argument("--yes", action="store_true", help="add without asking")
    ad.set_defaults(handler=_add)

    ck = bs.add_parser(
        "check",
        help="check banks: duplicates, near-duplicates, parameters, citations",
        description="Check bank files (default: every bank found): errors that stop a letter "
        "using them, duplicate ids, questions worded nearly alike (compared across every bank "
        "found), parameters declared but not used or used but not declared, citations of "
        "reports the bank does not define. Exit 1 on errors, 0 with only warnings.",
    )
    ck.add_argument("files", nargs="*", type=Path, metavar="FILE", help="bank files or folders")
    ck.set_defaults(handler=_check)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _found_banks() -> tuple[BankSet, Problems]:
    problems = Problems()
    return BankSet(search_paths(None, []), problems), problems


def _wrap(text: str, indent: str = "    ", first: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


# ---------------------------------------------------------------------------------------------
# list


def _list(args: argparse.Namespace, out: Out) -> int:
    banks, problems = _found_banks()
    if args.bank is not None:
        return _list_questions(args.bank, banks, problems, out)
    rows = [
        (b.id, str(len(b.questions)), b.title, b.file)
        for b in sorted(banks.banks.values(), key=lambda b: b.id)
    ]
    if rows:
        head = ("BANK", "QUESTIONS", "TITLE", "FILE")
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(3)]
        for r in [head, *rows]:
            out.line(
                f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip()
            )
    else:
        out.note("no question banks found (see docs/question-banks.md, 'Where banks are found')")
    return 1 if out.problems(problems.items) else 0


def _list_questions(bank_id: str, banks: BankSet, problems: Problems, out: Out) -> int:
    bank = banks.banks.get(bank_id)
    if bank is None:
        out.problems(problems.items)
        raise UserError(
            Problem(
                f"no question bank '{bank_id}'",
                hint=did_you_mean(bank_id, banks.banks)
                or "banks found: " + (", ".join(sorted(banks.banks)) or "none"),
            )
        )
    out.line(f"{bank.id}: {bank.title} ({bank.file})")
    width = max((len(qid) for qid in bank.questions), default=0)
    for qid, (_index, q) in bank.questions.items():
        text = printed_text(q, q.text, citations=False)
        room = WIDTH - width - 4
        if len(text) > room:
            text = text[: room - 1].rstrip() + "…"
        out.line(f"  {qid:<{width}}  {text}")
    return 1 if out.problems(problems.items) else 0


# ---------------------------------------------------------------------------------------------
# search


def _search(args: argparse.Namespace, out: Out) -> int:
    from oversight.banks.search import SearchIndex

    query = " ".join(args.query).strip()
    if not query:
        raise UserError(
            Problem("give some words to search for, e.g. oversight bank search audit logs")
        )
    banks, problems = _found_banks()
    index = SearchIndex(banks.banks.values())
    if args.tag is not None:
        tags = index.tags()
        if args.tag.lower() not in tags:
            errors = out.problems(problems.items)
            raise UserError(
                Problem(
                    f"no question has the tag '{args.tag}'"
                    + (" (some banks have errors, above)" if errors else ""),
                    hint=did_you_mean(args.tag.lower(), tags)
                    or ("tags: " + ", ".join(sorted(tags)) if tags else "no banks were found"),
                )
            )
    hits = index.search(query, tag=args.tag, limit=args.limit)
    for hit in hits:
        out.line(f"{hit.entry.ref}  {hit.score:.0f}")
        for line in _wrap(hit.entry.preview):
            out.line(line)
    if not hits:
        out.note(
            f"no question matches '{query}'" + (f" with the tag '{args.tag}'" if args.tag else "")
        )
    return 1 if out.problems(problems.items) else 0


# ---------------------------------------------------------------------------------------------
# show


def _find(banks: BankSet, ref: str) -> tuple[Bank, BankQuestion]:
    """The question ``ref`` names, or a UserError saying what is wrong."""
    if "/" not in ref:
        found = [
            (b, q)
            for b in sorted(banks.banks.values(), key=lambda b: b.id)
            for _i, q in b.questions.values()
            if q.id == ref
        ]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise UserError(
                Problem(
                    f"several banks have a question '{ref}'",
                    hint="say which: " + ", ".join(f"{b.id}/{q.id}" for b, q in found),
                )
            )
        every = sorted({q for b in banks.banks.values() for q in b.questions})
        raise UserError(
            Problem(
                f"no question '{ref}' in any bank",
                hint=did_you_mean(ref, every) or "find one with: oversight bank search WORDS",
            )
        )
    bank, question = banks.find(ref)
    bank_id, _, qid = ref.partition("/")
    if bank is None:
        raise UserError(
            Problem(
                f"no question bank '{bank_id}'",
                hint=did_you_mean(bank_id, banks.banks)
                or "banks found: " + (", ".join(sorted(banks.banks)) or "none"),
            )
        )
    if question is None:
        raise UserError(
            Problem(
                f"bank '{bank.id}' has no question '{qid}'",
                hint=did_you_mean(qid, bank.questions) or f"its questions are in {bank.file}",
            )
        )
    return bank, question


def _show(args: argparse.Namespace, out: Out) -> int:
    banks, problems = _found_banks()
    try:
        bank, q = _find(banks, args.id)
    except Exception:
        out.problems(problems.items)
        raise
    index = bank.questions[q.id][0]
    (text, *parts), notes = with_footnotes(bank, [printed_text(q, t) for t in (q.text, *q.parts)])
    lines = [
        f"{bank.id}/{q.id}  ({bank.title})",
        f"defined at {bank_location(bank, ('questions', index))}",
        "",
    ]
    lines += _wrap(text, indent="  ")
    for k, part in enumerate(parts):
        label = f"  {chr(ord('a') + k)}. "
        lines += _wrap(part, indent=" " * len(label), first=label)
    if notes:
        lines.append("")
        for n, text in enumerate(notes, start=1):
            lines += _wrap(text, indent="      ", first=f"  [{n}] ")
    lines.append("")
    if q.parameters:
        lines.append("parameters:")
        for name, spec in q.parameters.items():
            if spec.default is None:
                default = "no default: a letter must give it"
            else:
                shown = format_value(spec.type, spec.default, "en_US")
                default = (
                    f"default {shown!r}"
                    if shown is not None
                    else f"default {spec.default!r} (not a {spec.type}!)"
                )
            lines += _wrap(f"{name} ({spec.type}): {default}", indent="      ", first="  ")
            if spec.description:
                lines += _wrap(spec.description, indent="      ")
    else:
        lines.append("parameters: none")
    lines.append("tags: " + (", ".join(q.tags) if q.tags else "none"))
    if q.notes:
        lines += _wrap(q.notes, indent="  ", first="notes: ")
    out.line("\n".join(lines))
    return 1 if out.problems(problems.items) else 0


# ---------------------------------------------------------------------------------------------
# check


def _check(args: argparse.Namespace, out: Out) -> int:
    from oversight.banks.check import check_banks

    problems = Problems()
    banks, questions = check_banks(args.files, problems)
    errors = out.problems(problems.items)
    warnings = len(problems.items) - errors
    if banks == 0 and not problems.items:
        out.note("no question banks found (see docs/question-banks.md, 'Where banks are found')")
        return 0
    summary = f"{banks} bank{'s' * (banks != 1)}, {questions} questions"
    if errors or warnings:
        summary += (
            f": {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        )
    else:
        summary += ": ok"
    out.line(summary)
    return 1 if errors else 0


# ---------------------------------------------------------------------------------------------
# add


def _add(args: argparse.Namespace, out: Out) -> int:
    from oversight.banks.harvest import bank_file_text, plan_addition, write_bank_file

    addition = plan_addition(args.letter, args.bank)
    shown = addition.shown
    for skipped in addition.skipped:
        if isinstance(skipped, Problem):
            out.problem(skipped)
        else:
            out.note(skipped)
    chosen = addition.questions
    if not chosen:
        out.line(f"nothing to add to {shown}")
        return 0

    out.line(
        f"{len(chosen)} question{'s' * (len(chosen) != 1)} from {display_path(args.letter)} "
        f"to {'a new bank file ' if addition.existing is None else ''}{shown}:"
    )
    for h in chosen:
        preview = " ".join(h.text.split())
        if len(preview) > WIDTH - 8 - len(h.id):
            preview = preview[: WIDTH - 9 - len(h.id)].rstrip() + "…"
        out.line(f"  {h.id}: {preview}")
    if addition.reports:
        out.line("  with the report entries they cite: " + ", ".join(sorted(addition.reports)))
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError(
                Problem(
                    "nothing was added: there is no terminal to ask for confirmation",
                    file=shown,
                    hint="run again with --yes to add them without asking",
                )
            )
        if not out.confirm(f"Add {'them' if len(chosen) > 1 else 'it'} to {shown}? [y/N] "):
            out.line("nothing was added")
            return 0

    text, warnings = bank_file_text(addition)
    for warning in warnings:
        out.problem(warning)
    write_bank_file(addition.bank_path, text)
    out.line(f"wrote {shown}: {len(chosen)} question{'s' * (len(chosen) != 1)} added")
    return 0
