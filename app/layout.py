"""The map page: controls, the map, the always-visible legend, the territory story and the stores.

Everything the browser needs for instant date changes is shipped once here (the paint table and the event
paints in dcc.Store); callbacks/ only wires it up.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dash import dcc, html

from app import figures, ids, presentation, styles
from app.cartography.paint_table import initial_paint
from app.export.ui import export_panel
from app.i18n import (
    HTML_LANG,
    LANGUAGE_NAMES,
    LANGUAGES,
    _,
    format_date_for,
    gettext_for,
    localised,
)
from app.terms import kind_label
from app.url_state import DEFAULT_DATE, MAX_DAY, day_index

PERIODS = [
    (dt.date(1855, 1, 1), _("Before 1905")),
    (dt.date(1905, 1, 1), _("1905–1917: Portsmouth and after")),
    (dt.date(1917, 11, 1), _("1917–1925: Revolution, intervention, Basic Convention")),
    (dt.date(1925, 6, 1), _("1925–1945: Between the wars")),
    (dt.date(1945, 1, 1), _("1945: Yalta, Soviet entry, surrender")),
    (dt.date(1946, 1, 1), _("1946–1950: Occupation and annexation")),
    (dt.date(1951, 1, 1), _("1951: San Francisco")),
    (dt.date(1952, 1, 1), _("1952–1956: Towards the Joint Declaration")),
]


def load_layers_fc() -> dict:
    """The GeoJSON FeatureCollection of every layer (territory, context, strait, line, zone, label)."""
    from app.layers import load_layers

    return load_layers("interactive").collection


def period_of(day: dt.date) -> str:
    label = PERIODS[0][1]
    for start, name in PERIODS:
        if day >= start:
            label = name
    return label


def event_options(engine: Any, lang: str = "en") -> list[dict]:
    """Dropdown options grouped by period: a disabled header before each period's events."""
    t = gettext_for(lang)
    options: list[dict] = []
    current = None
    for ev in engine.event_list():
        day = dt.date.fromisoformat(ev["sort_date"])
        period = period_of(day)
        if period != current:
            options.append({"label": f"── {t(period)} ──", "value": f"__period__{period}", "disabled": True})
            current = period
        kind = kind_label(ev["kind"], lang)
        when = ev["sort_date"] if lang == "en" else format_date_for(ev["sort_date"], lang)
        title = localised(ev["title"], lang)[0]
        option = {"label": t("{date} · {title} ({kind})", date=when, title=title, kind=kind), "value": ev["id"]}
        if lang != "en" and ev["title"].get("en"):
            # the English title is searchable in every language; all four titles made the dropdowns'
            # search index (built in the browser on page load) cost ~100 ms of the cold load
            option["search"] = ev["title"]["en"]
        options.append(option)
    return options


def slider_marks(table: dict) -> dict:
    marks: dict = {}
    for m in table["marks"]:
        marks[m["day"]] = {"label": "", "style": {"display": "none"}}
    for year in range(1905, 1957, 5):
        marks[day_index(dt.date(year, 1, 1))] = {"label": str(year), "style": {"fontSize": "15px"}}
    return marks


def _radio(id_: str, options: list[tuple[str, str]], value: str, label: str) -> html.Fieldset:
    return html.Fieldset([
        html.Legend(label),
        dcc.RadioItems(id=id_, options=[{"label": text, "value": val} for val, text in options], value=value,
                       inline=True, className="radio"),
    ], className="control")


def unit_button_text(names: Any, lang: str = "en") -> str:
    """A unit's button: its name in the interface language, then the Japanese and Russian names."""
    first = localised(names, lang)[0]
    rest = [n for n in (names.ja, names.ru) if n and n != first]
    return " · ".join([first, *rest])


def language_switch(lang: str) -> html.Fieldset:
    """The interface language (kept in the URL as lang=; changing it reloads the page in that language)."""
    t = gettext_for(lang)
    return html.Fieldset([
        html.Legend(t("Language")),
        dcc.RadioItems(id=ids.LANG, options=[
            {"label": html.Span(LANGUAGE_NAMES[code], lang=HTML_LANG[code]), "value": code}
            for code in LANGUAGES], value=lang, inline=True, className="radio lang-switch"),
    ], className="control lang-control")


