"""The day settles: one round trip answers every panel that follows the date (the Why tab and the map's caption, the
place's story, Present's caption, Compare's changes, the text table).

The browser sends the day once the slider stops moving (assets/map_paint.js: ids.SETTLED). Five callbacks, one per
region, each sent its own request and its own re-render before; Dash's renderer work per update, not the server's,
was the cost of a step on a slow laptop (scripts/profile_step.py). Each region keeps its own callback for its other
inputs and gives here a SettledPart: its outputs for a new day, no_update where a day changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dash import Dash, Input, Output, State

from app import ids


@dataclass(frozen=True)
class SettledPart:
    """A region's outputs that follow the day, and its answer for the controls `c` (named as in READS)."""

    outputs: list[Output]
    answer: Callable[[dict[str, Any]], tuple]


# What a part reads, by name: the controls' values as Dash sends them (parts parse them: app/mapstate.py).
READS = (
    ("day", ids.SLIDER, "value"), ("mode", ids.MODE, "value"), ("pov", ids.POV, "value"),
    ("diff", ids.DIFF, "value"), ("event", ids.EVENT_PICK, "value"), ("unit", ids.UNIT, "data"),
    ("view", ids.VIEW, "data"), ("tour", ids.TOUR, "data"), ("step", ids.STEP, "data"),
    ("date2", ids.CMP_DATE2, "value"), ("pov2", ids.CMP_POV2, "value"), ("event2", ids.CMP_EVENT2, "value"),
    ("lang", ids.LANG_STORE, "data"), ("caption", ids.MAP_CAPTION, "children"),
)


def register_settled(app: Dash, parts: list[SettledPart]) -> None:
    outputs = [out for part in parts for out in part.outputs]

    @app.callback(*outputs, Input(ids.SETTLED, "data"), *[State(cid, prop) for _name, cid, prop in READS],
                  prevent_initial_call=True)
    def settled(_day, *values):
        controls = {name: value for (name, _cid, _prop), value in zip(READS, values, strict=True)}
        return tuple(answer for part in parts for answer in part.answer(controls))
