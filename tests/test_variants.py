"""Letters as real offices write them: the lead-in and deadline in the writer's words, numbering
styles and several lists, block quotations, multi-line cc and agency blocks, closings and
signers that may be absent, enclosure labels. Read back from the .docx as Word would show it
(numbering.xml's formats, not the builder's intentions), and by pandoc as another program."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import MINIMAL, NS, DocxView, W, labels, require_pandoc

from oversight.errors import UserError
from oversight.letters.prepare import load_letter
from oversight.render import docx_bytes

Write = Callable[..., Path]
Render = Callable[[Path], DocxView]

QUESTIONS = """\
questions:
  - First question?
  - text: Second question?
    parts: [Part one., Part two., Part three.]
  - Third question?
"""


def _texts(view: DocxView) -> list[str]:
    return [text for _style, text in view.body_paragraphs()]


def _problems(letter: Path) -> str:
    """Every problem as the command line prints it: file:line:col, message, hint."""
    with pytest.raises(UserError) as err:
        docx_bytes(load_letter(letter))
    return "\n".join(p.format() for p in err.value.problems)


# ------------------------------------------------------------------ lead-in and deadline


def test_default_lead_in_carries_the_deadline(write_letter: Write, render: Render) -> None:
    view = render(write_letter(MINIMAL + QUESTIONS + "deadline: 2025-04-03\n"))
    assert (
        "I request that you provide answers to the following questions no later than "
        "April 3, 2025:" in _texts(view)
    )


def test_own_lead_in_replaces_the_sentence(write_letter: Write, render: Render) -> None:
    letter = write_letter(
        MINIMAL
        + QUESTIONS
        + "deadline: 2025-04-03\n"
        + 'lead_in: "Please answer these by {{ deadline }}:"\n'
    )
    texts = _texts(render(letter))
    assert "Please answer these by April 3, 2025:" in texts
    assert not any("request that you provide" in t for t in texts)


def test_no_lead_in_at_all(write_letter: Write, render: Render) -> None:
    texts = _texts(render(write_letter(MINIMAL + QUESTIONS + "lead_in: false\n")))
    first_question = texts.index("First question?")
    assert texts[first_question - 1] == "We write to ask about records."


def test_deadline_in_the_closing_paragraph_only(write_letter: Write, render: Render) -> None:
    letter = write_letter(
        MINIMAL
        + QUESTIONS
        + "deadline: {days: 14}\n"
        + "after_questions: |\n  Please respond no later than {{deadline}}. Thank you.\n"
    )
    texts = _texts(render(letter))
    # 14 days after Thursday, March 20, 2025 is Thursday, April 3
    assert "Please respond no later than April 3, 2025. Thank you." in texts
    assert "I request that you provide answers to the following questions:" in texts
    assert sum("April 3, 2025" in t for t in texts) == 1


def test_deadline_without_questions_is_a_sentence(write_letter: Write, render: Render) -> None:
    texts = _texts(render(write_letter(MINIMAL + "deadline: 2025-04-03\n")))
    assert "I request a response no later than April 3, 2025." in texts


def test_placeholder_without_a_deadline_is_located(write_letter: Write) -> None:
    letter = write_letter(MINIMAL + QUESTIONS + 'lead_in: "Answer by {{ deadline }}:"\n')
    message = _problems(letter)
    assert "letter.yaml:17:21:" in message  # where the placeholder is typed
    assert "{{ deadline }} is used but the letter has no deadline" in message


def test_unknown_placeholder_suggests_the_name(write_letter: Write) -> None:
    letter = write_letter(
        MINIMAL.replace("We write to ask about records.", "Answer by {{ dedline }}.")
        + "deadline: 2025-04-03\n"
    )
    message = _problems(letter)
    assert "letter.yaml:11:13" in message
    assert "unknown placeholder {{ dedline }}" in message
    assert "deadline" in message.split("unknown placeholder", 1)[1]


def test_lead_in_true_is_refused(write_letter: Write) -> None:
    message = _problems(write_letter(MINIMAL + QUESTIONS + "lead_in: true\n"))
    assert "lead_in: true" in message and "false for none" in message


# ------------------------------------------------------------------ numbering


def _level_format(view: DocxView, num_id: int, level: int) -> tuple[str, str, Any]:
    abstract = view.nums()[num_id][0]
    for a in view.numbering.findall("w:abstractNum", NS):
        if int(a.get(f"{{{W}}}abstractNumId")) == abstract:
            for lvl in a.findall("w:lvl", NS):
                if int(lvl.get(f"{{{W}}}ilvl")) == level:
                    return (
                        lvl.find("w:numFmt", NS).get(f"{{{W}}}val"),
                        lvl.find("w:lvlText", NS).get(f"{{{W}}}val"),
                        lvl,
                    )
    raise AssertionError(f"no level {level} for num {num_id}")


@pytest.mark.parametrize(
    ("question_style", "part_style", "expected"),
    [
        ("1.", "a.", ["1.", "2.", "a.", "b.", "c.", "3."]),
        ("(1)", "(i)", ["(1)", "(2)", "(i)", "(ii)", "(iii)", "(3)"]),
        ("1)", "A.", ["1)", "2)", "A.", "B.", "C.", "3)"]),
        ("I.", "(a)", ["I.", "II.", "(a)", "(b)", "(c)", "III."]),
        ("A.", "•", ["A.", "B.", "•", "•", "•", "C."]),
    ],
)
def test_label_styles_are_word_numbering(
    write_letter: Write,
    render: Render,
    question_style: str,
    part_style: str,
    expected: list[str],
) -> None:
    letter = write_letter(
        MINIMAL
        + QUESTIONS
        + f'options: {{question_style: "{question_style}", part_style: "{part_style}"}}\n'
    )
    view = render(letter)
    assert labels(view) == expected
    # the label is Word's numbering, never typed text
    assert [t for _n, _l, t in view.numbered()][:2] == ["First question?", "Second question?"]


def test_bullet_is_the_text_fonts_own_glyph(write_letter: Write, render: Render) -> None:
    view = render(write_letter(MINIMAL + QUESTIONS + 'options: {part_style: "•"}\n'))
    num_id = next(n for n, level, _t in view.numbered() if level == 1)
    fmt, text, lvl = _level_format(view, num_id, 1)
    assert (fmt, text) == ("bullet", "•")
    assert lvl.find("w:rPr/w:rFonts", NS) is None  # no Symbol font (its private-use glyphs)
    assert b"Symbol" not in view.parts["word/numbering.xml"]


def test_hanging_indent_fits_the_widest_label(write_letter: Write, render: Render) -> None:
    parts = "[" + ", ".join(f"Part {k}." for k in range(1, 9)) + "]"
    letter = write_letter(
        MINIMAL
        + f"questions:\n  - text: Question?\n    parts: {parts}\n"
        + 'options: {part_style: "(i)"}\n'
    )
    view = render(letter)
    num_id = next(n for n, level, _t in view.numbered() if level == 1)
    _fmt, _text, lvl = _level_format(view, num_id, 1)
    hang = int(lvl.find("w:pPr/w:ind", NS).get(f"{{{W}}}hanging"))
    # "(viii)" in Times New Roman 12 pt: ( v i i i ) = 333+500+278*3+333 thousandths of 12 pt
    widest = (333 + 500 + 278 * 3 + 333) * 12 * 20 / 1000
    assert hang >= widest + 100  # the label and a visible gap before the text
    assert labels(view)[-1] == "(viii)"


def test_two_lists_with_prose_between(write_letter: Write, render: Render) -> None:
    letter = write_letter(
        MINIMAL
        + """\
