"""Fixtures: render letters from small YAML strings and read the .docx back; each test's own
state folder. What tests import (paths, MINIMAL, DocxView, helpers) is in helpers.py."""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent

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

os.environ.pop("NO_COLOR", None)
# Caches (checked banks, compiled templates) go to a folder of this test run, not the user's.
os.environ.setdefault(
    "OVERSIGHT_CACHE_DIR", __import__("tempfile").mkdtemp(prefix="oversight-cache-")
)

# The TUI tests import these from conftest.
from helpers import DocxView, wait_for, wait_preview  # noqa: E402

__all__ = ["wait_for", "wait_preview"]


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
    from oversight.letters.prepare import load_letter
    from oversight.render import docx_bytes

    def run(letter: Path) -> DocxView:
        out = tmp_path / (letter.stem + ".docx")
        atomic_write(out, docx_bytes(load_letter(letter)))
        return DocxView(out)

    return run


# Every test gets its own state folder (the TUI's recovery files, the recent-files list).
@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    state = tmp_path / "state"
    monkeypatch.setenv("OVERSIGHT_STATE_DIR", str(state))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return state


@pytest.fixture
def examples(tmp_path: Path, state_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of examples/, the working folder while the test runs."""
    import shutil

    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path / "examples")
    return tmp_path / "examples"


# ---------------------------------------------------------------- every .docx audited
#
# After each test, every .docx written under the test run's temporary folders since the last
# test (the test's own tmp_path and any folder a module or session fixture made) is validated by
# openxml-audit: the ECMA-376 schemas and the Open XML SDK's semantic rules, in pure Python. Any
# finding fails the test (at teardown), named with the file. A test that writes a file named
# .docx that is deliberately not a Word document says so: @pytest.mark.not_a_docx("name", ...)
# (names or globs, matched against the file's name and its path under tmp_path).

# Findings allowed by exact rule, part and text. None since every letter carries a theme part;
# test_docx_audit.py fails if one is added back.
KNOWN_FINDINGS: set[tuple[str, str, str]] = set()  # none: keep it so


def audit_findings(path: Path, *, allow_known: bool = True) -> list[str]:
    """openxml-audit's findings for one .docx, one line each (empty: none)."""
    return _AUDIT.findings(path, allow_known=allow_known)


class _Audit:
    def __init__(self) -> None:
        self.validator: Any = None
        self.by_digest: dict[tuple[str, bool], list[str]] = {}
        self.seen: dict[str, tuple[int, int, int]] = {}
        self.top: set[str] | None = None
        self.shared: set[Path] = set()
        self.files = 0  # .docx files looked at
        self.audited = 0  # distinct contents validated
        self.seconds = 0.0
        self.scan_seconds = 0.0

    def findings(self, path: Path, *, allow_known: bool = True) -> list[str]:
        import hashlib
        import time

        key = (hashlib.sha256(path.read_bytes()).hexdigest(), allow_known)
        if key not in self.by_digest:
            if self.validator is None:
                self.validator = _validator()
            start = time.perf_counter()
            result = self.validator.validate(path)
            self.seconds += time.perf_counter() - start
            self.audited += 1
            self.by_digest[key] = [
                f"{e.severity.value} {e.id or e.error_type.value} {e.part_uri}"
                f"{':' + e.path if e.path else ''}: {e.description}"
                for e in result.errors
                if not (allow_known and (e.id, e.part_uri, e.description) in KNOWN_FINDINGS)
            ]
        return self.by_digest[key]

    def new_docx(self, base: Path, own: Path | None) -> list[Path]:
        """.docx files new or changed since the last call, under ``own`` and the run's shared
        folders (those a test made outside its own tmp_path: module and session fixtures)."""
        top = set(os.listdir(base))
        for name in top - (self.top or set()):
            folder = base / name
            if not folder.is_symlink() and (own is None or not own.is_relative_to(folder)):
                self.shared.add(folder)  # (pytest's "<name>current" links are not folders)
        self.top = top
        found = []
        for root in [*([own] if own is not None else []), *sorted(self.shared)]:
            for folder, _dirs, files in os.walk(root):
                for name in files:
                    if not name.lower().endswith(".docx"):
                        continue
                    path = os.path.join(folder, name)
                    try:
                        st = os.stat(path)
                    except OSError:
                        continue
                    stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
                    if self.seen.get(path) != stamp:
                        self.seen[path] = stamp
                        found.append(Path(path))
        return found


def _validator() -> Any:
    """An OpenXmlValidator reporting every finding, made safe to reuse across files.

    openxml-audit 0.8.0 caches what its cross-part rules read from a package (footnote ids,
    counts) under ``id(package)``. Once a package is freed, the next file's package can get the
    same id and be checked against the previous file's footnotes: a validator reused across
    files then reported 893 false "footnoteReference id not found in FootnotesPart" findings for
    the crash test's letter (and could as well miss a real one). The key here is a serial number
    given to each package instead. (A fresh validator per file costs about 0.3 s.)"""
    import itertools

    from openxml_audit import OpenXmlValidator
    from openxml_audit.semantic.constraints import cross_part

    serials = itertools.count()

    def cache_key(context: Any, part_path: str, part_uris: list[str]) -> tuple[int, str]:
        package = context.package
        if not hasattr(package, "_oversight_serial"):
            package._oversight_serial = next(serials)
        key = cross_part._real_cache_key(context, part_path, part_uris)
        return (package._oversight_serial, key[1])

    if not hasattr(cross_part, "_real_cache_key"):
        cross_part._real_cache_key = cross_part._cache_key
        cross_part._cache_key = cache_key
    return OpenXmlValidator(max_errors=0)


_AUDIT = _Audit()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "not_a_docx(*names, reason): files named .docx this test writes that are deliberately "
        "not Word documents (not audited)",
    )


@pytest.fixture(autouse=True)
def audit_docx(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> Iterator[None]:
    """Fail the test on any openxml-audit finding in a .docx written during it."""
    import fnmatch
    import time

    base = tmp_path_factory.getbasetemp()
    if _AUDIT.top is None:
        _AUDIT.top = set()  # all there is at the first test's end is new: its own or shared
    yield
    own = tmp_path
    skip = [n for m in request.node.iter_markers("not_a_docx") for n in m.args]
    problems = []
    start = time.perf_counter()
    new = _AUDIT.new_docx(base, own)
    _AUDIT.scan_seconds += time.perf_counter() - start
    for path in new:
        shown = path.relative_to(own) if own is not None and path.is_relative_to(own) else path
        if any(fnmatch.fnmatch(path.name, n) or fnmatch.fnmatch(str(shown), n) for n in skip):
            continue
        _AUDIT.files += 1
        found = audit_findings(path)
        if found:
            problems.append(f"{shown}: {len(found)} findings\n  " + "\n  ".join(found[:20]))
    if problems:
        pytest.fail("openxml-audit findings:\n" + "\n".join(problems), pytrace=False)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _AUDIT.files:
        per = 1000 * _AUDIT.seconds / max(1, _AUDIT.audited)
        terminalreporter.write_line(
            f"openxml-audit: {_AUDIT.files} .docx files checked, {_AUDIT.audited} distinct "
            f"audited in {_AUDIT.seconds:.2f} s ({per:.0f} ms each); looking for them took "
            f"{_AUDIT.scan_seconds:.2f} s"
        )
