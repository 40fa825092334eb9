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
from app.citations import TIER_ORDER, cite
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


def data_licence(engine: Any) -> str:
    """The data's licence as a reader writes it ("CC BY 4.0"), from dataset.yaml's "CC-BY-4.0 (data); code MIT; …"."""
    info = getattr(engine.timeline, "dataset", None)
    text = str(info.licence or "") if info is not None else ""
    data = next((part for part in text.split(";") if "(data)" in part), text.split(";")[0])
    return data.replace("(data)", "").strip().replace("CC-BY-", "CC BY ")


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


def drawn_rows(engine: Any, req: ExportRequest) -> list[dict]:
    """The status, regime and line rows in force on a date figure's day in its view: what its map draws."""
    day = shown_date(engine, req).isoformat()
    state = engine.state(day, req.pov)
    rows = [r for terr in state["territories"].values() for r in terr.get("statuses") or []]
    rows += [r for group in ("regimes", "lines") for found in state.get(group, {}).values() for r in found]
    return [r for r in rows if _in_force(r, day)]


def _by_relevance(rows: list[dict], event: str | None) -> list[dict]:
    """The rows the named event started first, then the others newest first: what makes this day's map differ."""
    return sorted(rows, key=lambda r: (r.get("event") != event, _negated_day(r.get("start"))))


def _negated_day(start: Any) -> int:
    return -dt.date.fromisoformat(str(start)).toordinal() if start else 0


def _event_keys(engine: Any, event_id: str | None) -> list[str]:
    """An event's own sources: the clause it is drawn from, then the others primary first."""
    if event_id not in engine.events:
        return []
    ev = engine.events[event_id]
    keys = [ev.clause.source] if ev.clause is not None and ev.clause.source else []
    return keys + _primary_first(engine, [k for k in ev.sources if k not in keys])


def _primary_first(engine: Any, keys: list[str]) -> list[str]:
    """Keys in their order within each tier, primary sources first (app.citations.TIER_ORDER)."""
    sources = engine.timeline.sources
    return sorted(keys, key=lambda k: TIER_ORDER.get(sources[k].tier, 9) if k in sources else 9)


def source_keys(engine: Any, req: ExportRequest) -> list[str]:
    """The sources of what the map shows, those that make it differ first: the event the figure names (the
    clause it is drawn from first; whatever their tier), then the rows in force, those the event started first and
    the others newest first, primary sources before scholarship, seed documents and web pages last; or, for an
    event's map, the event's own and those of the rows it provides."""
    keys: list[str] = []

    def add(rows: list[dict]) -> None:
        found = [k for row in rows for k in row.get("sources") or []]
        keys.extend(k for k in dict.fromkeys(_primary_first(engine, found)) if k not in keys)

    if req.mode == "event" and req.event:
        keys += _event_keys(engine, req.event)
        provided = engine.event_map(req.event)["provides"]
        add([r for group in ("territories", "regimes", "lines") for rows in provided.get(group, {}).values()
             for r in rows])
        return keys
    event = subject(engine, req, paint.frame_for(engine, req))[0]
    own = _event_keys(engine, event)  # stay first whatever their tier: 9 events have only a seed or web source
    add(_by_relevance(drawn_rows(engine, req), event))
    keys = [k for k in keys if k not in own]
    seeds = {k for k in keys if k in engine.timeline.sources and engine.timeline.sources[k].tier in ("seed", "web")}
    return own + [k for k in keys if k not in seeds] + [k for k in keys if k in seeds]


def disagreements(engine: Any, req: ExportRequest, limit: int = 2) -> list[str]:
    """The recorded disagreements bearing on what the map draws, as their questions: on a date, only those about
    rows the figure's view draws or about the event it names, the named event's first, then by the newest row."""
    found = getattr(engine, "disagreements_for", None)
    if found is None:
        return []
    sides = [req, req.side_b()] if req.view == "compare" else [req]
    out: list[str] = []
    for side in sides:
        if side.mode == "event" and side.event:
            out += [d["question"] for d in found(event=side.event, lang=side.lang) if d["question"] not in out]
            continue
        event = subject(engine, side, paint.frame_for(engine, side))[0]
        drawn = {r["id"]: r for r in drawn_rows(engine, side)}
        ranked = []
        for d in found(date=shown_date(engine, side).isoformat(), lang=side.lang):
            about = engine.timeline.disagreements[d["id"]].about
            rows = [drawn[r.uid] for r in engine._disagreement_rows(about) if r.uid in drawn]
            if about.event != event and not rows:
                continue
            ranked.append(((about.event != event, min(_negated_day(r.get("start")) for r in rows) if rows else 0),
                           d["question"]))
        out += [q for _rank, q in sorted(ranked, key=lambda x: x[0]) if q not in out]
    return out[:limit]


def _in_force(row: dict, day: str) -> bool:
    start, end = row.get("start"), row.get("end")
    return (not start or str(start) <= day) and (not end or day < str(end))


def short_citations(engine: Any, keys: list[str], lang: str) -> list[str]:
    """The readable short form of each source in the order given, each once and whole: a semicolon inside a
    locator ("Art. II; document header") becomes a comma, so a list joined by semicolons splits no citation."""
    out: list[str] = []
    for key in keys:
        if key not in engine.timeline.sources:
            continue
        short = cite(engine, key, lang).short.replace("; ", ", ").replace("；", "、")
        if short and short not in out:
            out.append(short)
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
        sub = t("Right: {title}, {subtitle}", title=title_b, subtitle=sub_b)
        keys += [k for k in source_keys(engine, side_b) if k not in keys]
    cites = short_citations(engine, keys, req.lang)
    shown = cites[:max_sources]
    sources = t("; ").join(shown) if shown else t("none in force")
    if len(cites) > len(shown):
        sources += t("; ") + t("and {count} more in the dataset (statuses.csv)", count=len(cites) - len(shown))
    first = t("{title}. {subtitle}. Sources: {sources}.", title=title, subtitle=sub, sources=sources)
    questions = disagreements(engine, req, max_disagreements)
    if questions:
        first += " " + t("Sources disagree: {questions}", questions=" ".join(questions))
    second = t("{projection} {attribution}. Sakhalin–Kurils atlas {version}, data {data}, licence {licence}.",
               projection=projection_note, attribution=ATTRIBUTION, version=f"v{app.__version__}",
               data=dataset_label(engine), licence=data_licence(engine))
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
