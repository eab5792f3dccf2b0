"""Every example through LibreOffice: what a reader sees on each page of the PDF."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import EXAMPLE_LETTERS, EXAMPLES, require_soffice

from oversight.draft.check import check_text


@pytest.fixture(scope="module")
def pdf_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Render every example with --pdf in one call; return each PDF's text, page by page."""
    require_soffice()
    folder = tmp_path_factory.mktemp("pdf")
    for letter in EXAMPLE_LETTERS:
        shutil.copy(letter, folder / letter.name)
    shutil.copytree(EXAMPLE_LETTERS[0].parent / "reports", folder / "reports")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "oversight.cli",
            "render",
            "--pdf",
            *[p.name for p in EXAMPLE_LETTERS],
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    pages: dict[str, list[str]] = {}
    for letter in EXAMPLE_LETTERS:
        pdf = folder / (letter.stem + ".pdf")
        assert pdf.exists(), f"{pdf.name} was not written"
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        pages[letter.stem] = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
    return pages


def _compact(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLE_LETTERS])
def test_anatomy_visible_in_pdf(pdf_pages: dict[str, list[str]], name: str) -> None:
    pages = pdf_pages[name]
    source = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    letterhead = source.get("from", "United States Senate").upper()
    assert len(pages) >= 2, "every example runs past one page"
    first = pages[0]
    assert letterhead in first.upper()
    assert "Dear " in first
    for later in pages[1:]:
        assert letterhead not in later.upper(), "letterhead only on page 1"
    assert "Page 2" in pages[1].split("\n\n")[0] or "Page 2" in "\n".join(pages[1].splitlines()[:6])
    for number, page in enumerate(pages[1:], start=2):
        assert page.split(f"Page {number}", 1)[-1].strip(), f"page {number} holds only the header"
    everything = "\n".join(pages)
    lines = [line.strip() for line in everything.splitlines()]
    first_label = source.get("options", {}).get("question_style", "1.")  # its first number: 1
    assert any(line.startswith(f"{first_label} ") for line in lines), "numbered questions"
    assert source.get("closing", "Sincerely,") in everything


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLE_LETTERS])
def test_the_drafts_page_estimate_matches_libreoffice(
    pdf_pages: dict[str, list[str]], name: str
) -> None:
    """The TUI's page count (an estimate from text metrics) is LibreOffice's count."""
    path = EXAMPLES / f"{name}.yaml"
    assert check_text(path.read_text(encoding="utf-8"), path).pages == len(pdf_pages[name])


def test_lettered_parts_in_pdf(pdf_pages: dict[str, list[str]]) -> None:
    lines = [line.strip() for line in "\n".join(pdf_pages["irs-dhs-doge-letter"]).splitlines()]
    assert any(line.startswith("a. ") for line in lines)
    assert any(line.startswith("b. ") for line in lines)


def test_footnote_text_is_on_the_page_that_cites_it(pdf_pages: dict[str, list[str]]) -> None:
    first = _compact(pdf_pages["irs-dhs-doge-letter"][0])
    # The first footnote's source, at the bottom of page 1, where its reference is.
    assert "The Washington Post (Feb. 28, 2025)" in first
    assert "700,000" in first


def test_page_numbers_continue(pdf_pages: dict[str, list[str]]) -> None:
    pages = pdf_pages["irs-dhs-doge-letter"]
    for number, page in enumerate(pages[1:], start=2):
        head = "\n".join(page.strip().splitlines()[:4])
        assert f"Page {number}" in head


def test_twelve_signers_in_two_columns(pdf_pages: dict[str, list[str]]) -> None:
    last = pdf_pages["committee-grouped"][-1] + pdf_pages["committee-grouped"][-2]
    # Two signer names share a line when signatures sit side by side.
    rows = [
        line
        for line in last.splitlines()
        if "Senator" in line or "Chair" in line or "Ranking" in line
    ]
    assert any(len(line.split("  ")) > 1 and len(line.strip()) > 40 for line in rows)


def test_fresh_letter_pdf(tmp_path: Path) -> None:
    """`oversight new` then render --pdf: the starter letter shows its footnote in the PDF."""
    require_soffice()
    subprocess.run([sys.executable, "-m", "oversight.cli", "new"], cwd=tmp_path, check=True)
    result = subprocess.run(
        [sys.executable, "-m", "oversight.cli", "render", "--pdf", "letter.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "letter.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "The Example Times" in text


def test_every_footnote_is_on_the_page_that_cites_it(
    pdf_pages: dict[str, list[str]], tmp_path: Path
) -> None:
    """Each footnote of the model letter prints at the foot of the page holding its reference."""
    from helpers import DocxView, W

    from oversight.letters.prepare import load_letter
    from oversight.render import docx_bytes

    docx = tmp_path / "model.docx"
    docx.write_bytes(
        docx_bytes(load_letter(EXAMPLE_LETTERS[-1].parent / "irs-dhs-doge-letter.yaml"))
    )
    view = DocxView(docx)
    before: dict[int, str] = {}
    for paragraph in view.document.iter(f"{{{W}}}p"):
        text = ""
        for node in paragraph.iter(f"{{{W}}}t", f"{{{W}}}footnoteReference"):
            if node.tag == f"{{{W}}}t":
                text += node.text or ""
            else:
                before[int(node.get(f"{{{W}}}id"))] = _compact(text)[-14:]
    notes = {n: _compact(t)[:40] for n, t in view.footnotes().items()}
    pages = [_compact(p) for p in pdf_pages["irs-dhs-doge-letter"]]
    assert len(before) == len(notes) == 12
    for number, cited_after in before.items():
        on_pages = [i for i, page in enumerate(pages) if cited_after in page]
        note_pages = [i for i, page in enumerate(pages) if notes[number] in page]
        assert on_pages, f"the text citing note {number} ({cited_after!r}) is on no page"
        assert note_pages, f"note {number} ({notes[number]!r}) is on no page"
        if notes[number] != "Id.":  # Id. prints on several pages; the others are unique
            assert note_pages[0] in on_pages, (
                f"note {number} is on page {note_pages[0] + 1}, cited on {on_pages}"
            )
