"""Print resolution: the vertices dropped for an export are invisible on paper (≤ 0.05 mm), the rest
is kept, and the per-size layers are cached."""

import math

import pytest

from app.data import load_engine
from app.export import compose
from app.export.sizes import page_size


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def _dist_to_polyline(p, line):
    c = compose._COS_SOUTH  # noqa: SLF001 - the metric the tolerance is in
    px, py = p[0] * c, p[1]
    best = math.inf
    for a, b in zip(line, line[1:], strict=False):
        ax, ay, bx, by = a[0] * c, a[1], b[0] * c, b[1]
        dx, dy = bx - ax, by - ay
        seg2 = dx * dx + dy * dy
        t = 0.0 if seg2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / seg2))
        best = min(best, math.hypot(px - ax - t * dx, py - ay - t * dy))
    return best


def test_every_dropped_vertex_is_within_the_tolerance():
    pts = [[140 + i * 0.01, 45 + 0.003 * math.sin(i * 0.7) + (0.05 if i % 37 == 0 else 0)]
           for i in range(400)]
    tol = 0.002
    out = compose.simplify_line(pts, tol)
    assert out[0] == pts[0] and out[-1] == pts[-1]
    assert len(out) < len(pts) / 3
    assert all(p in out for i, p in enumerate(pts) if i % 37 == 0)  # the spikes are visible: kept
    assert max(_dist_to_polyline(p, out) for p in pts) <= tol * (1 + 1e-9)


@pytest.mark.parametrize("size", ["single", "double", "slide"])
def test_tolerance_is_at_most_0_05_mm_on_the_page(size):
    page = page_size(size)
    for map_w, map_h in ((page.width_css * 0.64, page.height_css * 0.6),
                         (page.width_css * 0.95, page.height_css * 0.5)):
        tol = compose.print_tolerance(map_w, map_h)
        # the largest scale on the map: the map fits the view, the shortest degree is at its north edge
        lon_km = (compose.VIEW_LON[1] - compose.VIEW_LON[0]) * math.cos(math.radians(compose.VIEW_LAT[1]))
        mm_per_deg = max(map_w / 96 * 25.4 / lon_km, map_h / 96 * 25.4 / (compose.VIEW_LAT[1] - compose.VIEW_LAT[0]))
        assert tol * mm_per_deg <= compose.PRINT_TOL_MM
        assert tol * mm_per_deg > compose.PRINT_TOL_MM / 2.01  # rounded down to a power of two, no more
        assert math.log2(tol) == int(math.log2(tol))


def test_print_layers_keep_what_is_visible_and_are_cached(engine):
    ctx = compose.context(engine)
    tol = compose.print_tolerance(600, 420)
    layers = compose.print_layers(engine, tol)
    assert compose.print_layers(engine, tol) is layers  # built once per size
    full = next(f for f in ctx.fc["features"] if f["properties"]["id"] == "sakhalin_south")["geometry"]
    simple = layers.shapes["sakhalin_south"]["geometry"]
    n_full, n_simple = (compose._count_vertices(g["coordinates"]) for g in (full, simple))  # noqa: SLF001
    assert n_simple < n_full / 2  # the invisible vertices are gone …
    # … but no island or hole is: every polygon and ring of the full layers is printed
    for f in ctx.fc["features"]:
        loc = f["properties"].get("id")
        if loc in layers.shapes:
            full_rings = [len(poly) for poly in f["geometry"]["coordinates"]]
            assert [len(poly) for poly in layers.shapes[loc]["geometry"]["coordinates"]] == full_rings
    # every full-resolution vertex is within the tolerance (+ the coordinate grid) of the printed ring
    grid = 10 ** -max(3, math.ceil(-math.log10(tol / 8)))
    for poly_full, poly_simple in zip(full["coordinates"], simple["coordinates"], strict=True):
        ring_full, ring_simple = poly_full[0], poly_simple[0]
        assert all(_dist_to_polyline(p, ring_simple) <= tol + grid for p in ring_full[::7])
    # every location and line of the paint table is there
    in_view = {f["properties"].get("id") for f in ctx.fc["features"]}
    assert set(ctx.table["locations"]) & in_view <= set(layers.shapes)
    assert {ln["id"] for ln in ctx.table["lines"]} == set(layers.lines)
