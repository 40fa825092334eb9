"""Callbacks of the classroom views: view switching, presentation and guided tour, compare, text table, help, embed.

Registered from callbacks/__init__.py with `app.callback` / `app.clientside_callback` (never the global
dash.callback). The state of these views (view, tour, step, date2, pov2, event2, play) is part of the map state
(app/mapstate.py): the browser holds it and writes the address (assets/mapstate.js). Instant things run in the
browser (assets/classroom.js: page class, tour steps, compare painting, autoplay, embed links); the server answers
text: narration, the compare changes, the table and its CSV (Help arrives as a fragment: app/page/fragments.py).
"""

from __future__ import annotations

from typing import Any

from dash import ALL, ClientsideFunction, Dash, Input, Output, State, dcc, html, no_update

from app import compare, ids, mapstate, narration, styles, table
from app.i18n import LANGUAGES, gettext_for, localised_span
from app.page.cite import cite_dicts
from app.page.present import present_caption, present_epilogue
from callbacks.settled import SettledPart

PRESENT = "present"


def table_model(engine: Any, mode: str, date: str, pov: str, event: str | None, lang: str = "en") -> dict:
    """The map as a table, as plain data: assets/classroom.js draws it (Dash components for every cell made
    each slider step on the page measurably slower, since Dash's store visits every component on each update).

    {"caption", "head": [column titles], "rows": [{"target", "cells": [text | {"sources": [keys]}]}]}; the first
    cell of a row is its header (the place).
    """
    t = gettext_for(lang)
    rows = table.rows_for(engine, mode, date, pov, event, lang)
    cols = table.COLUMNS
    head = [table.header(c, lang) if c != "sovereign" else
            t("Sovereign in {pov}", pov=t(styles.POV_LABELS.get(pov, pov))) for c in cols]
    if mode == "event" and event in engine.events:
        cols = ["place", "other_roles", "sources"]
        head = [table.header("place", lang), t("What it provides"), table.header("sources", lang)]
    return {"caption": table.caption_for(engine, mode, date, pov, event, lang), "head": head,
            "rows": [{"target": row["target"],
                      "cells": [{"cites": cite_dicts(engine, row["sources"], lang)} if c == "sources" else row[c]
                                for c in cols]}
                     for row in rows]}


def changes_view(engine: Any, a: compare.Side, b: compare.Side, lang: str = "en") -> list:
    t = gettext_for(lang)
    result = compare.changes(engine, a, b, lang)
    out: list = [html.H3(t("What changed — {what}", what=compare.what_is_compared(engine, a, b, lang)))]
    if not result["items"]:
        out.append(html.P(t("Nothing differs between A and B.")))
    else:
        out.append(html.Ul([
            html.Li([html.Strong(item["place"].split(" · ")[0]), f" — {item['header']}: ",
                     html.Span(["A: ", item["a"]], className="cmp-a-val"), " → ",
                     html.Span(["B: ", item["b"]], className="cmp-b-val")],
                    **{"data-target": item["target"], "data-column": item["column"]})
            for item in result["items"]], className="cmp-list"))
    if result["events"]:
        out.append(html.H4(t("Events between the two dates")))
        out.append(html.Ol([html.Li(localised_span(engine.events[e].title, lang)) for e in result["events"]
                            if e in engine.events],
                           className="cmp-events"))
    return out


