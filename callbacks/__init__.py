"""Callbacks of the map page, registered on the app (never the global dash.callback).

Date changes are clientside only (assets/map_paint.js recolours the drawn map); the server answers the URL
state, the clause panel and the territory story.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dash import ALL, ClientsideFunction, Dash, Input, Output, State, ctx, html, no_update

from app import figures, ids, styles
from app import url_state as us

# The date reaches the server only once it settles (assets/map_paint.js sets ids.SETTLED 350 ms after the
# last change): a server callback on the slider's value would delay every clientside repaint by ~20 ms.
CONTROLS = [(ids.SLIDER, "value"), (ids.MODE, "value"), (ids.POV, "value"), (ids.DIFF, "value"),
            (ids.EVENT_PICK, "value"), (ids.UNIT, "data"), (ids.NAMES, "value")]


def state_from_controls(day: int | None, mode: str | None, pov: str | None, diff: list | None,
                        event: str | None, unit: str | None, names: str | None) -> us.UrlState:
    date = us.from_day_index(day) if isinstance(day, (int, float)) and 0 <= day <= us.MAX_DAY else us.DEFAULT_DATE
    return us.UrlState(date=date, mode=mode if mode in us.MODES else "date",
                       pov=pov if pov in us.POVS else "de_facto", diff=bool(diff), event=event or None,
                       unit=unit or None, names=names if names in us.NAMES else "both")


def controls_from_state(state: us.UrlState) -> list:
    return [us.day_index(state.date), state.mode, state.pov, ["1"] if state.diff else [], state.event,
            state.unit, state.names]


def _source_block(engine: Any, key: str) -> html.Li:
    src = engine.timeline.sources.get(key)
    if src is None:
        return html.Li(key)
    parts: list = []
    if src.quote is not None:
        quote = src.quote.original
        parts.append(html.Blockquote(quote, lang=src.quote.lang))
        if src.quote.lang != "en" and src.quote.en:
            parts.append(html.Blockquote(src.quote.en, lang="en", className="translation"))
    cite = src.citation + (f", {src.locator}" if src.locator else "")
    parts.append(html.Cite(cite, className="citation"))
    return html.Li(parts, className="source")


def clause_panel(engine: Any, event_id: str | None) -> list:
    if not event_id or event_id not in engine.events:
        return [html.P("Choose a treaty, agreement or proposal to see what it provides.")]
    ev = engine.events[event_id]
    dates = ", ".join(f"{k.replace('_', ' ')} {v.isoformat()}" for k, v in ev.dates.items() if v)
    out: list = [html.H2(ev.title.en), html.P(f"{ev.title.ja} · {ev.title.ru}", className="names-line"),
                 html.P(f"{ev.kind.replace('_', ' ')} — {dates}", className="event-dates")]
    if ev.summary and ev.summary.en:
        out.append(html.P(ev.summary.en))
    if ev.outcome is not None:
        became = f" → {engine.events[ev.outcome.became].title.en}" if ev.outcome.became in engine.events else ""
        out.append(html.P(f"Outcome: {ev.outcome.status.replace('_', ' ')}{became}. "
                          f"{ev.outcome.note or ''}", className="outcome"))
        out.append(html.P("The map shows what would have been, had it taken effect.", className="hint"))
    if ev.clause is not None:
        out.append(html.H3(f"Clause {ev.clause.locator or ''}".strip()))
        out.append(html.Blockquote(ev.clause.text, className="clause-text"))
        out.append(html.Ul([_source_block(engine, ev.clause.source)], className="sources"))
    else:
        out.append(html.Ul([_source_block(engine, k) for k in ev.sources], className="sources"))
    return out


def _rows_for_chart(history: dict) -> list[dict]:
    rows = []
    for s in history["statuses"]:
        rows.append({"role": s["role"], "actor": s["actor"], "asserted_by": s["asserted_by"],
                     "start": dt.date.fromisoformat(s["start"]),
                     "end": dt.date.fromisoformat(s["end"]) if s["end"] else None, "event": s["event"]})
    return rows


def unit_panel(engine: Any, unit: str, day: dt.date, pov: str) -> list:
    names = engine.registry.territory_units[unit].names
    state = engine.state(day.isoformat(), pov)
    terr = state["territories"][unit]
    groups = {a.id: a.group for a in engine.timeline.actors.values()}
    summary_bits = []
    if terr.get("controlled_by"):
        summary_bits.append(f"Controlled by {engine.timeline.actors[terr['controlled_by']].names.en} "
                            f"({(terr.get('control_kind') or '').replace('_', ' ')})")
    if terr.get("sovereign"):
        sov = terr["sovereign"]
        who = "undetermined" if sov == "undetermined" else engine.timeline.actors[sov].names.en
        summary_bits.append(f"sovereign in {styles.POV_LABELS.get(pov, pov)}: {who}")
    if terr.get("claimed_by"):
        summary_bits.append("claimed by " + ", ".join(engine.timeline.actors[a].names.en for a in terr["claimed_by"]))
    items = []
    for s in terr["statuses"]:
        actor = engine.timeline.actors[s["actor"]].names.en if s["actor"] else "—"
        colour = styles.GROUP_COLOURS.get(styles.group_of(s["actor"], groups), styles.GROUP_COLOURS["other"])
        ev = engine.events.get(s["event"])
        views = ", ".join(figures.VIEW_LABELS.get(a, a) for a in s["asserted_by"])
        items.append(html.Li([
            html.Div([html.Span(className="chip", style={"background": colour}),
                      html.Strong(f"{actor}: {s['role'].replace('_', ' ')}"),
                      html.Span(f" — target {s['target']}, {s['start']} → {s['end'] or 'after 1956'}; "
                                f"view: {views}; by {ev.title.en if ev else s['event']}")]),
            html.Ul([_source_block(engine, k) for k in s["sources"]], className="sources"),
        ], className="status"))
    return [
        html.H2(f"{names.en}"),
        html.P([html.Span(names.ja, lang="ja"), " · ", html.Span(names.ru, lang="ru"), " · ",
                html.Span(names.zh, lang="zh")], className="names-line"),
        html.P(f"On {day.isoformat()}: " + ("; ".join(summary_bits) or "no status recorded") + ".",
               className="unit-summary"),
        html.H3(f"In force on {day.isoformat()} ({styles.POV_LABELS.get(pov, pov)})"),
        html.Ul(items or [html.Li("No status in force.")], className="statuses"),
    ]


def register_callbacks(app: Dash, engine: Any) -> None:
    event_ids = set(engine.events)
    unit_ids = set(engine.units)
    groups = {a.id: a.group for a in engine.timeline.actors.values()}

    app.clientside_callback(
        ClientsideFunction("skmap", "load"),
        Output(ids.JS_READY, "children"), Input(ids.PAINT_STORE, "data"), State(ids.EVENT_STORE, "data"),
    )
    app.clientside_callback(
        ClientsideFunction("skmap", "paint"),
        Output(ids.DATE_BIG, "children"), Output(ids.EVENT_IN_FORCE, "children"),
        Input(ids.SLIDER, "value"), Input(ids.MODE, "value"), Input(ids.POV, "value"), Input(ids.DIFF, "value"),
        Input(ids.EVENT_PICK, "value"), Input(ids.NAMES, "value"), Input(ids.JS_READY, "children"),
    )
    app.clientside_callback(
        ClientsideFunction("skmap", "step"),
        Output(ids.SLIDER, "value", allow_duplicate=True),
        Input(ids.PREV_EVENT, "n_clicks"), Input(ids.NEXT_EVENT, "n_clicks"),
        State(ids.SLIDER, "value"), prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("skmap", "toggle"),
        Output(ids.TICKER, "disabled"), Output(ids.PLAY, "children"),
        Input(ids.PLAY, "n_clicks"), State(ids.TICKER, "disabled"), prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("skmap", "tick"),
        Output(ids.SLIDER, "value", allow_duplicate=True), Output(ids.TICKER, "disabled", allow_duplicate=True),
        Output(ids.PLAY, "children", allow_duplicate=True),
        Input(ids.TICKER, "n_intervals"), State(ids.SLIDER, "value"), State(ids.SPEED, "value"),
        State(ids.TICKER, "disabled"), prevent_initial_call=True,
    )

    @app.callback(
        *[Output(i, p, allow_duplicate=(i == ids.SLIDER or i == ids.UNIT)) for i, p in CONTROLS],
        Output(ids.URL, "search"), Output(ids.NOTICE, "children"),
        Input(ids.URL, "search"), Input(ids.SETTLED, "data"), *[Input(i, p) for i, p in CONTROLS[1:]],
        State(ids.SLIDER, "value"),
        prevent_initial_call="initial_duplicate",
    )
    def sync_url(search, _settled, mode, pov, diff, event, unit, names, day):
        fired = [t["prop_id"] for t in ctx.triggered]
        if ctx.triggered_id is None or f"{ids.URL}.search" in fired or "." in fired:
            state = us.parse(search, event_ids, unit_ids)
            wanted = controls_from_state(state)
            current = [day, mode, pov, diff or [], event, unit, names]
            out = [w if w != c else no_update for w, c in zip(wanted, current)]
            notice = [html.Span(n) for n in state.notices] if state.notices else None
            return [*out, no_update, notice]
        state = state_from_controls(day, mode, pov, diff, event, unit, names)
        if state.mode == "event" and not state.event:
            state = us.UrlState(**{**state.__dict__, "mode": "date", "notices": ()})
        text = us.serialise(state)
        return [no_update] * len(CONTROLS) + [text if text != search else no_update, no_update]

    @app.callback(
        Output(ids.MODE_DATE_BOX, "style"), Output(ids.MODE_EVENT_BOX, "style"), Output(ids.MAP_CAPTION, "children"),
        Output(ids.CLAUSE, "children"), Output(ids.CLAUSE, "style"),
        Input(ids.MODE, "value"), Input(ids.POV, "value"), Input(ids.EVENT_PICK, "value"), Input(ids.DIFF, "value"),
    )
    def mode_view(mode, pov, event, diff):
        hidden, shown = {"display": "none"}, {}
        if mode == "event":
            title = engine.events[event].title.en if event in engine.events else "no event chosen"
            caption = f"Treaty or proposal: what {title} provides"
            return hidden, shown, caption, clause_panel(engine, event), shown
        caption = f"On this date — {styles.POV_LABELS.get(pov, pov)}"
        if diff:
            caption += " — where the points of view disagree (others faded)"
        return shown, hidden, caption, [], hidden

    @app.callback(
        Output(ids.UNIT, "data", allow_duplicate=True),
        Input({"type": ids.UNIT_BUTTON, "index": ALL}, "n_clicks"), Input(ids.MAP, "clickData"),
        Input(ids.CLOSE_PANEL, "n_clicks"), prevent_initial_call=True,
    )
    def select_unit(_clicks, click_data, _close):
        trigger = ctx.triggered_id
        if trigger == ids.CLOSE_PANEL:
            return None
        if trigger == ids.MAP:
            try:
                loc = click_data["points"][0]["location"]
            except (TypeError, KeyError, IndexError):
                return no_update
            unit = engine.unit_of.get(loc)
            return unit if unit in unit_ids else no_update
        if isinstance(trigger, dict) and trigger.get("index") in unit_ids:
            if not ctx.triggered[0]["value"]:
                return no_update
            return trigger["index"]
        return no_update

    @app.callback(
        Output(ids.PANEL_BODY, "children"), Output(ids.PANEL_CHART, "figure"), Output(ids.PANEL_CHART, "style"),
        Output(ids.PANEL, "style"),
        Input(ids.UNIT, "data"), Input(ids.SETTLED, "data"), Input(ids.POV, "value"), State(ids.SLIDER, "value"),
    )
    def story(unit, _settled, pov, day):
        if not unit or unit not in unit_ids:
            return [html.P("Choose a territory above (or click it on the map) to read its story.")], \
                no_update, {"display": "none"}, {}
        date = us.from_day_index(day if isinstance(day, int) else us.day_index(us.DEFAULT_DATE))
        pov = pov if pov in us.POVS else "de_facto"
        chart = figures.unit_timeline_figure(_rows_for_chart(engine.history(unit)), date, groups)
        return unit_panel(engine, unit, date, pov), chart, {}, {}
