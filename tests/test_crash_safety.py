"""A render killed at any moment never leaves a half-written letter, and what a kill leaves
behind the next run removes.

``oversight render`` writes each .docx to a temporary file beside it (``.letter.docx.<pid>.*.tmp``)
and renames it over the old one, so a reader sees the old file or the new, never a mix. A kill
(SIGKILL: no handler runs, as when a laptop dies or a terminal is closed) can leave the temporary
file behind; the next render must remove it. Checked three ways:

* **Every moment of a write.** The file writer is run in forked children, each SIGKILLed at one
  Python line event of the write (in the writer and everything it calls: tempfile, pathlib, os),
  every event in turn, for a durable write over an old file and a batch write (no fsync) where
  there was none. The target must go from "as before" to "the new bytes" exactly once, never to
  anything else; a kill may leave at most its own temporary file; a later write removes them all.
* **The real command, killed at random moments.** A large letter rendered by ``oversight render``
  in a subprocess, killed at random moments while it writes, the instant its temporary file
  appears, and between writing the temporary file and renaming it. After every kill
  ``letter.docx`` is the old bytes or the complete new letter; the letter file is untouched; only
  the killed process's temporary files are left; and after all the kills one uninterrupted render
  leaves the folder holding only ``letter.yaml`` and ``letter.docx``.
* **A batch**, ``oversight render`` of several letters across worker processes, its whole process
  group killed at random moments: each output is absent (if it was), the old bytes (if it was) or
  its complete new letter, and the next batch removes every temporary file.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from docx_check import check_docx
from helpers import EXAMPLE_LETTERS, MINIMAL, OVERSIGHT, cli_env, random_letter

TIMED_KILLS = 8  # the real command, at random moments of its write
TEMP_KILLS = 3  # the real command, the instant its temporary file appears
BATCH_LETTERS = 6
BATCH_KILLS = 4
# The render, killed by itself between writing the temporary file and renaming it.
KILL_BEFORE_RENAME = (
    "import os, signal, sys\n"
    "os.replace = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)\n"
    "from oversight.cli.main import main\n"
    "sys.exit(main(['render', 'letter.yaml']))\n"
)
# A batch whose first rename, in whichever worker, kills the whole batch instead.
KILL_BATCH_BEFORE_RENAME = (
    "import os, signal, sys\n"
    "os.replace = lambda *args, **kwargs: os.killpg(0, signal.SIGKILL)\n"
    "from oversight.cli.main import main\n"
    "sys.exit(main(['render', *sys.argv[1:]]))\n"
)

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL") or not hasattr(os, "fork"), reason="needs SIGKILL and fork"
)


def temp_name(target: str) -> re.Pattern[str]:
    """A temporary file of ``target``; group 1 is the pid of the process that made it."""
    return re.compile(rf"\.{re.escape(target)}\.(\d+)\..+\.tmp")


def leftovers(folder: Path, expected: set[str], killed: set[int]) -> list[str]:
    """The temporary files in ``folder`` beside the ``expected`` names. Anything else, or a
    temporary file of a process not known to be dead (its pid names whose it is, and the next
    run decides by it whether to remove the file), fails the test."""
    temps, others = [], []
    for name in sorted(set(os.listdir(folder)) - expected):
        m = next((m for t in expected if (m := temp_name(t).fullmatch(name))), None)
        if m is None:
            others.append(name)
        else:
            assert int(m.group(1)) in killed, f"{name} is not named after a killed process"
            temps.append(name)
    assert not others, f"files left behind: {others}"
    return temps


# ---------------------------------------------------------------- every moment of a write


def _line_events(on_event: Callable[[int, FrameType], None]) -> Any:
    """A trace function calling ``on_event(n, frame)`` at each line event, in every frame."""
    n = [0]

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            on_event(n[0], frame)
            n[0] += 1
        return local

    def global_(frame: FrameType, event: str, arg: Any) -> Any:
        return local

    return global_


def _in_child(job: Callable[[], None]) -> int:
    """Run ``job`` in a forked child; its wait status. The child never returns to pytest."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            job()
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return pid if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL else -1


