"""The export figure: page layout of one map (or two, view=compare) with the southern-Kurils inset, placed
labels, a title, one key, scale bars and the printed caption; then render and finish.

    result = export_figure(engine, ExportRequest(date=…, pov="japan", fmt="pdf", size="double"))

Modules: request (parameters), paint (what the map shows: app/cartography/resolve.py), geometry (shapely:
clipping, print simplification), text (wrapping; widths from app/cartography/fonts.py), caption (words),
app.cartography.key (the key's rows), finish (patterns into the SVG; PDF and PNG), render (kaleido). Where a
lon/lat lands and where labels go are the page's own: app/cartography/projection.py (MapProjection.in_figure)
and app/cartography/labels.py (place).

How patterns reach a static file: plotly's choropleth has no pattern fill, so each painted location and key swatch
is drawn with a unique sentinel colour rgb(1, hi, lo), which finish.finish_svg swaps for the page's fill, pattern
tile, outline and dash. The inset is painted with the same sentinels: the same state.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, field, replace
from typing import Any

from app import styles
from app.cartography.key import KeyRow, key_rows, key_state, map_kind_of
from app.cartography.labels import label_specs, place, territories_px
from app.cartography.projection import MapProjection
from app.cartography.resolve import Frame
from app.cartography.symbols import proxy_items
from app.cartography.views import print_view
from app.export import caption, finish, geometry, paint
from app.export.request import (
    ExportParamError,
    ExportRequest,
    filename,
    shown_date,
    validate,
)
from app.export.sizes import MAX_MM, MIME, check_pixels
from app.export.text import esc, family, text_width, wrap
from app.i18n import gettext_for

INSET_LON = (145.05, 147.45)  # Kunashir, Shikotan, Habomai and its islets
INSET_LAT = (43.15, 44.65)
INSET_FEATURES = ("kunashir", "shikotan", "polonsky", "zelyony", "tanfilyev", "yuri", "anuchina", "demina",
                  "signalny", "habomai_other")
HAIRLINE_PT = 0.3  # journals ask for lines of at least 0.25 pt
MAX_LEADER_MM = 10.0  # a name further from its place than this on paper names nothing a reader can find
PROXY_MM = 2.0  # the side of a small island's square on paper
PROXY_NOTE = "note:proxy"  # the key row (print's own) that explains the squares
PATTERN_TILE_PX = 12.0  # finish.py's pattern tile, before pattern_scale
THIN_OUTLINE = 0.25  # an outline at most this share of an island's mean width (2 × area / perimeter)
MIN_MAP_MM = 38.0  # a map smaller than this on the page is refused, not overprinted
SCALE_LAT = 44.0  # scale bars lie on this parallel (a standard parallel: true scale there)
PANEL_SENTINELS = 4096  # sentinel ids per panel
GROWS = ("single", "double")  # presets whose height grows when the key needs it
MAX_GROWN_MM = 240.0  # a journal page's type area
MIN_KEY_COLUMN_MM = 35.0  # narrower key columns break every row's words


def pt(points: float) -> float:
    """Points to CSS px."""
    return points * 96 / 72


def stroke(width: float) -> float:
    """A line's width in CSS px, at least HAIRLINE_PT on paper (a journal's thinnest printable line); 0 stays 0."""
    return max(width, pt(HAIRLINE_PT)) if width > 0 else 0.0


def mm(length: float) -> float:
    return length / 25.4 * 96


def sentinel(i: int) -> str:
    return f"rgb(1, {i // 256}, {i % 256})"


@dataclass
class Type:
    """Type sizes in CSS px: 6 pt minimum on paper (7 pt for the caption), scaled up for slides."""

    title: float
    sub: float
    key: float
    caption: float
    label: float
    small: float

    @classmethod
    def for_page(cls, scale: float) -> Type:
        return cls(pt(10 * scale), pt(7.5 * scale), pt(6.5 * scale), pt(7 * scale), pt(6.2 * scale),
                   pt(6 * scale))


@dataclass
class Panel:
    req: ExportRequest
    frame: Frame
    box: tuple[float, float, float, float]  # x, y, w, h (CSS px from the page's top-left)
    lon: tuple[float, float]
    lat: tuple[float, float]
    title: str = ""
    inset: tuple[float, float, float, float] | None = None
    labels: list = field(default_factory=list)
    line_status: dict = field(default_factory=dict)


# ------------------------------------------------------------------------------------------ what is shown
def panel_requests(req: ExportRequest) -> list[ExportRequest]:
    return [req, req.side_b()] if req.view == "compare" else [req]


def view_of(engine: Any, ctx: paint.Context, req: ExportRequest) -> tuple[tuple, tuple, bool]:
    """(lon range, lat range, with inset): the whole view, or a zoom to `unit` (no inset then)."""
    if req.unit:
        ids = list(engine.units.get(req.unit, [req.unit]))
        b = geometry.bounds_of(ctx.fc, ids)
        if b is not None:
            cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
            half_lat = max((b[3] - b[1]) / 2 * 1.25, 0.35)
            half_lon = max((b[2] - b[0]) / 2 * 1.25, half_lat * 1.3)
            return (cx - half_lon, cx + half_lon), (cy - half_lat, cy + half_lat), False
    return geometry.VIEW_LON, geometry.VIEW_LAT, True


# ------------------------------------------------------------------------------------------ layout
def _wrapped_rows(rows: list[KeyRow], size: float, width: float, sw: float) -> list[tuple[KeyRow, list[str], float]]:
    out = []
    for row in rows:
        bold = row.kind == "header"
        lines = wrap(row.text, size, width - (0 if bold else sw + 5), bold)
        h = len(lines) * size * 1.22 + size * (0.55 if bold else 0.45)
        if row.kind in ("swatch", "line"):
            h = max(h, sw + size * 0.4)
        out.append((row, lines, h))
    return out


def _columns(wrapped: list, n: int) -> list[list]:
    """Rows split into at most n columns with the shortest tallest column, a header never last in a column
    and a note (whose marker the row above is) never first."""
    cuts = [i for i in range(1, len(wrapped))
            if wrapped[i - 1][0].kind != "header" and wrapped[i][0].kind != "note"]
    best: list[list] = [list(wrapped)]
    best_h = sum(h for *_x, h in wrapped)
    for k in range(1, min(n, len(cuts) + 1)):
        for chosen in itertools.combinations(cuts, k):
            edges = (0, *chosen, len(wrapped))
            cols = [list(wrapped[a:b]) for a, b in itertools.pairwise(edges)]
            tallest = max(sum(h for *_x, h in c) for c in cols)
            if tallest < best_h - 0.01:
                best, best_h = cols, tallest
    return best


@dataclass
class KeyPlan:
    """Where the map and the key go on the page, and the key's type size and columns."""

    map_area: tuple[float, float, float, float]
    key_box: tuple[float, float, float, float]
    cols: list
    size: float


