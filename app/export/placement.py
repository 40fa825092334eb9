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
PRIORITY = {"group_habomai": 0, "island_kunashir": 0, "island_shikotan": 0, "island_iturup": 0, "island_zelyony": 1,
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


def place(labels: list[dict], project: Callable[[float, float], tuple[float, float]],
          frame: tuple[float, float, float, float], size_px: float, blocked: list[tuple] = (),
          gap: float = 2.0) -> list[Placed]:
    """`labels`: [{id, kind, lon, lat, text}]; `project`: lon/lat → page px; `frame`: the map box (x0, y0, x1,
    y1); `blocked`: boxes nothing may cover (inset, scale bar). Returns the boxes placed, in priority order."""
    x0, y0, x1, y1 = frame
    height = size_px * 1.25
    placed: list[Placed] = []
    taken = list(blocked)
    order = sorted(labels, key=lambda lab: (PRIORITY.get(lab["id"], KIND_PRIORITY.get(lab.get("kind"), 8)),
                                            lab["id"]))
    for lab in order:
        text = lab["text"]
        if not text:
            continue
        px, py = project(lab["lon"], lab["lat"])
        if not (x0 <= px <= x1 and y0 <= py <= y1):
            continue
        w = text_width(text, size_px)
        d = gap + size_px * 0.3
        cands = [("center", px, py)] if lab["id"] in LARGE else []
        cands += [("left", px + d, py), ("right", px - d, py), ("center", px, py - height * 0.5 - d),
                  ("center", px, py + height * 0.5 + d)]
        if lab.get("kind") in ("sea", "region", "strait"):
            cands.insert(0, ("center", px, py))
        far = 2.2 * height
        cands += [("left", px + far, py - far * 0.6), ("right", px - far, py - far * 0.6),
                  ("left", px + far, py + far * 0.6), ("right", px - far, py + far * 0.6)]
        for i, (anchor, ax, ay) in enumerate(cands):
            bx0 = ax if anchor == "left" else ax - w if anchor == "right" else ax - w / 2
            box = (bx0, ay - height / 2, bx0 + w, ay + height / 2)
            if box[0] < x0 + 1 or box[2] > x1 - 1 or box[1] < y0 + 1 or box[3] > y1 - 1:
                continue
            if any(_overlaps(box, other, 0.5) for other in taken):
                continue
            leader = i >= len(cands) - 4
            placed.append(Placed(lab["id"], text, ax, ay, anchor, box, (px, py), leader))
            taken.append(box)
            break
    return placed


def overlapping(boxes: list[tuple]) -> list[tuple[int, int]]:
    """Pairs of boxes that overlap (what the tests check: none)."""
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if _overlaps(boxes[i], boxes[j])]
