"""Label placement by priority: which names the map shows, where, at what size — for the page and for print.

One pure function, `place_labels`, decides for a map box of a given size in px: every label is measured with
the real metrics of the fonts the map draws with (Noto Sans for Latin and Cyrillic, Noto Sans CJK for
Japanese and Chinese, through Pillow), then placed greedily by tier — on its place, beside it, or farther
out with a leader line — so that no two placed labels overlap and none covers a territory it does not name,
an inset frame or a small-island symbol. What does not fit is dropped, least important first.

Example (what the figure export calls for a fixed page size; sizes in CSS px at 96 per inch, so 6 pt = 8 px):

    from app.cartography.labels import place_labels
    from app.cartography.views import LABEL_FONT_FAMILY
    placed = place_labels(680, 470, lang="en", names="local", date=dt.date(1952, 4, 28),
                          font_px={1: 11, 2: 9.5, 3: 8.5, 4: 8.5})
    for lab in placed:            # PlacedLabel, most important first
        fig.add_trace(go.Scattergeo(lon=[lab.text_lon], lat=[lab.text_lat], text=[lab.text], mode="text",
                                    textposition=lab.textposition,
                                    textfont={"family": LABEL_FONT_FAMILY, "size": lab.font_px}))
        if lab.leader:            # ((lon, lat) of the place, (lon, lat) on the box's edge)
            (lon0, lat0), (lon1, lat1) = lab.leader
            fig.add_trace(go.Scattergeo(lon=[lon0, lon1], lat=[lat0, lat1], mode="lines"))
    # lab.x, lab.y, lab.w, lab.h: the box in px inside the map box (top-left origin), for checks and halos

The figure's geo subplot must be the box placed for (`width` × `height` px, `view`, no margins), as
app/cartography/projection.py computes where plotly.js (and kaleido) draws each lon/lat.

`inset_labels(...)` does the same inside an inset frame; `label_ladder(...)` precomputes the page's
placements for a ladder of map scales (the paint table ships it; assets/map_paint.js picks the rung of the
box's actual scale).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.i18n import derived, gettext_for
from app.layers import load_layers
from app.mapstate import DATA_LANGS, MIN_DATE

from .fonts import text_size
from .insets import (
    INSETS,
    TITLE_PX,
    Inset,
    inset_frame,
    inset_projection,
    locator_ring,
    scale_factor,
    title_box,
)
from .projection import MapProjection
from .resolve import label_text
from .symbols import proxy_items, proxy_px
from .views import (
    GEO_VIEW,
    PRESENT_AT_KM_PER_PX,
    PRESENT_MAX_GROW,
    PRESENT_SYMBOL_PX,
    PRESENT_TITLE_PX,
    PRESENT_TYPE_PX,
)

ROOT = Path(__file__).resolve().parents[2]
LABEL_DATA = ROOT / "geodata" / "label_names.yaml"
NAMES_CONVENTIONS = ("local", "ja", "ru", "both")
BOX_PAD = 2.0        # px kept clear around each label box (the halo)
EDGE_MARGIN = 3.0    # px between a label and the map's edge
TOWN_DOT_PX = 6.0
# Type sizes in px per tier, by the map box's width: 12 px at least on a phone, 14 px at least on a laptop or a
# projector (tier 4 names the islets inside an inset).
SIZE_CLASSES = ((600, {1: 13, 2: 12, 3: 12, 4: 12}), (1300, {1: 16, 2: 14, 3: 14, 4: 13}),
                (1700, {1: 18, 2: 16, 3: 15, 4: 14}), (math.inf, {1: 22, 2: 19, 3: 17, 4: 15}))
# Which tiers a box of that class shows at all (tier 4 lives in the insets).
TIERS_SHOWN = ((600, (1, 2)), (math.inf, (1, 2, 3)))


# ------------------------------------------------------------------------------------------ label data
@dataclass(frozen=True)
class LabelSpec:
    """One nameable place: its point, tier, the territories it names and its text forms over time."""

    id: str
    kind: str
    tier: int
    lon: float
    lat: float
    names: tuple[str, ...]                        # territory features it may sit on
    starts: tuple[int, ...]                       # day indices (from 1905-01-01) where a text form starts
    forms: dict[str, tuple[str, ...]] = field(default_factory=dict)   # lang -> text per start


def _day(iso: str) -> int:
    text = str(iso)
    text += "-01-01" if len(text) == 4 else "-01" if len(text) == 7 else ""
    return (dt.date.fromisoformat(text) - MIN_DATE).days


def _spec_from(props: dict, point: tuple[float, float], meta: dict) -> LabelSpec:
    base = {lang: (meta.get("map") or {}).get(lang) or props.get(f"name_{lang}") or props.get("name_en", "")
            for lang in DATA_LANGS}
    eras: list[tuple[int, int | None, dict]] = []
    for h in props.get("historical") or []:
        start = h.get("from")
        if start:
            eras.append((_day(start), _day(h["to"]) if h.get("to") else None,
                         {lang: h.get(f"name_{lang}") for lang in DATA_LANGS if h.get(f"name_{lang}")}))
    for e in meta.get("eras") or []:
        eras.append((_day(e["from"]), _day(e["to"]) if e.get("to") else None,
                     {lang: e[lang] for lang in DATA_LANGS if e.get(lang)}))
    cuts = sorted({0, *(max(0, s) for s, _e, _n in eras), *(e for _s, e, _n in eras if e is not None and e > 0)})
    starts, forms = [], {lang: [] for lang in DATA_LANGS}
    for cut in cuts:
        text = dict(base)
        for s, e, names in eras:
            if s <= cut and (e is None or cut < e):
                text.update(names)
        if starts and all(forms[lang][-1] == text[lang] for lang in DATA_LANGS):
            continue
        starts.append(cut)
        for lang in DATA_LANGS:
            forms[lang].append(text[lang])
    return LabelSpec(props["id"], props.get("kind", "island"), int(meta.get("tier", 3)), point[0], point[1],
                     tuple(meta.get("names") or ()), tuple(starts), derived({k: tuple(v) for k, v in forms.items()}))


@functools.lru_cache(maxsize=2)
def _label_meta(path: str = str(LABEL_DATA)) -> dict:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    labels = data.get("labels") if isinstance(data, dict) else None
    if not isinstance(labels, dict):
        raise RuntimeError(f"{path}: 'labels' is missing or not a mapping")
    for lid, meta in labels.items():
        if not isinstance(meta, dict) or meta.get("tier") not in (1, 2, 3, 4):
            raise RuntimeError(f"{path}: label {lid!r}: field 'tier' must be 1, 2, 3 or 4")
    return labels


def label_specs(layers_fc: dict | None = None) -> list[LabelSpec]:
    """Every label the map may show, in priority order (tier, then the order of geodata/label_names.yaml)."""
    fc = layers_fc if layers_fc is not None else _layers_fc()
    meta = _label_meta()
    by_id = {f["properties"]["id"]: f for f in fc["features"] if f["properties"].get("layer") == "label"}
    out = []
    for order, (lid, m) in enumerate(meta.items()):
        if lid in by_id:
            f = by_id[lid]
            point = tuple(f["geometry"]["coordinates"][:2])
            props = f["properties"]
        elif m.get("point"):
            point = tuple(m["point"])
            props = {"id": lid, "kind": "island", **{f"name_{k}": v for k, v in (m.get("names_by_lang") or {}).items()}}
        else:
            continue
        out.append((m["tier"], order, _spec_from(props, point, m)))
    return [s for _t, _o, s in sorted(out, key=lambda x: (x[0], x[1]))]


# ------------------------------------------------------------------------------------------ geometry
@functools.lru_cache(maxsize=1)
def _layers_fc() -> dict:
    return load_layers("interactive").collection


@functools.lru_cache(maxsize=4)
def _territories(fc_id: int) -> list[tuple[str, Any]]:
    from shapely.geometry import shape

    fc = _FC_BY_ID[fc_id]
    return [(f["properties"]["id"], shape(f["geometry"])) for f in fc["features"]
            if f["properties"].get("layer") == "territory"]


_FC_BY_ID: dict[int, dict] = {}


def _projected(geom: Any, proj: MapProjection) -> Any:
    """A lon/lat geometry in the projection's px."""
    import numpy as np
    import shapely

    return shapely.transform(geom, lambda xy: np.array([proj(x, y) for x, y in xy], dtype=float).reshape(-1, 2))


