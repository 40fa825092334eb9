"""Label boxes on a printed map: by priority, never overlapping each other, the frame's furniture or the
box's edge; a label that does not fit near its place is dropped rather than overprinted.

The interim placer of the export until `app/cartography/labels.py` (the carto engineer's, shared with the
page) lands; it takes the same inputs (box size, font size, names) and returns the same kind of boxes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.export.text import text_width

# Lower number = placed first. Islands of the southern Kurils and Habomai first: the dispute is about them.
PRIORITY = {"island_habomai": 0, "island_kunashir": 0, "island_shikotan": 0, "island_iturup": 0, "island_zelyony": 1,
            "island_polonsky": 1, "island_tanfilyev": 1, "island_yuri": 1, "island_anuchina": 2,
            "island_demina": 2, "island_signalny": 2}
KIND_PRIORITY = {"island": 3, "strait": 4, "region": 5, "sea": 6, "town": 7}
LARGE = {"island_sakhalin", "island_hokkaido", "region_kamchatka", "region_korea", "sea_okhotsk", "sea_japan",
         "sea_pacific"}


@dataclass(frozen=True)
class Placed:
    id: str
    text: str
    x: float  # anchor, CSS px in the page
    y: float
    anchor: str  # left | center | right
    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    point: tuple[float, float]  # the place it names
    leader: bool  # a leader line joins box and place


def _overlaps(a: tuple, b: tuple, pad: float = 0.0) -> bool:
    return not (a[2] + pad <= b[0] or b[2] + pad <= a[0] or a[3] + pad <= b[1] or b[3] + pad <= a[1])


class Territories:
    """The territories of a map in page px: a label box may cover the places it names, and the one its
    point lies in (a town on its island), no other."""

    def __init__(self, shapes: dict[str, dict], to_px: Callable) -> None:
        """`to_px`: numpy (n, 2) lon/lat → (n, 2) page px."""
        import shapely
        from shapely.geometry import shape

        self.ids: list[str] = []
        geoms = []
        for fid, feature in shapes.items():
            if feature["properties"].get("layer") != "territory":
                continue
            g = shapely.transform(shape(feature["geometry"]), to_px)
            self.ids.append(fid)
            geoms.append(g.buffer(0) if not g.is_valid else g)
        self.geoms = geoms
        self.tree = shapely.STRtree(geoms)

    def covered(self, box: tuple) -> set[str]:
        from shapely.geometry import box as make_box

        b = make_box(*box)
        return {self.ids[i] for i in self.tree.query(b, predicate="intersects")}

    def containing(self, x: float, y: float) -> set[str]:
        from shapely.geometry import Point

        return {self.ids[i] for i in self.tree.query(Point(x, y), predicate="intersects")}


def place(labels: list[dict], project: Callable[[float, float], tuple[float, float]],
          frame: tuple[float, float, float, float], size_px: float, blocked: list[tuple] = (),
          gap: float = 2.0, territories: Territories | None = None) -> list[Placed]:
    """`labels`: [{id, kind, lon, lat, text, names}]; `project`: lon/lat → page px; `frame`: the map box (x0,
    y0, x1, y1); `blocked`: boxes nothing may cover (inset, scale bar); `territories`: what a box may not cover
    unless it names it. Returns the boxes placed, in priority order."""
    placed: list[Placed] = []
    taken = list(blocked)
    order = sorted(labels, key=lambda lab: (PRIORITY.get(lab["id"], KIND_PRIORITY.get(lab.get("kind"), 8)),
                                            lab["id"]))
    for lab in order:
        px, py = project(lab["lon"], lab["lat"])
        if any(b[0] <= px <= b[2] and b[1] <= py <= b[3] for b in blocked):
            continue  # its place is under the inset (or the scale bar): a label there would point at nothing
        for text in dict.fromkeys(t for t in (lab["text"], lab.get("alt")) if t):
            found = _place_one(lab, text, project, frame, size_px, taken, gap, territories, blocked)
            if found is not None:
                placed.append(found)
                taken.append(found.box)
                break
    return placed


def _crosses(a: tuple[float, float], b: tuple[float, float], box: tuple) -> bool:
    """Does the segment a–b pass through `box`? (A leader line may not run over the inset or the scale bar.)"""
    from shapely.geometry import LineString
    from shapely.geometry import box as make_box

    return LineString([a, b]).intersects(make_box(*box))


def _place_one(lab: dict, text: str, project: Callable, frame: tuple, size_px: float, taken: list, gap: float,
               territories: Territories | None, blocked: list[tuple] = ()) -> Placed | None:
    """The first candidate position of one label that is free, or None."""
    x0, y0, x1, y1 = frame
    height = size_px * 1.25
    px, py = project(lab["lon"], lab["lat"])
    if not (x0 <= px <= x1 and y0 <= py <= y1):
        return None
    allowed = set(lab.get("names") or ()) | (territories.containing(px, py) if territories else set())
    w = text_width(text, size_px)
    d = gap + size_px * 0.3
    cands = [("center", px, py)] if lab["id"] in LARGE or lab.get("kind") in ("sea", "region", "strait") else []
    cands += [("left", px + d, py), ("right", px - d, py), ("center", px, py - height * 0.5 - d),
              ("center", px, py + height * 0.5 + d)]
    near = len(cands)
    kind = lab.get("kind")
    rings = () if kind in ("sea", "region", "strait") else (2.2 * height,) if kind == "town" else \
        (2.2 * height, 3.6 * height)
    for far in rings:
        for dx, dy in ((1, -0.6), (-1, -0.6), (1, 0.6), (-1, 0.6), (0, -1), (0, 1), (1, 0), (-1, 0)):
            anchor = "left" if dx > 0 else "right" if dx < 0 else "center"
            cands.append((anchor, px + dx * far, py + dy * far))
    for i, (anchor, ax, ay) in enumerate(cands):
        bx0 = ax if anchor == "left" else ax - w if anchor == "right" else ax - w / 2
        box = (bx0, ay - height / 2, bx0 + w, ay + height / 2)
        if box[0] < x0 + 1 or box[2] > x1 - 1 or box[1] < y0 + 1 or box[3] > y1 - 1:
            continue
        if any(_overlaps(box, other, 0.5) for other in taken):
            continue
        if territories is not None and territories.covered(box) - allowed:
            continue
        if i >= near:
            end = (min(max(px, box[0]), box[2]), min(max(py, box[1]), box[3]))
            if any(_crosses((px, py), end, other) for other in blocked):
                continue
        return Placed(lab["id"], text, ax, ay, anchor, box, (px, py), i >= near)
    return None


def overlapping(boxes: list[tuple]) -> list[tuple[int, int]]:
    """Pairs of boxes that overlap (what the tests check: none)."""
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if _overlaps(boxes[i], boxes[j])]
