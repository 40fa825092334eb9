"""Geometry for print, with shapely: the full-resolution layers clipped to a view box and stripped of the
vertices that cannot be seen on paper.

Why shapely at export time and not committed print layers: a figure's map can be a whole view, an inset of
the southern Kurils or a zoom to one territory (`unit=`), at any page size from 40 to 600 mm; each needs its
own tolerance (0.05 mm on the page), which a few committed files could not all serve. Shapely is imported
only here, lazily, so the page's start-up still does not load GEOS (docs/export.md, "Geometry").
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

from app.cartography.views import PRINT_CLIP_MARGIN, PRINT_LAT, PRINT_LON

# The printed map's whole view (app/cartography/views.py); geometry further than CLIP_MARGIN outside it is dropped.
VIEW_LON = PRINT_LON
VIEW_LAT = PRINT_LAT
CLIP_MARGIN = PRINT_CLIP_MARGIN
PRINT_TOL_MM = 0.05  # a vertex this close (on the page) to the kept outline is invisible at 600 dpi
BOX = tuple[float, float, float, float]


def view_box(lon: tuple[float, float] = VIEW_LON, lat: tuple[float, float] = VIEW_LAT,
             margin: float = CLIP_MARGIN) -> BOX:
    return (lon[0] - margin, lat[0] - margin, lon[1] + margin, lat[1] + margin)


def _shapely() -> Any:
    import shapely

    return shapely


def clip_to_view(features: list[dict], box: BOX | None = None) -> list[dict]:
    """Features that reach into the box; polygons cut to it (lines and label points are kept whole)."""
    shapely = _shapely()
    from shapely.geometry import box as make_box
    from shapely.geometry import mapping, shape

    frame = make_box(*(box or view_box()))
    out = []
    for f in features:
        geom = f.get("geometry")
        if not geom:
            continue
        g = shape(geom)
        if not g.intersects(frame):
            continue
        if g.geom_type in ("Polygon", "MultiPolygon") and not frame.contains(g):
            g = shapely.clip_by_rect(g, *frame.bounds)
            if g.is_empty:
                continue
            f = {**f, "geometry": mapping(g)}
        out.append(f)
    return out


def print_tolerance(map_w_px: float, map_h_px: float, lon: tuple[float, float] = VIEW_LON,
                    lat: tuple[float, float] = VIEW_LAT) -> float:
    """Degrees that are at most PRINT_TOL_MM on paper, rounded down to a power of two (a few cached variants).

    The map fits lon × lat into map_w × map_h CSS px; the east–west degree is shortest at the north edge,
    which gives the largest scale (mm per degree) anywhere on the map.
    """
    w_mm, h_mm = map_w_px / 96 * 25.4, map_h_px / 96 * 25.4
    lon_span = (lon[1] - lon[0]) * math.cos(math.radians(lat[1]))
    mm_per_deg = max(w_mm / lon_span, h_mm / (lat[1] - lat[0]))
    return 2.0 ** math.floor(math.log2(PRINT_TOL_MM / mm_per_deg))


def simplify(geometry: dict, tol: float) -> dict:
    """A GeoJSON geometry without the vertices within `tol` degrees of the kept outline (Douglas–Peucker,
    topology kept: no ring collapses or crosses), on a coordinate grid of ≤ tol/8."""
    shapely = _shapely()
    from shapely.geometry import mapping, shape

    g = shapely.simplify(shape(geometry), tol, preserve_topology=True)
    digits = max(3, math.ceil(-math.log10(tol / 8)))
    g = shapely.transform(g, lambda xy: xy.round(digits))
    return mapping(g)


def count_vertices(coords: Any) -> int:
    if coords and isinstance(coords[0], (int, float)):
        return 1
    return sum(count_vertices(c) for c in coords)


def line_coords(geometry: dict) -> tuple[list, list]:
    """(lons, lats) of a (Multi)LineString for scattergeo, parts separated by None."""
    parts = [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
    lons: list = []
    lats: list = []
    for part in parts:
        if lons:
            lons.append(None)
            lats.append(None)
        lons += [p[0] for p in part]
        lats += [p[1] for p in part]
    return lons, lats


@dataclass
class PrintLayers:
    """The request-independent part of a map at one tolerance and box, built once and cached."""

    tol: float
    base: list[dict]  # the grey context land
    shapes: dict[str, dict]  # location id -> simplified feature (territory | strait | zone)
    lines: dict[str, tuple[list, list]]  # line id -> (lons, lats)
    vertices: int


@functools.lru_cache(maxsize=24)
def print_layers(features: tuple, tol: float, box: BOX) -> PrintLayers:
    """`features`: a tuple of (id(fc), fc) to key the cache on the context's collection (see layers_for)."""
    _key, fc = features
    shapes: dict[str, dict] = {}
    base: list[dict] = []
    lines: dict[str, tuple[list, list]] = {}
    count = 0
    inside = clip_to_view(fc["features"], box) if box != view_box() else fc["features"]
    for f in inside:
        layer = f["properties"].get("layer")
        if layer not in ("context", "territory", "strait", "zone", "line"):
            continue
        geom = simplify(f["geometry"], tol)
        if not geom.get("coordinates"):
            continue
        count += count_vertices(geom["coordinates"])
        if layer == "line":
            lines[f["properties"]["id"]] = line_coords(geom)
        elif layer == "context":
            base.append({**f, "geometry": geom})
        else:
            shapes[f["properties"]["id"]] = {**f, "geometry": geom}
    return PrintLayers(tol, base, shapes, lines, count)


class _Keyed(tuple):
    """(key, fc) hashed and compared by the key only, so a big collection can key an lru_cache."""

    def __hash__(self) -> int:
        return hash(self[0])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, tuple) and len(other) == 2 and self[0] == other[0]


def layers_for(fc: dict, tol: float, box: BOX) -> PrintLayers:
    return print_layers(_Keyed((id(fc), fc)), tol, tuple(round(v, 4) for v in box))


def bounds_of(fc: dict, ids: list[str]) -> BOX | None:
    """The lon/lat bounds of the features with these ids (a territory zoom, an inset)."""
    from shapely.geometry import shape
    from shapely.ops import unary_union

    geoms = [shape(f["geometry"]) for f in fc["features"] if f["properties"].get("id") in ids
             and f["properties"].get("layer") == "territory"]
    if not geoms:
        return None
    return tuple(unary_union(geoms).bounds)
