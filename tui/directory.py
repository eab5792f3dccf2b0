"""The small built-in directory of departments and agencies (oversight/data/agencies.yaml)."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def agencies() -> list[dict[str, Any]]:
    import yaml

    from oversight.paths import package_data

    data = yaml.safe_load((package_data() / "agencies.yaml").read_text(encoding="utf-8"))
    return list(data["agencies"])
