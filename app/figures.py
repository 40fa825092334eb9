"""Pure figure builders of the map page: the map, the legend, a territory's timeline chart.

No Dash callbacks and no engine calls here: the inputs are plain data (the layers' GeoJSON and the paint
table built by app/cartography/paint_table.py), so the builders are unit-tested without a browser.
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
from dash import html

from app import styles
from app.cartography.ladder import inset_context
from app.cartography.resolve import Frame, hover_texts
from app.cartography.views import GEO_VIEW, LABEL_FONT_FAMILY
from app.i18n import _, format_date_for, gettext_for
from app.mapstate import MAX_DATE, MIN_DATE

GRAPH_CONFIG = {
    "topojsonURL": "/assets/topojson/",
    "showSendToCloud": False,
    "displaylogo": False,
    "scrollZoom": False,
    "toImageButtonOptions": {"format": "svg", "filename": "sakhalin_kurils_map", "scale": 1},
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}
LABEL_COLOURS = {"sea": "#3C6E8F", "strait": "#3C6E8F", "region": "#555555"}


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


def map_figure(layers_fc: dict, table: dict, frame: Frame) -> go.Figure:
    """The map: context land, one paintable choropleth (straits, zones, territories), lines, labels.

    `table` is the page's paint table (app/cartography/paint_table.py build_table + add_page_cartography):
    `locations` in drawing order, `keys` (styles), `lines`, `labels` and their ladder of placements. `frame` is
    what the map shows first (app/cartography/resolve.py), as the clientside painter paints it.
    """
    hover = hover_texts(table, frame)
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
        locations=table["locations"], z=list(frame.keys), zmin=-0.5, zmax=len(fills) - 0.5,
        colorscale=discrete_colourscale(fills), showscale=False,
        marker={"line": {"color": "#FFFFFF", "width": 0.8}},
        hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", name="territories",
        uid="paint",
    ))
    for line in table["lines"]:
        on = frame.line_on(line["id"])
        lons, lats = _line_coords(line["geometry"])
        style = styles.line_style(styles.LinePaint(True))
        # every line has a trace (assets/map_paint.js shows it while it exists); one outside its period is
        # not drawn, not even faintly
        fig.add_trace(go.Scattergeo(
            lon=lons, lat=lats, mode="lines",
            line={"color": style["stroke"] if on else "rgba(0,0,0,0)", "width": style["width"]},
            hoverinfo="text" if on else "skip", text=line["name"], name=line["id"], uid="line-" + line["id"],
        ))
    _add_page_cartography(fig, layers_fc, table, frame, hover)
    fig.update_layout(
        geo={"visible": False, "resolution": 50, "bgcolor": styles.SEA, "showframe": False,
             "domain": {"x": [0, 1], "y": [0, 1]}, **GEO_VIEW},
        # no height: the figure fills its box, sized per view in assets/map.css (--map-height)
        margin={"l": 0, "r": 0, "t": 0, "b": 0}, autosize=True, showlegend=False,
        paper_bgcolor=styles.SEA, dragmode="pan",
        hoverlabel={"font": {"size": 16}, "bgcolor": "#FFFFFF"},
        uirevision="map",
    )
    for inset in table.get("insets") or []:
        fig.update_layout({inset["geo"]: _inset_geo(inset)})
    return fig


INITIAL_RUNG_KM = 2.4  # the page's first draw; assets/map_paint.js moves to the box's own rung at once


def _rung(table: dict, km: float = INITIAL_RUNG_KM) -> dict:
    rungs = table["labelLadder"]["rungs"]
    return min(rungs, key=lambda r: abs(r["km"] - km))


def _add_page_cartography(fig: go.Figure, layers_fc: dict, table: dict, frame: Frame, hover: list[str]) -> None:
    """Locator rings, small-island symbols, tap targets, leader lines and labels of the main map, then each
    inset's land, paint and labels (app/cartography; positions from the ladder's rung, repainted in the browser)."""
    names = frame.names
    rung = _rung(table)
    halo = {"family": LABEL_FONT_FAMILY, "color": styles.INK, "shadow": "auto"}
    for inset in table.get("insets") or []:
        fig.add_trace(go.Scattergeo(lon=inset["ring"][0], lat=inset["ring"][1], mode="lines",
                                    line={"color": styles.INK, "width": 1.2}, hoverinfo="skip",
                                    name="locator " + inset["id"], uid="locator-" + inset["id"]))
    locs = table["locations"]
    proxies = table["proxies"]

    def at_places(items: list, name: str, uid: str, marker: dict) -> go.Scattergeo:
        """Markers at small islands or units that open their place and say its state on hover."""
        return go.Scattergeo(lon=[i["lon"] for i in items], lat=[i["lat"] for i in items],
                             customdata=[locs[i["loc"]] for i in items], mode="markers", name=name, uid=uid,
                             hoverinfo="text", hovertext=[hover[i["loc"]] for i in items], marker=marker)

    def invisible(shown: list) -> dict:
        return {"size": [table["targetPx"][0] if s else 0 for s in shown], "opacity": 0, "color": styles.INK}

    fig.add_trace(at_places(proxies, "small islands", "proxies", {
        "size": [10 if shown else 0 for shown in rung["proxies"]], "color": styles.GROUP_COLOURS["none"],
        "line": {"color": styles.INK, "width": 1.5}, "symbol": "circle"}))
    # each small-island symbol's own invisible target, a finger's size (sized by assets/map_paint.js arrange): the
    # 10 px symbol alone missed taps 12 px off Moneron
    fig.add_trace(at_places(proxies, "small island targets", "proxy-targets", invisible(rung["proxies"])))
    targets = table["targets"]
    fig.add_trace(at_places(targets, "tap targets", "targets", invisible(rung["targets"])))
    lead_lon: list = []
    lead_lat: list = []
    for seg in rung["names"][names]["leaders"]:
        lead_lon += [seg[0], seg[2], None]
        lead_lat += [seg[1], seg[3], None]
    fig.add_trace(go.Scattergeo(lon=lead_lon or [None], lat=lead_lat or [None], mode="lines", hoverinfo="skip",
                                line={"color": styles.INK, "width": 1}, name="leaders", uid="leaders"))
    pos = rung["names"][names]["pos"]
    kinds = [lab["kind"] for lab in table["labels"]]
    fig.add_trace(go.Scattergeo(
        lon=[p[0] if p else None for p in pos], lat=[p[1] if p else None for p in pos],
        text=[frame.labels[lab["id"]] for lab in table["labels"]], mode="text", hoverinfo="skip", name="labels",
        uid="labels",
        textfont={**halo, "size": [rung["sizes"][str(lab["tier"])] for lab in table["labels"]],
                  "color": [LABEL_COLOURS.get(k, styles.INK) for k in kinds]},
        textposition=[_textposition(p) for p in pos],
    ))
    towns = [i for i, k in enumerate(kinds) if k == "town"]
    fig.add_trace(go.Scattergeo(
        lon=[table["labels"][i]["lon"] for i in towns], lat=[table["labels"][i]["lat"] for i in towns],
        customdata=towns, mode="markers", hoverinfo="skip", name="towns", uid="towns",
        marker={"size": [6 if pos[i] else 0 for i in towns], "color": styles.INK},
    ))
    paintable = {f["properties"]["id"]: f for f in layers_fc["features"]
                 if f.get("properties", {}).get("layer") in ("territory", "strait")}
    fills = [k["fill"] or "#FFFFFF" for k in table["keys"]]
    for inset in table.get("insets") or []:
        geo = inset["geo"]
        context = inset_context(inset["id"])
        fig.add_trace(go.Choropleth(
            geojson={"type": "FeatureCollection", "features": context}, featureidkey="properties.id",
            locations=[f["properties"]["id"] for f in context], z=[0] * len(context), geo=geo,
            colorscale=[[0, styles.CONTEXT_LAND], [1, styles.CONTEXT_LAND]], showscale=False,
            marker={"line": {"color": styles.CONTEXT_LINE, "width": 0.6}}, hoverinfo="skip",
            name="context " + inset["id"], uid="context-" + inset["id"]))
        ilocs = inset["locations"]
        fig.add_trace(go.Choropleth(
            geojson={"type": "FeatureCollection", "features": [paintable[loc] for loc in ilocs]},
            featureidkey="properties.id", locations=ilocs, z=[frame.keys[locs.index(loc)] for loc in ilocs],
            zmin=-0.5, zmax=len(fills) - 0.5, colorscale=discrete_colourscale(fills), showscale=False, geo=geo,
            marker={"line": {"color": styles.INK, "width": 1}},
            hovertext=[hover[locs.index(loc)] for loc in ilocs],
            hovertemplate="%{hovertext}<extra></extra>", name="inset " + inset["id"], uid="paint-" + inset["id"]))
        # tap targets in the inset (Shikotan, the Habomai islets at ×4: a finger's size apart); sized in the browser
        inner = [t for t in targets if locs[t["loc"]] in ilocs]
        fig.add_trace(go.Scattergeo(
            lon=[t["lon"] for t in inner], lat=[t["lat"] for t in inner], customdata=[locs[t["loc"]] for t in inner],
            geo=geo, mode="markers", name="tap targets " + inset["id"], uid="targets-" + inset["id"], hoverinfo="text",
            hovertext=[hover[t["loc"]] for t in inner],
            marker={"size": [0] * len(inner), "opacity": 0, "color": styles.INK}))
        ipos = rung["insets"][inset["id"]][names]["pos"]
        if not ipos:
            continue
        fig.add_trace(go.Scattergeo(
            lon=[p[0] if p else None for p in ipos], lat=[p[1] if p else None for p in ipos], geo=geo,
            text=[""] * len(ipos), mode="text", hoverinfo="skip", name="labels " + inset["id"],
            uid="labels-" + inset["id"],
            textfont={**halo, "size": [sz or 12 for sz in rung["insets"][inset["id"]][names]["size"]]},
            textposition=[_textposition(p) for p in ipos]))
    insets = table.get("insets") or []
    fig.add_trace(go.Scattergeo(
        lon=[inset["anchor"][0] for inset in insets], lat=[inset["anchor"][1] + 2.5 for inset in insets],
        text=[inset["title"] for inset in insets], mode="text", hoverinfo="skip", name="inset titles",
        uid="inset-titles", textposition=["top left" if inset["corner"] == "se" else "top right" for inset in insets],
        textfont={**halo, "size": [inset["titlePx"] for inset in insets]}))


def _textposition(pos: list | None) -> str:
    align = pos[2] if pos and len(pos) > 2 else "c"
    return {"l": "middle right", "r": "middle left"}.get(align, "middle center")


def _inset_geo(inset: dict) -> dict:
    lon0, lat0, lon1, lat1 = inset["bbox"]
    return {"domain": {"x": [0.7, 0.98], "y": [0.02, 0.3]},
            "projection": {**GEO_VIEW["projection"], "rotation": {"lon": (lon0 + lon1) / 2}},
            "lonaxis": {"range": [lon0, lon1]}, "lataxis": {"range": [lat0, lat1]},
            "center": {"lon": (lon0 + lon1) / 2, "lat": (lat0 + lat1) / 2},
            "visible": True, "showland": False, "showocean": False, "showcoastlines": False, "showlakes": False,
            "showcountries": False, "showrivers": False, "showsubunits": False,
            "showframe": True, "framecolor": styles.INK, "framewidth": 1.5, "bgcolor": styles.SEA,
            "resolution": 50}


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
                    t("Dotted line: proposed by the document shown (Treaty mode)")),
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


# The place chart's time scale: 1945–1956 (most of the changes) gets as much width as the forty years before it
CHART_BREAK = dt.date(1945, 1, 1)
CHART_TICKS = (1905, 1915, 1925, 1935, 1945, 1948, 1951, 1954, 1957)


def chart_x(day: dt.date) -> float:
    """A date's place on the place chart's axis, in years after 1905: a quarter as wide before 1945."""
    years = (day.toordinal() - MIN_DATE.toordinal()) / 365.25
    before = (CHART_BREAK.toordinal() - MIN_DATE.toordinal()) / 365.25
    return years / 4 if day < CHART_BREAK else before / 4 + (years - before)


def date_line(shown: dt.date) -> dict:
    """The shown date on a timeline chart: a dashed line from the bottom to the top of the plot."""
    x = chart_x(shown)
    return {"type": "line", "xref": "x", "yref": "y domain", "x0": x, "x1": x,
            "y0": 0, "y1": 1, "line": {"color": styles.INK, "width": 2, "dash": "dash"}}


def with_date_line(figure: dict, shown: dt.date) -> dict:
    """A timeline chart built once (as JSON) with the date line of this request; `figure` is not changed."""
    return {**figure, "layout": {**figure["layout"], "shapes": [date_line(shown)]}}


def unit_timeline_figure(rows: list[dict], shown: dt.date | None, actor_groups: dict[str, str] | None = None,
                         lo: dt.date = MIN_DATE, hi: dt.date = MAX_DATE,
                         lang: str = "en") -> go.Figure:
    """Every role of a unit over 1905–1956 as horizontal bars coloured by actor group.

    rows: dicts with role, actor, start (date|None), end (date|None), asserted_by (list), event.
    One bar row per (role, point of view); claims and proposals are hatched like on the map. `shown` None: no
    date line (the story callback caches the chart per unit and language and adds the line per request).
    """
    t = gettext_for(lang)
    fig = go.Figure()
    seen_rows: list[str] = []
    keyed: set[str] = set()   # one key entry per colour: whose the bar is (a row names whose view it is)
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
            y=[label], x=[chart_x(end) - chart_x(start)], base=[chart_x(start)], orientation="h",
            marker={"color": colour, "line": {"color": styles.INK, "width": 1},
                    "pattern": {"shape": shape, "fgcolor": styles.INK, "size": 8, "solidity": 0.25}},
            hovertemplate=(f"{who}: {role}<br>{format_date_for(start, lang)} – {until}"
                           f"<br>{row.get('event') or ''}<extra></extra>"),
            showlegend=group not in keyed, name=styles.group_label(group, lang), legendgroup=group,
        ))
        keyed.add(group)
    if shown is not None:
        fig.add_shape(date_line(shown))
    # each row's name above its bar, so the bars have the chart's whole width on a phone
    for label in seen_rows:
        fig.add_annotation(x=0, xref="paper", y=label, yref="y", yshift=19, text=label, showarrow=False,
                           xanchor="left", font={"size": 13, "color": styles.INK})
    ticks = [chart_x(dt.date(y, 1, 1)) for y in CHART_TICKS]
    fig.update_layout(
        barmode="overlay", bargap=0.5, height=max(200, 120 + 48 * len(seen_rows)),
        margin={"l": 6, "r": 10, "t": 64, "b": 44},
        legend={"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom", "font": {"size": 12}, "itemclick": False,
                "itemdoubleclick": False},
        title={"text": t("Who held and claimed it, 1905–1956"), "font": {"size": 15}, "x": 0, "xanchor": "left",
               "y": 1, "yanchor": "top", "pad": {"t": 6, "l": 6}},
        xaxis={"range": [chart_x(lo), chart_x(hi + dt.timedelta(days=1))], "tickvals": ticks,
               "ticktext": [str(y) for y in CHART_TICKS], "tickfont": {"size": 13}, "showgrid": True,
               "title": {"text": t("Year (1945–1956 drawn four times wider)"), "font": {"size": 12}}},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(seen_rows)), "showticklabels": False},
        plot_bgcolor="#FFFFFF", paper_bgcolor="#FFFFFF", font={"size": 14},
    )
    return fig
