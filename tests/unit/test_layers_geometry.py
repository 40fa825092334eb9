"""Geometric checks of the committed layer files (both resolutions), with shapely."""

from __future__ import annotations

import gzip
import itertools
import json
import math
from functools import cache

import pytest

shapely = pytest.importorskip("shapely")
from shapely.geometry import LineString, Point, shape  # noqa: E402

from app.layers import FILES, LAYERS_DIR, load_registry  # noqa: E402

RESOLUTIONS = ["interactive", "full"]
# The zone is cut from Hokkaido along the Kushiro-Rumoi line; snapping the two cut points to the
# coordinate grid (1e-4 / 1e-5 deg) may move them off the coast by up to half a cell.
ZONE_SLACK = {"interactive": 2e-6, "full": 2e-7}  # deg^2, i.e. <= ~0.02 km^2
HABOMAI_KM = 1.0
ISLAND_KM = 3.0


@cache
def collection(res: str) -> dict:
    return json.loads((LAYERS_DIR / FILES[res]).read_text(encoding="utf-8"))


@cache
def geoms(res: str) -> dict:
    return {f["properties"]["id"]: (f["properties"], shape(f["geometry"]))
            for f in collection(res)["features"]}


def layer(res, name):
    return {k: g for k, (p, g) in geoms(res).items() if p["layer"] == name}


def units(res):
    out = {}
    for _, (p, g) in geoms(res).items():
        if p["layer"] == "territory":
            out.setdefault(p["unit"], []).append(g)
    return {u: shapely.union_all(gs) for u, gs in out.items()}


def km(res_geom, lon, lat):
    """Distance in km from a point to a geometry (local equirectangular scaling)."""
    c = math.cos(math.radians(lat))

    def f(xy):
        xy = xy.copy()
        xy[:, 0] *= c
        return xy * 111.195
    return shapely.transform(res_geom, f).distance(shapely.transform(Point(lon, lat), f))


@pytest.mark.parametrize("res", RESOLUTIONS)
def test_every_geometry_is_valid(res):
    bad = [k for k, (_, g) in geoms(res).items() if not g.is_valid or g.is_empty]
    assert not bad, f"invalid or empty geometries in {res}: {bad}"


@pytest.mark.parametrize("res", RESOLUTIONS)
def test_exterior_rings_are_clockwise(res):
    bad = []
    for k, (_, g) in geoms(res).items():
        for poly in getattr(g, "geoms", [g]):
            if poly.geom_type == "Polygon" and poly.exterior.is_ccw:
                bad.append(k)
                break
            if poly.geom_type == "Polygon" and any(not r.is_ccw for r in poly.interiors):
                bad.append(f"{k} (hole)")
                break
    assert not bad, f"counter-clockwise exterior rings in {res}: {bad}"


@pytest.mark.parametrize("res", RESOLUTIONS)
def test_territory_units_do_not_overlap(res):
    us = units(res)
    for (a, ga), (b, gb) in itertools.combinations(sorted(us.items()), 2):
        assert ga.intersection(gb).area <= 1e-9, f"{a} overlaps {b} in {res}"


@pytest.mark.parametrize("res", RESOLUTIONS)
def test_sakhalin_halves_share_the_50n_border_without_gap(res):
    t = layer(res, "territory")
    north, south = t["sakhalin_north"], t["sakhalin_south"]
    assert north.intersection(south).area <= 1e-12
    assert north.bounds[1] == pytest.approx(50.0, abs=1e-9)
    assert south.bounds[3] == pytest.approx(50.0, abs=1e-9)
    both = shapely.union_all([north, south])
    chord = LineString([(140.0, 50.0), (146.0, 50.0)]).intersection(both).length
    shared = north.boundary.intersection(south.boundary).length
    assert chord > 1.5  # Sakhalin is ~2 degrees wide at 50 N
    assert shared == pytest.approx(chord, abs=1e-9), "gap along 50 N"
    main = max(getattr(both, "geoms", [both]), key=lambda p: p.area)
    assert main.contains(Point(143.0, 50.0)) or main.touches(Point(143.0, 50.0))
    assert main.bounds[1] < 49.0 and main.bounds[3] > 51.0, "the halves do not join"
    line = layer(res, "line")["line_50n"]
    assert {round(y, 9) for _, y in line.coords} == {50.0}


@pytest.mark.parametrize("res", RESOLUTIONS)
def test_strait_zones_lie_in_water(res):
    land = shapely.union_all(list(layer(res, "territory").values())
                             + list(layer(res, "context").values()))
    straits = layer(res, "strait")
    assert set(straits) == set(load_registry()["straits"])
    for sid, g in straits.items():
        assert g.area > 0.01, sid
        assert g.intersection(land).area <= 1e-12, f"{sid} covers land in {res}"


