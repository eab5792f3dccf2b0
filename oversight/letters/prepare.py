"""From a letter file to everything a template needs: checked, resolved and located.

``prepare`` validates the letter, loads its report libraries, resolves bank questions with their
parameters, numbers questions and lettered parts, works out the salutation and the deadline, and
keeps with every piece of text where it was written, so a problem found later (an unknown
citation, say) still names the file and line.

The banks are not looked for here: the caller gives a ``FindBanks`` (``oversight.banks.finder``)
and it is asked for the letter's banks only when the letter has a bank question.
"""

from __future__ import annotations

import re
from pathlib import Path

import msgspec
from babel import Locale, UnknownLocaleError

from oversight.banks.finder import FindBanks, QuestionBanks, letter_banks
from oversight.banks.store import escape_markup, fill, resolve_parameters
from oversight.citations.library import ReportSet, letter_reports
from oversight.errors import Problem, Problems, Segment, UserError, did_you_mean
from oversight.fsutil import exists
from oversight.letters.model import Deadline, Letter, Part, Question, Recipient, Signer
from oversight.letters.names import letter_salutation_doubt, salutation_doubts
from oversight.letters.validate import convert
from oversight.yamlfile import Document, load_file, load_text

DEFAULT_SIGNER_TITLE = "United States Senator"
DEFAULT_FROM = "United States Senate"
DEFAULT_OFFICE = ["Washington, DC 20510"]


class Rich(msgspec.Struct, frozen=True):
    """Text written by the user that may carry inline markup and citations, and where it was."""

    text: str
    doc: Document
    path: tuple[Segment, ...]
    quote: bool = False  # a block quotation (a paragraph written with '> ' lines)

    def __str__(self) -> str:
        return self.text

    def problem(
        self,
        message: str,
        hint: str | None = None,
        *,
        needle: str | None = None,
        offset: int | None = None,
    ) -> Problem:
        """A problem at this text; at the line holding ``needle`` when it is found there
        (a citation inside a ``|`` block is reported on its own line, not the block's first),
        and at its ``offset``-th character when one is given."""
        return self.doc.problem(self.path, message, hint=hint, needle=needle, offset=offset)


class PartItem(msgspec.Struct):
    text: Rich
    ordinal: int  # 1 = a

    @property
    def letter(self) -> str:
        return chr(ord("a") + self.ordinal - 1)


class QuestionItem(msgspec.Struct):
    text: Rich
    number: int
    parts: list[PartItem] = msgspec.field(default_factory=list)
    part_style: str | None = None  # the question's own, over its section's
    source: tuple[Segment, ...] = ()  # where the letter file holds it (a follow-up copies it)


class Section(msgspec.Struct):
    """A run of numbered questions, under a heading or not, with paragraphs before them (a
    group's introduction, or prose between two lists). Numbering continues across sections
    unless a question gives ``start``. ``style`` and ``part_style`` label this run's questions
    and parts (the letter's options where the run gives none)."""

    heading: Rich | None
    questions: list[QuestionItem] = msgspec.field(default_factory=list)
    intro: list[Rich] = msgspec.field(default_factory=list)
    style: str = "1."
    part_style: str = "a."

    @property
    def start(self) -> int:
        return self.questions[0].number if self.questions else 1


class Prepared(msgspec.Struct):
    """A checked letter, ready for a template."""

    doc: Document
    letter: Letter
    base_dir: Path
    reports: ReportSet
    sections: list[Section]
    problems: Problems  # warnings found so far (errors raise)

    @property
    def file(self) -> str:
        return self.doc.file


_QUOTED = re.compile(r"^>[ \t]?", re.MULTILINE)


def paragraphs(text: str, doc: Document, path: tuple[Segment, ...]) -> list[Rich]:
    """Rich text split into paragraphs at blank lines; a paragraph whose lines all begin with
    '>' is a block quotation (the marks removed)."""
    out: list[Rich] = []
    for part in re.split(r"\n[ \t]*\n", text.strip()):
        part = part.strip()
        if not part:
            continue
        if all(line.lstrip().startswith(">") for line in part.splitlines()):
            quoted = _QUOTED.sub("", "\n".join(line.lstrip() for line in part.splitlines()))
            if quoted.strip():
                out.append(Rich(quoted.strip(), doc, path, quote=True))
            continue
        out.append(Rich(part, doc, path))
    return out


