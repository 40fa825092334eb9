"""The map's projection in CSS px, computed the way plotly.js draws a geo subplot, so that label boxes,
proxies and insets placed in Python land where the browser (and kaleido) draw the map.

Plotly fits the view's lon/lat range box (great-circle edges, as d3-geo streams a polygon) into the
subplot's box with d3's `fitExtent`, then moves the projected `center` to the middle of the fitted bounds.
tests/browser/test_carto.py compares this with plotly.js's own projection in the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

CLIP_PAD = 1e-3   # plotly.js geo constants.clipPad: the range box is inset by this many degrees
EDGE_SAMPLES = 48  # points per great-circle edge of the range box (d3 resamples adaptively; this is finer)


def _conic_conformal(parallels: tuple[float, float]):
    """d3-geo's conicConformalRaw for two standard parallels (radians in, unit-sphere plane out)."""
    y0, y1 = (math.radians(p) for p in parallels)

    def tany(y: float) -> float:
        return math.tan((math.pi / 2 + y) / 2)

    cy0 = math.cos(y0)
    n = math.sin(y0) if y0 == y1 else math.log(cy0 / math.cos(y1)) / math.log(tany(y1) / tany(y0))
    f = cy0 * tany(y0) ** n / n

    def forward(lam: float, phi: float) -> tuple[float, float]:
        phi = max(phi, -math.pi / 2 + 1e-6)
        r = f / tany(phi) ** n
        return r * math.sin(n * lam), f - r * math.cos(n * lam)

    def inverse(x: float, y: float) -> tuple[float, float]:
        fy = f - y
        r = math.copysign(math.sqrt(x * x + fy * fy), n)
        lam = math.atan2(x, abs(fy)) * math.copysign(1, fy)
        if fy * n < 0:
            lam -= math.pi * math.copysign(1, x) * math.copysign(1, fy)
        return lam / n, 2 * math.atan((f / r) ** (1 / n)) - math.pi / 2

    return forward, inverse, n, f


def _slerp(a: tuple[float, float], b: tuple[float, float], t: float) -> tuple[float, float]:
    """A point on the great circle from a to b (lon/lat degrees), as d3-geo interpolates a polygon edge."""
    def xyz(p):
        lo, la = math.radians(p[0]), math.radians(p[1])
        return math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)

    va, vb = xyz(a), xyz(b)
    dot = max(-1.0, min(1.0, sum(x * y for x, y in zip(va, vb, strict=True))))
    omega = math.acos(dot)
    if omega < 1e-12:
        return a
    sa, sb = math.sin((1 - t) * omega) / math.sin(omega), math.sin(t * omega) / math.sin(omega)
    x, y, z = (sa * p + sb * q for p, q in zip(va, vb, strict=True))
    return math.degrees(math.atan2(y, x)), math.degrees(math.atan2(z, math.hypot(x, y)))


def _range_box(lon: tuple[float, float], lat: tuple[float, float]) -> list[tuple[float, float]]:
    """plotly.js makeRangeBox: the view's range as a polygon with the top and bottom edges in quarters."""
    lon0, lon1, lat0, lat1 = lon[0] + CLIP_PAD, lon[1] - CLIP_PAD, lat[0] + CLIP_PAD, lat[1] - CLIP_PAD
    d4 = (lon1 - lon0) / 4
    return [(lon0, lat0), (lon0, lat1), (lon0 + d4, lat1), (lon0 + 2 * d4, lat1), (lon0 + 3 * d4, lat1),
            (lon1, lat1), (lon1, lat0), (lon1 - d4, lat0), (lon1 - 2 * d4, lat0), (lon1 - 3 * d4, lat0),
            (lon0, lat0)]


