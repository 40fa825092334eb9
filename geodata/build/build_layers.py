"""Build geodata/layers/ from GSHHG 2.3.6 full resolution.

Usage (from the repository root)::

    .venv/bin/python -m geodata.build.build_layers            # writes geodata/layers/
    .venv/bin/python -m geodata.build.build_layers --out DIR  # writes DIR/ instead

Outputs (byte-reproducible: no timestamps, sorted keys and features, fixed rounding):

* ``layers_interactive.geojson`` -- every layer, simplified (4 decimals) for the Dash view;
* ``layers_full.geojson`` -- every layer at full GSHHG resolution (5 decimals) for figure export;
* ``views.json`` -- suggested camera boxes; ``provenance.json`` -- source, hashes, parameters,
  versions, assignment table and sizes; ``LICENSE-GSHHG/`` -- the LGPL texts from the wheel.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import shutil
import sys
import time
from collections import defaultdict
from importlib import metadata
from pathlib import Path

import numpy as np
import shapely
import shapely.affinity
import shapely.ops
import yaml
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box, mapping

from geodata.build import assignment as A
from geodata.build import definitions as D
from geodata.build import gshhg

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "geodata" / "registry.yaml"
DEFAULT_OUT = ROOT / "geodata" / "layers"

BBOX = (127.0, 33.0, 160.0, 56.0)  # lon0, lat0, lon1, lat1
KM_PER_DEG = 111.195
CREDIT = "Coastlines: GSHHG 2.3.6 (Wessel & Smith 1996), LGPL-3.0-or-later; clipped and simplified"
CITATION = (
    "Wessel, P. & Smith, W. H. F. (1996), A global, self-consistent, hierarchical, "
    "high-resolution shoreline database, J. Geophys. Res. 101(B4), 8741-8743"
)

# Per resolution: coordinate decimals / precision grid, and simplification tolerances (degrees).
RESOLUTIONS = {
    "interactive": {
        "decimals": 4,
        "grid": 1e-4,
        # GEOS coverage simplification (area-based); 0.004 keeps about as many vertices as
        # Douglas-Peucker at 0.002 (Sakhalin: ~2,600 vs ~2,400) and never drops an islet.
        "territory_coverage_tolerance": 0.004,
        "context_tolerance": {"context_hokkaido": 0.003, "default": 0.02},
        # context islets smaller than this are left out of this resolution (Hokkaido keeps all)
        "context_min_area_km2": {"context_hokkaido": 0.0, "default": 1.0},
        "line_tolerance": 0.002,
    },
    "full": {
        "decimals": 5,
        "grid": 1e-5,
        "territory_coverage_tolerance": 0.0,
        "context_tolerance": {"context_hokkaido": 0.0, "default": 0.001},
        "context_min_area_km2": {"context_hokkaido": 0.0, "default": 0.01},
        "line_tolerance": 0.0,
    },
}
STRAIT_SETBACK = 2  # grid cells between a strait zone and the coast (2e-4 deg ~ 20 m interactive)
SEA_LINES = ("line_1855", "line_macarthur", "line_bulganin")  # must not cross any land
LAYER_ORDER = ["context", "territory", "zone", "strait", "line", "label"]


class BuildError(RuntimeError):
    pass


# ---------------------------------------------------------------- helpers
def _sinus(g):
    """Sinusoidal projection in km (local distances are right to ~1 % in this box)."""
    def f(xy):
        lat = xy[:, 1]
        return np.column_stack([xy[:, 0] * np.cos(np.radians(lat)), lat]) * KM_PER_DEG
    return shapely.transform(g, f)


def _chunks(poly, n=256):
    """The rings of a (projected) polygon as short LineStrings, so that nearest-neighbour
    queries against huge land masses stay fast."""
    out = []
    for ring in [poly.exterior, *poly.interiors]:
        xy = np.asarray(ring.coords)
        for i in range(0, len(xy) - 1, n):
            out.append(LineString(xy[i:i + n + 1]))
    return out


def _parts(g) -> list[Polygon]:
    if g is None or g.is_empty:
        return []
    if g.geom_type == "Polygon":
        return [g]
    out = []
    for q in getattr(g, "geoms", []):
        out.extend(_parts(q))
    return out


def _multi(polys) -> MultiPolygon:
    g = MultiPolygon(sorted(polys, key=lambda p: (p.bounds, p.area)))
    if not g.is_valid:
        g = MultiPolygon(_parts(shapely.make_valid(g)))
    return g


def _finish(g, grid):
    """Snap to the output grid (valid result), and orient exterior rings clockwise."""
    g = shapely.set_precision(g, grid)
    if g.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
        g = _multi(_parts(g))
        g = shapely.orient_polygons(g, exterior_cw=True)
    return g


def _rnd(o, nd):
    if isinstance(o, float):
        v = round(o, nd)
        return 0.0 if v == 0 else v
    if isinstance(o, (list, tuple)):
        return [_rnd(x, nd) for x in o]
    return o


def _count_vertices(coords) -> int:
    if coords and isinstance(coords[0], (int, float)):
        return 1
    return sum(_count_vertices(c) for c in coords)


def load_registry(path: Path = REGISTRY) -> dict:
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


# ---------------------------------------------------------------- read + assign
def read_parts():
    """All GSHHG level-1 polygons clipped to BBOX: list of (gshhs_id, part_no, Polygon)."""
    out = []
    for lp in gshhg.read_land(BBOX):
        for i, q in enumerate(gshhg.clip(lp.geom, BBOX)):
            out.append((lp.gshhs_id, i, q))
    return out


def assign_parts(parts, registry):
    """Return {feature_id: [Polygon, ...]} and the table {feature_id: [gshhs ids]}."""
    unit_of = {f: u for u, d in registry["territory_units"].items() for f in d["features"]}
    by_gid = defaultdict(list)
    for gid, _, q in parts:
        by_gid[gid].append(q)

    # anchors: named territory polygons, Sakhalin, named context polygons
    anchors: list[tuple[str, object]] = []  # (feature-or-'sakhalin', projected ring chunk)
    named = [(fid, gid) for fid, gid in sorted(A.TERRITORY_NAMED.items())]
    named += [("sakhalin", A.SAKHALIN_ID)]
    named += [(fid, gid) for gid, fid in sorted(A.CONTEXT_NAMED.items())]
    for fid, gid in named:
        anchors += [(fid, c) for q in by_gid[gid] for c in _chunks(_sinus(q))]
    far_anchors = [(f, g) for f, g in anchors if f == "sakhalin" or f.startswith("context_")]
    near_tree = shapely.STRtree([g for _, g in anchors])
    far_tree = shapely.STRtree([g for _, g in far_anchors])

    def sak(lat):
        return "sakhalin_north" if lat >= A.SAKHALIN_SPLIT_LAT else "sakhalin_south"

    named_gid = {g: f for f, g in A.TERRITORY_NAMED.items()}
    feats: dict[str, list] = defaultdict(list)
    table: dict[str, set] = defaultdict(set)
    hb, kb = box(*A.HABOMAI_BOX), box(*A.KURIL_BOX)
    for gid, _, q in parts:
        rp = q.representative_point()
        if gid == A.SAKHALIN_ID:
            for fid, rect in (("sakhalin_north", (-180, 50, 180, 90)),
                              ("sakhalin_south", (-180, -90, 180, 50))):
                piece = shapely.intersection(q, box(*rect))
                feats[fid].extend(_parts(piece))
                table[fid].add(gid)
            continue
        if gid in named_gid:
            fid = named_gid[gid]
        elif gid in A.CONTEXT_NAMED:
            fid = A.CONTEXT_NAMED[gid]
        elif hb.contains(rp):
            fid = "habomai_other"
        else:
            pq = _sinus(q)
            i, d = near_tree.query_nearest(pq, return_distance=True, all_matches=False)
            if d.size and d[0] <= A.NEAR_KM:
                fid = anchors[int(i[0])][0]
                fid = sak(rp.y) if fid == "sakhalin" else fid
            elif kb.contains(rp):
                fid = ("kurils_north_other" if rp.y >= A.KURIL_NORTH_CENTRAL_LAT
                       else "kurils_central_other")
            else:
                i, d = far_tree.query_nearest(pq, return_distance=True, all_matches=False)
                if d.size and d[0] <= A.FAR_KM:
                    fid = far_anchors[int(i[0])][0]
                    fid = sak(rp.y) if fid == "sakhalin" else fid
                else:
                    fid = "context_other_islands"
        if not fid.startswith("context_") and fid not in unit_of:
            raise BuildError(f"polygon {gid} assigned to {fid!r}, not a registry feature")
        feats[fid].append(q)
        table[fid].add(gid)
    return feats, {k: sorted(v, key=lambda s: (len(s), s)) for k, v in sorted(table.items())}


def check_refs(feats, registry):
    """Every registry ref point must lie on (or within 3 km / 1 km for Habomai) its feature."""
    habomai = set(registry["territory_units"]["habomai"]["features"])
    for fid, d in registry["features"].items():
        if "ref" not in d:
            continue
        lat, lon = d["ref"]
        g = _sinus(MultiPolygon(feats.get(fid, [])))
        dist = g.distance(_sinus(Point(lon, lat))) if not g.is_empty else math.inf
        limit = 1.0 if fid in habomai else 3.0
        if dist > limit:
            raise BuildError(f"registry ref of {fid!r} ({lat}, {lon}) is {dist:.2f} km from it")


# ---------------------------------------------------------------- per-resolution geometry
def territory_geoms(feats, registry, res):
    fids = sorted(f for f in feats if not f.startswith("context_"))
    geoms = [_multi(feats[f]) for f in fids]
    tol = res["territory_coverage_tolerance"]
    if tol:
        geoms = list(shapely.coverage_simplify(np.array(geoms, dtype=object), tol))
    return {f: _finish(g, res["grid"]) for f, g in zip(fids, geoms, strict=True)}


def context_geoms(feats, res):
    out = {}
    for fid in sorted(f for f in feats if f.startswith("context_")):
        polys = feats[fid]
        min_km2 = res["context_min_area_km2"].get(fid, res["context_min_area_km2"]["default"])
        if min_km2:
            polys = [p for p in polys if _sinus(p).area >= min_km2]
        tol = res["context_tolerance"].get(fid, res["context_tolerance"]["default"])
        g = _multi(polys)
        if tol:
            g = shapely.simplify(g, tol, preserve_topology=True)
        out[fid] = _finish(g, res["grid"])
    return out


def zone_geom(hokkaido, res):
    (kx, ky), (rx, ry) = D.KUSHIRO, D.RUMOI
    dx, dy = rx - kx, ry - ky
    east, west = (kx - 2 * dx, ky - 2 * dy), (kx + 3 * dx, ky + 3 * dy)
    north = Polygon([east, west, (west[0], 48.0), (east[0], 48.0)])
    return _finish(shapely.intersection(hokkaido, north, grid_size=res["grid"]), res["grid"])


def strait_geoms(land_geoms, res):
    out = {}
    for sid, d in sorted(D.STRAITS.items()):
        outline = Polygon(d["outline"])
        x0, y0, x1, y1 = outline.bounds
        land = shapely.union_all(
            [shapely.clip_by_rect(g, x0 - 0.01, y0 - 0.01, x1 + 0.01, y1 + 0.01)
             for g in land_geoms], grid_size=res["grid"])
        # Keep the zone STRAIT_SETBACK grid cells off the coast: snapping the points where the
        # outline crosses a coast to the grid would otherwise leave slivers on land.
        land = land.buffer(STRAIT_SETBACK * res["grid"], join_style="mitre", mitre_limit=2.0)
        water = shapely.difference(outline, land, grid_size=res["grid"])
        parts = sorted(_parts(water), key=lambda p: (-p.area, p.bounds))
        if not parts:
            raise BuildError(f"{sid}: no water inside the outline")
        out[sid] = _finish(parts[0], res["grid"])
    return out


def line_1855(iturup_full, urup_full):
    a, b = shapely.ops.nearest_points(iturup_full, urup_full)
    mx, my = (a.x + b.x) / 2, (a.y + b.y) / 2
    c = math.cos(math.radians(my))
    vx, vy = (b.x - a.x) * c, (b.y - a.y)  # km-ish direction Iturup -> Urup
    n = math.hypot(vx, vy)
    px, py = -vy / n, vx / n  # perpendicular
    half = 0.32  # degrees of latitude, ~35 km each side
    return LineString([(mx - px * half / c, my - py * half), (mx + px * half / c, my + py * half)])


def macarthur_line(hokkaido_main_full):
    """SCAPIN-1033 para. 2 course inside the map box, 45 30'N 140 E eastwards (see definitions)."""
    c = math.cos(math.radians(44.5))
    scale = shapely.affinity.scale
    hk = scale(hokkaido_main_full, xfact=c, yfact=1.0, origin=(0, 0))
    buf = scale(hk.buffer(D.THREE_NMI_KM / KM_PER_DEG, quad_segs=16), xfact=1 / c, yfact=1.0,
                origin=(0, 0))
    (x0, y0), (x1, y1) = D.MACARTHUR_NW, D.MACARTHUR_NE
    west = Polygon([(120.0, y0), (x1, y1), (x1, 30.0), (120.0, 30.0)])
    s, se, far = D.MACARTHUR_START, D.MACARTHUR_SE, D.MACARTHUR_FAR
    east = Polygon([s, se, far, (170.0, 30.0), (x1 - 0.1, 30.0), (x1 - 0.1, 43.0)])
    # the 3-mile band ends at the start point, "midway between Nosappu Misaki and Kaigara Jima"
    buf = shapely.difference(buf, box(s[0], 43.0, 147.0, 44.0))
    region = shapely.union_all([west, buf, east])
    edge = shapely.clip_by_rect(region.exterior, x0, 38.0, BBOX[2], 47.0)
    merged = shapely.line_merge(edge)
    lines = _lines(merged)
    if len(lines) != 1:
        raise BuildError(f"MacArthur line: expected one line, got {len(lines)}")
    ln = lines[0]
    if ln.coords[0][0] > ln.coords[-1][0]:
        ln = shapely.reverse(ln)
    return ln


