"""Callbacks of the map page, one module per region, each registered on the app (never the global dash.callback).

    state      the boot state onto the controls, the state the browser holds, the language switch
    time       the painter (date, mode, point of view), ◀ ▶, play; the Why panel and the map's caption
    settled    one request for every panel that follows the day, once the slider stops (each region's part)
    place      a territory chosen (map or button) and its story
    classroom  Present and its tour, Compare, the text table, Help

Date changes are clientside (assets/map_paint.js repaints the drawn map) and so are the address bar, Share and
Download (assets/mapstate.js, assets/download.js): the server answers the panels' text.
"""

from __future__ import annotations

from typing import Any

from dash import Dash

from callbacks.classroom import register_classroom
from callbacks.place import register_place
from callbacks.settled import register_settled
from callbacks.state import register_state
from callbacks.time import register_time


def register_callbacks(app: Dash, engine: Any) -> None:
    register_state(app)
    register_settled(app, [register_time(app, engine), register_place(app, engine), register_classroom(app, engine)])
