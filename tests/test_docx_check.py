"""The structural checker itself: every example passes it, and each kind of damage is caught.

A checker that never complains proves nothing, so each case below breaks one thing in a sound
letter the way a builder bug would (a part left out, a footnote or numbering id that points
nowhere, a style that does not exist...) and expects the checker to say so.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx_check import check_docx
from helpers import EXAMPLE_LETTERS

from oversight.letters.prepare import load_letter
from oversight.render import docx_bytes

Parts = dict[str, bytes]


@pytest.mark.parametrize("example", EXAMPLE_LETTERS, ids=lambda p: p.name)
def test_every_example_is_structurally_sound(example: Path) -> None:
    assert check_docx(docx_bytes(load_letter(example))) == []


@pytest.fixture(scope="module")
def sound() -> Parts:
    """The parts of a letter with footnotes, numbered questions, parts and headers."""
    data = docx_bytes(load_letter(next(p for p in EXAMPLE_LETTERS if "committee" in p.name)))
    assert check_docx(data) == []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _zip(parts: Parts) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _sub(name: str, pattern: str, repl: str, count: int = 1) -> Callable[[Parts], None]:
    def change(parts: Parts) -> None:
        text = parts[name].decode()
        new = re.sub(pattern, repl, text, count=count)
        assert new != text, f"{pattern!r} not found in {name}"
        parts[name] = new.encode()

    return change


def _drop(name: str) -> Callable[[Parts], None]:
    def change(parts: Parts) -> None:
        del parts[name]

    return change


def _add(name: str, data: bytes) -> Callable[[Parts], None]:
    def change(parts: Parts) -> None:
        parts[name] = data

    return change


DOC = "word/document.xml"
DAMAGE: dict[str, tuple[Callable[[Parts], None], str]] = {
    "part missing": (_drop("word/footnotes.xml"), "word/footnotes.xml, which is not in the"),
    "content types missing": (_drop("[Content_Types].xml"), "[Content_Types].xml is missing"),
    "no content type": (_add("word/media/seal.png", b"\x89PNG"), "gives word/media/seal.png no"),
    "part unreachable": (_add("word/extra.xml", b"<x/>"), "word/extra.xml is not reachable"),
    "override for missing part": (
        _sub(
            "[Content_Types].xml",
            "</Types>",
            '<Override PartName="/word/gone.xml" ContentType="application/xml"/></Types>',
        ),
        "Override for /word/gone.xml",
    ),
    "relationship to nothing": (
        _sub("word/_rels/document.xml.rels", 'Target="fontTable.xml"', 'Target="fonts.xml"'),
        "points to word/fonts.xml",
    ),
    "duplicate relationship id": (
        _sub("word/_rels/document.xml.rels", 'Id="rIdFonts"', 'Id="rIdStyles"'),
        "rIdStyles is used twice",
    ),
    "XML does not parse": (_sub(DOC, "</w:body>", ""), "does not parse"),
    "forbidden character": (_sub(DOC, r"(<w:t[^>]*>)", r"\1&#x1;"), "forbidden"),
    "raw control character": (_sub(DOC, r"(<w:t[^>]*>)", "\\1\x0b"), "U+000B"),
    "footnote reference to nothing": (
        _sub(DOC, r'w:footnoteReference w:id="1"', 'w:footnoteReference w:id="99"'),
        "footnoteReference 99 has no footnote",
    ),
    "footnote referenced twice": (
        _sub(DOC, r'w:footnoteReference w:id="2"', 'w:footnoteReference w:id="1"'),
        "footnote 1 is referenced 2 times",
    ),
    "footnote never referenced": (
        _sub(
            "word/footnotes.xml",
            "</w:footnotes>",
            '<w:footnote w:id="77"><w:p/></w:footnote></w:footnotes>',
        ),
        "footnote 77 is referenced 0 times",
    ),
    "separator missing": (
        _sub("word/footnotes.xml", r'<w:footnote w:type="separator".*?</w:footnote>', ""),
        "no separator footnote with id -1",
    ),
    "footnotePr missing": (
        _sub("word/settings.xml", r"<w:footnotePr>.*?</w:footnotePr>", ""),
        "does not name footnotes -1 and 0",
    ),
    "numId without num": (
        _sub(DOC, r'<w:numId w:val="\d+"/>', '<w:numId w:val="42"/>'),
        "numId 42 has no w:num",
    ),
    "num without abstractNum": (
        _sub("word/numbering.xml", r'<w:abstractNumId w:val="1"/>', '<w:abstractNumId w:val="9"/>'),
        "uses abstractNumId 9",
    ),
    "abstractNum after num": (
        _sub(
            "word/numbering.xml",
            "</w:numbering>",
            '<w:abstractNum w:abstractNumId="3"/></w:numbering>',
        ),
        "a w:abstractNum comes after a w:num",
    ),
    "unknown paragraph style": (
        _sub(DOC, 'w:pStyle w:val="Salutation"', 'w:pStyle w:val="Salutaton"'),
        "w:pStyle 'Salutaton' is not a paragraph style",
    ),
    "character style used as paragraph style": (
        _sub(DOC, 'w:pStyle w:val="Salutation"', 'w:pStyle w:val="FootnoteReference"'),
        "'FootnoteReference' is not a paragraph style",
    ),
    "header reference to nothing": (
        _sub(DOC, 'r:id="rIdHeaderFirst"', 'r:id="rIdNope"'),
        "headerReference r:id rIdNope resolves to no part",
    ),
    "header reference to a non-header": (
        _sub(DOC, 'r:id="rIdHeaderFirst"', 'r:id="rIdStyles"'),
        "r:id rIdStyles is not a header",
    ),
    "body not ending with sectPr": (
        _sub(DOC, "</w:sectPr></w:body>", "</w:sectPr><w:p/></w:body>"),
        "the body does not end with a w:sectPr",
    ),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damage_is_caught(sound: Parts, damage: str) -> None:
    change, expected = DAMAGE[damage]
    parts = dict(sound)
    change(parts)
    problems = check_docx(_zip(parts))
    assert any(expected in p for p in problems), problems


def test_not_a_zip() -> None:
    assert check_docx(b"PK\x03\x04 not really")[0].startswith("not a zip file")


def test_path_and_bytes_agree(tmp_path: Path, sound: Parts) -> None:
    data = _zip(sound)
    (tmp_path / "letter.docx").write_bytes(data)
    assert check_docx(tmp_path / "letter.docx") == check_docx(str(tmp_path / "letter.docx"))
    assert check_docx(data) == []