def plan_key(rows: list[KeyRow], ty: Type, margin: float, inner: float, top: float, bottom: float, wide: bool,
             two: bool, s: float) -> KeyPlan | None:
    """The first layout, best first, that leaves the map its minimum size with the key clear of the caption: the
    key beside a wide map (one column, then two), else below it (its columns, then one more where a column
    keeps MIN_KEY_COLUMN_MM), at the key's type
    size and then at 6 pt. None when none fits."""
    need_w = MIN_MAP_MM if not (two and wide) else 2 * MIN_MAP_MM + 3
    need_h = MIN_MAP_MM if not (two and not wide) else 2 * MIN_MAP_MM + 8
    below = 3 if (wide and inner > mm(150)) else 2 if inner > mm(70) else 1
    options = [("side", 1), ("side", 2)] if wide and not two else []
    options += [("below", n) for n in (below, below + 1) if n == below or inner / n >= mm(MIN_KEY_COLUMN_MM)]
    for size in dict.fromkeys((ty.key, pt(6 * s))):
        sw = size * 1.6
        for where, ncol in options:
            if where == "side":
                key_w = min(max(min(inner * 0.34, mm(70) * s), mm(40)) * (1 if ncol == 1 else 1.7), inner * 0.55)
                cols = _columns(_wrapped_rows(rows, size, (key_w - margin * (ncol - 1)) / ncol, sw), ncol)
                key_h = max(sum(h for *_x, h in c) for c in cols)
                if key_h > bottom - top:
                    continue
                map_area = (margin, top, inner - key_w - margin, bottom - top - margin * 0.3)
                key_box = (margin + inner - key_w, top, key_w, key_h)
            else:
                cols = _columns(_wrapped_rows(rows, size, (inner - margin * (ncol - 1)) / ncol, sw), ncol)
                key_h = max(sum(h for *_x, h in c) for c in cols) + margin * 0.3
                map_area = (margin, top, inner, bottom - top - key_h - margin * 0.5)
                key_box = (margin, top + map_area[3] + margin * 0.4, inner, key_h)
            if map_area[3] / 96 * 25.4 >= need_h and map_area[2] / 96 * 25.4 >= need_w:
                return KeyPlan(map_area, key_box, cols, size)
    return None


