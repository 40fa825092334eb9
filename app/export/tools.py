"""Whether the figure tools (pyproject's `figures` group: kaleido, shapely, numpy, pikepdf) are installed: `make run`
serves the page before they are (it installs them right after), so a figure or a lesson asked for meanwhile gets a
clear "try again in a minute", never a traceback."""

from __future__ import annotations

import importlib.util

FIGURE_TOOLS = ("kaleido", "shapely", "numpy", "pikepdf")
RETRY_AFTER_S = 60
_present: set[str] = set()


def missing() -> list[str]:
    """The figure tools not importable yet (found ones are remembered: installing never takes one away)."""
    out = []
    for name in FIGURE_TOOLS:
        if name in _present:
            continue
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if found:
            _present.add(name)
        else:
            out.append(name)
    return out


def missing_message(names: list[str]) -> str:
    return (f"the figure tools are not installed yet ({', '.join(names)}): `make run` installs them right after "
            f"the page (see .venv/install-figures.log), or run `make install-app`; try again in a minute")
