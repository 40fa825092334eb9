"""Classroom pieces of the map page: the view switcher, presentation bar and caption, compact key, compare
section, text table section, help section and embed bar (layout only; callbacks/classroom.py wires them).

Views (URL `view=`): map (default), present (full screen, large type, previous/next/play and the date, a sourced
caption; a guided tour with `tour=key&step=N`), compare (two maps side by side), embed (map, slider and legend
only, for an iframe), help (Help and About). The page's class `view-<name>` switches what is shown (assets/map.css).
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from app import ids, narration, styles
from app.i18n import _, gettext_for
from app.url_state import DEFAULT_DATE2, MAX_DAY, day_index

VIEW_LABELS = [("map", _("Map")), ("compare", _("Compare")), ("present", _("Present")),
               ("help", _("Help and About"))]


def nav(lang: str = "en") -> html.Nav:
    t = gettext_for(lang)
    return html.Nav([
        html.Button(t(text), id={"type": ids.VIEW_BUTTON, "index": view}, className="btn nav-btn",
                    **{"data-view": view})
        for view, text in VIEW_LABELS
    ] + [html.Button(t("Start the guided tour"), id=ids.TOUR_START, className="btn nav-btn")],
        id=ids.NAV, className="view-nav", **{"aria-label": t("Views")})


def present_bar(lang: str = "en") -> html.Div:
    """Shown in presentation mode only: step indicator, full screen and exit."""
    t = gettext_for(lang)
    return html.Div([
        html.Span(id=ids.PRESENT_STEP, className="present-step", **{"aria-live": "polite"}),
        html.Button(t("Full screen"), id=ids.FULLSCREEN, className="btn"),
        html.Button(t("Exit (Esc)"), id=ids.EXIT_VIEW, className="btn"),
    ], id=ids.PRESENT_BAR, className="present-bar")


def present_caption(lang: str = "en") -> html.Div:
    # Focusable so that a long narration can be scrolled with the keyboard or a clicker's arrow keys.
    return html.Div(id=ids.PRESENT_CAPTION, className="present-caption", role="region", tabIndex="0",
                    **{"aria-label": gettext_for(lang)("Narration"), "aria-live": "polite"})


def compact_legend(lang: str = "en") -> html.Div:
    """A short key for presentation mode: the four actor colours and the main patterns (from app/styles.py)."""
    t = gettext_for(lang)
    T = styles.TerritoryPaint
    rows = [(styles.territory_style(T(g, "sovereignty")), styles.group_label(g, lang))
            for g in ("japan", "russia", "usa")]
    rows += [(styles.territory_style(T("japan", "military_occupation")), t("dots: occupation")),
             (styles.territory_style(T("russia", "sovereignty", ("japan",))), t("stripes: claimed")),
             (styles.territory_style(T("undetermined", "undetermined")), t("undetermined")),
             (styles.territory_style(T("japan", "sovereignty", (), "russia")), t("dashed: promised"))]
    return html.Div([html.Span([html.Img(src=styles.swatch_uri(s), alt="", width=30, height=30), html.Span(text)],
                               className="key-item") for s, text in rows],
                    id=ids.PRESENT_LEGEND, className="present-legend", role="group",
                    **{"aria-label": t("Key")})


def embed_bar(lang: str = "en") -> html.Div:
    t = gettext_for(lang)
    return html.Div([
        html.A(t("Open the full map ↗"), id=ids.EMBED_LINK, href="/", target="_blank", rel="noopener",
               className="embed-link"),
        html.Span(t("Sakhalin and the Kurils, 1905–1956"), className="embed-title"),
    ], id=ids.EMBED_BAR, className="embed-bar")


def compare_section(engine: Any, event_options: list[dict], marks: dict, lang: str = "en") -> html.Section:
    """Side B's controls (side A uses the main date, mode, point of view and event), two maps, the changes."""
    t = gettext_for(lang)
    pov_options = [{"label": t(styles.POV_LABELS[p]), "value": p} for p in ("de_facto", "japan", "russia", "usa")]
    return html.Section([
        html.H2(t("Compare")),
        html.P(t("Side A follows the main controls above (date, mode, point of view, treaty). Choose side B here."),
               className="hint"),
        html.Div([
            html.Div([
                html.Div([html.Span(t("Side B date: ")), html.Strong(id=ids.CMP_DATE2_TEXT)], className="cmp-date2"),
                html.Div(dcc.Slider(id=ids.CMP_DATE2, min=0, max=MAX_DAY, step=1, value=day_index(DEFAULT_DATE2),
                                    marks=marks, updatemode="mouseup", included=False,
                                    allow_direct_input=False),
                         className="slider-box", title=t("Side B date")),
            ], id=ids.CMP_DATE2_BOX),
            # a dropdown, not radio items: the main point-of-view radios keep their labels unique on the page
            html.Div([html.Label(t("Side B point of view"), htmlFor=ids.CMP_POV2),
                      dcc.Dropdown(id=ids.CMP_POV2, options=pov_options, value="de_facto", clearable=False,
                                   searchable=False, className="cmp-pov2")], className="mode-box"),
            html.Div([
                html.Label(t("Side B treaty, agreement or proposal"), htmlFor=ids.CMP_EVENT2),
                dcc.Dropdown(id=ids.CMP_EVENT2, options=event_options, value=None, searchable=True,
                             placeholder=t("Search events…"), className="event-pick"),
            ], id=ids.CMP_EVENT2_BOX, className="mode-box"),
            html.Fieldset([html.Legend(t("Show")),
                           dcc.RadioItems(id=ids.CMP_SHOW, options=[
                               {"label": t("Side by side"), "value": "both"}, {"label": t("Only A"), "value": "a"},
                               {"label": t("Only B"), "value": "b"}], value="both", inline=True, className="radio")],
                          className="control"),
        ], className="cmp-controls"),
        html.Div([
            html.Figure([html.Figcaption(id=ids.CMP_A_TITLE, className="cmp-title"),
                         dcc.Graph(id=ids.CMP_A, config={"displaylogo": False, "scrollZoom": False,
                                                         "topojsonURL": "/assets/topojson/",
                                                         "displayModeBar": False},
                                   className="cmp-map")], className="cmp-side cmp-side-a"),
            html.Figure([html.Figcaption(id=ids.CMP_B_TITLE, className="cmp-title"),
                         dcc.Graph(id=ids.CMP_B, config={"displaylogo": False, "scrollZoom": False,
                                                         "topojsonURL": "/assets/topojson/",
                                                         "displayModeBar": False},
                                   className="cmp-map")], className="cmp-side cmp-side-b"),
        ], className="cmp-maps"),
        html.Div(id=ids.CMP_PAINTED, hidden=True),
        html.Div(id=ids.CMP_CHANGES, className="cmp-changes", role="region",
                 **{"aria-label": t("What changed"), "aria-live": "polite"}),
    ], id=ids.COMPARE, className="compare-section", **{"aria-label": t("Compare")})


