"""A render killed at any moment never leaves a half-written letter.

``oversight render`` writes the .docx to a temporary file beside it (``.letter.docx.*.tmp``),
syncs it and renames it over the old one, so a reader sees the old file or the new, never a mix.
These tests check that promise the hard way: a large letter is rendered by the real command in a
subprocess while ``letter.docx`` holds known bytes, and the process is killed with SIGKILL (no
handler runs, as when a laptop dies or a terminal is closed):

* at 30 moments spread over a render's measured duration;
* 5 more times the instant its temporary file appears (mid-write: the window is milliseconds);
* once at the worst moment, deterministically: the new letter complete in its temporary file,
  not yet renamed (``os.replace`` is replaced by a SIGKILL of the process itself).

After every kill ``letter.docx`` must be the old bytes exactly or the complete new letter (the
very bytes an uninterrupted render writes, which pass the structural check); the letter file is
untouched; and nothing else is in the folder but temporary files named ``.letter.docx.*.tmp``.
Those a user would want gone: the next successful render must remove them.
"""

from __future__ import annotations

import datetime
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from docx_check import check_docx
from helpers import MINIMAL

TIMED_KILLS = 30
TEMP_KILLS = 5
# The render, killed by itself between writing the temporary file and renaming it.
KILL_BEFORE_RENAME = (
    "import os, signal, sys\n"
    "os.replace = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)\n"
    "from oversight.cli import main\n"
    "sys.exit(main(['render', 'letter.yaml']))\n"
)
TEMP = re.compile(r"\.letter\.docx\..+\.tmp")

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def _big_letter() -> str:
    """About 350 KB of YAML giving a 270 KB .docx: 250 paragraphs, 200 questions of 4 parts,
    450 footnotes, 15 signers. Its words are random letters, so the .docx hardly compresses and
    writing it takes long enough to be caught mid-write."""
    rng = random.Random(6)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

    def words(n: int) -> str:
        return " ".join(
            "".join(rng.choice(alphabet) for _ in range(rng.randint(2, 10))) for _ in range(n)
        )

    letter = {
        "date": datetime.date(2025, 3, 20),
        "recipients": [{"honorific": "The Honorable", "name": "Jane Doe", "title": "Secretary"}],
        "body": "\n\n".join(words(120) + f".[@r{i % 60}, at {i}]" for i in range(250)),
        "questions": [
            {"text": words(20) + f"?[@r{i % 60}]", "parts": [words(15) for _ in range(4)]}
            for i in range(200)
        ],
        "deadline": {"days": 14},
        "signers": [{"name": f"Senator Number {i}"} for i in range(15)],
        "reports": [
            {
                "id": f"r{i}",
                "kind": "gao",
                "title": f"Report {i}: {words(6)}",
                "number": f"GAO-25-{i:06d}",
                "date": datetime.date(2025, 1, 1),
            }
            for i in range(60)
        ],
    }
    return yaml.safe_dump(letter, sort_keys=False, width=100)


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OVERSIGHT_")}
    env["OVERSIGHT_CONFIG"] = str(tmp / "no-office-config.yaml")  # this machine's: not used
    return env


def _render(
    folder: Path, env: dict[str, str], *, before_rename: bool = False
) -> subprocess.Popen[bytes]:
    command = ["-c", KILL_BEFORE_RENAME] if before_rename else ["-m", "oversight.cli", "render"]
    return subprocess.Popen(
        [sys.executable, *command, *([] if before_rename else ["letter.yaml"])],
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@dataclass(frozen=True)
class Setup:
    letter: str  # the big letter's YAML
    old: bytes  # what letter.docx holds before each render (a real, smaller letter)
    new: bytes  # what an uninterrupted render of the big letter writes
    duration: float  # seconds an uninterrupted render takes, start to exit
    env: dict[str, str]
    root: Path

    def folder(self, name: str) -> Path:
        """A folder holding the big letter and the old letter.docx."""
        folder = self.root / name
        folder.mkdir()
        (folder / "letter.yaml").write_text(self.letter, encoding="utf-8")
        (folder / "letter.docx").write_bytes(self.old)
        return folder


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    root = tmp_path_factory.mktemp("crash")
    env = _env(root)
    small = root / "small"
    small.mkdir()
    (small / "letter.yaml").write_text(MINIMAL, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "oversight.cli", "render", "letter.yaml"],
        cwd=small,
        env=env,
        check=True,
        capture_output=True,
    )
    old = (small / "letter.docx").read_bytes()
    partial = Setup(_big_letter(), old, b"", 0.0, env, root)
    times = []
    for i in range(2):  # measured first: the kills are spread over this
        folder = partial.folder(f"measure{i}")
        start = time.perf_counter()
        proc = _render(folder, env)
        assert proc.wait(timeout=120) == 0
        times.append(time.perf_counter() - start)
        new = (folder / "letter.docx").read_bytes()
    assert new != old
    assert check_docx(new) == [], "an uninterrupted render of the big letter is not sound"
    return Setup(partial.letter, old, new, statistics.mean(times), env, root)


