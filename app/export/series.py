"""A figure series that teaches: chosen events (or a named tour, or all), each shown when it took effect.

* A treaty's frame is on its entry-into-force date; when signature and entry into force differ, both get a
  frame (what was signed, then what it did). Events that never took effect are shown on their date; with
  `as_event_maps`, each frame is what the event provides instead.
* The end state (the last day of the map) closes the series.
* A frame whose map is the same as the one before it is skipped (in date mode), so 27 near-identical frames
  do not bury the change.
* One key for the whole series: the union of what every frame shows, so it does not jump between slides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from app import mapstate as us
from app.cartography.key import key_rows, map_kind_of, merge_all
from app.export import compose, paint
from app.export.request import ExportParamError, ExportRequest, event_slug, size_tag
from app.i18n import format_date_for, gettext_for, localised

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
        from app.narration import TOURS

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


def _signature(ctx: paint.Context, p: paint.Paint) -> tuple:
    return tuple(p.keys), tuple(sorted(k for k, v in p.lines.items() if v))


def frames(engine: Any, base: ExportRequest, ids: list[str], as_event_maps: bool = False) -> list[Frame]:
    """The frames of a series, in date order, with one shared key."""
    ctx = paint.context(engine)
    t = gettext_for(base.lang)
    planned: list[tuple[str | None, str, dt.date, ExportRequest]] = []
    for event_id in ids:
        if as_event_maps:
            planned.append((event_id, "provides", dt.date.fromisoformat(str(engine.events[event_id].sort_date)),
                            replace(base, mode="event", event=event_id, view="map")))
            continue
        for what, day in _days(engine, event_id):
            planned.append((event_id, what, day, replace(base, mode="date", event=None, date=day, view="map")))
    if not as_event_maps:
        planned.append((None, "end_state", us.MAX_DATE, replace(base, mode="date", event=None, date=us.MAX_DATE,
                                                                 view="map")))
    planned.sort(key=lambda item: (item[2], WHAT.index(item[1])))
    kept = []
    last = None
    seen: set[tuple] = set()
    for event_id, what, day, req in planned:
        p = paint.resolve(ctx, req, engine)
        sig = _signature(ctx, p)
        if not as_event_maps and (sig == last or (event_id, day) in seen):
            continue
        seen.add((event_id, day))
        last = sig
        kept.append((event_id, what, day, req, p))
    states = [compose.key_state(engine, ctx, req, p) for _e, _w, _d, req, p in kept]
    rows = tuple(key_rows(merge_all(states), map_kind_of("event" if as_event_maps else "date", base.pov),
                          base.lang))
    out = []
    for n, (event_id, what, day, req, _p) in enumerate(kept, start=1):
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
        out.append(Frame(n, event_id, what, day, compose.with_key(req, rows), f"{stem}.{base.fmt}", title))
    return out
