"""The editing model on its own: intent methods, undo and redo, paste, problems in the
staffer's words, and recovery files that cannot stop the app."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from oversight.draft import Draft, check_text, scan_recoveries
from oversight.draft.paste import parse_numbered
from oversight.draft.recovery import write_recovery
from oversight.draft.wording import describe
from oversight.errors import Problem

REPO = Path(__file__).resolve().parent.parent
MODEL = REPO / "examples" / "irs-dhs-doge-letter.yaml"


@pytest.fixture
def draft(tmp_path: Path) -> Draft:
    shutil.copy(MODEL, tmp_path / "letter.yaml")
    return Draft.open(tmp_path / "letter.yaml")


def test_remove_then_undo_restores_the_letter_exactly(draft: Draft) -> None:
    before = draft.text()
    words = draft.remove_recipient(1)
    assert words == "recipient 2, Andrew De Mello"
    assert len(draft.items("recipients")) == 2
    step = draft.undo()
    assert step is not None and step.section == "recipients"
    assert draft.text() == before  # comments, order and quoting included
    draft.redo()
    assert len(draft.items("recipients")) == 2


@pytest.mark.parametrize(
    ("remove", "collection"),
    [("remove_signer", "signers"), ("remove_recipient", "recipients")],
)
def test_every_removal_can_be_undone(draft: Draft, remove: str, collection: str) -> None:
    before = draft.text()
    getattr(draft, remove)(0)
    assert draft.text() != before
    draft.undo()
    assert draft.text() == before


def test_questions_removed_moved_and_reports_removed_come_back(draft: Draft) -> None:
    before = draft.text()
    rows = draft.question_rows()
    draft.remove_question(rows[2][1])
    draft.move_question(draft.question_rows()[0][1], 1)
    draft.remove_report(0) if draft.report_entries() else None
    while draft.can_undo():
        draft.undo()
    assert draft.text() == before


def test_typing_in_one_field_is_one_undo_step(draft: Draft) -> None:
    before = draft.text()
    for i in range(1, 6):
        draft.set_field(("subject",), "IRS data" + "!" * i)
    assert len(draft.undo_stack) == 1
    draft.undo()
    assert draft.text() == before


def test_at_least_a_hundred_steps_are_kept(draft: Draft) -> None:
    first = draft.text()
    for i in range(150):
        draft.add_signer({"name": f"Senator {i}"})
    assert len(draft.undo_stack) >= 100
    for _ in range(150):
        draft.undo()
    # 200 steps are kept: all 150 come back.
    assert draft.text() == first


def test_bank_question_reworded_and_reset(draft: Draft) -> None:
    path = draft.insert_bank_question("system-access/access-list", {}, after=None)
    assert draft.get(path) == {"use": "system-access/access-list"}
    draft.set_field((*path, "text"), "Our own wording?")
    assert draft.get((*path, "text")) == "Our own wording?"
    assert draft.reset_bank_wording(path)
    assert "text" not in draft.get(path)


def test_pasted_numbered_list_becomes_questions_and_parts(draft: Draft) -> None:
    pasted = "1. Who approved it?\n2. When was access granted,\n   and by whom?\n(a) the date\n(b) the official\n3) What records exist?"
    found = parse_numbered(pasted)
    assert found == [
        ("Who approved it?", []),
        ("When was access granted, and by whom?", ["the date", "the official"]),
        ("What records exist?", []),
    ]
    count = len(draft.question_rows())
    paths = draft.add_questions(found)
    assert len(draft.question_rows()) == count + 3
    assert draft.get((*paths[1], "parts")) == ["the date", "the official"]
    draft.undo()
    assert len(draft.question_rows()) == count


@pytest.mark.parametrize(
    "text", ["Just a sentence.", "1. Only one item", "We ask:\n1. First\n2. Second"]
)
def test_text_that_is_not_a_numbered_list_is_not_split(text: str) -> None:
    assert parse_numbered(text) == []


def test_problems_name_fields_as_the_screen_does(tmp_path: Path) -> None:
    text = (
        "date: 2025-03-20\nrecipients:\n  - name: A B\n  - title: Secretary\n"
        "signers: [{name: X}]\nbody: Text.\n"
        "questions:\n  - One?\n  - heading: G\n    questions:\n      - Two?\n"
        "      - text: Three?\n        parts: [a, 'b [@gao-24-1]']\n"
    )
    lines = [describe(p, Draft(text).data) for p in check_text(text, tmp_path / "l.yaml").problems]
    assert lines == ["Recipient 2 › Name is empty"]
    text = text.replace("  - title: Secretary", "  - name: C D")
    lines = [describe(p, Draft(text).data) for p in check_text(text, tmp_path / "l.yaml").problems]
    assert lines == ["Question 3 (b): cites an unknown report 'gao-24-1'"]


def test_describe_reads_question_numbers_across_groups() -> None:
    data = {"questions": ["a", {"heading": "H", "questions": ["b", "c"]}, "d"]}
    problem = Problem("bad", path=("questions", 1, "questions", 1, "text"))
    assert describe(problem, data) == "Question 3: bad"
    assert describe(Problem("bad", path=("questions", 2)), data) == "Question 4: bad"


def test_the_preview_marks_its_estimated_page_breaks() -> None:
    # The estimate itself is compared with LibreOffice's pages in tests/test_pdf.py.
    path = REPO / "examples" / "irs-dhs-doge-letter.yaml"
    check = check_text(path.read_text(encoding="utf-8"), path)
    assert check.pages >= 2
    assert check.preview.count("(estimated break)") == check.pages - 1


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"\xff\xfe\x00not utf-8", "not UTF-8"),
        (b"# oversight recovery of: x\n# saved: now\nrecipients: [", "cut short"),
        (b"just some file\n", "not an oversight recovery file"),
    ],
)
def test_a_bad_recovery_file_is_set_aside_not_fatal(
    state_dir: Path, content: bytes, why: str
) -> None:
    folder = state_dir / "recovery"
    folder.mkdir(parents=True)
    (folder / "bad.yaml").write_bytes(content)
    good = write_recovery(None, "date: 2025-03-20\n")
    found, warnings = scan_recoveries()
    assert [r.file for r in found] == [good]
    assert len(warnings) == 1 and why in warnings[0]
    assert not (folder / "bad.yaml").exists()
    assert list((folder / "set-aside").iterdir())


def test_a_report_can_change_to_every_kind_and_back(draft: Draft) -> None:
    from oversight.citations import registry

    entry = draft.add_report({"title": "A report", "date": "2025-01-02"})
    for kind in registry.names():
        draft.set_report_kind(entry, kind)
        item = draft.report_entries()[entry]
        spec = registry.kind(kind)
        assert item["kind"] == kind
        assert set(item) <= {"id", "kind", "short", *spec.required, *spec.optional}