def table_section(lang: str = "en") -> html.Section:
    t = gettext_for(lang)
    return html.Section([
        html.H2(t("The map as a table")),
        html.P(t("The same state as the map, in words: it follows the date, the point of view and the mode."),
               className="hint"),
        html.Button(t("Download this table (CSV)"), id=ids.TABLE_CSV, className="btn"),
        dcc.Download(id=ids.TABLE_DOWNLOAD),
        dcc.Store(id=ids.TABLE_DATA),
        html.Div(id=ids.TABLE_BODY, className="table-wrap"),   # drawn by assets/classroom.js (skclass.table)
    ], id=ids.TABLE, className="table-section", **{"aria-label": t("The map as a table")})


def help_section(lang: str = "en") -> html.Section:
    t = gettext_for(lang)
    return html.Section([
        html.Div(id=ids.HELP_BODY),
        html.H3(t("Embed this map on a school site")),
        html.P(t("Copy this into the page (the map, the date slider and the legend, with the state shown now):")),
        html.Pre(html.Code(id=ids.EMBED_CODE), className="embed-code", tabIndex="0",
                 **{"aria-label": t("Embed code")}),
    ], id=ids.HELP, className="help-section", **{"aria-label": t("Help and About")})


def stores(engine: Any) -> list:
    return [
        dcc.Store(id=ids.VIEW, data="map"),
        dcc.Store(id=ids.TOUR, data=None),
        dcc.Store(id=ids.STEP, data=1),
        dcc.Store(id=ids.TOUR_STORE, data=narration.tour_store(engine)),
        dcc.Store(id=ids.AUTOPLAY, data=None),
    ]