@dataclass(frozen=True)
class MapProjection:
    """lon/lat → CSS px inside a geo subplot of `width` × `height` px placed at (`left`, `top`) in the figure.

    `view` is a Plotly geo layout dict with projection {type 'conic conformal', parallels, rotation},
    lonaxis.range, lataxis.range and center (app/cartography/views.py GEO_VIEW).
    """

    view: dict
    width: float
    height: float
    left: float = 0.0
    top: float = 0.0
    sx: float = 1.0  # a figure Plotly draws at its rounded size, read back in the figure's own px (`in_figure`)
    sy: float = 1.0

    def __post_init__(self) -> None:
        proj = self.view["projection"]
        forward, inverse, n, f = _conic_conformal(tuple(proj["parallels"]))
        object.__setattr__(self, "_nf", (n, f))
        rot = float(proj.get("rotation", {}).get("lon", 0.0))
        object.__setattr__(self, "_forward", forward)
        object.__setattr__(self, "_inverse", inverse)
        object.__setattr__(self, "_rot", rot)
        lon, lat = tuple(self.view["lonaxis"]["range"]), tuple(self.view["lataxis"]["range"])
        ring = _range_box(lon, lat)
        pts = []
        for a, b in zip(ring, ring[1:], strict=False):
            pts += [self._raw(*_slerp(a, b, i / EDGE_SAMPLES)) for i in range(EDGE_SAMPLES)]
        xs, ys = [p[0] for p in pts], [-p[1] for p in pts]
        bw, bh = max(xs) - min(xs), max(ys) - min(ys)
        k = min(self.width / bw, self.height / bh)
        # fitExtent: the bounds centred in the box
        tx = self.left + (self.width - k * (max(xs) + min(xs))) / 2
        ty = self.top + (self.height - k * (max(ys) + min(ys))) / 2
        # what the subplot shows: plotly.js clips to the fitted range box, centred in the subplot, and only
        # then moves the projected centre to its middle (so the range box's own corners may fall outside)
        object.__setattr__(self, "visible", ((tx + k * min(xs)) * self.sx, (ty + k * min(ys)) * self.sy,
                                             (tx + k * max(xs)) * self.sx, (ty + k * max(ys)) * self.sy))
        centre = self.view.get("center")
        if centre:
            cx, cy = self._raw(centre["lon"], centre["lat"])
            mid_x = (max(xs) + min(xs)) / 2
            mid_y = (max(ys) + min(ys)) / 2
            tx += k * (mid_x - cx)
            ty += k * (mid_y + cy)
        object.__setattr__(self, "k", k)
        object.__setattr__(self, "_t", (tx, ty))

    def _raw(self, lon: float, lat: float) -> tuple[float, float]:
        lam = math.radians(((lon - self._rot + 180) % 360) - 180)
        return self._forward(lam, math.radians(lat))

    @classmethod
    def in_figure(cls, view: dict, box: tuple[float, float, float, float], size: tuple[float, float]) -> MapProjection:
        """The projection of a geo subplot at `box` (x, y, w, h px) in a figure of `size` (w, h px), as Plotly
        draws it: the figure at whole px (plots.js initMargins rounds it), the subplot's domain a fraction of that,
        read back in the figure's own px."""
        (w, h), (x, y, bw, bh) = size, box
        rw, rh = round(w), round(h)
        fx, fy = rw / w, rh / h
        return cls(view, bw * fx, bh * fy, x * fx, y * fy, 1 / fx, 1 / fy)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self._raw(lon, lat)
        return (self._t[0] + self.k * x) * self.sx, (self._t[1] - self.k * y) * self.sy

    def many(self, xy: Any) -> Any:
        """numpy (n, 2) lon/lat → (n, 2) px: the same projection, vectorised (shapely.transform)."""
        import numpy as np

        n, f = self._nf
        lam = np.radians(((xy[:, 0] - self._rot + 180) % 360) - 180)
        phi = np.maximum(np.radians(xy[:, 1]), -math.pi / 2 + 1e-6)
        r = f / np.tan((math.pi / 2 + phi) / 2) ** n
        x, y = r * np.sin(n * lam), f - r * np.cos(n * lam)
        return np.column_stack(((self._t[0] + self.k * x) * self.sx, (self._t[1] - self.k * y) * self.sy))

    def invert(self, x: float, y: float) -> tuple[float, float]:
        x, y = x / self.sx, y / self.sy
        lam, phi = self._inverse((x - self._t[0]) / self.k, (self._t[1] - y) / self.k)
        lon = math.degrees(lam) + self._rot
        return ((lon + 180) % 360) - 180, math.degrees(phi)

    def km_per_px(self, lat: float = 45.0) -> float:
        """Ground distance of one px near latitude `lat` (a conformal map: the same in every direction)."""
        x0, y0 = self(150.0, lat)
        x1, y1 = self(150.0, lat + 0.1)
        return 11.119 / math.hypot(x1 - x0, y1 - y0)
