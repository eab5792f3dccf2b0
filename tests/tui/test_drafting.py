"""Drafting a letter in the terminal UI, driven headless by Textual's Pilot."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import wait_for, wait_preview
from oversight.tui.app import OversightApp
from oversight.tui.screens.bank_search import BankSearch
from oversight.tui.screens.choice import Choice
from oversight.tui.screens.cite_picker import CitePicker
from oversight.tui.screens.directory import DirectoryPicker
from textual.widgets import Button, Input, OptionList, TextArea

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.asyncio


def document_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml").decode() + zf.read("word/footnotes.xml").decode()
    import re

    return re.sub(r"<[^>]+>", "", xml)


async def test_draft_a_letter_to_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    letter = tmp_path / "letter.yaml"
    app = OversightApp(letter, ask_start=False, debounce=0.05)
    async with app.run_test(size=(140, 44), notifications=True) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)

        # Recipients: replace the starter's with the IRS, address from the directory.
        await app.reveal("recipients")
        await pilot.pause()
        await pilot.click("#recipients-remove")
        await pilot.click("#recipients-add")
        await pilot.pause()
        app.query_one("#recipients-form #f-name", Input).focus()
        await pilot.press(*"Melanie Krause")
        app.query_one("#recipients-form #f-title", Input).focus()
        await pilot.press(*"Acting Commissioner")
        await pilot.press("ctrl+d")
        await wait_for(pilot, lambda: isinstance(app.screen, DirectoryPicker))
        await pilot.press(*"irs", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, DirectoryPicker))
        await pilot.pause()

        # A report, then the body citing it through ctrl+k.
        await app.reveal("reports")
        await pilot.pause()
        await pilot.click("#reports-add")
        await pilot.pause()
        form = "#reports-form"
        for key, value in {
            "id": "wapo-irs",
            "title": "IRS rejects DHS request",
            "publication": "The Washington Post",
            "date": "2025-02-28",
        }.items():
            field = app.query_one(f"{form} #f-{key}", Input)
            field.value = value
            await pilot.pause()
        await app.reveal("body")
        await pilot.pause()
        body = app.query_one("#body-form #f-body", TextArea)
        body.load_text("DHS asked the IRS for the addresses of 700,000 people.")
        body.focus()
        body.move_cursor(body.document.end)
        await pilot.press("ctrl+k")
        await wait_for(pilot, lambda: isinstance(app.screen, CitePicker))
        await pilot.press("down", "enter")  # the starter's report first, then ours
        await wait_for(pilot, lambda: "[@wapo-irs]" in body.text)

        # Questions: a bank question with its parameter.
        await app.reveal("questions")
        await pilot.pause()
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, BankSearch))
        await pilot.press(*"how many requests for returns")
        await pilot.pause(0.2)
        app.screen.query_one("#results").focus()
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, BankSearch)
        await wait_for(pilot, lambda: screen.param_field("since") is not None)
        since = screen.param_field("since")
        assert since is not None and since.display
        since.value = "2025-01-20"
        await pilot.click("#insert")
        await wait_for(pilot, lambda: not isinstance(app.screen, BankSearch))

        # Signer.
        await app.reveal("signers")
        await pilot.pause()
        name = app.query_one("#signers-form #f-name", Input)
        name.value = "Ron Wyden"
        await pilot.pause()

        await wait_preview(pilot, app)
        preview = app.query_one("#preview").text
        assert "Dear Acting Commissioner Krause" in preview
        assert "700,000 people.¹" in preview  # the citation became footnote 1
        assert "since January 20, 2025" in preview
        assert "Ron Wyden" in preview

        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: letter.exists())
        await pilot.press("ctrl+e")
        docx = tmp_path / "letter.docx"
        await wait_for(pilot, lambda: docx.exists())
        assert not app.draft.dirty

    text = document_text(docx)
    assert "Melanie Krause" in text and "1111 Constitution Avenue NW" in text
    assert "IRS rejects DHS request" in text and "The Washington Post" in text
    assert "since January 20, 2025" in text
    # The .docx the TUI exports is the one `oversight render` makes of the saved YAML.
    from oversight.letters.prepare import load_letter
    from oversight.render import docx_bytes

    assert docx.read_bytes() == docx_bytes(load_letter(letter))


async def test_saving_keeps_a_hand_written_files_comments(tmp_path: Path) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    letter = tmp_path / "examples" / "irs-dhs-doge-letter.yaml"
    before = letter.read_text(encoding="utf-8")
    app = OversightApp(letter, ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        await app.reveal("signers")
        await pilot.pause()
        app.query_one("#signers-form #f-name", Input).value = "Catherine M. Cortez Masto"
        await wait_preview(pilot, app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not app.draft.dirty)
    after = letter.read_text(encoding="utf-8")
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]
    assert changed == [("  - name: Catherine Cortez Masto", "  - name: Catherine M. Cortez Masto")]


async def test_problems_appear_as_typed_and_take_you_to_the_field(tmp_path: Path) -> None:
    letter = tmp_path / "letter.yaml"
    app = OversightApp(letter, ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        await app.reveal("recipients")
        await pilot.pause()
        app.query_one("#recipients-form #f-name", Input).value = ""
        await wait_preview(pilot, app)
        problems = app.query_one("#problems")
        assert "Recipient 1 › Name is empty" in str(problems.get_option_at_index(0).prompt)
        await app.reveal("details")
        await pilot.pause()
        problems.focus()
        problems.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#editor").current == "recipients"
        assert app.focused is app.query_one("#recipients-form #f-name")


async def test_quitting_with_unsaved_changes_asks_first(tmp_path: Path) -> None:
    letter = tmp_path / "letter.yaml"
    app = OversightApp(letter, ask_start=False, debounce=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        await app.reveal("signers")
        await pilot.pause()
        app.query_one("#signers-form #f-name", Input).value = "Someone Else"
        await pilot.pause()
        await pilot.press("ctrl+q")
        await wait_for(
            pilot, lambda: isinstance(app.screen, Choice) and bool(app.screen.query("#cancel"))
        )
        app.screen.query_one("#cancel", Button).press()
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.draft.dirty
        await pilot.press("ctrl+q")
        await wait_for(
            pilot, lambda: isinstance(app.screen, Choice) and bool(app.screen.query("#save"))
        )
        app.screen.query_one("#save", Button).press()
        await pilot.pause()
        await wait_for(pilot, lambda: letter.exists())
    assert "Someone Else" in letter.read_text(encoding="utf-8")


async def test_a_file_changed_on_disk_is_not_silently_overwritten(tmp_path: Path) -> None:
    letter = tmp_path / "letter.yaml"
    shutil.copy(REPO / "oversight" / "data" / "starter.yaml", letter)
    app = OversightApp(letter, ask_start=False, debounce=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        letter.write_text(
            letter.read_text(encoding="utf-8") + "# edited by a colleague\n", encoding="utf-8"
        )
        await app.reveal("signers")
        await pilot.pause()
        app.query_one("#signers-form #f-name", Input).value = "Mine"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, Choice))
        assert "changed on disk" in str(app.screen.message)
        app.screen.query_one("#cancel", Button).press()
        await pilot.pause()
        await pilot.pause()
    assert "# edited by a colleague" in letter.read_text(encoding="utf-8")
    assert "Mine" not in letter.read_text(encoding="utf-8")


async def test_text_in_square_brackets_shows_as_typed(tmp_path: Path) -> None:
    """Letter text is never read as Textual markup: "[sic]" and a "[hereinafter ...]" short form
    stay on screen in the preview, the question list and the problems list."""
    letter = tmp_path / "letter.yaml"
    letter.write_text(
        "date: 2025-03-20\n"
        "recipients:\n  - name: Jane Doe\n    title: Secretary\n"
        "signers:\n  - name: John Q. Senator\n"
        "body: |\n  The agency said it had [sic] no records [hereinafter the Reply].\n"
        "questions:\n  - Who approved it? [b]Name them[/b].\n",
        encoding="utf-8",
    )
    app = OversightApp(letter, ask_start=False, debounce=0.05)
    async with app.run_test(size=(140, 44)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        shown = app.query_one("#preview").shown()
        assert "had [sic] no records [hereinafter the Reply]." in shown
        assert "[b]Name them[/b]" in shown
        await app.reveal("questions")
        await pilot.pause()
        rows = app.query_one("#questions-list", OptionList)
        assert "[b]Name them[/b]" in str(rows.get_option_at_index(0).prompt)
        await app.reveal("body")
        await pilot.pause()
        app.query_one("#body-form #f-body", TextArea).text = "We cite [@nope] here."
        await wait_preview(pilot, app)
        problems = app.query_one("#problems")
        assert str(problems.get_option_at_index(0).prompt) == "Body: cites an unknown report 'nope'"
        assert "[@nope]" in app.export_screenshot()  # the field shows the marker as typed


async def test_preview_shrinking_then_growing_at_once_shows_all_of_it(tmp_path: Path) -> None:
    """A paragraph deleted and put back within one frame: every line is on screen again."""
    app = OversightApp(tmp_path / "letter.yaml", ask_start=False, debounce=0.05)
    async with app.run_test(size=(140, 44)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        preview = app.query_one("#preview")
        long_text = "\n".join(f"line {i}" for i in range(60))
        preview.show(long_text)
        preview.show("short")
        preview.show(long_text)
        await pilot.pause()
        assert preview.shown() == long_text
        assert sum(1 for _ in preview.children) >= 4
        await pilot.pause(0.1)
        rendered = [str(w.render()) for w in preview.children]
        assert "\n".join(rendered) == long_text


async def test_saving_a_new_letter_offers_a_name_from_its_subject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A letter started without a file: ctrl+s asks for a name, made from the subject, and
    writes the letter there (relative to the folder the app was started in)."""
    monkeypatch.chdir(tmp_path)
    app = OversightApp(None, ask_start=False, debounce=0.05)
    async with app.run_test(size=(140, 44)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        await app.reveal("details")
        await pilot.pause()
        app.query_one("#details-form #f-subject", Input).focus()
        await pilot.press(*"OPM retirement records")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen.query("#path"))
        assert app.screen.query_one("#path", Input).value == "opm-retirement-records.yaml"
        await pilot.press("enter")
        saved = tmp_path / "opm-retirement-records.yaml"
        await wait_for(pilot, lambda: saved.is_file())
        assert "subject: OPM retirement records" in saved.read_text(encoding="utf-8")


