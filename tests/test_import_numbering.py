"""The labels Word shows on list paragraphs, read back from .docx files: files built here with
python-docx (numbering.xml, styles and paragraphs written as XML), the project's own letter
re-saved by LibreOffice, and a list pandoc wrote. Each test states what Word would show."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from helpers import EXAMPLES, REPO, W, require_pandoc, require_soffice
from lxml import etree

from oversight.importing.numbering import ListLabel, resolve_labels, typed_label

WNS = f'xmlns:w="{W}"'

# pandoc's and LibreOffice's own .docx files carry their own schema slips (pStyle order, short
# nsid, cantSplit="true"): what is read here, not what the project writes.
pytestmark = pytest.mark.not_a_docx(
    "pandoc.docx", "*/libreoffice/*.docx", reason="written by pandoc and LibreOffice"
)


def _fragment(xml: str) -> list[etree._Element]:
    return list(etree.fromstring(f"<root {WNS}>{xml}</root>"))


def build(body: str, numbering: str = "", styles: str = "") -> bytes:
    """A .docx made by python-docx whose numbering.xml is ``numbering``, with ``styles`` added
    to its styles and ``body`` as its paragraphs."""
    document = docx.Document()
    numbering_el = document.part.numbering_part.element
    for child in list(numbering_el):
        numbering_el.remove(child)
    numbering_el.extend(_fragment(numbering))
    document.styles.element.extend(_fragment(styles))
    body_el = document.element.body
    for child in list(body_el):
        if child.tag != f"{{{W}}}sectPr":
            body_el.remove(child)
    for i, p in enumerate(_fragment(body)):
        body_el.insert(i, p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def read(data: bytes | Path) -> list[ListLabel | None]:
    """resolve_labels over every paragraph of the file's body, as the importer calls it."""
    with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as zf:
        names = zf.namelist()
        doc = etree.fromstring(zf.read("word/document.xml"))
        numbering = (
            etree.fromstring(zf.read("word/numbering.xml"))
            if "word/numbering.xml" in names
            else None
        )
        styles = (
            etree.fromstring(zf.read("word/styles.xml")) if "word/styles.xml" in names else None
        )
    return resolve_labels(list(doc.iter(f"{{{W}}}p")), numbering, styles)


def texts(data: bytes | Path) -> list[str | None]:
    return [None if label is None else label.text for label in read(data)]


def p(text: str = "x", num: int | None = None, ilvl: int | None = None, style: str = "") -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None or ilvl is not None:
        ppr += "<w:numPr>"
        ppr += f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr += f'<w:numId w:val="{num}"/>' if num is not None else ""
        ppr += "</w:numPr>"
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'{extra}<w:lvlText w:val="{text}"/></w:lvl>'
    )


def abstract(aid: int, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}">{extra}{"".join(levels)}</w:abstractNum>'


def num(num_id: int, aid: int, starts: dict[int, int] | None = None, extra: str = "") -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
        for k, v in (starts or {}).items()
    )
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{overrides}{extra}</w:num>'


OUTLINE = abstract(
    1,
    lvl(0, "decimal", "%1."),
    lvl(1, "lowerLetter", "(%2)"),
    lvl(2, "lowerRoman", "%3)"),
)


# --- files built here ----------------------------------------------------------------------------


def test_a_multi_level_list_counts_each_level_and_restarts_inner_levels() -> None:
    levels = [0, 1, 1, 2, 2, 1, 0, 1, 2]
    body = p("intro") + "".join(p(num=1, ilvl=k) for k in levels)
    labels = read(build(body, OUTLINE + num(1, 1)))
    assert labels[0] is None
    assert [label.text for label in labels[1:] if label] == [
        "1.", "(a)", "(b)", "i)", "ii)", "(c)", "2.", "(a)", "i)",
    ]  # fmt: skip
    assert [label.level for label in labels[1:] if label] == levels
    second = labels[7]
    assert second == ListLabel("2.", 0, "abs:1", "decimal", 2, False)
    assert labels[4] == ListLabel("i)", 2, "abs:1", "lowerRoman", 1, False)


def test_a_missing_ilvl_is_level_zero_and_num_id_zero_is_no_numbering() -> None:
    body = p(num=1) + p(num=0, ilvl=0) + p(num=1) + p(num=99)
    assert texts(build(body, OUTLINE + num(1, 1))) == ["1.", None, "2.", None]


def test_a_second_num_with_start_override_restarts_the_list() -> None:
    numbering = OUTLINE + num(1, 1) + num(2, 1, {0: 1, 1: 1})
    body = p(num=1) + p(num=1) + p(num=1, ilvl=1) + p(num=1) + p("between")
    body += p(num=2) + p(num=2, ilvl=1) + p(num=2, ilvl=1) + p(num=2)
    assert texts(build(body, numbering)) == [
        "1.", "2.", "(a)", "3.", None, "1.", "(a)", "(b)", "2.",
    ]  # fmt: skip


