"""`oversight bank list|search|show|add|check`: the question banks (docs/question-banks.md).

* ``list [BANK]``: each bank found (docs/question-banks.md, "Where banks are found"): id,
  title, number of questions, file; with BANK, its questions.
* ``search QUERY [--tag T] [--limit N]``: ranked fuzzy search (``oversight/bank_search.py``).
* ``show ID``: one question as it prints, its lettered parts, its parameters, tags, notes, and
  the file and line where it is defined.
* ``add LETTER [--bank FILE] [--yes]``: copy a letter's own questions (not its ``use:`` ones)
  into a bank file, with ids made from their words, keeping the file's content and comments.
* ``check [FILE...]``: duplicate ids, near-duplicate questions, parameters declared and not
  used (and used and not declared), citations of reports the bank does not define.

Nothing heavy is imported until a command runs: rapidfuzz and ruamel.yaml only by the commands
that need them, so ``oversight render`` never loads them.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from oversight.cli.printer import Out, usage

if TYPE_CHECKING:  # pragma: no cover
    from oversight.banks.store import Bank, BankQuestion, BankSet
    from oversight.citations.library import Report
    from oversight.errors import Problems
    from oversight.letters.model import Letter, Part, Question
    from oversight.yamlfile import Document

WIDTH = 100  # lines printed by show and search are wrapped at this width
NEAR_DUPLICATE = 90  # fuzz.token_sort_ratio from which two questions are reported as alike


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
    from oversight.banks.store import BankSet, search_paths
    from oversight.errors import Problems

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
            print(f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip())
    else:
        out.note("no question banks found (see docs/question-banks.md, 'Where banks are found')")
    return 1 if out.problems(problems.items) else 0


def _list_questions(bank_id: str, banks: BankSet, problems: Problems, out: Out) -> int:
    from oversight.banks.store import printed_text
    from oversight.errors import Problem, UserError, did_you_mean

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
    print(f"{bank.id}: {bank.title} ({bank.file})")
    width = max((len(qid) for qid in bank.questions), default=0)
    for qid, (_index, q) in bank.questions.items():
        text = printed_text(q, q.text, citations=False)
        room = WIDTH - width - 4
        if len(text) > room:
            text = text[: room - 1].rstrip() + "…"
        print(f"  {qid:<{width}}  {text}")
    return 1 if out.problems(problems.items) else 0


# ---------------------------------------------------------------------------------------------
# search


def _search(args: argparse.Namespace, out: Out) -> int:
    from oversight.banks.search import SearchIndex
    from oversight.errors import Problem, UserError, did_you_mean

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
        print(f"{hit.entry.ref}  {hit.score:.0f}")
        for line in _wrap(hit.entry.preview):
            print(line)
    if not hits:
        out.note(
            f"no question matches '{query}'" + (f" with the tag '{args.tag}'" if args.tag else "")
        )
    return 1 if out.problems(problems.items) else 0


# ---------------------------------------------------------------------------------------------
# show


def _find(banks: BankSet, ref: str) -> tuple[Bank, BankQuestion]:
    """The question ``ref`` names, or a UserError saying what is wrong."""
    from oversight.errors import Problem, UserError, did_you_mean

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


class _Footnotes:
    """Citations in a question's text as footnote numbers, and the footnotes' text."""

    def __init__(self, bank: Bank) -> None:
        from oversight.citations.footnotes import FootnoteWriter

        self.fields = {r.id: r.fields for r in bank.reports}
        self.writer = FootnoteWriter(self.fields)
        self.notes: list[str] = []

    def replace(self, text: str) -> str:
        from oversight.citations.markers import CitationSyntaxError, Marker, parse_citation, sub

        def note(m: Marker) -> str:
            try:
                cites = parse_citation(m.content)
                runs = self.writer.footnote(cites)
            except (CitationSyntaxError, KeyError):
                return m.text  # `bank check` explains it
            self.notes.append("".join(r.text for r in runs))
            return f"[{len(self.notes)}]"

        return sub(text, note)


def _show(args: argparse.Namespace, out: Out) -> int:
    from oversight.banks.store import bank_location, format_value, printed_text

    banks, problems = _found_banks()
    try:
        bank, q = _find(banks, args.id)
    except Exception:
        out.problems(problems.items)
        raise
    index = bank.questions[q.id][0]
    notes = _Footnotes(bank)
    lines = [
        f"{bank.id}/{q.id}  ({bank.title})",
        f"defined at {bank_location(bank, ('questions', index))}",
        "",
    ]
    lines += _wrap(notes.replace(printed_text(q, q.text)), indent="  ")
    for k, part in enumerate(q.parts):
        label = f"  {chr(ord('a') + k)}. "
        lines += _wrap(notes.replace(printed_text(q, part)), indent=" " * len(label), first=label)
    if notes.notes:
        lines.append("")
        for n, text in enumerate(notes.notes, start=1):
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
    print("\n".join(lines))
    return 1 if out.problems(problems.items) else 0


# ---------------------------------------------------------------------------------------------
# check


class CheckResult(msgspec.Struct):
    problems: Problems
    banks: int = 0
    questions: int = 0


def check_banks(files: Sequence[Path]) -> CheckResult:
    """Check the given bank files (or every bank found); collect the problems, print nothing."""
    from oversight.banks.store import _bank_files, load_bank, search_paths
    from oversight.errors import Problem, Problems, display_path

    problems = Problems()
    found = search_paths(None, [])
    targets = {f.resolve() for f in _bank_files(files)} if files else None
    result = CheckResult(problems)
    loaded: list[tuple[Bank, bool]] = []  # (bank, checked: a target)
    by_id: dict[str, tuple[Bank, bool]] = {}
    for f in _bank_files([*files, *found]):
        target = targets is None or f.resolve() in targets
        if not f.exists():
            if target:
                problems.add(Problem("no such bank file or folder", file=display_path(f)))
            continue
        local = Problems()
        bank = load_bank(f, local)
        if target:
            problems.extend(local.items)
        if bank is None:
            continue
        if bank.id in by_id:
            other, other_target = by_id[bank.id]
            if target or other_target:
                from oversight.banks.store import bank_location

                problems.add(
                    bank.doc.problem(
                        ("bank",),
                        f"bank id '{bank.id}' is also used by {bank_location(other)}",
                        hint="bank ids must be unique: rename one of them",
                    )
                )
            continue
        by_id[bank.id] = (bank, target)
        loaded.append((bank, target))
        if target:
            result.banks += 1
            result.questions += len(bank.questions)
            _check_one(bank, problems)
    _near_duplicates(loaded, problems)
    return result


def _check_one(bank: Bank, problems: Problems) -> None:
    from oversight.banks.store import used_parameters
    from oversight.citations.markers import citations_in

    defined = {r.id for r in bank.reports}
    for index, q in bank.questions.values():
        used = used_parameters(q)
        for name in q.parameters:
            if name not in used:
                problems.add(
                    bank.doc.problem(
                        ("questions", index, "parameters", name),
                        f"question '{q.id}' declares the parameter '{name}' but does not use it",
                        hint=f"write {{{{ {name} }}}} where its value belongs, or remove it",
                        key=True,
                        severity="warning",
                    )
                )
            else:
                _check_default(bank, index, q, name, problems)
        texts: list[tuple[tuple[Any, ...], str]] = [(("text",), q.text)]
        texts += [(("parts", k), t) for k, t in enumerate(q.parts)]
        for path, text in texts:
            for rid, broken in citations_in(text):
                where = ("questions", index, *path)
                if broken is not None:
                    problems.add(bank.doc.problem(where, broken))
                elif rid is not None and rid not in defined:
                    from oversight.errors import did_you_mean

                    problems.add(
                        bank.doc.problem(
                            where,
                            f"question '{q.id}' cites '{rid}', which this bank's reports: do "
                            "not define",
                            hint=did_you_mean(rid, defined)
                            or "add the entry under the bank's reports: (see docs/citations.md)",
                        )
                    )


def _check_default(bank: Bank, index: int, q: BankQuestion, name: str, problems: Problems) -> None:
    """A default that is not of the parameter's type fails every letter that relies on it."""
    import datetime

    spec = q.parameters[name]
    value = spec.default
    if value is None:
        return
    ok = True
    if spec.type == "date":
        if isinstance(value, str):
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                ok = False
        else:
            ok = isinstance(value, datetime.date)
    elif spec.type == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    else:
        ok = isinstance(value, str) and bool(value.strip())
    if not ok:
        expected = {"date": "a date (YYYY-MM-DD)", "number": "a number"}.get(spec.type, "text")
        problems.add(
            bank.doc.problem(
                ("questions", index, "parameters", name, "default"),
                f"the default of '{name}' is not {expected}",
            )
        )


