"""The follow-up letter: the questions still open, asked again, in a new letter file.

The new letter keeps the original's recipients, signers, letterhead, reports and options; its
body refers to the original (cited in a footnote, as an inline ``letter`` report entry) and to
the response or its absence; its questions are the ones the record does not show answered (in
writing or in a briefing), numbered anew, each saying which question it was; a question with
some parts answered is asked again with the others. The words (the body, the subject, the
sentence before the questions, the note after each question) come from the template's
``follow-up.md.j2``, so an office can word its own. The result is a letter file like any other.
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
import msgspec
from jinja2.sandbox import SandboxedEnvironment

from oversight.dates import english_list, long_date
from oversight.directory import load_directory
from oversight.errors import Problem, UserError, display_path
from oversight.fsutil import atomic_write
from oversight.letters.prepare import Prepared, QuestionItem, load_letter, load_letter_text
from oversight.paths import builtin_templates
from oversight.render.context import template_folder
from oversight.render.text import sandbox
from oversight.text import escape_rich
from oversight.tracking.record import Record, change, read_record
from oversight.tracking.summary import (
    Summary,
    numbered,
    open_questions,
    parts_of,
    summarize,
)
from oversight.yamlfile import load_file, new_file_text

TEMPLATE = "follow-up.md.j2"
LEVELS = ("second", "final")
# The keys copied from the original as they are (paths among them rebased to the new folder).
KEPT = (
    "from",
    "office",
    "letterhead",
    "template",
    "recipients",
    "salutation",
    "signers",
    "after_questions",
    "contact",
    "closing",
    "cc",
    "banks",
    "reports",
    "options",
)


class Raw(str):
    """Text the template prints as it is (a citation, the deadline placeholder)."""

    __slots__ = ()


def _finalize(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Raw):
        return escape_rich(value)
    return value


def _environment(template_folder: Path) -> SandboxedEnvironment:
    env = sandbox([template_folder, builtin_templates() / "oversight-letter"], _finalize)
    env.filters["join_list"] = lambda items: english_list([str(i) for i in items])
    return env


class Words:
    """The follow-up template, rendered: the body and its macros."""

    def __init__(self, template_folder: Path, context: dict[str, Any]) -> None:
        self.folder = template_folder
        with self._reported():
            template = _environment(template_folder).get_template(TEMPLATE)
            self.file = template.filename or str(template_folder / TEMPLATE)
            self.body = template.render(context).strip()
            self.module = template.make_module(context)

    @contextlib.contextmanager
    def _reported(self) -> Iterator[None]:
        try:
            yield
        except jinja2.TemplateError as err:
            where = getattr(err, "filename", None) or str(self.folder / TEMPLATE)
            raise UserError(
                Problem(
                    f"template error: {err}",
                    file=display_path(Path(where)),
                    line=getattr(err, "lineno", None),
                )
            ) from None

    def _call(self, macro: str, *args: Any) -> str:
        found: Callable[..., Any] | None = getattr(self.module, macro, None)
        if found is None:
            raise UserError(
                Problem(
                    f"the follow-up template has no macro '{macro}'",
                    file=display_path(Path(self.file)),
                    hint="see the built-in templates/oversight-letter/follow-up.md.j2",
                )
            )
        with self._reported():
            return " ".join(str(found(*args)).split())

    def subject(self, subject: str) -> str:
        return self._call("subject_line", subject)

    def lead_in(self) -> str:
        return self._call("lead_in")

    def reference(self, number: str, parts: list[str], in_list: int = 0) -> str:
        """The note after a question asked again; ``in_list`` (2, 3…) only for a question of
        a list numbered from 1 again (the macro's third argument)."""
        if in_list > 1:
            return self._call("reference", number, parts, in_list)
        return self._call("reference", number, parts)


def first_subject(letter: Path, record: Record) -> str | None:
    """The subject of the first letter of a chain of follow-ups ("Second request: X" is about
    X): its ``follows`` links are followed back, as far as they lead."""
    subject: str | None = None
    seen = {letter.resolve()}
    while record.follows:
        letter = (letter.parent / record.follows).resolve()
        if letter in seen or not letter.is_file():
            break
        seen.add(letter)
        try:
            data = load_file(letter).data
            record = read_record(letter)
        except UserError:
            break
        found = data.get("subject") if isinstance(data, dict) else None
        subject = str(found) if found else subject
    return subject


def _rebase(value: Any, old: Path, new: Path) -> Any:
    """A file or folder named relative to the original letter, named relative to the new one."""
    if isinstance(value, str) and not os.path.isabs(value) and (old / value).exists():
        return os.path.relpath(old / value, new)
    return value


def _unique_id(wanted: str, taken: set[str]) -> str:
    n, name = 1, wanted
    while name in taken:
        n += 1
        name = f"{wanted}-{n}"
    return name


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for segment in path:
        data = data[segment]
    return data


def _asked_again(
    prep: Prepared,
    name: str,
    item: QuestionItem,
    names: list[str],
    still: list[str],
    words: Words,
) -> dict[str, Any]:
    """The question as the new letter asks it: its own text (a bank question stays one, its
    answered parts dropped), the parts still open (``still``, of its parts' ``names``), and
    which question it was."""
    raw = copy.deepcopy(_at(prep.doc.data, item.source))
    keep = [k for k, n in enumerate(names) if n in still]
    subset = keep if len(keep) < len(names) else []
    in_list = int(name.split(":")[0]) if ":" in name else 0
    note = words.reference(
        str(item.number), ["(" + names[k].rpartition("(")[2] for k in subset], in_list
    )
    if isinstance(raw, str):
        return {"text": f"{raw.rstrip()} {note}"}
    out: dict[str, Any] = {}
    if raw.get("use"):
        # A bank question stays one (its reports come with it); what was printed is its text.
        out["use"] = raw["use"]
        if raw.get("with"):
            out["with"] = raw["with"]
        out["text"] = f"{item.text.text.rstrip()} {note}"
        if raw.get("parts"):
            out["parts"] = [_part_text(raw["parts"][k]) for k in keep]
        else:
            dropped = [_bank_letter(raw, k) for k in range(len(names)) if k not in keep]
            if raw.get("drop") or dropped:
                out["drop"] = [*raw.get("drop", []), *dropped]
    else:
        out["text"] = f"{str(raw.get('text', '')).rstrip()} {note}"
        if keep:
            out["parts"] = [_part_text(raw["parts"][k]) for k in keep]
    if raw.get("part_style"):
        out["part_style"] = raw["part_style"]
    return out


def _part_text(part: Any) -> Any:
    """A part asked again is lettered anew: its text without the original's label."""
    return part["text"] if isinstance(part, dict) else part


def _bank_letter(raw: dict[str, Any], index: int) -> str:
    """The bank's own letter of the ``index``-th part printed after the original's drop."""
    dropped = {str(d).strip("().") for d in raw.get("drop", [])}
    kept = [chr(ord("a") + k) for k in range(26) if chr(ord("a") + k) not in dropped]
    return kept[index]


def draft(
    prep: Prepared,
    summary: Summary,
    record: Record,
    *,
    original: Path,
    target: Path,
    template_folder: Path,
    level: str,
    date: datetime.date,
    deadline: dict[str, Any] | datetime.date,
) -> dict[str, Any]:
    """The follow-up letter's data, in the order a letter file is written."""
    asked = open_questions(summary, record)
    if not asked:
        raise UserError(
            Problem(
                "every question is marked answered: there is nothing to ask again",
                file=display_path(original),
                hint="see: oversight status; mark answers with oversight answer",
            )
        )
    data = prep.doc.data
    old, new = original.resolve().parent, target.resolve().parent
    about = first_subject(original, record) or prep.letter.subject or ""
    one = len(prep.letter.signers) == 1
    events = record.events
    extended = [e.until for e in events if e.event == "extension-granted" and e.until]
    responses = [
        {"date": long_date(e.date), "kind": "partial" if e.event == "partial-response" else "full"}
        for e in events
        if e.event in ("partial-response", "response-received")
    ]
    reports = [_rebase(r, old, new) for r in data.get("reports") or []]
    taken = {str(r.get("id")) for r in reports if isinstance(r, dict)} | set(prep.reports.by_id)
    cite_id = _unique_id("original-letter", taken)
    context = {
        "level": level,
        "we": "I" if one else "We",
        "we_": "I" if one else "we",
        "our": "my" if one else "our",
        "letter_date": long_date(prep.letter.date),
        "subject": about,
        "cite": Raw(f"[@{cite_id}]"),
        "asked_by": long_date(summary.deadline) if summary.deadline else "",
        "extended_to": long_date(max(extended)) if extended else "",
        "responses": responses,
        "briefings": [long_date(e.date) for e in events if e.event == "briefing-held"],
        "open": len(asked),
        "total": len([n for n in summary.questions if "(" not in n]),
        "deadline": Raw("{{ deadline }}"),
    }
    words = Words(template_folder, context)
    items = {name: (q, parts) for name, q, parts in numbered(prep)}
    out: dict[str, Any] = {"date": date}
    subject = words.subject(about)
    if subject:
        out["subject"] = subject
    for key in KEPT:
        if key not in data or key == "reports":
            continue
        value = copy.deepcopy(data[key])
        if key == "banks" and isinstance(value, list):
            value = [_rebase(b, old, new) for b in value]
        elif key == "letterhead" or (key == "template" and (old / str(value)).is_dir()):
            value = _rebase(value, old, new)
        out[key] = value
    out["reports"] = [
        *reports,
        {
            "id": cite_id,
            "kind": "letter",
            "from": [s.name for s in prep.letter.signers] or ["the undersigned"],
            "to": summary.to,
            "date": prep.letter.date,
            **({"subject": prep.letter.subject} if prep.letter.subject else {}),
        },
    ]
    out["body"] = words.body + "\n"
    out["lead_in"] = words.lead_in()
    out["questions"] = [_asked_again(prep, q, *items[q], parts, words) for q, parts in asked]
    out["deadline"] = deadline
    return out


class Drafted(msgspec.Struct):
    """A follow-up written: where, asking which of the original's questions, and what to check."""

    path: Path
    level: str
    questions: int  # how many questions it asks again
    asked: list[str]  # the original's questions and parts asked again, as printed: "3", "5(b)"
    warnings: list[str]


def default_level(record: Record) -> str:
    """A second request, or the final one when the letter was already followed up or is
    itself a follow-up."""
    followed = record.follow_ups or any(e.event == "follow-up-sent" for e in record.events)
    return "final" if followed or record.follows else "second"


def default_target(original: Path) -> Path:
    """``LETTER-follow-up.yaml`` beside the letter (``-2``, ``-3``… when that is taken)."""
    n, target = 1, original.with_name(f"{original.stem}-follow-up.yaml")
    while target.exists():
        n += 1
        target = original.with_name(f"{original.stem}-follow-up-{n}.yaml")
    return target


def recipient_warnings(prep: Prepared) -> list[str]:
    """What to check before the follow-up goes out: an acting official, or an agency whose
    address the directory now gives otherwise. The directory holds titles and addresses, not
    names: who holds each office now is for the staffer to confirm."""
    directory = load_directory()
    by_line = {e.agency.casefold(): e for e in directory.entries}
    by_line.update({e.name.casefold(): e for e in directory.entries})
    out = []
    for r in prep.letter.recipients:
        who = ", ".join(x for x in (r.name, r.title) if x)
        if r.title and r.title.lower().startswith("acting"):
            out.append(f"{who} was acting when the letter was sent: check who holds the office now")
        agency = r.agency if isinstance(r.agency, str) else (r.agency or [""])[-1]
        entry = by_line.get(agency.casefold())
        if entry is None or not entry.address or entry.address_derived or not r.address:
            continue
        # By the numbers in it (street number, suite, ZIP): "St." and "Street" are the same place.
        if _numbers(r.address) != _numbers(entry.address):
            out.append(
                f"{who}: the directory gives the address of {entry.agency} as "
                f"{'; '.join(entry.address)} (the letter has {'; '.join(r.address)})"
            )
    return out


def _numbers(lines: Any) -> list[str]:
    return re.findall(r"\d+", " ".join(lines))


def write_follow_up(
    original: Path,
    target: Path | None = None,
    *,
    level: str | None = None,
    date: datetime.date | None = None,
    days: int | None = None,
    deadline: datetime.date | None = None,
) -> Drafted:
    """Draft the follow-up of ``original`` into ``target`` (a new file) and link both records.

    Checked before anything is written: the letter was sent, something is still open, the
    target is new, and the drafted letter reads back as a valid letter."""
    shown = display_path(original)
    if not original.is_file():
        raise UserError(Problem("no such letter file", file=shown))
    prep = load_letter(original)
    record = read_record(original)
    if record.sent is None:
        raise UserError(
            Problem(
                "the letter is not marked sent, so it has nothing to follow up",
                file=shown,
                hint=f"oversight sent {shown} --on DATE",
            )
        )
    target = target or default_target(original)
    if target.exists():
        raise UserError(
            Problem(
                "already exists; choose another name or move it away", file=display_path(target)
            )
        )
    level = level or default_level(record)
    summary = summarize(prep)
    due: dict[str, Any] | datetime.date = deadline or {"days": days or 14}
    data = draft(
        prep,
        summary,
        record,
        original=original,
        target=target,
        template_folder=template_folder(prep),
        level=level,
        date=date or datetime.date.today(),
        deadline=due,
    )
    asked = [
        n
        for q, parts in open_questions(summary, record)
        for n in ([q] if len(parts) == len(parts_of(summary, q)) else parts)
    ]
    header = (
        f"Follow-up to {os.path.relpath(original.resolve(), target.resolve().parent)} "
        f"(sent {record.sent.date.isoformat()}), drafted by `oversight follow-up`.\n"
        f"It asks again: {', '.join(asked)}. Edit it like any letter."
    )
    text = new_file_text(data, header)
    load_letter_text(text, display_path(target), target.resolve().parent)  # reads back, or says why
    atomic_write(target, text.encode("utf-8"))
    back = os.path.relpath(original.resolve(), target.resolve().parent)
    forward = os.path.relpath(target.resolve(), original.resolve().parent)

    def follows(r: Record) -> None:
        r.follows = back

    def followed(r: Record) -> None:
        if forward not in r.follow_ups:
            r.follow_ups.append(forward)

    change(target, follows)
    change(original, followed)
    return Drafted(target, level, len(data["questions"]), asked, recipient_warnings(prep))
