"""The page's boot state: the index page (GET /?…) carries the state its address asks for, parsed once by
app/mapstate.py, as a JSON data block that assets/mapstate.js reads before the first paint. The layout itself is
the same for every address (one per language, cached); the browser moves its controls to the boot state."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from flask import request

from app import ids, mapstate, narration
from app.i18n import notice_text, requested_language
from app.narration import tour_lengths

DEFAULT_CONTROLS = mapstate.to_controls(mapstate.MapState())  # what the layout's controls hold


def on_tour_step(engine: Any, state: mapstate.MapState) -> mapstate.MapState:
    """A tour's step decides the map's date, mode, document and point of view (assets/classroom.js tourGo sets
    them too): the controls start there, so the map never shows another moment or view under the step's caption."""
    if not state.tour:
        return state
    step = narration.tour_steps(engine, state.tour)[state.step - 1]
    return replace(state, date=step.date, mode=step.mode, event=step.event if step.mode == "event" else None,
                   pov=step.pov)


def boot_state(engine: Any, query: Any) -> dict[str, Any]:
    """{"state": the state as JSON, "controls": [[id, property, value]] that differ from the layout's,
    "browserLang": the language the browser asks for (an address without lang= opens in it), "notices": what the
    parser said, in the page's language}."""
    state = on_tour_step(engine, mapstate.parse(query, events=engine.events, units=engine.units,
                                                 tours=tour_lengths()))
    browser = requested_language()
    if "lang" not in query:
        state = replace(state, lang=browser)
    controls = [[cid, prop, value] for (cid, prop), value in mapstate.to_controls(state).items()
                if value != DEFAULT_CONTROLS[(cid, prop)]]
    return {"state": mapstate.to_json(state), "controls": controls, "browserLang": browser,
            "notices": [notice_text(n, state.lang) for n in state.notices]}


def data_block(payload: Any) -> str:
    """JSON safe inside <script type="application/json">: no "<" can end the element or open a comment."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def install_boot(dash_app: Any, engine: Any) -> None:
    """Every index page gets its boot state (a data block: not a script the CSP must allow)."""
    original = dash_app.interpolate_index

    def interpolate_index(**kwargs: Any) -> str:
        page = original(**kwargs)
        tag = f'<script id="{ids.BOOT}" type="application/json">{data_block(boot_state(engine, request.args))}</script>'
        return page.replace("</head>", tag + "\n</head>", 1)

    dash_app.interpolate_index = interpolate_index
