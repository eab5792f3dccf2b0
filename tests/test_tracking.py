"""After the letter is sent: the record beside it (`sent`, `log`, `answer`) and the status derived
from it (`status`, `due`), as a staffer runs them."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import EXAMPLES, REPO, ok, refused, run_oversight

from oversight.yamlfile import load_file

LETTER = "irs-dhs-doge-letter.yaml"  # dated March 19, 2025, due April 2, 2025; 11 questions


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "letters")
    return tmp_path / "letters"


def test_sent_extension_partial_response_and_answers_make_the_status(folder: Path) -> None:
    ok(folder, "sent", LETTER, "--on", "2025-03-19", "--via", "email")
    rows = json.loads(ok(folder, "status", "--today", "2025-03-24", "--json"))
    irs = next(r for r in rows if r["letter"] == LETTER)
    assert irs["state"] == "awaiting" and irs["due"] == "2025-04-02"
    rows = json.loads(ok(folder, "status", "--today", "2025-03-27", "--json"))
    assert next(r for r in rows if r["letter"] == LETTER)["state"] == "due soon"  # a week or less
    assert next(r for r in rows if r["letter"] == "gao-request-single.yaml")["state"] == "draft"

    rows = json.loads(ok(folder, "status", "--today", "2025-04-05", "--json"))
    irs = next(r for r in rows if r["letter"] == LETTER)
    assert irs["state"] == "overdue" and irs["days_overdue"] == 3

    ok(folder, "log", LETTER, "extension-granted", "--on", "2025-03-28", "--until", "2025-04-16")
    (folder / "response.pdf").write_bytes(b"%PDF-1.4 a response")
    ok(folder, "log", LETTER, "partial-response", "--on", "2025-04-15", "--file", "response.pdf")
    ok(folder, "answer", LETTER, "1", "answered", "--where", "p. 2")
    ok(folder, "answer", LETTER, "3(b)", "partial", "--note", "no dates given")
    ok(folder, "answer", LETTER, "2", "declined")

    rows = json.loads(ok(folder, "status", "--today", "2025-04-20", "--json"))
    irs = next(r for r in rows if r["letter"] == LETTER)
    assert irs["due"] == "2025-04-16", "the extension moves the deadline"
    assert irs["state"] == "partially answered"
    assert (irs["answered"], irs["questions"]) == (1, 11)  # 1 answered; 2 declined is not
    table = ok(folder, "status", "--today", "2025-04-20")
    assert "partially answered" in table and "1/11" in table

    record = load_file(folder / "irs-dhs-doge-letter.tracking.yaml").data
    assert record["sent"] == {"date": datetime.date(2025, 3, 19), "via": "email"}
    assert [e["event"] for e in record["events"]] == ["extension-granted", "partial-response"]
    assert record["events"][1]["file"] == "response.pdf"
    assert record["answers"]["3(b)"] == {"status": "partial", "note": "no dates given"}

    every = [q for q in range(1, 12)]
    for q in every:
        ok(folder, "answer", LETTER, str(q), "answered")
    rows = json.loads(ok(folder, "status", "--today", "2025-04-20", "--json"))
    assert next(r for r in rows if r["letter"] == LETTER)["state"] == "answered"
    ok(folder, "log", LETTER, "closed", "--on", "2025-04-21")
    rows = json.loads(ok(folder, "status", "--today", "2025-04-22", "--json", "--state", "closed"))
    assert [r["letter"] for r in rows] == [LETTER]


def test_due_lists_what_awaits_an_answer_by_deadline(folder: Path) -> None:
    ok(folder, "sent", LETTER, "--on", "2025-03-19")
    ok(folder, "sent", "gao-request-single.yaml", "--on", "2025-04-01")
    rows = json.loads(ok(folder, "due", "--today", "2025-03-25", "--within", "60d", "--json"))
    assert [r["letter"] for r in rows] == [LETTER, "gao-request-single.yaml"][: len(rows)]
    assert all(r["state"] in ("awaiting", "due soon", "overdue") for r in rows)
    assert json.loads(ok(folder, "due", "--today", "2025-03-25", "--within", "3d", "--json")) == []
    irs_only = json.loads(
        ok(
            folder,
            "due",
            "--today",
            "2025-03-25",
            "--within",
            "60d",
            "--json",
            "--agency",
            "internal revenue",
        )
    )
    assert [r["letter"] for r in irs_only] == [LETTER]


def test_bad_input_is_one_message_and_nothing_written(folder: Path) -> None:
    ok(folder, "sent", LETTER, "--on", "2025-03-19")
    assert "did you mean 'extension-granted'" in refused(folder, "log", LETTER, "extnsion-granted")
    assert "before the letter was sent" in refused(
        folder, "log", LETTER, "acknowledged", "--on", "2025-03-01"
    )
    assert "has no question 14" in refused(folder, "answer", LETTER, "14", "answered")
    assert "has no question 1(z)" in refused(folder, "answer", LETTER, "1(z)", "answered")
    assert "does not exist" in refused(
        folder, "log", LETTER, "response-received", "--file", "missing.pdf"
    )
    assert "--until" in refused(folder, "log", LETTER, "extension-granted")


def test_a_broken_record_is_located_and_never_rewritten(folder: Path) -> None:
    record = folder / "irs-dhs-doge-letter.tracking.yaml"
    record.write_text(
        "sent:\n  date: 2025-03-19\nevents:\n  - date: 2025-03-20\n    event: acknowledgd\n",
        encoding="utf-8",
    )
    before = record.read_bytes()
    result = run_oversight("log", LETTER, "acknowledged", cwd=folder)
    assert result.returncode == 1
    assert "irs-dhs-doge-letter.tracking.yaml:5" in result.stderr
    assert record.read_bytes() == before


def test_two_people_logging_at_once_lose_no_event(folder: Path) -> None:
    """Two processes append 15 events each to one record at the same time: all 30 are there."""
    ok(folder, "sent", LETTER, "--on", "2025-03-19")
    script = (
        "import sys\n"
        "from oversight.cli.main import main\n"
        f"for i in range(15):\n"
        f"    assert main(['log', {LETTER!r}, 'acknowledged', '--on', '2025-03-20', '--note', sys.argv[1] + str(i)]) == 0\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, who],
            cwd=folder,
            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        )
        for who in ("a", "b")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    events = load_file(folder / "irs-dhs-doge-letter.tracking.yaml").data["events"]
    assert sorted(e["note"] for e in events) == sorted(f"{w}{i}" for w in "ab" for i in range(15))


def test_questions_are_named_as_the_letter_prints_them(folder: Path) -> None:
    """A second list numbered from 1 is list 2 ("2:1"); parts printed (i), (ii) are 4(ii); a part
    answered counts for its question once every part is."""
    two = "two-lists-prose.yaml"
    ok(folder, "sent", two, "--on", "2025-10-14")
    assert "question 2:4(ii) answered" in ok(folder, "answer", two, "2:4 (ii)", "answered")
    ok(folder, "answer", two, "1", "answered")
    rows = json.loads(ok(folder, "status", two, "--json", "--today", "2025-10-20"))
    assert (rows[0]["answered"], rows[0]["questions"]) == (1, 7), "list 2's question 1 is not 1"
    ok(folder, "answer", two, "2:4i", "briefing")
    rows = json.loads(ok(folder, "status", two, "--json", "--today", "2025-10-20"))
    assert rows[0]["answered"] == 2, "both parts of 2:4 answered: 2:4 is"
    assert "has no question 4(ii)" in refused(folder, "answer", two, "4(ii)", "answered")


def test_a_report_as_of_a_date_leaves_later_events_out(folder: Path) -> None:
    ok(folder, "sent", LETTER, "--on", "2025-03-19")
    ok(folder, "log", LETTER, "extension-granted", "--on", "2025-03-28", "--until", "2025-04-16")
    ok(folder, "log", LETTER, "response-received", "--on", "2025-04-15")
    [before] = json.loads(ok(folder, "status", LETTER, "--json", "--today", "2025-03-18"))
    assert before["state"] == "draft"
    [mid] = json.loads(ok(folder, "status", LETTER, "--json", "--today", "2025-03-27"))
    assert (mid["state"], mid["due"]) == ("due soon", "2025-04-02")
    [late] = json.loads(ok(folder, "status", LETTER, "--json", "--today", "2025-04-10"))
    assert (late["state"], late["due"]) == ("due soon", "2025-04-16")  # the response is later


def test_an_extension_must_move_the_deadline_later(folder: Path) -> None:
    ok(folder, "sent", LETTER, "--on", "2025-03-19")
    assert "not after the deadline it extends (2025-04-02)" in refused(
        folder, "log", LETTER, "extension-granted", "--until", "2025-03-30", "--on", "2025-03-20"
    )
    assert "a new deadline belongs to an extension granted" in refused(
        folder, "log", LETTER, "acknowledged", "--until", "2025-05-01"
    )


def test_a_response_file_elsewhere_is_kept_as_a_relative_path(folder: Path) -> None:
    ok(folder, "sent", LETTER, "--on", "2025-03-19")
    elsewhere = folder.parent / "responses"
    elsewhere.mkdir()
    (elsewhere / "irs reply.pdf").write_bytes(b"%PDF-1.4")
    ok(folder, "log", LETTER, "response-received", "--file", "../responses/irs reply.pdf")
    events = load_file(folder / "irs-dhs-doge-letter.tracking.yaml").data["events"]
    assert events[-1]["file"] == "../responses/irs reply.pdf"


def test_status_shows_a_broken_letter_or_record_and_skips_other_yaml(folder: Path) -> None:
    (folder / "broken.yaml").write_text(
        "date: 2025-03-01\nrecipients: []\nbody: x\n", encoding="utf-8"
    )
    (folder / "gao-request-single.tracking.yaml").write_text("sent: [\n", encoding="utf-8")
    result = run_oversight("status", "--today", "2025-04-01", cwd=folder)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    rows = {line.split()[0]: line.split()[1] for line in result.stdout.splitlines()[1:]}
    assert rows["broken.yaml"] == "error" and rows["gao-request-single.yaml"] == "error"
    assert "broken.yaml" in result.stderr and "gao-request-single.tracking.yaml:" in result.stderr
    assert "irs-dhs-doge-letter.yaml" in rows
    assert not any(name.startswith(("banks", "reports")) for name in rows)  # folders, not letters


def test_the_folder_cache_follows_every_change_and_survives_damage(
    folder: Path, tmp_path: Path
) -> None:
    """status reads through a cache; a changed letter, record or bank file is read again, and a
    damaged or deleted cache only costs time."""
    cache = tmp_path / "cache"
    env = {"OVERSIGHT_CACHE_DIR": str(cache)}

    def rows() -> dict[str, dict[str, object]]:
        result = run_oversight("status", "--json", "--today", "2025-03-25", cwd=folder, env=env)
        assert result.returncode == 0, result.stderr
        return {r["letter"]: r for r in json.loads(result.stdout)}

    assert rows()[LETTER]["questions"] == 11
    [stored] = list((cache / "tracking").iterdir())
    letter = folder / LETTER
    letter.write_text(
        letter.read_text(encoding="utf-8").replace(
            "questions:\n", "questions:\n  - Is this a twelfth question?\n", 1
        ),
        encoding="utf-8",
    )
    assert rows()[LETTER]["questions"] == 12, "an edited letter is read again"
    ok(folder, "sent", LETTER, "--on", "2025-03-19")
    assert rows()[LETTER]["state"] == "awaiting", "a changed record is read again"

    # A letter whose question comes from its own bank: the bank's parts are the letter's.
    (folder / "mine").mkdir()
    bank = folder / "mine" / "bank.yaml"
    bank.write_text(
        "bank: mine\ntitle: Mine\nquestions:\n  - id: q\n    text: Why?\n"
        "    parts: [One?, Two?, Three?]\n",
        encoding="utf-8",
    )
    (folder / "small.yaml").write_text(
        "date: 2025-03-19\nrecipients:\n  - name: A B\n    title: Director\n"
        "body: About this.\nbanks: [mine]\nquestions:\n  - use: mine/q\n"
        "signers:\n  - name: C D\n",
        encoding="utf-8",
    )
    ok(folder, "sent", "small.yaml", "--on", "2025-03-19")
    ok(folder, "answer", "small.yaml", "1(a)", "answered")
    ok(folder, "answer", "small.yaml", "1(b)", "answered")
    assert rows()["small.yaml"]["answered"] == 0, "part (c) is open"
    bank.write_text(bank.read_text(encoding="utf-8").replace(", Three?", ""), encoding="utf-8")
    assert rows()["small.yaml"]["answered"] == 1, "the changed bank is read again: (c) is gone"

    stored.write_bytes(b"\x00garbage")
    assert rows()[LETTER]["state"] == "awaiting", "a damaged cache is ignored and rewritten"
    stored.unlink()
    assert rows()[LETTER]["questions"] == 12


def test_every_command_speaks_json(folder: Path) -> None:
    """--json on each command: the record as it now is, what was drafted, the calendar's events."""
    gao = "gao-request-single.yaml"
    sent = json.loads(ok(folder, "sent", gao, "--on", "2025-04-15", "--via", "portal", "--json"))
    assert sent == {"letter": gao, "record": {"sent": {"date": "2025-04-15", "via": "portal"}}}
    logged = json.loads(ok(folder, "log", gao, "acknowledged", "--on", "2025-04-16", "--json"))
    assert logged["record"]["events"] == [{"date": "2025-04-16", "event": "acknowledged"}]
    answered = json.loads(ok(folder, "answer", gao, "2", "declined", "--json"))
    assert answered["record"]["answers"] == {"2": {"status": "declined"}}
    contact = json.loads(
        ok(folder, "contact", gao, "J. Doe, GAO Congressional Relations", "--json")
    )
    assert contact["record"]["contacts"] == ["J. Doe, GAO Congressional Relations"]
    [event] = json.loads(ok(folder, "calendar", "--json", "--today", "2025-04-20"))
    assert event["date"] == "2025-05-01" and event["uid"].endswith("@oversight")
    drafted = json.loads(ok(folder, "follow-up", gao, "--json", "--date", "2025-05-10"))
    assert drafted["path"] == "gao-request-single-follow-up.yaml"
    assert (drafted["level"], drafted["questions"], drafted["asked"]) == (
        "second",
        5,
        ["1", "2", "3", "4", "5"],
    )


def test_a_letter_without_a_deadline_is_sent_not_awaiting(folder: Path) -> None:
    letter = folder / "gao-request-single.yaml"
    text = letter.read_text(encoding="utf-8")
    letter.write_text(re.sub(r"(?m)^deadline:.*\n(  .*\n)*", "", text), encoding="utf-8")
    ok(folder, "sent", letter.name, "--on", "2025-04-15")
    [row] = json.loads(ok(folder, "status", letter.name, "--json", "--today", "2026-01-01"))
    assert (row["state"], row["due"]) == ("sent", None)


def test_a_folder_that_does_not_exist_is_one_message(folder: Path) -> None:
    for command in ("status", "due", "calendar"):
        result = run_oversight(command, "no-such-folder", cwd=folder)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "no-such-folder: no such file or folder" in result.stderr
    result = run_oversight("calendar", "-o", ".", cwd=folder)
    assert result.returncode == 1 and "ending in .ics" in result.stderr
