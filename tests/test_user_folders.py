"""Nothing in the user's cache folder can stop a render or run code: damaged, foreign or
hostile cache files are ignored and built again."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MODEL = REPO / "examples" / "irs-dhs-doge-letter.yaml"


def _render(cache: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OVERSIGHT_CACHE_DIR": str(cache)}
    return subprocess.run(
        [sys.executable, "-m", "oversight.cli", "render", str(MODEL), "-o", str(out)],
        env=env, capture_output=True, text=True, timeout=120, cwd=REPO,
    )  # fmt: skip


class _Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch pwned",))


def test_every_cache_file_damaged_still_renders_the_same_letter(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _render(cache, tmp_path / "first.docx")
    assert first.returncode == 0, first.stderr
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert files  # the render filled the cache
    for i, f in enumerate(files):
        f.write_bytes([b"", os.urandom(64), b"\x80\x05garbage"][i % 3])
    again = _render(cache, tmp_path / "again.docx")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "again.docx").read_bytes() == (tmp_path / "first.docx").read_bytes()


def test_a_hostile_pickle_in_the_locale_cache_runs_nothing(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _render(cache, tmp_path / "first.docx").returncode == 0
    (locale_file,) = (cache / "locales").glob("en_US-*")
    locale_file.write_bytes(pickle.dumps({"months": _Boom()}))
    result = _render(cache, tmp_path / "again.docx")
    assert result.returncode == 0, result.stderr
    assert not (REPO / "pwned").exists() and not (tmp_path / "pwned").exists()
    assert (tmp_path / "again.docx").read_bytes() == (tmp_path / "first.docx").read_bytes()