questions:
  - paragraph: "Please provide these documents:"
  - The plan.
  - The contract.
  - paragraph: "And answer these questions:"
  - start: 1
    text: How many?
  - Why?
  - paragraph: A third list continues the second.
  - When?
"""
    )
    view = render(letter)
    texts = _texts(view)
    assert texts.index("Please provide these documents:") < texts.index("The plan.")
    assert texts.index("The contract.") < texts.index("And answer these questions:")
    assert texts.index("And answer these questions:") < texts.index("How many?")
    assert labels(view) == ["1.", "2.", "1.", "2.", "3."]
    # the letter's questions come after its own introductions: no built-in sentence
    assert texts.index("And answer these questions:") == texts.index("How many?") - 1


def test_group_intro_sits_between_heading_and_questions(
    write_letter: Write, render: Render
) -> None:
    letter = write_letter(
        MINIMAL
        + """\
questions:
  - Loose question?
  - heading: Contracts
    intro: |
      The Committee has reviewed the contracts.

      It has questions about two of them.
    style: "(A)"
    questions: [Who signed?, When?]
"""
    )
    view = render(letter)
    paragraphs = view.body_paragraphs()
    heading = next(i for i, (style, _t) in enumerate(paragraphs) if style == "QuestionHeading")
    assert [t for _s, t in paragraphs[heading : heading + 4]] == [
        "Contracts",
        "The Committee has reviewed the contracts.",
        "It has questions about two of them.",
        "Who signed?",
    ]
    assert labels(view) == ["1.", "(B)", "(C)"]  # numbering continues, in the group's style


def test_numbering_read_by_pandoc(write_letter: Write, render: Render) -> None:
    pandoc = require_pandoc()
    letter = write_letter(
        MINIMAL
        + """\