@pytest.mark.not_a_docx("old.docx", reason="written by python-docx: what is imported")
async def test_the_start_screen_imports_a_word_letter_and_opens_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, state_dir: Path
) -> None:
    """Start screen → Import a Word letter → its path: the letter file is written beside it and
    opened, and a notification says what came back."""
    import docx

    monkeypatch.chdir(tmp_path)
    d = docx.Document()
    for line in [
        "April 3, 2025", "", "The Honorable Jane Doe", "Secretary", "", "Dear Secretary Doe:",
        "", "We write about records.", "", "(1) How many records were shared?",
        "(2) Who approved it?", "", "Sincerely,", "", "John Q. Senator",
    ]:  # fmt: skip
        d.add_paragraph(line)
    d.save(str(tmp_path / "old.docx"))
    app = OversightApp(None, debounce=0.05)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: app.screen.query("#start-options"))
        start = app.screen.query_one("#start-options", OptionList)
        start.highlighted = next(
            i for i in range(start.option_count) if start.get_option_at_index(i).id == "import"
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.query("#path"))
        app.screen.query_one("#path", Input).value = "old.docx"
        await pilot.press("enter")
        target = tmp_path / "old.yaml"
        await wait_for(
            pilot,
            lambda: app.draft.path is not None and app.draft.path.resolve() == target,
            timeout=20,
        )
        assert target.is_file()
        assert app.draft.get(("questions", 1)) == "Who approved it?"
        assert any("Imported old.docx" in str(n.message) for n in app._notifications)
        assert not app.draft.dirty, "just written: not 'unsaved' for its own indentation"
        assert "unsaved" not in app.title + app.sub_title
        await wait_preview(pilot, app)
        assert "(2) Who approved it?" in app.query_one("#preview").text  # type: ignore[attr-defined]
