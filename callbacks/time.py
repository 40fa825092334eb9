"""The time region: the clientside painter (assets/map_paint.js: the date, the mode, the point of view, ◀ ▶ and
play), the treaty-mode headline, and from the server the Why panel, the map's caption for screen readers and what
◀ ▶ step through."""

from __future__ import annotations

from typing import Any

from dash import ClientsideFunction, Dash, Input, Output, State, html, no_update

from app import ids, mapstate
from app.i18n import format_date_for, gettext_for, localised
from app.narration import tour_lengths
from app.page.why import clause_panel
from app.pov_label import pov_label
from callbacks.settled import SettledPart


def register_time(app: Dash, engine: Any) -> SettledPart:
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
    app.clientside_callback(
        ClientsideFunction("skframe", "docHeadline"),
        Output(ids.DOC_HEADLINE, "children"), Input(ids.MODE, "value"), Input(ids.EVENT_PICK, "value"),
        Input(ids.JS_READY, "children"), State(ids.DOC_STORE, "data"),
    )

    @app.callback(
        Output(ids.MODE_DATE_BOX, "style"), Output(ids.MODE_EVENT_BOX, "style"), Output(ids.MAP_CAPTION, "children"),
        Output(ids.CLAUSE, "children"),
        Input(ids.MODE, "value"), Input(ids.POV, "value"), Input(ids.EVENT_PICK, "value"), Input(ids.DIFF, "value"),
        State(ids.SLIDER, "value"), State(ids.LANG_STORE, "data"),
    )
    def mode_view(mode, pov, event, diff, day, lang="en"):
        """The time bar's box for the mode, the map's caption for screen readers, and the Why tab: the document
        shown (treaty mode) or the event in force on the date shown."""
        state = mapstate.from_controls(date=day, mode=mode, pov=pov, diff=diff, event=event, lang=lang)
        event = event if isinstance(event, str) else None
        t = gettext_for(state.lang)
        hidden, shown = {"display": "none"}, {}
        if mode == "event":
            if event in engine.events:
                caption = t("Treaty or proposal: what {title} provides",
                            title=localised(engine.events[event].title, state.lang)[0])
            else:
                caption = t("Treaty or proposal: no event chosen")
            return hidden, shown, caption, clause_panel(engine, event, state.lang)
        caption = t("On this date — {view}", view=pov_label(engine, state.pov, state.date, state.lang))
        if state.diff:
            caption += t(" — where the points of view disagree (others faded)")
        current = engine.state(state.date.isoformat(), "de_facto").get("current_event")
        why = [html.P(t("The latest event on {date}:", date=format_date_for(state.date, state.lang)),
                      className="why-when")]
        why += clause_panel(engine, current, state.lang, shown_as_document=False) if current else \
            [html.P(t("Before the first event"))]
        return shown, hidden, caption, why

    def on_settled(c: dict) -> tuple:
        """A new day changes the Why tab, and the caption only with the view's government; in treaty mode neither."""
        if c["mode"] == "event":
            return no_update, no_update
        _shown, _hidden, caption, why = mode_view(c["mode"], c["pov"], c["event"], c["diff"], c["day"], c["lang"])
        return no_update if caption == c["caption"] else caption, why

    @app.callback(
        Output(ids.PREV_EVENT, "title"), Output(ids.NEXT_EVENT, "title"),
        Output(ids.PREV_EVENT, "aria-label"), Output(ids.NEXT_EVENT, "aria-label"),
        Input(ids.TOUR, "data"), Input(ids.MODE, "value"), State(ids.LANG_STORE, "data"),
    )
    def step_labels(tour, mode, lang="en"):
        """The ◀ ▶ buttons say what they step through: tour steps, documents (treaty mode) or changes."""
        t = gettext_for(mapstate.from_controls(lang=lang).lang)
        if isinstance(tour, str) and tour in tour_lengths():
            prev, nxt = t("Previous step"), t("Next step")
        elif mode == "event":
            prev, nxt = t("Previous document"), t("Next document")
        else:
            prev, nxt = t("Previous change"), t("Next change")
        return f"{prev} (←)", f"{nxt} (→)", prev, nxt

    return SettledPart([Output(ids.MAP_CAPTION, "children", allow_duplicate=True),
                        Output(ids.CLAUSE, "children", allow_duplicate=True)], on_settled)
