"""What the tracker needs of a letter, and the status derived from it, its record and today.

A :class:`Summary` is taken from the prepared letter once (and kept in the folder cache, see
``folder``); :func:`status` works out where the letter stands each time it is asked, from the
summary, the record and the date: it is never stored.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import msgspec

from oversight.dates import due_date
from oversight.letters.model import Deadline
from oversight.letters.prepare import Prepared, QuestionItem
from oversight.tracking.record import Record

DUE_SOON_DAYS = 7
DONE = ("answered", "briefing")  # a question answered in writing or in a briefing
STATES = (
    "draft",
    "sent",
    "awaiting",
    "due soon",
    "overdue",
    "partially answered",
    "answered",
    "closed",
    "error",
)


SORTS = ("due", "letter", "agency", "sent", "late", "status")


class Summary(msgspec.Struct, frozen=True):
    """A letter as the tracker sees it."""

    date: datetime.date
    subject: str | None
    agency: str
    to: list[str]  # each recipient: "Name, Title"
    signers: list[str]
    deadline: datetime.date | None  # the letter's own, before any extension
    questions: list[str]  # as printed: "1", "1(a)", "1(b)", "2"…


class Status(msgspec.Struct):
    letter: str
    agency: str
    state: str  # one of STATES
    sent: datetime.date | None
    due: datetime.date | None
    days_overdue: int
    answered: int
    questions: int
    signers: list[str] = []
    subject: str | None = None
    problem: str | None = None  # why the letter or its record could not be read ("error")


def numbered(prep: Prepared) -> list[tuple[str, QuestionItem, list[str]]]:
    """Each question with its name and its parts' names, as the letter prints them: "3",
    "3(b)", "4(ii)" for parts numbered i, ii. Where the numbering starts again (a second list
    from 1), the later lists' questions are named by list: "2:1", "2:3(b)"."""
    # Lazy: the labels' rule lives in the renderer (about 90 ms to import), needed only when a
    # letter is read, never by a status the folder cache answers.
    from oversight.render.labels import is_bullet, label

    out = []
    run, last = 1, 0
    for section in prep.sections:
        for q in section.questions:
            if q.number <= last:
                run += 1
            last = q.number
            name = f"{run}:{q.number}" if run > 1 else str(q.number)
            style = q.part_style or section.part_style
            parts = [
                f"{name}({p.letter if is_bullet(style) else _counter(label(style, p.ordinal))})"
                for p in q.parts
            ]
            out.append((name, q, parts))
    return out


def _counter(printed: str) -> str:
    """The counter of a part's printed label: "b" of "(b)", "ii" of "ii."."""
    return "".join(c for c in printed if c.isalnum())


def question_names(prep: Prepared) -> list[str]:
    """The questions and parts as the letter prints them (see :func:`numbered`)."""
    return [n for name, _, parts in numbered(prep) for n in (name, *parts)]


def _plain(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum() or c == ":")


def find_question(names: list[str], typed: str) -> str | None:
    """The name of the question or part ``typed`` means: "3(b)", "3b", "3.b" and "3 (B)" all
    name part (b) of question 3."""
    wanted = _plain(typed)
    return next((n for n in names if _plain(n) == wanted), None)


def own_deadline(prep: Prepared) -> datetime.date | None:
    d = prep.letter.deadline
    if d is None:
        return None
    if isinstance(d, Deadline):
        return d.date if d.date is not None else due_date(prep.letter.date, d.days or 0)
    return d


def _agency(agency: str | list[str] | None) -> str:
    return agency if isinstance(agency, str) else ", ".join(agency or [])


def summarize(prep: Prepared) -> Summary:
    letter = prep.letter
    return Summary(
        date=letter.date,
        subject=letter.subject,
        agency=_agency(letter.recipients[0].agency) if letter.recipients else "",
        to=[", ".join(x for x in (r.name, r.title) if x) for r in letter.recipients],
        signers=[s.name for s in letter.signers],
        deadline=own_deadline(prep),
        questions=question_names(prep),
    )


