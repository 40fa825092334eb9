"""What is drawn inside the map graph(s), shared by the page and every export.

- `paint_table`: the engine's piecewise-constant values turned into paint keys (the table the browser's
  painter, assets/map_paint.js, and the figure export read).
- `resolve`: what the map shows for a state (a Frame); assets/map_paint.js `skmap.resolve` is its mirror.
- `labels`: label placement by priority for a box size in px (no overlaps, leader lines, lower tiers dropped),
  for the page's ladder and for print; `fonts`: the one measure of type; `projection`: lon/lat to px as Plotly
  draws it; `views`: the map's views and label type.
- `insets`: the southern-Kurils inset and the Tsushima locator (view boxes, placement, scale).
- `key`: the printed key's rows and words.
"""
