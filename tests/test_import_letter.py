"""`oversight import`: Word letters back into letter files, checked by rendering them again.

The sources are the examples as oversight renders them, the same files re-saved by LibreOffice
(another producer's numbering.xml and styles), and a letter written with python-docx the way a
staffer types one in Word: each line its own paragraph, labels typed as text.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import docx
import pytest
from helpers import (
    EXAMPLE_LETTERS,
    random_letter,
    require_pandoc,
    require_soffice,
    run_oversight,
)

from oversight.fsutil import atomic_write
from oversight.importing.run import count_questions, harvest, import_files, proposed_parameters
from oversight.letters.prepare import load_letter
from oversight.libreoffice import converted, soffice
from oversight.render import docx_bytes
from oversight.yamlfile import load_file

# The sources here are other programs' files, with their own schema slips (LibreOffice's
# cantSplit="true", python-docx's stylesWithEffects) or none at all (a file that is not a zip):
# what is read, not what the project writes.
pytestmark = pytest.mark.not_a_docx(
    "*resaved*/*.docx",
    "typed.docx",
    "good.docx",
    "first.docx",
    "second.docx",
    "letter-*.docx",
    "memo.docx",
    "a.docx",
    "b.docx",
    "boxed.docx",
    "bad.docx",
    "pandoc.docx",
    reason="written by LibreOffice or python-docx, or deliberately not a Word file",
)

# What a round trip loses, by example (docs/import.md, "Footnotes": a hearing's full date and a
# court filing's short form are not in the printed text).
KNOWN_LOSSES = {"committee-grouped": 2}


def _questions(example: Path) -> int:
    prep = load_letter(example)
    return sum(len(s.questions) for s in prep.sections)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rendered")
    for example in EXAMPLE_LETTERS:
        atomic_write(folder / f"{example.stem}.docx", docx_bytes(load_letter(example)))
    return folder


@pytest.fixture(scope="module")
def resaved(rendered: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples re-saved by LibreOffice as Word files: its own numbering and styles."""
    require_soffice()
    program = soffice()
    assert program is not None
    folder = tmp_path_factory.mktemp("resaved")
    with converted(
        program,
        sorted(rendered.glob("*.docx")),
        "docx:MS Word 2007 XML",
        timeout=300,
        prefix="oversight-test-",
    ) as out:
        for f in out.glob("*.docx"):
            (folder / f.name).write_bytes(f.read_bytes())
    return folder


@pytest.mark.parametrize("example", EXAMPLE_LETTERS, ids=lambda p: p.stem)
def test_every_example_comes_back_from_its_own_docx(
    rendered: Path, tmp_path: Path, example: Path
) -> None:
    [result] = import_files([rendered / f"{example.stem}.docx"], tmp_path)
    assert result.error is None, result.error
    assert result.target is not None and result.target.is_file()
    assert len(result.lost) == KNOWN_LOSSES.get(example.stem, 0), result.lost
    assert result.fidelity is not None and result.fidelity >= 0.95
    imported = load_letter(result.target)  # the file validates as a letter
    assert count_questions(load_file(result.target).data["questions"]) == _questions(example)
    original = load_letter(example)
    assert [r.name for r in imported.letter.recipients] == [
        r.name for r in original.letter.recipients
    ]
    assert [s.name for s in imported.letter.signers] == [s.name for s in original.letter.signers]
    assert imported.letter.date == original.letter.date


@pytest.mark.parametrize("example", EXAMPLE_LETTERS, ids=lambda p: p.stem)
def test_every_example_comes_back_from_libreoffices_docx(
    resaved: Path, tmp_path: Path, example: Path
) -> None:
    [result] = import_files([resaved / f"{example.stem}.docx"], tmp_path)
    assert result.error is None, result.error
    assert result.fidelity is not None and result.fidelity >= 0.9, result.lost
    assert result.target is not None
    assert count_questions(load_file(result.target).data["questions"]) == _questions(example)