def _lines(g):
    if g.geom_type == "LineString":
        return [g]
    return [x for x in getattr(g, "geoms", []) if x.geom_type == "LineString"]


def line_geoms(terr_full, ctx_hokkaido_main_full):
    shared = shapely.intersection(terr_full["sakhalin_north"].boundary,
                                  terr_full["sakhalin_south"].boundary)
    xs = [x for ln in _lines(shapely.line_merge(shared)) for x, _ in ln.coords]
    if not xs:
        raise BuildError("Sakhalin halves share no border at 50 N")
    return {
        "line_50n": LineString([(min(xs), 50.0), (max(xs), 50.0)]),
        "line_kushiro_rumoi": LineString([D.KUSHIRO, D.RUMOI]),
        "line_1855": line_1855(terr_full["iturup"], terr_full["urup"]),
        "line_macarthur": macarthur_line(ctx_hokkaido_main_full),
        "line_bulganin": LineString(D.BULGANIN_SCHEMATIC),
    }


LINE_PROPS = {
    "line_50n": {"source": "Treaty of Portsmouth (1905), Art. IX: the 50th degree of north "
                           "latitude "
                           "(PORTS-1905-A9)", "schematic": False},
    "line_kushiro_rumoi": {"source": D.STALIN_1945, "schematic": False,
                           "note": D.KUSHIRO_RUMOI_NOTE},
    "line_1855": {"source": D.SHIMODA_1855, "schematic": True, "note": D.LINE_1855_NOTE},
    "line_macarthur": {"source": D.SCAPIN_1033, "schematic": False, "verified": False,
                       "note": D.MACARTHUR_NOTE},
    "line_bulganin": {"source": D.BULGANIN_1956, "schematic": True, "note": D.BULGANIN_NOTE},
}