questions:
  - paragraph: "Documents:"
  - The plan.
  - text: The contract.
    parts: [Its modifications., Its invoices.]
  - paragraph: "Questions:"
  - start: 1
    text: How many?
  - Why?
"""
    )
    view = render(letter)
    out = subprocess.run(
        [pandoc, "-f", "docx", "-t", "json", str(view.path)],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    lists = [b for b in json.loads(out)["blocks"] if b["t"] == "OrderedList"]
    starts = [b["c"][0][0] for b in lists]
    items = [len(b["c"][1]) for b in lists]
    assert (starts, items) == ([1, 1], [2, 2])
    nested = lists[0]["c"][1][1]  # the contract's item holds its parts as a nested list
    inner = [b for b in nested if b["t"] == "OrderedList"]
    assert inner and len(inner[0]["c"][1]) == 2
    assert inner[0]["c"][0][1]["t"] == "LowerAlpha"


def test_bad_label_style_is_located(write_letter: Write) -> None:
    message = _problems(write_letter(MINIMAL + QUESTIONS + 'options: {question_style: "1:"}\n'))
    assert "letter.yaml:17:" in message and "question_style" in message


def test_paragraph_item_with_question_keys_is_refused(write_letter: Write) -> None:
    letter = write_letter(MINIMAL + "questions:\n  - paragraph: Prose.\n    text: A question?\n")
    message = _problems(letter)
    assert "a paragraph item holds only 'paragraph', not 'text'" in message
    assert "letter.yaml:14:" in message


# ------------------------------------------------------------------ blocks


def test_block_quotation_with_its_own_citation(write_letter: Write, render: Render) -> None:
    letter = write_letter(
        MINIMAL.replace(
            "  We write to ask about records.\n",
            "  The statute says:\n\n"
            "  > No agency shall disclose any record\n"
            "  > except as the law allows.[@act]\n\n"
            "  We ask about records.\n",
        )
        + 'reports:\n  - {id: act, kind: statute, title: "5", code: U.S.C., section: 552a}\n'
    )
    view = render(letter)
    quotes = view.paragraphs_with_style("BlockText")
    assert [view.text_of(p) for p in quotes] == [
        "No agency shall disclose any record except as the law allows."
    ]
    assert quotes[0].find(".//w:footnoteReference", NS) is not None
    assert "5 U.S.C. § 552a" in view.footnotes()[1]


def test_cc_entries_on_several_lines(write_letter: Write, render: Render) -> None:
    letter = write_letter(
        MINIMAL
        + "cc:\n"
        + "  - [The Honorable Ann Roe, Inspector General, U.S. Department of Example]\n"
        + "  - Mr. Bo Li\n"
    )
    cc = [DocxView.text_of(p) for p in render(letter).paragraphs_with_style("CC")]
    assert cc == [
        "cc:\tThe Honorable Ann Roe\nInspector General\nU.S. Department of Example",
        "\tMr. Bo Li",
    ]


def test_single_line_cc_entries_stay_one_block(write_letter: Write, render: Render) -> None:
    letter = write_letter(MINIMAL + "cc: [The Honorable Ann Roe, Mr. Bo Li]\n")
    cc = [DocxView.text_of(p) for p in render(letter).paragraphs_with_style("CC")]
    assert cc == ["cc:\tThe Honorable Ann Roe\nMr. Bo Li"]


def test_agency_over_two_lines(write_letter: Write, render: Render) -> None:
    letter = write_letter(
        MINIMAL.replace(
            "    agency: U.S. Department of Example\n",
            "    agency: [Office of Examples, U.S. Department of Example]\n",
        )
    )
    recipient = render(letter).paragraphs_with_style("Recipient")[0]
    assert DocxView.text_of(recipient).split("\n")[:4] == [
        "The Honorable Jane Doe",
        "Secretary",
        "Office of Examples",
        "U.S. Department of Example",
    ]


def test_closing_absent_and_chosen(write_letter: Write, render: Render) -> None:
    none = render(write_letter(MINIMAL + "closing: false\n", "none.yaml"))
    assert none.paragraphs_with_style("Closing") == []
    chosen = render(write_letter(MINIMAL + "closing: Respectfully,\n", "chosen.yaml"))
    assert [DocxView.text_of(p) for p in chosen.paragraphs_with_style("Closing")] == [
        "Respectfully,"
    ]


def test_no_signers_is_a_warning_not_an_error(write_letter: Write, render: Render) -> None:
    text = MINIMAL.replace("signers:\n  - name: John Q. Senator\n", "")
    letter = write_letter(text)
    prep = load_letter(letter)
    assert [p.message for p in prep.problems.warnings] == [
        "the letter has no signers: it ends without a signature block"
    ]
    view = render(letter)
    assert view.document.find(".//w:tbl", NS) is None
    assert view.paragraphs_with_style("Signature") == []
    assert [t for t in _texts(view) if t][-1] == "Sincerely,"


@pytest.mark.parametrize(
    ("enclosures", "label", "expected"),
    [
        ("[The report.]", None, "Enclosure:\tThe report."),
        ("[One., Two.]", None, "Enclosures:\tOne.\nTwo."),
        ("2", None, "Enclosures (2)"),
        ("1", "Attachment", "Attachment"),
        ("[Schedule A.]", "Attachment", "Attachment:\tSchedule A."),
    ],
)
def test_enclosure_labels(
    write_letter: Write, render: Render, enclosures: str, label: str | None, expected: str
) -> None:
    options = f"options: {{enclosure_label: {label}}}\n" if label else ""
    view = render(write_letter(MINIMAL + f"enclosures: {enclosures}\n" + options))
    lines = [DocxView.text_of(p) for p in view.paragraphs_with_style("CC")]
    assert lines == [expected]


def test_three_signature_columns(write_letter: Write, render: Render) -> None:
    signers = "".join(f"  - name: Member {k}\n" for k in range(1, 8))
    text = MINIMAL.replace("  - name: John Q. Senator\n", signers)
    view = render(write_letter(text + "options: {signature_columns: 3}\n"))
    table = view.document.find(".//w:tbl", NS)
    rows = table.findall("w:tr", NS)
    assert len(table.findall("w:tblGrid/w:gridCol", NS)) == 3
    assert len(rows) == 3  # 7 signers: 3 + 3 + 1
    assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
