"""A letter's own questions into a bank file (``oversight bank add``).

The letter's plain questions and those in headed groups (not its ``use:`` ones) are taken with
their parts; each gets an id from its first telling words. A question already in the bank (same
wording) is skipped, and so is one whose wording holds ``{{ name }}`` or cites a report the letter
does not define. The bank file keeps everything it had, comments and layout included: new
questions, and the report entries they cite, are added through the one round-trip YAML setup,
and the text is read back as a bank before it is written.
"""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path
from typing import Any

import msgspec
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from oversight.banks.finder import BankSet, search_paths
from oversight.banks.store import (
    Bank,
    bank_from_document,
    load_bank,
)
from oversight.citations import markers
from oversight.citations.library import Report
from oversight.citations.library import letter_reports as reached_reports
from oversight.citations.markers import citations_in
from oversight.errors import Problem, Problems, UserError, display_path
from oversight.fsutil import atomic_write, check_output_path
from oversight.letters.model import Letter, Part, Question
from oversight.letters.validate import convert
from oversight.text import slug
from oversight.yamlfile import MAX_FILE_BYTES, Document, load_file, load_text, round_trip_yaml

LINE_WIDTH = 100  # long wording is folded to lines this long, as the shipped banks are written

_ID_STOP_TEXT = """a an the of to in on for and or by with as at be is are was were been it its this that
    these those any each all from into since has have had does did do so if your please provide
    identify state describe what which who whom whose when where why how whether such other
    any copies copy will you we our us can could would should may might must there"""
_ID_STOP = frozenset(_ID_STOP_TEXT.split())
_PARAMETER = re.compile(r"\{\{-?\s*[A-Za-z_][A-Za-z0-9_]*\s*-?\}\}")


class Harvested(msgspec.Struct):
    """A letter's own question, ready to go into a bank."""

    text: str
    parts: list[str]
    path: tuple[Any, ...]  # where it is in the letter
    id: str = ""


class Addition(msgspec.Struct):
    """What ``bank add`` would add to a bank file, and what it leaves out."""

    letter_path: Path
    bank_path: Path
    existing: Bank | None  # None: the bank file is new
    questions: list[Harvested]  # to add, each with its new id
    reports: dict[str, Report]  # the entries they cite that the bank lacks, by id
    skipped: list[Problem | str]  # in the letter's order: a warning, or a note (already there)

    @property
    def shown(self) -> str:
        return display_path(self.bank_path)


def question_id(text: str, taken: set[str]) -> str:
    """An id from the first telling words of ``text``, not in ``taken`` (then -2, -3...)."""
    plain = markers.sub(text, " ")
    plain = re.sub(r"\{\{[^}]*\}\}", " ", plain)
    return slug(
        plain, words=5, max_length=48, skip=_ID_STOP, min_word=2, default="question", taken=taken
    )


def own_questions(letter: Letter) -> list[Harvested]:
    """The letter's own questions (plain and in headed groups, not ``use:``), with parts."""
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


def letter_reports(doc: Document, letter: Letter, base: Path) -> dict[str, Report]:
    """Every report entry the letter can cite: inline and in its libraries (the one lookup)."""
    found: dict[str, Report] = {}
    problems = Problems()  # a letter's broken entries are `oversight validate`'s to report
    for item in reached_reports(doc, letter.reports, base, problems):
        for r in item.reports:
            found.setdefault(r.id, r)
    return found


