"""The PDF `render --pdf` writes: archival (PDF/A-2b), tagged for screen readers, with the letter's
title, author and language in its metadata; `--pdf plain` is LibreOffice's plain PDF.

pikepdf reads each PDF back. veraPDF, where installed, validates against PDF/A-2b.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import docx
import pikepdf
import pytest
from helpers import EXAMPLE_LETTERS, EXAMPLES, MINIMAL, NS, DocxView, W, require_soffice

from oversight.dates import long_date
from oversight.letters.prepare import load_letter
from oversight.render.context import document_properties, render_ir

# A letter with no subject, in British English: its title is made from the recipient and date.
BRITISH = MINIMAL + "options:\n  locale: en_GB\n"
XMP_PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
XMP_DC = "{http://purl.org/dc/elements/1.1/}"


# --- the .docx: what LibreOffice makes the PDF's metadata from --------------------------------


def test_title_author_language_of_a_letter(write_letter) -> None:
    model = load_letter(EXAMPLES / "irs-dhs-doge-letter.yaml")
    assert document_properties(model) == (
        "DHS and DOGE activity in IRS systems and requests for taxpayer information",
        "Catherine Cortez Masto, United States Senator",
        "en-US",
    )
    british = load_letter(write_letter(BRITISH))
    assert document_properties(british) == (
        "Letter to The Honorable Jane Doe, 20 March 2025",
        "John Q. Senator, United States Senator",
        "en-GB",
    )
    two = MINIMAL.replace("signers:", "  - name: John Roe\n    address: [Somewhere]\nsigners:")
    two = two.replace(
        "  - name: John Q. Senator",
        "  - name: Ron Wyden\n    title: [Ranking Member, Committee on Finance]",
    )
    title, author, _ = document_properties(load_letter(write_letter(two)))
    assert title == "Letter to The Honorable Jane Doe and others, March 20, 2025"
    assert author == "Ron Wyden, Ranking Member, Committee on Finance"


def test_docx_carries_title_author_language(write_letter, render) -> None:
    view = render(write_letter(BRITISH))
    core = view.xml("docProps/core.xml")
    dc = "http://purl.org/dc/elements/1.1/"
    assert core.findtext(f"{{{dc}}}title") == "Letter to The Honorable Jane Doe, 20 March 2025"
    assert core.findtext(f"{{{dc}}}creator") == "John Q. Senator, United States Senator"
    assert core.findtext(f"{{{dc}}}language") == "en-GB"
    assert _default_language(view) == "en-GB"
    heading = view.xml("word/styles.xml").find("w:style[@w:styleId='QuestionHeading']", NS)
    assert heading.find("w:pPr/w:outlineLvl", NS).get(f"{{{W}}}val") == "0", (
        "group headings have outline level 1: LibreOffice tags them H1"
    )


@pytest.mark.parametrize("defaults", ["kept", "without a language", "without docDefaults"])
def test_an_office_reference_takes_the_letter_language(
    tmp_path: Path,
    write_letter,
    render,
    defaults: str,
) -> None:
    """The office's styles keep all but their default language, which is the letter's."""
    reference = tmp_path / "office.docx"
    made = tmp_path / "made.docx"
    document = docx.Document()
    for rid, rel in list(document.part.rels.items()):  # see test_letterhead.office_docx
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rid)
    document.save(str(made))
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(reference, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/styles.xml" and defaults == "without a language":
                data = re.sub(rb"<w:lang [^>]*/>", b"", data)
            elif item.filename == "word/styles.xml" and defaults == "without docDefaults":
                data = re.sub(rb"<w:docDefaults>.*?</w:docDefaults>", b"", data, flags=re.S)
            out.writestr(item, data)
    view = render(write_letter(BRITISH + "letterhead: office.docx\n"))
    assert _default_language(view) == "en-GB"


def _default_language(view: DocxView) -> str:
    langs = view.xml("word/styles.xml").findall("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert len(langs) == 1
    return str(langs[0].get(f"{{{W}}}val"))


# --- what is asked of LibreOffice, and a LibreOffice that cannot do it -------------------------


def _fake_soffice(folder: Path) -> Path:
    """A stand-in `soffice` that records its arguments and writes a plain PDF for each input,
    as a LibreOffice before 7.4 does when given JSON export options."""
    folder.mkdir()
    program = folder / "soffice"
    program.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib\n"
        "args = sys.argv[1:]\n"
        "pathlib.Path(__file__).with_name('args.json').write_text(__import__('json').dumps(args))\n"
        "out = pathlib.Path(args[args.index('--outdir') + 1])\n"
        "out.mkdir(parents=True, exist_ok=True)\n"
        "for a in args:\n"
        "    if a.endswith('.docx'):\n"
        "        (out / (pathlib.Path(a).stem + '.pdf')).write_bytes(b'%PDF-1.4\\n%%EOF\\n')\n",
        encoding="utf-8",
    )
    program.chmod(0o755)
    return folder


@pytest.mark.not_a_docx("letter.docx", reason="stands for a letter: the fake soffice reads no file")
def test_libreoffice_is_asked_for_pdfa_and_one_that_writes_none_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oversight.render.pdf import PdfError, convert

    bin_dir = _fake_soffice(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(bin_dir))
    letter = tmp_path / "letter.docx"
    letter.write_bytes(b"stands for a letter")
    with pytest.raises(PdfError) as caught:
        convert([letter])
    assert "not PDF/A" in str(caught.value) and "7.4" in (caught.value.hint or "")
    assert not letter.with_suffix(".pdf").exists()
    asked = json.loads((bin_dir / "args.json").read_text(encoding="utf-8"))
    target = asked[asked.index("--convert-to") + 1]
    name, options = target.split(":", 2)[1:]
    assert name == "writer_pdf_Export"
    assert json.loads(options) == {
        "SelectPdfVersion": {"type": "long", "value": "2"},
        "UseTaggedPDF": {"type": "boolean", "value": "true"},
    }
    assert convert([letter], kind="plain") == [letter.with_suffix(".pdf")]
    asked = json.loads((bin_dir / "args.json").read_text(encoding="utf-8"))
    assert asked[asked.index("--convert-to") + 1] == "pdf"


@pytest.mark.parametrize(
    ("argv", "kind", "letters"),
    [
        (["--pdf", "a.yaml", "b.yaml"], "pdfa", ["a.yaml", "b.yaml"]),
        (["a.yaml", "--pdf", "b.yaml"], "pdfa", ["a.yaml", "b.yaml"]),
        (["a.yaml", "b.yaml", "--pdf"], "pdfa", ["a.yaml", "b.yaml"]),
        (["--pdf", "plain", "a.yaml"], "plain", ["a.yaml"]),
        (["a.yaml", "--pdf=plain"], "plain", ["a.yaml"]),
        (["a.yaml"], None, ["a.yaml"]),
    ],
)
def test_pdf_option(argv: list[str], kind: str | None, letters: list[str]) -> None:
    """`--pdf` takes an optional kind; a letter file right after it stays a letter file."""
    from oversight.cli.main import _parser
    from oversight.cli.render import _letters

    args = _parser("render").parse_args(["render", *argv])
    assert args.pdf == kind
    assert _letters(args) == [Path(p) for p in letters]


# --- the PDFs LibreOffice writes ----------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every example and the British letter with --pdf in one call; the British letter again with
    --pdf plain."""
    require_soffice()
    folder = tmp_path_factory.mktemp("pdfa")
    for letter in EXAMPLE_LETTERS:
        shutil.copy(letter, folder / letter.name)
    shutil.copytree(EXAMPLES / "reports", folder / "reports")
    (folder / "british.yaml").write_text(BRITISH, encoding="utf-8")
    names = [p.name for p in EXAMPLE_LETTERS] + ["british.yaml"]
    _render(folder, "--pdf", *names)
    plain = folder / "plain"
    plain.mkdir()
    (plain / "british.yaml").write_text(BRITISH, encoding="utf-8")
    _render(plain, "british.yaml", "--pdf", "plain")
    out = {Path(n).stem: folder / Path(n).with_suffix(".pdf") for n in names}
    out["plain"] = plain / "british.pdf"
    return out


