"""The frame: every region of the map page in one grid that fits the screen (assets/map.css), the stores the
browser needs once, and the dialogs. The page's class `view-<name>` switches the views (assets/classroom.js)."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from app import ids, narration
from app.i18n import gettext_for, localised
from app.page.app_bar import create_app_bar
from app.page.compare import create_changes, create_compare
from app.page.details import create_details
from app.page.dialogs import create_keys_dialog, create_share_dialog
from app.page.download import create_download_dialog
from app.page.embed import create_embed_bar
from app.page.help import create_help
from app.page.map_header import create_map_header
from app.page.present import create_present_bar, create_present_caption, create_present_legend
from app.page.time_bar import create_time_bar, event_kinds
from app.terms import date_label, kind_label


def doc_store(engine: Any, lang: str) -> dict:
    """Per event, what the treaty-mode headline shows: its title and its dates in words."""
    t = gettext_for(lang)
    from app.i18n import format_date_for

    out = {}
    for ev in engine.event_list():
        dates = [t("{what} {date}", what=date_label(k, lang), date=format_date_for(v, lang))
                 for k, v in (ev.get("dates") or {}).items() if v]
        out[ev["id"]] = {"title": localised(ev["title"], lang)[0], "kind": kind_label(ev["kind"], lang),
                         "dates": " · ".join(dates)}
    out["i18n"] = {"noDoc": t("Choose a treaty, agreement or proposal"), "copied": t("Copied"),
                   "keyChip": t("Key · {n}"),
                   "disagree": t("The points of view disagree here"),
                   "outside": t("{value} is outside {first} … {last}; the map stays on {shown}.")}
    return out


def stores(engine: Any, table: dict, events: dict, lang: str) -> list:
    return [
        dcc.Store(id=ids.VIEW, data="map"),
        dcc.Store(id=ids.TOUR, data=None),
        dcc.Store(id=ids.STEP, data=1),
        dcc.Store(id=ids.TOUR_STORE, data=narration.tour_store(engine)),
        dcc.Store(id=ids.AUTOPLAY, data=None),
        dcc.Store(id=ids.PAINT_STORE, data=table),
        dcc.Store(id=ids.EVENT_STORE, data=events),
        dcc.Store(id=ids.DOC_STORE, data=doc_store(engine, lang)),
        dcc.Store(id=ids.UNIT, data=None),
        dcc.Store(id=ids.LANG_STORE, data=lang),
        html.Div(id=ids.JS_READY, hidden=True),
        dcc.Store(id=ids.SETTLED, data=None),
        dcc.Interval(id=ids.TICKER, interval=250, disabled=True),
    ]


def create_map_area(figure: Any, lang: str) -> html.Main:
    from app import figures

    t = gettext_for(lang)
    return html.Main([
        html.Div(id=ids.MAP_CAPTION, className="sr-only", **{"aria-live": "polite"}),
        # responsive: Plotly redraws only when this box changes size (window resize, view change)
        dcc.Graph(id=ids.MAP, figure=figure, config=figures.GRAPH_CONFIG, className="map", clear_on_unhover=True,
                  responsive=True, style={"height": "100%"}),
        html.Button(id=ids.KEY_CHIP, className="key-chip", title=t("Key"), **{"aria-controls": ids.DETAILS}),
    ], className="map-area", **{"aria-label": t("Map")})


def create_frame(engine: Any, lang: str, table: dict, events: dict, figure: Any, day: int,
                 event_options: list[dict]) -> html.Div:
    return html.Div([
        *stores(engine, table, events, lang),
        create_app_bar(lang),
        create_embed_bar(lang),
        html.Div(id=ids.NOTICE, role="status", className="notice", **{"aria-live": "polite"}),
        create_present_bar(lang),
        create_map_header(lang),
        create_map_area(figure, lang),
        create_compare(engine, event_options, lang),
        create_time_bar(lang, day, table["marks"], event_kinds(engine), event_options),
        create_details(engine, lang, extra_why=create_changes(lang)),
        create_present_caption(lang),
        create_present_legend(lang),
        create_help(lang),
        create_share_dialog(lang),
        create_download_dialog(lang),
        create_keys_dialog(lang),
    ], id=ids.PAGE, className="page view-map")