def plan_addition(letter_path: Path, bank_path: Path | None) -> Addition:
    """What adding ``letter_path``'s own questions to ``bank_path`` (default: the letter's name
    with ``-questions.yaml``, beside it) would do. Raises :class:`UserError` for a letter or a
    bank file with errors, or an output that cannot be written; writes nothing."""
    doc = load_file(letter_path)
    problems = Problems()
    letter = convert(doc, Letter, problems)
    problems.raise_if_errors()
    assert letter is not None

    bank_path = bank_path or letter_path.with_name(letter_path.stem + "-questions.yaml")
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
        check_output_path(bank_path, ".yaml")

    taken = set(existing.questions) if existing else set()
    known_texts = {
        " ".join(q.text.split()): q.id
        for _i, q in (existing.questions.values() if existing else [])
    }
    bank_reports = {r.id for r in existing.reports} if existing else set()
    cited = letter_reports(doc, letter, letter_path.resolve().parent)
    addition = Addition(letter_path, bank_path, existing, [], {}, [])
    for h in own_questions(letter):
        where = doc.problem(h.path, "")
        loc = f"{where.file}:{where.line}" if where.line else where.file or ""
        key = " ".join(h.text.split())
        if key in known_texts:
            addition.skipped.append(f"{loc}: already in {shown} as '{known_texts[key]}'; skipped")
            continue
        if _PARAMETER.search(" ".join([h.text, *h.parts])):
            addition.skipped.append(
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
                    if rid in cited:
                        addition.reports.setdefault(rid, cited[rid])
                    else:
                        missing.append(f"'{rid}'")
        if missing:
            addition.skipped.append(
                doc.problem(
                    h.path,
                    "this question cites " + ", ".join(missing) + ", which the letter does not "
                    "define; skipped",
                    severity="warning",
                )
            )
            continue
        h.id = question_id(h.text, taken)
        taken.add(h.id)
        known_texts[key] = h.id
        addition.questions.append(h)
    return addition


def _scalar(text: str, indent: int) -> Any:
    """Long single-line text as a folded block (``>-``) wrapped near LINE_WIDTH, as the shipped
    banks are written; anything else as ruamel.yaml chooses."""
    if (
        len(text) + indent <= LINE_WIDTH - 10
        or text != text.strip()
        or re.search(r"\s\s|[\t\n\r]", text)
        or not text.isprintable()
    ):
        return text
    folded = FoldedScalarString(text)
    positions: list[int] = []
    at = 0
    for line in textwrap.wrap(
        text, LINE_WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False
    )[:-1]:
        at = text.index(line, at) + len(line)
        positions.append(at)  # the space after the line
    folded.fold_pos = positions
    return folded


def bank_file_text(addition: Addition) -> tuple[str, list[Problem]]:
    """The bank file with the addition made, everything it had kept; and warnings (a new
    bank's id already used by a bank found). The text is read back as a bank first: it never
    reads differently from what was meant."""
    y = round_trip_yaml()
    existing, bank_path = addition.existing, addition.bank_path
    warnings: list[Problem] = []
    data: Any
    if existing is not None:
        data = y.load(existing.doc.text)
    else:
        bank_id = slug(bank_path.stem, default="questions")
        others = BankSet(search_paths(None, []), Problems()).banks
        if bank_id in others:
            warnings.append(
                Problem(
                    f"bank id '{bank_id}' is also used by {others[bank_id].file}; rename one "
                    "before both are on the search path",
                    file=addition.shown,
                    severity="warning",
                )
            )
        data = CommentedMap()
        data["bank"] = bank_id
        data["title"] = f"Questions from {addition.letter_path.name}"
        data.yaml_set_start_comment(
            "Question bank (docs/question-banks.md). Written by `oversight bank add`; edit freely:\n"
            "later additions keep your changes and comments."
        )
        data["questions"] = CommentedSeq()
    if addition.reports:
        if "reports" not in data or data["reports"] is None:
            data.insert(list(data).index("questions"), "reports", CommentedSeq())
            if existing is not None:
                data.yaml_set_comment_before_after_key("questions", before="\n")
        for rid in sorted(addition.reports):
            data["reports"].append(CommentedMap(addition.reports[rid].fields))
    questions = data["questions"]
    if hasattr(questions, "fa"):
        questions.fa.set_block_style()
    # a blank line between questions, as the file already has them (a new file: yes)
    spaced = existing is None or bool(re.search(r"\n[ \t]*\n[ \t]*- ", existing.doc.text))
    for h in addition.questions:
        q = CommentedMap()
        q["id"] = h.id
        q["text"] = _scalar(h.text, 6)
        if h.parts:
            q["parts"] = CommentedSeq(_scalar(p, 8) for p in h.parts)
        q["notes"] = f"Added from {addition.letter_path.name} by oversight bank add."
        questions.append(q)
        if spaced and len(questions) > 1:
            questions.yaml_set_comment_before_after_key(len(questions) - 1, before="\n")

    buffer = io.StringIO()
    y.dump(data, buffer)
    text = buffer.getvalue()
    check = Problems()
    written = bank_from_document(load_text(text, addition.shown, bank_path), check)
    if written is None or check.errors:
        raise RuntimeError(
            "the bank file written would not read back: "
            + "; ".join(p.headline() for p in check.errors)
        )
    for h in addition.questions:
        back = written.questions.get(h.id)
        if back is None or back[1].text != h.text or back[1].parts != h.parts:
            raise RuntimeError(f"question '{h.id}' would not read back as written")
    return text, warnings


def write_bank_file(path: Path, text: str) -> None:
    """Write a bank file atomically; refuse one too large to be read back."""
    data = text.encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise UserError(
            Problem(
                f"the bank would be {len(data) / 1e6:.1f} MB, and banks are read up to "
                f"{MAX_FILE_BYTES / 1e6:.0f} MB; nothing was written",
                file=display_path(path),
                hint="start a new bank file with --bank",
            )
        )
    atomic_write(path, data)
