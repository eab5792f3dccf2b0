#!/usr/bin/env python3
"""The terminal UI's responsiveness: keystroke to painted preview, settling after held arrow keys,
and idle CPU. One command (from the repository's top folder):

    PYTHONPATH=. python bench/tui.py                 # everything, about 10 minutes
    PYTHONPATH=. python bench/tui.py --quick         # fewer samples (a smoke test, not figures)
    PYTHONPATH=. python bench/tui.py --only keys     # keys, settle, idle (comma-separated)
    bench/run.py --only tuiresp                      # the same, from the main benchmark

It measures the code of the repository it sits in (its parent folder is put first on PYTHONPATH
of every process it starts), with the Python running it. Figures are printed, with the aims
beside them (keystroke p99 ≤ 50 ms, settle ≤ 1 s, idle CPU ≤ 2 %); nothing passes or fails.

Two letters: the model letter (examples/irs-dhs-doge-letter.yaml) and a 40-question letter made
here from it (four headed groups of ten questions, most with lettered parts, a bank question,
footnote citations of the model letter's reports), each copied into a temporary folder beside
a copy of examples/reports/.

1. Keystroke → painted preview (headless: Textual's run_test, 120×40, one fresh process per
   letter). The app's own `_display`, which Textual calls with each frame the compositor has
   made, is wrapped: the wrapper turns the frame into the bytes a real terminal would be sent
   (`render_segments`, which the headless driver skips), notes the time, and feeds the bytes to a
   small terminal emulator (cursor moves and text; styles ignored). "Painted" is the first frame
   after which the emulated screen, in the preview's columns, shows the text as typed so far
   (the first paragraph of the preview, whitespace collapsed, begins with exactly the typed
   characters). Keys are sent from a thread of their own through the driver's
   `process_message`, as Textual's terminal driver sends what its input thread reads, so a key
   is sent on time even while the app's event loop is busy, and waits in the loop as a real
   keystroke would. The text is typed at the start of the body's first paragraph, a phrase of
   about 30 characters at a time; between phrases the phrase is removed (shift+home, backspace)
   and the app left alone for 0.5 s (not timed).
     typing: keys 80-120 ms apart (uniform, seeded); each key's time runs from sending it to the
       first frame showing it or any later key.
     bursts: each word of the phrase and its space, keys 20 ms apart; time from the burst's last
       key to the frame showing it; 0.3 s pause after the paint before the next burst.
2. Settle after 30 held arrow keys (a real terminal: the app started as `python -m
   oversight.cli tui LETTER` in tmux, 120×40, its own tmux server and state folder). In the
   sections list (focused at start) and in the questions list (Questions shown by Down presses
   each left to settle, then Tab into its list; a click would select a row and send the keys
   into the question's text): 30 Down keys
   sent with `tmux send-keys` 30 ms apart (a held key's auto-repeat), then 30 Up keys. The
   process's CPU time (utime + stime from /proc/PID/stat, 10 ms ticks, sampled every 5 ms) is
   watched from the last key; settled = no increase for 200 ms, and the settle time is from the
   last key to the last increase before that quiet (±10 ms). No quiet within 10 s: "did not
   settle", with the CPU used over those 10 s; Up is then measured in a fresh app taken to the
   list's bottom one key at a time. Each case runs in a fresh app, three times.
3. Idle CPU: the model letter in tmux, untouched; from 1 s after the first preview appears on
   the pane (capture-pane), CPU seconds used over 5 s of wall time, as a percentage of one core.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import contextlib
import datetime
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
MODEL = ROOT / "examples" / "irs-dhs-doge-letter.yaml"
SIZE = (120, 40)
ANCHOR = "We write with serious concern"  # how the body's first paragraph begins
# Typed at the start of that paragraph, so "<typed>We write with ..." (each ≤ 36 characters, so
# the phrase stays on the editor's first row and shift+home selects all of it).
PHRASES = [
    "Our staff asked again in May ",
    "The agency has not yet replied ",
    "Please answer each part fully ",
    "We also ask for the records ",
    "This is a matter of law ",
    "Treasury must keep all logs ",
]
AIM_KEY_P99 = 0.050
AIM_SETTLE = 1.0
AIM_IDLE = 2.0  # percent of one core


# --------------------------------------------------------------------------- letters
def make_letters(folder: Path) -> dict[str, Path]:
    """The model letter and a 40-question letter made from it, each beside a copy of reports/."""
    import yaml

    shutil.copytree(MODEL.parent / "reports", folder / "reports")
    model = folder / MODEL.name
    shutil.copy(MODEL, model)

    data = yaml.safe_load(MODEL.read_text(encoding="utf-8"))
    library = yaml.safe_load((MODEL.parent / "reports" / "irs-dhs.yaml").read_text("utf-8"))
    ids = [r["id"] for r in library["reports"]]
    plain = []  # the model letter's own questions, as {text, parts}
    bank = None
    for q in data["questions"]:
        if isinstance(q, str):
            plain.append({"text": q, "parts": []})
        elif "use" in q:
            bank = q
        else:
            plain.append({"text": q["text"], "parts": list(q.get("parts") or [])})
    generic = [
        "Provide all documents and communications relating to this question.",
        "Identify each official who took part, by name and position.",
        "State the date of each decision and who made it.",
    ]
    headings = [
        "Requests for taxpayer information",
        "Access to IRS systems",
        "Personnel actions",
        "Safeguards and records",
    ]
    groups = []
    n = 0
    for g, heading in enumerate(headings):
        questions: list[Any] = []
        if g == 0 and bank is not None:
            questions.append(bank)
            n += 1
        while len(questions) < 10:
            src = plain[n % len(plain)]
            text = src["text"].strip()
            if n % 3 == 0:  # a footnote on every third question
                text = text.rstrip() + f"[@{ids[n % len(ids)]}]"
            parts = list(src["parts"]) or (generic[: 2 + n % 2] if n % 4 else [])
            questions.append({"text": text, "parts": parts} if parts else text)
            n += 1
        groups.append({"heading": heading, "questions": questions})
    data["questions"] = groups

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    def text(dumper: Any, value: str) -> Any:  # paragraphs as block scalars, as people write them
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    big = folder / "forty-questions.yaml"
    big.write_text(
        "# Made by bench/tui.py from the model letter: 40 questions in four headed groups.\n"
        + yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )
    return {"model letter": model, "40-question letter": big}


def check_letter(path: Path) -> str | None:
    """None when the letter renders; else its first problem."""
    from oversight.draft import check_text

    result = check_text(path.read_text(encoding="utf-8"), path)
    return None if result.ok else result.problems[0].headline()


# --------------------------------------------------------------------------- terminal emulation
_TOKEN = re.compile(
    r"\x1b\[([0-9;?<=>]*)[ -/]*([@-~])"  # CSI: cursor moves, styles, modes
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: links, titles
    r"|\x1b[@-Z\\-_]"  # other escapes
    r"|([^\x1b\r\n]+)"  # text
    r"|[\r\n]"
)


class VScreen:
    """A screen's characters, as the bytes Textual writes would leave them: absolute cursor moves
    (CSI H, which is all Textual uses between the pieces of a frame) and text; styles ignored."""

    def __init__(self, width: int, height: int) -> None:
        from rich.cells import cell_len

        self.w, self.h = width, height
        self.rows = [[" "] * width for _ in range(height)]
        self.x = self.y = 0
        self._cell_len = cell_len

    def feed(self, data: str) -> None:
        for m in _TOKEN.finditer(data):
            text = m.group(3)
            if text is not None:
                self._put(text)
            elif m.group(2) == "H":
                p = (m.group(1) or "").split(";")
                self.y = int(p[0] or 1) - 1
                self.x = int(p[1] or 1) - 1 if len(p) > 1 else 0
            elif m.group(0) == "\r":
                self.x = 0

    def _put(self, text: str) -> None:
        if not 0 <= self.y < self.h:
            return
        row = self.rows[self.y]
        if text.isascii():
            end = min(self.x + len(text), self.w)
            if end > self.x >= 0:
                row[self.x : end] = text[: end - self.x]
            self.x += len(text)
            return
        for ch in text:
            width = self._cell_len(ch)
            if 0 <= self.x < self.w:
                row[self.x] = ch
                if width == 2 and self.x + 1 < self.w:
                    row[self.x + 1] = ""
            self.x += width

    def text(self, x0: int = 0, x1: int | None = None) -> str:
        return "\n".join("".join(r[x0:x1]) for r in self.rows)


def shown_state(screen_text: str, states: list[str]) -> int:
    """Which of `states` (the typed text after 0, 1, 2… keys) the preview shows: the largest j
    such that the paragraph reads exactly "<states[j]>We write with serious concern"; -1 when
    the paragraph is not on screen."""
    norm = " ".join(screen_text.split())
    i = norm.find(ANCHOR)
    if i < 0:
        return -1
    head = " " + norm[:i]
    for j in range(len(states) - 1, -1, -1):
        s = states[j]
        if head.endswith(" " + s) if s else head.endswith(" "):
            return j
    return -1


# --------------------------------------------------------------------------- 1. keystrokes (child)
class FrameProbe:
    """Wraps app._display: every frame Textual draws is rendered to terminal bytes, timed, and
    applied to a VScreen; then which typed state the preview's columns show is noted."""

    def __init__(self, app: Any, width: int, height: int) -> None:
        self.app = app
        self.original = app._display
        self.screen = VScreen(width, height)
        self.columns: tuple[int, int | None] = (0, None)
        self.round: tuple[int, list[str]] | None = None
        self.frames: list[tuple[float, int, int]] = []  # (time, round, shown state)
        self.count = 0
        self.cost = 0.0  # seconds spent emulating and matching (the probe's own overhead)
        self.lock = threading.Lock()

    def display(self, screen: Any, renderable: Any) -> None:
        from textual._compositor import CompositorUpdate

        self.original(screen, renderable)
        if renderable is None or self.app._batch_count:
            return
        if not isinstance(renderable, CompositorUpdate):
            return
        data = renderable.render_segments(self.app.console)  # what a terminal would be sent
        t = time.perf_counter()
        with self.lock:
            self.screen.feed(data)
            self.count += 1
            rnd = self.round
            if rnd is not None:
                self.frames.append((t, rnd[0], self.state(rnd[1])))
        self.cost += time.perf_counter() - t

    def state(self, states: list[str]) -> int:
        return shown_state(self.screen.text(*self.columns), states)

    def now_showing(self, states: list[str]) -> int:
        with self.lock:
            return self.state(states)


