#!/usr/bin/env python3
"""oversight's benchmark against its peers (issue 9, deliverable 4). One command:

    bench/run.py                 # or: python bench/run.py   (runs bench/setup.sh when needed)
    bench/run.py --quick         # fewer runs, smaller batch (a smoke test, not figures)
    bench/run.py --only cold,inprocess   # some sections only
    bench/run.py --profile       # also: cProfile of 200 in-process renders of the model letter

Measures, side by side, the model letter (examples/irs-dhs-doge-letter.yaml) and the equivalent
letters written for each peer (bench/peers/, made from the model letter by setup):

  cold       one letter, whole process: `oversight render`, pandoc + reference .docx, a python
             script using docxtpl, and the floor (python importing docx, jinja2, yaml, babel and
             saving an empty python-docx Document); with peak memory of each
  inprocess  per letter inside one process: oversight load_letter + docx_bytes (file re-read,
             everything included), docxtpl template + render + save to BytesIO
  batch      1,000 letters on 2 cores: `oversight render` over 1,000 letter files into a folder,
             pandoc run 1,000 times by 2 parallel workers; with peak memory
  pdf        PDF per letter in a batch: `oversight render --pdf` over 20 letters (LibreOffice)
  bank       bank search over 10,000 questions (bench/bank_search.py's bank)
  tui        terminal UI: process start to first on_mount and to the first painted preview;
             preview refreshed after a keystroke, with the app's debounce and with debounce=0
  tuiresp    terminal UI responsiveness, by bench/tui.py (only when asked: --only tuiresp;
             about 10 minutes): keystroke to painted preview (p50, p99), settling after 30 held
             arrow keys in tmux, idle CPU

Prints medians with min, max and the number of runs, ratios against the peers and the floor, and
each aim of issue 9 as met or missed (and by how much). Results also go to bench/results/.
Everything runs in child processes from bench/.venv; the parent only starts and times them.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENV = BENCH / ".venv"
PY = VENV / "bin" / "python"
MODEL = ROOT / "examples" / "irs-dhs-doge-letter.yaml"
PEERS = BENCH / "peers"
WORK = BENCH / "work"
SECTIONS = ["cold", "inprocess", "batch", "pdf", "bank", "tui"]
EXTRA = ["tuiresp"]  # run only when named in --only


# --------------------------------------------------------------------------- setup / re-exec
def ensure_setup() -> None:
    """Run setup.sh when the venv or the peers' files are missing; re-exec inside the venv."""
    ready = VENV / ".bench-ready"
    peers = [PEERS / n for n in ("letter.md", "reference.docx", "template.docx", "context.json")]
    if not ready.exists() or not all(p.exists() for p in peers):
        print("bench: running bench/setup.sh", flush=True)
        subprocess.run(["bash", str(BENCH / "setup.sh")], check=True)
    elif MODEL.stat().st_mtime > (PEERS / "letter.md").stat().st_mtime:
        print("bench: the model letter changed; rewriting the peers' letters", flush=True)
        r = subprocess.run([str(PY), str(PEERS / "make.py")])
        if r.returncode:
            print("bench: could not rewrite them; using the existing ones", flush=True)
    if Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(str(PY), [str(PY), str(Path(__file__).resolve()), *sys.argv[1:]])


def compile_bytecode() -> str:
    """Compile oversight's modules as `pip install` does, and let the children write bytecode.

    bench/.venv holds oversight as an editable install, whose modules pip does not compile; with
    PYTHONDONTWRITEBYTECODE set (as on some machines) every cold run would compile oversight's
    source again, 25 ms that no installed copy pays. The peers' packages were compiled by pip.
    """
    was = os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    r = subprocess.run(
        [str(PY), "-m", "compileall", "-q", str(ROOT / "oversight"), str(ROOT / "tui")],
        stdout=subprocess.DEVNULL,
    )
    note = "bytecode: oversight compiled (compileall), as an installed copy is"
    if r.returncode:
        note = "bytecode: compileall failed; cold figures include compiling oversight"
    if was is not None:
        note += "; PYTHONDONTWRITEBYTECODE was set and is unset for the runs"
    return note


# --------------------------------------------------------------------------- running children
class Result:
    def __init__(
        self,
        wall: float,
        maxrss_kb: int,
        rc: int,
        out: str,
        err: str,
        tree_kb: int = 0,
        cpu: float = 0.0,
    ):
        self.wall, self.maxrss_kb, self.rc, self.out, self.err = wall, maxrss_kb, rc, out, err
        self.tree_kb = tree_kb
        self.cpu = cpu  # user + system seconds of the child and its reaped descendants

    def json(self) -> dict:
        lines = [line for line in self.out.splitlines() if line.startswith("{")]
        if self.rc != 0 or not lines:
            raise RuntimeError(f"exit {self.rc}: {self.err.strip()[-800:]}")
        return json.loads(lines[-1])


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        with contextlib.suppress(OSError):
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
    return out


def _rss_kb(pids: list[int]) -> int:
    total = 0
    page = os.sysconf("SC_PAGE_SIZE") // 1024
    for p in pids:
        with contextlib.suppress(OSError, ValueError, IndexError), open(f"/proc/{p}/statm") as f:
            total += int(f.read().split()[1]) * page
    return total


class TreeSampler:
    """Peak of the summed RSS of a process tree, sampled every 20 ms (for batches)."""

    def __init__(self, pid: int, include_root: bool = True):
        self.pid, self.include_root, self.peak = pid, include_root, 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = _descendants(self.pid)
            if not self.include_root:
                pids = pids[1:]
            self.peak = max(self.peak, _rss_kb(pids))
            self._stop.wait(0.02)

    def stop(self) -> int:
        self._stop.set()
        self._t.join()
        return self.peak


