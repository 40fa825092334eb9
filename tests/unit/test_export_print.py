"""Print geometry (shapely): what is dropped for an export is invisible on paper (≤ 0.05 mm), nothing else,
and the layers are cached per tolerance and box."""

import math

import pytest

from app.data import load_engine
from app.export import geometry, paint
from app.export.sizes import page_size


@pytest.fixture(scope="module")
def ctx():
    return paint.context(load_engine())


@pytest.mark.parametrize("size", ["single", "double", "slide"])
def test_tolerance_is_at_most_0_05_mm_on_the_page(size):
    page = page_size(size)
    lon, lat = geometry.VIEW_LON, geometry.VIEW_LAT
    for map_w, map_h in ((page.width_css * 0.64, page.height_css * 0.6),
                         (page.width_css * 0.95, page.height_css * 0.5)):
        tol = geometry.print_tolerance(map_w, map_h)
        lon_km = (lon[1] - lon[0]) * math.cos(math.radians(lat[1]))
        mm_per_deg = max(map_w / 96 * 25.4 / lon_km, map_h / 96 * 25.4 / (lat[1] - lat[0]))
        assert tol * mm_per_deg <= geometry.PRINT_TOL_MM
        assert tol * mm_per_deg > geometry.PRINT_TOL_MM / 2.01
        assert math.log2(tol) == int(math.log2(tol))


def test_simplified_outline_stays_within_the_tolerance(ctx):
    from shapely.geometry import shape

    tol = geometry.print_tolerance(600, 420)
    layers = geometry.layers_for(ctx.fc, tol, geometry.view_box())
    assert geometry.layers_for(ctx.fc, tol, geometry.view_box()) is layers  # cached
    full = {f["properties"]["id"]: f for f in ctx.fc["features"]}
    grid = 10 ** -max(3, math.ceil(-math.log10(tol / 8)))
    for loc in ("sakhalin_south", "kunashir", "shikotan", "zelyony"):
        a, b = shape(full[loc]["geometry"]), shape(layers.shapes[loc]["geometry"])
        assert a.hausdorff_distance(b) <= tol + 2 * grid
        assert geometry.count_vertices(layers.shapes[loc]["geometry"]["coordinates"]) <= \
            geometry.count_vertices(full[loc]["geometry"]["coordinates"])
    assert layers.vertices < sum(geometry.count_vertices(f["geometry"]["coordinates"]) for f in ctx.fc["features"]
                                 if f["properties"].get("layer") != "label") / 2
    in_view = {f["properties"]["id"] for f in ctx.fc["features"]}
    assert set(ctx.table["locations"]) & in_view <= set(layers.shapes)


def test_a_zoom_box_keeps_only_what_it_shows(ctx):
    box = geometry.view_box((145.0, 147.5), (43.1, 44.7), 0.4)
    layers = geometry.layers_for(ctx.fc, 2 ** -12, box)
    assert {"kunashir", "shikotan", "zelyony"} <= set(layers.shapes) and "sakhalin_north" not in layers.shapes
    assert geometry.bounds_of(ctx.fc, ["shikotan"])[0] > 146.0