def _word_letter(path: Path) -> None:
    """A letter as a staffer types it in Word: a line a paragraph, typed labels."""
    d = docx.Document()
    lines = [
        "UNITED STATES SENATE",
        "WASHINGTON, DC 20510",
        "",
        "April 3, 2025",
        "",
        "The Honorable Jane Doe",
        "Secretary",
        "U.S. Department of Example",
        "1000 Example Avenue SW",
        "Washington, DC 20000",
        "",
        "Dear Secretary Doe:",
        "",
        "We write about the Department's handling of records.",
        "",
        "Please answer the following questions no later than April 17, 2025:",
        "",
        "(1) How many records were shared?",
        "(a) With which agencies?",
        "(b) On what dates?",
        "(2) Who approved the sharing?",
        "",
        "Thank you for your attention to this matter.",
        "",
        "Sincerely,",
        "",
        "",
        "John Q. Senator",
        "United States Senator",
        "",
        "cc: The Honorable Ann Roe, Inspector General",
    ]
    for line in lines:
        d.add_paragraph(line)
    d.save(str(path))


def test_a_letter_typed_in_word_comes_in_with_its_parts(tmp_path: Path) -> None:
    source = tmp_path / "typed.docx"
    _word_letter(source)
    out = tmp_path / "out"
    out.mkdir()
    [result] = import_files([source], out)
    assert result.error is None, result.error
    assert result.target is not None
    data = load_file(result.target).data
    assert data["date"].isoformat() == "2025-04-03"
    assert data["recipients"] == [
        {
            "honorific": "The Honorable",
            "name": "Jane Doe",
            "title": "Secretary",
            "agency": "U.S. Department of Example",
            "address": ["1000 Example Avenue SW", "Washington, DC 20000"],
        }
    ]
    assert data["questions"] == [
        {
            "text": "How many records were shared?",
            "parts": ["With which agencies?", "On what dates?"],
        },
        "Who approved the sharing?",
    ]
    assert data["options"] == {"question_style": "(1)", "part_style": "(a)"}
    assert data["lead_in"] == "Please answer the following questions no later than {{ deadline }}:"
    assert data["deadline"].isoformat() == "2025-04-17"
    assert data["signers"] == [{"name": "John Q. Senator", "title": "United States Senator"}]
    assert data["cc"] == ["The Honorable Ann Roe, Inspector General"]
    assert "UNITED STATES SENATE" not in result.target.read_text(encoding="utf-8")
    assert result.fidelity == 1.0, result.lost


