"""The same letter gives the same .docx bytes in any process, on any machine setting.

Every example letter is rendered by the real command in fresh processes that differ in what a
renderer might leak into its output: the hash seed (the order of sets and of dicts built from
them), the time zone, the locale variables (Babel and ``locale`` read them; a locale this machine
lacks still reaches code that reads the variables), the clock (ten years and a few seconds on, as
the zip writer or ``docProps/core.xml`` would show), and a cold or warm cache. Every run's bytes
must equal those of the test process's own in-process render.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import EXAMPLE_LETTERS, cli_env

from oversight.letters.prepare import load_letter
from oversight.render import docx_bytes

# Time moved on by ten years, an hour and 13 seconds, for everything that asks time.time().
SHIFTED_CLOCK = (
    "import sys, time\n"
    "_real = time.time\n"
    "time.time = lambda: _real() + 10 * 365.25 * 86400 + 3613\n"
    "from oversight.cli.main import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)

SETTINGS: dict[str, dict[str, str]] = {
    "hashseed 0, UTC, C.UTF-8": {
        "PYTHONHASHSEED": "0",
        "TZ": "UTC",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    },
    "hashseed 1, Auckland, en_US.UTF-8": {
        "PYTHONHASHSEED": "1",
        "TZ": "Pacific/Auckland",
        "LANG": "en_US.UTF-8",
        "LC_ALL": "en_US.UTF-8",
    },
    "hashseed 4242, Los Angeles, de_DE/fr_FR, cold cache": {
        "PYTHONHASHSEED": "4242",
        "TZ": "America/Los_Angeles",
        "LANG": "fr_FR.UTF-8",
        "LC_ALL": "de_DE.UTF-8",
        "LC_TIME": "ja_JP.UTF-8",
    },
    "random hashseed, Kolkata, C, clock ten years on": {
        "PYTHONHASHSEED": "random",
        "TZ": "Asia/Kolkata",
        "LANG": "C",
        "LC_ALL": "C",
    },
}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


@pytest.fixture(scope="module")
def in_process() -> dict[str, bytes]:
    return {letter.stem: docx_bytes(load_letter(letter)) for letter in EXAMPLE_LETTERS}


@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_every_example_gives_the_same_bytes_in_any_process(
    setting: str, in_process: dict[str, bytes], tmp_path: Path
) -> None:
    assert len(EXAMPLE_LETTERS) >= 3
    env = cli_env(tmp_path, **SETTINGS[setting])
    for name in ("LANGUAGE", "LC_CTYPE", "LC_MESSAGES", "LC_NUMERIC"):
        env.pop(name, None)
    if "cold cache" in setting:
        env["OVERSIGHT_CACHE_DIR"] = str(tmp_path / "cache")
    out = tmp_path / "out"
    out.mkdir()
    args = ["render", "-j", "1", *map(str, EXAMPLE_LETTERS), "-o", str(out)]
    command = (
        [sys.executable, "-c", SHIFTED_CLOCK, *args]
        if "clock" in setting
        else [sys.executable, "-m", "oversight.cli", *args]
    )
    done = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    if "clock" in setting:  # the shift took: the process saw another time
        probe = subprocess.run(
            [sys.executable, "-c", SHIFTED_CLOCK.split("from oversight")[0] + "print(time.time())"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        import time

        assert float(probe.stdout) - time.time() > 9 * 365 * 86400
    differ = []
    for stem, expected in in_process.items():
        got = (out / f"{stem}.docx").read_bytes()
        if got != expected:
            differ.append(f"{stem}: {_digest(got)} != {_digest(expected)} in process")
    assert not differ, f"{setting}: " + "; ".join(differ)
    assert sorted(os.listdir(out)) == sorted(f"{stem}.docx" for stem in in_process)
