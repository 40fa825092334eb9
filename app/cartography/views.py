"""The map's views and its label type: cartographic constants every floor reads (the page's figure, the label
ladder, the insets, the print figure), kept at the bottom so nothing above has to be imported to know them."""

from __future__ import annotations

# The projection of every map: Lambert conformal conic, standard parallels 44° and 52° N, rotated to 146° E.
PARALLELS = (44, 52)
ROTATION_LON = 146
PROJECTION = {"type": "conic conformal", "parallels": list(PARALLELS), "rotation": {"lon": ROTATION_LON}}

# Default view: Hokkaido in the south, the whole of Sakhalin and the Kuril chain. Centred east of the rotation
# (146 E), where Plotly centres a conic map by default: that gave a third of the map to the mainland and cut
# Kamchatka's name and the Northern Kuril labels at the east edge.
GEO_VIEW = {
    "projection": PROJECTION,
    "lonaxis": {"range": [137.5, 161.0]},
    "lataxis": {"range": [41.0, 54.9]},
    "center": {"lon": 150.5, "lat": 47.95},
}
# A phone's tall box shows this view instead (assets/classroom.js switches to it; app/cartography/ladder.py places
# the labels for it): the islands fill the width instead of a strip across a wide view.
PHONE_VIEW = {
    "projection": PROJECTION,
    "lonaxis": {"range": [139.5, 157.8]},
    "lataxis": {"range": [41.2, 54.6]},
    "center": {"lon": 148.6, "lat": 47.9},
}
# A tour step on the southern Kurils (content/narration.yaml `view: southern_kurils`): Iturup to the Habomai islets
# with Hokkaido's Shiretoko and Nemuro peninsulas, so Shikotan and the Habomai islets are drawn large enough to read
# from the back of a room; the insets are hidden in it (assets/map_paint.js arrange).
SOUTHERN_KURILS_VIEW = {
    "projection": PROJECTION,
    "lonaxis": {"range": [143.9, 149.3]},
    "lataxis": {"range": [42.75, 45.75]},
    "center": {"lon": 146.6, "lat": 44.25},
}
# The views a tour step may ask for, by the name the content file gives them.
STEP_VIEWS = {"southern_kurils": SOUTHERN_KURILS_VIEW}
# Every view the page switches between (assets/constants.js ships them; assets/classroom.js applies them and
# assets/map_paint.js picks the labels' ladder by them).
PAGE_VIEWS = {"home": GEO_VIEW, "phone": PHONE_VIEW, **STEP_VIEWS}

# The printed map's whole view (app/export): the page's view without the sea east of the Kurils that the page
# keeps for its insets (print sets its inset in the south-east corner of this box), centred by Plotly.
PRINT_LON = (137.0, 158.5)
PRINT_LAT = (41.2, 54.6)
# Print geometry further than this (degrees) outside the view is dropped before drawing.
PRINT_CLIP_MARGIN = 1.5

# The labels' type on the page and in print: Noto Sans for Latin and Cyrillic, Noto Sans CJK for Japanese and
# Chinese (app/cartography/type.py measures with the same faces).
LABEL_FONT_FAMILY = "Noto Sans, Noto Sans CJK JP, sans-serif"


def print_view(lon: tuple[float, float] = PRINT_LON, lat: tuple[float, float] = PRINT_LAT) -> dict:
    """A printed subplot's view as a Plotly geo dict, its centre given as Plotly would default it (the rotation's
    longitude, the middle latitude), so the figure and app/cartography/projection.py read the same view."""
    return {"projection": PROJECTION, "lonaxis": {"range": list(lon)}, "lataxis": {"range": list(lat)},
            "center": {"lon": ROTATION_LON, "lat": (lat[0] + lat[1]) / 2}}