def build_layout(engine: Any, lang: str = "en") -> html.Div:
    from app.cartography.paint_table import build_table

    t = gettext_for(lang)
    layers_fc = load_layers_fc()
    built = build_table(engine, layers_fc, lang=lang)
    table, events = built["table"], built["events"]
    presentation.declutter_labels(table)
    day = day_index(DEFAULT_DATE)
    fig = figures.map_figure(layers_fc, table, initial_paint(table, day))
    units = list(engine.units)
    unit_names = {u: engine.registry.territory_units[u].names for u in units}

    options = event_options(engine, lang)
    marks = slider_marks(table)
    return html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        *presentation.stores(engine),
        dcc.Store(id=ids.PAINT_STORE, data=table),
        dcc.Store(id=ids.EVENT_STORE, data=events),
        dcc.Store(id=ids.UNIT, data=None),
        dcc.Store(id=ids.LANG_STORE, data=lang),
        html.Div(id=ids.JS_READY, hidden=True),
        dcc.Store(id=ids.SETTLED, data=None),
        dcc.Interval(id=ids.TICKER, interval=250, disabled=True),
        html.Header([
            html.H1(t("Sakhalin and the Kurils, 1905–1956")),
            html.P(t("Who held, who claimed and what each treaty or proposal provided — with a source for "
                     "every status."), className="subtitle"),
            language_switch(lang),
        ]),
        presentation.nav(lang),
        presentation.embed_bar(lang),
        presentation.present_bar(lang),
        html.Div(id=ids.NOTICE, role="status", className="notice", **{"aria-live": "polite"}),
        html.Section([
            html.Div([
                html.Div(id=ids.DATE_BIG, className="date-big", **{"aria-live": "polite"}),
                html.Div(id=ids.EVENT_IN_FORCE, className="event-in-force"),
            ], className="date-line"),
            html.Div([
                html.Button(t("◀ Previous event"), id=ids.PREV_EVENT, className="btn"),
                html.Button(t("▶ Play"), id=ids.PLAY, className="btn btn-play"),
                html.Button(t("Next event ▶"), id=ids.NEXT_EVENT, className="btn"),
                html.Label([
                    t("Speed") + " ",
                    dcc.Dropdown(id=ids.SPEED, options=[
                        {"label": t("1 week / step"), "value": 7}, {"label": t("1 month / step"), "value": 30},
                        {"label": t("3 months / step"), "value": 91}, {"label": t("1 year / step"), "value": 365},
                    ], value=30, clearable=False, searchable=False, className="speed"),
                ], className="speed-label"),
                html.Span(t("Keys: ←/→ event · Shift+←/→ month · Home/End · Space play"), className="keys-hint"),
            ], className="time-buttons"),
            html.Div(dcc.Slider(id=ids.SLIDER, min=0, max=MAX_DAY, step=1, value=day, marks=marks,
                                updatemode="drag", allow_direct_input=False, included=False,
                                tooltip={"always_visible": False}),
                     className="slider-box", title=t("Date (1905-01-01 … 1956-12-31)")),
        ], className="time-panel", **{"aria-label": t("Date")}),
        html.Section([
            _radio(ids.MODE, [("date", t("On this date")), ("event", t("Treaty or proposal"))], "date", t("Mode")),
            html.Div([
                _radio(ids.POV, [(p, t(styles.POV_LABELS[p])) for p in ("de_facto", "japan", "russia", "usa")],
                       "de_facto", t("Point of view")),
                dcc.Checklist(id=ids.DIFF, options=[{"label": t("Where they disagree"), "value": "1"}], value=[],
                              className="diff"),
            ], id=ids.MODE_DATE_BOX, className="mode-box"),
            html.Div([
                html.Label(t("Treaty, agreement or proposal"), htmlFor=ids.EVENT_PICK),
                dcc.Dropdown(id=ids.EVENT_PICK, options=event_options(engine, lang), value=None, searchable=True,
                             placeholder=t("Search events…"), className="event-pick"),
            ], id=ids.MODE_EVENT_BOX, className="mode-box", style={"display": "none"}),
            _radio(ids.NAMES, [("ja", t("Japanese names")), ("ru", t("Russian names")), ("both", t("Both"))],
                   "both", t("Place names")),
        ], className="controls"),
        html.Main([
            html.Div([
                html.Div(id=ids.MAP_CAPTION, className="map-caption"),
                # responsive: Plotly redraws only when this box changes size (window resize, view change)
                dcc.Graph(id=ids.MAP, figure=fig, config=figures.GRAPH_CONFIG, className="map",
                          clear_on_unhover=True, responsive=True, style={"height": "var(--map-height)"}),
                html.Div(id=ids.CLAUSE, className="clause", role="region", **{"aria-label": t("Clause text")}),
                export_panel(lang),
            ], className="map-col"),
            presentation.present_caption(lang),
            presentation.compact_legend(lang),
            html.Aside(figures.legend(lang), id=ids.LEGEND, className="legend-col",
                       **{"aria-label": t("Legend")}),
        ], className="main"),
        presentation.compare_section(engine, options, marks, lang),
        presentation.table_section(lang),
        presentation.help_section(lang),
        html.Section([
            html.H2(t("A territory's story")),
            html.Div([
                html.Button(unit_button_text(unit_names[u], lang),
                            id={"type": ids.UNIT_BUTTON, "index": u}, className="unit-btn")
                for u in units
            ], id=ids.UNIT_BUTTONS, className="unit-buttons", role="group",
                **{"aria-label": t("Choose a territory")}),
            html.Div([
                html.Button(t("Close ✕"), id=ids.CLOSE_PANEL, className="btn close"),
                html.Div(id=ids.PANEL_BODY),
                dcc.Graph(id=ids.PANEL_CHART, config={"displaylogo": False, "showSendToCloud": False},
                          style={"display": "none"}),
            ], id=ids.PANEL, className="panel", role="region", **{"aria-label": t("Territory story")}),
        ], className="story"),
    ], id=ids.PAGE, className="page view-map")
