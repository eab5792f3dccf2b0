"""Benchmark (not a test): load a 10,000-question bank and search it.

    .venv/bin/python bench/bank_search.py [--questions N] [--files F] [--keep DIR]

Builds N questions (default 10,000) in F bank files (default 10: one file may hold at most 5 MB,
and 10,000 questions are about 9 MB) in a temporary folder. Each question takes a shipped
question's wording and parts and varies them with agencies, systems and dates, so the words and
their frequencies are those of real banks. Then it prints:

* load: ``BankSet`` over the folder as a new process loads it (the first run reads, parses and
  checks every question; the others find it in the cache folder), median of 5, and where
  the time goes (YAML parsing with line numbers, and the checks);
* index: building the search index, median of 3;
* search: each of ~50 realistic queries timed (median of 3 runs each), then the median, min and
  max over the queries; and whether the candidate limit changed any top-10 against scoring
  every question.

Aims (issue 4 and its follow-up): under 10 ms a query, under 0.5 s to load.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from oversight.banks import search as bank_search
from oversight.banks import store
from oversight.banks.finder import BankSet
from oversight.banks.store import bank_from_document
from oversight.errors import Problems
from oversight.paths import shipped_banks
from oversight.yamlfile import load_file

AGENCIES = [
    "the Internal Revenue Service",
    "the Social Security Administration",
    "the Department of Homeland Security",
    "the Office of Personnel Management",
    "the Department of Education",
    "the Department of Veterans Affairs",
    "the Department of Labor",
    "the Centers for Medicare & Medicaid Services",
    "the Department of the Treasury",
    "the Small Business Administration",
    "the General Services Administration",
    "the Department of Health and Human Services",
    "the Consumer Financial Protection Bureau",
    "the Department of Agriculture",
    "the National Institutes of Health",
    "the U.S. Agency for International Development",
]
SYSTEMS = [
    "the Integrated Data Retrieval System",
    "the Payment Automation Manager",
    "the Enterprise Human Resources Integration system",
    "the Federal Student Aid data center",
    "the Master Beneficiary Record",
    "the Numident",
    "the Secure Payment System",
    "the Treasury Offset Program",
    "the Benefits Delivery Network",
    "the Electronic Fraud Detection System",
]
DATES = ["January 20, 2025", "February 1, 2025", "March 1, 2025", "October 1, 2024"]

QUERIES = [
    "who approved doge access",
    "how many requests from dhs",
    "audit logs of queries",
    "signal messages deleted",
    "probationary employees fired",
    "inspector general denied records",
    "contracts cancelled savings",
    "routine use privacy act",
    "foia backlog",
    "who is the acting ig",
    "background checks before access",
    "read write access level",
    "data copied to outside servers",
    "memorandum of understanding irs dhs",
    "itin filers",
    "fork in the road deferred resignation",
    "reduction in force veterans",
    "impoundment withheld funds",
    "litigation hold",
    "privacy impact assessment",
    "computer matching program",
    "ig removal 30 days notice congress",
    "special government employee status",
    "unauthorized disclosure referrals to tigta",
    "safeguard security report",
    "security incident from the access",
    "records schedule changes nara",
    "apportionment footnotes omb",
    "whistleblower retaliation inspector general",
    "service to the public after layoffs",
    "career staff objected to access",
    "breach of personal information",
    "new system of records notice",
    "tax data for immigration enforcement",
    "email preservation senior officials",
    "probatonary employes fired",
    "names of doge staff with access",
    "ig placed on administrative leave",
    "termination for convenience clause",
    "grant terminations 200.340",
    "contractors replacing fired employees",
    "union notice before layoffs",
    "rif plan submitted to omb",
    "irs filing season staffing",
    "foia requests reviewed by political appointees",
    "notify archivist unlawful destruction",
    "presidential records act doge",
    "data integrity board",
    "section 6103 i 2 request requirements",
    "taxpayer bill of rights",
    "source code changes to the system",
    "fisma risk assessment before access",
]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def build(folder: Path, total: int, files: int, seed: int = 7) -> None:
    """Write ``total`` questions into ``files`` bank files in ``folder``."""
    rng = random.Random(seed)
    base = []
    for f in sorted(shipped_banks().glob("*.yaml")):
        base.extend(yaml.safe_load(f.read_text(encoding="utf-8"))["questions"])
    n = 0
    for k in range(files):
        questions = []
        for _ in range(total // files + (k < total % files)):
            q, other = rng.choice(base), rng.choice(base)
            agency, system, date = rng.choice(AGENCIES), rng.choice(SYSTEMS), rng.choice(DATES)
            clause = rng.choice(
                [
                    f" Answer separately for {agency}.",
                    f" Include {system} in your answer.",
                    f" Cover the period from {date} to the present.",
                    f" Address in particular {system} and {agency}.",
                    "",
                ]
            )
            text = _one_line(q["text"]) + clause
            parts = [_one_line(p) for p in q.get("parts", [])]
            if other.get("parts") and rng.random() < 0.5:
                parts.append(_one_line(rng.choice(other["parts"])))
            params = {}
            for name, spec in (q.get("parameters") or {}).items():
                spec = dict(spec)
                if spec.get("type") == "agency":
                    spec["default"] = agency
                params[name] = spec
            used = set()
            for t in (text, *parts):
                used.update(re.findall(r"\{\{\s*(\w+)\s*\}\}", t))
            for name in sorted(used - set(params)):  # a part borrowed from another question
                params[name] = {"type": "text", "default": "the matter asked about"}
            n += 1
            entry = {"id": f"{q['id']}-{n}", "text": text}
            if parts:
                entry["parts"] = parts
            entry["tags"] = [*q.get("tags", []), agency.split()[-1].lower()]
            if params:
                entry["parameters"] = params
            if q.get("notes") and rng.random() < 0.3:
                entry["notes"] = _one_line(q["notes"])
            questions.append(entry)
        data = {"bank": f"bench-{k}", "title": f"Benchmark bank {k}", "questions": questions}
        (folder / f"bench-{k}.yaml").write_text(
            yaml.safe_dump(data, sort_keys=False, width=100, allow_unicode=True), encoding="utf-8"
        )


def timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=int, default=10_000)
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--keep", type=Path, help="build the banks in this folder and keep them")
    args = ap.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="bank-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        build(folder, args.questions, args.files)
        size = sum(f.stat().st_size for f in folder.glob("*.yaml"))
        print(f"{args.questions:,} questions in {args.files} files, {size / 1e6:.1f} MB: {folder}")

        def load() -> BankSet:
            store._LOADED.clear()  # as a new process: only the cache folder remembers
            problems = Problems()
            banks = BankSet([folder], problems)
            assert not problems.items, problems.items[:3]
            return banks

        load_s, banks = timed(load, 5)
        assert isinstance(banks, BankSet)
        files = sorted(folder.glob("*.yaml"))
        parse_s, docs = timed(lambda: [load_file(f) for f in files], 3)
        check_s, _ = timed(lambda: [bank_from_document(d, Problems()) for d in docs], 3)  # type: ignore[attr-defined]
        print(f"load:   {load_s:.2f} s (median of 5)")
        print(f"        of which YAML with line numbers {parse_s:.2f} s, checks {check_s:.2f} s")

        index_s, index = timed(lambda: bank_search.SearchIndex(banks.banks.values()), 3)
        assert isinstance(index, bank_search.SearchIndex)
        print(f"index:  {index_s:.2f} s (median of 3), {len(index):,} questions")

        per_query = []
        for q in QUERIES:
            index.search(q)  # warm the query-word cache
            per_query.append(timed(lambda q=q: index.search(q), 3)[0] * 1000)
        print(
            f"search: median {statistics.median(per_query):.1f} ms, min {min(per_query):.1f} ms, "
            f"max {max(per_query):.1f} ms per query ({len(QUERIES)} queries)"
        )

        capped = {q: [h.entry.ref for h in index.search(q)] for q in QUERIES}
        limit = bank_search.CANDIDATES
        bank_search.CANDIDATES = 10**9
        try:
            full = {q: [h.entry.ref for h in index.search(q)] for q in QUERIES}
        finally:
            bank_search.CANDIDATES = limit
        top1 = sum(capped[q][:1] != full[q][:1] for q in QUERIES)
        top10 = sum(capped[q] != full[q] for q in QUERIES)
        print(
            f"        candidate limit {limit}: top result differs from scoring every question "
            f"for {top1} queries, top 10 for {top10}"
        )
        aims = [("query", statistics.median(per_query) < 10), ("load", load_s < 0.5)]
        print("aims:   " + ", ".join(f"{name} {'met' if ok else 'NOT met'}" for name, ok in aims))
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
