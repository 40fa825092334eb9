"""Pure figure builders of the map page: the map, the legend, a territory's timeline chart.

No Dash callbacks and no engine calls here: the inputs are plain data (the layers' GeoJSON and the paint
table built by app/cartography/paint_table.py), so the builders are unit-tested without a browser.
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
from dash import html

from app import styles
from app.i18n import _, format_date_for, gettext_for

# Default view: Hokkaido in the south, the whole of Sakhalin and the Kuril chain. Centred east of the rotation
# (146 E), where Plotly centres a conic map by default: that gave a third of the map to the mainland and cut
# Kamchatka's name and the Northern Kuril labels at the east edge.
GEO_VIEW = {
    "projection": {"type": "conic conformal", "parallels": [44, 52], "rotation": {"lon": 146}},
    "lonaxis": {"range": [137.5, 161.0]},
    "lataxis": {"range": [41.0, 54.9]},
    "center": {"lon": 150.5, "lat": 47.95},
}
GRAPH_CONFIG = {
    "topojsonURL": "/assets/topojson/",
    "showSendToCloud": False,
    "displaylogo": False,
    "scrollZoom": False,
    "toImageButtonOptions": {"format": "svg", "filename": "sakhalin_kurils_map", "scale": 1},
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}
LABEL_SIZES = {"region": 17, "sea": 17, "island": 15, "strait": 13, "town": 13}
LABEL_COLOURS = {"sea": "#3C6E8F", "strait": "#3C6E8F", "region": "#555555"}
LABEL_FONT = {"family": "DejaVu Sans, Noto Sans CJK JP, sans-serif", "size": 15, "color": styles.INK}


def _features(layers_fc: dict, layer: str) -> list[dict]:
    return [f for f in layers_fc["features"] if f.get("properties", {}).get("layer") == layer]


def _line_coords(geometry: dict) -> tuple[list, list]:
    lons: list = []
    lats: list = []
    parts = [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
    for part in parts:
        if lons:
            lons.append(None)
            lats.append(None)
        for lon, lat, *_rest in part:
            lons.append(lon)
            lats.append(lat)
    return lons, lats


def discrete_colourscale(fills: list[str]) -> list[list]:
    """A stepped colourscale: z == i paints fills[i] (zmin = -0.5, zmax = n - 0.5)."""
    n = max(len(fills), 1)
    if len(fills) == 1:
        return [[0, fills[0]], [1, fills[0]]]
    scale = []
    for i, colour in enumerate(fills):
        scale.append([i / n, colour])
        scale.append([(i + 1) / n, colour])
    return scale


def map_figure(layers_fc: dict, table: dict, initial: dict) -> go.Figure:
    """The map: context land, one paintable choropleth (straits, zones, territories), lines, labels.

    `table` is the paint table (app/cartography/paint_table.py): `locations` in drawing order, `keys` (styles), `lines`,
    `labels` (a label's optional `textposition` comes from app/presentation.declutter_labels). `initial` holds
    the first paint: `z` (key index per location), `hover` (text per location), `labels` (text per label) — what
    the clientside painter would produce for the default state.
    """
    fig = go.Figure()
    context = _features(layers_fc, "context")
    fig.add_trace(go.Choropleth(
        geojson={"type": "FeatureCollection", "features": context}, featureidkey="properties.id",
        locations=[f["properties"]["id"] for f in context], z=[0] * len(context),
        colorscale=[[0, styles.CONTEXT_LAND], [1, styles.CONTEXT_LAND]], showscale=False,
        marker={"line": {"color": styles.CONTEXT_LINE, "width": 0.6}}, hoverinfo="skip", name="context",
        uid="context",
    ))
    wanted = set(table["locations"])
    paintable = [f for f in layers_fc["features"] if f.get("properties", {}).get("id") in wanted
                 and f["properties"].get("layer") in ("territory", "strait", "zone")]
    order = {loc: i for i, loc in enumerate(table["locations"])}
    paintable.sort(key=lambda f: order[f["properties"]["id"]])
    fills = [k["fill"] or "#FFFFFF" for k in table["keys"]]
    fig.add_trace(go.Choropleth(
        geojson={"type": "FeatureCollection", "features": paintable}, featureidkey="properties.id",
        locations=table["locations"], z=initial["z"], zmin=-0.5, zmax=len(fills) - 0.5,
        colorscale=discrete_colourscale(fills), showscale=False,
        marker={"line": {"color": "#FFFFFF", "width": 0.8}},
        hovertext=initial["hover"], hovertemplate="%{hovertext}<extra></extra>", name="territories",
        uid="paint",
    ))
    for line in table["lines"]:
        lons, lats = _line_coords(line["geometry"])
        style = styles.line_style(styles.LinePaint(False))
        fig.add_trace(go.Scattergeo(
            lon=lons, lat=lats, mode="lines", line={"color": style["stroke"], "width": style["width"],
                                                  "dash": "dot"},
            hoverinfo="text", text=line["name"], name=line["id"], uid="line-" + line["id"],
        ))
    kinds = [lab.get("kind", "island") for lab in table["labels"]]
    fig.add_trace(go.Scattergeo(
        lon=[lab["lon"] for lab in table["labels"]], lat=[lab["lat"] for lab in table["labels"]],
        text=initial["labels"], mode="markers+text", hoverinfo="skip", name="labels", uid="labels",
        textfont={**LABEL_FONT, "size": [LABEL_SIZES.get(k, 14) for k in kinds],
                  "color": [LABEL_COLOURS.get(k, styles.INK) for k in kinds]},
        textposition=[lab.get("textposition") or ("middle right" if k == "town" else "middle center")
                      for lab, k in zip(table["labels"], kinds, strict=True)],
        marker={"size": [6 if k == "town" else 0 for k in kinds], "color": styles.INK, "symbol": "circle"},
    ))
    fig.update_layout(
        geo={"visible": False, "resolution": 50, "bgcolor": styles.SEA, "showframe": False, **GEO_VIEW},
        # no height: the figure fills its box, sized per view in assets/map.css (--map-height)
        margin={"l": 0, "r": 0, "t": 0, "b": 0}, autosize=True, showlegend=False,
        paper_bgcolor=styles.SEA, dragmode="pan",
        hoverlabel={"font": {"size": 16}, "bgcolor": "#FFFFFF"},
        uirevision="map",
    )
    return fig


def _legend_row(uri: str, text: str) -> html.Div:
    return html.Div([html.Img(src=uri, alt="", width=28, height=28), html.Span(text)], className="legend-row")


def legend(lang: str = "en") -> html.Div:
    """Always-visible legend: every encoding the map can show, drawn with the map's own tiles."""
    t = gettext_for(lang)
    T = styles.TerritoryPaint
    colour_rows = [
        _legend_row(styles.swatch_uri(styles.territory_style(T(g, "sovereignty"))),
                    styles.group_label(g, lang))
        for g in ("japan", "russia", "usa", "other")
    ]
    mode_rows = [
        _legend_row(styles.swatch_uri(styles.territory_style(T("japan", "sovereignty"))),
                    t("Solid fill: sovereign control")),
        _legend_row(styles.swatch_uri(styles.territory_style(T("japan", "military_occupation"))),
                    t("White dots: military occupation")),
        _legend_row(styles.swatch_uri(styles.territory_style(T("usa", "administration"))),
                    t("White rules: administration")),
        _legend_row(styles.swatch_uri(styles.territory_style(T("undetermined", "undetermined"))),
                    t("Grey cross-hatch: sovereignty undetermined / renounced")),
        _legend_row(styles.swatch_uri(styles.territory_style(T("russia", "sovereignty", ("japan",)))),
                    t("Stripes: claimed by the stripes' colour")),
        _legend_row(styles.swatch_uri(styles.territory_style(T("japan", "sovereignty", (), "russia"))),
                    t("Dashed outline: promised to the outline's colour")),
        _legend_row(styles.swatch_uri(styles.territory_style(T("japan", "sovereignty", (), None, "russia"))),
                    t("Dotted outline: a draft / proposal would give it to")),
        _legend_row(styles.swatch_uri({"fill": "#FFFFFF", "pattern": None, "stroke": styles.INK,
                                       "width": 3, "dash": ""}),
                    t("Heavy black outline (other units faded): the points of view disagree")),
    ]
    regime_rows = [
        _legend_row(styles.swatch_uri(styles.strait_style(styles.StraitPaint((r,)))),
                    t(styles.REGIME_LABELS[r]))
        for r in ("free_navigation", "demilitarised", "closed_to_foreign_warships", "fishing_rights")
    ]
    line_rows = [
        _legend_row(styles.line_swatch_uri(styles.line_style(styles.LinePaint(True))),
                    t("Boundary / line in force")),
        _legend_row(styles.line_swatch_uri(styles.line_style(styles.LinePaint(False))),
                    t("Line not in force")),
    ]
    return html.Div([
        html.H2(t("Legend")),
        html.H3(t("Colour = actor")), *colour_rows,
        html.H3(t("Status")), *mode_rows,
        html.H3(t("Strait zones")), *regime_rows,
        html.H3(t("Lines")), *line_rows,
    ], className="legend")


ROLE_ORDER = ["sovereignty", "military_occupation", "administration", "claim", "undetermined", "renounced",
              "promised", "proposed", "concession", *styles.STRAIT_REGIMES]
VIEW_LABELS = {"de_facto": _("de facto"), "japan": _("Japan"), "soviet": _("USSR"), "usa": _("USA"),
               "russia": _("Russia"), "russia_provisional": _("Russia"), "russia_state": _("Russia"),
               "russia_white": _("Whites (Omsk)"), "sakhalin_local": _("local authorities"), "fer": _("FER"),
               "scap": _("SCAP"),
               "uk": _("UK"), "china_roc": _("ROC"), "china_prc": _("PRC")}
ROLE_LABELS = {
    "sovereignty": _("sovereignty"), "military_occupation": _("military occupation"),
    "administration": _("administration"), "claim": _("claim"), "undetermined": _("undetermined"),
    "renounced": _("renounced"), "promised": _("promised"), "proposed": _("proposed"),
    "concession": _("concession"), "free_navigation": _("free navigation"),
    "no_fortification": _("no fortification"), "demilitarised": _("demilitarised"),
    "closed_to_foreign_warships": _("closed to foreign warships"), "fishing_rights": _("fishing rights"),
    "fishing_limit": _("fishing limit"),
}


def view_label(actor: str, lang: str = "en") -> str:
    """Short name of an actor / point of view (chart rows, panels), in `lang`."""
    return gettext_for(lang)(VIEW_LABELS[actor]) if actor in VIEW_LABELS else actor


def role_label(role: str, lang: str = "en") -> str:
    return gettext_for(lang)(ROLE_LABELS[role]) if role in ROLE_LABELS else role.replace("_", " ")


def date_line(shown: dt.date) -> dict:
    """The shown date on a timeline chart: a dashed line from the bottom to the top of the plot."""
    return {"type": "line", "xref": "x", "yref": "y domain", "x0": shown.isoformat(), "x1": shown.isoformat(),
            "y0": 0, "y1": 1, "line": {"color": styles.INK, "width": 2, "dash": "dash"}}


def with_date_line(figure: dict, shown: dt.date) -> dict:
    """A timeline chart built once (as JSON) with the date line of this request; `figure` is not changed."""
    return {**figure, "layout": {**figure["layout"], "shapes": [date_line(shown)]}}


def unit_timeline_figure(rows: list[dict], shown: dt.date | None, actor_groups: dict[str, str] | None = None,
                         lo: dt.date = dt.date(1905, 1, 1), hi: dt.date = dt.date(1956, 12, 31),
                         lang: str = "en") -> go.Figure:
    """Every role of a unit over 1905–1956 as horizontal bars coloured by actor group.

    rows: dicts with role, actor, start (date|None), end (date|None), asserted_by (list), event.
    One bar row per (role, point of view); claims and proposals are hatched like on the map. `shown` None: no
    date line (the story callback caches the chart per unit and language and adds the line per request).
    """
    t = gettext_for(lang)
    fig = go.Figure()
    seen_rows: list[str] = []
    for row in rows:
        start = max(row.get("start") or lo, lo)
        end = min(row.get("end") or (hi + dt.timedelta(days=1)), hi + dt.timedelta(days=1))
        if end <= start:
            continue
        views = t(", ").join(view_label(a, lang) for a in row.get("asserted_by") or [])
        role = role_label(row["role"], lang)
        label = t("{role} ({views})", role=role, views=views) if views else role
        if label not in seen_rows:
            seen_rows.append(label)
        group = styles.group_of(row.get("actor"), actor_groups)
        colour = styles.GROUP_COLOURS.get(group, styles.GROUP_COLOURS["other"])
        shape = "/" if row["role"] in ("claim", "proposed", "promised") else ""
        if row["role"] in ("undetermined", "renounced"):
            shape = "+"
        who = view_label(row.get("actor") or "", lang) if row.get("actor") else "—"
        until = format_date_for(row["end"], lang) if row.get("end") else t("after 1956")
        fig.add_trace(go.Bar(
            y=[label], x=[(end - start).days * 86400000], base=[start.isoformat()], orientation="h",
            marker={"color": colour, "line": {"color": styles.INK, "width": 1},
                    "pattern": {"shape": shape, "fgcolor": styles.INK, "size": 8, "solidity": 0.25}},
            hovertemplate=(f"{who}: {role}<br>{format_date_for(start, lang)} – {until}"
                           f"<br>{row.get('event') or ''}<extra></extra>"),
            showlegend=False,
        ))
    if shown is not None:
        fig.add_shape(date_line(shown))
    fig.update_layout(
        barmode="overlay", height=max(160, 48 + 30 * len(seen_rows)), margin={"l": 10, "r": 10, "t": 10, "b": 30},
        xaxis={"type": "date", "range": [lo.isoformat(), hi.isoformat()], "tickfont": {"size": 14}},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(seen_rows)), "tickfont": {"size": 14},
               "automargin": True},
        plot_bgcolor="#FFFFFF", paper_bgcolor="#FFFFFF", font={"size": 14},
    )
    return fig