def test_import_never_overwrites_and_a_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    _word_letter(source / "good.docx")
    (source / "bad.docx").write_bytes(b"this is not a Word file")
    out = tmp_path / "out"
    out.mkdir()
    (out / "good.yaml").write_text("# mine\n", encoding="utf-8")
    result = run_oversight("import", str(source), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 1
    assert "bad.docx" in result.stderr and "not a Word" in result.stderr.replace("\n", " ")
    assert "already exists" in result.stderr
    assert (out / "good.yaml").read_text(encoding="utf-8") == "# mine\n"
    assert not (out / "bad.yaml").exists()
    assert "Traceback" not in result.stderr
    again = run_oversight(
        "import", str(source / "good.docx"), "-o", str(out), "--force", cwd=tmp_path
    )
    assert again.returncode == 0, again.stderr
    assert "came back on rendering" in again.stdout
    assert (out / "good.yaml").read_text(encoding="utf-8").startswith("# Imported")


@pytest.mark.parametrize("seed", range(5))
def test_a_generated_letter_comes_back_whole(tmp_path: Path, seed: int) -> None:
    """Random words, every paragraph and question citing a GAO report with a pin: importing the
    rendered letter and rendering it again gives every paragraph, label and footnote back, and
    the footnotes are GAO report entries again."""
    rng = random.Random(seed)
    letter = tmp_path / "generated.yaml"
    letter.write_text(
        random_letter(
            rng,
            paragraphs=rng.randint(1, 6),
            questions=rng.randint(1, 12),
            signers=rng.randint(1, 5),
            reports=rng.randint(1, 4),
        ),
        encoding="utf-8",
    )
    source = tmp_path / "generated.docx"
    atomic_write(source, docx_bytes(load_letter(letter)))
    out = tmp_path / "out"
    out.mkdir()
    [result] = import_files([source], out)
    assert result.error is None and result.target is not None
    assert result.lost == [] and result.fidelity == 1.0
    data = load_file(result.target).data
    assert {r["kind"] for r in data["reports"]} == {"gao"}
    original = load_letter(letter)
    assert count_questions(data["questions"]) == sum(len(s.questions) for s in original.sections)
    assert len(data["signers"]) == len(original.letter.signers)


PANDOC_LETTER = """\
April 3, 2025

The Honorable Jane Doe\\
Secretary\\
U.S. Department of Example\\
Washington, DC 20000

Dear Secretary Doe:

We write about records.[^1] Their handling matters.

Please answer the following questions by April 17, 2025:

1. How many records were shared?
    a. With which agencies?
    b. On what dates?
2. Who approved it?

Sincerely,

John Q. Senator\\
United States Senator

[^1]: U.S. Gov't Accountability Off., GAO-25-107000, *IRS Data Sharing* (Mar. 2025).
"""


def test_a_letter_written_by_pandoc_comes_in(tmp_path: Path) -> None:
    """pandoc's own numbering, line breaks and footnotes: the questions, the deadline and the
    footnote as a GAO report entry."""
    pandoc = require_pandoc()
    (tmp_path / "letter.md").write_text(PANDOC_LETTER, encoding="utf-8")
    subprocess.run([pandoc, "letter.md", "-o", "pandoc.docx"], cwd=tmp_path, check=True)
    out = tmp_path / "out"
    out.mkdir()
    [result] = import_files([tmp_path / "pandoc.docx"], out)
    assert result.error is None and result.target is not None
    assert result.fidelity == 1.0, result.lost
    data = load_file(result.target).data
    assert data["questions"] == [
        {
            "text": "How many records were shared?",
            "parts": ["With which agencies?", "On what dates?"],
        },
        "Who approved it?",
    ]
    assert data["lead_in"] == "Please answer the following questions by {{ deadline }}:"
    assert data["body"].strip() == "We write about records.[@gao-25-107000] Their handling matters."
    assert data["reports"][0]["kind"] == "gao" and data["reports"][0]["number"] == "GAO-25-107000"
    assert data["recipients"][0]["address"] == ["Washington, DC 20000"]
    assert data["signers"] == [{"name": "John Q. Senator", "title": "United States Senator"}]


def test_imported_questions_go_into_a_bank_once(tmp_path: Path) -> None:
    """--bank: each letter's questions are added to the bank; the same question in the next
    letter is not added again."""
    source = tmp_path / "in"
    source.mkdir()
    _word_letter(source / "first.docx")
    _word_letter(source / "second.docx")
    out = tmp_path / "out"
    out.mkdir()
    bank = tmp_path / "bank.yaml"
    result = run_oversight("import", str(source), "-o", str(out), "--bank", str(bank), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "bank.yaml: 2 questions added" in result.stdout
    assert "4 questions, 0 footnotes; 2 of 2 came back whole" in result.stdout  # the summary
    assert result.stderr.count("skipped") == 2  # the second letter's two, already there
    questions = load_file(bank).data["questions"]
    assert [q["text"] for q in questions] == [
        "How many records were shared?",
        "Who approved the sharing?",
    ]
    assert questions[0]["parts"] == ["With which agencies?", "On what dates?"]
    assert "first.yaml" in questions[0]["notes"]


def test_footnotes_matching_the_offices_library_cite_it(tmp_path: Path) -> None:
    """--reports LIBRARY: a footnote that is an entry of the office's library cites that entry
    (its id), the letter names the library, and no copy of the entry is made."""
    pandoc = require_pandoc()
    (tmp_path / "letter.md").write_text(PANDOC_LETTER, encoding="utf-8")
    subprocess.run([pandoc, "letter.md", "-o", "pandoc.docx"], cwd=tmp_path, check=True)
    (tmp_path / "lib.yaml").write_text(
        "reports:\n  - id: gao-irs-sharing\n    kind: gao\n    title: IRS Data Sharing\n"
        "    number: GAO-25-107000\n    date: 2025-03\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    out.mkdir()
    result = run_oversight(
        "import", "pandoc.docx", "-o", "out", "--reports", "lib.yaml", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "100% came back" in result.stdout
    data = load_file(out / "pandoc.yaml").data
    assert data["reports"] == ["../lib.yaml"]
    assert "[@gao-irs-sharing]" in data["body"]


def test_a_batch_goes_across_processes_and_keeps_the_files_order(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for i in range(9):
        _word_letter(source / f"letter-{i}.docx")
    (source / "letter-4.docx").write_bytes(b"not a zip")  # one bad file among them
    out = tmp_path / "out"
    out.mkdir()
    results = import_files([source], out, workers=2)
    assert [r.source.name for r in results] == [f"letter-{i}.docx" for i in range(9)]
    assert [r.error is None for r in results] == [i != 4 for i in range(9)]
    assert all(r.fidelity == 1.0 for r in results if r.error is None)
    assert sorted(p.name for p in out.iterdir()) == [f"letter-{i}.yaml" for i in range(9) if i != 4]


def test_a_document_that_is_not_a_letter_keeps_its_text_and_says_what_is_missing(
    tmp_path: Path,
) -> None:
    """No salutation, no closing: the text is the body, nothing is made up from it, and the
    warnings say what to fill in."""
    d = docx.Document()
    for line in ["March 3, 2025", "A memo with *stars* and [brackets], not a letter."]:
        d.add_paragraph(line)
    d.save(str(tmp_path / "memo.docx"))
    out = tmp_path / "out"
    out.mkdir()
    [result] = import_files([tmp_path / "memo.docx"], out)
    assert result.error is None and result.target is not None
    data = load_file(result.target).data
    assert data["body"] == "A memo with \\*stars\\* and \\[brackets\\], not a letter."
    assert "salutation" not in data and "signers" not in data
    assert data["recipients"] == [{"name": "?"}]
    assert any("salutation" in w for w in result.warnings)
    assert any("closing" in w for w in result.warnings)
    assert result.fidelity == 1.0  # the text prints as typed, stars and brackets included


def _asking(path: Path, agency: str, date: str) -> None:
    d = docx.Document()
    for line in [
        "April 3, 2025", "", "The Honorable Jane Doe", "Secretary", "", "Dear Secretary Doe:", "",
        "We write.", "",
        f"(1) How many requests for taxpayer records has {agency} received since {date}?",
        "(2) Who approved the memorandum of understanding?", "", "Sincerely,", "",
        "John Q. Senator",
    ]:  # fmt: skip
        d.add_paragraph(line)
    d.save(str(path))


def test_the_same_question_asked_of_another_agency_is_a_variant_not_a_copy(tmp_path: Path) -> None:
    """Two letters ask one question of two agencies since two dates: the bank holds it once,
    its notes name the other letter's wording and propose the agency and the date as
    parameters; a question worded otherwise is its own."""
    source = tmp_path / "in"
    source.mkdir()
    _asking(source / "a.docx", "the IRS", "January 20, 2025")
    _asking(source / "b.docx", "the Social Security Administration", "March 1, 2025")
    out = tmp_path / "out"
    out.mkdir()
    bank = tmp_path / "bank.yaml"
    [a, b] = import_files([source], out)
    added, notes = harvest(bank, [a.target, b.target])  # type: ignore[list-item]
    assert added == 2  # the IRS question and the memorandum question, once each
    questions = load_file(bank).data["questions"]
    assert len(questions) == 2
    first = questions[0]
    assert "IRS" in first["text"]
    assert "Also asked in b.yaml: How many requests" in first["notes"]
    assert "a name (an agency?): 'IRS' / 'Social Security Administration'" in first["notes"]
    assert "a date: 'January 20' / 'March 1'" in first["notes"]
    assert any("noted as a variant" in str(n) for n in notes)
    assert proposed_parameters("Who approved it?", "Who signed it?") == []


def test_text_boxes_are_left_out_and_tables_said_with_a_warning(tmp_path: Path) -> None:
    """A text box's words are not mixed into the paragraph that anchors it (they are left out,
    said); a table before the closing is read cell by cell, said."""
    from docx.oxml import parse_xml

    _word_letter(tmp_path / "boxed.docx")
    d = docx.Document(str(tmp_path / "boxed.docx"))
    anchor = next(p for p in d.paragraphs if p.text.startswith("We write"))
    box = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>CONFIDENTIAL DRAFT</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    anchor._p.append(box)
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cell one"
    anchor._p.addnext(table._tbl)
    d.save(str(tmp_path / "boxed.docx"))
    out = tmp_path / "out"
    out.mkdir()
    [result] = import_files([tmp_path / "boxed.docx"], out)
    assert result.error is None and result.target is not None
    text = result.target.read_text(encoding="utf-8")
    assert "CONFIDENTIAL" not in text
    assert "We write about the Department" in text and "Cell one" in text
    assert "1 text box left out: copy any text you need" in result.warnings
    assert any("a table before the closing" in w for w in result.warnings)
