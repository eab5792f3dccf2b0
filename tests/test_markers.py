"""Citation markers are found by one rule: a bank question and a letter with the same text cite
the same things, and say the same about a marker that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MINIMAL, write_text
from hypothesis import given, settings
from hypothesis import strategies as st

from oversight.citations import markers
from oversight.cli.main import main
from oversight.render.text import parse_inline


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No office configuration or OVERSIGHT_BANKS from the machine; work in tmp_path."""
    from oversight.config import office_config

    monkeypatch.setenv("OVERSIGHT_CONFIG", str(tmp_path / "no-config.yaml"))
    monkeypatch.delenv("OVERSIGHT_BANKS", raising=False)
    monkeypatch.chdir(tmp_path)
    office_config.cache_clear()


KNOWN = '{id: known, kind: statute, title: "5", code: U.S.C., section: "552a"}'

# (question text, whether it is an error) — the same answer from `bank check` and `validate`.
CASES = [
    ("Which rule applies?[@known]", False),
    ("Write to [the FOIA office, foia@agency.gov] for the records.", False),
    ("Send the list [to foia@agency.gov; see @known].", True),
    ("Which rule applies?[@nope]", True),
    ("Which rule applies?[@Known]", True),
    ("Which rule applies?[See @known, at 5 (describing it]", True),
    ("Which rule applies?[@known @known]", True),
    ("Which rule applies? \\[@nope] is text.", False),
    ("Which rule applies? `[@nope]` is code.", False),
    ("Which rule applies? See [the rule](https://example.gov/[@nope]).", False),
]


def bank_says(tmp_path: Path, text: str) -> int:
    write_text(
        tmp_path / "bank.yaml",
        f"bank: b\ntitle: B\nreports:\n  - {KNOWN}\nquestions:\n"
        f"  - id: q\n    text: |-\n      {text}\n",
    )
    return main(["bank", "check", "bank.yaml"])


def letter_says(tmp_path: Path, text: str) -> int:
    write_text(
        tmp_path / "letter.yaml",
        MINIMAL + f"reports:\n  - {KNOWN}\nquestions:\n  - |-\n    {text}\n",
    )
    return main(["validate", "letter.yaml"])


@pytest.mark.parametrize(("text", "error"), CASES)
def test_a_bank_question_and_a_letter_agree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, error: bool
) -> None:
    bank = bank_says(tmp_path, text)
    bank_err = capsys.readouterr().err
    letter = letter_says(tmp_path, text)
    letter_err = capsys.readouterr().err
    assert (bank, letter) == ((1, 1) if error else (0, 0)), (bank_err, letter_err)


def test_an_address_in_brackets_is_text_for_the_bank_commands() -> None:
    text = "Send it [to foia@agency.gov] by Friday [@known]."
    assert markers.citations_in(text) == [("known", None)]
    assert markers.without_markers(text) == "Send it [to foia@agency.gov] by Friday."
    assert markers.sub(text, "[1]") == "Send it [to foia@agency.gov] by Friday [1]."


def test_a_marker_that_cannot_be_read_is_named_with_the_reason() -> None:
    assert markers.citations_in("See [@WaPo-1] and [@a; @b].") == [
        (None, "the citation [@WaPo-1] cannot be read: report ids are lowercase: write @wapo-1"),
        ("a", None),
        ("b", None),
    ]


_PIECES = st.sampled_from(
    [*"[]()@\\`<> ;:ab.\n\"'", "@a", "[@a]", "x@y.z", "](", "``", "[a](", "<a@b.c>", "<http://x>"]
)


@settings(max_examples=300)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_markers_are_what_the_letter_markdown_finds(text: str) -> None:
    """Escapes, code spans, autolinks and links are read as Markdown reads them."""
    found = [m.content for m in markers.find(text)]
    assert found == [t.content for t in parse_inline(text) if t.type == "citation"]
