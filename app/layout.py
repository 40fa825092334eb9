"""The map page: the paint table and the first figure, handed to the frame (app/page/frame.py).

Everything the browser needs for instant date changes is shipped once here (the paint table and the event
paints in dcc.Store); callbacks/ only wires it up.
"""

from __future__ import annotations

from typing import Any

from dash import html

from app import figures
from app.cartography.paint_table import add_page_cartography, build_table
from app.cartography.resolve import resolve
from app.i18n import format_date_for, gettext_for, localised
from app.mapstate import DEFAULT_DATE, MapState, day_index, from_day_index
from app.terms import kind_label


def load_layers_fc() -> dict:
    """The GeoJSON FeatureCollection of every layer (territory, context, strait, line, zone, label)."""
    from app.layers import load_layers

    return load_layers("interactive").collection


def _places_of(engine: Any, event_id: str, lang: str) -> list[str]:
    """The names of the places an event provides for (so that searching "Habomai" finds the Joint Declaration)."""
    try:
        provided = engine.event_map(event_id)["provides"]
    except (KeyError, ValueError):
        return []
    reg = engine.registry
    names: list[str] = []
    for group in provided.values():
        for place in group:
            item = (reg.territory_units.get(place) or reg.features.get(place) or reg.straits.get(place)
                    or reg.zones.get(place) or reg.lines.get(place))
            if item is None:
                continue
            for text in {localised(item.names, "en")[0], localised(item.names, lang)[0]}:
                if text and text not in names:
                    names.append(text)
    return names


def event_options(engine: Any, lang: str = "en") -> list[dict]:
    """The event picker's options, in date order. No period headers: the dropdown's Enter takes the first match,
    disabled or not, so a header matching "Yalta" was chosen (trial T3). Each option is also found by its English
    title, the places it provides for and its year."""
    t = gettext_for(lang)
    options: list[dict] = []
    for ev in engine.event_list():
        kind = kind_label(ev["kind"], lang)
        when = format_date_for(ev["sort_date"], lang)
        title = localised(ev["title"], lang)[0]
        search = [ev["title"].get("en") or "", *_places_of(engine, ev["id"], lang), ev["sort_date"][:4]]
        options.append({"label": t("{date} · {title} ({kind})", date=when, title=title, kind=kind),
                        "value": ev["id"], "search": " ".join(s for s in search if s)})
    return options


def page_map(engine: Any, lang: str = "en", day: int | None = None) -> tuple[dict, dict, Any]:
    """The page's paint table (with its cartography), the event paints and the map figure painted for `day`:
    what the page ships once, and what a one-file lesson carries (app/lessons/onefile.py)."""
    layers_fc = load_layers_fc()
    built = build_table(engine, layers_fc, lang=lang)
    table, events = built["table"], built["events"]
    add_page_cartography(table, lang)
    day = day_index(DEFAULT_DATE) if day is None else day
    frame = resolve(table, MapState(date=from_day_index(day), lang=lang), events)
    return table, events, figures.map_figure(layers_fc, table, frame)


def build_layout(engine: Any, lang: str = "en") -> html.Div:
    from app.page.frame import create_frame

    day = day_index(DEFAULT_DATE)
    table, events, fig = page_map(engine, lang, day)
    return create_frame(engine, lang, table, events, fig, day, event_options(engine, lang))


__all__ = ["build_layout", "event_options", "load_layers_fc", "page_map"]


