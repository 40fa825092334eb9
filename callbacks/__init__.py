"""Callbacks of the map page, registered on the app (never the global dash.callback).

Date changes are clientside only (assets/map_paint.js recolours the drawn map); the server answers the URL
state, the clause panel and the territory story.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from dash import ALL, ClientsideFunction, Dash, Input, Output, State, ctx, html, no_update

from app import figures, ids, styles
from app import url_state as us
from app.citations import cite
from app.export.ui import register_export_callbacks
from app.i18n import LANGUAGES, format_date_for, gettext_for, language_from_search, localised, localised_span
from app.narration import tour_lengths
from app.terms import date_label, kind_label, outcome_label

# The date reaches the server only once it settles (assets/map_paint.js sets ids.SETTLED 350 ms after
# the last change, and sends it again until the URL holds it): a server callback on the slider's value
# would delay every clientside repaint by ~20 ms.
CONTROLS = [(ids.SLIDER, "value"), (ids.MODE, "value"), (ids.POV, "value"), (ids.DIFF, "value"),
            (ids.EVENT_PICK, "value"), (ids.UNIT, "data"), (ids.NAMES, "value")]


# The classroom views' state (callbacks/classroom.py): view, tour and step, compare side B.
CONTROLS += [(ids.VIEW, "data"), (ids.TOUR, "data"), (ids.STEP, "data"), (ids.CMP_DATE2, "value"),
             (ids.CMP_POV2, "value"), (ids.CMP_EVENT2, "value")]


def _day_ok(day: Any) -> bool:
    return isinstance(day, (int, float)) and 0 <= day <= us.MAX_DAY


def state_from_controls(day: int | None, mode: str | None, pov: str | None, diff: list | None,
                        event: str | None, unit: str | None, names: str | None, view: str | None = None,
                        tour: str | None = None, step: int | None = None, day2: int | None = None,
                        pov2: str | None = None, event2: str | None = None) -> us.UrlState:
    date = us.from_day_index(day) if _day_ok(day) else us.DEFAULT_DATE
    return us.UrlState(date=date, mode=mode if mode in us.MODES else "date",
                       pov=pov if pov in us.POVS else "de_facto", diff=bool(diff), event=event or None,
                       unit=unit or None, names=names if names in us.NAMES else "both",
                       view=view if view in us.VIEWS else "map", tour=tour if isinstance(tour, str) else None,
                       step=step if isinstance(step, int) and not isinstance(step, bool) and step >= 1 else 1,
                       date2=us.from_day_index(day2) if _day_ok(day2) else us.DEFAULT_DATE2,
                       pov2=pov2 if pov2 in us.POVS else "de_facto",
                       event2=event2 if isinstance(event2, str) and event2 else None)


def controls_from_state(state: us.UrlState) -> list:
    return [us.day_index(state.date), state.mode, state.pov, ["1"] if state.diff else [], state.event,
            state.unit, state.names, state.view, state.tour, state.step, us.day_index(state.date2), state.pov2,
            state.event2]


def _source_block(engine: Any, key: str, lang: str = "en") -> html.Li:
    """A source as quotation (only when read verbatim) and its full citation (app/citations.py)."""
    if key not in engine.timeline.sources:
        return html.Li(key)
    c = cite(engine, key, lang)
    parts: list = []
    if c.quote is not None:
        parts.append(html.Blockquote(c.quote["original"], lang=c.quote["lang"]))
        if c.quote["lang"] != "en" and c.quote["en"]:
            parts.append(html.Blockquote(c.quote["en"], lang="en", className="translation"))
    parts.append(html.Cite(c.full, className="citation"))
    return html.Li(parts, className="source")


def _other_names(names: Any, lang: str) -> list:
    """The names of a four-language item in the languages other than `lang` (en/ja/ru), as spans."""
    spans: list = []
    for code in ("en", "ja", "ru"):
        text = getattr(names, code, None)
        if code == lang or not text:
            continue
        if spans:
            spans.append(" · ")
        spans.append(html.Span(text, lang=code))
    return spans


def clause_panel(engine: Any, event_id: str | None, lang: str = "en") -> list:
    t = gettext_for(lang)
    if not isinstance(event_id, str) or event_id not in engine.events:
        return [html.P(t("Choose a treaty, agreement or proposal to see what it provides."))]
    ev = engine.events[event_id]
    dates = t(", ").join(t("{what} {date}", what=date_label(k, lang), date=format_date_for(v, lang))
                         for k, v in ev.dates.items() if v)
    out: list = [html.H2(localised_span(ev.title, lang)),
                 html.P(_other_names(ev.title, lang), className="names-line"),
                 html.P(t("{kind} — {dates}", kind=kind_label(ev.kind, lang), dates=dates),
                        className="event-dates")]
    if ev.summary and ev.summary.en:
        out.append(html.P(localised_span(ev.summary, lang)))
    if ev.outcome is not None:
        became = ""
        if ev.outcome.became in engine.events:
            became = " → " + localised(engine.events[ev.outcome.became].title, lang)[0]
        out.append(html.P([t("Outcome: {status}", status=outcome_label(ev.outcome.status, lang)) + became + ". ",
                           html.Span(ev.outcome.note, lang="en") if ev.outcome.note else ""],
                          className="outcome"))
        out.append(html.P(t("The map shows what would have been, had it taken effect."), className="hint"))
    if ev.clause is not None:
        out.append(html.H3(t("Clause {locator}", locator=ev.clause.locator or "").strip()))
        out.append(html.Blockquote(ev.clause.text, className="clause-text"))
        out.append(html.Ul([_source_block(engine, ev.clause.source, lang)], className="sources"))
    else:
        out.append(html.Ul([_source_block(engine, k, lang) for k in ev.sources], className="sources"))
    return out


def _rows_for_chart(history: dict) -> list[dict]:
    rows = []
    for s in history["statuses"]:
        rows.append({"role": s["role"], "actor": s["actor"], "asserted_by": s["asserted_by"],
                     "start": dt.date.fromisoformat(s["start"]),
                     "end": dt.date.fromisoformat(s["end"]) if s["end"] else None, "event": s["event"]})
    return rows


def _target_name(engine: Any, target: str, lang: str) -> str:
    reg = engine.registry
    for table in ("territory_units", "features", "straits", "zones", "lines"):
        item = getattr(reg, table, {}).get(target)
        if item is not None:
            return localised(item.names, lang)[0]
    return target


def unit_panel(engine: Any, unit: str, day: dt.date, pov: str, lang: str = "en") -> list:
    t = gettext_for(lang)
    sep = t(", ")
    names = engine.registry.territory_units[unit].names
    state = engine.state(day.isoformat(), pov)
    terr = state["territories"][unit]
    groups = {a.id: a.group for a in engine.timeline.actors.values()}
    actor_name = lambda a: localised(engine.timeline.actors[a].names, lang)[0]  # noqa: E731
    when = format_date_for(day, lang)
    view = t(styles.POV_LABELS.get(pov, pov))
    summary_bits = []
    if terr.get("controlled_by"):
        summary_bits.append(t("Controlled by {actor} ({kind})", actor=actor_name(terr["controlled_by"]),
                              kind=figures.role_label(terr.get("control_kind") or "", lang)))
    if terr.get("sovereign"):
        sov = terr["sovereign"]
        who = t("undetermined") if sov == "undetermined" else actor_name(sov)
        summary_bits.append(t("sovereign in {view}: {actor}", view=view, actor=who))
    if terr.get("claimed_by"):
        summary_bits.append(t("claimed by {actors}", actors=sep.join(actor_name(a) for a in terr["claimed_by"])))
    items = []
    for s in terr["statuses"]:
        actor = actor_name(s["actor"]) if s["actor"] else "—"
        colour = styles.GROUP_COLOURS.get(styles.group_of(s["actor"], groups), styles.GROUP_COLOURS["other"])
        ev = engine.events.get(s["event"])
        views = sep.join(figures.view_label(a, lang) for a in s["asserted_by"])
        items.append(html.Li([
            html.Div([html.Span(className="chip", style={"background": colour}),
                      html.Strong(t("{actor}: {role}", actor=actor, role=figures.role_label(s["role"], lang))),
                      html.Span(t(" — target {target}, {start} → {end}; view: {views}; by {event}",
                                  target=_target_name(engine, s["target"], lang),
                                  start=format_date_for(s["start"], lang),
                                  end=format_date_for(s["end"], lang) if s["end"] else t("after 1956"),
                                  views=views,
                                  event=localised(ev.title, lang)[0] if ev else s["event"]))]),
            html.Ul([_source_block(engine, k, lang) for k in s["sources"]], className="sources"),
        ], className="status"))
    return [
        html.H2(localised_span(names, lang)),
        html.P([html.Span(names.ja, lang="ja"), " · ", html.Span(names.ru, lang="ru"), " · ",
                html.Span(names.zh, lang="zh-Hans"), " · ", html.Span(names.en, lang="en")],
               className="names-line"),
        html.P(t("On {date}: {summary}.", date=when,
                 summary=t("; ").join(summary_bits) or t("no status recorded")),
               className="unit-summary"),
        html.H3(t("In force on {date} ({view})", date=when, view=view)),
        html.Ul(items or [html.Li(t("No status in force."))], className="statuses"),
    ]


def register_callbacks(app: Dash, engine: Any) -> None:
    register_export_callbacks(app, engine)
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
        Output(ids.URL, "search"), Output(ids.NOTICE, "children"), Output(ids.AUTOPLAY, "data"),
        Input(ids.URL, "search"), Input(ids.SETTLED, "data"), *[Input(i, p) for i, p in CONTROLS[1:]],
        State(ids.SLIDER, "value"),
        prevent_initial_call="initial_duplicate",
    )
    def sync_url(search, _settled, *values):
        search = search if isinstance(search, str) else ""
        *rest, day = values  # CONTROLS[1:] in order, then the slider's day
        current = [day, *rest]
        current[3] = current[3] or []  # diff
        fired = [t["prop_id"] for t in ctx.triggered]
        if ctx.triggered_id is None or f"{ids.URL}.search" in fired or "." in fired:
            state = us.parse(search, event_ids, unit_ids, tour_lengths())
            wanted = controls_from_state(state)
            out = [w if w != c else no_update for w, c in zip(wanted, current, strict=True)]
            lang = language_from_search(search)  # notices in the interface language (app/url_state.py)
            notice = [html.Span(us.notice_text(n, lang)) for n in state.notices] or None
            return [*out, no_update, notice, state.play or no_update]
        state = state_from_controls(*current)
        state = us.UrlState(**{**state.__dict__, "lang": language_from_search(search)})  # lang: app/i18n.py
        if state.mode == "event" and not state.event:
            state = us.UrlState(**{**state.__dict__, "mode": "date", "notices": ()})
        text = us.serialise(state)
        return [no_update] * len(CONTROLS) + [text if text != search else no_update, no_update, no_update]

    @app.callback(
        Output(ids.MODE_DATE_BOX, "style"), Output(ids.MODE_EVENT_BOX, "style"), Output(ids.MAP_CAPTION, "children"),
        Output(ids.CLAUSE, "children"), Output(ids.CLAUSE, "style"),
        Input(ids.MODE, "value"), Input(ids.POV, "value"), Input(ids.EVENT_PICK, "value"), Input(ids.DIFF, "value"),
        State(ids.LANG_STORE, "data"),
    )
    def mode_view(mode, pov, event, diff, lang="en"):
        t = gettext_for(lang)
        hidden, shown = {"display": "none"}, {}
        if mode == "event":
            if isinstance(event, str) and event in engine.events:
                caption = t("Treaty or proposal: what {title} provides",
                            title=localised(engine.events[event].title, lang)[0])
            else:
                caption = t("Treaty or proposal: no event chosen")
            return hidden, shown, caption, clause_panel(engine, event, lang), shown
        pov = pov if isinstance(pov, str) and pov in styles.POV_LABELS else "de_facto"
        caption = t("On this date — {view}", view=t(styles.POV_LABELS[pov]))
        if diff:
            caption += t(" — where the points of view disagree (others faded)")
        return shown, hidden, caption, [], hidden

    @app.callback(
        Output(ids.PREV_EVENT, "children"), Output(ids.NEXT_EVENT, "children"),
        Input(ids.TOUR, "data"), State(ids.LANG_STORE, "data"),
    )
    def step_labels(tour, lang="en"):
        """In a guided tour the previous/next buttons move between the tour's steps: say so."""
        t = gettext_for(lang if isinstance(lang, str) else "en")
        if isinstance(tour, str) and tour in tour_lengths():
            return t("◀ Previous step"), t("Next step ▶")
        return t("◀ Previous event"), t("Next event ▶")

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
            if not isinstance(loc, str):
                return no_update
            unit = engine.unit_of.get(loc)
            return unit if unit in unit_ids else no_update
        index = trigger.get("index") if isinstance(trigger, dict) else None
        if isinstance(index, str) and index in unit_ids:
            if not ctx.triggered[0]["value"]:
                return no_update
            return trigger["index"]
        return no_update

    @app.callback(
        Output(ids.PANEL_BODY, "children"), Output(ids.PANEL_CHART, "figure"), Output(ids.PANEL_CHART, "style"),
        Output(ids.PANEL, "style"),
        Input(ids.UNIT, "data"), Input(ids.SETTLED, "data"), Input(ids.POV, "value"), State(ids.SLIDER, "value"),
        State(ids.LANG_STORE, "data"),
    )
    def story(unit, _settled, pov, day, lang="en"):
        lang = lang if isinstance(lang, str) and lang in LANGUAGES else "en"
        if not isinstance(unit, str) or unit not in unit_ids:
            prompt = gettext_for(lang)("Choose a territory above (or click it on the map) to read its story.")
            return [html.P(prompt)], \
                no_update, {"display": "none"}, {}
        date = us.from_day_index(day) if _day_ok(day) else us.DEFAULT_DATE
        pov = pov if isinstance(pov, str) and pov in us.POVS else "de_facto"
        chart = figures.with_date_line(timeline_chart(unit, lang), date)
        return unit_panel(engine, unit, date, pov, lang), chart, {}, {}

    @functools.lru_cache(maxsize=len(unit_ids) * len(LANGUAGES))
    def timeline_chart(unit: str, lang: str) -> dict:
        """A unit's timeline chart without the date line: the same for every date and point of view, and most
        of the story callback's time when built per request (plotly validates every bar)."""
        rows = _rows_for_chart(engine.history(unit))
        for row in rows:  # the chart's hover names the event by its title
            if row["event"] in engine.events:
                row["event"] = localised(engine.events[row["event"]].title, lang)[0]
        return figures.unit_timeline_figure(rows, None, groups, lang=lang).to_plotly_json()

    from callbacks.classroom import register_classroom

    register_classroom(app, engine)  # presentation, tour, compare, table, help, embed
