"""Where the built-in resources live, in a source checkout and in an installed wheel."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir

_PACKAGE = Path(__file__).resolve().parent


def builtin_templates() -> Path:
    """The folder of built-in letter templates (one sub-folder per template)."""
    inside = _PACKAGE / "templates"
    return inside if inside.is_dir() else _PACKAGE.parent / "templates"


def package_data() -> Path:
    """Data files shipped with the package (the agency directory, the starter letter)."""
    return _PACKAGE / "data"


def shipped_banks() -> Path:
    """The question banks shipped with the project (examples/banks in a checkout)."""
    inside = _PACKAGE / "data" / "banks"
    return inside if inside.is_dir() else _PACKAGE.parent / "examples" / "banks"


def cache_dir(name: str) -> Path | None:
    """A folder of the user's cache (OVERSIGHT_CACHE_DIR, else the platform's), or None.

    Caches only save time (compiled templates, checked banks, locale data): the caller creates
    the folder and treats any failure as a miss.
    """
    folder = os.environ.get("OVERSIGHT_CACHE_DIR")
    if not folder:
        try:
            folder = user_cache_dir("oversight")
        except Exception:
            return None
    return Path(folder) / name
