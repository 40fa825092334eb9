"""Every component id of the map page, in one place (layout, callbacks, assets/*.js and tests use these).

The JavaScript in assets/map_*.js repeats the ids it needs; tests/unit/test_figures.py checks they agree.
"""

from __future__ import annotations

URL = "url"
NOTICE = "url-notice"

# time
SLIDER = "date-slider"
DATE_BIG = "date-big"
EVENT_IN_FORCE = "event-in-force"
PREV_EVENT = "prev-event"
NEXT_EVENT = "next-event"
PLAY = "play-pause"
SPEED = "play-speed"
TICKER = "play-ticker"

# mode and point of view
MODE = "mode"
POV = "pov"
DIFF = "diff-toggle"
EVENT_PICK = "event-pick"
NAMES = "names"
CLAUSE = "clause-panel"
MODE_DATE_BOX = "mode-date-box"
MODE_EVENT_BOX = "mode-event-box"
MAP_CAPTION = "map-caption"

# map
MAP = "map"
LEGEND = "legend"

# stores (shipped once)
PAINT_STORE = "paint-store"
EVENT_STORE = "event-store"
SETTLED = "settled-date"  # the slider's day once it stops changing (for the URL and the panels)
JS_READY = "js-ready"  # set once the clientside painter holds the stores

# territory story
UNIT = "unit-store"
UNIT_BUTTONS = "unit-buttons"
UNIT_BUTTON = "unit-button"  # pattern-matching type: {"type": UNIT_BUTTON, "index": unit_id}
PANEL = "unit-panel"
PANEL_CHART = "unit-chart"
PANEL_BODY = "unit-panel-body"
CLOSE_PANEL = "unit-close"

ALL_IDS = [
    URL, NOTICE, SLIDER, DATE_BIG, EVENT_IN_FORCE, PREV_EVENT, NEXT_EVENT, PLAY, SPEED, TICKER, MODE, POV,
    DIFF, EVENT_PICK, NAMES, CLAUSE, MODE_DATE_BOX, MODE_EVENT_BOX, MAP_CAPTION, MAP, LEGEND, PAINT_STORE,
    EVENT_STORE, JS_READY, SETTLED, UNIT, UNIT_BUTTONS, PANEL, PANEL_CHART, PANEL_BODY, CLOSE_PANEL,
]
