"""The Jinja context: what a template can print, and the render of a prepared letter to the IR."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from oversight.citations.footnotes import FootnoteWriter
from oversight.citations.markers import CitationSyntaxError, parse_citation
from oversight.dates import due_date, english_list, long_date
from oversight.errors import Problem, Problems, did_you_mean
from oversight.fsutil import is_file
from oversight.letters.model import Deadline, Recipient
from oversight.letters.names import salutation_name, surname
from oversight.letters.prepare import (
    DEFAULT_FROM,
    DEFAULT_OFFICE,
    Prepared,
    Rich,
    paragraphs,
    recipient_lines,
    signer_lines,
)
from oversight.render.ir import LetterDoc, Span
from oversight.render.text import PAGE, TAB, TEMPLATE_FILE, build_doc, template_set

# Names a template can use (for did-you-mean in template errors); documented in
# docs/letter-format.md#templates.
CONTEXT_NAMES = [
    "date",
    "date_iso",
    "subject",
    "letterhead",
    "recipients",
    "first_recipient",
    "salutation",
    "salutation_names",
    "body",
    "sections",
    "question_count",
    "after_questions",
    "deadline",
    "contact",
    "closing",
    "signers",
    "signature_columns",
    "cc",
    "enclosures",
    "options",
    "PAGE",
    "TAB",
]


def deadline_text(prep: Prepared) -> str | None:
    letter = prep.letter
    d = letter.deadline
    if d is None:
        return None
    loc = letter.options.locale
    if isinstance(d, Deadline):
        day = d.date if d.date is not None else due_date(letter.date, d.days or 0)
        return long_date(day, loc, weekday=d.weekday)
    return long_date(d, loc)


def template_folder(prep: Prepared) -> Path:
    """The folder of the letter's template: a path, an office template, or a built-in one."""
    from oversight.config import office_config
    from oversight.errors import UserError
    from oversight.paths import builtin_templates

    name = prep.letter.template
    candidates = [prep.base_dir / name]
    office = office_config().templates
    if office is not None:
        candidates.append(office / name)
    candidates.append(builtin_templates() / name)
    for folder in candidates:
        if is_file(folder / TEMPLATE_FILE):
            return folder
    known = sorted(p.name for p in builtin_templates().iterdir() if (p / TEMPLATE_FILE).is_file())
    raise UserError(
        prep.doc.problem(
            ("template",),
            f"no template '{name}' (a folder holding {TEMPLATE_FILE})",
            hint=did_you_mean(name, known) or "built-in templates: " + ", ".join(known),
        )
    )


def _with_honorific(r: Recipient) -> str:
    return f"{r.honorific} {r.name}" if r.honorific else r.name


def context(prep: Prepared) -> dict[str, Any]:
    letter = prep.letter
    loc = letter.options.locale
    doc = prep.doc
    recipients = []
    for i, r in enumerate(letter.recipients):
        recipients.append(
            {
                "honorific": r.honorific,
                "name": r.name,
                "surname": surname(r.name),
                "title": r.title,
                "agency": r.agency,
                "address": list(r.address),
                "lines": recipient_lines(r),
                "salutation": salutation_name(r),
                "index": i,
            }
        )
    signers = [{"name": s.name, "title_lines": signer_lines(s)} for s in letter.signers]
    sections = [
        {
            "heading": s.heading,
            "start": s.start,
            "questions": [
                {
                    "number": q.number,
                    "text": q.text,
                    "parts": [
                        {"ordinal": p.ordinal, "letter": p.letter, "text": p.text} for p in q.parts
                    ],
                }
                for q in s.questions
            ],
        }
        for s in prep.sections
    ]
    from_lines = [letter.from_ or DEFAULT_FROM]
    return {
        "date": long_date(letter.date, loc),
        "date_iso": letter.date.isoformat(),
        "subject": letter.subject,
        "letterhead": {"from": from_lines, "office": list(letter.office) or DEFAULT_OFFICE},
        "recipients": recipients,
        "first_recipient": _with_honorific(letter.recipients[0]),
        "salutation": letter.salutation,
        "salutation_names": english_list([salutation_name(r) for r in letter.recipients], loc),
        "body": paragraphs(letter.body, doc, ("body",)),
        "sections": sections,
        "question_count": sum(len(s.questions) for s in prep.sections),
        "after_questions": paragraphs(letter.after_questions, doc, ("after_questions",))
        if letter.after_questions
        else [],
        "deadline": deadline_text(prep),
        "contact": Rich(letter.contact, doc, ("contact",)) if letter.contact else None,
        "closing": letter.closing,
        "signers": signers,
        "signature_columns": letter.options.signature_columns or (2 if len(signers) > 2 else 1),
        "cc": list(letter.cc),
        "enclosures": list(letter.enclosures),
        "options": {
            "salutation_punctuation": letter.options.salutation_punctuation,
            "part_style": letter.options.part_style,
            "continuation_header": list(letter.options.continuation_header),
        },
        "PAGE": PAGE,
        "TAB": TAB,
    }


