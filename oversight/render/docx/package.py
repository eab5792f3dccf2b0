"""The Word package: static parts prepared once per office, per-letter parts, deterministic zip.

The static parts (styles, settings, font table, an office's letterhead and its images) depend only
on the template and the office's reference .docx, so they are built once per process and reused.
The zip is written with fixed timestamps and a fixed part order: the same letter always gives
the same bytes, so letters diff cleanly in version control.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import msgspec

from oversight.render.docx.builder import (
    DEFAULT_PAGE,
    document_xml,
    esc,
    footnotes_xml,
    header_xml,
    numbering_xml,
)
from oversight.render.docx.styles import (
    FONT_TABLE_XML,
    LANGUAGE_SLOT,
    SETTINGS_XML,
    THEME_XML,
    styles_xml,
)
from oversight.render.ir import LetterDoc

_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class ReferenceError_(Exception):
    """The office's reference .docx cannot be used; the message says why."""


class OfficeParts(msgspec.Struct):
    """What an office contributes: styles, the first-page letterhead, its images, page setup."""

    styles: bytes  # its default language is LANGUAGE_SLOT, which each letter fills in
    page: str = DEFAULT_PAGE
    letterhead: bytes | None = None  # a header part's XML
    letterhead_rels: bytes | None = None
    extra_parts: dict[str, bytes] = msgspec.field(
        default_factory=dict
    )  # media and theme, by part name
    extra_types: dict[str, str] = msgspec.field(
        default_factory=dict
    )  # Default content types by extension
    theme: bool = False


_BUILTIN: OfficeParts | None = None
_REFERENCES: dict[tuple[str, float, int], OfficeParts] = {}


def builtin_parts() -> OfficeParts:
    global _BUILTIN
    if _BUILTIN is None:
        _BUILTIN = OfficeParts(styles=styles_xml().encode(), theme=True)
        _BUILTIN.extra_parts["word/theme/theme1.xml"] = THEME_XML.encode()
    return _BUILTIN


def office_parts(reference: Path | None) -> OfficeParts:
    """The built-in parts, or those of an office's reference .docx (cached by path and mtime)."""
    if reference is None:
        return builtin_parts()
    st = reference.stat()
    key = (str(reference.resolve()), st.st_mtime, st.st_size)
    if key not in _REFERENCES:
        from oversight.render.docx.reference import read_reference

        _REFERENCES[key] = read_reference(reference)
    return _REFERENCES[key]


def _content_types(parts: OfficeParts) -> str:
    defaults = {
        "rels": "application/vnd.openxmlformats-package.relationships+xml",
        "xml": "application/xml",
    }
    defaults.update(parts.extra_types)
    overrides = {
        "/word/document.xml": f"{_CT}.document.main+xml",
        "/word/styles.xml": f"{_CT}.styles+xml",
        "/word/settings.xml": f"{_CT}.settings+xml",
        "/word/fontTable.xml": f"{_CT}.fontTable+xml",
        "/word/numbering.xml": f"{_CT}.numbering+xml",
        "/word/footnotes.xml": f"{_CT}.footnotes+xml",
        "/word/header1.xml": f"{_CT}.header+xml",
        "/word/header2.xml": f"{_CT}.header+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
    if parts.theme:
        overrides["/word/theme/theme1.xml"] = (
            "application/vnd.openxmlformats-officedocument.theme+xml"
        )
    return (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + "".join(
            f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in sorted(defaults.items())
        )
        + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides.items())
        + "</Types>"
    )


_ROOT_RELS = (
    f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)


def _document_rels(parts: OfficeParts) -> str:
    rels = [
        ("rIdStyles", "styles", "styles.xml"),
        ("rIdSettings", "settings", "settings.xml"),
        ("rIdFonts", "fontTable", "fontTable.xml"),
        ("rIdNumbering", "numbering", "numbering.xml"),
        ("rIdFootnotes", "footnotes", "footnotes.xml"),
        ("rIdHeaderFirst", "header", "header1.xml"),
        ("rIdHeaderDefault", "header", "header2.xml"),
    ]
    if parts.theme:
        rels.append(("rIdTheme", "theme", "theme/theme1.xml"))
    return (
        f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
        + "".join(
            f'<Relationship Id="{i}" Type="{_REL}/{t}" Target="{target}"/>' for i, t, target in rels
        )
        + "</Relationships>"
    )


