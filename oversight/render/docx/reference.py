"""An office's reference .docx read into the parts it contributes: its styles (with ours it lacks),
its first-page letterhead and that header's images, its page setup and theme.

Imported only when a letter names a letterhead (``package.office_parts``): lxml is about 25 ms
of a cold start that the built-in parts do not need (docs/architecture.md, "Deliberate lazy
imports").
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from lxml import etree

from oversight.render.docx.package import OfficeParts, ReferenceError_
from oversight.render.docx.styles import (
    CHARACTER_STYLES,
    LANGUAGE_SLOT,
    PARAGRAPH_STYLES,
    THEME_XML,
    W_NS,
    styles_xml,
)


def read_reference(path: Path) -> OfficeParts:
    """The parts an office's reference .docx contributes; :class:`ReferenceError_` says why it
    cannot be used."""
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        raise ReferenceError_("not a Word document (.docx): it cannot be opened as one") from err
    with zf:
        names = set(zf.namelist())
        if "word/document.xml" not in names:
            raise ReferenceError_("not a Word document (.docx): it has no word/document.xml")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

        def xml(name: str) -> etree._Element:
            try:
                return etree.fromstring(zf.read(name), parser)
            except (etree.XMLSyntaxError, KeyError) as err:
                raise ReferenceError_(f"its part {name} is damaged") from err

        rels = _rels(zf, "word/_rels/document.xml.rels", parser)
        styles = (
            _merge_styles(zf.read("word/styles.xml"), parser)
            if "word/styles.xml" in names
            else styles_xml().encode()
        )
        parts = OfficeParts(styles=styles)
        doc = xml("word/document.xml")
        sect = doc.find(f"{W}body/{W}sectPr")
        if sect is not None:
            size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
            if size is not None and margins is not None:
                parts.page = (etree.tostring(size) + etree.tostring(margins)).decode()
                parts.page = re.sub(r' xmlns:\w+="[^"]*"', "", parts.page)
            refs = {
                h.get(f"{W}type", "default"): h.get(f"{R}id")
                for h in sect.findall(f"{W}headerReference")
            }
            first = refs.get("first") if sect.find(f"{W}titlePg") is not None else None
            rid = first or refs.get("first") or refs.get("default")
            if rid and rid in rels:
                name = _resolve("word/document.xml", rels[rid][0])
                if name in names:
                    parts.letterhead = zf.read(name)
                    parts.letterhead_rels = _copy_header_rels(zf, name, parts, parser)
        for _rid, (target, rtype) in rels.items():
            if rtype.endswith("/theme"):
                name = _resolve("word/document.xml", target)
                if name in names:
                    parts.extra_parts["word/theme/theme1.xml"] = zf.read(name)
                    parts.theme = True
        if not parts.theme:  # an office file without one still gets a theme, as Word expects
            parts.extra_parts["word/theme/theme1.xml"] = THEME_XML.encode()
            parts.theme = True
        return parts


def _rels(zf: zipfile.ZipFile, name: str, parser: Any) -> dict[str, tuple[str, str]]:
    if name not in zf.namelist():
        return {}
    root = etree.fromstring(zf.read(name), parser)
    return {
        r.get("Id"): (r.get("Target"), r.get("Type"))
        for r in root
        if r.get("TargetMode") != "External"
    }


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    base = PurePosixPath(source).parent
    parts: list[str] = []
    for seg in (base / target).parts:
        if seg == "..":
            if parts:
                parts.pop()
        elif seg != ".":
            parts.append(seg)
    return "/".join(parts)


def _copy_header_rels(
    zf: zipfile.ZipFile, header: str, parts: OfficeParts, parser: Any
) -> bytes | None:
    """Copy the letterhead's images (and other related parts) under new names; rewrite its rels."""
    rels_name = f"{PurePosixPath(header).parent}/_rels/{PurePosixPath(header).name}.rels"
    if rels_name not in zf.namelist():
        return None
    root = etree.fromstring(zf.read(rels_name), parser)
    for i, rel in enumerate(root):
        if rel.get("TargetMode") == "External":
            continue
        source = _resolve(header, rel.get("Target", ""))
        if source not in zf.namelist():
            continue
        ext = PurePosixPath(source).suffix.lower().lstrip(".")
        new_name = f"word/media/letterhead{i + 1}.{ext}"
        parts.extra_parts[new_name] = zf.read(source)
        parts.extra_types[ext] = _MEDIA_TYPES.get(ext, "application/octet-stream")
        rel.set("Target", f"media/letterhead{i + 1}.{ext}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_MEDIA_TYPES = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tif": "image/tiff",
    "tiff": "image/tiff",
    "emf": "image/x-emf",
    "wmf": "image/x-wmf",
    "svg": "image/svg+xml",
}


def _merge_styles(data: bytes, parser: Any) -> bytes:
    """The office's styles, plus any of ours it lacks (footnote text, Question...)."""
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    root = etree.fromstring(data, parser)
    _language_slot(root)
    have = {s.get(f"{{{W}}}styleId") for s in root.iter(f"{{{W}}}style")}
    names = {
        (n.get(f"{{{W}}}val") or "").lower()
        for s in root.iter(f"{{{W}}}style")
        for n in s.iter(f"{{{W}}}name")
    }
    for sid, xml in {**PARAGRAPH_STYLES, **CHARACTER_STYLES}.items():
        name = re.search(r'<w:name w:val="([^"]+)"', xml)
        if sid in have or (
            name
            and name.group(1).lower() in names
            and sid in ("FootnoteText", "FootnoteReference", "Header")
        ):
            continue
        root.append(etree.fromstring(f'<w:root xmlns:w="{W}">{xml}</w:root>')[0])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _language_slot(styles: Any) -> None:
    """Make the styles' default language (docDefaults) the slot each letter fills in."""

    def child(parent: Any, name: str, first: bool = False) -> Any:
        found = parent.find(f"{{{W_NS}}}{name}")
        if found is None:
            found = etree.Element(f"{{{W_NS}}}{name}")
            if first:
                parent.insert(0, found)
            else:
                parent.append(found)
        return found

    rpr = child(child(child(styles, "docDefaults", first=True), "rPrDefault", first=True), "rPr")
    lang = rpr.find(f"{{{W_NS}}}lang")
    if lang is None:  # in schema order: before the three elements a run's properties end with
        lang = etree.Element(f"{{{W_NS}}}lang")
        after = [c for c in rpr if etree.QName(c).localname in _AFTER_LANG]
        if after:
            after[0].addprevious(lang)
        else:
            rpr.append(lang)
    lang.set(f"{{{W_NS}}}val", LANGUAGE_SLOT)


_AFTER_LANG = ("eastAsianLayout", "specVanish", "oMath")