def test_nums_over_one_abstract_share_its_counters() -> None:
    """Word keeps the counters on the abstractNum: a num without overrides continues the count
    of every num over the same abstractNum, and a startOverride restarts that shared count the
    first time its num is used (1-5, 8 on the override, then 9, 10 on the first num)."""
    numbering = OUTLINE + num(1, 1) + num(2, 1, {0: 8}) + num(3, 1)
    body = "".join(p(num=1) for _ in range(5)) + p(num=2) + p(num=1) + p(num=3) + p(num=2)
    labels = read(build(body, numbering))
    assert [label.text for label in labels if label] == [
        "1.", "2.", "3.", "4.", "5.", "8.", "9.", "10.", "11.",
    ]  # fmt: skip
    assert {label.list_key for label in labels if label} == {"abs:1"}


def test_start_and_level_override_and_decimal_zero() -> None:
    numbering = (
        abstract(1, lvl(0, "decimalZero", "%1.", start=5))
        + num(1, 1)
        + num(
            2,
            1,
            extra='<w:lvlOverride w:ilvl="0">' + lvl(0, "upperLetter", "%1)") + "</w:lvlOverride>",
        )
        + abstract(3, lvl(0, "none", ""))
        + num(3, 3)
    )
    body = p(num=1) + p(num=1) + p(num=3) + p(num=2)
    labels = read(build(body, numbering))
    assert [label.text for label in labels if label] == ["05.", "06.", "", "G)"]
    assert labels[2] is not None and labels[2].format == "none"
    assert labels[3] is not None and labels[3].format == "upperLetter"


def test_lvl_restart_zero_never_restarts_and_one_restarts_after_level_one_only() -> None:
    numbering = abstract(
        1,
        lvl(0, "decimal", "%1."),
        lvl(1, "lowerLetter", "%2.", extra='<w:lvlRestart w:val="0"/>'),
        lvl(2, "lowerRoman", "%3.", extra='<w:lvlRestart w:val="1"/>'),
    ) + num(1, 1)
    levels = [0, 1, 2, 2, 1, 2, 0, 1, 2]
    assert texts(build("".join(p(num=1, ilvl=k) for k in levels), numbering)) == [
        "1.", "a.", "i.", "ii.", "b.", "iii.", "2.", "c.", "i.",
    ]  # fmt: skip


def test_level_text_with_several_levels() -> None:
    numbering = abstract(
        1, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2."), lvl(2, "decimal", "%1.%2.%3")
    ) + num(1, 1)
    levels = [0, 1, 1, 2, 0, 1, 2]
    assert texts(build("".join(p(num=1, ilvl=k) for k in levels), numbering)) == [
        "1.", "1.1.", "1.2.", "1.2.1", "2.", "2.1.", "2.1.1",
    ]  # fmt: skip


def test_legal_numbering_shows_outer_levels_as_decimal() -> None:
    numbering = abstract(
        1,
        lvl(0, "upperRoman", "Article %1"),
        lvl(1, "decimalZero", "Section %1.%2", extra="<w:isLgl/>"),
        lvl(2, "lowerLetter", "%1.%2(%3)"),
    ) + num(1, 1)
    levels = [0, 1, 1, 2, 0, 1]
    assert texts(build("".join(p(num=1, ilvl=k) for k in levels), numbering)) == [
        "Article I", "Section 1.01", "Section 1.02", "I.02(a)", "Article II", "Section 2.01",
    ]  # fmt: skip


def test_roman_and_letter_formats_past_the_alphabet() -> None:
    numbering = (
        abstract(1, lvl(0, "lowerLetter", "%1.", start=25))
        + abstract(2, lvl(0, "upperRoman", "%1."), lvl(1, "upperLetter", "%2."))
        + num(1, 1)
        + num(2, 2, {0: 3})
    )
    body = p(num=1) + p(num=1) + p(num=1) + p(num=1) + p(num=2) + p(num=2) + p(num=2, ilvl=1)
    assert texts(build(body, numbering)) == ["y.", "z.", "aa.", "bb.", "III.", "IV.", "A."]


def test_bullets_show_their_glyph_symbol_and_wingdings_mapped() -> None:
    numbering = abstract(
        1,
        lvl(0, "bullet", "\uf0b7"),
        lvl(1, "bullet", "o"),
        lvl(2, "bullet", "\uf0a7"),
        lvl(3, "bullet", "–"),
    ) + num(1, 1)
    labels = read(build("".join(p(num=1, ilvl=k) for k in [0, 1, 2, 3, 0]), numbering))
    assert [label.text for label in labels if label] == ["•", "o", "▪", "–", "•"]
    assert labels[0] == ListLabel("•", 0, "abs:1", "bullet", 0, False)


