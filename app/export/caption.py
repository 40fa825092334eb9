"""The words around a figure's map: title, subtitle and the printed caption, in the page's catalogues.

Caption: the date, the view (or "what the document provides"), the event in force, the sources as short
readable citations (app.citations: never an internal key), the permalink to the public site when one is
configured (none otherwise: a loopback address is a dead link on paper), the projection and the scale,
the coastline attribution, the app and data version.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from pathlib import Path
from typing import Any

import app
from app import pov_label as names
from app.citations import cite_many
from app.export import paint
from app.export.paint import day_of as frame_date
from app.export.request import ExportRequest, shown_date
from app.i18n import _, format_date_for, gettext_for, localised
from app.mapstate import normalise_pov
from app.timeline import milestones

ATTRIBUTION = "Coastlines: GSHHG 2.3.6 (Wessel & Smith 1996), LGPL-3.0"
DATA_FILES = ("geodata/timeline", "geodata/registry.yaml", "geodata/layers/layers_full.geojson")
MAX_SOURCES = 8  # a caption names at most this many; the rest are counted ("and 4 more")
# The subtitle's words for the event a figure names, by its status on the day (app/timeline/milestones.py).
HEADLINE_WORDS = {"in_force": _("{view} · in force: {event}"), "signed": _("{view} · signed: {event}"),
                  "rejected": _("{view} · rejected: {event}"), "dated": _("{view} · latest event: {event}")}


def pov_label(pov: str, lang: str, engine: Any = None, day: Any = None) -> str:
    """A point of view's name as the page says it; with the engine and a day, Russia's view names the
    government on that day (app.pov_label)."""
    return names.pov_label(engine, normalise_pov(pov), day, lang)


def view_label(engine: Any, pov: str, date: dt.date, lang: str) -> str:
    """The point of view named after its government on `date` ("Soviet Russia's view" in 1921, "The USSR's view"
    in 1956, "The Russian Empire's view" in 1910); de facto control keeps its name (app.pov_label)."""
    return pov_label(pov, lang, engine, date)


def event_title(engine: Any, event_id: str, lang: str) -> str:
    return localised(engine.events[event_id].title, lang)[0]


@functools.cache
def data_version() -> str:
    """A short hash of the data a figure is drawn from (timeline, registry, layers): cite it with the figure."""
    root = Path(app.__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for name in DATA_FILES:
        path = root / name
        for f in sorted(path.rglob("*.yaml")) if path.is_dir() else [path]:
            if f.exists():
                digest.update(f.name.encode())
                digest.update(f.read_bytes())
    return digest.hexdigest()[:10]


def dataset_label(engine: Any) -> str:
    """The dataset's version (dataset.yaml) and the hash of exactly the files drawn: "2.0.0 (f305d077d9)"."""
    info = getattr(engine.timeline, "dataset", None)
    return f"{info.version} ({data_version()})" if info is not None else data_version()


def titles(engine: Any, req: ExportRequest) -> tuple[str, str]:
    """(title, subtitle): the date and the view with the event in force, or the event and what it provides."""
    t = gettext_for(req.lang)
    date = shown_date(engine, req)
    if req.mode == "event" and req.event:
        ev = engine.events[req.event]
        sub = t("{date}: what the document provides", date=format_date_for(date, req.lang))
        if ev.outcome is not None:
            sub = t("{date}: what the document would have given", date=format_date_for(date, req.lang))
        return event_title(engine, req.event, req.lang), sub
    frame = paint.frame_for(engine, req)
    sub = frame.government.name
    if req.diff:
        sub = t("{view}: where the points of view disagree", view=sub)
    event, status = subject(engine, req, frame)
    if event is not None:
        sub = t(HEADLINE_WORDS[status], view=sub, event=event_title(engine, event, req.lang))
    return format_date_for(date, req.lang), sub


def subject(engine: Any, req: ExportRequest, frame: Any) -> tuple[str | None, str]:
    """The event a date's figure names and what it may say of it (app/timeline/milestones.py): a series or
    lesson frame's own event when the request names one, else the Frame's headline. "In force" only for an
    instrument in force on the day; else signed, rejected or the latest event, as the data says."""
    if req.event in engine.events:
        return req.event, milestones.event_status(engine.events[req.event], frame_date(frame))
    return frame.headline.event, frame.headline.status


