"""The benchmark's in-process workloads, each run in a fresh child process by bench/run.py.

    python bench/tasks.py TASK [ARG...]      # prints one JSON object on its last line

run.py starts each task as its own process so it measures that process's peak memory (wait4) and
so nothing one task imported or cached helps another. Tasks:

  oversight-inprocess LETTER SECONDS MAXRUNS   load_letter + docx_bytes, the file re-read each time
  docxtpl-inprocess SECONDS MAXRUNS            template read + context + render + save to BytesIO
  bank-search                                  10,000 questions: load, index, ~50 queries
  tui-start T0 LETTER                          OversightApp headless: on_mount, first preview
  tui-keystroke LETTER DEBOUNCE N              type N characters; time until the preview is new
  profile LETTER N                             cProfile of N in-process renders (stats to stdout)
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


# --------------------------------------------------------------------------- in-process renders
def _loop(fn, seconds: float, max_runs: int, warmup: int = 3) -> dict:
    t = time.perf_counter()
    fn()
    first = time.perf_counter() - t
    for _ in range(warmup):
        fn()
    times: list[float] = []
    cpu: list[float] = []
    end = time.perf_counter() + seconds
    while len(times) < max_runs and (len(times) < 10 or time.perf_counter() < end):
        c = time.process_time()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return {"first": first, "times": times, "cpu": cpu}


def oversight_inprocess(letter: str, seconds: str, max_runs: str) -> None:
    from oversight.letters.prepare import load_letter
    from oversight.render import docx_bytes

    path = Path(letter)
    size = len(docx_bytes(load_letter(path)))

    def one() -> None:
        docx_bytes(load_letter(path))  # re-reads and re-checks the file every time

    r = _loop(one, float(seconds), int(max_runs))
    r["bytes"] = size
    emit(r)


def docxtpl_inprocess(seconds: str, max_runs: str) -> None:
    sys.path.insert(0, str(BENCH / "peers"))
    import docxtpl_render

    template = BENCH / "peers" / "template.docx"
    ctx_file = BENCH / "peers" / "context.json"

    def one() -> bytes:
        data = json.loads(ctx_file.read_text(encoding="utf-8"))
        return docxtpl_render.render(template, data)

    size = len(one())
    r = _loop(one, float(seconds), int(max_runs))
    r["bytes"] = size
    emit(r)


# --------------------------------------------------------------------------- bank search
def bank_search() -> None:
    import importlib.util
    import shutil
    import tempfile

    from oversight.banks.finder import BankSet
    from oversight.errors import Problems

    folder = Path(tempfile.mkdtemp(prefix="bench-banks-"))
    try:
        script = BENCH / "bank_search.py"
        if (
            script.is_file()
        ):  # a colleague's builder: 10,000 realistic variants of shipped questions
            spec = importlib.util.spec_from_file_location("bench_bank_search", script)
            assert spec and spec.loader
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            mod.build(folder, 10_000, 10)
            queries = list(mod.QUERIES)
            source = "bench/bank_search.py"
        else:
            queries = _build_bank(folder, 10_000)
            source = "bench/tasks.py"
        t = time.perf_counter()
        problems = Problems()
        banks = BankSet([folder], problems)
        load = time.perf_counter() - t
        from oversight.banks import search as bs

        t = time.perf_counter()
        index = bs.SearchIndex(banks.banks.values())
        index_s = time.perf_counter() - t
        per_query = []
        for q in queries:
            index.search(q)  # warm the query-word cache, as the TUI does while typing
            runs = []
            for _ in range(3):
                t = time.perf_counter()
                index.search(q)
                runs.append(time.perf_counter() - t)
            per_query.append(statistics.median(runs))
        emit(
            {
                "questions": len(index),
                "load": load,
                "index": index_s,
                "times": per_query,
                "source": source,
                "problems": len(problems.items),
            }
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _build_bank(folder: Path, total: int) -> list[str]:
    """Fallback when bench/bank_search.py is absent: shipped questions copied with new ids."""
    import yaml

    from oversight.paths import shipped_banks

    base = []
    for f in sorted(shipped_banks().glob("*.yaml")):
        base.extend(yaml.safe_load(f.read_text(encoding="utf-8"))["questions"])
    for k in range(10):
        qs = []
        for n in range(k * total // 10, (k + 1) * total // 10):
            q = dict(base[n % len(base)])
            q["id"] = f"{q['id']}-{n}"
            qs.append(q)
        data = {"bank": f"bench-{k}", "title": f"Benchmark bank {k}", "questions": qs}
        (folder / f"bench-{k}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return [
        "who approved doge access",
        "audit logs of queries",
        "foia backlog",
        "probationary employees fired",
        "inspector general denied records",
    ]


# --------------------------------------------------------------------------- terminal UI
def _app_class(marks: dict, painted: dict, stages: dict | None = None):
    stages = {} if stages is None else stages
    import inspect

    from oversight.tui.app import OversightApp

    css = Path(inspect.getfile(OversightApp)).parent / str(OversightApp.CSS_PATH)

    class App(OversightApp):  # type: ignore[misc, valid-type]
        CSS_PATH = str(css)  # Textual reads CSS_PATH beside the defining class's file

        # Textual calls on_mount of every class in the MRO: this one runs first, then the app's.
        def on_mount(self) -> None:
            marks.setdefault("on_mount", time.time())
            self.call_after_refresh(lambda: marks.setdefault("first_refresh", time.time()))

        def schedule_check(self, delay: float) -> None:
            stages.setdefault(self.draft.version, {}).setdefault("scheduled", time.perf_counter())
            super().schedule_check(delay)

        def start_check(self) -> None:
            stages.setdefault(self.draft.version, {}).setdefault("started", time.perf_counter())
            super().start_check()

        def show_check(self, result, version: int) -> None:  # type: ignore[no-untyped-def]
            stages.setdefault(version, {}).setdefault("checked", time.perf_counter())
            super().show_check(result, version)
            now = time.time()
            marks.setdefault("preview_shown", now)

            def done() -> None:
                t = time.time()
                marks.setdefault("preview_painted", t)
                painted.setdefault(version, time.perf_counter())

            self.call_after_refresh(done)

    return App


def tui_start(t0: str, letter: str) -> None:
    import asyncio

    marks: dict[str, float] = {"python_started": time.time()}
    App = _app_class(marks, {})
    marks["imported"] = time.time()

    async def main() -> None:
        app = App(Path(letter), ask_start=False)
        marks["constructed"] = time.time()
        async with app.run_test(size=(140, 44)) as pilot:
            end = time.time() + 20
            while "preview_painted" not in marks and time.time() < end:
                await pilot.pause(0.005)
            marks["preview_ok"] = float(app.last_check.ok)

    asyncio.run(main())
    base = float(t0)
    emit({k: (v - base if k != "preview_ok" else v) for k, v in marks.items()})


def tui_keystroke(letter: str, debounce: str, n: str) -> None:
    import asyncio

    from textual.widgets import TextArea

    marks: dict[str, float] = {}
    painted: dict[int, float] = {}
    stages: dict[int, dict[str, float]] = {}
    App = _app_class(marks, painted, stages)

    async def main() -> list[float]:
        kwargs = {} if debounce == "default" else {"debounce": float(debounce)}
        app = App(Path(letter), ask_start=False, **kwargs)
        out: list[float] = []
        parts: list[dict[str, float]] = []
        async with app.run_test(size=(140, 44)) as pilot:
            while "preview_painted" not in marks:
                await pilot.pause(0.01)
            app.show_section("body")
            await pilot.pause()
            area = app.query_one("#body-form #f-body", TextArea)
            area.focus()
            area.move_cursor((0, 0))  # type at the start of the body: a word of paragraph 1
            await pilot.pause(0.3)
            for _ in range(int(n)):
                before = app.draft.version
                t = time.perf_counter()
                await pilot.press("x")
                end = time.time() + 10
                while app.draft.version == before and time.time() < end:
                    await pilot.pause(0.001)
                target = app.draft.version
                while target not in painted and time.time() < end:
                    await pilot.pause(0.001)
                if target not in painted:
                    raise SystemExit("the preview never showed the keystroke")
                out.append(painted[target] - t)
                st = stages.get(target, {})
                if {"scheduled", "started", "checked"} <= set(st):
                    parts.append(
                        {
                            "edit": st["scheduled"] - t,
                            "debounce": st["started"] - st["scheduled"],
                            "check": st["checked"] - st["started"],
                            "paint": painted[target] - st["checked"],
                        }
                    )
                await pilot.pause(0.1)
            ok = app.last_check.ok
        if not ok:
            raise SystemExit("the preview reported problems after typing")
        return out, parts

    times, parts = asyncio.run(main())
    emit({"times": times, "debounce": debounce, "stages": parts})


# --------------------------------------------------------------------------- profile
def profile(letter: str, n: str) -> None:
    import cProfile
    import io
    import pstats

    from oversight.letters.prepare import load_letter
    from oversight.render import docx_bytes

    path = Path(letter)
    docx_bytes(load_letter(path))  # first render outside the profile: imports, caches
    runs = int(n)
    pr = cProfile.Profile()
    t = time.perf_counter()
    pr.enable()
    for _ in range(runs):
        docx_bytes(load_letter(path))
    pr.disable()
    wall = time.perf_counter() - t
    # Plain timing without the profiler's overhead, for scale.
    t = time.perf_counter()
    for _ in range(runs):
        docx_bytes(load_letter(path))
    plain = time.perf_counter() - t
    stats = pstats.Stats(pr)
    buf = io.StringIO()
    stats.stream = buf
    stats.sort_stats("cumulative").print_stats(40)
    cum = buf.getvalue()
    buf = io.StringIO()
    stats.stream = buf
    stats.sort_stats("tottime").print_stats(25)
    tot = buf.getvalue()
    emit(
        {
            "runs": runs,
            "wall_profiled": wall,
            "wall_plain": plain,
            "stages": _stages(stats),
            "cumulative": cum,
            "tottime": tot,
        }
    )


# (stage, substrings of a function's file path or name), first match wins.
STAGES = [
    ("YAML load (yamlfile, PyYAML)", ["oversight/yamlfile.py", "/yaml/", "_yaml"]),
    (
        "validation (validate, model, msgspec)",
        ["oversight/validate.py", "oversight/model.py", "msgspec"],
    ),
    ("bank lookup (banks: finding files, parameters)", ["oversight/banks/"]),
    (
        "citations (citations, csl, reports)",
        ["oversight/citations.py", "oversight/csl.py", "oversight/reports.py"],
    ),
    ("Jinja (template rendering)", ["jinja2", "<template>", "templates/"]),
    ("Markdown parsing (markdown-it, mdit plugins)", ["markdown_it", "mdit_py_plugins"]),
    (
        "IR building (render/text.py, context.py)",
        ["oversight/render/text.py", "oversight/render/context.py", "oversight/render/ir.py"],
    ),
    (
        "XML building (render/docx builder, styles)",
        ["oversight/render/docx/builder.py", "oversight/render/docx/styles.py"],
    ),
    ("render entry (render/__init__: letterhead, office parts)", ["oversight/render/__init__.py"]),
    (
        "package + zip compression (package.py, zipfile, zlib)",
        ["oversight/render/docx/package.py", "zipfile", "zlib", "binascii.crc32"],
    ),
    (
        "letter prep (letter, dates, holidays, babel)",
        ["oversight/letter.py", "oversight/dates.py", "holidays", "babel"],
    ),
]


def _stage_of(func: tuple) -> str | None:
    file, _line, name = func
    key = f"{file}:{name}"
    for stage, needles in STAGES:
        if any(n in key for n in needles):
            return stage
    return None


def _stages(stats) -> list[list]:
    """Exclusive time per stage. Built-ins and standard-library helpers (pathlib, re, copy, ...)
    are charged to the stage of whoever called them, in proportion to each caller's share."""
    import sysconfig

    stdlib = sysconfig.get_paths()["stdlib"]
    raw = stats.stats  # func -> (cc, nc, tt, ct, callers)
    totals: dict[str, float] = {}
    memo: dict[tuple, dict[str, float]] = {}
    other = "other (interpreter, unattributed)"

    def stage_for(func: tuple, depth: int = 0) -> dict[str, float]:
        if func in memo:
            return memo[func]
        s = _stage_of(func)
        if s is not None:
            return {s: 1.0}
        transparent = func[0] == "~" or func[0].startswith((stdlib, "<frozen"))
        if not transparent or depth > 12 or func not in raw:
            return {other: 1.0}
        callers = raw[func][4]
        total = sum(v[2] for v in callers.values())
        share: dict[str, float] = {}
        for caller, v in callers.items():
            w = v[2] / total if total else 1 / len(callers)
            for st, x in stage_for(caller, depth + 1).items():
                share[st] = share.get(st, 0.0) + w * x
        memo[func] = share or {other: 1.0}
        return memo[func]

    tops: dict[str, dict[str, float]] = {}
    for func, (_cc, _nc, tt, _ct, _callers) in raw.items():
        for st, w in stage_for(func).items():
            totals[st] = totals.get(st, 0.0) + tt * w
            name = f"{Path(func[0]).name}:{func[2]}" if func[0] != "~" else func[2]
            tops.setdefault(st, {})[name] = tops.setdefault(st, {}).get(name, 0.0) + tt * w
    whole = sum(totals.values()) or 1.0
    return sorted(
        (
            [k, v, v / whole, sorted(tops[k].items(), key=lambda x: -x[1])[:4]]
            for k, v in totals.items()
        ),
        key=lambda r: -r[1],
    )


TASKS = {
    "oversight-inprocess": oversight_inprocess,
    "docxtpl-inprocess": docxtpl_inprocess,
    "bank-search": bank_search,
    "tui-start": tui_start,
    "tui-keystroke": tui_keystroke,
    "profile": profile,
}

if __name__ == "__main__":
    TASKS[sys.argv[1]](*sys.argv[2:])
