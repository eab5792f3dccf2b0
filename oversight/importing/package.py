"""Opening a Word file someone else wrote, safely: one clear refusal for a hostile or unusable
file, and the parts of a good one.

The file is read once into memory (after its size is checked) and never written. Then, in order:

- what it is, from its first bytes: empty; an OLE compound file (an encrypted .docx, a Word 97-2003
  .doc, another old Office file); an RTF or PDF; anything that is not a zip;
- the zip's directory: how many members, their names (no absolute path, no ``..``, no name twice,
  compared as Word does, ignoring case), their total size and each one's compression ratio, no
  password-protected member;
- every member read with the same limits counted as it inflates, since the directory can lie;
- macros: a macro-enabled content type or a ``vbaProject.bin`` anywhere;
- the main part, found through ``_rels/.rels`` (its officeDocument relationship), and the styles,
  numbering, footnotes and comments found through the main part's own relationships;
- every XML part parsed with a hardened parser (no entities resolved, no network, no DTD loaded,
  no huge trees), and one with a DOCTYPE refused;
- the document's length in paragraphs.

Tracked changes and comments are not errors: each adds a line to ``warnings``. The limits are
documented in docs/import.md ("Safety").
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import msgspec
from lxml import etree

from oversight.errors import Problem, display_path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The relationship types a Word file uses, in both the transitional and the strict namespace.
_REL_PREFIXES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/",
)
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
MiB = 1024 * 1024
# A member smaller than this is not held to the compression ratio: a short run of repeated XML
# (an empty table, a page of blank paragraphs) compresses far better than text, and harmlessly.
RATIO_GRACE_BYTES = 1 * MiB
_CHUNK = 64 * 1024


class Limits(msgspec.Struct, frozen=True):
    """What a Word letter may be, with room to spare; beyond it, the file is refused.

    A congressional letter is 2 to 20 pages: its .docx is 20 KB to a few MB (a letterhead's images),
    some 20 to 40 parts, XML that inflates 5 to 20 times, 30 to 40 paragraphs a page.
    """

    max_file_bytes: int = 50 * MiB  # the file as stored
    max_total_uncompressed: int = 200 * MiB  # every member inflated, together
    max_member_ratio: int = 100  # inflated / stored, for a member over RATIO_GRACE_BYTES
    max_members: int = 1000  # parts in the zip
    max_paragraphs: int = 5000  # w:p in the main document, some 150 dense pages


DEFAULT_LIMITS = Limits()


class PackageError(Exception):
    """A Word file that cannot be imported, in the staffer's words (the caller names the file)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def problem(self, path: Path) -> Problem:
        """The error as the project reports it, naming the file."""
        return Problem(self.message, file=display_path(path), hint=self.hint)


_CONVERT_HINT = "import converts .doc, .odt and .rtf files through LibreOffice; or open it in Word and save it as .docx"


def _hardened_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
    )


def parse_xml(data: bytes, name: str) -> etree._Element:
    """One part's XML, parsed with the hardened parser; a DOCTYPE (and so any entity declaration)
    is refused, as is XML that is not well-formed."""
    try:
        root = etree.fromstring(data, _hardened_parser())
    except etree.XMLSyntaxError as err:
        raise PackageError(
            f"the file is damaged: its part {name} is not well-formed XML ({err.msg})"
        ) from None
    info = root.getroottree().docinfo
    # A DOCTYPE of any form (bare, with an internal subset, or naming an external DTD) gives the
    # document an internal DTD node; entity declarations can only stand in one.
    if info.internalDTD is not None or info.externalDTD is not None:
        raise PackageError(
            f"refused: its part {name} declares a DTD or entities, which Word never writes",
            hint="a file built to attack the program that reads it looks like this",
        )
    return root


