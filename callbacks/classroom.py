"""Callbacks of the classroom views: view switching, presentation and guided tour, compare, text table, help, embed.

Registered from callbacks/__init__.py with `app.callback` / `app.clientside_callback` (never the global
dash.callback). The URL state of these views (view, tour, step, date2, pov2, event2, play) is read and written by
the page's one URL callback (callbacks/__init__.py sync_url). Instant things run in the browser
(assets/classroom.js: page class, tour steps, compare painting, keys, autoplay); the server answers text:
narration, the compare changes, the table and its CSV, the help content.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dash import ALL, ClientsideFunction, Dash, Input, Output, State, dcc, html, no_update

from app import compare, ids, narration, styles, table
from app import mapstate as us
from app.help import help_content
from app.i18n import LANGUAGES, gettext_for, localised_span, normalise_lang
from app.page.cite import cite_dicts
from app.page.present import present_caption

PRESENT = "present"


def _date_of(day: Any) -> dt.date:
    ok = isinstance(day, (int, float)) and not isinstance(day, bool) and 0 <= day <= us.MAX_DAY
    return us.from_day_index(day) if ok else us.DEFAULT_DATE


def _str(value: Any) -> str | None:
    """A callback input that should be a string id: anything else (list, dict, number…) counts as none."""
    return value if isinstance(value, str) else None


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


def register_classroom(app: Dash, engine: Any) -> None:
    steps = {lang: {name: narration.tour_steps(engine, name, lang) for name in narration.TOURS}
             for lang in LANGUAGES}

    # --- views: page class, nav buttons, tour start, exit ---------------------------------------------------
    app.clientside_callback(
        ClientsideFunction("skclass", "view"),
        Output(ids.PAGE, "className"), Input(ids.VIEW, "data"), Input(ids.TOUR, "data"),
    )
    app.clientside_callback(
        ClientsideFunction("skclass", "nav"),
        Output(ids.VIEW, "data", allow_duplicate=True), Output(ids.TOUR, "data", allow_duplicate=True),
        Output(ids.STEP, "data", allow_duplicate=True),
        Input({"type": ids.VIEW_BUTTON, "index": ALL}, "n_clicks"), Input(ids.TOUR_START, "n_clicks"),
        Input(ids.EXIT_VIEW, "n_clicks"), State(ids.STEP, "data"),
        prevent_initial_call=True,
    )
    # --- tour: a step sets the date, the mode and the event --------------------------------------------------
    app.clientside_callback(
        ClientsideFunction("skclass", "tourGo"),
        Output(ids.SLIDER, "value", allow_duplicate=True), Output(ids.MODE, "value", allow_duplicate=True),
        Output(ids.EVENT_PICK, "value", allow_duplicate=True),
        Input(ids.STEP, "data"), Input(ids.TOUR, "data"), State(ids.TOUR_STORE, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("skclass", "autoplay"),
        Output(ids.TICKER, "disabled", allow_duplicate=True), Output(ids.PLAY, "children", allow_duplicate=True),
        Input(ids.AUTOPLAY, "data"), State(ids.TOUR_STORE, "data"), prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("skclass", "embedLinks"),
        Output(ids.EMBED_LINK, "href"), Output(ids.EMBED_CODE, "children"), Input(ids.URL, "search"),
        State(ids.TOUR_STORE, "data"),
    )

    @app.callback(
        Output(ids.PRESENT_CAPTION, "children"), Output(ids.PRESENT_STEP, "children"),
        Input(ids.VIEW, "data"), Input(ids.TOUR, "data"), Input(ids.STEP, "data"), Input(ids.SETTLED, "data"),
        Input(ids.MODE, "value"), Input(ids.EVENT_PICK, "value"), Input(ids.POV, "value"), State(ids.SLIDER, "value"),
        State(ids.LANG_STORE, "data"),
    )
    def present(view, tour, step, _settled, mode, event, pov, day, lang="en"):
        view, tour, mode, event, pov = _str(view), _str(tour), _str(mode), _str(event), _str(pov)
        pov = pov if pov in us.POVS else "de_facto"
        lang = normalise_lang(lang)
        t = gettext_for(lang)
        step = step if isinstance(step, int) and not isinstance(step, bool) else 1
        if view not in (PRESENT, "embed"):
            return no_update, no_update
        tours = steps[lang]
        if tour in tours:
            n = step if isinstance(step, int) and 1 <= step <= len(tours[tour]) else 1
            s = tours[tour][n - 1]
            label = t("Step {n} of {total} · {tour}", n=n, total=len(tours[tour]),
                      tour=narration.tour_title(tour, lang))
            return present_caption(engine, s.event, s.date, pov, s.mode, lang), label
        if mode == "event" and event in engine.events:
            return present_caption(engine, event, _date_of(day), pov, "event", lang), ""
        shown = _date_of(day)
        current = engine.state(shown.isoformat(), "de_facto").get("current_event")
        return present_caption(engine, current, shown, pov, "date", lang), ""

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
        Input(ids.VIEW, "data"), Input(ids.SETTLED, "data"), Input(ids.CMP_DATE2, "value"), Input(ids.MODE, "value"),
        Input(ids.POV, "value"), Input(ids.CMP_POV2, "value"), Input(ids.EVENT_PICK, "value"),
        Input(ids.CMP_EVENT2, "value"), State(ids.SLIDER, "value"), State(ids.LANG_STORE, "data"),
    )
    def compare_view(view, _settled, day2, mode, pov, pov2, event, event2, day, lang="en"):
        lang = normalise_lang(lang)
        view, mode, pov, pov2, event, event2 = map(_str, (view, mode, pov, pov2, event, event2))
        if view != "compare":
            return no_update, no_update, no_update, no_update, no_update
        mode = mode if mode in us.MODES else "date"
        a = compare.Side(mode, _date_of(day).isoformat(), pov if pov in us.POVS else "de_facto", event)
        b = compare.Side(mode, _date_of(day2).isoformat(), pov2 if pov2 in us.POVS else "de_facto", event2)
        hidden, shown = {"display": "none"}, {}
        event_mode = mode == "event"
        return (changes_view(engine, a, b, lang), "A: " + compare.title(engine, a, lang),
                "B: " + compare.title(engine, b, lang),
                shown if event_mode else hidden, hidden if event_mode else shown)

    # --- text table and CSV ---------------------------------------------------------------------------------
    @app.callback(
        Output(ids.TABLE_DATA, "data"),
        Input(ids.SETTLED, "data"), Input(ids.MODE, "value"), Input(ids.POV, "value"), Input(ids.EVENT_PICK, "value"),
        Input(ids.VIEW, "data"), State(ids.SLIDER, "value"), State(ids.LANG_STORE, "data"),
    )
    def text_table(_settled, mode, pov, event, view, day, lang="en"):
        mode, pov, event, view = map(_str, (mode, pov, event, view))
        if view in (PRESENT, "embed", "help"):
            return no_update
        return table_model(engine, mode if mode in us.MODES else "date", _date_of(day).isoformat(),
                          pov if pov in us.POVS else "de_facto", event, normalise_lang(lang))

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
        mode, pov, event = map(_str, (mode, pov, event))
        mode = mode if mode in us.MODES else "date"
        pov = pov if pov in us.POVS else "de_facto"
        date = _date_of(day).isoformat()
        rows = table.rows_for(engine, mode, date, pov, event)
        name = f"sakhalin_kurils_{event}.csv" if mode == "event" and event in engine.events else \
            f"sakhalin_kurils_{date}_{pov}.csv"
        return dcc.send_string(table.to_csv(engine, rows), name, type="text/csv")

    # --- help -----------------------------------------------------------------------------------------------
    @app.callback(Output(ids.HELP_BODY, "children"), Input(ids.VIEW, "data"), State(ids.LANG_STORE, "data"))
    def help_body(view, lang="en"):
        if _str(view) != "help":
            return no_update
        return help_content(engine, normalise_lang(lang))