@pytest.mark.parametrize("res", RESOLUTIONS)
def test_every_named_island_has_a_polygon_at_its_reference_point(res):
    reg = load_registry()
    habomai = set(reg["territory_units"]["habomai"]["features"])
    t = layer(res, "territory")
    checked = []
    for fid, d in reg["features"].items():
        if "ref" not in d:
            continue
        lat, lon = d["ref"]
        limit = HABOMAI_KM if fid in habomai else ISLAND_KM
        dist = km(t[fid], lon, lat)
        assert dist <= limit, f"{fid}: {dist:.2f} km from its ref point in {res}"
        checked.append(fid)
    for must in ("shumshu", "paramushir", "atlasov", "onekotan", "simushir", "urup", "iturup",
                 "kunashir", "shikotan", "polonsky", "zelyony", "tanfilyev", "yuri", "anuchina",
                 "demina", "signalny", "moneron", "sakhalin_north", "sakhalin_south"):
        assert must in checked


@pytest.mark.parametrize("res", RESOLUTIONS)
def test_habomai_keeps_all_17_islets(res):
    reg = load_registry()
    t = layer(res, "territory")
    n = sum(len(getattr(t[f], "geoms", [t[f]]))
            for f in reg["territory_units"]["habomai"]["features"])
    assert n >= 17


def test_interactive_is_at_most_100_kb_gzipped():
    data = (LAYERS_DIR / FILES["interactive"]).read_bytes()
    assert len(gzip.compress(data, 6)) <= 100_000


@pytest.mark.parametrize("res", RESOLUTIONS)
def test_every_registry_id_is_a_feature_and_context_has_no_unit(res):
    reg = load_registry()
    g = geoms(res)
    ids = set(reg["features"]) | set(reg["straits"]) | set(reg["zones"]) | set(reg["lines"])
    assert not ids - set(g)
    for k, (p, _) in g.items():
        if p["layer"] == "context":
            assert "unit" not in p, k
            assert k.startswith("context_")
        if p["layer"] == "territory":
            assert k in reg["territory_units"][p["unit"]]["features"]
    assert {"context_hokkaido", "context_honshu", "context_kyushu", "context_mainland"} <= set(g)


@pytest.mark.parametrize("res", RESOLUTIONS)
def test_hokkaido_zone_is_hokkaido_north_of_the_kushiro_rumoi_line(res):
    zone = layer(res, "zone")["hokkaido_north_zone"]
    hokkaido = layer(res, "context")["context_hokkaido"]
    assert zone.difference(hokkaido).area <= ZONE_SLACK[res]
    assert 0.3 * hokkaido.area < zone.area < 0.8 * hokkaido.area
    for lon, lat in [(141.67, 45.41), (145.58, 43.33), (142.4, 44.5)]:  # Wakkanai, Nemuro, inland
        assert km(zone, lon, lat) < 3, (lon, lat)
    for lon, lat in [(140.73, 41.77), (141.35, 43.06)]:  # Hakodate, Sapporo: south of the line
        assert not zone.contains(Point(lon, lat))


@pytest.mark.parametrize("res", RESOLUTIONS)
def test_lines_have_sources_and_schematic_ones_a_note(res):
    for _, (p, g) in geoms(res).items():
        if p["layer"] in ("line", "strait", "zone"):
            assert p.get("source"), p["id"]
        if p["layer"] == "line":
            assert g.geom_type == "LineString" and g.length > 0
            if p["schematic"]:
                assert p.get("note"), p["id"]
    lines = layer(res, "line")
    assert lines["line_kushiro_rumoi"].coords[0] == pytest.approx((144.38, 42.98))
    land = shapely.union_all(list(layer(res, "territory").values())
                             + list(layer(res, "context").values()))
    for lid in ("line_1855", "line_macarthur", "line_bulganin"):
        assert not lines[lid].intersects(land), f"{lid} crosses land in {res}"
    # the 1855 line runs between Iturup and Urup and touches neither
    t = layer(res, "territory")
    l1855 = lines["line_1855"]
    assert not l1855.intersects(t["iturup"]) and not l1855.intersects(t["urup"])
    assert km(t["iturup"], *l1855.interpolate(0.5, normalized=True).coords[0]) < 30


def test_labels_carry_dated_historical_names_with_sources():
    labels = [f["properties"] for f in collection("interactive")["features"]
              if f["properties"]["layer"] == "label"]
    by_id = {p["id"]: p for p in labels}
    toyohara = by_id["town_yuzhno_sakhalinsk"]["historical"][0]
    assert toyohara["name_en"] == "Toyohara" and toyohara["from"] == "1905"
    for p in labels:
        for h in p["historical"]:
            assert h["source"] and h["from"] and h["to"]
            assert "verified" in h
