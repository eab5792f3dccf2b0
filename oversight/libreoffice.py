"""Driving LibreOffice headless, the one way the project does it (PDF export, import of .doc,
.odt and .rtf).

LibreOffice takes about a second and 200 MB to start, so a batch of files goes through one call.
It converts into a private temporary folder, with its own profile (a LibreOffice the staffer has
open does not block it, and nothing of theirs is touched); on a timeout its whole process group
is killed (it leaves helpers behind); each result is then moved to its place atomically.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

INSTALL_HINT = "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui)"


class LibreOfficeTimeout(Exception):
    """LibreOffice did not finish in time (its process group has been killed)."""


def soffice() -> str | None:
    """The LibreOffice program on PATH, if any."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def batches_by_name(files: Sequence[Path]) -> list[list[Path]]:
    """The files in as few batches as can be, no two of a batch sharing a name (LibreOffice names
    each output after its input, so they would overwrite each other)."""
    batches: list[list[Path]] = []
    for f in files:
        for batch in batches:
            if all(b.name != f.name for b in batch):
                batch.append(f)
                break
        else:
            batches.append([f])
    return batches


@contextlib.contextmanager
def converted(
    program: str, files: Sequence[Path], convert_to: str, *, timeout: float, prefix: str
) -> Iterator[Path]:
    """Run one headless LibreOffice converting ``files`` (``--convert-to convert_to``); yield the
    temporary folder the results are in, named after their inputs. The folder and LibreOffice's
    private profile are removed afterwards; :class:`LibreOfficeTimeout` if it ran too long."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        profile = Path(tmp, "profile").as_uri()
        outdir = Path(tmp, "out")
        cmd = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            convert_to,
            "--outdir",
            str(outdir),
            *[str(f.resolve()) for f in files],
        ]
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise LibreOfficeTimeout(f"LibreOffice did not finish within {timeout:.0f} s") from None
        finally:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)  # LibreOffice leaves helpers in its group
        yield outdir


def move_into_place(produced: Path, target: Path) -> None:
    """Copy a result to ``target`` through a hidden temporary file beside it, then rename: a
    reader sees the old file or the new, never a half-written one."""
    tmp_target = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(produced, tmp_target)
    os.replace(tmp_target, target)