@pytest.mark.parametrize(
    ("durable", "over_old"),
    [(True, True), (False, False)],
    ids=["one-letter-over-an-old-file", "batch-write-of-a-new-file"],
)
def test_a_write_killed_at_every_line_leaves_old_or_new(
    tmp_path: Path, durable: bool, over_old: bool
) -> None:
    from oversight.fsutil import atomic_write
    from oversight.letters.prepare import load_letter
    from oversight.render import docx_bytes

    before = _old_letter(tmp_path) if over_old else None
    new = docx_bytes(load_letter(EXAMPLE_LETTERS[0]))
    target = tmp_path / "letter.docx"

    def reset() -> None:
        if before is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(before)

    def write() -> None:
        atomic_write(target, new, durable=durable)

    # One write first, in a folder of its own, so that the children start warm (the regular
    # expressions of the temporary-file clean-up compiled); then the line events of one write
    # counted in a child, as the kills will run (a forked child takes a few more: tempfile
    # reseeds its random names after a fork).
    warm = tmp_path / "warm"
    warm.mkdir()
    atomic_write(warm / "letter.docx", new, durable=durable)
    atomic_write(warm / "letter.docx", new, durable=True)
    shutil.rmtree(warm)
    counted = tmp_path / "events"
    reset()

    def count() -> None:
        events: list[str] = []

        def note(n: int, frame: FrameType) -> None:
            events.append(f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno}")

        sys.settrace(_line_events(note))
        write()
        sys.settrace(None)
        counted.write_text("\n".join(events), encoding="utf-8")

    _in_child(count)
    events = counted.read_text(encoding="utf-8").splitlines()
    counted.unlink()
    assert target.read_bytes() == new, "an uninterrupted write in a child did not write"
    assert len(events) > 20, events

    states: list[str] = []
    killed: set[int] = set()
    temps_seen = 0
    for k in range(len(events)):
        reset()

        def killed_at_k(n: int, frame: FrameType, k: int = k) -> None:
            if n == k:
                os.kill(os.getpid(), signal.SIGKILL)

        def job(hook: Callable[[int, FrameType], None] = killed_at_k) -> None:
            sys.settrace(_line_events(hook))
            write()

        pid = _in_child(job)
        assert pid > 0, f"the child was not killed at event {k} ({events[k]})"
        killed.add(pid)
        if not target.exists():
            state = "absent"
        else:
            data = target.read_bytes()
            state = "old" if data == before else "new" if data == new else f"{len(data)} bytes"
        states.append(state)
        assert state in ("absent" if before is None else "old", "new"), (
            f"killed before {events[k]} (event {k} of {len(events)}): letter.docx is {state}"
        )
        mine = [t for t in leftovers(tmp_path, {"letter.docx"}, killed) if f".{pid}." in t]
        assert len(mine) <= 1, mine
        temps_seen += len(mine)
    first_new = states.index("new")
    assert set(states[first_new:]) == {"new"}, (
        f"the letter went back from new to old: killed at {events}: {states}"
    )
    assert 0 < first_new < len(states), states
    assert temps_seen, "no kill left a temporary file: the kills missed the write"

    atomic_write(target, new)  # the next write removes what the killed ones left
    assert sorted(os.listdir(tmp_path)) == ["letter.docx"]
    print(
        f"\n{len(events)} kills: {Counter(states)}; {temps_seen} left a temporary file; "
        "the next write removed them"
    )


# ---------------------------------------------------------------- the real command


def _big_letter() -> str:
    """About 350 KB of YAML giving a 270 KB .docx: 250 paragraphs, 200 questions of 4 parts,
    450 footnotes, 15 signers. Its words are random letters, so the .docx hardly compresses and
    writing it takes long enough to be caught mid-write."""
    return random_letter(random.Random(6), paragraphs=250, questions=200, signers=15, reports=60)


def _start(
    folder: Path, env: dict[str, str], *args: str, before_rename: bool = False
) -> subprocess.Popen[bytes]:
    if before_rename:
        script = KILL_BATCH_BEFORE_RENAME if args else KILL_BEFORE_RENAME
        command = [sys.executable, "-c", script, *args]
    else:
        command = [*OVERSIGHT, "render", *(args or ("letter.yaml",))]
    return subprocess.Popen(
        command,
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # a group of its own: a batch is killed with its workers
    )


def _group_alive(pgid: int) -> bool:
    """Whether a process of group ``pgid`` still runs (a zombie does not: it is dead, waiting for
    init to reap it, which on some machines takes a second or two)."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        return True
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # gone meanwhile
            if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
                return True
    return False


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the process and its whole group (a batch's workers), and wait until all are dead."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    end = time.monotonic() + 10
    while _group_alive(proc.pid):  # a worker may still be in a system call (an fsync)
        assert time.monotonic() < end, "a worker outlived the kill of its batch"
        time.sleep(0.005)


def _first_temp(proc: subprocess.Popen[bytes], folder: Path) -> float | None:
    """Seconds until a temporary file appears in ``folder``; None if the process ended first."""
    start = time.perf_counter()
    while proc.poll() is None:
        if any(n.endswith(".tmp") for n in os.listdir(folder)):
            return time.perf_counter() - start
        time.sleep(0.0002)
    return None


def _old_letter(folder: Path) -> bytes:
    """What a letter's .docx holds before a render: a real, smaller letter."""
    from oversight.letters.prepare import load_letter
    from oversight.render import docx_bytes

    (folder / "old.yaml").write_text(MINIMAL, encoding="utf-8")
    data = docx_bytes(load_letter(folder / "old.yaml"))
    (folder / "old.yaml").unlink()
    return data