class _Footnotes:
    """Numbers citations in the order they appear and writes each footnote's text."""

    def __init__(self, prep: Prepared, problems: Problems, template_file: str) -> None:
        self.prep, self.problems, self.template_file = prep, problems, template_file
        self.writer = FootnoteWriter(self.prep.reports.fields())
        self.spans: list[list[Span]] = []
        self.used: set[str] = set()

    def __call__(self, content: str, rich: Rich | None) -> int | None:
        def problem(message: str, hint: str | None = None) -> Problem:
            if rich is not None:
                return rich.problem(message, hint, needle=f"[{content}]")
            return Problem(message, file=self.template_file, hint=hint)

        try:
            cites = parse_citation(content)
        except CitationSyntaxError as err:
            self.problems.add(problem(f"citation [{content}]: {err}"))
            return None
        known = self.prep.reports.by_id
        bad = [c.report_id for c in cites if c.report_id not in known]
        for rid in bad:
            self.problems.add(
                problem(
                    f"citation [@{rid}]: no report with id '{rid}'",
                    did_you_mean(rid, known) or "add it under 'reports:' or to a report library",
                )
            )
        if bad:
            return None
        self.used.update(c.report_id for c in cites)
        runs = self.writer.footnote(cites)
        self.spans.append([Span(r.text, italic=r.italic) for r in runs])
        return len(self.spans)


def document_properties(prep: Prepared) -> tuple[str, str, str]:
    """The letter's title, author and language, for the .docx's properties and the PDF's metadata.

    Title: the ``subject``, else "Letter to <first recipient>[ and others], <date>". Author: the
    first signer as the signature block prints them, "Ron Wyden, Ranking Member, Committee on
    Finance". Language: ``options.locale`` as a BCP 47 tag ("en_US" is "en-US").
    """
    letter = prep.letter
    to = _with_honorific(letter.recipients[0])
    if len(letter.recipients) > 1:
        to += " and others"
    title = letter.subject or f"Letter to {to}, {long_date(letter.date, letter.options.locale)}"
    signer = letter.signers[0]
    author = ", ".join([signer.name, *signer_lines(signer)])
    return (
        " ".join(title.split()),
        " ".join(author.split()),
        letter.options.locale.replace("_", "-"),
    )


def render_ir(prep: Prepared) -> LetterDoc:
    """The letter as laid-out text; raises :class:`UserError` with every problem found."""
    folder = template_folder(prep)
    templates = template_set(folder)
    markup, slots = templates.render(context(prep))
    problems = Problems()
    template_file = str(folder / TEMPLATE_FILE)
    notes = _Footnotes(prep, problems, template_file)
    doc = build_doc(markup, slots, notes, problems, template_file)
    doc.footnotes = notes.spans
    doc.title, doc.author, doc.language = document_properties(prep)
    doc.date_iso = prep.letter.date.isoformat()
    for report in prep.reports.by_id.values():
        if report.inline and report.id not in notes.used:
            prep.problems.add(
                report.doc.problem(
                    report.path, f"report '{report.id}' is never cited", severity="warning"
                )
            )
    problems.raise_if_errors()
    return doc
