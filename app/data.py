"""Load the registry and the timeline once per process and build the query engine."""

from __future__ import annotations

from functools import lru_cache

from app.timeline.engine import Engine
from app.timeline.model import load_timeline


@lru_cache(maxsize=4)
def load_engine(directory: str | None = None) -> Engine:
    """The Engine over geodata/timeline (or `directory`), validated and precomputed; cached.

    Raises TimelineDataError (an app.DataFileError) naming file, item and field when data is broken.
    """
    return Engine(load_timeline(directory))