def lines_of(value: str | list[str] | None) -> list[str]:
    """A value given as a line or a list of lines (an agency, a cc entry), as lines."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def recipient_lines(r: Recipient) -> list[str]:
    """The lines of a recipient block, in order."""
    first = f"{r.honorific} {r.name}" if r.honorific else r.name
    return [first, *lines_of(r.title), *lines_of(r.agency), *r.address]


def signer_lines(s: Signer) -> list[str]:
    if s.title is None:
        return [DEFAULT_SIGNER_TITLE]
    return [s.title] if isinstance(s.title, str) else list(s.title)


def _keys(keys: list[str]) -> str:
    return ", ".join(f"'{k}'" for k in keys)


def _ordinal(label: str) -> int:
    return ord(label.strip("().").lower()) - ord("a") + 1


class _QuestionResolver:
    def __init__(
        self,
        prep_doc: Document,
        letter: Letter,
        base_dir: Path,
        problems: Problems,
        reports: ReportSet,
        find_banks: FindBanks,
    ) -> None:
        self.doc = prep_doc
        self.letter = letter
        self.base_dir = base_dir
        self.problems = problems
        self.reports = reports
        self.find_banks = find_banks
        self._banks: QuestionBanks | None = None
        self.number = 0

    def banks(self) -> QuestionBanks:
        """The letter's banks, asked for at its first bank question (none: no bank is read)."""
        if self._banks is None:
            self._banks = self.find_banks(self.base_dir, self.letter.banks, self.problems)
        return self._banks

    def sections(self) -> list[Section]:
        options = self.letter.options
        sections: list[Section] = []
        current: Section | None = None  # the run loose questions are added to

        def new_section(heading: Rich | None = None, intro: list[Rich] | None = None) -> Section:
            section = Section(heading, intro=intro or [])
            section.style, section.part_style = options.question_style, options.part_style
            sections.append(section)
            return section

        for i, item in enumerate(self.letter.questions):
            path: tuple[Segment, ...] = ("questions", i)
            if isinstance(item, Question) and item.paragraph is not None:
                self._only(item, path, "paragraph", {"paragraph"})
                current = new_section(
                    intro=paragraphs(item.paragraph, self.doc, (*path, "paragraph"))
                )
                continue
            if isinstance(item, Question) and (
                item.heading is not None or item.questions or item.intro is not None
            ):
                self._only(
                    item,
                    path,
                    "group",
                    {"heading", "intro", "questions", "style", "part_style", "start"},
                )
                group = new_section(
                    Rich(item.heading, self.doc, (*path, "heading")) if item.heading else None,
                    paragraphs(item.intro, self.doc, (*path, "intro")) if item.intro else [],
                )
                group.style = item.style or group.style
                group.part_style = item.part_style or group.part_style
                if not item.questions:
                    self.problems.add(self.doc.problem(path, "this group has no questions"))
                if item.start is not None:
                    self.number = item.start - 1
                for j, sub in enumerate(item.questions):
                    q = self.question(sub, (*path, "questions", j))
                    if q:
                        group.questions.append(q)
                current = None
                continue
            if isinstance(item, Question) and item.style is not None:
                self.problems.add(
                    self.doc.problem(
                        (*path, "style"),
                        "'style' labels a group's questions; a question takes 'part_style'",
                        hint="put the questions in a group (questions: [...]) with style:",
                    )
                )
            q = self.question(item, path)
            if q is None:
                continue
            if current is None or (isinstance(item, Question) and item.start is not None):
                current = new_section()  # a given start opens a new list
            current.questions.append(q)
        return [s for s in sections if s.questions or s.intro]

    def _only(
        self, item: Question, path: tuple[Segment, ...], what: str, allowed: set[str]
    ) -> None:
        """A paragraph or group item carrying a question's keys: say which do not belong."""
        given = {
            "text": item.text is not None,
            "use": item.use is not None,
            "parts": bool(item.parts),
            "with": bool(item.with_),
            "drop": bool(item.drop),
            "heading": item.heading is not None,
            "intro": item.intro is not None,
            "questions": bool(item.questions),
            "paragraph": item.paragraph is not None,
            "style": item.style is not None,
            "part_style": item.part_style is not None,
            "start": item.start is not None,
        }
        extra = [k for k, v in given.items() if v and k not in allowed]
        if not extra:
            return
        if what == "paragraph":
            message = f"a paragraph item holds only 'paragraph', not {_keys(extra)}"
            hint = "make the question its own item after the paragraph"
        else:
            message = f"a group has 'heading', 'intro' and 'questions', not {_keys(extra)}"
            hint = "put the question under the group's 'questions:'"
        self.problems.add(self.doc.problem((*path, extra[0]), message, hint=hint))

    def question(self, item: str | Question, path: tuple[Segment, ...]) -> QuestionItem | None:
        if isinstance(item, str):
            self.number += 1
            return QuestionItem(Rich(item, self.doc, path), self.number, source=path)
        if item.heading is not None or item.questions or item.intro or item.paragraph:
            self.problems.add(
                self.doc.problem(path, "groups and paragraphs cannot be nested inside a group")
            )
            return None
        if item.start is not None:
            self.number = item.start - 1
        if item.use:
            return self.bank_question(item, path)
        if item.with_ or item.drop:
            self.problems.add(
                self.doc.problem(path, "'with' and 'drop' apply only to a bank question ('use:')")
            )
        if not item.text:
            self.problems.add(
                self.doc.problem(path, "a question needs 'text' (or 'use' for a bank question)")
            )
            return None
        self.number += 1
        q = QuestionItem(Rich(item.text, self.doc, (*path, "text")), self.number, source=path)
        q.parts = self.parts(item.parts, (*path, "parts"))
        q.part_style = item.part_style
        return q

    def parts(self, parts: list[str | Part], path: tuple[Segment, ...]) -> list[PartItem]:
        out: list[PartItem] = []
        ordinal = 0
        for k, part in enumerate(parts):
            if isinstance(part, Part):
                if part.label:
                    ordinal = _ordinal(part.label)
                else:
                    ordinal += 1
                out.append(PartItem(Rich(part.text, self.doc, (*path, k, "text")), ordinal))
            else:
                ordinal += 1
                out.append(PartItem(Rich(part, self.doc, (*path, k)), ordinal))
            if ordinal > 26:
                self.problems.add(self.doc.problem((*path, k), "more than 26 lettered parts"))
                return out
        return out

    def bank_question(self, item: Question, path: tuple[Segment, ...]) -> QuestionItem | None:
        assert item.use is not None
        banks = self.banks()
        bank, q = banks.find(item.use)
        if bank is None:
            bank_id = item.use.partition("/")[0]
            self.problems.add(
                self.doc.problem(
                    (*path, "use"),
                    f"no question bank '{bank_id}'",
                    hint=did_you_mean(bank_id, banks.ids)
                    or "banks found: " + (", ".join(banks.ids) or "none"),
                )
            )
            return None
        if q is None:
            qid = item.use.partition("/")[2]
            self.problems.add(
                self.doc.problem(
                    (*path, "use"),
                    f"bank '{bank.id}' has no question '{qid}'",
                    hint=did_you_mean(qid, bank.questions) or f"see: oversight bank list {bank.id}",
                )
            )
            return None
        values = resolve_parameters(
            q, item.with_, self.letter.options.locale, self.doc, path, self.problems
        )
        if values is None:
            return None
        self.reports.add(bank.reports, self.problems)
        escaped = {k: escape_markup(v) for k, v in values.items()}
        qpath = ("questions", bank.questions[q.id][0])
        if item.text:
            text = Rich(item.text, self.doc, (*path, "text"))
        else:
            text = Rich(fill(q.text, escaped), bank.doc, (*qpath, "text"))
        parts: list[PartItem] = []
        if item.parts:
            parts = self.parts(item.parts, (*path, "parts"))
        else:
            letters = [chr(ord("a") + k) for k in range(len(q.parts))]
            for d, label in enumerate(item.drop):
                if label.strip("().") not in letters:
                    self.problems.add(
                        self.doc.problem(
                            (*path, "drop", d),
                            f"question '{q.id}' has no part '{label}'",
                            hint="its parts are " + (", ".join(letters) or "none"),
                        )
                    )
            dropped = {d.strip("().") for d in item.drop}
            kept = [(k, t) for k, t in enumerate(q.parts) if letters[k] not in dropped]
            for n, (k, t) in enumerate(kept, start=1):
                parts.append(PartItem(Rich(fill(t, escaped), bank.doc, (*qpath, "parts", k)), n))
        self.number += 1
        return QuestionItem(text, self.number, parts, item.part_style, source=path)


