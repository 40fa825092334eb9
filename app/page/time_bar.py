"""The time bar, docked under the map: date ⇄ treaty switch; ◀ ⏵ ▶ (real change dates, or documents in treaty
mode); the slider with its event ticks; the date as an input; in treaty mode the document picker."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from dash import dcc, html

from app import ids
from app.i18n import format_date_for, gettext_for
from app.mapstate import MAX_DATE, MAX_DAY, MIN_DATE

# tick colour per event kind group (treaties dark, proposals and drafts light, the rest mid grey)
TICK_COLOURS = {**dict.fromkeys(("treaty", "agreement", "secret_agreement", "declaration"), "#1a1a1a"),
                **dict.fromkeys(("proposal", "draft", "amendment", "negotiation_position"), "#a06400"),
                "military_operation": "#b2182b"}
TICK_OTHER = "#7a7a7a"


def ticks_uri(marks: list[dict], kinds: dict[str, str]) -> str:
    """The event ticks as one stretched SVG (a data URI: one element, whatever the number of events)."""
    lines = []
    for m in marks:
        x = 1000 * m["day"] / MAX_DAY
        colour = TICK_COLOURS.get(kinds.get(m["id"], ""), TICK_OTHER)
        lines.append(f'<rect x="{x - 1.2:.1f}" y="0" width="2.4" height="10" fill="{colour}"/>')
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 10" preserveAspectRatio="none">'
           + "".join(lines) + "</svg>")
    return "data:image/svg+xml," + quote(svg)


def year_marks() -> dict:
    """Labels every ten years (five on wide screens would collide on a phone); ticks carry the events."""
    marks: dict = {}
    for year in range(MIN_DATE.year, MAX_DATE.year + 1, 10):
        marks[(dt.date(year, 1, 1) - MIN_DATE).days] = {"label": str(year)}
    return marks


def create_mode_switch(lang: str) -> html.Fieldset:
    t = gettext_for(lang)
    return html.Fieldset([
        html.Legend(t("Mode"), className="sr-only"),
        dcc.RadioItems(id=ids.MODE, options=[{"label": t("On a date"), "value": "date"},
                                             {"label": t("Treaty or proposal"), "value": "event"}],
                       value="date", inline=True, className="segmented mode-seg"),
    ], className="seg-control mode-control")


def create_time_bar(lang: str, day: int, marks: list[dict], kinds: dict[str, str],
                    event_options: list[dict]) -> html.Section:
    t = gettext_for(lang)
    return html.Section([
        create_mode_switch(lang),
        html.Div([
            html.Button("◀", id=ids.PREV_EVENT, className="icon-btn step-btn",
                        title=t("Previous change (←)"), **{"aria-label": t("Previous change")}),
            # the label says what a press does (assets/map_paint.js writes "⏸ Pause" while playing)
            html.Button(t("▶ Play"), id=ids.PLAY, className="icon-btn play-btn", title=t("Play (Space)")),
            html.Button("▶", id=ids.NEXT_EVENT, className="icon-btn step-btn",
                        title=t("Next change (→)"), **{"aria-label": t("Next change")}),
        ], className="step-buttons"),
        html.Div([
            html.Div([
                html.Img(src=ticks_uri(marks, kinds), alt="", id=ids.SLIDER_TICKS, className="slider-ticks"),
                dcc.Slider(id=ids.SLIDER, min=0, max=MAX_DAY, step=1, value=day, marks=year_marks(),
                           updatemode="drag", allow_direct_input=False, included=False,
                           tooltip={"always_visible": False, "placement": "top", "transform": "skDate"}),
            ], className="slider-box", title=t("Date ({first} … {last})", first=format_date_for(MIN_DATE, lang),
                                                last=format_date_for(MAX_DATE, lang))),
            html.Label([html.Span(t("Date"), className="sr-only"),
                        html.Div(dcc.Input(id=ids.DATE_INPUT, type="date", min=MIN_DATE.isoformat(),
                                           max=MAX_DATE.isoformat(), debounce=True, className="date-input"))],
                       className="date-input-label"),
        ], id=ids.MODE_DATE_BOX, className="mode-box date-box"),
        html.Div([
            html.Label(t("Treaty, agreement or proposal"), htmlFor=ids.EVENT_PICK, className="sr-only"),
            dcc.Dropdown(id=ids.EVENT_PICK, options=event_options, value=None, searchable=True,
                         placeholder=t("Search a treaty, a place or a year…"), className="event-pick",
                         optionHeight=40, maxHeight=360),
        ], id=ids.MODE_EVENT_BOX, className="mode-box event-box", style={"display": "none"}),
    ], id=ids.TIME_BAR, className="time-bar", **{"aria-label": t("Time")})


def event_kinds(engine: Any) -> dict[str, str]:
    return {ev["id"]: ev.get("kind", "") for ev in engine.event_list()}


