"""Helpers of the cartography browser tests: what a person sees, read from the screen's pixels."""

from __future__ import annotations

import io

from PIL import Image

# For every painted path of a graph's main map: its location, the paint's base colour (the solid fill or the pattern
# tile's background, found through the very url() the path uses), and points (client px) inside its fill,
# away from its outline.
INSIDE_POINTS_JS = """
([graph, wanted]) => {
  const out = {};
  const hex = (c) => { const d = document.createElement('div'); d.style.color = c; document.body.appendChild(d);
                       const v = getComputedStyle(d).color; d.remove(); return v; };
  const paths = document.querySelectorAll('#' + graph + ' path.choroplethlocation[data-loc]');
  paths.forEach((p) => {
    const g = p.closest('g.trace'), tr = g && g.__data__ && g.__data__[0] && g.__data__[0].trace;
    if (!tr || tr.uid !== 'paint') return;   // the main map's paths (an inset draws the same places again)
    const loc = p.getAttribute('data-loc');
    if (wanted && !wanted.includes(loc)) return;
    const fill = getComputedStyle(p).fill;
    let base = fill, patterned = false, resolved = true;
    const m = /url\\("?#([^")]+)"?\\)/.exec(fill);
    if (m) {
      patterned = true;
      const pat = document.getElementById(m[1]);
      resolved = !!pat && pat.closest('svg') === p.closest('svg');
      base = pat ? getComputedStyle(pat.querySelector('rect')).fill : null;
    }
    const bb = p.getBoundingClientRect();
    const inv = p.getScreenCTM().inverse();
    const pts = [];
    const n = 24;
    for (let i = 1; i < n; i++) for (let j = 1; j < n; j++) {
      const x = bb.left + bb.width * i / n, y = bb.top + bb.height * j / n;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      const q = new DOMPoint(x, y).matrixTransform(inv);
      const ok = [[0, 0], [3, 0], [-3, 0], [0, 3], [0, -3]].every(([dx, dy]) =>
        p.isPointInFill(new DOMPoint(x + dx, y + dy).matrixTransform(inv)));
      if (ok && q) pts.push([x, y]);
    }
    out[loc] = {base: base, patterned: patterned, resolved: resolved, points: pts, key: p.getAttribute('data-key'),
               w: bb.width, h: bb.height};
  });
  return out;
}
"""

# The map's drawn labels (main map, insets, inset titles): text, box (client px) and font size, and what the map shows.
LABEL_BOXES_JS = """
() => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const out = [];
  gd.querySelectorAll('g.trace').forEach((g) => {
    const tr = g.__data__ && g.__data__[0] && g.__data__[0].trace;
    if (!tr || !(tr.uid === 'labels' || (tr.uid || '').startsWith('labels-') || tr.uid === 'inset-titles')) return;
    const ids = tr.uid === 'labels' ? window.skmap.lastRequest().table.labels.map((l) => l.id) : [];
    g.querySelectorAll('text').forEach((t) => {
      if (!t.textContent.trim()) return;
      const r = t.getBoundingClientRect();
      if (!r.width) return;
      out.push({uid: tr.uid, id: ids[t.__data__ && t.__data__.i], text: t.textContent, x0: r.left, y0: r.top,
                x1: r.right, y1: r.bottom, size: parseFloat(getComputedStyle(t).fontSize)});
    });
  });
  const r = gd.getBoundingClientRect(), b = gd._fullLayout.geo._subplot.bounds;   // what the map shows
  return {labels: out, box: [r.left + b[0][0], r.top + b[0][1], r.left + b[1][0], r.top + b[1][1]]};
}
"""


def labels_overlap(a: dict, b: dict, tol: float = 1.0) -> bool:
    """Two drawn label boxes (LABEL_BOXES_JS) overlap by more than `tol` px both ways."""
    return a["x0"] + tol < b["x1"] and b["x0"] + tol < a["x1"] and a["y0"] + tol < b["y1"] and b["y0"] + tol < a["y1"]


def parse_rgb(css: str) -> tuple[int, int, int]:
    nums = css[css.index("(") + 1:css.index(")")].split(",")
    return int(nums[0]), int(nums[1]), int(nums[2])


def screen(page) -> Image.Image:
    """The viewport as the person sees it (CSS px = image px at the default device scale factor 1)."""
    return Image.open(io.BytesIO(page.screenshot())).convert("RGB")


def share_of_colour(img: Image.Image, points: list, colour: tuple[int, int, int], tol: int = 40) -> float:
    """The share of `points` whose pixel is within `tol` (per channel) of `colour`."""
    if not points:
        return 0.0
    hits = 0
    for x, y in points:
        px = img.getpixel((int(x), int(y)))
        if all(abs(a - b) <= tol for a, b in zip(px, colour, strict=True)):
            hits += 1
    return hits / len(points)