@functools.lru_cache(maxsize=8)
def _raw_territories(fc_id: int, view_key: str) -> list[tuple[str, Any]]:
    """Territory geometries in the projection's unscaled plane (one projection per view; rungs only scale)."""
    view = _VIEWS[view_key]
    unit = MapProjection(view, 1000.0, 1000.0)
    return [(fid, _projected(g, unit)) for fid, g in _territories(fc_id)], unit


_VIEWS: dict[str, dict] = {}


def _territories_px(fc: dict, proj: MapProjection) -> list[tuple[str, Any]]:
    from shapely import affinity

    key = repr(sorted(proj.view.items(), key=str))
    _VIEWS[key] = proj.view
    _FC_BY_ID[id(fc)] = fc
    raw, unit = _raw_territories(id(fc), key)
    s = proj.k / unit.k
    tx = proj._t[0] - s * unit._t[0]
    ty = proj._t[1] - s * unit._t[1]
    return [(fid, affinity.affine_transform(g, [s, 0, 0, s, tx, ty])) for fid, g in raw]


# ------------------------------------------------------------------------------------------ placement
@dataclass(frozen=True)
class PlacedLabel:
    """A placed label: its text, size, box in px (x, y = top-left), the box centre in lon/lat and a leader."""

    id: str
    text: str
    tier: int
    font_px: float
    x: float
    y: float
    w: float
    h: float
    lon: float
    lat: float
    leader: tuple[tuple[float, float], tuple[float, float]] | None = None   # (lon, lat) from the place to the box
    leader_px: tuple[tuple[float, float], tuple[float, float]] | None = None
    align: str = "center"          # where the text sits in its box: left | right | center
    text_lon: float = 0.0          # the text's anchor: the box's left, right or centre point at mid-height
    text_lat: float = 0.0
    anchor_px: tuple[float, float] = (0.0, 0.0)   # the place it names, in px

    @property
    def box(self) -> tuple[float, float, float, float]:
        """The label's box (x0, y0, x1, y1 px)."""
        return self.x, self.y, self.x + self.w, self.y + self.h

    @property
    def textposition(self) -> str:
        """The Plotly textposition that draws the text in its box from (text_lon, text_lat)."""
        return {"left": "middle right", "right": "middle left"}.get(self.align, "middle center")


