"""What is drawn inside the map graph(s), shared by the page and every export.

- `paint_table`: the engine's piecewise-constant values turned into paint keys (the table the browser's
  painter, assets/map_paint.js, and the figure export look up).
- `labels`: label placement by priority for a box size in px (no overlaps, leader lines, lower tiers dropped).
- `insets`: the southern-Kurils inset and the Tsushima locator (view boxes, placement, scale).
"""
