"""Print the pinned requirements of pyproject.toml's groups, one a line, for `pip install -r` (the Makefile's
`make run` installs the page's packages without building the project: the app runs from its folder).

    python3 scripts/requirements.py page            # [project] dependencies
    python3 scripts/requirements.py figures serve   # optional groups
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def requirements(groups: list[str]) -> list[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    out: list[str] = []
    for group in groups:
        found = project["dependencies"] if group == "page" else extras.get(group)
        if found is None:
            raise SystemExit(f"requirements.py: no group {group!r} in pyproject.toml (page, {', '.join(extras)})")
        out += [r for r in found if r not in out]
    return out


if __name__ == "__main__":
    print("\n".join(requirements(sys.argv[1:] or ["page"])))