def run(
    cmd: list[str],
    *,
    cwd: Path | None = None,
    env: dict | None = None,
    sample_tree: bool = False,
    timeout: float = 900,
) -> Result:
    """Run a command; wall time, the child's peak RSS (wait4: the largest of it and its
    reaped descendants) and, optionally, the peak summed RSS of its process tree."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        p = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL
        )
        sampler = TreeSampler(p.pid) if sample_tree else None
        deadline = time.monotonic() + timeout
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                p.kill()
                pid, status, ru = os.wait4(p.pid, 0)
                break
            time.sleep(0.0005 if time.perf_counter() - t < 2 else 0.01)
        wall = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        tree = sampler.stop() if sampler else 0
        out.seek(0)
        err.seek(0)
        return Result(
            wall,
            ru.ru_maxrss,
            p.returncode,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
            tree,
            ru.ru_utime + ru.ru_stime,
        )


def task(name: str, *args: object, env: dict | None = None, timeout: float = 600) -> Result:
    return run([str(PY), str(BENCH / "tasks.py"), name, *map(str, args)], env=env, timeout=timeout)


# --------------------------------------------------------------------------- statistics / output
class Stat:
    """Median, min, max and count of a list of seconds."""

    def __init__(self, values: list[float], unit: str = "s"):
        self.values = list(values)
        self.unit = unit
        self.n = len(values)
        self.median = statistics.median(values)
        self.min, self.max = min(values), max(values)

    def fmt(self, unit: str | None = None) -> str:
        u = unit or self.unit
        k = {"s": 1, "ms": 1e3, "µs": 1e6}[u]
        d = 3 if u == "s" else 2 if self.median * k < 10 else 1
        return (
            f"{self.median * k:.{d}f} {u} (min {self.min * k:.{d}f}, "
            f"max {self.max * k:.{d}f}, n={self.n})"
        )


def mb(kb: float) -> str:
    return f"{kb / 1024:.1f} MB"


LOG: list[str] = []


def say(text: str = "") -> None:
    print(text, flush=True)
    LOG.append(text)


# --------------------------------------------------------------------------- commands
def commands(out: Path) -> dict[str, list[str]]:
    oversight = str(VENV / "bin" / "oversight")
    return {
        "oversight": [oversight, "render", str(MODEL), "-o", str(out / "oversight.docx")],
        "pandoc": [
            pandoc(),
            str(PEERS / "letter.md"),
            "--reference-doc",
            str(PEERS / "reference.docx"),
            "-o",
            str(out / "pandoc.docx"),
        ],
        "docxtpl": [
            str(PY),
            str(PEERS / "docxtpl_render.py"),
            str(PEERS / "template.docx"),
            str(PEERS / "context.json"),
            str(out / "docxtpl.docx"),
        ],
        "floor": [
            str(PY),
            "-c",
            f"import docx, jinja2, yaml, babel; docx.Document().save({str(out / 'floor.docx')!r})",
        ],
        # Not a peer: the libraries a render needs, imported and nothing done. What stands
        # between this and `oversight render` is oversight's own code and the letter's work.
        "libraries": [
            str(PY),
            "-c",
            "import jinja2.sandbox, yaml, babel.dates, babel.lists, markdown_it, msgspec, "
            "mdit_py_plugins.container",
        ],
    }


_PANDOC: list[str] = []


def pandoc() -> str:
    if not _PANDOC:
        found = shutil.which("pandoc")
        if not found:
            with contextlib.suppress(Exception):
                r = subprocess.run(
                    [str(PY), "-c", "import pypandoc; print(pypandoc.get_pandoc_path())"],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                found = r.stdout.strip()
        if not found:
            raise RuntimeError("pandoc not found: run bench/setup.sh")
        _PANDOC.append(found)
    return _PANDOC[0]


def tool_versions() -> dict[str, str]:
    v = {}
    with contextlib.suppress(Exception):
        v["pandoc"] = (
            subprocess.run([pandoc(), "--version"], capture_output=True, text=True)
            .stdout.split("\n")[0]
            .split()[-1]
        )
    r = subprocess.run(
        [
            str(PY),
            "-c",
            "import importlib.metadata as m; print(m.version('docxtpl'),"
            " m.version('python-docx'), m.version('oversight'))",
        ],
        capture_output=True,
        text=True,
    )
    with contextlib.suppress(ValueError):
        v["docxtpl"], v["python-docx"], v["oversight"] = r.stdout.split()
    hf = shutil.which("hyperfine")
    if hf:
        v["hyperfine"] = subprocess.run(
            [hf, "--version"], capture_output=True, text=True
        ).stdout.split()[-1]
    return v


# --------------------------------------------------------------------------- sections
R: dict[str, dict] = {}  # all results, by section


def section_cold(a: argparse.Namespace) -> None:
    say("## 1. Cold render: one letter, whole process")
    out = WORK / "cold"
    out.mkdir(parents=True, exist_ok=True)
    cmds = commands(out)
    runs, warmup = (5, 1) if a.quick else (20, 2)
    names = list(cmds)
    for _ in range(warmup):
        for name in names:
            run(cmds[name])
    wall: dict[str, list[float]] = {n: [] for n in names}
    cpu: dict[str, list[float]] = {n: [] for n in names}
    mem: dict[str, list[int]] = {n: [] for n in names}
    for k in range(runs):
        # Interleaved, starting with a different command each round: on a shared machine every
        # command meets the same load.
        for name in names[k % len(names) :] + names[: k % len(names)]:
            res = run(cmds[name])
            if res.rc != 0:
                raise RuntimeError(f"{name}: exit {res.rc}: {res.err.strip()[-400:]}")
            wall[name].append(res.wall)
            cpu[name].append(res.cpu)
            mem[name].append(res.maxrss_kb)
    label = {
        "oversight": "oversight render",
        "pandoc": "pandoc (+ reference .docx)",
        "docxtpl": "python + docxtpl script",
        "floor": "the floor",
        "libraries": "oversight's libraries only",
    }
    R["cold"] = {"runs": runs}
    say(
        f"   {warmup} warm-up and {runs} runs of each, interleaved; wall time, CPU time (user+sys) "
        "and peak RSS (max RSS) from wait4 of each run"
    )
    for name in names:
        st = Stat(wall[name])
        rss = statistics.median(mem[name])
        c = statistics.median(cpu[name])
        R["cold"][name] = {"stat": st, "rss_kb": rss, "cpu": c}
        say(f"   {label[name]:<28} {st.fmt('s'):<42} CPU {c:.3f} s   peak RSS {mb(rss)}")
    hf = shutil.which("hyperfine")
    if hf and not a.no_hyperfine:
        export = out / "hyperfine.json"
        n = 3 if a.quick else 10
        r = subprocess.run(
            [
                hf,
                "-N",
                "--style",
                "none",
                "--warmup",
                "1",
                "--runs",
                str(n),
                "--export-json",
                str(export),
                *[shlex.join(c) for c in cmds.values()],
            ],
            capture_output=True,
            text=True,
        )
        if r.returncode == 0:
            data = json.loads(export.read_text())
            R["cold"]["hyperfine"] = {
                name: res["median"] for name, res in zip(names, data["results"], strict=True)
            }
            say(
                f"   cross-check, hyperfine -N ({n} runs each, one command after another): "
                + ", ".join(
                    f"{name} {res['median']:.3f} s"
                    for name, res in zip(names, data["results"], strict=True)
                )
            )
        else:
            say(f"   hyperfine cross-check failed: {r.stderr.strip()[-200:]}")
    say()


def section_inprocess(a: argparse.Namespace) -> None:
    say("## 2. In-process render, per letter (everything included)")
    secs = 1.0 if a.quick else 4.0
    say("   wall time per letter; CPU = process time of the same runs (median)")
    r = task("oversight-inprocess", MODEL, secs, 60 if a.quick else 400).json()
    st, c = Stat(r["times"]), statistics.median(r["cpu"])
    R["inprocess"] = {"oversight": {"stat": st, "first": r["first"], "bytes": r["bytes"], "cpu": c}}
    say(
        f"   oversight load_letter + docx_bytes   {st.fmt('ms')}; CPU {c * 1e3:.2f} ms; "
        f"first call {r['first'] * 1e3:.1f} ms; {r['bytes']:,} bytes"
    )
    r = task("docxtpl-inprocess", secs, 20 if a.quick else 100).json()
    st, c = Stat(r["times"]), statistics.median(r["cpu"])
    R["inprocess"]["docxtpl"] = {"stat": st, "first": r["first"], "bytes": r["bytes"], "cpu": c}
    say(
        f"   docxtpl template+render+save         {st.fmt('ms')}; CPU {c * 1e3:.2f} ms; "
        f"first call {r['first'] * 1e3:.1f} ms; {r['bytes']:,} bytes"
    )
    say("   pandoc                               — (a process per letter: see section 1)")
    say()


FIRST = [
    "Alex",
    "Jordan",
    "Taylor",
    "Morgan",
    "Casey",
    "Riley",
    "Jamie",
    "Avery",
    "Quinn",
    "Drew",
    "Robin",
    "Kerry",
    "Dana",
    "Lee",
    "Sam",
    "Terry",
    "Shawn",
    "Jesse",
    "Reese",
    "Hayden",
]
LAST = [
    "Abbott",
    "Baker",
    "Castillo",
    "Dawson",
    "Ellis",
    "Fischer",
    "Garcia",
    "Huang",
    "Ibarra",
    "Jensen",
    "Kowalski",
    "Lopez",
    "Moreno",
    "Nakamura",
    "Okafor",
    "Patel",
    "Quintero",
    "Rossi",
    "Sullivan",
    "Tanaka",
    "Underwood",
    "Valdez",
    "Whitaker",
    "Xu",
    "Young",
    "Zimmerman",
    "Adler",
    "Brennan",
    "Chavez",
    "Donovan",
    "Eriksen",
    "Flores",
    "Gallagher",
    "Hoffman",
    "Iverson",
    "Johansson",
    "Keller",
    "Lindqvist",
    "McCarthy",
    "Novak",
    "Olsen",
    "Pereira",
    "Ramirez",
    "Schmidt",
    "Thornton",
    "Usher",
    "Vance",
    "Walsh",
    "Yamamoto",
    "Ziegler",
]


def batch_letters(n: int) -> tuple[Path, list[Path], list[Path]]:
    """n copies of the model letter (first recipient's name varied) and of pandoc's Markdown."""
    root = WORK / f"batch-{n}"
    letters, md = root / "letters", root / "md"
    if root.exists():
        shutil.rmtree(root)
    letters.mkdir(parents=True)
    md.mkdir()
    shutil.copytree(MODEL.parent / "reports", letters / "reports")
    text = MODEL.read_text(encoding="utf-8")
    peer = (PEERS / "letter.md").read_text(encoding="utf-8")
    assert "name: Melanie Krause" in text and "Ms. Melanie Krause" in peer
    ys, ms = [], []
    for i in range(n):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
        surname = name.split()[-1]
        y = letters / f"letter-{i:04d}.yaml"
        y.write_text(text.replace("name: Melanie Krause", f"name: {name}"), encoding="utf-8")
        m = md / f"letter-{i:04d}.md"
        m.write_text(
            peer.replace("Ms. Melanie Krause", f"Ms. {name}").replace(
                "Acting Commissioner Krause", f"Acting Commissioner {surname}"
            ),
            encoding="utf-8",
        )
        ys.append(y)
        ms.append(m)
    return root, ys, ms


def jobs_flag() -> list[str]:
    r = subprocess.run(
        [str(VENV / "bin" / "oversight"), "render", "--help"], capture_output=True, text=True
    )
    return ["--jobs", "2"] if "--jobs" in r.stdout else []


def section_batch(a: argparse.Namespace) -> None:
    n = 100 if a.quick else 1000
    say(f"## 3. {n:,} letters on 2 cores")
    root, ys, ms = batch_letters(n)
    out = root / "out"
    flag = jobs_flag()
    cmd = [str(VENV / "bin" / "oversight"), "render", *map(str, ys), "-o", str(out), *flag]
    shown = f"oversight render letters/*.yaml ({n:,} files) -o out/ {' '.join(flag)}".strip()
    times, peaks, trees, cpus = [], [], [], []
    for _k in range(1 if a.quick else 5):
        if out.exists():
            shutil.rmtree(out)
        out.mkdir()
        res = run(cmd, sample_tree=True)
        written = len(list(out.glob("*.docx")))
        if res.rc != 0 or written != n:
            raise RuntimeError(
                f"oversight batch: exit {res.rc}, {written} written: {res.err.strip()[-400:]}"
            )
        times.append(res.wall)
        peaks.append(res.maxrss_kb)
        trees.append(res.tree_kb)
        cpus.append(res.cpu)
        if sum(times) > 30:  # slow: fewer runs keep the whole benchmark within minutes
            break
    st = Stat(times)
    c = statistics.median(cpus)
    R["batch"] = {
        "n": n,
        "oversight": {
            "stat": st,
            "rss_kb": max(peaks),
            "tree_kb": max(trees),
            "cmd": shown,
            "cpu": c,
        },
    }
    say(f"   {shown}")
    say(
        f"   oversight          {st.fmt('s'):<40} {st.median / n * 1e3:.2f} ms/letter; "
        f"CPU {c:.2f} s ({c / n * 1e3:.2f} ms/letter); peak RSS {mb(max(peaks))} largest process, "
        f"{mb(max(trees))} whole tree"
    )

    # pandoc: one process per letter, 2 at a time. All n unless the first 50 project past the
    # budget (a busy machine): then a sample of at least 300, scaled to n and said so.
    pout = root / "pandoc-out"
    if pout.exists():
        shutil.rmtree(pout)
    pout.mkdir()
    pd = pandoc()
    ref = str(PEERS / "reference.docx")

    cpu_total: list[float] = []

    def one(m: Path) -> int:
        res = run([pd, str(m), "--reference-doc", ref, "-o", str(pout / (m.stem + ".docx"))])
        if res.rc != 0:
            raise RuntimeError(f"pandoc {m.name}: {res.err.strip()[-300:]}")
        cpu_total.append(res.cpu)
        return res.maxrss_kb

    sampler = TreeSampler(os.getpid(), include_root=False)
    t = time.perf_counter()
    done: list[int] = []
    with ThreadPoolExecutor(2) as pool:
        first = min(50, n)
        done += list(pool.map(one, ms[:first]))
        projected = (time.perf_counter() - t) / first * n
        todo = ms[first:]
        if projected > a.pandoc_budget and not a.full:
            todo = ms[first : max(200, first)]
        done += list(pool.map(one, todo))
    elapsed = time.perf_counter() - t
    ran = len(done)
    tree = sampler.stop()
    assert len(list(pout.glob("*.docx"))) == ran
    scaled = elapsed * n / ran
    pst = Stat([scaled])
    pc = sum(cpu_total) * n / ran
    R["batch"]["pandoc"] = {
        "stat": pst,
        "rss_kb": max(done),
        "tree_kb": tree,
        "ran": ran,
        "cpu": pc,
    }
    note = (
        ""
        if ran == n
        else (
            f" [ran {ran} letters in {elapsed:.1f} s, scaled to {n:,}: the "
            f"first 50 projected {projected:.0f} s > --pandoc-budget]"
        )
    )
    say(
        f"   pandoc, 2 workers  {pst.fmt('s'):<40} {pst.median / n * 1e3:.2f} ms/letter; "
        f"CPU {pc:.2f} s ({pc / n * 1e3:.2f} ms/letter); peak RSS {mb(max(done))} one process, "
        f"{mb(tree)} both workers{note}"
    )
    say(
        "   docxtpl                    — (not run: a python loop; see section 2 for its per-letter cost)"
    )
    say()


def section_pdf(a: argparse.Namespace) -> None:
    say("## 4. PDF per letter, in a batch of 20")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        R["pdf"] = {"skipped": "no LibreOffice"}
        say("   skipped: no LibreOffice")
        say()
        return
    n = 5 if a.quick else 20
    root, ys, _ = batch_letters(n)
    out = root / "out"
    times, times_docx, rss = [], [], []
    for _ in range(1 if a.quick else 2):
        for with_pdf, bucket in ((False, times_docx), (True, times)):
            if out.exists():
                shutil.rmtree(out)
            out.mkdir()
            cmd = [str(VENV / "bin" / "oversight"), "render", *map(str, ys), "-o", str(out)]
            res = run([*cmd, "--pdf"] if with_pdf else cmd, sample_tree=with_pdf)
            if res.rc != 0:
                raise RuntimeError(f"render --pdf: exit {res.rc}: {res.err.strip()[-400:]}")
            if with_pdf:
                assert len(list(out.glob("*.pdf"))) == n, "not every PDF was written"
                rss.append(res.tree_kb)
            bucket.append(res.wall)
    st, sd = Stat(times), Stat(times_docx)
    per = Stat([t / n for t in times])
    R["pdf"] = {"n": n, "stat": st, "per": per, "docx_only": sd, "tree_kb": max(rss)}
    say(f"   oversight render --pdf, {n} letters  {st.fmt('s')}")
    say(
        f"   per letter                          {per.fmt('s')}  "
        f"(.docx only: {sd.median:.3f} s for all {n}); peak RSS {mb(max(rss))} with LibreOffice"
    )
    say("   pandoc, docxtpl                     — (no PDF of their own: pandoc's needs LaTeX)")
    say()


def section_bank(a: argparse.Namespace) -> None:
    say("## 5. Bank search over 10,000 questions")
    res = task("bank-search", timeout=600)
    r = res.json()
    st = Stat(r["times"])
    R["bank"] = {
        "stat": st,
        "load": r["load"],
        "index": r["index"],
        "rss_kb": res.maxrss_kb,
        "questions": r["questions"],
        "source": r["source"],
    }
    say(
        f"   {r['questions']:,} questions (built by {r['source']}); load {r['load']:.2f} s, "
        f"index {r['index']:.2f} s; peak RSS {mb(res.maxrss_kb)}"
    )
    say(f"   per query (each the median of 3)    {st.fmt('ms')} over {st.n} queries")
    say()


def tui_letter() -> Path:
    folder = WORK / "tui"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copytree(MODEL.parent / "reports", folder / "reports")
    shutil.copy(MODEL, folder / MODEL.name)
    return folder / MODEL.name


def section_tui(a: argparse.Namespace) -> None:
    say("## 6-7. Terminal UI (headless, Textual run_test, 140x44)")
    letter = tui_letter()
    state = Path(tempfile.mkdtemp(prefix="bench-tui-state-"))
    runs = iter(range(1000))

    def fresh_env() -> dict:  # a state folder of its own per run: no recovery offered
        folder = state / str(next(runs))
        folder.mkdir()
        return dict(os.environ, OVERSIGHT_STATE_DIR=str(folder))

    try:
        marks: dict[str, list[float]] = {}
        rss = []
        for _ in range(2 if a.quick else 5):
            t0 = time.time()
            res = task("tui-start", f"{t0:.6f}", letter, env=fresh_env(), timeout=120)
            r = res.json()
            if not r.get("preview_ok"):
                raise RuntimeError("the TUI's first preview reported problems")
            rss.append(res.maxrss_kb)
            for k, v in r.items():
                marks.setdefault(k, []).append(v)
        R["tui"] = {"rss_kb": max(rss)}
        for key, label in (
            ("imported", "imports done (oversight.tui.app)"),
            ("constructed", "OversightApp(letter) built"),
            ("on_mount", "first on_mount"),
            ("first_refresh", "first screen refreshed"),
            ("preview_painted", "first preview painted"),
        ):
            if key in marks:
                st = Stat(marks[key])
                R["tui"][key] = st
                say(f"   process start → {label:<34} {st.fmt('s')}")
        say(f"   peak RSS {mb(max(rss))}")
        n = 4 if a.quick else 12
        for deb in ("default", "0"):
            res = task("tui-keystroke", letter, deb, n, env=fresh_env(), timeout=300)
            r = res.json()
            st = Stat(r["times"])
            R["tui"][f"key_{deb}"] = st
            name = "app's debounce" if deb == "default" else "debounce=0"
            say(f"   keystroke → preview painted ({name}){' ' * (16 - len(name))} {st.fmt('ms')}")
            if r.get("stages"):
                med = {
                    k: statistics.median(s[k] for s in r["stages"]) * 1e3
                    for k in ("edit", "debounce", "check", "paint")
                }
                say(
                    f"      of which: key + draft edit {med['edit']:.1f} ms, until the check "
                    f"starts (title, YAML of the draft, debounce if any) {med['debounce']:.1f} ms, "
                    f"check in worker {med['check']:.1f} ms, "
                    f"paint {med['paint']:.1f} ms (medians)"
                )
    finally:
        shutil.rmtree(state, ignore_errors=True)
    say()


def section_tuiresp(a: argparse.Namespace) -> None:
    """bench/tui.py in a child process, its lines printed (and logged) as they come."""
    out = WORK / "tuiresp.json"
    out.unlink(missing_ok=True)
    cmd = [str(PY), str(BENCH / "tui.py"), "--json", str(out), *(["--quick"] if a.quick else [])]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as p:
        assert p.stdout is not None
        for line in p.stdout:
            say(line.rstrip("\n"))
        rc = p.wait()
    if rc or not out.exists():
        raise RuntimeError(f"bench/tui.py exited with {rc}")
    R["tuiresp"] = json.loads(out.read_text())
    say()


# --------------------------------------------------------------------------- summary
def summary() -> None:
    if not any(k in R for k in SECTIONS):
        return
    say("## Summary")
    c, i, b = R.get("cold", {}), R.get("inprocess", {}), R.get("batch", {})

    def cell(sec: dict, name: str, unit: str = "s", per: float = 1.0) -> str:
        if name not in sec:
            return "—"
        st: Stat = sec[name]["stat"]
        k = {"s": 1, "ms": 1e3}[unit] / per
        d = 3 if unit == "s" else 2 if st.median * k < 10 else 1
        return f"{st.median * k:.{d}f} {unit} ({st.min * k:.{d}f}–{st.max * k:.{d}f}, n={st.n})"

    rows = [("figure", "oversight", "pandoc", "docxtpl", "floor")]
    if c:
        rows.append(
            (
                "one letter, whole process",
                cell(c, "oversight"),
                cell(c, "pandoc"),
                cell(c, "docxtpl"),
                cell(c, "floor"),
            )
        )
        rows.append(
            (
                "  CPU time (user+sys), median",
                *[
                    f"{c[k]['cpu']:.3f} s" if k in c else "—"
                    for k in ("oversight", "pandoc", "docxtpl", "floor")
                ],
            )
        )
        rows.append(
            (
                "peak memory, one letter",
                *[
                    mb(c[k]["rss_kb"]) if k in c else "—"
                    for k in ("oversight", "pandoc", "docxtpl", "floor")
                ],
            )
        )
    if i:
        rows.append(
            (
                "per letter in one process",
                cell(i, "oversight", "ms"),
                "— (a process each)",
                cell(i, "docxtpl", "ms"),
                "—",
            )
        )
        rows.append(
            (
                "  CPU time, median",
                f"{i['oversight']['cpu'] * 1e3:.2f} ms",
                "—",
                f"{i['docxtpl']['cpu'] * 1e3:.2f} ms",
                "—",
            )
        )
    if b:
        n = b["n"]
        rows.append((f"{n:,} letters, 2 cores", cell(b, "oversight"), cell(b, "pandoc"), "—", "—"))
        rows.append(
            (
                "  CPU time, all processes",
                f"{b['oversight']['cpu']:.2f} s",
                f"{b['pandoc']['cpu']:.2f} s",
                "—",
                "—",
            )
        )
        rows.append(
            (
                f"peak memory, {n:,} letters (largest process / whole tree)",
                f"{mb(b['oversight']['rss_kb'])} / {mb(b['oversight']['tree_kb'])}",
                f"{mb(b['pandoc']['rss_kb'])} / {mb(b['pandoc']['tree_kb'])}",
                "—",
                "—",
            )
        )
    p = R.get("pdf")
    if p:
        rows.append(
            (
                "PDF per letter, batch of 20",
                "skipped: no LibreOffice"
                if "skipped" in p
                else f"{p['per'].median:.3f} s ({p['per'].min:.3f}–{p['per'].max:.3f}, n={p['per'].n})",
                "—",
                "—",
                "—",
            )
        )
    if "bank" in R:
        st = R["bank"]["stat"]
        rows.append(
            (
                "bank search, 10,000 questions, per query",
                f"{st.median * 1e3:.2f} ms ({st.min * 1e3:.2f}–{st.max * 1e3:.2f}, n={st.n})",
                "—",
                "—",
                "—",
            )
        )
    t = R.get("tui", {})
    if "first_refresh" in t:
        st = t["first_refresh"]
        rows.append(
            (
                "TUI start → first screen drawn",
                f"{st.median:.3f} s ({st.min:.3f}–{st.max:.3f}, n={st.n})",
                "—",
                "—",
                "—",
            )
        )
    if "preview_painted" in t:
        st = t["preview_painted"]
        rows.append(
            (
                "TUI start → first preview painted",
                f"{st.median:.3f} s ({st.min:.3f}–{st.max:.3f}, n={st.n})",
                "—",
                "—",
                "—",
            )
        )
    if "on_mount" in t:
        st = t["on_mount"]
        rows.append(
            (
                "TUI start → first on_mount",
                f"{st.median:.3f} s ({st.min:.3f}–{st.max:.3f}, n={st.n})",
                "—",
                "—",
                "—",
            )
        )
    for deb, name in (("default", "default debounce"), ("0", "debounce=0")):
        if f"key_{deb}" in t:
            st = t[f"key_{deb}"]
            rows.append(
                (
                    f"keystroke → preview painted ({name})",
                    f"{st.median * 1e3:.1f} ms ({st.min * 1e3:.1f}–{st.max * 1e3:.1f}, n={st.n})",
                    "—",
                    "—",
                    "—",
                )
            )
    widths = [max(len(r[k]) for r in rows) for k in range(5)]
    for k, r in enumerate(rows):
        say("| " + " | ".join(x.ljust(w) for x, w in zip(r, widths, strict=True)) + " |")
        if k == 0:
            say("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    say()

    say("## Ratios (oversight ÷ other; below 1 = oversight faster or smaller)")
    if c:
        o = c["oversight"]["stat"].median
        for k, label in (("floor", "the floor"), ("pandoc", "pandoc"), ("docxtpl", "docxtpl")):
            say(
                f"   one letter, whole process, vs {label:<10} {o / c[k]['stat'].median:6.2f}×   "
                f"memory {c['oversight']['rss_kb'] / c[k]['rss_kb']:5.2f}×"
            )
    if i:
        o = i["oversight"]["stat"].median
        say(
            f"   per letter in process, vs docxtpl        {o / i['docxtpl']['stat'].median:6.3f}×   "
            f"(docxtpl takes {i['docxtpl']['stat'].median / o:.1f}× as long)"
        )
    if b:
        o = b["oversight"]["stat"].median
        say(
            f"   {b['n']:,} letters, vs pandoc                  {o / b['pandoc']['stat'].median:6.3f}×   "
            f"(pandoc takes {b['pandoc']['stat'].median / o:.1f}× as long)"
        )
    say()

    say("## Aims of issue 9")
    aims = []

    def aim(
        name: str,
        value: float,
        limit: float,
        unit: str,
        shown: str,
        lower: bool = True,
        note: str = "",
    ) -> None:
        ok = value <= limit if lower else value >= limit
        if ok:
            verdict = "met"
        elif unit == "×":
            verdict = f"MISSED by {value - limit:.2f}× ({value / limit:.2f}× the aim)"
        elif lower:
            verdict = f"MISSED by {value - limit:.3g} {unit} ({value / limit:.2f}× the aim)"
        else:
            verdict = f"MISSED: {value:.3g}{unit} of the {limit:.3g}{unit} aimed for"
        aims.append((name, shown, verdict + (f"; {note}" if note else "")))

    if c:
        o, f, pd = (c[k]["stat"].median for k in ("oversight", "floor", "pandoc"))
        oc, fc, pc = (c[k]["cpu"] for k in ("oversight", "floor", "pandoc"))
        aim(
            "cold render ≤ 0.8× the floor",
            o / f,
            0.8,
            "×",
            f"{o / f:.2f}× ({o:.3f} s vs {f:.3f} s)",
            note=f"by CPU time {oc / fc:.2f}×"
            + (
                f"; importing oversight's libraries alone (Jinja, PyYAML, Babel, markdown-it, "
                f"msgspec) takes {c['libraries']['stat'].median / f:.2f}× the floor"
                if "libraries" in c
                else ""
            ),
        )
        aim(
            "cold render ≤ 2× pandoc",
            o / pd,
            2.0,
            "×",
            f"{o / pd:.2f}× ({o:.3f} s vs {pd:.3f} s)",
            note=f"by CPU time {oc / pc:.2f}×",
        )
        rss = c["oversight"]["rss_kb"] / 1024
        aim("peak memory, one letter < 60 MB", rss, 60, "MB", f"{rss:.1f} MB")
    if i:
        o = i["oversight"]["stat"].median * 1e3
        aim(
            "in-process ≤ 2 ms per letter",
            o,
            2.0,
            "ms",
            f"{o:.2f} ms",
            note=f"CPU {i['oversight']['cpu'] * 1e3:.2f} ms",
        )
    if b:
        o, pd = b["oversight"]["stat"].median, b["pandoc"]["stat"].median
        scale = 1000 / b["n"]
        oc = b["oversight"]["cpu"] * scale
        aim(
            "1,000 letters ≤ 2 s on 2 cores",
            o * scale,
            2.0,
            "s",
            f"{o * scale:.2f} s" + ("" if scale == 1 else f" (scaled from {b['n']})"),
            note=f"CPU {oc:.1f} s, so {oc / 2:.1f} s at best on 2 idle cores",
        )
        aim(
            "1,000 letters ≥ 18× faster than pandoc", pd / o, 18, "×", f"{pd / o:.1f}×", lower=False
        )
        tree = b["oversight"]["tree_kb"] / 1024
        big = b["oversight"]["rss_kb"] / 1024
        aim(
            "peak memory, 1,000 letters < 120 MB",
            tree,
            120,
            "MB",
            f"{tree:.1f} MB whole tree ({big:.1f} MB largest process)",
        )
    t = R.get("tui", {})
    # The first screen is the editor with the letter's fields, drawn; the preview pane beside it
    # fills once the first check (the renderer's imports, the first render) is done. Both are
    # held to the aim.
    if "first_refresh" in t:
        v = t["first_refresh"].median
        aim("TUI first screen < 0.5 s", v, 0.5, "s", f"{v:.3f} s (the first screen drawn)")
    if "preview_painted" in t:
        v = t["preview_painted"].median
        aim(
            "TUI first screen with its preview < 0.5 s",
            v,
            0.5,
            "s",
            f"{v:.3f} s (the first preview painted)",
        )
    for deb, name in (("default", "app's debounce"), ("0", "debounce=0")):
        if f"key_{deb}" in t:
            v = t[f"key_{deb}"].median * 1e3
            note = (
                "the first key after a pause is checked at once; keys closer than the "
                "debounce (150 ms) wait for a pause"
                if deb == "default"
                else ""
            )
            aim(
                f"preview < 50 ms after a keystroke ({name})", v, 50, "ms", f"{v:.1f} ms", note=note
            )
    if "bank" in R:
        v = R["bank"]["stat"].median * 1e3
        aim("bank search < 10 ms per query (10,000 questions)", v, 10, "ms", f"{v:.2f} ms")
    widths = [max(len(x[k]) for x in aims) for k in range(2)] if aims else [0, 0]
    for name, shown, verdict in aims:
        say(f"   {name.ljust(widths[0])}  {shown.ljust(widths[1])}  {verdict}")
    R["aims"] = aims
    say()


# --------------------------------------------------------------------------- profile
def profile(n: int) -> None:
    say(f"## Profile: {n} in-process renders of the model letter (cProfile)")
    r = task("profile", MODEL, n, timeout=600).json()
    say(
        f"   {n} renders: {r['wall_plain']:.3f} s unprofiled ({r['wall_plain'] / n * 1e3:.2f} ms each), "
        f"{r['wall_profiled']:.3f} s under cProfile"
    )
    say("   exclusive time by stage (built-ins charged to their callers):")
    for name, secs, share, tops in r["stages"]:
        say(f"     {share * 100:5.1f}%  {secs / n * 1e3:6.3f} ms/letter  {name}")
        say(
            "                               "
            + "; ".join(f"{f} {t / n * 1e3:.2f}" for f, t in tops[:3])
        )
    say()
    say("   top functions by cumulative time:")
    for line in _trim_pstats(r["cumulative"], 32):
        say("     " + line)
    say()
    say("   top functions by own time:")
    for line in _trim_pstats(r["tottime"], 20):
        say("     " + line)
    R["profile"] = r
    say()
    import_profile()


def import_profile() -> None:
    """Where a cold `oversight render` spends its start: the interpreter, then each import."""
    say("## Cold start: interpreter and imports of `oversight render` (python -X importtime)")
    bare = [run([str(PY), "-c", "pass"]) for _ in range(10)]
    say(
        f"   interpreter alone (python -c pass): wall {statistics.median(r.wall for r in bare):.3f} s, "
        f"CPU {statistics.median(r.cpu for r in bare):.3f} s (median of 10)"
    )
    out = WORK / "importtime"
    out.mkdir(parents=True, exist_ok=True)
    code = (
        "import sys; from oversight.cli.main import main; "
        f"sys.exit(main(['render', {str(MODEL)!r}, '-o', {str(out / 'letter.docx')!r}]))"
    )
    runs = [run([str(PY), "-X", "importtime", "-c", code]) for _ in range(5)]
    per_run: list[dict[str, float]] = []
    tops: list[dict[str, float]] = []
    ours: list[dict[str, float]] = []
    for res in runs:
        by_pkg: dict[str, float] = {}
        top: dict[str, float] = {}
        own: dict[str, float] = {}
        for line in res.err.splitlines():
            m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
            if not m:
                continue
            self_us, cum_us, indent, name = int(m[1]), int(m[2]), len(m[3]), m[4]
            pkg = name.split(".")[0]
            by_pkg[pkg] = by_pkg.get(pkg, 0.0) + self_us / 1e6
            if indent == 0:
                top[name] = top.get(name, 0.0) + cum_us / 1e6
            if pkg == "oversight":
                own[name] = own.get(name, 0.0) + self_us / 1e6
        per_run.append(by_pkg)
        tops.append(top)
        ours.append(own)
    pkgs = {k for d in per_run for k in d}
    med = {k: statistics.median(d.get(k, 0.0) for d in per_run) for k in pkgs}
    total = statistics.median(sum(d.values()) for d in per_run)
    say(
        f"   all imports: {total:.3f} s (median of 5, wall, by -X importtime; the process: "
        f"{statistics.median(r.wall for r in runs):.3f} s wall, "
        f"{statistics.median(r.cpu for r in runs):.3f} s CPU)"
    )
    say("   own import time by top-level package (median of 5):")
    for k, v in sorted(med.items(), key=lambda x: -x[1])[:14]:
        say(f"     {v * 1e3:7.1f} ms  {k}")
    mods = {k for d in ours for k in d}
    omed = {k: statistics.median(d.get(k, 0.0) for d in ours) for k in mods}
    say("   of which oversight's own modules (module-level code, own time):")
    for k, v in sorted(omed.items(), key=lambda x: -x[1])[:8]:
        say(f"     {v * 1e3:7.1f} ms  {k}")
    names = {k for d in tops for k in d}
    tmed = {k: statistics.median(d.get(k, 0.0) for d in tops) for k in names}
    say("   heaviest imports as first asked for (cumulative, median of 5):")
    for k, v in sorted(tmed.items(), key=lambda x: -x[1])[:10]:
        say(f"     {v * 1e3:7.1f} ms  {k}")
    R["imports"] = {"total": total, "by_package": med, "top": tmed}
    say()


def _trim_pstats(text: str, limit: int) -> list[str]:
    lines = text.splitlines()
    start = next((k for k, line in enumerate(lines) if line.strip().startswith("ncalls")), 0)
    out = []
    for line in lines[start : start + limit + 1]:
        line = re.sub(r"/\S*/site-packages/", "", line)
        line = line.replace(str(ROOT) + "/", "")
        line = re.sub(r"/\S*/lib/python3\.\d+/", "", line)
        out.append(line.rstrip())
    return out


# --------------------------------------------------------------------------- main
def machine() -> dict[str, str]:
    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def main() -> int:
    ap = argparse.ArgumentParser(description="oversight's benchmark against pandoc and docxtpl")
    ap.add_argument("--quick", action="store_true", help="fewer runs and 100 letters (smoke test)")
    ap.add_argument("--only", help=f"comma-separated sections: {','.join(SECTIONS + EXTRA)}")
    ap.add_argument("--profile", action="store_true", help="also profile 200 in-process renders")
    ap.add_argument("--profile-runs", type=int, default=200)
    ap.add_argument(
        "--pandoc-budget",
        type=float,
        default=180,
        help="seconds: when the first 50 pandoc runs project past this, 200 of the "
        "1,000 are run and the time scaled (default 180)",
    )
    ap.add_argument("--full", action="store_true", help="never sample the pandoc batch")
    ap.add_argument("--no-hyperfine", action="store_true", help="time cold starts with run.py")
    a = ap.parse_args()
    ensure_setup()
    bytecode = compile_bytecode()
    only = a.only.split(",") if a.only else SECTIONS
    bad = set(only) - set(SECTIONS) - set(EXTRA) - {"profile"}
    if bad:
        ap.error(f"unknown section(s): {', '.join(sorted(bad))}")
    WORK.mkdir(exist_ok=True)

    m = machine()
    v = tool_versions()
    start = time.time()
    say(f"# oversight benchmark — {datetime.datetime.now():%Y-%m-%d %H:%M}")
    say(f"machine: {m['nproc']} cores, {m['cpu']}, Python {m['python']}, {m['system']}")
    say("tools: " + ", ".join(f"{k} {val}" for k, val in v.items()))
    say(bytecode)
    load0 = os.getloadavg()
    say(
        f"load average at start: {load0[0]:.2f} (1 min), {load0[1]:.2f} (5 min)"
        + ("  — the machine is busy: figures will be noisy" if load0[0] > 0.7 else "")
    )
    say()
    funcs = {
        "cold": section_cold,
        "inprocess": section_inprocess,
        "batch": section_batch,
        "pdf": section_pdf,
        "bank": section_bank,
        "tui": section_tui,
        "tuiresp": section_tuiresp,
    }
    for name in SECTIONS + EXTRA:
        if name in only:
            try:
                funcs[name](a)
            except Exception as err:  # one failing section must not lose the others
                R.pop(name, None)
                say(f"   FAILED: {type(err).__name__}: {err}")
                say()
    summary()
    if a.profile or "profile" in only:
        try:
            profile(a.profile_runs)
        except Exception as err:
            say(f"   profile FAILED: {err}")
    load1 = os.getloadavg()
    say(f"total {time.time() - start:.0f} s; load average at the end: {load1[0]:.2f} (1 min)")

    results = BENCH / "results"
    results.mkdir(exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    (results / f"run-{stamp}.txt").write_text("\n".join(LOG) + "\n", encoding="utf-8")
    (results / "latest.txt").write_text("\n".join(LOG) + "\n", encoding="utf-8")
    (results / "latest.json").write_text(json.dumps(R, default=_jsonable, indent=1) + "\n")
    print(f"(written to bench/results/latest.txt and run-{stamp}.txt)")
    return 0


def _jsonable(o: object) -> object:
    if isinstance(o, Stat):
        return {"median": o.median, "min": o.min, "max": o.max, "n": o.n, "values": o.values}
    return str(o)


if __name__ == "__main__":
    sys.exit(main())
