"""Insets of the map: the southern Kurils (Habomai and Shikotan at a readable scale) and the Tsushima locator.

An inset is a second geo subplot painted from the same paint state as the main map. Its frame sits on open
sea of the main map at a fixed geographic footprint (anchor corner and size in km), so it lands on the same
water at every box size, follows the map's scale, and the label placement can treat it as an obstacle.

    from app.cartography.insets import INSETS, inset_frame, inset_view
    from app.cartography.projection import MapProjection
    proj = MapProjection(GEO_VIEW, 1060, 622)
    x, y, w, h = inset_frame(proj, INSETS[0])      # px inside the map box
    geo2 = {**inset_view(INSETS[0]), "domain": inset_domain((x, y, w, h), 1060, 622)}
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from app.i18n import _

from .projection import MapProjection
from .views import GEO_VIEW

KM_PER_DEG_LAT = 111.2
FRAME_MARGIN_PX = 6


@dataclass(frozen=True)
class Inset:
    """An inset: its own view box, which features it draws, and where its frame sits on the main map."""

    id: str
    title: str                                  # msgid; {factor} is the inset's scale against the main map
    bbox: tuple[float, float, float, float]     # lon0, lat0, lon1, lat1 shown inside the inset
    corner: str                                 # "se" | "sw": which corner of the main view it is anchored to
    anchor: tuple[float, float]                 # lon, lat near that corner (where its size on the ground is taken)
    width_km: float                             # footprint of the frame on the main map
    height_km: float
    units: tuple[str, ...] = ()                 # territory units drawn in the inset (all their features)
    straits: tuple[str, ...] = ()               # straits drawn in the inset
    labels: tuple[str, ...] = ()                # label ids placed inside the inset
    zoom_view: str = ""                         # views.json view the main map zooms to on a click
    centre: tuple[float, float] | None = None   # lon, lat the frame is centred on instead of sitting in its corner
    present_grow: float = 1.0                   # how much larger its frame is on the ground in Present


SOUTH_KURILS = Inset(
    id="south_kurils", title=_("Habomai and Shikotan ×{factor}"),
    bbox=(145.35, 43.17, 147.12, 44.06), corner="se", anchor=(161.0, 41.0), width_km=560, height_km=400,
    units=("kunashir", "shikotan", "habomai"), straits=("strait_nemuro",),
    labels=("island_kunashir", "island_shikotan", "island_polonsky", "island_zelyony",
            "island_tanfilyev", "island_yuri", "island_anuchina", "island_demina", "island_signalny",
            "town_nemuro", "label_strait_nemuro"),
    zoom_view="habomai",
    # Present (a projector, the back row): Shikotan and the Habomai islets half as large again, over the same sea
    present_grow=1.5,
)
# The strait lies far south-west of the view, and the view's south-west corner is Hokkaido, Honshu and the Sea of
# Japan narrowed between them: at every page size a frame there crossed land. The Sea of Okhotsk between Sakhalin
# and Kamchatka is the only sea wide enough for the frame and its longest title (Russian) at a phone's width too
# (tests/unit/test_cartography_labels.py checks every page size in both views).
TSUSHIMA = Inset(
    id="tsushima", title=_("Tsushima Strait"),
    bbox=(128.2, 33.3, 131.2, 35.5), corner="sw", anchor=(146.0, 52.0), width_km=190, height_km=230,
    straits=("strait_tsushima",), labels=(), zoom_view="tsushima", centre=(146.0, 52.0),
)
INSETS: tuple[Inset, ...] = (SOUTH_KURILS, TSUSHIMA)


def present_inset(inset: Inset) -> Inset:
    """The inset as Present draws it: the same view box in a frame `present_grow` times larger on the ground."""
    return dataclasses.replace(inset, width_km=inset.width_km * inset.present_grow,
                               height_km=inset.height_km * inset.present_grow, present_grow=1.0)


PRESENT_INSETS: tuple[Inset, ...] = tuple(present_inset(i) for i in INSETS)


def inset_frame(proj: MapProjection, inset: Inset) -> tuple[float, float, float, float]:
    """The inset's frame (left, top, width, height) in px inside the main map's box: in its corner of what the map
    shows (MapProjection.visible), or centred on its `centre`, its size fixed on the ground, so it covers the same
    sea at every box size."""
    x0, _y0, x1, y1 = proj.visible
    km = proj.km_per_px(inset.anchor[1])
    w, h = inset.width_km / km, inset.height_km / km
    if inset.centre is not None:
        cx, cy = proj(*inset.centre)
        return cx - w / 2, cy - h / 2, w, h
    top = y1 - FRAME_MARGIN_PX - h
    left = x1 - FRAME_MARGIN_PX - w if inset.corner == "se" else x0 + FRAME_MARGIN_PX
    return left, top, w, h


TITLE_PX = 13.0


def title_box(frame: tuple[float, float, float, float], inset: Inset, text_w: float, text_h: float
              ) -> tuple[float, float, float, float]:
    """The inset's title (x, y, w, h px on the main map): just above the frame, flush with its outer side."""
    left, top, w, _h = frame
    x = left + w - text_w if inset.corner == "se" else left
    return x, top - text_h - 2, text_w, text_h