# ---------------------------------------------------------------- features
def _names(d):
    return {f"name_{k}": d[k] for k in ("en", "ja", "ru", "zh")}


def _feature(props, geom, nd):
    return {"type": "Feature", "properties": props,
            "geometry": {"type": geom.geom_type,
                         "coordinates": _rnd(mapping(geom)["coordinates"], nd)}}


def label_features(registry, nd):
    feats = []
    for lab in D.LABELS:
        props = {"layer": "label", "id": lab["id"], "kind": lab["kind"], **_names(lab["names"]),
                 "historical": lab["historical"]}
        feats.append(_feature(props, Point(lab["lon"], lab["lat"]), nd))
    for key, (lon, lat) in sorted(D.ISLAND_LABEL_POINTS.items()):
        props = {"layer": "label", "id": f"island_{key}", "kind": "island",
                 **_names(D.ISLAND_LABEL_NAMES[key]), "historical": []}
        feats.append(_feature(props, Point(lon, lat), nd))
    for fid, d in sorted(registry["features"].items()):
        if "ref" not in d or fid.startswith("sakhalin_"):
            continue
        lat, lon = d["ref"]
        props = {"layer": "label", "id": f"island_{fid}", "kind": "island", "feature": fid,
                 **_names(d["names"]), "historical": []}
        feats.append(_feature(props, Point(lon, lat), nd))
    for sid, (lon, lat) in sorted(D.STRAIT_LABEL_POINTS.items()):
        props = {"layer": "label", "id": f"label_{sid}", "kind": "strait", "strait": sid,
                 **_names(registry["straits"][sid]["names"]), "historical": []}
        feats.append(_feature(props, Point(lon, lat), nd))
    return feats