def _core(doc: LetterDoc) -> str:
    stamp = f"{doc.date_iso}T00:00:00Z" if doc.date_iso else "2000-01-01T00:00:00Z"
    return (
        f'{_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(doc.title)}</dc:title><dc:creator>{esc(doc.author or 'oversight')}</dc:creator>"
        f"<dc:language>{esc(doc.language)}</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


_APP = (
    f'{_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>oversight</Application></Properties>"
)


# A zip member ready to copy: (crc32, method, compressed bytes, size). The parts that depend only
# on the office (styles, settings, fonts, relationships, the office letterhead and its images) are
# compressed once per process and copied into every letter; only the letter's own parts are
# compressed each time. zipfile cannot copy precompressed members, hence the small writer below.
Member = tuple[int, int, bytes, int]
_STATIC_MEMBERS: dict[tuple[int, str], Member] = {}


def _member(data: bytes) -> Member:
    if len(data) <= 1024:  # a few hundred bytes gain nothing from compression but its set-up
        return (zlib.crc32(data), 0, data, len(data))
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)  # level 1: ~3x faster than 6, ~10% larger
    return (zlib.crc32(data), 8, packer.compress(data) + packer.flush(), len(data))


def _static(parts: OfficeParts, name: str, make: Callable[[], bytes]) -> Member:
    key = (id(parts), name)
    if key not in _STATIC_MEMBERS:
        _STATIC_MEMBERS[key] = _member(make())
    return _STATIC_MEMBERS[key]


_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the zip format's epoch: fixed, so bytes are too


def _zip(members: list[tuple[str, Member]]) -> bytes:
    """A deterministic zip of ready members (no timestamps but the fixed one, no extra fields)."""
    out = bytearray()
    central = bytearray()
    for name, (crc, method, data, size) in members:
        raw = name.encode("utf-8")
        offset = len(out)
        # Fields a local header and its central directory entry share: method, time, date,
        # CRC, compressed and full size, name length, extra length.
        shared = (method, 0, _DOS_DATE, crc, len(data), size, len(raw), 0)
        out += struct.pack("<IHH" + _SHARED, 0x04034B50, 20, 0, *shared)
        out += raw
        out += data
        # The central entry adds: comment length, disk, internal and external attributes, offset.
        central += struct.pack(
            "<IHHH" + _SHARED + "HHHII", 0x02014B50, 20, 20, 0, *shared, 0, 0, 0, 0, offset
        )
        central += raw
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0
    )
    return bytes(out + central + end)


_SHARED = "HHHIIIHH"


def _styles(parts: OfficeParts, language: str) -> bytes:
    return parts.styles.replace(LANGUAGE_SLOT.encode(), language.encode())


def docx_bytes(doc: LetterDoc, parts: OfficeParts) -> bytes:
    """The whole .docx for one letter, as bytes (deterministic)."""
    language = esc(doc.language).replace('"', "&quot;")
    if parts.letterhead is not None:
        letterhead = _static(parts, "letterhead", lambda: parts.letterhead or b"")
    else:
        letterhead = _member(header_xml(doc.letterhead, rule=True).encode())
    members: list[tuple[str, Member]] = [
        ("[Content_Types].xml", _static(parts, "types", lambda: _content_types(parts).encode())),
        ("_rels/.rels", _static(parts, "rels", _ROOT_RELS.encode)),
        ("docProps/core.xml", _member(_core(doc).encode())),
        ("docProps/app.xml", _static(parts, "app", _APP.encode)),
        ("word/document.xml", _member(document_xml(doc, parts.page).encode())),
        (
            "word/_rels/document.xml.rels",
            _static(parts, "doc-rels", lambda: _document_rels(parts).encode()),
        ),
        ("word/styles.xml", _static(parts, f"styles {language}", lambda: _styles(parts, language))),
        ("word/settings.xml", _static(parts, "settings", SETTINGS_XML.encode)),
        ("word/fontTable.xml", _static(parts, "fonts", FONT_TABLE_XML.encode)),
        ("word/numbering.xml", _member(numbering_xml(doc.lists).encode())),
        ("word/footnotes.xml", _member(footnotes_xml(doc).encode())),
        ("word/header1.xml", letterhead),
        ("word/header2.xml", _member(header_xml(doc.header).encode())),
    ]
    if parts.letterhead_rels is not None and parts.letterhead is not None:
        members.append(
            (
                "word/_rels/header1.xml.rels",
                _static(parts, "letterhead-rels", lambda: parts.letterhead_rels or b""),
            )
        )
    for name in sorted(parts.extra_parts):
        members.append((name, _static(parts, name, lambda name=name: parts.extra_parts[name])))  # type: ignore[misc]
    return _zip(members)
