"""What a printed map shows: the page's paint table, built on the full-resolution layers with every label print
names, read by app/cartography/resolve.py — the same answer the page draws.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, replace
from typing import Any

from app.cartography.paint_table import build_table, label_entries
from app.cartography.resolve import Frame, StateLike, resolve
from app.export import geometry
from app.export.request import shown_date
from app.layers import load_layers
from app.mapstate import MIN_DATE

PRINT_ONLY_TIER = 4  # the Habomai islets and the Tsushima Strait: named in an inset or a zoom, not on the main map


@dataclass(frozen=True)
class Context:
    """Per process, engine and language: the full-resolution layers around the view, the print table."""

    fc: dict
    table: dict
    events: dict


@functools.lru_cache(maxsize=2)
def print_layers() -> dict:
    """The full-resolution layers cut to the print view (language-independent, shared by every context)."""
    full = load_layers("full").collection
    return {"type": "FeatureCollection", "features": geometry.clip_to_view(full["features"])}


@functools.lru_cache(maxsize=8)
def context(engine: Any, lang: str = "en") -> Context:
    fc = print_layers()
    built = build_table(engine, fc, lang=lang)
    table = {**built["table"], "labels": label_entries(max_tier=PRINT_ONLY_TIER, with_names=True)}
    return Context(fc, table, built["events"])


def frame_for(engine: Any, req: StateLike) -> Frame:
    """The Frame of an export request: on its shown day (an event's own date in treaty mode)."""
    ctx = context(engine, req.lang)
    return resolve(ctx.table, replace(req, date=shown_date(engine, req)), ctx.events)


def day_of(frame: Frame) -> dt.date:
    """The calendar date of a Frame's day."""
    return MIN_DATE + dt.timedelta(days=frame.day)
