"""Symbols that keep small islands visible and clickable: proxy symbols and tap targets.

- A territory feature drawn smaller than PROXY_BELOW_PX at the map's scale gets a proxy symbol at its
  centre, painted like the feature (same fill, pattern and outline). The Habomai islets share one symbol on
  the main map (the inset names and paints each of them).
- A territory unit drawn smaller than TARGET_BELOW_PX gets an invisible tap target of TARGET_PX (TOUCH_TARGET_PX
  on a touch screen) that carries the unit's click and hover.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .projection import MapProjection

PROXY_BELOW_PX = 8.0
TARGET_BELOW_PX = 24.0
TARGET_PX = 24
TOUCH_TARGET_PX = 44
GROUPED = {"habomai": ("polonsky", "zelyony", "tanfilyev", "yuri", "anuchina", "demina", "signalny")}
REPRESENTATIVE = {"habomai": "zelyony"}
# rock clusters: painted with their unit, never a symbol of their own
NO_PROXY = {"habomai_other", "kurils_north_other", "kurils_central_other"}


@dataclass(frozen=True)
class Symbol:
    id: str                          # the feature (or the grouped unit) it stands for
    loc: str                         # the paint location whose paint it shows and whose click it carries
    features: tuple[str, ...]
    lon: float
    lat: float
    x: float
    y: float
    size_px: float
    shown: bool


@functools.lru_cache(maxsize=2)
def _feature_boxes(fc_key: int) -> dict:
    from shapely.geometry import shape

    fc = _FC[fc_key]
    out = {}
    for f in fc["features"]:
        p = f["properties"]
        if p.get("layer") == "territory":
            g = shape(f["geometry"])
            c = g.representative_point() if g.geom_type == "MultiPolygon" and len(g.geoms) > 1 else g.centroid
            out[p["id"]] = (p["unit"], g.bounds, (c.x, c.y))
    return out


_FC: dict[int, dict] = {}


def _px_extent(proj: MapProjection, bounds: tuple[float, float, float, float]) -> float:
    x0, y0 = proj(bounds[0], bounds[1])
    x1, y1 = proj(bounds[2], bounds[3])
    return max(abs(x1 - x0), abs(y1 - y0))


def _boxes(fc: dict) -> dict:
    _FC[id(fc)] = fc
    return _feature_boxes(id(fc))


def proxy_px(width: float) -> float:
    """A small island's symbol on the page, by the map box's width: larger on a wide screen."""
    return 12.0 if width >= 1300 else 10.0


def proxy_items(proj: MapProjection, fc: dict, size_px: float | None = None,
                below_px: float = PROXY_BELOW_PX) -> list[Symbol]:
    """Proxy symbols of the main map: every candidate, with `shown` for those drawn under `below_px` (the page:
    PROXY_BELOW_PX; print: its pattern tile, so an island too small to show its pattern shows its symbol)."""
    boxes = _boxes(fc)
    size = size_px or proxy_px(proj.width)
    grouped = {f: u for u, fs in GROUPED.items() for f in fs}
    out = []
    for unit, feats in GROUPED.items():
        bs = [boxes[f][1] for f in feats if f in boxes]
        if not bs:
            continue
        union = (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))
        lon, lat = (union[0] + union[2]) / 2, (union[1] + union[3]) / 2
        x, y = proj(lon, lat)
        small = any(_px_extent(proj, b) < below_px for b in bs)
        out.append(Symbol(unit, REPRESENTATIVE[unit], tuple(feats), lon, lat, x, y, size, small))
    for fid, (_unit, bounds, (lon, lat)) in boxes.items():
        if fid in grouped or fid in NO_PROXY:
            continue
        x, y = proj(lon, lat)
        out.append(Symbol(fid, fid, (fid,), lon, lat, x, y, size, _px_extent(proj, bounds) < below_px))
    return out


def tap_targets(proj: MapProjection, fc: dict, unit_features: dict[str, tuple[str, ...]]) -> list[Symbol]:
    """Tap targets: every unit, with `shown` for those drawn under TARGET_BELOW_PX."""
    boxes = _boxes(fc)
    out = []
    for unit, feats in unit_features.items():
        bs = [(f, boxes[f][1]) for f in feats if f in boxes]
        if not bs:
            continue
        union = (min(b[0] for _f, b in bs), min(b[1] for _f, b in bs), max(b[2] for _f, b in bs),
                 max(b[3] for _f, b in bs))
        lon, lat = (union[0] + union[2]) / 2, (union[1] + union[3]) / 2
        x, y = proj(lon, lat)
        named = [fb for fb in bs if fb[0] not in NO_PROXY] or bs
        largest = max(named, key=lambda fb: (fb[1][2] - fb[1][0]) * (fb[1][3] - fb[1][1]))[0]
        loc = REPRESENTATIVE.get(unit, largest)
        out.append(Symbol(unit, loc, tuple(f for f, _b in bs), lon, lat, x, y, TARGET_PX,
                          _px_extent(proj, union) < TARGET_BELOW_PX))
    return out