def deadline(summary: Summary, record: Record) -> datetime.date | None:
    """The letter's deadline, or the last extension granted."""
    extended = [e.until for e in record.events if e.event == "extension-granted" and e.until]
    return max(extended) if extended else summary.deadline


def top_questions(summary: Summary) -> list[str]:
    return [n for n in summary.questions if "(" not in n]


def parts_of(summary: Summary, question: str) -> list[str]:
    return [n for n in summary.questions if n.startswith(question + "(")]


def question_state(summary: Summary, record: Record, question: str) -> str | None:
    """How a question was answered: its own mark, else what its parts' marks add up to (every
    part answered: answered; some: partial); None when nothing is marked."""
    if not record.answers:
        return None
    own = record.answers.get(question)
    if own is not None:
        return own.status
    marks = [record.answers[p].status for p in parts_of(summary, question) if p in record.answers]
    if not marks:
        return None
    if len(marks) == len(parts_of(summary, question)) and all(m in DONE for m in marks):
        return "answered"
    if any(m in DONE or m == "partial" for m in marks):
        return "partial"
    return marks[0] if len(set(marks)) == 1 else "not-answered"


def open_questions(summary: Summary, record: Record) -> list[tuple[str, list[str]]]:
    """The questions still open (not answered, in writing or a briefing), each with its open
    parts: all of them when none is marked answered."""
    out = []
    for q in top_questions(summary):
        if question_state(summary, record, q) in DONE:
            continue
        parts = parts_of(summary, q)
        still = [p for p in parts if not (p in record.answers and record.answers[p].status in DONE)]
        out.append((q, still or parts))
    return out


def status(summary: Summary, record: Record, today: datetime.date, name: str) -> Status:
    """Where the letter stands as of ``today``: what the record dates later is left out (a
    report as of an earlier date); answers carry no date and always count."""
    if (record.sent and record.sent.date > today) or any(e.date > today for e in record.events):
        record = msgspec.structs.replace(
            record,
            sent=record.sent if record.sent and record.sent.date <= today else None,
            events=[e for e in record.events if e.date <= today],
        )
    questions = top_questions(summary)
    states = [question_state(summary, record, q) for q in questions]
    fully = sum(1 for s in states if s in DONE)
    marked = sum(1 for s in states if s is not None and s != "not-answered")
    due = deadline(summary, record)
    late = (today - due).days if due is not None and today > due else 0
    events = {e.event for e in record.events}
    responded = bool(events & {"partial-response", "response-received"}) or marked > 0
    if "closed" in events:
        state = "closed"
    elif record.sent is None:
        state = "draft"
    elif questions and fully == len(questions):
        state = "answered"
    elif responded:
        state = "partially answered"
    elif late:
        state = "overdue"
    elif due is None:
        state = "sent"  # no deadline to await
    elif (due - today).days <= DUE_SOON_DAYS:
        state = "due soon"
    else:
        state = "awaiting"
    return Status(
        letter=name,
        agency=summary.agency,
        state=state,
        sent=record.sent.date if record.sent else None,
        due=due,
        days_overdue=late if state in ("overdue", "partially answered") else 0,
        answered=fully,
        questions=len(questions),
        signers=summary.signers,
        subject=summary.subject,
    )


def error_status(name: str, problem: str) -> Status:
    return Status(
        letter=name,
        agency="",
        state="error",
        sent=None,
        due=None,
        days_overdue=0,
        answered=0,
        questions=0,
        problem=problem,
    )


def sort_key(by: str) -> Callable[[Status], Any]:
    """How rows are ordered by one of :data:`SORTS` (then by deadline or name)."""
    far = datetime.date.max
    keys = {
        "due": lambda s: (s.due or far, s.letter),
        "letter": lambda s: s.letter,
        "agency": lambda s: (s.agency.lower(), s.due or far),
        "sent": lambda s: (s.sent or far, s.letter),
        "late": lambda s: (-s.days_overdue, s.due or far),
        "status": lambda s: (STATES.index(s.state), s.due or far),
    }
    return keys[by]
