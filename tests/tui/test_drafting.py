"""Drafting a letter in the terminal UI, driven headless by Textual's Pilot."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import wait_for, wait_preview
from oversight.tui.app import OversightApp
from oversight.tui.screens import BankSearch, Choice, CitePicker
from textual.widgets import Button, Input, Select, TextArea

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
        app.show_section("recipients")
        await pilot.pause()
        await pilot.click("#recipients-remove")
        await pilot.click("#recipients-add")
        await pilot.pause()
        app.query_one("#recipients-form #f-name", Input).focus()
        await pilot.press(*"Melanie Krause")
        app.query_one("#recipients-form #f-title", Input).focus()
        await pilot.press(*"Acting Commissioner")
        select = app.query_one("#directory", Select)
        select.value = (
            next(
                i
                for i, (label, _v) in enumerate(select._options)
                if "Internal Revenue" in str(label)
            )
            - 1
        )
        await pilot.pause()

        # A report, then the body citing it through ctrl+k.
        app.show_section("reports")
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
        app.show_section("body")
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
        app.show_section("questions")
        await pilot.pause()
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, BankSearch))
        await pilot.press(*"how many requests for returns")
        await pilot.pause(0.2)
        app.screen.query_one("#results").focus()
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: any(i.name == "since" for i in app.screen.query("#params Input"))
        )
        next(
            i for i in app.screen.query("#params Input").results(Input) if i.name == "since"
        ).value = "2025-01-20"
        await pilot.click("#insert")
        await wait_for(pilot, lambda: not isinstance(app.screen, BankSearch))

        # Signer.
        app.show_section("signers")
        await pilot.pause()
        name = app.query_one("#signers-form #f-name", Input)
        name.value = "Ron Wyden"
        await pilot.pause()

        await wait_preview(pilot, app)
        preview = str(app.query_one("#preview").content)
        assert "Dear Acting Commissioner Krause" in preview
        assert "700,000 people.¹" in preview or "700,000 people." in preview
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
    from oversight.letter import load_letter
    from oversight.render import docx_bytes

    assert docx.read_bytes() == docx_bytes(load_letter(letter))


async def test_saving_keeps_a_hand_written_files_comments(tmp_path: Path) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    letter = tmp_path / "examples" / "irs-dhs-doge-letter.yaml"
    before = letter.read_text(encoding="utf-8")
    app = OversightApp(letter, ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        app.show_section("signers")
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
        app.show_section("recipients")
        await pilot.pause()
        app.query_one("#recipients-form #f-name", Input).value = ""
        await wait_preview(pilot, app)
        problems = app.query_one("#problems")
        assert "recipients[0]: missing 'name'" in str(problems.get_option_at_index(0).prompt)
        app.show_section("details")
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
        app.show_section("signers")
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
        app.show_section("signers")
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