def _render(folder: Path, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "oversight.cli", "render", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr


def _structure(pdf: pikepdf.Pdf) -> list[str]:
    """The standard type of every structure element, depth first (custom types through RoleMap)."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return []
    role_map = root.get("/RoleMap", pikepdf.Dictionary())
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            kind = str(node.S)
            found.append(str(role_map.get(kind, kind)))
            if "/K" in node:
                walk(node.K)

    walk(root.get("/K"))
    return found


def _tagged_links(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """The link annotations that Link structure elements hold (outside the notes: references)."""
    links: list[pikepdf.Dictionary] = []

    def walk(node: Any, in_note: bool) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid, in_note)
        elif isinstance(node, pikepdf.Dictionary):
            if node.get("/Type") == "/OBJR" and not in_note:
                links.append(node.Obj)
            elif "/S" in node and "/K" in node:
                walk(node.K, in_note or node.S == "/Note")

    walk(pdf.Root.StructTreeRoot.K, False)
    return links


@pytest.mark.parametrize("name", [*(p.stem for p in EXAMPLE_LETTERS), "british"])
def test_pdfa_2b_tagged(pdfs: dict[str, Path], name: str) -> None:
    with pikepdf.open(pdfs[name]) as pdf:
        meta = pdf.open_metadata()
        assert meta.get(f"{XMP_PDFAID}part") == "2"
        assert meta.get(f"{XMP_PDFAID}conformance") == "B"
        assert "/OutputIntents" in pdf.Root, "PDF/A names its colour space"
        assert bool(pdf.Root.MarkInfo.Marked) is True
        tags = _structure(pdf)
        assert tags[0] == "/Document" and "/P" in tags


def test_metadata_title_author_language(pdfs: dict[str, Path]) -> None:
    expected = {
        "irs-dhs-doge-letter": (
            "DHS and DOGE activity in IRS systems and requests for taxpayer information",
            "Catherine Cortez Masto, United States Senator",
            "en-US",
        ),
        "british": (
            f"Letter to The Honorable Jane Doe, {long_date(datetime.date(2025, 3, 20), 'en_GB')}",
            "John Q. Senator, United States Senator",
            "en-GB",
        ),
    }
    for name, (title, author, language) in expected.items():
        with pikepdf.open(pdfs[name]) as pdf:
            assert str(pdf.docinfo["/Title"]) == title
            assert str(pdf.docinfo["/Author"]) == author
            assert str(pdf.Root.Lang) == language
            meta = pdf.open_metadata()
            assert meta.get(f"{XMP_DC}title") == title
            assert meta.get(f"{XMP_DC}creator") == [author]
            assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle), "readers show the title"


def test_headings_lists_and_footnotes_are_tagged(pdfs: dict[str, Path]) -> None:
    """The committee letter: three group headings (H1), its questions as lists with lettered
    parts nested, each footnote a Note that its reference links to."""
    prep = load_letter(EXAMPLES / "committee-grouped.yaml")
    doc = render_ir(prep)
    groups = sum(1 for s in prep.sections if s.heading)
    questions = sum(len(s.questions) for s in prep.sections)
    parts = sum(len(q.parts) for s in prep.sections for q in s.questions)
    with pikepdf.open(pdfs["committee-grouped"]) as pdf:
        tags = Counter(_structure(pdf))
        to_notes = _tagged_links(pdf)
    assert groups == 3 and tags["/H1"] == groups
    assert not any(t in tags for t in ("/H2", "/H3", "/H"))
    assert tags["/L"] >= 1 + sum(1 for s in prep.sections for q in s.questions if q.parts)
    assert tags["/LI"] == tags["/LBody"] == questions + parts
    assert tags["/Note"] == len(doc.footnotes)
    assert len(to_notes) == len(doc.footnotes), "each footnote reference links to its note"
    assert all("/Dest" in link or "/A" in link for link in to_notes)


def test_the_model_letter_has_no_headings_but_lists_and_notes(pdfs: dict[str, Path]) -> None:
    with pikepdf.open(pdfs["irs-dhs-doge-letter"]) as pdf:
        tags = Counter(_structure(pdf))
    assert not any(t.startswith("/H") for t in tags)
    assert tags["/L"] and tags["/LI"] and tags["/Note"] == 12


def test_the_signature_grid_is_layout_not_a_table(pdfs: dict[str, Path]) -> None:
    """Three signers sit in two columns, a table in the .docx; in the PDF they are Div blocks a
    screen reader reads in order, and no element is a table (the .docx's grid is still there)."""
    prep = load_letter(EXAMPLES / "irs-dhs-doge-letter.yaml")
    assert len(prep.letter.signers) == 3
    with pikepdf.open(pdfs["irs-dhs-doge-letter"]) as pdf:
        tags = Counter(_structure(pdf))
    assert not {"/Table", "/TR", "/TD", "/TH"} & set(tags), tags
    assert tags["/Div"] >= 1 + 2 + 3, "the grid, its two rows and its three cells are Divs"


def test_retagging_leaves_a_pdf_without_tables_as_it_was(tmp_path: Path) -> None:
    from oversight.render.pdf import signature_grid_as_layout

    pdf = pikepdf.new()
    pdf.add_blank_page()
    path = tmp_path / "untagged.pdf"
    pdf.save(path)
    before = path.read_bytes()
    assert signature_grid_as_layout(path) == 0
    assert path.read_bytes() == before


def test_plain_pdf_is_neither_pdfa_nor_tagged(pdfs: dict[str, Path]) -> None:
    with pikepdf.open(pdfs["plain"]) as pdf:
        meta = pdf.open_metadata()
        assert meta.get(f"{XMP_PDFAID}part") is None
        assert "/StructTreeRoot" not in pdf.Root
        assert "/MarkInfo" not in pdf.Root or not bool(pdf.Root.MarkInfo.get("/Marked", False))
        assert str(pdf.docinfo["/Author"]) == "John Q. Senator, United States Senator"


def test_verapdf_validates_pdfa_2b(pdfs: dict[str, Path]) -> None:
    """veraPDF is not in Debian: this check runs where it is installed and is skipped elsewhere
    (the tests above read the PDF/A identification and structure with pikepdf)."""
    verapdf = shutil.which("verapdf")
    if verapdf is None:
        pytest.skip("veraPDF is not installed")
    files = [str(p) for name, p in pdfs.items() if name != "plain"]
    result = subprocess.run(
        [verapdf, "--flavour", "2b", "--format", "mrr", *files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert 'isCompliant="false"' not in result.stdout, result.stdout[-4000:]
    assert result.stdout.count('isCompliant="true"') == len(files), result.stdout[-4000:]