def sniff(head: bytes) -> PackageError | None:
    """What a file is, from its first bytes, when it is not a zip: the refusal to give.

    An OLE compound file (Office 97-2003 and the wrapper of an encrypted Office file) starts with
    D0 CF 11 E0 A1 B1 1A E1; its streams' names are stored in UTF-16LE in its directory. One with
    a stream named EncryptionInfo or EncryptedPackage is a password-protected Office file; one
    with WordDocument is a Word 97-2003 .doc.
    """
    if not head:
        return PackageError("the file is empty")
    if head.startswith(OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in head or (
            "EncryptedPackage".encode("utf-16-le") in head
        ):
            return PackageError(
                "the document is password-protected (encrypted), so it cannot be read",
                hint="open it in Word, remove the password (File > Info > Protect Document), "
                "and save it as .docx",
            )
        if "WordDocument".encode("utf-16-le") in head:
            return PackageError(
                "it is a Word 97-2003 document (.doc), not a .docx", hint=_CONVERT_HINT
            )
        return PackageError(
            "not a Word document: it is an older Office file (not Word)",
            hint="only Word letters can be imported",
        )
    if head.startswith(b"{\\rtf"):
        return PackageError("it is an RTF document, not a .docx", hint=_CONVERT_HINT)
    if head.startswith(b"%PDF"):
        return PackageError(
            "not a Word document: it is a PDF", hint="import the letter's .docx instead"
        )
    if not head.startswith(b"PK"):
        return PackageError("not a Word document: it is not a zip package, as a .docx is")
    return None


def check_name(name: str) -> None:
    """A member name that would point outside the package is refused."""
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        raise PackageError(f"refused: it holds a part with an absolute path ({name!r})")
    if ".." in re.split(r"[/\\]", name):
        raise PackageError(f"refused: it holds a part whose name climbs out of it ({name!r})")
    if "\x00" in name:
        raise PackageError(f"refused: it holds a part whose name contains a NUL ({name!r})")


def check_directory(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """The zip's directory against the limits: members, names, sizes, ratios, encryption."""
    if len(infos) > limits.max_members:
        raise PackageError(
            f"refused: it holds {len(infos):,} parts (the limit is {limits.max_members:,}); "
            "a letter has a few dozen"
        )
    seen: set[str] = set()
    for info in infos:
        check_name(info.filename)
        key = info.filename.lower()
        if key in seen:
            raise PackageError(f"refused: it holds the part {info.filename} twice")
        seen.add(key)
        if info.flag_bits & 0x1:
            raise PackageError(
                "the document is password-protected (its zip is encrypted), so it cannot be read",
                hint="save it again as .docx without a password",
            )
        _check_ratio(info.filename, info.file_size, info.compress_size, limits)
    total = sum(i.file_size for i in infos)
    if total > limits.max_total_uncompressed:
        raise _too_big(total, limits)


def _check_ratio(name: str, inflated: int, stored: int, limits: Limits) -> None:
    if inflated > RATIO_GRACE_BYTES and inflated > limits.max_member_ratio * max(stored, 1):
        raise PackageError(
            f"refused: its part {name} inflates more than {limits.max_member_ratio} times "
            "(a zip bomb)",
        )


def _too_big(total: int, limits: Limits) -> PackageError:
    return PackageError(
        f"refused: its parts inflate to more than {limits.max_total_uncompressed // MiB} MB "
        f"(at least {total // MiB} MB: a zip bomb, or far more than a letter)"
    )


def read_members(zf: zipfile.ZipFile, limits: Limits) -> dict[str, bytes]:
    """Every member's bytes, the limits counted as they inflate (the directory can lie)."""
    parts: dict[str, bytes] = {}
    total = 0
    for info in zf.infolist():
        if info.is_dir():
            continue
        chunks: list[bytes] = []
        size = 0
        try:
            with zf.open(info) as member:
                while chunk := member.read(_CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    if size > info.file_size:
                        raise PackageError(
                            f"refused: its part {info.filename} is larger than its zip says"
                        )
                    if total > limits.max_total_uncompressed:
                        raise _too_big(total, limits)
                    _check_ratio(info.filename, size, info.compress_size, limits)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as err:
            # zipfile stops at the size the directory gives and then checks the CRC: a member
            # that inflates to more (or to other bytes) fails here.
            raise PackageError(
                f"the file is damaged: its part {info.filename} does not match the zip's "
                f"directory ({err})"
            ) from None
        except NotImplementedError:
            raise PackageError(
                f"its part {info.filename} is compressed in a way Word does not use"
            ) from None
        parts[info.filename] = b"".join(chunks)
    return parts


def _resolve(source: str, target: str) -> str | None:
    """A relationship's target as a part name; None if it leaves the package."""
    target = unquote(target)
    path = target[1:] if target.startswith("/") else f"{PurePosixPath(source).parent}/{target}"
    out: list[str] = []
    for seg in path.split("/"):
        if seg == "..":
            if not out:
                return None
            out.pop()
        elif seg not in ("", "."):
            out.append(seg)
    return "/".join(out)


def _rels_name(part: str) -> str:
    p = PurePosixPath(part)
    return f"{p.parent}/_rels/{p.name}.rels" if str(p.parent) != "." else f"_rels/{p.name}.rels"


class DocxPackage:
    """An opened .docx: its parts by name, its main XML parts, and what it carries with a caveat."""

    def __init__(self, path: Path, parts: dict[str, bytes]) -> None:
        self.path = path
        self._parts = parts
        self._by_lower = {name.lower(): name for name in parts}
        self._xml: dict[str, etree._Element] = {}
        self.warnings: list[str] = []
        main = self._main_part()
        self.main_name = main
        self.document = self._required_xml(main, "main document part")
        self.rels = self.relationships(main)
        self.styles = self._related("styles")
        self.numbering = self._related("numbering")
        self.footnotes = self._related("footnotes")
        self.comments = self._related("comments")

    def part(self, name: str) -> bytes | None:
        """A part's bytes by its name in the zip (as Word does, ignoring case); None if absent."""
        actual = self._by_lower.get(name.lstrip("/").lower())
        return self._parts[actual] if actual is not None else None

    def xml(self, name: str) -> etree._Element | None:
        """A part parsed with the hardened parser (remembered); None if absent."""
        data = self.part(name)
        if data is None:
            return None
        key = name.lstrip("/").lower()
        if key not in self._xml:
            self._xml[key] = parse_xml(data, name)
        return self._xml[key]

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's internal relationships: id -> (type's last word, target part name)."""
        root = self.xml(_rels_name(part))
        out: dict[str, tuple[str, str]] = {}
        for rel in root if root is not None else ():
            target = rel.get("Target")
            if rel.get("TargetMode") == "External" or not target:
                continue
            name = _resolve(part, target)
            if name is not None:
                out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], name)
        return out

    def _main_part(self) -> str:
        if self.part("_rels/.rels") is None:
            if self.part("word/document.xml") is None:
                raise PackageError("not a Word document: it is a zip with no word/document.xml")
            raise PackageError("the file is damaged: it has no package relationships (_rels/.rels)")
        for _rid, (kind, name) in self.relationships("").items():
            if kind == "officeDocument" and self.part(name) is not None:
                return name
        raise PackageError(
            "not a Word document: it is a zip with no main document part "
            "(_rels/.rels names none that is there)"
        )

    def _required_xml(self, name: str, what: str) -> etree._Element:
        root = self.xml(name)
        assert root is not None  # _main_part found it
        if root.tag != f"{W}document":
            raise PackageError(
                f"not a Word document: its {what} ({name}) is not a Word document's body",
                hint="only Word letters can be imported (not a workbook or presentation)",
            )
        return root

    def _related(self, kind: str) -> etree._Element | None:
        for _rid, (rel_kind, name) in self.rels.items():
            if rel_kind == kind:
                return self.xml(name)
        return None


def _content_types(parts: dict[str, bytes]) -> Iterable[str]:
    for name, data in parts.items():
        if name.lower() == "[content_types].xml":
            root = parse_xml(data, name)
            return [el.get("ContentType", "") for el in root]
    return []


def _refuse_macros(parts: dict[str, bytes]) -> None:
    if any(PurePosixPath(n).name.lower() == "vbaproject.bin" for n in parts) or any(
        "macroenabled" in t.lower() for t in _content_types(parts)
    ):
        raise PackageError(
            "refused: it is a macro-enabled document (.docm); macros are never imported",
            hint="open it in Word and save it as a Word Document (.docx), without macros",
        )


def _count_warnings(package: DocxPackage) -> None:
    body = package.document
    inserted = sum(1 for _ in body.iter(f"{W}ins", f"{W}moveTo"))
    deleted = sum(1 for _ in body.iter(f"{W}del", f"{W}moveFrom"))
    if inserted or deleted:
        package.warnings.append(
            f"it has tracked changes ({inserted} insertions, {deleted} deletions): insertions "
            "are imported as accepted, deletions are dropped"
        )
    comments = package.comments
    count = sum(1 for _ in comments.iter(f"{W}comment")) if comments is not None else 0
    if count:
        package.warnings.append(
            f"it has {count} comment{'s' if count != 1 else ''}: they are not imported"
        )


def open_docx(path: Path, limits: Limits = DEFAULT_LIMITS) -> DocxPackage:
    """Open a .docx for import, or raise :class:`PackageError` saying why it cannot be.

    Reads the file once and writes nothing."""
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise PackageError(
                f"refused: the file is {size / MiB:.0f} MB (the limit is "
                f"{limits.max_file_bytes // MiB} MB); a letter is rarely over 5 MB"
            )
        with path.open("rb") as f:
            data = f.read(limits.max_file_bytes + 1)
    except OSError as err:
        raise PackageError(f"cannot read the file: {err.strerror or err}") from None
    if len(data) > limits.max_file_bytes:  # it grew since stat
        raise PackageError(f"refused: the file is over {limits.max_file_bytes // MiB} MB")
    refusal = sniff(data)
    if refusal is not None:
        raise refusal
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as err:
        raise PackageError(
            f"not a Word document: it is not a readable zip package ({err})"
        ) from None
    with zf:
        infos = zf.infolist()
        check_directory(infos, limits)
        parts = read_members(zf, limits)
    if any(n.lower() == "mimetype" for n in parts) and b"opendocument" in parts.get(
        "mimetype", b""
    ):
        raise PackageError("it is an OpenDocument file (.odt), not a .docx", hint=_CONVERT_HINT)
    _refuse_macros(parts)
    package = DocxPackage(path, parts)
    paragraphs = sum(1 for _ in package.document.iter(f"{W}p"))
    if paragraphs > limits.max_paragraphs:
        raise PackageError(
            f"refused: the document has {paragraphs:,} paragraphs (the limit is "
            f"{limits.max_paragraphs:,}, some 150 pages); a letter has a few hundred",
            hint="import the letter itself, not a report or a compilation",
        )
    _count_warnings(package)
    return package