def source_keys(engine: Any, req: ExportRequest) -> list[str]:
    """The sources of what the map shows: the rows in force on its day from its view, or the event's own."""
    keys: list[str] = []

    def add(rows: list[dict]) -> None:
        for row in rows:
            for k in row.get("sources") or []:
                if k not in keys:
                    keys.append(k)

    if req.mode == "event" and req.event:
        ev = engine.events[req.event]
        if ev.clause is not None and ev.clause.source:
            keys.append(ev.clause.source)
        keys += [k for k in ev.sources if k not in keys]
        provided = engine.event_map(req.event)["provides"]
        for group in ("territories", "regimes", "lines"):
            for rows in provided.get(group, {}).values():
                add(rows)
        return keys
    day = shown_date(engine, req).isoformat()
    state = engine.state(day, req.pov)
    for terr in state["territories"].values():
        add([r for r in terr.get("statuses") or [] if _in_force(r, day)])
    for rows in list(state.get("regimes", {}).values()) + list(state.get("lines", {}).values()):
        add([r for r in rows if _in_force(r, day)])
    return keys


def disagreements(engine: Any, req: ExportRequest, limit: int = 2) -> list[str]:
    """The recorded disagreements bearing on what the map shows (its event, or its day), as their questions."""
    found = getattr(engine, "disagreements_for", None)
    if found is None:
        return []
    sides = [req, req.side_b()] if req.view == "compare" else [req]
    out: list[str] = []
    for side in sides:
        rows = (found(event=side.event, lang=side.lang) if side.mode == "event" and side.event
                else found(date=shown_date(engine, side).isoformat(), lang=side.lang))
        out += [d["question"] for d in rows if d["question"] not in out]
    return out[:limit]


def _in_force(row: dict, day: str) -> bool:
    start, end = row.get("start"), row.get("end")
    return (not start or str(start) <= day) and (not end or day < str(end))


def short_citations(engine: Any, keys: list[str], lang: str) -> list[str]:
    """The readable short form of each source (app.citations: primary sources first), never a key."""
    out: list[str] = []
    for c in cite_many(engine, keys, lang):
        if c.short and c.short not in out:
            out.append(c.short)
    return out


def caption_lines(engine: Any, req: ExportRequest, projection_note: str, max_sources: int = MAX_SOURCES,
                  max_disagreements: int = 2) -> list[str]:
    """The caption as paragraphs: what the map shows and its sources; how it is drawn; where it lives."""
    t = gettext_for(req.lang)
    title, sub = titles(engine, req)
    keys = source_keys(engine, req)
    if req.view == "compare":
        side_b = req.side_b()
        title_b, sub_b = titles(engine, side_b)
        title = t("Left: {title}, {subtitle}", title=title, subtitle=sub)
        sub = t("right: {title}, {subtitle}", title=title_b, subtitle=sub_b)
        keys += [k for k in source_keys(engine, side_b) if k not in keys]
    cites = short_citations(engine, keys, req.lang)
    shown = cites[:max_sources]
    sources = t("; ").join(shown) if shown else t("none in force")
    if len(cites) > len(shown):
        sources += t("; ") + t("and {count} more", count=len(cites) - len(shown))
    first = t("{title}. {subtitle}. Sources: {sources}.", title=title, subtitle=sub, sources=sources)
    questions = disagreements(engine, req, max_disagreements)
    if questions:
        first += " " + t("Sources disagree: {questions}", questions=" ".join(questions))
    second = t("{projection} {attribution}. Sakhalin–Kurils atlas {version}, data {data}.",
               projection=projection_note, attribution=ATTRIBUTION, version=f"v{app.__version__}",
               data=dataset_label(engine))
    lines = [first, second]
    link = req.permalink()
    if link:
        lines.append(t("Online: {url}", url=link))
    return lines


def projection_note(lang: str, scale_lat: float = 44.0) -> str:
    """The projection and where the scale bars are true, in the figure's language (a `t(...)` call, so the
    catalogue extraction finds it)."""
    t = gettext_for(lang)
    return t("Lambert conformal conic projection (standard parallels 44° N and 52° N); scale bars true at {lat}° N.",
             lat=f"{scale_lat:g}")


def today() -> dt.date:  # a seam for tests
    return dt.date.today()
