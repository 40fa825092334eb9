"""The place region: a territory chosen on the map or by its button, and its story and timeline chart in the details
panel's Place tab (assets/frame.js showPlace opens it)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from dash import ALL, ClientsideFunction, Dash, Input, Output, State, ctx, html, no_update

from app import figures, ids, mapstate
from app.i18n import LANGUAGES, gettext_for, localised
from app.page.story import unit_story
from callbacks.settled import SettledPart


def _rows_for_chart(history: dict) -> list[dict]:
    rows = []
    for s in history["statuses"]:
        rows.append({"role": s["role"], "actor": s["actor"], "asserted_by": s["asserted_by"],
                     "start": dt.date.fromisoformat(s["start"]),
                     "end": dt.date.fromisoformat(s["end"]) if s["end"] else None, "event": s["event"]})
    return rows


def unit_clicked(engine: Any, trigger: Any, click_data: Any, value: Any) -> str | None:
    """The territory a click chose (a map shape or symbol, or a territory button), else None."""
    if trigger == ids.MAP:
        try:
            point = click_data["points"][0]
            # a territory carries its id as `location`; a small-island symbol or tap target as customdata
            loc = point.get("location") or point.get("customdata")
        except (TypeError, KeyError, IndexError, AttributeError):
            return None
        unit = engine.unit_of.get(loc) if isinstance(loc, str) else None
        return unit if unit in engine.units else None
    index = trigger.get("index") if isinstance(trigger, dict) else None
    return index if isinstance(index, str) and index in engine.units and value else None


def register_place(app: Dash, engine: Any) -> SettledPart:
    groups = {a.id: a.group for a in engine.timeline.actors.values()}
    app.clientside_callback(
        ClientsideFunction("skframe", "showPlace"),
        Output(ids.PANEL, "className"), Input(ids.UNIT, "data"),
    )

    @app.callback(
        Output(ids.UNIT, "data", allow_duplicate=True),
        Input({"type": ids.UNIT_BUTTON, "index": ALL}, "n_clicks"), Input(ids.MAP, "clickData"),
        Input(ids.CLOSE_PANEL, "n_clicks"), prevent_initial_call=True,
    )
    def select_unit(_clicks, click_data, _close):
        if ctx.triggered_id == ids.CLOSE_PANEL:
            return None
        unit = unit_clicked(engine, ctx.triggered_id, click_data, ctx.triggered[0]["value"])
        return unit if unit is not None else no_update

    @app.callback(
        Output(ids.PANEL_BODY, "children"), Output(ids.PANEL_CHART, "figure"), Output(ids.PANEL_CHART, "style"),
        Output(ids.PANEL, "style"),
        Input(ids.UNIT, "data"), Input(ids.POV, "value"), State(ids.SLIDER, "value"), State(ids.LANG_STORE, "data"),
    )
    def story(unit, pov, day, lang="en"):
        state = mapstate.from_controls(unit=unit, date=day, pov=pov, lang=lang)
        if state.unit not in engine.units:
            prompt = gettext_for(state.lang)("Choose a territory above, or tap it on the map, to read its story.")
            return [html.P(prompt)], no_update, {"display": "none"}, {}
        chart = figures.with_date_line(timeline_chart(state.unit, state.lang), state.date)
        return unit_story(engine, state.unit, state.date, state.pov, state.lang), chart, {}, {}

    def on_settled(c: dict) -> tuple:
        """A chosen territory's story and chart's date line follow the day; the prompt without one never changes."""
        if mapstate.from_controls(unit=c["unit"]).unit not in engine.units:
            return no_update, no_update
        body, chart, _chart_style, _panel_style = story(c["unit"], c["pov"], c["day"], c["lang"])
        return body, chart

    @functools.lru_cache(maxsize=len(engine.units) * len(LANGUAGES))
    def timeline_chart(unit: str, lang: str) -> dict:
        """A unit's timeline chart without the date line: the same for every date and point of view, and most
        of the story callback's time when built per request (plotly validates every bar)."""
        rows = _rows_for_chart(engine.history(unit))
        for row in rows:  # the chart's hover names the event by its title
            if row["event"] in engine.events:
                row["event"] = localised(engine.events[row["event"]].title, lang)[0]
        return figures.unit_timeline_figure(rows, None, groups, lang=lang).to_plotly_json()

    return SettledPart([Output(ids.PANEL_BODY, "children", allow_duplicate=True),
                        Output(ids.PANEL_CHART, "figure", allow_duplicate=True)], on_settled)