def inset_domain(frame: tuple[float, float, float, float], width: float, height: float) -> dict:
    """A Plotly geo `domain` (paper fractions) for a frame in px (the figure has no margins)."""
    left, top, w, h = frame
    clamp = lambda v: max(0.0, min(1.0, v))  # noqa: E731
    return {"x": [clamp(left / width), clamp((left + w) / width)],
            "y": [clamp(1 - (top + h) / height), clamp(1 - top / height)]}


def inset_view(inset: Inset, main_view: dict | None = None) -> dict:
    """The inset's geo layout (projection as the main map's, its own range and centre), without domain."""

    main = main_view or GEO_VIEW
    lon0, lat0, lon1, lat1 = inset.bbox
    return {"projection": {**main["projection"], "rotation": {"lon": (lon0 + lon1) / 2}},
            "lonaxis": {"range": [lon0, lon1]}, "lataxis": {"range": [lat0, lat1]},
            "center": {"lon": (lon0 + lon1) / 2, "lat": (lat0 + lat1) / 2}}


def inset_projection(inset: Inset, frame: tuple[float, float, float, float]) -> MapProjection:
    """The inset's own projection in px inside its frame."""
    return MapProjection(inset_view(inset), frame[2], frame[3])


def scale_factor(main: MapProjection, inset: Inset, frame: tuple[float, float, float, float]) -> int:
    """How many times larger the inset draws than the main map (rounded, for its title)."""
    lat = (inset.bbox[1] + inset.bbox[3]) / 2
    return max(1, round(main.km_per_px(lat) / inset_projection(inset, frame).km_per_px(lat)))


def locator_ring(inset: Inset, steps: int = 8) -> tuple[list[float], list[float]]:
    """The inset's view box as a closed ring of lon/lat points (parallels sampled), for the main map's locator."""
    lon0, lat0, lon1, lat1 = inset.bbox
    lons = [lon0 + (lon1 - lon0) * i / steps for i in range(steps + 1)]
    ring = [(lo, lat0) for lo in lons] + [(lo, lat1) for lo in reversed(lons)] + [(lon0, lat0)]
    return [p[0] for p in ring], [p[1] for p in ring]


def km_extent(bounds: tuple[float, float, float, float]) -> float:
    """The larger side of a lon/lat box in km."""
    lon0, lat0, lon1, lat1 = bounds
    mid = math.radians((lat0 + lat1) / 2)
    return max((lon1 - lon0) * KM_PER_DEG_LAT * math.cos(mid), (lat1 - lat0) * KM_PER_DEG_LAT)


def clipped_features(features: list[dict], bbox: tuple[float, float, float, float] | list[float],
                     pad: float = 0.3) -> list[dict]:
    """The features that reach an inset's view, cut to it (a little beyond): the inset draws them again,
    so the whole mainland or Hokkaido would otherwise travel to the browser twice."""
    from shapely import clip_by_rect
    from shapely.geometry import mapping, shape

    lon0, lat0, lon1, lat1 = bbox
    out = []
    for f in features:
        g = clip_by_rect(shape(f["geometry"]), lon0 - pad, lat0 - pad, lon1 + pad, lat1 + pad)
        if g.is_empty or g.geom_type not in ("Polygon", "MultiPolygon"):
            continue
        out.append({**f, "geometry": mapping(g)})
    return out
