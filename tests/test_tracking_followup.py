"""After the letter is sent, the next steps: the deadlines as a calendar (`oversight calendar`,
read back by a second, independent iCalendar reader as a calendar application would) and the
follow-up letter (`oversight follow-up`), rendered and read back as a staffer checks it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import EXAMPLES, DocxView, ok, refused, run_oversight

from oversight.yamlfile import load_file

LETTER = "irs-dhs-doge-letter.yaml"  # March 19, 2025, due April 2; 11 questions, 1 a bank one


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "letters")
    return tmp_path / "letters"


def sent_with_partial_response(folder: Path) -> None:
    ok(folder, "sent", LETTER, "--on", "2025-03-19", "--via", "email")
    ok(folder, "log", LETTER, "extension-granted", "--on", "2025-03-28", "--until", "2025-04-16")
    ok(folder, "log", LETTER, "partial-response", "--on", "2025-04-15")
    ok(folder, "answer", LETTER, "2", "answered")
    ok(folder, "answer", LETTER, "4", "briefing")
    ok(folder, "answer", LETTER, "3(a)", "answered")  # 3(b) still open
    ok(folder, "answer", LETTER, "1(b)", "answered")  # the bank question: 1(a), (c), (d) open
    ok(folder, "answer", LETTER, "6", "declined")
    for q in ("7", "8", "9", "10", "11"):
        ok(folder, "answer", LETTER, q, "answered")


# ------------------------------------------------------------------ calendar


def _events(path: Path) -> dict[str, tuple[str, str]]:
    """UID -> (date, summary), through the `ical` library (not the one that wrote the file)."""
    from ical.calendar_stream import IcsCalendarStream

    calendar = IcsCalendarStream.calendar_from_ics(path.read_text(encoding="utf-8"))
    return {e.uid: (e.dtstart.isoformat(), e.summary) for e in calendar.events}  # type: ignore[union-attr]


def test_calendar_has_each_deadline_and_extension_with_stable_uids(folder: Path) -> None:
    ok(folder, "sent", LETTER, "--on", "2025-03-19")
    ok(folder, "sent", "gao-request-single.yaml", "--on", "2025-04-15")
    out = ok(folder, "calendar", ".", "-o", "deadlines.ics", "--today", "2025-04-16")
    assert "deadlines.ics: 2 deadlines" in out
    first = _events(folder / "deadlines.ics")
    assert sorted(d for d, _ in first.values()) == ["2025-04-02", "2025-05-01"]
    assert any(
        "DHS and DOGE activity" in s and s.startswith("Response due") for _, s in first.values()
    )

    ok(folder, "log", LETTER, "extension-granted", "--on", "2025-03-28", "--until", "2025-04-16")
    # Run from elsewhere, with the folder's full path: the same letters, the same UIDs.
    ok(
        folder.parent,
        "calendar",
        str(folder),
        "-o",
        str(folder / "deadlines.ics"),
        "--today",
        "2025-04-17",
    )
    again = _events(folder / "deadlines.ics")
    assert set(first) < set(again), "re-export keeps the UIDs: a subscribed calendar updates"
    [(_, (day, summary))] = [(u, v) for u, v in again.items() if u not in first]
    assert day == "2025-04-16" and summary.startswith("Extended deadline")
    old = again[next(u for u, (d, _) in first.items() if d == "2025-04-02")]
    assert "extended to April 16, 2025" in old[1]

    for q in range(1, 12):
        ok(folder, "answer", LETTER, str(q), "answered")
    ok(folder, "calendar", ".", "-o", "deadlines.ics", "--today", "2025-04-20")
    assert [d for d, _ in _events(folder / "deadlines.ics").values()] == ["2025-05-01"]


def test_calendar_to_stdout_and_a_bad_output_path(folder: Path) -> None:
    ok(folder, "sent", LETTER, "--on", "2025-03-19")
    text = run_oversight("calendar", "--today", "2025-03-20", cwd=folder).stdout
    assert text.startswith("BEGIN:VCALENDAR") and text.count("BEGIN:VEVENT") == 1
    message = refused(folder, "calendar", ".", "-o", "missing/deadlines.ics")
    assert "missing" in message


# ------------------------------------------------------------------ follow-up


def test_follow_up_asks_exactly_the_open_questions_and_renders(folder: Path) -> None:
    sent_with_partial_response(folder)
    out = ok(folder, "follow-up", LETTER, "--date", "2025-04-25")
    assert "second request asking again 4 questions (1(a), 1(c), 1(d), 3(b), 5, 6)" in out
    new = folder / "irs-dhs-doge-letter-follow-up.yaml"
    data = load_file(new).data
    asked = [q for q in data["questions"]]
    # 1 (a bank question: its answered part dropped), 3 (part b only), 5 (not marked), 6 (declined)
    assert [re.search(r"Originally Question (\d+)", q["text"]).group(1) for q in asked] == [
        "1",
        "3",
        "5",
        "6",
    ]
    assert asked[0]["use"] == "irs-data-sharing/requests-received" and asked[0]["drop"] == ["b"]
    assert "part (b)" in asked[1]["text"] and len(asked[1]["parts"]) == 1
    assert data["recipients"] == load_file(folder / LETTER).data["recipients"]
    assert data["subject"].startswith("Second request: DHS and DOGE")
    body = data["body"]
    assert "On March 19, 2025, we wrote to you" in body and "[@original-letter]" in body
    assert "agreed to extend that deadline to April 16, 2025" in body
    assert "partial response on April 15, 2025" in body

    ok(folder, "render", new.name)
    docx = DocxView(new.with_suffix(".docx"))
    numbered = docx.numbered()
    top = [t for _, level, t in numbered if level == 0]
    assert len(top) == 4, "asked again, numbered anew from 1"
    parts_of_first = []
    for _, level, text in numbered[1:]:
        if level == 0:
            break
        parts_of_first.append(text)
    assert len(parts_of_first) == 3, "the bank question's answered part (b) is not asked again"
    assert not any("identify the provision of section 6103" in t for t in parts_of_first)
    notes = list(docx.footnotes().values())
    assert any(
        n.startswith("Letter from Catherine Cortez Masto et al. to Melanie Krause") for n in notes
    )

    original = load_file(folder / "irs-dhs-doge-letter.tracking.yaml").data
    assert original["follow_ups"] == ["irs-dhs-doge-letter-follow-up.yaml"]
    link = load_file(folder / "irs-dhs-doge-letter-follow-up.tracking.yaml").data
    assert link == {"follows": LETTER}

    ok(folder, "sent", new.name, "--on", "2025-04-25")
    events = load_file(folder / "irs-dhs-doge-letter.tracking.yaml").data["events"]
    assert events[-1]["event"] == "follow-up-sent" and str(events[-1]["date"]) == "2025-04-25"


def test_a_second_follow_up_is_the_final_request(folder: Path) -> None:
    sent_with_partial_response(folder)
    ok(folder, "follow-up", LETTER, "--date", "2025-04-25")
    out = ok(folder, "follow-up", LETTER, "--date", "2025-05-20", "--deadline", "2025-06-03")
    assert "irs-dhs-doge-letter-follow-up-2.yaml: final request" in out
    data = load_file(folder / "irs-dhs-doge-letter-follow-up-2.yaml").data
    assert data["subject"].startswith("Final request:")
    assert "including compulsory process" in data["body"]
    assert str(data["deadline"]) == "2025-06-03"
    ok(folder, "validate", "irs-dhs-doge-letter-follow-up-2.yaml")


def test_one_signer_writes_i_and_warns_about_an_acting_official(folder: Path) -> None:
    ok(folder, "sent", "gao-request-single.yaml", "--on", "2025-04-15")
    ok(folder, "follow-up", "gao-request-single.yaml", "-o", "gao-again.yaml")
    body = load_file(folder / "gao-again.yaml").data["body"]
    assert body.startswith("On April 15, 2025, I wrote to you")
    assert "To date, I have received no response." in body
    sent_with_partial_response(folder)
    warned = run_oversight("follow-up", LETTER, cwd=folder).stderr
    assert "check: Melanie Krause, Acting Commissioner was acting" in warned


def test_follow_up_refusals_write_nothing(folder: Path) -> None:
    assert "not marked sent" in refused(folder, "follow-up", LETTER)
    ok(folder, "sent", LETTER, "--on", "2025-03-19")
    assert "already exists" in refused(folder, "follow-up", LETTER, "-o", "gao-request-single.yaml")
    for q in range(1, 12):
        ok(folder, "answer", LETTER, str(q), "answered")
    assert "nothing to ask again" in refused(folder, "follow-up", LETTER)


def test_an_office_template_words_the_follow_up(folder: Path) -> None:
    office = folder / "office"
    shutil.copytree(EXAMPLES.parent / "templates" / "oversight-letter", office)
    (office / "follow-up.md.j2").write_text(
        "{% macro subject_line(subject) %}Again: {{ subject }}{% endmacro %}\n"
        "{% macro lead_in() %}Please answer by {{ deadline }}:{% endmacro %}\n"
        "{% macro reference(number, parts) %}(was {{ number }}){% endmacro %}\n"
        "Our letter of {{ letter_date }}{{ cite }} is unanswered.\n",
        encoding="utf-8",
    )
    text = (folder / LETTER).read_text(encoding="utf-8")
    (folder / LETTER).write_text(
        text.replace("date: 2025-03-19", "date: 2025-03-19\ntemplate: office", 1)
    )
    ok(folder, "sent", LETTER, "--on", "2025-03-19")
    ok(folder, "follow-up", LETTER, "-o", "again.yaml")
    data = load_file(folder / "again.yaml").data
    assert data["subject"].startswith("Again: DHS")
    assert data["body"].strip() == "Our letter of March 19, 2025[@original-letter] is unanswered."
    assert data["questions"][0]["text"].endswith("(was 1)")
    assert data["template"] == "office"

    (office / "follow-up.md.j2").write_text("No macros here.\n", encoding="utf-8")
    message = refused(folder, "follow-up", LETTER, "-o", "again-2.yaml")
    assert "follow-up template has no macro 'subject_line'" in message
    assert "follow-up.md.j2" in message


def test_status_json_reflects_the_follow_up_chain(folder: Path) -> None:
    sent_with_partial_response(folder)
    ok(folder, "follow-up", LETTER, "--date", "2025-04-25")
    rows = json.loads(run_oversight("status", "--json", "--today", "2025-04-26", cwd=folder).stdout)
    by = {r["letter"]: r for r in rows}
    assert by[LETTER]["state"] == "partially answered"
    assert by["irs-dhs-doge-letter-follow-up.yaml"]["state"] == "draft"


def test_a_follow_up_of_a_follow_up_is_about_the_first_letter(folder: Path) -> None:
    ok(folder, "sent", "gao-request-single.yaml", "--on", "2025-04-15")
    ok(folder, "follow-up", "gao-request-single.yaml", "--date", "2025-05-10", "-o", "g2.yaml")
    ok(folder, "sent", "g2.yaml", "--on", "2025-05-10")
    out = ok(folder, "follow-up", "g2.yaml", "--date", "2025-06-01", "-o", "g3.yaml")
    assert "g3.yaml: final request" in out, "the third letter is the last before compulsory process"
    data = load_file(folder / "g3.yaml").data
    assert (
        data["subject"]
        == "Final request: Request for a GAO review of IRS controls over access to taxpayer data"
    )
    assert data["body"].startswith(
        "On May 10, 2025, I wrote to you regarding Request for a GAO review of IRS controls"
    )
    ok(folder, "validate", "g3.yaml")