def build_figure(engine: Any, req: ExportRequest) -> tuple[dict, dict]:
    """The plotly figure (a plain dict) and what finishing needs."""
    ctx = paint.context(engine, req.lang)
    page = req.page
    W, H = page.width_css, page.height_css
    s = page.pt_scale
    ty = Type.for_page(s)
    lang = req.lang
    t = gettext_for(lang)
    font = family(lang)
    margin = mm(3) * min(s, 1.5)
    inner = W - 2 * margin
    reqs = panel_requests(req)
    frames = [paint.frame_for(engine, r) for r in reqs]
    states = [key_state(ctx.table, f) for f in frames]
    kind = map_kind_of(req.mode, req.pov)
    if req.view == "compare":
        kinds = {map_kind_of(r.mode, r.pov) for r in reqs}
        kind = kinds.pop() if len(kinds) == 1 else "government" if "government" in kinds else kind
    rows = tuple(key_rows(states[0].merge(states[1]) if len(states) > 1 else states[0], kind, lang))
    if not req.unit:  # the whole view always has islands smaller than their pattern (Moneron, Shumshu …)
        rows += (KeyRow("note", None, t("Small squares: islands too small to show their pattern, drawn in their own "
                                        "fill, pattern and outline."), PROXY_NOTE),)
    title, subtitle = caption.titles(engine, req)
    if req.view == "compare":
        title = t("{a} | {b}", a=_panel_title(engine, reqs[0]), b=_panel_title(engine, reqs[1]))
        subtitle = t("Two maps, one key")
    proj_note = caption.projection_note(lang, SCALE_LAT)
    narrow = W < mm(120)
    cap_paras = caption.caption_lines(engine, req, proj_note, 3 if narrow else caption.MAX_SOURCES, 1 if narrow else 2)

    title_lines = wrap(title, ty.title, inner, bold=True)
    sub_lines = wrap(subtitle, ty.sub, inner)
    head_h = len(title_lines) * ty.title * 1.22 + len(sub_lines) * ty.sub * 1.3 + margin * 0.5
    cap_lines: list[str] = []
    for para in cap_paras:
        cap_lines += wrap(para, ty.caption, inner)
    cap_h = len(cap_lines) * ty.caption * 1.28 + margin * 0.6
    wide = W / H >= 1.15
    two = req.view == "compare"
    top = margin + head_h
    def fit(height: float) -> KeyPlan | None:
        return plan_key(list(rows), ty, margin, inner, top, height - margin - cap_h, wide, two, s)

    plan = fit(H)
    while plan is None and req.size in GROWS and H < mm(MAX_GROWN_MM):
        # a journal fixes a column's width, not a figure's height: the page grows until the key fits
        H = min(H + mm(5), mm(MAX_GROWN_MM))
        plan = fit(H)
    if plan is None:  # a custom page too small for its words: refused rather than overprinted
        high = next((h for h in range(int(page.height_mm) + 1, int(MAX_MM) + 1) if fit(mm(h))), None)
        advice = f"make the page at least {high} mm high" if high else f"make it at least {MIN_MAP_MM + 20:g} mm wide"
        raise ExportParamError(
            "height_mm" if req.size == "custom" else "size",
            f"{page.width_mm:g} × {page.height_mm:g} mm leaves no room for a map of {MIN_MAP_MM:g} mm beside its "
            f"title, key and caption at 6–7 pt; {advice}", "a larger custom size, or single / double / slide")
    page = replace(page, height_mm=H / 96 * 25.4)
    map_area, key_box, cols = plan.map_area, plan.key_box, plan.cols
    ty.key = plan.size
    sw = ty.key * 1.6

    # panels
    panels: list[Panel] = []
    ptitle_h = ty.sub * 1.5 if two else 0.0
    mx, my, mw, mh = map_area
    if two and wide:
        gap = margin
        boxes = [(mx, my + ptitle_h, (mw - gap) / 2, mh - ptitle_h),
                 (mx + (mw + gap) / 2, my + ptitle_h, (mw - gap) / 2, mh - ptitle_h)]
    elif two:
        gap = margin * 0.6
        ph = (mh - gap) / 2
        boxes = [(mx, my + ptitle_h, mw, ph - ptitle_h), (mx, my + ph + gap + ptitle_h, mw, ph - ptitle_h)]
    else:
        boxes = [map_area]
    for r, f, box in zip(reqs, frames, boxes, strict=True):
        lon, lat, with_inset = view_of(engine, ctx, r)
        if r.unit:
            lon, lat = fill_box(lon, lat, box)
        panels.append(Panel(r, f, box, lon, lat, _panel_title(engine, r) if two else "",
                            _inset_box(box, s) if with_inset else None,
                            line_status={ln.id: ln.status for ln in f.lines}))

    data: list[dict] = []
    ann: list[dict] = []
    on_map: list[int] = []  # the annotations drawn over the map (labels, scale texts): only these get a halo
    shapes: list[dict] = []
    finish_styles: dict[str, dict] = {}
    layout_geo: dict[str, dict] = {}
    placed_all: list = []
    label_places: dict[str, dict] = {}  # per subplot: territory id -> its px geometry, as the placer saw it
    proxies_all: list = []  # per main subplot: the proxy symbols drawn (app/cartography/symbols.py)
    width_scale = max(0.5, min(1.4, min(b[2] for b in boxes) / 520 * max(1.0, s * 0.8)))
    pattern_scale = max(0.5, min(1.0, width_scale * 1.1))

    def fx(x: float) -> float:
        return x / W

    def fy(y: float) -> float:
        return 1 - y / H

    def text_ann(text: str, x: float, y: float, size: float, anchor: str = "left", v: str = "top",
                 bold: bool = False, colour: str = styles.INK, **extra: Any) -> dict:
        return {"text": f"<b>{esc(text)}</b>" if bold else esc(text), "x": fx(x), "y": fy(y), "xanchor": anchor,
                "yanchor": v, "font": {"size": size, "color": colour}, **extra}

    geo_n = 0
    for pi, pan in enumerate(panels):
        offset = pi * PANEL_SENTINELS
        bx, by, bw, bh = pan.box
        subplots = [("main", (bx, by, bw, bh), pan.lon, pan.lat)]
        if pan.inset is not None:
            subplots.append(("inset", pan.inset, *inset_ranges(pan.inset)))
        panel_main_gid = "geo" if geo_n == 0 else f"geo{geo_n + 1}"
        for role, (gx, gy, gw, gh), lon, lat in subplots:
            geo_n += 1
            gid = "geo" if geo_n == 1 else f"geo{geo_n}"
            tol = geometry.print_tolerance(gw, gh, lon, lat)
            box = geometry.view_box(lon, lat, 0.4 if role == "inset" or pan.req.unit else geometry.CLIP_MARGIN)
            layers = geometry.layers_for(ctx.fc, tol, box)
            domain = {"x": [fx(gx), fx(gx + gw)], "y": [fy(gy + gh), fy(gy)]}
            view = print_view(tuple(lon), tuple(lat))
            layout_geo[gid] = {"domain": domain, "visible": False, "bgcolor": styles.SEA, "showframe": False,
                               **view}
            frame_rect = {"type": "rect", "xref": "paper", "yref": "paper", "x0": domain["x"][0],
                          "x1": domain["x"][1], "y0": domain["y"][0], "y1": domain["y"][1]}
            if role == "inset":  # a white ground under the inset's map, hiding the main map there
                shapes.append({**frame_rect, "line": {"width": 0}, "fillcolor": "#FFFFFF", "layer": "below"})
            shapes.append({**frame_rect, "line": {"color": "#555555" if role == "inset" else "#777777",
                                                  "width": 0.8 if role == "inset" else 0.6},
                           "fillcolor": "rgba(0,0,0,0)", "layer": "above"})
            data.append({"type": "choropleth", "geo": gid, "geojson": {"type": "FeatureCollection",
                                                                       "features": layers.base},
                         "featureidkey": "properties.id", "locations": [f["properties"]["id"] for f in layers.base],
                         "z": [0] * len(layers.base), "showscale": False, "hoverinfo": "skip",
                         "colorscale": [[0, styles.CONTEXT_LAND], [1, styles.CONTEXT_LAND]],
                         "marker": {"line": {"color": styles.CONTEXT_LINE, "width": stroke(0.5 * width_scale)}}})
            locs = [loc for loc in ctx.table["locations"] if loc in layers.shapes]
            index = {loc: i for i, loc in enumerate(ctx.table["locations"])}
            if locs:
                data.append({"type": "choropleth", "geo": gid, "hoverinfo": "skip", "showscale": False,
                             "geojson": {"type": "FeatureCollection", "features": [layers.shapes[x] for x in locs]},
                             "featureidkey": "properties.id", "locations": locs,
                             "z": list(range(len(locs))), "zmin": -0.5, "zmax": len(locs) - 0.5,
                             "colorscale": _discrete([sentinel(offset + index[x]) for x in locs]),
                             "marker": {"line": {"color": "#FFFFFF", "width": 0.8}}})
            for line in pan.frame.lines:
                if line.id in layers.lines:
                    style = styles.line_style(styles.LinePaint(line.status != "proposed"))
                    lons, lats = layers.lines[line.id]
                    data.append({"type": "scattergeo", "geo": gid, "lon": lons, "lat": lats, "mode": "lines",
                                 "hoverinfo": "skip", "line": {"color": style["stroke"],
                                                               "width": stroke(style["width"] * width_scale * 0.8),
                                                               "dash": _dash(style["dash"])}})
            project = MapProjection.in_figure(view, (gx, gy, gw, gh), (W, H))
            blocked = []
            symbols = []
            if role == "inset":
                blocked.append((gx, gy, gx + text_width(t("Southern Kurils"), ty.small, True) + 6,
                                gy + ty.small * 1.6))
            if role == "main" and pan.inset is not None:
                ix, iy, iw, ih = pan.inset
                blocked.append((ix - 2, iy - 2, ix + iw + 2, iy + ih + 2))
                # the inset's area on the main map: a locator frame, its places named in the inset only
                ilon, ilat = inset_ranges(pan.inset)
                corners = [project(lo, la) for lo in ilon for la in ilat]
                blocked.append((min(c[0] for c in corners), min(c[1] for c in corners),
                                max(c[0] for c in corners), max(c[1] for c in corners)))
                data.append({"type": "scattergeo", "geo": gid, "mode": "lines", "hoverinfo": "skip",
                             "lon": [ilon[0], ilon[1], ilon[1], ilon[0], ilon[0]],
                             "lat": [ilat[0], ilat[0], ilat[1], ilat[1], ilat[0]],
                             "line": {"color": "#555555", "width": 0.8}})
            sb = _scale_bar(project, (gx, gy, gw, gh), ty)
            for x0_, y0_, x1_, y1_ in sb["segments"]:
                shapes.append({"type": "line", "xref": "paper", "yref": "paper", "x0": fx(x0_), "y0": fy(y0_),
                               "x1": fx(x1_), "y1": fy(y1_), "line": {"color": styles.INK, "width": 1.0}})
            for text, x, y, anchor in sb["texts"]:
                on_map.append(len(ann))
                ann.append(text_ann(text, x, y, ty.small, anchor, "bottom"))
            blocked.append(sb["box"])
            if role == "main" and not pan.req.unit:
                symbols = _proxies(ctx.fc, project, (gx, gy, gw, gh), blocked, layers, pattern_scale, s)
                for item in symbols:
                    half = item.size_px / 2
                    shapes.append({"type": "rect", "xref": "paper", "yref": "paper", "x0": fx(item.x - half),
                                   "x1": fx(item.x + half), "y0": fy(item.y + half), "y1": fy(item.y - half),
                                   "fillcolor": sentinel(offset + index[item.loc]), "line": {"width": 0},
                                   "layer": "above"})
                proxies_all.append((gid, symbols))
            names = set()
            for lab in ctx.table["labels"]:
                inside_inset = INSET_LON[0] <= lab["lon"] <= INSET_LON[1] and INSET_LAT[0] <= lab["lat"] <= \
                    INSET_LAT[1]
                if role == "main" and pan.inset is not None and inside_inset:
                    continue
                if role == "inset" and not inside_inset:
                    continue
                if role == "main" and lab["tier"] >= paint.PRINT_ONLY_TIER and not pan.req.unit:
                    continue
                names.add(lab["id"])
            frame = (gx, gy, gx + gw, gy + gh)
            placed = place([spec for spec in label_specs(ctx.fc) if spec.id in names], project, frame,
                           pan.frame.labels, {tier: ty.label for tier in (1, 2, 3, 4)},
                           _territories(layers, project), [(b[0], b[1], b[2] - b[0], b[3] - b[1]) for b in blocked],
                           [(p.id, p.x, p.y, p.size_px * 0.75) for p in symbols],
                           max_leader=mm(MAX_LEADER_MM) * min(s, 1.5))
            placed_all.append((gid, placed, frame))
            label_places[gid] = {fid: g for fid, g in _territories(layers, project)}
            for pl in placed:
                italic = pl.id.startswith(("sea_", "label_strait"))
                on_map.append(len(ann))
                x = pl.x if pl.align == "left" else pl.x + pl.w if pl.align == "right" else pl.x + pl.w / 2
                ann.append({"text": f"<i>{esc(pl.text)}</i>" if italic else esc(pl.text), "x": fx(x),
                            "y": fy(pl.y + pl.h / 2), "xanchor": pl.align, "yanchor": "middle",
                            "font": {"size": ty.label, "color": "#2B4A63" if italic else styles.INK}})
                if pl.leader_px:
                    (x0_, y0_), (x1_, y1_) = pl.leader_px
                    shapes.append({"type": "line", "xref": "paper", "yref": "paper", "x0": fx(x0_), "y0": fy(y0_),
                                   "x1": fx(x1_), "y1": fy(y1_), "line": {"color": "#444444", "width": 0.5}})
            if role == "inset":
                inset_title = t("Southern Kurils")
                if text_width(inset_title, ty.small, True) < gw - 6:
                    on_map.append(len(ann))
                    ann.append(text_ann(inset_title, gx + 3, gy + 2, ty.small, v="top", bold=True))
        drawn_main = label_places.get(panel_main_gid, {})
        for i, loc in enumerate(ctx.table["locations"]):
            k = ctx.table["keys"][pan.frame.keys[i]]
            width = (k["width"] or 0) * width_scale
            if loc in drawn_main:  # an outline marker never outweighs the fill of a thin island
                shape_ = drawn_main[loc]
                width = min(width, THIN_OUTLINE * 2 * shape_.area / max(shape_.length, 1e-9))
            st = {"fill": k["fill"], "pattern": k["pattern"], "stroke": k["stroke"],
                  "width": stroke(width), "dash": k["dash"], "opacity": 1.0}
            if pan.frame.diff is not None:
                if pan.frame.diff[i]:
                    st.update(stroke="#000000", width=max(st["width"], 2.5 * width_scale), dash="")
                else:
                    st["opacity"] = 0.3
            finish_styles[sentinel(offset + i)] = st
        if pan.title:
            ann.append(text_ann(pan.title, bx, by - ptitle_h + 1, ty.sub, bold=True))

    # title block
    y = margin
    for line in title_lines:
        ann.append(text_ann(line, margin, y, ty.title, bold=True))
        y += ty.title * 1.22
    for line in sub_lines:
        ann.append(text_ann(line, margin, y, ty.sub, colour="#333333"))
        y += ty.sub * 1.3
    # key
    kx, ky, kw, _kh = key_box
    col_w = (kw - margin * (len(cols) - 1)) / len(cols)
    sid = 3 * PANEL_SENTINELS
    for c, col in enumerate(cols):
        x = kx + c * (col_w + margin)
        yy = ky
        for row, lines, h in col:
            if row.kind == "header":
                ann.append({**text_ann("", x, yy + ty.key * 0.35, ty.key), "align": "left",
                            "text": "<br>".join(f"<b>{esc(line)}</b>" for line in lines)})
                yy += h
                continue
            cy = yy + h / 2
            if row.kind == "note":  # whose marker it is: words under the marker's row, no symbol
                ann.append({"text": "<br>".join(f"<i>{esc(t_)}</i>" for t_ in lines), "x": fx(x + sw + 5),
                            "y": fy(cy), "xanchor": "left", "yanchor": "middle", "align": "left",
                            "font": {"size": ty.key, "color": styles.INK}})
                yy += h
                continue
            if row.kind == "swatch":
                sid += 1
                shapes.append({"type": "rect", "xref": "paper", "yref": "paper", "x0": fx(x + 1),
                               "x1": fx(x + 1 + sw), "y0": fy(cy + sw / 2), "y1": fy(cy - sw / 2),
                               "fillcolor": sentinel(sid), "line": {"color": styles.INK, "width": 0.5},
                               "layer": "above"})
                style = {**row.style, "opacity": 1.0,
                         "width": min(row.style.get("width") or 0.6, 2.0)}
                if style["stroke"] in ("#FFFFFF", "rgba(0,0,0,0)"):
                    style = {**style, "stroke": "#8C8C8C", "width": 0.5}
                finish_styles[sentinel(sid)] = style
            else:
                shapes.append({"type": "line", "xref": "paper", "yref": "paper", "x0": fx(x + 1),
                               "x1": fx(x + 1 + sw), "y0": fy(cy), "y1": fy(cy),
                               "line": {"color": row.style["stroke"], "width": stroke(row.style["width"] * 0.7),
                                        "dash": _dash(row.style["dash"])}})
            ann.append({"text": "<br>".join(esc(t_) for t_ in lines), "x": fx(x + sw + 5), "y": fy(cy),
                        "xanchor": "left", "yanchor": "middle", "align": "left",
                        "font": {"size": ty.key, "color": styles.INK}})
            yy += h
    # caption
    cy0 = H - margin * 0.5 - len(cap_lines) * ty.caption * 1.28
    ann.append({"text": "<br>".join(esc(x) for x in cap_lines), "x": fx(margin), "y": fy(cy0), "xanchor": "left",
                "yanchor": "top", "align": "left", "font": {"size": ty.caption, "color": "#222222"}})
    shapes.append({"type": "line", "xref": "paper", "yref": "paper", "x0": fx(margin), "x1": fx(W - margin),
                   "y0": fy(cy0 - ty.caption * 0.35), "y1": fy(cy0 - ty.caption * 0.35),
                   "line": {"color": "#999999", "width": 0.5}})
    layout = {"width": W, "height": H, "margin": {"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0}, "showlegend": False,
              "paper_bgcolor": "#FFFFFF", "font": {"family": font, "color": styles.INK},
              "annotations": [{"xref": "paper", "yref": "paper", "showarrow": False, "borderpad": 0, **a}
                              for a in ann],
              "shapes": shapes, **layout_geo}
    meta = {"finish": finish_styles, "title": title, "subtitle": subtitle, "caption": "\n".join(cap_paras),
            "W": W, "H": H, "page": page, "key_box": key_box, "caption_top": cy0 - ty.caption * 0.35,
            "pattern_scale": pattern_scale, "labels": placed_all, "proxies": proxies_all,
            "label_places": label_places,
            "key_rows": rows, "lang": lang, "panels": panels, "halo": on_map}
    return {"data": data, "layout": layout}, meta


def _proxies(fc: dict, project: MapProjection, frame: tuple, blocked: list, layers: geometry.PrintLayers,
             pattern_scale: float, s: float) -> list:
    """The page's proxy symbols (app/cartography/symbols.py) for the islands smaller than a pattern tile at this
    size, in the frame and off the inset and scale bar: each a square in its island's own paint."""
    gx, gy, gw, gh = frame
    out = []
    for item in proxy_items(project, fc, size_px=mm(PROXY_MM) * min(s, 1.5), below_px=PATTERN_TILE_PX * pattern_scale):
        if not item.shown or item.loc not in layers.shapes or not (gx < item.x < gx + gw and gy < item.y < gy + gh):
            continue
        if any(b[0] <= item.x <= b[2] and b[1] <= item.y <= b[3] for b in blocked):
            continue
        item = _clear_of(item, blocked)  # a square across the inset's edge printed the frame line through it
        if item is None:
            continue
        if any(abs(item.x - o.x) < o.size_px and abs(item.y - o.y) < o.size_px for o in out):
            continue  # neighbours (Shumshu, Atlasov) share the first one's square rather than overprint it
        out.append(item)
    return out


def _clear_of(item: Any, blocked: list) -> Any:
    """The square moved just off any box it overlaps (the inset, the scale bar), by at most its size so it stays
    beside its island; None when that is not enough."""
    half = item.size_px / 2
    for _ in range(len(blocked) + 1):
        hit = next((b for b in blocked if item.x - half < b[2] and b[0] < item.x + half
                    and item.y - half < b[3] and b[1] < item.y + half), None)
        if hit is None:
            return item
        moves = [(hit[1] - half - 0.5 - item.y, "y"), (hit[3] + half + 0.5 - item.y, "y"),
                 (hit[0] - half - 0.5 - item.x, "x"), (hit[2] + half + 0.5 - item.x, "x")]
        step, axis = min(moves, key=lambda m: abs(m[0]))
        if abs(step) > item.size_px:
            return None
        item = replace(item, **{axis: getattr(item, axis) + step})
    return None


_TERRITORIES: dict[tuple, list] = {}


def _territories(layers: geometry.PrintLayers, proj: MapProjection) -> list:
    """The map's territories in page px (request-independent: cached per layers and projection)."""
    key = (id(layers), repr(proj))
    found = _TERRITORIES.get(key)
    if found is None:
        if len(_TERRITORIES) > 64:
            _TERRITORIES.clear()
        found = _TERRITORIES[key] = territories_px(
            ((fid, f["geometry"]) for fid, f in layers.shapes.items() if f["properties"].get("layer") == "territory"),
            proj)
    return found


def _panel_title(engine: Any, r: ExportRequest) -> str:
    title, sub = caption.titles(engine, r)
    if r.mode == "event":
        return title
    return f"{caption.view_label(engine, r.pov, shown_date(engine, r), r.lang)}, {title}"


def inset_ranges(box: tuple) -> tuple[tuple[float, float], tuple[float, float]]:
    """The inset's lon/lat ranges: INSET_LON × INSET_LAT widened to the box's shape, so the map fills it."""
    return fill_box(INSET_LON, INSET_LAT, box)


def fill_box(lon: tuple[float, float], lat: tuple[float, float], box: tuple
             ) -> tuple[tuple[float, float], tuple[float, float]]:
    """lon/lat ranges widened to the box's shape: Plotly draws only inside the ranges, so a range narrower than its
    box would leave the rest of the frame blank (and the placer would name places that are not drawn)."""
    _x, _y, w, h = box
    lat_span = lat[1] - lat[0]
    lon_span = lon[1] - lon[0]
    want = w / h * lat_span / math.cos(math.radians(sum(lat) / 2))
    if want > lon_span:
        mid = sum(lon) / 2
        return (round(mid - want / 2, 4), round(mid + want / 2, 4)), tuple(lat)
    grow = lon_span * math.cos(math.radians(sum(lat) / 2)) * h / w
    mid = sum(lat) / 2
    return tuple(lon), (round(mid - grow / 2, 4), round(mid + grow / 2, 4))


def _inset_box(box: tuple, s: float) -> tuple[float, float, float, float]:
    """The inset in the map's south-east corner (open Pacific in the whole view)."""
    bx, by, bw, bh = box
    iw = min(max(min(bw * 0.36, bh * 0.5), mm(34)), bw * 0.5)
    ih = iw * 0.78
    return bx + bw - iw, by + bh - ih, iw, ih


def _nice_km(max_km: float) -> int:
    for v in (500, 300, 200, 100, 50, 40, 30, 20, 10, 5, 2, 1):
        if v <= max_km:
            return v
    return 1


def _scale_bar(proj: MapProjection, box: tuple, ty: Type) -> dict:
    """A straight scale bar in the subplot's lower-left, measured on SCALE_LAT, where the scale is true."""
    gx, gy, gw, gh = box
    km_px = proj.km_per_px(SCALE_LAT)
    km = _nice_km(gw * 0.25 * km_px)
    length = km / km_px
    x0 = gx + 4 + ty.small * 0.5
    y0 = gy + gh - 5
    tick = 3.5
    segments = [(x0, y0, x0 + length, y0), (x0, y0, x0, y0 - tick), (x0 + length, y0, x0 + length, y0 - tick),
                (x0 + length / 2, y0, x0 + length / 2, y0 - tick * 0.6)]
    label = f"{km} km"
    texts = [("0", x0, y0 - tick - 0.5, "center"), (label, x0 + length, y0 - tick - 0.5, "center")]
    w = text_width(label, ty.small)
    return {"segments": segments, "texts": texts,
            "box": (x0 - ty.small, y0 - tick - ty.small * 1.35, x0 + length + w / 2 + 2, y0 + 2)}


def _discrete(colours: list[str]) -> list:
    n = len(colours)
    if n == 1:
        return [[0, colours[0]], [1, colours[0]]]
    out = []
    for i, c in enumerate(colours):
        out += [[i / n, c], [(i + 1) / n, c]]
    return out


def _dash(dash: str) -> str:
    if not dash:
        return "solid"
    return ",".join(f"{float(p):g}px" for p in dash.split())


# ------------------------------------------------------------------------------------------ export
@dataclass
class ExportResult:
    data: bytes
    filename: str
    mimetype: str
    title: str
    caption: str
    svg: str
    timings: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict, repr=False)