@dataclass(frozen=True)
class Command:
    letter: str  # the big letter's YAML
    old: bytes  # what letter.docx holds before each render (a real, smaller letter)
    new: bytes  # what an uninterrupted render of the big letter writes
    writes_at: float  # seconds from start until the temporary file appears
    duration: float  # seconds an uninterrupted render takes, start to exit
    env: dict[str, str]


@pytest.fixture(scope="module")
def command(tmp_path_factory: pytest.TempPathFactory) -> Command:
    root = tmp_path_factory.mktemp("crash")
    env = cli_env(root)
    old = _old_letter(root)
    (root / "letter.yaml").write_text(_big_letter(), encoding="utf-8")
    writes, times = [], []
    for _ in range(2):  # measured first: the kills are spread over the write
        (root / "letter.docx").write_bytes(old)
        start = time.perf_counter()
        proc = _start(root, env)
        writes.append(_first_temp(proc, root))
        assert proc.wait(timeout=120) == 0
        times.append(time.perf_counter() - start)
    new = (root / "letter.docx").read_bytes()
    assert new != old
    assert check_docx(new) == [], "an uninterrupted render of the big letter is not sound"
    assert all(w is not None for w in writes), "no temporary file was seen"
    letter = (root / "letter.yaml").read_text(encoding="utf-8")
    return Command(letter, old, new, min(writes), max(times), env)  # type: ignore[type-var]


def test_killed_render_leaves_old_or_complete_new(command: Command, tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "letter.yaml").write_text(command.letter, encoding="utf-8")
    rng = random.Random()
    seed = rng.randrange(10**6)
    rng.seed(seed)
    outcomes: Counter[str] = Counter()
    killed: set[int] = set()
    left = 0

    def check(proc: subprocess.Popen[bytes], how: str) -> str:
        nonlocal left
        killed.add(proc.pid)
        data = (folder / "letter.docx").read_bytes()
        state = "old" if data == command.old else "new" if data == command.new else ""
        assert state, (
            f"{how}: letter.docx is neither the old file nor the complete new one "
            f"({len(data)} bytes; old {len(command.old)}, new {len(command.new)}; seed {seed}): "
            + "; ".join(check_docx(data)[:3])
        )
        assert (folder / "letter.yaml").read_text(encoding="utf-8") == command.letter
        temps = leftovers(folder, {"letter.yaml", "letter.docx"}, killed)
        left += sum(f".{proc.pid}." in t for t in temps)
        outcomes[f"{state}, {how}"] += 1
        return state

    # At random moments from a little before the first temporary file appears to the end.
    for _ in range(TIMED_KILLS):
        (folder / "letter.docx").write_bytes(command.old)
        delay = rng.uniform(command.writes_at * 0.8, command.duration)
        proc = _start(folder, command.env)
        time.sleep(delay)
        _kill(proc)
        check(proc, "killed at a random moment")
    # The instant the temporary file appears: mid-write.
    caught = 0
    for _ in range(TEMP_KILLS):
        (folder / "letter.docx").write_bytes(command.old)
        proc = _start(folder, command.env)
        caught += _first_temp(proc, folder) is not None
        _kill(proc)
        check(proc, "killed as the temporary file appeared")
    # The worst moment, on purpose: the new letter whole in its temporary file, not yet renamed.
    (folder / "letter.docx").write_bytes(command.old)
    proc = _start(folder, command.env, before_rename=True)
    assert proc.wait(timeout=120) == -signal.SIGKILL
    assert check(proc, "killed before the rename") == "old"
    (temp,) = [n for n in os.listdir(folder) if f".{proc.pid}." in n]
    assert (folder / temp).read_bytes() == command.new, "the temporary file is the new letter"
    print(
        f"\n{TIMED_KILLS + TEMP_KILLS + 1} kills of a {command.duration:.2f} s render that writes "
        f"after {command.writes_at:.2f} s ({caught} of {TEMP_KILLS} caught mid-write; seed {seed}): "
        f"{dict(outcomes)}; {left} temporary files left"
    )

    # What a user wants after all those crashes: the next render leaves only the two files.
    proc = _start(folder, command.env)
    assert proc.wait(timeout=120) == 0
    assert (folder / "letter.docx").read_bytes() == command.new
    remaining = sorted(set(os.listdir(folder)) - {"letter.yaml", "letter.docx"})
    assert not remaining, f"after the kills, a successful render still leaves {remaining}"


