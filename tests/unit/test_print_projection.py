"""A printed map is projected where the page's projection (app/cartography/projection.py) says: a figure of any
size, a subplot anywhere in it, rendered by kaleido, puts each lon/lat where MapProjection.in_figure put it."""

from __future__ import annotations

import re

import pytest

from app.cartography.projection import MapProjection
from app.cartography.views import print_view
from app.export import render

POINTS = [(140.0, 45.0), (150.0, 50.5), (146.0, 43.0), (155.0, 52.0), (145.6, 43.4)]
POINT = re.compile(r'class="point"[^>]*transform="translate\(([-\d.e]+),\s*([-\d.e]+)\)"')


@pytest.mark.parametrize(("size", "box", "lon", "lat"), [
    ((680.3, 470.6), (33.7, 52.4, 402.3, 311.8), (137.0, 158.5), (41.2, 54.6)),
    ((321.26, 430.1), (11.3, 46.2, 298.6, 200.4), (137.0, 158.5), (41.2, 54.6)),
    ((1280.0, 720.0), (900.5, 400.25), (145.05, 147.45), (43.15, 44.65)),
])
def test_print_projection_is_where_kaleido_draws(size, box, lon, lat):
    if len(box) == 2:  # an inset-sized subplot in the corner
        box = (*box, 300.2, 234.1)
    (w, h), (x, y, bw, bh) = size, box
    view = print_view(lon, lat)
    fig = {"data": [{"type": "scattergeo", "lon": [p[0] for p in POINTS], "lat": [p[1] for p in POINTS],
                     "mode": "markers", "marker": {"size": 2}}],
           "layout": {"width": w, "height": h, "margin": {"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0},
                      "geo": {"domain": {"x": [x / w, (x + bw) / w], "y": [1 - (y + bh) / h, 1 - y / h]},
                              "visible": False, "showframe": False, **view}}}
    svg = render.render(fig, "svg", w, h).decode("utf-8")
    drawn = [(float(a), float(b)) for a, b in POINT.findall(svg)]
    assert len(drawn) == len(POINTS)
    proj = MapProjection.in_figure(view, box, size)
    for point, (sx, sy) in zip(POINTS, drawn, strict=True):
        # Plotly lays the figure out at whole px; the SVG keeps the asked size as its viewBox
        px, py = proj(*point)
        assert px == pytest.approx(sx * w / round(w), abs=0.05) and py == pytest.approx(sy * h / round(h), abs=0.05)
