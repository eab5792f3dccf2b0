"""Benchmark (not a test): the tracker over a folder of N letters and their records (issue 18).

    .venv/bin/python bench/tracking.py [--letters N] [--seed S] [--folder DIR] [--today DATE]

Builds N letters (default 10,000) from the six example letters, varied with a seeded random:
date (2024-01 to 2026-11), subject with a number, recipients' agencies, deadline (a date or
{days: N}); examples/reports and examples/banks are copied beside them. About 80% get a
``NAME.tracking.yaml`` (sent, events after it, answers to questions the letter has). A sample is
checked with ``oversight validate``. Then each command runs as a new process, stdout discarded:
once with an empty OVERSIGHT_CACHE_DIR (cold), then 5 times with the same cache (warm: best and
median). Aims: status and due 1 s warm, 2 s cold; calendar 2 s. Nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from oversight.letters.prepare import load_letter
from oversight.tracking.record import ANSWERS as RECORD_ANSWERS
from oversight.tracking.record import EVENTS as RECORD_EVENTS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
_AGENCIES = (  # real agencies, as a recipient block names them
    "Internal Revenue Service; Social Security Administration; "
    "U.S. Department of Homeland Security; U.S. Office of Personnel Management; "
    "U.S. Department of Education; U.S. Department of Veterans Affairs; "
    "U.S. Department of Labor; Centers for Medicare & Medicaid Services; "
    "U.S. Department of the Treasury; U.S. Small Business Administration; "
    "General Services Administration; U.S. Department of Health and Human Services; "
    "Consumer Financial Protection Bureau; U.S. Department of Agriculture; "
    "National Institutes of Health; U.S. Agency for International Development; "
    "Federal Emergency Management Agency; U.S. Department of Justice; "
    "U.S. Department of Defense; U.S. Department of State; U.S. Department of Energy; "
    "U.S. Department of the Interior; U.S. Department of Commerce; "
    "U.S. Department of Transportation; U.S. Department of Housing and Urban Development; "
    "Environmental Protection Agency; National Aeronautics and Space Administration; "
    "Federal Bureau of Investigation; U.S. Citizenship and Immigration Services; "
    "U.S. Government Accountability Office; Office of Management and Budget"
)
AGENCIES = _AGENCIES.split("; ")
# The record's own events and answers (compulsory process left out: rare in a folder).
EVENTS = [e for e in RECORD_EVENTS if not e.startswith("compulsory") and e != "closed"]
ANSWERS = list(RECORD_ANSWERS)
NOTES = ["by phone", "staff call: more next week", "letter from the agency's liaison", "#2 of 3"]
FIRST, LAST = datetime.date(2024, 1, 1), datetime.date(2026, 11, 30)


def templates() -> list[tuple[str, str, list[str]]]:
    """Each example as YAML text with placeholders (date, subject, agencies, deadline), and the
    question names ("1", "1(a)"...) the letter prints."""
    out = []
    for f in sorted(EXAMPLES.glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        data.pop("subject", None)
        letter: dict[str, Any] = {"date": "XDATEX", "subject": "XSUBJECTX"}
        letter.update((k, v) for k, v in data.items() if k != "date")
        for i, r in enumerate(letter["recipients"]):
            r["agency"] = f"XAGENCY{i}X"
        letter["deadline"] = "XDEADLINEX"
        names: list[str] = []
        for section in load_letter(f).sections:
            for q in section.questions:
                names.append(str(q.number))
                names.extend(f"{q.number}({p.letter})" for p in q.parts)
        text = yaml.safe_dump(letter, sort_keys=False, width=100, allow_unicode=True)
        out.append((f.stem, text, list(dict.fromkeys(names))))
    return out


def record(rng: random.Random, date: datetime.date, due: datetime.date, names: list[str]) -> str:
    """A tracking record as YAML text: sent on or after ``date``, events after that, an
    extension past ``due``."""
    on = date + datetime.timedelta(days=rng.randint(0, 4))
    lines = ["sent:", f"  date: {on}", f"  via: {rng.choice(['email', 'portal', 'hand delivery'])}"]
    events = []
    for event in sorted(rng.sample(EVENTS, rng.choice([0, 0, 1, 2, 3, 4, 5])), key=EVENTS.index):
        on += datetime.timedelta(days=rng.randint(0, 20))
        events.append(f"- date: {on}\n  event: {event}")
        if event == "extension-granted":
            events[-1] += f"\n  until: {max(on, due) + datetime.timedelta(days=rng.randint(7, 30))}"
        if rng.random() < 0.3:
            events[-1] += f"\n  note: {json.dumps(rng.choice(NOTES))}"
    if events and rng.random() < 0.15:
        events.append(
            f"- date: {on + datetime.timedelta(days=rng.randint(1, 30))}\n  event: closed"
        )
    if events:
        lines += ["events:", *events]
    answered = rng.sample(names[:8], rng.randint(0, min(6, len(names)))) if events else []
    answered.sort(key=names.index)
    if answered:
        lines.append("answers:")
        for name in answered:
            lines += [f"  {json.dumps(name)}:", f"    status: {rng.choice(ANSWERS)}"]
            if rng.random() < 0.2:
                lines.append(f"    note: {json.dumps(rng.choice(NOTES))}")
    return "\n".join(lines) + "\n"


def build(folder: Path, count: int, seed: int) -> int:
    """Write ``count`` letters (and records beside ~80%) into ``folder``; the records written."""
    rng = random.Random(seed)
    for sub in ("reports", "banks"):
        shutil.copytree(EXAMPLES / sub, folder / sub, dirs_exist_ok=True)
    base, records = templates(), 0
    for n in range(1, count + 1):
        stem, text, names = rng.choice(base)
        date = FIRST + datetime.timedelta(days=rng.randint(0, (LAST - FIRST).days))
        days = rng.choice([7, 10, 14, 21, 30, 45])
        due = date + datetime.timedelta(days=days)
        if rng.random() < 0.4:
            deadline = str(due) if rng.random() < 0.7 else f"{{date: {due}, weekday: true}}"
        else:
            deadline = f"{{days: {days}}}"
        subject = f"Request for information no. {n} on {rng.choice(AGENCIES)} records"
        text = text.replace("XDATEX", str(date)).replace("XDEADLINEX", deadline)
        text = text.replace("XSUBJECTX", json.dumps(subject))
        for i in range(text.count("agency: XAGENCY")):
            text = text.replace(f"XAGENCY{i}X", json.dumps(rng.choice(AGENCIES)))
        letter = folder / f"letter-{n:05d}-{stem}.yaml"
        letter.write_text(text, encoding="utf-8")
        if rng.random() < 0.8:
            letter.with_name(letter.stem + ".tracking.yaml").write_text(
                record(rng, date, due, names), encoding="utf-8"
            )
            records += 1
    return records


def run(cmd: list[str], env: dict[str, str]) -> float | str:
    """Seconds the command took, or why it failed."""
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    took = time.perf_counter() - start
    if done.returncode != 0:
        return f"exit {done.returncode}: {done.stderr.decode(errors='replace').strip()[-300:]}"
    return took


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--letters", type=int, default=10_000, help="letters to build (10,000)")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--folder", "--keep", type=Path, help="build the letters here and keep them")
    ap.add_argument("--today", default="2025-06-01", help="--today of status and due")
    ap.add_argument("--runs", type=int, default=5, help="warm runs of each command (5)")
    args = ap.parse_args()

    exe = Path(sys.executable).with_name("oversight")
    oversight = str(exe) if exe.exists() else shutil.which("oversight") or "oversight"
    if args.folder and args.folder.exists() and any(args.folder.iterdir()):
        ap.error(f"{args.folder} is not empty")
    folder = args.folder or Path(tempfile.mkdtemp(prefix="oversight-bench-tracking-"))
    folder.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="oversight-bench-tracking-cache-"))
    ics = str(scratch / "out.ics")
    try:
        start = time.perf_counter()
        records = build(folder, args.letters, args.seed)
        size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
        print(f"## Tracker over a folder (bench/tracking.py), {os.cpu_count()} cores")
        print(
            f"   {args.letters:,} letters, {records:,} records, {size / 1e6:.1f} MB: {folder} "
            f"(built in {time.perf_counter() - start:.1f} s)"
        )
        letters = sorted(folder.glob("letter-*.yaml"))
        letters = [f for f in letters if not f.name.endswith(".tracking.yaml")]
        sample = random.Random(args.seed).sample(letters, min(12, len(letters)))
        check = subprocess.run([oversight, "validate", *map(str, sample)], capture_output=True)
        print(f"   oversight validate on {len(sample)} of them: exit {check.returncode}")
        if check.returncode != 0:
            print((check.stdout + check.stderr).decode(errors="replace")[-2000:])
        env = dict(os.environ, OVERSIGHT_CACHE_DIR=str(scratch / "listing"))
        listed = subprocess.run(
            [oversight, "status", str(folder), "--json", "--today", args.today],
            capture_output=True,
            env=env,
        )
        if listed.returncode == 0:
            rows = json.loads(listed.stdout)
            states = Counter(r["state"] for r in rows)
            print(f"   status --json lists {len(rows):,} of {len(letters):,} letters: ", end="")
            print(", ".join(f"{k} {v}" for k, v in states.most_common()))
            for r in [r for r in rows if r.get("problem")][:3]:
                print(f"     {r['letter']}: {r['problem']}")
        else:
            print(f"   status --json: exit {listed.returncode}: {listed.stderr.decode()[-300:]}")

        has_calendar = subprocess.run([oversight, "calendar", "--help"], capture_output=True)
        when = ["--today", args.today]
        commands: list[tuple[str, list[str], str]] = [
            ("python -c pass", [sys.executable, "-c", "pass"], ""),
            ("oversight --version", [oversight, "--version"], ""),
            ("status", [oversight, "status", str(folder), *when], "1 / 2"),
            ("status --json", [oversight, "status", str(folder), "--json", *when], "1 / 2"),
            (
                "due --within 30d",
                [oversight, "due", str(folder), "--within", "30d", *when],
                "1 / 2",
            ),
            ("calendar -o OUT.ics", [oversight, "calendar", str(folder), "-o", ics], "2 / 2"),
        ]
        print(
            f"\n   {'command':<22}{'cold s':>9}{'warm best':>11}{'warm med':>10}   aim warm/cold s"
        )
        for i, (name, cmd, aim) in enumerate(commands):
            if name.startswith("calendar") and has_calendar.returncode != 0:
                print("   calendar: not available")
                continue
            env = dict(os.environ, OVERSIGHT_CACHE_DIR=str(scratch / f"cache-{i}"))
            cold = run(cmd, env)
            warm = [run(cmd, env) for _ in range(args.runs)]
            failed = [t for t in [cold, *warm] if isinstance(t, str)]
            if failed:
                print(f"   {name:<22}failed, {failed[0]}")
                continue
            times, first = [float(t) for t in warm], float(cold)
            best, median = min(times), statistics.median(times)
            line = f"   {name:<22}{first:9.2f}{best:11.2f}{median:10.2f}"
            if aim:
                w, c = (float(x) for x in aim.split(" / "))
                ok = ["met" if t <= limit else "NOT met" for t, limit in ((median, w), (first, c))]
                line += f"   {aim:<9} warm {ok[0]}, cold {ok[1]}"
            print(line)
        print(f"   (warm: {args.runs} runs with the cache of the cold run; best and median)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if args.folder is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