def _kill_at_temp_file(proc: subprocess.Popen[bytes], folder: Path) -> bool:
    """SIGKILL the render the moment its temporary file appears; False if it finished first."""
    while proc.poll() is None:
        if any(TEMP.fullmatch(name) for name in os.listdir(folder)):
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.0002)
    return False


def _after_kill(setup: Setup, folder: Path) -> tuple[str, list[str]]:
    """Check the folder after a kill; return ("old" | "new", the temporary files left)."""
    names = set(os.listdir(folder))
    assert "letter.docx" in names, "letter.docx is gone"
    data = (folder / "letter.docx").read_bytes()
    if data == setup.old:
        state = "old"
    else:
        assert data == setup.new, (
            f"letter.docx is neither the old file nor the complete new one "
            f"({len(data)} bytes; old {len(setup.old)}, new {len(setup.new)}): "
            + "; ".join(check_docx(data)[:3])
        )
        state = "new"
    assert (folder / "letter.yaml").read_text(encoding="utf-8") == setup.letter
    temps = sorted(n for n in names if TEMP.fullmatch(n))
    others = sorted(names - {"letter.yaml", "letter.docx", *temps})
    assert not others, f"files left behind: {others}"
    return state, temps


def test_killed_render_leaves_old_or_complete_new(setup: Setup) -> None:
    outcomes: Counter[str] = Counter()
    leftovers: list[str] = []
    for i in range(TIMED_KILLS):
        folder = setup.folder(f"timed{i:02d}")
        delay = setup.duration * (i + 0.5) / TIMED_KILLS
        proc = _render(folder, setup.env)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state, temps = _after_kill(setup, folder)
        outcomes[f"{state} (killed after {delay:.2f} s)" if temps else state] += 1
        leftovers += temps
        shutil.rmtree(folder)
    caught = 0
    for i in range(TEMP_KILLS):
        folder = setup.folder(f"at-temp{i}")
        caught += _kill_at_temp_file(_render(folder, setup.env), folder)
        state, temps = _after_kill(setup, folder)
        outcomes[f"{state}, killed mid-write"] += 1
        leftovers += temps
        shutil.rmtree(folder)
    folder = setup.folder("before-rename")
    assert _render(folder, setup.env, before_rename=True).wait(timeout=120) == -signal.SIGKILL
    state, temps = _after_kill(setup, folder)
    assert state == "old" and len(temps) == 1, (state, temps)
    assert (folder / temps[0]).read_bytes() == setup.new, "the temporary file is the new letter"
    outcomes[f"{state}, killed before the rename"] += 1
    leftovers += temps
    print(
        f"\n{TIMED_KILLS + TEMP_KILLS + 1} kills over a {setup.duration:.2f} s render "
        f"({caught} of {TEMP_KILLS} caught mid-write): {dict(outcomes)}; "
        f"{len(leftovers)} temporary files left"
    )


def test_next_render_removes_temp_files_left_by_a_kill(setup: Setup) -> None:
    """What a user wants after a crash: the next render leaves only letter.yaml and letter.docx.

    A kill mid-write leaves ``.letter.docx.*.tmp`` (270 KB here) beside the letter, under a new
    name each time: without a clean-up they pile up, one per crash, in the letters folder.
    """
    folder = setup.folder("leftover")
    assert _render(folder, setup.env, before_rename=True).wait(timeout=120) == -signal.SIGKILL
    left = sorted(n for n in os.listdir(folder) if TEMP.fullmatch(n))
    assert left, "the killed render left no temporary file to clean up"

    done = subprocess.run(
        [sys.executable, "-m", "oversight.cli", "render", "letter.yaml"],
        cwd=folder,
        env=setup.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (folder / "letter.docx").read_bytes() == setup.new
    remaining = sorted(set(os.listdir(folder)) - {"letter.yaml", "letter.docx"})
    assert not remaining, (
        f"after a kill left {left}, a successful render still leaves {remaining} "
        "in the letter's folder"
    )
