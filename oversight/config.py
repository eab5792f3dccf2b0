"""The office configuration: a YAML file in the platform's usual place for user settings.

``~/.config/oversight/config.yaml`` on Linux (``OVERSIGHT_CONFIG`` names another file)::

    banks: [/shared/office/banks]       # extra question bank folders or files
    templates: /shared/office/templates # a folder of the office's own letter templates
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import msgspec
from platformdirs import user_config_path

from oversight.errors import Problems, UserError, did_you_mean
from oversight.fsutil import exists
from oversight.yamlfile import load_file


class OfficeConfig(msgspec.Struct, frozen=True):
    file: Path | None = None
    banks: list[Path] = msgspec.field(default_factory=list)
    templates: Path | None = None


def config_path() -> Path:
    env = os.environ.get("OVERSIGHT_CONFIG")
    if env:
        return Path(env)
    return user_config_path("oversight") / "config.yaml"


@cache
def office_config() -> OfficeConfig:
    """Read the office configuration; a missing file means the defaults.

    A broken file raises :class:`~oversight.errors.UserError` naming it.
    """
    path = config_path()
    if not path.is_file():
        return OfficeConfig()
    doc = load_file(path)
    problems = Problems()
    data = doc.data or {}
    if not isinstance(data, dict):
        raise UserError(doc.problem((), "the configuration must be a mapping (key: value lines)"))
    banks: list[Path] = []
    templates: Path | None = None
    for key, value in data.items():
        if key == "banks":
            items = value if isinstance(value, list) else [value]
            for i, item in enumerate(items):
                if isinstance(item, str) and item:
                    p = Path(item).expanduser()
                    p = p if p.is_absolute() else path.parent / p
                    if not exists(p):
                        problems.add(
                            doc.problem(
                                ("banks", i) if isinstance(value, list) else ("banks",),
                                f"bank file or folder '{item}' not found",
                                hint="paths are relative to the configuration file's folder",
                            )
                        )
                    banks.append(p)
                else:
                    problems.add(doc.problem(("banks", i), "expected a folder or file path"))
        elif key == "templates":
            if isinstance(value, str) and value:
                p = Path(value).expanduser()
                templates = p if p.is_absolute() else path.parent / p
            else:
                problems.add(doc.problem(("templates",), "expected a folder path"))
        else:
            problems.add(
                doc.problem(
                    (key,),
                    f"unknown key '{key}'",
                    hint=did_you_mean(str(key), ["banks", "templates"])
                    or "allowed: banks, templates",
                    key=True,
                )
            )
    problems.raise_if_errors()
    return OfficeConfig(path, banks, templates)
