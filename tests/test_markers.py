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
    # What tries to cite and fails is an error, never text printed with its brackets.
    ("Which rule applies?[See known]", True),
    ("Which rule applies?[see also known-2, at 5]", True),
    ("Which rule applies?[]", True),
    ("Which rule applies?[@]", True),
    ("Which rule applies?[@known", True),
    ("Which rule applies?[See @known, at 5 and more text", True),
    ("Which rule applies?[@known [@known]", True),
    # Brackets in a letter's own text stay text.
    ('The agency said it "lost [sic] the file."', False),
    ('"[T]he records were destroyed" [emphasis added].', False),
    ('"[The Department] will comply."', False),
    ("The name was [Redacted].", False),
    ("The agencies [e.g., IRS and SSA] shared data.", False),
    ("Ask [see the enclosed list] for details.", False),
    ("See [the rule](https://example.gov/rule) and [](https://example.gov).", False),
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


@pytest.mark.parametrize(
    ("content", "attempt"),
    [
        ("@a", True),
        ("See @a, at 5", True),
        ("@", True),
        ("", True),
        ("  ", True),
        ("See id", True),
        ("See wapo-1", True),
        ("see also gao-25-107000, at 5 (finding x)", True),
        ("Cf. GAO-25-107000", True),
        ("See wapo-1; see also @b", True),
        ("sic", False),
        ("emphasis added", False),
        ("Redacted", False),
        ("the Department", False),
        ("T", False),
        ("write to foia@agency.gov", False),
        ("e.g., IRS and SSA", False),
        ("see the enclosed list", False),
        ("See Attachment A", False),
        ("wapo-1", False),
    ],
)
def test_what_tries_to_cite(content: str, attempt: bool) -> None:
    assert markers.is_attempt(content) is attempt


def test_an_unclosed_citation_is_a_marker_to_the_end_of_its_line() -> None:
    text = "Claim [See @a, at 5 and more\nNext line [@b]."
    found = markers.find(text)
    assert [(m.content, m.closed) for m in found] == [
        ("See @a, at 5 and more", False),
        ("@b", True),
    ]
    assert found[0].text == "[See @a, at 5 and more"
    assert markers.citations_in(text) == [
        (None, "the citation [See @a, at 5 and more cannot be read: '[' is never closed: "
         "end the citation with ']'"),
        ("b", None),
    ]  # fmt: skip
    # A '[' that does not start like a citation is text, closed or not.
    assert markers.find("Say [this and @that.") == []
    assert markers.find("A [note [@a].") == [markers.Marker(8, 12, "@a")]


LETTER_LINES = """\
  The first line is fine.[@known]
  The second [sic] has [See known] in it.
  The third has [@known, at 5 (x] and [@Known].
  The fourth [@known never closes.
  [] and [@] and [emphasis added].
"""


def test_a_letter_points_at_each_broken_citation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """file:line:column of each, the column where the citation goes wrong."""
    write_text(
        tmp_path / "letter.yaml",
        MINIMAL.replace("  We write to ask about records.\n", LETTER_LINES)
        + f"reports:\n  - {KNOWN}\n",
    )
    assert main(["validate", "letter.yaml"]) == 1
    err = capsys.readouterr().err
    found = [line for line in err.splitlines() if line.startswith("letter.yaml:")]
    assert found == [
        "letter.yaml:12:25: body: citation [See known]: 'See known' doesn't name a source: put @ "
        "before the report id (See @known)",
        "letter.yaml:13:31: body: citation [@known, at 5 (x]: '(' is never closed — finish the "
        "parenthetical with ')'",
        "letter.yaml:13:40: body: citation [@Known]: report ids are lowercase: write @known",
        "letter.yaml:14:14: body: citation [@known never closes.: '[' is never closed: end the "
        "citation with ']'",
        "letter.yaml:15:4: body: citation []: empty citation []: put the report id after @, e.g. "
        "[@gao-25-107000]",
        "letter.yaml:15:11: body: citation [@]: '@' must be followed by a report id: lowercase "
        "letters, digits and hyphens",
    ]


def test_a_bank_points_at_each_broken_citation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_text(
        tmp_path / "bank.yaml",
        f"bank: b\ntitle: B\nreports:\n  - {KNOWN}\nquestions:\n"
        "  - id: q\n    text: |-\n      Which rule applies?\n      Is it [See known]? [sic]\n",
    )
    assert main(["bank", "check", "bank.yaml"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "bank.yaml:9:14: questions[0].text: the citation [See known] cannot be read: 'See known' "
        "doesn't name a source: put @ before the report id (See @known)"
    )


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
    [*"[]()@\\`<> ;:ab.\n\"'", "@a", "[@a]", "x@y.z", "](", "``", "[a](", "<a@b.c>", "<http://x>",
     "[See ", "see a-1", "[]", "[sic]"]
)  # fmt: skip


@settings(max_examples=300)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_markers_are_what_the_letter_markdown_finds(text: str) -> None:
    """Escapes, code spans, autolinks and links are read as Markdown reads them."""
    found = [(m.content, m.closed) for m in markers.find(text)]
    assert found == [
        (t.content, t.meta["closed"]) for t in parse_inline(text) if t.type == "citation"
    ]
