"""The Tsushima locator on the page: its frame and its title sit on open sea of the main map, never on Hokkaido,
Honshu or the mainland, at a phone's and a laptop's size, in English and Chinese (the zh title lay on Hokkaido)."""

from __future__ import annotations

import pytest
from shapely.geometry import Point, shape
from shapely.ops import unary_union

from app.layers import load_layers
from tests.browser.helpers import wait_arranged

# Per language the locator's title, the frame and the title's drawn box as lon/lat samples of the main map
LOCATOR_JS = """
() => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const fl = gd._fullLayout, sp = fl.geo._subplot, s = fl._size, r = gd.getBoundingClientRect();
  const inset = window.skmap.lastRequest().table.insets.find((i) => i.id === 'tsushima');
  const d = fl[inset.geo].domain;
  const frame = [s.l + d.x[0] * s.w, s.t + (1 - d.y[1]) * s.h, s.l + d.x[1] * s.w, s.t + (1 - d.y[0]) * s.h];
  let title = null;
  gd.querySelectorAll('g.trace').forEach((g) => {
    const tr = g.__data__ && g.__data__[0] && g.__data__[0].trace;
    if (!tr || tr.uid !== 'inset-titles') return;
    g.querySelectorAll('text').forEach((t) => {
      if (t.textContent.trim() !== inset.title) return;
      const b = t.getBoundingClientRect();
      title = [b.left - r.left, b.top - r.top, b.right - r.left, b.bottom - r.top];
    });
  });
  const grid = (bx) => { const out = [];
    for (let i = 0; i <= 12; i++) for (let j = 0; j <= 12; j++) {
      out.push(sp.projection.invert([bx[0] + (bx[2] - bx[0]) * i / 12, bx[1] + (bx[3] - bx[1]) * j / 12]));
    }
    return out; };
  const b = sp.bounds;
  return {text: inset.title, frame: frame, title: title, shown: [b[0][0], b[0][1], b[1][0], b[1][1]],
          frameLonLat: grid(frame), titleLonLat: title ? grid(title) : []};
}
"""


@pytest.fixture(scope="module")
def land():
    fc = load_layers("interactive").collection
    return unary_union([shape(f["geometry"]) for f in fc["features"]
                        if f["properties"]["layer"] in ("territory", "context")])


@pytest.mark.parametrize("width,height", [(390, 844), (1280, 720)])
def test_cart008_tsushima_locator_sits_on_open_sea(page, live_server, land, width, height):
    page.set_viewport_size({"width": width, "height": height})
    for lang, title in (("en", "Tsushima Strait"), ("zh", "对马海峡")):
        page.goto(live_server + f"/?date=1952-04-28&pov=japan&lang={lang}")
        wait_arranged(page)
        seen = page.evaluate(LOCATOR_JS)
        assert seen["text"] == title and seen["title"], (lang, seen["text"])
        x0, y0, x1, y1 = seen["shown"]
        for name in ("frame", "title"):
            bx = seen[name]
            assert x0 - 1 <= bx[0] and bx[2] <= x1 + 1 and y0 - 1 <= bx[1] and bx[3] <= y1 + 1, (lang, name, bx)
        on_land = [(name, p) for name in ("frameLonLat", "titleLonLat") for p in seen[name]
                   if land.contains(Point(p))]
        assert on_land == [], (lang, on_land[:5])
