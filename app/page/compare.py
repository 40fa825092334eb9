"""Compare: side B's controls and the two maps, in the map's place; "what changed" in the details panel."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from app import figures, ids, styles
from app.i18n import gettext_for
from app.mapstate import DEFAULT_DATE2, MAX_DATE, MAX_DAY, MIN_DATE, POVS, day_index


def _compare_graph(id_: str) -> dcc.Graph:
    return dcc.Graph(id=id_, config={**figures.GRAPH_CONFIG, "displayModeBar": False}, className="cmp-map",
                     responsive=True)


def _compare_key(id_: str, label: str) -> html.Div:
    """A compare map's own key: every row its state draws (assets/classroom.js fills it from the map's Frame)."""
    return html.Div(id=id_, className="cmp-key", role="group", **{"aria-label": label})


def create_compare(engine: Any, event_options: list[dict], lang: str = "en") -> html.Section:
    t = gettext_for(lang)
    pov_options = [{"label": t(styles.POV_LABELS[p]), "value": p} for p in POVS]
    return html.Section([
        html.Div([
            html.Div([
                html.Span(t("Side B date: "), className="cmp-label"), html.Strong(id=ids.CMP_DATE2_TEXT),
                html.Div(dcc.Slider(id=ids.CMP_DATE2, min=0, max=MAX_DAY, step=1, value=day_index(DEFAULT_DATE2),
                                    marks=None, updatemode="mouseup", included=False, allow_direct_input=False,
                                    tooltip={"always_visible": False, "placement": "top", "transform": "skDate"}),
                         className="slider-box", title=t("Side B date")),
                html.Label([html.Span(t("Side B date"), className="sr-only"),
                            dcc.Input(id=ids.CMP_DATE2_INPUT, type="date", min=MIN_DATE.isoformat(),
                                      max=MAX_DATE.isoformat(), debounce=True, className="date-input")],
                           className="date-input-label"),
            ], id=ids.CMP_DATE2_BOX, className="cmp-date2"),
            html.Div([html.Label(t("Side B point of view"), htmlFor=ids.CMP_POV2, className="cmp-label"),
                      dcc.Dropdown(id=ids.CMP_POV2, options=pov_options, value="de_facto", clearable=False,
                                   searchable=False, className="cmp-pov2")], className="cmp-pov2-box"),
            html.Div([
                html.Label(t("Side B treaty, agreement or proposal"), htmlFor=ids.CMP_EVENT2, className="cmp-label"),
                dcc.Dropdown(id=ids.CMP_EVENT2, options=event_options, value=None, searchable=True,
                             placeholder=t("Search a treaty, a place or a year…"), className="event-pick"),
            ], id=ids.CMP_EVENT2_BOX, className="cmp-event2"),
            html.Fieldset([html.Legend(t("Show"), className="sr-only"),
                           dcc.RadioItems(id=ids.CMP_SHOW, options=[
                               {"label": t("Side by side"), "value": "both"}, {"label": t("Only A"), "value": "a"},
                               {"label": t("Only B"), "value": "b"}], value="both", inline=True,
                               className="segmented")], className="seg-control"),
        ], className="cmp-controls"),
        html.Div([
            html.Figure([html.Figcaption(id=ids.CMP_A_TITLE, className="cmp-title"), _compare_graph(ids.CMP_A),
                         _compare_key(ids.CMP_A_LINES, t("Key of map A"))], className="cmp-side cmp-side-a"),
            html.Figure([html.Figcaption(id=ids.CMP_B_TITLE, className="cmp-title"), _compare_graph(ids.CMP_B),
                         _compare_key(ids.CMP_B_LINES, t("Key of map B"))], className="cmp-side cmp-side-b"),
        ], className="cmp-maps"),
        html.Div(id=ids.CMP_PAINTED, hidden=True),
    ], id=ids.COMPARE, className="compare-section", **{"aria-label": t("Compare")})


def create_changes(lang: str) -> html.Div:
    """What changed between A and B (in the details panel, Why tab's place, in the compare view)."""
    t = gettext_for(lang)
    return html.Div(id=ids.CMP_CHANGES, className="cmp-changes", role="region",
                    **{"aria-label": t("What changed"), "aria-live": "polite"})
