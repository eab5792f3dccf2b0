"""The Jinja context: what a template can print, and the render of a prepared letter to the IR."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from oversight.citations.footnotes import FootnoteWriter
from oversight.citations.markers import CitationSyntaxError, Cite, Marker, read
from oversight.config import office_config
from oversight.dates import due_date, english_list, long_date
from oversight.errors import Problem, Problems, UserError, did_you_mean
from oversight.fsutil import is_file
from oversight.letters.model import Deadline, Recipient
from oversight.letters.names import salutation_name, surname
from oversight.letters.prepare import (
    DEFAULT_FROM,
    DEFAULT_OFFICE,
    Prepared,
    Rich,
    lines_of,
    paragraphs,
    recipient_lines,
    signer_lines,
)
from oversight.paths import builtin_templates
from oversight.render.ir import LetterDoc, Span
from oversight.render.text import PAGE, TAB, TEMPLATE_FILE, Builder, template_set
from oversight.text import PLACEHOLDER


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


def _letter_texts(prep: Prepared) -> list[str]:
    """Every piece of the letter's own rich text, for the placeholders it uses."""
    letter = prep.letter
    texts = [letter.body, letter.after_questions or "", letter.contact or ""]
    if isinstance(letter.lead_in, str):
        texts.append(letter.lead_in)
    for section in prep.sections:
        texts.extend(p.text for p in section.intro)
        for q in section.questions:
            texts.append(q.text.text)
            texts.extend(p.text.text for p in q.parts)
    return texts


def deadline_in_text(prep: Prepared) -> bool:
    """Whether the letter prints its deadline itself (``{{ deadline }}`` in its own text), so
    the built-in sentences that carry it leave it out."""
    return any(
        m.group(1) == "deadline" for text in _letter_texts(prep) for m in PLACEHOLDER.finditer(text)
    )


def enclosure_label(prep: Prepared) -> str:
    """'Enclosure', 'Enclosures', 'Enclosures (2)' (the office's word in place of Enclosure)."""
    enclosures = prep.letter.enclosures
    label = prep.letter.options.enclosure_label
    count = enclosures if isinstance(enclosures, int) else len(enclosures)
    plural = label if count == 1 or label.endswith("s") else label + "s"
    return f"{plural} ({count})" if isinstance(enclosures, int) and count > 1 else plural


def template_folder(prep: Prepared) -> Path:
    """The folder of the letter's template: a path, an office template, or a built-in one."""
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
    """What a template can print, by name (docs/letter-format.md#templates); a name it misspells
    is told the nearest of these."""
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
                "agency": ", ".join(lines_of(r.agency)) or None,
                "agency_lines": lines_of(r.agency),
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
            "intro": s.intro,
            "start": s.start,
            "style": s.style,
            "part_style": s.part_style,
            "questions": [
                {
                    "number": q.number,
                    "text": q.text,
                    "part_style": q.part_style or s.part_style,
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
        "salutation": letter.salutation.strip() if letter.salutation else None,
        "salutation_names": english_list([salutation_name(r) for r in letter.recipients], loc),
        "body": paragraphs(letter.body, doc, ("body",)),
        "lead_in": Rich(letter.lead_in, doc, ("lead_in",))
        if isinstance(letter.lead_in, str)
        else letter.lead_in,
        "sections": sections,
        "question_count": sum(len(s.questions) for s in prep.sections),
        "after_questions": paragraphs(letter.after_questions, doc, ("after_questions",))
        if letter.after_questions
        else [],
        "deadline": deadline_text(prep),
        "deadline_in_text": deadline_in_text(prep),
        "contact": Rich(letter.contact, doc, ("contact",)) if letter.contact else None,
        "closing": letter.closing if isinstance(letter.closing, str) else None,
        "signers": signers,
        "signature_columns": letter.options.signature_columns or (2 if len(signers) > 2 else 1),
        "cc": [lines_of(entry) for entry in letter.cc],
        "enclosures": []
        if isinstance(letter.enclosures, int)
        else [lines_of(entry) for entry in letter.enclosures],
        "enclosure_label": enclosure_label(prep) if letter.enclosures else None,
        "options": {
            "salutation_punctuation": letter.options.salutation_punctuation,
            "question_style": letter.options.question_style,
            "part_style": letter.options.part_style,
            "continuation_header": list(letter.options.continuation_header),
        },
        "PAGE": PAGE,
        "TAB": TAB,
    }


def read_citation(
    marker: Marker,
    rich: Rich | None,
    known: Mapping[str, object],
    problems: Problems,
    template_file: str,
) -> list[Cite] | None:
    """The sources a citation in the letter's text names (None when it cannot be read); what is
    wrong with it — its syntax, an id no report has — is added to ``problems``, at the
    file:line:column of the marker in the letter (of the very character, when it is found)."""

    def problem(message: str, hint: str | None = None, offset: int | None = None) -> Problem:
        if rich is not None:
            return rich.problem(message, hint, needle=marker.text, offset=offset)
        return Problem(message, file=template_file, hint=hint)

    try:
        cites = read(marker.content, marker.closed)
    except CitationSyntaxError as err:
        column = None if err.column is None else err.column + 1  # after the '['
        problems.add(problem(f"citation {marker.text}: {err}", offset=column))
        return None
    for rid in dict.fromkeys(c.report_id for c in cites if c.report_id not in known):
        problems.add(
            problem(
                f"citation [@{rid}]: no report with id '{rid}'",
                did_you_mean(rid, known) or "add it under 'reports:' or to a report library",
                offset=_at(marker.text, rid),
            )
        )
    return cites


def _at(text: str, rid: str) -> int | None:
    """Where ``@rid`` is in a marker's text."""
    found = re.search(rf"@{re.escape(rid)}(?![\w.-])", text)
    return found.start() if found else None


class _Footnotes:
    """Numbers citations in the order they appear; :meth:`spans` writes the footnotes' text once
    every citation is known (a first citation's "[hereinafter …]" depends on later ones)."""

    def __init__(self, prep: Prepared, problems: Problems, template_file: str) -> None:
        self.prep, self.problems, self.template_file = prep, problems, template_file
        self.notes: list[list[Cite]] = []
        self.used: set[str] = set()

    def __call__(self, marker: Marker, rich: Rich | None) -> int | None:
        known = self.prep.reports.by_id
        cites = read_citation(marker, rich, known, self.problems, self.template_file)
        if cites is None or any(c.report_id not in known for c in cites):
            return None
        self.used.update(c.report_id for c in cites)
        self.notes.append(cites)
        return len(self.notes)

    def spans(self) -> list[list[Span]]:
        """Each footnote's text, in order."""
        written = FootnoteWriter.write_all(self.prep.reports.fields(), self.notes)
        return [[Span(r.text, italic=r.italic) for r in runs] for runs in written]


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
    author = ""  # a letter without signers (a draft) has no author but the program
    if letter.signers:
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
    values = {"deadline": deadline_text(prep)}
    options = prep.letter.options
    doc = Builder(
        slots,
        notes,
        problems,
        template_file,
        values=values,
        styles=(options.question_style, options.part_style),
    ).read(markup)
    doc.footnotes = notes.spans()
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
