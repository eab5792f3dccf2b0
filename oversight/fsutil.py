"""Writing files so that nothing is ever half-written: temp file, fsync, rename."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from oversight.errors import Problem, UserError, display_path


def is_file(path: Path) -> bool:
    """Path.is_file(), but False (not an exception) for a name too long or otherwise unusable."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def file_stamp(path: Path) -> tuple[str, int, int, bool] | tuple[str]:
    """What changes when a file does (path, modification time, size, a regular file); the
    path alone for a file that cannot be read. A key for what a process remembers of a file."""
    try:
        st = path.stat()
    except (OSError, ValueError):
        return (str(path),)
    return (str(path), st.st_mtime_ns, st.st_size, stat.S_ISREG(st.st_mode))


def check_output_path(path: Path, suffix: str | None = None) -> None:
    """Refuse, before any work, an output that cannot be written: a folder, a missing folder.
    ``suffix``: what the file's name should end in, for the hint (its own suffix by default)."""
    shown = display_path(path)
    if path.is_dir():
        ending = suffix or path.suffix or ".docx"
        raise UserError(
            Problem(
                "the output path is a folder",
                file=shown,
                hint=f"give a file name ending in {ending}",
            )
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        for above in (parent, *parent.parents):
            if above.exists() and not above.is_dir():
                raise UserError(
                    Problem(f"{display_path(above)} is a file, not a folder", file=shown)
                )
        raise UserError(Problem(f"the folder {display_path(parent)} does not exist", file=shown))
    if not os.access(parent, os.W_OK):
        raise UserError(Problem(f"cannot write in the folder {display_path(parent)}", file=shown))


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` atomically: readers see the old file or the new, never a mix.

    A failure (disk full, permission, a kill) leaves any existing file exactly as it was.
    ``durable`` also flushes the file and its folder to disk before returning (against power
    loss); a batch passes False and flushes once at the end (:func:`flush_all`), since a
    thousand fsyncs cost far more than the letters themselves.
    """
    parent = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=parent)
    except OSError as err:
        raise UserError(
            Problem(f"cannot write here: {err.strerror}", file=display_path(path))
        ) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise UserError(
                Problem(f"cannot write the file: {err.strerror}", file=display_path(path))
            ) from None
        raise
    if durable:
        remove_stale_temps(parent, path.name)
        with contextlib.suppress(OSError):
            dfd = os.open(parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)


def remove_stale_temps(folder: Path, name: str | None = None) -> None:
    """Remove temporary files left by a write that was killed (its process no longer runs).

    A temporary file is ``.<name>.<pid>.<random>.tmp``; one whose process is alive is another
    write in progress and is left alone.
    """
    pattern = f".{name}.*.tmp" if name else ".*.tmp"
    with contextlib.suppress(OSError):
        for temp in folder.glob(pattern):
            pid = temp.name[: -len(".tmp")].rsplit(".", 2)[-2]
            if not pid.isdigit() or int(pid) == os.getpid():
                continue
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                temp.unlink(missing_ok=True)
            except (PermissionError, OSError):
                continue


def flush_all() -> None:
    """Flush everything written so far to disk (the end of a batch)."""
    with contextlib.suppress(AttributeError, OSError):
        os.sync()
