"""Each element of a letter's anatomy, checked in the .docx read back as a staffer would."""

from __future__ import annotations

import re

import docx
import pytest
from helpers import EXAMPLE_LETTERS, EXAMPLES, MINIMAL, NS, DocxView, W, labels


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> DocxView:
    from oversight.fsutil import atomic_write
    from oversight.letters.prepare import load_letter
    from oversight.render import docx_bytes

    out = tmp_path_factory.mktemp("model") / "model.docx"
    atomic_write(out, docx_bytes(load_letter(EXAMPLES / "irs-dhs-doge-letter.yaml")))
    return DocxView(out)


def test_every_example_reopens_in_python_docx(tmp_path) -> None:
    from oversight.letters.prepare import load_letter
    from oversight.render import docx_bytes

    for letter in EXAMPLE_LETTERS:
        copy = tmp_path / (letter.stem + ".docx")
        copy.write_bytes(docx_bytes(load_letter(letter)))
        document = docx.Document(str(copy))
        assert len(document.paragraphs) > 10, letter.name


def test_page_is_us_letter_with_one_inch_margins_and_serif_12pt(model: DocxView) -> None:
    sect = model.document.find("w:body/w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (size.get(f"{{{W}}}w"), size.get(f"{{{W}}}h")) == ("12240", "15840")
    margins = sect.find("w:pgMar", NS)
    assert {margins.get(f"{{{W}}}{side}") for side in ("top", "bottom", "left", "right")} == {
        "1440"
    }
    styles = model.xml("word/styles.xml")
    fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert fonts.get(f"{{{W}}}ascii") == "Times New Roman"
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:sz", NS).get(f"{{{W}}}val") == "24"


def test_letterhead_is_on_the_first_page_only(model: DocxView) -> None:
    sect = model.document.find("w:body/w:sectPr", NS)
    assert sect.find("w:titlePg", NS) is not None, "first page must have its own header"
    assert "United States Senate" in model.header_text("first")
    assert "United States Senate" not in model.header_text("default")


def test_continuation_header_names_first_recipient_date_and_page_field(model: DocxView) -> None:
    header = model.header_text("default")
    assert header.splitlines()[:2] == ["Ms. Melanie Krause", "March 19, 2025"]
    assert "Page " in header
    rels = model.parts["word/_rels/document.xml.rels"].decode()
    assert "header2.xml" in rels
    instr = [i.text for i in model.xml("word/header2.xml").iter(f"{{{W}}}instrText")]
    assert [t.strip() for t in instr] == ["PAGE"], "Page N must be a real PAGE field"


def test_date_then_three_recipient_blocks_then_salutation(model: DocxView) -> None:
    paragraphs = model.body_paragraphs()
    assert paragraphs[0] == ("LetterDate", "March 19, 2025")
    recipients = [text for style, text in paragraphs if style == "Recipient"]
    assert recipients == [
        "Ms. Melanie Krause\nActing Commissioner\nInternal Revenue Service\n1111 Constitution Avenue NW\nWashington, DC 20224",
        "Mr. Andrew De Mello\nChief Counsel\nInternal Revenue Service\n1111 Constitution Avenue NW\nWashington, DC 20224",
        "The Honorable Kristi Noem\nSecretary\nU.S. Department of Homeland Security\n2707 Martin Luther King Jr. Avenue SE\nWashington, DC 20528",
    ]
    salutation = [text for style, text in paragraphs if style == "Salutation"]
    assert salutation == [
        "Dear Acting Commissioner Krause, Chief Counsel De Mello, and Secretary Noem:"
    ]


def test_citations_are_real_footnotes_with_short_forms(model: DocxView) -> None:
    refs = model.footnote_refs()
    notes = model.footnotes()
    assert refs == list(range(1, len(refs) + 1)), "references numbered in order"
    assert sorted(notes) == refs, "every reference has its footnote and no footnote is orphaned"
    assert "The Washington Post" in notes[1] and "Feb. 28, 2025" in notes[1]
    assert notes[2] == "Id."
    assert any("supra note 1" in text for text in notes.values())
    assert any("26 U.S.C. § 6103" in text for text in notes.values())
    settings = model.parts["word/settings.xml"].decode()
    assert '<w:footnote w:id="-1"/>' in settings and '<w:footnote w:id="0"/>' in settings
    styles = model.parts["word/styles.xml"].decode()
    assert 'w:val="footnote text"' in styles and 'w:val="footnote reference"' in styles


def test_the_reported_request_on_700000_people_is_cited(model: DocxView) -> None:
    body = "\n".join(text for _, text in model.body_paragraphs())
    assert "700,000" in body
    paragraph = next(
        p for p in model.document.iter(f"{{{W}}}p") if "700,000" in DocxView.text_of(p)
    )
    assert paragraph.find(".//w:footnoteReference", NS) is not None


def test_questions_are_numbered_with_lettered_parts(model: DocxView) -> None:
    shown = labels(model)
    top = [label for label in shown if label[0].isdigit()]
    assert top == [f"{n}." for n in range(1, len(top) + 1)]
    assert len(top) >= 8
    # Parts restart at a. under each question.
    runs: list[list[str]] = []
    for label in shown:
        if label[0].isdigit():
            runs.append([])
        else:
            runs[-1].append(label)
    for parts in runs:
        assert parts == [f"{chr(ord('a') + i)}." for i in range(len(parts))]
    assert any(parts for parts in runs)
    levels = model.numbering.find("w:abstractNum/w:lvl[@w:ilvl='1']/w:numFmt", NS)
    assert levels.get(f"{{{W}}}val") == "lowerLetter"


def test_bank_question_with_its_parameter(model: DocxView) -> None:
    first = model.numbered()[0][2]
    assert "since January 20, 2025" in first


def test_deadline_sentence_and_closing_and_signers_in_two_columns(model: DocxView) -> None:
    body = [text for _, text in model.body_paragraphs()]
    assert any("no later than April 2, 2025" in text for text in body)
    assert ("Closing", "Sincerely,") in model.body_paragraphs()
    tables = model.document.findall("w:body/w:tbl", NS)
    assert len(tables) == 1
    grid = tables[0].findall("w:tblGrid/w:gridCol", NS)
    assert len(grid) == 2
    cells = [DocxView.text_of(tc).strip() for tc in tables[0].iter(f"{{{W}}}tc")]
    assert cells[:3] == [
        "Catherine Cortez Masto\nUnited States Senator",
        "Ron Wyden\nRanking Member\nCommittee on Finance",
        "Jeff Merkley\nUnited States Senator",
    ]
    # LibreOffice lays tables out from the grid; Word from the cells: both are set.
    assert all(tc.find("w:tcPr/w:tcW", NS) is not None for tc in tables[0].iter(f"{{{W}}}tc"))


def test_single_recipient_single_signer_has_no_signature_table(tmp_path, render) -> None:
    view = render(EXAMPLES / "gao-request-single.yaml")
    assert view.document.findall("w:body/w:tbl", NS) == []
    signature = [text for style, text in view.body_paragraphs() if style == "Signature" and text]
    assert len(signature) == 1
    assert "Dear Mr. Dodaro:" in [text for _, text in view.body_paragraphs()]
    assert any("Thursday, May 1, 2025" in text for _, text in view.body_paragraphs())
    # The letter's own lead-in, and its deadline printed in the paragraph after the questions.
    texts = [text for _, text in view.body_paragraphs()]
    assert "Accordingly, I ask that GAO examine the following questions:" in texts
    assert not any("request that you provide" in text for text in texts)


def test_default_lead_in_says_i_for_one_signer_and_we_for_several(tmp_path, render) -> None:
    source = (EXAMPLES / "gao-request-single.yaml").read_text(encoding="utf-8")
    source = re.sub(r"(?m)^lead_in:.*\n", "", source)
    (tmp_path / "one.yaml").write_text(source, encoding="utf-8")
    one = [text for _, text in render(tmp_path / "one.yaml").body_paragraphs()]
    assert any(t.startswith("I request that you provide answers") for t in one), one
    two = source.replace("signers:\n", "signers:\n  - name: Second Member\n", 1)
    (tmp_path / "two.yaml").write_text(two, encoding="utf-8")
    several = [text for _, text in render(tmp_path / "two.yaml").body_paragraphs()]
    assert any(t.startswith("We request that you provide answers") for t in several), several


def test_grouped_questions_continue_numbering_and_a_skipped_letter_is_kept(render) -> None:
    view = render(EXAMPLES / "committee-grouped.yaml")
    headings = [text for style, text in view.body_paragraphs() if style == "QuestionHeading"]
    assert len(headings) == 3
    shown = labels(view)
    top = [label for label in shown if label[0].isdigit()]
    assert top == [f"{n}." for n in range(1, len(top) + 1)], "numbering continues across groups"
    parts = [label for label in shown if not label[0].isdigit()]
    assert "e." in parts and "d." not in parts, "a list copied with a, b, c, e keeps its labels"
    tables = view.document.findall("w:body/w:tbl", NS)
    cells = [DocxView.text_of(tc).strip() for tc in tables[0].iter(f"{{{W}}}tc")]
    assert len([c for c in cells if c]) == 12
    cc = [text for style, text in view.body_paragraphs() if style == "CC"]
    assert any(text.startswith("cc:\t") for text in cc)
    assert any(text.startswith("Enclosure") for text in cc)


def test_each_list_restarts_at_one(tmp_path, write_letter, render) -> None:
    folder = tmp_path / "twolists"
    folder.mkdir()
    (folder / "letter.md.j2").write_text(
        "{% for p in body %}{{ p }}\n\n{% endfor %}"
        "1. First list, first item\n2. First list, second item\n\nBetween the lists.\n\n"
        "1. Second list, first item\n2. Second list, second item\n",
        encoding="utf-8",
    )
    letter = write_letter(MINIMAL + "template: twolists\n")
    view = render(letter)
    assert labels(view) == ["1.", "2.", "1.", "2."]
    ids = {num_id for num_id, _, _ in view.numbered()}
    assert len(ids) == 2, "one numbering instance per list"
    assert all(starts[0] == 1 for _, starts in view.nums().values())


def test_sub_question_style_a_in_parentheses(write_letter, render) -> None:
    view = render(
        write_letter(
            MINIMAL + "questions:\n  - text: Q\n    parts: [x, y]\noptions: {part_style: '(a)'}\n"
        )
    )
    level = view.numbering.find("w:abstractNum/w:lvl[@w:ilvl='1']/w:lvlText", NS)
    assert level.get(f"{{{W}}}val") == "(%2)"


def test_same_letter_gives_identical_bytes(tmp_path) -> None:
    from oversight.letters.prepare import load_letter
    from oversight.render import docx_bytes

    for letter in EXAMPLE_LETTERS:
        assert docx_bytes(load_letter(letter)) == docx_bytes(load_letter(letter)), letter.name
