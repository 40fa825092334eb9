"""Small islands keep their colour in print: an island smaller than its pattern tile at the printed size gets the
page's proxy symbol (app/cartography/symbols.py) as a square in its own fill, pattern and outline, and the
rendered square's pixels are that paint; a thin island's outline never outweighs its fill (one 300 dpi render per
size and view)."""

import datetime as dt
import io
import re

import pytest
from PIL import Image
from shapely.geometry import Point

from app.data import load_engine
from app.export import compose, paint
from app.export.request import ExportRequest

CASES = [dict(size="single", date=dt.date(1952, 4, 28), pov="japan"),
         dict(size="single", date=dt.date(1951, 9, 8), pov="usa"),
         dict(size="double", date=dt.date(1951, 9, 8), pov="russia", view="compare", date2=dt.date(1951, 9, 8),
              pov2="usa")]


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def frange(a: float, b: float) -> range:
    return range(int(a), int(b) + 1)


def distance(a: tuple, b: tuple) -> int:
    return sum(abs(x - y) for x, y in zip(a[:3], b, strict=True))


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['size']}-{c['pov']}-{c.get('view', 'map')}")
def test_export014_small_islands_print_in_their_own_paint(engine, case):
    req = ExportRequest(fmt="png", dpi=300, **case)
    result = compose.export_figure(engine, req)
    meta = result.meta
    drawn = {item.id for _gid, items in meta["proxies"] for item in items}
    assert "moneron" in drawn and drawn & {"shumshu", "atlasov"}, drawn  # far smaller than a pattern tile
    image = Image.open(io.BytesIO(result.data)).convert("RGB")
    k = image.width / meta["W"]
    table_locations = paint.context(engine, req.lang).table["locations"]
    wrong = []
    for pi, (gid, items) in enumerate(meta["proxies"]):
        for item in items:
            style = meta["finish"][compose.sentinel(pi * compose.PANEL_SENTINELS + table_locations.index(item.loc))]
            palette = {rgb(c) for c in re.findall(r"#[0-9A-Fa-f]{6}", style.get("pattern") or "")}
            palette.add(rgb(style["fill"]))
            quarter = item.size_px / 4
            box = [round(v * k) for v in (item.x - quarter, item.y - quarter, item.x + quarter, item.y + quarter)]
            pixels = list(image.crop(box).get_flattened_data())
            near = sum(1 for p in pixels if min(distance(p, c) for c in palette) < 60)
            base = sum(1 for p in pixels if distance(p, rgb(style["fill"])) < 60)
            if near < 0.6 * len(pixels) or base < 0.2 * len(pixels):  # the rest: anti-aliased pattern edges
                wrong.append((gid, item.id, near / len(pixels), base / len(pixels)))
    assert wrong == []
    if case["pov"] == "japan":
        # Paramushir (renounced, grey hatch; Soviet claim stripes) is wider than a tile but ~1 px thick: its blue
        # dashed "promised" outline covered 65 % of it and it read as Soviet; the outline is now capped by its width
        island = meta["label_places"]["geo"]["paramushir"]
        inside = [image.getpixel((round(x), round(y))) for x in frange(island.bounds[0] * k, island.bounds[2] * k)
                  for y in frange(island.bounds[1] * k, island.bounds[3] * k) if island.contains(Point(x / k, y / k))]
        outline = rgb(meta["finish"][compose.sentinel(table_locations.index("paramushir"))]["stroke"])
        dark = sum(1 for p in inside if distance(p, outline) < 90 or sum(p) < 150)
        assert len(inside) > 50 and dark / len(inside) < 0.5, dark / len(inside)
