"""The TUI as a hurried staffer uses it: fast keys, undo, paste, every report kind, the
directory, and what happens when something still goes wrong."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import wait_for, wait_preview
from oversight.tui.app import OversightApp, is_shown
from oversight.tui.screens.directory import DirectoryPicker
from textual import events
from textual.command import CommandPalette
from textual.widgets import Input, Label, OptionList, Select, TextArea

from oversight.citations import registry

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.asyncio


async def test_reports_of_the_gao_letter_open_and_every_kind_can_be_chosen(examples: Path) -> None:
    app = OversightApp(examples / "gao-request-single.yaml", ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        await app.reveal("reports")
        await pilot.pause()
        assert await pilot.click("#reports-add")
        await pilot.pause()
        section = app.section("reports")
        assert section is not None
        select = app.query_one("#report-kind", Select)
        for kind in [*registry.names(), "news"]:
            select.value = kind
            await pilot.pause()
            entry = app.draft.report_entries()[section.index]  # type: ignore[attr-defined]
            assert entry["kind"] == kind
            shown = [w.id for w in app.query("#reports-form Input") if w.display]
            assert set(shown) >= {f"f-{f}" for f in registry.kind(kind).required}
            # On screen, and for Tab, in the kind's own order: its required fields first.
            keys = ["id", *(f.name for f in registry.kind(kind).fields_in_order()), "short"]
            assert shown == [f"f-{k}" for k in keys], kind
            first_required = registry.kind(kind).required[0]
            field = app.query_one(f"#reports-form #f-{first_required}", Input)
            field.value = f"{kind} value"
            await pilot.pause()
            assert app.draft.report_entries()[section.index][first_required] == f"{kind} value"  # type: ignore[attr-defined]
        assert app._exception is None


async def test_a_journal_article_is_chosen_filled_in_and_cited(examples: Path) -> None:
    """A kind added to the registry reaches the form: its fields, its labels, its citation."""
    app = OversightApp(examples / "gao-request-single.yaml", ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        await app.reveal("reports")
        await pilot.pause()
        assert await pilot.click("#reports-add")
        await pilot.pause()
        select = app.query_one("#report-kind", Select)
        assert ("article — journal or magazine article", "article") in [
            (str(prompt), value)
            for prompt, value in select._options  # type: ignore[attr-defined]
        ]
        select.value = "article"
        await pilot.pause()
        shown = {w.id for w in app.query("#reports-form Input") if w.display}
        assert {"f-title", "f-publication", "f-date", "f-volume", "f-page", "f-author"} <= shown
        assert "f-case" not in shown
        label = app.query_one("#reports-form .label-publication", Label)
        assert str(label.render()) == "journal or magazine *"
        for key, value in {
            "id": "doe-privacy",
            "title": "Taxpayer Privacy and the Unitary Executive",
            "publication": "Admin. L. Rev.",
            "date": "2025",
            "volume": "77",
            "page": "345",
            "author": "Jane Doe; Sam Roe",
        }.items():
            app.query_one(f"#reports-form #f-{key}", Input).value = value
            await pilot.pause()
        section = app.section("reports")
        entry = app.draft.report_entries()[section.index]  # type: ignore[union-attr]
        assert entry["kind"] == "article" and entry["author"] == ["Jane Doe", "Sam Roe"]
        await app.reveal("body")
        await pilot.pause()
        body = app.query_one("#body-form #f-body", TextArea)
        body.load_text("Scholars doubt the theory.[See @doe-privacy, 350]")
        await wait_preview(pilot, app)
        preview = app.query_one("#preview").text  # type: ignore[attr-defined]
        assert "77 Admin. L. Rev. 345, 350 (2025)." in preview
        assert app._exception is None


async def test_two_quick_downs_in_the_sections_list_settle(examples: Path) -> None:
    app = OversightApp(examples / "irs-dhs-doge-letter.yaml", ask_start=False, debounce=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        app.query_one("#nav").focus()
        for _ in range(3):  # held: keys posted together, no pause between them
            for key in ("down", "down", "up"):
                app.post_message(events.Key(key, None))
            await pilot.pause()
        await wait_for(pilot, lambda: app.current_section == "questions")
        await pilot.pause(0.3)  # and it stays there: nothing chases the highlight
        assert app.query_one("#nav").highlighted == 3  # type: ignore[attr-defined]
        assert app.current_section == "questions"
        for _ in range(30):  # a held key comes to rest at the end of the list
            app.post_message(events.Key("down", None))
        await wait_for(pilot, lambda: app.current_section == "signers")
        await pilot.pause(0.3)
        assert app.current_section == "signers"


async def test_palette_twice_quickly_opens_it_once(examples: Path) -> None:
    app = OversightApp(examples / "irs-dhs-doge-letter.yaml", ask_start=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        app.post_message(events.Key("ctrl+p", None))
        app.post_message(events.Key("ctrl+p", None))
        await pilot.pause()
        await pilot.pause()
        assert sum(isinstance(s, CommandPalette) for s in app.screen_stack) == 1
        await pilot.press(*"go to signers", "enter")
        await wait_for(pilot, lambda: app.current_section == "signers")
        await pilot.pause()
        # The keyboard is in the section shown, and typing edits what is on screen.
        assert app.focused is not None and is_shown(app.focused)
        assert app.focused in app.section("signers").query("*")  # type: ignore[union-attr]


async def test_keys_never_land_in_a_hidden_field(examples: Path) -> None:
    app = OversightApp(examples / "irs-dhs-doge-letter.yaml", ask_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        await app.reveal("signers")
        remove = app.query_one("#signers-remove")
        remove.focus()
        await pilot.pause()
        # The section is hidden while the button has the keyboard (as "Go to" once left it).
        app.query_one("#editor").current = "details"  # type: ignore[attr-defined]
        await pilot.pause()
        signers = len(app.draft.items("signers"))
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.draft.items("signers")) == signers
        assert app.focused is not None and is_shown(app.focused)


async def test_remove_says_what_and_undo_restores_it_exactly(examples: Path) -> None:
    letter = examples / "irs-dhs-doge-letter.yaml"
    app = OversightApp(letter, ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        before = app.draft.text()
        await app.reveal("signers")
        await pilot.pause()
        assert await pilot.click("#signers-remove")
        await wait_for(
            pilot, lambda: any("Removed signer 1" in str(n.message) for n in app._notifications)
        )
        assert app.draft.text() != before
        await app.reveal("details")
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: app.draft.text() == before)
        assert app.current_section == "signers"  # undo shows what it put back
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: app.draft.text() != before)


async def test_delete_and_alt_arrows_on_a_list_remove_and_move_but_not_in_a_field(
    examples: Path,
) -> None:
    app = OversightApp(examples / "irs-dhs-doge-letter.yaml", ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        names = [s["name"] for s in app.draft.items("signers")]
        await app.reveal("signers")
        await pilot.pause()
        name = app.query_one("#signers-form").field("name")  # type: ignore[attr-defined]
        name.focus()
        await pilot.press("home", "delete")  # in a field, Delete deletes a character
        await pilot.pause()
        assert len(app.draft.items("signers")) == len(names)
        assert app.draft.items("signers")[0]["name"] == names[0][1:]
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: app.draft.items("signers")[0]["name"] == names[0])
        app.query_one("#signers-list").focus()
        await pilot.press("alt+down")
        await wait_for(
            pilot, lambda: [s["name"] for s in app.draft.items("signers")][:2] == names[1::-1]
        )
        await pilot.press("delete")
        await wait_for(pilot, lambda: len(app.draft.items("signers")) == len(names) - 1)
        assert any("ctrl+z puts it back" in str(n.message) for n in app._notifications)
        assert app.focused is app.query_one("#signers-list")
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: len(app.draft.items("signers")) == len(names))
        app.query_one("#signers-list").focus()
        await pilot.press("insert")  # a new signer, its name field ready for typing
        await wait_for(pilot, lambda: len(app.draft.items("signers")) == len(names) + 1)
        await wait_for(pilot, lambda: app.focused is name)


async def test_the_questions_list_edits_paragraphs_intros_restarts_and_styles(
    examples: Path,
) -> None:
    """Every item the two-lists letter has can be edited on screen, and numbers as it prints."""
    letter = examples / "two-lists-prose.yaml"
    app = OversightApp(letter, ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        await app.reveal("questions")
        await pilot.pause()
        section = app.query_one("#questions")
        labels = section.labels()  # type: ignore[attr-defined]
        assert labels[0].startswith("¶ Please provide the following documents")
        numbers = [label.split(".")[0] for label in labels if label[:1].isdigit()]
        assert numbers == ["1", "2", "3", "1", "2", "3", "4"], labels  # the restart at 1
        # The group: its introduction and label styles are fields of the heading's form.
        heading = next(i for i, label in enumerate(labels) if label.startswith("▌"))
        section.select(heading)  # type: ignore[attr-defined]
        await pilot.pause()
        intro = app.query_one("#h-form #f-intro", TextArea)
        assert intro.display and "interim payments" in intro.text
        intro.focus()
        await pilot.press("end", *"Some waited two.")
        await wait_for(pilot, lambda: "two." in str(app.draft.get(("questions", 7, "intro"))))
        # A paragraph between questions: added with its button, typed, numbering unchanged.
        section.select(0)  # type: ignore[attr-defined]
        await pilot.pause()
        assert await pilot.click("#questions-paragraph")
        await pilot.pause()
        await pilot.press(*"Also:")
        await wait_for(pilot, lambda: app.draft.get(("questions", 1, "paragraph")) == "Also:")
        # A plain-text question restarted at 5 becomes a mapping that keeps its words.
        rows = app.draft.question_rows()
        plain = next(i for i, (kind, p) in enumerate(rows) if isinstance(app.draft.get(p), str))
        section.select(plain)  # type: ignore[attr-defined]
        await pilot.pause()
        start = app.query_one("#q-form #f-start", Input)
        start.focus()
        await pilot.press("5")
        path = rows[plain][1]
        await wait_for(pilot, lambda: app.draft.get((*path, "start")) == 5)
        assert app.draft.get((*path, "text"))
        await wait_preview(pilot, app)
        assert app.last_check.ok, app.last_check.problems
        preview = app.query_one("#preview").text  # type: ignore[attr-defined]
        assert "Also:" in preview and "Some waited two." in preview


async def test_tab_from_the_sections_list_goes_to_the_list_and_labels_print_brackets(
    examples: Path,
) -> None:
    """Tab, like Enter, goes into the section shown: to its list, where the arrows choose (not
    to the Add button, where Enter would add). A label prints "[bank]" and "[@id]" as typed."""
    app = OversightApp(examples / "irs-dhs-doge-letter.yaml", ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        assert app.focused is app.query_one("#nav")
        await pilot.press("down", "down", "down")
        await wait_for(pilot, lambda: app.current_section == "questions")
        await pilot.press("tab")
        questions = app.query_one("#questions-list", OptionList)
        await wait_for(pilot, lambda: app.focused is questions)
        await pilot.press("down", "down")
        await wait_for(pilot, lambda: questions.highlighted == 2)
        first = str(questions.get_option_at_index(0).prompt)
        assert "[bank] irs-data-sharing/requests-received" in first


async def test_pasting_a_numbered_list_makes_questions(examples: Path) -> None:
    app = OversightApp(examples / "gao-request-single.yaml", ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        await app.reveal("questions")
        count = len(app.draft.question_rows())
        app.query_one("#questions-list").focus()
        app.post_message(
            events.Paste("1. First pasted?\n2. Second pasted?\n(a) part one\n(b) part two")
        )
        await pilot.pause()
        await wait_for(pilot, lambda: len(app.draft.question_rows()) == count + 2)
        await wait_preview(pilot, app)
        preview = app.query_one("#preview").text  # type: ignore[attr-defined]
        assert "First pasted?" in preview and "part two" in preview


async def test_a_multi_line_paste_into_a_one_line_field_keeps_every_line(examples: Path) -> None:
    app = OversightApp(examples / "gao-request-single.yaml", ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        await app.reveal("body")
        contact = app.query_one("#body-form #f-contact", Input)
        contact.value = ""
        contact.focus()
        await pilot.pause()
        app.post_message(events.Paste("Please contact Jane Doe\nat 202-224-0000."))
        await pilot.pause()
        await pilot.pause()
        assert contact.value == "Please contact Jane Doe at 202-224-0000."
        body = app.query_one("#body-form #f-body", TextArea)
        body.focus()
        body.load_text("")
        app.post_message(events.Paste("First line.\n\nSecond paragraph."))
        await pilot.pause()
        await pilot.pause()
        assert body.text == "First line.\n\nSecond paragraph."


async def test_directory_fills_a_recipient_and_search_starts_empty(examples: Path) -> None:
    app = OversightApp(examples / "gao-request-single.yaml", ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        await app.reveal("recipients")
        for query in ("tigta", "gao"):
            await pilot.press("ctrl+d")
            await wait_for(pilot, lambda: isinstance(app.screen, DirectoryPicker))
            assert app.screen.query_one("#dir-query", Input).value == ""
            assert app.screen.focused is app.screen.query_one("#dir-query")
            await pilot.press(*query, "enter")
            await wait_for(pilot, lambda: not isinstance(app.screen, DirectoryPicker))
        recipient = app.draft.get(("recipients", 0))
        assert "Accountability" in recipient["agency"]
        assert recipient["address"]


CRASHER = """
import sys
from pathlib import Path
from oversight.tui.app import run, OversightApp