def size_class(width: float) -> dict[int, float]:
    return next(sizes for limit, sizes in SIZE_CLASSES if width < limit)


def tiers_shown(width: float) -> tuple[int, ...]:
    return next(tiers for limit, tiers in TIERS_SHOWN if width < limit)


@dataclass(frozen=True)
class PresentType:
    """Present's type at one map scale (app/cartography/views.py PRESENT_TYPE_PX): px per tier, inset title, symbol,
    and the page's size a lesson's island (tier 1) falls back to where its own finds no room."""

    sizes: dict[int, float]
    title_px: float
    symbol_px: float
    smaller: dict[int, float]


def present_type(width: float) -> PresentType:
    """Present's type for a map `width` px wide: views.py's sizes grown with the map's width (half-px steps), never
    below the page's own (size_class). By width, not scale: a zoomed tour step on the same screen reads as large."""
    grow = min(PRESENT_MAX_GROW, width / present_width(PRESENT_AT_KM_PER_PX))

    def px(v: float) -> float:
        return round(v * grow * 2) / 2

    page = size_class(width)
    return PresentType({t: max(page[t], px(v)) for t, v in PRESENT_TYPE_PX.items()},
                       max(TITLE_PX, px(PRESENT_TITLE_PX)), max(proxy_px(width), px(PRESENT_SYMBOL_PX)), {1: page[1]})


def _candidate_offsets(kind: str, w: float, h: float, radius: float) -> list[tuple[float, float, bool, str]]:
    """Box top-left offsets from the anchor, nearest first: (dx, dy, a leader may be needed, text alignment).

    A box beside its place holds its text flush with the side facing the place, so a shorter form of the name
    (another date) still starts at the place. A town is named close to its dot or not at all.
    """
    out: list[tuple[float, float, bool, str]] = []
    if kind != "town":
        out.append((-w / 2, -h / 2, False, "center"))
        gaps = [radius * 0.5 + 3, radius + 4, radius + 14, radius + 28, radius + 46, radius + 70]
    else:
        gaps = [5.0, 9.0, 14.0]
    seen = set()
    for gap in gaps:
        g = round(gap, 1)
        if g in seen:
            continue
        seen.add(g)
        d = g * 0.72
        lead = kind != "town"
        out += [(g, -h / 2, lead, "left"), (-g - w, -h / 2, lead, "right"), (-w / 2, -g - h, lead, "center"),
                (-w / 2, g, lead, "center"), (d, -d - h, lead, "left"), (-d - w, -d - h, lead, "right"),
                (d, d, lead, "left"), (-d - w, d, lead, "right")]
    return out


