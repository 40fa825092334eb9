"""assets/constants.js, written from app/ids.py, app/mapstate.py and app/cartography/views.py: the one place the
browser's scripts take the page's component ids, the date range, the points of view, the languages, the state's
defaults, the size classes and the map's views (home, phone, a tour step's) from, and Plotly's (empty) geo topojson
from assets/topojson/, given before the first plot so that no geo draw waits on a fetch (a draw that straddles tasks
let a relayout land in its middle and leave the insets where the server put them). `python -m app.jsconst` (make
constants) writes it; tests/unit/test_jsconst.py fails when the committed file differs from what this writes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app import ASSETS_DIR, ids, mapstate
from app.cartography.labels import present_width
from app.cartography.views import PAGE_VIEWS, PRESENT_MAX_KM_PER_PX

TARGET = ASSETS_DIR / "constants.js"


def constants() -> dict:
    state = mapstate.MapState()
    return {
        "ids": {name: value for name, value in vars(ids).items() if name.isupper() and isinstance(value, str)},
        "EPOCH": mapstate.MIN_DATE.isoformat(),
        "LAST_DAY": mapstate.MAX_DATE.isoformat(),
        "MAX_DAY": mapstate.MAX_DAY,
        "MODES": mapstate.MODES,
        "POVS": mapstate.POVS,
        "POV_ALIASES": mapstate.POV_ALIASES,
        "NAMES": mapstate.NAMES,
        "LANGS": mapstate.LANGS,
        "VIEWS": mapstate.VIEWS,
        "FIGURE_VIEWS": mapstate.FIGURE_VIEWS,
        "TABS": mapstate.TABS,
        "KNOWN_KEYS": mapstate.KNOWN_KEYS,
        "DEFAULTS": mapstate.to_json(state),
        "CONTROLS": [list(c) for c in mapstate.CONTROLS],
        "PHONE_MAX_PX": ids.PHONE_MAX_PX,
        "DRAWER_MAX_PX": ids.DRAWER_MAX_PX,
        "GEO_VIEWS": {name: {"lon": v["lonaxis"]["range"], "lat": v["lataxis"]["range"], "center": v["center"]}
                      for name, v in PAGE_VIEWS.items()},
        # the whole map's width on the smallest projector: a Present box this wide takes Present's type
        "PRESENT_MIN_PX": round(present_width(PRESENT_MAX_KM_PER_PX)),
    }


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def geo_assets() -> dict:
    """Every topojson Plotly's geo subplots could ask for, by name (the map draws its own land: these are stubs)."""
    return {path.stem: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted((ASSETS_DIR / "topojson").glob("*.json"))}


def render() -> str:
    values = constants()
    id_lines = ",\n".join(f"        {name}: {_compact(value)}" for name, value in values.pop("ids").items())
    lines = [f"    ids: Object.freeze({{\n{id_lines}\n    }})"]
    lines += [f"    {name}: {_compact(value)}" for name, value in values.items()]
    body = ",\n".join(lines)
    return ("/* Written by `python -m app.jsconst` (make constants) from app/ids.py, app/mapstate.py and\n"
            " * app/cartography/views.py: do not edit. The page's component ids, the date range, the state's\n"
            " * values and defaults, the size classes, the map's views. */\n"
            f"window.skconst = Object.freeze({{\n{body}\n}});\n"
            "window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};\n"
            f"Object.assign(window.PlotlyGeoAssets.topojson, {json.dumps(geo_assets(), separators=(',', ':'))});\n")


def main(argv: list[str] | None = None) -> int:
    path = Path(argv[0]) if argv else TARGET
    path.write_text(render(), encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