def prepare_document(doc: Document, base_dir: Path, *, banks: FindBanks) -> Prepared:
    """Check a loaded letter file and resolve everything in it; raise every problem found.

    ``banks`` gives the banks the letter may use (``oversight.banks.finder.letter_banks``, as a
    rule); it is called only when the letter has a bank question.
    """
    problems = Problems()
    letter = convert(doc, Letter, problems)
    problems.raise_if_errors()
    assert letter is not None
    _check_locale(doc, letter, problems)
    problems.raise_if_errors()
    reports = ReportSet()
    for found in letter_reports(doc, letter.reports, base_dir, problems):
        reports.add(found.reports, problems)
    for i, entry in enumerate(letter.banks):
        p = Path(entry)
        if not exists(p if p.is_absolute() else base_dir / p):
            problems.add(
                doc.problem(
                    ("banks", i),
                    f"bank file or folder '{entry}' not found",
                    hint="paths are relative to the letter's folder",
                )
            )
    resolver = _QuestionResolver(doc, letter, base_dir, problems, reports, banks)
    sections = resolver.sections()
    _check_letter(doc, letter, problems)
    _check_salutation(doc, letter, problems)
    problems.raise_if_errors()
    return Prepared(doc, letter, base_dir, reports, sections, problems)


def _check_locale(doc: Document, letter: Letter, problems: Problems) -> None:
    try:
        Locale.parse(letter.options.locale)
    except (UnknownLocaleError, ValueError, TypeError):
        problems.add(
            doc.problem(
                ("options", "locale"),
                f"unknown locale '{letter.options.locale}'",
                hint="a locale such as en_US",
            )
        )


