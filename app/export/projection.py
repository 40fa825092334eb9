"""Where plotly puts a lon/lat inside a geo subplot of the figure: needed before rendering, to place labels.

The figure's projection is d3's conic conformal (Lambert), standard parallels 44° and 52° N, rotated to
146° E, fitted by plotly.js to the subplot's lon/lat ranges. The raw projection is the textbook formula
(`raw`); plotly's fit is one scale and one translation per subplot size and ranges, which we *measure*
once (a render of two marker points, cached) instead of re-implementing plotly.js's fitting rules.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

PARALLELS = (44.0, 52.0)
ROTATION_LON = 146.0
PROJECTION = {"type": "conic conformal", "parallels": list(PARALLELS), "rotation": {"lon": ROTATION_LON}}


def _tany(phi: float) -> float:
    return math.tan((math.pi / 2 + phi) / 2)


@functools.cache
def _constants() -> tuple[float, float]:
    y0, y1 = (math.radians(p) for p in PARALLELS)
    n = math.log(math.cos(y0) / math.cos(y1)) / math.log(_tany(y1) / _tany(y0))
    f = math.cos(y0) * _tany(y0) ** n / n
    return n, f


def raw(lon: float, lat: float) -> tuple[float, float]:
    """d3.geoConicConformalRaw of the rotated point (unit scale, y up)."""
    n, f = _constants()
    lam = math.radians(((lon - ROTATION_LON + 180) % 360) - 180)
    r = f / _tany(math.radians(lat)) ** n
    return r * math.sin(n * lam), f - r * math.cos(n * lam)


@dataclass(frozen=True)
class Fit:
    """px = x0 + k · raw_x, py = y0 − k · raw_y inside the subplot's box (CSS px from its top-left)."""

    k: float
    x0: float
    y0: float

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = raw(lon, lat)
        return self.x0 + self.k * x, self.y0 - self.k * y

    def many(self, xy):  # noqa: ANN001, ANN201 - numpy (n, 2) lon/lat → (n, 2) px, the same formula vectorised
        import numpy as np

        n, f = _constants()
        lam = np.radians(((xy[:, 0] - ROTATION_LON + 180) % 360) - 180)
        r = f / np.tan((np.pi / 2 + np.radians(xy[:, 1])) / 2) ** n
        return np.column_stack((self.x0 + self.k * r * np.sin(n * lam), self.y0 - self.k * (f - r * np.cos(n * lam))))

    def km_per_px(self, lat: float) -> float:
        """Ground distance of one px east–west at `lat` (true scale on the standard parallels)."""
        a = self(ROTATION_LON - 0.5, lat)
        b = self(ROTATION_LON + 0.5, lat)
        return 111.32 * math.cos(math.radians(lat)) / math.hypot(b[0] - a[0], b[1] - a[1])


_CAL_POINTS = ((0.25, 0.25), (0.75, 0.75), (0.25, 0.75))
_TRANSLATE = re.compile(r'class="point"[^>]*transform="translate\(([-\d.e]+),\s*([-\d.e]+)\)"')


def _figure(w: float, h: float, lon: tuple, lat: tuple, pts: list) -> dict:
    return {"data": [{"type": "scattergeo", "lon": [p[0] for p in pts], "lat": [p[1] for p in pts],
                      "mode": "markers", "marker": {"size": 2}}],
            "layout": {"width": w, "height": h, "margin": {"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0},
                       "geo": {"domain": {"x": [0, 1], "y": [0, 1]}, "visible": False, "showframe": False,
                               "projection": PROJECTION, "lonaxis": {"range": list(lon)},
                               "lataxis": {"range": list(lat)}}}}


@functools.lru_cache(maxsize=64)
def fit(w: float, h: float, lon: tuple[float, float], lat: tuple[float, float]) -> Fit:
    """The measured fit of a w × h px subplot showing lon × lat (one small render per size and view)."""
    from app.export import render

    pts = [(lon[0] + fx * (lon[1] - lon[0]), lat[0] + fy * (lat[1] - lat[0])) for fx, fy in _CAL_POINTS]
    svg = render.render(_figure(round(w, 3), round(h, 3), lon, lat, pts), "svg", w, h).decode("utf-8")
    got = [(float(a), float(b)) for a, b in _TRANSLATE.findall(svg)]
    if len(got) != len(pts):
        raise RuntimeError(f"projection calibration: {len(got)} of {len(pts)} points found")
    (ax, ay), (bx, by) = (raw(*p) for p in pts[:2])
    k = math.hypot(got[1][0] - got[0][0], got[1][1] - got[0][1]) / math.hypot(bx - ax, by - ay)
    result = Fit(k, got[0][0] - k * ax, got[0][1] + k * ay)
    cx, cy = result(*pts[2])
    if abs(cx - got[2][0]) > 0.5 or abs(cy - got[2][1]) > 0.5:
        raise RuntimeError("projection calibration: plotly's projection is not the expected conic conformal")
    return result
