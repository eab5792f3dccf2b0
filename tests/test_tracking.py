"""After the letter is sent: the record beside it (`sent`, `log`, `answer`) and the status derived
from it (`status`, `due`), as a staffer runs them."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import EXAMPLES, REPO, run_oversight

from oversight.yamlfile import load_file

LETTER = "irs-dhs-doge-letter.yaml"  # dated March 19, 2025, due April 2, 2025; 11 questions


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "letters")
    return tmp_path / "letters"


def ok(folder: Path, *args: str) -> str:
    result = run_oversight(*args, cwd=folder)
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(folder: Path, *args: str) -> str:
    record = folder / "irs-dhs-doge-letter.tracking.yaml"
    before = record.read_bytes() if record.exists() else None
    result = run_oversight(*args, cwd=folder)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert (record.read_bytes() if record.exists() else None) == before, "nothing was written"
    return result.stderr


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