def _check_letter(doc: Document, letter: Letter, problems: Problems) -> None:
    d = letter.deadline
    if isinstance(d, Deadline):
        if (d.date is None) == (d.days is None):
            problems.add(
                doc.problem(
                    ("deadline",),
                    "give the deadline as a date or as days, not both or neither",
                    hint="deadline: 2025-04-03  or  deadline: {days: 14}",
                )
            )
        d = d.date
    if d is not None and d < letter.date:
        problems.add(doc.problem(("deadline",), "the deadline is before the letter's date"))
    for key, value in (("closing", letter.closing), ("lead_in", letter.lead_in)):
        if value is True:
            problems.add(
                doc.problem(
                    (key,),
                    f"'{key}: true' means nothing: give the text, or false for none",
                    hint=f"leave '{key}' out for the default",
                )
            )
    if not letter.signers:
        problems.add(
            doc.problem(
                ("signers",),
                "the letter has no signers: it ends without a signature block",
                hint="add signers: [{name: ...}] unless the letter is signed otherwise",
                severity="warning",
            )
        )


def _check_salutation(doc: Document, letter: Letter, problems: Problems) -> None:
    """Warnings where the salutation may not read as meant (letters/names.py says why)."""
    if letter.salutation and letter.salutation.strip():  # the letter's own line replaces all
        doubt = letter_salutation_doubt(letter.salutation)
        if doubt:
            problems.add(doc.problem(("salutation",), doubt, severity="warning"))
        return
    for i, r in enumerate(letter.recipients):
        for field, message in salutation_doubts(r, i + 1):
            problems.add(doc.problem(("recipients", i, field), message, severity="warning"))


def load_letter(path: Path, *, banks: FindBanks = letter_banks) -> Prepared:
    """Read, check and resolve a letter file; raise :class:`UserError` with every problem.

    Its bank questions are looked up in ``banks`` (by default the banks found as
    docs/question-banks.md says)."""
    return prepare_document(load_file(path), path.resolve().parent, banks=banks)


def load_letter_text(
    text: str, file: str, base_dir: Path, *, banks: FindBanks = letter_banks
) -> Prepared:
    """The same for text held in memory (the TUI's draft)."""
    return prepare_document(load_text(text, file), base_dir, banks=banks)


__all__ = ["Prepared", "Rich", "UserError", "load_letter", "load_letter_text", "prepare_document"]
