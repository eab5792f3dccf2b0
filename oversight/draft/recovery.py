"""Recovery copies of unsaved drafts, the recent-files list, and the starter letter.

Every few seconds the TUI copies an unsaved draft to a recovery file in the user's state folder;
the next start offers it back (``document.open_recovery`` makes the draft again). Nothing in that folder can stop the app from starting: a file that
cannot be read, is not UTF-8, is cut short or is not one of ours is moved to ``set-aside/`` and
reported as a warning.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import time
from pathlib import Path

import msgspec
from platformdirs import user_state_path
from ruamel.yaml import YAML

from oversight.fsutil import atomic_write
from oversight.paths import package_data

HEADER = "# oversight recovery of: "
SAVED = "# saved: "


def starter_text(today: datetime.date | None = None) -> str:
    """The commented starter letter, its date set to ``today``."""
    text = (package_data() / "starter.yaml").read_text(encoding="utf-8")
    day = (today or datetime.date.today()).isoformat()
    return re.sub(r"^date: \d{4}-\d{2}-\d{2}", f"date: {day}", text, count=1, flags=re.MULTILINE)


def state_dir() -> Path:
    """Where recovery files, crash logs and the recent-files list live."""
    env = os.environ.get("OVERSIGHT_STATE_DIR")
    if env:
        return Path(env)
    return user_state_path("oversight")


def recovery_file_for(path: Path | None) -> Path:
    key = str(path.resolve()) if path else "untitled"
    digest = hashlib.sha1(key.encode()).hexdigest()[:12]
    return state_dir() / "recovery" / f"{digest}.yaml"


def write_recovery(path: Path | None, text: str) -> Path:
    target = recovery_file_for(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    header = f"{HEADER}{path.resolve() if path else 'untitled'}\n"
    header += f"{SAVED}{time.strftime('%Y-%m-%d %H:%M:%S')}\n"
    atomic_write(target, (header + text).encode("utf-8"))
    return target


class Recovery(msgspec.Struct):
    file: Path
    original: Path | None
    saved: str
    text: str = ""  # the draft, without the two header lines


def set_aside(file: Path, why: str) -> str:
    """Move a file the app cannot use out of the way; a warning that says where it went."""
    folder = file.parent / "set-aside"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{time.strftime('%Y%m%d-%H%M%S')}-{file.name}"
        os.replace(file, target)
    except OSError as err:
        return f"{file}: {why}; it could not be moved aside ({err.strerror or err}) and was ignored"
    return f"{file}: {why}; moved to {target}"


def _parse_recovery(file: Path) -> Recovery:
    """A recovery file, or ValueError saying why it is not one."""
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValueError("not UTF-8 text") from err
    lines = text.split("\n")
    if len(lines) < 2 or not lines[0].startswith(HEADER) or not lines[1].startswith(SAVED):
        raise ValueError("not an oversight recovery file")
    name = lines[0].removeprefix(HEADER)
    body = "\n".join(lines[2:])
    try:
        data = YAML(typ="safe").load(body)
    except Exception as err:
        raise ValueError("its letter is cut short or damaged") from err
    if data is not None and not isinstance(data, dict):
        raise ValueError("its letter is not a mapping")
    original = None if name == "untitled" else Path(name)
    return Recovery(file, original, lines[1].removeprefix(SAVED), body)


def scan_recoveries() -> tuple[list[Recovery], list[str]]:
    """Drafts left behind by a crash or a closed terminal (newest first), and warnings about
    files in the folder that could not be used."""
    folder = state_dir() / "recovery"
    try:
        if not folder.is_dir():
            return [], []
        entries = list(folder.iterdir())
    except OSError as err:
        return [], [f"{folder}: cannot be read ({err.strerror or err}); no drafts recovered"]
    out: list[tuple[float, Recovery]] = []
    warnings: list[str] = []
    for f in entries:
        if f.name.startswith(".") and f.name.endswith(".tmp"):
            f.unlink(missing_ok=True)  # a write cut short by a kill
            continue
        if f.name == "set-aside" or not f.is_file():
            continue
        try:
            out.append((f.stat().st_mtime, _parse_recovery(f)))
        except OSError as err:
            warnings.append(set_aside(f, f"cannot be read ({err.strerror or err})"))
        except ValueError as err:
            warnings.append(set_aside(f, str(err)))
    out.sort(key=lambda pair: pair[0], reverse=True)
    return [r for _, r in out], warnings


def recoveries() -> list[Recovery]:
    return scan_recoveries()[0]


def recent_files() -> list[Path]:
    f = state_dir() / "recent.txt"
    try:
        text = f.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError):
        return []
    return [Path(line) for line in text.splitlines() if line.strip() and "\0" not in line]


def remember_recent(path: Path) -> None:
    f = state_dir() / "recent.txt"
    try:
        f.parent.mkdir(parents=True, exist_ok=True)
        items = [str(path.resolve())] + [
            str(p) for p in recent_files() if str(p) != str(path.resolve())
        ]
        atomic_write(f, ("\n".join(items[:10]) + "\n").encode("utf-8"))
    except OSError:
        pass  # the list is a convenience: a read-only state folder must not stop a save


def crash_log(text: str) -> Path:
    """Write a crash report (a traceback) to the state folder; returns its path."""
    folder = state_dir() / "crash"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    atomic_write(target, text.encode("utf-8"))
    return target
