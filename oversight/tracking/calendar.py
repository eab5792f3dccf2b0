"""Deadlines as iCalendar events (RFC 5545), through the icalendar library.

One all-day event per letter deadline and per extension granted, for the letters still awaiting
an answer. Each event's UID is made from the letter's file name (not its folder's path, which
differs from one staffer's mount of a shared drive to another's) and what the event is (the
deadline, the first extension…), so exporting again gives the same UIDs: a calendar that
subscribes to the file, or imports it again, updates its events instead of doubling them. A
letter that is answered or closed drops out of the next export.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence

from oversight.dates import long_date
from oversight.tracking.folder import Tracked
from oversight.tracking.summary import Status

WAITING = ("awaiting", "due soon", "overdue", "partially answered")
PRODID = "-//oversight//oversight letters//EN"


def _uid(letter: str, what: str) -> str:
    digest = hashlib.sha256(f"{letter}\0{what}".encode()).hexdigest()[:32]
    return f"{digest}@oversight"


def _when(day: datetime.date) -> str:
    return long_date(day)


def calendar(letters: Sequence[tuple[str, Tracked, Status]], stamp: datetime.datetime) -> bytes:
    """The .ics text for ``letters`` (their shown name, what was read, their status)."""
    # Lazy (docs/architecture.md): only the calendar export needs icalendar (~35 ms).
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Oversight letter deadlines")
    for key, tracked, st in letters:
        if st.state not in WAITING or tracked.summary is None or tracked.record is None:
            continue
        summary, record = tracked.summary, tracked.record
        about = summary.subject or f"letter of {_when(summary.date)}"
        agency = f" ({summary.agency})" if summary.agency else ""
        sent = record.sent.date if record.sent else None
        # Short: the library folds each line character by character, the export's main cost.
        lines = [
            f"{key}, sent {_when(sent)}" if sent else key,
            f"{st.state}: {st.answered} of {st.questions} questions answered",
        ]
        dates: list[tuple[str, datetime.date, str]] = []
        if summary.deadline is not None:
            dates.append(("deadline", summary.deadline, "Response due"))
        extensions = [e for e in record.events if e.event == "extension-granted" and e.until]
        for n, e in enumerate(extensions, start=1):
            assert e.until is not None
            dates.append((f"extension-{n}", e.until, "Extended deadline"))
        for what, day, label in dates:
            event = icalendar.Event()
            event.add("uid", _uid(tracked.path.name, what))
            event.add("dtstamp", stamp)
            event.add("dtstart", day)
            event.add("dtend", day + datetime.timedelta(days=1))
            superseded = st.due is not None and day != st.due
            note = f" (extended to {_when(st.due)})" if superseded and st.due else ""
            event.add("summary", f"{label}: {about}{agency}{note}")
            event.add("description", "\n".join(x for x in lines if x))
            event.add("transp", "TRANSPARENT")
            cal.add_component(event)
    data: bytes = cal.to_ical(sorted=False)  # in the order added: UID, dates, summary
    return data


def events_of(data: bytes) -> list[dict[str, str]]:
    """The events of an exported calendar, for ``--json``: uid, date, summary, description."""
    import icalendar

    out = []
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        out.append(
            {
                "uid": str(event.get("uid")),
                "date": event.decoded("dtstart").isoformat(),
                "summary": str(event.get("summary")),
                "description": str(event.get("description")),
            }
        )
    return out
