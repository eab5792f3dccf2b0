"""What the tests share: paths, a minimal letter, reading a .docx back, running the command.

Test modules import from here (``from helpers import ...``); conftest.py holds the fixtures.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from lxml import etree

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
EXAMPLE_LETTERS = sorted(EXAMPLES.glob("*.yaml"))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
# The command line, as a staffer runs it (``python -m`` so that it is this checkout's code).
OVERSIGHT = [sys.executable, "-m", "oversight.cli"]


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


def _roman(n: int) -> str:
    out = ""
    for value, digits in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out += digits
            n -= value
    return out


def _counter(fmt: str, n: int) -> str:
    letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    return {
        "decimal": str(n),
        "lowerLetter": letters,
        "upperLetter": letters.upper(),
        "lowerRoman": _roman(n),
        "upperRoman": _roman(n).upper(),
    }.get(fmt, "?")


def labels(view: DocxView) -> list[str]:
    """The labels a reader sees on numbered paragraphs ("1.", "(a)", "•"), computed the way Word
    does from numbering.xml: each w:num keeps its own counters starting at its startOverride (or
    the level's w:start); a level-0 item restarts level 1 of the same num; the label is the
    level's lvlText with %N replaced by level N-1's counter in the level's numFmt."""
    levels: dict[int, dict[int, tuple[str, str, int]]] = {}
    for abstract in view.numbering.findall("w:abstractNum", NS):
        aid = int(abstract.get(f"{{{W}}}abstractNumId"))
        for lvl in abstract.findall("w:lvl", NS):
            start = lvl.find("w:start", NS)
            levels.setdefault(aid, {})[int(lvl.get(f"{{{W}}}ilvl"))] = (
                lvl.find("w:numFmt", NS).get(f"{{{W}}}val"),
                lvl.find("w:lvlText", NS).get(f"{{{W}}}val"),
                int(start.get(f"{{{W}}}val")) if start is not None else 1,
            )
    counters: dict[int, dict[int, int]] = {}
    nums = view.nums()
    out = []
    for num_id, level, _text in view.numbered():
        abstract, starts = nums[num_id]
        fmts = levels[abstract]
        c = counters.setdefault(num_id, {})
        c[level] = c[level] + 1 if level in c else starts.get(level, fmts[level][2])
        if level == 0:
            c.pop(1, None)
        fmt, text, _start = fmts[level]
        if fmt == "bullet":
            out.append(text)
            continue
        for k in range(level + 1):
            if f"%{k + 1}" in text:
                text = text.replace(f"%{k + 1}", _counter(fmts[k][0], c.get(k, 1)))
        out.append(text)
    return out


def docx_text(docx_file: Path | bytes) -> str:
    """All text python-docx sees: body paragraphs and table cells (the signature blocks)."""
    import docx

    document = docx.Document(
        io.BytesIO(docx_file) if isinstance(docx_file, bytes) else str(docx_file)
    )
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def write_text(path: Path, text: str) -> Path:
    """Write dedented text (YAML from an indented string), making the folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def random_letter(
    rng: random.Random, *, paragraphs: int, questions: int, signers: int, reports: int
) -> str:
    """The YAML of a letter of random words (so its .docx hardly compresses), every paragraph
    and question citing one of ``reports`` inline GAO reports, due in 14 days."""
    import datetime

    import yaml

    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

    def words(n: int) -> str:
        return " ".join(
            "".join(rng.choice(alphabet) for _ in range(rng.randint(2, 10))) for _ in range(n)
        )

    letter = {
        "date": datetime.date(2025, 3, 20),
        "recipients": [{"honorific": "The Honorable", "name": "Jane Doe", "title": "Secretary"}],
        "body": "\n\n".join(words(120) + f".[@r{i % reports}, at {i}]" for i in range(paragraphs)),
        "questions": [
            {"text": words(20) + f"?[@r{i % reports}]", "parts": [words(15) for _ in range(4)]}
            for i in range(questions)
        ],
        "deadline": {"days": 14},
        "signers": [{"name": f"Senator Number {i}"} for i in range(signers)],
        "reports": [
            {
                "id": f"r{i}",
                "kind": "gao",
                "title": f"Report {i}: {words(6)}",
                "number": f"GAO-25-{i:06d}",
                "date": datetime.date(2025, 1, 1),
            }
            for i in range(reports)
        ],
    }
    return yaml.safe_dump(letter, sort_keys=False, width=100)


def cli_env(tmp: Path, **extra: str) -> dict[str, str]:
    """The environment of an ``oversight`` subprocess: this machine's office configuration, extra
    banks and debug switch unused; the test run's cache."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "OVERSIGHT_CONFIG", "OVERSIGHT_BANKS", "OVERSIGHT_DEBUG")
    }
    env["OVERSIGHT_CONFIG"] = str(tmp / "no-office-config.yaml")
    env.update(extra)
    return env


def ok(folder: Path, *args: str) -> str:
    """``oversight ARGS`` in ``folder``: exit 0, no traceback; its standard output."""
    result = run_oversight(*args, cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def refused(folder: Path, *args: str) -> str:
    """``oversight ARGS`` in ``folder``: exit 1 with a message, no traceback, and no file of the
    folder changed or added; the message."""
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    result = run_oversight(*args, cwd=folder)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert after == before, "nothing was written"
    return result.stderr


def run_oversight(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``oversight ARGS`` in a subprocess, in folder ``cwd``; env adds to the test's own."""
    return subprocess.run(
        [*OVERSIGHT, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


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


def require_program(program: str, what: str) -> str:
    """A program the tests read our files with: CI installs it and must not skip
    (OVERSIGHT_REQUIRE_TOOLS); elsewhere the test is skipped, saying so."""
    found = shutil.which(program)
    if found is None:
        if os.environ.get("OVERSIGHT_REQUIRE_TOOLS"):
            pytest.fail(f"{what} is required here but not installed")
        pytest.skip(f"{what} is not installed; .ci/run installs it")
    return found


def require_soffice() -> str:
    """LibreOffice and poppler's pdftotext, for the PDF checks."""
    require_program("pdftotext", "pdftotext (poppler-utils)")
    return require_program("soffice", "LibreOffice (soffice)")


def require_pandoc() -> str:
    """pandoc, to read the .docx as another program does."""
    return require_program("pandoc", "pandoc")


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