def _key_event(key: str) -> Any:
    """A Key event built as Pilot builds one (textual/app.py, _press_keys)."""
    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def _sleep_until(t: float) -> None:
    while True:
        left = t - time.perf_counter()
        if left <= 0:
            return
        time.sleep(min(left, 0.002) if left < 0.004 else left - 0.002)


class Typist:
    """Runs in a thread of its own, as a person at the keyboard: sends keys through the driver,
    reads the frames the probe noted, and touches the app's widgets only via call_from_thread."""

    def __init__(self, app: Any, probe: FrameProbe, area: Any, seed: int) -> None:
        self.app, self.probe, self.area = app, probe, area
        self.driver = app._driver
        self.rng = random.Random(seed)
        self.original = area.text  # made in the app's thread
        self.rid = 0
        self.failures = 0
        self.fixups = 0
        self.updates: list[int] = []  # previews painted while a phrase was typed

    def send(self, key: str) -> float:
        event = _key_event(key)
        t = time.perf_counter()
        self.driver.process_message(event)  # what the terminal driver's input thread calls
        return t

    def wait(self, cond: Any, timeout: float) -> bool:
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            if cond():
                return True
            time.sleep(0.002)
        return False

    def painted(self, rid: int, index: int, after: float) -> float | None:
        with self.probe.lock:
            for t, r, j in self.probe.frames:
                if r == rid and t >= after and j >= index:
                    return t
        return None

    def start_round(self, phrase: str) -> list[str]:
        self.rid += 1
        states = [phrase[:i] for i in range(len(phrase) + 1)]
        with self.probe.lock:
            self.probe.round = (self.rid, states)
        if self.probe.now_showing(states) != 0:
            raise SystemExit(
                "the preview does not show the body's first paragraph as expected "
                f"(looking for {ANCHOR!r} in columns {self.probe.columns})"
            )
        return states

    def end_round(self, typed: str, states: list[str]) -> None:
        app, area = self.app, self.area
        text = app.call_from_thread(lambda: area.text)
        if not text.startswith(typed + self.original[:20]):
            raise SystemExit(f"the body does not hold what was typed: {text[:60]!r}")
        self.send("shift+home")
        self.send("backspace")
        done = self.wait(lambda: app.call_from_thread(lambda: area.text) == self.original, 3)
        if not done:  # not expected: put the text back another way, and say so
            self.fixups += 1
            app.call_from_thread(lambda: area.load_text(self.original))
        self.wait(
            lambda: (
                app.checked_version == app.draft.version and self.probe.now_showing(states) == 0
            ),
            10,
        )
        with self.probe.lock:
            self.probe.round = None
            self.probe.frames.clear()
        time.sleep(0.5)

    def typing(self, n: int) -> list[float]:
        out: list[float] = []
        k = 0
        while len(out) < n:
            phrase = PHRASES[k % len(PHRASES)]
            k += 1
            states = self.start_round(phrase)
            sent: list[tuple[int, float]] = []
            t = time.perf_counter() + 0.05
            for i, ch in enumerate(phrase, 1):
                _sleep_until(t)
                sent.append((i, self.send(ch)))
                t += self.rng.uniform(0.080, 0.120)
            rid = self.rid
            self.wait(lambda rid=rid, last=sent[-1]: self.painted(rid, *last) is not None, 5)
            for i, tp in sent:
                tpaint = self.painted(rid, i, tp)
                if tpaint is None:
                    self.failures += 1
                else:
                    out.append(tpaint - tp)
            with self.probe.lock:  # how many of the phrase's states the preview showed
                self.updates.append(len({j for _, r, j in self.probe.frames if r == rid and j > 0}))
            self.end_round(phrase, states)
        return out

    def bursts(self, n: int) -> list[float]:
        out: list[float] = []
        k = 0
        while len(out) < n:
            phrase = PHRASES[k % len(PHRASES)]
            k += 1
            states = self.start_round(phrase)
            rid = self.rid
            i = 0
            for word in phrase.split(" ")[:-1]:
                if len(out) >= n:
                    break
                t = time.perf_counter()
                last = (0, 0.0)
                for ch in word + " ":
                    _sleep_until(t)
                    i += 1
                    last = (i, self.send(ch))
                    t += 0.020
                ok = self.wait(lambda rid=rid, last=last: self.painted(rid, *last) is not None, 5)
                if ok:
                    out.append(self.painted(rid, *last) - last[1])  # type: ignore[operator]
                else:
                    self.failures += 1
                time.sleep(0.3)
            self.end_round(phrase[:i], states)
        return out