def place(specs: Sequence[LabelSpec], proj: MapProjection, bounds: tuple[float, float, float, float],
          texts: dict[str, str], sizes: dict[int, float], territories: list[tuple[str, Any]],
          obstacles: Sequence[tuple[float, float, float, float]] = (),
          protected: Sequence[tuple[str, float, float, float]] = (), lines: Sequence[Any] = (),
          max_leader: float = math.inf, smaller: dict[int, float] | None = None) -> list[PlacedLabel]:
    """The one placer of the page's ladder and of every printed map: `specs` in priority order, each with its text
    (`texts`) at its tier's size (`sizes`, px), placed on its place, beside it or out with a leader, inside
    `bounds` (x0, y0, x1, y1 px), never over another label, an obstacle (x, y, w, h px: an inset, a scale bar), a
    protected symbol (feature, x, y, radius px), a leader line, or a territory (fid, px geometry) it does not
    name. A place outside `bounds` is named on its part inside them, if any; a place under an obstacle is not
    named, and no leader crosses an obstacle, a label or another territory, or is longer than `max_leader` px.
    `smaller` (px per tier): a size to try a label at where it finds no room at its own (Present's large type names
    a lesson's island smaller rather than not at all)."""
    from shapely import STRtree
    from shapely.geometry import LineString, Point, box

    tree = STRtree([g for _fid, g in territories])
    ids = [fid for fid, _g in territories]
    extents = {fid: g.bounds for fid, g in territories}
    placed: list[PlacedLabel] = []
    rects: list[tuple[float, float, float, float]] = [(o[0], o[1], o[0] + o[2], o[1] + o[3]) for o in obstacles]
    leaders: list[Any] = list(lines)
    x0b, y0b, x1b, y1b = bounds
    frame = box(x0b, y0b, x1b, y1b)
    for spec in specs:
        text = texts.get(spec.id)
        if not text:
            continue
        ax, ay = proj(spec.lon, spec.lat)
        named = set(spec.names)
        own_geom = [g for fid, g in territories if fid in named]
        if not (x0b <= ax <= x1b and y0b <= ay <= y1b):
            # a zoom shows part of the place: name that part, or nothing when none of it is in the frame
            seen = [g.intersection(frame) for g in own_geom]
            seen = [g for g in seen if not g.is_empty and g.area > 0]
            if not seen:
                continue
            inside = max(seen, key=lambda g: g.area).representative_point()
            ax, ay = inside.x, inside.y
        if any(t[0] <= ax <= t[2] and t[1] <= ay <= t[3] for t in rects[:len(obstacles)]):
            continue          # its place is under an inset or a scale bar: a label there would name nothing seen
        own = [extents[f] for f in named if f in extents]
        radius = 0.0
        if own:
            radius = max(max(b[2] for b in own) - min(b[0] for b in own),
                         max(b[3] for b in own) - min(b[1] for b in own)) / 2
        blockers = [p for p in protected if p[0] not in named]
        for font_px in _sizes_to_try(spec.tier, sizes, smaller):
            w, h = text_size(text, font_px)
            for dx, dy, may_lead, align in _candidate_offsets(spec.kind, w, h, radius):
                bx, by = ax + dx, ay + dy
                if bx < x0b + EDGE_MARGIN or by < y0b + EDGE_MARGIN or bx + w > x1b - EDGE_MARGIN \
                        or by + h > y1b - EDGE_MARGIN:
                    continue
                r = (bx - BOX_PAD, by - BOX_PAD, bx + w + BOX_PAD, by + h + BOX_PAD)
                if any(r[0] < t[2] and t[0] < r[2] and r[1] < t[3] and t[1] < r[3] for t in rects):
                    continue
                if any(_circle_hits(r, px, py, rad) for _f, px, py, rad in blockers):
                    continue
                rect = box(*r)
                if any(rect.intersects(ln) for ln in leaders):
                    continue
                hits = tree.query(rect, predicate="intersects")
                if any(ids[i] not in named for i in hits):
                    continue
                leader = None
                if may_lead:
                    near = min((rect.distance(g) for g in own_geom), default=rect.distance(Point(ax, ay)))
                    if spec.kind == "town":
                        near = rect.distance(Point(ax, ay))
                    if near > (6.0 if spec.kind != "town" else 9.0):
                        if spec.kind in ("sea", "region"):
                            continue      # an area's name away from its area is no use; a leader would not help
                        end = _nearest_on_box(ax, ay, bx, by, w, h)
                        if math.dist((ax, ay), end) > max_leader:
                            continue
                        seg = LineString([(ax, ay), end])
                        if any(seg.intersects(box(*t)) for t in rects):
                            continue
                        if any(ids[i] not in named for i in tree.query(seg, predicate="intersects")):
                            continue      # a leader over another island would seem to name it
                        leader = ((ax, ay), end)
                rects.append(r)
                if leader:
                    leaders.append(LineString(leader).buffer(1.0))
                lon, lat = proj.invert(bx + w / 2, by + h / 2)
                tx = bx if align == "left" else bx + w if align == "right" else bx + w / 2
                text_lon, text_lat = proj.invert(tx, by + h / 2)
                geo_leader = (proj.invert(*leader[0]), proj.invert(*leader[1])) if leader else None
                placed.append(PlacedLabel(spec.id, text, spec.tier, font_px, bx, by, w, h, lon, lat, geo_leader,
                                          leader, align, text_lon, text_lat, (ax, ay)))
                break
            else:
                continue
            break
    return placed


