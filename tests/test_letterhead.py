"""An office's own Word file supplies the styles and the first-page letterhead."""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from pathlib import Path

import docx
import pytest
from docx.shared import Inches, Pt
from helpers import MINIMAL, NS, W, require_soffice

from oversight.errors import UserError


def _png(path: Path) -> None:
    """A small solid PNG (a stand-in for a seal) without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    width = height = 8
    raw = b"".join(b"\x00" + b"\x20\x40\x80" * width for _ in range(height))
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def office_docx(tmp_path: Path) -> Path:
    """A committee's reference document: Garamond 13 pt, a first-page header with a seal."""
    seal = tmp_path / "seal.png"
    _png(seal)
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Garamond"
    normal.font.size = Pt(13)
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.top_margin = Inches(1.25)
    header = section.first_page_header
    header.paragraphs[0].add_run().add_picture(str(seal), width=Inches(0.5))
    header.add_paragraph("COMMITTEE ON EXAMPLE AFFAIRS")
    header.add_paragraph("WASHINGTON, DC 20510-6250")
    section.header.paragraphs[0].text = "this default header is not the letterhead"
    # python-docx changes styles.xml but not the Word 2010 copy of it, stylesWithEffects.xml,
    # which then lacks the Header and Footer styles and has other defaults: Word may call that
    # unreadable content (openxml-audit does). Word keeps the two in step; so does this file.
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rid)
    path = tmp_path / "office.docx"
    document.save(str(path))
    return path


def test_office_letterhead_styles_and_page(tmp_path, write_letter, render, office_docx) -> None:
    view = render(write_letter(MINIMAL + "letterhead: office.docx\n"))
    first = view.header_text("first")
    assert "COMMITTEE ON EXAMPLE AFFAIRS" in first and "WASHINGTON, DC 20510-6250" in first
    assert "United States Senate" not in first
    assert "Jane Doe" in view.header_text("default"), "continuation header is still ours"
    rels = view.parts["word/_rels/header1.xml.rels"].decode()
    assert "media/letterhead" in rels
    media = [n for n in view.parts if n.startswith("word/media/letterhead")]
    assert media and view.parts[media[0]].startswith(b"\x89PNG")
    assert 'Extension="png"' in view.parts["[Content_Types].xml"].decode()
    styles = view.parts["word/styles.xml"].decode()
    assert "Garamond" in styles, "the office's fonts are kept"
    assert 'w:styleId="Recipient"' in styles and 'w:styleId="QuestionPart"' in styles, (
        "ours are added"
    )
    margins = view.document.find("w:body/w:sectPr/w:pgMar", NS)
    assert margins.get(f"{{{W}}}top") == "1800", "the office's margins are kept"
    docx.Document(str(view.path))  # reopens


def test_office_letterhead_converts_in_libreoffice(tmp_path, write_letter, office_docx) -> None:
    require_soffice()
    letter = write_letter(MINIMAL + "letterhead: office.docx\n")
    result = subprocess.run(
        [sys.executable, "-m", "oversight.cli", "render", "--pdf", letter.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "letter.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "COMMITTEE ON EXAMPLE AFFAIRS" in text
    assert "Dear Secretary Doe:" in text


@pytest.mark.not_a_docx("office.docx", reason="a letterhead that is not a Word document")
def test_a_letterhead_that_is_not_a_docx(tmp_path, write_letter) -> None:
    from oversight.letters.prepare import load_letter
    from oversight.render import docx_bytes

    (tmp_path / "office.docx").write_text("not a zip", encoding="utf-8")
    letter = write_letter(MINIMAL + "letterhead: office.docx\n")
    with pytest.raises(UserError) as caught:
        docx_bytes(load_letter(letter))
    problem = caught.value.problems[0]
    assert (
        problem.file.endswith("letter.yaml")
        and problem.line == 12
        and problem.path == ("letterhead",)
    )
    assert "not a Word document" in problem.message
