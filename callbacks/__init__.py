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
from app import mapstate as us
from app.export.ui import register_export_callbacks
from app.i18n import LANGUAGES, format_date_for, gettext_for, language_from_search, localised
from app.narration import tour_lengths
from app.page.share import qr_data_uri
from app.page.story import unit_story
from app.page.why import clause_panel
from app.pov_label import pov_label

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
                        pov2: str | None = None, event2: str | None = None) -> us.MapState:
    date = us.from_day_index(day) if _day_ok(day) else us.DEFAULT_DATE
    return us.MapState(date=date, mode=mode if mode in us.MODES else "date",
                       pov=pov if pov in us.POVS else "de_facto", diff=bool(diff), event=event or None,
                       unit=unit or None, names=names if names in us.NAMES else "local",
                       view=view if view in us.VIEWS else "map", tour=tour if isinstance(tour, str) else None,
                       step=step if isinstance(step, int) and not isinstance(step, bool) and step >= 1 else 1,
                       date2=us.from_day_index(day2) if _day_ok(day2) else us.DEFAULT_DATE2,
                       pov2=pov2 if pov2 in us.POVS else "de_facto",
                       event2=event2 if isinstance(event2, str) and event2 else None)


def controls_from_state(state: us.MapState) -> list:
    return [us.day_index(state.date), state.mode, state.pov, ["1"] if state.diff else [], state.event,
            state.unit, state.names, state.view, state.tour, state.step, us.day_index(state.date2), state.pov2,
            state.event2]


def _rows_for_chart(history: dict) -> list[dict]:
    rows = []
    for s in history["statuses"]:
        rows.append({"role": s["role"], "actor": s["actor"], "asserted_by": s["asserted_by"],
                     "start": dt.date.fromisoformat(s["start"]),
                     "end": dt.date.fromisoformat(s["end"]) if s["end"] else None, "event": s["event"]})
    return rows


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
            lang = language_from_search(search)  # notices in the interface language (app/mapstate.py)
            notice = [html.Span(us.notice_text(n, lang)) for n in state.notices] or None
            return [*out, no_update, notice, state.play or no_update]
        state = state_from_controls(*current)
        state = us.MapState(**{**state.__dict__, "lang": language_from_search(search)})  # lang: app/i18n.py
        if state.mode == "event" and not state.event:
            state = us.MapState(**{**state.__dict__, "mode": "date", "notices": ()})
        text = us.serialise(state)
        return [no_update] * len(CONTROLS) + [text if text != search else no_update, no_update, no_update]

    @app.callback(
        Output(ids.MODE_DATE_BOX, "style"), Output(ids.MODE_EVENT_BOX, "style"), Output(ids.MAP_CAPTION, "children"),
        Output(ids.CLAUSE, "children"),
        Input(ids.MODE, "value"), Input(ids.POV, "value"), Input(ids.EVENT_PICK, "value"), Input(ids.DIFF, "value"),
        Input(ids.SETTLED, "data"), State(ids.SLIDER, "value"), State(ids.LANG_STORE, "data"),
    )
    def mode_view(mode, pov, event, diff, _settled, day, lang="en"):
        """The time bar's box for the mode, the map's caption for screen readers, and the Why tab: the document
        shown (treaty mode) or the event in force on the date shown."""
        lang = lang if isinstance(lang, str) and lang in LANGUAGES else "en"
        t = gettext_for(lang)
        hidden, shown = {"display": "none"}, {}
        if mode == "event":
            if isinstance(event, str) and event in engine.events:
                caption = t("Treaty or proposal: what {title} provides",
                            title=localised(engine.events[event].title, lang)[0])
            else:
                caption = t("Treaty or proposal: no event chosen")
            return hidden, shown, caption, clause_panel(engine, event, lang)
        pov = pov if isinstance(pov, str) and pov in styles.POV_LABELS else "de_facto"
        date = us.from_day_index(day) if _day_ok(day) else us.DEFAULT_DATE
        caption = t("On this date — {view}", view=pov_label(engine, pov, date, lang))
        if diff:
            caption += t(" — where the points of view disagree (others faded)")
        current = engine.state(date.isoformat(), "de_facto").get("current_event")
        why = [html.P(t("The latest event on {date}:", date=format_date_for(date, lang)), className="why-when")]
        why += clause_panel(engine, current, lang, shown_as_document=False) if current else \
            [html.P(t("Before the first event"))]
        return shown, hidden, caption, why

    @app.callback(
        Output(ids.PREV_EVENT, "title"), Output(ids.NEXT_EVENT, "title"),
        Output(ids.PREV_EVENT, "aria-label"), Output(ids.NEXT_EVENT, "aria-label"),
        Input(ids.TOUR, "data"), Input(ids.MODE, "value"), State(ids.LANG_STORE, "data"),
    )
    def step_labels(tour, mode, lang="en"):
        """The ◀ ▶ buttons say what they step through: tour steps, documents (treaty mode) or changes."""
        t = gettext_for(lang if isinstance(lang, str) else "en")
        if isinstance(tour, str) and tour in tour_lengths():
            prev, nxt = t("Previous step"), t("Next step")
        elif mode == "event":
            prev, nxt = t("Previous document"), t("Next document")
        else:
            prev, nxt = t("Previous change"), t("Next change")
        return f"{prev} (←)", f"{nxt} (→)", prev, nxt

    app.clientside_callback(
        ClientsideFunction("skframe", "docHeadline"),
        Output(ids.DOC_HEADLINE, "children"), Input(ids.MODE, "value"), Input(ids.EVENT_PICK, "value"),
        Input(ids.JS_READY, "children"), State(ids.DOC_STORE, "data"),
    )
    app.clientside_callback(
        ClientsideFunction("skframe", "showPlace"),
        Output(ids.PANEL, "className"), Input(ids.UNIT, "data"),
    )

    @app.callback(
        Output(ids.SHARE_LINK, "children"), Output(ids.SHARE_QR, "src"),
        Input(ids.SHARE_OPEN, "n_clicks"), State(ids.URL, "href"), prevent_initial_call=True,
    )
    def share(_clicks, href):
        """The permalink of the view and its QR code (drawn here, offline: segno)."""
        if not isinstance(href, str) or not href.startswith(("http://", "https://")) or len(href) > 2000:
            return no_update, no_update
        return href, qr_data_uri(href)

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
                point = click_data["points"][0]
                # a territory carries its id as `location`; a small-island symbol or tap target as customdata
                loc = point.get("location") or point.get("customdata")
            except (TypeError, KeyError, IndexError, AttributeError):
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
            prompt = gettext_for(lang)("Choose a territory above, or tap it on the map, to read its story.")
            return [html.P(prompt)], \
                no_update, {"display": "none"}, {}
        date = us.from_day_index(day) if _day_ok(day) else us.DEFAULT_DATE
        pov = pov if isinstance(pov, str) and pov in us.POVS else "de_facto"
        chart = figures.with_date_line(timeline_chart(unit, lang), date)
        return unit_story(engine, unit, date, pov, lang), chart, {}, {}

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
