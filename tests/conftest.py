"""Shared fixtures: render letters from small YAML strings and read the .docx back."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"

# The suite tests the oversight of this checkout, in process and in every subprocess it starts,
# whatever else is installed (an editable install of another worktree, a relative PYTHONPATH that
# means something else in a subprocess's own folder).
if sys.path[0] != str(REPO):
    sys.path.insert(0, str(REPO))
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(REPO)]
    + [
        str(Path(p).resolve())
        for p in os.environ.get("PYTHONPATH", "").split(os.pathsep)
        if p and Path(p).resolve() != REPO
    ]
)
EXAMPLE_LETTERS = sorted(EXAMPLES.glob("*.yaml"))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

os.environ.pop("NO_COLOR", None)
# Caches (checked banks, compiled templates) go to a folder of this test run, not the user's.
os.environ.setdefault(
    "OVERSIGHT_CACHE_DIR", __import__("tempfile").mkdtemp(prefix="oversight-cache-")
)


class DocxView:
    """A produced .docx, read back part by part, for assertions a staffer would make."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with zipfile.ZipFile(path) as zf:
            self.parts = {name: zf.read(name) for name in zf.namelist()}
        self.document = etree.fromstring(self.parts["word/document.xml"])
        self.footnotes_xml = etree.fromstring(self.parts["word/footnotes.xml"])
        self.numbering = etree.fromstring(self.parts["word/numbering.xml"])

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.parts[name])

    @staticmethod
    def text_of(el: etree._Element) -> str:
        out = []
        for node in el.iter(f"{{{W}}}t", f"{{{W}}}br", f"{{{W}}}tab"):
            if node.tag == f"{{{W}}}t":
                out.append(node.text or "")
            elif node.tag == f"{{{W}}}br":
                out.append("\n")
            else:
                out.append("\t")
        return "".join(out)

    def body_paragraphs(self) -> list[tuple[str, str]]:
        """(style, text) of every top-level body paragraph, in order."""
        body = self.document.find("w:body", NS)
        out = []
        for p in body.findall("w:p", NS):
            style = p.find("w:pPr/w:pStyle", NS)
            out.append((style.get(f"{{{W}}}val") if style is not None else "", self.text_of(p)))
        return out

    def paragraphs_with_style(self, style: str) -> list[etree._Element]:
        return [
            p
            for p in self.document.iter(f"{{{W}}}p")
            if (s := p.find("w:pPr/w:pStyle", NS)) is not None and s.get(f"{{{W}}}val") == style
        ]

    def footnotes(self) -> dict[int, str]:
        """Footnote id -> its text (separators excluded)."""
        out = {}
        for fn in self.footnotes_xml.findall("w:footnote", NS):
            fid = int(fn.get(f"{{{W}}}id"))
            if fid > 0:
                out[fid] = self.text_of(fn).strip()
        return out

    def footnote_refs(self) -> list[int]:
        return [int(r.get(f"{{{W}}}id")) for r in self.document.iter(f"{{{W}}}footnoteReference")]

    def header_text(self, kind: str) -> str:
        """Text of the header used for 'first' page or 'default' (later pages)."""
        rels = etree.fromstring(self.parts["word/_rels/document.xml.rels"])
        targets = {r.get("Id"): r.get("Target") for r in rels}
        sect = self.document.find("w:body/w:sectPr", NS)
        for ref in sect.findall("w:headerReference", NS):
            if ref.get(f"{{{W}}}type") == kind:
                rid = ref.get(
                    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
                )
                return self.text_of(self.xml("word/" + targets[rid]))
        raise AssertionError(f"no {kind} header")

    def nums(self) -> dict[int, tuple[int, dict[int, int]]]:
        """numId -> (abstractNumId, {level: startOverride})."""
        out = {}
        for num in self.numbering.findall("w:num", NS):
            starts = {
                int(o.get(f"{{{W}}}ilvl")): int(o.find("w:startOverride", NS).get(f"{{{W}}}val"))
                for o in num.findall("w:lvlOverride", NS)
            }
            abstract = int(num.find("w:abstractNumId", NS).get(f"{{{W}}}val"))
            out[int(num.get(f"{{{W}}}numId"))] = (abstract, starts)
        return out

    def numbered(self) -> list[tuple[int, int, str]]:
        """(numId, level, text) of every numbered paragraph, in order."""
        out = []
        for p in self.document.iter(f"{{{W}}}p"):
            num = p.find("w:pPr/w:numPr", NS)
            if num is not None:
                out.append(
                    (
                        int(num.find("w:numId", NS).get(f"{{{W}}}val")),
                        int(num.find("w:ilvl", NS).get(f"{{{W}}}val")),
                        self.text_of(p),
                    )
                )
        return out


def labels(view: DocxView) -> list[str]:
    """The labels a reader sees on numbered paragraphs ("1.", "a."), computed the way Word does:
    each w:num keeps its own counters starting at its startOverride; a level-0 item restarts
    level 1 of the same num."""
    counters: dict[int, dict[int, int]] = {}
    nums = view.nums()
    out = []
    for num_id, level, _text in view.numbered():
        _abstract, starts = nums[num_id]
        c = counters.setdefault(num_id, {})
        c[level] = c[level] + 1 if level in c else starts.get(level, 1)
        if level == 0:
            c.pop(1, None)
        out.append(f"{c[level]}." if level == 0 else f"{chr(ord('a') + c[level] - 1)}.")
    return out


@pytest.fixture
def write_letter(tmp_path: Path) -> Callable[..., Path]:
    """Write a letter from dedented YAML into tmp_path; returns its path."""

    def write(text: str, name: str = "letter.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def render(tmp_path: Path) -> Callable[[Path], DocxView]:
    """Render a letter file in process and read the .docx back."""
    from oversight.fsutil import atomic_write
    from oversight.letter import load_letter
    from oversight.render import docx_bytes

    def run(letter: Path) -> DocxView:
        out = tmp_path / (letter.stem + ".docx")
        atomic_write(out, docx_bytes(load_letter(letter)))
        return DocxView(out)

    return run


MINIMAL = """\
date: 2025-03-20
recipients:
  - honorific: The Honorable
    name: Jane Doe
    title: Secretary
    agency: U.S. Department of Example
    address: [1000 Example Avenue SW, "Washington, DC 20000"]
signers:
  - name: John Q. Senator
body: |
  We write to ask about records.
"""


def require_soffice() -> str:
    """LibreOffice for the PDF checks: CI installs it and must not skip (OVERSIGHT_REQUIRE_TOOLS)."""
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("OVERSIGHT_REQUIRE_TOOLS"):
            pytest.fail("LibreOffice (soffice) is required here but not installed")
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it")
    if shutil.which("pdftotext") is None:
        if os.environ.get("OVERSIGHT_REQUIRE_TOOLS"):
            pytest.fail("pdftotext (poppler-utils) is required here but not installed")
        pytest.skip("pdftotext (poppler-utils) is not installed; .ci/run installs it")
    return found


# Every test gets its own state folder (the TUI's recovery files, the recent-files list).
@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    state = tmp_path / "state"
    monkeypatch.setenv("OVERSIGHT_STATE_DIR", str(state))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return state


async def wait_for(pilot, condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Poll a condition instead of sleeping a fixed time."""
    import asyncio

    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)


async def wait_preview(pilot, app) -> None:  # type: ignore[no-untyped-def]
    """Wait until the preview reflects the draft's latest edit."""
    await pilot.pause()
    await wait_for(pilot, lambda: app._timer is None and app.checked_version == app.draft.version)
