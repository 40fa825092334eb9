"""Details: Why · Place · Key · Table · Sources. A side panel at ≥ 1200 px, a drawer at 768–1199 px and a
bottom sheet (peek / half / full) on phones; each tab scrolls inside itself (assets/map.css). Tabs switch in
the browser (assets/frame.js; the open tab is part of the map state, app/mapstate.py): no server round trip, no
Dash component per tab state."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from app import figures, ids
from app.i18n import _, gettext_for, localised
from app.mapstate import TABS

TAB_LABELS = {"why": _("Why"), "place": _("Place"), "key": _("Key"), "table": _("Table"), "sources": _("Sources")}


def unit_button_text(names: Any, lang: str = "en") -> str:
    """A unit's button: its name in the interface language (its other names are in its story)."""
    return localised(names, lang)[0]


def create_tab_list(lang: str) -> html.Div:
    t = gettext_for(lang)
    return html.Div([
        html.Button(t(label), id=f"{ids.DETAILS_TAB}-{tab}", className="tab", role="tab",
                    **{"aria-selected": "true" if tab == "why" else "false", "aria-controls": f"tab-{tab}",
                       "data-tab": tab, "tabIndex": "0" if tab == "why" else "-1"})
        for tab, label in ((tab, TAB_LABELS[tab]) for tab in TABS)
    ], className="tab-list", role="tablist", **{"aria-label": t("Details")})


def create_why(lang: str, extra: Any = None) -> html.Section:
    """The event or document behind the colours (its clause and citation); in Compare, what changed."""
    t = gettext_for(lang)
    return html.Section([html.Div(id=ids.CLAUSE, className="clause"), *([extra] if extra is not None else [])],
                        id="tab-why", className="tab-panel", role="tabpanel", tabIndex="0",
                        **{"aria-label": t("Why")})


def create_place(engine: Any, lang: str) -> html.Section:
    t = gettext_for(lang)
    units = list(engine.units)
    return html.Section([
        html.Div([
            html.Button(unit_button_text(engine.registry.territory_units[u].names, lang),
                        id={"type": ids.UNIT_BUTTON, "index": u}, className="unit-btn")
            for u in units
        ], id=ids.UNIT_BUTTONS, className="unit-buttons", role="group", **{"aria-label": t("Choose a territory")}),
        html.Div([
            html.Button(t("Close ✕"), id=ids.CLOSE_PANEL, className="btn close"),
            html.Div(id=ids.PANEL_BODY),
            dcc.Graph(id=ids.PANEL_CHART, config={"displaylogo": False, "showSendToCloud": False,
                                                  "displayModeBar": False},
                      style={"display": "none"}),
        ], id=ids.PANEL, className="panel", role="region", **{"aria-label": t("Territory story")}),
    ], id="tab-place", className="tab-panel", role="tabpanel", tabIndex="-1", hidden=True,
        **{"aria-label": t("Place")})


def create_key(lang: str) -> html.Section:
    t = gettext_for(lang)
    return html.Section([
        html.H2(t("Key · in use now")),
        html.Div(id=ids.KEY_IN_USE, className="key-in-use"),   # drawn by assets/classroom.js from the paint
        html.Details([html.Summary(t("Every symbol the map can show")),
                      html.Div(figures.legend(lang), id=ids.LEGEND, className="legend-col")],
                     className="legend-all"),
    ], id="tab-key", className="tab-panel", role="tabpanel", tabIndex="-1", hidden=True,
        **{"aria-label": t("Key")})


def create_table(lang: str) -> html.Section:
    t = gettext_for(lang)
    return html.Section([
        html.Div([
            html.P(t("The same state as the map, in words: it follows the date, the point of view and the mode."),
                   className="hint"),
            html.Button(t("Download this table (CSV)"), id=ids.TABLE_CSV, className="btn"),
            dcc.Download(id=ids.TABLE_DOWNLOAD),
            dcc.Store(id=ids.TABLE_DATA),
            html.Div(id=ids.TABLE_BODY, className="table-wrap"),   # drawn by assets/classroom.js (skclass.table)
        ], id=ids.TABLE, className="table-section"),
    ], id="tab-table", className="tab-panel", role="tabpanel", tabIndex="-1", hidden=True,
        **{"aria-label": t("Table")})


def create_sources(lang: str) -> html.Section:
    t = gettext_for(lang)
    return html.Section([
        html.H2(t("Sources of what the map shows")),
        html.Div(id=ids.SOURCES_LIST, className="sources-list"),   # drawn by assets/classroom.js from the table
    ], id="tab-sources", className="tab-panel", role="tabpanel", tabIndex="-1", hidden=True,
        **{"aria-label": t("Sources")})


def create_details(engine: Any, lang: str, extra_why: Any = None) -> html.Aside:
    t = gettext_for(lang)
    return html.Aside([
        html.Div([
            html.Button(html.Span(className="handle-bar"), id=ids.SHEET_HANDLE, className="sheet-handle",
                        title=t("Details"), **{"aria-label": t("Details"), "aria-expanded": "false"}),
            create_tab_list(lang),
            html.Button("✕", id=ids.DETAILS_CLOSE, className="icon-btn details-close", title=t("Close"),
                        **{"aria-label": t("Close")}),
        ], className="details-head"),
        html.Div([create_why(lang, extra_why), create_place(engine, lang), create_key(lang), create_table(lang),
                  create_sources(lang)], className="tab-panels"),
    ], id=ids.DETAILS, className="details", role="region", **{"aria-label": t("Details"), "data-tab": "why",
                                                                   "data-sheet": "peek"})