def _sizes_to_try(tier: int, sizes: dict[int, float], smaller: dict[int, float] | None) -> list[float]:
    own = sizes[tier]
    return [own, smaller[tier]] if smaller and smaller.get(tier, own) < own else [own]


def territories_px(features: Iterable[tuple[str, dict]], proj: MapProjection) -> list[tuple[str, Any]]:
    """(id, geometry in the projection's px) of each territory feature (a GeoJSON geometry in lon/lat)."""
    import shapely
    from shapely.geometry import shape

    out = []
    for fid, geometry in features:
        g = shapely.transform(shape(geometry), proj.many)
        out.append((fid, g if g.is_valid else g.buffer(0)))
    return out


def overlapping(boxes: Sequence[tuple[float, float, float, float]]) -> list[tuple[int, int]]:
    """Pairs of boxes (x0, y0, x1, y1) that overlap: what a test of a placement checks is empty."""
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
            if boxes[i][0] < boxes[j][2] and boxes[j][0] < boxes[i][2] and boxes[i][1] < boxes[j][3]
            and boxes[j][1] < boxes[i][3]]


def _circle_hits(r: tuple[float, float, float, float], cx: float, cy: float, rad: float) -> bool:
    nx, ny = min(max(cx, r[0]), r[2]), min(max(cy, r[1]), r[3])
    return (nx - cx) ** 2 + (ny - cy) ** 2 < rad * rad


def _nearest_on_box(ax: float, ay: float, bx: float, by: float, w: float, h: float) -> tuple[float, float]:
    return min(max(ax, bx), bx + w), min(max(ay, by), by + h)


def _texts(specs: Iterable[LabelSpec], lang: str, names: str, day: int | None) -> dict[str, str]:
    """Per label the text to place (resolve.label_text: the map's own rule); with no date, the widest of its
    forms (a box that holds every form)."""
    out = {}
    for spec in specs:
        lab = {"starts": list(spec.starts), **{code: list(forms) for code, forms in spec.forms.items()}}
        if day is not None:
            out[spec.id] = label_text(lab, day, names, lang)
        else:
            forms = [label_text(lab, start, names, lang) for start in spec.starts]
            out[spec.id] = max(forms, key=lambda t: text_size(t, 14)[0])
    return out


def _protected_symbols(proj: MapProjection, fc: dict, size_px: float | None = None
                       ) -> list[tuple[str, float, float, float]]:
    """Small-island symbols (proxies) a label must not cover: (feature, x, y, radius px)."""
    out = []
    for item in proxy_items(proj, fc, size_px):
        if item.shown:
            for fid in item.features:
                out.append((fid, item.x, item.y, item.size_px / 2 + 2))
    return out