async def _keys_main(letter: str, n_typing: int, n_burst: int, seed: int) -> dict[str, Any]:
    from oversight.tui.app import OversightApp
    from textual.widgets import TextArea

    app = OversightApp(Path(letter), ask_start=False)
    probe = FrameProbe(app, *SIZE)
    app._display = probe.display  # the instance's attribute: Textual calls app._display(...)
    result: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        end = time.monotonic() + 30
        while app.preview_version < 1 and time.monotonic() < end:
            await pilot.pause(0.01)
        if app.preview_version < 1:
            raise SystemExit("no first preview within 30 s")
        await pilot.pause(0.3)
        # To the body: the sections list has the keyboard at start; Body is two rows down, and
        # Tab goes into its first field. Keys, not the app's methods, so a rewrite keeps working.
        await pilot.press("down")
        await pilot.pause(0.2)
        await pilot.press("down")
        await pilot.pause(0.2)
        await pilot.press("tab")
        await pilot.pause(0.3)
        area = app.focused
        if not (isinstance(area, TextArea) and area.text.startswith(ANCHOR)):
            found = [a for a in app.screen.query(TextArea) if a.text.startswith(ANCHOR)]
            if not found:
                raise SystemExit("could not find the body's text area (Down, Down, Tab)")
            area = found[0]
            area.focus()
            await pilot.pause(0.2)
        area.move_cursor((0, 0))
        try:
            region = app.screen.query_one("#preview").region
            probe.columns = (region.x, region.right)
        except Exception:  # no #preview: the right half of the screen
            probe.columns = (SIZE[0] // 2, None)
        await pilot.pause(0.2)
        cpu0, t0 = time.process_time(), time.perf_counter()
        await asyncio.sleep(1.0)
        result["cpu_before"] = (time.process_time() - cpu0) / (time.perf_counter() - t0)
        result["first_check_ok"] = bool(app.last_check.ok)
        typist = Typist(app, probe, area, seed)
        result["typing"] = await asyncio.to_thread(typist.typing, n_typing)
        result["burst"] = await asyncio.to_thread(typist.bursts, n_burst)
        result["updates_per_phrase"] = statistics.mean(typist.updates)
        result["phrase_keys"] = statistics.mean(len(p) for p in PHRASES)
        result["failures"] = typist.failures
        result["fixups"] = typist.fixups
        result["frames"] = probe.count
        result["probe_ms_per_frame"] = probe.cost / max(probe.count, 1) * 1e3
        result["last_check_ok"] = bool(app.last_check.ok)
        result["columns"] = list(probe.columns)
    return result


def keys_child(letter: str, n_typing: int, n_burst: int, seed: int) -> None:
    r = asyncio.run(_keys_main(letter, n_typing, n_burst, seed))
    sys.stdout.write(json.dumps(r) + "\n")
    sys.stdout.flush()


# --------------------------------------------------------------------------- cleanup
_CLEANUPS: list[Any] = []


def _cleanup() -> None:
    while _CLEANUPS:
        with contextlib.suppress(Exception):
            _CLEANUPS.pop()()


def _on_signal(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def child_env(state: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env["OVERSIGHT_STATE_DIR"] = str(state)  # a state folder of its own: no recovery offered
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_keys(letter: Path, n: int, seed: int, state: Path) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "_keys", str(letter), str(n), str(n)]
    cmd.append(str(seed))
    p = subprocess.Popen(
        cmd, env=child_env(state), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    _CLEANUPS.append(lambda: p.kill() if p.poll() is None else None)
    try:
        out, err = p.communicate(timeout=60 + n * 6)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        raise RuntimeError("the keystroke run timed out") from None
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if p.returncode or not lines:
        raise RuntimeError(f"exit {p.returncode}: {(err or out).strip()[-600:]}")
    return json.loads(lines[-1])


# --------------------------------------------------------------------------- tmux (2 and 3)
def cpu_ticks(pid: int) -> int:
    """utime + stime of the process (all its threads), in clock ticks."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


TICK = os.sysconf("SC_CLK_TCK")


class Tmux:
    """One app in a tmux server of its own (socket oversight-bench-PID-N), killed on close."""

    count = 0

    def __init__(self, letter: Path, state: Path) -> None:
        Tmux.count += 1  # a server per app: a new one never meets the last one shutting down
        self.sock = f"oversight-bench-{os.getpid()}-{Tmux.count}"
        self.target = "bench"
        self.pid = 0
        env = child_env(state)
        inner = " ".join(
            [
                "exec env -u PYTHONDONTWRITEBYTECODE",
                f"PYTHONPATH={_q(env['PYTHONPATH'])}",
                f"OVERSIGHT_STATE_DIR={_q(str(state))}",
                _q(sys.executable),
                "-m oversight.cli tui",
                _q(str(letter)),
            ]
        )
        _CLEANUPS.append(self.close)
        self.tmux(
            "new-session", "-d", "-s", self.target, "-x", str(SIZE[0]), "-y", str(SIZE[1]),
            "-c", str(letter.parent), inner,
        )  # fmt: skip
        try:
            self.pid = int(self.tmux("display-message", "-p", "-t", self.target, "#{pane_pid}"))
        except RuntimeError:
            raise RuntimeError(
                f"the app exited at once; run it by hand to see why: {inner}"
            ) from None

    def tmux(self, *args: str) -> str:
        r = subprocess.run(
            ["tmux", "-L", self.sock, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=10,
        )
        if r.returncode:
            raise RuntimeError(f"tmux {args[0]}: {r.stderr.strip()}")
        return r.stdout.strip()

    def send(self, *keys: str, literal: bool = False) -> float:
        self.tmux("send-keys", "-t", self.target, *(["-l"] if literal else []), *keys)
        return time.perf_counter()

    def capture(self) -> list[str]:
        return self.tmux("capture-pane", "-p", "-t", self.target).split("\n")

    def alive(self) -> bool:
        return bool(self.pid) and Path(f"/proc/{self.pid}").exists()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            subprocess.run(
                ["tmux", "-L", self.sock, "kill-server"], capture_output=True, timeout=10
            )
        folder = Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        with contextlib.suppress(OSError):  # left behind when the server died on its own
            (folder / self.sock).unlink()
        if self.pid:  # the app itself, should tmux have left it
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            self.pid = 0

    def wait_text(self, needle: str, timeout: float = 30) -> float:
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            if any(needle in line for line in self.capture()):
                return time.perf_counter()
            time.sleep(0.02)
        raise RuntimeError(f"{needle!r} did not appear on the pane in {timeout:.0f} s")


def _q(s: str) -> str:
    import shlex

    return shlex.quote(s)


def settle(pid: int, since: float, quiet: float = 0.2, timeout: float = 10.0) -> dict[str, Any]:
    """Watch the process's CPU ticks from `since` (the last key) until they stop increasing for
    `quiet` seconds; or give up after `timeout`."""
    c0 = prev = cpu_ticks(pid)
    last = since
    while True:
        now = time.perf_counter()
        c = cpu_ticks(pid)
        if c != prev:
            prev, last = c, now
        if now - last >= quiet:
            return {"settled": True, "time": max(0.0, last - since), "cpu": (c - c0) / TICK}
        if now - since >= timeout:
            return {
                "settled": False,
                "time": None,
                "cpu": (c - c0) / TICK,
                "busy": (c - c0) / TICK / (now - since),
            }
        time.sleep(0.005)


def held(t: Tmux, key: str, n: int = 30, every: float = 0.030) -> float:
    """n presses of `key`, `every` seconds apart; the time the last one was sent."""
    nxt = time.perf_counter()
    last = nxt
    for _ in range(n):
        _sleep_until(nxt)
        last = t.send(key)
        nxt += every
    return last


def settle_case(letter: Path, where: str, state: Path, up_only: bool = False) -> dict[str, Any]:
    """A fresh app; for `where` (nav or questions) 30 × Down, settle, 30 × Up, settle. With
    `up_only` (when the held Down never settled): the list's bottom reached by Down keys one at a
    time, each left to settle, then 30 × Up."""
    t = Tmux(letter, state)
    out: dict[str, Any] = {}
    try:
        t.wait_text(ANCHOR)
        s = settle(t.pid, time.perf_counter(), timeout=20)
        if not s["settled"]:
            return {"error": "did not settle after starting"}
        if where == "questions":
            for _ in range(3):  # Letter → Recipients → Body → Questions, each left to settle
                s = settle(t.pid, t.send("Down"))
                if not s["settled"]:
                    return {"error": "did not settle while going to Questions"}
            if find_list_row(t.capture()) is None:
                return {"error": "the questions list was not found on the pane"}
            # Tab from the sections list goes into the section, to its list. (A click on a row
            # would select it, and the keyboard would go to the question's text.)
            s = settle(t.pid, t.send("Tab"))
            if not s["settled"]:
                return {"error": "did not settle after going into the questions list"}
        if up_only:
            for _ in range(5 if where == "nav" else 30):
                s = settle(t.pid, t.send("Down"))
                if not s["settled"]:
                    return {"error": "did not settle while going down one key at a time"}
        for key in ("Up",) if up_only else ("Down", "Up"):
            before = t.capture()
            out[key] = settle(t.pid, held(t, key))
            out[key]["changed"] = t.capture() != before  # the keys did something on screen
            if not out[key]["settled"]:
                break
    finally:
        t.close()
        _CLEANUPS.remove(t.close)
    return out


def find_list_row(lines: list[str]) -> tuple[int, int] | None:
    """Where the questions list's first row is on the pane: the first line whose editor column
    (after the 16 columns of the sections list) starts, past box-drawing characters, with a
    group heading's mark or "1. "."""
    for y, line in enumerate(lines):
        m = re.match(r"[\s│╭┃]*(▌ |1\. )", line[16:70])
        if m:
            return 16 + m.start(1) + 3, y
    return None


def thread_ns(pid: int) -> dict[str, int]:
    """Each live thread's time on a CPU, in ns (/proc/PID/task/TID/schedstat, first field)."""
    out = {}
    with contextlib.suppress(OSError):
        for tid in os.listdir(f"/proc/{pid}/task"):
            with (
                contextlib.suppress(OSError, ValueError, IndexError),
                open(f"/proc/{pid}/task/{tid}/schedstat") as f,
            ):
                out[tid] = int(f.read().split()[0])
    return out


def idle_case(letter: Path, state: Path, grace: float = 1.0, window: float = 5.0) -> dict:
    t = Tmux(letter, state)
    try:
        t0 = time.perf_counter()
        seen = t.wait_text(ANCHOR)
        time.sleep(grace)
        c0, n0, w0 = cpu_ticks(t.pid), thread_ns(t.pid), time.perf_counter()
        time.sleep(window)
        c1, n1, w1 = cpu_ticks(t.pid), thread_ns(t.pid), time.perf_counter()
        ns = sum(v - n0.get(k, 0) for k, v in n1.items())
        return {
            "first_preview": seen - t0,
            "cpu": (c1 - c0) / TICK,
            "wall": w1 - w0,
            "percent": (c1 - c0) / TICK / (w1 - w0) * 100,
            "percent_schedstat": ns / 1e9 / (w1 - w0) * 100,
            "threads": len(n1),
        }
    finally:
        t.close()
        _CLEANUPS.remove(t.close)


# --------------------------------------------------------------------------- output
def pct(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by linear interpolation between the nearest ranks."""
    v = sorted(values)
    if len(v) == 1:
        return v[0]
    pos = q * (len(v) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


def say(text: str = "") -> None:
    print(text, flush=True)


def machine() -> str:
    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import textual

    tv = getattr(textual, "__version__", "")
    if not tv:
        import importlib.metadata

        tv = importlib.metadata.version("textual")
    return (
        f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, Textual {tv}, "
        f"{platform.system()} {platform.release()}"
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_keys":
        keys_child(argv[1], int(argv[2]), int(argv[3]), int(argv[4]))
        return 0
    ap = argparse.ArgumentParser(description="oversight's TUI responsiveness benchmark")
    ap.add_argument("--quick", action="store_true", help="40 samples, one settle run per case")
    ap.add_argument("--only", default="keys,settle,idle", help="keys,settle,idle")
    ap.add_argument("--samples", type=int, help="keystroke samples per case (default 200)")
    ap.add_argument("--runs", type=int, help="settle runs per case (default 3)")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--json", type=Path, help="also write the results here")
    a = ap.parse_args(argv)
    only = set(a.only.split(","))
    n = a.samples or (40 if a.quick else 200)
    runs = a.runs or (1 if a.quick else 3)

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGHUP, _on_signal)
    atexit.register(_cleanup)
    tmp = Path(tempfile.mkdtemp(prefix="oversight-tuibench-"))
    _CLEANUPS.insert(0, lambda: shutil.rmtree(tmp, ignore_errors=True))
    R: dict[str, Any] = {"date": datetime.datetime.now().isoformat(timespec="minutes")}
    states = iter(range(10_000))

    def state() -> Path:
        folder = tmp / "state" / str(next(states))
        folder.mkdir(parents=True)
        return folder

    try:
        start = time.time()
        load = os.getloadavg()
        say(f"## TUI responsiveness (bench/tui.py) — {datetime.datetime.now():%Y-%m-%d %H:%M}")
        say(f"   machine: {machine()}")
        say(
            f"   load average at start: {load[0]:.2f} (1 min)"
            + ("  — the machine is busy: figures will be noisy" if load[0] > 0.7 else "")
        )
        letters = make_letters(tmp / "letters")
        for name, path in letters.items():
            problem = check_letter(path)
            if problem:
                raise RuntimeError(f"the {name} does not render: {problem}")
        rows: list[tuple[str, str, str]] = []  # (label, figure, aim)

        if "keys" in only:
            say(
                f"   1. keystroke → painted preview: headless run_test {SIZE[0]}×{SIZE[1]}, "
                f"{n} keys per case, typed at the start of the body"
            )
            R["keys"] = {}
            for name, path in letters.items():
                r = run_keys(path, n, a.seed, state())
                R["keys"][name] = r
                for case, label in (
                    ("typing", "typing, keys 80–120 ms apart"),
                    ("burst", "bursts, keys 20 ms apart (last key)"),
                ):
                    v = r[case]
                    fig = (
                        f"p50 {pct(v, 0.5) * 1e3:6.1f} ms   p99 {pct(v, 0.99) * 1e3:6.1f} ms   "
                        f"max {max(v) * 1e3:6.1f} ms   n={len(v)}"
                    )
                    rows.append((f"keystroke → preview, {name}, {label}", fig, "p99 ≤ 50 ms"))
                    say(f"      {name}, {label:<36} {fig}")
                notes = [
                    f"while typing, {r['updates_per_phrase']:.1f} previews painted per phrase of "
                    f"{r['phrase_keys']:.0f} keys",
                    f"{r['frames']} frames, probe {r['probe_ms_per_frame']:.2f} ms/frame",
                    f"app CPU before typing {r['cpu_before'] * 100:.1f} %",
                ]
                if r["failures"]:
                    notes.append(f"{r['failures']} keys never painted within 5 s (left out)")
                if r["fixups"]:
                    notes.append(f"{r['fixups']} phrase(s) not removed by shift+home, backspace")
                if not r["last_check_ok"]:
                    notes.append("the last check reported problems")
                say(f"         ({'; '.join(notes)})")

        have_tmux = shutil.which("tmux") is not None
        if "settle" in only:
            say(
                f"   2. settle after 30 arrow keys 30 ms apart: tmux {SIZE[0]}×{SIZE[1]}, "
                f"CPU quiet for 200 ms (/proc/PID/stat), {runs} fresh app(s) per case"
            )
            if not have_tmux:
                say("      skipped: no tmux")
            else:
                R["settle"] = {}
                for name, path in letters.items():
                    for where, wlabel in (("nav", "sections list"), ("questions", "questions")):
                        res = [settle_case(path, where, state()) for _ in range(runs)]
                        for r in res:  # the held Down never settled: Up in a fresh app
                            if "Down" in r and "Up" not in r:
                                again = settle_case(path, where, state(), up_only=True)
                                r["Up"] = again.get("Up") or {"error": again.get("error")}
                                r["Up"]["fresh"] = True
                        R["settle"][f"{name}/{where}"] = res
                        for key in ("Down", "Up"):
                            fig = settle_figure(res, key)
                            label = f"settle, {name}, {wlabel}, 30 × {key}"
                            rows.append((label, fig, "≤ 1 s"))
                            say(f"      {name}, {wlabel}, 30 × {key:<4} {fig}")
        if "idle" in only:
            say("   3. idle CPU: model letter in tmux, 5 s from 1 s after the first preview")
            if not have_tmux:
                say("      skipped: no tmux")
            else:
                r = idle_case(letters["model letter"], state())
                R["idle"] = r
                fig = (
                    f"{r['percent']:.2f} % of one core ({r['cpu']:.2f} s CPU in {r['wall']:.1f} s)"
                )
                rows.append(("idle CPU, model letter, 5 s", fig, "≤ 2 %"))
                say(
                    f"      {fig}; first preview on the pane {r['first_preview']:.2f} s after start"
                )
                say(
                    f"      (/proc/PID/stat counts 10 ms ticks: {100 / TICK / r['wall']:.1f} % "
                    f"over 5 s; the threads' run time in schedstat, to the ns: "
                    f"{r['percent_schedstat']:.2f} %, {r['threads']} threads)"
                )

        say()
        if rows:
            w = max(len(r[0]) for r in rows)
            f = max(len(r[1]) for r in rows)
            say(f"   {'':<{w}}  {'figure':<{f}}  aim")
            for label, fig, aim in rows:
                say(f"   {label:<{w}}  {fig:<{f}}  {aim}")
        load = os.getloadavg()
        say(f"   total {time.time() - start:.0f} s; load average at the end: {load[0]:.2f}")
        if a.json:
            a.json.write_text(json.dumps(R, indent=1) + "\n")
    finally:
        _cleanup()
    return 0


def settle_figure(res: list[dict[str, Any]], key: str) -> str:
    errors = [r["error"] for r in res if "error" in r]
    errors += [r[key]["error"] for r in res if "error" in r.get(key, {})]
    got = [r[key] for r in res if key in r and "error" not in r[key]]
    fresh = any(g.get("fresh") for g in got)
    times = [g["time"] for g in got if g["settled"]]
    stuck = [g for g in got if not g["settled"]]

    def sec(x: float) -> str:  # one clock tick is the resolution
        return f"{x:.2f} s" if x >= 1 / TICK else f"<{1 / TICK:.2f} s"

    parts = []
    if times:
        parts.append(
            f"{sec(statistics.median(times))}"
            + (f" median (runs: {', '.join(sec(x) for x in times)})" if len(times) > 1 else "")
        )
    if stuck:
        busy = statistics.median(g["busy"] for g in stuck) * 100
        parts.append(
            f"did not settle in {len(stuck)} of {len(res)} run(s) "
            f"({busy:.0f} % of a core over the 10 s after the last key)"
        )
    if any(not g["changed"] for g in got):
        parts.append("the keys changed nothing on the pane")
    if fresh:
        parts.append("from the bottom reached one key at a time, in a fresh app")
    if errors:
        parts.append(f"not measured in {len(errors)} of {len(res)}: {errors[0]}")
    missing = len(res) - len(got) - len(errors)
    if missing:
        parts.append(f"not measured in {missing} of {len(res)} (the Down keys did not settle)")
    return "; ".join(parts)


if __name__ == "__main__":
    sys.exit(main())