LIST_STYLES = """
<w:style w:type="paragraph" w:styleId="Question"><w:name w:val="Question"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Part"><w:name w:val="Part"/><w:basedOn w:val="Question"/>
  <w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Urgent"><w:name w:val="Urgent"/>
  <w:basedOn w:val="Question"/></w:style>
<w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="Sub"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
"""


def test_numbering_from_the_paragraph_style_and_its_based_on_chain() -> None:
    numbering = abstract(
        1,
        lvl(0, "decimal", "%1."),
        lvl(1, "lowerLetter", "%2."),
        lvl(2, "lowerRoman", "(%3)", extra='<w:pStyle w:val="Sub"/>'),
    ) + num(1, 1)
    body = (
        p(style="Question")  # style's numPr, no ilvl: 0
        + p(style="Part")  # numId from Question through basedOn, ilvl 1 from Part
        + p(style="Part")
        + p(style="Sub")  # level 2 from the abstractNum's w:pStyle link
        + p(style="Urgent")  # numbering inherited through basedOn
        + p(style="Question", num=0)  # numId 0 on the paragraph removes the style's numbering
        + p(style="Question", ilvl=1)  # the paragraph's ilvl with the style's numId
        + p(style="Normal")
    )
    labels = read(build(body, numbering, LIST_STYLES))
    assert [None if label is None else label.text for label in labels] == [
        "1.", "a.", "b.", "(i)", "2.", None, "a.", None,
    ]  # fmt: skip
    assert [label.level for label in labels if label] == [0, 1, 1, 2, 0, 1]


def test_num_style_link_uses_the_list_style_levels_and_counters() -> None:
    """An abstractNum with w:numStyleLink takes its levels from the list style: the numbering
    style's numId, whose abstractNum has the matching w:styleLink; both count as one list."""
    styles = """<w:style w:type="numbering" w:styleId="LetterList"><w:name w:val="LetterList"/>
      <w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>"""
    numbering = (
        abstract(
            10,
            lvl(0, "upperLetter", "%1."),
            lvl(1, "decimal", "%1-%2"),
            extra='<w:styleLink w:val="LetterList"/>',
        )
        + abstract(11, extra='<w:numStyleLink w:val="LetterList"/>')
        + abstract(12, extra='<w:numStyleLink w:val="NoSuchStyle"/>')
        + num(5, 10)
        + num(6, 11)
        + num(7, 12)
    )
    body = p(num=6) + p(num=6, ilvl=1) + p(num=5) + p(num=6) + p(num=7)
    labels = read(build(body, numbering, styles))
    assert [None if label is None else label.text for label in labels] == [
        "A.", "A-1", "B.", "C.", None,
    ]  # fmt: skip
    assert {label.list_key for label in labels if label} == {"abs:10"}


def test_num_style_link_found_by_style_link_when_the_style_has_no_num() -> None:
    styles = """<w:style w:type="numbering" w:styleId="Outline"><w:name w:val="Outline"/>
      </w:style>"""
    numbering = (
        abstract(20, lvl(0, "upperRoman", "%1."), extra='<w:styleLink w:val="Outline"/>')
        + abstract(21, extra='<w:numStyleLink w:val="Outline"/>')
        + num(1, 21)
    )
    assert texts(build(p(num=1) + p(num=1), numbering, styles)) == ["I.", "II."]


# --- typed labels -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(3) What is the plan?", ("(3)", "What is the plan?")),
        ("b. Provide all records.", ("b.", "Provide all records.")),
        ("• x", ("•", "x")),
        ("\uf0b7\tx", ("•", "x")),
        ("1) First", ("1)", "First")),
        ("12. Twelfth", ("12.", "Twelfth")),
        ("A.\tProvide", ("A.", "Provide")),
        ("iv. Fourth", ("iv.", "Fourth")),
        ("(ii) Second", ("(ii)", "Second")),
        ("- dash", ("-", "dash")),
        ("– en dash", ("–", "en dash")),
        ("* star", ("*", "star")),
        ("1.2\tSub-item", ("1.2", "Sub-item")),
        ("1.2. Sub-item", ("1.2.", "Sub-item")),
        ("I. M. Pei said", None),
        ("U.S. policy", None),
        ("a lot of it", None),
        ("A. Smith wrote", None),
        ("2025. The year", None),
        ("1.5 million people", None),
        ("mix. it up", None),
        ("(iiii) not roman", None),
        ("3.", None),
        ("", None),
        ("Ordinary sentence.", None),
    ],
)
def test_typed_label(text: str, expected: tuple[str, str] | None) -> None:
    assert typed_label(text) == expected