def place_labels(width: float, height: float, *, lang: str = "en", names: str = "local",
                 date: dt.date | None = None, font_px: dict[int, float] | None = None, view: dict | None = None,
                 tiers: Sequence[int] | None = None, insets: Sequence[Inset] = INSETS,
                 obstacles: Sequence[tuple[float, float, float, float]] = (),
                 layers_fc: dict | None = None, title_px: float = TITLE_PX, symbol_px: float | None = None,
                 smaller: dict[int, float] | None = None) -> list[PlacedLabel]:
    """Labels of the main map for a box of `width` × `height` px (the geo subplot's size, no margins).

    lang: interface language (en, ja, ru, zh); names: `local` | `ja` | `ru` | `both`; date: the shown day
    (its date-correct name forms; None: room for every form of the period). font_px: px per tier 1–4
    (default: by box width, SIZE_CLASSES). tiers: which tiers may show (default by box width). insets: the
    inset frames to keep clear (placed by app/cartography/insets.py); obstacles: more (x, y, w, h) px boxes
    to keep clear (a legend, a scale bar). title_px, symbol_px: the insets' titles and the small-island symbols
    as drawn (default: the page's); smaller: see `place`. Returns the placed labels, most important first.
    """

    fc = layers_fc if layers_fc is not None else _layers_fc()
    proj = MapProjection(view or GEO_VIEW, width, height)
    sizes = {**size_class(width), **(font_px or {})}
    shown = tuple(tiers) if tiers is not None else tiers_shown(width)
    specs = [s for s in label_specs(fc) if s.tier in shown]
    day = (date - MIN_DATE).days if date else None
    frames = [inset_frame(proj, i) for i in insets]
    titles = [title_box(fr, i, *text_size(inset_title(i, lang, proj), title_px)) for fr, i in zip(frames, insets,
                                                                                                  strict=True)]
    rings = [_ring_px(proj, i) for i in insets]
    return place(specs, proj, proj.visible, _texts(specs, lang, names, day), sizes,
                  _territories_px(fc, proj), [*frames, *titles, *obstacles], _protected_symbols(proj, fc, symbol_px),
                  rings, smaller=smaller)


def inset_title(inset: Inset, lang: str, proj: MapProjection) -> str:
    """The inset's title in `lang` ("Habomai and Shikotan ×4"): its scale against the main map is fixed."""
    return gettext_for(lang)(inset.title, factor=scale_factor(proj, inset, inset_frame(proj, inset)))


def _ring_px(proj: MapProjection, inset: Inset) -> Any:
    from shapely.geometry import LineString

    lons, lats = locator_ring(inset)
    return LineString([proj(lo, la) for lo, la in zip(lons, lats, strict=True)]).buffer(1.5)


def inset_labels(inset: Inset, frame: tuple[float, float, float, float], *, lang: str = "en",
                 names: str = "local", date: dt.date | None = None, font_px: dict[int, float] | None = None,
                 layers_fc: dict | None = None) -> list[PlacedLabel]:
    """Labels inside an inset frame (x, y, w, h px on the main map); boxes are in the inset's own px."""
    fc = layers_fc if layers_fc is not None else _layers_fc()
    proj = inset_projection(inset, frame)
    sizes = {**size_class(900), **(font_px or {})}
    sizes = {t: min(s, sizes[4] if t > 1 else sizes[2]) for t, s in sizes.items()}
    specs = [s for s in label_specs(fc) if s.id in inset.labels]
    day = (date - MIN_DATE).days if date else None
    return place(specs, proj, proj.visible, _texts(specs, lang, names, day), sizes,
                  _territories_px(fc, proj), [], [])


# ------------------------------------------------------------------------------------------ the page's ladder
# From a 1920 px projector down to a phone on its side (844×390: a 230 px map at 7.1 km/px, which the 6.4 rung drew
# 10 % tighter than placed, names into names): the last two rungs are for such boxes.
LADDER_KM_PER_PX = (1.2, 1.38, 1.58, 1.82, 2.1, 2.4, 2.75, 3.15, 3.6, 4.15, 4.8, 5.5, 6.4, 7.2, 8.2)


def _range_aspect(view: dict) -> float:
    """Height / width of the view's range box in px (what Plotly fits into the box)."""
    wide = MapProjection(view, 1000.0, 1e6)   # width-bound: k = 1000 / bw
    tall = MapProjection(view, 1e6, 1000.0)   # height-bound: k = 1000 / bh
    return wide.k / tall.k


def present_width(km_per_px: float) -> float:
    """The width (px) of the page's whole map at `km_per_px`: Present's map on a 1280×720 screen at
    PRESENT_AT_KM_PER_PX, on the smallest projector at PRESENT_MAX_KM_PER_PX."""
    return reference_box(km_per_px, GEO_VIEW)[0]


def reference_box(km_per_px: float, view: dict | None = None) -> tuple[float, float]:
    """The box (w, h px) that the view's range box fills exactly at `km_per_px`: any box of that scale shows at
    least this (Plotly centres the range box and adds sea around it), so its placements hold in every aspect."""

    v = view or GEO_VIEW
    aspect = _range_aspect(v)
    s = MapProjection(v, 1000.0, 1000.0 * aspect).km_per_px() / km_per_px
    return 1000.0 * s, 1000.0 * aspect * s