def compose_svg(engine: Any, req: ExportRequest) -> tuple[str, dict]:
    from app.export import render

    fig, meta = build_figure(engine, req)
    raw = render.render(fig, "svg", meta["W"], meta["H"]).decode("utf-8")
    return finish.finish_svg(raw, meta, req.grayscale), meta


def export_figure(engine: Any, req: ExportRequest) -> ExportResult:
    """Validate, compose, render, finish: the file bytes of one export."""
    req = validate(engine, req)
    t0 = time.perf_counter()
    svg, meta = compose_svg(engine, req)
    t1 = time.perf_counter()
    page = meta["page"]
    if req.fmt == "svg":
        data = (finish.text_as_paths(svg) if req.text == "paths" else svg).encode("utf-8")
    elif req.fmt == "pdf":
        data = finish.to_pdf(svg, finish.PdfInfo(title=meta["title"], subject=meta["subtitle"],
                                                 keywords=_keywords(engine, req), caption=meta["caption"],
                                                 lang=req.lang))
    else:
        w, h = check_pixels(page, req.dpi)
        data = finish.to_png(svg, w, h, req.dpi)
    t2 = time.perf_counter()
    return ExportResult(data=data, filename=filename(engine, req), mimetype=MIME[req.fmt], title=meta["title"],
                        caption=meta["caption"], svg=svg, timings={"svg": t1 - t0, "convert": t2 - t1}, meta=meta)


def _keywords(engine: Any, req: ExportRequest) -> list[str]:
    words = ["Sakhalin", "Kuril Islands", "Shikotan", "Habomai", "Japan", "Russia", "USSR",
             shown_date(engine, req).isoformat(), caption.pov_label(req.pov, "en", engine, shown_date(engine, req))]
    if req.event:
        words.append(caption.event_title(engine, req.event, "en"))
    return words


__all__ = ["ExportRequest", "ExportResult", "ExportParamError", "export_figure", "validate", "filename",
           "compose_svg", "build_figure"]