def _near_duplicates(loaded: Sequence[tuple[Bank, bool]], problems: Problems) -> None:
    """Questions worded nearly alike (token_sort_ratio ≥ NEAR_DUPLICATE), in any two banks or
    the same one; reported at the question of a checked bank, naming the other's file:line."""
    import bisect

    from rapidfuzz import fuzz, process
    from rapidfuzz.utils import default_process

    from oversight.banks.store import bank_location

    items: list[tuple[int, str, Bank, int, BankQuestion, bool]] = []
    for bank, target in loaded:
        for index, q in bank.questions.values():
            text = " ".join(sorted(default_process(q.text).split()))
            items.append((len(text), text, bank, index, q, target))
    items.sort(key=lambda it: (it[0], it[2].id, it[3]))
    lengths = [it[0] for it in items]
    # token_sort_ratio >= 90 needs the shorter text at least 9/11 of the longer
    for i, (n, text, bank, index, q, target) in enumerate(items):
        end = bisect.bisect_right(lengths, n * 11 // 9 + 1)
        if end <= i + 1:
            continue
        choices = [items[j][1] for j in range(i + 1, end)]
        # the texts' words are sorted already, so ratio here is token_sort_ratio, minus the
        # cost of splitting and sorting both texts at every comparison
        for _choice, score, k in process.extract(
            text,
            choices,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=NEAR_DUPLICATE,
            limit=None,
        ):
            other = items[i + 1 + k]
            if not (target or other[5]):
                continue
            # report at the checked one (the first when both are)
            a, b = ((bank, index, q), other[2:5]) if target else (other[2:5], (bank, index, q))
            problems.add(
                a[0].doc.problem(
                    ("questions", a[1]),
                    f"question '{a[0].id}/{a[2].id}' is worded nearly like '{b[0].id}/{b[2].id}' "
                    f"at {bank_location(b[0], ('questions', b[1]))} ({score:.0f}% alike)",
                    hint="keep one, or make the difference plain in the wording",
                    severity="warning",
                )
            )


def _check(args: argparse.Namespace, out: Out) -> int:
    result = check_banks(args.files)
    errors = out.problems(result.problems.items)
    warnings = len(result.problems.items) - errors
    if result.banks == 0 and not result.problems.items:
        out.note("no question banks found (see docs/question-banks.md, 'Where banks are found')")
        return 0
    summary = f"{result.banks} bank{'s' * (result.banks != 1)}, {result.questions} questions"
    if errors or warnings:
        summary += (
            f": {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        )
    else:
        summary += ": ok"
    print(summary)
    return 1 if errors else 0


# ---------------------------------------------------------------------------------------------
# add


class Harvested(msgspec.Struct):
    """A letter's own question, ready to go into a bank."""

    text: str
    parts: list[str]
    path: tuple[Any, ...]  # where it is in the letter
    id: str = ""


_ID_STOP_TEXT = """a an the of to in on for and or by with as at be is are was were been it its this that
    these those any each all from into since has have had does did do so if your please provide
    identify state describe what which who whom whose when where why how whether such other
    any copies copy will you we our us can could would should may might must there"""
_ID_STOP = frozenset(_ID_STOP_TEXT.split())


def slug(text: str, taken: set[str], words: int = 5, limit: int = 48) -> str:
    """An id from the first telling words of ``text``, not in ``taken`` (then -2, -3...)."""
    from oversight.citations.markers import sub

    plain = sub(text, " ")
    plain = re.sub(r"\{\{[^}]*\}\}", " ", plain)
    found = [w for w in re.findall(r"[a-z0-9]+", plain.lower()) if len(w) > 1 and w not in _ID_STOP]
    base = ""
    for w in found[:words]:
        candidate = f"{base}-{w}" if base else w
        if len(candidate) > limit:
            break
        base = candidate
    base = base or "question"
    out, n = base, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    return out


def _own_questions(letter: Letter) -> list[Harvested]:
    found: list[Harvested] = []

    def parts(items: list[str | Part]) -> list[str]:
        return [p if isinstance(p, str) else p.text for p in items]

    def visit(item: str | Question, path: tuple[Any, ...]) -> None:
        if isinstance(item, str):
            found.append(Harvested(item.strip(), [], path))
        elif item.heading is not None:
            for j, sub in enumerate(item.questions):
                visit(sub, (*path, "questions", j))
        elif item.use is None and item.text:
            found.append(Harvested(item.text.strip(), [p.strip() for p in parts(item.parts)], path))

    for i, item in enumerate(letter.questions):
        visit(item, ("questions", i))
    return found


def _letter_reports(doc: Document, letter: Letter, base: Path) -> dict[str, Report]:
    """Every report entry the letter can cite: inline and in its libraries."""
    from oversight.citations.library import letter_reports
    from oversight.errors import Problems

    found: dict[str, Report] = {}
    problems = Problems()  # a letter's broken entries are `oversight validate`'s to report
    for item in letter_reports(doc, letter.reports, base, problems):
        for r in item.reports:
            found.setdefault(r.id, r)
    return found


def _confirm(question: str) -> bool:
    sys.stderr.write(question)
    sys.stderr.flush()
    try:
        answer = sys.stdin.readline()
    except (OSError, KeyboardInterrupt):
        return False
    return answer.strip().lower() in ("y", "yes")


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _scalar(text: str, indent: int) -> Any:
    """Long single-line text as a folded block (``>-``) wrapped near WIDTH, as the shipped banks
    are written; anything else as ruamel.yaml chooses."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    if (
        len(text) + indent <= WIDTH - 10
        or text != text.strip()
        or re.search(r"\s\s|[\t\n\r]", text)
        or not text.isprintable()
    ):
        return text
    folded = FoldedScalarString(text)
    positions: list[int] = []
    at = 0
    for line in textwrap.wrap(
        text, WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False
    )[:-1]:
        at = text.index(line, at) + len(line)
        positions.append(at)  # the space after the line
    folded.fold_pos = positions
    return folded


def _add(args: argparse.Namespace, out: Out) -> int:
    from oversight.banks.store import _ID, BankSet, bank_from_document, load_bank, search_paths
    from oversight.citations.markers import citations_in
    from oversight.errors import Problem, Problems, UserError, display_path
    from oversight.fsutil import atomic_write, check_output_path
    from oversight.letters.model import Letter
    from oversight.letters.validate import convert
    from oversight.yamlfile import MAX_FILE_BYTES, load_file, load_text

    letter_path: Path = args.letter
    doc = load_file(letter_path)
    problems = Problems()
    letter = convert(doc, Letter, problems)
    problems.raise_if_errors()
    assert letter is not None

    bank_path: Path = args.bank or letter_path.with_name(letter_path.stem + "-questions.yaml")
    shown = display_path(bank_path)
    existing = None
    if bank_path.exists():
        existing = load_bank(bank_path, problems)
        if problems.errors or existing is None:
            raise UserError(
                [
                    *problems.items,
                    Problem("fix the bank file first; nothing was added", file=shown),
                ]
            )
    else:
        check_output_path(bank_path)

    taken = set(existing.questions) if existing else set()
    known_texts = {
        " ".join(q.text.split()): q.id
        for _i, q in (existing.questions.values() if existing else [])
    }
    bank_reports = {r.id for r in existing.reports} if existing else set()
    letter_reports = _letter_reports(doc, letter, letter_path.resolve().parent)
    new_reports: dict[str, Report] = {}
    chosen: list[Harvested] = []
    for h in _own_questions(letter):
        where = doc.problem(h.path, "")
        loc = f"{where.file}:{where.line}" if where.line else where.file or ""
        key = " ".join(h.text.split())
        if key in known_texts:
            out.note(f"{loc}: already in {shown} as '{known_texts[key]}'; skipped")
            continue
        if re.search(r"\{\{-?\s*[A-Za-z_][A-Za-z0-9_]*\s*-?\}\}", " ".join([h.text, *h.parts])):
            out.problem(
                doc.problem(
                    h.path,
                    "this question contains {{ name }}, which a bank reads as a parameter; skipped",
                    hint="add it to the bank by hand, declaring the parameter",
                    severity="warning",
                )
            )
            continue
        missing: list[str] = []
        for text in (h.text, *h.parts):
            for rid, broken in citations_in(text):
                if broken is not None or rid is None:
                    missing.append(broken or "a citation")
                elif rid not in bank_reports:
                    if rid in letter_reports:
                        new_reports.setdefault(rid, letter_reports[rid])
                    else:
                        missing.append(f"'{rid}'")
        if missing:
            out.problem(
                doc.problem(
                    h.path,
                    "this question cites " + ", ".join(missing) + ", which the letter does not "
                    "define; skipped",
                    severity="warning",
                )
            )
            continue
        h.id = slug(h.text, taken)
        taken.add(h.id)
        known_texts[key] = h.id
        chosen.append(h)

    if not chosen:
        print(f"nothing to add to {shown}")
        return 0

    created = existing is None
    print(
        f"{len(chosen)} question{'s' * (len(chosen) != 1)} from {display_path(letter_path)} "
        f"to {'a new bank file ' if created else ''}{shown}:"
    )
    for h in chosen:
        preview = " ".join(h.text.split())
        if len(preview) > WIDTH - 8 - len(h.id):
            preview = preview[: WIDTH - 9 - len(h.id)].rstrip() + "…"
        print(f"  {h.id}: {preview}")
    if new_reports:
        print("  with the report entries they cite: " + ", ".join(sorted(new_reports)))
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError(
                Problem(
                    "nothing was added: there is no terminal to ask for confirmation",
                    file=shown,
                    hint="run again with --yes to add them without asking",
                )
            )
        if not _confirm(f"Add {'them' if len(chosen) > 1 else 'it'} to {shown}? [y/N] "):
            print("nothing was added")
            return 0

    y = _yaml()
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if existing is not None:
        data = y.load(existing.doc.text)
    else:
        bank_id = re.sub(r"[^a-z0-9]+", "-", bank_path.stem.lower()).strip("-") or "questions"
        if not re.match(_ID, bank_id):
            bank_id = "questions-" + bank_id
        others = BankSet(search_paths(None, []), Problems()).banks
        if bank_id in others:
            out.problem(
                Problem(
                    f"bank id '{bank_id}' is also used by {others[bank_id].file}; rename one "
                    "before both are on the search path",
                    file=shown,
                    severity="warning",
                )
            )
        data = CommentedMap()
        data["bank"] = bank_id
        data["title"] = f"Questions from {letter_path.name}"
        data.yaml_set_start_comment(
            "Question bank (docs/question-banks.md). Written by `oversight bank add`; edit freely:\n"
            "later additions keep your changes and comments."
        )
        data["questions"] = CommentedSeq()
    if new_reports:
        if "reports" not in data or data["reports"] is None:
            data.insert(list(data).index("questions"), "reports", CommentedSeq())
            if existing is not None:
                data.yaml_set_comment_before_after_key("questions", before="\n")
        for rid in sorted(new_reports):
            data["reports"].append(CommentedMap(new_reports[rid].fields))
    questions = data["questions"]
    if hasattr(questions, "fa"):
        questions.fa.set_block_style()
    # a blank line between questions, as the file already has them (a new file: yes)
    spaced = existing is None or bool(re.search(r"\n[ \t]*\n[ \t]*- ", existing.doc.text))
    for h in chosen:
        q = CommentedMap()
        q["id"] = h.id
        q["text"] = _scalar(h.text, 6)
        if h.parts:
            q["parts"] = CommentedSeq(_scalar(p, 8) for p in h.parts)
        q["notes"] = f"Added from {letter_path.name} by oversight bank add."
        questions.append(q)
        if spaced and len(questions) > 1:
            questions.yaml_set_comment_before_after_key(len(questions) - 1, before="\n")

    import io

    buffer = io.StringIO()
    y.dump(data, buffer)
    text = buffer.getvalue()
    # Never write a bank that reads back differently from what was meant.
    check = Problems()
    written = bank_from_document(load_text(text, shown, bank_path), check)
    if written is None or check.errors:
        raise RuntimeError(
            "the bank file written would not read back: "
            + "; ".join(p.headline() for p in check.errors)
        )
    for h in chosen:
        back = written.questions.get(h.id)
        if back is None or back[1].text != h.text or back[1].parts != h.parts:
            raise RuntimeError(f"question '{h.id}' would not read back as written")
    data_bytes = text.encode("utf-8")
    if len(data_bytes) > MAX_FILE_BYTES:
        raise UserError(
            Problem(
                f"the bank would be {len(data_bytes) / 1e6:.1f} MB, and banks are read up to "
                f"{MAX_FILE_BYTES / 1e6:.0f} MB; nothing was written",
                file=shown,
                hint="start a new bank file with --bank",
            )
        )
    atomic_write(bank_path, data_bytes)
    print(f"wrote {shown}: {len(chosen)} question{'s' * (len(chosen) != 1)} added")
    return 0
