"""Opening an office's past Word letters for import: every hostile or unusable file is refused
with one message a staffer can act on, nothing written or changed; good files open, their parts
found through their relationships; .odt and .rtf convert through LibreOffice (one call)."""

from __future__ import annotations

import contextlib
import hashlib
import struct
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, require_pandoc, require_soffice

from oversight.importing import convert
from oversight.importing.convert import to_docx
from oversight.importing.package import (
    DEFAULT_LIMITS,
    Limits,
    PackageError,
    check_directory,
    open_docx,
    read_members,
)

# The hostile files are not Word documents, and the good ones are other programs' (python-docx,
# LibreOffice): the project writes none of them, so openxml-audit has nothing to say about them.
pytestmark = pytest.mark.not_a_docx("*.docx", reason="files the importer reads, not ours")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{DOCX_MAIN}"/>
</Types>"""
ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1"
Type="{R_NS}/officeDocument" Target="word/document.xml"/></Relationships>"""


def body(paragraphs: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{paragraphs}</w:body></w:document>'
    )


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def minimal(**extra: bytes | str) -> dict[str, bytes | str]:
    """The members of the smallest .docx, plus (or replacing) ``extra``."""
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "word/document.xml": body(para("We write to ask about records.")),
        **extra,
    }


def make_zip(path: Path, members: dict[str, bytes | str]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": the point of one test
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in members.items():
                zf.writestr(name, data)
    return path


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder``: its digest and modification time."""
    return {
        str(p.relative_to(folder)): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def refusal(path: Path, limits: Limits = DEFAULT_LIMITS) -> PackageError:
    """The error opening ``path`` gives; the folder holding it is left exactly as it was."""
    before = snapshot(path.parent)
    with pytest.raises(PackageError) as caught:
        open_docx(path, limits)
    assert snapshot(path.parent) == before, "opening a file must write and change nothing"
    return caught.value


def ole(*streams: str) -> bytes:
    """An OLE compound file as far as detection reads one: the signature, then the names of its
    streams in UTF-16LE (as its directory stores them)."""
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
    return header + b"".join(s.encode("utf-16-le") + bytes(64 - 2 * len(s)) for s in streams)


# -- what the file is ----------------------------------------------------------------------------


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(b"")
    assert str(refusal(path)) == "the file is empty"


def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_text("Dear Secretary,\nWe write to ask...\n", encoding="utf-8")
    assert str(refusal(path)) == "not a Word document: it is not a zip package, as a .docx is"


def test_a_truncated_zip_is_refused(tmp_path: Path) -> None:
    whole = make_zip(tmp_path / "whole.docx", minimal()).read_bytes()
    path = tmp_path / "letter.docx"
    path.write_bytes(whole[: len(whole) // 2])
    assert str(refusal(path)).startswith("not a Word document: it is not a readable zip package")


def test_a_legacy_doc_is_refused_saying_import_converts_it(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(ole("Root Entry", "WordDocument", "1Table", "\x05SummaryInformation"))
    err = refusal(path)
    assert str(err) == "it is a Word 97-2003 document (.doc), not a .docx"
    assert "converts .doc" in (err.hint or "") and "LibreOffice" in (err.hint or "")


def test_an_encrypted_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(ole("Root Entry", "EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"))
    err = refusal(path)
    assert str(err) == "the document is password-protected (encrypted), so it cannot be read"
    assert "remove the password" in (err.hint or "")


def test_another_old_office_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "budget.docx"
    path.write_bytes(ole("Root Entry", "Workbook"))
    assert str(refusal(path)) == "not a Word document: it is an older Office file (not Word)"


def test_an_odt_is_refused_by_open_and_sent_to_conversion(tmp_path: Path) -> None:
    path = make_zip(
        tmp_path / "letter.docx",
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"},
    )
    err = refusal(path)
    assert str(err) == "it is an OpenDocument file (.odt), not a .docx"
    assert "LibreOffice" in (err.hint or "")


def test_a_workbook_is_not_a_word_document(tmp_path: Path) -> None:
    sheet = '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    path = make_zip(tmp_path / "letter.docx", minimal(**{"word/document.xml": sheet}))
    assert "is not a Word document's body" in str(refusal(path))


# -- the zip's directory and contents -------------------------------------------------------------


def test_a_zip_bomb_member_is_refused_from_the_directory(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "letter.docx", minimal(**{"word/media/image1.png": bytes(20 << 20)}))
    assert path.stat().st_size < 100_000
    assert str(refusal(path)) == (
        "refused: its part word/media/image1.png inflates more than 100 times (a zip bomb)"
    )


def test_parts_too_large_together_are_refused(tmp_path: Path) -> None:
    noise = hashlib.sha256(b"x").digest() * 20_000  # 640 KB that hardly compresses
    members = minimal(**{f"word/media/image{i}.png": noise for i in range(3)})
    path = make_zip(tmp_path / "letter.docx", members)
    limits = Limits(max_total_uncompressed=1 << 20)
    assert str(refusal(path, limits)) == (
        "refused: its parts inflate to more than 1 MB (at least 1 MB: a zip bomb, or far more "
        "than a letter)"
    )


def _lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """The zip with ``name``'s uncompressed size replaced by ``size`` in both its local header
    and the central directory."""
    out = bytearray(data)
    encoded = name.encode()
    for sig, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (at := out.find(sig, start)) != -1:
            if out[at + name_at : at + name_at + len(encoded)] == encoded:
                struct.pack_into("<I", out, at + size_at, size)
            start = at + 4
    return bytes(out)


def test_a_directory_that_lies_about_a_size_is_caught_while_reading(tmp_path: Path) -> None:
    bomb = body(para("x") + " " * (30 << 20))  # 30 MB of XML, 30 KB stored
    data = make_zip(tmp_path / "honest.docx", minimal(**{"word/document.xml": bomb})).read_bytes()
    (tmp_path / "honest.docx").unlink()
    path = tmp_path / "letter.docx"
    path.write_bytes(_lie_about_size(data, "word/document.xml", 1000))
    message = str(refusal(path))
    assert message.startswith(
        "the file is damaged: its part word/document.xml does not match the zip's directory"
    )


def test_limits_are_counted_while_reading_too(tmp_path: Path) -> None:
    """Reading holds a member to the ratio and the total as it inflates, not only as the
    directory says (read_members is given a zip the directory check has not seen)."""
    path = make_zip(tmp_path / "letter.docx", minimal(**{"word/media/a.bin": bytes(5 << 20)}))
    with zipfile.ZipFile(path) as zf:
        with pytest.raises(PackageError, match="inflates more than 100 times"):
            read_members(zf, Limits())
        with pytest.raises(PackageError, match="inflate to more than 2 MB"):
            read_members(zf, Limits(max_total_uncompressed=2 << 20, max_member_ratio=10**6))


def test_too_many_members_are_refused(tmp_path: Path) -> None:
    members = minimal(**{f"word/media/i{i}.png": b"" for i in range(1000)})
    path = make_zip(tmp_path / "letter.docx", members)
    assert str(refusal(path)) == (
        "refused: it holds 1,003 parts (the limit is 1,000); a letter has a few dozen"
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../x", "refused: it holds a part whose name climbs out of it ('../x')"),
        ("word/../../x", "refused: it holds a part whose name climbs out of it ('word/../../x')"),
        ("..\\x", "refused: it holds a part whose name climbs out of it ('..\\\\x')"),
        ("/etc/x", "refused: it holds a part with an absolute path ('/etc/x')"),
        ("C:\\x", "refused: it holds a part with an absolute path ('C:\\\\x')"),
        ("\\\\server\\x", "refused: it holds a part with an absolute path ('\\\\\\\\server\\\\x')"),
    ],
)
def test_a_member_named_outside_the_package_is_refused(
    tmp_path: Path, name: str, message: str
) -> None:
    path = make_zip(tmp_path / "letter.docx", minimal(**{name: b"payload"}))
    with zipfile.ZipFile(path) as zf:
        assert name in zf.namelist()  # as written, not cleaned by zipfile
    assert str(refusal(path)) == message


@pytest.mark.parametrize("second", ["word/document.xml", "Word/Document.XML"])
def test_a_member_named_twice_is_refused(tmp_path: Path, second: str) -> None:
    path = make_zip(tmp_path / "letter.docx", minimal())
    with warnings.catch_warnings(), zipfile.ZipFile(path, "a") as zf:
        warnings.simplefilter("ignore")
        zf.writestr(second, body(para("Another text")))
    assert str(refusal(path)) == f"refused: it holds the part {second} twice"


def test_a_password_protected_zip_member_is_refused(tmp_path: Path) -> None:
    data = bytearray(make_zip(tmp_path / "plain.docx", minimal()).read_bytes())
    (tmp_path / "plain.docx").unlink()
    for sig, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(sig)
        data[at + flags_at] |= 1
    path = tmp_path / "letter.docx"
    path.write_bytes(bytes(data))
    assert "password-protected" in str(refusal(path))


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "letter.docx", minimal())
    limits = Limits(max_file_bytes=100)
    assert str(refusal(path, limits)).startswith("refused: the file is 0 MB (the limit is 0 MB)")


def test_the_directory_check_alone_accepts_a_letter(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "letter.docx", minimal())
    with zipfile.ZipFile(path) as zf:
        check_directory(zf.infolist(), Limits())


# -- the package's structure ----------------------------------------------------------------------


def test_a_zip_without_a_document_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "letter.docx", {"notes.txt": "hello"})
    assert str(refusal(path)) == "not a Word document: it is a zip with no word/document.xml"


def test_a_package_without_its_relationships_is_refused(tmp_path: Path) -> None:
    members = minimal()
    del members["_rels/.rels"]
    path = make_zip(tmp_path / "letter.docx", members)
    assert str(refusal(path)) == (
        "the file is damaged: it has no package relationships (_rels/.rels)"
    )


def test_relationships_naming_a_missing_main_part_are_refused(tmp_path: Path) -> None:
    rels = ROOT_RELS.replace("word/document.xml", "word/letter.xml")
    path = make_zip(tmp_path / "letter.docx", minimal(**{"_rels/.rels": rels}))
    assert str(refusal(path)) == (
        "not a Word document: it is a zip with no main document part (_rels/.rels names none "
        "that is there)"
    )


def test_the_main_part_is_found_through_the_relationships(tmp_path: Path) -> None:
    """Not assumed to be word/document.xml."""
    rels = ROOT_RELS.replace("word/document.xml", "/content/main.xml")
    members = minimal(**{"_rels/.rels": rels, "content/main.xml": body(para("Found."))})
    del members["word/document.xml"]
    package = open_docx(make_zip(tmp_path / "letter.docx", members))
    assert package.main_name == "content/main.xml"
    assert "".join(package.document.itertext()) == "Found."


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE w:document [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE w:document SYSTEM "http://example.invalid/evil.dtd">',
        "<!DOCTYPE w:document>",
    ],
)
def test_xml_with_a_doctype_or_entities_is_refused(tmp_path: Path, doctype: str) -> None:
    xml = body(para("&b;" if "ENTITY a" in doctype else "x"))
    xml = xml.replace("\n", "\n" + doctype + "\n", 1)
    path = make_zip(tmp_path / "letter.docx", minimal(**{"word/document.xml": xml}))
    err = refusal(path)
    assert str(err) == (
        "refused: its part word/document.xml declares a DTD or entities, which Word never writes"
    )


def test_a_doctype_in_the_relationships_is_refused_too(tmp_path: Path) -> None:
    rels = ROOT_RELS.replace("\n", '\n<!DOCTYPE Relationships [<!ENTITY t "word">]>\n', 1)
    path = make_zip(tmp_path / "letter.docx", minimal(**{"_rels/.rels": rels}))
    assert "its part _rels/.rels declares a DTD" in str(refusal(path))


def test_malformed_xml_in_the_document_is_refused(tmp_path: Path) -> None:
    xml = body(para("unclosed <w:r>"))
    path = make_zip(tmp_path / "letter.docx", minimal(**{"word/document.xml": xml}))
    assert str(refusal(path)).startswith(
        "the file is damaged: its part word/document.xml is not well-formed XML ("
    )


def test_a_vba_project_is_refused(tmp_path: Path) -> None:
    members = minimal(**{"word/vbaProject.bin": ole("Root Entry", "VBA")})
    err = refusal(make_zip(tmp_path / "letter.docx", members))
    assert str(err) == (
        "refused: it is a macro-enabled document (.docm); macros are never imported"
    )
    assert "save it as a Word Document (.docx), without macros" in (err.hint or "")


def test_a_macro_enabled_content_type_is_refused(tmp_path: Path) -> None:
    types = CONTENT_TYPES.replace(
        DOCX_MAIN, "application/vnd.ms-word.document.macroEnabled.main+xml"
    )
    path = make_zip(tmp_path / "letter.docm", minimal(**{"[Content_Types].xml": types}))
    assert "macro-enabled document (.docm)" in str(refusal(path))


def test_a_500_page_document_is_refused(tmp_path: Path) -> None:
    xml = body(para("A line of a very long report.") * 15_000)
    path = make_zip(tmp_path / "letter.docx", minimal(**{"word/document.xml": xml}))
    err = refusal(path)
    assert str(err) == (
        "refused: the document has 15,000 paragraphs (the limit is 5,000, some 150 pages); "
        "a letter has a few hundred"
    )


def test_tracked_changes_and_comments_are_warnings_not_errors(tmp_path: Path) -> None:
    w = f'xmlns:w="{W_NS}"'
    xml = body(
        '<w:p><w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:t>new</w:t>'
        '</w:r></w:ins><w:del w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r>'
        "<w:delText>old</w:delText></w:r></w:del></w:p>"
    )
    comments = (
        f'<w:comments {w}><w:comment w:id="0" w:author="A">{para("Check this.")}</w:comment>'
        f'<w:comment w:id="1" w:author="B">{para("Agreed.")}</w:comment></w:comments>'
    )
    doc_rels = (
        f'<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId9" '
        f'Type="{R_NS}/comments" Target="comments.xml"/></Relationships>'
    )
    members = minimal(
        **{
            "word/document.xml": xml,
            "word/comments.xml": comments,
            "word/_rels/document.xml.rels": doc_rels,
        }
    )
    package = open_docx(make_zip(tmp_path / "letter.docx", members))
    assert package.comments is not None
    assert package.warnings == [
        "it has tracked changes (1 insertions, 1 deletions): insertions are imported as "
        "accepted, deletions are dropped",
        "it has 2 comments: they are not imported",
    ]


def test_the_error_names_the_file_as_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(b"")
    problem = refusal(path).problem(path)
    assert problem.headline().endswith("letter.docx: the file is empty")


# -- good files -----------------------------------------------------------------------------------


def _found_through_rels(path: Path, *parts: str) -> None:
    package = open_docx(path)
    assert package.document.tag == f"{{{W_NS}}}document"
    rels = {kind: name for kind, name in package.rels.values()}
    for kind in parts:
        assert kind in rels, f"{path.name}: no {kind} relationship"
        element = getattr(package, kind)
        assert element is not None, f"{path.name}: {kind} not found"
        assert package.xml(rels[kind]) is element
    assert package.part(package.main_name) is not None
    assert package.part("no/such/part.xml") is None


def test_a_python_docx_file_opens(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("We write to ask about records.")
    document.add_paragraph("First question", style="List Number")
    path = tmp_path / "python-docx.docx"
    document.save(str(path))
    _found_through_rels(path, "styles", "numbering")
    assert open_docx(path).warnings == []


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An example letter as the project renders it."""
    out = tmp_path_factory.mktemp("rendered") / "letter.docx"
    result = subprocess.run(
        [sys.executable, "-m", "oversight.cli", "render", "examples/irs-dhs-doge-letter.yaml",
         "-o", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return out


def test_a_letter_the_project_rendered_opens(rendered: Path) -> None:
    _found_through_rels(rendered, "styles", "numbering", "footnotes")
    package = open_docx(rendered)
    assert package.comments is None and package.warnings == []


@pytest.fixture(scope="module")
def converted(
    rendered: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, dict[Path, Path | PackageError]]]:
    """The rendered letter through pandoc to .odt and .rtf, and those (with a damaged .odt and a
    .txt) through LibreOffice in one call."""
    require_soffice()
    pandoc = require_pandoc()
    folder = tmp_path_factory.mktemp("convert")
    sources = [folder / "letter-odt.odt", folder / "letter-rtf.rtf"]
    for target in sources:
        subprocess.run([pandoc, "-s", str(rendered), "-o", str(target)], check=True, timeout=120)
    damaged = folder / "damaged.odt"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    text = folder / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    outdir = folder / "out"
    outdir.mkdir()
    yield outdir, to_docx([*sources, damaged, text], outdir)


def test_odt_and_rtf_convert_through_libreoffice_and_open(
    converted: tuple[Path, dict[Path, Path | PackageError]],
) -> None:
    outdir, results = converted
    made = {source.name: result for source, result in results.items()}
    assert made["letter-odt.odt"] == outdir / "letter-odt.docx"
    assert made["letter-rtf.rtf"] == outdir / "letter-rtf.docx"
    for name in ("letter-odt.docx", "letter-rtf.docx"):
        # LibreOffice's own .docx, its parts where its relationships say
        _found_through_rels(outdir / name, "styles", "footnotes")
        text = "".join(open_docx(outdir / name).document.itertext())
        assert "Internal Revenue Service" in text and "\\pard" not in text


def test_conversion_reports_each_file_it_could_not_convert(
    converted: tuple[Path, dict[Path, Path | PackageError]],
) -> None:
    outdir, results = converted
    made = {source.name: result for source, result in results.items()}
    assert str(made["damaged.odt"]) == (
        "LibreOffice could not convert it (damaged, or not the format its name says)"
    )
    assert str(made["notes.txt"]) == "import converts only .doc, .odt and .rtf files, not .txt"
    assert sorted(p.name for p in outdir.iterdir()) == ["letter-odt.docx", "letter-rtf.docx"]


def test_conversion_without_libreoffice_says_it_is_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "letter.rtf"
    source.write_text("{\\rtf1 Dear Secretary,\\par}", encoding="utf-8")
    monkeypatch.setattr(convert, "soffice", lambda: None)
    before = snapshot(tmp_path)
    with pytest.raises(PackageError) as caught:
        to_docx([source], tmp_path)
    assert str(caught.value) == (
        "importing .doc, .odt and .rtf files needs LibreOffice, and 'soffice' is not on PATH"
    )
    assert "install LibreOffice" in (caught.value.hint or "")
    assert snapshot(tmp_path) == before


def test_conversion_refuses_before_starting_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An encrypted .doc, two files that would become one name, one already converted: each
    refused before LibreOffice starts, which is given the rest in one call."""
    calls: list[list[Path]] = []

    @contextlib.contextmanager
    def fake_libreoffice(program: str, files: list[Path], *args: object, **kw: object) -> Any:
        calls.append(list(files))
        yield tmp_path / "made-nothing"

    monkeypatch.setattr(convert, "soffice", lambda: "soffice")
    monkeypatch.setattr(convert, "converted", fake_libreoffice)
    locked = tmp_path / "locked.doc"
    locked.write_bytes(ole("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    a, b = tmp_path / "a" / "same.rtf", tmp_path / "b" / "same.odt"
    for f in (a, b):
        f.parent.mkdir()
        f.write_bytes(b"{\\rtf1 x}")
    outdir = tmp_path / "out"
    outdir.mkdir()
    (outdir / "done.docx").write_bytes(b"")
    done = tmp_path / "done.doc"
    done.write_bytes(ole("Root Entry", "WordDocument"))
    empty = tmp_path / "empty.rtf"
    empty.write_bytes(b"")
    results = to_docx([locked, a, b, done, empty], outdir)
    assert calls == [[a]]
    assert list(results) == [locked, a, b, done, empty]
    assert str(results[locked]) == (
        "the document is password-protected (encrypted), so it cannot be read"
    )
    assert str(results[a]).startswith("LibreOffice could not convert it")
    assert str(results[b]) == "another file of the batch also becomes same.docx"
    assert str(results[done]) == f"{outdir / 'done.docx'} is there already; it is not overwritten"
    assert str(results[empty]) == "the file is empty"
    assert sorted(p.name for p in outdir.iterdir()) == ["done.docx"]
    assert to_docx([locked, done], outdir).keys() == {locked, done}  # no LibreOffice needed