def register_classroom(app: Dash, engine: Any) -> SettledPart:
    steps = {lang: {name: narration.tour_steps(engine, name, lang) for name in narration.TOURS}
             for lang in LANGUAGES}

    # --- views: page class, nav buttons, tour start, exit ---------------------------------------------------
    app.clientside_callback(
        ClientsideFunction("skclass", "view"),
        Output(ids.PAGE, "className"), Input(ids.VIEW, "data"), Input(ids.TOUR, "data"),
        State(ids.TOUR_STORE, "data"),
    )
    app.clientside_callback(
        ClientsideFunction("skclass", "nav"),
        Output(ids.VIEW, "data", allow_duplicate=True), Output(ids.TOUR, "data", allow_duplicate=True),
        Output(ids.STEP, "data", allow_duplicate=True),
        Input({"type": ids.VIEW_BUTTON, "index": ALL}, "n_clicks"), Input(ids.TOUR_START, "n_clicks"),
        Input(ids.EXIT_VIEW, "n_clicks"), State(ids.STEP, "data"),
        prevent_initial_call=True,
    )
    # --- tour: a step sets the date, the mode, the event and the point of view ----------------------------------
    app.clientside_callback(
        ClientsideFunction("skclass", "tourGo"),
        Output(ids.SLIDER, "value", allow_duplicate=True), Output(ids.MODE, "value", allow_duplicate=True),
        Output(ids.EVENT_PICK, "value", allow_duplicate=True), Output(ids.POV, "value", allow_duplicate=True),
        Input(ids.STEP, "data"), Input(ids.TOUR, "data"), State(ids.TOUR_STORE, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("skclass", "autoplay"),
        Output(ids.TICKER, "disabled", allow_duplicate=True), Output(ids.PLAY, "children", allow_duplicate=True),
        Input(ids.AUTOPLAY, "data"), State(ids.TOUR_STORE, "data"), prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.PRESENT_CAPTION, "children"), Output(ids.PRESENT_STEP, "children"),
        Input(ids.VIEW, "data"), Input(ids.TOUR, "data"), Input(ids.STEP, "data"), Input(ids.MODE, "value"),
        Input(ids.EVENT_PICK, "value"), Input(ids.POV, "value"), State(ids.SLIDER, "value"),
        State(ids.LANG_STORE, "data"),
    )
    def present(view, tour, step, mode, event, pov, day, lang="en"):
        state = mapstate.from_controls(view=view, tour=tour, step=step, mode=mode, event=event, pov=pov, date=day,
                                       lang=lang)
        t = gettext_for(state.lang)
        if state.view not in (PRESENT, "embed"):
            return no_update, no_update
        tours = steps[state.lang]
        if state.tour in tours:
            n = state.step if state.step <= len(tours[state.tour]) else 1
            s = tours[state.tour][n - 1]
            label = t("Step {n} of {total} · {tour}", n=n, total=len(tours[state.tour]),
                      tour=narration.tour_title(state.tour, state.lang))
            if s.epilogue:
                return present_epilogue(engine, s.date, state.lang), label
            return present_caption(engine, s.event, s.date, state.pov, s.mode, state.lang), label
        if state.mode == "event" and state.event in engine.events:
            return present_caption(engine, state.event, state.date, state.pov, "event", state.lang), ""
        current = engine.state(state.date.isoformat(), "de_facto").get("current_event")
        return present_caption(engine, current, state.date, state.pov, "date", state.lang), ""

    # --- compare --------------------------------------------------------------------------------------------
    app.clientside_callback(
        ClientsideFunction("skclass", "cmpFigures"),
        Output(ids.CMP_A, "figure"), Output(ids.CMP_B, "figure"),
        Input(ids.VIEW, "data"), State(ids.MAP, "figure"), State(ids.CMP_A, "figure"),
    )
    app.clientside_callback(
        ClientsideFunction("skclass", "cmpShow"),
        Output(ids.COMPARE, "className"), Input(ids.CMP_SHOW, "value"),
    )
    app.clientside_callback(
        ClientsideFunction("skclass", "cmpPaint"),
        Output(ids.CMP_PAINTED, "children"), Output(ids.CMP_DATE2_TEXT, "children"),
        Input(ids.VIEW, "data"), Input(ids.SLIDER, "value"), Input(ids.CMP_DATE2, "value"), Input(ids.MODE, "value"),
        Input(ids.POV, "value"), Input(ids.CMP_POV2, "value"), Input(ids.EVENT_PICK, "value"),
        Input(ids.CMP_EVENT2, "value"), Input(ids.NAMES, "value"), Input(ids.JS_READY, "children"),
        Input(ids.CMP_A, "figure"), Input(ids.CMP_SHOW, "value"),
    )

    @app.callback(
        Output(ids.CMP_CHANGES, "children"), Output(ids.CMP_A_TITLE, "children"), Output(ids.CMP_B_TITLE, "children"),
        Output(ids.CMP_EVENT2_BOX, "style"), Output(ids.CMP_DATE2_BOX, "style"),
        Input(ids.VIEW, "data"), Input(ids.CMP_DATE2, "value"), Input(ids.MODE, "value"), Input(ids.POV, "value"),
        Input(ids.CMP_POV2, "value"), Input(ids.EVENT_PICK, "value"), Input(ids.CMP_EVENT2, "value"),
        State(ids.SLIDER, "value"), State(ids.LANG_STORE, "data"),
    )
    def compare_view(view, day2, mode, pov, pov2, event, event2, day, lang="en"):
        state = mapstate.from_controls(view=view, date2=day2, pov=pov, pov2=pov2, event2=event2, date=day, lang=lang)
        if state.view != "compare":
            return no_update, no_update, no_update, no_update, no_update
        # treaty mode stays on while its document is being chosen: compare's side B box follows the switch
        mode = mode if mode in mapstate.MODES else "date"
        event = event if isinstance(event, str) else None
        a = compare.Side(mode, state.date.isoformat(), state.pov, event)
        b = compare.Side(mode, state.date2.isoformat(), state.pov2, state.event2)
        hidden, shown = {"display": "none"}, {}
        event_mode = mode == "event"
        return (changes_view(engine, a, b, state.lang), "A: " + compare.title(engine, a, state.lang),
                "B: " + compare.title(engine, b, state.lang),
                shown if event_mode else hidden, hidden if event_mode else shown)

    # --- text table and CSV ---------------------------------------------------------------------------------
    @app.callback(
        Output(ids.TABLE_DATA, "data"),
        Input(ids.MODE, "value"), Input(ids.POV, "value"), Input(ids.EVENT_PICK, "value"), Input(ids.VIEW, "data"),
        State(ids.SLIDER, "value"), State(ids.LANG_STORE, "data"),
    )
    def text_table(mode, pov, event, view, day, lang="en"):
        state = mapstate.from_controls(view=view, pov=pov, date=day, lang=lang)
        if state.view in (PRESENT, "embed", "help"):
            return no_update
        mode = mode if mode in mapstate.MODES else "date"
        event = event if isinstance(event, str) else None
        return table_model(engine, mode, state.date.isoformat(), state.pov, event, state.lang)

    def on_settled(c: dict) -> tuple:
        """A new day: the table always; Present's caption unless a tour step names it; Compare's changes and side
        A's title (side B has its own day). Views not shown answer nothing."""
        in_step = mapstate.from_controls(tour=c["tour"]).tour in steps["en"]
        caption = (no_update, no_update) if in_step else \
            present(c["view"], c["tour"], c["step"], c["mode"], c["event"], c["pov"], c["day"], c["lang"])
        changes, a_title, _b_title, _event2_box, _date2_box = compare_view(
            c["view"], c["date2"], c["mode"], c["pov"], c["pov2"], c["event"], c["event2"], c["day"], c["lang"])
        return (*caption, changes, a_title,
                text_table(c["mode"], c["pov"], c["event"], c["view"], c["day"], c["lang"]))

    app.clientside_callback(
        ClientsideFunction("skclass", "table"),
        Output(ids.TABLE_BODY, "className"), Input(ids.TABLE_DATA, "data"),
    )

    @app.callback(
        Output(ids.TABLE_DOWNLOAD, "data"),
        Input(ids.TABLE_CSV, "n_clicks"), State(ids.MODE, "value"), State(ids.POV, "value"),
        State(ids.EVENT_PICK, "value"), State(ids.SLIDER, "value"), prevent_initial_call=True,
    )
    def table_csv(_clicks, mode, pov, event, day):
        state = mapstate.from_controls(pov=pov, date=day)
        mode = mode if mode in mapstate.MODES else "date"
        event = event if isinstance(event, str) else None
        date = state.date.isoformat()
        rows = table.rows_for(engine, mode, date, state.pov, event)
        name = f"sakhalin_kurils_{event}.csv" if mode == "event" and event in engine.events else \
            f"sakhalin_kurils_{date}_{state.pov}.csv"
        return dcc.send_string(table.to_csv(engine, rows), name, type="text/csv")

    return SettledPart([Output(ids.PRESENT_CAPTION, "children", allow_duplicate=True),
                        Output(ids.PRESENT_STEP, "children", allow_duplicate=True),
                        Output(ids.CMP_CHANGES, "children", allow_duplicate=True),
                        Output(ids.CMP_A_TITLE, "children", allow_duplicate=True),
                        Output(ids.TABLE_DATA, "data", allow_duplicate=True)], on_settled)
