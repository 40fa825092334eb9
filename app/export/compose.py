"""The export figure: the map of one URL state from the full-resolution layers, with a title, a legend,
a scale bar, a caption line (date, point of view, sources by short key), the coastline attribution, the
app version and the permalink of the view.

It renders from the state (the engine), never from the screen: the paint of every territory, strait,
zone and line comes from the same paint table as the page (`app.cartography.paint_table.build_table`) and the same
styles (`app.styles`: fills, pattern tiles, outlines), looked up exactly as assets/map_paint.js does.

How patterns get into a static file: plotly's choropleth has no pattern fill, so every painted location
and every legend swatch is drawn with a unique *sentinel* colour (rgb(1, hi, lo)); kaleido renders the
SVG, and `_finish_svg` swaps each sentinel for the page's fill, `<pattern>` tile, outline and dash.
PDF and PNG are then rendered from that finished SVG (render.svg_to), so all three formats agree.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

import app
from app import styles
from app import url_state as us
from app.export import render
from app.export.sizes import MIME, PageSize, check_pixels, page_size

LANGS = ("en", "ja", "ru", "zh")
NAMES = ("both", "ja", "ru", "en")
ATTRIBUTION = "Coastlines: GSHHG 2.3.6 (Wessel & Smith 1996), LGPL-3.0"
DEFAULT_BASE_URL = "http://127.0.0.1:8050/"
# The page's view (app/figures.py GEO_VIEW); geometry further than CLIP_MARGIN outside is dropped.
VIEW_LON = (137.0, 158.5)
VIEW_LAT = (41.2, 54.6)
CLIP_MARGIN = 1.5
PROJECTION = {"type": "conic conformal", "parallels": [44, 52], "rotation": {"lon": 146}}
SCALE_BAR = {"lat": 44.0, "lon0": 137.6, "km": 200}  # on a standard parallel: the scale is true there
FONT = {"en": "Noto Sans, Noto Sans CJK JP, sans-serif", "ru": "Noto Sans, Noto Sans CJK JP, sans-serif",
        "ja": "Noto Sans CJK JP, Noto Sans, sans-serif", "zh": "Noto Sans CJK SC, Noto Sans, sans-serif"}

# ------------------------------------------------------------------------------------------ words
T = {
    "pov": {
        "de_facto": {"en": "De facto control", "ja": "実効支配", "ru": "Фактический контроль", "zh": "实际控制"},
        "japan": {"en": "Japan's view", "ja": "日本の立場", "ru": "Позиция Японии", "zh": "日本的立场"},
        "russia": {"en": "Russia's / the USSR's view", "ja": "ロシア・ソ連の立場", "ru": "Позиция России / СССР",
                   "zh": "俄国／苏联的立场"},
        "usa": {"en": "The USA's view", "ja": "米国の立場", "ru": "Позиция США", "zh": "美国的立场"},
    },
    "provides": {"en": "What it provides", "ja": "規定内容", "ru": "Что предусматривает", "zh": "所规定的内容"},
    "had_effect": {"en": "had it taken effect", "ja": "発効していた場合", "ru": "если бы вступило в силу",
                   "zh": "假如生效"},
    "disagree": {"en": "where the points of view disagree", "ja": "立場が食い違う所",
                 "ru": "где позиции расходятся", "zh": "各方立场分歧之处"},
    "h_colour": {"en": "Colour = actor", "ja": "色＝主体", "ru": "Цвет = сторона", "zh": "颜色＝主体"},
    "h_status": {"en": "Status", "ja": "状態", "ru": "Статус", "zh": "状态"},
    "h_straits": {"en": "Strait zones", "ja": "海峡", "ru": "Проливы", "zh": "海峡"},
    "h_lines": {"en": "Lines", "ja": "線", "ru": "Линии", "zh": "界线"},
    "sovereignty": {"en": "Solid fill: sovereign control", "ja": "塗り：主権による支配",
                    "ru": "Заливка: суверенитет", "zh": "实心：主权控制"},
    "military_occupation": {"en": "White dots: military occupation", "ja": "白点：軍事占領",
                            "ru": "Белые точки: военная оккупация", "zh": "白点：军事占领"},
    "administration": {"en": "White rules: administration", "ja": "白線：施政", "ru": "Белые линии: управление",
                       "zh": "白线：行政管理"},
    "undetermined": {"en": "Grey cross-hatch: sovereignty undetermined / renounced",
                     "ja": "灰色格子：帰属未定・放棄", "ru": "Серая сетка: суверенитет не определён / отказ",
                     "zh": "灰色网格：主权未定／放弃"},
    "claims": {"en": "Stripes: claimed by the stripes' colour", "ja": "斜線：斜線の色の主体が領有を主張",
               "ru": "Полосы: притязания стороны цвета полос", "zh": "斜线：斜线颜色一方主张主权"},
    "promised": {"en": "Dashed outline: promised to the outline's colour",
                 "ja": "破線の輪郭：輪郭の色の主体へ引渡し約束",
                 "ru": "Штриховой контур: обещано стороне цвета контура", "zh": "虚线轮廓：承诺移交给轮廓颜色一方"},
    "proposed": {"en": "Dotted outline: a draft / proposal would give it to",
                 "ja": "点線の輪郭：草案・提案による帰属先",
                 "ru": "Пунктирный контур: по проекту / предложению отошло бы", "zh": "点线轮廓：草案／提案拟归属"},
    "diff": {"en": "Heavy black outline (others faded): the points of view disagree",
             "ja": "太い黒輪郭（他は淡色）：立場が食い違う",
             "ru": "Жирный чёрный контур (прочие бледнее): позиции расходятся",
             "zh": "粗黑轮廓（其余淡化）：各方立场分歧"},
    "line_on": {"en": "Boundary / line in force", "ja": "有効な境界線", "ru": "Действующая граница / линия",
                "zh": "有效的边界线"},
    "line_off": {"en": "Line not in force", "ja": "無効の線", "ru": "Недействующая линия", "zh": "未生效的界线"},
    "sources": {"en": "Sources", "ja": "出典", "ru": "Источники", "zh": "来源"},
    "none_src": {"en": "none in force", "ja": "なし", "ru": "нет", "zh": "无"},
    "scale_note": {"en": "scale true at 44° N", "ja": "北緯44度で正距", "ru": "масштаб верен на 44° с. ш.",
                   "zh": "北纬44°处比例准确"},
    "view": {"en": "View", "ja": "表示", "ru": "Вид", "zh": "视图"},
}
REGIME_T = {
    "free_navigation": {"ja": "自由航行", "ru": "Свободное судоходство", "zh": "自由航行"},
    "no_fortification": {"ja": "非要塞化", "ru": "Без укреплений", "zh": "不设防"},
    "demilitarised": {"ja": "非武装", "ru": "Демилитаризация", "zh": "非军事化"},
    "closed_to_foreign_warships": {"ja": "外国軍艦の通航禁止", "ru": "Закрыт для иностранных военных кораблей",
                                   "zh": "禁止外国军舰通行"},
    "fishing_rights": {"ja": "漁業権", "ru": "Права на рыболовство", "zh": "捕鱼权"},
    "fishing_limit": {"ja": "漁業制限", "ru": "Ограничение рыболовства", "zh": "捕鱼限制"},
}
MONTHS = {"en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"],
          "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                 "октября", "ноября", "декабря"]}


def tr(key: str, lang: str) -> str:
    entry = T[key]
    return entry.get(lang) or entry["en"]


def group_label(group: str, lang: str) -> str:
    """An actor group's name exactly as the page's legend says it (app.styles + the UI catalogues),
    including "No stated position" for the group "none"."""
    return styles.group_label(group, lang)


def regime_label(regime: str, lang: str) -> str:
    if lang == "en":
        return styles.REGIME_LABELS.get(regime, regime)
    return REGIME_T.get(regime, {}).get(lang) or styles.REGIME_LABELS.get(regime, regime)


def long_date(date: dt.date, lang: str) -> str:
    if lang in ("ja", "zh"):
        return f"{date.year}年{date.month}月{date.day}日"
    if lang == "ru":
        return f"{date.day} {MONTHS['ru'][date.month - 1]} {date.year} г."
    return f"{date.day} {MONTHS['en'][date.month - 1]} {date.year}"


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "map"


def event_slug(event_id: str) -> str:
    """san_francisco_treaty_1951 -> san-francisco-treaty; us_draft_1951_03 -> us-draft."""
    parts = event_id.split("_")
    while len(parts) > 1 and parts[-1].isdigit():
        parts.pop()
    return slug("-".join(parts))


# ------------------------------------------------------------------------------------------ request
class ExportParamError(ValueError):
    def __init__(self, parameter: str, message: str, allowed: str = "") -> None:
        super().__init__(message)
        self.parameter, self.message, self.allowed = parameter, message, allowed


@dataclass(frozen=True)
class ExportRequest:
    """What to export: the URL state (date, mode, pov, diff, event, names) plus the file options."""

    date: dt.date = us.DEFAULT_DATE
    mode: str = "date"
    pov: str = "de_facto"
    diff: bool = False
    event: str | None = None
    unit: str | None = None
    names: str = "both"
    lang: str = "en"
    fmt: str = "svg"
    size: str = "double"
    width_mm: float | None = None
    height_mm: float | None = None
    dpi: int = 300
    grayscale: bool = False
    base_url: str = DEFAULT_BASE_URL
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def page(self) -> PageSize:
        return page_size(self.size, self.width_mm, self.height_mm)

    def url_state(self) -> us.UrlState:
        names = self.names if self.names in us.NAMES else "both"
        return us.UrlState(date=self.shown_date_raw, mode=self.mode, pov=self.pov, diff=self.diff,
                           event=self.event, unit=self.unit, names=names)

    @property
    def shown_date_raw(self) -> dt.date:
        return self.date

    def permalink(self) -> str:
        return self.base_url.rstrip("/") + "/" + us.serialise(self.url_state())


def validate(engine: Any, req: ExportRequest) -> ExportRequest:
    """Check every field against the engine; raise ExportParamError naming the parameter."""
    if req.fmt not in MIME:
        raise ExportParamError("format", f"unknown format {req.fmt!r}", "svg, pdf, png")
    if not (us.MIN_DATE <= req.date <= us.MAX_DATE):
        raise ExportParamError("date", f"date {req.date.isoformat()} is outside the map's range "
                               f"{us.MIN_DATE.isoformat()} … {us.MAX_DATE.isoformat()}",
                               f"a date YYYY-MM-DD from {us.MIN_DATE.isoformat()} to {us.MAX_DATE.isoformat()}")
    if req.mode not in us.MODES:
        raise ExportParamError("mode", f"unknown mode {req.mode!r}", ", ".join(us.MODES))
    if us.normalise_pov(req.pov) != req.pov:
        req = replace(req, pov=us.normalise_pov(req.pov))
    if req.pov not in us.POVS:
        raise ExportParamError("pov", f"unknown point of view {req.pov!r}", ", ".join(us.POVS))
    if req.event is not None and req.event not in engine.events:
        raise ExportParamError("event", f"unknown event {req.event!r}", "an event id (GET /api/events)")
    if req.mode == "event" and req.event is None:
        raise ExportParamError("event", "mode=event needs an event", "an event id (GET /api/events)")
    if req.unit is not None and req.unit not in engine.units:
        raise ExportParamError("unit", f"unknown territory {req.unit!r}", ", ".join(engine.units))
    if req.names not in NAMES:
        raise ExportParamError("names", f"unknown names convention {req.names!r}", ", ".join(NAMES))
    if req.lang not in LANGS:
        raise ExportParamError("lang", f"unknown language {req.lang!r}", ", ".join(LANGS))
    try:
        page = req.page
        if req.fmt == "png":
            check_pixels(page, req.dpi)
    except ValueError as exc:  # SizeError
        raise ExportParamError(getattr(exc, "parameter", "size"), str(exc), getattr(exc, "allowed", "")) from None
    return req


@dataclass
class ExportResult:
    data: bytes
    filename: str
    mimetype: str
    title: str
    caption: str
    svg: str
    timings: dict = field(default_factory=dict)


# ------------------------------------------------------------------------------------------ geometry
def _clip_ring(ring: list, box: tuple[float, float, float, float]) -> list:
    """Sutherland–Hodgman against a lon/lat box (edges along the box lie outside the view)."""
    x0, y0, x1, y1 = box
    pts = [(p[0], p[1]) for p in ring]

    def clip(points: list, inside, cut) -> list:
        out: list = []
        if not points:
            return out
        prev = points[-1]
        for cur in points:
            if inside(cur):
                if not inside(prev):
                    out.append(cut(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cut(prev, cur))
            prev = cur
        return out

    def at_x(x):
        return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))

    def at_y(y):
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)

    pts = clip(pts, lambda p: p[0] >= x0, at_x(x0))
    pts = clip(pts, lambda p: p[0] <= x1, at_x(x1))
    pts = clip(pts, lambda p: p[1] >= y0, at_y(y0))
    pts = clip(pts, lambda p: p[1] <= y1, at_y(y1))
    if len(pts) < 3:
        return []
    if pts[0] != pts[-1]:
        pts.append(pts[0])
    return [[round(x, 5), round(y, 5)] for x, y in pts]


def _bbox(coords: Any) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []

    def walk(c: Any) -> None:
        if c and isinstance(c[0], (int, float)):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for sub in c:
                walk(sub)

    walk(coords)
    return min(xs), min(ys), max(xs), max(ys)


def clip_feature(feature: dict, box: tuple[float, float, float, float]) -> dict | None:
    """The feature clipped to the box (polygons), or None when it lies outside; lines/points are kept."""
    geom = feature.get("geometry") or {}
    if not geom:
        return None
    bx0, by0, bx1, by1 = _bbox(geom["coordinates"])
    x0, y0, x1, y1 = box
    if bx1 < x0 or bx0 > x1 or by1 < y0 or by0 > y1:
        return None
    if bx0 >= x0 and bx1 <= x1 and by0 >= y0 and by1 <= y1:
        return feature
    if geom["type"] not in ("Polygon", "MultiPolygon"):
        return feature
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    out = []
    for poly in polys:
        exterior = _clip_ring(poly[0], box)
        if not exterior:
            continue
        holes = [h for h in (_clip_ring(r, box) for r in poly[1:]) if h]
        out.append([exterior, *holes])
    if not out:
        return None
    return {**feature, "geometry": {"type": "MultiPolygon", "coordinates": out}}


def _norm_date(value: Any) -> Any:
    text = str(value)
    if re.fullmatch(r"\d{4}", text):
        return text + "-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return text + "-01"
    return value


def _normalise_labels(fc: dict) -> dict:
    """Label name forms dated by year only ("1905") → YYYY-01-01, as app.cartography.paint_table expects full dates."""
    feats = []
    for f in fc["features"]:
        props = f.get("properties", {})
        if props.get("layer") == "label" and props.get("historical"):
            hist = [{**h, **{k: _norm_date(h[k]) for k in ("from", "to", "start", "end") if h.get(k)}}
                    for h in props["historical"]]
            f = {**f, "properties": {**props, "historical": hist}}
        feats.append(f)
    return {"type": "FeatureCollection", "features": feats}


@dataclass
class Context:
    """Everything per process and engine: full layers clipped to the view, the paint table."""

    fc: dict
    table: dict
    events: dict
    label_kind: dict[str, str]


@functools.lru_cache(maxsize=4)
def context(engine: Any) -> Context:
    from app.cartography.paint_table import build_table
    from app.layers import load_layers

    full = load_layers("full").collection
    box = (VIEW_LON[0] - CLIP_MARGIN, VIEW_LAT[0] - CLIP_MARGIN, VIEW_LON[1] + CLIP_MARGIN,
           VIEW_LAT[1] + CLIP_MARGIN)
    feats = []
    for f in _normalise_labels(full)["features"]:
        clipped = clip_feature(f, box)
        if clipped is not None:
            feats.append(clipped)
    fc = {"type": "FeatureCollection", "features": feats}
    built = build_table(engine, fc)
    kinds = {f["properties"]["id"]: f["properties"].get("kind", "") for f in feats
             if f["properties"].get("layer") == "label"}
    return Context(fc, built["table"], built["events"], kinds)


# ------------------------------------------------------------------------------------------ print resolution
# "Full resolution" for print: every vertex of the full layers that can be seen on paper. A vertex
# closer than PRINT_TOL_MM (on the page) to the line between the vertices kept around it is
# invisible at any print resolution and is dropped (Douglas–Peucker). The tolerance in degrees
# comes from the map's size on the page and the view's extent, rounded *down* to a power of two so
# that a few cached variants (per size) serve every request.
PRINT_TOL_MM = 0.05


def print_tolerance(map_w_px: float, map_h_px: float) -> float:
    """Degrees of latitude that are PRINT_TOL_MM on paper, an upper bound of the map's scale.

    The map fits VIEW_LON × VIEW_LAT into map_w × map_h CSS px; the east–west degree is shortest at
    the view's north edge, so that latitude gives the largest scale (mm per degree) anywhere.
    """
    w_mm, h_mm = map_w_px / 96 * 25.4, map_h_px / 96 * 25.4
    lon_span = (VIEW_LON[1] - VIEW_LON[0]) * math.cos(math.radians(VIEW_LAT[1]))
    lat_span = VIEW_LAT[1] - VIEW_LAT[0]
    mm_per_deg = max(w_mm / lon_span, h_mm / lat_span)
    tol = PRINT_TOL_MM / mm_per_deg
    return 2.0 ** math.floor(math.log2(tol))


_COS_SOUTH = math.cos(math.radians(VIEW_LAT[0]))  # the longest east–west degree in the view


def simplify_line(pts: list, tol: float) -> list:
    """Douglas–Peucker in (lon·cos φ_south, lat) degrees: every dropped vertex lies within `tol` of the
    kept polyline. Pure Python; endpoints kept (a closed ring stays closed)."""
    n = len(pts)
    if n < 3:
        return pts
    xs = [p[0] * _COS_SOUTH for p in pts]
    ys = [p[1] for p in pts]
    keep = [False] * n
    keep[0] = keep[-1] = True
    tol2 = tol * tol
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        ax, ay, bx, by = xs[a], ys[a], xs[b], ys[b]
        dx, dy = bx - ax, by - ay
        seg2 = dx * dx + dy * dy
        best, far = -1.0, -1
        for i in range(a + 1, b):
            px, py = xs[i] - ax, ys[i] - ay
            if seg2 == 0.0:
                d2 = px * px + py * py
            else:
                t = (px * dx + py * dy) / seg2
                t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
                ex, ey = px - t * dx, py - t * dy
                d2 = ex * ex + ey * ey
            if d2 > best:
                best, far = d2, i
        if best > tol2:
            keep[far] = True
            stack.append((a, far))
            stack.append((far, b))
    return [p for p, k in zip(pts, keep, strict=True) if k]


def _signed_area(ring: list) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:], strict=False))


def simplify_ring(ring: list, tol: float, digits: int) -> list:
    """A closed ring without its invisible vertices; kept as it is when it would degenerate or flip."""
    out = simplify_line(ring, tol)
    area = _signed_area(ring)
    if len(out) < 4 or (_signed_area(out) > 0) != (area > 0):
        out = ring
    return [[round(p[0], digits), round(p[1], digits)] for p in out]


def simplify_geometry(geom: dict, tol: float) -> dict:
    digits = max(3, math.ceil(-math.log10(tol / 8)))  # coordinate grid ≤ tol/8: no visible rounding
    kind = geom["type"]
    if kind == "Polygon":
        return {"type": kind, "coordinates": [simplify_ring(r, tol, digits) for r in geom["coordinates"]]}
    if kind == "MultiPolygon":
        return {"type": kind, "coordinates": [[simplify_ring(r, tol, digits) for r in poly]
                                              for poly in geom["coordinates"]]}
    if kind == "LineString":
        return {"type": kind, "coordinates": [[round(p[0], digits), round(p[1], digits)]
                                              for p in simplify_line(geom["coordinates"], tol)]}
    if kind == "MultiLineString":
        return {"type": kind, "coordinates": [[[round(p[0], digits), round(p[1], digits)]
                                               for p in simplify_line(part, tol)]
                                              for part in geom["coordinates"]]}
    return geom


@dataclass
class PrintLayers:
    """The request-independent part of the map at one print tolerance, built once and cached."""

    tol: float
    context_trace: dict  # the grey base land: a complete choropleth trace (minus the line width)
    shapes: dict[str, dict]  # location id -> simplified feature (territory | strait | zone)
    lines: dict[str, tuple[list, list]]  # line id -> (lons, lats) for scattergeo
    vertices: int


@functools.lru_cache(maxsize=16)
def print_layers(engine: Any, tol: float) -> PrintLayers:
    from app.figures import _line_coords

    ctx = context(engine)
    shapes: dict[str, dict] = {}
    base: list[dict] = []
    count = 0

    def simple(f: dict) -> dict:
        nonlocal count
        geom = simplify_geometry(f["geometry"], tol)
        count += _count_vertices(geom["coordinates"])
        return {**f, "geometry": geom}

    for f in ctx.fc["features"]:
        layer = f["properties"].get("layer")
        if layer == "context":
            base.append(simple(f))
        elif layer in ("territory", "strait", "zone"):
            shapes[f["properties"]["id"]] = simple(f)
    lines = {}
    for ln in ctx.table["lines"]:
        lines[ln["id"]] = _line_coords(simplify_geometry(ln["geometry"], tol))
    trace = {"type": "choropleth", "geojson": {"type": "FeatureCollection", "features": base},
             "featureidkey": "properties.id", "locations": [f["properties"]["id"] for f in base],
             "z": [0] * len(base), "colorscale": [[0, styles.CONTEXT_LAND], [1, styles.CONTEXT_LAND]],
             "showscale": False, "hoverinfo": "skip"}
    return PrintLayers(tol, trace, shapes, lines, count)


def _count_vertices(coords: Any) -> int:
    if coords and isinstance(coords[0], (int, float)):
        return 1
    return sum(_count_vertices(c) for c in coords)


# ------------------------------------------------------------------------------------------ paint
def _lookup(seg: list, day: int) -> int:
    val = seg[1][0]
    for start, v in zip(seg[0], seg[1], strict=True):
        if start <= day:
            val = v
        else:
            break
    return val


def shown_date(engine: Any, req: ExportRequest) -> dt.date:
    if req.mode == "event" and req.event:
        return _event_date(engine, req.event)
    return req.date


def _event_date(engine: Any, event_id: str) -> dt.date:
    for ev in engine.event_list():
        if ev["id"] == event_id:
            return dt.date.fromisoformat(ev["sort_date"])
    return us.DEFAULT_DATE


@dataclass
class Paint:
    keys: list[int]
    diff: list[int] | None
    lines: dict[str, bool]
    labels: list[str]
    day: int


def resolve(ctx: Context, req: ExportRequest, date: dt.date) -> Paint:
    """The paint of every location, exactly as assets/map_paint.js `resolve` + applyLines/applyLabels."""
    table = ctx.table
    day = max(0, min(us.MAX_DAY, us.day_index(date)))
    n = len(table["locations"])
    diff = None
    if req.mode == "event" and req.event in ctx.events["keys"]:
        keys = list(ctx.events["keys"][req.event])
        on = ctx.events["lines"].get(req.event, {})
        lines = {ln["id"]: bool(on.get(ln["id"])) for ln in table["lines"]}
    else:
        per = table["pov"].get(req.pov) or table["pov"]["de_facto"]
        keys = [_lookup(per[i], day) for i in range(n)]
        if req.diff:
            diff = [_lookup(table["diff"][i], day) for i in range(n)]
        lines = {ln["id"]: bool(_lookup(ln["seg"], day)) for ln in table["lines"]}
    labels = []
    for lab in table["labels"]:
        idx = 0
        for q, s in enumerate(lab["starts"]):
            if s <= day:
                idx = q
        ja, ru, en = lab["ja"][idx], lab["ru"][idx], lab["en"][idx]
        if req.names == "ja":
            labels.append(ja)
        elif req.names == "ru":
            labels.append(ru)
        elif req.names == "en":
            labels.append(en)
        else:
            labels.append(ja if ja == ru else f"{ja} / {ru}")
    return Paint(keys, diff, lines, labels, day)


def parse_key(key: str) -> dict:
    parts = key.split("|")
    if parts[0] == "T":
        holder, mode, claims, promised, proposed = (parts[1:] + [""] * 5)[:5]
        return {"kind": "T", "holder": holder, "mode": mode, "claims": [c for c in claims.split(",") if c],
                "promised": promised or None, "proposed": proposed or None}
    if parts[0] == "S":
        return {"kind": "S", "regimes": [r for r in (parts[1] if len(parts) > 1 else "").split(",") if r]}
    return {"kind": parts[0]}


# ------------------------------------------------------------------------------------------ layout
def pt(points: float) -> float:
    """Points to CSS px."""
    return points * 96 / 72


def mm(length: float) -> float:
    return length / 25.4 * 96


def sentinel(i: int) -> str:
    return f"rgb(1, {i // 256}, {i % 256})"


def text_width(text: str, size_px: float) -> float:
    w = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            w += 1.0
        elif ch in "il.,:;'|!()[] ":
            w += 0.3
        elif ch.isupper() or ch in "mwMW—":
            w += 0.68
        else:
            w += 0.54
    return w * size_px


def wrap(text: str, size_px: float, width_px: float) -> list[str]:
    """Greedy wrap on spaces (and between CJK characters)."""
    lines: list[str] = []
    line = ""
    tokens = re.findall(r"\S+\s*|\s+", text)
    for tok in tokens:
        trial = line + tok
        if text_width(trial.rstrip(), size_px) <= width_px or not line:
            if text_width(trial.rstrip(), size_px) > width_px and not line:
                # a single over-long token (CJK run, URL): cut it
                cut = ""
                for ch in tok:
                    if text_width(cut + ch, size_px) > width_px and cut:
                        lines.append(cut)
                        cut = ""
                    cut += ch
                line = cut
            else:
                line = trial
        else:
            lines.append(line.rstrip())
            line = tok
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class Legend:
    rows: list[tuple[str, Any, str]]  # (kind: header|swatch|line, style, text)


def legend_rows(ctx: Context, paint: Paint, req: ExportRequest) -> list[tuple[str, Any, str]]:
    """Only the encodings this map shows, in the page legend's order and with the page's swatches."""
    lang = req.lang
    table = ctx.table
    used = [parse_key(table["keys"][k]["key"]) for k in set(paint.keys)]
    groups: set[str] = set()
    modes: set[str] = set()
    regimes: set[str] = set()
    claims = promised = proposed = False
    for u in used:
        if u["kind"] == "T":
            if u["holder"] not in ("none", "undetermined", ""):
                groups.add(u["holder"])
            modes.add(u["mode"])
            groups.update(u["claims"])
            claims |= bool(u["claims"])
            for k in ("promised", "proposed"):
                if u[k]:
                    groups.add(u[k])
            promised |= bool(u["promised"])
            proposed |= bool(u["proposed"])
        elif u["kind"] == "S":
            regimes.update(u["regimes"])
    TP = styles.TerritoryPaint
    rows: list[tuple[str, Any, str]] = []
    order = [g for g in ("japan", "russia", "usa", "other") if g in groups]
    if order:
        rows.append(("header", None, tr("h_colour", lang)))
        rows += [("swatch", styles.territory_style(TP(g, "sovereignty")), group_label(g, lang)) for g in order]
    status = []
    if "sovereignty" in modes:
        status.append(("swatch", styles.territory_style(TP("japan", "sovereignty")), tr("sovereignty", lang)))
    if "military_occupation" in modes:
        status.append(("swatch", styles.territory_style(TP("japan", "military_occupation")),
                       tr("military_occupation", lang)))
    if "administration" in modes:
        status.append(("swatch", styles.territory_style(TP("usa", "administration")), tr("administration", lang)))
    if modes & {"undetermined", "renounced"}:
        status.append(("swatch", styles.territory_style(TP("undetermined", "undetermined")),
                       tr("undetermined", lang)))
    if claims:
        status.append(("swatch", styles.territory_style(TP("russia", "sovereignty", ("japan",))), tr("claims", lang)))
    if promised:
        status.append(("swatch", styles.territory_style(TP("japan", "sovereignty", (), "russia")),
                       tr("promised", lang)))
    if proposed:
        status.append(("swatch", styles.territory_style(TP("japan", "sovereignty", (), None, "russia")),
                       tr("proposed", lang)))
    if "none" in modes:
        status.append(("swatch", styles.territory_style(TP()), group_label("none", lang)))
    if paint.diff and any(paint.diff):
        status.append(("swatch", {"fill": "#FFFFFF", "pattern": None, "stroke": styles.INK, "width": 3, "dash": ""},
                       tr("diff", lang)))
    if status:
        rows.append(("header", None, tr("h_status", lang)))
        rows += status
    reg = [r for r in styles.STRAIT_REGIMES if r in regimes]
    if reg:
        rows.append(("header", None, tr("h_straits", lang)))
        rows += [("swatch", styles.strait_style(styles.StraitPaint((r,))), regime_label(r, lang)) for r in reg]
    states = set(paint.lines.values())
    if states:
        rows.append(("header", None, tr("h_lines", lang)))
        if True in states:
            rows.append(("line", styles.line_style(styles.LinePaint(True)), tr("line_on", lang)))
        if False in states:
            rows.append(("line", styles.line_style(styles.LinePaint(False)), tr("line_off", lang)))
    return rows


def source_keys(engine: Any, req: ExportRequest, date: dt.date) -> list[str]:
    """The short keys of the sources behind what the map shows (state rows in force, or the event's)."""
    keys: list[str] = []

    def add(rows: list[dict]) -> None:
        for row in rows:
            for k in row.get("sources") or []:
                if k not in keys:
                    keys.append(k)

    if req.mode == "event" and req.event:
        ev = engine.events[req.event]
        if ev.clause is not None and ev.clause.source:
            keys.append(ev.clause.source)
        for k in ev.sources:
            if k not in keys:
                keys.append(k)
        provided = engine.event_map(req.event)["provides"]
        for group in ("territories", "regimes", "lines"):
            for rows in provided.get(group, {}).values():
                add(rows)
        return keys
    state = engine.state(date.isoformat(), req.pov)
    for terr in state["territories"].values():
        add(terr.get("statuses") or [])
    for rows in list(state.get("regimes", {}).values()) + list(state.get("lines", {}).values()):
        add(rows)
    return keys


def titles(engine: Any, req: ExportRequest, date: dt.date) -> tuple[str, str]:
    lang = req.lang
    if req.mode == "event" and req.event:
        ev = engine.events[req.event]
        title = getattr(ev.title, lang, None) or ev.title.en
        sub = f"{long_date(date, lang)} — {tr('provides', lang)}"
        if ev.outcome is not None:
            sub += f" ({tr('had_effect', lang)})"
        return title, sub
    title = long_date(date, lang)
    sub = T["pov"][req.pov].get(lang) or T["pov"][req.pov]["en"]
    if req.diff:
        sub += f" — {tr('disagree', lang)}"
    state = engine.state(date.isoformat(), req.pov)
    cur = state.get("current_event")
    if cur in engine.events:
        ev = engine.events[cur]
        sub += f" · {getattr(ev.title, lang, None) or ev.title.en}"
    return title, sub


def file_stem(engine: Any, req: ExportRequest, date: dt.date) -> str:
    if req.mode == "event" and req.event:
        return f"{date.isoformat()}_{event_slug(req.event)}_provides"
    cur = engine.state(date.isoformat(), req.pov).get("current_event")
    middle = event_slug(cur) if cur else "map"
    stem = f"{date.isoformat()}_{middle}_{slug(req.pov).replace('-', '_')}"
    return stem + ("_diff" if req.diff else "")


def filename(engine: Any, req: ExportRequest) -> str:
    date = shown_date(engine, req)
    stem = file_stem(engine, req, date)
    if req.grayscale:
        stem += "_gray"
    if req.fmt == "png":
        stem += f"_{req.dpi}dpi"
    return f"{stem}.{req.fmt}"


def build_figure(engine: Any, req: ExportRequest) -> tuple[dict, dict]:
    """The plotly figure (a plain dict) and the finishing info for `_finish_svg`."""
    ctx = context(engine)
    page = req.page
    W, H = page.width_css, page.height_css
    s = page.pt_scale
    date = shown_date(engine, req)
    paint = resolve(ctx, req, date)
    table = ctx.table
    lang = req.lang
    font = FONT[lang] if lang in ("ja", "zh") else FONT["en"]
    if req.names in ("ja", "both") and lang not in ("ja", "zh"):
        font = FONT["en"]  # Noto Sans first, CJK JP for the Japanese names
    margin = mm(3)
    title_px, sub_px, leg_px, cap_px = pt(9.5 * s), pt(7 * s), pt(6.3 * s), pt(5.6 * s)
    label_px = pt(5.2 * s)
    width_scale = max(0.45, min(1.3, W / 900))

    title, subtitle = titles(engine, req, date)
    keys = source_keys(engine, req, date)
    view_text = ((T["pov"][req.pov].get(lang) or T["pov"][req.pov]["en"]) if req.mode == "date"
                 else tr("provides", lang))
    caption_1 = (f"{long_date(date, 'en') if lang == 'en' else date.isoformat()} · {view_text}"
                 f" · {tr('sources', lang)}: {', '.join(keys) if keys else tr('none_src', lang)}")
    caption_date = date.isoformat()
    caption_1 = f"[{caption_date}] " + caption_1
    caption_2 = f"{ATTRIBUTION} · Sakhalin–Kurils atlas v{app.__version__} · {tr('view', lang)}: {req.permalink()}"
    inner = W - 2 * margin
    cap_lines = wrap(caption_1, cap_px, inner) + wrap(caption_2, cap_px, inner)
    cap_h = len(cap_lines) * cap_px * 1.3 + margin * 0.5

    rows = legend_rows(ctx, paint, req)
    tall = W / H < 1.0
    row_h = leg_px * 1.75
    sw = leg_px * 1.5
    # title block
    top = margin
    title_lines = wrap(title, title_px, inner)
    sub_lines = wrap(subtitle, sub_px, inner)
    head_h = len(title_lines) * title_px * 1.25 + len(sub_lines) * sub_px * 1.3 + margin * 0.6
    if tall:
        cols = 2
        col_w = (inner - margin) / cols
        per_col = math.ceil(len(rows) / cols)
        # wrap legend text to the column
        leg_h = 0.0
        wrapped = [wrap(text, leg_px, col_w - sw - 6) for _k, _s, text in rows]
        col_heights = [0.0] * cols
        placement = []
        ci = 0
        for i, lines in enumerate(wrapped):
            h = max(row_h, len(lines) * leg_px * 1.25 + leg_px * 0.5)
            if i >= per_col * (ci + 1) and ci < cols - 1:
                ci += 1
            placement.append((ci, col_heights[ci], h))
            col_heights[ci] += h
        leg_h = max(col_heights) + margin * 0.5
        map_box = (margin, top + head_h, inner, H - top - head_h - leg_h - cap_h - margin * 0.5)
        leg_box = (margin, map_box[1] + map_box[3] + margin * 0.3, inner, leg_h)
        col_x = [leg_box[0] + c * (col_w + margin) for c in range(cols)]
    else:
        map_w = inner * 0.64
        col_w = inner - map_w - margin
        wrapped = [wrap(text, leg_px, col_w - sw - 6) for _k, _s, text in rows]
        placement = []
        y = 0.0
        for lines in wrapped:
            h = max(row_h, len(lines) * leg_px * 1.25 + leg_px * 0.5)
            placement.append((0, y, h))
            y += h
        map_box = (margin, top + head_h, map_w, H - top - head_h - cap_h - margin * 0.5)
        leg_box = (margin + map_w + margin, top + head_h, col_w, y)
        col_x = [leg_box[0]]

    def fx(x: float) -> float:
        return x / W

    def fy(y: float) -> float:  # y from the top in px -> paper fraction from the bottom
        return 1 - y / H

    ann: list[dict] = []
    shapes: list[dict] = []
    finish: dict[str, dict] = {}
    y = top
    for line in title_lines:
        ann.append({"text": f"<b>{_esc(line)}</b>", "x": fx(margin), "y": fy(y), "xanchor": "left",
                    "yanchor": "top", "font": {"size": title_px, "color": styles.INK}})
        y += title_px * 1.25
    for line in sub_lines:
        ann.append({"text": _esc(line), "x": fx(margin), "y": fy(y), "xanchor": "left", "yanchor": "top",
                    "font": {"size": sub_px, "color": "#444444"}})
        y += sub_px * 1.3

    # legend
    for idx, ((kind, style, _text), lines, (c, y0, h)) in enumerate(zip(rows, wrapped, placement, strict=True)):
        x = col_x[c]
        yy = leg_box[1] + y0
        if kind == "header":
            ann.append({"text": f"<b>{_esc(' '.join(lines))}</b>", "x": fx(x), "y": fy(yy + h * 0.55),
                        "xanchor": "left", "yanchor": "middle", "font": {"size": leg_px, "color": styles.INK}})
            continue
        cy = yy + h / 2
        if kind == "swatch":
            sid = 1000 + idx
            shapes.append({"type": "rect", "xref": "paper", "yref": "paper", "x0": fx(x + 1), "x1": fx(x + 1 + sw),
                           "y0": fy(cy - sw / 2), "y1": fy(cy + sw / 2), "fillcolor": sentinel(sid),
                           "line": {"color": styles.INK, "width": 0.5}, "layer": "above"})
            finish[sentinel(sid)] = {**style, "width": min(style.get("width", 1), 2.5) if style.get("width") else 0.6}
            if finish[sentinel(sid)]["stroke"] in ("#FFFFFF", "rgba(0,0,0,0)"):
                finish[sentinel(sid)] = {**finish[sentinel(sid)], "stroke": "#8C8C8C", "width": 0.5}
        else:
            shapes.append({"type": "line", "xref": "paper", "yref": "paper", "x0": fx(x + 1), "x1": fx(x + 1 + sw),
                           "y0": fy(cy), "y1": fy(cy), "line": {"color": style["stroke"], "width": style["width"]
                                                                * 0.8, "dash": _dash(style["dash"])}})
        ann.append({"text": "<br>".join(_esc(t) for t in lines), "x": fx(x + sw + 5), "y": fy(cy),
                    "xanchor": "left", "yanchor": "middle", "align": "left",
                    "font": {"size": leg_px, "color": styles.INK}})

    # caption
    y = H - margin * 0.6 - len(cap_lines) * cap_px * 1.3
    ann.append({"text": "<br>".join(_esc(t) for t in cap_lines), "x": fx(margin), "y": fy(y), "xanchor": "left",
                "yanchor": "top", "align": "left", "font": {"size": cap_px, "color": "#333333"}})
    shapes.append({"type": "line", "xref": "paper", "yref": "paper", "x0": fx(margin), "x1": fx(W - margin),
                   "y0": fy(y - cap_px * 0.4), "y1": fy(y - cap_px * 0.4), "line": {"color": "#999999", "width": 0.5}})

    # map
    mx, my, mw, mh = map_box
    domain = {"x": [fx(mx), fx(mx + mw)], "y": [fy(my + mh), fy(my)]}
    shapes.append({"type": "rect", "xref": "paper", "yref": "paper", "x0": domain["x"][0], "x1": domain["x"][1],
                   "y0": domain["y"][0], "y1": domain["y"][1], "line": {"color": "#777777", "width": 0.6},
                   "fillcolor": "rgba(0,0,0,0)", "layer": "above"})
    data: list[dict] = []
    layers = print_layers(engine, print_tolerance(mw, mh))
    data.append({**layers.context_trace,
                 "marker": {"line": {"color": styles.CONTEXT_LINE, "width": 0.5 * width_scale}}})
    locations = table["locations"]
    paintable = [layers.shapes[loc] for loc in locations if loc in layers.shapes]
    from app.figures import discrete_colourscale

    data.append({"type": "choropleth", "geojson": {"type": "FeatureCollection", "features": paintable},
                 "featureidkey": "properties.id", "locations": locations, "z": list(range(len(locations))),
                 "zmin": -0.5, "zmax": len(locations) - 0.5,
                 "colorscale": discrete_colourscale([sentinel(i) for i in range(len(locations))]),
                 "showscale": False, "marker": {"line": {"color": "#FFFFFF", "width": 0.8}}, "hoverinfo": "skip"})
    for i in range(len(locations)):
        k = table["keys"][paint.keys[i]]
        st = {"fill": k["fill"], "pattern": k["pattern"], "stroke": k["stroke"], "width": k["width"],
              "dash": k["dash"], "key": paint.keys[i], "opacity": 1.0}
        st["width"] = (st["width"] or 0) * width_scale
        if paint.diff is not None:
            if paint.diff[i]:
                st.update(stroke="#000000", width=max(st["width"], 3 * width_scale), dash="")
            else:
                st["opacity"] = 0.3
        finish[sentinel(i)] = st
    for ln in table["lines"]:
        lons, lats = layers.lines[ln["id"]]
        style = styles.line_style(styles.LinePaint(paint.lines.get(ln["id"], False)))
        data.append({"type": "scattergeo", "lon": lons, "lat": lats, "mode": "lines", "hoverinfo": "skip",
                     "line": {"color": style["stroke"], "width": style["width"] * width_scale,
                              "dash": _dash(style["dash"])}})
    narrow = W < mm(120)
    lab_lon, lab_lat, lab_text = [], [], []
    for lab, text in zip(table["labels"], paint.labels, strict=True):
        if narrow and ctx.label_kind.get(lab.get("id"), "") == "town":
            continue
        lab_lon.append(lab["lon"])
        lab_lat.append(lab["lat"])
        lab_text.append(text)
    data.append({"type": "scattergeo", "lon": lab_lon, "lat": lab_lat, "text": lab_text, "mode": "text",
                 "textfont": {"size": label_px, "color": styles.INK, "family": font}, "hoverinfo": "skip"})
    # scale bar on the 44th parallel (a standard parallel of the conformal conic: true scale)
    sb = SCALE_BAR
    dlon = sb["km"] / (111.32 * math.cos(math.radians(sb["lat"])))
    half = sb["lon0"] + dlon / 2
    end = sb["lon0"] + dlon
    tick = 0.09
    data.append({"type": "scattergeo", "mode": "lines", "hoverinfo": "skip",
                 "lon": [sb["lon0"], end, None, sb["lon0"], sb["lon0"], None, half, half, None, end, end],
                 "lat": [sb["lat"], sb["lat"], None, sb["lat"], sb["lat"] + tick, None, sb["lat"],
                         sb["lat"] + tick * 0.7, None, sb["lat"], sb["lat"] + tick],
                 "line": {"color": styles.INK, "width": 1.2 * max(width_scale, 0.8)}})
    data.append({"type": "scattergeo", "mode": "text", "hoverinfo": "skip",
                 "lon": [sb["lon0"], half, end, half], "lat": [sb["lat"] + 0.2] * 3 + [sb["lat"] - 0.22],
                 "text": ["0", str(sb["km"] // 2), f"{sb['km']} km", tr("scale_note", lang)],
                 "textfont": {"size": label_px * 0.95, "color": styles.INK, "family": font}})
    layout = {
        "width": W, "height": H, "margin": {"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0}, "showlegend": False,
        "paper_bgcolor": "#FFFFFF", "font": {"family": font, "color": styles.INK},
        "geo": {"domain": domain, "visible": False, "resolution": 50, "bgcolor": styles.SEA,
                "showframe": False, "projection": PROJECTION, "lonaxis": {"range": list(VIEW_LON)},
                "lataxis": {"range": list(VIEW_LAT)}},
        "annotations": [{"xref": "paper", "yref": "paper", "showarrow": False, **a} for a in ann],
        "shapes": shapes,
    }
    meta = {"finish": finish, "title": title, "subtitle": subtitle,
            "caption": "\n".join([caption_1, caption_2]), "width_scale": width_scale, "W": W, "H": H,
            "keys_table": table["keys"], "pattern_scale": max(0.5, min(1.0, width_scale * 1.1))}
    return {"data": data, "layout": layout}, meta


def _dash(dash: str) -> str:
    if not dash:
        return "solid"
    return ",".join(f"{float(p):g}px" for p in dash.split())


# ------------------------------------------------------------------------------------------ finish
_PATH = re.compile(r"<path\b[^>]*?/?>")
_SENT = re.compile(r"rgb\(1, ?(\d+), ?(\d+)\)")
_FILL_ATTR = re.compile(r'\sfill="[^"]*"')
_STYLE = re.compile(r'\sstyle="([^"]*)"')


def _finish_svg(svg: str, meta: dict, grayscale: bool) -> str:
    finish = meta["finish"]
    patterns: dict[str, str] = {}
    scale = meta["pattern_scale"]

    def pattern_id(style: dict) -> str:
        body = style["pattern"]
        pid = patterns.get(body)
        if pid is None:
            pid = f"xpat{len(patterns)}"
            patterns[body] = pid
        return pid

    def repl(m: re.Match) -> str:
        tag = m.group(0)
        s = _SENT.search(tag)
        if not s:
            return tag
        key = f"rgb(1, {s.group(1)}, {s.group(2)})"
        style = finish.get(key)
        if style is None:
            return tag
        fill = f"url(#{pattern_id(style)})" if style.get("pattern") else (style.get("fill") or "none")
        dash = style.get("dash") or ""
        css = (f"fill: {fill}; fill-opacity: 1; stroke: {style.get('stroke') or 'none'}; "
               f"stroke-width: {float(style.get('width') or 0):.3g}px; stroke-linejoin: round; "
               f"opacity: {style.get('opacity', 1)};" + (f" stroke-dasharray: {dash};" if dash else ""))
        tag = _FILL_ATTR.sub("", tag)
        if _STYLE.search(tag):
            tag = _STYLE.sub(f' style="{css}"', tag, count=1)
        else:
            tag = tag.replace("<path", f'<path style="{css}"', 1)
        return tag

    svg = _PATH.sub(repl, svg)
    defs = "".join(f'<pattern id="{pid}" width="12" height="12" patternUnits="userSpaceOnUse" '
                   f'patternTransform="rotate(45) scale({scale:.3g})">{body}</pattern>'
                   for body, pid in patterns.items())
    i = svg.find("<defs")
    if i >= 0:
        j = svg.find(">", i)
        if svg[j - 1] == "/":  # <defs/>
            svg = svg[:j - 1] + ">" + defs + "</defs>" + svg[j + 1:]
        else:
            svg = svg[:j + 1] + defs + svg[j + 1:]
    else:
        j = svg.find(">", svg.find("<svg"))
        svg = svg[:j + 1] + f"<defs>{defs}</defs>" + svg[j + 1:]
    # page size in mm, drawing in CSS px
    W, H = meta["W"], meta["H"]
    head_end = svg.find(">", svg.find("<svg"))
    head = svg[:head_end]
    head = re.sub(r'\swidth="[^"]*"', f' width="{W / 96 * 25.4:.3f}mm"', head, count=1)
    head = re.sub(r'\sheight="[^"]*"', f' height="{H / 96 * 25.4:.3f}mm"', head, count=1)
    if "viewBox" not in head:
        head += f' viewBox="0 0 {W:.3f} {H:.3f}"'
    svg = head + svg[head_end:]
    if grayscale:
        svg = to_grayscale(svg)
    return svg


def _grey(r: int, g: int, b: int) -> str:
    y = int(round(0.299 * r + 0.587 * g + 0.114 * b))
    return f"rgb({y}, {y}, {y})"


def to_grayscale(svg: str) -> str:
    """Every colour of the document as its luma grey (Rec. 601): what a greyscale print shows."""
    svg = re.sub(r"rgba?\((\d+), ?(\d+), ?(\d+)((?:, ?[\d.]+)?)\)",
                 lambda m: _grey(int(m.group(1)), int(m.group(2)), int(m.group(3))).replace(")", m.group(4) + ")")
                 if m.group(4) else _grey(int(m.group(1)), int(m.group(2)), int(m.group(3))), svg)
    return re.sub(r"#([0-9A-Fa-f]{6})(?![\w-])",
                  lambda m: _grey(int(m.group(1)[0:2], 16), int(m.group(1)[2:4], 16), int(m.group(1)[4:6], 16)),
                  svg)


def compose_svg(engine: Any, req: ExportRequest) -> tuple[str, dict]:
    fig, meta = build_figure(engine, req)
    raw = render.render(fig, "svg", meta["W"], meta["H"]).decode("utf-8")
    return _finish_svg(raw, meta, req.grayscale), meta


def export_figure(engine: Any, req: ExportRequest) -> ExportResult:
    """Validate, compose, render: the file bytes of one export."""
    import time

    req = validate(engine, req)
    t0 = time.perf_counter()
    svg, meta = compose_svg(engine, req)
    t1 = time.perf_counter()
    page = req.page
    if req.fmt == "svg":
        data = svg.encode("utf-8")
    elif req.fmt == "pdf":
        data = render.svg_to(svg, "pdf", page.width_css, page.height_css)
    else:
        w, h = check_pixels(page, req.dpi)
        data = render.svg_to(svg, "png", page.width_css, page.height_css, w, h)
    t2 = time.perf_counter()
    return ExportResult(data=data, filename=filename(engine, req), mimetype=MIME[req.fmt],
                        title=meta["title"], caption=meta["caption"], svg=svg,
                        timings={"svg": t1 - t0, "convert": t2 - t1})


__all__ = ["ExportRequest", "ExportResult", "ExportParamError", "export_figure", "validate", "filename",
           "compose_svg", "context", "resolve", "replace"]