# Labels that crowd at the default view (the page's map only; exports place their own): moved, set beside their
# point, shortened or left off.
LABEL_MOVES = {
    "island_kunashir": (146.0, 44.25),    # a little north, off the Nemuro town label and the Habomai islets
    "island_shikotan": (147.05, 43.70),   # east of the island, off the Habomai islets
    "island_hokkaido": (142.4, 43.5),     # west, off the Shikotan label on a small (projector) map
    # Northern Kurils: Atlasov and Paramushir named on the Sea of Okhotsk side, Shumshu and Severo-Kurilsk
    # (Kashiwabara) on the Pacific side, each clear of the others and of the islands
    "island_paramushir": (155.1, 50.2),    # off its south-west end
    "island_shumshu": (156.52, 50.76),     # its east coast
    "sea_okhotsk": (148.0, 52.4),          # north-west, off the Atlasov label
    "label_strait_tsugaru": (141.35, 41.3),  # below the Hakodate label, inside the map's west edge
    "island_sakhalin": (142.9, 50.35),      # below the Aleksandrovsk label
    "island_iturup": (147.45, 44.82),       # south-west, off the Kurilsk (Shana) label
}
LABEL_TEXT_POSITIONS = {
    "island_atlasov": "top left",
    "island_paramushir": "middle left",
    "island_shumshu": "middle right",
    "town_severo_kurilsk": "bottom right",  # below Shumshu's name: Paramushir is west and Shumshu east of the town
    "town_kholmsk": "middle left",          # on the open sea, not across Sakhalin over the Yuzhno-Sakhalinsk label
}
# Aleksandrovsk-Sakhalinsky's full name in both scripts ran across the Sea of Okhotsk into the Northern Kuril
# labels: the map gives the first part of it.
LABEL_SHORT_NAMES = {
    "town_aleksandrovsk": {"ja": "アレクサンドロフスク", "ru": "Александровск", "en": "Aleksandrovsk"},
}
# The Nemuro Strait zone keeps its name in the hover text, the table and the legend; its long bilingual label
# and the Yuzhno-Kurilsk town label sat on Kunashir, Hokkaido and each other.
LABEL_DROPS = {"town_yuzhno_kurilsk", "label_strait_nemuro"}


def declutter_labels(table: dict) -> dict:
    """Fit the labels of the paint table to the page's default view, in place (see LABEL_MOVES and the rest)."""
    kept = []
    for lab in table.get("labels", []):
        lid = lab.get("id")
        if lid in LABEL_DROPS:
            continue
        if lid in LABEL_MOVES:
            lab["lon"], lab["lat"] = LABEL_MOVES[lid]
        if lid in LABEL_TEXT_POSITIONS:
            lab["textposition"] = LABEL_TEXT_POSITIONS[lid]
        for lang, name in LABEL_SHORT_NAMES.get(lid, {}).items():
            lab[lang] = [name] * len(lab["starts"])
        kept.append(lab)
    table["labels"] = kept
    return table