def build_collection(name, res, feats, registry, full_terr, hokkaido_main_full, lines):
    nd = res["decimals"]
    unit_of = {f: u for u, d in registry["territory_units"].items() for f in d["features"]}
    terr = territory_geoms(feats, registry, res)
    ctx = context_geoms(feats, res)
    out = []
    for fid, g in terr.items():
        props = {"layer": "territory", "id": fid, "unit": unit_of[fid],
                 **_names(registry["features"][fid]["names"])}
        if fid in A.FEATURE_NOTES:
            props["note"] = A.FEATURE_NOTES[fid]
        out.append(_feature(props, g, nd))
    for fid, g in ctx.items():
        props = {"layer": "context", "id": fid, **_names(A.CONTEXT_NAMES[fid])}
        out.append(_feature(props, g, nd))
    zone = zone_geom(ctx["context_hokkaido"], res)
    out.append(_feature({"layer": "zone", "id": "hokkaido_north_zone",
                         **_names(registry["zones"]["hokkaido_north_zone"]["names"]),
                         "source": D.STALIN_1945, "note": D.KUSHIRO_RUMOI_NOTE}, zone, nd))
    straits = strait_geoms(list(terr.values()) + list(ctx.values()), res)
    for sid, g in straits.items():
        props = {"layer": "strait", "id": sid, **_names(registry["straits"][sid]["names"]),
                 "source": D.STRAITS[sid]["source"], "schematic": True, "note": D.STRAIT_NOTE}
        out.append(_feature(props, g, nd))
    land = shapely.union_all(list(terr.values()) + list(ctx.values()))
    for lid, g in sorted(lines.items()):
        if res["line_tolerance"] and len(g.coords) > 2:
            g = shapely.simplify(g, res["line_tolerance"], preserve_topology=True)
        if lid in SEA_LINES and g.intersects(land):
            raise BuildError(f"{lid} crosses land at the {name} resolution")
        props = {"layer": "line", "id": lid, **_names(registry["lines"][lid]["names"]),
                 **LINE_PROPS[lid]}
        out.append(_feature(props, g, nd))
    out.extend(label_features(registry, nd))
    out.sort(key=lambda f: (LAYER_ORDER.index(f["properties"]["layer"]), f["properties"]["id"]))
    return {"type": "FeatureCollection", "name": name, "attribution": CREDIT, "features": out}