async def boom(self):
    self.draft.set_field(("subject",), "typed before the crash")
    raise RuntimeError("boom")

OversightApp.action_help = boom
OversightApp.on_ready = lambda self: self.call_after_refresh(self.run_action, "help")
sys.exit(run(Path(sys.argv[1])))
"""


@pytest.mark.filterwarnings("ignore::pytest.PytestWarning")
def test_an_escaping_exception_saves_the_draft_and_says_where(tmp_path: Path) -> None:
    letter = tmp_path / "letter.yaml"
    shutil.copy(REPO / "examples" / "gao-request-single.yaml", letter)
    state = tmp_path / "state"
    env = {**os.environ, "OVERSIGHT_STATE_DIR": str(state), "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    script = tmp_path / "crash.py"
    script.write_text(CRASHER, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script), str(letter)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 70
    last = proc.stderr.strip().splitlines()[-1]
    assert "internal error (RuntimeError)" in last
    assert "Traceback" not in proc.stderr
    recovery = next((state / "recovery").glob("*.yaml"))
    assert "typed before the crash" in recovery.read_text(encoding="utf-8")
    assert str(recovery) in last
    log = next((state / "crash").glob("*.log"))
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8") and str(log) in last


async def test_a_staffer_adds_an_agency_to_the_directory(
    examples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OVERSIGHT_CONFIG", str(tmp_path / "config" / "config.yaml"))
    from oversight.directory import load_directory

    app = OversightApp(examples / "gao-request-single.yaml", ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        await app.reveal("recipients")
        await pilot.pause()
        app.query_one("#recipients-form #f-agency", Input).value = "Office of Widget Oversight"
        app.query_one("#recipients-form #f-address", TextArea).load_text(
            "1 Widget Way\nWashington, DC 20001"
        )
        await pilot.pause()
        app.action_save_to_directory()
        await pilot.pause()
    found = load_directory().search("widget")
    assert found and found[0].agency == "Office of Widget Oversight"
    assert found[0].address == ("1 Widget Way", "Washington, DC 20001") and found[0].user


async def test_opening_reports_changes_nothing(examples: Path) -> None:
    """The kind selector's first value (news) must not be written into an entry of another kind
    when the section opens."""
    letter = examples / "committee-grouped.yaml"
    app = OversightApp(letter, ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        before = app.draft.text()
        assert any(e.get("kind") != "news" for e in app.draft.report_entries())
        for _ in range(3):
            await app.reveal("reports")
            await pilot.pause()
            await app.reveal("body")
            await pilot.pause()
        assert app.draft.text() == before and not app.draft.dirty


async def test_deadline_typed_as_days_or_a_date(examples: Path) -> None:
    app = OversightApp(examples / "gao-request-single.yaml", ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        field = app.query_one("#details-form #f-deadline", Input)
        for typed, stored in [
            ("21 days", {"days": 21}),
            ("10", {"days": 10}),
            ("2025-05-01", __import__("datetime").date(2025, 5, 1)),
        ]:
            field.value = typed
            await pilot.pause()
            assert app.draft.get(("deadline",)) == stored
        await wait_preview(pilot, app)
        assert "May 1, 2025" in app.query_one("#preview").text  # type: ignore[attr-defined]
        field.value = ""
        await pilot.pause()
        assert app.draft.get(("deadline",)) is None


async def test_a_fast_typist_tabbing_between_fields(examples: Path) -> None:
    """Keys typed right after Tab go to the next field, not the one just left."""
    app = OversightApp(examples / "gao-request-single.yaml", ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        subject = app.query_one("#details-form #f-subject", Input)
        subject.value = ""
        subject.focus()
        await pilot.pause()
        keys = [*"IRS data", "tab", "ctrl+u", *"21 days", "shift+tab", "end", *" access"]
        for key in keys:  # a burst: posted before the app handles any of them
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        deadline = app.query_one("#details-form #f-deadline", Input)
        await wait_for(pilot, lambda: subject.value == "IRS data access", timeout=5)
        assert deadline.value == "21 days"


async def test_corrections_in_a_burst_apply_in_order(examples: Path) -> None:
    """ "abc", backspace, "d" in one read is "abd" (Textual ran the backspace after the "d")."""
    app = OversightApp(examples / "gao-request-single.yaml", ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        await app.reveal("body")
        await pilot.pause()
        contact = app.query_one("#body-form #f-contact", Input)
        body = app.query_one("#body-form #f-body", TextArea)
        for field in (contact, body):
            field.focus()
            await pilot.pause()
            for key in [
                "ctrl+a" if field is body else "ctrl+u",
                "home",
                *"abc",
                "backspace",
                "d",
                "left",
                "left",
                "x",
            ]:
                app.post_message(events.Key(key, key if len(key) == 1 else None))
            await pilot.pause(0.3)
        assert contact.value.startswith("axbd")
        assert body.text.startswith("axbd")


async def test_the_letters_own_options_are_fields_and_none_means_none(examples: Path) -> None:
    """Lead-in, closing, label styles and signature columns are edited on screen; 'none'
    writes false; a wrong value is a problem in the words on screen."""
    app = OversightApp(examples / "irs-dhs-doge-letter.yaml", ask_start=False, debounce=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.preview_version > 0)
        await app.reveal("body")
        await pilot.pause()
        lead_in = app.query_one("#body-form #f-lead_in", Input)
        lead_in.value = "none"
        await wait_for(pilot, lambda: app.draft.get(("lead_in",)) is False)
        await app.reveal("details")
        await pilot.pause()
        app.query_one("#details-form #f-closing", Input).value = "none"
        app.query_one("#details-form #f-options-question_style", Input).value = "(1)"
        app.query_one("#details-form #f-options-signature_columns", Input).value = "1"
        await wait_for(pilot, lambda: app.draft.get(("options", "signature_columns")) == 1)
        assert app.draft.get(("closing",)) is False
        assert app.draft.get(("options", "question_style")) == "(1)"
        await wait_preview(pilot, app)
        preview = app.query_one("#preview").text  # type: ignore[attr-defined]
        assert "(1) " in preview and "Sincerely" not in preview
        assert "To help us understand" not in preview  # the example's own lead-in, now none
        app.query_one("#details-form #f-options-signature_columns", Input).value = "4"
        await wait_for(
            pilot, lambda: not app.last_check.ok and app.checked_version == app.draft.version
        )
        problems = app.query_one("#problems", OptionList)
        assert str(problems.get_option_at_index(0).prompt).startswith("Letter › Signature columns")
        app.query_one("#details-form #f-options-signature_columns", Input).value = ""
        await wait_for(pilot, lambda: app.draft.get(("options", "signature_columns")) is None)
        assert app.draft.get(("options", "question_style")) == "(1)", "the rest of options stays"