# ---------------------------------------------------------------- a batch


def test_killed_batch_leaves_each_letter_absent_old_or_complete_new(tmp_path: Path) -> None:
    rng = random.Random()
    seed = rng.randrange(10**6)
    rng.seed(seed)
    env = cli_env(tmp_path)
    names = [f"letter{i}" for i in range(BATCH_LETTERS)]
    args = ["-j", "2", *(f"{n}.yaml" for n in names)]

    reference = tmp_path / "reference"
    reference.mkdir()
    old = _old_letter(reference)
    for i, name in enumerate(names):
        text = random_letter(random.Random(i), paragraphs=30, questions=20, signers=3, reports=10)
        (reference / f"{name}.yaml").write_text(text, encoding="utf-8")
    # When writing begins, from a reference run; a poller starved of the CPU by the batch's two
    # workers can miss the short-lived temporary files, so up to three runs are watched.
    writes_at = None
    for _attempt in range(3):
        start = time.perf_counter()
        proc = _start(reference, env, *args)
        writes_at = _first_temp(proc, reference)
        assert proc.wait(timeout=120) == 0
        duration = time.perf_counter() - start
        if writes_at is not None:
            break
    new = {name: (reference / f"{name}.docx").read_bytes() for name in names}
    assert writes_at is not None, "no temporary file was seen during three batch runs"
    for name in names:
        assert new[name] != old and check_docx(new[name]) == [], name

    folder = tmp_path / "letters"
    folder.mkdir()
    for name in names:
        shutil.copy(reference / f"{name}.yaml", folder)
    # Half the outputs exist from an earlier run; half do not.
    before = {name: old if i % 2 else None for i, name in enumerate(names)}
    expected = {f"{n}.yaml" for n in names} | {f"{n}.docx" for n in names}
    outcomes: Counter[str] = Counter()
    left: set[str] = set()
    groups: list[int] = []
    # At random moments; the instant the first temporary file appears; and, on purpose, as the
    # first letter is about to be renamed into place.
    for kill in [*(["random"] * BATCH_KILLS), "temporary file", "rename"]:
        for name, data in before.items():
            out = folder / f"{name}.docx"
            if data is None:
                out.unlink(missing_ok=True)
            else:
                out.write_bytes(data)
        if kill == "rename":
            proc = _start(folder, env, *args, before_rename=True)
            assert proc.wait(timeout=120) == -signal.SIGKILL
        else:
            proc = _start(folder, env, *args)
            if kill == "random":
                time.sleep(rng.uniform(writes_at * 0.7, duration))
            else:
                _first_temp(proc, folder)
        _kill(proc)
        groups.append(proc.pid)
        states = []
        for name in names:
            out = folder / f"{name}.docx"
            data = out.read_bytes() if out.exists() else None
            if data == new[name]:
                states.append("new")
                continue
            assert data == before[name], (
                f"{name}.docx after a kill of the batch is neither as before nor its complete new "
                f"letter (seed {seed}): "
                + ("absent" if data is None else f"{len(data)} bytes; {check_docx(data)[:2]}")
            )
            states.append("old" if data is not None else "absent")
        outcomes[f"{' '.join(s[0] for s in states)} ({kill})"] += 1
        if kill == "rename":
            assert set(states) <= {"absent", "old"}, states
        # The batch's workers are forked from it: their temporary files name their own pids,
        # which the next run finds dead just the same.
        for name in set(os.listdir(folder)) - expected:
            assert any(temp_name(t).fullmatch(name) for t in expected), f"left behind: {name}"
            left.add(name)
    assert left, "no kill left a temporary file: nothing to clean up"
    print(
        f"\n{BATCH_KILLS + 2} kills of a {duration:.2f} s batch of {BATCH_LETTERS} that writes after "
        f"{writes_at:.2f} s (seed {seed}; a=absent o=old n=new per letter): {dict(outcomes)}; "
        f"{len(left)} temporary files left"
    )

    # The next batch, once the killed workers are gone for good. (A killed worker not yet reaped
    # is a zombie whose pid still answers: the clean-up takes it for a write in progress and
    # keeps its file, until a later run.)
    end = time.monotonic() + 30
    for pgid in groups:
        while True:
            try:
                os.killpg(pgid, 0)
            except ProcessLookupError:
                break
            assert time.monotonic() < end, "killed workers were never reaped"
            time.sleep(0.01)
    proc = _start(folder, env, *args)
    assert proc.wait(timeout=120) == 0
    for name in names:
        assert (folder / f"{name}.docx").read_bytes() == new[name]
    remaining = sorted(set(os.listdir(folder)) - expected)
    assert not remaining, f"after the kills, a successful batch still leaves {remaining}"