def _dump(obj) -> bytes:
    text = json.dumps(obj, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode()


def _stats(fc, data: bytes):
    per_layer = defaultdict(int)
    for f in fc["features"]:
        per_layer[f["properties"]["layer"]] += _count_vertices(f["geometry"]["coordinates"])
    return {"features": len(fc["features"]), "vertices": sum(per_layer.values()),
            "vertices_by_layer": dict(sorted(per_layer.items())), "bytes": len(data),
            "gzip_bytes": len(gzip.compress(data, compresslevel=6, mtime=0))}


def _versions():
    out = {"python": ".".join(map(str, sys.version_info[:3])), "shapely": shapely.__version__,
           "geos": shapely.geos_version_string, "numpy": np.__version__}
    for pkg in ("geopandas", "pyogrio", "basemap-data-hires", "pyyaml"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = None
    return out


def copy_licences(out_dir: Path):
    dist = metadata.distribution(gshhg.PACKAGE)
    lic = out_dir / "LICENSE-GSHHG"
    lic.mkdir(parents=True, exist_ok=True)
    for name in ("COPYING", "COPYING.LESSER"):
        src = next((f for f in dist.files or [] if f.name == name), None)
        if src is None:
            raise BuildError(f"{name} not found in the {gshhg.PACKAGE} dist-info")
        shutil.copyfile(dist.locate_file(src), lic / name)
    (lic / "README.md").write_text(
        "# GSHHG licence and citation\n\n"
        f"The coastlines in `../layers_*.geojson` are derived from GSHHG {gshhg.GSHHG_VERSION} "
        f"(full resolution), installed from PyPI `{gshhg.PACKAGE}=={gshhg.PACKAGE_VERSION}`, "
        "clipped to the map box, assigned to territories and simplified.\n\n"
        "GSHHG is distributed under the GNU Lesser General Public License, version 3 or later "
        "(LGPL-3.0-or-later); `COPYING` and `COPYING.LESSER` are copied unchanged from the "
        "wheel's dist-info.\n\n"
        f"Citation: {CITATION}.\n\nCredit line: \"{CREDIT}\".\n", encoding="utf-8")


def build(out_dir: Path | str = DEFAULT_OUT, registry_path: Path | str = REGISTRY) -> dict:
    """Build every output into ``out_dir``; return the provenance record."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    hashes = gshhg.verify()
    registry = load_registry(Path(registry_path))
    parts = read_parts()
    feats, table = assign_parts(parts, registry)
    check_refs(feats, registry)
    missing = [f for d in registry["territory_units"].values() for f in d["features"]
               if f not in feats]
    if missing:
        raise BuildError(f"registry features without any polygon: {missing}")

    full_terr = {f: _multi(feats[f]) for f in feats if not f.startswith("context_")}
    hokkaido_main = max((q for gid, _, q in parts if gid == "27"), key=lambda p: p.area)
    lines = line_geoms(full_terr, hokkaido_main)

    record_res = {}
    for name in ("interactive", "full"):
        res = RESOLUTIONS[name]
        fc = build_collection(name, res, feats, registry, full_terr, hokkaido_main, lines)
        data = _dump(fc)
        (out_dir / f"layers_{name}.geojson").write_bytes(data)
        record_res[name] = {"file": f"layers_{name}.geojson", **res, **_stats(fc, data)}
    (out_dir / "views.json").write_bytes(_dump({"views": D.VIEWS, "default": "default"}))
    copy_licences(out_dir)
    prov = {
        "source": {
            "name": f"GSHHG {gshhg.GSHHG_VERSION}, full resolution, level 1 (land)",
            "package": f"{gshhg.PACKAGE}=={gshhg.PACKAGE_VERSION} (PyPI)",
            "wheel_sha256": gshhg.WHEEL_SHA256,
            "data_sha256": hashes,
            "data_bytes": gshhg.SIZES,
            "licence": "LGPL-3.0-or-later (LICENSE-GSHHG/)",
            "citation": CITATION,
            "credit": CREDIT,
        },
        "build": {
            "command": ".venv/bin/python -m geodata.build.build_layers",
            "description": (
                "Read GSHHG level-1 polygons intersecting the box and clip them to it; assign "
                "each polygon to a feature (geodata/build/assignment.py; table below); split "
                "Sakhalin at exactly 50 N; interactive: shapely.coverage_simplify of all "
                "territory features together (shared borders stay shared), Douglas-Peucker with "
                "preserve_topology for context land, context islets below the minimum area "
                "dropped; both: snap to the coordinate grid with shapely.set_precision, orient "
                "exterior rings clockwise (d3/plotly geo), cut the Hokkaido zone with the "
                "Kushiro-Rumoi line, subtract land from the hand-drawn strait outlines."
            ),
            "bbox_lon_lat": list(BBOX),
            "registry": "geodata/registry.yaml",
            "versions": _versions(),
        },
        "resolutions": record_res,
        "assignment_gshhs_ids": {k: v for k, v in table.items() if not k.startswith("context_")},
        "context_polygon_counts": {k: len(v) for k, v in table.items() if k.startswith("context_")},
        "notes": [
            "signalny (Kaigara) = GSHHS 124139 at 43.390 N 145.874 E: probable identification, "
            "not verified against a gazetteer.",
            "Tyuleny (Robben) Island off Cape Terpeniya is not in GSHHG 2.3.6 full resolution.",
            "Island areas from GSHHG are 2-4 % larger than official figures; do not quote them.",
        ],
    }
    (out_dir / "provenance.json").write_bytes(
        (json.dumps(prov, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode())
    return prov


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="output directory")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    prov = build(args.out)
    for name, r in prov["resolutions"].items():
        print(f"{name}: {r['features']} features, {r['vertices']} vertices, {r['bytes']} B, "
              f"{r['gzip_bytes']} B gzipped")
    print(f"built into {args.out} in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
