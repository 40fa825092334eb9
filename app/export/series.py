"""A figure series that teaches: chosen events (or a named tour, or all), each shown when it took effect.

* A treaty's frame is on its entry-into-force date; when signature and entry into force differ, both get a
  frame (what was signed, then what it did). Events that never took effect are shown on their date; with
  `as_event_maps`, each frame is what the event provides instead.
* The end state (the last day of the map) closes the series.
* A frame whose map is the same as the one before it is skipped (in date mode), so 27 near-identical frames
  do not bury the change; of two events on one day, the day's headline (app/timeline/milestones.py) is kept.
* Each frame names its own event (file name, index.csv, caption: the request carries it) and has its own key,
  the rows its map uses (a 1956 frame does not list the 50th parallel).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from app import mapstate as us
from app.cartography.resolve import Frame as MapFrame
from app.export import paint
from app.export.request import ExportParamError, ExportRequest, event_slug, size_tag
from app.i18n import format_date_for, gettext_for, localised
from app.narration import TOURS
from app.timeline import milestones

WHAT = ("signed", "in_force", "dated", "end_state", "provides")


@dataclass(frozen=True)
class Frame:
    number: int
    event: str | None
    what: str  # signed | in_force | dated | end_state | provides
    date: dt.date
    req: ExportRequest
    file: str
    title: str


def event_ids(engine: Any, events: str | None = None, tour: str | None = None) -> list[str]:
    """The events of a series: a comma list, a named tour (app/narration.TOURS), or all from 1905 on."""
    if events:
        ids = [e.strip() for e in events.split(",") if e.strip()]
        unknown = [e for e in ids if e not in engine.events]
        if unknown:
            raise ExportParamError("events", f"unknown event(s): {', '.join(unknown)}", "event ids (python -m app "
                                   "events)")
        return ids
    if tour:
        if tour not in TOURS:
            raise ExportParamError("tour", f"unknown tour {tour!r}", ", ".join(TOURS))
        return list(dict.fromkeys(step[0] for step in TOURS[tour]))
    return [ev["id"] for ev in engine.event_list()
            if not ev.get("background") and dt.date.fromisoformat(ev["sort_date"]) >= us.MIN_DATE]


def _days(engine: Any, event_id: str) -> list[tuple[str, dt.date]]:
    ev = engine.events[event_id]
    dates = {k: (dt.date.fromisoformat(v) if isinstance(v, str) else v) for k, v in ev.dates.items() if v}
    sort = ev.sort_date if isinstance(ev.sort_date, dt.date) else dt.date.fromisoformat(str(ev.sort_date))
    signed = dates.get("signed")
    in_force = dates.get("in_force")
    out: list[tuple[str, dt.date]] = []
    if in_force:
        if signed and signed != in_force:
            out.append(("signed", signed))
        out.append(("in_force", in_force))
    else:
        out.append(("dated", signed or sort))
    return [(w, d) for w, d in out if us.MIN_DATE <= d <= us.MAX_DATE]


def _signature(frame: MapFrame) -> tuple:
    return frame.keys, tuple(sorted(ln.id for ln in frame.lines))


def frames(engine: Any, base: ExportRequest, ids: list[str], as_event_maps: bool = False) -> list[Frame]:
    """The frames of a series, in date order, each with its own event and key."""
    t = gettext_for(base.lang)
    rank = {(m.day, m.event): i for i, m in enumerate(milestones.milestones(engine.events.values()))}
    planned: list[tuple[str | None, str, dt.date, ExportRequest]] = []
    for event_id in ids:
        if as_event_maps:
            planned.append((event_id, "provides", dt.date.fromisoformat(str(engine.events[event_id].sort_date)),
                            replace(base, mode="event", event=event_id, view="map")))
            continue
        for what, day in _days(engine, event_id):
            planned.append((event_id, what, day, replace(base, mode="date", event=event_id, date=day, view="map")))
    if not as_event_maps:
        planned.append((None, "end_state", us.MAX_DATE, replace(base, mode="date", event=None, date=us.MAX_DATE,
                                                                 view="map")))
    # one day's events: the headline's first, so a map two events share is named as the page names it
    planned.sort(key=lambda item: (item[2], item[1] == "end_state", -rank.get((item[2], item[0]), -1)))
    kept = []
    last = None
    seen: set[tuple] = set()
    for event_id, what, day, req in planned:
        sig = _signature(paint.frame_for(engine, req))
        if not as_event_maps and (sig == last or (event_id, day) in seen):
            continue
        seen.add((event_id, day))
        last = sig
        kept.append((event_id, what, day, req))
    out = []
    for n, (event_id, what, day, req) in enumerate(kept, start=1):
        name = localised(engine.events[event_id].title, base.lang)[0] if event_id else t("End state")
        words = {"signed": t("{event}, signed {date}"), "in_force": t("{event}, in force {date}"),
                 "dated": t("{event}, {date}"), "end_state": t("End state, {date}"),
                 "provides": t("{event}: what it provides")}[what]
        title = words.format(event=name, date=format_date_for(day, base.lang))
        stem = f"{n:03d}_{day.isoformat()}_{event_slug(event_id) if event_id else 'end-state'}_{what.replace('_', '-')}"
        stem += f"_{'provides' if as_event_maps else base.pov}_{size_tag(base)}_{base.lang}"
        if base.grayscale:
            stem += "_gray"
        if base.fmt == "png":
            stem += f"_{base.dpi}dpi"
        out.append(Frame(n, event_id, what, day, req, f"{stem}.{base.fmt}", title))
    return out