def test_a_capital_letter_label_needs_its_neighbour() -> None:
    assert typed_label("A. Provide", allow_initial=True) == ("A.", "Provide")
    assert typed_label("I. M. Pei said", allow_initial=True) is None
    body = (
        p("A. Smith wrote to us.")
        + p("Other text.")
        + p("A. Provide the records.")
        + p("B. Provide the plans.")
        + p("I. Background")
        + p("Text.")
        + p("II. Discussion")
    )
    assert texts(build(body)) == [None, None, "A.", "B.", "I.", None, "II."]


def test_typed_labels_take_level_format_and_number_from_their_shape() -> None:
    body = "".join(
        p(t)
        for t in [
            "1. What happened?",
            "a. When?",
            "b. Where?",
            "(i) detail",
            "2. Why?",
            "Plain text.",
            "a. First",
            "h. Eighth",
            "i. Ninth",
            "3. Last",
            "(i) one",
            "(v) five",
        ]
    )
    labels = read(build(body))
    shown = [(x.text, x.level, x.format, x.number) if x else None for x in labels]
    assert shown == [
        ("1.", 0, "decimal", 1),
        ("a.", 1, "lowerLetter", 1),
        ("b.", 1, "lowerLetter", 2),
        ("(i)", 2, "lowerRoman", 1),
        ("2.", 0, "decimal", 2),
        None,
        ("a.", 1, "lowerLetter", 1),
        ("h.", 1, "lowerLetter", 8),
        ("i.", 1, "lowerLetter", 9),
        ("3.", 0, "decimal", 3),
        ("(i)", 1, "lowerRoman", 1),
        ("(v)", 1, "lowerRoman", 5),
    ]
    assert {x.list_key for x in labels if x} == {"typed"}
    assert all(x.typed for x in labels if x)


def test_word_numbering_wins_over_text_that_looks_like_a_label() -> None:
    labels = read(build(p("a. typed", num=1), OUTLINE + num(1, 1)))
    assert labels == [ListLabel("1.", 0, "abs:1", "decimal", 1, False)]


# --- files other programs wrote -------------------------------------------------------------------

PANDOC_MD = """\
1. First
2. Second
    a. inner one
    b. inner two
3. Third

Text between.

5. Fifth
6. Sixth
    - bullet
"""


@pytest.fixture(scope="module")
def foreign(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example letter as the project renders it and as LibreOffice re-saves it (one
    LibreOffice call), and a list pandoc wrote."""
    soffice = require_soffice()
    pandoc = require_pandoc()
    folder = tmp_path_factory.mktemp("foreign")
    ours = folder / "letter.docx"
    subprocess.run(
        [
            *(sys.executable, "-m", "oversight.cli", "render"),
            str(EXAMPLES / "irs-dhs-doge-letter.yaml"),
            "-o",
            str(ours),
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=120,
    )
    written = folder / "pandoc.docx"
    subprocess.run(
        [pandoc, "-f", "markdown", "-t", "docx", "-o", str(written)],
        input=PANDOC_MD,
        text=True,
        check=True,
        timeout=60,
    )
    resaved = folder / "libreoffice"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(resaved),
            str(ours),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return {"ours": ours, "libreoffice": resaved / "letter.docx", "pandoc": written}


def _questions_and_parts(labels: list[ListLabel | None]) -> list[tuple[int, int]]:
    """(level, number) of each label, after checking each reads as its number says."""
    out = []
    for label in labels:
        if label is None:
            continue
        expected = f"{label.number}." if label.level == 0 else f"{chr(96 + label.number)}."
        assert label.text == expected
        out.append((label.level, label.number))
    return out


@pytest.mark.parametrize("which", ["ours", "libreoffice"])
def test_the_example_letter_reads_1_2_and_a_b_restarting(
    foreign: dict[str, Path], which: str
) -> None:
    labels = read(foreign[which])
    seen = _questions_and_parts(labels)
    questions = [n for level, n in seen if level == 0]
    assert questions == list(range(1, len(questions) + 1)) and len(questions) >= 5
    part = 0
    for level, n in seen:  # parts count a, b, c... and start again after every question
        part = 0 if level == 0 else part + 1
        assert level == 0 or n == part
    assert any(level == 1 for level, _ in seen)


def test_libreoffice_resave_keeps_every_label(foreign: dict[str, Path]) -> None:
    assert [x.text for x in read(foreign["libreoffice"]) if x] == [
        x.text for x in read(foreign["ours"]) if x
    ]


def test_a_pandoc_list_reads_as_word_shows_it(foreign: dict[str, Path]) -> None:
    assert [(x.text, x.level) for x in read(foreign["pandoc"]) if x] == [
        ("1.", 0),
        ("2.", 0),
        ("a.", 1),
        ("b.", 1),
        ("3.", 0),
        ("5.", 0),
        ("6.", 0),
        ("–", 1),  # pandoc's second-level bullet is an en dash
    ]
